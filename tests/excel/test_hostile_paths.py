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
    err = _assert_refused(cli, source, source, option, source, other, spare, "-f")
    assert "输入文件" in err and option in err
    assert not spare.exists()


def test_report_is_the_source_by_another_spelling(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "plan.xlsx"
    source.write_bytes(_xlsx_bytes())
    (tmp_path / "sub").mkdir()
    detour = tmp_path / "sub" / ".." / "plan.xlsx"
    _assert_refused(cli, source, source, "-o", tmp_path / "o.yaml", "-r", detour, "-f")


def test_report_is_a_hard_link_to_the_source(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "plan.xlsx"
    source.write_bytes(_xlsx_bytes())
    link = tmp_path / "link.csv"
    os.link(source, link)
    err = _assert_refused(cli, source, source, "-o", tmp_path / "o.yaml", "-r", link, "-f")
    assert "link.csv" in err


def test_report_is_the_mapping_file(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "plan.xlsx"
    source.write_bytes(_xlsx_bytes())
    mapping = tmp_path / "map.yaml"
    mapping.write_text("headers: {}\n", encoding="utf-8")
    _assert_refused(cli, mapping, source, "-o", tmp_path / "o.yaml", "-m", mapping, "-r", mapping, "-f")


def test_report_and_output_are_one_file(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "plan.xlsx"
    source.write_bytes(_xlsx_bytes())
    same = tmp_path / "same.yaml"
    err = _assert_refused(cli, source, source, "-o", same, "-r", same, "-f")
    assert "同一个文件" in err


def test_distinct_outputs_still_work(cli: CLI, tmp_path: Path) -> None:
    source = tmp_path / "plan.xlsx"
    source.write_bytes(_xlsx_bytes())
    result = cli("import", source, "-o", tmp_path / "o.yaml", "-r", tmp_path / "r.csv")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "r.csv").exists()
