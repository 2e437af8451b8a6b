"""Attainment over a repository at an as-of date: measures, roll-ups, completion.

A *measure* is a QC point or an indicator with its latest observation and score.
Roll-ups follow the two chains: QC point → standard → dimension → level, and
indicator → task → target (child targets count toward their parent).

Every assessment is of one cycle (诊改年度, the as-of date's year unless given): a
measure is scored on that year's observations only — an earlier year's value is its
history and its 上年 value, never this year's score — and completion and warnings
count that year's tasks (a task carried over from an earlier year says so with
``carried_from``).  Observations that name a unit (``unit: "460301"``) form that
unit's own series; :meth:`Assessment.measure` scores a QC point or indicator for one
unit, and the standards of a level are rolled up per unit (:mod:`zhengai.score.units`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from zhengai.load.repository import Located, Repository
from zhengai.load.units import owner_unit
from zhengai.models.common import Indicator
from zhengai.models.config import Band, Scoring
from zhengai.models.periods import Period, PeriodError, expected_periods, parse_period
from zhengai.models.records import Observation
from zhengai.models.standards import QCPoint, Standard
from zhengai.models.timeexpr import TimeParseError, parse_time
from zhengai.score import scoring


@dataclass(frozen=True)
class Point:
    """One observation placed in time."""

    period: Period
    value: float | None
    conformity: str | None
    cite: str


@dataclass
class Measure:
    """A QC point or indicator with its latest value and score."""

    id: str
    name: str
    kind: str  # "qc" or "indicator"
    judged: str  # "quantitative" or "qualitative"
    unit: str | None
    direction: str
    baseline: float | None
    target: float | None
    frequency: str
    cite: str
    actual: float | str | None = None
    period: str | None = None
    obs_cite: str | None = None
    score: float | None = None
    method: str | None = None
    band: Band | None = None
    history: list[Point] = field(default_factory=list)
    floor: float | None = None
    year: int | None = None
    """The cycle the score belongs to."""
    status: str | None = None
    """Why there is no score: 未到期 (no period of the cycle has ended yet) or 尚无数据."""
    provisional: bool = False
    """The scored value's period has not ended at the as-of date (a mid-year value)."""
    last: Point | None = None
    """The latest value of the year before the cycle (上年)."""
    unit_id: str | None = None
    """The unit whose series this is; None for the college-wide (or department) series."""
    owners: tuple[str, ...] = ()
    """The names of the departments responsible (a QC point's owners, an indicator's target's or task's)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "judged": self.judged, "unit": self.unit,
            "direction": self.direction, "baseline": self.baseline, "target": self.target,
            "actual": self.actual, "period": self.period, "score": _round(self.score), "method": self.method,
            "band": self.band.name if self.band else None, "color": self.band.color if self.band else None,
            "source": self.obs_cite or self.cite, "year": self.year, "status": self.status,
            "provisional": self.provisional, "unit_id": self.unit_id,
            "last": None if self.last is None else {
                "period": self.last.period.label,
                "value": self.last.value if self.last.value is not None else self.last.conformity},
        }


@dataclass
class Node:
    """A roll-up: standard item, dimension, standard, level, task or target."""

    id: str
    name: str
    kind: str
    rollup: scoring.Rollup
    band: Band | None
    cite: str
    children: list[Node] = field(default_factory=list)

    @property
    def score(self) -> float | None:
        """The rolled-up score."""
        return self.rollup.score

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (children nested)."""
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "score": _round(self.score),
            "scored": self.rollup.scored, "total": self.rollup.total,
            "coverage": round(self.rollup.coverage, 4), "low_coverage": self.rollup.low_coverage,
            "band": self.band.name if self.band else None, "color": self.band.color if self.band else None,
            "source": self.cite, "children": [c.to_dict() for c in self.children],
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


# ----------------------------------------------------------------- observations
def observation_series(repo: Repository, as_of: dt.date) -> dict[str, list[Point]]:
    """College-wide observations (those naming no unit) per ref known at ``as_of``, oldest first."""
    return all_series(repo, as_of).get(None, {})


def all_series(repo: Repository, as_of: dt.date) -> dict[str | None, dict[str, list[Point]]]:
    """Observations known at ``as_of``: unit (None for none) → ref → points, oldest first.

    An observation counts when its ``date`` (if given) is not after ``as_of``, else
    when its period has started by then.  Unreadable periods are skipped here; the
    SMART/period rules report them.
    """
    series: dict[str | None, dict[str, list[Point]]] = {}
    for located in repo.observations:
        obs: Observation = located.item
        try:
            period = parse_period(obs.period)
        except PeriodError:
            continue
        known = obs.date <= as_of if obs.date else period.start <= as_of
        if not known:
            continue
        point = Point(period, obs.value, obs.conformity, located.cite())
        series.setdefault(obs.unit, {}).setdefault(obs.ref, []).append(point)
    for by_ref in series.values():
        for points in by_ref.values():
            points.sort(key=lambda p: (p.period.end, p.period.start))
    return series


NOT_DUE = "未到期"
NO_DATA = "尚无数据"


def _measure_from(
    ident: str, name: str, kind: str, source: QCPoint | Indicator, cite: str, points: list[Point],
    settings: Scoring, year: int, as_of: dt.date, unit_id: str | None = None,
) -> Measure:
    """Score the latest point of cycle ``year`` (a period ending in that year); earlier
    points stay in the history (control limits, 上年) and are never scored as this year's."""
    judged = getattr(source, "kind", "quantitative")
    direction = source.direction.value if source.direction else "up"
    target = source.target if source.target is not None else source.threshold
    floor = source.threshold
    frequency = getattr(source, "frequency", "yearly")
    measure = Measure(
        ident, name, kind, judged, source.unit, direction, source.baseline, target,
        frequency, cite, history=points, floor=floor, year=year, unit_id=unit_id,
    )
    last_year = [p for p in points if p.period.end.year == year - 1]
    measure.last = last_year[-1] if last_year else None
    scored = [p for p in points if p.period.end.year == year]
    if not scored:
        # 尚无数据 once a whole period of the item's frequency has ended inside the cycle
        measure.status = NO_DATA if expected_periods(frequency, dt.date(year, 1, 1), as_of) else NOT_DUE
        return measure
    latest = scored[-1]
    measure.period, measure.obs_cite = latest.period.label, latest.cite
    measure.provisional = latest.period.end > as_of
    if judged == "qualitative":
        measure.actual = latest.conformity
        scale = getattr(source, "scale", None) or settings.scale
        if latest.conformity is not None and (latest.conformity in scale or latest.conformity == scoring.NOT_RATED):
            measure.score = scoring.conformity(latest.conformity, scale)
            measure.method = "conformity"
    elif latest.value is not None and target is not None:
        measure.actual = latest.value
        # a five-year target is judged mid-plan against that year's milestone
        goal = source.milestones.get(latest.period.end.year, source.target)
        measure.target = goal if goal is not None else floor
        measure.score, measure.method = scoring.quantitative(
            latest.value, goal, baseline=source.baseline, direction=direction,
            method=settings.method, allow_over=settings.allow_over, floor=floor,
        )
    measure.band = scoring.band(measure.score, settings.bands)
    return measure


def owner_names(repo: Repository, owners: Iterable[str]) -> tuple[str, ...]:
    """Department names for owner words (ids, names, aliases), each once; unknown words as written."""
    names = []
    for owner in owners:
        dept = repo.department(owner)
        names.append(dept.name if dept else owner)
    return tuple(dict.fromkeys(names))


def cycle_year(located: Located[Any]) -> int | None:
    """The cycle a task (or any item of a yearly file) belongs to: its file's ``year``."""
    return getattr(located.file.model, "year", None)


# --------------------------------------------------------------------- assess
@dataclass
class Completion:
    """建设指标完成率: tasks due by the as-of date that are done, over those due."""

    due: int = 0
    done: int = 0
    by_class: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def rate(self) -> float | None:
        """done / due, None when nothing is due."""
        return self.done / self.due if self.due else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "due": self.due, "done": self.done, "rate": _round(self.rate),
            "by_class": {k: {"due": d, "done": n, "rate": _round(n / d if d else None)}
                         for k, (d, n) in sorted(self.by_class.items())},
        }


@dataclass
class Assessment:
    """Everything scored at one as-of date."""

    as_of: dt.date
    settings: Scoring
    measures: dict[str, Measure]
    series: dict[str, list[Point]]
    repo: Repository
    year: int = 0
    """The cycle (诊改年度); :func:`assess` sets it (the as-of year unless given)."""
    unit_series: dict[str, dict[str, list[Point]]] = field(default_factory=dict)
    """Unit id → ref → the unit's own points (observations with ``unit:``)."""
    _targets: dict[str, Node] = field(default_factory=dict)
    _children: dict[str, tuple[list[str], list[str]]] | None = None
    _unit_measures: dict[tuple[str, str], Measure] = field(default_factory=dict)
    unit_scores: dict[str, Any] = field(default_factory=dict)
    """Unit id → its :class:`zhengai.score.units.UnitScore`, filled as units are scored."""

    # ------------------------------------------------------------- cycles
    def in_cycle(self, located: Located[Any]) -> bool:
        """True for a task of this cycle's file (a file without a year belongs to every cycle)."""
        year = cycle_year(located)
        return year is None or year == self.year

    def counted(self, located: Located[Any]) -> bool:
        """True for a task that enters this cycle's completion rate: one of this cycle's,
        unless it was carried over (结转) and the college counts carried work elsewhere."""
        if not self.in_cycle(located):
            return False
        return located.item.carried_from is None or self.settings.count_carried

    # -------------------------------------------------------------- units
    @cached_property
    def unit_refs(self) -> frozenset[str]:
        """The refs some unit observes on its own (indexed once: asked per unit and measure)."""
        return frozenset(ref for refs in self.unit_series.values() for ref in refs)

    def measure(self, ident: str, unit: str | None = None) -> Measure:
        """The measure of a QC point or indicator: college-wide, or scored on one unit's series."""
        if unit is None:
            return self.measures[ident]
        key = (unit, ident)
        if key not in self._unit_measures:
            own = self.unit_series.get(unit, {})
            if ident in self.repo.qc_points:
                located: Located[Any] = self.repo.qc_points[ident]
                # a QC point no unit observes (a college total such as 技术服务到款额) is read
                # college-wide by every unit; one that units observe is each unit's own
                shared = ident not in self.unit_refs
                name, kind = located.item.name, "qc"
                points = self.series.get(ident, []) if shared else own.get(ident, [])
            else:
                located = self.repo.indicators[ident]
                name, kind = located.item.name, "indicator"
                # an indicator of the unit's own target reads its unit-less observations too
                mine = owner_unit(self.repo, self.repo.indicator_owner.get(ident, "")) == unit
                points = (own.get(ident) or (self.series.get(ident) if mine else None)
                          or own.get(located.item.qc_point or "", []))
            self._unit_measures[key] = _measure_from(ident, name, kind, located.item, located.cite(), points,
                                                     self.settings, self.year, self.as_of, unit)
        return self._unit_measures[key]

    def children(self, ident: str) -> tuple[list[str], list[str]]:
        """``(tasks, targets)`` whose parent is ``ident``: this cycle's tasks, all child targets
        (indexed once per assessment)."""
        if self._children is None:
            index: dict[str, tuple[list[str], list[str]]] = {}
            for task_id, loc in self.repo.tasks.items():
                if loc.item.parent and self.in_cycle(loc):
                    index.setdefault(loc.item.parent, ([], []))[0].append(task_id)
            for target_id, target_loc in self.repo.targets.items():
                if target_loc.item.parent:
                    index.setdefault(target_loc.item.parent, ([], []))[1].append(target_id)
            self._children = index
        return self._children.get(ident, ([], []))

    # ----------------------------------------------------------- standards
    def standard_node(self, located: Located[Standard], include: set[str] | None = None,
                      unit: str | None = None) -> Node | None:
        """Roll a standard up from its QC points (only ``include`` ones, when given), on the
        college-wide series or on one unit's."""
        std, file = located.item, located.file
        dims = []
        for d, dim in enumerate(std.dimensions):
            items = []
            for s, item in enumerate(dim.standards):
                points = [self._measure_node(q.id, q.weight, unit) for q in item.qc_points
                          if include is None or q.id in include]
                if points:
                    cite = f"{file.rel}:{file.position(f'/dimensions/{d}/standards/{s}').line}"
                    items.append(self._node(item.id, item.name, "standard_item", points, cite, item.weight))
            if items:
                cite = f"{file.rel}:{file.position(f'/dimensions/{d}').line}"
                dims.append(self._node(dim.id, dim.name, "dimension", items, cite, dim.weight))
        if not dims:
            return None
        return self._node(std.id, std.title, "standard", dims, located.cite(), 1.0)[0]

    def _measure_node(self, ident: str, weight: float, unit: str | None = None) -> tuple[Node, float]:
        m = self.measure(ident, unit)
        rollup = scoring.Rollup(m.score, 1 if m.score is not None else 0, 1)
        return Node(m.id, m.name, m.kind, rollup, m.band, m.obs_cite or m.cite), weight

    def _node(self, ident: str, name: str, kind: str, parts: list[tuple[Node, float]], cite: str,
              weight: float) -> tuple[Node, float]:
        rollup = self._combine(parts)
        node = Node(ident, name, kind, rollup, scoring.band(rollup.score, self.settings.bands), cite,
                    [n for n, _ in parts])
        return node, weight

    @staticmethod
    def _combine(parts: Iterable[tuple[Node, float]]) -> scoring.Rollup:
        """Weighted mean of child scores; coverage counts the leaves (QC points, indicators)."""
        parts = list(parts)
        mean = scoring.weighted_mean((n.score, w) for n, w in parts)
        scored = sum(n.rollup.scored for n, _ in parts)
        total = sum(n.rollup.total for n, _ in parts)
        return scoring.Rollup(mean.score, scored, total)

    def level_nodes(self, include: set[str] | None = None) -> list[Node]:
        """One node per configured level with the standards of that level rolled together."""
        levels = self.repo.config.levels if self.repo.config else []
        out = []
        for level in levels:
            parts = []
            for located in self.repo.standards.values():
                if located.item.level == level.id:
                    node = self.standard_node(located, include)
                    if node is not None:
                        parts.append((node, 1.0))
            if parts:
                cite = "、".join(n.cite for n, _ in parts)
                out.append(self._node(level.id, level.name, "level", parts, cite, 1.0)[0])
        return out

    # ------------------------------------------------------- target chain
    def task_node(self, ident: str) -> Node:
        """A task: its indicators' scores, else done = 1, due = its progress, not yet due or dropped = missing."""
        located = self.repo.tasks[ident]
        task = located.item
        parts = [self._measure_node(self._indicator_id(ident, i, ind), ind.weight)
                 for i, ind in enumerate(task.indicators)]
        due = task_due(located, self.as_of)
        if any(n.score is not None for n, _ in parts):
            rollup = self._combine(parts)
        elif task.status.state == "done":
            rollup = scoring.Rollup(1.0, 1, 1)
        elif task.status.state == "dropped" or due is None or due > self.as_of:
            rollup = scoring.Rollup(None, 0, 1)  # not yet due: not yet assessable
        else:
            rollup = scoring.Rollup(task.status.progress, 1, 1)
        return Node(task.id, task.title, "task", rollup, scoring.band(rollup.score, self.settings.bands),
                    located.cite(), [n for n, _ in parts])

    def _indicator_id(self, owner: str, index: int, ind: Indicator) -> str:
        return ind.id or f"{owner}-I{index + 1}"

    def target_node(self, ident: str, _seen: frozenset[str] = frozenset()) -> Node:
        """A target: its indicators, the tasks under it and its child targets."""
        if ident in self._targets:
            return self._targets[ident]
        located = self.repo.targets[ident]
        target = located.item
        seen = _seen | {ident}
        parts = [self._measure_node(self._indicator_id(ident, i, ind), ind.weight)
                 for i, ind in enumerate(target.indicators)]
        tasks, targets = self.children(ident)
        parts += [(self.task_node(t), 1.0) for t in tasks]
        parts += [(self.target_node(c, seen), 1.0) for c in targets if c not in seen]
        rollup = self._combine(parts) if parts else scoring.Rollup(None, 0, 0)
        node = Node(ident, target.title or target.statement, "target", rollup,
                    scoring.band(rollup.score, self.settings.bands), located.cite(), [n for n, _ in parts])
        self._targets[ident] = node
        return node

    # ----------------------------------------------------------- completion
    def completion(self, task_ids: Iterable[str]) -> Completion:
        """Completion rate over the given tasks, overall and per class A/B/C."""
        result = Completion()
        for ident in task_ids:
            located = self.repo.tasks[ident]
            task = located.item
            if not self.counted(located):
                continue
            due = task_due(located, self.as_of)
            if due is None or due > self.as_of or task.status.state == "dropped":
                continue
            # a report for an earlier day does not count work completed after it
            done = task.status.state == "done" and (task.status.completed is None
                                                     or task.status.completed <= self.as_of)
            result.due += 1
            result.done += done
            d, n = result.by_class.get(task.class_, (0, 0))
            result.by_class[task.class_] = (d + 1, n + done)
        return result


def task_due(located: Located[Any], as_of: dt.date) -> dt.date | None:
    """The task's due date that matters at ``as_of``: the last one passed, else the next."""
    task = located.item
    year = getattr(located.file.model, "year", None)
    texts = [task.deadline] if task.deadline else [lv.time_node for lv in task.levels if lv.time_node][-1:]
    for text in texts:
        try:
            expr = parse_time(text, default_year=year)
        except TimeParseError:
            return None
        if expr.recurring and year is not None:
            dates = expr.due_dates(year, year)
            return dates[-1] if dates else None
        return expr.last_due(as_of) or expr.next_due(as_of)
    return None


def assess(repo: Repository, as_of: dt.date, year: int | None = None) -> Assessment:
    """Score every QC point and indicator of the repository at ``as_of`` for cycle ``year``
    (default: the as-of date's year)."""
    settings = repo.config.scoring if repo.config else Scoring()
    cycle = as_of.year if year is None else year
    by_unit = all_series(repo, as_of)
    series = by_unit.pop(None, {})
    unit_series = {u: refs for u, refs in by_unit.items() if u is not None}
    measures: dict[str, Measure] = {}
    for ident, located in repo.qc_points.items():
        point = located.item
        measures[ident] = _measure_from(ident, point.name, "qc", point, located.cite(), series.get(ident, []),
                                        settings, cycle, as_of)
        measures[ident].owners = owner_names(repo, point.owner)
    assessment = Assessment(as_of, settings, measures, series, repo, cycle, unit_series)
    for ident, ind_loc in repo.indicators.items():
        ind = ind_loc.item
        unit = owner_unit(repo, repo.indicator_owner.get(ident, ""))
        if unit is not None:  # a program's or course's indicator is read on that unit's series
            measures[ident] = assessment.measure(ident, unit)
            continue
        # an indicator tied to a QC point shares its observations unless it has its own
        points = series.get(ident) or series.get(ind.qc_point or "", [])
        measures[ident] = _measure_from(ident, ind.name, "indicator", ind, ind_loc.cite(), points, settings,
                                        cycle, as_of)
        holder: Located[Any] | None = repo.targets.get(repo.indicator_owner.get(ident, "")) or repo.tasks.get(
            repo.indicator_owner.get(ident, ""))
        measures[ident].owners = owner_names(repo, holder.item.owner if holder else [])
    return assessment
