"""Exported sheets print on A4: text at 9 pt or more, nothing clipped, names not ids.

Each kind is exported from ``examples/college``; the workbook's print settings are
checked (scale, pages across, row heights against the wrapped lines of every cell), and
LibreOffice converts it to PDF, whose smallest printed text is measured with
``pdftotext -bbox``.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from zhengai.excel.exporters import export_workbook
from zhengai.excel.importers import import_workbook
from zhengai.excel.printing import (
    FONT_PT,
    LINE_PT,
    MIN_PRINT_PT,
    ROW_PAD_PT,
    cell_text,
    column_width,
    lines_needed,
    plan_pages,
    points_of_width,
    printable_width,
    text_units,
)
from zhengai.load.repository import load_repository

COLLEGE = Path(__file__).parents[2] / "examples" / "college"
KINDS = ("tasks", "oppm", "standards", "diagnosis", "duties")
AS_OF = dt.date(2026, 12, 2)
# LibreOffice's word boxes are 1.31 em high for the CJK fonts it uses (measured: 12.4 pt
# for 9.46 pt text); a little slack for rounding
BOX_PER_PT = 1.30


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("print")
    out = {}
    for kind in KINDS:
        out[kind] = folder / f"{kind}.xlsx"
        export_workbook(COLLEGE, out[kind], kind, as_of=AS_OF)
    return out


def test_widths_count_cjk_double() -> None:
    assert text_units("教务处") == 6 and text_units("CRS-01") == 6 and text_units("教务A") == 5
    assert lines_needed("10月", 5) == 1  # fits: not counted longer
    assert lines_needed("一二三四五六七八九十", 13) == 2  # 20 units (22 counted) in 12 usable
    assert lines_needed("第一行\n第二行", 20) == 2


def test_pages_fit_when_readable_else_split() -> None:
    page = printable_width()
    assert plan_pages([page / 10] * 10) == (100, [])
    scale, breaks = plan_pages([page / 10] * 11)  # 91 %: 10 pt, still one page
    assert breaks == [] and scale * FONT_PT / 100 >= MIN_PRINT_PT
    scale, breaks = plan_pages([page / 10] * 30, keys=(1, 2))
    assert scale * FONT_PT / 100 >= MIN_PRINT_PT and len(breaks) >= 2
    assert breaks[0] > 2  # the key columns print on the first page, then repeat


def _pages(ws: Worksheet) -> list[range]:
    starts = [0, *(b.id for b in ws.col_breaks.brk)]
    ends = [*starts[1:], ws.max_column]
    return [range(s + 1, e + 1) for s, e in zip(starts, ends, strict=True)]


def _key_cols(ws: Worksheet) -> range:
    if not ws.print_title_cols:
        return range(0)
    first, last = (
        openpyxl.utils.column_index_from_string(c)
        for c in re.findall(r"[A-Z]+", ws.print_title_cols)
    )
    return range(first, last + 1)


@pytest.mark.parametrize("kind", KINDS)
def test_print_settings_keep_text_readable(exported: dict[str, Path], kind: str) -> None:
    for ws in openpyxl.load_workbook(exported[kind]).worksheets:
        setup = ws.page_setup
        assert setup.orientation == "landscape" and setup.paperSize == 9, ws.title
        assert not ws.sheet_properties.pageSetUpPr.fitToPage  # the scale decides, explicitly
        scale = setup.scale / 100
        assert FONT_PT * scale >= MIN_PRINT_PT, ws.title
        keys = _key_cols(ws)
        for n, page in enumerate(_pages(ws)):
            cols = [*page, *(keys if n else [])]
            width = sum(points_of_width(column_width(ws, c)) for c in set(cols))
            assert width * scale <= printable_width() + 1, (ws.title, n)
        if kind == "oppm":
            assert ws.col_breaks.count == 0, f"{ws.title}: a one-page plan is one page across"
        else:
            assert ws.print_title_rows, ws.title


@pytest.mark.parametrize("kind", KINDS)
def test_rows_are_tall_enough_for_their_text(exported: dict[str, Path], kind: str) -> None:
    for ws in openpyxl.load_workbook(exported[kind]).worksheets:
        merged = {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}
        for row in ws.iter_rows():
            for cell in row:
                text = cell_text(cell.value, cell.number_format)
                if not text or not cell.alignment.wrap_text:
                    continue
                m = merged.get((cell.row, cell.column))
                r0, c0, r1, c1 = (
                    (m.min_row, m.min_col, m.max_row, m.max_col)
                    if m
                    else (cell.row, cell.column) * 2
                )
                width = sum(column_width(ws, c) for c in range(c0, c1 + 1))
                size = (cell.font.sz or FONT_PT) / FONT_PT
                need = lines_needed(text, width / size) * LINE_PT * size + ROW_PAD_PT
                have = sum(ws.row_dimensions[r].height or 15 for r in range(r0, r1 + 1))
                assert have >= need - 0.1, f"{ws.title}!{cell.coordinate}: {have} < {need}"


def test_percentages_and_names(exported: dict[str, Path]) -> None:
    tasks = openpyxl.load_workbook(exported["tasks"])["教务处2026年重点任务"]
    progress = next(c for c in range(1, tasks.max_column + 1) if tasks.cell(2, c).value == "进度")
    assert {tasks.cell(r, progress).number_format for r in range(4, tasks.max_row + 1)} == {"0%"}
    oppm = openpyxl.load_workbook(exported["oppm"])["OPPM-2026-JWC"]
    assert oppm["A1"].value == "教务处一页纸工作计划报表（2026年）"
    assert oppm["E3"].value == "教务处"  # 所属单位: the name, not jwc
    std = openpyxl.load_workbook(exported["standards"])["STD-COURSE"]
    assert [std.cell(2, c).value for c in (1, 3)] == ["编号：STD-COURSE", "层面：课程"]


def test_names_read_back_to_the_same_units(exported: dict[str, Path]) -> None:
    repo = load_repository([COLLEGE])
    course = next(
        d.text()
        for d in import_workbook(exported["standards"]).documents
        if "STD-COURSE" in d.text()
    )
    assert re.search(r"^level: course$", course, re.M)  # 层面：课程 → course
    plan = next(
        d for d in import_workbook(exported["oppm"]).documents if "OPPM-2026-JWC" in d.text()
    )
    unit = re.search(r"^unit: (.+)$", plan.text(), re.M)
    assert unit is not None
    dept = repo.department(unit.group(1).strip("\"'"))
    assert dept is not None and dept.id == "jwc"  # 教务处 names the same department


def _pdf(xlsx: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) or poppler-utils (pdftotext) is not installed")
    profile = xlsx.parent / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(xlsx.parent),
            str(xlsx),
        ],
        check=False,
        capture_output=True,
        timeout=180,
    )
    pdf = xlsx.with_suffix(".pdf")
    if not pdf.exists():  # soffice without Calc: "source file could not be loaded"
        pytest.skip("LibreOffice cannot open .xlsx here (install libreoffice-calc)")
    return pdf


@pytest.mark.parametrize("kind", KINDS)
def test_pdf_text_is_at_least_9_pt(exported: dict[str, Path], kind: str) -> None:
    pdf = _pdf(exported[kind])
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    words = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]+)<', bbox)
    cjk = [float(y1) - float(y0) for y0, y1, text in words if re.search(r"[\u4e00-\u9fff]", text)]
    assert cjk, "no Chinese text in the PDF"
    assert min(cjk) / BOX_PER_PT >= MIN_PRINT_PT - 0.2, (
        f"smallest text {min(cjk) / BOX_PER_PT:.1f} pt"
    )
    layout = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    # ids only inside a file:line source (依据 of the diagnosis sheet: the working trace)
    assert not re.search(r"(?<![/\w])(jwc|course)(?![/\w])", layout)
