"""What a report kind is: one :class:`ReportKind` per kind, listed in :mod:`zhengai.reports.registry`.

An entry says what the rest of zhengai needs to know about a kind — its Chinese name,
output folder and templates (file names, the charts each may show) — and names the
module that builds it.  The batch, the CLI choices and help, ``zhengai template
check`` and the default templates all read the entries.

The module is imported on first use, not with the registry: the CLI reads the entries
for its help at start-up, and the builders need the whole scoring stack.  A kind's
module provides, by these names:

- ``units(config, year) -> list[Unit]`` — its reports of a year, from ``zhengai.yaml`` alone
  (a ``dated`` kind's also takes ``as_of=``, the month its reports are of);
- ``build(ws, unit) -> ReportData`` — the data of one unit's report (both also take
  ``scope=`` when the entry sets :attr:`ReportKind.scope`);
- ``FIELDS`` — template id → the description of ``r`` (see :mod:`zhengai.reports.fields`);
- ``template_for(unit) -> str`` — only for kinds with more than one template;
- ``SOURCE_TYPE`` — optional, the type of :attr:`ReportData.source` (Markdown's ``d``);
- ``batch_note(config, as_of) -> str | None`` — optional, a line for the batch summary and index.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zhengai.models.config import RepoConfig
    from zhengai.reports.workspace import ReportData, Workspace


@dataclass(frozen=True)
class Unit:
    """One report of a kind: the unit's id, its label in the index and the file name wanted."""

    id: str
    label: str
    stem: str


@dataclass(frozen=True)
class TemplateKind:
    """A template: ``<id>.docx`` and ``<id>.md.j2`` under ``templates/``.

    ``charts`` are the chart names it may show, in the order the default template shows
    them (figure numbers follow it); ``module`` is its report kind's module.
    """

    id: str
    charts: tuple[str, ...]
    module: str = ""

    @property
    def fields(self) -> dict[str, Any]:
        """The description of ``r`` in this template (from the kind's module)."""
        return dict(import_module(self.module).FIELDS[self.id])

    @property
    def source_type(self) -> Any:
        """The type of :attr:`ReportData.source`, which Markdown templates also see as ``d``
        (kept for templates written before the plain context), or None."""
        return getattr(import_module(self.module), "SOURCE_TYPE", None)

    @property
    def context_fields(self) -> dict[str, Any]:
        """The description of the whole context a template of this kind sees (``doc``, ``r``, ``charts`` …)."""
        from zhengai.reports.fields import context_fields

        return context_fields(self.fields, self.charts)


@dataclass(frozen=True)
class ReportKind:
    """One kind of report (see the module docstring)."""

    id: str
    name: str
    """Chinese name, e.g. 自我诊改报告 (the index headings and messages)."""
    module: str
    """The module that builds it."""
    templates: tuple[TemplateKind, ...]
    """Its templates; the first is the default (see :meth:`template_for`)."""
    folder: str = ""
    """Output folder of the batch (default: the Chinese name)."""
    note: str = ""
    """Said after the name in the ``--kind`` help, e.g. （学院及各层面）."""
    default_in_batch: bool = True
    """Made by ``zhengai report annual`` without ``--kind``."""
    scope: str = ""
    """Passed to the module's ``units`` and ``build`` as ``scope=`` when set: one module serving
    several kinds (the diagnosis module writes department, program and course reports)."""
    dated: bool = False
    """The module's ``units`` also takes ``as_of=`` (a date or None): a kind made every month,
    whose file names and batch keys carry the month (the monthly report)."""

    def __post_init__(self) -> None:
        # Each template knows its kind's module (for its fields), without repeating it per template.
        object.__setattr__(self, "templates", tuple(replace(t, module=self.module) for t in self.templates))

    def _code(self) -> ModuleType:
        return import_module(self.module)

    @property
    def output_folder(self) -> str:
        """The batch's folder for this kind."""
        return self.folder or self.name

    def units(self, config: RepoConfig, year: int, as_of: date | None = None) -> list[Unit]:
        """The reports of this kind for ``year`` (and, for a dated kind, the month of ``as_of``):
        department ids, ``college`` or level ids."""
        extra: dict[str, Any] = {"scope": self.scope} if self.scope else {}
        if self.dated:
            extra["as_of"] = as_of
        found: list[Unit] = self._code().units(config, year, **extra)
        return found

    def build(self, ws: Workspace, unit: str) -> ReportData:
        """The data of one unit's report."""
        extra = {"scope": self.scope} if self.scope else {}
        data: ReportData = self._code().build(ws, unit, **extra)
        return data

    def batch_note(self, config: RepoConfig, as_of: date) -> str | None:
        """What the batch summary and index must say about this kind's reports at ``as_of``
        (the module's optional ``batch_note``; e.g. a mid-term report made outside June)."""
        note = getattr(self._code(), "batch_note", None)
        return note(config, as_of) if note is not None else None

    def template_for(self, unit: str) -> TemplateKind:
        """The template a unit's report uses (``annual-level`` for a level's annual report)."""
        if len(self.templates) == 1:
            return self.templates[0]
        wanted = self._code().template_for(unit)
        return next(t for t in self.templates if t.id == wanted)


__all__ = ["ReportKind", "TemplateKind", "Unit"]
