"""Exporting a repository (or one YAML file) to Excel for colleagues who live in Excel.

:func:`export_workbook` loads the repository, runs the ``write`` of the kind asked for
(one module per kind in :mod:`zhengai.excel.sheets`: ``tasks``, ``oppm``, ``standards``,
``diagnosis``) and saves the workbook.  Everything that cannot be written is collected
first (:class:`~zhengai.excel.writer.Problems`) and reported with its YAML location;
nothing is written then.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from zhengai.excel.errors import ExcelError
from zhengai.excel.exporting import ExportContext, ExportResult
from zhengai.excel.sheets import SHEET_KINDS, choices, export_kinds
from zhengai.excel.writer import check_target, save
from zhengai.load.repository import load_repository


def export_workbook(
    source: Path, out: Path, kind: str, *, force: bool = False, as_of: dt.date | None = None
) -> ExportResult:
    """Export ``source`` (a repository folder or a YAML file) to ``out`` (see module doc)."""
    sheet_kind = SHEET_KINDS.get(kind)
    if sheet_kind is None or not sheet_kind.can_export:
        raise ExcelError(f"--kind “{kind}”无效；可选：{choices(export_kinds())}。")
    check_target(out, force=force)
    repo = load_repository([source])
    wb = Workbook()
    default = wb.active
    context = ExportContext(source, wb, ExportResult(out), as_of or dt.date.today())
    for bad in (f for f in repo.files if f.model is None):
        context.warn(f"{bad.rel} 有格式错误，未导出；请先运行 zhengai check 修正。", bad)
    sheet_kind.write(context, repo)
    if default is not None and len(wb.worksheets) > 1:
        wb.remove(default)
    context.problems.raise_if_any(out)
    save(wb, out, force=force)
    return context.result


__all__ = ["ExportResult", "export_workbook"]
