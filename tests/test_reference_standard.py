"""The built-in national diagnosis reference table used as a standard (``use_reference``)."""

from __future__ import annotations

import datetime as dt

from tests.conftest import CONFIG
from zhengai.check.checker import check_paths
from zhengai.load.repository import load_repository
from zhengai.score.assessment import assess

PLAN = """\
schema_version: 1
kind: plan
id: P-ZL
title: 质量保证专项规划
type: special
targets:
  - id: T-ZL-01
    level: school
    statement: 2026年12月前修订质量保证体系建设规划文本
    owner: 质量督导处
    parent: T-M-01
    deadline: 2026.12
    qc_points: [NAT-1.1.2]
"""
OBS = """\
schema_version: 1
kind: observations
observations:
  - {ref: NAT-1.1.2, period: '2026', conformity: 基本符合, date: 2026-06-30}
"""


def test_targets_can_serve_reference_points_and_they_are_scored(write_repo) -> None:
    root = write_repo({"plans/special/zl.yaml": PLAN, "departments/zdc/o.yaml": OBS})
    report, _ = check_paths([root])
    assert not [f for f in report.findings if f.code in ("ZG305", "ZG310")]
    assert not [f for f in report.findings if f.file.startswith("zhengai:")]  # shipped data is never reported
    repo = load_repository([root])
    point = repo.qc_points["NAT-1.1.2"]
    assert point.item.name == "质量保证规划" and point.item.extra["platform"] == ["1.3", "7"]
    assert repo.qc_context["NAT-1.1.2"].dimension.name == "体系总体构架"
    assert assess(repo, dt.date(2026, 7, 15)).measures["NAT-1.1.2"].score == 0.6


def test_reference_can_be_switched_off(write_repo) -> None:
    root = write_repo({"plans/special/zl.yaml": PLAN}, config=CONFIG + "use_reference: false\n")
    report, _ = check_paths([root])
    assert [(f.code, f.line) for f in report.findings if f.severity.value == "error"] == [("ZG305", 13)]


def test_reference_standard_has_37_points(write_repo) -> None:
    repo = load_repository([write_repo()])
    points = [q for q in repo.qc_points if q.startswith("NAT-")]
    assert len(points) == 37
    assert repo.qc_points["NAT-5.4.1"].cite().startswith("zhengai:reference/national_diagnosis.yaml:")
