"""Where the college stands in its calendar of 诊改 (``zhengai status``).

The year's milestones come from ``zhengai.yaml`` ``calendar`` (defaults in brackets); each
is due at the end of its month of the as-of date's year, and is checked per department:

| milestone     | month (default)            | a department is missing it when                                    |
|---------------|----------------------------|--------------------------------------------------------------------|
| decomposition | ``decomposition`` (1)      | it has no task of the year                                         |
| oppm          | ``oppm`` (3)               | it has no department one-page plan of the year; an academic        |
|               |                            | department also for each of its programs without a program plan    |
| monthly       | every month after the      | a month ended in which it had unfinished tasks already begun but   |
|               | decomposition month        | no progress update (``status.updates``) or completion in the month |
| midterm       | ``midterm`` (6)            | a task begun and unfinished at the month's end has no update by    |
|               |                            | then                                                               |

A task has begun in the first planned month of the one-page-plan row that carries it out
(``task:``); a task without a row runs from January.
| self_reports  | ``self_reports`` (11)      | its diagnosis warns of missing observations (数据缺失); an academic |
|               |                            | department also for each program without an observation of the year |
| diagnosis     | ``diagnosis`` (12)         | it has no improvement measures of the year's cycle; the college    |
|               |                            | without its annual-report tables (kind: annual) of the year        |

A milestone whose month has not begun is 未到期 (nothing is asked yet), in its month 本月到期
(what is still missing is listed, not overdue), after its month 已到期: anything still
missing then is overdue (逾期).  The monthly milestone is overdue once an ended month lacks
an update; ``calendar.monthly_updates: false`` turns it off.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from zhengai.load.repository import Repository, RepositoryError
from zhengai.models.annual import AnnualTables
from zhengai.models.config import Department
from zhengai.models.periods import PeriodError, parse_period
from zhengai.score.assessment import cycle_year
from zhengai.score.diagnosis import Diagnoser, department_scope
from zhengai.score.progress import done_by, month_end, updated_in

STATE_NAMES = {"upcoming": "未到期", "open": "本月到期", "ended": "已到期"}
MILESTONE_NAMES = {
    "decomposition": "年度目标任务分解",
    "oppm": "一页纸工作计划",
    "monthly": "任务进度月报",
    "midterm": "中期检查",
    "self_reports": "自我诊改报告",
    "diagnosis": "年度诊断与质量年度报告",
}


@dataclass(frozen=True)
class Gap:
    """One thing missing for a milestone: a department's (or the college's) item."""

    unit: str
    """The department's name, or the institution for a college-wide item."""
    text: str
    dept: str = ""
    """The department's id (empty for a college-wide item)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"unit": self.unit, "department": self.dept or None, "missing": self.text}


@dataclass
class Milestone:
    """One milestone of the year with what is still missing for it."""

    id: str
    month: int | None
    """Its month (None for the monthly progress reports)."""
    due: dt.date | None
    """The end of its month (for the monthly reports: the end of the last month ended, if any)."""
    state: str
    checked: int
    """Departments (and the college, when it is asked something) checked."""
    gaps: list[Gap] = field(default_factory=list)

    @property
    def name(self) -> str:
        """Chinese name."""
        return MILESTONE_NAMES[self.id]

    @property
    def state_name(self) -> str:
        """未到期 / 本月到期 / 已到期."""
        return STATE_NAMES[self.state]

    @property
    def overdue(self) -> bool:
        """Ended with something still missing."""
        return self.state == "ended" and bool(self.gaps)

    @property
    def when(self) -> str:
        """``1月`` or ``每月``."""
        return "每月" if self.month is None else f"{self.month}月"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"id": self.id, "name": self.name, "month": self.month,
                "due": self.due.isoformat() if self.due else None, "state": self.state,
                "state_name": self.state_name, "overdue": self.overdue, "checked": self.checked,
                "missing": [g.to_dict() for g in self.gaps]}


@dataclass
class CalendarStatus:
    """The year's milestones at the as-of date."""

    institution: str
    year: int
    as_of: dt.date
    milestones: list[Milestone]

    @property
    def overdue(self) -> list[Milestone]:
        """Milestones ended with something missing."""
        return [m for m in self.milestones if m.overdue]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"institution": self.institution, "year": self.year, "as_of": self.as_of.isoformat(),
                "overdue": len(self.overdue), "milestones": [m.to_dict() for m in self.milestones]}


def _state(month: int, as_of: dt.date) -> str:
    if as_of > month_end(as_of.year, month):
        return "ended"
    return "open" if as_of.month == month else "upcoming"


def _observed(repo: Repository, unit: str, year: int) -> bool:
    for located in repo.observations:
        if located.item.unit != unit:
            continue
        try:
            if parse_period(located.item.period).end.year == year:
                return True
        except PeriodError:
            continue
    return False


class _Checker:
    """The per-department checks of one year at one date."""

    def __init__(self, repo: Repository, as_of: dt.date) -> None:
        self.repo, self.as_of, self.year = repo, as_of, as_of.year
        self.scopes = {d.id: department_scope(repo, d) for d in repo.departments}
        self._diagnoser: Diagnoser | None = None
        # a task carried out by a one-page-plan row begins in the row's first planned month
        self.begins: dict[str, int] = {}
        for located in repo.oppms.values():
            if located.item.year == self.year:
                for row in located.item.tasks:
                    if row.task and row.schedule.planned:
                        first = min(row.schedule.planned)
                        self.begins[row.task] = min(first, self.begins.get(row.task, first))

    def begun(self, task: Any, month: int) -> bool:
        """Whether the task had begun by ``month``: its row's first planned month (without a row: from January)."""
        return self.begins.get(task.id, 1) <= month

    def tasks(self, dept: Department) -> list[Any]:
        """The department's tasks of the year (not dropped)."""
        found = []
        for ident in self.scopes[dept.id].tasks:
            located = self.repo.tasks[ident]
            if cycle_year(located) == self.year and located.item.status.state != "dropped":
                found.append(located.item)
        return found

    def decomposition(self, dept: Department) -> list[str]:
        return [] if self.tasks(dept) else [f"没有{self.year}年度任务分解（任务）"]

    def oppm(self, dept: Department) -> list[str]:
        plans = [self.repo.oppms[i].item for i in self.scopes[dept.id].oppms]
        plans = [p for p in plans if p.year == self.year]
        missing = []
        if not any(p.unit_type == "department" for p in plans):
            missing.append(f"没有{self.year}年部门一页纸工作计划")
        for program in dept.programs:
            if not any(p.unit_type == "program" and p.unit_name in (program.id, program.name) for p in plans):
                missing.append(f"{program.name}专业没有{self.year}年一页纸工作计划")
        return missing

    def monthly(self, dept: Department, first: int, last: int) -> list[str]:
        """Months ``first``–``last`` with unfinished tasks and no update."""
        silent = []
        tasks = self.tasks(dept)
        for m in range(first, last + 1):
            start, end = dt.date(self.year, m, 1), month_end(self.year, m)
            active = [t for t in tasks if not done_by(t, start - dt.timedelta(days=1)) and self.begun(t, m)]
            if active and not any(updated_in(t, start, end) for t in active):
                silent.append(m)
        if not silent:
            return []
        return [f"{'、'.join(f'{m}月' for m in silent)}没有任务进度更新"]

    def midterm(self, dept: Department, month: int) -> list[str]:
        end = month_end(self.year, month)
        silent = [t for t in self.tasks(dept) if not done_by(t, end) and self.begun(t, month)
                  and not any(u.date <= end for u in t.status.updates)]
        if not silent:
            return []
        shown = "、".join(t.id for t in silent[:6]) + ("等" if len(silent) > 6 else "")
        return [f"{len(silent)} 项任务在中期检查前没有进度报告（{shown}）"]

    def self_reports(self, dept: Department) -> list[str]:
        if self._diagnoser is None:
            self._diagnoser = Diagnoser(self.repo, self.as_of)
        missing = [a for a in self._diagnoser.diagnose(dept).alerts if a.kind == "missing"]
        found = [f"{len(missing)} 项指标缺少观测数据（见数据缺失预警）"] if missing else []
        found += [f"{p.name}专业没有{self.year}年的观测数据" for p in dept.programs
                  if not _observed(self.repo, p.id, self.year)]
        return found

    def diagnosis(self, dept: Department) -> list[str]:
        cycles = {self.repo.improvements[i].file.model.cycle for i in self.scopes[dept.id].improvements}
        return [] if self.year in cycles else [f"没有{self.year}年度诊断的改进措施"]


def calendar_status(repo: Repository, as_of: dt.date) -> CalendarStatus:
    """The milestones of the as-of date's year and what each department still misses."""
    if repo.config is None:
        raise RepositoryError("查看诊改工作进度需要仓库根目录的 zhengai.yaml。")
    cal = repo.config.calendar
    checker = _Checker(repo, as_of)
    institution = repo.config.institution
    departments = repo.departments
    milestones: list[Milestone] = []

    def add(ident: str, month: int, check: Any) -> None:
        state = _state(month, as_of)
        gaps = [] if state == "upcoming" else [
            Gap(d.name, text, d.id) for d in departments for text in check(d)]
        milestones.append(Milestone(ident, month, month_end(as_of.year, month), state, len(departments), gaps))

    add("decomposition", cal.decomposition, checker.decomposition)
    add("oppm", cal.oppm, checker.oppm)
    if cal.monthly_updates:
        first = cal.decomposition + 1
        last = as_of.month - 1  # the months ended before the as-of date's month
        state = "ended" if last >= first else "upcoming"
        gaps = [Gap(d.name, text, d.id) for d in departments for text in checker.monthly(d, first, last)]
        milestones.append(Milestone("monthly", None, month_end(as_of.year, last) if last >= first else None,
                                    state, len(departments), gaps))
    add("midterm", cal.midterm, lambda d: checker.midterm(d, cal.midterm))
    add("self_reports", cal.self_reports, checker.self_reports)
    add("diagnosis", cal.diagnosis, checker.diagnosis)
    dec = milestones[-1]
    if dec.state != "upcoming":
        tables = any(isinstance(s.model, AnnualTables) and s.model.year == as_of.year for s in repo.files)
        dec.checked += 1
        if not tables:
            dec.gaps.append(Gap(institution, f"没有{as_of.year}年质量年度报告数据表（kind: annual）"))
    milestones.sort(key=lambda m: (m.month if m.month is not None else cal.decomposition + 0.5))
    return CalendarStatus(institution, as_of.year, as_of, milestones)


__all__ = ["MILESTONE_NAMES", "STATE_NAMES", "CalendarStatus", "Gap", "Milestone", "calendar_status"]
