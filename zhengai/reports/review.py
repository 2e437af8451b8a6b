"""``review``: the quality office's 校内复核报告 over every department and the 37 points
of the national diagnosis reference."""

from __future__ import annotations

from typing import Any

from zhengai.models.config import RepoConfig, Review, ReviewTier
from zhengai.numfmt import half_up
from zhengai.reports import fields as fs
from zhengai.reports.charts import dept_bar, node_bar
from zhengai.reports.common import department_rows, doc_header, method_notes, report_data
from zhengai.reports.kind import Unit
from zhengai.reports.official import PLANNING_DATA, checklist_row, source_appendix
from zhengai.reports.text import FILL, cn_date, month_end, pct, scored
from zhengai.reports.workspace import ReportData, Workspace
from zhengai.score import scoring
from zhengai.score.assessment import Measure, Node

CONCLUSIONS = ("通过", "基本通过", "限期整改", "数据不足")


def _shown(share: float) -> float:
    """A share as the report prints it (one decimal of a percent, 四舍五入): conditions are
    judged on the printed value, so "90.0%" never reads as below a 90% floor."""
    return half_up(share * 100, 1)


def _misses(row: dict[str, Any], tier: ReviewTier) -> list[str]:
    """The conditions of ``tier`` the department does not meet, in words with its numbers."""
    missed = []
    if row["score"] is not None and _shown(row["score"]) < _shown(tier.score):
        missed.append(f"综合达成度 {row['score_text']}，低于 {pct(tier.score)}")
    rate = row["completion"]["rate"]
    if tier.completion is not None and rate is not None and _shown(rate) < _shown(tier.completion):
        missed.append(f"建设指标完成率 {row['completion']['rate_text']}，低于 {pct(tier.completion)}")
    if tier.max_red is not None and row["red"] > tier.max_red:
        missed.append(f"红色预警 {row['red']} 条，多于 {tier.max_red} 条")
    return missed


def conclusion(row: dict[str, Any], rule: Review | None = None) -> tuple[str, str]:
    """复核结论 of one department and its reason, by the college's rule (``review`` in
    ``zhengai.yaml``): 通过 when every condition of ``pass`` holds, 基本通过 when every
    condition of ``basic`` holds, 限期整改 otherwise, 数据不足 without an attainment score.

    The reason names the conditions missed for the conclusion above, with the department's
    own figures as the report prints them; a 建设指标完成率 is not examined when no task was due.
    """
    rule = rule or Review()
    if row["score"] is None:
        return "数据不足", "没有可计算的综合达成度，须补齐观测数据后重新诊断"
    missed_pass = _misses(row, rule.pass_)
    if not missed_pass:
        return "通过", "满足“通过”的全部条件"
    missed_basic = _misses(row, rule.basic)
    if not missed_basic:
        return "基本通过", "未达“通过”：" + "；".join(missed_pass)
    return "限期整改", "未达“基本通过”：" + "；".join(missed_basic)


def _tier_text(tier: ReviewTier) -> str:
    parts = [f"综合达成度不低于 {pct(tier.score)}"]
    if tier.completion is not None:
        parts.append(f"建设指标完成率不低于 {pct(tier.completion)}（没有到期任务的部门不考查此项）")
    if tier.max_red is not None:
        parts.append(f"红色预警不超过 {tier.max_red} 条")
    return "、".join(parts)


def rule_lines(rule: Review) -> list[str]:
    """The college's rule in words (the report's 复核结论判定规则)."""
    return [
        f"通过：{_tier_text(rule.pass_)}；",
        f"基本通过：未达“通过”，但{_tier_text(rule.basic)}；",
        "限期整改：未达“基本通过”；数据不足：没有可计算的综合达成度。",
    ]


def review_report(ws: Workspace) -> ReportData:
    """The quality office's 校内复核报告 over all departments and the national reference."""
    from zhengai.check.rules import RULES as ALL_RULES

    institution = ws.config.institution
    title = f"{institution}{ws.year}年度内部质量保证体系诊断与改进校内复核报告"
    departments = department_rows(ws)
    rule = ws.config.review
    for row in departments:
        row["conclusion"], row["reason"] = conclusion(row, rule)
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
        (f"检查发现规划表述与数据问题 {len(ws.findings)} 个（按类别见五）" if ws.findings else "检查未发现规划表述与数据问题")
        + f"；上一轮改进措施 {last_total} 条，已完成 {last_done} 条。",
    ]
    r = {"summary": summary, "departments": departments, "counts": counts, "reference": reference, "ref_items": items,
         "findings": findings, "findings_total": len(ws.findings),
         "improvements": {"total": last_total, "done": last_done,
                          "rate_text": pct(last_done / last_total if last_total else None)},
         "rules": rule_lines(rule), "method": method_notes(ws), "opinion": _opinion(ws, counts),
         "findings_detail": [{"no": i, "code": f.code, "subject": f.subject, "message": f.message,
                              "source": f"{f.file}:{f.line}" if f.file else "—"} for i, f in enumerate(ws.findings, 1)],
         "appendix": source_appendix(ws, ws.assessment.measures.values(), others=[PLANNING_DATA]),
         "checklist": _checklist(departments, reference)}
    charts = [
        dept_bar(departments, "departments", "各部门综合达成度"),
        node_bar([(i["name"], i["node"]) for i in items if i["node"] is not None], "reference",
                  "国家诊断项目达成度（按数据平台编号关联）") if items else None,
    ]
    for item in items:
        del item["node"]
    doc = doc_header(ws, "review", title, institution, issuer=f"{institution}质量保证委员会", declaration=True,
               signer="复核组组长（签字）", subtitle=f"（{ws.year}年度）")
    return report_data("review", "college", title, institution, doc, r, charts, ws, mean)


def _opinion(ws: Workspace, counts: dict[str, int]) -> list[str]:
    """七、复核意见, one line per conclusion that has departments; the reply is due at the end of
    the ``calendar.reply_months``-th month after the as-of month (as the 中期检查's is)."""
    due = cn_date(month_end(ws.as_of.year, ws.as_of.month + ws.config.calendar.reply_months))
    lines = []
    if counts["限期整改"]:
        lines.append(f"复核结论为“限期整改”的 {counts['限期整改']} 个部门，须于{due}前提交整改方案，"
                     "明确问题、原因、措施、责任人与时间节点，并写入改进记录。")
    if counts["数据不足"]:
        lines.append(f"复核结论为“数据不足”的 {counts['数据不足']} 个部门，须于{due}前补齐观测数据后重新诊断。")
    if counts["通过"] or counts["基本通过"]:
        lines.append(f"{'其余' if lines else '各'}部门按自我诊改报告中的改进措施持续改进，落实情况纳入下一轮诊改复核。")
    return lines


def _checklist(departments: list[dict[str, Any]], reference: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``r.checklist``: departments without a score and diagnosis points without any of the
    college's data (the files left out for errors are added by ``report_data``)."""
    rows = [checklist_row("数据不足", d["name"], "没有可计算的综合达成度；补齐观测数据后重新诊断。") for d in departments
            if d["score"] is None]
    missing = [p for p in reference if not p["measures"]]
    if missing:
        rows.append(checklist_row("诊断点无数据", f"{len(missing)} 个诊断点",
                                  "、".join(f"{p['id']} {p['name']}" for p in missing)
                                  + "：没有平台编号关联的质控点或指标，也没有学校评议；补充评议或在正文中说明。"))
    return rows


def _reference_rows(ws: Workspace) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The 37 diagnosis points with their evidence, and the five items' scores.

    A point's evidence is the college's own rating of it (the QC point ``NAT-<id>`` of the
    built-in reference standard) when there is one, else the measures whose data-platform
    code equals one of the point's codes or lies under it (``7.1`` supports a point citing
    ``7``).  Points citing the same codes are supported by the same measures and so carry
    the same figure: the row says which earlier point it shares its data with instead of
    presenting the number as separate evidence, and an item's score is the mean over the
    distinct measures of its points (shared data counted once, not once per point).
    """
    from zhengai.load.repository import REFERENCE_PREFIX, load_reference_standard

    reference = load_reference_standard()
    sources: list[tuple[str, str, Measure]] = []
    for ident, m in ws.assessment.measures.items():
        located = ws.repo.qc_points.get(ident) or ws.repo.indicators.get(ident)
        code = getattr(located.item, "source", None) if located else None
        if code:
            sources.append((str(code), ident, m))
    rows: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    for item in reference.items:
        item_measures: dict[str, Measure] = {}
        for element in item.elements:
            for point in element.points:
                own = ws.assessment.measures.get(f"{REFERENCE_PREFIX}{point.id}")
                if own is not None and own.score is not None:
                    linked = {own.id: own}
                    evidence = f"本校评议：{own.actual}" if isinstance(own.actual, str) else "本校评议"
                else:
                    linked = {ident: m for code, ident, m in sources
                              if any(code == p or code.startswith(p + ".") for p in point.platform)}
                    same = next((r for r in rows if r["_linked"] == set(linked) and linked), None)
                    evidence = (f"与诊断点 {same['id']} 关联的数据相同" if same
                                else f"{len(linked)} 个质控点/指标" if linked else "无对应数据")
                item_measures.update(linked)
                values = [m.score for m in linked.values() if m.score is not None]
                score = sum(values) / len(values) if values else None
                rows.append({"no": len(rows) + 1, "item": f"{item.id} {item.name}",
                             "element": f"{element.id} {element.name}", "id": point.id, "name": point.name,
                             "platform": "、".join(point.platform) or "—", "measures": len(linked),
                             **scored(score, ws.bands), "evidence": evidence, "_linked": set(linked),
                             "linked": "、".join(sorted(linked)), "source": "；".join(m.cite for m in list(linked.values())[:3])
                             + ("等" if len(linked) > 3 else "")})
        values = [m.score for m in item_measures.values() if m.score is not None]
        mean = sum(values) / len(values) if values else None
        node = Node(item.id, item.name, "item", scoring.Rollup(mean, len(values), len(item_measures)),
                    scoring.band(mean, ws.bands), "")
        items.append({"id": item.id, "name": f"{item.id} {item.name}", **scored(mean, ws.bands), "node": node})
    for row in rows:
        del row["_linked"]
    return rows, items


def units(config: RepoConfig, year: int) -> list[Unit]:
    """One report for the college."""
    return [Unit("college", config.institution, f"{config.institution}{year}年度校内复核报告")]


R_FIELDS = {
    "summary": ["复核结果（逐条）"],
    "departments": [{**fs.DEPT, "conclusion": "复核结论：通过/基本通过/限期整改/数据不足", "conclusion_fill": "结论底纹颜色",
                     "reason": "结论理由：未满足的条件及本部门的数值"}],
    "counts": {"通过": "通过的部门数", "基本通过": "基本通过的部门数", "限期整改": "限期整改的部门数",
               "数据不足": "数据不足的部门数"},
    "reference": [{"no": "序号", "item": "诊断项目", "element": "诊断要素", "id": "诊断点编号", "name": "诊断点名称",
                   "platform": "数据平台编号", "measures": "关联的质控点与指标数", **fs.SCORE, "evidence": "本校数据说明",
                   "linked": "关联的质控点与指标标识（工作底稿）", "source": "关联数据的来源（文件:行号，前 3 个）"}],
    "ref_items": [{"id": "诊断项目编号", "name": "诊断项目名称", **fs.SCORE}],
    "findings": [{"no": "序号", "code": "规则编号", "title": "规则名称", "count": "问题数"}],
    "findings_total": "问题总数", "improvements": fs.IMPROVEMENTS, "rules": ["复核结论判定规则（逐条）"], "method": fs.METHOD,
    "opinion": ["复核意见（逐条；期限按基准日与 zhengai.yaml 的 calendar.reply_months 推算）"],
    "findings_detail": [{"no": "序号", "code": "规则编号", "subject": "对象", "message": "说明", "source": "来源（文件:行号）"}],
    "appendix": fs.APPENDIX, "checklist": fs.CHECKLIST,
}
"""What ``r`` holds in the review template."""

FIELDS = {"review": R_FIELDS}
"""Template id → what ``r`` holds."""


def build(ws: Workspace, unit: str) -> ReportData:
    """The college's report (the only unit)."""
    return review_report(ws)


__all__ = ["CONCLUSIONS", "FIELDS", "build", "conclusion", "review_report", "rule_lines", "units"]
