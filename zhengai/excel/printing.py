"""Print layout of exported sheets: column widths, row heights and A4 page setup.

Quality officers print the exports and hand them to review panels, so a sheet must read
on paper, not only on screen:

- **Widths from content** (:func:`fit_columns`): a column is as wide as its longest line,
  between the bounds its sheet gives it (a 序号 column stays narrow; a text column is
  capped and wraps).  Width is counted in Excel's character units: a CJK character is
  about two units, an ASCII character one (:func:`text_units`).
- **Heights from content** (:func:`fit_rows`): Excel and LibreOffice do not grow a row
  for wrapped text written by a program, so each row gets the height of its tallest cell
  (lines estimated from the cell's width); a merged cell spanning rows spreads what it
  needs over them.  Without this, wrapped text is clipped and overlaps on paper.
- **Pages** (:func:`print_setup`): A4 landscape, title rows repeated.  A sheet is fitted
  to the page width only while its text stays at least :data:`MIN_PRINT_PT` points; a wider
  sheet is printed at the smallest scale that keeps that size, its columns flowing onto
  further pages (across, then down) with the key columns repeated on each page.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from openpyxl.styles import Border
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

FONT_PT = 11.0
"""Body font size of the exported sheets (openpyxl's default font)."""
MIN_PRINT_PT = 9.0
"""Smallest effective font size a printed sheet may have."""
LINE_PT = 16.0
"""Height of one line of 11 pt text; CJK fonts (宋体, Noto Sans CJK) need about 1.45 em."""
ROW_PAD_PT = 4.0
DEFAULT_ROW_PT = LINE_PT + ROW_PAD_PT
A4_LANDSCAPE_PT = (841.9, 595.3)
MARGIN_IN = {"left": 0.4, "right": 0.4, "top": 0.5, "bottom": 0.5, "header": 0.2, "footer": 0.2}
DEFAULT_WIDTH = 8.43
"""Excel's width of a column that has none set."""


def char_units(ch: str) -> int:
    """Width of one character in Excel width units: 2 for wide (CJK, full-width), else 1."""
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def text_units(text: str) -> int:
    """Width of a one-line text in Excel width units (see :func:`char_units`)."""
    return sum(char_units(ch) for ch in text)


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` takes, wrapped in a cell ``width`` units wide.

    Each paragraph wraps on its own; a unit of each line is lost to the cell's padding.
    A paragraph that wraps is counted 10 % longer: ASCII words wrap whole, leaving lines
    short, and a CJK character is a little over two units in Excel's fonts.
    """
    usable = max(width - 1.0, 1.0)
    lines = 0
    for paragraph in text.split("\n"):
        units = text_units(paragraph)
        lines += 1 if units <= usable else math.ceil(units * 1.1 / usable)
    return lines


POINTS_PER_UNIT = 7.0
"""Printed width of one character unit.  Excel prints 7 px + 5 px padding per column
(5.25 pt a unit); LibreOffice prints 7 pt a unit (measured on its PDF of a sheet).  The
wider one plans the pages, so a sheet fits in both and is never smaller than planned."""


def points_of_width(width: float) -> float:
    """A column width in character units → printed points at 100 % (see POINTS_PER_UNIT)."""
    return width * POINTS_PER_UNIT


def column_width(ws: Worksheet, col: int) -> float:
    """The width of column ``col`` (Excel's default where none is set)."""
    dim = ws.column_dimensions.get(get_column_letter(col))
    return float(dim.width) if dim is not None and dim.width else DEFAULT_WIDTH


def _font_scale(cell: object) -> float:
    font = getattr(cell, "font", None)
    size = getattr(font, "sz", None) or FONT_PT
    return float(size) / FONT_PT


def _spans(ws: Worksheet) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """Top-left cell → (min_row, min_col, max_row, max_col) of every merged range."""
    return {
        (m.min_row, m.min_col): (m.min_row, m.min_col, m.max_row, m.max_col)
        for m in ws.merged_cells.ranges
    }


def _covered(ws: Worksheet) -> set[tuple[int, int]]:
    """Cells hidden under a merged range (not its top-left cell)."""
    out: set[tuple[int, int]] = set()
    for m in ws.merged_cells.ranges:
        for r in range(m.min_row, m.max_row + 1):
            for c in range(m.min_col, m.max_col + 1):
                if (r, c) != (m.min_row, m.min_col):
                    out.add((r, c))
    return out


def cell_text(value: object, number_format: str = "General") -> str:
    """What a cell shows, near enough to measure it (a percentage as ``60%``)."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and "%" in number_format:
        return f"{value * 100:.1f}%" if ".0%" in number_format else f"{value * 100:.0f}%"
    if isinstance(value, float):
        return f"{value:g}"
    text = str(value)
    if text.startswith("="):  # a formula: its result is short (a score, a band name)
        return "100.0%" if "%" in number_format else "基本达成"
    return text


@dataclass(frozen=True)
class Bounds:
    """The narrowest and widest a column may be made, in character units."""

    low: float = 6
    high: float = 24


def fit_columns(
    ws: Worksheet,
    bounds: dict[int, Bounds],
    *,
    first_row: int = 1,
    header_rows: tuple[int, ...] = (),
) -> dict[int, float]:
    """Set each column in ``bounds`` to its content's width, within its bounds.

    A column's content is the longest line of its own cells (cells merged across several
    columns do not count: their width is the sum of the columns').  Header cells may take
    two lines, so they ask for half their width.  Returns the widths set.
    """
    covered = _covered(ws)
    spans = _spans(ws)
    need: dict[int, float] = {c: 0.0 for c in bounds}
    for row in ws.iter_rows(min_row=first_row):
        for cell in row:
            col, r = int(cell.column or 0), int(cell.row or 0)
            if col not in need or (r, col) in covered:
                continue
            span = spans.get((r, col))
            if span is not None and span[3] > span[1]:
                continue
            text = cell_text(cell.value, cell.number_format)
            if not text:
                continue
            units = max(text_units(line) for line in text.split("\n")) * _font_scale(cell)
            if r in header_rows:
                units = math.ceil(units / 4) * 2 if units > 8 else units
            need[col] = max(need[col], units + 2)
    widths = {c: min(b.high, max(b.low, need[c])) for c, b in bounds.items()}
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    return widths


def fit_rows(ws: Worksheet, *, first_row: int = 1) -> None:
    """Give every row from ``first_row`` the height its wrapped text needs (see module doc)."""
    covered = _covered(ws)
    spans = _spans(ws)
    widths: dict[int, float] = {}

    def width_of(c0: int, c1: int) -> float:
        for c in range(c0, c1 + 1):
            if c not in widths:
                widths[c] = column_width(ws, c)
        return sum(widths[c] for c in range(c0, c1 + 1))

    heights: dict[int, float] = {}
    tall: list[tuple[int, int, float]] = []  # (first row, last row, points) of merged cells
    for row in ws.iter_rows(min_row=first_row):
        for cell in row:
            r, col = int(cell.row or 0), int(cell.column or 0)
            if (r, col) in covered:
                continue
            text = cell_text(cell.value, cell.number_format)
            r0, c0, r1, c1 = spans.get((r, col), (r, col, r, col))
            scale = _font_scale(cell)
            lines = lines_needed(text, width_of(c0, c1) / scale) if text else 1
            points = lines * LINE_PT * scale + ROW_PAD_PT
            if r1 > r0:
                tall.append((r0, r1, points))
            else:
                heights[r0] = max(heights.get(r0, DEFAULT_ROW_PT), points)
    for r0, r1, points in tall:
        have = sum(heights.get(r, DEFAULT_ROW_PT) for r in range(r0, r1 + 1))
        if have < points:
            extra = (points - have) / (r1 - r0 + 1)
            for r in range(r0, r1 + 1):
                heights[r] = heights.get(r, DEFAULT_ROW_PT) + extra
    for r, points in heights.items():
        ws.row_dimensions[r].height = round(points, 1)


@dataclass(frozen=True)
class PrintPlan:
    """How a sheet prints: its scale (percent), pages across, and the effective font size."""

    scale: int
    pages_across: int
    font_pt: float


def printable_width(landscape: bool = True) -> float:
    """Width of the A4 page inside the margins, in points."""
    page = A4_LANDSCAPE_PT[0] if landscape else A4_LANDSCAPE_PT[1]
    return page - (MARGIN_IN["left"] + MARGIN_IN["right"]) * 72


def plan_pages(
    widths: list[float], *, keys: tuple[int, int] | None = None, landscape: bool = True
) -> tuple[int, list[int]]:
    """The scale (percent) and the column breaks for columns of ``widths`` (points).

    Fit to one page wide when that keeps the text at :data:`MIN_PRINT_PT` or more;
    otherwise print at the smallest scale that keeps that size and break the columns into
    pages that fit, each page after the first starting with the key columns ``keys``
    (first and last, 1-based), which repeat there.  A break is the 0-based index of the
    column that starts a page (OOXML's ``brk id``: the break is left of that column).
    """
    page = printable_width(landscape)
    total = sum(widths)
    fit = min(100, math.floor(page / total * 100)) if total else 100
    least = math.ceil(MIN_PRINT_PT / FONT_PT * 100)
    if fit >= least:
        return fit, []
    room = page / (least / 100)
    repeated = sum(widths[keys[0] - 1 : keys[1]]) if keys else 0.0
    breaks: list[int] = []
    used = 0.0
    for i, width in enumerate(widths):
        if used + width > room and used > repeated:
            breaks.append(i)
            used = repeated if keys and i >= keys[1] else 0.0
        used += width
    return least, breaks


def print_setup(
    ws: Worksheet,
    *,
    title_rows: str | None = None,
    keys: tuple[int, int] | None = None,
    landscape: bool = True,
) -> PrintPlan:
    """A4 page setup that keeps text at :data:`MIN_PRINT_PT` or more (see module doc).

    ``title_rows`` (``"2:3"``) repeat on every page; when the sheet is too wide for one
    page, the key columns ``keys`` (first and last, 1-based: what names a row, such as
    序号 and 工作任务) repeat on the pages after them.  The print area is the written
    range.  Returns the plan chosen.
    """
    setup = ws.page_setup
    setup.paperSize = ws.PAPERSIZE_A4
    setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    for side, inches in MARGIN_IN.items():
        setattr(ws.page_margins, side, inches)
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows
    ncols = ws.max_column
    widths = [points_of_width(column_width(ws, c)) for c in range(1, ncols + 1)]
    scale, breaks = plan_pages(widths, keys=keys, landscape=landscape)
    props = ws.sheet_properties.pageSetUpPr
    if props is None:  # openpyxl gives every sheet one; None only where it was cleared
        props = ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    # An explicit scale, not fit-to-page: the scale is what keeps the text readable, and
    # fit-to-page would shrink a long sheet's rows as well.
    props.fitToPage = False
    setup.scale = scale
    if breaks:
        setup.pageOrder = "overThenDown"  # a row's continuation is the next page
        if keys:
            ws.print_title_cols = f"{get_column_letter(keys[0])}:{get_column_letter(keys[1])}"
        for index in breaks:
            ws.col_breaks.append(Break(id=index))
    ws.print_area = f"A1:{get_column_letter(ncols)}{ws.max_row}"
    return PrintPlan(scale, len(breaks) + 1, round(FONT_PT * scale / 100, 1))


def lay_out(
    ws: Worksheet,
    bounds: dict[int, Bounds],
    *,
    header_rows: tuple[int, ...] = (),
    title_rows: str | None = None,
    keys: tuple[int, int] | None = None,
    landscape: bool = True,
) -> PrintPlan:
    """Widths, page setup and heights of a written sheet (heights need the final merges).

    When the sheet is printed over several pages across, a title merged over the whole
    width (row 1) is narrowed to the first page, or to the columns left of the key
    columns when those are not the first: merged over everything it would be cut at the
    page edge, and its piece in the key columns would be printed again on every page.
    """
    fit_columns(ws, bounds, header_rows=header_rows)
    plan = print_setup(ws, title_rows=title_rows, keys=keys, landscape=landscape)
    if plan.pages_across > 1:
        title = next(
            (m for m in ws.merged_cells.ranges if m.min_row == m.max_row == 1 and m.min_col == 1),
            None,
        )
        last = keys[0] - 1 if keys and keys[0] > 1 else ws.col_breaks.brk[0].id
        if title is not None and title.max_col > last:
            ws.unmerge_cells(str(title))
            for c in range(title.min_col, title.max_col + 1):
                ws.cell(1, c).border = Border()  # the title has none; merge() ruled every cell
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    fit_rows(ws)
    return plan


__all__ = [
    "Bounds",
    "PrintPlan",
    "cell_text",
    "fit_columns",
    "fit_rows",
    "lay_out",
    "lines_needed",
    "plan_pages",
    "print_setup",
    "text_units",
]
