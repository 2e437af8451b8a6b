"""``course``: each 课程's 自我诊改报告 — the 课程 against the 课程标准, on its own observations.

Built by :func:`zhengai.reports.diagnosis.diagnosis_report` with the 课程 as the unit, so
it reads the same template and data as a department's report.
"""

from __future__ import annotations

from zhengai.models.config import RepoConfig
from zhengai.reports.diagnosis import FIELDS, SOURCE_TYPE, unit_build, unit_units
from zhengai.reports.kind import Unit
from zhengai.reports.workspace import ReportData, Workspace


def units(config: RepoConfig, year: int) -> list[Unit]:
    """One report per 课程 declared in ``zhengai.yaml``."""
    return unit_units(config, year, "course")


def build(ws: Workspace, unit: str) -> ReportData:
    """The report of the 课程 ``unit`` (its code)."""
    return unit_build(ws, unit, "course")


__all__ = ["FIELDS", "SOURCE_TYPE", "build", "units"]
