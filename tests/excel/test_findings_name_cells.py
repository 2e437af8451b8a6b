"""Findings on imported data name the spreadsheet cell to fix (``附表!D3``)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from tests.conftest import CONFIG
from zhengai.check.checker import check_paths
from zhengai.cli import app


def test_check_names_the_excel_cell_of_a_bad_deadline(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "附表"
    sheet.append(["序号", "工作任务", "责任部门", "完成时限", "成果形式"])
    sheet.append([1, "完成秋季学期教学进程表的备案", "教务处", "2026.9", "备案表"])
    sheet.append([2, "修订教学管理制度", "教务处", "长期", "制度文本"])
    source = tmp_path / "tasks.xlsx"
    book.save(source)
    root = tmp_path / "repo"
    (root / "departments/jwc").mkdir(parents=True)
    (root / "zhengai.yaml").write_text(CONFIG, encoding="utf-8")
    out = root / "departments/jwc/tasks-2026.yaml"
    result = CliRunner().invoke(app, ["import", str(source), "--kind", "tasks", "--year", "2026", "-o", str(out)])
    assert result.exit_code == 0, result.output
    report, _ = check_paths([root])
    [finding] = [f for f in report.findings if f.code == "ZG452"]
    assert "“长期”" in finding.message and finding.message.endswith("（源表 附表!D3）")
    assert finding.file == "departments/jwc/tasks-2026.yaml"
