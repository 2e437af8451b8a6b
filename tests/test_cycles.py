"""Every year is its own cycle (issue 11): that year's tasks, that year's observations.

The repository is the shared minimal one (tests/conftest.py) plus the files below;
every expected number is worked out in the comments.
"""

from __future__ import annotations

import datetime as dt

import pytest

from zhengai.load.repository import load_repository
from zhengai.score.assessment import NO_DATA, NOT_DUE, assess
from zhengai.score.diagnosis import diagnose

TASKS_2026 = """\
schema_version: 1
kind: tasks
year: 2026
owner: [教务处]
tasks:
  - {id: K26-1, title: 修订人才培养方案12个, class: A, owner: 教务处, deadline: 2026.6,
     status: {state: done, progress: 1}}
  - {id: K26-2, title: 建成校级精品课程5门, class: A, owner: 教务处, deadline: 2026.9,
     status: {state: done, progress: 1}}
  - {id: K26-3, title: 完成教学诊改平台上线, class: B, owner: 教务处, deadline: 2026.10,
     status: {state: in_progress, progress: 0.6}}
  - {id: K26-4, title: 完成3个专业的人才培养方案论证, class: C, owner: 教务处, deadline: 2026.11,
     status: {state: done, progress: 1}}
  - {id: K26-5, title: 完成专业评估4个, class: C, owner: 教务处, deadline: 2026.12,
     status: {state: in_progress, progress: 0.5}}
"""

TASKS_2025 = """\
schema_version: 1
kind: tasks
year: 2025
owner: [教务处]
tasks:
  - {id: K25-1, title: 完成课程标准修订30门, class: A, owner: 教务处, deadline: 2025.6,
     status: {state: in_progress, progress: 0.4}}
  - {id: K25-2, title: 建成虚拟仿真实训室2间, class: B, owner: 教务处, deadline: 2025.9,
     status: {state: not_started}}
  - {id: K25-3, title: 完成教材选用审核, class: C, owner: 教务处, deadline: 2025.10,
     status: {state: done, progress: 1}}
"""

CARRIED = """\
  - {id: K26-6, title: 完成课程标准修订30门（结转）, class: A, owner: 教务处, deadline: 2026.6,
     carried_from: 2025, status: {state: in_progress, progress: 0.8}}
"""

AS_OF = dt.date(2026, 12, 20)


def _diagnose(write_repo, files: dict[str, str], config_extra: str = ""):
    from tests.conftest import CONFIG

    root = write_repo(files, config=CONFIG + config_extra)
    repo = load_repository([root])
    return diagnose(repo, repo.department("jwc"), AS_OF)


def test_previous_years_file_does_not_change_this_years_rate(write_repo) -> None:
    # 2026: due by 12-20 are K26-1…K26-4 (K26-5 is due 12-31); done K26-1, K26-2, K26-4 → 3/4
    alone = _diagnose(write_repo, {"departments/jwc/tasks-2026.yaml": TASKS_2026})
    assert (alone.completion.due, alone.completion.done) == (4, 3)
    # adding 2025 (three tasks, one done) pooled would give 4/7; the 2026 cycle stays 3/4
    both = _diagnose(write_repo, {"departments/jwc/tasks-2026.yaml": TASKS_2026,
                                  "departments/jwc/tasks-2025.yaml": TASKS_2025})
    assert (both.completion.due, both.completion.done) == (4, 3)
    # and 2025's overdue work raises no 2026 warning: only K26-3 (2026-10-31) is overdue
    assert [a.subject.split()[0] for a in both.alerts if a.kind == "overdue"] == ["K26-3"]


def test_carried_work_counts_in_the_year_it_was_carried_into(write_repo) -> None:
    files = {"departments/jwc/tasks-2026.yaml": TASKS_2026 + CARRIED,
             "departments/jwc/tasks-2025.yaml": TASKS_2025}
    # K26-6 (结转自2025, due 2026-06, not done) joins 2026: 3 done of 5 due
    got = _diagnose(write_repo, files)
    assert (got.completion.due, got.completion.done) == (5, 3)
    assert "K26-6" in [a.subject.split()[0] for a in got.alerts if a.kind == "overdue"]
    # a college that counts carried work only in its original year leaves it out of the rate
    # (it is still overdue, so it still warns)
    kept = _diagnose(write_repo, files, "scoring: {count_carried: false}\n")
    assert (kept.completion.due, kept.completion.done) == (4, 3)
    assert "K26-6" in [a.subject.split()[0] for a in kept.alerts if a.kind == "overdue"]


OBSERVATIONS = """\
schema_version: 1
kind: observations
observations:
  - {ref: IND-EMP, period: '2025', value: 94}
  - {ref: IND-EMP, period: '2026H1', value: 93.5, date: 2026-07-10}
"""


def test_a_value_of_an_earlier_year_is_history_not_this_years_score(write_repo) -> None:
    root = write_repo({"departments/jwc/observations.yaml": OBSERVATIONS.replace(
        "  - {ref: IND-EMP, period: '2026H1', value: 93.5, date: 2026-07-10}\n", "")})
    repo = load_repository([root])
    # IND-EMP (yearly) has only 2025 = 94: in the 2026 cycle it is 上年, not a score …
    m = assess(repo, AS_OF).measures["IND-EMP"]
    assert m.score is None and m.last is not None and m.last.value == 94
    # … and on 2026-12-20 no yearly period of 2026 has ended: 未到期, not 尚无数据
    assert m.status == NOT_DUE
    # in the 2025 cycle the same value scores: progress (94 − 92) / (95 − 92) = 2/3
    m25 = assess(repo, dt.date(2025, 12, 31)).measures["IND-EMP"]
    assert m25.score == pytest.approx(2 / 3) and m25.status is None


def test_a_mid_year_value_is_provisional(write_repo) -> None:
    root = write_repo({"departments/jwc/observations.yaml": OBSERVATIONS})
    repo = load_repository([root])
    # 2026H1 = 93.5 (ended 2026-06-30): progress (93.5 − 92) / 3 = 0.5, final on 2026-07-15
    m = assess(repo, dt.date(2026, 7, 15)).measures["IND-EMP"]
    assert m.score == pytest.approx(0.5) and not m.provisional and m.last.value == 94


def test_no_data_once_a_period_of_the_cycle_has_ended(write_repo) -> None:
    root = write_repo()
    repo = load_repository([root])
    # nothing observed: in 2027 (as of 2027-01-10) no yearly period of 2027 has ended
    assert assess(repo, dt.date(2027, 1, 10)).measures["IND-EMP"].status == NOT_DUE
    # for the 2026 cycle assessed after the year: the 2026 period has ended → 尚无数据
    assert assess(repo, dt.date(2027, 1, 10), year=2026).measures["IND-EMP"].status == NO_DATA


IMPROVEMENTS_2025 = """\
schema_version: 1
kind: improvements
cycle: 2025
items:
  - id: IMP-25-01
    problem: 就业率目标脱离实际
    cause: 2025年区域制造业用工下降
    measure: 将2030年就业率目标由95%调整为94%
    owner: 教务处
    time_node: 2026.3
    status: done
    adjusts:
      - {ref: IND-EMP, field: target, value: 94, reason: 区域产业调整后就业市场收缩, effective: 2026}
      - {ref: IND-NONE, field: target, value: 1, reason: 写错了标识, effective: 2026}
      - {ref: IND-EMP, field: baseline, value: 91, reason: 基线按2025年决算口径重算, effective: 2027}
"""


@pytest.mark.parametrize(("target", "state"), [(95, "未调整"), (94, "已调整")])
def test_the_next_cycle_reports_whether_an_adjustment_was_applied(write_repo, target: int, state: str) -> None:
    from tests.conftest import MASTER

    root = write_repo({"departments/jwc/improvements-2025.yaml": IMPROVEMENTS_2025},
                      master=MASTER.replace("target: 95", f"target: {target}"))
    repo = load_repository([root])
    got = [(a.ref, a.field, a.state) for a in diagnose(repo, repo.department("jwc"), AS_OF).adjustments]
    # the 2026 diagnosis: the target change is due (effective 2026); the baseline one is for 2027
    assert got == [("IND-EMP", "target", state), ("IND-NONE", "target", "对象不存在"),
                   ("IND-EMP", "baseline", "未生效")]
