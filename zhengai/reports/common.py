"""Sections and rows several report kinds share: the cover data, the method notes, the
rows of departments, levels, measures, alerts and findings, and :func:`report_data`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from zhengai import __version__
from zhengai.findings import Finding
from zhengai.models.config import Department
from zhengai.reports.charts import ChartSpec, informative, measure_trend
from zhengai.reports.official import excluded_rows, method_words, numbered, plain_subject
from zhengai.reports.registry import KINDS
from zhengai.reports.text import (
    FILL,
    cn_date,
    coverage,
    delta,
    num,
    pct,
    percent,
    score_delta,
    scored,
)
from zhengai.reports.workspace import ReportData, Workspace
from zhengai.score import alerts as al
from zhengai.score.assessment import Assessment, Measure, Node

if TYPE_CHECKING:
    from zhengai.score.diagnosis import Diagnosis


def doc_header(ws: Workspace, kind: str, title: str, unit_name: str, *, issuer: str, declaration: bool,
               signer: str, subtitle: str = "") -> dict[str, Any]:
    """``doc``: what the cover, the declaration page and the closing of every report show."""
    as_of = ws.as_of
    statement = (
        f"本单位郑重承诺：《{title}》所引用的数据均来自本校内部质量保证工作记录及人才培养工作状态数据采集平台，"
        "报告内容真实、准确、完整，不存在虚报、瞒报、漏报等情况。如有不实，愿承担相应责任。"
    )
    return {
        "kind": kind, "kind_name": KINDS[kind].name, "title": title, "subtitle": subtitle,
        "institution": ws.config.institution, "unit": unit_name, "year": ws.year,
        "as_of": as_of.isoformat(), "as_of_cn": cn_date(as_of), "month_cn": f"{as_of.year}年{as_of.month}月",
        "period": f"{ws.config.period.start}—{ws.config.period.end}年", "issuer": issuer,
        "generator": f"zhengai {__version__}", "declaration": declaration, "declaration_text": statement,
        "signer": signer,
    }


def band_rows(ws: Workspace) -> list[dict[str, Any]]:
    """``bands``: the college's scoring bands with their rules in words."""
    bands = ws.bands
    out = []
    for i, b in enumerate(bands):
        upper = "" if i == 0 else f"且低于 {pct(bands[i - 1].min, 0)}"
        out.append({"name": b.name, "color": b.color, "fill": FILL[b.color],
                    "rule": f"达成度不低于 {pct(b.min, 0)}{upper}" if i < len(bands) - 1 or b.min > 0
                    else f"达成度低于 {pct(bands[i - 1].min, 0)}" if i else "全部"})
    return out


def method_notes(ws: Workspace) -> list[str]:
    """``r.method``: how the scores were computed, in formal Chinese (the official documents);
    the formulas with their setting names are :func:`~zhengai.reports.official.method_formulas`."""
    return method_words(ws)


def completion_row(c: Any) -> dict[str, Any]:
    """建设指标完成率 overall and per task class."""
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


def dept_type(dept: Department) -> str:
    """二级学院 or 职能部门."""
    return "二级学院" if dept.type == "academic" else "职能部门"


def dept_summary(ws: Workspace, dept: Department) -> dict[str, Any]:
    """One department's line in the college reports and the index."""
    d = ws.diagnosis(dept)
    done_last = sum(1 for r in d.last_round if r["status"] == "已完成")
    return {
        "id": dept.id, "name": dept.name, "system": d.system, "type": dept_type(dept),
        "completion": completion_row(d.completion), **scored(overall(d), ws.bands),
        "red": d.red, "yellow": d.yellow, "findings": len(d.findings), "targets": len(d.targets),
        "tasks": len(d.tasks), "last_round_total": len(d.last_round), "last_round_done": done_last,
        "behind": sum(1 for a in d.alerts if a.kind == "behind"),
        "overdue": sum(1 for a in d.alerts if a.kind == "overdue"),
    }


def department_rows(ws: Workspace) -> list[dict[str, Any]]:
    """:func:`dept_summary` of every department, numbered in ``zhengai.yaml`` order."""
    return [{"no": i, **dept_summary(ws, dept)} for i, dept in enumerate(ws.repo.departments, 1)]



def level_scores(ws: Workspace, assessment: Assessment) -> dict[str, Node]:
    """Level id → its roll-up in ``assessment``."""
    return {n.id: n for n in ws.level_nodes(assessment)}


def level_rows(ws: Workspace) -> list[dict[str, Any]]:
    """One row per configured level: this year's score, last year's and the change."""
    now, last = level_scores(ws, ws.assessment), level_scores(ws, ws.last_assessment)
    rows = []
    for level in ws.config.levels:
        node, before = now.get(level.id), last.get(level.id)
        score = node.score if node else None
        prior = before.score if before else None
        rows.append({"id": level.id, "name": level.name, **scored(score, ws.bands), "last": prior,
                     "last_text": pct(prior), "delta_text": score_delta(score, prior),
                     "coverage": coverage(node) if node else "0/0", "source": node.cite if node else ""})
    return rows


def radar_levels(ws: Workspace, rows: list[dict[str, Any]], name: str, title: str) -> ChartSpec | None:
    """The levels' scores this year and last on one radar (None with fewer than three levels)."""
    if len(rows) < 3 or not any(r["score"] is not None for r in rows):
        return None
    last = level_scores(ws, ws.last_assessment)
    series = [(f"{ws.as_of.year}年", tuple(percent(r["score"]) for r in rows))]
    prior = tuple(percent(last[r["id"]].score) if r["id"] in last else None for r in rows)
    if any(v is not None for v in prior):
        series.append((f"{ws.last_as_of.year}年", prior))
    missing = any(v is None for _, vs in series for v in vs)
    return ChartSpec(name, "radar", title, tuple(r["name"] for r in rows), tuple(series),
                     note="无数据的层面按 0 绘制。" if missing else "")


def trend_chart(ws: Workspace, name: str, title: str, measures: Iterable[Measure]) -> ChartSpec | None:
    """The measured values of the quantitative ``measures`` over the history years, each
    against its target (:func:`~zhengai.reports.charts.measure_trend`), not their scores:
    a score is capped at 100, so a measure falling from 92 to 78 against a target of 75
    would be a flat line, and a roll-up of scores hides which measure moved."""
    years = ws.history_years
    if len(years) < 2:
        return None
    return measure_trend(name, title, years, (
        (m.name, m.unit or "", m.direction, m.target,
         [v if isinstance(v := history_value(m, y), float) else None for y in years])
        for m in measures if m.judged == "quantitative"))


def unique_alerts(alerts: Iterable[al.Alert]) -> list[al.Alert]:
    """Alerts without repeats: a task owned by two departments warns in both diagnoses."""
    return list(dict.fromkeys(alerts))


def finding_row(i: int, f: Finding) -> dict[str, Any]:
    """A rule finding as a table row."""
    return {"no": i, "code": f.code, "smart": f.smart or "—", "severity": f.severity.label, "subject": f.subject,
            "message": f.message, "where": f"{f.file}:{f.line}" if f.file else "—"}


def alert_row(i: int, a: al.Alert) -> dict[str, Any]:
    """An alert as a table row."""
    return {"no": i, "level": a.level, "level_name": a.level_name, "fill": FILL[a.level], "kind_name": a.kind_name,
            "subject": a.subject, "name": plain_subject(a.subject), "message": a.message, "unit": a.unit,
            "source": a.cite}


def measure_value(m: Measure, value: float | str | None) -> str:
    """A value with the measure's unit, a conformity word as it is."""
    if isinstance(value, float):
        return num(value, m.unit or "")
    return "—" if value is None else str(value)


def history_value(m: Measure, year: int) -> float | str | None:
    """The latest observation of ``m`` in ``year`` (a value or a conformity word)."""
    points = [p for p in m.history if p.period.end.year == year]
    if not points:
        return None
    latest = points[-1]
    return latest.value if latest.value is not None else latest.conformity


def measure_rows(ws: Workspace, measures: Iterable[Measure]) -> list[dict[str, Any]]:
    """One row per measure: this year's and last year's values, the change, the score and source."""
    rows = []
    for i, m in enumerate(measures, 1):
        now, last = history_value(m, ws.year), history_value(m, ws.year - 1)
        rows.append({
            "no": i, "id": m.id, "name": m.name, "unit": m.unit or "", "period": m.period or "—",
            "target_text": num(m.target, m.unit or "") if m.judged == "quantitative" else "符合",
            "now_text": measure_value(m, now), "last_text": measure_value(m, last),
            "delta_text": delta(now, last, m.unit or "")
            if isinstance(now, float) and isinstance(last, float) else ("—" if last is None or now is None
                                                                          else ("持平" if now == last else f"{last}→{now}")),
            "actual_text": measure_value(m, m.actual) + (PROVISIONAL_MARK if m.provisional else ""),
            "actual": m.actual, "target": m.target, "baseline": m.baseline, "method": m.method,
            **scored(m.score, ws.bands), "source": m.obs_cite or m.cite,
            "status": m.status or "", "provisional": m.provisional,
        })
        if m.score is None and m.status:  # say why there is no score: 未到期 / 尚无数据
            rows[-1].update(score_text=m.status, band=m.status)
    return rows


PROVISIONAL_MARK = "＊"
"""After a value whose period had not ended at the as-of date (a mid-year value)."""


def provisional_note(measures: Iterable[Measure], year: int) -> str | None:
    """One sentence on the values still provisional, or None when there are none."""
    count = sum(1 for m in measures if m.provisional and m.score is not None)
    if not count:
        return None
    return (f"标注“{PROVISIONAL_MARK}”的 {count} 项数据所属期间在基准日尚未结束，为截至基准日的数据，"
            f"{year}年度结束后以全年数据为准。")



def report_data(kind: str, unit: str, title: str, unit_name: str, doc: dict[str, Any], r: dict[str, Any],
                charts: list[ChartSpec | None], ws: Workspace, score: float | None) -> ReportData:
    """The :class:`ReportData` of one report: the charts worth drawing (None = not enough
    data; see :func:`~zhengai.reports.charts.informative`) in the order of its template,
    numbered, and the unit's band for the index."""
    template = KINDS[kind].template_for(unit)
    kept = {c.name: c for c in informative(charts)}  # only charts that show what the tables do not
    data = ReportData(kind, unit, title, {}, [], scored(score, ws.bands), unit_name, template=template.id)
    names = template.charts
    data.charts = [kept[n] for n in names if n in kept]
    # Figure numbers follow the order of the charts in the default template.
    fig = {n: "" for n in names}
    for i, chart in enumerate(data.charts, 1):
        fig[chart.name] = f"图{i}　{chart.title}"
    if "checklist" in r:  # every kind's 编写清单 names the files the batch left out (--allow-errors)
        r["checklist"] = numbered(list(r["checklist"]) + excluded_rows(ws.repo.excluded))
    data.context = {"doc": doc, "r": r, "bands": band_rows(ws), "fig": fig}
    return data
