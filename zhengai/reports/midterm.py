"""``mid-term``: the 中期检查 of progress across all departments (June by default).

Every date in its text comes from the as-of date and the college's ``calendar`` in
``zhengai.yaml`` (:func:`next_steps`), and a stated number of tasks behind or overdue is
the number of rows listed: a one-page-plan row and the key task it carries out are one
task (:func:`task_rows`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from zhengai.models.config import Calendar, RepoConfig
from zhengai.reports import fields as fs
from zhengai.reports.charts import dept_bar
from zhengai.reports.common import (
    alert_row,
    completion_row,
    department_rows,
    doc_header,
    level_rows,
    method_notes,
    radar_levels,
    report_data,
    unique_alerts,
)
from zhengai.reports.kind import Unit
from zhengai.reports.official import PLANNING_DATA, checklist_row, coverage_rows, source_appendix
from zhengai.reports.text import cn_date, month_end, pct, scored
from zhengai.reports.workspace import ReportData, Workspace
from zhengai.score.alerts import Alert
from zhengai.score.assessment import task_due


def _task_of(a: Alert) -> str:
    return a.task or f"{a.kind}:{a.subject}"


def task_rows(ws: Workspace, alerts: Iterable[Alert]) -> list[dict[str, Any]]:
    """One row per task behind or overdue (numbered), however many warnings it has.

    A task overdue whose one-page-plan row is also behind schedule is one task, listed
    once as 逾期未完成 with both explanations; a row of a one-page plan that carries out no
    key task is its own task.  Warnings are taken in order, so rows follow the departments.
    """
    grouped: dict[str, list[Alert]] = {}
    for a in alerts:
        grouped.setdefault(_task_of(a), []).append(a)
    rows = []
    for i, (key, found) in enumerate(grouped.items(), 1):
        found.sort(key=lambda a: a.kind != "overdue")  # the overdue warning leads
        row = alert_row(i, found[0])
        located = ws.repo.tasks.get(key)
        if located is not None:
            row["subject"] = f"{located.item.id} {located.item.title}"
            row["name"] = located.item.title
        row["overdue"] = found[0].kind == "overdue"
        row["message"] = "".join(dict.fromkeys(a.message for a in found))
        row["source"] = "；".join(dict.fromkeys(a.cite for a in found))
        rows.append(row)
    return rows


def _dept_task_counts(ws: Workspace, row: dict[str, Any]) -> dict[str, int]:
    """A department's tasks behind (not overdue) and overdue, each task once."""
    dept = ws.repo.department(row["id"])
    if dept is None:
        return {}
    found = task_rows(ws, (a for a in ws.diagnosis(dept).alerts if a.kind in ("behind", "overdue")))
    overdue = sum(1 for r in found if r["overdue"])
    return {"overdue": overdue, "behind": len(found) - overdue}


def _months(months: Iterable[int]) -> str:
    return "、".join(f"{m}月" for m in months)


def next_steps(calendar: Calendar, as_of: dt.date, *, behind: int, upcoming: int, issuer: str) -> list[str]:
    """下一步工作要求, dated from the as-of date and the college's calendar.

    The reply is due at the end of the ``reply_months``-th month after the as-of month; the
    special inspections and the annual diagnosis are named only when still ahead in the year.
    """
    year, month = as_of.year, as_of.month
    steps = []
    if behind:
        due = month_end(year, month + calendar.reply_months)
        steps.append(f"各部门对照进度落后与逾期任务清单，于{cn_date(due)}前提交原因分析与赶进度措施。")
    if upcoming:
        steps.append(f"年底前到期的 {upcoming} 项任务由分管领导按月督办。")
    ahead = sorted(m for m in set(calendar.inspections) if m > month)
    if ahead:
        steps.append(f"{issuer}于{year}年{_months(ahead)}开展专项检查。")
    if calendar.diagnosis > month:
        steps.append(f"{year}年{calendar.diagnosis}月开展年度诊断与校内复核。")
    elif calendar.diagnosis == month:
        steps.append("本月开展年度诊断与校内复核。")
    else:
        steps.append(f"{year + 1}年{calendar.diagnosis}月开展下一年度诊断与校内复核。")
    return steps


def batch_note(config: RepoConfig, as_of: dt.date) -> str | None:
    """One line for the batch summary and index when the report is made outside its month."""
    month = config.calendar.midterm
    if as_of.month == month:
        return None
    return (f"中期检查报告按{month}月中期检查编写，本次基准日为{cn_date(as_of)}，不在{month}月；"
            "报告中的进度、到期任务与下一步时间节点均按基准日计算。")


def midterm_report(ws: Workspace) -> ReportData:
    """The June 中期检查 report: progress of every department halfway through the year."""
    repo, bands = ws.repo, ws.bands
    institution = ws.config.institution
    title = f"{institution}{ws.year}年度诊改工作中期检查报告"
    departments = [{**row, **_dept_task_counts(ws, row)} for row in department_rows(ws)]
    completion = ws.assessment.completion(repo.tasks)
    behind = task_rows(ws, unique_alerts(
        a for dept in repo.departments for a in ws.diagnosis(dept).alerts if a.kind in ("behind", "overdue")))
    overdue = sum(1 for row in behind if row["overdue"])
    upcoming: list[dict[str, Any]] = []
    end = dt.date(ws.as_of.year, 12, 31)

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
    levels = level_rows(ws)
    scores = [lv["score"] for lv in levels if lv["score"] is not None]
    mean = sum(scores) / len(scores) if scores else None
    summary = [
        f"截至{cn_date(ws.as_of)}，全校到期任务 {completion.due} 项，已完成 {completion.done} 项，"
        f"建设指标完成率 {pct(completion.rate)}。",
        f"进度落后或逾期的任务 {len(behind)} 项（逾期未完成 {overdue} 项，未逾期但进度落后 {len(behind) - overdue} 项），"
        f"基准日后至年底到期且尚未完成的任务 {len(upcoming)} 项。",
        f"五个层面当前平均达成度 {pct(mean)}（{scored(mean, bands)['band']}）。",
    ]
    issuer = f"{institution}诊改工作办公室"
    steps = next_steps(ws.config.calendar, ws.as_of, behind=len(behind), upcoming=len(upcoming), issuer=issuer)
    r = {"summary": summary, "next_steps": steps, "completion": completion_row(completion), "departments": departments,
         "behind": behind[:80], "behind_more": max(0, len(behind) - 80), "upcoming": upcoming[:80],
         "upcoming_more": max(0, len(upcoming) - 80), "levels": levels, "method": method_notes(ws),
         "appendix": source_appendix(ws, ws.assessment.measures.values(), others=[PLANNING_DATA]),
         "checklist": _checklist(ws)}
    rate_rows = [{**d, "rate_pct": None if d["completion"]["rate"] is None else d["completion"]["rate"] * 100,
                  "color": scored(d["completion"]["rate"], bands)["color"]} for d in departments]
    charts = [
        dept_bar(rate_rows, "departments", "各部门建设指标完成率", key="rate_pct", axis="建设指标完成率（%）"),
        radar_levels(ws, levels, "levels", "五横层面当前达成度"),
    ]
    doc = doc_header(ws, "mid-term", title, institution, issuer=issuer, declaration=False,
               signer="", subtitle=f"（截至{cn_date(ws.as_of)}）")
    return report_data("mid-term", "college", title, institution, doc, r, charts, ws, completion.rate)


def _checklist(ws: Workspace) -> list[dict[str, Any]]:
    """``r.checklist``: a report made outside the mid-term month, and the levels whose figures
    rest on too few QC points (the files left out for errors are added by ``report_data``)."""
    rows = []
    if (note := batch_note(ws.config, ws.as_of)) is not None:
        rows.append(checklist_row("报告时间", "中期检查报告", note + "定稿前核对正文的时间表述。", "zhengai.yaml: calendar"))
    rows += coverage_rows((f"层面 {n.name}", n) for n in ws.level_nodes(ws.assessment))
    return rows


def units(config: RepoConfig, year: int) -> list[Unit]:
    """One report for the college."""
    return [Unit("college", config.institution, f"{config.institution}{year}年度中期检查报告")]


R_FIELDS = {
    "summary": ["总体进展（逐条）"], "next_steps": ["下一步工作要求（逐条；日期按基准日与 zhengai.yaml 的 calendar 推算）"],
    "completion": fs.COMPLETION, "departments": [fs.DEPT],
    "behind": [{**fs.ALERT, "overdue": "是否逾期（否则为进度落后）"}],
    "behind_more": "未列出的落后任务数",
    "upcoming": [{"no": "序号", "id": "任务标识", "title": "任务名称", "owner": "责任部门", "due": "时间节点",
                  "progress_text": "当前进度", "source": "来源"}],
    "upcoming_more": "未列出的年内待完成任务数", "levels": [fs.LEVEL_ROW], "method": fs.METHOD,
    "appendix": fs.APPENDIX, "checklist": fs.CHECKLIST,
}
"""What ``r`` holds in the mid-term template."""

FIELDS = {"mid-term": R_FIELDS}
"""Template id → what ``r`` holds."""


def build(ws: Workspace, unit: str) -> ReportData:
    """The college's report (the only unit)."""
    return midterm_report(ws)


__all__ = ["FIELDS", "batch_note", "build", "midterm_report", "next_steps", "task_rows", "units"]
