"""Hostile survey inputs (issue 15, items 13 and 21): damage is exit 2; ids never become formulas."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
import typer
from typer.testing import CliRunner

from tests.excel.test_hostile import _replace_member
from zhengai.cli import survey
from zhengai.load.instruments import SurveyError
from zhengai.models.people import Instrument
from zhengai.survey.responses import read_responses

from .conftest import HEADER, WriteCsv

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"


def _responses_xlsx(path: Path) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(HEADER)
    ws.append(["S01", "一班", 5, 2, 3, 1, 4, 4])
    ws.append(["S02", "一班", 4, 2, 3, 2, 4, 3])
    book.save(path)
    return path


def _with_sheet_cell(path: Path, old: str, new: str) -> Path:
    with zipfile.ZipFile(path) as z:
        sheet = z.read(SHEET).decode()
    assert old in sheet, sheet
    path.write_bytes(_replace_member(path.read_bytes(), SHEET, sheet.replace(old, new, 1).encode()))
    return path


DAMAGE = [
    ('<c r="C2" t="n"><v>5</v></c>', '<c r="C2" t="s"><v>40</v></c>', "C2"),
    ('<c r="C2" t="n"><v>5</v></c>', '<c r="C2" t="n"><v>5,0</v></c>', "C2"),
    ('<c r="C2" t="n"><v>5</v></c>', '<c r="C2" s="x"><v>5</v></c>', "C2"),
    ('<row r="3">', '<row r="99999999999">', "99999999999"),
    ('<c r="C2" t="n"><v>5</v></c>', '<c r="C2" t="inlineStr"><is><t>_xD800_</t></is></c>', "C2"),
]


@pytest.mark.parametrize(("old", "new", "where"), DAMAGE)
def test_damaged_workbook_is_a_survey_error(mini: Instrument, tmp_path: Path, old: str, new: str, where: str) -> None:
    path = _with_sheet_cell(_responses_xlsx(tmp_path / "r.xlsx"), old, new)
    with pytest.raises(SurveyError, match=where) as info:
        read_responses(path, mini)
    assert SHEET in str(info.value) and "r.xlsx" in str(info.value)


def test_damaged_workbook_exits_2_through_the_cli(mini_path: Path, tmp_path: Path) -> None:
    app = typer.Typer()
    survey.register(app)
    path = _with_sheet_cell(_responses_xlsx(tmp_path / "r.xlsx"), *DAMAGE[0][:2])
    result = CliRunner().invoke(app, ["survey", "score", str(mini_path), str(path), "-o", str(tmp_path / "o"), "--no-charts"])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    assert result.stderr.startswith("错误：") and result.stderr.count("\n") == 1


def test_xlsx_reading_keeps_row_numbers_and_types(mini: Instrument, tmp_path: Path) -> None:
    path = _responses_xlsx(tmp_path / "r.xlsx")
    path = _with_sheet_cell(path, '<row r="3">', '<row r="9">').resolve()
    path = _with_sheet_cell(path, 'r="A3"', 'r="A9"')
    table = read_responses(path, mini)
    assert table.ids == ["S01", "S02"] and table.rows == [2, 9]
    assert table.values[1].tolist()[:2] == [4.0, 2.0]


FORMULAS = ["=1+1", "=cmd|' /C calc'!A0", "+SUM(1)", "@SUM(A1)", "-2+3"]


def test_ids_and_classes_never_become_formulas(mini_path: Path, write_csv: WriteCsv, tmp_path: Path) -> None:
    rows = [[text, text, 5, 2, 3, 1, 4, 4] for text in FORMULAS]
    app = typer.Typer()
    survey.register(app)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["survey", "score", str(mini_path), str(write_csv(rows)), "--by", "class", "-o", str(out), "--no-charts"]
    )
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out / "scores.xlsx")
    ws = book["个人得分"]
    for r, text in enumerate(FORMULAS, start=2):
        for col in ("B", "C"):  # 编号, 班级
            cell = ws[f"{col}{r}"]
            assert cell.value == text and cell.data_type == "s", (cell.coordinate, cell.value, cell.data_type)
            assert cell.quotePrefix
    groups = book["群体统计"]
    keys = {c.value: c.data_type for c in groups["B"][1:]}
    assert all(keys[t] == "s" for t in FORMULAS if t in keys)
    assert set(FORMULAS) <= set(keys)
