"""Item 4: an output path that is an input file is refused before anything is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.excel.conftest import CLI
from tests.excel.test_hostile import _xlsx_bytes


def _assert_refused(cli: CLI, source: Path, *args: object) -> str:
    before = source.read_bytes()
    result = cli("import", *args)
    assert result.exit_code == 2, result.output
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1 and err.startswith("错误："), err
    assert "Traceback" not in result.output
    assert source.read_bytes() == before
    return err


@pytest.mark.parametrize("option", ["-r", "-o"])
def test_output_is_the_source(cli: CLI, tmp_path: Path, option: str) -> None:
    source = tmp_path / "plan.xlsx"
    source.write_bytes(_xlsx_bytes())
    other = "-o" if option == "-r" else "-r"
    spare = tmp_path / ("out.yaml" if other == "-o" else "report.csv")
    err = _assert_refused(cli, source, source, option, source, other, spare, "--force")
    assert "输入文件" in err and option in err
    assert not spare.exists()


def test_report_is_the_source_by_another_spelling(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "plan.xlsx"
    source.write_bytes(_xlsx_bytes())
    (tmp_path / "sub").mkdir()
    detour = tmp_path / "sub" / ".." / "plan.xlsx"
    _assert_refused(cli, source, source, "-o", tmp_path / "o.yaml", "-r", detour, "--force")


def test_report_is_a_hard_link_to_the_source(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "plan.xlsx"
    source.write_bytes(_xlsx_bytes())
    link = tmp_path / "link.csv"
    os.link(source, link)
    err = _assert_refused(cli, source, source, "-o", tmp_path / "o.yaml", "-r", link, "--force")
    assert "link.csv" in err


def test_report_is_the_mapping_file(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "plan.xlsx"
    source.write_bytes(_xlsx_bytes())
    mapping = tmp_path / "map.yaml"
    mapping.write_text("headers: {}\n", encoding="utf-8")
    _assert_refused(cli, mapping, source, "-o", tmp_path / "o.yaml", "-m", mapping, "-r", mapping, "--force")


def test_report_and_output_are_one_file(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "plan.xlsx"
    source.write_bytes(_xlsx_bytes())
    same = tmp_path / "same.yaml"
    err = _assert_refused(cli, source, source, "-o", same, "-r", same, "--force")
    assert "同一个文件" in err


def test_distinct_outputs_still_work(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "plan.xlsx"
    source.write_bytes(_xlsx_bytes())
    result = cli("import", source, "-o", tmp_path / "o.yaml", "-r", tmp_path / "r.csv")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.csv").exists()


# ------------------------------------------------------------------ item 22: CSV injection

INJECTIONS = ['=HYPERLINK("http://x.invalid","点击")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1+1", "\r=1+1"]


def test_report_csv_cannot_run_formulas(cli: CLI, tmp_path: Path) -> None:
    import csv

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "=Sheet"
    ws.append(["建设项目", "建设内容", "完成时间", "责任部门"])
    for text in INJECTIONS:
        ws.append(["健全组织", text, "2017.9", "教务处"])
    source = tmp_path / "inject.xlsx"
    wb.save(source)
    for row in ws.iter_rows(min_row=2):
        row[1].data_type = "s"
    wb.save(source)
    report = tmp_path / "r.csv"
    result = cli("import", source, "-o", tmp_path / "o.yaml", "-r", report)
    assert result.exit_code == 0, result.output
    with report.open(encoding="utf-8-sig", newline="") as handle:
        fields = [field for row in csv.reader(handle) for field in row]
    dangerous = [f for f in fields if f[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert not dangerous, dangerous
    for text in INJECTIONS:
        assert "'" + text.strip() in fields or "'" + text in fields, text
    assert "'=Sheet" in fields


def test_responses_output_is_the_instrument_file(cli: CLI, tmp_path: Path) -> None:
    from tests.survey.conftest import MINI

    source = tmp_path / "answers.csv"
    source.write_text("学号,a1\nS01,3\n", encoding="utf-8")
    instrument = tmp_path / "mini.yaml"
    instrument.write_text(MINI, encoding="utf-8")
    err = _assert_refused(
        cli, instrument, source, "-k", "responses", "--instrument", instrument, "-o", instrument, "--force"
    )
    assert "mini.yaml" in err
