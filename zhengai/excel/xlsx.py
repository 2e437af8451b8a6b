"""A streaming reader for .xlsx/.xlsm sheets, built on defusedxml.

Why not ``openpyxl.load_workbook``: its normal mode keeps a cell object per cell (memory
grows with the sheet), its read-only mode has no merged ranges, neither tells a formula
*without a cached value* apart from an empty cell, and with lxml installed openpyxl
parses the workbook parts with lxml instead of defusedxml.  This module reads the few
parts an import needs (workbook, relationships, styles, shared strings, one sheet) with
``defusedxml.ElementTree.iterparse(forbid_dtd=True)``, yields one row at a time and
clears it, and reads the merged ranges in a cheap pre-pass over the raw XML so that
vertical merges can be applied while streaming.
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

from zhengai.excel.cells import BUILTIN_FORMATS, Merge, col_index, from_serial, is_date_format
from zhengai.excel.errors import ExcelError

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_NS_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+\d+(?::[A-Za-z]+\d+)?)\"")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _unescape(text: str) -> str:
    """OOXML ``_x000D_`` escapes → characters."""
    if "_x" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


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
        except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, OSError) as exc:
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

    def _parse(self, part: str, events: tuple[str, ...] = ("end",)) -> Iterator[tuple[str, Any]]:
        """iterparse a part with DTDs forbidden; XML errors become ExcelError."""
        try:
            with self._open(part) as handle:
                yield from iterparse(handle, events=events, forbid_dtd=True)
        except (DefusedXmlException, SyntaxError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
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
                custom[int(elem.get("numFmtId", "0"))] = elem.get("formatCode", "")
            elif tag == "cellXfs":
                in_xfs = False
            elif tag == "xf" and in_xfs:
                fid = int(elem.get("numFmtId", "0"))
                fmt = custom.get(fid) or BUILTIN_FORMATS.get(fid)
                formats.append(None if fmt in (None, "General") else fmt)
        return formats

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
                    strings.append(_unescape(_rich_text(elem)))
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
                        found.extend(
                            Merge.parse(m.group(1).decode()) for m in _MERGE.finditer(scan)
                        )
                if tail and b"mergeCell" in tail:
                    found.extend(Merge.parse(m.group(1).decode()) for m in _MERGE.finditer(tail))
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise ExcelError(
                f"{self.name} 已损坏：工作表“{sheet.name}”无法解压（{exc}）；请用 Excel/WPS 打开修复并另存后再导入。"
            ) from exc
        return found

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
        except (DefusedXmlException, SyntaxError, zipfile.BadZipFile, zlib.error, EOFError) as exc:
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
            self.row_no = int(r) if r else self.row_no + 1
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
    col = col_index(ref.rstrip("0123456789")) if ref else index + 1
    kind = attrib.get("t", "n")
    style = attrib.get("s")
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
        value: Any = strings[int(v_text)]
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
        value = dt.datetime.fromisoformat(v_text.rstrip("Z"))
    else:
        if v_text is None or v_text == "":
            return None
        number = float(v_text)
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
