"""Teacher development plans: yearly self-diagnosis and the department team view.

A teacher plan (``kind: teacher_plan``, usually ``departments/<id>/teachers/*.yaml``)
holds a three-year plan with yearly targets per dimension of the teacher standard and
one self-assessment per year.  :func:`diagnose_teacher` scores a year the way a
department is diagnosed:

- against the **standard**: the self-assessment answers are scored with the survey
  formula (:mod:`zhengai.score.survey`) per dimension 0–100; each dimension's
  attainment is ``ratio(score, line)`` against the standard line of the teacher's tier,
  banded with the college's bands (达成 / 基本达成 / 未达成);
- against the **plan**: each target's indicators are scored with
  :func:`zhengai.score.scoring.quantitative` from the values reported that year (a target
  without indicators scores 1 when done, else its progress), rolled up with
  :func:`zhengai.score.scoring.weighted_mean`;
- **warnings** as for departments (:class:`zhengai.score.alerts.Alert`): red for a target past
  its time node and not done, yellow/red for a dimension or indicator in the yellow/red
  band, yellow for a missing self-assessment or indicator value;
- **findings**: the teacher-plan SMART rules (:mod:`zhengai.check.rules.people`).

:func:`team_view` returns plain data for one department (or the whole college): tier
distribution, 双师 share, targets due in the year, dimension means, warnings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhengai.findings import Finding
from zhengai.load.instruments import SurveyError, resolve_instrument
from zhengai.load.repository import Located, Repository, RepositoryError
from zhengai.models.config import Department, Scoring
from zhengai.models.people import TIERS, Instrument, SelfAssessment, TeacherPlan, TeacherTarget
from zhengai.models.timeexpr import TimeParseError, parse_time
from zhengai.numfmt import fixed
from zhengai.score import scoring
from zhengai.score.alerts import Alert, AlertCounts, overdue, warns
from zhengai.score.assessment import Completion

STATE_NAMES = {"not_started": "未开始", "in_progress": "进行中", "done": "已完成", "dropped": "已取消"}


# ------------------------------------------------------------------- lookups
def teacher_plans(repo: Repository) -> list[Located[TeacherPlan]]:
    """Every valid teacher plan of the repository, in file order."""
    return [Located(s.model, s, "") for s in repo.files if isinstance(s.model, TeacherPlan)]


def plan_department(repo: Repository, located: Located[TeacherPlan]) -> Department | None:
    """The plan's department: the folder it is in, else the teacher's ``department``."""
    dept = repo.department_of_path(located.file.path)
    if dept is None and located.item.teacher.department:
        dept = repo.department(located.item.teacher.department)
    return dept


def find_plan(repo: Repository, name: str) -> Located[TeacherPlan]:
    """A plan by file path, plan id or teacher id (工号)."""
    plans = teacher_plans(repo)
    path = Path(name)
    if path.exists():
        for located in plans:
            if located.file.path.resolve() == path.resolve():
                return located
        raise RepositoryError(f"{name} 不是有效的教师发展规划文件（kind: teacher_plan）；请先运行 zhengai check 查看问题。")
    for located in plans:
        if name in (located.item.id, located.item.teacher.id):
            return located
    raise RepositoryError(f"找不到教师发展规划“{name}”：请给出规划文件路径、规划标识或教师工号。")


def target_due(target: TeacherTarget, as_of: dt.date) -> dt.date:
    """A target's due date: its deadline (the last one passed, else the next), else 31 Dec of its year."""
    if target.deadline:
        try:
            expr = parse_time(target.deadline, default_year=target.year)
        except TimeParseError:
            return dt.date(target.year, 12, 31)
        due = expr.last_due(as_of) or expr.next_due(as_of)
        if due is not None:
            return due
    return dt.date(target.year, 12, 31)


def teacher_label(plan: TeacherPlan) -> str:
    """``王敏（T2019003）`` or the id alone."""
    t = plan.teacher
    return f"{t.name}（{t.id}）" if t.name else t.id


# ---------------------------------------------------------------- diagnosis
@dataclass
class TeacherDiagnosis(AlertCounts):
    """One teacher's self-diagnosis for one year."""

    plan: TeacherPlan
    source: str
    department: str
    instrument: Instrument
    year: int
    as_of: dt.date
    assessment: SelfAssessment | None
    dimensions: list[dict[str, Any]]
    overall: float | None
    strengths: list[str]
    weak: list[str]
    modules: list[str]
    targets: list[dict[str, Any]]
    attainment: scoring.Rollup
    completion: Completion
    alerts: list[Alert]
    findings: list[Finding]
    settings: Scoring
    radar: dict[str, Any] = field(default_factory=dict)

    @property
    def teacher(self) -> str:
        """The teacher's label."""
        return teacher_label(self.plan)

    @property
    def next_tier(self) -> str | None:
        """The tier after the current one, None at the top."""
        i = TIERS.index(self.plan.tier)
        return TIERS[i + 1] if i + 1 < len(TIERS) else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        t = self.plan.teacher
        return {
            "teacher": {"id": t.id, "name": t.name, "department": self.department, "title": t.title,
                        "double_qualified": t.double_qualified},
            "plan": {"id": self.plan.id, "period": [self.plan.period.start, self.plan.period.end],
                     "tier": self.plan.tier, "tier_goal": self.plan.tier_goal, "source": self.source},
            "year": self.year, "as_of": self.as_of.isoformat(), "instrument": self.instrument.id,
            "self_assessment": self.assessment is not None,
            "overall": _r(self.overall),
            "dimensions": self.dimensions, "strengths": self.strengths, "weak": self.weak, "modules": self.modules,
            "targets": self.targets,
            "attainment": {"score": _r(self.attainment.score, 4), "scored": self.attainment.scored,
                           "total": self.attainment.total},
            "completion": self.completion.to_dict(),
            "warnings": [a.to_dict() for a in self.alerts],
            "findings": [f.to_dict() for f in self.findings],
            "radar": self.radar,
        }


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None or value != value else round(float(value), digits)


def self_scores(instrument: Instrument, assessment: SelfAssessment | None) -> tuple[Any, float | None]:
    """Dimension scores (array) and overall score of a self-assessment, by the survey formula."""
    import numpy as np

    from zhengai.score.survey import answer_row, score_table

    if assessment is None:
        return np.full(len(instrument.dimensions), np.nan), None
    scores = score_table(instrument, answer_row(instrument, assessment.answers))
    overall = float(scores.overall[0])
    return scores.dimensions[0], (None if overall != overall else overall)


def _target_row(
    target: TeacherTarget, index: int, located: Located[TeacherPlan], values: dict[str, float],
    as_of: dt.date, settings: Scoring,
) -> tuple[dict[str, Any], list[tuple[str, str, str, float | None]]]:
    """A target's row and its indicator scores ``(id, name, text, score)``."""
    parts, indicators = [], []
    for i, ind in enumerate(target.indicators):
        ident = ind.id or f"{target.id}-I{i + 1}"
        goal = ind.target if ind.target is not None else ind.threshold
        actual = values.get(ident)
        score = None
        if actual is not None and goal is not None:
            score, _ = scoring.quantitative(actual, goal, baseline=ind.baseline, direction=ind.direction.value,
                                            method=settings.method, allow_over=settings.allow_over)
        parts.append((score, ind.weight))
        shown = "—" if actual is None else f"{actual:g}{ind.unit or ''}"
        goal_text = "—" if goal is None else f"{goal:g}{ind.unit or ''}"
        indicators.append((ident, ind.name, f"实际 {shown}，目标 {goal_text}", score))
    state = target.status.state
    if any(s is not None for s, _ in parts):
        score = scoring.weighted_mean(parts).score
    elif state == "dropped":
        score = None
    else:
        score = 1.0 if state == "done" else target.status.progress
    band = scoring.band(score, settings.bands)
    due = target_due(target, as_of)
    file = located.file
    row = {
        "id": target.id, "year": target.year, "dimension": target.dimension, "statement": target.statement,
        "due": due.isoformat(), "state": STATE_NAMES[state],
        "progress": 1.0 if state == "done" else target.status.progress,
        "score": _r(score, 4), "band": band.name if band else None, "color": band.color if band else None,
        "indicators": [{"id": i, "name": n, "text": t, "score": _r(s, 4)} for i, n, t, s in indicators],
        "source": f"{file.rel}:{file.position(f'/targets/{index}').line}",
    }
    return row, indicators


def people_findings(repo: Repository) -> list[Finding]:
    """The findings of the teacher-plan rules over the repository, after the college's settings."""
    from zhengai.check.checker import apply_settings
    from zhengai.check.rules import people

    disabled = set(repo.config.rules.disable) if repo.config else set()
    found = [f for rule in people.RULES if rule.check is not None and rule.code not in disabled
             for f in rule.check(repo)]
    return apply_settings(repo, found)


def diagnose_teacher(
    repo: Repository, located: Located[TeacherPlan], as_of: dt.date, year: int | None = None,
    findings: list[Finding] | None = None,
) -> TeacherDiagnosis:
    """Diagnose one teacher plan for ``year`` (default: the as-of year) at ``as_of``.

    ``findings`` are the teacher-plan rule findings of the repository when already
    computed (:func:`people_findings`); they are filtered to this plan's file.
    """
    from zhengai.score.radar import RadarData, RadarSeries, rounded

    plan = located.item
    year = year or as_of.year
    settings = repo.config.scoring if repo.config else Scoring()
    try:
        instrument = resolve_instrument(repo, plan.instrument)
    except SurveyError as exc:
        raise RepositoryError(f"{located.file.rel}：{exc}") from exc
    dept = plan_department(repo, located)
    label = teacher_label(plan)
    unit = f"{dept.name} {label}" if dept else label
    cite_file = located.file.rel
    by_year = {a.year: a for a in plan.self_assessments}
    assessment = by_year.get(year)
    dims, overall = self_scores(instrument, assessment)
    last, _ = self_scores(instrument, by_year.get(year - 1))

    alerts: list[Alert] = []
    dim_rows = []
    for j, dim in enumerate(instrument.dimensions):
        line = instrument.line_of(dim, plan.tier)
        score = None if dims[j] != dims[j] else float(dims[j])
        attain = scoring.clamp(scoring.ratio(score, line)) if score is not None else None
        band = scoring.band(attain, settings.bands)
        previous = None if last[j] != last[j] else float(last[j])
        dim_rows.append({"id": dim.id, "name": dim.name, "score": _r(score), "line": line,
                         "attainment": _r(attain, 4), "band": band.name if band else None,
                         "color": band.color if band else None, "previous": _r(previous)})
        if warns(band):
            alerts.append(Alert("below", band.color, unit, f"{plan.id} {dim.name}",
                                f"{year} 年自评 {fixed(score, 1)} 分，低于{plan.tier}标准线 {line:g} 分（达成度 {fixed(attain)}，属“{band.name}”）。",
                                cite_file))
    if assessment is None:
        alerts.append(Alert("missing", "yellow", unit, f"{plan.id} {year} 年度自测自诊",
                            f"尚未填写 {year} 年度自测自诊（self_assessments 中没有 year: {year}）。", cite_file))

    values = assessment.values if assessment else {}
    target_rows, parts = [], []
    completion = Completion()
    for i, target in enumerate(plan.targets):
        if target.year > year:
            continue
        row, indicators = _target_row(target, i, located, values, as_of, settings)
        due = dt.date.fromisoformat(row["due"])
        state = target.status.state
        subject = f"{target.id} {target.statement[:24]}"
        if state not in ("done", "dropped") and due < as_of:
            alerts.append(overdue(unit, subject, due, "目标", target.status.progress, row["source"]))
        if due <= as_of and state != "dropped":
            completion.due += 1
            completion.done += state == "done"
            d, n = completion.by_class.get(target.dimension, (0, 0))
            completion.by_class[target.dimension] = (d + 1, n + (state == "done"))
        if target.year == year:
            target_rows.append(row)
            parts.append((row["score"], 1.0))
            for ident, name, text, score in indicators:
                band = scoring.band(score, settings.bands)
                if warns(band):
                    alerts.append(Alert("below", band.color, unit, f"{ident} {name}",
                                        f"{year} 年{text}，得分 {fixed(score)}，属“{band.name}”。", row["source"]))
                elif score is None and assessment is not None and due <= as_of:
                    alerts.append(Alert("missing", "yellow", unit, f"{ident} {name}",
                                        f"{year} 年度自测自诊没有填写该指标的实际值（values: {ident}）。", row["source"]))
    attainment = scoring.weighted_mean(parts)
    order = ("overdue", "below", "missing")
    alerts.sort(key=lambda a: (0 if a.level == "red" else 1, order.index(a.kind) if a.kind in order else 9))
    if findings is None:
        findings = people_findings(repo)
    mine = sorted((f for f in findings if f.file == located.file.rel), key=lambda f: f.sort_key)

    from zhengai.score.survey import profile

    info = profile(instrument, dims, plan.tier)
    series = [RadarSeries(f"{year} 年自评", rounded(dims), "fill"),
              RadarSeries(f"{plan.tier}标准线", rounded([instrument.line_of(d, plan.tier) for d in instrument.dimensions]),
                          "standard")]
    if by_year.get(year - 1) is not None:
        series.append(RadarSeries(f"{year - 1} 年自评", rounded(last), "previous"))
    radar = RadarData(f"教师发展自测自诊雷达图（{label}，{year} 年）",
                      tuple(d.name for d in instrument.dimensions), tuple(series)).to_dict()
    return TeacherDiagnosis(
        plan=plan, source=cite_file, department=dept.name if dept else (plan.teacher.department or ""),
        instrument=instrument, year=year, as_of=as_of, assessment=assessment, dimensions=dim_rows,
        overall=overall, strengths=[d["name"] for d in info["strengths"]], weak=[d["name"] for d in info["weak"]],
        modules=[m["name"] for m in info["modules"]], targets=target_rows, attainment=attainment,
        completion=completion, alerts=alerts, findings=mine, settings=settings, radar=radar,
    )


# ------------------------------------------------------------------ team view
def team_view(repo: Repository, dept: Department | None, as_of: dt.date, year: int | None = None) -> dict[str, Any]:
    """The teacher team of one department (all departments when ``dept`` is None), as plain data.

    Keys: ``department``, ``year``, ``as_of``, ``teachers``, ``tiers`` and ``tier_goals``
    (counts per tier), ``double_qualified`` (count, share), ``self_assessed`` (count,
    share, missing), ``dimensions`` (mean self-assessment score and share below the
    tier line per dimension), ``targets`` (due, done, overdue, rate), ``due`` (targets due
    in the year), ``alerts`` (red, yellow), ``members`` (one row per teacher).
    """
    year = year or as_of.year
    plans = [p for p in teacher_plans(repo) if dept is None or plan_department(repo, p) is dept]
    members, due_rows = [], []
    tiers = dict.fromkeys(TIERS, 0)
    goals = dict.fromkeys(TIERS, 0)
    dim_scores: dict[str, list[tuple[float, float]]] = {}
    dim_names: dict[str, str] = {}
    findings = people_findings(repo)
    red = yellow = due_count = done_count = overdue = 0
    for located in plans:
        result = diagnose_teacher(repo, located, as_of, year, findings)
        plan = located.item
        tiers[plan.tier] += 1
        goals[plan.tier_goal] += 1
        red += result.red
        yellow += result.yellow
        for row in result.dimensions:
            dim_names[row["id"]] = row["name"]
            if row["score"] is not None:
                dim_scores.setdefault(row["id"], []).append((row["score"], row["line"]))
        for i, target in enumerate(plan.targets):
            due = target_due(target, as_of)
            if due.year != year:
                continue
            state = target.status.state
            if state == "dropped":
                continue
            due_count += 1
            done_count += state == "done"
            late = state != "done" and due < as_of
            overdue += late
            due_rows.append({
                "teacher": result.teacher, "target": target.id, "dimension": target.dimension,
                "statement": target.statement, "due": due.isoformat(), "state": STATE_NAMES[state],
                "progress": 1.0 if state == "done" else target.status.progress, "overdue": late,
                "source": f"{located.file.rel}:{located.file.position(f'/targets/{i}').line}",
            })
        members.append({
            "id": plan.teacher.id, "name": plan.teacher.name, "teacher": result.teacher,
            "tier": plan.tier, "tier_goal": plan.tier_goal, "double_qualified": plan.teacher.double_qualified,
            "period": f"{plan.period.start}—{plan.period.end}", "self_assessed": result.assessment is not None,
            "overall": _r(result.overall), "weak": result.weak, "red": result.red, "yellow": result.yellow,
            "attainment": _r(result.attainment.score, 4), "source": located.file.rel,
        })
    n = len(plans)
    assessed = [m for m in members if m["self_assessed"]]
    double = sum(1 for m in members if m["double_qualified"])
    dimensions = []
    for ident, name in dim_names.items():
        pairs = dim_scores.get(ident, [])
        dimensions.append({
            "id": ident, "name": name, "scored": len(pairs),
            "mean": _r(sum(s for s, _ in pairs) / len(pairs)) if pairs else None,
            "below": _r(sum(1 for s, line in pairs if s < line) / len(pairs), 4) if pairs else None,
        })
    due_rows.sort(key=lambda r: (r["due"], r["teacher"], r["target"]))
    return {
        "department": {"id": dept.id, "name": dept.name} if dept else {"id": None, "name": "全院"},
        "year": year, "as_of": as_of.isoformat(), "teachers": n,
        "tiers": tiers, "tier_goals": goals,
        "double_qualified": {"count": double, "share": _r(double / n, 4) if n else None},
        "self_assessed": {"count": len(assessed), "share": _r(len(assessed) / n, 4) if n else None,
                          "missing": [m["teacher"] for m in members if not m["self_assessed"]]},
        "dimensions": dimensions,
        "targets": {"due": due_count, "done": done_count, "overdue": overdue,
                    "rate": _r(done_count / due_count, 4) if due_count else None},
        "due": due_rows,
        "alerts": {"red": red, "yellow": yellow},
        "members": members,
    }


__all__ = [
    "TeacherDiagnosis", "diagnose_teacher", "find_plan", "people_findings", "plan_department", "resolve_instrument", "target_due",
    "teacher_label", "teacher_plans", "team_view",
]
