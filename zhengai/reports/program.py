"""``program``: each 专业's 自我诊改报告 — the 专业 against the 专业标准, on its own observations.

Built by :func:`zhengai.reports.diagnosis.diagnosis_report` with the 专业 as the unit, so
it reads the same template and data as a department's report.
"""

from __future__ import annotations

from zhengai.models.config import RepoConfig
from zhengai.reports.diagnosis import FIELDS, SOURCE_TYPE, unit_build, unit_units
from zhengai.reports.kind import Unit
from zhengai.reports.workspace import ReportData, Workspace


def units(config: RepoConfig, year: int) -> list[Unit]:
    """One report per 专业 declared in ``zhengai.yaml``."""
    return unit_units(config, year, "program")


def build(ws: Workspace, unit: str) -> ReportData:
    """The report of the 专业 ``unit`` (its code)."""
    return unit_build(ws, unit, "program")


__all__ = ["FIELDS", "SOURCE_TYPE", "build", "units"]
