"""``zhengai diagnose``: a department's self-diagnosis report."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path

import typer

from zhengai.cli.common import emit, fail


class Format(StrEnum):
    md = "md"
    json = "json"
    text = "text"


class FailOn(StrEnum):
    red = "red"
    yellow = "yellow"
    never = "never"


def parse_as_of(value: str | None) -> dt.date:
    """``YYYY-MM-DD`` or today."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--as-of 应为 YYYY-MM-DD 形式的日期，收到“{value}”。")


def diagnose(
    dept_dir: Path = typer.Argument(..., help="部门目录，如 departments/jwc（也可写部门标识或名称）。"),
    root: Path | None = typer.Option(None, "--root", help="仓库根目录（默认从部门目录向上查找 zhengai.yaml）。"),
    as_of: str | None = typer.Option(None, "--as-of", help="诊断基准日 YYYY-MM-DD（默认今天）。"),
    fmt: Format = typer.Option(Format.md, "--format", "-f", help="输出格式：md（默认）、json、text。"),
    output: Path | None = typer.Option(None, "--output", "-o", help="写入文件（原子写入）。"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖。"),
    template: Path | None = typer.Option(None, "--template", help="自定义 Markdown 模板（Jinja）。"),
    fail_on: FailOn = typer.Option(FailOn.never, "--fail-on", help="有该级别及以上预警时以 1 退出：red、yellow、never。"),
) -> None:
    """诊断一个部门：SMART 检查、达成度评分、预警，并生成自我诊改报告。

    退出码：0 正常；1 有达到 --fail-on 级别的预警；2 用法、配置或输入错误。
    """
    from zhengai.diagnosis import diagnose as run
    from zhengai.diagnosis import resolve_department
    from zhengai.render import RenderError, render_template, report_context
    from zhengai.reporters import envelope
    from zhengai.repository import RepositoryError, find_root, load_repository

    day = parse_as_of(as_of)
    base = root or find_root(dept_dir if dept_dir.exists() else Path.cwd())
    if base is None:
        fail(f"找不到仓库根目录（含 zhengai.yaml）：请用 --root 指定。部门目录：{dept_dir}")
    try:
        repo = load_repository([base])
        dept = resolve_department(repo, dept_dir)
        result = run(repo, dept, day)
        if fmt is Format.json:
            text = json.dumps(envelope(result.report(), **result.to_dict()), ensure_ascii=False, indent=2) + "\n"
        elif fmt is Format.text:
            text = render_template("diagnosis.txt.j2", report_context(result))
        else:
            text = render_template("diagnosis.md.j2", report_context(result), template)
    except (RepositoryError, RenderError) as exc:
        fail(str(exc))
    emit(text, output, force=force)
    if output is not None:
        typer.echo(f"已写入 {output}：红色预警 {result.red} 条，黄色预警 {result.yellow} 条。", err=True)
    if (fail_on is FailOn.red and result.red) or (fail_on is FailOn.yellow and (result.red or result.yellow)):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("diagnose")(diagnose)
