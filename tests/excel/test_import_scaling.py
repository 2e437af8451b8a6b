"""The import does the same work for every row, however long the sheet (issue 9).

Counted, not timed: the number of Python and C function calls of a whole import (read,
map, report, write the YAML) is the same for each extra row whether the sheet has 50 or
200 rows.  The origin bookkeeping used to scan every cell placed so far for every row,
which made a 10,000-row sheet take 24 s.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from types import FrameType, SimpleNamespace
from typing import Any

import pytest
from openpyxl import Workbook

from zhengai.excel.importers import ImportOptions, SheetContext, import_workbook, write_import
from zhengai.excel.reader import Cell
from zhengai.excel.report import ImportReport

HEADER = ["序号", "建设项目", "建设任务", "建设内容", "完成时间", "考核依据", "责任部门", "备注"]
MERGED_ROWS = 10  # every 建设项目 spans ten rows: the merge bookkeeping is counted too


def task_sheet(path: Path, rows: int) -> Path:
    """A construction-progress table: title, header, ``rows`` rows, merged 建设项目 cells."""
    wb = Workbook()
    ws = wb.active
    ws.title = "附表"
    ws.append(["附表 建设实施进程表"])
    ws.append(HEADER)
    for i in range(1, rows + 1):
        top = (i - 1) % MERGED_ROWS == 0
        ws.append(
            [
                i,
                f"建设项目{i // MERGED_ROWS}" if top else None,
                f"建设任务{i // 5}",
                f"第{i}项建设内容：制定并印发相关制度文本",
                "2018年起每年12月",
                "1.规划文本 2.制度文本",
                "教务处、质量督导处",
                f"备注{i}" if i % 10 == 0 else None,
            ]
        )
        if top:
            last = min(i + MERGED_ROWS - 1, rows)
            ws.merge_cells(start_row=i + 2, start_column=2, end_row=last + 2, end_column=2)
    wb.save(path)
    return path


def import_calls(path: Path, kind: str, out: Path) -> int:
    """Function calls (Python and C) made by importing ``path`` and writing the YAML."""
    calls = 0

    def count(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    options = ImportOptions(kind=kind, keep_entries=False, year=2020, report_sink=io.StringIO())
    sys.setprofile(count)
    try:
        write_import(import_workbook(path, options), out, force=True)
    finally:
        sys.setprofile(None)
    return calls


@pytest.mark.parametrize("kind", ["tasks", "targets"])
def test_work_per_row_does_not_grow_with_the_sheet(tmp_path: Path, kind: str) -> None:
    sizes = (50, 100, 200)
    paths = {n: task_sheet(tmp_path / f"t{n}.xlsx", n) for n in sizes}
    out = tmp_path / "out.yaml"
    import_calls(paths[sizes[-1]], kind, out)  # warm the caches (regexes, parsed deadlines)
    calls = {n: import_calls(paths[n], kind, out) for n in sizes}
    per_row_short = (calls[100] - calls[50]) / 50
    per_row_long = (calls[200] - calls[100]) / 100
    # quadratic bookkeeping shows as rows 100–200 costing more each than rows 50–100
    # (it did: 1.3 times as much); linear work costs the same, give or take the odd cache
    assert per_row_long <= 1.05 * per_row_short, calls


def sheet_context() -> SheetContext:
    """A context for a sheet named 附表, without a workbook behind it."""
    return SheetContext(
        "a.xlsx",
        SimpleNamespace(name="附表"),  # type: ignore[arg-type]
        ImportReport("a.xlsx", keep=False),
        None,  # type: ignore[arg-type]
        ImportOptions(),
        "S",
    )


def test_origin_names_the_columns_of_its_own_item_only() -> None:
    ctx = sheet_context()
    ctx.place(Cell(3, 2, "甲"), "/tasks/1/title")
    ctx.place(Cell(4, 3, "乙"), "/tasks/10/title")
    ctx.place(Cell(3, 5, "丙"), "/tasks/1/levels/0/content")
    ctx.place(Cell(3, 1, "1"), "/notes/0")
    assert ctx.origin(3, "/tasks/1") == {
        "file": "a.xlsx",
        "sheet": "附表",
        "row": 3,
        "columns": {"title": "B", "levels/0/content": "E"},
    }
    assert ctx.origin(4, "/tasks/10")["columns"] == {"title": "C"}
    assert "columns" not in ctx.origin(5)


def test_origin_forgets_an_item_once_taken() -> None:
    ctx = sheet_context()
    for row in range(3, 1003):
        ctx.place(Cell(row, 4, "任务"), f"/tasks/{row}/title")
        ctx.origin(row, f"/tasks/{row}")
        ctx.place(Cell(row, 8, "备注"), f"/tasks/{row}/extra/备注")
    assert ctx.item_columns == {}


@pytest.mark.parametrize("base", ["/tasks", "/tasks/1/levels", "tasks/1", ""])
def test_origin_wants_an_item_pointer(base: str) -> None:
    with pytest.raises(ValueError, match="item pointer"):
        sheet_context().origin(3, base)
