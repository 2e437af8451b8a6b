"""Fuzzing the Excel reader (issue 15 "done means"): damaged bytes or XML never escape as
anything but zhengai's own bad-input error.

Each example mutates a small valid .xlsx, either its raw bytes or the XML of one part
(re-zipped, so the damage reaches the XML parser and the cell decoding), and reads every
sheet.  Reading may succeed or raise :class:`ExcelError`; any other exception is a bug.
The example count keeps the test within a few seconds so it runs in every suite run.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.excel.test_hostile import _replace_member
from zhengai.excel.errors import ExcelError
from zhengai.excel.reader import open_workbook

PARTS = ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml",
         "xl/_rels/workbook.xml.rels")
# Fragments that make XML and cell values interesting rather than merely ill-formed.
TOKENS = [
    "<", ">", "/>", '"', "=", " ", "r=", 't="s"', 't="e"', 't="d"', 't="str"', 't="inlineStr"', 't="b"',
    's="1"', "<v>", "</v>", "<c ", "</c>", '<row r="', "</row>", "<f>", "</f>", "<is><t>", "</t></is>",
    "_xD800_", "_x0041_", "&#0;", "&amp;", "99999999999", "1048577", "-1", "0", "1e999", "nan", "A", "XFD",
    "ZZZZ", '<mergeCell ref="', '"/>', "<si><t>", "</t></si>", "<!DOCTYPE x>", "\x00", "\u00e9", "中",
]


@cache
def _seed() -> bytes:
    """A small workbook using the features the reader decodes."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "任务"
    ws["C2"] = 42979
    ws["C2"].number_format = "yyyy-mm-dd"  # gives styles.xml a date format (style 1)
    hidden = wb.create_sheet("隐藏")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "备注"
    buffer = io.BytesIO()
    wb.save(buffer)
    data = buffer.getvalue()
    # the first sheet as Excel writes it: shared strings, a date style, a cached formula, an error
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>建设内容</t></is></c>'
        '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="str"><f>"成立"&amp;"委员会"</f><v>成立委员会</v></c>'
        '<c r="C2" s="1"><v>42979</v></c><c r="D2" t="s"><v>1</v></c><c r="F2" t="e"><v>#N/A</v></c></row>'
        '<row r="3"><c r="B3" t="inlineStr"><is><r><t>建设</t></r><r><t>_x000D_网站</t></r></is></c>'
        '<c r="C3"><v>2017.9</v></c><c r="D3" t="b"><v>1</v></c><c r="E3" t="d"><v>2017-09-01T00:00:00Z</v></c></row>'
        '<row r="5"><c r="E5"><f>SUM(C2:C3)</f></c></row>'
        '</sheetData><mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells></worksheet>'
    )
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           "<si><t>建设项目</t></si><si><r><t>教务</t></r><r><t>处</t></r></si><si><t>完成时间</t></si>"
           "<si><t>责任部门</t><rPh><t>ぶもん</t></rPh></si><si><t>健全组织</t></si></sst>")
    data = _replace_member(data, PARTS[0], sheet.encode())
    return _replace_member(data, PARTS[1], sst.encode())


def _read_all(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.xlsx"
        path.write_bytes(data)
        try:
            with open_workbook(path) as book:
                for name in book.sheet_names:
                    sheet = book.sheet(name)
                    for row in sheet.rows():
                        row.texts()
                    sheet.error_warnings()
        except ExcelError:
            pass


@st.composite
def _xml_mutation(draw: st.DrawFn) -> bytes:
    data = _seed()
    part = draw(st.sampled_from(PARTS))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        text = z.read(part).decode()
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        insert = "".join(draw(st.lists(st.sampled_from(TOKENS), max_size=4)))
        text = text[:start] + insert + text[end:]
    return _replace_member(data, part, text.encode("utf-8", "surrogatepass"))


@st.composite
def _byte_mutation(draw: st.DrawFn) -> bytes:
    data = bytearray(_seed())
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data) - 1))
        data[at] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        del data[draw(st.integers(0, len(data) - 1)) :]
    return bytes(data)


# ZHENGAI_FUZZ_EXAMPLES=20000 for a longer campaign; the default keeps the suite fast.
FUZZ = settings(max_examples=int(os.environ.get("ZHENGAI_FUZZ_EXAMPLES", "250")), deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(_xml_mutation())
def test_fuzzed_xml_is_read_or_refused(data: bytes) -> None:
    _read_all(data)


@FUZZ
@given(_byte_mutation())
def test_fuzzed_bytes_are_read_or_refused(data: bytes) -> None:
    _read_all(data)


def test_seed_workbook_reads() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seed.xlsx"
        path.write_bytes(_seed())
        with open_workbook(path) as book:
            texts = [r.texts() for r in book.sheet("任务").rows()]
            assert texts[0] == ["建设项目", "建设内容", "完成时间", "责任部门"]
            assert "教务处" in texts[1] and any("#N/A" in row for row in texts)
