"""Scoring over a repository: milestones, shared QC observations, baselines past the target,
tasks not yet due, and when "no data at all" becomes a warning."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengai.load.repository import load_repository
from zhengai.score.alerts import missing_data
from zhengai.score.assessment import assess

PLAN = """\
schema_version: 1
kind: plan
id: P-JWC
title: 教务处子规划
type: department
targets:
  - id: T-1
    level: school
    statement: 到2030年证书获取率达到80%
    owner: 教务处
    parent: T-M-01
    deadline: 2030.12
    indicators:
      - {id: I-MS, name: 证书获取率, unit: '%', baseline: 60, target: 80, milestones: {2026: 64, 2027: 68}}
      - {id: I-QC, name: 就业率, unit: '%', target: 90, qc_point: Q-1}
      - {id: I-PAST, name: 合格率, unit: '%', baseline: 97, target: 95}
"""
STD = """\
schema_version: 1
kind: standard
id: S
level: school
title: 标准
dimensions:
  - id: D
    name: 维度
    standards:
      - id: SI
        name: 标准项
        qc_points:
          - {id: Q-1, name: 就业率, kind: quantitative, unit: '%', direction: up, baseline: 85, target: 90}
          - {id: Q-Y, name: 年度, kind: qualitative, element: 报告, frequency: yearly}
          - {id: Q-M, name: 月度, kind: qualitative, element: 报告, frequency: monthly}
"""
OBS = """\
schema_version: 1
kind: observations
observations:
  - {ref: I-MS, period: '2026', value: 63, date: 2026-06-30}
  - {ref: Q-1, period: '2026', value: 88.5, date: 2026-06-30}
  - {ref: I-PAST, period: '2026', value: 96, date: 2026-06-30}
"""
TASKS = """\
schema_version: 1
kind: tasks
year: 2026
tasks:
  - {id: K-DUE, title: 完成方案修订, class: A, parent: T-1, deadline: 2026.6, status: {progress: 0.4}}
  - {id: K-LATER, title: 完成教材编写, class: A, parent: T-1, deadline: 2026.12, status: {progress: 0.1}}
  - {id: K-DONE, title: 完成制度文本, class: C, parent: T-1, deadline: 2026.12, status: {state: done, progress: 1}}
"""
AS_OF = dt.date(2026, 7, 15)


@pytest.fixture
def assessment(write_repo):
    root = write_repo({"departments/jwc/plan.yaml": PLAN, "standards/s.yaml": STD,
                       "departments/jwc/o.yaml": OBS, "departments/jwc/t.yaml": TASKS})
    return assess(load_repository([root]), AS_OF)


def test_milestone_is_the_target_of_its_year(assessment) -> None:
    m = assessment.measures["I-MS"]
    # 2026 milestone 64: progress (63 − 60) / (64 − 60) = 0.75, not (63 − 60) / (80 − 60) = 0.15
    assert (m.target, m.score) == (64, pytest.approx(0.75))


def test_indicator_shares_its_qc_point_observations(assessment) -> None:
    m = assessment.measures["I-QC"]
    # no own observation: Q-1's 88.5 against the indicator's target 90, no baseline → 88.5 / 90
    assert (m.actual, m.method, m.score) == (88.5, "ratio", pytest.approx(88.5 / 90))


def test_baseline_already_past_the_target_uses_ratio(assessment) -> None:
    m = assessment.measures["I-PAST"]
    # baseline 97 is above target 95 (direction up): progress would be (96 − 97) / (95 − 97) = 0.5;
    # ratio 96 / 95 → clamped to 1.0
    assert (m.method, m.score) == ("ratio", 1.0)


def test_tasks_not_yet_due_are_not_scored(assessment) -> None:
    assert assessment.task_node("K-DUE").score == pytest.approx(0.4)
    assert assessment.task_node("K-LATER").score is None  # due 2026-12-31: not assessable in July
    assert assessment.task_node("K-DONE").score == 1.0    # done early counts
    node = assessment.target_node("T-1")
    # mean(I-MS 0.75, I-QC 0.98333, I-PAST 1.0, K-DUE 0.4, K-DONE 1.0) over 5 of 6 leaves
    assert node.score == pytest.approx((0.75 + 88.5 / 90 + 1.0 + 0.4 + 1.0) / 5)
    assert (node.rollup.scored, node.rollup.total) == (5, 6)


def test_never_observed_warns_only_once_a_period_has_ended(assessment) -> None:
    measures = [assessment.measures["Q-Y"], assessment.measures["Q-M"]]
    # plan starts 2026: no year has ended by 2026-07-15, but January–June have
    alerts = list(missing_data(assessment, measures, "教务处"))
    assert [a.subject.split()[0] for a in alerts] == ["Q-M"]


def test_plan_indicator_ignores_values_from_before_the_plan_period(write_repo) -> None:
    obs = OBS.replace("{ref: I-MS, period: '2026', value: 63, date: 2026-06-30}", "{ref: I-MS, period: '2025', value: 60}")
    root = write_repo({"departments/jwc/plan.yaml": PLAN, "standards/s.yaml": STD,
                       "departments/jwc/o.yaml": obs, "departments/jwc/t.yaml": TASKS})
    m = assess(load_repository([root]), AS_OF).measures["I-MS"]
    # 2025 is the baseline year of a 2026–2030 plan: history, not attainment → no score (and no red warning)
    assert m.score is None and [p.value for p in m.history] == [60.0]
