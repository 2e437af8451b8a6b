"""``zhengai schema``: print or write the JSON Schemas of the file formats."""

from __future__ import annotations

from pathlib import Path

import typer

from zhengai.cli.common import fail, user_errors


def schema(
    kind: str | None = typer.Argument(None, help="文件类型，如 plan；不写则需 --out。"),
    out: Path | None = typer.Option(None, "--out", "-o", help="把全部 JSON Schema 写入该目录。"),
) -> None:
    """输出文件格式的 JSON Schema（供编辑器补全与校验）。"""
    import json

    from zhengai.models import KIND_MODELS
    from zhengai.models.schemagen import schema_for, write_all

    if out is not None:
        with user_errors():
            for path in write_all(out):
                typer.echo(str(path))
        return
    if kind is None or kind not in KIND_MODELS:
        fail("请给出文件类型：" + "、".join(KIND_MODELS) + "；或用 --out 目录 写出全部。")
    typer.echo(json.dumps(schema_for(kind), ensure_ascii=False, indent=2))


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("schema")(schema)
