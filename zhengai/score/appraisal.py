"""The college's appraisal of class A and B tasks during the year (考核性诊断, ``zhengai assess``).

Every quarter (or month) the college appraises each department's class A (plan target)
and B (leadership) tasks of the cycle, cumulatively from January to the end of the
window; class C tasks are the department's own business (自我诊断) and are reported, not
scored.  A task is appraised once its time node is inside the window or earlier, or —
not yet due — once its one-page-plan row has planned months that ended by then:

| state      | when                                                        | points (default) |
|------------|-------------------------------------------------------------|------------------|
| on_time    | done, completed on or before its time node                  | 100              |
| late       | done, completed after its time node                         | 80               |
| overdue    | time node passed, not done                                  | 0                |
| behind     | not yet due, behind its one-page-plan row (the 进度落后 rule | 60               |
|            | of :func:`~zhengai.score.progress.row_schedule`: months     |                  |
|            | worked count as progress)                                    |                  |
| on_track   | not yet due, within the one-page plan's tolerance           | 100              |

Done and progress are read as they were at the window's end (:mod:`zhengai.score.progress`).

A department's score is the weighted mean of its tasks' points (``appraisal.weight_a`` and
``weight_b``); departments are ranked by score (equal scores share a rank).  The points
and weights are the college's (``zhengai.yaml`` ``appraisal``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from zhengai.load.repository import Located, Repository, RepositoryError
from zhengai.models.config import Appraisal as Rules
from zhengai.models.config import Department
from zhengai.models.periods import PeriodError, parse_period
from zhengai.numfmt import half_up
from zhengai.score.alerts import TOLERANCE_EPSILON
from zhengai.score.assessment import assess, task_due
from zhengai.score.diagnosis import department_scope
from zhengai.score.progress import RowSchedule, progress_at, scheduled_rows

STATE_NAMES = {"on_time": "按期完成", "late": "延期完成", "overdue": "逾期未完成", "behind": "进度落后",
               "on_track": "按计划推进"}


@dataclass(frozen=True)
class Window:
    """The appraisal window: a quarter or a month of one year."""

    label: str
    start: dt.date
    end: dt.date

    @property
    def name(self) -> str:
        """``2026年第三季度`` or ``2026年10月``."""
        if self.end.month - self.start.month == 2:
            return f"{self.start.year}年第{'一二三四'[(self.start.month - 1) // 3]}季度"
        return f"{self.start.year}年{self.start.month}月"


def parse_window(text: str) -> Window:
    """``2026Q3`` or ``2026-10`` → its window; :class:`RepositoryError` (Chinese) otherwise."""
    try:
        period = parse_period(text)
    except PeriodError:
        period = None
    if period is None or period.kind not in ("quarter", "month"):
        raise RepositoryError(f"考核期间“{text}”无法识别：季度写 2026Q3，月份写 2026-10。")
    return Window(period.label, period.start, period.end)


@dataclass(frozen=True)
class TaskAppraisal:
    """One appraised task."""

    id: str
    title: str
    cls: str
    due: dt.date | None
    state: str
    points: float
    progress: float
    expected: float | None
    """The one-page plan's share of planned months ended by the window's end, when it has a row."""
    cite: str

    @property
    def state_name(self) -> str:
        """按期完成 …"""
        return STATE_NAMES[self.state]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"id": self.id, "title": self.title, "class": self.cls,
                "due": self.due.isoformat() if self.due else None, "state": self.state,
                "state_name": self.state_name, "points": self.points, "progress": self.progress,
                "expected": None if self.expected is None else half_up(self.expected, 4), "source": self.cite}


@dataclass
class DepartmentAppraisal:
    """One department's appraisal: its A and B tasks scored, its C tasks counted."""

    dept: Department
    tasks: list[TaskAppraisal]
    score: float | None
    c_due: int
    c_done: int
    rank: int | None = None

    def count(self, state: str) -> int:
        """Appraised tasks in ``state``."""
        return sum(1 for t in self.tasks if t.state == state)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"department": {"id": self.dept.id, "name": self.dept.name}, "rank": self.rank,
                "score": None if self.score is None else half_up(self.score, 2),
                "counts": {s: self.count(s) for s in STATE_NAMES},
                "self_diagnosis": {"due": self.c_due, "done": self.c_done},
                "tasks": [t.to_dict() for t in self.tasks]}


@dataclass
class AppraisalResult:
    """Every department's appraisal in one window, ranked."""

    window: Window
    rules: Rules
    departments: list[DepartmentAppraisal] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"window": {"label": self.window.label, "start": self.window.start.isoformat(),
                           "end": self.window.end.isoformat()},
                "rules": self.rules.model_dump(), "departments": [d.to_dict() for d in self.departments]}


def _planned(repo: Repository, oppm_ids: list[str], as_of: dt.date) -> dict[str, RowSchedule]:
    """Key task id → its one-page-plan row's schedule on ``as_of`` (:func:`~zhengai.score.progress.scheduled_rows`)."""
    found: dict[str, RowSchedule] = {}
    for _, _, row, schedule in scheduled_rows(repo, oppm_ids, as_of):
        if row.task:
            found.setdefault(row.task, schedule)
    return found


def _appraise_task(located: Located[Any], as_of: dt.date, rules: Rules, tolerance: float,
                   planned: dict[str, RowSchedule]) -> TaskAppraisal | None:
    task = located.item
    due = task_due(located, as_of)
    status = task.status
    row = planned.get(task.id)
    expected = row.expected if row else None
    if status.state == "dropped":
        return None
    # a window appraised after the fact: a task completed after the window's end was not done then
    done = status.state == "done" and (status.completed is None or status.completed <= as_of)
    if done:
        late = due is not None and status.completed is not None and status.completed > due
        state = "late" if late else "on_time"
    elif due is not None and due <= as_of:
        state = "overdue"
    elif row is not None and row.expected > 0:
        # judged like the 进度落后 warning: the months worked (●) count as progress
        state = "behind" if row.behind(tolerance, TOLERANCE_EPSILON) else "on_track"
    else:
        return None  # not due, nothing planned yet: appraised in a later window
    points = float(getattr(rules, state))
    progress = 1.0 if done else progress_at(task, as_of)
    return TaskAppraisal(task.id, task.title, task.class_, due, state, points, progress, expected, located.cite())


def appraise(repo: Repository, window: Window) -> AppraisalResult:
    """Appraise every department's A and B tasks of the window's year up to its end."""
    if repo.config is None:
        raise RepositoryError("考核需要仓库根目录的 zhengai.yaml。")
    rules = repo.config.appraisal
    as_of = window.end
    assessment = assess(repo, as_of, as_of.year)
    tolerance = assessment.settings.schedule_tolerance
    weights = {"A": rules.weight_a, "B": rules.weight_b}
    result = AppraisalResult(window, rules)
    for dept in repo.departments:
        scope = department_scope(repo, dept)
        planned = _planned(repo, scope.oppms, as_of)
        tasks: list[TaskAppraisal] = []
        c_due = c_done = 0
        for ident in scope.tasks:
            located = repo.tasks[ident]
            if not assessment.in_cycle(located):
                continue
            if located.item.class_ == "C":
                due = task_due(located, as_of)
                if due is not None and due <= as_of and located.item.status.state != "dropped":
                    c_due += 1
                    c_done += located.item.status.state == "done"
                continue
            appraised = _appraise_task(located, as_of, rules, tolerance, planned)
            if appraised is not None:
                tasks.append(appraised)
        weight = sum(weights[t.cls] for t in tasks)
        score = sum(weights[t.cls] * t.points for t in tasks) / weight if weight else None
        result.departments.append(DepartmentAppraisal(dept, tasks, score, c_due, c_done))
    _rank(result.departments)
    return result


def _rank(departments: list[DepartmentAppraisal]) -> None:
    """Order by score, highest first (unscored last); equal scores (to 0.01) share a rank."""
    departments.sort(key=lambda d: (d.score is None, -(d.score or 0.0), d.dept.id))
    previous: float | None = None
    rank = 0
    for i, dept in enumerate(departments, 1):
        if dept.score is None:
            break
        shown = half_up(dept.score, 2)
        if shown != previous:
            rank, previous = i, shown
        dept.rank = rank


__all__ = ["STATE_NAMES", "AppraisalResult", "DepartmentAppraisal", "TaskAppraisal", "Window", "appraise",
           "parse_window"]
