"""``diagnosis``: a department's 自我诊改报告 (the :mod:`zhengai.score.diagnosis` result, flattened).

The same builder writes a program's or course's 自我诊改报告 (kinds ``program`` and
``course``, whose registry entries pass ``scope=``): the unit is scored on its level's
standards and its own series, and its report reads the same data and template.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from zhengai.load.repository import RepositoryError
from zhengai.load.units import Unit as OrgUnit
from zhengai.models.config import Department, RepoConfig
from zhengai.models.duties import Duties
from zhengai.models.tasks import TaskFile
from zhengai.reports import fields as fs
from zhengai.reports.charts import ChartSpec, dims_radar, measure_trend, node_bar
from zhengai.reports.common import (
    alert_row,
    completion_row,
    dept_type,
    doc_header,
    finding_row,
    history_value,
    measure_rows,
    method_notes,
    overall,
    provisional_note,
    report_data,
)
from zhengai.reports.kind import Unit
from zhengai.reports.narratives import SECTION, SectionSpec, sections
from zhengai.reports.official import (
    PLANNING_DATA,
    checklist_row,
    coverage_rows,
    method_formulas,
    numbered,
    pending_sentence,
    problem_split,
    source_appendix,
)
from zhengai.reports.text import coverage, num, pct, scored
from zhengai.reports.workspace import ReportData, Workspace
from zhengai.score.adjustments import FIELD_NAMES
from zhengai.score.assessment import Measure, Node
from zhengai.score.diagnosis import STATE_NAMES, Diagnosis
from zhengai.score.progress import state_at
from zhengai.score.units import qc_ids


def diagnosis_report(ws: Workspace, dept: Department, unit: OrgUnit | None = None) -> ReportData:
    """A department's 自我诊改报告 as plain data; with ``unit``, the program's or course's."""
    d = ws.unit_diagnosis(unit) if unit is not None else ws.diagnosis(dept)
    name = d.subject
    title = f"{name}{ws.year}年度自我诊改报告"
    bands = ws.bands
    score = overall(d)
    numbers = {t["id"]: i for i, t in enumerate(d.targets, 1)}
    targets = [{
        "no": i, "id": t["id"], "statement": t["statement"], "level": t["level"],
        "chain": " → ".join(t["chain"]) or "—", "deadline": t["deadline"] or "未设定", "source": t["source"],
        "parent": _parent_name(ws, t["chain"], numbers),
        **scored(t["node"].score, bands), "coverage": coverage(t["node"]), **_covered(t["node"]),
    } for i, t in enumerate(d.targets, 1)]
    standards = [{
        "no": i, "id": s.id, "name": s.name, "source": s.cite, **scored(s.score, bands), "coverage": coverage(s),
        **_covered(s), "scope_text": _scope_text(ws, s, unit is None),
        "dimensions": [{"no": j, "name": dim.name, **scored(dim.score, bands),
                        "item_scores": "；".join(f"{item.name} {pct(item.score)}" for item in dim.children),
                        "item_rows": [{"name": item.name, "score": _round(item.score)} for item in dim.children]}
                       for j, dim in enumerate(s.children, 1)],
    } for i, s in enumerate(d.standards, 1)]
    levels = [{"no": i, "id": n.id, "name": n.name, **scored(n.score, bands), "coverage": coverage(n),
               **_covered(n), "source": n.cite} for i, n in enumerate(d.levels, 1)]
    tasks = [{
        "no": i, "id": t["id"], "title": t["title"], "cls": t["class"], "owner": t["owner"] or "未明确",
        "time_node": t["time_node"] or "未明确", "state": t["state"] + _on(t["completed"], ws.year),
        "progress_text": pct(t["progress"], 0), "source": t["source"],
    } for i, t in enumerate(d.tasks, 1)]
    # Official 问题与原因 lists the problems analysed in this cycle's improvement records; a red
    # warning nobody analysed yet goes to the working edition with a suggested measure.
    analysed, pending = problem_split(ws, d)
    problems = numbered([{"problem": x["problem"], "cause": x["cause"], "measure": x["measure"],
                          "owner": x["owner"] or "待明确", "time_node": x["time_node"] or "待明确",
                          "status": x["status"], "source": x["source"], "id": x["id"]} for x in analysed])
    suggestion = dict(zip([a for a in d.alerts if a.level == "red"], d.suggestions, strict=True))
    suggestions = numbered([{"problem": suggestion[a]["problem"], "measure": suggestion[a]["measure"],
                             "owner": suggestion[a]["owner"], "time_node": suggestion[a]["time_node"],
                             "source": a.cite} for a in pending])
    last_round = [{"no": i, "problem": x["problem"], "measure": x["measure"], "owner": x["owner"] or "—",
                   "time_node": x["time_node"],
                   "status": x["status"] + _on(x["completed"], ws.year),
                   "evidence": x["evidence"] or "未提交", "source": x["source"]} for i, x in enumerate(d.last_round, 1)]
    done_last = sum(1 for r in d.last_round if r["status"] == "已完成")
    kind_word = "部门" if unit is None else unit.kind_name

    def shown(value: Any, unit: str | None) -> str:
        return num(float(value), unit or "") if isinstance(value, (int, float)) else str(value)

    revisions = [{"no": i, "improvement": a.improvement, "subject": a.name,
                  "change": f"{FIELD_NAMES[a.field]}调整为 {shown(a.value, a.unit)}", "reason": a.reason,
                  "effective": f"{a.effective}年", "state": a.state + (
                      f"（现为 {shown(a.current, a.unit)}）" if a.state == "未调整" and a.current is not None else ""),
                  "source": a.cite} for i, a in enumerate(d.adjustments, 1)]
    summary = [
        f"建设指标完成率 {pct(d.completion.rate)}（到期 {d.completion.due} 项，完成 {d.completion.done} 项）。"
        if d.completion.due else "截至诊断基准日尚无到期的年度重点工作任务。",
        f"综合达成度 {pct(score)}（{scored(score, bands)['band']}），为本{kind_word}{_overall_basis(d)}的平均值。"
        if score is not None else f"本{kind_word}目标尚无可计分的观测数据。",
        f"截至诊断基准日有红色预警 {d.red} 条、黄色预警 {d.yellow} 条。" if d.alerts else "截至诊断基准日无预警。",
        f"上一轮改进措施 {len(d.last_round)} 条，已完成 {done_last} 条。" if d.last_round else "上一轮没有改进措施。",
    ]
    if (note := provisional_note(d.measures, ws.year)) is not None:
        summary.append(note)
    # the unit's own analysis (narratives/<year>/<unit id>/诊断分析.md), placed in 四、诊断
    written, written_rows, _ = sections(ws, unit.id if unit is not None else dept.id, DIAGNOSIS_SECTIONS, {}, {},
                                        depth=3)
    r = {
        "dept": {"id": dept.id, "name": name, "system": d.system,
                 "type": unit.kind_name if unit is not None else dept_type(dept),
                 "head": (dept.head or "—") if unit is None else "—"},
        "unit": None if unit is None else {"kind": unit.kind, "kind_name": unit.kind_name, "id": unit.id,
                                           "name": unit.name, "department": dept.name},
        "overall": scored(score, bands), "completion": completion_row(d.completion), "red": d.red, "yellow": d.yellow,
        "counts": {"targets": len(d.targets), "tasks": len(d.tasks), "measures": len(d.measures),
                   "findings": len(d.findings)},
        "last_round_total": len(d.last_round), "last_round_done": done_last, "summary": summary,
        "targets": targets, "standards": standards, "levels": levels, "tasks": tasks,
        "measures": measure_rows(ws, d.measures),
        "alerts": [alert_row(i, a) for i, a in enumerate(d.alerts, 1)],
        "findings": [finding_row(i, f) for i, f in enumerate(d.findings, 1)],
        "problems": problems, "suggestions": suggestions, "pending": len(pending),
        "pending_sentence": pending_sentence(ws, len(pending)),
        "last_round": last_round, "adjustments": revisions, "duties": _duties(ws, dept) if unit is None else None,
        "method": method_notes(ws),
        "method_formulas": method_formulas(ws),
        "appendix": source_appendix(ws, d.measures, others=[PLANNING_DATA]),
        "checklist": _checklist(d, problems, suggestions) + written_rows,
        "sections": written,
        "settings": {"method": ws.config.scoring.method, "allow_over": ws.config.scoring.allow_over,
                     "scale": [{"word": w, "value": v} for w, v in ws.config.scoring.scale.items()], "bands": [{"name": b.name, "min": b.min} for b in bands]},
    }
    nodes = [(t["node"].name, t["node"]) for t in d.targets] + [
        (dim.name, dim) for s in d.standards for dim in s.children]
    charts = [
        node_bar(nodes, "attainment", f"{name}目标与标准达成度"),
        dims_radar([dim for s in d.standards for dim in s.children], "radar", f"{name}标准各维度达成度"),
        _measure_trend(ws, d.measures, "trend", f"{name}主要指标实测值变化"),
    ]
    kind = unit.kind if unit is not None else "diagnosis"
    signer = "部门负责人（签字）" if unit is None else f"{unit.kind_name}负责人（签字）"
    doc = doc_header(ws, kind, title, name, issuer=dept.name, declaration=True, signer=signer,
                     subtitle=f"（{ws.year}年度）")
    data = report_data(kind, unit.id if unit is not None else dept.id, title, name, doc, r, charts, ws, score)
    data.extra = json.dumps(d.to_dict(), ensure_ascii=False, sort_keys=True, default=str)
    data.source = d
    return data



def _duties(ws: Workspace, dept: Department) -> dict[str, Any] | None:
    """``r.duties``: how the department's duties were carried out this year (部门职责 → 岗位工作 →
    the tasks of the year that name the work item in ``work_items``), and what is not covered;
    None when the department has no duties file.

    A duties file is the department's when one of its owners is the department, or, without
    owners, when it lies in the department's folder.
    """
    repo = ws.repo
    folder = repo.department_folder(dept)
    files = [f for f in repo.files if isinstance(f.model, Duties) and (
        any(repo.department(o) is dept for o in f.model.owner)
        or (not f.model.owner and folder is not None and repo.department_of_path(f.path) is dept))]
    if not files:
        return None
    carried: dict[str, list[dict[str, Any]]] = {}
    for located in repo.tasks.values():
        model = located.file.model
        task = located.item
        if not isinstance(model, TaskFile) or model.year != ws.year:
            continue
        state, progress = state_at(task, ws.as_of)  # as it stood on the as-of date, as in the task table
        row = {"id": task.id, "title": task.title, "cls": task.class_, "source": located.cite(),
               "state": STATE_NAMES[state], "progress_text": pct(progress, 0)}
        for ref in task.work_items:
            carried.setdefault(ref, []).append(row)
    rows: list[dict[str, Any]] = []
    gaps: list[dict[str, Any]] = []
    duties = items = with_task = 0
    no_standard: list[str] = []
    no_post: list[str] = []
    no_task: list[str] = []
    empty: list[str] = []
    for source in files:
        assert isinstance(source.model, Duties)
        for duty in source.model.duties:
            duties += 1
            cite = repo.duties[duty.id].cite() if duty.id in repo.duties else source.rel
            if not duty.items:
                empty.append(duty.title)
                gaps.append({"kind": "职责未具体化", "name": duty.title, "id": duty.id, "source": cite})
                rows.append({"duty": duty.title, "duty_id": duty.id, "type": duty.type or "", "first": True,
                             "content": "尚未具体化为岗位工作", "id": "", "post": "未明确", "office": "",
                             "standard": "未制定",
                             "tasks": "无", "task_ids": "", "state": "—", "progress": "—", "source": cite})
                continue
            for i, work in enumerate(duty.items):
                items += 1
                tasks = carried.get(work.id, [])
                with_task += bool(tasks)
                found = repo.work_items.get(work.id)
                where = found.cite() if found is not None and found.item is work else source.rel
                for missing, names, kind in ((not work.standard, no_standard, "无工作标准"),
                                             (not (work.post or work.office), no_post, "无责任岗位"),
                                             (not tasks, no_task, "无任务落实")):
                    if missing:
                        names.append(work.content)
                        gaps.append({"kind": kind, "name": work.content, "id": work.id, "source": where})
                rows.append({
                    "duty": duty.title, "duty_id": duty.id, "type": duty.type or "", "first": i == 0,
                    "content": work.content, "id": work.id, "post": work.post or work.office or "未明确",
                    "office": work.office or "", "standard": work.standard or "未制定",
                    "tasks": "；".join(t["title"] for t in tasks) or "无",
                    "task_ids": "、".join(f"{t['id']}（{t['cls']} 类）" for t in tasks),
                    "state": "；".join(t["state"] for t in tasks) or "—",
                    "progress": "；".join(t["progress_text"] for t in tasks) or "—",
                    "source": where,
                })
    share = pct(with_task / items, 0) if items else "—"
    summary = (f"部门职责 {duties} 项，具体化为岗位工作 {items} 项，其中本年度有任务落实的 {with_task} 项（{share}）。"
               if items else f"部门职责 {duties} 项，尚未具体化为岗位工作。")

    def listed(words: list[str]) -> str:
        return "、".join(f"“{w}”" for w in words)

    coverage_lines = [line for line in (
        f"尚未具体化为岗位工作的职责 {len(empty)} 项：{listed(empty)}。" if empty else "",
        f"缺少工作标准的岗位工作 {len(no_standard)} 项：{listed(no_standard)}。" if no_standard else "",
        f"未明确责任岗位的岗位工作 {len(no_post)} 项：{listed(no_post)}。" if no_post else "",
        f"本年度没有任务落实的岗位工作 {len(no_task)} 项：{listed(no_task)}。" if no_task else "",
    ) if line]
    if not coverage_lines:
        coverage_lines = ["各项职责均已具体化，岗位工作均有工作标准、责任岗位和本年度任务落实。"]
    return {"summary": summary, "coverage": coverage_lines, "rows": rows, "gaps": numbered(gaps),
            "counts": {"duties": duties, "items": items, "with_task": with_task, "no_standard": len(no_standard),
                       "no_post": len(no_post), "no_task": len(no_task), "empty": len(empty)}}


def _overall_basis(d: Diagnosis) -> str:
    """What :func:`overall` averaged: the targets when any has a score, else the standards
    (a program or course without targets of its own is judged on its 专业/课程标准)."""
    if any(t["node"].score is not None for t in d.targets):
        return "各目标达成度"
    return "对照的各项标准达成度"


def _scope_text(ws: Workspace, node: Node, department: bool) -> str:
    """``本部门负责其中 5 个质控点（该标准共 19 个）`` when a department sees part of a shared standard,
    so that its score never reads as the whole standard's; empty when it covers all of it."""
    located = ws.repo.standards.get(node.id)
    if not department or located is None:
        return ""
    total = len(qc_ids([located]))
    if node.rollup.total >= total:
        return ""
    return f"本部门负责其中 {node.rollup.total} 个质控点（该标准共 {total} 个）"


def _parent_name(ws: Workspace, chain: list[str], numbers: dict[str, int]) -> str:
    """The immediate parent target for the official 上级目标: ``第 2 项`` when it is a row of the same
    table (its statement is right there), else its statement; "" for a top target."""
    if not chain:
        return ""
    parent = chain[-1]
    if parent in numbers:
        return f"第 {numbers[parent]} 项"
    located = ws.repo.targets.get(parent)
    return located.item.statement if located else parent


DIAGNOSIS_SECTIONS = (SectionSpec("analysis", "诊断分析", ("成效与不足", "自我诊断分析"), authored_only=True),)
"""What people write into a self-diagnosis report: the analysis of what was achieved, what fell
short and why, beside the figures zhengai computes (四、诊断 （五）)."""


def _checklist(d: Diagnosis, problems: list[dict[str, Any]], suggestions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``r.checklist``: what the author still has to do before the report is complete (编写清单)."""
    rows = [checklist_row("原因未分析", s["problem"],
                          f"尚无改进记录分析原因，未列入正式报告；请在本年度改进记录中写明原因与措施（建议：{s['measure']}）。",
                          s["source"]) for s in suggestions]
    rows += [checklist_row("措施缺责任或时间节点", p["problem"], "改进措施未写明" + "、".join(
                 w for w, v in (("责任", p["owner"]), ("时间节点", p["time_node"])) if v == "待明确") + "。",
                           p["source"]) for p in problems if "待明确" in (p["owner"], p["time_node"])]
    rows += coverage_rows([(f"目标 {t['id']}", t["node"]) for t in d.targets]
                          + [(f"标准 {s.id}", s) for s in d.standards] + [(f"层面 {n.name}", n) for n in d.levels])
    if d.findings:
        rows.append(checklist_row("规划表述", f"SMART 检查 {len(d.findings)} 个问题",
                                  "目标、任务表述不符合 SMART 要求之处见本底稿“SMART 问题清单”，修改规划文本后重新生成。"))
    return numbered(rows)


def _on(completed: str, year: int) -> str:
    """``（6月26日）`` after a state, the completion date as 公文 writes it (the year only when it is
    not the report's): shorter than an ISO date, so the 状态 column leaves room for the task."""
    if not completed:
        return ""
    day = dt.date.fromisoformat(completed)
    return f"（{'' if day.year == year else f'{day.year}年'}{day.month}月{day.day}日）"


def _covered(node: Node) -> dict[str, Any]:
    """``covered`` (QC points scored/total, e.g. ``5/6``) and ``low_coverage`` (under 40%)."""
    return {"covered": f"{node.rollup.scored}/{node.rollup.total}", "low_coverage": node.rollup.low_coverage}


def _round(score: float | None) -> float | None:
    return None if score is None else round(score, 4)


def _measure_trend(ws: Workspace, measures: list[Measure], name: str, title: str) -> ChartSpec | None:
    """The measured values of the quantitative measures over the history years, against their targets."""
    years = ws.history_years
    if len(years) < 2:
        return None
    return measure_trend(name, title, years, (
        (m.name, m.unit or "", m.direction, m.target, [_number(history_value(m, y)) for y in years])
        for m in measures if m.judged == "quantitative"))


def _number(value: float | str | None) -> float | None:
    return value if isinstance(value, float) else None



def units(config: RepoConfig, year: int, scope: str = "department") -> list[Unit]:
    """One report per department (or per program, per course with ``scope``), in ``zhengai.yaml`` order."""
    if scope != "department":
        return _unit_units(config, year, scope)
    return [Unit(d.id, d.name, f"{d.name}-{year}年度自我诊改报告") for d in config.departments]


def _unit_units(config: RepoConfig, year: int, kind: str) -> list[Unit]:
    """One report per program (``kind`` program) or course, in ``zhengai.yaml`` order; a course
    taught in two programs is one report."""
    found: dict[str, Unit] = {}
    for dept in config.departments:
        for program in dept.programs:
            named = [program] if kind == "program" else program.courses
            for item in named:
                suffix = "专业" if kind == "program" else "课程"
                label = item.name if item.name.endswith(suffix) else item.name + suffix
                found.setdefault(item.id, Unit(item.id, f"{label}（{item.id}）", f"{label}-{year}年度自我诊改报告"))
    return list(found.values())


def _unit_build(ws: Workspace, unit: str, kind: str) -> ReportData:
    """The report of the program or course ``unit`` (its id)."""
    found = ws.repo.units.get(unit)
    if found is None or found.kind != kind:
        raise RepositoryError(f"没有{'专业' if kind == 'program' else '课程'}“{unit}”。")
    dept = ws.repo.department(found.department or "")
    if dept is None:
        raise RepositoryError(f"“{found.label}”不属于任何部门。")
    return diagnosis_report(ws, dept, found)


def build(ws: Workspace, unit: str, scope: str = "department") -> ReportData:
    """The report of the department ``unit`` (or of the program or course, with ``scope``)."""
    if scope != "department":
        return _unit_build(ws, unit, scope)
    dept = ws.repo.department(unit)
    if dept is None:
        raise RepositoryError(f"没有部门“{unit}”。")
    return diagnosis_report(ws, dept)


COVERED = {"covered": "质控点覆盖（已评/全部），如 5/6", "low_coverage": "覆盖是否不足 40%"}

R_FIELDS = {
    "dept": {"id": "部门标识", "name": "部门名称（专业、课程报告中为专业、课程名称）", "system": "所属系统",
             "type": "二级学院/职能部门/专业/课程", "head": "负责人"},
    "unit": {"kind": "单位类型 program/course（部门报告中为空）", "kind_name": "专业/课程", "id": "专业或课程代码",
             "name": "专业或课程名称", "department": "所属二级学院"},
    "overall": fs.SCORE, "completion": fs.COMPLETION, "red": "红色预警数", "yellow": "黄色预警数",
    "counts": {"targets": "目标数", "tasks": "任务数", "measures": "指标与质控点数", "findings": "SMART 问题数"},
    "last_round_total": "上一轮改进措施数", "last_round_done": "上一轮改进措施已完成数",
    "summary": ["诊断结论摘要（逐条）"],
    "targets": [{"no": "序号", "id": "目标标识", "statement": "目标表述", "level": "层面", "chain": "上级目标链（标识）",
                 "parent": "上级目标：同表中的为 第 N 项，否则为其表述；顶层目标为空", "deadline": "时限（未设时限为 未设定）", "source": "来源", **fs.SCORE, "coverage": "覆盖", **COVERED}],
    "standards": [{"no": "序号", "id": "标准标识", "name": "标准名称", "source": "来源", **fs.SCORE, "coverage": "覆盖",
                   **COVERED, "scope_text": "部门只负责标准的一部分时：本部门负责其中 N 个质控点（该标准共 M 个）；否则为空",
                   "dimensions": [{"no": "序号", "name": "维度名称", **fs.SCORE, "item_scores": "各标准项达成度文字",
                                   "item_rows": [{"name": "标准项名称", "score": "标准项达成度（0—1）"}]}]}],
    "levels": [{"no": "序号", "id": "层面标识", "name": "层面名称", **fs.SCORE, "coverage": "覆盖", **COVERED,
                "source": "来源"}],
    "tasks": [{"no": "序号", "id": "任务标识", "title": "任务名称", "cls": "类别 A/B/C", "owner": "责任部门",
               "time_node": "时间节点", "state": "状态（含完成日期）", "progress_text": "进度", "source": "来源"}],
    "measures": [fs.MEASURE], "alerts": [fs.ALERT], "findings": [fs.FINDING],
    "problems": [{"no": "序号", "id": "改进记录标识", "problem": "问题", "cause": "原因", "measure": "改进措施",
                  "owner": "责任（未写为 待明确）", "time_node": "时间节点（未写为 待明确）", "status": "状态",
                  "source": "来源"}],
    "suggestions": [{"no": "序号", "problem": "尚未分析原因的红色预警", "measure": "建议措施", "owner": "建议责任单位",
                     "time_node": "建议时间节点", "source": "来源"}],
    "pending": "尚未分析原因的红色预警数",
    "pending_sentence": "正式报告对未分析预警的一句话说明（reports.pending_problems: sentence 时；否则为空）",
    "method_formulas": fs.METHOD_FORMULAS, "appendix": fs.APPENDIX, "checklist": fs.CHECKLIST,
    "sections": {s.key: SECTION for s in DIAGNOSIS_SECTIONS},
    "last_round": [{"no": "序号", "problem": "问题", "measure": "改进措施", "owner": "责任", "time_node": "时间节点",
                    "status": "落实情况", "evidence": "佐证", "source": "来源"}],
    "adjustments": [{"no": "序号", "improvement": "改进记录标识", "subject": "调整对象（指标、质控点或目标）",
                     "change": "调整内容，如 目标值调整为 60", "reason": "调整理由", "effective": "执行年度",
                     "state": "已调整 / 未调整（现为…）/ 未生效 / 对象不存在", "source": "来源"}],
    "duties": {
        "summary": "职责落实概况（一句话）", "coverage": ["覆盖情况：未具体化的职责、缺标准、缺岗位、无任务落实的岗位工作（逐条）"],
        "rows": [{"duty": "职责", "duty_id": "职责标识", "type": "职责类型", "first": "是否该职责的第一行",
                  "content": "岗位工作", "id": "岗位工作标识", "post": "责任岗位（未写时为科室；都未写为 未明确）",
                  "office": "责任科室",
                  "standard": "工作标准（未写为 未制定）", "tasks": "落实的任务名称（无则为 无）",
                  "task_ids": "落实的任务标识与类别", "state": "任务状态", "progress": "任务进度", "source": "来源"}],
        "gaps": [{"no": "序号", "kind": "职责未具体化/无工作标准/无责任岗位/无任务落实", "name": "职责或岗位工作",
                  "id": "标识", "source": "来源"}],
        "counts": {"duties": "职责数", "items": "岗位工作数", "with_task": "有任务落实的岗位工作数",
                   "no_standard": "缺工作标准数", "no_post": "缺责任岗位数", "no_task": "无任务落实数",
                   "empty": "未具体化的职责数"},
    },
    "method": fs.METHOD,
    "settings": {"method": "计分方法 auto/ratio/progress", "allow_over": "是否允许超额达成",
                 "scale": [{"word": "定性等级", "value": "分值"}], "bands": [{"name": "档次名称", "min": "档次下限（0—1）"}]},
}
"""What ``r`` holds in a diagnosis template."""

FIELDS = {"diagnosis": R_FIELDS}
"""Template id → what ``r`` holds."""

SOURCE_TYPE = Diagnosis
"""What :attr:`ReportData.source` holds (Markdown templates also see it as ``d``)."""


__all__ = ["FIELDS", "SOURCE_TYPE", "build", "diagnosis_report", "units"]
