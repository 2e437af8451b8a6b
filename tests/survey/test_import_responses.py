"""``zhengai import --kind responses``: survey-tool exports → a plain CSV keyed by item ids."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from zhengai.cli import app

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "examples/college/surveys/2026-jd2401-student-self-test.csv"
runner = CliRunner()


def test_responses_become_a_canonical_table(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    result = runner.invoke(app, ["import", str(SOURCE), "--kind", "responses", "--instrument",
                                 "student-luzhou-5x25", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:4] == ["respondent", "class", "program", "department"]
    assert rows[0][4:] == [f"Q{i:02d}" for i in range(1, 26)]
    assert len(rows) == 41  # 40 answer rows of the example class
    assert "不在量表内，输出中留空" in result.output  # the example's out-of-range answer is reported


def test_responses_need_an_instrument(tmp_path: Path) -> None:
    result = runner.invoke(app, ["import", str(SOURCE), "--kind", "responses", "-o", str(tmp_path / "r.csv")])
    assert result.exit_code == 2 and "--instrument" in result.output


def test_existing_output_is_not_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "r.csv"
    out.write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["import", str(SOURCE), "--kind", "responses", "--instrument",
                                 "student-luzhou-5x25", "-o", str(out)])
    assert result.exit_code == 2 and out.read_text(encoding="utf-8") == "mine"
