"""Early warnings (预警) at an as-of date, each with a level and the responsible unit.

| kind          | when                                                              | level        |
|---------------|-------------------------------------------------------------------|--------------|
| overdue       | a task's time node has passed and it is not done                  | red          |
| overdue       | not yet due, but its indicator levels' time nodes passed show it  | red          |
|               | behind: share of dated levels passed − progress > tolerance        |              |
| behind        | a one-page-plan row's progress (or share of months worked, ●)     | yellow       |
|               | < planned share − tolerance                                        |              |
| below         | an indicator / QC point scores in the yellow or red band          | yellow / red |
| missing       | no observation for an ended period (none at all: once one ended)  | yellow       |
| control       | the latest value is outside mean ± 3σ of ≥ 3 earlier values       | yellow       |
| improvement   | an improvement measure's time node has passed and it is not done  | red          |
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from zhengai.load.repository import Located, Repository
from zhengai.models.config import Band
from zhengai.models.periods import FREQUENCY_KIND, expected_periods
from zhengai.models.timeexpr import TimeParseError, parse_time
from zhengai.numfmt import fixed, percent
from zhengai.score.assessment import Assessment, Measure, task_due
from zhengai.score.progress import done_by, progress_at, scheduled_rows

KIND_NAMES = {
    "overdue": "逾期未完成",
    "behind": "进度落后",
    "below": "指标未达标",
    "missing": "数据缺失",
    "control": "超出控制限",
    "improvement": "改进措施逾期",
}
LEVEL_NAMES = {"red": "红色", "yellow": "黄色"}
TOLERANCE_EPSILON = 1e-9
"""Slack when comparing shares against a tolerance (the bands use the same idea)."""


@dataclass(frozen=True)
class Alert:
    """One early warning."""

    kind: str
    level: str
    unit: str
    subject: str
    message: str
    cite: str
    task: str = field(default="", compare=False)
    """The key task (年度重点任务) the warning is about: an overdue task's id, or the task a
    one-page-plan row carries out (else that row, ``<plan>/<no>``); empty for other kinds.
    Not part of equality, so two warnings that read the same stay one.  Reports that count
    *tasks* behind or overdue count distinct values of it: a one-page-plan row and its key
    task are the same work."""

    @property
    def kind_name(self) -> str:
        """Chinese name of the kind."""
        return KIND_NAMES[self.kind]

    @property
    def level_name(self) -> str:
        """Chinese name of the level (红色/黄色)."""
        return LEVEL_NAMES[self.level]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"kind": self.kind, "level": self.level, "unit": self.unit, "subject": self.subject,
                "message": self.message, "source": self.cite}


class AlertCounts:
    """The red and yellow counts of a result that holds its ``alerts`` (a department's or a teacher's diagnosis)."""

    alerts: list[Alert]

    @property
    def red(self) -> int:
        """Number of red warnings."""
        return sum(1 for a in self.alerts if a.level == "red")

    @property
    def yellow(self) -> int:
        """Number of yellow warnings."""
        return sum(1 for a in self.alerts if a.level == "yellow")


def warns(band: Band | None) -> TypeGuard[Band]:
    """Whether a score in ``band`` is a warning: a yellow or red band (green and unscored are not)."""
    return band is not None and band.color != "green"


def overdue(unit: str, subject: str, due: dt.date, work: str, progress: float, cite: str, task: str = "") -> Alert:
    """The red warning for ``work`` (任务, 目标) whose time node ``due`` has passed and which is not done."""
    return Alert("overdue", "red", unit, subject, f"时间节点 {due.isoformat()} 已过，{work}未完成（进度 {percent(progress, 0)}）。",
                 cite, task)


def responsible(m: Measure, unit: str) -> str:
    """责任单位 of a warning on a measure: every owning department when a college-wide QC point
    is shared (教务处、质量督导处), else the unit diagnosed."""
    if m.unit_id is None and len(m.owners) > 1:
        return "、".join(m.owners)
    return unit


def _unit(repo: Repository, owners: Iterable[str], fallback: str) -> str:
    for owner in owners:
        dept = repo.department(owner)
        if dept is not None:
            return dept.name
    return fallback


def overdue_tasks(assessment: Assessment, task_ids: Iterable[str], unit: str) -> Iterator[Alert]:
    """This cycle's tasks whose time node has passed and which are not done → red
    (an earlier year's unfinished task warns only once carried over into this year).

    A task not yet due warns once — however many of its indicator levels are late — when
    the time nodes of its levels (一级/二级/三级指标) that have passed are ahead of its
    progress by more than the schedule tolerance (:func:`level_nodes_behind`).  Done and
    progress are read as they were on the as-of date (:mod:`zhengai.score.progress`).
    """
    repo, as_of = assessment.repo, assessment.as_of
    tolerance = assessment.settings.schedule_tolerance
    for ident in task_ids:
        located = repo.tasks[ident]
        task = located.item
        if task.status.state == "dropped" or done_by(task, as_of) or not assessment.in_cycle(located):
            continue
        progress = progress_at(task, as_of)
        due = task_due(located, as_of)
        if due is not None and due < as_of:
            yield overdue(_unit(repo, task.owner, unit), f"{task.id} {task.title}", due, "任务", progress,
                          located.cite(), task.id)
            continue
        late = level_nodes_behind(located, as_of, progress, tolerance)
        if late is not None:
            passed, dated, node = late
            yield Alert("overdue", "red", _unit(repo, task.owner, unit), f"{task.id} {task.title}",
                        f"指标时间节点 {node.isoformat()} 已过（有时间节点的指标 {dated} 个、已过 {passed} 个，应完成 "
                        f"{percent(passed / dated, 0)}），任务进度 {percent(progress, 0)}，落后超过容差 "
                        f"{percent(tolerance, 0)}。", located.cite(), task.id)


def level_nodes_behind(located: Located[Any], as_of: dt.date, progress: float,
                       tolerance: float) -> tuple[int, int, dt.date] | None:
    """(passed, dated, latest passed node) when the task's indicator levels' time nodes say it is late.

    Each level with a readable time node is an equal share of the task: with ``passed`` of
    ``dated`` nodes before the as-of date, the task should be ``passed / dated`` done; it is
    late when that share − progress > tolerance (the one-page plan's rule).  None otherwise.
    """
    year = getattr(located.file.model, "year", None)
    nodes: list[dt.date] = []
    for level in located.item.levels:
        if not level.time_node:
            continue
        try:
            expr = parse_time(level.time_node, default_year=year)
        except TimeParseError:
            continue
        if expr.recurring and year is not None:
            dates = expr.due_dates(year, year)
            node = dates[-1] if dates else None
        else:
            node = expr.last_due(as_of) or expr.next_due(as_of)
        if node is not None:
            nodes.append(node)
    passed = sorted(d for d in nodes if d < as_of)
    if not passed or len(passed) / len(nodes) - progress <= tolerance + TOLERANCE_EPSILON:
        return None
    return len(passed), len(nodes), passed[-1]


def behind_schedule(assessment: Assessment, oppm_ids: Iterable[str], unit: str) -> Iterator[Alert]:
    """One-page-plan rows behind the share of planned months already past → yellow.

    A row is judged on the larger of its progress and the share of its planned months
    actually worked (``schedule.actual``), read as on the as-of date
    (:func:`zhengai.score.progress.row_schedule`): a row whose planned months were all worked
    is not behind.
    """
    repo, as_of = assessment.repo, assessment.as_of
    tolerance = assessment.settings.schedule_tolerance
    for located, i, task, row in scheduled_rows(repo, oppm_ids, as_of):
        plan = located.item
        # the shares are decimals written by people: 20% planned − 5% done is 15%, which is
        # not "more than" a 15% tolerance, whatever 0.2 − 0.05 is in binary
        if row.behind(tolerance, TOLERANCE_EPSILON):
            cite = f"{located.file.rel}:{located.file.position(f'/tasks/{i}').line}"
            yield Alert("behind", "yellow", _unit(repo, task.owner, unit),
                        f"{plan.id} {task.no} {task.title}",
                        f"按计划应完成 {percent(row.expected, 0)}（已过 {row.past}/{row.planned} 个计划月），"
                        f"实际进度 {percent(row.progress, 0)}、已实施 {row.worked} 个月，"
                        f"落后超过容差 {percent(tolerance, 0)}。", cite,
                        task.task or f"{plan.id}/{task.no}")


def below_band(measures: Iterable[Measure], unit: str) -> Iterator[Alert]:
    """Measures in the yellow or red band → a warning of that colour."""
    for m in measures:
        if not warns(m.band):
            continue
        shown = f"{m.actual:g}{m.unit or ''}" if isinstance(m.actual, float) else str(m.actual)
        target = f"，目标 {m.target:g}{m.unit or ''}" if m.target is not None and m.judged == "quantitative" else ""
        yield Alert("below", m.band.color, responsible(m, unit), f"{m.id} {m.name}",
                    f"{m.period} 实际 {shown}{target}，得分 {fixed(m.score)}，属“{m.band.name}”。",
                    m.obs_cite or m.cite)


def missing_data(assessment: Assessment, measures: Iterable[Measure], unit: str) -> Iterator[Alert]:
    """No observation at all, or none for an ended period since tracking began → yellow."""
    as_of = assessment.as_of
    config = assessment.repo.config
    plan_start = dt.date(config.period.start, 1, 1) if config else as_of
    # only this cycle's periods are asked for: last year's gaps were last year's warnings
    cycle_start = max(plan_start, dt.date(assessment.year, 1, 1))
    cycle_end = min(as_of, dt.date(assessment.year + 1, 1, 1))  # a period is due once it has ended
    for m in measures:
        if not m.history:
            # only once a whole period of its frequency has ended inside the plan period
            if expected_periods(m.frequency, cycle_start, cycle_end):
                yield Alert("missing", "yellow", responsible(m, unit), f"{m.id} {m.name}", "截至诊断日尚无任何观测数据。",
                            m.cite)
            continue
        kind = FREQUENCY_KIND[m.frequency]
        same = [p for p in m.history if p.period.kind == kind]
        if not same:
            continue
        first = max(same[0].period.start, cycle_start)
        gaps = [
            (start, end) for start, end in expected_periods(m.frequency, first, cycle_end)
            if not any(p.period.start >= start and p.period.end <= end for p in m.history)
        ]
        if gaps:
            shown = "、".join(_label(m.frequency, start) for start, _ in gaps)
            yield Alert("missing", "yellow", responsible(m, unit), f"{m.id} {m.name}", f"缺少以下期间的观测数据：{shown}。",
                        m.cite)


def _label(frequency: str, start: dt.date) -> str:
    if frequency == "monthly":
        return f"{start.year}-{start.month:02d}"
    if frequency == "quarterly":
        return f"{start.year}Q{(start.month - 1) // 3 + 1}"
    if frequency == "semester":
        return f"{start.year}H{1 if start.month < 7 else 2}"
    return str(start.year)


def out_of_control(measures: Iterable[Measure], unit: str) -> Iterator[Alert]:
    """Latest value outside mean ± 3σ of at least three earlier values → yellow."""
    for m in measures:
        values = [p.value for p in m.history if p.value is not None]
        if len(values) < 4:
            continue
        *earlier, latest = values
        mean = statistics.fmean(earlier)
        sigma = statistics.stdev(earlier)
        low, high = mean - 3 * sigma, mean + 3 * sigma
        if not low <= latest <= high:
            yield Alert("control", "yellow", responsible(m, unit), f"{m.id} {m.name}",
                        f"{m.history[-1].period.label} 的值 {latest:g} 超出历史控制限 "
                        f"[{fixed(low)}, {fixed(high)}]（均值 {fixed(mean)} ± 3σ，σ = {fixed(sigma)}，{len(earlier)} 期）。",
                        m.history[-1].cite)


def overdue_improvements(assessment: Assessment, improvement_ids: Iterable[str], unit: str) -> Iterator[Alert]:
    """Improvement measures past their time node and not done → red."""
    repo, as_of = assessment.repo, assessment.as_of
    for ident in improvement_ids:
        located: Located[Any] = repo.improvements[ident]
        item = located.item
        if item.status in ("done", "dropped"):
            continue
        try:
            due = parse_time(item.time_node).last_due(as_of)
        except TimeParseError:
            continue
        if due is not None and due < as_of:
            yield Alert("improvement", "red", _unit(repo, item.owner, unit), f"{item.id} {item.problem}",
                        f"改进措施“{item.measure}”的时间节点 {due.isoformat()} 已过，仍未完成。", located.cite())
