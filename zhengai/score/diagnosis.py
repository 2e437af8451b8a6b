"""A unit's self-diagnosis (自我诊改): scope, scores, warnings, findings, improvements.

The unit is a department, or a program, course, class or teacher (:mod:`zhengai.load.units`):
a department is diagnosed on what its folder holds and what it owns elsewhere in the
chain; a program or course on the standards of its level, scored on its own series,
and on the targets, tasks, one-page plans and improvement records that name it.
:func:`diagnose` returns a :class:`Diagnosis` value; rendering it (Markdown, JSON,
text, Word) is the business of :mod:`zhengai.render` and the CLI.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhengai.check.checker import run_rules
from zhengai.findings import Finding, Report
from zhengai.load.repository import Located, Repository, RepositoryError
from zhengai.load.units import Unit
from zhengai.models.config import Department, Scoring
from zhengai.score import alerts as al
from zhengai.score.adjustments import AdjustmentStatus, adjustments
from zhengai.score.assessment import (
    Assessment,
    Completion,
    Measure,
    Node,
    assess,
    owner_names,
    task_due,
)
from zhengai.score.progress import state_at
from zhengai.score.units import score_unit

ALERT_ORDER = ("overdue", "improvement", "below", "behind", "missing", "control")


@dataclass
class Scope:
    """What belongs to one department: by folder, or by owner elsewhere in the chain."""

    dept: Department
    targets: list[str] = field(default_factory=list)
    tasks: list[str] = field(default_factory=list)
    oppms: list[str] = field(default_factory=list)
    improvements: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    places: set[tuple[str, str]] = field(default_factory=set)

    def holds(self, finding: Finding) -> bool:
        """True when the finding is in one of the department's files or items."""
        return any(
            finding.file == rel and (finding.pointer == ptr or finding.pointer.startswith(ptr + "/") or ptr == "")
            for rel, ptr in self.places
        )


def department_scope(repo: Repository, dept: Department) -> Scope:
    """Collect a department's targets, tasks, plans, records and measures."""
    scope = Scope(dept)
    in_folder = {source.rel for source in repo.department_files(dept)}
    scope.places.update((rel, "") for rel in in_folder)

    def mine(located: Any) -> bool:
        if located.file.rel in in_folder:
            return True
        return any(repo.department(o) is dept for o in getattr(located.item, "owner", None) or [])

    for group, bucket in ((repo.targets, scope.targets), (repo.tasks, scope.tasks),
                          (repo.improvements, scope.improvements)):
        for ident, located in group.items():
            if mine(located):
                bucket.append(ident)
                scope.places.add((located.file.rel, located.pointer))
    for ident, oppm in repo.oppms.items():
        if oppm.file.rel in in_folder or repo.department(oppm.item.unit) is dept:
            scope.oppms.append(ident)
            scope.places.add((oppm.file.rel, ""))
    measures: list[str] = []
    for ident in scope.targets + scope.tasks:
        located = repo.targets.get(ident) or repo.tasks[ident]
        measures += repo.indicators_of.get(ident, [])
        measures += [q for q in located.item.qc_points if q in repo.qc_points]
        measures += [i.qc_point for i in located.item.indicators if i.qc_point in repo.qc_points]
    for ident, point in repo.qc_points.items():
        if any(repo.department(o) is dept for o in point.item.owner):
            measures.append(ident)
            scope.places.add((point.file.rel, point.pointer))
    scope.measures = list(dict.fromkeys(measures))
    return scope


def unit_scope(repo: Repository, unit: Unit) -> Scope:
    """What names a program, course, class or teacher: its targets and tasks (``unit:`` on
    them or their plan), its one-page plans, its improvement records, their indicators."""
    dept = repo.department(unit.department or "")
    if dept is None:
        raise RepositoryError(f"{unit.kind_name}“{unit.label}”不属于 zhengai.yaml 中的任何部门。")
    scope = Scope(dept)
    named = repo.unit_items.get(unit.id, {})
    for group, key, bucket in ((repo.targets, "targets", scope.targets), (repo.tasks, "tasks", scope.tasks),
                               (repo.improvements, "improvements", scope.improvements)):
        for ident in named.get(key, []):
            located: Located[Any] = group[ident]
            bucket.append(ident)
            scope.places.add((located.file.rel, located.pointer))
    for ident, oppm in repo.oppms.items():
        if oppm.item.unit_type == unit.kind and oppm.item.unit_name in (unit.name, unit.id):
            scope.oppms.append(ident)
            scope.places.add((oppm.file.rel, ""))
    scope.measures = [m for t in scope.targets + scope.tasks for m in repo.indicators_of.get(t, [])]
    return scope


@dataclass
class Diagnosis(al.AlertCounts):
    """The data of one department's self-diagnosis report."""

    institution: str
    dept: Department
    system: str
    as_of: dt.date
    period: tuple[int, int]
    targets: list[dict[str, Any]]
    standards: list[Node]
    levels: list[Node]
    tasks: list[dict[str, Any]]
    completion: Completion
    measures: list[Measure]
    alerts: list[al.Alert]
    findings: list[Finding]
    improvements: list[dict[str, Any]]
    last_round: list[dict[str, Any]]
    suggestions: list[dict[str, Any]]
    settings: Scoring
    files: int = 0
    unit: Unit | None = None
    """The program, course, class or teacher diagnosed; None for a department's own diagnosis."""
    adjustments: list[AdjustmentStatus] = field(default_factory=list)
    """Target adjustments and standard revisions decided in improvement records, with their state."""

    @property
    def subject(self) -> str:
        """Who the report is of: the department's name, or the unit's (机电一体化技术专业)."""
        if self.unit is None:
            return self.dept.name
        return self.unit.name if self.unit.name.endswith(self.unit.kind_name) else self.unit.name + self.unit.kind_name

    def report(self) -> Report:
        """The findings as a check report (for the shared JSON envelope)."""
        return Report(findings=list(self.findings), files=self.files)

    def to_dict(self) -> dict[str, Any]:
        """The JSON body: ``scores``, ``warnings``, ``findings`` (in the envelope), ``completion``."""
        return {
            "department": {"id": self.dept.id, "name": self.dept.name, "system": self.system},
            "unit": None if self.unit is None else {"kind": self.unit.kind, "id": self.unit.id,
                                                    "name": self.unit.name},
            "institution": self.institution,
            "as_of": self.as_of.isoformat(),
            "scores": {
                "targets": [t["node"].to_dict() for t in self.targets],
                "standards": [n.to_dict() for n in self.standards],
                "levels": [n.to_dict() for n in self.levels],
                "measures": [m.to_dict() for m in self.measures],
            },
            "warnings": [a.to_dict() for a in self.alerts],
            "completion": self.completion.to_dict(),
            "tasks": [{k: v for k, v in t.items() if k != "node"} | {"score": t["node"].to_dict()["score"]}
                      for t in self.tasks],
            "improvements": self.improvements,
            "last_round": self.last_round,
            "suggestions": self.suggestions,
            "adjustments": [a.to_dict() for a in self.adjustments],
        }


STATE_NAMES = {"not_started": "未开始", "in_progress": "进行中", "done": "已完成", "dropped": "已取消",
               "planned": "未开始"}


def resolve_department(repo: Repository, dept_dir: Path) -> Department:
    """The department whose folder ``dept_dir`` is (or names, by id or Chinese name)."""
    dept = repo.department_of_path(dept_dir) if dept_dir.exists() else None
    if dept is None:
        dept = repo.department(dept_dir.name)
    if dept is None:
        names = "、".join(f"{d.name}（{repo.department_folder(d)}）" for d in repo.departments[:12])
        raise RepositoryError(f"{dept_dir} 不是 zhengai.yaml 中任何部门的目录；部门有：{names}")
    return dept


def resolve_unit(repo: Repository, target: Path) -> Unit:
    """The unit ``target`` names: a department's folder, or a department, program, course,
    class or teacher by id or name (a name two units share must be given by its id)."""
    if target.exists() and repo.department_of_path(target) is not None:
        dept = resolve_department(repo, target)
        return Unit("department", dept.id, dept.name, dept.id)
    key = target.name if target.name else str(target)
    named_dept = repo.department(key)
    if named_dept is not None:
        return Unit("department", named_dept.id, named_dept.name, named_dept.id)
    found = repo.units.get(key)
    if found is not None:
        return found
    named = repo.units.named(key)
    if len(named) > 1:
        choices = "、".join(f"{u.kind_name}{u.label}" for u in named)
        raise RepositoryError(f"“{key}”同时是 {choices} 的名称：请写代码。")
    if target.exists():  # a folder of the repository that is no department's: say so, as before
        resolve_department(repo, target)
    programs = [u.label for u in repo.units.of_kind("program")][:8]
    more = f"；专业有：{'、'.join(programs)}" if programs else ""
    raise RepositoryError(f"“{target}”既不是部门目录，也不是 zhengai.yaml 中的部门、专业或课程（标识或名称）{more}。")


class Diagnoser:
    """Diagnoses departments of one repository at one date.

    Scores and rule findings are computed once for the whole repository and shared by
    every department, so diagnosing all of them costs little more than one.
    """

    def __init__(self, repo: Repository, as_of: dt.date, year: int | None = None) -> None:
        if repo.config is None:
            raise RepositoryError("诊断需要仓库根目录的 zhengai.yaml。")
        self.repo, self.as_of = repo, as_of
        self.assessment = assess(repo, as_of, year)
        self.findings = sorted(run_rules(repo), key=lambda f: f.sort_key)

    def diagnose(self, dept: Department) -> Diagnosis:
        """Diagnose one department."""
        repo, assessment = self.repo, self.assessment
        scope = department_scope(repo, dept)
        measures = [assessment.measures[m] for m in scope.measures]
        include = {m for m in scope.measures if m in repo.qc_points}
        standards = [n for s in repo.standards.values() if (n := assessment.standard_node(s, include))]
        return self._diagnosis(scope, measures, standards, assessment.level_nodes(include), dept.name)

    def diagnose_unit(self, unit: Unit) -> Diagnosis:
        """Diagnose a program, course, class or teacher (a department goes to :meth:`diagnose`)."""
        if unit.kind == "department":
            dept = self.repo.department(unit.id)
            assert dept is not None  # units of kind department are the configured departments
            return self.diagnose(dept)
        scope = unit_scope(self.repo, unit)
        scored = score_unit(self.assessment, unit)
        measures = [self.assessment.measures[m] for m in scope.measures] + scored.measures
        levels = [scored.level] if scored.level is not None else []
        diagnosis = self._diagnosis(scope, measures, scored.standards, levels, unit.name)
        diagnosis.unit = unit
        return diagnosis

    def _diagnosis(self, scope: Scope, measures: list[Measure], standards: list[Node], levels: list[Node],
                   unit: str) -> Diagnosis:
        repo, as_of, assessment = self.repo, self.as_of, self.assessment
        assert repo.config is not None  # checked in __init__
        dept = scope.dept
        # the report is of one cycle: an earlier year's tasks are that year's business
        scope.tasks = [t for t in scope.tasks if assessment.in_cycle(repo.tasks[t])]
        previous = [i for i in scope.improvements if repo.improvements[i].file.model.cycle < assessment.year]
        current = [i for i in scope.improvements if i not in previous]
        alerts = [
            *al.overdue_tasks(assessment, scope.tasks, unit),
            *al.overdue_improvements(assessment, previous, unit),
            *al.below_band(measures, unit),
            *al.behind_schedule(assessment, scope.oppms, unit),
            *al.missing_data(assessment, measures, unit),
            *al.out_of_control(measures, unit),
        ]
        alerts.sort(key=lambda a: (0 if a.level == "red" else 1, ALERT_ORDER.index(a.kind)))
        system = next((s.name for s in repo.config.systems if s.id == dept.system), dept.system)
        return Diagnosis(
            institution=repo.config.institution, dept=dept, system=system, as_of=as_of,
            period=(repo.config.period.start, repo.config.period.end),
            targets=[_target_row(repo, assessment, t) for t in scope.targets],
            standards=standards, levels=levels,
            tasks=[_task_row(repo, assessment, t) for t in scope.tasks],
            completion=assessment.completion(scope.tasks), measures=measures, alerts=alerts,
            findings=[f for f in self.findings if scope.holds(f)],
            improvements=[_improvement_row(repo, i) for i in current],
            last_round=[_improvement_row(repo, i) for i in previous],
            suggestions=[_suggest(a, as_of) for a in alerts if a.level == "red"],
            settings=assessment.settings,
            files=len({rel for rel, _ in scope.places}),
            adjustments=adjustments(repo, scope.improvements, assessment.year),
        )


def diagnose(repo: Repository, dept: Department, as_of: dt.date) -> Diagnosis:
    """Diagnose one department at ``as_of`` (see :class:`Diagnoser` for many)."""
    return Diagnoser(repo, as_of).diagnose(dept)


def _chain(repo: Repository, ident: str) -> list[str]:
    path, seen = [], set()
    current: str | None = repo.targets[ident].item.parent
    while current and current in repo.targets and current not in seen:
        seen.add(current)
        path.append(current)
        current = repo.targets[current].item.parent
    return list(reversed(path))


def _target_row(repo: Repository, assessment: Assessment, ident: str) -> dict[str, Any]:
    located = repo.targets[ident]
    target = located.item
    levels = {lv.id: lv.name for lv in repo.config.levels} if repo.config else {}
    return {
        "id": ident, "statement": target.statement, "level": levels.get(target.level, target.level),
        "chain": _chain(repo, ident), "deadline": target.deadline or "", "source": located.cite(),
        "node": assessment.target_node(ident),
    }


def _owner_names(repo: Repository, owners: list[str]) -> str:
    return "、".join(owner_names(repo, owners))


def _task_row(repo: Repository, assessment: Assessment, ident: str) -> dict[str, Any]:
    located = repo.tasks[ident]
    task = located.item
    due = task_due(located, assessment.as_of)
    time_node = task.deadline or next((lv.time_node for lv in reversed(task.levels) if lv.time_node), "")
    state, progress = state_at(task, assessment.as_of)
    completed = task.status.completed if state == "done" else None
    return {
        "id": ident, "title": task.title, "class": task.class_, "owner": _owner_names(repo, task.owner),
        "time_node": time_node, "due": due.isoformat() if due else "", "state": STATE_NAMES[state],
        "progress": progress, "completed": completed.isoformat() if completed else "",
        "source": located.cite(), "node": assessment.task_node(ident),
    }


def _improvement_row(repo: Repository, ident: str) -> dict[str, Any]:
    located = repo.improvements[ident]
    item = located.item
    return {
        "id": ident, "problem": item.problem, "cause": item.cause, "measure": item.measure,
        "owner": _owner_names(repo, item.owner), "time_node": item.time_node,
        "status": STATE_NAMES.get(item.status, item.status),
        "completed": item.completed.isoformat() if item.completed else "",
        "evidence": "、".join(item.evidence), "cycle": located.file.model.cycle, "source": located.cite(),
    }


_SUGGESTED_MEASURE = {
    "overdue": "分析滞后原因，调整资源与人员，明确新的完成时间节点并按月跟踪",
    "improvement": "核查上一轮改进措施未落实的原因，重新明确责任人与时间节点，纳入本年度任务",
    "below": "分析指标未达标的原因，制定专项提升措施并在下一期观测中复核",
}


def _suggest(alert: al.Alert, as_of: dt.date) -> dict[str, Any]:
    """One suggested improvement entry for a red warning (clearly marked as suggested)."""
    deadline = dt.date(as_of.year, 12, 31) if as_of.month < 12 else dt.date(as_of.year + 1, 3, 31)
    return {
        "problem": f"{alert.subject}：{alert.message}", "cause": "（待分析）",
        "measure": _SUGGESTED_MEASURE.get(alert.kind, "分析原因并制定改进措施"), "owner": alert.unit,
        "time_node": f"{deadline.year}.{deadline.month}", "source": alert.cite, "suggested": True,
    }


__all__ = ["Diagnoser", "Diagnosis", "Scope", "department_scope", "diagnose", "resolve_department", "resolve_unit",
           "unit_scope"]
