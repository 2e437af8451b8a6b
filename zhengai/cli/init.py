"""``zhengai init``: scaffold a new plan repository."""

from __future__ import annotations

from pathlib import Path

import typer

from zhengai.cli.common import user_errors


def init(
    folder: Path = typer.Argument(..., help="新仓库的目录（不存在或为空）。"),
    institution: str = typer.Option("某某职业技术学院", "--institution", help="学校名称。"),
    start: int | None = typer.Option(None, "--start", help="规划期起始年，2000–2100（默认今年）。"),
    years: int = typer.Option(5, "--years", min=1, max=10, help="规划期年数。"),
) -> None:
    """新建一个空的、可通过检查的计划仓库（含供编辑器补全与校验的 schemas/）。"""
    from zhengai.load.scaffold import SCHEMAS, init_repository

    with user_errors():
        written = init_repository(folder, institution=institution, start=start, years=years)
    schemas = [p for p in written if p.parent.name == SCHEMAS]
    for path in written:
        if path not in schemas:
            typer.echo(f"已创建 {path}")
    typer.echo(f"已创建 {folder / SCHEMAS}（{len(schemas)} 个 JSON Schema，供编辑器补全与校验）")
    typer.echo(f"下一步：cd {folder} && git init && zhengai check .")


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("init")(init)
