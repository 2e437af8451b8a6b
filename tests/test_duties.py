"""Job standards (issue 14): the example college's duties load, check clean, and C tasks trace to them."""

from __future__ import annotations

from pathlib import Path

from zhengai.check.checker import check_paths
from zhengai.load.repository import load_repository

COLLEGE = Path(__file__).resolve().parents[1] / "examples" / "college"


def test_duties_of_two_departments_and_the_c_tasks_that_carry_them_out() -> None:
    repo = load_repository([COLLEGE])
    assert len(repo.duties) == 5 and len(repo.work_items) == 8
    jwc = {d.item.id for d in repo.duties.values() if d.file.rel.startswith("departments/jwc/")}
    assert jwc == {"JWC-D1", "JWC-D2", "JWC-D3"}
    linked = {t: loc.item.work_items for t, loc in repo.tasks.items() if loc.item.work_items}
    assert linked == {"26-JWC-08": ["JWC-W13"], "26-JWC-09": ["JWC-W12"], "26-XSC-07": ["XSC-W11"],
                      "26-XSC-08": ["XSC-W21"]}
    assert all(repo.tasks[t].item.class_ == "C" for t in linked)
    report, _ = check_paths([COLLEGE])
    assert not [f for f in report.findings if f.code.startswith("ZG47")]




def test_diagnosis_section_on_how_the_duties_were_carried_out() -> None:
    import datetime as dt

    from zhengai.reports.diagnosis import build
    from zhengai.reports.workspace import Workspace

    ws = Workspace(load_repository([COLLEGE]), dt.date(2026, 12, 2))
    duties = build(ws, "jwc").context["r"]["duties"]
    # jwc/duties.yaml: 3 duties, 6 work items; tasks-2026.yaml links JWC-W13 (26-JWC-08, 进行中 80% by the
    # 2026-11-26 update) and JWC-W12 (26-JWC-09, 进行中 90%): 2 of 6 carried out = 33%
    assert duties["summary"] == "部门职责 3 项，具体化为岗位工作 6 项，其中本年度有任务落实的 2 项（33%）。"
    rows = duties["rows"]
    assert [(x["duty"], x["first"], x["content"], x["post"]) for x in rows[:3]] == [
        ("负责全校教学运行管理", True, "编排全校课程表", "教学运行科科长"),
        ("负责全校教学运行管理", False, "审批调停课", "教学运行科干事"),
        ("负责全校教学运行管理", False, "备案各专业教学进程表", "教学运行科干事"),
    ]
    assert (rows[1]["tasks"], rows[1]["task_ids"], rows[1]["state"], rows[1]["progress"]) == (
        "教学运行管理与调停课审批", "26-JWC-09（C 类）", "进行中", "90%")
    assert (rows[2]["state"], rows[2]["progress"]) == ("进行中", "80%")
    assert (rows[0]["tasks"], rows[0]["state"]) == ("无", "—")
    assert duties["counts"] == {"duties": 3, "items": 6, "with_task": 2, "no_standard": 0, "no_post": 0,
                                "no_task": 4, "empty": 0}
    assert [g["id"] for g in duties["gaps"]] == ["JWC-W11", "JWC-W21", "JWC-W22", "JWC-W31"]
    assert duties["coverage"] == ["本年度没有任务落实的岗位工作 4 项：“编排全校课程表”、“组织修订专业人才培养方案”、"
                                  "“组织课程标准修订”、“组织学生评教”。"]
    assert rows[0]["source"] == "departments/jwc/duties.yaml:13"
    # xsc: both work items carried out
    xsc = build(ws, "xsc").context["r"]["duties"]
    assert xsc["counts"]["with_task"] == 2 and xsc["gaps"] == []
    assert xsc["coverage"] == ["各项职责均已具体化，岗位工作均有工作标准、责任岗位和本年度任务落实。"]
    # a department without duties has no section at all
    assert build(ws, "dzb").context["r"]["duties"] is None


def test_diagnosis_section_gaps(tmp_path: Path) -> None:
    """A duty without work items and a work item without standard, post or task are listed."""
    import datetime as dt
    import shutil

    from zhengai.reports.diagnosis import build
    from zhengai.reports.workspace import Workspace

    root = tmp_path / "college"
    shutil.copytree(COLLEGE, root)
    path = root / "departments" / "jwc" / "duties.yaml"
    text = path.read_text(encoding="utf-8")
    text += ("  - id: \"JWC-D4\"\n    title: 负责教材管理\n"
             "  - id: \"JWC-D5\"\n    title: 负责考务管理\n    items:\n"
             "      - {id: \"JWC-W51\", content: 组织期末考试}\n")
    path.write_text(text, encoding="utf-8")
    ws = Workspace(load_repository([root]), dt.date(2026, 12, 2))
    duties = build(ws, "jwc").context["r"]["duties"]
    assert duties["counts"] == {"duties": 5, "items": 7, "with_task": 2, "no_standard": 1, "no_post": 1,
                                "no_task": 5, "empty": 1}
    assert duties["coverage"][:3] == [
        "尚未具体化为岗位工作的职责 1 项：“负责教材管理”。",
        "缺少工作标准的岗位工作 1 项：“组织期末考试”。",
        "未明确责任岗位的岗位工作 1 项：“组织期末考试”。",
    ]
    last = duties["rows"][-1]
    assert (last["content"], last["post"], last["standard"], last["tasks"]) == ("组织期末考试", "未明确", "未制定", "无")
    assert duties["rows"][-2]["content"] == "尚未具体化为岗位工作"


def test_diagnosis_section_in_both_editions() -> None:
    """Official edition: names, no ids; working edition: ids, standards and sources; and no
    heading at all for a department without duties."""
    from typer.testing import CliRunner

    from zhengai.cli import app

    def run(dept: str, *more: str) -> str:
        result = CliRunner().invoke(app, ["diagnose", str(COLLEGE / "departments" / dept), "--as-of", "2026-12-02",
                                          *more])
        assert result.exit_code == 0, result.output
        return result.output

    official = run("jwc")
    section = official.split("### （四）部门职责落实情况", 1)[1].split("## 四、诊断", 1)[0]
    assert "| 负责全校教学运行管理 | 编排全校课程表 | 教学运行科科长 | 无 | — | — |" in section
    assert "|  | 审批调停课 | 教学运行科干事 | 教学运行管理与调停课审批 | 进行中 | 90% |" in section
    assert "JWC-" not in section and "26-JWC" not in section and ".yaml" not in section
    audit = run("jwc", "-f", "audit")
    part = audit.split("### （三）部门职责落实情况", 1)[1].split("## 四、达成度", 1)[0]
    assert "JWC-W12 审批调停课" in part and "26-JWC-09（C 类）" in part
    assert "departments/jwc/duties.yaml:" in part and "调停课申请2个工作日内审批" in part
    assert "| 1 | 无任务落实 | JWC-W11 编排全校课程表 |" in part
    assert "部门职责落实情况" not in run("dzb") and "部门职责落实情况" not in run("dzb", "-f", "audit")
