"""The grid of a sheet as the importers see it: rows of cells with merges applied.

:func:`open_workbook` vets the file (:mod:`zhengai.excel.safety`) and opens it with the
streaming .xlsx reader (:mod:`zhengai.excel.xlsx`) or, for old .xls and .xlsb files,
with python-calamine.  :meth:`Sheet.rows` yields :class:`Row` objects one at a time;
a vertically merged cell is repeated in every row it covers (marked ``filled``) so that
a project spanning ten rows reaches all ten work items, and values hidden under a merge
are reported instead of silently dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from zhengai.excel.cells import (
    MAX_COLS,
    MAX_ROWS,
    Merge,
    cell_ref,
    clean_text,
    render_date,
    render_number,
)
from zhengai.excel.errors import ExcelError
from zhengai.excel.safety import vet_workbook
from zhengai.excel.xlsx import RawCell, SheetInfo, XlsxBook

MAX_ERROR_WARNINGS = 20


@dataclass
class Cell:
    """A non-empty cell: where it is, its text as shown in Excel, and its raw value.

    ``filled`` cells are copies of the anchor of a vertical merge placed in a row the
    merge covers; ``source`` is then the anchor's position.  ``merge`` is the merged
    range the cell anchors or lies in.
    """

    row: int
    col: int
    text: str
    value: Any = None
    fmt: str | None = None
    merge: Merge | None = None
    filled: bool = False
    formula: str | None = None
    missing: bool = False  # a formula whose result was never saved: never read as empty
    raw: str | None = None  # text with its surrounding whitespace (kept for ``extra``)

    @property
    def raw_text(self) -> str:
        """The text exactly as stored (line ends unified), surrounding whitespace included."""
        return self.raw if self.raw is not None else self.text

    @property
    def source(self) -> tuple[int, int]:
        """Position of the real cell holding the text (the merge anchor for filled cells)."""
        if self.filled and self.merge is not None:
            return self.merge.r0, self.merge.c0
        return self.row, self.col


@dataclass
class Row:
    """One sheet row: its number and its non-empty cells by column."""

    number: int
    cells: dict[int, Cell] = field(default_factory=dict)

    def own(self) -> list[Cell]:
        """Cells that really sit in this row (not filled from a merge above), by column."""
        return [c for _, c in sorted(self.cells.items()) if not c.filled]

    def texts(self) -> list[str]:
        """Texts of the row's own cells, left to right."""
        return [c.text for c in self.own()]


class _Book(Protocol):
    name: str
    sheets: list[SheetInfo]
    date1904: bool

    def merges(self, sheet: SheetInfo) -> list[Merge]: ...

    def rows(self, sheet: SheetInfo) -> Iterator[tuple[int, list[RawCell]]]: ...

    def close(self) -> None: ...


def cell_text(value: Any, fmt: str | None) -> str:
    """The text Excel shows for a stored value."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date)):
        return render_date(value, fmt)
    if isinstance(value, dt.time):
        return value.strftime("%H:%M") if value.second == 0 else value.strftime("%H:%M:%S")
    if isinstance(value, dt.timedelta):
        return str(value)
    if isinstance(value, (int, float)):
        return render_number(value, fmt)
    return clean_text(str(value))


class Workbook:
    """An opened, vetted workbook."""

    def __init__(self, path: Path, book: _Book) -> None:
        self.path = path
        self.name = path.name
        self._book = book

    @property
    def date1904(self) -> bool:
        """True when the workbook counts dates from 1904 (old Mac Excel)."""
        return self._book.date1904

    @property
    def sheet_names(self) -> list[str]:
        """All worksheet names, hidden ones included."""
        return [s.name for s in self._book.sheets]

    def visible_sheets(self) -> list[str]:
        """Names of the visible worksheets."""
        return [s.name for s in self._book.sheets if not s.hidden]

    def hidden_sheets(self) -> list[str]:
        """Names of hidden worksheets (skipped unless asked for by name)."""
        return [s.name for s in self._book.sheets if s.hidden]

    def sheet(self, name: str) -> Sheet:
        """The sheet called ``name``; a Chinese error lists the names when it is missing."""
        for info in self._book.sheets:
            if info.name == name:
                return Sheet(self, info)
        names = "、".join(f"“{n}”" for n in self.sheet_names) or "（无）"
        raise ExcelError(f"{self.name} 中没有名为“{name}”的工作表；现有：{names}。")

    def close(self) -> None:
        """Release the file."""
        self._book.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Sheet:
    """One worksheet; :meth:`rows` streams it with merges applied."""

    def __init__(self, book: Workbook, info: SheetInfo) -> None:
        self.book = book
        self.info = info
        self.name = info.name
        self.merges: list[Merge] = book._book.merges(info)
        self.hidden_values: list[Cell] = []  # values under a merge that Excel does not show
        self.error_values: list[Cell] = []  # cached error results (#N/A …), first ones only
        self.error_count = 0

    def ref(self, row: int, col: int) -> str:
        """``Sheet!C12`` for a position in this sheet."""
        return cell_ref(self.name, row, col)

    def rows(self) -> Iterator[Row]:
        """Rows in order; rows covered only by vertical merges are produced too."""
        anchors: dict[tuple[int, int], Merge] = {}
        covered: dict[tuple[int, int], Merge] = {}
        by_start: dict[int, list[Merge]] = {}
        for merge in self.merges:
            anchors[(merge.r0, merge.c0)] = merge
            if merge.rows > 1:
                by_start.setdefault(merge.r0, []).append(merge)
            if merge.rows * merge.cols <= 100_000:
                for r in range(merge.r0, merge.r1 + 1):
                    for c in range(merge.c0, merge.c1 + 1):
                        if (r, c) != (merge.r0, merge.c0):
                            covered[(r, c)] = merge
        active: dict[Merge, Cell] = {}  # vertical merges whose anchor has been read
        last = 0
        for number, raw_cells in self.book._book.rows(self.info):
            # Only the gap rows a vertical merge covers are produced: walking every
            # missing row would make a sheet with rows 1 and 1,000,000 crawl.
            if active and number > last + 1:
                end = min(number - 1, max(m.r1 for m in active))
                for gap in range(last + 1, end + 1):
                    yield self._row(gap, [], anchors, covered, active)
            yield self._row(number, raw_cells, anchors, covered, active)
            last = number
            for merge in [m for m in active if m.r1 <= number]:
                del active[merge]
        while active:
            last += 1
            yield self._row(last, [], anchors, covered, active)
            for merge in [m for m in active if m.r1 <= last]:
                del active[merge]

    def _row(
        self,
        number: int,
        raw_cells: list[RawCell],
        anchors: dict[tuple[int, int], Merge],
        covered: dict[tuple[int, int], Merge],
        active: dict[Merge, Cell],
    ) -> Row:
        row = Row(number)
        for raw in raw_cells:
            text = "" if raw.missing else cell_text(raw.value, raw.fmt)
            if not text and not raw.missing:
                continue
            key = (number, raw.col)
            cell = Cell(
                number,
                raw.col,
                text,
                raw.value,
                raw.fmt,
                anchors.get(key),
                False,
                raw.formula,
                raw.missing,
            )
            if isinstance(raw.value, str) and raw.value != text:
                cell.raw = raw.value.replace("\r\n", "\n").replace("\r", "\n")
            if raw.error is not None:
                self._note_error(cell)
            if key in covered:
                cell.merge = covered[key]
                self.hidden_values.append(cell)
                continue
            row.cells[raw.col] = cell
            if cell.merge is not None and cell.merge.rows > 1:
                active[cell.merge] = cell
        for merge, anchor in active.items():
            if merge.r0 < number <= merge.r1 and merge.c0 not in row.cells:
                row.cells[merge.c0] = Cell(
                    number,
                    merge.c0,
                    anchor.text,
                    anchor.value,
                    anchor.fmt,
                    merge,
                    True,
                    anchor.formula,
                    anchor.missing,
                    anchor.raw,
                )
        return row

    def _note_error(self, cell: Cell) -> None:
        """Keep an error cell for :meth:`error_warnings` (only the first few: memory stays flat)."""
        self.error_count += 1
        if len(self.error_values) < MAX_ERROR_WARNINGS:
            self.error_values.append(cell)

    def error_warnings(self) -> list[str]:
        """Warnings for cells whose saved result is an error value such as ``#N/A``.

        The text is imported as written (``#N/A``), but it is almost never what the user
        meant to import: the formula behind it failed in Excel.
        """
        messages = [
            f"{self.ref(c.row, c.col)}：单元格的值是 Excel 错误值“{c.text}”"
            f"{'（公式 ' + c.formula + '）' if c.formula else ''}，按文本导入；请在 Excel 中修正后重新导入。"
            for c in self.error_values
        ]
        if self.error_count > len(self.error_values):
            messages.append(
                f"工作表“{self.name}”另有 {self.error_count - len(self.error_values)} 个单元格是 Excel 错误值。"
            )
        return messages

    def formula_error(self, cells: list[Cell]) -> ExcelError:
        """The error for formula cells whose result was never saved."""
        refs = "、".join(f"{self.ref(*c.source)}（{c.formula}）" for c in cells[:5])
        more = f" 等 {len(cells)} 个单元格" if len(cells) > 5 else ""
        return ExcelError(
            f"{self.book.name}：单元格 {refs}{more}是公式，但文件中没有保存计算结果"
            "（常见于程序生成、从未在 Excel 中打开保存过的文件）；请用 Excel/WPS 打开该文件、保存后再导入，"
            "或把公式改为数值。"
        )


# ---------------------------------------------------------------- calamine

# python-calamine (Rust) trusts the BIFF records of an .xls: four changed bytes in a
# record length or count make it allocate gigabytes or abort the whole process, and a
# panic surfaces as pyo3's PanicException, a BaseException.  So .xls/.xlsb files are
# read in a child process with a memory and time limit; whatever goes wrong there
# comes back as an ExcelError.
CHILD_MEMORY_BYTES = 2 << 30
CHILD_SECONDS = 120
_CHILD_CODE = "from zhengai.excel.reader import _calamine_child; _calamine_child()"

# (name, hidden, merges 1-based (r0, c0, r1, c1), rows: (row number, [(col, value)]))
_LoadedSheet = tuple[str, bool, list[tuple[int, int, int, int]], list[tuple[int, list[tuple[int, Any]]]]]


def _calamine_load(path: Path) -> list[_LoadedSheet]:
    """Every worksheet of an .xls/.xlsb through python-calamine (runs in the child)."""
    import python_calamine as pc

    wb = pc.CalamineWorkbook.from_path(str(path))
    sheets: list[_LoadedSheet] = []
    for meta in wb.sheets_metadata:
        if meta.typ != pc.SheetTypeEnum.WorkSheet:
            continue
        sheet = wb.get_sheet_by_name(meta.name)
        merges = [
            (r0 + 1, c0 + 1, r1 + 1, c1 + 1)
            for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])
        ]
        rows = []
        for r, values in enumerate(sheet.to_python(skip_empty_area=False), start=1):
            cells = [(c, v) for c, v in enumerate(values, start=1) if not (v is None or v == "")]
            if cells:
                rows.append((r, cells))
        sheets.append((meta.name, meta.visible != pc.SheetVisibleEnum.Visible, merges, rows))
    return sheets


def _calamine_child() -> None:
    """Child process entry: load ``sys.argv[1]`` and write a pickled outcome to stdout."""
    import pickle
    import sys

    outcome: tuple[str, Any]
    try:
        outcome = ("ok", _calamine_load(Path(sys.argv[1])))
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # pyo3's PanicException is a BaseException
        kind = "password" if type(exc).__name__ == "PasswordError" else "error"
        outcome = (kind, f"{type(exc).__name__}: {exc}"[:300])
    sys.stdout.buffer.write(pickle.dumps(outcome))


def _limit_child() -> None:  # pragma: no cover - runs in the child before exec
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY_BYTES, CHILD_MEMORY_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (CHILD_SECONDS, CHILD_SECONDS + 5))


def _run_calamine_child(path: Path) -> tuple[str, Any]:
    """Run :func:`_calamine_child` on ``path`` with limits; a crash or overrun is an ExcelError."""
    import os
    import pickle
    import subprocess
    import sys

    try:
        import resource  # noqa: F401  (POSIX only: elsewhere the time limit still holds)

        limit: Any = _limit_child
    except ImportError:  # pragma: no cover - Windows
        limit = None
    name = path.name
    # the child must import this very zhengai, installed or not (a source checkout on PYTHONPATH)
    root = str(Path(__file__).resolve().parents[2])
    paths = [root, *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    env = {**os.environ, "RUST_BACKTRACE": "0", "PYTHONPATH": os.pathsep.join(paths)}
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD_CODE, str(path)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=CHILD_SECONDS,
            preexec_fn=limit,
            env=env,
        )
    except subprocess.TimeoutExpired as exc:
        raise ExcelError(
            f"{name} 读取超时（超过 {CHILD_SECONDS} 秒），文件可能已损坏或是恶意构造；"
            "请用 Excel/WPS 打开后另存为 .xlsx 再导入。"
        ) from exc
    except OSError as exc:
        raise ExcelError(f"无法读取 {name}：无法启动读取进程（{exc}）。") from exc
    if done.returncode != 0 or not done.stdout:
        raise ExcelError(
            f"{name} 已损坏或是恶意构造：读取 .xls 时解析器异常退出"
            f"（退出码 {done.returncode}，内存上限 {CHILD_MEMORY_BYTES >> 30} GB）；"
            "请用 Excel/WPS 打开后另存为 .xlsx 再导入。"
        )
    try:
        outcome: tuple[str, Any] = pickle.loads(done.stdout)
    except Exception as exc:  # a truncated pipe: the child died while writing
        raise ExcelError(f"{name} 读取失败（读取进程的输出不完整）；请另存为 .xlsx 再导入。") from exc
    return outcome


class _CalamineBook:
    """Old .xls (BIFF) and .xlsb through python-calamine in a bounded child process."""

    def __init__(self, path: Path) -> None:
        self.name = path.name
        self.date1904 = False  # calamine converts dates itself
        kind, payload = _run_calamine_child(path)
        if kind == "password" or (kind == "error" and _mentions_password(payload)):
            raise ExcelError(
                f"{self.name} 是加密（设置了密码）的工作簿，无法读取；请在 Excel/WPS 中去掉密码另存后再导入。"
            )
        if kind != "ok":
            raise ExcelError(
                f"{self.name} 已损坏或格式不受支持（{payload}）；请用 Excel/WPS 打开后另存为 .xlsx 再导入。"
            )
        self._loaded: dict[str, _LoadedSheet] = {s[0]: s for s in payload}
        self.sheets = [SheetInfo(s[0], s[0], s[1]) for s in payload]

    def merges(self, info: SheetInfo) -> list[Merge]:
        """Merged ranges of a sheet (as calamine reports them), inside Excel's grid."""
        merges = [Merge(*m) for m in self._loaded[info.name][2]]
        for merge in merges:
            if merge.r1 > MAX_ROWS or merge.c1 > MAX_COLS:
                raise ExcelError(
                    f"{self.name} 已损坏：工作表“{info.name}”的合并单元格超出 Excel 的行列上限"
                    f"（{MAX_ROWS:,} 行 × {MAX_COLS:,} 列）；请用 Excel/WPS 打开后另存为 .xlsx 再导入。"
                )
        return merges

    def rows(self, info: SheetInfo) -> Iterator[tuple[int, list[RawCell]]]:
        """Non-empty rows with their cells."""
        for r, cells in self._loaded[info.name][3]:
            yield r, [RawCell(c, v) for c, v in cells]

    def close(self) -> None:
        """Nothing is held open (the child has exited)."""
        self._loaded = {}


def _mentions_password(message: str) -> bool:
    text = message.lower()
    return "password" in text or "encrypt" in text


def open_workbook(path: Path) -> Workbook:
    """Vet and open a workbook; every problem is an :class:`ExcelError` naming the file."""
    vetted = vet_workbook(path)
    book: _Book = XlsxBook(path) if vetted.format == "xlsx" else _CalamineBook(path)
    return Workbook(path, book)
