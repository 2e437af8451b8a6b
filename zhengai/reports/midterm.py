"""``mid-term``: the June 中期检查 of progress across all departments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zhengai.models.config import RepoConfig
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
from zhengai.reports.text import cn_date, pct, scored
from zhengai.reports.workspace import ReportData, Workspace
from zhengai.score.assessment import task_due


def midterm_report(ws: Workspace) -> ReportData:
    """The June 中期检查 report: progress of every department halfway through the year."""
    repo, bands = ws.repo, ws.bands
    institution = ws.config.institution
    title = f"{institution}{ws.year}年度诊改工作中期检查报告"
    departments = department_rows(ws)
    completion = ws.assessment.completion(repo.tasks)
    behind = [alert_row(i, a) for i, a in enumerate(unique_alerts(
        a for dept in repo.departments for a in ws.diagnosis(dept).alerts if a.kind in ("behind", "overdue")), 1)]
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
        f"进度落后或逾期的任务 {len(behind)} 项，基准日后至年底到期且尚未完成的任务 {len(upcoming)} 项。",
        f"五个层面当前平均达成度 {pct(mean)}（{scored(mean, bands)['band']}）。",
    ]
    r = {"summary": summary, "completion": completion_row(completion), "departments": departments,
         "behind": behind[:80], "behind_more": max(0, len(behind) - 80), "upcoming": upcoming[:80],
         "upcoming_more": max(0, len(upcoming) - 80), "levels": levels, "method": method_notes(ws)}
    rate_rows = [{**d, "rate_pct": None if d["completion"]["rate"] is None else d["completion"]["rate"] * 100,
                  "color": scored(d["completion"]["rate"], bands)["color"]} for d in departments]
    charts = [
        dept_bar(rate_rows, "departments", "各部门建设指标完成率", key="rate_pct", axis="建设指标完成率（%）"),
        radar_levels(ws, levels, "levels", "五横层面当前达成度"),
    ]
    doc = doc_header(ws, "mid-term", title, institution, issuer=f"{institution}诊改工作办公室", declaration=False,
               signer="", subtitle=f"（截至{cn_date(ws.as_of)}）")
    return report_data("mid-term", "college", title, institution, doc, r, charts, ws, completion.rate)


def units(config: RepoConfig, year: int) -> list[Unit]:
    """One report for the college."""
    return [Unit("college", config.institution, f"{config.institution}{year}年度中期检查报告")]


R_FIELDS = {
    "summary": ["总体进展（逐条）"], "completion": fs.COMPLETION, "departments": [fs.DEPT], "behind": [fs.ALERT],
    "behind_more": "未列出的落后任务数",
    "upcoming": [{"no": "序号", "id": "任务标识", "title": "任务名称", "owner": "责任部门", "due": "时间节点",
                  "progress_text": "当前进度", "source": "来源"}],
    "upcoming_more": "未列出的年内待完成任务数", "levels": [fs.LEVEL_ROW], "method": fs.METHOD,
}
"""What ``r`` holds in the mid-term template."""

FIELDS = {"mid-term": R_FIELDS}
"""Template id → what ``r`` holds."""


def build(ws: Workspace, unit: str) -> ReportData:
    """The college's report (the only unit)."""
    return midterm_report(ws)


__all__ = ["FIELDS", "build", "midterm_report", "units"]
