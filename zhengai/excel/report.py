"""The import report: every non-empty source cell and where it went.

An entry names the sheet and cell, the text, and a destination: a JSON pointer into the
output (``/tasks/3/deadline``), ``/notes/2``, or a layout role such as ``表头`` (header)
or ``标题`` (title).  A cell without a destination is an *error*: the import fails
rather than lose it.  Warnings and errors are also kept as located
:class:`~zhengai.findings.Finding` values (file, sheet, row, column) for ``--format json``.
For big sheets the entries are streamed to the report file as they
come (nothing is kept in memory); without a report file only counts are kept.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TextIO, cast

from zhengai.excel.cells import Merge, coord
from zhengai.excel.errors import ExcelError
from zhengai.excel.writer import csv_safe
from zhengai.findings import Finding, Severity
from zhengai.fsutil import atomic_open

HEADER = "表头"
TITLE = "标题"
LABEL = "栏目名称"
LAYOUT = "版式（序号等）"
COMPUTED = "计算列（导出时生成，不导入）"
CSV_COLUMNS = ("工作表", "单元格", "内容", "去向", "说明")
IMPORT_WARNING = "XL101"
"""Finding code of an import warning (the import still succeeds)."""
IMPORT_ERROR = "XL102"
"""Finding code of an import error: a cell with no destination (the import fails)."""


class _RowWriter(Protocol):
    """What :func:`csv.writer` returns (its class is private to ``_csv``)."""

    def writerow(self, row: Iterable[Any], /) -> Any: ...


@dataclass(frozen=True)
class Entry:
    """One source cell and its destination."""

    sheet: str
    cell: str
    text: str
    destination: str
    note: str = ""

    def as_row(self) -> tuple[str, str, str, str, str]:
        """The CSV row; texts taken from the workbook cannot run as formulas in Excel."""
        return (
            csv_safe(self.sheet),
            self.cell,
            csv_safe(self.text),
            csv_safe(self.destination),
            csv_safe(self.note),
        )


@dataclass
class ImportReport:
    """Collects entries, warnings and errors of one import."""

    file: str
    keep: bool = True
    sink: TextIO | None = None
    entries: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    _merges_seen: set[tuple[str, Merge]] = field(default_factory=set)
    _writer: _RowWriter | None = None

    def __post_init__(self) -> None:
        if self.sink is not None:
            self._writer = csv.writer(self.sink)
            self._writer.writerow(CSV_COLUMNS)

    def place(
        self,
        sheet: str,
        row: int,
        col: int,
        text: str,
        destination: str,
        note: str = "",
        merge: Merge | None = None,
    ) -> None:
        """Record where the cell at (row, col) went; a merge anchor is recorded once."""
        if merge is not None and (merge.rows > 1 or merge.cols > 1):
            key = (sheet, merge)
            if key in self._merges_seen:
                return
            self._merges_seen.add(key)
            row, col = merge.r0, merge.c0
            extra = f"合并单元格 {merge.ref}"
            note = f"{note}；{extra}" if note else extra
        self.counts[_category(destination)] += 1
        if self._writer is None and not self.keep:
            return
        entry = Entry(sheet, coord(row, col), text, destination, note)
        if self._writer is not None:
            self._writer.writerow(entry.as_row())
        if self.keep:
            self.entries.append(entry)

    def warn(self, message: str, *, sheet: str = "", row: int = 0, col: int = 0) -> None:
        """A problem the user should look at; the import still succeeds.

        ``sheet``, ``row`` and ``col`` (1-based, 0 = unknown) locate it in the finding;
        the message already names the cell for people.
        """
        self.warnings.append(message)
        self._finding(IMPORT_WARNING, Severity.WARNING, message, sheet, row, col)
        if self._writer is not None:
            self._writer.writerow(("", "", "", "警告", csv_safe(message)))

    def error(self, message: str, *, sheet: str = "", row: int = 0, col: int = 0) -> None:
        """A cell or value that could not be placed: the import fails (located like :meth:`warn`)."""
        self.errors.append(message)
        self._finding(IMPORT_ERROR, Severity.ERROR, message, sheet, row, col)
        if self._writer is not None:
            self._writer.writerow(("", "", "", "错误", csv_safe(message)))

    def _finding(
        self, code: str, severity: Severity, message: str, sheet: str, row: int, col: int
    ) -> None:
        self.findings.append(
            Finding(code, severity, message, file=self.file, line=row, col=col, sheet=sheet)
        )

    @property
    def cells(self) -> int:
        """Number of source cells recorded."""
        return sum(self.counts.values())

    def summary(self) -> str:
        """One Chinese line: counts by destination, warnings, errors."""
        parts = [f"{name} {n}" for name, n in sorted(self.counts.items())]
        text = f"{self.file}：共 {self.cells} 个单元格（{'，'.join(parts) or '无'}）"
        if self.warnings:
            text += f"；{len(self.warnings)} 条警告"
        if self.errors:
            text += f"；{len(self.errors)} 个错误"
        return text + "。"


def _category(destination: str) -> str:
    """Group destinations for the summary: 数据, 未映射列(extra), 备注(notes), 表头…"""
    if destination[:1] == "/":
        if "/extra/" in destination:
            return "未映射列"
        if destination.startswith("/notes"):
            return "备注"
        return "数据"
    return destination.split("（")[0]


@contextmanager
def report_file(path: Path | None, *, force: bool) -> Iterator[TextIO | None]:
    """A CSV report written to a temporary file and moved into place at the end.

    ``None`` when no report was asked for.  The file has a UTF-8 BOM so Excel/WPS show
    the Chinese correctly.  An existing file is kept unless ``force``.
    """
    if path is None:
        yield None
        return
    with atomic_open(path, force=force, text=True, encoding="utf-8-sig", newline="") as handle:
        # text=True opens the file with os.fdopen(fd, "w"): a text handle, which the
        # IO[Any] that atomic_open is annotated with cannot say
        yield cast(TextIO, handle)


def fail_on_errors(report: ImportReport) -> None:
    """Raise :class:`ExcelError` listing the first errors when the report has any."""
    if report.errors:
        first = "；".join(report.errors[:3])
        more = f"（另有 {len(report.errors) - 3} 个）" if len(report.errors) > 3 else ""
        raise ExcelError(f"{report.file} 导入失败：{first}{more}")
