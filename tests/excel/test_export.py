"""``zhengai export``: layouts, text-as-text, Excel limits with YAML locations, safe writing."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import openpyxl
import pytest
import yaml

from tests.excel.conftest import CLI
from zhengai.excel.errors import ExcelError
from zhengai.excel.exporters import export_workbook
from zhengai.excel.importers import import_workbook
from zhengai.load.repository import RepositoryError
from zhengai.load.yamlsrc import YamlDoc, parse_text
from zhengai.models.oppm import Oppm
from zhengai.models.standards import Standard
from zhengai.models.tasks import TaskFile

TASKS = """\
schema_version: 1
kind: tasks
year: 2020
owner: [质量督导处]
tasks:
  - id: K1
    title: 完善内部质量保证体系
    class: A
    owner: [质量督导处]
    levels:
      - {content: 修订诊改实施方案, category: A类, owner: [质量督导处]}
      - {content: 完成修订并印发, owner: [质量督导处], time_node: 2020年6月}
      - {content: 起草修订稿, owner: [质量督导处], head: 张三, time_node: 2020年4月}
    deadline: 2020年6月底
    outcome: 印发实施方案
    leader: 副院长
  - id: K2
    title: 完善内部质量保证体系
    class: A
    levels:
      - {content: 修订诊改实施方案}
      - {content: 完成修订并印发}
      - {content: 征求意见并印发, head: 张三}
  - id: K3
    title: "=HYPERLINK(\\"http://evil.example\\",\\"点我\\")"
    class: B
    outcome: "+cmd|' /C calc'!A0"
    leader: "@SUM(1+1)"
    deadline: "-2020"
    extra: {备注: "\\t制表符开头"}
notes: [注：本表为样例。]
"""


def model_of(text: str, model: type) -> object:
    doc = YamlDoc(Path("x.yaml"))
    parse_text(text, doc)
    assert not doc.problems, doc.problems
    return model.model_validate(doc.data)


def without_origin(tasks: TaskFile) -> TaskFile:
    for task in tasks.tasks:
        task.origin = None
    return tasks


@pytest.fixture
def task_file(tmp_path: Path) -> Path:
    path = tmp_path / "tasks.yaml"
    path.write_text(TASKS, encoding="utf-8")
    return path


def test_tasks_layout(task_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    result = export_workbook(task_file, out, "tasks")
    assert result.sheets == ["质量督导处2020年重点任务"]
    ws = openpyxl.load_workbook(out)["质量督导处2020年重点任务"]
    assert ws["A1"].value == "质量督导处2020年度重点工作任务分解表"
    assert [ws.cell(2, c).value for c in (1, 2, 3)] == ["序号", "工作任务", "一级指标 1"]
    assert [ws.cell(3, c).value for c in (3, 4, 5)] == ["工作内容", "指标类别", "责任部门"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A2:A3", "B2:B3", "C2:E2", "A4:A5", "B4:B5", "C4:C5", "F4:F5"} <= merged
    assert "I4:I5" not in merged  # level 3 is the leaf: never merged
    assert ws.freeze_panes == "C4"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.print_title_rows == "$2:$3"


def test_formula_like_text_stays_text(task_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    export_workbook(task_file, out, "tasks")
    ws = openpyxl.load_workbook(out).worksheets[0]
    cells = [
        c
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value[:1] in "=+-@\t"
    ]
    assert len(cells) == 5
    for cell in cells:
        assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
    # the values come back exactly, and not as formula errors
    back = model_of(import_workbook(out).documents[0].text(), TaskFile)
    assert without_origin(back) == model_of(TASKS, TaskFile)


def test_round_trip_through_openpyxl(task_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.xlsx"
    export_workbook(task_file, out, "tasks")
    resaved = tmp_path / "resaved.xlsx"
    openpyxl.load_workbook(out).save(resaved)  # a colleague opens and saves it
    back = model_of(import_workbook(resaved).documents[0].text(), TaskFile)
    assert without_origin(back) == model_of(TASKS, TaskFile)


@pytest.mark.parametrize(
    ("bad", "line", "message"),
    [
        ('outcome: "坏\\u0007字符"', 8, "U+0007"),
        ('outcome: "' + "长" * 32_768 + '"', 8, "32767"),
    ],
)
def test_limits_are_checked_with_yaml_location(
    tmp_path: Path, bad: str, line: int, message: str
) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        textwrap.dedent(f"""\
        schema_version: 1
        kind: tasks
        year: 2020
        tasks:
          - id: K1
            title: 任务
            class: A
            {bad}
        """),
        encoding="utf-8",
    )
    out = tmp_path / "out.xlsx"
    with pytest.raises(ExcelError) as info:
        export_workbook(path, out, "tasks")
    text = str(info.value)
    assert f"t.yaml:{line}:" in text and message in text
    assert not out.exists()


OPPM = """\
schema_version: 1
kind: oppm
id: {ident}
year: 2020
unit: 教务处
unit_type: program
unit_name: 机电一体化技术
leader: 王强
work_name: 专业建设
date: 2020-03-16
objectives:
  - {{id: O1, text: 完成人才培养方案修订, target: T-1}}
  - {{id: O2, text: "=新增双师型教师2名"}}
tasks:
  - no: "01"
    title: 专业建设
    objectives: [O1]
    owner: [王强]
    priority: A
    schedule: {{planned: [3, 4, 5], actual: [3, 6]}}
    progress: 0.5
    task: K1
  - no: "02"
    title: 师资队伍建设
    objectives: [O1, O2]
    schedule: {{planned: [9]}}
costs:
  - {{item: 培训经费, amount: 2.5, unit: 万元}}
  - {{item: 调研经费, amount: 1, unit: 千元}}
summary: "上半年完成方案修订。\\n下半年推进师资建设。"
notes: [第一条备注, 第二条备注]
"""


def test_oppm_round_trip_and_marks(tmp_path: Path) -> None:
    path = tmp_path / "oppm.yaml"
    path.write_text(OPPM.format(ident="OPPM-JD"), encoding="utf-8")
    out = tmp_path / "oppm.xlsx"
    result = export_workbook(path, out, "oppm", as_of=dt.date(2020, 5, 15))
    assert result.sheets == ["OPPM-JD"]
    ws = openpyxl.load_workbook(out)["OPPM-JD"]
    row = next(r for r in range(1, 30) if ws.cell(r, 6).value == "专业建设")
    marks = [ws.cell(row, 8 + m).value for m in range(1, 13)]
    assert marks[:6] == [None, None, "●", "△", "○", "▲"]  # as of 15 May: April is late
    back = import_workbook(out)
    assert back.report.errors == [] and back.documents[0].kind == "oppm"
    model = model_of(back.documents[0].text(), Oppm)
    for task in model.tasks:  # type: ignore[attr-defined]
        task.origin = None
    assert model == model_of(OPPM.format(ident="OPPM-JD"), Oppm)


def test_bad_sheet_name_has_yaml_location(tmp_path: Path) -> None:
    path = tmp_path / "oppm.yaml"
    path.write_text(OPPM.format(ident="JWC:2020[A]"), encoding="utf-8")
    with pytest.raises(ExcelError, match=r"oppm.yaml:3:5：.*“:”"):
        export_workbook(path, tmp_path / "o.xlsx", "oppm")
    path.write_text(OPPM.format(ident="A" * 32), encoding="utf-8")
    with pytest.raises(ExcelError, match="超过 Excel 上限 31"):
        export_workbook(path, tmp_path / "o.xlsx", "oppm")


def test_never_overwrites_without_force(task_file: Path, tmp_path: Path, cli: CLI) -> None:
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"precious")
    result = cli("export", task_file, "-o", out, "--kind", "tasks")
    assert result.exit_code == 2 and "已存在" in result.stderr and "--force" in result.stderr
    assert out.read_bytes() == b"precious"
    result = cli("export", task_file, "-o", out, "--kind", "tasks", "--force")
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(out).sheetnames == ["质量督导处2020年重点任务"]


@pytest.mark.parametrize("lock", ["~$out.xlsx", ".~lock.out.xlsx#"])
def test_file_open_in_excel(task_file: Path, tmp_path: Path, cli: CLI, lock: str) -> None:
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"old")
    (tmp_path / lock).write_bytes(b"")
    result = cli("export", task_file, "-o", out, "--kind", "tasks", "--force")
    assert result.exit_code == 2
    assert "正在被 Excel/WPS 打开" in result.stderr and "请先关闭" in result.stderr
    assert out.read_bytes() == b"old"


def test_nothing_to_export(tmp_path: Path, task_file: Path) -> None:
    with pytest.raises(ExcelError, match="没有一页纸工作计划"):
        export_workbook(task_file, tmp_path / "x.xlsx", "oppm")
    with pytest.raises(RepositoryError, match="路径不存在"):  # a ZhengaiError, no longer re-wrapped
        export_workbook(tmp_path / "none", tmp_path / "x.xlsx", "tasks")
    with pytest.raises(ExcelError, match=r"\.xlsx"):
        export_workbook(task_file, tmp_path / "x.csv", "tasks")


STANDARD = """\
schema_version: 1
kind: standard
id: STD-PROG
level: program
title: 专业建设标准
owner: [教务处]
dimensions:
  - id: D1
    name: 专业建设规划
    standards:
      - id: S1
        name: 专业建设组织措施
        type: process
        qc_points:
          - {id: Q-EMP, name: 毕业生就业率, kind: quantitative, unit: '%', direction: up, baseline: 90, target: 95,
             source: '7.1', owner: [招生就业处]}
          - {id: Q-PLAN, name: 专业建设规划, kind: qualitative, element: 规划文本已印发, evidence: [规划文本]}
      - id: S2
        name: 空的标准
  - id: D2
    name: 资源配置
"""
OBSERVATIONS = """\
schema_version: 1
kind: observations
observations:
  - {ref: Q-EMP, period: '2024', value: 93}
  - {ref: Q-PLAN, period: '2024', conformity: 基本符合}
"""


def test_standards_export_is_live_and_round_trips(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / "std.yaml").write_text(STANDARD, encoding="utf-8")
    (folder / "obs.yaml").write_text(OBSERVATIONS, encoding="utf-8")
    out = tmp_path / "std.xlsx"
    export_workbook(folder, out, "standards", as_of=dt.date(2025, 1, 1))
    ws = openpyxl.load_workbook(out)["STD-PROG"]
    headers = [c.value for c in ws[3]]
    row = {h: ws.cell(4, i + 1).value for i, h in enumerate(headers)}
    assert row["质控点编号"] == "Q-EMP" and row["最新观测值"] == 93 and row["观测期间"] == "2024"
    assert row["达成度"].startswith("=IF(") and "/(" in row["达成度"]  # progress from the baseline
    assert row["分档"].startswith("=IF(") and "达成" in row["分档"]
    qual = {h: ws.cell(5, i + 1).value for i, h in enumerate(headers)}
    assert 'IF(S5="符合",1' in qual["达成度"] and qual["最新观测值"] == "基本符合"
    rules = ws.conditional_formatting
    assert len(list(rules)) == 1 and len(next(iter(rules)).rules) == 3
    back = import_workbook(out)
    assert back.report.errors == []
    computed = [e for e in back.report.entries if e.destination.startswith("计算列")]
    assert (
        len(computed) == 2 * 4
    )  # 4 computed columns × 2 QC points (formulas never read as values)
    assert sum(1 for e in back.report.entries if e.destination == "表头（computed）") == 4
    model = model_of(back.documents[0].text(), Standard)
    for dim in model.dimensions:  # type: ignore[attr-defined]
        for item in dim.standards:
            for point in item.qc_points:
                point.origin = None
    assert model == model_of(STANDARD, Standard)


def test_diagnosis_export_uses_scores(tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / "std.yaml").write_text(STANDARD, encoding="utf-8")
    (folder / "obs.yaml").write_text(OBSERVATIONS, encoding="utf-8")
    out = tmp_path / "diag.xlsx"
    result = export_workbook(folder, out, "diagnosis", as_of=dt.date(2024, 12, 31))  # the 2024 cycle
    assert result.sheets == ["质控点诊断", "标准汇总"]
    wb = openpyxl.load_workbook(out)
    ws = wb["质控点诊断"]
    scores = {ws.cell(r, 4).value: ws.cell(r, 10).value for r in range(3, 5)}
    assert scores == {"Q-EMP": pytest.approx(0.6), "Q-PLAN": pytest.approx(0.6)}
    assert ws.cell(3, 12).value.startswith("=IF(J3")
    summary = wb["标准汇总"]
    assert summary.cell(3, 3).value == "专业建设标准" and summary.cell(3, 4).value == pytest.approx(
        0.6
    )


def test_cli_export_warns_about_broken_files(tmp_path: Path, cli: CLI, task_file: Path) -> None:
    folder = tmp_path / "repo"
    folder.mkdir()
    (folder / "tasks.yaml").write_text(task_file.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "broken.yaml").write_text("schema_version: 1\nkind: tasks\n", encoding="utf-8")
    result = cli("export", folder, "-o", tmp_path / "o.xlsx", "--kind", "tasks")
    assert result.exit_code == 0, result.output
    assert "broken.yaml 有格式错误，未导出" in result.stderr
    assert "已导出 1 个工作表" in result.stderr
    assert yaml.safe_load((folder / "tasks.yaml").read_text(encoding="utf-8"))["year"] == 2020
