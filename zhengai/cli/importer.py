"""``zhengai import``: Excel sheets → plan-repository YAML."""

from __future__ import annotations

import json
import os
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from zhengai.cli.common import fail, user_errors
from zhengai.excel.sheets import choices, import_kinds

if TYPE_CHECKING:
    from zhengai.excel.importers import ImportResult
    from zhengai.findings import Finding

_MAX_WARNINGS = 10
RESPONSES = "responses"
"""Survey answers: read by :mod:`zhengai.survey.responses`, not a plan sheet of the registry."""

# The choices come from the sheet-kind registry.  Typer needs an Enum class for them; the
# functional form cannot be followed by mypy, which sees the parameter as the str it is.
if TYPE_CHECKING:
    ImportKind = str
else:
    ImportKind = StrEnum(
        "ImportKind", [(k, k) for k in ("auto", *(k.id for k in import_kinds()), RESPONSES)]
    )


class Format(StrEnum):
    text = "text"
    json = "json"


def import_(
    source: Path = typer.Argument(..., help="Excel 文件：.xlsx、.xlsm 或旧版 .xls。"),
    output: Path = typer.Option(
        ..., "--output", "-o", help="输出的 YAML 文件；按工作表各出一个文件时给目录。"
    ),
    kind: ImportKind = typer.Option(
        "auto",
        "--kind",
        "-k",
        help=f"表格类型：auto（按表头判断，默认）、{choices(import_kinds())}、"
        f"{RESPONSES}（问卷回答，需 --instrument，输出 CSV）。",
    ),
    sheet: str | None = typer.Option(
        None, "--sheet", "-s", help="只导入这个工作表（默认导入所有可见工作表）。"
    ),
    mapping: Path | None = typer.Option(
        None, "--mapping", "-m", help="表头映射文件（YAML），补充或覆盖内置同义词表。"
    ),
    report: Path | None = typer.Option(
        None, "--report", "-r", help="导入报告（CSV）：每个单元格的内容与去向。"
    ),
    year: int | None = typer.Option(
        None, "--year", help="年度（表中看不出年度时使用）。", min=1990, max=2100
    ),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的输出文件和报告。"),
    instrument: str | None = typer.Option(
        None, "--instrument", help="--kind responses 时：问卷（内置标识或问卷 YAML 文件）。"
    ),
    fmt: Format = typer.Option(
        Format.text,
        "--format",
        "-f",
        help="输出格式：text（默认，警告与摘要写到标准错误）；json（在标准输出列出各条问题：工作表、行、列、级别、说明）。",
    ),
) -> None:
    """导入 Excel：把建设任务表、重点任务分解表、一页纸计划、标准表、参考表转为 YAML。

    每个单元格都有去向（数据、extra、notes 或表头），可用 --report 查看；
    退出码：0 成功；2 文件无法读取、表格无法识别或有单元格无处存放。
    """
    _refuse_overwriting_inputs(
        {"-o/--output": output, "-r/--report": report},
        source,
        mapping,
        Path(instrument) if instrument else None,  # an instrument may be given as a YAML file
    )
    if str(kind) == RESPONSES:
        _import_responses(source, output, instrument, force)
        return
    from zhengai.errors import ZhengaiError
    from zhengai.excel.errors import fatal_finding
    from zhengai.excel.headers import load_mapping
    from zhengai.excel.importers import ImportOptions, import_workbook, write_import
    from zhengai.excel.report import fail_on_errors, report_file

    result: ImportResult | None = None
    with user_errors():
        try:
            options = ImportOptions(
                kind=str(kind),
                sheet=sheet,
                year=year,
                mapping=load_mapping(mapping) if mapping else None,
                keep_entries=False,
            )
            with report_file(report, force=force) as sink:
                options.report_sink = sink
                result = import_workbook(source, options)
            fail_on_errors(result.report)
            written = write_import(result, output, force=force)
        except ZhengaiError as exc:
            if fmt is Format.json:  # the findings so far, then the fatal one, then exit 2
                found = result.report.findings if result is not None else []
                if not result or not result.report.errors:  # else fail_on_errors raised
                    found = [*found, fatal_finding(exc, source.name)]
                _print_json(source, found, [], ok=False)
            raise
    if fmt is Format.json:
        _print_json(source, result.report.findings, written, ok=True)
    for warning in result.report.warnings[:_MAX_WARNINGS]:
        typer.echo(f"警告：{warning}", err=True)
    if len(result.report.warnings) > _MAX_WARNINGS:
        more = len(result.report.warnings) - _MAX_WARNINGS
        typer.echo(
            f"另有 {more} 条警告{'，见报告 ' + str(report) if report else '，加 --report 查看全部'}。",
            err=True,
        )
    items = sum(d.count for d in result.documents)
    shown = "、".join(str(p) for p in written)
    typer.echo(f"已导入：{result.report.summary()} 写入 {shown}（{items} 项）。", err=True)


def _print_json(source: Path, findings: list[Finding], written: list[Path], *, ok: bool) -> None:
    """The import's findings as JSON on stdout (the Chinese summary stays on stderr)."""
    payload = {
        "file": source.name,
        "ok": ok,
        "written": [str(p) for p in written],
        "findings": [f.to_dict() for f in findings],
    }
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def _same_file(a: Path, b: Path) -> bool:
    """True when two paths name one file: equal once resolved, or one inode (hard link)."""
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _refuse_overwriting_inputs(outputs: dict[str, Path | None], *inputs: Path | None) -> None:
    """Exit 2 before reading anything when an output would replace an input or another output.

    ``-f`` only allows replacing earlier *outputs*; with ``import SRC -r SRC -f`` the CSV
    report would otherwise be moved over the workbook being imported.
    """
    named = [(option, path) for option, path in outputs.items() if path is not None]
    for option, path in named:
        for source in inputs:
            if source is not None and _same_file(path, source):
                fail(f"{option} 给出的 {path} 就是输入文件 {source}；请换一个输出文件名，以免覆盖原文件。")
    for i, (first, a) in enumerate(named):
        for second, b in named[i + 1 :]:
            if _same_file(a, b):
                fail(f"{first} 与 {second} 是同一个文件（{a}）；请分别给出不同的文件名。")


def _import_responses(source: Path, output: Path, instrument: str | None, force: bool) -> None:
    """Survey-tool exports → a plain CSV keyed by item ids (same header matching as ``survey score``)."""
    from zhengai.fsutil import atomic_write_bytes
    from zhengai.load.instruments import load_instrument
    from zhengai.survey.responses import canonical_csv, read_responses

    if instrument is None:
        fail("--kind responses 需要用 --instrument 指定问卷（zhengai survey list 列出内置问卷）。")
    with user_errors():
        table = read_responses(source, load_instrument(instrument))
        atomic_write_bytes(output, canonical_csv(table).encode("utf-8-sig"), force=force)
    for cell in table.invalid[:_MAX_WARNINGS]:
        typer.echo(f"警告：{cell.where} 题目 {cell.item} 的答案“{cell.raw}”不在量表内，输出中留空。", err=True)
    if len(table.invalid) > _MAX_WARNINGS:
        typer.echo(f"另有 {len(table.invalid) - _MAX_WARNINGS} 个无效答案（在输出中留空）。", err=True)
    typer.echo(f"已导入 {table.n} 份答卷、{len(table.item_ids)} 题，写入 {output}。", err=True)


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("import")(import_)
