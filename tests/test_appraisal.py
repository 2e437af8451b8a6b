"""``zhengai assess``: the quarterly appraisal of A and B tasks (issue 14), by a hand-computed case."""

from __future__ import annotations

import json

import openpyxl
import pytest
from typer.testing import CliRunner

from zhengai.cli import app
from zhengai.load.repository import load_repository
from zhengai.score.appraisal import appraise, parse_window

TASKS = """\
schema_version: 1
kind: tasks
year: 2026
tasks:
  - {id: K1, title: 修订人才培养方案12个, class: A, owner: 教务处, deadline: 2026.6,
     status: {state: done, progress: 1, completed: 2026-06-20}}
  - {id: K2, title: 建成校级精品课程5门, class: A, owner: 教务处, deadline: 2026.6,
     status: {state: done, progress: 1, completed: 2026-07-10}}
  - {id: K3, title: 完成教学诊改平台上线, class: B, owner: 教务处, deadline: 2026.8,
     status: {state: in_progress, progress: 0.7}}
  - {id: K4, title: 完成专业评估4个, class: A, owner: 教务处, deadline: 2026.12,
     status: {state: in_progress, progress: 0.3}}
  - {id: K5, title: 完成督导听课200节, class: B, owner: 教务处, deadline: 2026.12,
     status: {state: in_progress, progress: 0.2}}
  - {id: K6, title: 完成春季学期教学进程表备案, class: C, owner: 教务处, deadline: 2026.5,
     status: {state: done, progress: 1}}
  - {id: K7, title: 完成教材选用审核, class: A, owner: 教务处, deadline: 2026.12}
"""

OPPM = """\
schema_version: 1
kind: oppm
id: OP-JWC
year: 2026
unit: 教务处
leader: 王老师
work_name: 教务处2026年度重点工作
date: 2026-01-05
objectives: [{id: O1, text: 专业评估}]
tasks:
  - {no: '01', title: 专业评估, objectives: [O1], owner: 李老师, schedule: {planned: [7, 8, 9, 10]}, progress: 0.3, task: K4}
  - {no: '02', title: 督导听课, objectives: [O1], owner: 张老师, schedule: {planned: [9, 10, 11, 12]}, progress: 0.2, task: K5}
"""


@pytest.fixture
def root(write_repo):
    return write_repo({"departments/jwc/tasks-2026.yaml": TASKS, "departments/jwc/oppm-2026.yaml": OPPM})


def test_states_points_and_score(root) -> None:
    result = appraise(load_repository([root]), parse_window("2026Q3"))
    jwc = next(d for d in result.departments if d.dept.id == "jwc")
    got = {t.id: (t.state, t.points) for t in jwc.tasks}
    assert got == {
        "K1": ("on_time", 100), "K2": ("late", 80),   # completed 07-10 after its 06-30 node
        "K3": ("overdue", 0),                         # 2026-08-31 passed by 09-30, not done
        "K4": ("behind", 60),   # 3 of 4 planned months past → 75%; 75% − 30% = 45% > 15%
        "K5": ("on_track", 100),  # 1 of 4 → 25%; 25% − 20% = 5% ≤ 15%
    }  # K7 is neither due nor planned yet; K6 is class C
    assert jwc.score == pytest.approx((100 + 80 + 0 + 60 + 100) / 5)  # 68
    assert (jwc.c_due, jwc.c_done, jwc.rank) == (1, 1, 1)


def test_weights_and_a_window_appraised_after_the_fact(write_repo) -> None:
    config_extra = "appraisal: {weight_b: 2}\n"
    from tests.conftest import CONFIG

    root = write_repo({"departments/jwc/tasks-2026.yaml": TASKS, "departments/jwc/oppm-2026.yaml": OPPM},
                      config=CONFIG + config_extra)
    repo = load_repository([root])
    jwc = next(d for d in appraise(repo, parse_window("2026Q3")).departments if d.dept.id == "jwc")
    # B tasks count twice: (100 + 80 + 2×0 + 60 + 2×100) / (1 + 1 + 2 + 1 + 2) = 440 / 7
    assert jwc.score == pytest.approx(440 / 7)
    # in June, K2 (completed in July) was not done yet and its node had passed: overdue then
    june = next(d for d in appraise(repo, parse_window("2026-06")).departments if d.dept.id == "jwc")
    assert {t.id: t.state for t in june.tasks}["K2"] == "overdue"


def test_cli_formats_workbook_and_errors(root, tmp_path) -> None:
    runner = CliRunner()
    text = runner.invoke(app, ["assess", str(root), "--quarter", "2026Q3"])
    assert text.exit_code == 0 and "2026年第三季度考核性诊断" in text.stdout and "68.00" in text.stdout
    body = json.loads(runner.invoke(app, ["assess", str(root), "-q", "2026Q3", "-f", "json"]).stdout)
    jwc = next(d for d in body["departments"] if d["department"]["id"] == "jwc")
    assert jwc["score"] == 68.0 and jwc["counts"]["overdue"] == 1
    out = tmp_path / "考核.xlsx"
    assert runner.invoke(app, ["assess", str(root), "-q", "2026Q3", "-o", str(out)]).exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["部门排名", "任务明细"]
    assert wb["部门排名"]["B3"].value in ("教务处", "质量督导处") and wb["任务明细"]["H3"].number_format == "0%"
    again = runner.invoke(app, ["assess", str(root), "-q", "2026Q3", "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    for bad in (["-q", "2026Q5"], ["-q", "2026Q3", "-m", "2026-10"], []):
        got = runner.invoke(app, ["assess", str(root), *bad])
        assert got.exit_code == 2 and "Traceback" not in got.output
