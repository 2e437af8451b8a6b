"""Job-standard sheets (岗位说明书 and the like) import as ``duties``, never as tasks, and come back.

The fixtures are our own reconstructions of the seeds' tables, filled with plausible rows,
with their titles, merged cells, notes and 落款: Guangxi 表4 教学管理岗位说明书 (001), Luzhou
表1 职责厘清一览表, 表2 岗位工作一览表 and 表3 科室岗位工作标准一览表 (002), Shaoyang 表5 部门工作标准
一览表 (000).  The expected values are read off the fixture rows by hand.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl import Workbook

from tests.excel.conftest import CLI, load_yaml
from tests.excel.seed_tables import LEFT, UP, put
from tests.excel.test_seed_imports import source_cells
from zhengai.excel.exporters import export_workbook
from zhengai.excel.importers import import_workbook, write_import
from zhengai.excel.printing import MIN_PRINT_PT
from zhengai.excel.sheets import detection_order

L, U = LEFT, UP

GUANGXI_T4 = [
    ["表4 教学管理岗位说明书", L, L, L, L],
    ["基本信息", L, L, L, L],
    ["定员", "1 人", "岗位系数", None, "直接上级 处长"],
    ["直接下级", "无", L, L, L],
    ["工作职责", L, L, L, L],
    ["职责类型", "工作内容", L, "工作标准", L],
    ["一、管理体系建设", "1.制定（修订）教学运行管理相关制度（教学日常管理相关制度）", L,
     "1.分析学院教学日常管理工作中存在的问题，制订问题清单； 2.调研、学习教学管理成熟的高校，制订问题解决方案；", L],
    [U, "2.制定（修订）教学运行管理相关制度（教学质量管理工作相关制度）", L,
     "1.分析学院教学质量管理工作存在的问题，制订问题清单； 2.将调研成果运用于制度的制（修）订过程中。", L],
    ["二、教学信息管理", "1.备案、汇编全校各专业教学进程表", L,
     "1.每年的 7 月 20 日前完成秋季学期教学进程表的备案； 2.教学进程表汇编的出错率为 0；", L],
    [U, "2.编排全校课程表", L, "每学期开学前一周完成全部课程表编排并在教务系统公布", L],
    ["三、教学运行管理", "1.审批调停课", L, "调停课申请2个工作日内审批，月度调停课率不超过3%", L],
    ["四、其它工作", "完成上级交办的其它工作。", L, "按交办时限完成，办结率100%", L],
    ["注：工作标准按 SMART 原则编写。", L, L, L, L],
    ["任职资格要求：(请选择或列出本职位最低要求的教育背景、专业、经验背景和资格证书等)", L, L, L, L],
    ["学历/职称", "本科及以上学历，讲师及以上职称", L, L, L],
    ["专业知识和技能", "熟悉高等职业教育教学管理规律，能熟练使用教务管理系统", L, L, L],
    ["工作经验", "3 年以上教学管理工作经验", L, L, L],
    ["资格证书", None, L, L, L],
    [None, None, None, None, None],
    ["教务科研处", None, None, None, None],
    ["2020年3月", None, None, None, None],
]

LUZHOU_T1 = [
    ["表1 职能部门职责厘清一览表", L],
    ["部门名称：教务处", L],
    ["在系统内的职责", "1.负责全校教学运行管理；2.负责专业与课程建设管理；3.负责教学质量监控"],
    ["在系统外的职责", "配合学生工作处做好学生学业预警"],
]

LUZHOU_T2 = [
    ["表2 职能部门岗位工作一览表", L, L, L],
    ["部门名称：教务处", L, L, L],
    ["部门职责", "具体化的工作", "工作归属岗位", "岗位所在科室"],
    ["负责全校教学运行管理", "编排全校课程表", "教学运行科科长", "教学运行科"],
    [U, "审批调停课", "教学运行科干事", U],
    ["负责专业与课程建设管理", "组织修订专业人才培养方案", "专业建设科科长", "专业建设科"],
    ["负责教学质量监控", None, None, None],
    [None, None, None, None],
    ["泸州职业技术学院教务处", None, None, None],
    ["二〇一九年一月", None, None, None],
]

LUZHOU_T3 = [
    ["表 3 职能部门之科室岗位工作标准一览表", L, L, L],
    ["部门名称: 教务处 科室名称: 教学运行科", L, L, L],
    ["科室", "岗位", "具体化工作", "工作标准"],
    ["教学运行科", "教学运行科科长", "编排全校课程表", "每学期开学前一周完成全部课程表编排并公布"],
    [U, U, "组织期末考试安排", "考试周前2周公布全部考试安排，考场冲突为0"],
    [U, "教学运行科干事", "审批调停课", "调停课申请2个工作日内审批"],
    ["注：本表每学年修订一次。", L, L, L],
]

SHAOYANG_T5 = [
    ["表5 部门工作标准一览表", L, L, L, L, L],
    ["部门名称", "学生工作处", L, L, L, L],
    ["部门岗位设置及 岗位具体工作", "思政教育科科长", L, "组织辅导员分层分类培训", L,
     "每年组织校级培训不少于4次，新任辅导员岗前培训全覆盖"],
    [U, U, U, "组织辅导员素质能力大赛", L, "每年10月底前完成校赛并推荐优胜者参加省赛"],
    [U, "资助管理中心主任", L, "奖助学金评审与发放", L, "评审结果公示5个工作日，资助资金按时足额发放"],
    [None, None, None, None, None, None],
    ["学生工作处（盖章）", None, None, None, None, None],
    ["2017年6月", None, None, None, None, None],
]

# the seed's own excerpt, “.....” rows and cells included
GUANGXI_T4_SEED = [
    *GUANGXI_T4[:10],
    [None, ".....", L, ".....", L],
    ["四、其它工作", "完成上级交办的其它工作。", L, ".....", L],
    *GUANGXI_T4[13:18],
]

SHAPES = {
    "guangxi_t4": ("教学管理岗位说明书", GUANGXI_T4),
    "guangxi_t4_seed": ("岗位说明书", GUANGXI_T4_SEED),
    "luzhou_t1": ("职责厘清一览表", LUZHOU_T1),
    "luzhou_t2": ("岗位工作一览表", LUZHOU_T2),
    "luzhou_t3": ("科室岗位工作标准", LUZHOU_T3),
    "shaoyang_t5": ("部门工作标准一览表", SHAOYANG_T5),
}


def build(folder: Path, shape: str) -> Path:
    """The fixture workbook of ``shape``."""
    sheet, rows = SHAPES[shape]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    put(ws, rows)
    path = folder / f"{shape}.xlsx"
    wb.save(path)
    return path


def imported(tmp_path: Path, shape: str) -> tuple[dict[str, Any], list[str]]:
    """Import a fixture; the YAML as data, and the warnings."""
    result = import_workbook(build(tmp_path, shape))
    assert [d.kind for d in result.documents] == ["duties"]
    out = tmp_path / f"{shape}.yaml"
    write_import(result, out)
    return load_yaml(out), list(result.report.warnings)


def items(data: dict[str, Any]) -> list[tuple[str, str, str | None, str | None, str | None]]:
    """(duty title, content, post, office, standard) of every work item, in order."""
    return [(d["title"], w["content"], w.get("post"), w.get("office"), w.get("standard"))
            for d in data["duties"] for w in d.get("items", [])]


def test_duties_come_before_tasks_and_targets_in_detection() -> None:
    order = [k.id for k in detection_order()]
    assert order.index("duties") < order.index("targets") < order.index("tasks")


def test_guangxi_t4_is_a_post_description_not_five_tasks(tmp_path: Path) -> None:
    data, _ = imported(tmp_path, "guangxi_t4")
    assert data["kind"] == "duties"
    assert data["title"] == "教学管理岗位说明书"
    assert data["post"] == {
        "name": "教学管理岗", "headcount": "1 人", "superior": "处长", "subordinate": "无",
        "requirements": {
            "学历/职称": "本科及以上学历，讲师及以上职称",
            "专业知识和技能": "熟悉高等职业教育教学管理规律，能熟练使用教务管理系统",
            "工作经验": "3 年以上教学管理工作经验",
        },
    }
    assert [d["title"] for d in data["duties"]] == ["管理体系建设", "教学信息管理", "教学运行管理", "其它工作"]
    assert [len(d["items"]) for d in data["duties"]] == [2, 2, 1, 1]
    first, second = data["duties"][1]["items"]
    assert first["content"] == "备案、汇编全校各专业教学进程表"
    assert first["standard"].startswith("1.每年的 7 月 20 日前完成秋季学期教学进程表的备案；")
    assert second == {**second, "content": "编排全校课程表", "post": "教学管理岗",
                      "standard": "每学期开学前一周完成全部课程表编排并在教务系统公布"}
    assert {w["post"] for d in data["duties"] for w in d["items"]} == {"教学管理岗"}
    assert data["notes"] == ["注：工作标准按 SMART 原则编写。", "教务科研处", "2020年3月"]
    assert second["origin"]["row"] == 10
    assert data["duties"][0]["origin"]["row"] == 7


def test_guangxi_t4_as_the_seed_prints_it(tmp_path: Path) -> None:
    data, _ = imported(tmp_path, "guangxi_t4_seed")
    assert [d["title"] for d in data["duties"]] == ["管理体系建设", "教学信息管理", "其它工作"]
    assert [len(d["items"]) for d in data["duties"]] == [2, 2, 1]
    other = data["duties"][2]["items"][0]
    assert other["content"] == "完成上级交办的其它工作。" and "standard" not in other
    assert data["notes"] == ["..... ....."]  # the omitted rows, kept as written


def test_luzhou_t1_duties_inside_and_outside_the_system(tmp_path: Path) -> None:
    data, _ = imported(tmp_path, "luzhou_t1")
    assert data["owner"] == ["教务处"]
    assert [(d["title"], d["type"]) for d in data["duties"]] == [
        ("负责全校教学运行管理", "系统内"), ("负责专业与课程建设管理", "系统内"),
        ("负责教学质量监控", "系统内"), ("配合学生工作处做好学生学业预警", "系统外"),
    ]
    assert all("items" not in d for d in data["duties"])
    assert len({d["id"] for d in data["duties"]}) == 4


def test_luzhou_t2_merged_duty_spans_its_work_items(tmp_path: Path) -> None:
    data, _ = imported(tmp_path, "luzhou_t2")
    assert data["owner"] == ["教务处"] and data["title"] == "职能部门岗位工作一览表"
    assert items(data) == [
        ("负责全校教学运行管理", "编排全校课程表", "教学运行科科长", "教学运行科", None),
        ("负责全校教学运行管理", "审批调停课", "教学运行科干事", "教学运行科", None),
        ("负责专业与课程建设管理", "组织修订专业人才培养方案", "专业建设科科长", "专业建设科", None),
    ]
    assert data["duties"][2]["title"] == "负责教学质量监控" and "items" not in data["duties"][2]
    assert data["notes"] == ["泸州职业技术学院教务处", "二〇一九年一月"]


def test_luzhou_t3_department_line_is_the_owner_not_a_note(tmp_path: Path) -> None:
    data, warnings = imported(tmp_path, "luzhou_t3")
    assert data["owner"] == ["教务处"]
    assert data["notes"] == ["注：本表每学年修订一次。"]
    assert items(data) == [
        ("教学运行科科长岗位工作", "编排全校课程表", "教学运行科科长", "教学运行科", "每学期开学前一周完成全部课程表编排并公布"),
        ("教学运行科科长岗位工作", "组织期末考试安排", "教学运行科科长", "教学运行科", "考试周前2周公布全部考试安排，考场冲突为0"),
        ("教学运行科干事岗位工作", "审批调停课", "教学运行科干事", "教学运行科", "调停课申请2个工作日内审批"),
    ]
    assert any("没有部门职责列" in w for w in warnings)


def test_shaoyang_t5_rows_beside_the_post_label(tmp_path: Path) -> None:
    data, _ = imported(tmp_path, "shaoyang_t5")
    assert data["owner"] == ["学生工作处"] and data["title"] == "部门工作标准一览表"
    assert items(data) == [
        ("思政教育科科长岗位工作", "组织辅导员分层分类培训", "思政教育科科长", None,
         "每年组织校级培训不少于4次，新任辅导员岗前培训全覆盖"),
        ("思政教育科科长岗位工作", "组织辅导员素质能力大赛", "思政教育科科长", None,
         "每年10月底前完成校赛并推荐优胜者参加省赛"),
        ("资助管理中心主任岗位工作", "奖助学金评审与发放", "资助管理中心主任", None,
         "评审结果公示5个工作日，资助资金按时足额发放"),
    ]
    assert data["notes"] == ["学生工作处（盖章）", "2017年6月"]


@pytest.mark.parametrize("shape", list(SHAPES))
def test_every_cell_has_one_destination(tmp_path: Path, shape: str) -> None:
    path = build(tmp_path, shape)
    report = import_workbook(path).report
    assert report.errors == []
    placed = {(e.sheet, e.cell): e for e in report.entries}
    assert len(placed) == len(report.entries), "a cell was reported twice"
    assert set(placed) == set(source_cells(path))


def _meaning(data: dict[str, Any]) -> dict[str, Any]:
    """The data without ``origin`` (where it was read from)."""
    if isinstance(data, dict):
        return {k: _meaning(v) for k, v in data.items() if k != "origin"}
    if isinstance(data, list):
        return [_meaning(v) for v in data]  # type: ignore[return-value]
    return data


@pytest.mark.parametrize("shape", list(SHAPES))
def test_round_trip_keeps_every_cell(tmp_path: Path, shape: str) -> None:
    first, _ = imported(tmp_path, shape)
    source = tmp_path / f"{shape}.yaml"
    book = tmp_path / f"{shape}-export.xlsx"
    export_workbook(source, book, "duties")
    again = import_workbook(book)
    assert [d.kind for d in again.documents] == ["duties"]
    back = tmp_path / f"{shape}-back.yaml"
    write_import(again, back)
    second = load_yaml(back)
    expected = _meaning(first)
    expected.setdefault("title", None)
    got = _meaning(second)
    if first.get("title") is None:  # the exported sheet is titled; the title is all it adds
        assert got.pop("title").endswith("岗位说明书")
        expected.pop("title")
    assert got == expected
    assert again.report.errors == []


def test_export_is_a_printable_post_description(tmp_path: Path) -> None:
    imported(tmp_path, "guangxi_t4")
    book = tmp_path / "t4.xlsx"
    export_workbook(tmp_path / "guangxi_t4.yaml", book, "duties")
    ws = openpyxl.load_workbook(book).worksheets[0]
    assert ws["A1"].value == "教学管理岗位说明书"
    assert [ws.cell(3, c).value for c in range(1, 9)] == [
        "岗位名称", "教学管理岗", "定员", "1 人", "直接上级", "处长", "直接下级", "无"]
    header = [ws.cell(5, c).value for c in range(1, 4)]
    assert header == ["职责类型", "工作内容", "工作标准"]
    assert ws["A6"].value == "一、管理体系建设" and ws["B7"].value == "2.制定（修订）教学运行管理相关制度（教学质量管理工作相关制度）"
    assert "A6:A7" in {str(m) for m in ws.merged_cells.ranges}
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$5:$5"
    assert ws.page_setup.scale is None or ws.page_setup.scale * 11 / 100 >= MIN_PRINT_PT
    values = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1)]
    assert "任职资格要求" in values and "学历/职称" in values


def test_cli_import_says_duties(tmp_path: Path, cli: CLI) -> None:
    path = build(tmp_path, "luzhou_t3")
    out = tmp_path / "out.yaml"
    result = cli("import", path, "-o", out)
    assert result.exit_code == 0, result.output
    assert load_yaml(out)["kind"] == "duties"


def test_example_duties_export(tmp_path: Path) -> None:
    college = Path(__file__).parents[2] / "examples" / "college"
    book = tmp_path / "duties.xlsx"
    result = export_workbook(college, book, "duties")
    assert len(result.sheets) == 2
    wb = openpyxl.load_workbook(book)
    assert {ws["A1"].value for ws in wb.worksheets} == {"教务处岗位说明书", "学生工作处部门工作标准一览表"}
