"""Damaged or hostile .xlsx parts (issue 15, items 7 and 11): exit 2 naming the part and cell."""

from __future__ import annotations

import io
import os
import resource
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.excel.conftest import CLI
from tests.excel.test_hostile import _replace_member, _xlsx_bytes, check_fails
from zhengai.excel.errors import ExcelError
from zhengai.excel.importers import import_workbook

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>建设项目</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>建设内容</t></is></c>'
    '<c r="C1" t="inlineStr"><is><t>完成时间</t></is></c>'
    '<c r="D1" t="inlineStr"><is><t>责任部门</t></is></c></row>'
)


def _row(r: str, cells: str) -> str:
    return f'<row r="{r}">{cells}</row>'


def _task(r: int, c_attr: str = "", value: str = "2017.9") -> str:
    """A task row whose C cell (deadline) carries ``c_attr`` and ``<v>value</v>``."""
    return _row(
        str(r),
        f'<c r="A{r}" t="inlineStr"><is><t>健全组织</t></is></c>'
        f'<c r="B{r}" t="inlineStr"><is><t>成立委员会</t></is></c>'
        f'<c r="C{r}"{c_attr}><v>{value}</v></c>'
        f'<c r="D{r}" t="inlineStr"><is><t>教务处</t></is></c>',
    )


def workbook(
    path: Path, rows: str, *, shared: list[str] | None = None, tail: str = ""
) -> Path:
    """An .xlsx whose first sheet has the header row and then ``rows`` (raw XML)."""
    sheet = f'<worksheet xmlns="{NS}"><sheetData>{HEADER_ROW}{rows}</sheetData>{tail}</worksheet>'
    data = _replace_member(_xlsx_bytes(fill=False), SHEET, sheet.encode())
    if shared is not None:
        sst = "".join(f"<si><t>{s}</t></si>" for s in shared)
        data = _replace_member(data, "xl/sharedStrings.xml", f'<sst xmlns="{NS}">{sst}</sst>'.encode())
    path.write_bytes(data)
    return path


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def run_import(path: Path, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """``zhengai import`` in a child with a time and memory limit (a regression must not hang CI)."""
    env = {**os.environ, "PYTHONUTF8": "1"}
    return subprocess.run(
        [sys.executable, "-m", "zhengai", "import", str(path), "-o", str(path.with_suffix(".yaml"))],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_limit_memory,
        env=env,
    )


# ------------------------------------------------------------------ item 7: row indices


@pytest.mark.parametrize("r", ["99999999999999999999", "100000000"])
def test_huge_row_number_does_not_spin(tmp_path: Path, r: str) -> None:
    """Rows up to ``r`` were walked one by one (``r="100000000"``: 49 s): run bounded."""
    path = workbook(tmp_path / "rows.xlsx", _row(r, '<c t="inlineStr"><is><t>x</t></is></c>'))
    started = time.monotonic()
    done = run_import(path)
    assert time.monotonic() - started < 15
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert SHEET in done.stderr and f'<row r="{r}">' in done.stderr and "1,048,576" in done.stderr


@pytest.mark.parametrize("r", ["1048577", "0", "-3", "1e3", "Ⅻ"])
def test_row_number_beyond_excel(cli: CLI, tmp_path: Path, r: str) -> None:
    path = workbook(tmp_path / "rows.xlsx", _row(r, '<c t="inlineStr"><is><t>x</t></is></c>'))
    check_fails(cli, path, SHEET, f'<row r="{r}">', "1,048,576")


@pytest.mark.parametrize("ref", ["XFE2", "A99999999", "A2B", "2A", "ÄB2"])
def test_cell_reference_beyond_excel(cli: CLI, tmp_path: Path, ref: str) -> None:
    path = workbook(tmp_path / "cols.xlsx", _row("2", f'<c r="{ref}" t="inlineStr"><is><t>x</t></is></c>'))
    check_fails(cli, path, SHEET, ref)


def test_too_many_cells_in_a_row(cli: CLI, tmp_path: Path) -> None:
    cells = '<c t="inlineStr"><is><t>x</t></is></c>' * 16_385
    path = workbook(tmp_path / "wide.xlsx", _row("2", cells))
    check_fails(cli, path, SHEET, "16,384")


def test_merge_beyond_excel_is_refused(tmp_path: Path) -> None:
    tail = '<mergeCells count="1"><mergeCell ref="A2:A99999999999"/></mergeCells>'
    path = workbook(tmp_path / "merge.xlsx", _task(2), tail=tail)
    done = run_import(path)
    assert done.returncode == 2, done.stderr
    assert "合并单元格" in done.stderr and SHEET in done.stderr


def test_sparse_sheet_is_fast(tmp_path: Path) -> None:
    """Rows 2 and 1,000,000 with 100 vertical merges open after row 2: the gap is not walked."""
    from zhengai.excel.cells import col_letter

    cols = [col_letter(c) for c in range(5, 105)]
    merges = "".join(f'<mergeCell ref="{c}2:{c}3"/>' for c in cols)
    tail = f'<mergeCells count="{len(cols)}">{merges}</mergeCells>'
    second = _task(2).replace(
        "</row>", "".join(f'<c r="{c}2" t="inlineStr"><is><t>附注</t></is></c>' for c in cols) + "</row>"
    )
    path = workbook(tmp_path / "sparse.xlsx", second + _task(1_000_000) + _task(1_048_576), tail=tail)
    from zhengai.excel.reader import open_workbook

    started = time.monotonic()
    with open_workbook(path) as book:
        numbers = [row.number for row in book.sheet(book.sheet_names[0]).rows()]
    elapsed = time.monotonic() - started
    assert numbers == [1, 2, 3, 1_000_000, 1_048_576]
    assert elapsed < 1, elapsed


# ------------------------------------------------------------------ item 11: damaged values


@pytest.mark.parametrize(
    ("attr", "value", "phrase"),
    [
        (' t="s"', "7", "只有 1 个"),  # short sharedStrings
        (' t="s"', "x1", "共享字符串编号"),
        (' s="abc"', "1", "样式编号"),
        ("", "12,5", "不是数字"),
        ("", "inf", "不是有限的数"),
        ("", "1e999", "不是有限的数"),
        ("", "nan", "不是有限的数"),
        (' t="d"', "2017-13-45", "ISO 8601"),
        (' t="str"', "_xD800_", "代理码位"),
        (' t="str"', "😀_xDC00_", "_xDC00_"),  # a character outside the BMP before the lone half
    ],
)
def test_bad_cell_value_names_part_and_cell(
    cli: CLI, tmp_path: Path, attr: str, value: str, phrase: str
) -> None:
    path = workbook(tmp_path / "bad.xlsx", _task(2, attr, value), shared=["甲"])
    err = check_fails(cli, path, SHEET, "C2", phrase)
    assert "内部错误" not in err


def test_missing_shared_strings(cli: CLI, tmp_path: Path) -> None:
    path = workbook(tmp_path / "nosst.xlsx", _task(2, ' t="s"', "0"))
    check_fails(cli, path, SHEET, "C2", "只有 0 个")


def test_surrogate_pair_escape_is_joined(tmp_path: Path) -> None:
    path = workbook(tmp_path / "emoji.xlsx", _task(2, ' t="str"', "_xD83D__xDE00_ 2017.9"))
    tasks = yaml.safe_load(import_workbook(path).documents[0].text())["tasks"]
    assert tasks[0]["deadline"] == "😀 2017.9"


def test_lone_surrogate_in_shared_strings(cli: CLI, tmp_path: Path) -> None:
    path = workbook(tmp_path / "sst.xlsx", _task(2, ' t="s"', "0"), shared=["_xDC00_"])
    check_fails(cli, path, "xl/sharedStrings.xml", "第 1 个字符串")


def test_bad_number_format_id(cli: CLI, tmp_path: Path) -> None:
    path = workbook(tmp_path / "styles.xlsx", _task(2))
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        styles = z.read("xl/styles.xml").replace(b'numFmtId="0"', b'numFmtId="zero"')
    path.write_bytes(_replace_member(data, "xl/styles.xml", styles))
    check_fails(cli, path, "xl/styles.xml", "numFmtId")


def _patch_local_header(data: bytes, name: str, offset: int, fmt: str, value: int) -> bytes:
    """Change a field of ``name``'s local header *and* central-directory entry."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = z.getinfo(name)
    struct.pack_into(fmt, out, info.header_offset + offset, value)
    pos = 0
    while (pos := out.find(b"PK\x01\x02", pos)) >= 0:
        n = struct.unpack_from("<H", out, pos + 28)[0]
        if out[pos + 46 : pos + 46 + n] == name.encode():
            struct.pack_into(fmt, out, pos + offset + 2, value)
        pos += 4
    return bytes(out)


def test_unsupported_compression_method(cli: CLI, tmp_path: Path) -> None:
    path = workbook(tmp_path / "method.xlsx", _task(2))
    # method 99 (AES) in the local header (offset 8) and the central directory (offset 10)
    path.write_bytes(_patch_local_header(path.read_bytes(), SHEET, 8, "<H", 99))
    check_fails(cli, path, SHEET)


def test_unsupported_zip_version(cli: CLI, tmp_path: Path) -> None:
    path = workbook(tmp_path / "version.xlsx", _task(2))
    # "version needed to extract" 9.9 (offset 4 local, 6 central)
    path.write_bytes(_patch_local_header(path.read_bytes(), SHEET, 4, "<H", 99))
    check_fails(cli, path, "已损坏", "9.9")


def test_corrupt_deflate_stream(cli: CLI, tmp_path: Path) -> None:
    path = workbook(tmp_path / "deflate.xlsx", _task(2) * 1 + _task(3))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo(SHEET)
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len
    for i in range(start + 2, start + info.compress_size - 2):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    check_fails(cli, path, "已损坏")


def test_error_is_excel_error_in_library(tmp_path: Path) -> None:
    path = workbook(tmp_path / "lib.xlsx", _task(2, "", "abc"))
    with pytest.raises(ExcelError, match="C2"):
        import_workbook(path)


# ------------------------------------------------------------------ item 25: cached error values


@pytest.mark.parametrize("error", ["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"])
def test_cached_error_value_is_warned_with_its_cell(cli: CLI, tmp_path: Path, error: str) -> None:
    row = _task(2).replace('<c r="D2" t="inlineStr"><is><t>教务处</t></is></c>', f'<c r="D2" t="e"><f>VLOOKUP(A2,X:Y,2,0)</f><v>{error}</v></c>')
    path = workbook(tmp_path / "err.xlsx", row)
    result = cli("import", path, "-o", tmp_path / "err.yaml")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("警告：")]
    assert any("Sheet!D2" in w and error in w and "VLOOKUP" in w for w in warnings), result.stderr


def test_many_error_values_are_summarised(tmp_path: Path) -> None:
    rows = "".join(
        _task(r).replace(f'<c r="C{r}"><v>2017.9</v></c>', f'<c r="C{r}" t="e"><v>#N/A</v></c>')
        for r in range(2, 40)
    )
    result = import_workbook(workbook(tmp_path / "many.xlsx", rows))
    errors = [w for w in result.report.warnings if "错误值" in w]
    assert len(errors) == 21 and "另有 18 个" in errors[-1]
