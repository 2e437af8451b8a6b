"""The shared inputs of all reports of one repository and date, and one report's data.

Every builder returns a :class:`ReportData`: a context of plain dicts, lists, text and
numbers (what a Jinja template sees under ``doc`` and ``r``), chart specifications
(data, not pictures) and the unit's band for the batch index.  Plain values keep
college-written templates simple, make :func:`ReportData.fingerprint` a hash of what
the reader will see, and pickle across processes.

A :class:`Workspace` holds what all reports of one repository and date share: the
assessment, the rule findings, last year's assessment, one diagnosis per department.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from zhengai import __version__
from zhengai.findings import Finding
from zhengai.load.repository import Located, Repository, RepositoryError
from zhengai.models.annual import AnnualTables
from zhengai.models.config import Band, Department
from zhengai.models.periods import PeriodError, parse_period
from zhengai.reports.charts import ChartSpec
from zhengai.score.assessment import Assessment, Node, assess

if TYPE_CHECKING:
    from zhengai.load.units import Unit
    from zhengai.score.diagnosis import Diagnoser, Diagnosis


@dataclass
class ReportData:
    """One report's data: template context, charts to draw, band for the index."""

    kind: str
    unit: str
    title: str
    context: dict[str, Any]
    charts: list[ChartSpec] = field(default_factory=list)
    band: dict[str, Any] = field(default_factory=dict)
    unit_name: str = ""
    extra: str = ""  # more data the Markdown form reads (the diagnosis as JSON)
    source: Any = field(default=None, repr=False, compare=False)  # the Diagnosis, Markdown's legacy ``d``
    template: str = ""  # the template id (the kind's, or ``annual-level`` for a level's annual report)

    def __post_init__(self) -> None:
        if not self.template:
            self.template = self.kind

    def fingerprint(self) -> str:
        """SHA-256 of everything the rendered report depends on besides the template."""
        data = {"context": self.context, "charts": [c.to_dict() for c in self.charts], "v": __version__,
                "extra": self.extra}
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Workspace:
    """What every report of one repository at one date shares, computed once.

    The department diagnoses come from one :class:`~zhengai.score.diagnosis.Diagnoser`, which
    scores the repository and runs the rules once for all departments; last year's
    assessment and those of earlier years (for trends) are computed when first asked.
    """

    def __init__(self, repo: Repository, as_of: dt.date, year: int | None = None) -> None:
        if repo.config is None:
            raise RepositoryError("生成报告需要仓库根目录的 zhengai.yaml。")
        self.repo = repo
        self.config = repo.config
        self.as_of = as_of
        self.year = year or as_of.year
        self._diagnoses: dict[str, Diagnosis] = {}
        self._years: dict[int, Assessment] = {}

    @property
    def bands(self) -> list[Band]:
        """The college's scoring bands."""
        return self.config.scoring.bands

    @cached_property
    def diagnoser(self) -> Diagnoser:
        """The shared diagnoser (assessment and rule findings of the whole repository)."""
        from zhengai.score.diagnosis import Diagnoser

        return Diagnoser(self.repo, self.as_of, self.year)

    @property
    def assessment(self) -> Assessment:
        """Everything scored at the as-of date."""
        return self.diagnoser.assessment

    @property
    def findings(self) -> list[Finding]:
        """All rule findings of the repository (after the college's settings)."""
        return self.diagnoser.findings

    @cached_property
    def qc_ids(self) -> set[str]:
        """The QC points the repository indexed.  A standard may list a point whose id another
        item (a target, an indicator) already took: ZG301 reports it, and the reports leave it
        out rather than fail or score it with the other item's measure."""
        return set(self.repo.qc_points)

    def standard_node(self, located: Located[Any], assessment: Assessment | None = None) -> Node | None:
        """``located`` rolled up in ``assessment`` (default: this year's) over the indexed QC points;
        a standard scored per program or course is the mean over its units (one number per fact:
        the level report's distribution and every college table then agree)."""
        from zhengai.score.units import units_standard_node

        chosen = assessment or self.assessment
        return units_standard_node(chosen, located) or chosen.standard_node(located, self.qc_ids)

    def level_nodes(self, assessment: Assessment | None = None) -> list[Node]:
        """One node per level in ``assessment`` (default: this year's) over the indexed QC points;
        a level scored per unit is the mean over its units."""
        from zhengai.score.units import units_level_node

        chosen = assessment or self.assessment
        pooled = {n.id: n for n in chosen.level_nodes(self.qc_ids)}
        found = [units_level_node(chosen, level.id) or pooled.get(level.id) for level in self.config.levels]
        return [n for n in found if n is not None]

    @cached_property
    def last_as_of(self) -> dt.date:
        """The same day one year earlier (28 February for 29 February)."""
        try:
            return self.as_of.replace(year=self.as_of.year - 1)
        except ValueError:
            return self.as_of.replace(year=self.as_of.year - 1, day=28)

    @cached_property
    def last_assessment(self) -> Assessment:
        """Everything scored on the same day last year (for 年度增量)."""
        return assess(self.repo, self.last_as_of)

    def assessment_for(self, year: int) -> Assessment:
        """The assessment on the as-of day of another year (for trends)."""
        if year == self.as_of.year:
            return self.assessment
        if year == self.last_as_of.year:
            return self.last_assessment
        if year not in self._years:
            try:
                day = self.as_of.replace(year=year)
            except ValueError:
                day = self.as_of.replace(year=year, day=28)
            self._years[year] = assess(self.repo, day)
        return self._years[year]

    def diagnosis(self, dept: Department) -> Diagnosis:
        """The department's diagnosis (the same as :func:`zhengai.score.diagnosis.diagnose`)."""
        if dept.id not in self._diagnoses:
            self._diagnoses[dept.id] = self.diagnoser.diagnose(dept)
        return self._diagnoses[dept.id]

    def unit_diagnosis(self, unit: Unit) -> Diagnosis:
        """A program's, course's, class's or teacher's diagnosis (:meth:`Diagnoser.diagnose_unit`)."""
        key = f"{unit.kind}:{unit.id}"
        if key not in self._diagnoses:
            self._diagnoses[key] = self.diagnoser.diagnose_unit(unit)
        return self._diagnoses[key]

    @cached_property
    def tables(self) -> dict[int, Located[AnnualTables]]:
        """The national annual-report tables of the repository, by year."""
        found: dict[int, Located[AnnualTables]] = {}
        for source in self.repo.files:
            if isinstance(source.model, AnnualTables):
                found.setdefault(source.model.year, Located(source.model, source, ""))
        return found

    @cached_property
    def history_years(self) -> list[int]:
        """Years with observations, up to the report year, at most the last five."""
        years = set()
        for located in self.repo.observations:
            try:
                years.add(parse_period(located.item.period).end.year)
            except PeriodError:
                continue
        return sorted(y for y in years if self.year - 4 <= y <= self.year)


__all__ = ["ReportData", "Workspace"]
