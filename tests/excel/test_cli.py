"""``zhengai import`` on the command line: outputs, report, options, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from tests.excel.conftest import CLI
from zhengai.check.checker import check_paths
from zhengai.excel.errors import ExcelError
from zhengai.excel.importers import ImportOptions


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def test_import_with_report(cli: CLI, seeds: dict[str, Path], tmp_path: Path) -> None:
    out, report = tmp_path / "sy.yaml", tmp_path / "sy.csv"
    result = cli("import", seeds["shaoyang_appendix"], "-o", out, "--report", report)
    assert result.exit_code == 0, result.output
    assert "已导入" in result.stderr and "50 项" in result.stderr
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["kind"] == "tasks"
    raw = report.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel/WPS open the CSV with the right encoding
    rows = read_csv(report)
    assert rows[0] == ["工作表", "单元格", "内容", "去向", "说明"]
    cells = {r[1]: r for r in rows[1:] if r[1]}
    assert cells["C3"][3] == "/tasks/0/title"
    assert cells["A3"][3] == "/tasks/0/levels/0/content" and "合并单元格 A3:A7" in cells["A3"][4]
    assert cells["E58"][3] == "/notes/4" and cells["E58"][2] == "2017年6月13日印发"
    assert len(cells) == 204
    report_exit, _ = check_paths([out])
    assert report_exit.errors == 0


def test_existing_outputs_need_force(cli: CLI, seeds: dict[str, Path], tmp_path: Path) -> None:
    out, report = tmp_path / "t.yaml", tmp_path / "t.csv"
    out.write_text("keep", encoding="utf-8")
    result = cli("import", seeds["guangxi_t10"], "-o", out)
    assert result.exit_code == 2 and "已存在" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep"
    report.write_text("keep", encoding="utf-8")
    result = cli("import", seeds["guangxi_t10"], "-o", tmp_path / "new.yaml", "--report", report)
    assert result.exit_code == 2 and "t.csv" in result.stderr
    result = cli(
        "import", seeds["guangxi_t10"], "-o", out, "--report", report, "--force", "--year", 2020
    )
    assert result.exit_code == 0, result.output
    assert "year: 2020" in out.read_text(encoding="utf-8")


def _two_sheets(tmp_path: Path, second_kind: str = "tasks") -> Path:
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = "教务处"
    first.append(["工作任务", "完成时限", "责任部门"])
    first.append(["修订方案", "2020.6", "教务处"])
    second = wb.create_sheet("学生 处")
    if second_kind == "tasks":
        second.append(["工作任务", "完成时限", "责任部门"])
        second.append(["新生教育", "2020.9", "学生处"])
    else:
        second.append(["诊断项目", "诊断要素", "诊断点"])
        second.append(["1. 体系", "1.1 理念", "1.1.1 目标"])
    path = tmp_path / "two.xlsx"
    wb.save(path)
    return path


def test_several_task_sheets_into_one_file(cli: CLI, tmp_path: Path) -> None:
    out = tmp_path / "all.yaml"
    result = cli("import", _two_sheets(tmp_path), "-o", out, "--year", 2020)
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert [t["id"] for t in data["tasks"]] == ["教务处-R2", "学生处-R2"]
    assert [t["origin"]["sheet"] for t in data["tasks"]] == ["教务处", "学生 处"]


def test_mixed_kinds_need_a_folder(cli: CLI, tmp_path: Path) -> None:
    path = _two_sheets(tmp_path, "reference")
    result = cli("import", path, "-o", tmp_path / "all.yaml", "--year", 2020)
    assert result.exit_code == 2 and "请用 -o 指定一个目录" in result.stderr
    folder = tmp_path / "out"
    result = cli("import", path, "-o", folder, "--year", 2020)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["学生_处.yaml", "教务处.yaml"]
    assert (
        yaml.safe_load((folder / "学生_处.yaml").read_text(encoding="utf-8"))["kind"] == "reference"
    )


def test_sheet_and_kind_options(cli: CLI, tmp_path: Path) -> None:
    path = _two_sheets(tmp_path, "reference")
    out = tmp_path / "ref.yaml"
    result = cli("import", path, "--sheet", "学生 处", "--kind", "reference", "-o", out)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["items"][0]["id"] == "1"
    result = cli("import", path, "--sheet", "财务处", "-o", tmp_path / "x.yaml")
    assert (
        result.exit_code == 2
        and "没有名为“财务处”的工作表" in result.stderr
        and "“教务处”" in result.stderr
    )
    result = cli("import", path, "--kind", "plans", "-o", tmp_path / "x.yaml")
    assert result.exit_code == 2


def test_mapping_option(cli: CLI, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["事项", "牵头处室", "完成时间"])
    ws.append(["备课检查", "教务处", "每月"])
    path = tmp_path / "m.xlsx"
    wb.save(path)
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "headers: {事项: work, 牵头处室: owner}\ndefaults: {year: 2021, class: C}\n",
        encoding="utf-8",
    )
    out = tmp_path / "m.out.yaml"
    result = cli("import", path, "--mapping", mapping, "-o", out)
    assert result.exit_code == 0, result.output
    task = yaml.safe_load(out.read_text(encoding="utf-8"))["tasks"][0]
    assert task["title"] == "备课检查" and task["owner"] == ["教务处"] and task["class"] == "C"
    mapping.write_text("headers: {事项: boss}\n", encoding="utf-8")
    result = cli("import", path, "--mapping", mapping, "-o", tmp_path / "z.yaml")
    assert result.exit_code == 2 and "m.yaml" in result.stderr and "boss" in result.stderr


def _orphan_unit(tmp_path: Path) -> Path:
    """A standards sheet whose D3 (a unit) has no QC point to carry it."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["维度", "标准", "质控点", "单位", "目标值"])
    ws.append(["专业建设", "组织措施", "就业率", "%", 95])
    ws.append(["资源配置", None, None, "万元", None])  # a unit with no QC point to carry it
    path = tmp_path / "std.xlsx"
    wb.save(path)
    return path


def test_a_cell_that_goes_nowhere_is_an_error(cli: CLI, tmp_path: Path) -> None:
    path = _orphan_unit(tmp_path)
    out, report = tmp_path / "std.yaml", tmp_path / "std.csv"
    result = cli("import", path, "-o", out, "--report", report)
    assert result.exit_code == 2
    assert "Sheet!D3" in result.stderr and "无法导入" in result.stderr
    assert not out.exists()
    rows = read_csv(report)
    assert any(r[3] == "错误" and "Sheet!D3" in r[4] for r in rows)


def test_help_is_chinese(cli: CLI) -> None:
    for command in ("import", "export"):
        result = cli(command, "--help")
        assert result.exit_code == 0
        assert "Excel" in result.output and "--force" in result.output


def test_json_format_lists_located_findings(cli: CLI, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "任务"
    ws.append(["工作任务", "任务类别", "完成时限"])
    ws.append(["修订方案", "甲类", "2020.6"])  # 甲类 is not A/B/C: a warning at 任务!B2
    path = tmp_path / "j.xlsx"
    wb.save(path)
    result = cli("import", path, "-o", tmp_path / "j.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["ok"] is True and payload["written"] == [str(tmp_path / "j.yaml")]
    [finding] = [f for f in payload["findings"] if "任务类别" in f["message"]]
    assert (finding["file"], finding["sheet"], finding["line"], finding["col"]) == ("j.xlsx", "任务", 2, 2)
    assert finding["severity"] == "warning" and finding["message"].startswith("任务!B2：")
    assert "警告：任务!B2" in result.stderr  # the text output on stderr is unchanged


def test_json_format_carries_the_errors_of_a_failed_import(cli: CLI, tmp_path: Path) -> None:
    result = cli("import", _orphan_unit(tmp_path), "-o", tmp_path / "std.yaml", "--format", "json")
    assert result.exit_code == 2 and "Sheet!D3" in result.stderr
    payload = json.loads(result.stdout)
    errors = [f for f in payload["findings"] if f["severity"] == "error"]
    assert payload["ok"] is False and [(f["sheet"], f["line"], f["col"]) for f in errors] == [("Sheet", 3, 4)]
    unreadable = tmp_path / "not.xlsx"
    unreadable.write_text("plain text", encoding="utf-8")
    result = cli("import", unreadable, "-o", tmp_path / "n.yaml", "--format", "json")
    assert result.exit_code == 2
    [fatal] = json.loads(result.stdout)["findings"]
    assert fatal["code"] == "XL100" and fatal["file"] == "not.xlsx" and fatal["message"] in result.stderr


def test_kind_choices_come_from_the_sheet_registry(tmp_path: Path) -> None:
    import typer

    from zhengai.cli import app
    from zhengai.excel.importers import import_workbook
    from zhengai.excel.sheets import export_kinds, import_kinds

    group = typer.main.get_command(app)
    expected = {
        "import": ["auto", *(k.id for k in import_kinds()), "responses"],
        "export": [k.id for k in export_kinds()],
    }
    for command, ids in expected.items():
        [kind] = [p for p in group.commands[command].params if "--kind" in p.opts]  # type: ignore[attr-defined]
        # newer typer keeps the enum on the parameter, older typer only in its click Choice type
        descriptor = getattr(kind, "type_descriptor", None)
        choices = list(descriptor.annotation) if descriptor is not None else list(kind.type.choices)
        assert [getattr(c, "value", c) for c in choices] == ids, command
        assert all(i in (kind.help or "") for i in ids), command
    with pytest.raises(ExcelError, match="--kind “plans”无效；可选：auto、tasks、targets、standards、oppm"):
        import_workbook(_two_sheets(tmp_path), ImportOptions(kind="plans"))
