"""A streaming reader for .xlsx/.xlsm sheets, built on defusedxml.

Why not ``openpyxl.load_workbook``: its normal mode keeps a cell object per cell (memory
grows with the sheet), its read-only mode has no merged ranges, neither tells a formula
*without a cached value* apart from an empty cell, and with lxml installed openpyxl
parses the workbook parts with lxml instead of defusedxml.  This module reads the few
parts an import needs (workbook, relationships, styles, shared strings, one sheet) with
``defusedxml.ElementTree.iterparse(forbid_dtd=True)``, yields one row at a time and
clears it, and reads the merged ranges in a cheap pre-pass over the raw XML so that
vertical merges can be applied while streaming.

It stays one module (about 540 lines): the parts it reads feed one streaming parser whose
state (shared strings, styles, merges, the row being built) every step uses.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, iterparse

from zhengai.excel.cells import (
    BUILTIN_FORMATS,
    MAX_COLS,
    MAX_ROWS,
    Merge,
    col_index,
    coord,
    from_serial,
    is_date_format,
)
from zhengai.excel.errors import ExcelError

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_NS_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)\"")
_LONE_SURROGATE = re.compile("[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]")
_CELL_REF = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})")
# What a damaged part can make the standard library raise while it is inflated or parsed:
# NotImplementedError is zipfile's answer to an unknown compression method or zip version.
_PART_ERRORS = (
    DefusedXmlException,
    SyntaxError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    OSError,
)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class _BadValue(ValueError):
    """A stored value that cannot be what the cell says it is (the caller adds the cell)."""


def _unescape(text: str) -> str:
    """OOXML ``_x000D_`` escapes → characters.

    A character outside the BMP may be written as two escapes of its UTF-16 surrogates
    (``_xD83D__xDE00_``): they are joined.  A lone surrogate cannot be stored in UTF-8
    YAML at all, so it is refused as damage rather than passed on.
    """
    if "_x" not in text:
        return text
    out = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    lone = _LONE_SURROGATE.search(out)
    if lone is not None:
        raise _BadValue(f"含有无效的转义字符 _x{ord(lone.group()):04X}_（孤立的代理码位）")
    return out.encode("utf-16-le", "surrogatepass").decode("utf-16-le")


def _index(text: str | None, limit: int, what: str) -> int:
    """A 1-based row/column number from the XML, within Excel's limits."""
    if text is None or not (text.isascii() and text.isdigit()) or len(text) > 7 or not 1 <= int(text) <= limit:
        raise _BadValue(f"{what}“{text}”无效（应为 1 至 {limit:,} 的整数）")
    return int(text)


@dataclass(frozen=True)
class SheetInfo:
    """A sheet of the workbook: its name, part name inside the zip, and visibility."""

    name: str
    part: str
    hidden: bool


@dataclass(frozen=True)
class RawCell:
    """One non-empty cell as stored: column, Python value and number format.

    ``value`` is str, float, int, bool or datetime; ``error`` is set for error cells
    (``#N/A``); ``formula`` holds the formula text when the cell has one.
    """

    col: int
    value: Any
    fmt: str | None = None
    formula: str | None = None
    error: str | None = None
    missing: bool = False  # a formula whose result was never saved


class XlsxBook:
    """An open .xlsx/.xlsm file; sheets are read on demand, one row at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        try:
            self._zip = zipfile.ZipFile(path)
            self.sheets, self.date1904 = self._read_workbook()
            self._formats = self._read_styles()
            self._strings: list[str] | None = None
        except ExcelError:
            self.close()
            raise
        except (*_PART_ERRORS, KeyError, ValueError) as exc:
            self.close()
            raise ExcelError(
                f"{self.name} 已损坏，无法读取工作簿结构（{exc}）；请用 Excel/WPS 打开修复并另存后再导入。"
            ) from exc

    def close(self) -> None:
        """Release the file."""
        archive = getattr(self, "_zip", None)
        if archive is not None:
            archive.close()

    def __enter__(self) -> XlsxBook:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---------------------------------------------------------------- parts
    def _open(self, part: str) -> IO[bytes]:
        return self._zip.open(part)

    def _part_error(self, part: str, exc: Exception) -> ExcelError:
        """A Chinese message for a part that is hostile, not XML, or does not decompress."""
        if isinstance(exc, DefusedXmlException):
            return ExcelError(
                f"{self.name} 的 {part} 含有 XML 实体或 DTD 声明（{type(exc).__name__}），疑似恶意构造，已拒绝读取。"
            )
        if isinstance(exc, SyntaxError):  # xml.etree.ElementTree.ParseError
            return ExcelError(f"{self.name} 的 {part} 不是有效的 XML（{exc}）；请用 Excel/WPS 打开修复并另存后再导入。")
        return ExcelError(f"{self.name} 已损坏：{part} 无法解压（{exc}）；请用 Excel/WPS 打开修复并另存后再导入。")

    def _value_error(self, part: str, where: str, exc: Exception) -> ExcelError:
        """A Chinese message for a value in a part that cannot be what it claims to be."""
        return ExcelError(
            f"{self.name} 已损坏：{part} 的 {where} {exc}；请用 Excel/WPS 打开修复并另存后再导入。"
        )

    def _parse(self, part: str, events: tuple[str, ...] = ("end",)) -> Iterator[tuple[str, Any]]:
        """iterparse a part with DTDs forbidden; XML errors become ExcelError."""
        try:
            with self._open(part) as handle:
                yield from iterparse(handle, events=events, forbid_dtd=True)
        except _PART_ERRORS as exc:
            raise self._part_error(part, exc) from exc

    def _rels(self, part: str) -> dict[str, str]:
        folder, base = posixpath.split(part)
        rels_part = posixpath.join(folder, "_rels", base + ".rels")
        if rels_part not in self._zip.NameToInfo:
            return {}
        targets: dict[str, str] = {}
        for _, elem in self._parse(rels_part):
            if _local(elem.tag) == "Relationship":
                target = elem.get("Target", "")
                if target.startswith("/"):
                    target = target.lstrip("/")
                else:
                    target = posixpath.normpath(posixpath.join(folder, target))
                targets[elem.get("Id", "")] = target
        return targets

    def _read_workbook(self) -> tuple[list[SheetInfo], bool]:
        part = "xl/workbook.xml"
        rels = self._rels(part)
        sheets: list[SheetInfo] = []
        date1904 = False
        for _, elem in self._parse(part):
            tag = _local(elem.tag)
            if tag == "workbookPr":
                date1904 = elem.get("date1904", "0").lower() in ("1", "true")
            elif tag == "sheet":
                rid = elem.get(f"{{{_REL_NS}}}id") or elem.get(f"{{{_REL_NS_STRICT}}}id") or ""
                target = rels.get(rid)
                if target is None or target not in self._zip.NameToInfo:
                    continue  # chart sheets and dangling entries carry no cells
                if "/worksheets/" not in f"/{target}" and not target.startswith("xl/worksheets"):
                    continue
                sheets.append(
                    SheetInfo(
                        elem.get("name", ""), target, elem.get("state", "visible") != "visible"
                    )
                )
        return sheets, date1904

    def _read_styles(self) -> list[str | None]:
        """Number format of each cell style index (None for General)."""
        part = "xl/styles.xml"
        if part not in self._zip.NameToInfo:
            return []
        custom: dict[int, str] = {}
        formats: list[str | None] = []
        in_xfs = False
        for event, elem in self._parse(part, ("start", "end")):
            tag = _local(elem.tag)
            if event == "start":
                if tag == "cellXfs":
                    in_xfs = True
                continue
            if tag == "numFmt":
                custom[self._style_id(part, elem)] = elem.get("formatCode", "")
            elif tag == "cellXfs":
                in_xfs = False
            elif tag == "xf" and in_xfs:
                fid = self._style_id(part, elem)
                fmt = custom.get(fid) or BUILTIN_FORMATS.get(fid)
                formats.append(None if fmt in (None, "General") else fmt)
        return formats

    def _style_id(self, part: str, elem: Any) -> int:
        """``numFmtId`` of a style element (a number; anything else is damage)."""
        text = elem.get("numFmtId", "0")
        if not (text.isascii() and text.isdigit()) or len(text) > 9:
            raise self._value_error(part, f"<{_local(elem.tag)}>", _BadValue(f"的 numFmtId“{text}”不是整数"))
        return int(text)

    def _shared_strings(self) -> list[str]:
        if self._strings is not None:
            return self._strings
        strings: list[str] = []
        part = next(
            (
                n
                for n in ("xl/sharedStrings.xml", "xl/SharedStrings.xml")
                if n in self._zip.NameToInfo
            ),
            None,
        )
        if part is not None:
            for _, elem in self._parse(part):
                if _local(elem.tag) == "si":
                    try:
                        strings.append(_unescape(_rich_text(elem)))
                    except _BadValue as exc:
                        raise self._value_error(part, f"第 {len(strings) + 1} 个字符串", exc) from exc
                    elem.clear()
        self._strings = strings
        return strings

    # ---------------------------------------------------------------- sheets
    def merges(self, sheet: SheetInfo) -> list[Merge]:
        """Merged ranges of a sheet, from a byte scan of the raw XML (no XML tree is built)."""
        found: list[Merge] = []
        tail = b""
        try:
            with self._open(sheet.part) as handle:
                while chunk := handle.read(1 << 20):
                    data = tail + chunk
                    last = data.rfind(b"<")
                    scan, tail = (data[:last], data[last:]) if last > 0 else (data, b"")
                    if b"mergeCell" in scan:
                        found.extend(self._merge(sheet, m) for m in _MERGE.finditer(scan))
                if tail and b"mergeCell" in tail:
                    found.extend(self._merge(sheet, m) for m in _MERGE.finditer(tail))
        except _PART_ERRORS as exc:
            raise ExcelError(
                f"{self.name} 已损坏：工作表“{sheet.name}”无法解压（{exc}）；请用 Excel/WPS 打开修复并另存后再导入。"
            ) from exc
        return found

    def _merge(self, sheet: SheetInfo, match: re.Match[bytes]) -> Merge:
        """One ``mergeCell`` ref, inside Excel's grid (a huge range would be walked row by row)."""
        ref = match.group(1).decode()
        try:
            for corner in ref.split(":"):
                m = _CELL_REF.fullmatch(corner)
                if m is None:
                    raise _BadValue(f"的范围“{ref}”超出 Excel 的行列上限")
                _index(m.group(2), MAX_ROWS, "行号")
                _index(str(col_index(m.group(1))), MAX_COLS, "列号")
        except _BadValue as exc:
            raise self._value_error(sheet.part, "合并单元格", exc) from exc
        return Merge.parse(ref)

    def rows(self, sheet: SheetInfo) -> Iterator[tuple[int, list[RawCell]]]:
        """``(row number, non-empty cells)`` in sheet order; rows without cells are skipped.

        A formula whose result was never saved comes as a cell with ``missing=True`` (never
        as an empty cell): the importer decides whether that is an error.  The sheet is
        fed in 64 KiB pieces to a defusedxml parser whose target builds cells directly
        (no element tree), so memory stays flat however long the sheet is.
        """
        target = _SheetTarget(self._shared_strings(), self._formats, self.date1904)
        parser = DefusedXMLParser(target=target, forbid_dtd=True)
        part = sheet.part
        try:
            with self._open(part) as handle:
                while not target.done and (piece := handle.read(1 << 16)):
                    parser.feed(piece)
                    if target.rows:
                        ready, target.rows = target.rows, []
                        yield from ready
            if not target.done:
                parser.close()
            yield from target.rows
        except _BadValue as exc:
            raise self._value_error(part, target.where(), exc) from exc
        except _PART_ERRORS as exc:
            raise self._part_error(part, exc) from exc


class _SheetTarget:
    """Parser target for a worksheet: ``<row>``/``<c>`` events straight into RawCells."""

    def __init__(self, strings: list[str], formats: list[str | None], date1904: bool) -> None:
        self.strings, self.formats, self.date1904 = strings, formats, date1904
        self.rows: list[tuple[int, list[RawCell]]] = []
        self.cells: list[RawCell] = []
        self.row_no = 0
        self.done = False
        self.attrib: dict[str, str] = {}
        self.buf: list[str] | None = None
        self.v: str | None = None
        self.has_v = False
        self.formula: str | None = None
        self.inline: list[str] | None = None
        self.phonetic = False
        self.at_row: str | None = None  # the r= of a <row> being checked, for messages

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        name = tag[tag.rfind("}") + 1 :]
        if name == "c":
            self.attrib, self.v, self.has_v, self.formula, self.inline = (
                attrib,
                None,
                False,
                None,
                None,
            )
        elif name == "v" or name == "f":
            self.buf = []
        elif name == "t":
            if self.inline is not None and not self.phonetic:
                self.buf = []
        elif name == "row":
            r = attrib.get("r")
            self.at_row = r if r is not None else str(self.row_no + 1)
            self.row_no = _index(self.at_row, MAX_ROWS, "行号")
            self.at_row = None
            self.cells = []
        elif name == "is":
            self.inline = []
        elif name == "rPh":
            self.phonetic = True

    def data(self, text: str) -> None:
        if self.buf is not None:
            self.buf.append(text)

    def end(self, tag: str) -> None:
        name = tag[tag.rfind("}") + 1 :]
        if name == "v":
            self.v, self.has_v, self.buf = "".join(self.buf or ()), True, None
        elif name == "f":
            self.formula, self.buf = "=" + "".join(self.buf or ()), None
        elif name == "t":
            if self.buf is not None and self.inline is not None:
                self.inline.append("".join(self.buf))
            self.buf = None
        elif name == "rPh":
            self.phonetic = False
        elif name == "c":
            cell = _cell(
                self.attrib,
                self.v,
                self.has_v,
                self.formula,
                self.inline,
                self.strings,
                self.formats,
                self.date1904,
                len(self.cells),
            )
            if cell is not None:
                self.cells.append(cell)
        elif name == "row":
            if self.cells:
                self.rows.append((self.row_no, self.cells))
            self.cells = []
        elif name == "sheetData":
            self.done = True

    def where(self) -> str:
        """The row or cell being read, for messages: ``单元格 C5`` or ``<row r="…">``."""
        if self.at_row is not None:
            return f"<row r=\"{self.at_row[:30]}\">"
        ref = self.attrib.get("r")
        if ref:
            return f"单元格 {ref[:30]}"
        return f"单元格 {coord(self.row_no, min(len(self.cells) + 1, MAX_COLS))}"

    def close(self) -> None:
        """Nothing to return (the rows were taken as they came)."""


def _rich_text(elem: Any) -> str:
    """Text of an ``<si>``/``<is>``: plain ``<t>`` or runs ``<r><t>``; phonetic runs skipped."""
    parts: list[str] = []
    for child in elem:
        tag = _local(child.tag)
        if tag == "t":
            parts.append(child.text or "")
        elif tag == "r":
            for sub in child:
                if _local(sub.tag) == "t":
                    parts.append(sub.text or "")
    return "".join(parts)


def _cell(
    attrib: dict[str, str],
    v_text: str | None,
    has_v: bool,
    formula: str | None,
    inline: list[str] | None,
    strings: list[str],
    formats: list[str | None],
    date1904: bool,
    index: int,
) -> RawCell | None:
    """One ``<c>`` (attributes and children's texts) → RawCell, or None when empty."""
    ref = attrib.get("r")
    if ref is not None:
        m = _CELL_REF.fullmatch(ref)
        if m is None:
            raise _BadValue(f"的位置“{ref}”不是有效的单元格引用")
        _index(m.group(2), MAX_ROWS, "行号")
        col = _index(str(col_index(m.group(1))), MAX_COLS, "列号")
    else:
        col = _index(str(index + 1), MAX_COLS, "列号")
    kind = attrib.get("t", "n")
    style = attrib.get("s")
    if style is not None and (not (style.isascii() and style.isdigit()) or len(style) > 9):
        raise _BadValue(f"的样式编号 s=“{style}”不是整数")
    fmt = formats[int(style)] if style and int(style) < len(formats) else None
    # No saved result: no <v> at all, or an empty <v/> for a type that cannot be empty
    # (a formula that returns "" is stored as t="str" with an empty <v/>).
    if (
        formula is not None
        and kind != "inlineStr"
        and (not has_v or (not v_text and kind != "str"))
    ):
        return RawCell(col, None, fmt, formula, missing=True)
    if kind == "s":
        if v_text is None:
            return None
        value: Any = _shared(strings, v_text)
    elif kind == "inlineStr":
        value = _unescape("".join(inline)) if inline is not None else ""
    elif kind == "str":
        value = _unescape(v_text or "")
    elif kind == "b":
        value = (v_text or "0").strip() in ("1", "true")
    elif kind == "e":
        return RawCell(col, v_text or "#VALUE!", fmt, formula, error=v_text or "#VALUE!")
    elif kind == "d":
        if not v_text:
            return None
        value = _iso_date(v_text)
    else:
        if v_text is None or v_text == "":
            return None
        number = _number(v_text)
        if fmt and is_date_format(fmt):
            try:
                value = from_serial(number, date1904)
            except (OverflowError, ValueError):
                value = number
        else:
            value = (
                int(number)
                if number.is_integer() and "." not in v_text and "E" not in v_text.upper()
                else number
            )
    if isinstance(value, str) and value == "" and formula is None:
        return None
    return RawCell(col, value, fmt, formula)


def _shared(strings: list[str], v_text: str) -> str:
    """Shared string number ``v_text`` (a missing or short sharedStrings part is damage)."""
    text = v_text.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise _BadValue(f"的共享字符串编号“{v_text}”不是整数")
    if int(text) >= len(strings):
        raise _BadValue(
            f"引用第 {int(text) + 1} 个共享字符串，但共享字符串表（sharedStrings.xml）只有 {len(strings)} 个"
        )
    return strings[int(text)]


def _number(v_text: str) -> float:
    """A stored number; text, infinities and NaN cannot come from Excel."""
    try:
        number = float(v_text)
    except ValueError:
        raise _BadValue(f"的数值“{v_text[:40]}”不是数字") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise _BadValue(f"的数值“{v_text[:40]}”不是有限的数")
    return number


def _iso_date(v_text: str) -> dt.datetime:
    """A ``t="d"`` cell's ISO 8601 date."""
    try:
        return dt.datetime.fromisoformat(v_text.rstrip("Z"))
    except ValueError:
        raise _BadValue(f"的日期“{v_text[:40]}”不是有效的 ISO 8601 日期") from None
