"""``zhengai diagnose``: a department's, program's or course's self-diagnosis report."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer

from zhengai.cli.common import FONT_HELP, emit, fail, parse_as_of, repository_root, user_errors
from zhengai.cli.report import CHART_IMAGES_HELP


class Format(StrEnum):
    md = "md"
    audit = "audit"
    json = "json"
    text = "text"
    docx = "docx"


class FailOn(StrEnum):
    red = "red"
    yellow = "yellow"
    never = "never"


SUFFIX_FORMATS = {".docx": Format.docx, ".json": Format.json, ".txt": Format.text, ".md": Format.md}
"""What an output file's extension says its content is (``.底稿.md`` is the working edition)."""


def output_format(fmt: Format | None, output: Path | None) -> Format:
    """The format asked for, or the one ``-o``'s extension names (md without either).

    A format that contradicts the extension (Markdown into ``报告.docx``) is refused: the file
    would not open in Word, and nothing is written."""
    implied = None
    if output is not None:
        implied = Format.audit if output.name.endswith(".底稿.md") else SUFFIX_FORMATS.get(output.suffix.lower())
    if fmt is None:
        return implied or Format.md
    binary = {fmt, implied} & {Format.docx}
    if output is not None and implied is not None and binary and fmt is not implied:
        fail(f"-o {output.name} 是 {'Word' if implied is Format.docx else implied.value} 文件，与 --format {fmt.value} 不符："
             "请改扩展名或去掉 --format（按扩展名决定格式）。")
    return fmt


def diagnose(
    dept_dir: Path = typer.Argument(
        ..., help="部门目录，如 departments/jwc；也可写部门、专业或课程的代码或名称，如 460301、机电一体化技术。"),
    root: Path | None = typer.Option(None, "--root", help="仓库根目录（默认从部门目录向上查找 zhengai.yaml）。"),
    as_of: str | None = typer.Option(None, "--as-of", help="诊断基准日 YYYY-MM-DD（默认今天）。"),
    fmt: Format | None = typer.Option(None, "--format", "-f", help="输出格式：md（正式报告）、audit（工作底稿：来源、编号、规则、公式与编写清单）、json、text、docx（Word，须配合 -o）；默认按 -o 的扩展名（.docx、.json、.txt、.底稿.md），否则 md。"),
    output: Path | None = typer.Option(None, "--output", "-o", help="写入文件（原子写入）。"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖。"),
    template: Path | None = typer.Option(
        None, "--template", help="自定义模板：Markdown 为 Jinja 文本（.md.j2），docx 为 Word 模板（.docx）。"),
    font: Path | None = typer.Option(None, "--font", help="docx 报告 --chart-images 时" + FONT_HELP),
    chart_images: bool = typer.Option(False, "--chart-images", help=CHART_IMAGES_HELP),
    fail_on: FailOn = typer.Option(FailOn.never, "--fail-on", help="有该级别及以上预警时以 1 退出：red、yellow、never。"),
) -> None:
    """诊断一个部门、专业或课程：SMART 检查、达成度评分、预警，并生成自我诊改报告。

    专业、课程按本层面标准、以本单位的观测数据（unit 字段）计分。

    退出码：0 正常；1 有达到 --fail-on 级别的预警；2 用法、配置或输入错误。
    """
    from zhengai.load.repository import load_repository
    from zhengai.score.diagnosis import resolve_unit

    day = parse_as_of(as_of)
    fmt = output_format(fmt, output)
    if fmt is Format.docx and output is None:
        fail("Word 报告是二进制文件，不能输出到终端：请用 -o 指定文件，如 -o 诊改报告.docx。")
    base = repository_root(dept_dir, root)
    with user_errors():
        repo = load_repository([base])
        unit = resolve_unit(repo, dept_dir)
        if fmt is Format.docx and output is not None and output.exists() and not force:
            fail(f"文件已存在：{output}；确认要覆盖请加 --force。")  # before the charts are drawn
        text, blob, result = _render(repo, unit, day, fmt, template, font, chart_images)
        if blob is not None:
            from zhengai.fsutil import atomic_write_bytes

            assert output is not None  # checked above
            atomic_write_bytes(output, blob, force=force)
    if text is not None:
        emit(text, output, force=force)
    if output is not None:
        typer.echo(f"已写入 {output}：红色预警 {result.red} 条，黄色预警 {result.yellow} 条。", err=True)
    if (fail_on is FailOn.red and result.red) or (fail_on is FailOn.yellow and (result.red or result.yellow)):
        raise typer.Exit(1)


def _render(repo: Any, unit: Any, day: dt.date, fmt: Format, template: Path | None,
            font: Path | None, chart_images: bool = False) -> tuple[str | None, bytes | None, Any]:
    """(text, Word bytes, the Diagnosis) of the unit's report in ``fmt``.

    md, audit and docx are the report the batch makes (:func:`zhengai.render.report.render_report`
    over the same :class:`~zhengai.reports.workspace.ReportData`); json is the machine
    envelope and text the short summary, both over the Diagnosis itself.
    """
    if fmt in (Format.md, Format.audit, Format.docx):
        from zhengai.render.report import render_report
        from zhengai.reports.diagnosis import diagnosis_report
        from zhengai.reports.workspace import Workspace

        dept = repo.department(unit.department)
        data = diagnosis_report(Workspace(repo, day), dept, None if unit.kind == "department" else unit)
        out = render_report(data, [fmt.value], {fmt.value: template}, str(font) if font else None,
                            chart_images)[fmt.value]
        return (None, out, data.source) if fmt is Format.docx else (out.decode("utf-8"), None, data.source)
    from zhengai.render.markdown import render_template, report_context
    from zhengai.render.reporters import envelope
    from zhengai.score.diagnosis import Diagnoser

    result = Diagnoser(repo, day).diagnose_unit(unit)
    if fmt is Format.json:
        return json.dumps(envelope(result.report(), **result.to_dict()), ensure_ascii=False, indent=2) + "\n", None, result
    return render_template("diagnosis.txt.j2", report_context(result)), None, result


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("diagnose")(diagnose)
