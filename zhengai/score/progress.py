"""Where a task or a one-page-plan row stood on a given day.

A task's ``status`` is where it stands *now*; its dated ``updates`` are how it got there.
A report for an earlier day (a monthly report for October made in December, an appraisal
of the third quarter) reads the task as it was then:

- **done by D** — the state is ``done`` and the completion date, when given, is on or
  before D;
- **progress at D** — 1 when done by D; else, when the status is newer than D (an update
  dated after D, or a completion after D), the latest update on or before D (0 without
  one); else the status's own progress.

A one-page-plan row is behind schedule by the rule in :func:`row_schedule` (the README's
formulas give it too): the months actually worked (``schedule.actual``, the ● marks) count
as progress, so a row whose planned months were all worked is never behind.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from zhengai.models.oppm import OppmTask
from zhengai.models.tasks import KeyTask

if TYPE_CHECKING:
    from zhengai.load.repository import Repository


def month_end(year: int, month: int) -> dt.date:
    """The last day of ``month`` of ``year`` (months past 12 or below 1 roll into the next or previous year)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def done_by(task: KeyTask, day: dt.date) -> bool:
    """Whether the task was done on ``day`` (completed on or before it; a done task without a date counts)."""
    status = task.status
    return status.state == "done" and (status.completed is None or status.completed <= day)


def newer_than(task: KeyTask, day: dt.date) -> bool:
    """Whether the task's status says more than was known on ``day`` (an update or completion after it)."""
    status = task.status
    return any(u.date > day for u in status.updates) or (status.completed is not None and status.completed > day)


def progress_at(task: KeyTask, day: dt.date) -> float:
    """The task's progress (0–1) on ``day`` (see the module docstring)."""
    if done_by(task, day):
        return 1.0
    if not newer_than(task, day):
        return float(task.status.progress)
    known = [u for u in task.status.updates if u.date <= day]
    return float(max(known, key=lambda u: u.date).progress) if known else 0.0


def state_at(task: KeyTask, day: dt.date) -> tuple[str, float]:
    """(state, progress) of the task as it stood on ``day``: the recorded ones, unless the status
    says more than was known then (a later update or completion), in which case done only if
    completed by ``day``, in progress when some progress was reported by then, else not started."""
    status = task.status
    if not newer_than(task, day) or status.state == "dropped":
        return status.state, 1.0 if status.state == "done" else float(status.progress)
    progress = progress_at(task, day)
    if done_by(task, day):
        return "done", 1.0
    return ("in_progress" if progress > 0 else "not_started"), progress


def updated_in(task: KeyTask, start: dt.date, end: dt.date) -> bool:
    """Whether the task has a progress update dated from ``start`` to ``end`` (both included)."""
    return any(start <= u.date <= end for u in task.status.updates) or (
        task.status.completed is not None and start <= task.status.completed <= end)


@dataclass(frozen=True)
class RowSchedule:
    """A one-page-plan row against its schedule on one day."""

    planned: int
    """Planned months (● of 计划)."""
    past: int
    """Planned months ended by the day."""
    worked: int
    """Months actually worked by the day (● of 实际, the month of the day included), at most ``planned``."""
    progress: float
    """The row's reported progress on the day."""

    @property
    def expected(self) -> float:
        """Share of the planned months already ended: where the plan says the row should be."""
        return self.past / self.planned if self.planned else 0.0

    @property
    def worked_share(self) -> float:
        """Share of the planned months worked."""
        return self.worked / self.planned if self.planned else 0.0

    @property
    def effective(self) -> float:
        """The progress the schedule is judged on: the larger of the reported progress and the share worked."""
        return max(self.progress, self.worked_share)

    def behind(self, tolerance: float, epsilon: float = 1e-9) -> bool:
        """Behind schedule: expected − effective progress > tolerance (the slack absorbs binary decimals)."""
        return self.planned > 0 and self.expected - self.effective > tolerance + epsilon


def row_schedule(row: OppmTask, year: int, day: dt.date, task: KeyTask | None = None) -> RowSchedule:
    """Where the one-page-plan ``row`` of a ``year`` plan stood on ``day``.

    Its progress is the row's own, unless the key task it carries out (``task``) has a status
    newer than the day: then the task's progress on the day (:func:`progress_at`).  A worked
    month counts once it has begun (a ● for the current month is work done); a month worked
    outside the plan counts too (work that slipped and caught up), capped at the months planned.
    """
    planned = row.schedule.planned
    if year < day.year:
        past, begun = len(planned), 12
    elif year > day.year:
        past, begun = 0, 0
    else:
        past, begun = sum(1 for m in planned if month_end(year, m) <= day), day.month
    worked = min(len(planned), sum(1 for m in row.schedule.actual if m <= begun))
    progress = progress_at(task, day) if task is not None and newer_than(task, day) else float(row.progress)
    return RowSchedule(len(planned), past, worked, progress)


def scheduled_rows(repo: Repository, oppm_ids: Iterable[str], day: dt.date, year: int | None = None,
                   ) -> Iterator[tuple[Any, int, OppmTask, RowSchedule]]:
    """(located plan, row index, row, where it stood on ``day``) of every row with planned months in
    the one-page plans ``oppm_ids`` of ``year`` (default: every year up to ``day``'s), each row's
    progress read with the key task it carries out (:func:`row_schedule`)."""
    for ident in oppm_ids:
        located = repo.oppms[ident]
        plan = located.item
        if plan.year > day.year if year is None else plan.year != year:
            continue
        for i, row in enumerate(plan.tasks):
            if not row.schedule.planned:
                continue
            key = repo.tasks.get(row.task or "")
            yield located, i, row, row_schedule(row, plan.year, day, key.item if key is not None else None)


__all__ = ["RowSchedule", "done_by", "month_end", "newer_than", "progress_at", "row_schedule", "scheduled_rows",
           "state_at", "updated_in"]
