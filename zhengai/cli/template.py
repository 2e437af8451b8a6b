"""``zhengai template check``: check a college's report template before using it."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

import typer

from zhengai.cli.common import fail, user_errors
from zhengai.reports.registry import TEMPLATES

template_app = typer.Typer(
    name="template", help="报告模板：检查学校自定义的 Word / Markdown 模板。", no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    text = "text"
    json = "json"


def check(
    file: Path = typer.Argument(..., help="模板文件：.docx 或 .md.j2。"),
    kind: str | None = typer.Option(
        None, "--kind", "-k",
        help=f"模板类型：{'、'.join(TEMPLATES)}（默认按文件名判断）。"),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="输出格式：text（默认）、json。"),
    fields: bool = typer.Option(False, "--fields", help="同时列出该类型报告提供的全部变量。"),
) -> None:
    """检查报告模板：列出模板用到的变量并与报告数据对照，指出被 Word 拆开的标记、语法错误与版式差异。

    退出码：0 模板可以使用；1 有错误（变量不存在、语法错误、标记跨段）；2 用法错误或文件无法读取。
    """
    from zhengai.render.word.check import check_template, guess_kind
    from zhengai.reports.fields import describe

    chosen = kind or guess_kind(file)
    if chosen is None:
        fail(f"无法从文件名判断模板类型：请用 --kind 指定（{'、'.join(TEMPLATES)}）。")
    if chosen not in TEMPLATES:
        fail(f"未知的模板类型“{chosen}”；可选：{'、'.join(TEMPLATES)}。")
    with user_errors():
        result = check_template(file, chosen)
    if fmt is Format.json:
        data = result.to_dict()
        if fields:
            data["fields"] = dict(describe(TEMPLATES[chosen].context_fields))
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        counts = {s: sum(1 for i in result.issues if i.severity == s) for s in ("error", "warning", "info")}
        unknown = sum(1 for v in result.variables if not v.known)
        typer.echo(f"模板 {file}（{chosen} 类型）：使用变量 {len(result.variables)} 个，其中 {unknown} 个不在报告数据中；"
                   f"错误 {counts['error']} 个，警告 {counts['warning']} 个，提示 {counts['info']} 个。")
        if result.variables:
            typer.echo("变量：")
            for v in result.variables:
                mark = "✔" if v.known else "✘"
                typer.echo(f"  {mark} {v.path}　{v.description if v.known else '（不存在）' + v.hint}")
        if result.issues:
            typer.echo("问题：")
            for issue in result.issues:
                where = f"{issue.where}：" if issue.where else ""
                typer.echo(f"  {issue.label} {where}{issue.message}")
        if fields:
            typer.echo(f"{chosen} 报告提供的全部变量：")
            for path, text in describe(TEMPLATES[chosen].context_fields):
                typer.echo(f"  {path}　{text}")
    if not result.ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the ``template`` command group to the app."""
    template_app.command("check")(check)
    app.add_typer(template_app, name="template")
