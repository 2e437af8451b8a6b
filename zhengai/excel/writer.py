"""Writing workbooks safely.

- User text is always a text cell: a value starting with ``=``, ``+``, ``-``, ``@``, a
  tab or a carriage return gets the text type *and* Excel's quote prefix, so it is not
  a formula now and does not become one when someone edits the cell.
- Values Excel cannot hold (control characters, more than 32,767 characters) and bad
  sheet names are collected with the YAML location of the value (``file:line:col``);
  :meth:`SheetWriter.problems` are raised together before anything is written.
- The file is written atomically and never over an existing file without ``force``; a
  workbook open in Excel, WPS or LibreOffice (its lock file is present) is refused with a
  message saying to close it.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from zhengai.excel.errors import ExcelError
from zhengai.fsutil import atomic_write_bytes

MAX_CELL = 32_767
MAX_SHEET_NAME = 31
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SHEET_BAD = re.compile(r"[\\/?*\[\]:]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\x00")
_OOXML_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")

THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
LABEL_FILL = PatternFill("solid", fgColor="EDEDED")
HEADER_FONT = Font(bold=True)
TITLE_FONT = Font(bold=True, size=14)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
TEXT_FORMAT = "@"


@dataclass
class Problems:
    """Values that cannot be written, with where they come from."""

    items: list[str] = field(default_factory=list)

    def add(self, where: str, message: str) -> None:
        """Record one problem: ``where`` is ``file:line:col`` (or a description)."""
        self.items.append(f"{where}：{message}" if where else message)

    def raise_if_any(self, target: Path) -> None:
        """Raise one :class:`ExcelError` listing the first problems."""
        if self.items:
            shown = "；".join(self.items[:5])
            more = f"（另有 {len(self.items) - 5} 处）" if len(self.items) > 5 else ""
            raise ExcelError(
                f"无法导出 {target.name}，以下内容不能写入 Excel：{shown}{more}。请修改 YAML 后重试。"
            )


def text_problem(value: str) -> str | None:
    """Why ``value`` cannot go into a cell, or None."""
    bad = _ILLEGAL.search(value)
    if bad:
        return f"含有 Excel 不允许的控制字符 U+{ord(bad.group()):04X}"
    if len(value) > MAX_CELL:
        return f"文本长 {len(value)} 个字符，超过 Excel 单元格上限 {MAX_CELL}"
    return None


def sheet_name_problem(name: str) -> str | None:
    """Why ``name`` is not a valid sheet name, or None."""
    if not name.strip():
        return "工作表名称不能为空"
    if len(name) > MAX_SHEET_NAME:
        return f"用作工作表名称的“{name}”长 {len(name)} 个字符，超过 Excel 上限 {MAX_SHEET_NAME}"
    bad = _SHEET_BAD.search(name)
    if bad:
        return f"用作工作表名称的“{name}”含有 Excel 不允许的字符“{bad.group()}”（\\ / ? * [ ] : 都不行）"
    if name.startswith("'") or name.endswith("'"):
        return f"用作工作表名称的“{name}”不能以单引号开头或结尾"
    if name.lower() == "history":
        return "History 是 Excel 保留的工作表名称"
    if _ILLEGAL.search(name):
        return f"用作工作表名称的“{name}”含有控制字符"
    return None


def safe_sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unused sheet name derived from ``name`` (for names zhengai composes)."""
    clean = _SHEET_BAD.sub("_", _ILLEGAL.sub("", name)).strip("'").strip() or "Sheet"
    clean = clean[:MAX_SHEET_NAME]
    candidate, n = clean, 1
    while candidate.lower() in {t.lower() for t in taken}:
        n += 1
        suffix = f"({n})"
        candidate = clean[: MAX_SHEET_NAME - len(suffix)] + suffix
    taken.add(candidate)
    return candidate


def neutralise(cell: Any, value: str) -> None:
    """Put user text into an openpyxl cell (normal or write-only) so it is never a formula.

    The cell gets the text type (openpyxl would otherwise store ``=1+1`` as a live
    formula) and, when the text starts like a formula, Excel's quote prefix, so it does
    not become one when someone edits the cell either.  A literal ``_x0041_`` is escaped,
    or Excel would read it as the escape for ``A``.
    """
    cell.value = _OOXML_ESCAPE.sub(r"_x005F_\1", value) if "_x" in value else value
    cell.data_type = "s"
    if value.startswith(_FORMULA_START):
        cell.quotePrefix = True


def csv_safe(text: str) -> str:
    """A CSV field that Excel/WPS will not run as a formula (OWASP "CSV injection").

    Text starting with ``= + - @``, a tab or a carriage return gets a leading ``'``, the
    prefix Excel itself uses for "this is text"; everything else is returned unchanged.
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


class SheetWriter:
    """Writes cells into one worksheet; text is always text (see module doc)."""

    def __init__(self, ws: Worksheet, problems: Problems) -> None:
        self.ws = ws
        self.problems = problems

    def text(
        self, row: int, col: int, value: str | None, where: str = "", *, style: str = "data"
    ) -> None:
        """A text cell (None leaves it empty but styled)."""
        cell = self.ws.cell(row, col)
        if value is not None and value != "":
            problem = text_problem(value)
            if problem:
                self.problems.add(where, problem)
                value = None
            else:
                neutralise(cell, value)
        cell.number_format = TEXT_FORMAT
        self._style(cell, style)

    def number(
        self,
        row: int,
        col: int,
        value: float | int | None,
        fmt: str = "General",
        *,
        style: str = "data",
    ) -> None:
        """A number cell."""
        cell = self.ws.cell(row, col)
        if value is not None:
            cell.value = value
        cell.number_format = fmt
        self._style(cell, style)

    def formula(
        self, row: int, col: int, formula: str, fmt: str = "General", *, style: str = "data"
    ) -> None:
        """A formula written by zhengai itself (never user text)."""
        cell = self.ws.cell(row, col)
        cell.value = formula
        cell.number_format = fmt
        self._style(cell, style)

    def merge(self, r0: int, c0: int, r1: int, c1: int) -> None:
        """Merge a range when it spans more than one cell (borders kept on every cell)."""
        if (r0, c0) != (r1, c1):
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    self.ws.cell(r, c).border = BORDER
            self.ws.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)

    def merge_runs(self, first: int, keys: list[Any], columns: list[int]) -> None:
        """Merge each of ``columns`` over runs of consecutive rows (from row ``first``) whose
        keys are equal and not None: a value shared by several rows is printed once."""
        start = 0
        for i in range(1, len(keys) + 1):
            if i == len(keys) or keys[i] != keys[start] or keys[start] is None:
                if keys[start] is not None and i - start > 1:
                    for col in columns:
                        self.merge(first + start, col, first + i - 1, col)
                start = i

    def widths(self, widths: dict[int, float]) -> None:
        """Column widths by column number."""
        for col, width in widths.items():
            self.ws.column_dimensions[get_column_letter(col)].width = width

    @staticmethod
    def _style(cell: Any, style: str) -> None:
        if style == "title":
            cell.font = TITLE_FONT
            cell.alignment = CENTER
            return
        cell.border = BORDER
        if style == "header":
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.alignment = CENTER
        elif style == "label":
            cell.font = HEADER_FONT
            cell.fill = LABEL_FILL
            cell.alignment = CENTER
        elif style == "center":
            cell.alignment = CENTER
        else:
            cell.alignment = WRAP


def lock_files(path: Path) -> list[Path]:
    """Lock files Excel/WPS (``~$name``) and LibreOffice (``.~lock.name#``) leave while open."""
    folder = path.parent
    candidates = [folder / f"~${path.name}", folder / f".~lock.{path.name}#"]
    return [c for c in candidates if c.exists()]


def check_target(path: Path, *, force: bool) -> None:
    """Refuse early: an existing file without ``force``, a directory, a file open elsewhere."""
    if path.is_dir():
        raise ExcelError(f"输出路径是一个目录：{path}")
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise ExcelError(f"输出文件应以 .xlsx 结尾：{path}")
    locks = lock_files(path)
    if locks:
        raise ExcelError(
            f"{path.name} 正在被 Excel/WPS 打开（发现锁文件 {locks[0].name}）；请先关闭该文件再导出。"
        )
    if path.exists() and not force:
        raise ExcelError(f"文件已存在：{path}；确认要覆盖请加 --force。")


def save(wb: Workbook, path: Path, *, force: bool) -> None:
    """Serialise in memory, then write atomically (see :func:`check_target`)."""
    check_target(path, force=force)
    buffer = io.BytesIO()
    wb.save(buffer)
    atomic_write_bytes(path, buffer.getvalue(), force=force)
