"""``zhengai survey``: score self-test questionnaires (学生发展自测、教师自测自诊)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from zhengai.cli.common import FONT_HELP, fail, user_errors

survey_app = typer.Typer(
    help="自测问卷：按维度、要素计分，生成雷达图、分组统计和“学生全面发展质量”报告节。",
    no_args_is_help=True,
)


class By(StrEnum):
    class_ = "class"
    program = "program"
    department = "department"


@survey_app.command("score")
def score(
    instrument: str = typer.Argument(..., help="问卷：内置问卷标识（见 zhengai survey list）或 kind: instrument 的 YAML 文件。"),
    responses: Path = typer.Argument(..., help="回答文件（.xlsx 或 .csv，一行一人、一列一题，中文表头）。"),
    output: Path = typer.Option(..., "--output", "-o", help="输出目录：scores.xlsx、charts/*.png、report.md 等。"),
    by: list[By] = typer.Option([], "--by", help="分组：class 班级、program 专业、department 二级学院；可重复。"),
    previous: Path | None = typer.Option(None, "--previous", help="上一年（上一届）的回答文件，用于同比比较。"),
    each: bool = typer.Option(False, "--each", help="为每位答卷人各画一张雷达图（charts/个人/）。"),
    no_charts: bool = typer.Option(False, "--no-charts", help="不画图（没有中文字体时可用）。"),
    font: Path | None = typer.Option(None, "--font", help=FONT_HELP),
    template: Path | None = typer.Option(None, "--template", help="自定义 Markdown 报告模板（Jinja）。"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖。"),
) -> None:
    """计分：个人要素/维度得分（0–100）、优势与薄弱维度、建议模块；分组统计、雷达图、数据质量。

    退出码：0 正常；2 问卷、回答文件或输出目录有问题（含找不到中文字体）。
    """
    from zhengai.load.instruments import load_instrument
    from zhengai.render.survey import write_outputs
    from zhengai.survey.run import run_survey

    if output.exists() and not output.is_dir():
        fail(f"输出路径 {output} 是文件，请给出目录。")
    with user_errors():
        inst = load_instrument(instrument)
        result = run_survey(inst, responses, [b.value for b in dict.fromkeys(by)], previous)
        written = write_outputs(result, output, force=force, each=each, charts=not no_charts, template=template,
                                font=str(font) if font else None)
    charts = sum(1 for p in written if p.suffix == ".png")
    college = result.college
    typer.echo(
        f"已写入 {output}：答卷 {result.table.n} 份，有效 {college.valid} 份，"
        f"因数据质量问题剔除 {college.excluded} 份；雷达图 {charts} 张。",
        err=True,
    )


@survey_app.command("list")
def list_instruments() -> None:
    """列出内置问卷：标识、名称、维度与要素数、量表。"""
    from zhengai.load.instruments import load_instrument, shipped_instruments

    for ident in shipped_instruments():
        inst = load_instrument(ident)
        elements = sum(len(d.elements) for d in inst.dimensions)
        items = len(inst.questions())
        dims = "、".join(d.name for d in inst.dimensions)
        typer.echo(f"{ident}\t{inst.title}\t{len(inst.dimensions)} 个维度 {elements} 个要素 {items} 题，"
                   f"量表 {inst.scale.min}–{inst.scale.max}\t{dims}")


def register(app: typer.Typer) -> None:
    """Add the ``survey`` command group to the app."""
    app.add_typer(survey_app, name="survey")
