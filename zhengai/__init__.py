"""zhengai：高职院校诊断与改进（诊改）工具包。

The package is library first: every command of the CLI is a thin wrapper over a
function of this package that returns values and never prints or exits.  The public
API is :data:`__all__`; every error it raises for bad input or misuse is a
:class:`ZhengaiError` whose message is one Chinese line.

Importing :mod:`zhengai` stays light (``zhengai --version`` and ``zhengai check`` load
no pandas, openpyxl, docx, matplotlib or jinja2): the names other than
:class:`ZhengaiError` are imported on first use (:pep:`562`).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from zhengai.errors import ZhengaiError

if TYPE_CHECKING:
    from zhengai.check.checker import check_paths
    from zhengai.excel.exporters import export_workbook
    from zhengai.excel.importers import ImportOptions, import_workbook, write_import
    from zhengai.findings import Finding, Report, Severity
    from zhengai.load.instruments import load_instrument
    from zhengai.load.repository import Repository, load_repository
    from zhengai.render.batch import BatchOptions, run_batch
    from zhengai.render.report import render_report
    from zhengai.reports.registry import build_report
    from zhengai.reports.workspace import ReportData, Workspace
    from zhengai.score.diagnosis import Diagnoser, diagnose
    from zhengai.survey.run import run_survey

__version__ = "0.1.0"

_LAZY = {
    "Finding": "zhengai.findings",
    "Report": "zhengai.findings",
    "Severity": "zhengai.findings",
    "Repository": "zhengai.load.repository",
    "load_repository": "zhengai.load.repository",
    "check_paths": "zhengai.check.checker",
    "Diagnoser": "zhengai.score.diagnosis",
    "diagnose": "zhengai.score.diagnosis",
    "ImportOptions": "zhengai.excel.importers",
    "import_workbook": "zhengai.excel.importers",
    "write_import": "zhengai.excel.importers",
    "export_workbook": "zhengai.excel.exporters",
    "BatchOptions": "zhengai.render.batch",
    "run_batch": "zhengai.render.batch",
    "Workspace": "zhengai.reports.workspace",
    "ReportData": "zhengai.reports.workspace",
    "build_report": "zhengai.reports.registry",
    "render_report": "zhengai.render.report",
    "load_instrument": "zhengai.load.instruments",
    "run_survey": "zhengai.survey.run",
}
"""Each lazy public name → the module that defines it."""

__all__ = [
    "BatchOptions",
    "Diagnoser",
    "Finding",
    "ImportOptions",
    "Report",
    "ReportData",
    "Repository",
    "Severity",
    "Workspace",
    "ZhengaiError",
    "build_report",
    "check_paths",
    "diagnose",
    "export_workbook",
    "import_workbook",
    "load_instrument",
    "load_repository",
    "render_report",
    "run_batch",
    "run_survey",
    "write_import",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'zhengai' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # the next look-up is an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
