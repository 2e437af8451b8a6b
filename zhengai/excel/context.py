"""What a sheet kind's ``detect`` and ``read`` are given: the import framework.

:class:`SheetContext` is the sheet being imported (file, sheet, report, synonym table,
options) with the helpers every kind uses to record where a cell went and to report a
problem at a cell; :class:`Probe` is what ``detect`` looks at.  This module sits below
the sheet modules (:mod:`zhengai.excel.sheets`) and imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TextIO

from zhengai.excel.cells import col_letter
from zhengai.excel.errors import ExcelError
from zhengai.excel.headers import Layout, MappingFile, Synonyms, find_header
from zhengai.excel.reader import Cell, Row, Sheet
from zhengai.excel.report import ImportReport


@dataclass
class ImportOptions:
    """What to import and how (mirrors the command-line options)."""

    kind: str = "auto"
    sheet: str | None = None
    mapping: MappingFile | None = None
    year: int | None = None
    keep_entries: bool = True
    report_sink: TextIO | None = None


@dataclass
class SheetContext:
    """Everything a builder needs about the sheet being imported."""

    file: str
    sheet: Sheet
    report: ImportReport
    table: Synonyms
    options: ImportOptions
    prefix: str
    years: list[int] = field(default_factory=list)
    # item pointer (``/tasks/3``) → {field path under it: column letter}, for the items
    # whose origin has not been taken yet: a lookup per item, not a scan of every cell
    # placed so far (which made big imports quadratic), and nothing kept per finished item
    item_columns: dict[str, dict[str, str]] = field(default_factory=dict)
    taken: str | None = None

    @property
    def mapping(self) -> MappingFile | None:
        """The ``--mapping`` file, if any."""
        return self.options.mapping

    def ref(self, row: int, col: int) -> str:
        """``Sheet!C12``."""
        return self.sheet.ref(row, col)

    def origin(self, row: int, base: str | None = None) -> dict[str, Any]:
        """The ``origin`` of an item from ``row``; with its ``base`` pointer (an item
        pointer ``/<list>/<index>``), also the column each of the fields placed under it
        came from (so findings can name ``Sheet!F12``).

        Call it once per item, when its fields are placed: the columns are handed over
        and forgotten, and fields placed under the item afterwards (``extra``) are not
        recorded, as they could not appear in an origin already taken.
        """
        origin: dict[str, Any] = {"file": self.file, "sheet": self.sheet.name, "row": row}
        if base is not None:
            if _item_pointer(base + "/") != (base, ""):
                raise ValueError(f"origin() needs an item pointer /<list>/<index>, not {base!r}")
            # a merged cell anchored rows above still covers this row's cell in that column
            columns = self.item_columns.pop(base, None)
            self.taken = base
            if columns:
                origin["columns"] = columns
        return origin

    def place(self, cell: Cell, destination: str, note: str = "") -> None:
        """Record where a cell went (merge anchors once)."""
        row, col = cell.source
        self.report.place(self.sheet.name, row, col, cell.text, destination, note, merge=cell.merge)
        split = _item_pointer(destination)
        if split is not None and split[0] != self.taken:
            item, path = split
            self.item_columns.setdefault(item, {})[path] = col_letter(col)

    def warn(self, message: str, at: tuple[int, int] | None = None) -> None:
        """A warning about this sheet, located at the (row, col) ``at`` when given."""
        row, col = at or (0, 0)
        self.report.warn(message, sheet=self.sheet.name, row=row, col=col)

    def error(self, message: str, at: tuple[int, int] | None = None) -> None:
        """A cell that cannot be placed (the import fails), located like :meth:`warn`."""
        row, col = at or (0, 0)
        self.report.error(message, sheet=self.sheet.name, row=row, col=col)

    def default(self, name: str) -> Any:
        """A value from the mapping's ``defaults``."""
        if self.mapping is None:
            return None
        return getattr(self.mapping.defaults, name)


def _item_pointer(destination: str) -> tuple[str, str] | None:
    """``/tasks/3/levels/0/content`` → (``/tasks/3``, ``levels/0/content``); None for a
    destination that is not a field under an item (``/title``, ``/notes``, ``表头``…)."""
    if destination[:1] != "/":
        return None
    second = destination.find("/", 1)
    third = destination.find("/", second + 1) if second > 0 else -1
    if third < 0:
        return None
    return destination[:third], destination[third + 1 :]


@dataclass
class Probe:
    """The first rows of a sheet, as the kinds' ``detect`` functions look at them."""

    head: list[Row]
    sheet: Sheet
    table: Synonyms

    @cached_property
    def labels(self) -> set[str | None]:
        """The one-page-plan labels among the cells (``leader``, ``tasks`` …)."""
        return {self.table.oppm_key(c.text) for r in self.head for c in r.own()}

    @cached_property
    def layout(self) -> Layout | None:
        """The header found with the built-in rules, or None."""
        return find_header(self.head, self.sheet.merges, self.table)

    @property
    def roles(self) -> set[str]:
        """The header's roles (empty without a header)."""
        return self.layout.roles() if self.layout is not None else set()


def layout_or_fail(ctx: SheetContext, head: list[Row], kind: str) -> Layout:
    """The sheet's header, or a Chinese error saying none was found."""
    mapping = ctx.mapping
    layout = find_header(
        head,
        ctx.sheet.merges,
        ctx.table,
        header_row=mapping.header_row if mapping else None,
        header_rows=mapping.header_rows if mapping else None,
    )
    if layout is None:
        raise ExcelError(
            f"{ctx.file}：工作表“{ctx.sheet.name}”中找不到表头（按 {kind} 导入）；"
            "请检查表头文字，或在 --mapping 文件中用 headers: 说明各列、用 header_row: 指定表头行。"
        )
    return layout
