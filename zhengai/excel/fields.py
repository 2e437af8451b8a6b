"""Cell → field helpers shared by several sheet kinds.

Identifiers (valid, unique, from an 编号 column), time texts checked with the same parser
as ``zhengai check``, ``extra`` for unmapped columns, the ``编号：…`` title rows written by
the exporter, the year of a file, and the fields tasks and plan targets share (owner,
deadline, evidence, parent, QC points, status).  Below the sheet modules; imports none.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from zhengai.excel.cells import (
    SERIAL_RANGE,
    col_letter,
    from_serial,
    is_date_format,
    numbered_prefix,
    split_codes,
    split_numbered,
    split_owners,
)
from zhengai.excel.context import SheetContext
from zhengai.excel.reader import Cell
from zhengai.excel.table import BodyRow, TableWalker
from zhengai.load.yamlsrc import join_pointer
from zhengai.models.timeexpr import TimeExpr, TimeParseError, parse_time

_ID_OK = re.compile(r"^[^\s/#]{1,64}$")

_STATES = {
    "not_started",
    "in_progress",
    "done",
    "dropped",
    "未开始",
    "进行中",
    "已完成",
    "完成",
    "已取消",
    "取消",
}


def take_id(ctx: SheetContext, br: BodyRow, base: str, used: set[str]) -> str | None:
    """The row's own id from an 编号 column, made unique, or None when it has no valid one."""
    id_cell = br.cell("id")
    if id_cell is None or not valid_id(id_cell.text):
        return None
    br.take("id")
    ctx.place(id_cell, f"{base}/id")
    return unique_id(id_cell.text, used)


def valid_id(text: str) -> bool:
    """True when ``text`` is usable as an identifier."""
    return bool(_ID_OK.match(text))


def unique_id(candidate: str, used: set[str]) -> str:
    """``candidate``, or ``candidate-2``, ``-3`` … when it is taken."""
    ident, n = candidate, 1
    while ident in used:
        n += 1
        ident = f"{candidate}-{n}"
    used.add(ident)
    return ident


def time_text(ctx: SheetContext, cell: Cell) -> str:
    """A deadline / time node as written; serial numbers and numeric years handled.

    A number with a date format was already shown as a date.  A bare integer in the
    Excel serial range (e.g. 42979) is a date whose format got lost: converted, with a
    warning.  ``2018.1`` stored as a number may have been typed as ``2018.10``: warned.
    """
    value = cell.value
    text = cell.text
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and not is_date_format(cell.fmt)
    ):
        number = float(value)
        if number.is_integer() and SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]:
            day = from_serial(number, ctx.sheet.book.date1904).date()
            text = day.isoformat()
            ctx.warn(
                f"{ctx.ref(*cell.source)}：数值 {int(number)} 按 Excel 日期序列号读为 {text}"
                f"（{'1904' if ctx.sheet.book.date1904 else '1900'} 日期系统）；请核对。",
                cell.source,
            )
        elif 1990 <= number < 2101 and not number.is_integer() and re.fullmatch(r"\d{4}\.1", text):
            ctx.warn(
                f"{ctx.ref(*cell.source)}：“{text}”是数字格式，可能原为“{text}0”（Excel 会去掉末尾的 0）；"
                "请核对，并把该列设为文本格式。",
                cell.source,
            )
    expr = _parse_time(text)
    if expr is None:
        if cell.merge is None or not cell.filled:
            ctx.warn(f"{ctx.ref(*cell.source)}：时间“{text}”无法识别，已原样保留。", cell.source)
    else:
        if expr.start is not None and expr.start.year > 1:
            ctx.years.append(expr.start.year)
        elif expr.years:
            ctx.years.append(min(expr.years))
    return text


@lru_cache(maxsize=4096)
def _parse_time(text: str) -> TimeExpr | None:
    """parse_time, remembered: the same deadline texts come back row after row."""
    try:
        return parse_time(text)
    except TimeParseError:
        return None


def add_extra(ctx: SheetContext, item: dict[str, Any], br: BodyRow, base: str) -> None:
    """Put every unused cell of the row under ``extra`` (keyed by its header)."""
    for column, cell in br.leftovers():
        key = column.key if column is not None else f"列{cell_letter(cell)}"
        extra = item.setdefault("extra", {})
        if key in extra:
            key = f"{key}({cell_letter(cell)})"
        if key in extra:  # one item read from several rows (a 工作任务 over its 三级指标 rows)
            key = f"{key}({cell_letter(cell)}{cell.row})"
        extra[key] = cell.raw_text
        ctx.place(cell, join_pointer(f"{base}/extra", key), "未映射的列，原样保留")
        br.used.add(cell.col)


def cell_letter(cell: Cell) -> str:
    """Column letter of a cell."""
    return col_letter(cell.col)


_META = re.compile(r"^(编号|层面|部门|类型)[:：]\s*(.+)$", re.DOTALL)
META_KEYS = {"编号": "id", "层面": "level", "部门": "owner", "类型": "type"}


def take_meta(ctx: SheetContext, walker: TableWalker) -> dict[str, str]:
    """Title rows made only of ``编号：…``/``层面：…``/``部门：…`` cells (written by the
    exporter) → file fields; those rows are removed from the titles."""
    meta: dict[str, str] = {}
    keep = []
    for row in walker.titles:
        own = row.own()
        matches = [_META.match(c.text) for c in own]
        if own and all(matches):
            for cell, m in zip(own, matches, strict=True):
                assert m is not None
                key = META_KEYS[m.group(1)]
                meta[key] = m.group(2).strip()
                ctx.place(cell, f"/{key}")
        else:
            keep.append(row)
    walker.titles = keep
    return meta


_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {
    "零": "0",
    "○": "0",
    "O": "0",
}
# 二〇一九年 (the way a signed document dates itself: 落款, cover page); ○ and O stand in
# for 〇 in typed documents
_CN_YEAR = re.compile(r"[〇零○O一二三四五六七八九]{4}(?=\s*年)")


def arabic_years(text: str) -> str:
    """``二〇一九年一月`` → ``2019年一月``: years written in Chinese numerals as digits."""
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGITS[c] for c in m.group(0)), text)


def year_from_text(text: str) -> int | None:
    """The first plausible year (``2017年``, ``（2020）`` or ``二〇一九年``) in a text."""
    m = re.search(r"(?<!\d)(19[9]\d|20\d\d)(?=\s*(年|）|\)|$))", arabic_years(text))
    return int(m.group(1)) if m else None


def decide_year(ctx: SheetContext, walker: TableWalker | None, extra_texts: list[str]) -> int:
    """Year of a file: option, mapping, title, notes (issuing date), data, else this year."""
    for value in (ctx.options.year, ctx.default("year")):
        if value:
            return int(value)
    texts = (
        ([walker.title_text()] if walker else []) + extra_texts + (walker.notes if walker else [])
    )
    for text in texts:
        year = year_from_text(text)
        if year:
            return year
    if ctx.years:
        return min(ctx.years)
    year = dt.date.today().year
    ctx.warn(f"工作表“{ctx.sheet.name}”看不出年度，按今年 {year} 年导入；可用 --year 指定。")
    return year


def task_id(ctx: SheetContext, title: str, no_cell: Cell | None, row: int) -> str:
    number, _ = numbered_prefix(title)
    if number and "." in number:
        return f"{ctx.prefix}-{number}"
    if no_cell is not None:
        no = re.sub(r"[\s/#]+", "", no_cell.text)
        if no and valid_id(f"{ctx.prefix}-{no}"):
            if no_cell.merge is not None and no_cell.merge.rows > 1:
                return f"{ctx.prefix}-{no}-{row - no_cell.merge.r0 + 1}"
            return f"{ctx.prefix}-{no}"
    return f"{ctx.prefix}-R{row}"


def task_fields(
    ctx: SheetContext, br: BodyRow, item: dict[str, Any], base: str, *, task: bool = True
) -> None:
    """owner, deadline, evidence, parent, qc_points; for tasks also outcome, leader, status.

    Plan targets have no outcome, leader or status: with ``task=False`` those columns are
    left unused, so they end up in ``extra`` like any unmapped column.
    """
    cell = br.take("owner")
    if cell is not None:
        item["owner"] = split_owners(cell.text)
        ctx.place(cell, f"{base}/owner")
    cell = br.take("deadline")
    if cell is not None:
        item["deadline"] = time_text(ctx, cell)
        ctx.place(cell, f"{base}/deadline")
    cell = br.take("evidence")
    if cell is not None:
        item["evidence"] = split_numbered(cell.text) or [cell.text]
        ctx.place(cell, f"{base}/evidence")
    parent_and_points(ctx, br, item, base)
    if not task:
        return
    outcome = br.take("outcome")
    if outcome is not None:
        item["outcome"] = outcome.text
        ctx.place(outcome, f"{base}/outcome")
    else:
        cell = br.take("standard")
        if cell is not None:
            item["outcome"] = cell.text
            ctx.place(cell, f"{base}/outcome", "工作标准作为预期成效")
    cell = br.take("leader")
    if cell is not None:
        item["leader"] = cell.text
        ctx.place(cell, f"{base}/leader")
    status: dict[str, Any] = {}
    cell = br.cell("state")
    if cell is not None and cell.text in _STATES:
        br.take("state")
        status["state"] = cell.text
        ctx.place(cell, f"{base}/status/state")
    cell = br.cell("progress")
    if cell is not None:
        progress = fraction(cell)
        if progress is not None:
            br.take("progress")
            status["progress"] = progress
            ctx.place(cell, f"{base}/status/progress")
    if status:
        item["status"] = status


def parent_and_points(ctx: SheetContext, br: BodyRow, item: dict[str, Any], base: str) -> None:
    """The parent target and QC point ids, when they are valid identifiers (else → extra)."""
    cell = br.cell("parent")
    if cell is not None and valid_id(cell.text):
        br.take("parent")
        item["parent"] = cell.text
        ctx.place(cell, f"{base}/parent")
    cell = br.cell("qc_points")
    if cell is not None and all(valid_id(c) for c in split_codes(cell.text)):
        br.take("qc_points")
        item["qc_points"] = split_codes(cell.text)
        ctx.place(cell, f"{base}/qc_points")


def fraction(cell: Cell) -> float | None:
    """``50%`` or 0.5 → 0.5; None when not a 0–1 fraction."""
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        text = cell.text.strip()
        try:
            number = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
        except ValueError:
            return None
    return number if 0 <= number <= 1 else None
