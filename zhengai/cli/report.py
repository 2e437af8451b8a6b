"""``zhengai report annual``: every report of the year in one command."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import typer

from zhengai.cli.common import FONT_HELP, fail, parse_as_of, user_errors
from zhengai.reports.registry import DEFAULT_KINDS, KINDS, kind_help

report_app = typer.Typer(
    name="report", help="生成报告：年度批量生成全部诊改报告与质量年度报告；按月生成部门月度工作报表。", no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

STATUS = {"written": "已生成", "skipped": "未变化", "failed": "失败"}

CHART_IMAGES_HELP = ("Word 报告中的图表改为图片（需中文字体，见 --font）；默认为 Word 原生图表，"
                     "由 Word/WPS 用其字体绘制，可改样式、可编辑数据。")
"""The ``--chart-images`` help of ``report annual`` and ``diagnose`` (one wording)."""


def _split(value: str, allowed: tuple[str, ...], option: str) -> tuple[str, ...]:
    items = tuple(dict.fromkeys(v.strip() for v in value.replace("，", ",").split(",") if v.strip()))
    bad = [v for v in items if v not in allowed]
    if bad or not items:
        fail(f"{option} 的取值“{'、'.join(bad) or value}”无效；可选：{'、'.join(allowed)}（逗号分隔）。")
    return items


def _show_progress() -> bool:
    """A progress bar only on a terminal, never in CI logs."""
    return sys.stderr.isatty() and not os.environ.get("CI")


def annual(
    root: Path = typer.Argument(..., help="仓库根目录（含 zhengai.yaml）。"),
    year: int = typer.Option(..., "--year", "-y", min=1990, max=2100, help="报告年度，如 2026。"),
    out: Path = typer.Option(..., "--out", "-o", help="输出目录（不存在则创建；其中的清单用于跳过未变化的报告）。"),
    kind: str = typer.Option(
        ",".join(DEFAULT_KINDS), "--kind", "-k", help=f"报告类型，逗号分隔：{kind_help()}。"),
    fmt: str = typer.Option("docx,md,audit", "--format", "-f",
                            help="输出格式，逗号分隔：docx、md（正式报告）、audit（工作底稿 <报告名>.底稿.md：来源、编号、规则、公式与编写清单）。"),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help="并行进程数（默认为 CPU 核数）。"),
    force: bool = typer.Option(False, "--force", help="不看清单，全部重新生成，并覆盖被人改动过的报告。"),
    as_of: str | None = typer.Option(None, "--as-of", help="基准日 YYYY-MM-DD（默认该年 12 月 31 日；当年则为今天）。"),
    font: Path | None = typer.Option(None, "--font", help="--chart-images 时" + FONT_HELP),
    chart_images: bool = typer.Option(False, "--chart-images", help=CHART_IMAGES_HELP),
    template_dir: Path | None = typer.Option(
        None, "--template-dir", help="自定义模板目录：其中的 <类型>.docx、<类型>.md.j2、<类型>.audit.md.j2 代替默认模板。"),
    allow_errors: bool = typer.Option(
        False, "--allow-errors", help="数据检查有错误时仍然生成：有错误的文件不纳入任何报告，目录与结果中列出这些文件。"),
) -> None:
    """批量生成某年度的全部报告：各部门、专业、课程的自我诊改报告，学院及各层面质量年度报告，校内复核报告，中期检查报告。

    先对仓库做数据检查（同 zhengai check）：有错误时列出错误并停止，不生成报告；加 --allow-errors
    则把有错误的文件排除在全部报告之外，并在结果与 index.md 中说明。
    每份报告写成 Word（GB/T 9704 版式）和/或 Markdown 正式报告，并在旁边写工作底稿（.底稿.md），另写 index.md 目录。输入未变化的报告自动跳过。
    退出码：0 全部成功；1 数据检查有错误（未加 --allow-errors）或有报告失败（其余照常生成）；2 用法、配置或输出目录错误。
    """
    from zhengai.render.batch import FORMATS, BatchOptions
    from zhengai.render.charts import find_cjk_font

    kinds = _split(kind, tuple(KINDS), "--kind")
    formats = _split(fmt, FORMATS, "--format")
    day = parse_as_of(as_of) if as_of is not None else None  # None: the batch picks the year's date
    if template_dir is not None and not template_dir.is_dir():
        fail(f"--template-dir 不是目录：{template_dir}")
    if "docx" in formats and chart_images:
        with user_errors():  # before any work: without a CJK font every picture would fail the same way
            find_cjk_font(str(font) if font else None)
    opts = BatchOptions(root=root, year=year, out=out, kinds=kinds, formats=formats, jobs=jobs or 0, force=force,
                        as_of=day, font=str(font) if font else None, template_dir=template_dir,
                        chart_images=chart_images, allow_errors=allow_errors)
    _run_and_report(opts)


def monthly(
    root: Path = typer.Argument(Path("."), help="仓库根目录（含 zhengai.yaml，默认当前目录）。"),
    month: str = typer.Option(..., "--month", "-m", help="报表月份，如 2026-10。"),
    out: Path = typer.Option(Path("月度工作报表"), "--out", "-o",
                             help="输出目录（默认 ./月度工作报表；各月份的报表可写在同一目录，文件名带月份）。"),
    fmt: str = typer.Option("docx,md,audit", "--format", "-f",
                            help="输出格式，逗号分隔：docx、md（正式报告）、audit（工作底稿 <报告名>.底稿.md）。"),
    jobs: int | None = typer.Option(None, "--jobs", "-j", min=1, help="并行进程数（默认为 CPU 核数）。"),
    force: bool = typer.Option(False, "--force", help="全部重新生成，并覆盖被人改动过的报告。"),
    template_dir: Path | None = typer.Option(
        None, "--template-dir", help="自定义模板目录：其中的 monthly.docx、monthly.md.j2 等代替默认模板。"),
    allow_errors: bool = typer.Option(
        False, "--allow-errors", help="数据检查有错误时仍然生成：有错误的文件不纳入报表。"),
) -> None:
    """生成某月的部门月度工作报表：每个部门一份，另有全校汇总一份。

    每份报表列出本月与下月到期的任务、本月工作进展、一页纸计划执行情况（对照计划月份与实际实施月份）、
    本月新增预警（上月月底之后出现的）与须落实的改进措施；数据按该月月底读取（当月则按今天）。
    写成 Word 和 Markdown 正式报告及工作底稿（.底稿.md），版式与年度报告相同。
    退出码：0 全部成功；1 数据检查有错误（未加 --allow-errors）或有报表失败；2 用法、月份或输出目录错误。
    """
    import datetime as dt

    from zhengai.render.batch import FORMATS, BatchOptions
    from zhengai.score.appraisal import parse_window

    formats = _split(fmt, FORMATS, "--format")
    if template_dir is not None and not template_dir.is_dir():
        fail(f"--template-dir 不是目录：{template_dir}")
    import re

    wrong = f"--month 应为月份，如 2026-10；收到“{month}”。"
    found = re.fullmatch(r"\s*(\d{4})-(\d{1,2})\s*", month)
    if found is None or not 1 <= int(found.group(2)) <= 12:  # a quarter or 2026-13 is not a month
        fail(wrong)
    with user_errors():
        window = parse_window(month)
    today = dt.date.today()
    if window.start > today:
        fail(f"{window.name}尚未开始，无法生成月度工作报表。")
    opts = BatchOptions(root=root, year=window.start.year, out=out, kinds=("monthly",), formats=formats,
                        jobs=jobs or 0, force=force, as_of=min(window.end, today), template_dir=template_dir,
                        allow_errors=allow_errors)
    _run_and_report(opts, f"{window.name}部门月度工作报表")


def _run_and_report(opts: Any, what: str = "") -> None:
    """Run the batch ``opts`` and print its summary ("共 7 份报告：…", or with ``what`` such as
    "2026年10月部门月度工作报表" "…工作报表共 9 份：…"); exit 1 on check errors (every error
    listed) or a failed report."""
    from zhengai.render.batch import CheckErrors

    with user_errors():
        try:
            result = _run(opts)
        except CheckErrors as exc:  # a data problem, not a usage one: exit 1 with every error listed
            _show_check_errors(exc)
            raise typer.Exit(1) from None
    lead = f"{what}共 {len(result.results)} 份" if what else f"共 {len(result.results)} 份报告"
    typer.echo(f"{lead}：生成 {result.count('written')} 份，未变化跳过 "
               f"{result.count('skipped')} 份，失败 {result.count('failed')} 份；用时 {result.seconds:.1f} 秒。")
    for note in result.notes:
        typer.echo(f"注意：{note}")
    typer.echo(f"目录：{result.index}")
    if result.kept:
        typer.echo(f"以下 {len(result.kept)} 个文件被人改动过或不是 zhengai 生成的，未覆盖（确认要覆盖请加 --force）：")
        for rel, beside in result.kept.items():
            typer.echo(f"  {opts.out / rel} → 新版本写入 {opts.out / beside}")
    for failed in result.failed:
        typer.echo(f"  失败 {KINDS[failed.kind].name} {failed.label}：{failed.error}")
    if result.failed:
        raise typer.Exit(1)


def _show_check_errors(exc: Any) -> None:
    """The errors that stopped the batch, one ``file:line:col: message`` line each, and what to do."""
    shown = exc.gate.blocking if exc.allowed else exc.gate.errors
    typer.echo(f"错误：{exc}", err=True)
    for f in shown:
        where = f"{f.file}:{f.line}:{f.col}" if f.line else (f.file or "仓库")
        subject = f"［{f.subject}］" if f.subject else ""
        typer.echo(f"  {where}: {f.code} {f.message}{subject}", err=True)
    if exc.allowed:
        typer.echo("这些错误无法通过排除文件绕过（在 zhengai.yaml 中，或不属于任何文件）：请先修正。", err=True)
    else:
        typer.echo("请先修正这些错误（zhengai check 可查看提示）；或加 --allow-errors，把有错误的文件排除在全部报告之外。",
                   err=True)


def _run(opts: Any) -> Any:
    from zhengai.render.batch import run_batch

    if not _show_progress():
        return run_batch(opts)
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("生成报告", total=None)

        def update(result: Any, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total,
                       description=f"{STATUS[result.status]} {result.label}"[:30])

        return run_batch(opts, update)


def register(app: typer.Typer) -> None:
    """Add the ``report`` command group to the app."""
    report_app.command("annual")(annual)
    report_app.command("monthly")(monthly)
    app.add_typer(report_app, name="report")
