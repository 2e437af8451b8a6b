"""``zhengai export``: plan-repository YAML → Excel sheets for colleagues."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from zhengai.cli.common import user_errors
from zhengai.excel.sheets import export_kinds

# The choices come from the sheet-kind registry (see cli/importer.py for the Enum form).
if TYPE_CHECKING:
    ExportKind = str
else:
    ExportKind = StrEnum("ExportKind", [(k.id, k.id) for k in export_kinds()])
_KIND_HELP = "；".join(f"{k.id} {k.name}" for k in export_kinds()) + "。"


def export(
    source: Path = typer.Argument(..., help="仓库目录（含 zhengai.yaml）或其中的一个 YAML 文件。"),
    output: Path = typer.Option(..., "--output", "-o", help="输出的 Excel 文件（.xlsx）。"),
    kind: ExportKind = typer.Option(
        ...,
        "--kind",
        "-k",
        help=_KIND_HELP,
    ),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的文件。"),
) -> None:
    """导出 Excel：给仍在用 Excel/WPS 的同事的分解表、一页纸计划、标准表和诊断表。

    文本一律按文本写入（以 = + - @ 开头也不会变成公式）；写入前检查 Excel 的限制；
    不加 --force 不覆盖已有文件。退出码：0 成功；2 无法导出。
    """
    from zhengai.excel.exporters import export_workbook

    with user_errors():
        result = export_workbook(source, output, str(kind), force=force)
    for warning in result.warnings:
        typer.echo(f"警告：{warning}", err=True)
    typer.echo(
        f"已导出 {len(result.sheets)} 个工作表到 {output}：{'、'.join(result.sheets)}。", err=True
    )


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("export")(export)
