"""Every seed table rebuilt as .xlsx, imported: no cell lost, output passes ``zhengai check``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from tests.excel.conftest import flat_text, text_found
from tests.excel.seed_tables import REFERENCE_YAML, SY
from zhengai.check.checker import check_paths
from zhengai.excel.cells import coord
from zhengai.excel.errors import ExcelError
from zhengai.excel.importers import ImportOptions, ImportResult, import_workbook
from zhengai.models.reference import Reference

IMPORTABLE = [
    "shaoyang_appendix",
    "luzhou_tasks",
    "luzhou_reference",
    "guangxi_t1",
    "guangxi_t1_filled",
    "guangxi_t3",
    "guangxi_t5",
    "guangxi_t6",
    "guangxi_t7",
    "guangxi_t10",
    "guangxi_t1_classes",
    "guangxi_t2_plan",
    "luzhou_tasks_signed",
    "changzhou",
    "shaoyang_t4",
]
EXPECTED_KIND = {
    "shaoyang_appendix": "tasks",
    "luzhou_tasks": "tasks",
    "luzhou_reference": "reference",
    "guangxi_t1": "tasks",
    "guangxi_t1_filled": "tasks",
    "guangxi_t3": "oppm",
    "guangxi_t5": "standard",
    "guangxi_t6": "standard",
    "guangxi_t7": "standard",
    "guangxi_t10": "tasks",
    "guangxi_t1_classes": "tasks",
    "guangxi_t2_plan": "oppm",
    "luzhou_tasks_signed": "tasks",
    "changzhou": "tasks",
    "shaoyang_t4": "tasks",
}


def imported(seeds: dict[str, Path], name: str, tmp_path: Path) -> tuple[ImportResult, Any, Path]:
    result = import_workbook(seeds[name])
    assert len(result.documents) == 1
    out = tmp_path / f"{name}.yaml"
    out.write_text(result.documents[0].text(), encoding="utf-8")
    return result, yaml.safe_load(out.read_text(encoding="utf-8")), out


def source_cells(path: Path) -> dict[tuple[str, str], str]:
    """Every non-empty cell of the workbook, as openpyxl sees it."""
    wb = openpyxl.load_workbook(path)
    cells = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None and str(cell.value).strip():
                    cells[(ws.title, cell.coordinate)] = str(cell.value)
    return cells


@pytest.mark.parametrize("name", IMPORTABLE)
def test_no_cell_is_lost(seeds: dict[str, Path], name: str, tmp_path: Path) -> None:
    result, data, _ = imported(seeds, name, tmp_path)
    report = result.report
    assert report.errors == []
    assert result.documents[0].kind == EXPECTED_KIND[name]
    placed = {(e.sheet, e.cell): e for e in report.entries}
    assert len(placed) == len(report.entries), "a cell was reported twice"
    assert set(placed) == set(source_cells(seeds[name]))
    blob = flat_text(data)
    for entry in report.entries:
        if "/schedule" in entry.destination:  # a ○●△▲ mark becomes its month in planned/actual
            task = data["tasks"][int(entry.destination.split("/")[2])]
            month = int(entry.note.split("月")[0])
            assert month in task["schedule"].get("planned", []) + task["schedule"].get("actual", [])
        elif entry.destination.endswith("/objectives") and entry.text in "●○√✓":
            # a mark in a 目标 column: the task serves that column's objective
            task = data["tasks"][int(entry.destination.split("/")[2])]
            assert f"O{entry.note.split('第 ')[1].split(' 列')[0]}" in task["objectives"]
        elif "/milestones/" in entry.destination:  # 60% becomes 60 (the unit is the indicator's)
            task = data["tasks"][int(entry.destination.split("/")[2])]
            year = int(entry.destination.rsplit("/", 1)[1])
            assert str(task["indicators"][0]["milestones"][year]).rstrip("0").rstrip(".") in entry.text
        elif entry.destination.startswith("/"):
            assert text_found(entry.text, blob), (entry, "not in the YAML")


@pytest.mark.parametrize("name", IMPORTABLE)
def test_output_passes_check(seeds: dict[str, Path], name: str, tmp_path: Path) -> None:
    _, _, out = imported(seeds, name, tmp_path)
    first = out.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    report, repo = check_paths([out])
    assert repo.files[0].model is not None
    assert not [f for f in report.findings if f.code.startswith(("ZG1", "ZG2"))]
    assert report.errors == 0  # findings allowed (SMART warnings), never a broken file


def test_shaoyang_hierarchy_merges_and_dates(seeds: dict[str, Path], tmp_path: Path) -> None:
    _, data, _ = imported(seeds, "shaoyang_appendix", tmp_path)
    works = [row[2] for row in SY[2:] if isinstance(row[2], str) and row[2] not in ("^", "<")]
    tasks = data["tasks"]
    assert [t["title"] for t in tasks] == works
    assert data["year"] == 2017  # from the issuing date under the table
    first = tasks[0]
    assert [lv["content"] for lv in first["levels"]] == ["健全组织", "健全组织机构，明确岗位职责"]
    columns = first["origin"].pop("columns")
    assert first["origin"] == {"file": "shaoyang_appendix.xlsx", "sheet": "附表", "row": 3}
    # every field knows its column, so findings can name the cell (附表!D3 for the deadline)
    assert {k: columns[k] for k in ("levels/0/content", "levels/1/content", "deadline", "evidence")} == {
        "levels/0/content": "A", "levels/1/content": "B", "deadline": "D", "evidence": "E"}
    by_title = {t["title"]: t for t in tasks}
    # a vertically merged deadline reaches every row it covers
    for title in (
        "编制专业建设年度工作总结，说明规划年度执行情况",
        "编制育人工作年度总结，说明规划年度执行情况",
    ):
        assert by_title[title]["deadline"] == "2017-2020 每年12月中旬"
    assert by_title["编制学生发展内部质量保证体系年度自我诊改报告"]["evidence"] == ["报告文本"]
    # a date cell and a number formatted 0.00 keep what Excel shows
    assert by_title["成立学院质量保证委员会"]["deadline"] == "2016.9"
    assert by_title["建立绩效考核信息化管理系统"]["deadline"] == "2017.12"
    # owners: separators, spaces between departments, wrapped phrases
    assert by_title["成立专业（课程）质量保证小组"]["owner"] == ["系部", "教研室"]
    assert by_title["建设制度文化"]["owner"] == ["党政办", "质量监管部门", "纪检监察室等"]
    assert by_title["建设文明、平安、幸福校园"]["owner"] == ["原承担各项项目建设任务的职能部门"]
    # the project spanning the whole 完善规划体系 block owns its 17 work items
    assert sum(1 for t in tasks if t["levels"][0]["content"] == "完善规划体系") == 17
    notes = data["notes"]
    assert notes[0] == "附表 建设实施进程表"
    assert "邵阳职业技术学院" in notes and "2017年6月13日" in notes
    assert "邵阳职业技术学院党政办公室 2017年6月13日印发" in notes


def test_luzhou_tasks_ids_from_numbering(seeds: dict[str, Path], tmp_path: Path) -> None:
    _, data, _ = imported(seeds, "luzhou_tasks", tmp_path)
    tasks = data["tasks"]
    assert len(tasks) == 42
    assert tasks[0]["id"] == "附1-1.1.1" and tasks[-1]["id"] == "附1-5.2.2"
    by_id = {t["id"]: t for t in tasks}
    assert by_id["附1-2.1.3"]["deadline"] == "2018.12 ~ 2020.12"
    assert by_id["附1-4.1.9"]["evidence"] == ["制度文本"]  # merged over 4.1.5–4.1.11
    assert by_id["附1-3.2.3"]["owner"] == ["组织人事处"]  # merged owner
    assert "evidence" not in by_id["附1-2.2.2"]  # an empty cell stays empty
    assert by_id["附1-1.1.1"]["levels"][0]["content"] == "1. 健全组织"


def test_luzhou_reference_equals_shipped_reference(seeds: dict[str, Path], tmp_path: Path) -> None:
    _, data, _ = imported(seeds, "luzhou_reference", tmp_path)
    shipped = Reference.model_validate(yaml.safe_load(REFERENCE_YAML.read_text(encoding="utf-8")))
    assert Reference.model_validate(data).items == shipped.items
    assert data["title"] == "附 2 泸州职业技术学院内部质量保证体系诊断项目参考表"
    assert data["notes"][0].startswith("注：1. 本表设 5 个诊断项目")
    assert len(data["notes"]) == 2
    points = [p for i in data["items"] for e in i["elements"] for p in e["points"]]
    assert len(data["items"]) == 5 and len(points) == 37


def test_guangxi_t1_template_is_header_only(seeds: dict[str, Path], tmp_path: Path) -> None:
    result, data, _ = imported(seeds, "guangxi_t1", tmp_path)
    assert data["tasks"] == []
    headers = [e for e in result.report.entries if e.destination.startswith("表头")]
    assert len(headers) == 18
    assert any("level3.head" in e.destination for e in headers)


def test_guangxi_t1_two_row_header_levels(seeds: dict[str, Path], tmp_path: Path) -> None:
    # one task per merged 工作任务 (this test expected one per row before issue 14:
    # four tasks, four overdue warnings, for what the sheet shows as two)
    _, data, _ = imported(seeds, "guangxi_t1_filled", tmp_path)
    tasks = data["tasks"]
    assert [t["id"] for t in tasks] == ["表1-1", "表1-2"]
    assert data["year"] == 2020
    one = tasks[0]
    assert one["title"] == "完善内部质量保证体系"
    assert one["levels"][0] == {
        "level": 1,
        "content": "修订诊改实施方案",
        "category": "A类",
        "owner": ["质量督导处"],
    }
    assert one["levels"][1] == {
        "level": 2,
        "content": "完成实施方案修订并印发",
        "owner": ["质量督导处"],
        "time_node": "2020年6月",
    }
    # each 三级指标 row is one indicator with its own time node (issue 14)
    assert one["levels"][2:] == [
        {"level": 3, "content": "起草修订稿", "owner": ["质量督导处"], "head": "张三", "time_node": "2020年4月"},
        {"level": 3, "content": "征求意见并印发", "owner": ["质量督导处"], "head": "张三", "time_node": "2020年6月"},
    ]
    assert one["leader"] == "副院长" and one["deadline"] == "2020年6月底"
    # the second task: one 二级 per row, each with the 三级 beside it
    assert [(lv["level"], lv["content"], lv.get("time_node")) for lv in tasks[1]["levels"]] == [
        (1, "编制一页纸工作计划报表", None),
        (2, "各部门完成报表编制", "2020年3月"),
        (3, "组织编制培训", "2020年2月"),
        (2, "月度监测与预警", "每月"),
        (3, "发布月度预警", "每月底"),
    ]


def test_guangxi_t3_one_page_plan(seeds: dict[str, Path], tmp_path: Path) -> None:
    result, data, _ = imported(seeds, "guangxi_t3", tmp_path)
    assert (
        data["leader"] == "王强" and data["date"] == "2020-03-16" and data["unit_type"] == "program"
    )
    assert [o["text"] for o in data["objectives"]] == [
        "完成专业人才培养方案修订",
        "建成专业教学标准",
        "新增双师型教师2名",
    ]
    tasks = data["tasks"]
    assert [t["title"] for t in tasks] == [
        "专业建设",
        "专业教学标准建设",
        "师资队伍建设",
        "实训基地建设等等",
    ]
    assert tasks[0]["schedule"] == {"planned": [3, 4, 5, 6], "actual": [3, 4]}
    assert tasks[3]["objectives"] == ["O1", "O3"] and tasks[3]["priority"] == "C"
    assert data["costs"] == [{"item": "部门一般公用经费", "amount": 3.0, "unit": "万元"}]
    assert "培训经费 X 万" in data["notes"]  # no number: kept as a note, with a warning
    assert any("培训经费 X 万" in w for w in result.report.warnings)


def test_guangxi_t2_blank_template_is_refused(seeds: dict[str, Path]) -> None:
    with pytest.raises(ExcelError, match="没有填写项目领导、工作名称、日期"):
        import_workbook(seeds["guangxi_t2"])


@pytest.mark.parametrize(
    ("name", "dims", "stds", "points"),
    [("guangxi_t5", 3, 9, 19), ("guangxi_t6", 3, 6, 13), ("guangxi_t7", 7, 10, 25)],
)
def test_guangxi_summary_standards(
    seeds: dict[str, Path], tmp_path: Path, name: str, dims: int, stds: int, points: int
) -> None:
    result, data, _ = imported(seeds, name, tmp_path)
    listed = [d for d in data["dimensions"] if not d["id"].endswith("-D0")]
    pending = [d for d in data["dimensions"] if d["id"].endswith("-D0")]
    assert len(listed) == dims
    named = [s for d in pending for s in d["standards"] if not s["id"].endswith("-S0")]
    qcs = [q for d in pending for s in d["standards"] for q in s.get("qc_points", [])]
    assert len(named) == stds and len(qcs) == points
    assert all(q["kind"] == "qualitative" and q["element"] == q["name"] for q in qcs)
    assert any("待归类" in w for w in result.report.warnings)


def test_guangxi_t7_blocks(seeds: dict[str, Path], tmp_path: Path) -> None:
    _, data, _ = imported(seeds, "guangxi_t7", tmp_path)
    names = [d["name"] for d in data["dimensions"]]
    assert names[:3] == ["整体发展：教师规模", "整体发展：教师结构", "整体发展：教师水平"]
    assert "教师个体发展：师德修养" in names
    assert data["level"] == "teacher"


def test_guangxi_t10_extra_and_outcome(seeds: dict[str, Path], tmp_path: Path) -> None:
    _, data, _ = imported(seeds, "guangxi_t10", tmp_path)
    tasks = data["tasks"]
    assert [t["id"] for t in tasks] == [f"表10-{i}" for i in range(1, 9)]
    assert tasks[3]["extra"] == {"协助部门": "各系(部)"}
    assert "extra" not in tasks[0]
    assert tasks[0]["outcome"].startswith("(1) 遵循 SMART 原则") and "\n(5) " in tasks[0]["outcome"]
    assert [t["levels"][0]["content"] for t in tasks].count("实施质量检查") == 4


def test_year_option_wins(seeds: dict[str, Path]) -> None:
    result = import_workbook(seeds["guangxi_t10"], ImportOptions(year=2020))
    assert "year: 2020" in result.documents[0].text()
    assert not any("看不出年度" in w for w in result.report.warnings)


def test_report_cells_are_in_sheet_coordinates(seeds: dict[str, Path]) -> None:
    result = import_workbook(seeds["shaoyang_appendix"])
    entry = next(e for e in result.report.entries if e.text == "2017-2020 每年12月中旬")
    assert entry.cell == coord(19, 4) and "合并单元格 D19:D24" in entry.note
    assert entry.destination.startswith("/tasks/")


# ------------------------------------------------------------ issue 14: held-out shapes


def test_guangxi_t1_one_task_per_work_task_class_from_sheet(
    seeds: dict[str, Path], tmp_path: Path
) -> None:
    _, data, out = imported(seeds, "guangxi_t1_classes", tmp_path)
    tasks = data["tasks"]
    assert [(t["id"], t["class"]) for t in tasks] == [("表1-1", "B"), ("表1-2", "A")]
    first = tasks[0]
    assert first["deadline"] == "2020年12月底" and first["origin"]["row"] == 4
    # each 二级/三级指标 row keeps its own content, owner, head and time node, in order
    assert [(lv.get("level"), lv["content"], lv.get("time_node")) for lv in first["levels"]] == [
        (1, "建成质量管理平台一期", None),
        (2, "完成平台部署与数据对接", "2020年9月"),
        (3, "完成平台招标", "2020年4月"),
        (3, "完成平台部署", "2020年6月"),
        (3, "完成与教务系统数据对接", "2020年9月"),
        (2, "组织全员培训", "2020年11月"),
        (3, "完成各部门平台使用培训", "2020年11月"),
    ]
    assert first["levels"][4]["owner"] == ["信息中心", "教务科研处"]
    assert first["levels"][6]["owner"] == ["质量督导处"] and first["levels"][6]["head"] == "张三"
    assert first["levels"][0]["category"] == "B类"  # kept on the level as written
    assert "level" not in tasks[1]["levels"][0]  # 一、二、三级 in order: positions suffice
    # the B-class task is one task in the repository: one deadline, so one warning at most
    report, _ = check_paths([out])
    assert report.errors == 0


def test_guangxi_t1_indicator_tree_round_trip(seeds: dict[str, Path], tmp_path: Path) -> None:
    """Exported, a task with several 二级/三级指标 is one row per 三级指标 again, its own
    cells merged down over them, and imports back with the same indicators."""
    from zhengai.excel.exporters import export_workbook

    _, data, out = imported(seeds, "guangxi_t1_classes", tmp_path)
    book = tmp_path / "back.xlsx"
    export_workbook(out, book, "tasks")
    ws = openpyxl.load_workbook(book).worksheets[0]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A4:A7", "B4:B7", "C4:C7", "F4:F6"} <= merged  # 序号, 工作任务, 一级, first 二级
    assert [ws.cell(r, 9).value for r in range(4, 9)] == [
        "完成平台招标", "完成平台部署", "完成与教务系统数据对接", "完成各部门平台使用培训", "征求意见并印发"]
    again = import_workbook(book)
    back = yaml.safe_load(again.documents[0].text())
    for before, after in zip(data["tasks"], back["tasks"], strict=True):
        assert after["levels"] == before["levels"] and after["id"] == before["id"]
        assert after["deadline"] == before["deadline"] and after["class"] == before["class"]


def test_guangxi_t1_class_column_or_mapping_wins(seeds: dict[str, Path]) -> None:
    from zhengai.excel.headers import MappingDefaults, MappingFile

    mapping = MappingFile(defaults=MappingDefaults.model_validate({"class": "C"}))
    result = import_workbook(seeds["guangxi_t1_classes"], ImportOptions(mapping=mapping))
    data = yaml.safe_load(result.documents[0].text())
    assert {t["class"] for t in data["tasks"]} == {"C"}


def test_guangxi_t2_objective_columns_costs_and_count(
    seeds: dict[str, Path], tmp_path: Path
) -> None:
    result, data, _ = imported(seeds, "guangxi_t2_plan", tmp_path)
    assert result.documents[0].count == 6  # the summary line counts the plan's tasks
    assert [(o["id"], o["text"]) for o in data["objectives"]] == [
        ("O1", "完成人才培养方案修订"),
        ("O2", "建成专业教学标准"),
        ("O3", "新增双师型教师2名"),
        ("O4", "教学事故为零"),
    ]
    tasks = data["tasks"]
    assert [t["objectives"] for t in tasks] == [
        ["O1"], ["O2"], ["O3"], ["O4"], ["O2", "O3"], ["O1", "O4"]
    ]
    assert not any("●" in o for t in tasks for o in t["objectives"])
    # every month of 修订人才培养方案 is ●: planned and done
    assert tasks[0]["schedule"] == {"planned": [3, 4, 5], "actual": [3, 4, 5]}
    assert tasks[1]["schedule"] == {"planned": [4, 5, 6, 7], "actual": [4, 5]}
    assert data["costs"] == [
        {"item": "部门一般公用经费", "amount": 5.0, "unit": "万元"},
        {"item": "培训经费", "amount": 2.0, "unit": "万元"},
    ]
    assert "目标日期：2020年12月31日" in data["notes"]
    assert not any("完成人才培养方案修订" in n for n in data["notes"])
    assert data["date"] == "2020-03-10" and data["unit"] == "教务科研处"


def test_luzhou_signed_date_is_the_year(seeds: dict[str, Path], tmp_path: Path) -> None:
    _, data, out = imported(seeds, "luzhou_tasks_signed", tmp_path)
    assert data["year"] == 2019  # 二〇一九年一月 under the table, not the earliest deadline (2018)
    assert data["notes"][-1] == "二〇一九年一月"
    from zhengai.load.repository import GENERIC_OWNERS

    # the sheet's owner words that name a kind of unit or people (never ZG304 unknown owner)
    owners = {o for t in data["tasks"] for o in t.get("owner", [])}
    for word in ("二级教学单位", "职能部门", "分管领导", "师生员工"):
        assert word in owners and word in GENERIC_OWNERS
    report, _ = check_paths([out])
    assert not [f for f in report.findings if f.code == "ZG304"]


def test_chinese_numeral_years() -> None:
    from zhengai.excel.fields import arabic_years, year_from_text

    assert arabic_years("二〇一九年一月") == "2019年一月"
    assert year_from_text("泸州职业技术学院 二〇一九年一月") == 2019
    assert year_from_text("二零二零年三月") == 2020
    assert year_from_text("一月份") is None


def test_changzhou_bracketed_header(seeds: dict[str, Path], tmp_path: Path) -> None:
    _, data, _ = imported(seeds, "changzhou", tmp_path)
    tasks = data["tasks"]
    assert [t["deadline"] for t in tasks] == ["2021.12", "2021.6", "2021.12"]
    assert not any("extra" in t for t in tasks)
    assert tasks[0]["owner"] == ["学院各职能部门", "直属单位", "二级学院"]


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("完成日期〔年月〕", "deadline"),
        ("完成日期【年月】", "deadline"),
        ("完成时间（年月）", "deadline"),
        ("完成（年月）时限", "deadline"),
        ("责任\n部门", "owner"),
        ("2018年", "year_target"),
        ("2019", "year_target"),
    ],
)
def test_header_brackets_ignored(header: str, role: str) -> None:
    from zhengai.excel.headers import synonyms

    assert synonyms().role(header) == role


def test_shaoyang_t4_yearly_columns_become_milestones(
    seeds: dict[str, Path], tmp_path: Path
) -> None:
    result, data, _ = imported(seeds, "shaoyang_t4", tmp_path)
    tasks = data["tasks"]
    assert data["year"] == 2017 and len(tasks) == 4
    ratio = tasks[0]["indicators"][0]
    assert ratio == {
        "name": "双师型教师比例",
        "unit": "%",
        "milestones": {2017: 60.0, 2018: 65.0, 2019: 70.0, 2020: 75.0},
        "target": 75.0,
    }
    assert tasks[0]["owner"] == ["组织人事处"] and tasks[1]["owner"] == ["组织人事处"]
    assert tasks[2]["indicators"][0]["unit"] == "门"
    # a year that says what to do, not how much, stays with the task (a milestone is a number)
    assert "indicators" not in tasks[3]
    assert tasks[3]["extra"]["2017年"] == "完成全部专业方案修订"
    assert any("不是数值" in w for w in result.report.warnings)
