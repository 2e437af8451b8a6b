"""The data of every report of the annual cycle, as plain values ready for templates.

Report kinds (:data:`KINDS`):

- ``diagnosis`` — a department's 自我诊改报告 (the :mod:`zhengai.score.diagnosis` result, flattened);
- ``annual`` — the 质量年度报告 of the college (unit ``college``) or of one level
  (专业、课程、教师发展、学生全面发展 质量年度报告), with 年度增量 against the same day
  last year and, for the college, the five national tables with cross-table checks;
- ``review`` — the quality office's 校内复核报告 over every department and the 37
  points of the national diagnosis reference;
- ``mid-term`` — the June 中期检查 of progress across all departments.

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
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zhengai import __version__
from zhengai.check.rules.annual_tables import TABLE_RULES, table_checks
from zhengai.findings import Finding
from zhengai.load.repository import Located, Repository, RepositoryError
from zhengai.models.annual import TABLES, AnnualTables, ExtraRow
from zhengai.models.config import Band, Department, SurveyFile
from zhengai.models.periods import PeriodError, parse_period
from zhengai.render.charts import ChartSpec
from zhengai.score import alerts as al
from zhengai.score import scoring
from zhengai.score.assessment import Assessment, Measure, Node, assess

if TYPE_CHECKING:
    from zhengai.score.diagnosis import Diagnoser, Diagnosis

KINDS: dict[str, str] = {
    "diagnosis": "自我诊改报告",
    "annual": "质量年度报告",
    "review": "校内复核报告",
    "mid-term": "中期检查报告",
}
"""Report kind → Chinese name."""

LEVEL_REPORT_NAMES = {"program": "专业", "course": "课程", "teacher": "教师发展", "student": "学生全面发展"}
"""Level id → the name used in its annual report title (专业质量年度报告 …)."""

CHARTS: dict[str, tuple[str, ...]] = {
    "diagnosis": ("attainment", "radar", "trend"),
    "annual": ("levels", "trend", "standards", "departments"),
    "annual-level": ("standards", "levels", "trend"),
    "review": ("departments", "reference"),
    "mid-term": ("departments", "levels"),
}
"""Chart names each template kind provides under ``charts`` (an empty text when not drawn),
in the order they appear in the default templates (figure numbers follow it)."""

TEMPLATE_KINDS = tuple(CHARTS)
"""Template kinds: the report kinds, with ``annual-level`` for the per-level annual reports."""

FILL = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE", None: "FFFFFF"}
"""Table-cell shading per band colour (light enough to print and photocopy)."""

BIG_LIST = 24
"""Longest list of departments drawn in one bar chart; beyond it the lowest are shown."""

BAR_LIMIT = 20
"""Most bars of targets or standards in one chart (a taller picture would not fit a page)."""


# ------------------------------------------------------------------ formatting
def pct(value: float | None, digits: int = 1) -> str:
    """0.8534 → ``85.3%``; None → ``—`` (as :func:`zhengai.render.markdown.pct`, without importing Jinja:
    this module also carries the table rules that ``zhengai check`` runs)."""
    return "—" if value is None else f"{value * 100:.{digits}f}%"


def _num(value: float | None, unit: str = "") -> str:
    """93.5 → ``93.5``, with ``%``/``:1`` glued on and other units after a space."""
    if value is None:
        return "—"
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) >= 1000 else f"{value:.4g}"
    if unit in ("%", ":1"):
        return text + unit
    return f"{text} {unit}" if unit else text


def _delta(now: float | None, last: float | None, unit: str = "") -> str:
    """``+1.5 个百分点`` for percentages, ``+12 人`` for counts; ``—`` when either is missing."""
    if now is None or last is None:
        return "—"
    diff = now - last
    if abs(diff) < 1e-9:
        return "持平"
    sign = "+" if diff > 0 else "−"
    if unit == "%":
        return f"{sign}{abs(diff):.1f} 个百分点"
    shown = _num(abs(diff))
    return f"{sign}{shown}{'' if unit in ('', ':1') else ' ' + unit}"


def _change_words(now: float | None, last: float | None) -> str:
    """For sentences: 提高 1.5 个百分点 / 下降 … / 持平 / 无上年数据 (scores 0–1)."""
    if now is None or last is None:
        return "无上年可比数据"
    diff = (now - last) * 100
    if abs(diff) < 0.05:
        return "与上年持平"
    return f"较上年{'提高' if diff > 0 else '下降'} {abs(diff):.1f} 个百分点"


def _score_delta(now: float | None, last: float | None) -> str:
    return _delta(None if now is None else now * 100, None if last is None else last * 100, "%")


def scored(score: float | None, bands: list[Band], prefix: str = "") -> dict[str, Any]:
    """``{score, score_text, band, color, fill}`` of an attainment score (0–1)."""
    band = scoring.band(score, bands)
    return {f"{prefix}score": None if score is None else round(score, 4), f"{prefix}score_text": pct(score),
            f"{prefix}band": band.name if band else "未评", f"{prefix}color": band.color if band else "",
            f"{prefix}fill": FILL[band.color if band else None]}


def _cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _coverage(node: Node) -> str:
    text = f"{node.rollup.scored}/{node.rollup.total}"
    return text + ("（不足40%）" if node.rollup.low_coverage else "")


def _percent(score: float | None) -> float | None:
    return None if score is None else round(score * 100, 2)


# ------------------------------------------------------------------ the result
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
    source: Any = field(default=None, repr=False, compare=False)  # the Diagnosis, for diagnosis.md.j2

    @property
    def template(self) -> str:
        """The template kind: the report kind, or ``annual-level`` for a level's annual report."""
        return "annual-level" if self.kind == "annual" and self.unit != "college" else self.kind

    def fingerprint(self) -> str:
        """SHA-256 of everything the rendered report depends on besides the template."""
        data = {"context": self.context, "charts": [c.to_dict() for c in self.charts], "v": __version__,
                "extra": self.extra}
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


# ------------------------------------------------------------------ workspace
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

        return Diagnoser(self.repo, self.as_of)

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
        """``located`` rolled up in ``assessment`` (default: this year's) over the indexed QC points."""
        return (assessment or self.assessment).standard_node(located, self.qc_ids)

    def level_nodes(self, assessment: Assessment | None = None) -> list[Node]:
        """One node per level in ``assessment`` (default: this year's) over the indexed QC points."""
        return (assessment or self.assessment).level_nodes(self.qc_ids)

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


# ------------------------------------------------------------------ shared parts
def _doc(ws: Workspace, kind: str, title: str, unit_name: str, *, issuer: str, declaration: bool,
         signer: str, subtitle: str = "") -> dict[str, Any]:
    as_of = ws.as_of
    statement = (
        f"本单位郑重承诺：《{title}》所引用的数据均来自本校诊改数据仓库及状态数据采集平台，"
        "报告内容真实、准确、完整，不存在虚报、瞒报、漏报等情况。如有不实，愿承担相应责任。"
    )
    return {
        "kind": kind, "kind_name": KINDS[kind], "title": title, "subtitle": subtitle,
        "institution": ws.config.institution, "unit": unit_name, "year": ws.year,
        "as_of": as_of.isoformat(), "as_of_cn": _cn_date(as_of), "month_cn": f"{as_of.year}年{as_of.month}月",
        "period": f"{ws.config.period.start}—{ws.config.period.end}年", "issuer": issuer,
        "generator": f"zhengai {__version__}", "declaration": declaration, "declaration_text": statement,
        "signer": signer,
    }


def _bands(ws: Workspace) -> list[dict[str, Any]]:
    bands = ws.bands
    out = []
    for i, b in enumerate(bands):
        upper = "" if i == 0 else f"且低于 {pct(bands[i - 1].min, 0)}"
        out.append({"name": b.name, "color": b.color, "fill": FILL[b.color],
                    "rule": f"达成度不低于 {pct(b.min, 0)}{upper}" if i < len(bands) - 1 or b.min > 0
                    else f"达成度低于 {pct(bands[i - 1].min, 0)}" if i else "全部"})
    return out


def _method(ws: Workspace) -> list[str]:
    s = ws.config.scoring
    method = {"auto": "有基线时用 progress，否则用 ratio", "ratio": "统一用 ratio", "progress": "统一用 progress"}[s.method]
    scale = "，".join(f"{word} {value:g}" for word, value in s.scale.items())
    return [
        f"定量质控点与指标（指标满足度）：方向向上 ratio = 实际 ÷ 目标，方向向下 ratio = 目标 ÷ 实际；"
        f"progress = (实际 − 基线) ÷ (目标 − 基线)；{method}；"
        + ("允许超额达成。" if s.allow_over else "结果截取到 0—100%。"),
        f"定性质控点（要素符合度）：{scale}；“未评”按缺失处理，不计为 0。",
        "汇总：质控点 → 标准 → 维度 → 层面、指标 → 任务 → 目标，按权重加权平均；缺失值不参与计算，"
        "覆盖不足 40% 的达成度仅供参考。",
        "建设指标完成率 = 截至基准日已到期且已完成的任务数 ÷ 已到期的任务数。",
    ]


def _completion(c: Any) -> dict[str, Any]:
    return {"due": c.due, "done": c.done, "rate": None if c.rate is None else round(c.rate, 4),
            "rate_text": pct(c.rate),
            "by_class": [{"cls": k, "due": d, "done": n, "rate_text": pct(n / d if d else None)}
                         for k, (d, n) in sorted(c.by_class.items())]}


def overall(d: Diagnosis) -> float | None:
    """A department's 综合达成度: the mean of its targets' attainment, else of its standards'."""
    scores = [t["node"].score for t in d.targets if t["node"].score is not None]
    if not scores:
        scores = [s.score for s in d.standards if s.score is not None]
    return sum(scores) / len(scores) if scores else None


def _dept_type(dept: Department) -> str:
    return "二级学院" if dept.type == "academic" else "职能部门"


def dept_summary(ws: Workspace, dept: Department) -> dict[str, Any]:
    """One department's line in the college reports and the index."""
    d = ws.diagnosis(dept)
    done_last = sum(1 for r in d.last_round if r["status"] == "已完成")
    return {
        "id": dept.id, "name": dept.name, "system": d.system, "type": _dept_type(dept),
        "completion": _completion(d.completion), **scored(overall(d), ws.bands),
        "red": d.red, "yellow": d.yellow, "findings": len(d.findings), "targets": len(d.targets),
        "tasks": len(d.tasks), "last_round_total": len(d.last_round), "last_round_done": done_last,
        "behind": sum(1 for a in d.alerts if a.kind == "behind"),
        "overdue": sum(1 for a in d.alerts if a.kind == "overdue"),
    }


def _departments(ws: Workspace) -> list[dict[str, Any]]:
    return [{"no": i, **dept_summary(ws, dept)} for i, dept in enumerate(ws.repo.departments, 1)]


def _dept_bar(rows: list[dict[str, Any]], name: str, title: str, key: str = "score",
              axis: str = "综合达成度（%）") -> ChartSpec | None:
    """Bars per department (the lowest :data:`BIG_LIST` when there are more)."""
    points = [(r["name"], _percent(r[key]) if key == "score" else r[key], r.get("color") or None) for r in rows]
    if not any(v is not None for _, v, _ in points):
        return None
    note = ""
    if len(points) > BIG_LIST:
        points = sorted(points, key=lambda p: (p[1] is None, p[1] if p[1] is not None else 0))[:BIG_LIST]
        note = f"共 {len(rows)} 个部门，图中为达成度最低的 {BIG_LIST} 个。"
    return ChartSpec(name, "bar", title, tuple(p[0] for p in points), (("达成度", tuple(p[1] for p in points)),),
                     tuple(p[2] for p in points), note=note, axis=axis)


def _node_bar(nodes: list[tuple[str, Node]], name: str, title: str) -> ChartSpec | None:
    """Bars of scored roll-ups; the lowest :data:`BAR_LIMIT` when there are more."""
    scored_nodes = [(label, n) for label, n in nodes if n.score is not None]
    if not scored_nodes:
        return None
    notes = []
    if len(scored_nodes) < len(nodes):
        notes.append(f"无数据的 {len(nodes) - len(scored_nodes)} 项未绘出。")
    if len(scored_nodes) > BAR_LIMIT:
        notes.append(f"共 {len(scored_nodes)} 项，图中为达成度最低的 {BAR_LIMIT} 项。")
        lowest = sorted(scored_nodes, key=lambda p: p[1].score)[:BAR_LIMIT]  # type: ignore[arg-type,return-value]
        scored_nodes = [p for p in scored_nodes if p in lowest]
    return ChartSpec(name, "bar", title, tuple(label for label, _ in scored_nodes),
                     (("达成度", tuple(_percent(n.score) for _, n in scored_nodes)),),
                     tuple(n.band.color if n.band else None for _, n in scored_nodes), note="".join(notes))


def _level_scores(ws: Workspace, assessment: Assessment) -> dict[str, Node]:
    return {n.id: n for n in ws.level_nodes(assessment)}


def _level_rows(ws: Workspace) -> list[dict[str, Any]]:
    now, last = _level_scores(ws, ws.assessment), _level_scores(ws, ws.last_assessment)
    rows = []
    for level in ws.config.levels:
        node, before = now.get(level.id), last.get(level.id)
        score = node.score if node else None
        prior = before.score if before else None
        rows.append({"id": level.id, "name": level.name, **scored(score, ws.bands), "last": prior,
                     "last_text": pct(prior), "delta_text": _score_delta(score, prior),
                     "coverage": _coverage(node) if node else "0/0", "source": node.cite if node else ""})
    return rows


def _radar_levels(ws: Workspace, rows: list[dict[str, Any]], name: str, title: str) -> ChartSpec | None:
    if len(rows) < 3 or not any(r["score"] is not None for r in rows):
        return None
    last = _level_scores(ws, ws.last_assessment)
    series = [(f"{ws.as_of.year}年", tuple(_percent(r["score"]) for r in rows))]
    prior = tuple(_percent(last[r["id"]].score) if r["id"] in last else None for r in rows)
    if any(v is not None for v in prior):
        series.append((f"{ws.last_as_of.year}年", prior))
    missing = any(v is None for _, vs in series for v in vs)
    return ChartSpec(name, "radar", title, tuple(r["name"] for r in rows), tuple(series),
                     note="无数据的层面按 0 绘制。" if missing else "")


def _trend(ws: Workspace, name: str, title: str, pick: Any) -> ChartSpec | None:
    """Lines over the history years; ``pick(assessment)`` gives ``[(series name, score)]``."""
    years = ws.history_years
    if len(years) < 2:
        return None
    table: dict[str, dict[int, float | None]] = {}
    for year in years:
        for label, value in pick(ws.assessment_for(year)):
            table.setdefault(label, {})[year] = value
    series = tuple((label, tuple(_percent(by_year.get(y)) for y in years)) for label, by_year in table.items()
                   if sum(v is not None for v in by_year.values()) >= 2)
    if not series:
        return None
    return ChartSpec(name, "trend", title, tuple(str(y) for y in years), series[:8])


def _unique(alerts: Iterable[al.Alert]) -> list[al.Alert]:
    """Alerts without repeats: a task owned by two departments warns in both diagnoses."""
    return list(dict.fromkeys(alerts))


def _finding_row(i: int, f: Finding) -> dict[str, Any]:
    return {"no": i, "code": f.code, "smart": f.smart or "—", "severity": f.severity.label, "subject": f.subject,
            "message": f.message, "where": f"{f.file}:{f.line}" if f.file else "—"}


def _alert_row(i: int, a: al.Alert) -> dict[str, Any]:
    return {"no": i, "level": a.level, "level_name": a.level_name, "fill": FILL[a.level], "kind_name": a.kind_name,
            "subject": a.subject, "message": a.message, "unit": a.unit, "source": a.cite}


def _measure_value(m: Measure, value: float | str | None) -> str:
    if isinstance(value, float):
        return _num(value, m.unit or "")
    return "—" if value is None else str(value)


def _history_value(m: Measure, year: int) -> float | str | None:
    """The latest observation of ``m`` in ``year`` (a value or a conformity word)."""
    points = [p for p in m.history if p.period.end.year == year]
    if not points:
        return None
    latest = points[-1]
    return latest.value if latest.value is not None else latest.conformity


def _measure_rows(ws: Workspace, measures: Iterable[Measure]) -> list[dict[str, Any]]:
    rows = []
    for i, m in enumerate(measures, 1):
        now, last = _history_value(m, ws.year), _history_value(m, ws.year - 1)
        rows.append({
            "no": i, "id": m.id, "name": m.name, "unit": m.unit or "", "period": m.period or "—",
            "target_text": _num(m.target, m.unit or "") if m.judged == "quantitative" else "符合",
            "now_text": _measure_value(m, now), "last_text": _measure_value(m, last),
            "delta_text": _delta(now, last, m.unit or "")
            if isinstance(now, float) and isinstance(last, float) else ("—" if last is None or now is None
                                                                          else ("持平" if now == last else f"{last}→{now}")),
            "actual_text": _measure_value(m, m.actual),
            **scored(m.score, ws.bands), "source": m.obs_cite or m.cite,
        })
    return rows


# ------------------------------------------------------------------ diagnosis
def diagnosis_report(ws: Workspace, dept: Department) -> ReportData:
    """A department's 自我诊改报告 as plain data."""
    d = ws.diagnosis(dept)
    title = f"{dept.name}{ws.year}年度自我诊改报告"
    bands = ws.bands
    score = overall(d)
    targets = [{
        "no": i, "id": t["id"], "statement": t["statement"], "level": t["level"],
        "chain": " → ".join(t["chain"]) or "—", "deadline": t["deadline"] or "—", "source": t["source"],
        **scored(t["node"].score, bands), "coverage": _coverage(t["node"]),
    } for i, t in enumerate(d.targets, 1)]
    standards = [{
        "no": i, "id": s.id, "name": s.name, "source": s.cite, **scored(s.score, bands), "coverage": _coverage(s),
        "low_coverage": s.rollup.low_coverage,
        "dimensions": [{"no": j, "name": dim.name, **scored(dim.score, bands),
                        "item_scores": "；".join(f"{item.name} {pct(item.score)}" for item in dim.children)}
                       for j, dim in enumerate(s.children, 1)],
    } for i, s in enumerate(d.standards, 1)]
    levels = [{"no": i, "id": n.id, "name": n.name, **scored(n.score, bands), "coverage": _coverage(n),
               "source": n.cite} for i, n in enumerate(d.levels, 1)]
    tasks = [{
        "no": i, "id": t["id"], "title": t["title"], "cls": t["class"], "owner": t["owner"] or "—",
        "time_node": t["time_node"] or "—", "state": t["state"] + (f"（{t['completed']}）" if t["completed"] else ""),
        "progress_text": pct(t["progress"], 0), "source": t["source"],
    } for i, t in enumerate(d.tasks, 1)]
    problems = [{"problem": x["problem"], "cause": x["cause"], "measure": x["measure"], "owner": x["owner"] or "—",
                 "time_node": x["time_node"], "status": x["status"], "source": x["source"], "suggested": False}
                for x in d.improvements]
    problems += [{"problem": s["problem"], "cause": s["cause"], "measure": s["measure"], "owner": s["owner"],
                  "time_node": s["time_node"], "status": "建议", "source": s["source"], "suggested": True}
                 for s in d.suggestions]
    for i, row in enumerate(problems, 1):
        row["no"] = i
    last_round = [{"no": i, "problem": x["problem"], "measure": x["measure"], "owner": x["owner"] or "—",
                   "time_node": x["time_node"],
                   "status": x["status"] + (f"（{x['completed']}）" if x["completed"] else ""),
                   "evidence": x["evidence"] or "—", "source": x["source"]} for i, x in enumerate(d.last_round, 1)]
    done_last = sum(1 for r in d.last_round if r["status"] == "已完成")
    summary = [
        f"建设指标完成率 {pct(d.completion.rate)}（到期 {d.completion.due} 项，完成 {d.completion.done} 项）。",
        f"综合达成度 {pct(score)}（{scored(score, bands)['band']}），为本部门各目标达成度的平均值。",
        f"预警：红色 {d.red} 条，黄色 {d.yellow} 条；SMART 问题 {len(d.findings)} 个。",
        f"上一轮改进措施 {len(d.last_round)} 条，已完成 {done_last} 条。",
    ]
    r = {
        "dept": {"id": dept.id, "name": dept.name, "system": d.system, "type": _dept_type(dept),
                 "head": dept.head or "—"},
        "overall": scored(score, bands), "completion": _completion(d.completion), "red": d.red, "yellow": d.yellow,
        "counts": {"targets": len(d.targets), "tasks": len(d.tasks), "measures": len(d.measures),
                   "findings": len(d.findings)},
        "last_round_total": len(d.last_round), "last_round_done": done_last, "summary": summary,
        "targets": targets, "standards": standards, "levels": levels, "tasks": tasks,
        "measures": _measure_rows(ws, d.measures),
        "alerts": [_alert_row(i, a) for i, a in enumerate(d.alerts, 1)],
        "findings": [_finding_row(i, f) for i, f in enumerate(d.findings, 1)],
        "problems": problems, "last_round": last_round, "method": _method(ws),
    }
    nodes = [(f"目标 {t['id']}", t["node"]) for t in d.targets] + [
        (dim.name, dim) for s in d.standards for dim in s.children]
    charts = [
        _node_bar(nodes, "attainment", f"{dept.name}目标与标准达成度"),
        _dims_radar([dim for s in d.standards for dim in s.children], "radar", f"{dept.name}标准各维度达成度"),
        _measure_trend(ws, d.measures, "trend", f"{dept.name}主要指标达成度变化"),
    ]
    doc = _doc(ws, "diagnosis", title, dept.name, issuer=dept.name, declaration=True,
               signer="部门负责人（签字）", subtitle=f"（{ws.year}年度）")
    data = _result("diagnosis", dept.id, title, dept.name, doc, r, charts, ws, score)
    data.extra = json.dumps(d.to_dict(), ensure_ascii=False, sort_keys=True, default=str)
    data.source = d
    return data


def _dims_radar(dims: list[Node], name: str, title: str) -> ChartSpec | None:
    dims = [d for d in dims if d.score is not None]
    if len(dims) < 3:
        return None
    return ChartSpec(name, "radar", title, tuple(d.name for d in dims[:10]),
                     (("达成度", tuple(_percent(d.score) for d in dims[:10])),))


def _measure_trend(ws: Workspace, measures: list[Measure], name: str, title: str) -> ChartSpec | None:
    """Per-year attainment of the measures with at least two years of values."""
    years = ws.history_years
    if len(years) < 2:
        return None
    series = []
    for m in measures:
        values = tuple(_percent(_year_score(ws, m, y)) for y in years)
        if sum(v is not None for v in values) >= 2:
            series.append((m.name, values))
    if not series:
        return None
    series.sort(key=lambda s: -sum(v is not None for v in s[1]))
    return ChartSpec(name, "trend", title, tuple(str(y) for y in years), tuple(series[:6]))


def _year_score(ws: Workspace, m: Measure, year: int) -> float | None:
    value = _history_value(m, year)
    if value is None:
        return None
    if isinstance(value, str):
        located = ws.repo.qc_points.get(m.id)
        scale = (located.item.scale if located else None) or ws.config.scoring.scale
        return scoring.conformity(value, scale) if value in scale or value == scoring.NOT_RATED else None
    if m.target is None:
        return None
    s = ws.config.scoring
    return scoring.quantitative(value, m.target, baseline=m.baseline, direction=m.direction, method=s.method,
                                allow_over=s.allow_over)[0]


def _result(kind: str, unit: str, title: str, unit_name: str, doc: dict[str, Any], r: dict[str, Any],
            charts: list[ChartSpec | None], ws: Workspace, score: float | None) -> ReportData:
    kept = {c.name: c for c in charts if c is not None}
    data = ReportData(kind, unit, title, {}, [], scored(score, ws.bands), unit_name)
    names = CHARTS[data.template]
    data.charts = [kept[n] for n in names if n in kept]
    # Figure numbers follow the order of the charts in the default template.
    fig = {n: "" for n in names}
    for i, chart in enumerate(data.charts, 1):
        fig[chart.name] = f"图{i}　{chart.title}"
    data.context = {"doc": doc, "r": r, "bands": _bands(ws), "fig": fig}
    return data


# ------------------------------------------------------------------ annual
def annual_units(ws: Workspace) -> list[str]:
    """``college`` plus every configured level except the school level (the college's own)."""
    return ["college", *(lv.id for lv in ws.config.levels if lv.id != "school")]


def level_report_name(level_id: str, level_name: str) -> str:
    """专业 → 专业质量年度报告; unknown levels use their configured name."""
    return f"{LEVEL_REPORT_NAMES.get(level_id, level_name)}质量年度报告"


def annual_report(ws: Workspace, unit: str = "college") -> ReportData:
    """The 质量年度报告 of the college (``unit="college"``) or of one level."""
    if unit == "college":
        return _college_annual(ws)
    level = next((lv for lv in ws.config.levels if lv.id == unit), None)
    if level is None:
        known = "、".join(annual_units(ws))
        raise RepositoryError(f"没有层面“{unit}”；可用的年度报告单位：{known}。")
    return _level_annual(ws, level.id, level.name)


def _college_annual(ws: Workspace) -> ReportData:
    repo, bands = ws.repo, ws.bands
    institution = ws.config.institution
    title = f"{institution}{ws.year}年质量年度报告"
    levels = _level_rows(ws)
    standards = _standard_rows(ws, list(repo.standards.values()))
    departments = _departments(ws)
    # School-level measures with data (the built-in reference table adds 37 points that a
    # college rarely observes directly; listing them empty would bury the real indicators).
    measures = [m for ident, m in ws.assessment.measures.items()
                if _is_school_measure(ws, ident) and (m.history or ident in ws.repo.indicator_owner)]
    tables, checks = _tables(ws)
    completion = ws.assessment.completion(repo.tasks)
    school = next((r for r in levels if r["id"] == "school"), None)
    scored_levels = [r["score"] for r in levels if r["score"] is not None]
    college_score = sum(scored_levels) / len(scored_levels) if scored_levels else None
    red = sum(d["red"] for d in departments)
    yellow = sum(d["yellow"] for d in departments)
    last_total = sum(d["last_round_total"] for d in departments)
    last_done = sum(d["last_round_done"] for d in departments)
    summary = [
        f"五个层面的平均达成度为 {pct(college_score)}（{scored(college_score, bands)['band']}）"
        + (f"，其中学校层面 {school['score_text']}，{_change_words(school['score'], school['last'])}。"
           if school else "。"),
        f"全校年度重点工作任务建设指标完成率 {pct(completion.rate)}（到期 {completion.due} 项，完成 {completion.done} 项）。",
        f"各部门共有红色预警 {red} 条、黄色预警 {yellow} 条。",
        f"上一轮改进措施 {last_total} 条，已完成 {last_done} 条（{pct(last_done / last_total if last_total else None)}）。",
    ]
    if checks:
        summary.append(f"年报数据表交叉核验发现 {len(checks)} 处不一致，见“数据核验”。")
    reds = [{**_alert_row(0, a), "no": i} for i, a in enumerate(
        _unique(a for dept in repo.departments for a in ws.diagnosis(dept).alerts if a.level == "red"), 1)]
    r = {
        "overview": _overview(ws), "summary": summary, "levels": levels, "standards": standards,
        "departments": departments, "completion": _completion(completion),
        "measures": _measure_rows(ws, measures), "tables": tables, "checks": checks,
        "red_alerts": reds[:50], "red_more": max(0, len(reds) - 50),
        "improvements": {"total": last_total, "done": last_done,
                         "rate_text": pct(last_done / last_total if last_total else None)},
        "last_year": ws.last_as_of.year, "method": _method(ws),
    }
    charts = [
        _radar_levels(ws, levels, "levels", "五横层面达成度（本年与上年）"),
        _node_bar([(s.item.title.removeprefix(institution), n) for s in repo.standards.values()
                   if (n := ws.standard_node(s)) is not None], "standards", "各层面标准达成度"),
        _dept_bar(departments, "departments", "各部门综合达成度"),
        _trend(ws, "trend", "五横层面达成度变化", lambda a: [(n.name, n.score) for n in ws.level_nodes(a)]),
    ]
    doc = _doc(ws, "annual", title, institution, issuer=institution, declaration=True,
               signer="学校法定代表人（签字）", subtitle=f"（{ws.year}年度）")
    return _result("annual", "college", title, institution, doc, r, charts, ws, college_score)


def _overview(ws: Workspace) -> dict[str, Any]:
    repo = ws.repo
    depts = repo.departments
    programs = [p for d in depts for p in d.programs]
    return {
        "departments": len(depts), "academic": sum(1 for d in depts if d.type == "academic"),
        "functional": sum(1 for d in depts if d.type != "academic"), "programs": len(programs),
        "courses": sum(len(p.courses) for p in programs), "plans": len(repo.plans), "targets": len(repo.targets),
        "tasks": len(repo.tasks), "standards": len(repo.standards), "qc_points": len(repo.qc_points),
        "indicators": len(repo.indicators), "observations": len(repo.observations),
    }


def _is_school_measure(ws: Workspace, ident: str) -> bool:
    """QC points of school-level standards and indicators of master-plan targets."""
    repo = ws.repo
    if ident in repo.qc_context:
        return repo.qc_context[ident].standard.level == "school"
    owner = repo.indicator_owner.get(ident)
    located = repo.targets.get(owner or "")
    return located is not None and getattr(located.file.model, "type", "") == "master"


def _standard_rows(ws: Workspace, standards: list[Located[Any]]) -> list[dict[str, Any]]:
    levels = {lv.id: lv.name for lv in ws.config.levels}
    rows = []
    for i, located in enumerate(standards, 1):
        node = ws.standard_node(located)
        before = ws.standard_node(located, ws.last_assessment)
        if node is None:
            continue
        last = {d.id: d for d in before.children} if before else {}
        rows.append({
            "no": i, "id": node.id, "name": node.name, "level": levels.get(located.item.level, located.item.level),
            **scored(node.score, ws.bands), "last_text": pct(before.score if before else None),
            "delta_text": _score_delta(node.score, before.score if before else None), "coverage": _coverage(node),
            "source": node.cite,
            "dimensions": [{
                "no": j, "name": dim.name, **scored(dim.score, ws.bands),
                "last_text": pct(last[dim.id].score if dim.id in last else None),
                "delta_text": _score_delta(dim.score, last[dim.id].score if dim.id in last else None),
                "coverage": _coverage(dim),
                "item_scores": "；".join(f"{item.name} {pct(item.score)}" for item in dim.children),
            } for j, dim in enumerate(node.children, 1)],
        })
    for i, row in enumerate(rows, 1):
        row["no"] = i
    return rows


def _level_annual(ws: Workspace, level_id: str, level_name: str) -> ReportData:
    repo, bands = ws.repo, ws.bands
    report_name = level_report_name(level_id, level_name)
    title = f"{ws.config.institution}{ws.year}年{report_name}"
    located = [s for s in repo.standards.values() if s.item.level == level_id]
    standards = _standard_rows(ws, located)
    qc_ids = [q for q, ctx in repo.qc_context.items() if ctx.standard.level == level_id]
    target_ids = [t for t, loc in repo.targets.items() if loc.item.level == level_id]
    ind_ids = [i for i, owner in repo.indicator_owner.items() if owner in set(target_ids)]
    measures = [ws.assessment.measures[m] for m in [*qc_ids, *ind_ids] if m in ws.assessment.measures]
    owners = sorted({o for q in qc_ids for o in repo.qc_points[q].item.owner}
                    | {o for t in target_ids for o in repo.targets[t].item.owner})
    names = list(dict.fromkeys((d.name if (d := repo.department(o)) else o) for o in owners))
    targets = []
    for i, ident in enumerate(target_ids, 1):
        loc = repo.targets[ident]
        node = ws.assessment.target_node(ident)
        targets.append({"no": i, "id": ident, "statement": loc.item.statement,
                        "owner": "、".join(loc.item.owner) or "—", "deadline": loc.item.deadline or "—",
                        **scored(node.score, bands), "coverage": _coverage(node), "source": loc.cite()})
    unit = names[0] if len(names) == 1 else "相关部门"
    alerts = sorted([*al.below_band(measures, unit), *al.missing_data(ws.assessment, measures, unit),
                     *al.out_of_control(measures, unit)],
                    key=lambda a: (0 if a.level == "red" else 1, a.kind))
    level_node = _level_scores(ws, ws.assessment).get(level_id)
    last_node = _level_scores(ws, ws.last_assessment).get(level_id)
    score = level_node.score if level_node else None
    prior = last_node.score if last_node else None
    summary = [
        f"{level_name}层面达成度 {pct(score)}（{scored(score, bands)['band']}），上年 {pct(prior)}，"
        f"{_change_words(score, prior)}。",
        f"本层面有标准 {len(standards)} 项、质控点 {len(qc_ids)} 个、规划目标 {len(targets)} 个，"
        f"涉及部门：{'、'.join(names) or '—'}。",
        f"本层面预警 {len(alerts)} 条（红色 {sum(a.level == 'red' for a in alerts)} 条）。",
    ]
    teachers = _teacher_section(ws) if level_id == "teacher" else None
    survey = _survey_section(ws) if level_id == "student" else None
    if teachers:
        summary.append(f"制定三年发展规划的教师 {teachers['teachers']} 人，“双师型”占 {teachers['double_qualified']['share_text']}，"
                       f"年度自测自诊完成 {teachers['self_assessed']['share_text']}，见“教师发展概况”。")
    if survey:
        summary.append(f"{survey['year']}年学生发展自测收回答卷 {survey['respondents']} 份、有效 {survey['valid']} 份，"
                       f"总分均值 {survey['overall']['mean_text']} 分（标准线 {survey['overall']['line_text']} 分），"
                       "见“学生发展自测”。")
    r = {
        "level": {"id": level_id, "name": level_name, "report_name": report_name},
        **scored(score, bands), "last_text": pct(prior), "delta_text": _score_delta(score, prior),
        "summary": summary, "standards": standards, "targets": targets, "measures": _measure_rows(ws, measures),
        "alerts": [_alert_row(i, a) for i, a in enumerate(alerts, 1)], "departments": "、".join(names) or "—",
        "last_year": ws.last_as_of.year, "method": _method(ws), "teachers": teachers, "survey": survey,
    }
    dims = [dim for s in located if (n := ws.standard_node(s)) for dim in n.children]

    def pick(assessment: Assessment) -> list[tuple[str, float | None]]:
        node = _level_scores(ws, assessment).get(level_id)
        dims = [(dim.name, dim.score) for s in located if (n := ws.standard_node(s, assessment)) for dim in n.children]
        return [(f"{level_name}层面", node.score if node else None), *dims]

    charts = [
        _node_bar([(dim.name, dim) for s in located
                   if (n := ws.standard_node(s)) for dim in n.children],
                  "standards", f"{level_name}层面标准各维度达成度"),
        _dims_radar(dims, "levels", f"{level_name}层面各维度达成度"),
        _trend(ws, "trend", f"{level_name}层面达成度变化", pick),
    ]
    doc = _doc(ws, "annual", title, f"{ws.config.institution}{level_name}层面", issuer=ws.config.institution,
               declaration=False, signer="", subtitle=f"（{ws.year}年度）")
    return _result("annual", level_id, title, report_name, doc, r, charts, ws, score)


# ------------------------------------------------------------------ people sections
def _score_text(value: float | None) -> str:
    """A 0–100 self-test score with two decimals (as the survey reports), ``—`` when missing."""
    return "—" if value is None else f"{value:.2f}"


def _change_text(value: float | None) -> str:
    return "—" if value is None else f"{value:+.2f}"


def _teacher_section(ws: Workspace) -> dict[str, Any] | None:
    """教师发展概况 of the whole college from the teacher plans (None when there are none)."""
    from zhengai.score.teachers import teacher_plans, team_view

    plans = teacher_plans(ws.repo)
    if not plans:
        return None
    t = team_view(ws.repo, None, ws.as_of, ws.year)
    n = t["teachers"]
    folders = sorted({Path(p.file.rel).parent.as_posix() + "/" for p in plans})
    dq, sa, targets = t["double_qualified"], t["self_assessed"], t["targets"]
    return {
        "teachers": n,
        "tiers": [{"tier": tier, "count": count, "share_text": pct(count / n if n else None),
                   "goal": t["tier_goals"].get(tier, 0)} for tier, count in t["tiers"].items()],
        "double_qualified": {"count": dq["count"], "share": dq["share"], "share_text": pct(dq["share"])},
        "self_assessed": {"count": sa["count"], "share": sa["share"], "share_text": pct(sa["share"]),
                          "missing": "、".join(sa["missing"])},
        "dimensions": [{"no": i, "name": d["name"], "scored": d["scored"], "mean": d["mean"],
                        "mean_text": _score_text(d["mean"]), "below": d["below"], "below_text": pct(d["below"])}
                       for i, d in enumerate(t["dimensions"], 1)],
        "targets": {"due": targets["due"], "done": targets["done"], "overdue": targets["overdue"],
                    "rate_text": pct(targets["rate"])},
        "alerts": {"red": t["alerts"]["red"], "yellow": t["alerts"]["yellow"]},
        "source": "、".join(folders),
    }


def _survey_entry(ws: Workspace, year: int) -> SurveyFile | None:
    return next((s for s in ws.config.surveys if s.year == year), None)


def _survey_section(ws: Workspace) -> dict[str, Any] | None:
    """学生发展自测 of the report year's responses file declared in ``zhengai.yaml`` ``surveys``
    (None when the year has none), compared with the previous year's file when declared.

    Raises :class:`RepositoryError` when a declared file or instrument cannot be used.
    """
    entry = _survey_entry(ws, ws.year)
    if entry is None:
        return None
    from zhengai.survey.groups import compare
    from zhengai.survey.instrument import SurveyError, resolve_instrument
    from zhengai.survey.quality import ISSUE_NAMES
    from zhengai.survey.responses import read_responses
    from zhengai.survey.run import score_responses

    root = ws.repo.root or Path(".")
    before = _survey_entry(ws, ws.year - 1)
    if before is not None and before.instrument != entry.instrument:
        before = None  # scores of different questionnaires are not comparable
    reading = entry
    try:
        instrument = resolve_instrument(ws.repo, entry.instrument)
        result = score_responses(instrument, read_responses(root / entry.responses, instrument), entry.by)
        if before is not None:
            reading = before
            old = read_responses(root / before.responses, instrument)
            result.previous = score_responses(instrument, old, [b for b in entry.by if b in old.groups])
            compare(result.groups, result.previous.groups)
    except SurveyError as exc:
        raise RepositoryError(f"zhengai.yaml 的 surveys（{reading.year} 年）无法计分：{exc}") from exc
    college = result.college

    def row(d: Any) -> dict[str, Any]:
        return {"name": d.name, "mean": _r2(d.mean), "mean_text": _score_text(d.mean), "line": d.line,
                "line_text": _num(d.line), "below": _r2(d.below, 4), "below_text": pct(d.below),
                "weak": d.mean is not None and d.mean < d.line, "previous_text": _score_text(d.previous),
                "delta_text": _change_text(d.delta)}

    groups = [{"label": g.label, "total": g.total, "valid": g.valid, "mean_text": _score_text(g.overall.mean),
               "below_text": pct(g.overall.below), "weak": "、".join(g.weak) or "—"}
              for g in result.groups[1:]]
    return {
        "year": entry.year,
        "instrument": {"id": instrument.id, "title": instrument.title, "standard": instrument.standard},
        "source": entry.responses, "respondents": result.table.n, "valid": college.valid,
        "excluded": college.excluded,
        "quality": [{"name": ISSUE_NAMES[code], "count": n} for code, n in result.quality.counts().items() if n],
        "overall": row(college.overall), "dimensions": [row(d) for d in college.dimensions],
        "weak": "、".join(college.weak),
        "previous": None if result.previous is None or before is None else {
            "year": before.year, "source": before.responses, "respondents": result.previous.table.n,
            "valid": result.previous.college.valid},
        "groups": groups,
    }


def _r2(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


# ------------------------------------------------------------------ national tables
def _rows(table: Any, last: Any) -> list[dict[str, Any]]:
    rows = []
    for key, info in type(table).model_fields.items():
        if key == "other":
            continue
        unit = (info.json_schema_extra or {}).get("unit", "")
        now = getattr(table, key)
        before = getattr(last, key) if last is not None else None
        if now is None and before is None:
            continue
        # The table has a unit column, so values stay bare; a change of a percentage is in 百分点.
        rows.append({"name": info.description, "unit": unit, "now_text": _num(now),
                     "last_text": _num(before), "delta_text": _delta(now, before, "%" if unit == "%" else "")})
    last_other = {row.name: row for row in getattr(last, "other", [])} if last is not None else {}
    for row in table.other:
        prior: ExtraRow | None = last_other.get(row.name)
        unit = row.unit or ""
        rows.append({"name": row.name, "unit": unit,
                     "now_text": row.text if row.value is None and row.text else _num(row.value),
                     "last_text": (prior.text or _num(prior.value)) if prior else "—",
                     "delta_text": _delta(row.value, prior.value if prior else None, "%" if unit == "%" else "")})
    for i, row in enumerate(rows, 1):
        row["no"] = i
    return rows


def _tables(ws: Workspace) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The five tables of the report year (with last year's values) and their check findings."""
    this, last = ws.tables.get(ws.year), ws.tables.get(ws.year - 1)
    out = []
    for key, (name, _) in TABLES.items():
        table = getattr(this.item, key) if this else None
        prior = getattr(last.item, key) if last else None
        rows = _rows(table, prior) if table is not None else []
        out.append({"key": key, "name": name, "present": bool(rows), "rows": rows,
                    "source": f"{this.file.rel}:{this.file.position('/' + key).line}" if table is not None and this
                    else "—"})
    checks = [_finding_row(i, f) for i, f in enumerate(table_checks(this.file) if this else [], 1)]
    return out, checks





# ------------------------------------------------------------------ review
CONCLUSIONS = ("通过", "基本通过", "限期整改", "数据不足")


def conclusion(row: dict[str, Any]) -> str:
    """复核结论 of one department: 通过 (green, no red warning), 基本通过 (not red, ≤ 2 red
    warnings), 限期整改 (otherwise), 数据不足 (no attainment score)."""
    if row["score"] is None:
        return "数据不足"
    if row["color"] == "green" and row["red"] == 0:
        return "通过"
    if row["color"] in ("green", "yellow") and row["red"] <= 2:
        return "基本通过"
    return "限期整改"


def review_report(ws: Workspace) -> ReportData:
    """The quality office's 校内复核报告 over all departments and the national reference."""
    from zhengai.check.rules import RULES as ALL_RULES

    institution = ws.config.institution
    title = f"{institution}{ws.year}年度内部质量保证体系诊断与改进校内复核报告"
    departments = _departments(ws)
    for row in departments:
        row["conclusion"] = conclusion(row)
        row["conclusion_fill"] = {"通过": FILL["green"], "基本通过": FILL["yellow"], "限期整改": FILL["red"]}.get(
            row["conclusion"], FILL[None])
    counts = {c: sum(1 for d in departments if d["conclusion"] == c) for c in CONCLUSIONS}
    reference, items = _reference_rows(ws)
    by_code: dict[str, int] = {}
    for f in ws.findings:
        by_code[f.code] = by_code.get(f.code, 0) + 1
    rule_titles = {c: r.title for c, r in ALL_RULES.items()}
    findings = [{"no": i, "code": code, "title": rule_titles.get(code, "—"), "count": n}
                for i, (code, n) in enumerate(sorted(by_code.items()), 1)]
    last_total = sum(d["last_round_total"] for d in departments)
    last_done = sum(d["last_round_done"] for d in departments)
    scores = [d["score"] for d in departments if d["score"] is not None]
    mean = sum(scores) / len(scores) if scores else None
    with_data = sum(1 for p in reference if p["measures"])
    summary = [
        f"本次复核覆盖部门 {len(departments)} 个：通过 {counts['通过']} 个，基本通过 {counts['基本通过']} 个，"
        f"限期整改 {counts['限期整改']} 个，数据不足 {counts['数据不足']} 个。",
        f"各部门综合达成度平均为 {pct(mean)}。",
        f"国家诊断项目参考表 {len(reference)} 个诊断点中，有 {with_data} 个有本校数据支撑。",
        f"检查发现问题 {len(ws.findings)} 个（按规则分类见下表）；上一轮改进措施 {last_total} 条，已完成 {last_done} 条。",
    ]
    r = {"summary": summary, "departments": departments, "counts": counts, "reference": reference, "ref_items": items,
         "findings": findings, "findings_total": len(ws.findings),
         "improvements": {"total": last_total, "done": last_done,
                          "rate_text": pct(last_done / last_total if last_total else None)},
         "rules": [
             "通过：综合达成度为“" + ws.bands[0].name + "”档且无红色预警；",
             "基本通过：综合达成度不在最低档且红色预警不超过 2 条；",
             "限期整改：其余情况；数据不足：没有可计算的达成度。",
         ], "method": _method(ws)}
    charts = [
        _dept_bar(departments, "departments", "各部门综合达成度"),
        _node_bar([(i["name"], i["node"]) for i in items if i["node"] is not None], "reference",
                  "国家诊断项目达成度（按数据平台编号关联）") if items else None,
    ]
    for item in items:
        del item["node"]
    doc = _doc(ws, "review", title, institution, issuer=f"{institution}质量保证委员会", declaration=True,
               signer="复核组组长（签字）", subtitle=f"（{ws.year}年度）")
    return _result("review", "college", title, institution, doc, r, charts, ws, mean)


def _reference_rows(ws: Workspace) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The 37 diagnosis points with the measures whose data-platform code matches theirs.

    A measure supports a point when its ``source`` equals one of the point's platform
    codes or lies under it (``7.1`` supports a point citing ``7``).
    """
    from zhengai.load.repository import load_reference_standard

    reference = load_reference_standard()
    sources: list[tuple[str, Measure]] = []
    for ident, m in ws.assessment.measures.items():
        located = ws.repo.qc_points.get(ident) or ws.repo.indicators.get(ident)
        code = getattr(located.item, "source", None) if located else None
        if code:
            sources.append((str(code), m))
    rows: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    for item in reference.items:
        item_scores = []
        for element in item.elements:
            for point in element.points:
                linked = [m for code, m in sources
                          if any(code == p or code.startswith(p + ".") for p in point.platform)]
                values = [m.score for m in linked if m.score is not None]
                score = sum(values) / len(values) if values else None
                if score is not None:
                    item_scores.append(score)
                rows.append({"no": len(rows) + 1, "item": f"{item.id} {item.name}",
                             "element": f"{element.id} {element.name}", "id": point.id, "name": point.name,
                             "platform": "、".join(point.platform) or "—", "measures": len(linked),
                             **scored(score, ws.bands),
                             "evidence": f"{len(linked)} 个质控点/指标" if linked else "无对应数据"})
        mean = sum(item_scores) / len(item_scores) if item_scores else None
        node = Node(item.id, item.name, "item", scoring.Rollup(mean, len(item_scores), len(item_scores)),
                    scoring.band(mean, ws.bands), "")
        items.append({"id": item.id, "name": f"{item.id} {item.name}", **scored(mean, ws.bands), "node": node})
    return rows, items


# ------------------------------------------------------------------ mid-term
def midterm_report(ws: Workspace) -> ReportData:
    """The June 中期检查 report: progress of every department halfway through the year."""
    repo, bands = ws.repo, ws.bands
    institution = ws.config.institution
    title = f"{institution}{ws.year}年度诊改工作中期检查报告"
    departments = _departments(ws)
    completion = ws.assessment.completion(repo.tasks)
    behind = [_alert_row(i, a) for i, a in enumerate(_unique(
        a for dept in repo.departments for a in ws.diagnosis(dept).alerts if a.kind in ("behind", "overdue")), 1)]
    upcoming: list[dict[str, Any]] = []
    end = dt.date(ws.as_of.year, 12, 31)
    from zhengai.score.assessment import task_due

    for ident, located in repo.tasks.items():
        task = located.item
        if task.status.state in ("done", "dropped"):
            continue
        due = task_due(located, ws.as_of)
        if due is not None and ws.as_of < due <= end:
            owner = "、".join((d.name if (d := repo.department(o)) else o) for o in task.owner) or "—"
            upcoming.append({"id": ident, "title": task.title, "owner": owner, "due": due.isoformat(),
                             "progress_text": pct(task.status.progress, 0), "source": located.cite()})
    upcoming.sort(key=lambda u: (u["due"], u["id"]))
    for i, row in enumerate(upcoming, 1):
        row["no"] = i
    levels = _level_rows(ws)
    scores = [lv["score"] for lv in levels if lv["score"] is not None]
    mean = sum(scores) / len(scores) if scores else None
    summary = [
        f"截至{_cn_date(ws.as_of)}，全校到期任务 {completion.due} 项，已完成 {completion.done} 项，"
        f"建设指标完成率 {pct(completion.rate)}。",
        f"进度落后或逾期的任务 {len(behind)} 项，基准日后至年底到期且尚未完成的任务 {len(upcoming)} 项。",
        f"五个层面当前平均达成度 {pct(mean)}（{scored(mean, bands)['band']}）。",
    ]
    r = {"summary": summary, "completion": _completion(completion), "departments": departments,
         "behind": behind[:80], "behind_more": max(0, len(behind) - 80), "upcoming": upcoming[:80],
         "upcoming_more": max(0, len(upcoming) - 80), "levels": levels, "method": _method(ws)}
    rate_rows = [{**d, "rate_pct": None if d["completion"]["rate"] is None else d["completion"]["rate"] * 100,
                  "color": scored(d["completion"]["rate"], bands)["color"]} for d in departments]
    charts = [
        _dept_bar(rate_rows, "departments", "各部门建设指标完成率", key="rate_pct", axis="建设指标完成率（%）"),
        _radar_levels(ws, levels, "levels", "五横层面当前达成度"),
    ]
    doc = _doc(ws, "mid-term", title, institution, issuer=f"{institution}诊改工作办公室", declaration=False,
               signer="", subtitle=f"（截至{_cn_date(ws.as_of)}）")
    return _result("mid-term", "college", title, institution, doc, r, charts, ws, completion.rate)


# ------------------------------------------------------------------ dispatch
def units(ws: Workspace, kind: str) -> list[str]:
    """The units of one kind: department ids, ``college`` and level ids."""
    if kind == "diagnosis":
        return [d.id for d in ws.repo.departments]
    if kind == "annual":
        return annual_units(ws)
    return ["college"]


def build(ws: Workspace, kind: str, unit: str) -> ReportData:
    """The data of one report (kind × unit)."""
    if kind == "diagnosis":
        dept = ws.repo.department(unit)
        if dept is None:
            raise RepositoryError(f"没有部门“{unit}”。")
        return diagnosis_report(ws, dept)
    if kind == "annual":
        return annual_report(ws, unit)
    if kind == "review":
        return review_report(ws)
    if kind == "mid-term":
        return midterm_report(ws)
    raise RepositoryError(f"未知的报告类型“{kind}”；可选：{'、'.join(KINDS)}。")


__all__ = [
    "CHARTS",
    "KINDS",
    "TABLE_RULES",
    "ReportData",
    "Workspace",
    "annual_report",
    "build",
    "conclusion",
    "dept_summary",
    "diagnosis_report",
    "midterm_report",
    "overall",
    "review_report",
    "table_checks",
    "units",
]
