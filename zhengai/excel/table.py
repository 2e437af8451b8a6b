"""Walking the body of a table: data rows, blank rows, totals, notes under the table.

:class:`TableWalker` takes the rows below the header and yields :class:`BodyRow` for
data rows.  Everything else becomes notes, recorded in the report: titles above the
table, totals rows (合计/小计), notes (``注：…``) and whatever follows them, and the
issuing unit and date at the end of a document.  A :class:`BodyRow` tracks which cells
the importer used; :meth:`BodyRow.leftovers` are the ones it did not, so nothing can
fall through unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from zhengai.excel.headers import Column, Layout
from zhengai.excel.reader import Cell, Row, Sheet
from zhengai.excel.report import COMPUTED, HEADER, TITLE, ImportReport

_NOTE = re.compile(r"^\s*(注|说明|备注|附注|注释)\s*(\d|[:：])")
_TOTAL = re.compile(r"^\s*(合\s*计|总\s*计|小\s*计|共\s*计)")
_ISSUE = re.compile(
    r"(^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(印发|发布)?\s*$)|(^\s*(发至|抄送|报送|主送)[:：])"
    r"|((学院|学校|办公室|委员会|盖章）)\s*$)"
)


@dataclass
class BodyRow:
    """A data row and which of its cells have been used."""

    row: Row
    layout: Layout
    used: set[int] = field(default_factory=set)

    @property
    def number(self) -> int:
        """The sheet row number."""
        return self.row.number

    def cell(self, role: str) -> Cell | None:
        """The cell of the column with ``role`` (not marked used)."""
        column = self.layout.column_of(role)
        if column is None:
            return None
        return self.row.cells.get(column.col)

    def take(self, role: str) -> Cell | None:
        """The cell with ``role``, marked used."""
        cell = self.cell(role)
        if cell is not None:
            self.used.add(cell.col)
        return cell

    def text(self, role: str) -> str | None:
        """Text of the cell with ``role``, marked used (None when empty)."""
        cell = self.take(role)
        return cell.text if cell is not None else None

    def leftovers(self) -> list[tuple[Column | None, Cell]]:
        """Unused cells with their column (None when outside every header column)."""
        out = []
        for col, cell in sorted(self.row.cells.items()):
            if col not in self.used:
                out.append((self.layout.columns.get(col), cell))
        return out


class TableWalker:
    """Splits the rows below a header into data rows and notes."""

    def __init__(self, sheet: Sheet, layout: Layout, report: ImportReport) -> None:
        self.sheet = sheet
        self.layout = layout
        self.report = report
        self.notes: list[str] = []
        self.titles: list[Row] = list(layout.title_rows)
        self.note_base = "/notes"
        width = [c.col for c in layout.columns.values()]
        self.width = (max(width) - min(width) + 1) if width else 1
        self.first_col = min(width) if width else 1
        self._place_head()

    def title_text(self) -> str:
        """All rows above the header, joined (the table's title)."""
        return " ".join(" ".join(r.texts()) for r in self.titles)

    def place_titles(self, destination: str, note: str = "") -> None:
        """Record the title cells as stored at ``destination`` (e.g. ``/title``)."""
        for row in self.titles:
            for cell in row.own():
                self.report.place(
                    self.sheet.name,
                    cell.row,
                    cell.col,
                    cell.text,
                    destination,
                    note,
                    merge=cell.merge,
                )

    def titles_to_notes(self) -> None:
        """Keep every title row as a note."""
        for row in self.titles:
            self.add_note(row, TITLE)

    def _place_head(self) -> None:
        """The header cells."""
        heads = [c for col in self.layout.columns.values() for c in col.cells]
        heads += [c for r in self.titles for c in r.own()]
        missing = [c for c in heads if c.missing]
        if missing:
            raise self.sheet.formula_error(missing)
        for column in self.layout.columns.values():
            for cell in column.cells:
                role = column.role or "extra"
                self.report.place(
                    self.sheet.name,
                    cell.row,
                    cell.col,
                    cell.text,
                    f"{HEADER}（{role}）",
                    merge=cell.merge,
                )

    def _computed(self, row: Row) -> None:
        """Drop cells of computed columns (达成度…, written by ``zhengai export``); refuse
        any other formula without a saved result."""
        missing: list[Cell] = []
        for col, cell in list(row.cells.items()):
            column = self.layout.columns.get(col)
            if column is not None and column.role == "computed":
                del row.cells[col]
                if not cell.filled:
                    self.report.place(
                        self.sheet.name,
                        cell.row,
                        cell.col,
                        cell.text or (cell.formula or ""),
                        COMPUTED,
                        merge=cell.merge,
                    )
            elif cell.missing:
                missing.append(cell)
        if missing:
            raise self.sheet.formula_error(missing)

    def add_note(self, row: Row, why: str = "") -> None:
        """Keep a whole row as one note (cells joined by spaces)."""
        own = row.own()
        if not own:
            return
        index = len(self.notes)
        self.notes.append(" ".join(c.text for c in own))
        for cell in own:
            self.report.place(
                self.sheet.name,
                cell.row,
                cell.col,
                cell.text,
                f"{self.note_base}/{index}",
                why,
                merge=cell.merge,
            )

    def body(self, rows: Iterable[Row]) -> Iterator[BodyRow]:
        """Data rows below the header; notes and trailers are collected in :attr:`notes`."""
        first = self.layout.first_data_row
        trailer = False
        blank_before = False
        seen_data = False
        last = first - 1
        for row in rows:
            if row.number < first:
                continue
            if row.number > last + 1:
                blank_before = True
            last = row.number
            self._computed(row)
            own = row.own()
            if not own:
                continue  # covered only by merges from above
            if trailer:
                self.add_note(row, "表格下方的文字")
                continue
            head = own[0].text
            # notes and totals start in the table's first column, outside any vertical merge
            at_left = own[0].col <= self.first_col and not any(c.filled for c in row.cells.values())
            if (at_left or len(own) == 1) and _NOTE.match(head):
                trailer = True
                self.add_note(row, "表注")
                continue
            if at_left and _TOTAL.match(head):
                self.add_note(row, "合计行")
                continue
            lone = len(own) == 1 and len(row.cells) == 1
            if lone and seen_data and (blank_before or _ISSUE.search(head)):
                trailer = True
                self.add_note(row, "表格下方的文字（落款、日期等）")
                continue
            if (
                lone
                and own[0].merge is not None
                and own[0].merge.cols >= max(2, int(self.width * 0.6))
            ):
                self.add_note(row, "跨列的单行文字")
                self.report.warn(
                    f"{self.sheet.ref(row.number, own[0].col)}：跨列的单行文字“{head[:30]}”按备注保存。"
                )
                continue
            blank_before = False
            seen_data = True
            yield BodyRow(row, self.layout)


__all__ = ["BodyRow", "TableWalker"]
