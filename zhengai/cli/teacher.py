"""``zhengai teacher``: teacher development plans — yearly self-diagnosis and team view."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from zhengai.cli.common import emit, parse_as_of, repository_root, user_errors

teacher_app = typer.Typer(
    help="教师发展：三年发展规划的年度自测自诊，与部门教师团队概况。",
    no_args_is_help=True,
)


class Format(StrEnum):
    md = "md"
    json = "json"


# The options both commands take, declared once (Typer reads an option from its default).
YEAR = typer.Option(None, "--year", help="年度（默认为基准日所在年）。")
AS_OF = typer.Option(None, "--as-of", help="诊断基准日 YYYY-MM-DD（默认今天）。")
FORMAT = typer.Option(Format.md, "--format", "-f", help="输出格式：md（默认）、json。")
OUTPUT = typer.Option(None, "--output", "-o", help="写入文件（原子写入）。")
FORCE = typer.Option(False, "--force", help="输出文件已存在时覆盖。")


@teacher_app.command("diagnose")
def diagnose(
    plan: str = typer.Argument(..., help="教师发展规划文件（kind: teacher_plan），或规划标识、教师工号（配合 --root）。"),
    root: Path | None = typer.Option(None, "--root", help="仓库根目录（默认从规划文件向上查找 zhengai.yaml）。"),
    year: int | None = typer.Option(None, "--year", help="自诊年度（默认为基准日所在年）。"),
    as_of: str | None = AS_OF,
    fmt: Format = FORMAT,
    output: Path | None = OUTPUT,
    force: bool = FORCE,
) -> None:
    """教师年度自测自诊：对照标准（分维度自评得分）与规划（年度目标达成度），给出预警与 SMART 问题。

    退出码：0 正常；2 用法、配置或输入错误。
    """
    from zhengai.load.repository import load_repository
    from zhengai.score.teachers import diagnose_teacher, find_plan

    day = parse_as_of(as_of)
    with user_errors():
        repo = load_repository([repository_root(Path(plan), root)])
        located = find_plan(repo, plan)
        result = diagnose_teacher(repo, located, day, year)
        text = _text(fmt, result.to_dict(), "teacher.md.j2", {"d": result})
    emit(text, output, force=force)
    if output is not None:
        typer.echo(f"已写入 {output}：红色预警 {result.red} 条，黄色预警 {result.yellow} 条。", err=True)


@teacher_app.command("team")
def team(
    dept: str | None = typer.Argument(None, help="部门目录或部门标识/名称；不写则为全院。"),
    root: Path | None = typer.Option(None, "--root", help="仓库根目录（默认从部门目录或当前目录向上查找）。"),
    year: int | None = YEAR,
    as_of: str | None = AS_OF,
    fmt: Format = FORMAT,
    output: Path | None = OUTPUT,
    force: bool = FORCE,
) -> None:
    """部门教师团队概况：层级分布、双师占比、到期目标、自测自诊得分与预警（供教师层面年度报告）。

    退出码：0 正常；2 用法、配置或输入错误。
    """
    from zhengai.load.repository import load_repository
    from zhengai.score.diagnosis import resolve_department
    from zhengai.score.teachers import team_view

    day = parse_as_of(as_of)
    with user_errors():
        repo = load_repository([repository_root(Path(dept) if dept else Path.cwd(), root)])
        department = resolve_department(repo, Path(dept)) if dept else None
        data = team_view(repo, department, day, year)
        text = _text(fmt, data, "team.md.j2", {"t": data})
    emit(text, output, force=force)


def _text(fmt: Format, body: Any, template: str, context: dict[str, Any]) -> str:
    """The command's output: the JSON body, or the Markdown template over ``context``."""
    if fmt is Format.json:
        return json.dumps(body, ensure_ascii=False, indent=2) + "\n"
    from zhengai.render.markdown import render_template

    return render_template(template, context)


def register(app: typer.Typer) -> None:
    """Add the ``teacher`` command group to the app."""
    app.add_typer(teacher_app, name="teacher")
