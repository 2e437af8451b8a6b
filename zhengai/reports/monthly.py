"""``monthly``: each department's 部门月度工作报表 and the college's overview of one month.

The month is the as-of date's (``zhengai report monthly --month 2026-10`` reports at the
month's end).  Everything is read as it stood on that day (:mod:`zhengai.score.progress`):

- **due this month / next month** — the department's tasks of the year whose time node
  falls in the month (done or not) or in the next month (not yet done);
- **this month's progress** — the updates (``status.updates``) dated in the month;
- **one-page plan** — each row against its schedule (:func:`~zhengai.score.progress.row_schedule`):
  expected share, progress, months worked, 落后 by the 进度落后 rule;
- **new warnings** — the department's warnings at the month's end that it did not have at
  the previous month's end (same kind and subject); in January every warning is new;
- **improvement measures due** — the department's measures whose time node falls in the
  month or the next, and those already overdue, not done.
"""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Iterable
from typing import Any

from zhengai.models.config import Department, RepoConfig
from zhengai.models.timeexpr import TimeParseError, parse_time
from zhengai.reports import fields as fs
from zhengai.reports.charts import dept_bar
from zhengai.reports.common import alert_row, doc_header, report_data
from zhengai.reports.kind import Unit
from zhengai.reports.official import checklist_row
from zhengai.reports.text import cn_date, pct
from zhengai.reports.workspace import ReportData, Workspace
from zhengai.score.alerts import TOLERANCE_EPSILON, Alert
from zhengai.score.assessment import cycle_year, task_due
from zhengai.score.diagnosis import Diagnoser, department_scope
from zhengai.score.progress import done_by, month_end, progress_at, scheduled_rows

CLASS_NAMES = {"A": "A类", "B": "B类", "C": "C类"}
_PREVIOUS: weakref.WeakKeyDictionary[Workspace, Diagnoser] = weakref.WeakKeyDictionary()


def month_name(day: dt.date) -> str:
    """``2026年10月``."""
    return f"{day.year}年{day.month}月"


def _span(day: dt.date, months: int = 0) -> tuple[dt.date, dt.date]:
    """First and last day of the month ``months`` after ``day``'s."""
    end = month_end(day.year, day.month + months)
    return end.replace(day=1), end


def _previous(ws: Workspace) -> Diagnoser | None:
    """The diagnoser at the previous month's end (None in January: a new cycle has no earlier warnings)."""
    start, _ = _span(ws.as_of)
    if start.month == 1:
        return None
    if ws not in _PREVIOUS:
        _PREVIOUS[ws] = Diagnoser(ws.repo, start - dt.timedelta(days=1), ws.year)
    return _PREVIOUS[ws]


def _key(a: Alert) -> tuple[str, str]:
    return a.kind, a.subject


def new_alerts(ws: Workspace, dept: Department) -> list[Alert]:
    """The department's warnings at the as-of date it did not have at the previous month's end."""
    now = ws.diagnosis(dept).alerts
    before = _previous(ws)
    if before is None:
        return list(now)
    seen = {_key(a) for a in before.diagnose(dept).alerts}
    return [a for a in now if _key(a) not in seen]


def months_text(months: list[int]) -> str:
    """``[1, 2, 3, 4, 10, 11]`` → ``1—4、10—11月`` (runs of three or more as a range)."""
    runs: list[list[int]] = []
    for m in sorted(set(months)):
        if runs and m == runs[-1][-1] + 1:
            runs[-1].append(m)
        else:
            runs.append([m])
    parts = [f"{r[0]}—{r[-1]}" if len(r) > 2 else "、".join(map(str, r)) for r in runs]
    return "、".join(parts) + "月" if parts else "—"


def _owner(ws: Workspace, owners: list[str]) -> str:
    return "、".join((d.name if (d := ws.repo.department(o)) else o) for o in owners) or "—"


def _task_row(ws: Workspace, located: Any, due: dt.date) -> dict[str, Any]:
    task = located.item
    done = done_by(task, ws.as_of)
    completed = task.status.completed if done else None
    if done:
        state = "延期完成" if completed is not None and completed > due else "已完成"
    else:
        state = "已逾期" if due < ws.as_of else "未完成"
    return {"id": task.id, "title": task.title, "cls": CLASS_NAMES[task.class_], "due": due.isoformat(),
            "due_cn": cn_date(due), "owner": _owner(ws, task.owner), "state": state, "done": done,
            "progress_text": pct(progress_at(task, ws.as_of), 0), "source": located.cite()}


def _number(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for i, row in enumerate(rows, 1):
        row["no"] = i
    return rows


def _measure_due(ws: Workspace, located: Any) -> dt.date | None:
    try:
        return parse_time(located.item.time_node, default_year=ws.year).last_due(month_end(ws.year, 12)) or None
    except TimeParseError:
        return None


def department_month(ws: Workspace, dept: Department) -> dict[str, Any]:
    """``r`` of one department's monthly report (see the module docstring)."""
    repo, as_of = ws.repo, ws.as_of
    start, end = _span(as_of)
    next_start, next_end = _span(as_of, 1)
    scope = department_scope(repo, dept)
    this_month: list[dict[str, Any]] = []
    next_month: list[dict[str, Any]] = []
    progress: list[dict[str, Any]] = []
    for ident in scope.tasks:
        located = repo.tasks[ident]
        task = located.item
        if cycle_year(located) != ws.year or task.status.state == "dropped":
            continue
        due = task_due(located, end)
        if due is not None and start <= due <= end:
            this_month.append(_task_row(ws, located, due))
        elif due is not None and next_start <= due <= next_end and not done_by(task, as_of):
            next_month.append(_task_row(ws, located, due))
        for u in task.status.updates:
            if start <= u.date <= min(end, as_of):
                progress.append({"id": task.id, "title": task.title, "date": u.date.isoformat(),
                                 "date_cn": f"{u.date.month}月{u.date.day}日", "progress_text": pct(u.progress, 0),
                                 "note": u.note or "—", "source": located.cite()})
    this_month.sort(key=lambda r: (r["due"], r["id"]))
    next_month.sort(key=lambda r: (r["due"], r["id"]))
    progress.sort(key=lambda r: (r["date"], r["id"]))
    tolerance = ws.assessment.settings.schedule_tolerance
    schedule: list[dict[str, Any]] = []
    for plan_loc, i, row, s in scheduled_rows(repo, scope.oppms, as_of, ws.year):
        plan = plan_loc.item
        state = "已完成" if s.effective >= 1 - TOLERANCE_EPSILON else (
            "进度落后" if s.behind(tolerance, TOLERANCE_EPSILON) else "正常")
        schedule.append({
            "plan": plan.unit_name or plan.work_name, "id": plan.id, "task_no": row.no, "title": row.title,
            "planned": months_text(row.schedule.planned),
            "actual": months_text([m for m in row.schedule.actual if plan.year < as_of.year or m <= as_of.month]),
            "expected_text": pct(s.expected, 0), "progress_text": pct(s.effective, 0), "worked": s.worked,
            "state": state, "behind": state == "进度落后", "fill": "FFEB9C" if state == "进度落后" else "FFFFFF",
            "source": f"{plan_loc.file.rel}:{plan_loc.file.position(f'/tasks/{i}').line}"})
    alerts = [alert_row(i, a) for i, a in enumerate(new_alerts(ws, dept), 1)]
    measures: list[dict[str, Any]] = []
    for ident in scope.improvements:
        measure_loc = repo.improvements[ident]
        item = measure_loc.item
        due = _measure_due(ws, measure_loc)
        if item.status in ("done", "dropped") or due is None or due > next_end:
            continue
        state = "已逾期" if due < as_of else ("本月到期" if due <= end else "下月到期")
        measures.append({"id": item.id, "problem": item.problem, "measure": item.measure, "due": due.isoformat(),
                         "due_cn": cn_date(due), "owner": _owner(ws, item.owner), "state": state,
                         "source": measure_loc.cite()})
    measures.sort(key=lambda m: (m["due"], m["id"]))
    done = sum(1 for r in this_month if r["done"])
    behind = sum(1 for r in schedule if r["behind"])
    red = sum(1 for a in alerts if a["level"] == "red")
    summary = [
        f"本月到期任务 {len(this_month)} 项，已完成 {done} 项；下月到期且尚未完成的任务 {len(next_month)} 项。",
        f"本月报告进度 {len(progress)} 次；一页纸计划任务 {len(schedule)} 项，其中进度落后 {behind} 项。",
        f"本月新增预警 {len(alerts)} 条（红色 {red} 条、黄色 {len(alerts) - red} 条）；"
        f"须落实的改进措施 {len(measures)} 项。",
    ]
    r_month = month_name(as_of)
    return {"month": r_month, "next_month": month_name(next_start), "summary": summary,
            "this_month": _number(this_month), "next_month_tasks": _number(next_month),
            "progress": _number(progress), "schedule": _number(schedule), "alerts": alerts,
            "measures": _number(measures),
            "counts": {"due": len(this_month), "done": done, "next": len(next_month), "updates": len(progress),
                       "rows": len(schedule), "behind": behind, "alerts": len(alerts), "red": red,
                       "measures": len(measures)},
            "checklist": _silent_rows([dept.name] if not progress and _open_tasks(ws, scope.tasks) else [], r_month)}


def _open_tasks(ws: Workspace, task_ids: Iterable[str]) -> bool:
    """True when one of the year's tasks is still open at the as-of date (so a progress report was due)."""
    for ident in task_ids:
        located = ws.repo.tasks[ident]
        if cycle_year(located) == ws.year and located.item.status.state != "dropped" and not done_by(located.item, ws.as_of):
            return True
    return False


def _silent_rows(names: list[str], month: str) -> list[dict[str, Any]]:
    """编写清单 rows for departments with open tasks that reported no progress in the month (the
    files left out for check errors are added by ``report_data``)."""
    return [checklist_row("本月未报进度", name, f"{month}没有任务进度更新；请部门补报进度后重新生成。") for name in names]


def department_report(ws: Workspace, dept: Department) -> ReportData:
    """One department's 部门月度工作报表."""
    r = department_month(ws, dept)
    title = f"{dept.name}{r['month']}工作报表"
    doc = doc_header(ws, "monthly", title, dept.name, issuer=dept.name, declaration=False, signer="",
                     subtitle=f"（截至{cn_date(ws.as_of)}）")
    return report_data("monthly", dept.id, title, dept.name, doc, r, [], ws, None)


def college_report(ws: Workspace) -> ReportData:
    """The college's overview: every department's month in one table."""
    institution = ws.config.institution
    rows = []
    alerts: list[Alert] = []
    for i, dept in enumerate(ws.repo.departments, 1):
        r = department_month(ws, dept)
        c = r["counts"]
        rate = c["done"] / c["due"] if c["due"] else None
        rows.append({"no": i, "id": dept.id, "name": dept.name, **c, "rate_text": pct(rate, 0) if c["due"] else "—",
                     "rate_pct": None if rate is None else rate * 100,
                     "color": None if rate is None else ("green" if rate >= 1 else "red" if rate < 0.5 else "yellow")})
        alerts += [a for a in new_alerts(ws, dept) if a.level == "red" and a not in alerts]
    month = month_name(ws.as_of)
    total = {k: sum(r[k] for r in rows) for k in ("due", "done", "next", "updates", "behind", "alerts", "red",
                                                  "measures")}
    silent = [r["name"] for r in rows if r["updates"] == 0]
    summary = [
        f"本月全校到期任务 {total['due']} 项，已完成 {total['done']} 项；下月到期且尚未完成的任务 {total['next']} 项。",
        f"各部门本月报告进度 {total['updates']} 次" + (f"，{'、'.join(silent)}本月未报告进度。" if silent else "。"),
        f"一页纸计划任务进度落后 {total['behind']} 项；本月新增预警 {total['alerts']} 条（红色 {total['red']} 条）；"
        f"须落实的改进措施 {total['measures']} 项。",
    ]
    r = {"month": month, "summary": summary, "departments": rows,
         "red_alerts": [alert_row(i, a) for i, a in enumerate(alerts[:80], 1)], "red_more": max(0, len(alerts) - 80),
         "checklist": _silent_rows([d.name for d, row in zip(ws.repo.departments, rows, strict=True)
                                    if row["updates"] == 0 and _open_tasks(ws, department_scope(ws.repo, d).tasks)],
                                   month)}
    title = f"{institution}{month}部门月度工作报表汇总"
    issuer = f"{institution}诊改工作办公室"
    doc = doc_header(ws, "monthly", title, institution, issuer=issuer, declaration=False, signer="",
                     subtitle=f"（截至{cn_date(ws.as_of)}）")
    charts = [dept_bar(rows, "departments", "各部门本月到期任务完成率", key="rate_pct", axis="本月到期任务完成率（%）")]
    return report_data("monthly", "college", title, institution, doc, r, charts, ws, None)


def _month_of(config: RepoConfig, year: int, as_of: dt.date | None) -> dt.date:
    return as_of if as_of is not None else dt.date(year, 12, 31)


def units(config: RepoConfig, year: int, as_of: dt.date | None = None) -> list[Unit]:
    """The college's overview, then one report per department, of the as-of date's month."""
    month = month_name(_month_of(config, year, as_of))
    found = [Unit("college", f"{config.institution}（{month}）", f"{config.institution}{month}部门月度工作报表汇总")]
    found += [Unit(d.id, f"{d.name}（{month}）", f"{d.name}{month}工作报表") for d in config.departments]
    return found


def template_for(unit: str) -> str:
    """The overview's template, or a department's."""
    return "monthly-college" if unit == "college" else "monthly"


def build(ws: Workspace, unit: str) -> ReportData:
    """The overview (``college``) or a department's report."""
    if unit == "college":
        return college_report(ws)
    dept = ws.repo.department(unit)
    if dept is None:
        from zhengai.load.repository import RepositoryError

        raise RepositoryError(f"没有部门“{unit}”。")
    return department_report(ws, dept)


TASK = {"no": "序号", "id": "任务标识（工作底稿）", "title": "任务名称", "cls": "任务类别", "due": "时间节点",
        "due_cn": "时间节点（中文）", "owner": "责任部门", "state": "状态：已完成、延期完成、已逾期、未完成",
        "done": "是否已完成", "progress_text": "进度", "source": "来源"}
COUNTS = {"due": "本月到期任务数", "done": "其中已完成", "next": "下月到期未完成任务数", "updates": "本月进度报告次数",
          "rows": "一页纸计划任务数", "behind": "进度落后数", "alerts": "本月新增预警数", "red": "其中红色",
          "measures": "须落实的改进措施数"}
R_DEPT = {
    "month": "月份，如 2026年10月", "next_month": "下一个月份", "summary": ["本月概况（逐条）"],
    "this_month": [TASK], "next_month_tasks": [TASK],
    "progress": [{"no": "序号", "id": "任务标识", "title": "任务名称", "date": "日期", "date_cn": "日期（中文）",
                  "progress_text": "进度", "note": "进展说明", "source": "来源"}],
    "schedule": [{"no": "序号", "plan": "一页纸计划（专业名称或工作名称）", "id": "计划标识", "task_no": "任务序号",
                  "title": "主要任务", "planned": "计划月份", "actual": "实际实施月份（截至本月）",
                  "expected_text": "按计划应完成", "progress_text": "实际进度（含已实施月份）", "worked": "已实施月数",
                  "state": "正常、进度落后、已完成", "behind": "是否进度落后", "fill": "底纹颜色", "source": "来源"}],
    "alerts": [fs.ALERT],
    "measures": [{"no": "序号", "id": "改进措施标识", "problem": "问题", "measure": "改进措施", "due": "时间节点",
                  "due_cn": "时间节点（中文）", "owner": "责任部门", "state": "已逾期、本月到期、下月到期",
                  "source": "来源"}],
    "counts": COUNTS, "checklist": fs.CHECKLIST,
}
R_COLLEGE = {
    "month": "月份", "summary": ["全校概况（逐条）"],
    "departments": [{"no": "序号", "id": "部门标识", "name": "部门", **COUNTS, "rate_text": "本月到期任务完成率",
                     "rate_pct": "完成率（百分数）", "color": "颜色"}],
    "red_alerts": [fs.ALERT], "red_more": "未列出的红色预警数", "checklist": fs.CHECKLIST,
}
FIELDS = {"monthly": R_DEPT, "monthly-college": R_COLLEGE}
"""Template id → what ``r`` holds."""

__all__ = ["FIELDS", "build", "college_report", "department_month", "department_report", "month_name", "new_alerts",
           "template_for", "units"]
