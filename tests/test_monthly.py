"""Progress on a day, the 进度落后 rule with months worked, level time nodes, and ``report monthly`` (issue 14)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhengai.cli import app
from zhengai.load.repository import load_repository
from zhengai.models.oppm import OppmTask
from zhengai.models.tasks import KeyTask
from zhengai.reports.monthly import department_month
from zhengai.reports.workspace import Workspace
from zhengai.score.diagnosis import diagnose
from zhengai.score.progress import progress_at, row_schedule, state_at

runner = CliRunner()
D = dt.date


def _task(**status: object) -> KeyTask:
    return KeyTask.model_validate({"id": "K1", "title": "任务", "class": "A", "status": status})


def _row(planned: list[int], actual: list[int], progress: float) -> OppmTask:
    return OppmTask.model_validate({"no": "01", "title": "行", "schedule": {"planned": planned, "actual": actual},
                                    "progress": progress})


# ------------------------------------------------------------------ progress on a day
def test_progress_at_reads_the_updates_before_the_day() -> None:
    task = _task(state="done", progress=1, completed="2026-09-18",
                 updates=[{"date": "2026-03-28", "progress": 0.3}, {"date": "2026-06-30", "progress": 0.7}])
    assert progress_at(task, D(2026, 2, 1)) == 0.0     # before the first update
    assert progress_at(task, D(2026, 5, 1)) == 0.3     # the March update
    assert progress_at(task, D(2026, 9, 17)) == 0.7    # completion is a day later
    assert progress_at(task, D(2026, 9, 18)) == 1.0
    open_task = _task(state="in_progress", progress=0.8, updates=[{"date": "2026-06-30", "progress": 0.7}])
    assert progress_at(open_task, D(2026, 7, 31)) == 0.8  # nothing newer than the day: the status itself


def test_state_at_is_the_task_as_it_stood_on_the_day() -> None:
    task = _task(state="done", progress=1, completed="2026-09-18",
                 updates=[{"date": "2026-03-28", "progress": 0.3}, {"date": "2026-06-30", "progress": 0.7}])
    assert state_at(task, D(2026, 2, 1)) == ("not_started", 0.0)
    assert state_at(task, D(2026, 7, 15)) == ("in_progress", 0.7)
    assert state_at(task, D(2026, 9, 18)) == ("done", 1.0)
    open_task = _task(state="in_progress", progress=0.8, updates=[{"date": "2026-06-30", "progress": 0.7}])
    assert state_at(open_task, D(2026, 12, 31)) == ("in_progress", 0.8)  # nothing newer: the status itself
    assert state_at(_task(state="dropped", progress=0.2), D(2026, 1, 1)) == ("dropped", 0.2)


def test_a_diagnosis_made_in_july_shows_the_tasks_as_they_stood_in_july() -> None:
    repo = load_repository([Path(__file__).parents[1] / "examples" / "college"])
    rsc = repo.department("rsc")
    assert rsc is not None
    july = {t["id"]: t for t in diagnose(repo, rsc, D(2026, 7, 31)).tasks}
    december = {t["id"]: t for t in diagnose(repo, rsc, D(2026, 12, 20)).tasks}
    # 26-RSC-02 (暑期企业实践) was completed on 2026-08-31: not yet done at the end of July
    assert december["26-RSC-02"]["state"] == "已完成" and december["26-RSC-02"]["completed"] == "2026-08-31"
    assert july["26-RSC-02"]["state"] != "已完成" and july["26-RSC-02"]["completed"] == ""
    assert july["26-RSC-02"]["progress"] < 1


@pytest.mark.parametrize(("planned", "actual", "progress", "day", "expected", "worked", "behind"), [
    # all planned months worked (●): not behind, whatever the progress says
    ([3, 4, 5, 6], [3, 4, 5, 6], 0.2, D(2026, 7, 15), 1.0, 4, False),
    # 6, 9, 10 ended of 4 → 75%; worked 1/4 = 25%, progress 30% → 75% − 30% = 45% > 15%
    ([6, 9, 10, 11], [6], 0.3, D(2026, 10, 31), 0.75, 1, True),
    # slipped a month and caught up: 4, 5, 6 worked for 3, 4, 5 planned → 3/3
    ([3, 4, 5], [4, 5, 6], 0.0, D(2026, 6, 30), 1.0, 3, False),
    # marks after the day do not count: at 04-30, 3 and 4 ended (50%) and 3, 4 worked (50%) → 0 behind
    ([3, 4, 5, 6], [3, 4, 5, 6], 0.0, D(2026, 4, 30), 0.5, 2, False),
    # 20% expected, 5% done: exactly the 15% tolerance is not "more than" it
    ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [], 0.05, D(2026, 2, 28), 0.2, 0, False),
])
def test_row_schedule(planned: list[int], actual: list[int], progress: float, day: dt.date, expected: float,
                      worked: int, behind: bool) -> None:
    s = row_schedule(_row(planned, actual, progress), 2026, day)
    assert s.expected == pytest.approx(expected)
    assert s.worked == worked
    assert s.behind(0.15) is behind


# ------------------------------------------------------------------ warnings in a repository
TASKS = """\
schema_version: 1
kind: tasks
year: 2026
tasks:
  - id: L1
    title: 建设混合式课程20门
    class: A
    owner: 教务处
    levels:
      - {content: 建设混合式课程, owner: 教务处}
      - {content: 完成20门课程立项, owner: 教务处, time_node: 2026年4月30日}
      - {content: 课程资源上线, owner: 教务处, time_node: 2026年11月30日}
    deadline: 2026年11月30日
    status: {state: in_progress, progress: 0.3}
  - id: L2
    title: 修订课程标准60门
    class: A
    owner: 教务处
    levels:
      - {content: 修订课程标准, owner: 教务处, time_node: 2026年3月31日}
      - {content: 审核课程标准, owner: 教务处, time_node: 2026年5月31日}
      - {content: 汇编课程标准, owner: 教务处, time_node: 2026年12月31日}
    status: {state: in_progress, progress: 0.45}
  - id: L3
    title: 完成专业评估4个
    class: B
    owner: 教务处
    deadline: 2026.10
    status:
      state: in_progress
      progress: 0.6
      updates: [{date: 2026-09-20, progress: 0.4, note: 完成2个}, {date: 2026-10-20, progress: 0.6, note: 完成第3个}]
"""
OPPM = """\
schema_version: 1
kind: oppm
id: OP-JWC
year: 2026
unit: 教务处
leader: 王老师
work_name: 教务处2026年度重点工作
date: 2026-03-05
objectives: [{id: O1, text: 课程建设}]
tasks:
  - {no: '01', title: 课程立项, objectives: [O1], owner: 李老师, schedule: {planned: [3, 4, 5, 6], actual: [3, 4, 5, 6]}, progress: 0.2}
  - {no: '02', title: 评教, objectives: [O1], owner: 张老师, schedule: {planned: [6, 9, 10, 11], actual: [6]}, progress: 0.3}
"""
IMPROVEMENTS = """\
schema_version: 1
kind: improvements
cycle: 2025
items:
  - {id: G1, problem: 评教参评率低, cause: 宣传不足, measure: 评教纳入班主任考核, owner: 教务处, time_node: 2026年10月31日}
  - {id: G2, problem: 课程标准陈旧, cause: 修订滞后, measure: 每学期复核课程标准, owner: 教务处, time_node: 2026年11月30日, status: done}
"""


@pytest.fixture
def root(write_repo) -> Path:  # type: ignore[no-untyped-def]
    return write_repo({"departments/jwc/tasks-2026.yaml": TASKS, "departments/jwc/oppm-2026.yaml": OPPM,
                       "departments/jwc/improvements-2025.yaml": IMPROVEMENTS})


def test_level_time_nodes_warn_once_per_task(root: Path) -> None:
    repo = load_repository([root])
    dept = repo.department("jwc")
    assert dept is not None
    alerts = [a for a in diagnose(repo, dept, D(2026, 7, 15)).alerts if a.kind == "overdue"]
    # L1: 1 of 2 dated levels passed → 50%; 50% − 30% = 20% > 15% → one red warning
    # L2: 2 of 3 passed (03-31, 05-31) → 66.7%; 66.7% − 45% = 21.7% > 15% → one warning, not two
    assert sorted(a.task for a in alerts) == ["L1", "L2"]
    l2 = next(a for a in alerts if a.task == "L2")
    assert l2.level == "red" and "2026-05-31" in l2.message and "已过 2 个" in l2.message
    # in April nothing has passed for L1; L2's 03-31 node: 1/3 = 33.3% − 45% < 0 → no warning
    assert not [a for a in diagnose(repo, dept, D(2026, 4, 15)).alerts if a.kind == "overdue"]


def test_behind_uses_the_months_worked(root: Path) -> None:
    repo = load_repository([root])
    dept = repo.department("jwc")
    assert dept is not None
    behind = [a.subject for a in diagnose(repo, dept, D(2026, 10, 31)).alerts if a.kind == "behind"]
    assert behind == ["OP-JWC 02 评教"]  # row 01's months are all ●, progress 20% notwithstanding


def test_department_month(root: Path) -> None:
    repo = load_repository([root])
    dept = repo.department("jwc")
    assert dept is not None
    r = department_month(Workspace(repo, D(2026, 10, 31)), dept)
    # due in October: L3 (2026.10 → 10-31), not done → 未完成 at 60%
    assert [(t["id"], t["state"], t["progress_text"]) for t in r["this_month"]] == [("L3", "未完成", "60%")]
    # due in November and not done: L1 (11-30)
    assert [t["id"] for t in r["next_month_tasks"]] == ["L1"]
    assert [(u["id"], u["date"]) for u in r["progress"]] == [("L3", "2026-10-20")]
    assert [(s["task_no"], s["state"]) for s in r["schedule"]] == [("01", "已完成"), ("02", "进度落后")]
    # new this month: row 02 was already behind on 09-30 (2/4 = 50% − 30% = 20%); L1 and L2 were already late;
    # nothing new in October
    assert r["alerts"] == []
    # G1 due 10-31, not done → 本月到期; G2 is done
    assert [(m["id"], m["state"]) for m in r["measures"]] == [("G1", "本月到期")]
    assert r["counts"] == {"due": 1, "done": 0, "next": 1, "updates": 1, "rows": 2, "behind": 1, "alerts": 0,
                           "red": 0, "measures": 1}
    # in September row 02 became behind (expected 2/4 = 50%, effective 30%): a new warning then
    sept = department_month(Workspace(repo, D(2026, 9, 30)), dept)
    assert [a["subject"] for a in sept["alerts"] if a["kind_name"] == "进度落后"] == ["OP-JWC 02 评教"]


def test_report_monthly_cli(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["report", "monthly", str(root), "--month", "2026-10", "-o", str(out), "-j", "1"])
    assert result.exit_code == 0, result.output
    folder = out / "部门月度工作报表"
    names = sorted(p.name for p in folder.iterdir())
    assert "教务处2026年10月工作报表.docx" in names and "教务处2026年10月工作报表.底稿.md" in names
    assert "测试职业技术学院2026年10月部门月度工作报表汇总.md" in names
    text = (folder / "教务处2026年10月工作报表.md").read_text(encoding="utf-8")
    assert "完成专业评估4个" in text and "L3" not in text and "zhengai" not in text
    assert "L3" in (folder / "教务处2026年10月工作报表.底稿.md").read_text(encoding="utf-8")
    # another month beside it: its own files, the October ones stay
    assert runner.invoke(app, ["report", "monthly", str(root), "--month", "2026-09", "-o", str(out),
                               "-j", "1"]).exit_code == 0
    assert (folder / "教务处2026年9月工作报表.md").is_file() and (folder / "教务处2026年10月工作报表.md").is_file()


@pytest.mark.parametrize("month", ["2026-13", "2026Q3", "十月", "2026-10-01"])
def test_report_monthly_bad_month(root: Path, tmp_path: Path, month: str) -> None:
    result = runner.invoke(app, ["report", "monthly", str(root), "--month", month, "-o", str(tmp_path / "o")])
    assert result.exit_code == 2, result.output
    assert "月" in result.output and "Traceback" not in result.output
    assert f"--month 应为月份，如 2026-10；收到“{month}”" in result.output  # not the appraisal period's wording


def test_monthly_is_not_in_the_annual_batch() -> None:
    from zhengai.reports.registry import DEFAULT_KINDS, KINDS

    assert "monthly" in KINDS and "monthly" not in DEFAULT_KINDS
