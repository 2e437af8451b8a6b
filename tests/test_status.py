"""``zhengai status``: the calendar milestones and what each department misses (issue 14)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import CONFIG
from zhengai.cli import app
from zhengai.load.repository import load_repository
from zhengai.score.calendar import calendar_status

runner = CliRunner()

TASKS = """\
schema_version: 1
kind: tasks
year: 2026
tasks:
  - id: K1
    title: 修订人才培养方案12个
    class: A
    owner: 教务处
    deadline: 2026.12
    status:
      state: in_progress
      progress: 0.5
      updates: [{date: 2026-02-20, progress: 0.1}, {date: 2026-03-20, progress: 0.2}, {date: 2026-05-20, progress: 0.4}]
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
tasks:
  - {no: '01', title: 方案修订, owner: 李老师, schedule: {planned: [3, 4, 5]}, progress: 0.2, task: K1}
"""


@pytest.fixture
def root(write_repo) -> Path:  # type: ignore[no-untyped-def]
    return write_repo({"departments/jwc/tasks-2026.yaml": TASKS, "departments/jwc/oppm-2026.yaml": OPPM})


def _gaps(status, ident: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    m = next(m for m in status.milestones if m.id == ident)
    return [(g.dept, g.text) for g in m.gaps]


def test_milestones_in_march(root: Path) -> None:
    status = calendar_status(load_repository([root]), dt.date(2026, 3, 15))
    states = {m.id: m.state for m in status.milestones}
    assert states == {"decomposition": "ended", "monthly": "ended", "oppm": "open", "midterm": "upcoming",
                      "self_reports": "upcoming", "diagnosis": "upcoming"}
    # 质量督导处 (zdc) has no task of 2026: January's decomposition is overdue for it
    assert _gaps(status, "decomposition") == [("zdc", "没有2026年度任务分解（任务）")]
    # March is still running: zdc's missing plan is listed, not overdue
    assert _gaps(status, "oppm") == [("zdc", "没有2026年部门一页纸工作计划")]
    assert [m.id for m in status.overdue] == ["decomposition"]
    # February ended: jwc updated on 02-20; zdc has no unfinished task, so nothing is asked of it
    assert _gaps(status, "monthly") == []


def test_silent_month_and_midterm(root: Path) -> None:
    status = calendar_status(load_repository([root]), dt.date(2026, 7, 10))
    # months after January that ended: 2–6; K1 updated in 2, 3, 5 → 4 and 6 are silent
    assert _gaps(status, "monthly") == [("jwc", "4月、6月没有任务进度更新")]
    # K1 has updates dated by 06-30: the mid-term check has its progress
    assert ("jwc", "没有2026年部门一页纸工作计划") not in _gaps(status, "oppm")
    assert _gaps(status, "midterm") == []
    assert {m.id for m in status.overdue} == {"decomposition", "monthly", "oppm"}


def test_calendar_months_are_configurable(write_repo) -> None:  # type: ignore[no-untyped-def]
    root = write_repo({"departments/jwc/tasks-2026.yaml": TASKS, "departments/jwc/oppm-2026.yaml": OPPM},
                      config=CONFIG + "calendar: {decomposition: 2, oppm: 4, monthly_updates: false}\n")
    status = calendar_status(load_repository([root]), dt.date(2026, 3, 15))
    states = {m.id: m.state for m in status.milestones}
    assert states["decomposition"] == "ended" and states["oppm"] == "upcoming" and "monthly" not in states


def test_calendar_months_must_be_in_order(write_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = write_repo(config=CONFIG + "calendar: {oppm: 7}\n")
    result = runner.invoke(app, ["status", str(root), "--as-of", "2026-08-01"])
    assert result.exit_code == 2 and "calendar" in result.output


def test_status_cli_exit_codes(root: Path) -> None:
    early = runner.invoke(app, ["status", str(root), "--as-of", "2026-01-20"])
    assert early.exit_code == 0, early.output  # January is still running: nothing overdue yet
    assert "结论：已到期的工作均已完成。" in early.output
    late = runner.invoke(app, ["status", str(root), "--as-of", "2026-03-15"])
    assert late.exit_code == 1 and "质量督导处：没有2026年度任务分解" in late.output
    data = json.loads(runner.invoke(app, ["status", str(root), "--as-of", "2026-03-15", "-f", "json"]).output)
    assert data["overdue"] == 1 and data["milestones"][0]["id"] == "decomposition"
    bad = runner.invoke(app, ["status", str(root), "--as-of", "2026-13-01"])
    assert bad.exit_code == 2 and "--as-of" in bad.output


def test_example_college_in_november() -> None:
    college = Path(__file__).resolve().parents[1] / "examples" / "college"
    status = calendar_status(load_repository([college]), dt.date(2026, 11, 5))
    # the example's gaps: 人事处 silent in September, 质量督导处 in August, 信息工程学院 in October;
    # 智能制造学院 first reported in March although two of its tasks (without a one-page-plan row) ran from January
    assert _gaps(status, "monthly") == [("rsc", "9月没有任务进度更新"), ("zdc", "8月没有任务进度更新"),
                                        ("znzz", "2月没有任务进度更新"), ("xxgc", "10月没有任务进度更新")]
    # 26-RSC-08 (no one-page-plan row: running since January) was first reported in October
    assert _gaps(status, "midterm") == [("rsc", "1 项任务在中期检查前没有进度报告（26-RSC-08）")]
    assert [d for d, _ in _gaps(status, "oppm")] == ["znzz", "xxgc"]  # a program each without a plan
