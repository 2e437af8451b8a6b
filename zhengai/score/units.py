"""Per-unit scores and their distribution: each 专业, 课程, 班级 or 教师 against its standard.

A level whose standards are written for a kind of unit (专业层面 → every program, see
:data:`zhengai.load.units.LEVEL_OF_KIND`) is scored once per unit, each on that
unit's own observations (``unit:`` in an observation).  A department sees its own
units; the college sees the distribution over all of them — how many units fall in
each band, the spread, and the QC points weakest across units — never one pooled
number.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from zhengai.load.repository import Located
from zhengai.load.units import KIND_OF_LEVEL, LEVEL_OF_KIND, Unit
from zhengai.models.standards import Standard
from zhengai.score import scoring
from zhengai.score.assessment import Assessment, Measure, Node

WEAKEST = 5
"""QC points listed as the weakest across units."""


def level_standards(assessment: Assessment, level_id: str) -> list[Located[Standard]]:
    """The standards written for one level, in repository order."""
    return [s for s in assessment.repo.standards.values() if s.item.level == level_id]


def qc_ids(standards: list[Located[Standard]]) -> list[str]:
    """Every QC point of the given standards, in document order."""
    return [q.id for s in standards for d in s.item.dimensions for i in d.standards for q in i.qc_points]


@dataclass
class UnitScore:
    """One unit scored against the standards of its level."""

    unit: Unit
    standards: list[Node]
    measures: list[Measure]
    level: Node | None

    @property
    def score(self) -> float | None:
        """The unit's level score (None when none of its QC points has a value this cycle)."""
        return self.level.score if self.level is not None else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"unit": {"kind": self.unit.kind, "id": self.unit.id, "name": self.unit.name},
                "level": None if self.level is None else self.level.to_dict(),
                "standards": [n.to_dict() for n in self.standards],
                "measures": [m.to_dict() for m in self.measures]}


def score_unit(assessment: Assessment, unit: Unit) -> UnitScore:
    """Score one unit on the standards of its kind's level, on its own series (once per assessment)."""
    cached: UnitScore | None = assessment.unit_scores.get(unit.id)
    if cached is None:
        cached = assessment.unit_scores[unit.id] = _score_unit(assessment, unit)
    return cached


def _score_unit(assessment: Assessment, unit: Unit) -> UnitScore:
    level_id = LEVEL_OF_KIND.get(unit.kind)
    standards = level_standards(assessment, level_id) if level_id else []
    # a QC point whose id another item took (ZG301) is left out, as the college-wide roll-up does
    indexed = set(assessment.repo.qc_points)
    nodes = [n for s in standards if (n := assessment.standard_node(s, indexed, unit.id)) is not None]
    measures = [assessment.measure(q, unit.id) for q in qc_ids(standards) if q in indexed]
    level = None
    if nodes and level_id is not None:
        levels = assessment.repo.config.levels if assessment.repo.config else []
        name = next((lv.name for lv in levels if lv.id == level_id), level_id)
        rollup = Assessment._combine((n, 1.0) for n in nodes)
        level = Node(level_id, name, "level", rollup, scoring.band(rollup.score, assessment.settings.bands),
                     "、".join(n.cite for n in nodes), nodes)
    return UnitScore(unit, nodes, measures, level)


@dataclass
class Weak:
    """A QC point weak across units: its mean score and how many units fall short on it."""

    id: str
    name: str
    mean: float
    short: int
    """Units whose score on it is below the top band."""
    scored: int


@dataclass
class Distribution:
    """How the units of one kind stand: counts per band, the spread, the weakest QC points."""

    kind: str
    level: str
    units: list[UnitScore]
    by_band: dict[str, int] = field(default_factory=dict)
    """Band name → number of units, in band order, then 未评 for units without a score."""
    weakest: list[Weak] = field(default_factory=list)

    @property
    def scores(self) -> list[float]:
        """The units' scores that exist."""
        return [u.score for u in self.units if u.score is not None]

    @property
    def mean(self) -> float | None:
        """Mean of the unit scores (each unit counts once, whatever its size)."""
        return statistics.fmean(self.scores) if self.scores else None

    @property
    def low(self) -> float | None:
        """The lowest unit score."""
        return min(self.scores) if self.scores else None

    @property
    def high(self) -> float | None:
        """The highest unit score."""
        return max(self.scores) if self.scores else None

    @property
    def spread(self) -> float | None:
        """Highest minus lowest unit score."""
        return None if not self.scores else max(self.scores) - min(self.scores)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"kind": self.kind, "level": self.level, "units": len(self.units), "scored": len(self.scores),
                "by_band": self.by_band, "mean": self.mean, "low": self.low, "high": self.high,
                "spread": self.spread,
                "weakest": [{"id": w.id, "name": w.name, "mean": w.mean, "short": w.short, "scored": w.scored}
                            for w in self.weakest],
                "unit_scores": [{"id": u.unit.id, "name": u.unit.name, "score": u.score,
                                 "band": u.level.band.name if u.level and u.level.band else None}
                                for u in self.units]}


def distribution(assessment: Assessment, level_id: str, units: list[Unit] | None = None) -> Distribution | None:
    """The distribution over the units of the level's kind (or over ``units``); None for a
    level scored college-wide (学校层面)."""
    kind = KIND_OF_LEVEL.get(level_id)
    if kind is None:
        return None
    chosen = assessment.repo.units.of_kind(kind) if units is None else [u for u in units if u.kind == kind]
    scored = [score_unit(assessment, u) for u in chosen]
    bands = assessment.settings.bands
    by_band = {b.name: 0 for b in bands}
    unscored = 0
    for u in scored:
        band = u.level.band if u.level is not None else None
        if band is None:
            unscored += 1
        else:
            by_band[band.name] += 1
    if unscored:
        by_band["未评"] = unscored
    top = bands[0].min
    per_point: dict[str, list[float]] = {}
    names: dict[str, str] = {}
    for u in scored:
        for m in u.measures:
            names[m.id] = m.name
            if m.score is not None:
                per_point.setdefault(m.id, []).append(m.score)
    weak = [Weak(ident, names[ident], statistics.fmean(values), sum(1 for v in values if v < top - 1e-12),
                 len(values)) for ident, values in per_point.items()]
    weak = [w for w in weak if w.short]
    weak.sort(key=lambda w: (w.mean, -w.short, w.id))
    return Distribution(kind, level_id, scored, by_band, weak[:WEAKEST])


def _mean_node(nodes: list[Node], bands: list[Any]) -> Node:
    """One node of a same-shaped tree per unit → the node whose score is the units' mean.

    Coverage adds the units' QC points up (scored of all), so 质控点覆盖 still counts points.
    """
    first = nodes[0]
    scores = [n.score for n in nodes if n.score is not None]
    mean = statistics.fmean(scores) if scores else None
    rollup = scoring.Rollup(mean, sum(n.rollup.scored for n in nodes), sum(n.rollup.total for n in nodes))
    width = len(first.children)
    children = ([_mean_node([n.children[i] for n in nodes], bands) for i in range(width)]
                if all(len(n.children) == width for n in nodes) else [])
    return Node(first.id, first.name, first.kind, rollup, scoring.band(mean, bands), first.cite, children)


def _scored_units(assessment: Assessment, level_id: str) -> list[UnitScore]:
    kind = KIND_OF_LEVEL.get(level_id)
    if kind is None:
        return []
    scored = [score_unit(assessment, u) for u in assessment.repo.units.of_kind(kind)]
    return [u for u in scored if u.score is not None]


def units_level_node(assessment: Assessment, level_id: str) -> Node | None:
    """A level scored per unit, seen from the college: every node the mean over the units that
    have a score (the level's score is the units' mean); None for a college-wide level or
    when no unit has a value this cycle (the college-wide series then stands)."""
    scored = _scored_units(assessment, level_id)
    levels = [u.level for u in scored if u.level is not None]
    return _mean_node(levels, assessment.settings.bands) if levels else None


def units_standard_node(assessment: Assessment, located: Located[Standard]) -> Node | None:
    """A standard of a per-unit level, seen from the college: the mean over the units (as
    :func:`units_level_node`), or None when it is scored college-wide."""
    per_unit = [n for u in _scored_units(assessment, located.item.level) for n in u.standards
                if n.id == located.item.id]
    return _mean_node(per_unit, assessment.settings.bands) if per_unit else None


__all__ = ["WEAKEST", "Distribution", "UnitScore", "Weak", "distribution", "level_standards", "qc_ids",
           "score_unit", "units_level_node", "units_standard_node"]
