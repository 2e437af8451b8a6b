"""Every report kind, in the order of the batch index: the one list to extend.

A kind is a module (see :mod:`zhengai.reports.kind` for what it provides and
:mod:`zhengai.reports.review` for a small one) plus its templates; its entry here makes
it a ``--kind`` choice, a folder of the batch, a section of ``index.md``, a template
``zhengai template check`` knows and a default template to build.  Importing this
module is cheap (the CLI reads it for its help); the kinds' modules load when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zhengai.reports.kind import ReportKind, TemplateKind

if TYPE_CHECKING:
    from zhengai.reports.workspace import ReportData, Workspace

_ENTRIES = (
    ReportKind("diagnosis", "自我诊改报告", "zhengai.reports.diagnosis",
               (TemplateKind("diagnosis", ("attainment", "radar", "trend")),)),
    # a program's or course's report is a self-diagnosis report on the same template
    ReportKind("program", "专业自我诊改报告", "zhengai.reports.diagnosis",
               (TemplateKind("diagnosis", ("attainment", "radar", "trend")),), scope="program"),
    ReportKind("course", "课程自我诊改报告", "zhengai.reports.diagnosis",
               (TemplateKind("diagnosis", ("attainment", "radar", "trend")),), scope="course"),
    ReportKind("annual", "质量年度报告", "zhengai.reports.annual",
               (TemplateKind("annual", ("levels", "trend", "standards", "departments")),
                TemplateKind("annual-level", ("standards", "levels", "trend"))), note="（学院及各层面）"),
    ReportKind("review", "校内复核报告", "zhengai.reports.review",
               (TemplateKind("review", ("departments", "reference")),)),
    ReportKind("mid-term", "中期检查报告", "zhengai.reports.midterm",
               (TemplateKind("mid-term", ("departments", "levels")),), default_in_batch=False),
    # made every month (zhengai report monthly), not by the annual batch
    ReportKind("monthly", "部门月度工作报表", "zhengai.reports.monthly",
               (TemplateKind("monthly", ()), TemplateKind("monthly-college", ("departments",))),
               default_in_batch=False, dated=True),
)

KINDS: dict[str, ReportKind] = {k.id: k for k in _ENTRIES}
"""Report kind id → its entry, in index order."""

TEMPLATES: dict[str, TemplateKind] = {}
"""Template id → its entry: the report kinds' templates (``annual-level`` beside ``annual``); a
kind that reuses another's template (``program`` uses ``diagnosis``) adds nothing here."""
for _kind in _ENTRIES:
    for _template in _kind.templates:
        TEMPLATES.setdefault(_template.id, _template)

DEFAULT_KINDS: tuple[str, ...] = tuple(k.id for k in _ENTRIES if k.default_in_batch)
"""The kinds ``zhengai report annual`` makes without ``--kind``."""


def kind(name: str) -> ReportKind:
    """The kind called ``name``; :class:`RepositoryError` naming the choices otherwise."""
    found = KINDS.get(name)
    if found is None:
        from zhengai.load.repository import RepositoryError

        raise RepositoryError(f"未知的报告类型“{name}”；可选：{'、'.join(KINDS)}。")
    return found


def units(ws: Workspace, name: str) -> list[str]:
    """The units of one kind: department ids, ``college`` and level ids."""
    return [u.id for u in kind(name).units(ws.config, ws.year, ws.as_of)]


def build(ws: Workspace, name: str, unit: str) -> ReportData:
    """The data of one report (kind × unit)."""
    return kind(name).build(ws, unit)


build_report = build
"""The public name of :func:`build` (``zhengai.build_report``)."""


def charts_for(template: str) -> tuple[str, ...]:
    """The chart names a template may show (every one is present under ``charts``)."""
    return TEMPLATES[template].charts


def kind_help() -> str:
    """The kinds for ``--kind`` help: ``diagnosis 自我诊改报告、annual 质量年度报告（学院及各层面）…``."""
    return "、".join(f"{k.id} {k.name}{k.note}" for k in _ENTRIES)


__all__ = ["DEFAULT_KINDS", "KINDS", "TEMPLATES", "build", "build_report", "charts_for", "kind", "kind_help", "units"]
