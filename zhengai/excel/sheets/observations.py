"""The ``observations`` sheet: measured values of indicators and QC points.

One row is one observation: the indicator or QC-point id, the period (or ``--year``), a
number or a conformity word, and optionally source, evidence, note and date.
Observations have no ``extra``: unmapped columns are kept in the note.  Import only.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

from zhengai.excel.cells import split_owners
from zhengai.excel.context import Probe, SheetContext, layout_or_fail
from zhengai.excel.errors import ExcelError
from zhengai.excel.fields import cell_letter
from zhengai.excel.reader import Cell, Row
from zhengai.excel.table import TableWalker
from zhengai.excel.yamlout import OutputDoc
from zhengai.models.records import Observation
from zhengai.models.timeexpr import TimeParseError, parse_time


def detect(probe: Probe) -> bool:
    """A value or conformity column."""
    return bool(probe.roles & {"value", "conformity"})


def read(ctx: SheetContext, head: list[Row], rows: Iterator[Row]) -> OutputDoc:
    """Measured values → an ``observations`` file.  Observations have no ``extra``:
    unmapped columns are kept in each observation's ``note`` as ``表头：值``."""
    layout = layout_or_fail(ctx, head, "observations")
    walker = TableWalker(ctx.sheet, layout, ctx.report)
    walker.titles_to_notes()
    doc = OutputDoc(
        "observations",
        {
            "schema_version": 1,
            "kind": "observations",
            "owner": split_owners(ctx.default("owner") or ""),
        },
        "observations",
        Observation,
        {"notes": walker.notes},
    )
    year = ctx.options.year or ctx.default("year")
    for br in walker.body(itertools.chain(head, rows)):
        ref = br.cell("ref") or br.cell("id")
        value = br.cell("value")
        conformity = br.cell("conformity")
        if ref is None or (value is None and conformity is None):
            walker.add_note(br.row, "缺少指标编号或数值的行")
            ctx.warn(
                f"{ctx.sheet.name} 第 {br.number} 行缺少指标/质控点编号或数值，按备注保存。",
                (br.number, 0),
            )
            continue
        base = f"/observations/{doc.count}"
        br.take("ref") if br.cell("ref") is ref else br.take("id")
        item: dict[str, Any] = {"ref": ref.text}
        ctx.place(ref, f"{base}/ref")
        period = br.take("period")
        if period is not None:
            item["period"] = period.text
            ctx.place(period, f"{base}/period")
        elif year:
            item["period"] = str(year)
        else:
            raise ExcelError(
                f"{ctx.ref(br.number, ref.col)}：缺少期间（年度）；请加“期间”列或用 --year 指定。"
            )
        if value is not None:
            number = _number(value)
            if number is None:
                raise ExcelError(f"{ctx.ref(*value.source)}：数值“{value.text}”不是数字。")
            br.take("value")
            item["value"] = number
            ctx.place(value, f"{base}/value")
        else:
            assert conformity is not None
            br.take("conformity")
            item["conformity"] = conformity.text
            ctx.place(conformity, f"{base}/conformity")
        for role, key in (("platform", "source"), ("evidence", "evidence"), ("note", "note")):
            cell = br.take(role)
            if cell is not None:
                item[key] = cell.text
                ctx.place(cell, f"{base}/{key}")
        date = br.cell("date")
        if date is not None:
            day = _day(date)
            if day is not None:
                br.take("date")
                item["date"] = day.isoformat()
                ctx.place(date, f"{base}/date")
        extras = []
        for column, cell in br.leftovers():
            key = column.key if column is not None else f"列{cell_letter(cell)}"
            extras.append(f"{key}：{cell.text}")
            ctx.place(cell, f"{base}/note", "未映射的列，写入备注")
            br.used.add(cell.col)
        if extras:
            item["note"] = "；".join(([item["note"]] if item.get("note") else []) + extras)
        doc.add(item, ctx.ref(br.number, ref.col))
    return doc


def _number(cell: Cell) -> float | None:
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = cell.text.strip().rstrip("%")
    try:
        return float(text)
    except ValueError:
        return None


def _day(cell: Cell) -> dt.date | None:
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        expr = parse_time(cell.text)
    except TimeParseError:
        return None
    return expr.end if not expr.recurring and expr.start == expr.end else None
