"""``annual``: the 质量年度报告 of the college (unit ``college``, template ``annual``) or of one
level (专业、课程、教师发展、学生全面发展 质量年度报告, template ``annual-level``), with
年度增量 against the same day last year and, for the college, the five national tables
with their cross-table checks.
"""

from __future__ import annotations

from typing import Any

from zhengai.load.repository import Located, RepositoryError
from zhengai.load.units import KIND_NAMES
from zhengai.models.config import RepoConfig
from zhengai.numfmt import fixed
from zhengai.reports import fields as fs
from zhengai.reports.annual_sections import (
    DATA_MISSING,
    LENGTH,
    SECTIONS,
    generated,
    survey_or_none,
)
from zhengai.reports.charts import dept_bar, dims_radar, node_bar
from zhengai.reports.common import (
    alert_row,
    completion_row,
    department_rows,
    doc_header,
    level_rows,
    level_scores,
    measure_rows,
    method_notes,
    radar_levels,
    report_data,
    trend_chart,
    unique_alerts,
)
from zhengai.reports.kind import Unit
from zhengai.reports.narratives import LENGTH_FIELDS, SECTION, SectionSpec, body_length, length_row
from zhengai.reports.narratives import sections as narrative_sections
from zhengai.reports.official import (
    PLANNING_DATA,
    checklist_row,
    coverage_rows,
    method_formulas,
    numbered,
    problem_split,
    source_appendix,
)
from zhengai.reports.people import SURVEY, TEACHERS, survey_section, teacher_section
from zhengai.reports.tables import national_tables
from zhengai.reports.text import change_words, coverage, pct, score_delta, scored
from zhengai.reports.workspace import ReportData, Workspace
from zhengai.score import alerts as al
from zhengai.score.assessment import Assessment
from zhengai.score.units import distribution

LEVEL_SECTIONS = (
    SectionSpec("overall", "总体情况"),
    SectionSpec("standards", "标准达成度", aliases=("标准达成度与年度增量",)),
    SectionSpec("targets", "规划目标", aliases=("规划目标达成情况",)),
    SectionSpec("measures", "主要指标", aliases=("主要指标年度变化",)),
    SectionSpec("teachers", "教师发展概况"),
    SectionSpec("survey", "学生发展自测"),
    SectionSpec("alerts", "预警与问题"),
)
"""The parts of a level's report that take authored text (``narratives/<year>/<level id>/<part>.md``),
placed after the part's heading and before its data."""

LEVEL_REPORT_NAMES = {"program": "专业", "course": "课程", "teacher": "教师发展", "student": "学生全面发展"}
"""Level id → the name used in its annual report title (专业质量年度报告 …)."""


MEASURE_WORDS = {"course": "门", "teacher": "名"}
"""The measure word of a unit kind in sentences (12 门课程, 4 个专业)."""


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
    levels = level_rows(ws)
    standards = _standard_rows(ws, list(repo.standards.values()))
    departments = department_rows(ws)
    # School-level measures with data (the built-in reference table adds 37 points that a
    # college rarely observes directly; listing them empty would bury the real indicators).
    measures = [m for ident, m in ws.assessment.measures.items()
                if _is_school_measure(ws, ident) and (m.history or ident in ws.repo.indicator_owner)]
    tables, checks = national_tables(ws)
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
        + (f"，其中学校层面 {school['score_text']}，{change_words(school['score'], school['last'])}。"
           if school else "。"),
        f"全校年度重点工作任务建设指标完成率 {pct(completion.rate)}（到期 {completion.due} 项，完成 {completion.done} 项）。",
        f"各部门共有红色预警 {red} 条、黄色预警 {yellow} 条。",
        f"上一轮改进措施 {last_total} 条，已完成 {last_done} 条（{pct(last_done / last_total if last_total else None)}）。",
    ]
    # the cross-table check findings (rule codes, file:line) are the working edition's: the
    # official report carries the tables as filed, the checklist says what to reconcile
    reds = [{**alert_row(0, a), "no": i} for i, a in enumerate(
        unique_alerts(a for dept in repo.departments for a in ws.diagnosis(dept).alerts if a.level == "red"), 1)]
    improvements = {"total": last_total, "done": last_done,
                    "rate_text": pct(last_done / last_total if last_total else None)}
    spreads = {lv.id: spread for lv in ws.config.levels if (spread := unit_distribution(ws, lv.id)) is not None}
    measure_table = measure_rows(ws, measures)
    facts: dict[str, Any] = {
        "levels": levels, "standards": standards, "departments": departments, "completion": completion,
        "college_score": college_score, "improvements": improvements, "units": spreads,
        "teachers": teacher_section(ws), "survey": survey_or_none(ws), "measures": measure_table,
        "level_measures": {lv.id: measure_rows(ws, _level_measures(ws, lv.id)) for lv in ws.config.levels
                           if lv.id != "school"},
    }
    sections, section_rows, _ = narrative_sections(
        ws, "annual", SECTIONS, generated(ws, facts), DATA_MISSING,
        always=("support",) if levels or departments else ())
    program = spreads.get("program")
    r = {
        "overview": _overview(ws), "summary": summary, "levels": levels, "standards": standards,
        "departments": departments, "completion": completion_row(completion),
        "measures": measure_table, "tables": tables, "checks": checks,
        # the red warnings under 面临挑战, each once (a warning two departments share is one row)
        "red_alerts": reds[:50], "red_more": max(0, len(reds) - 50), "red_total": len(reds),
        "improvements": improvements, "sections": sections, "length": body_length(sections),
        "programs": program if program and program["units"] else None,
        "last_year": ws.last_as_of.year, "method": method_notes(ws), "method_formulas": method_formulas(ws),
        "appendix": source_appendix(ws, [ws.assessment.measures[m] for m in ws.assessment.measures], tables,
                                    others=[PLANNING_DATA, "各部门诊改情况取自各部门本年度自我诊改报告。",
                                            *_people_sources(facts["teachers"], facts["survey"])]),
        "checklist": _college_checklist(ws, checks, standards, [*section_rows, length_row(sections, *LENGTH)]),
    }
    charts = [
        radar_levels(ws, levels, "levels", "五横层面达成度（本年与上年）"),
        node_bar([(s.item.title.removeprefix(institution), n) for s in repo.standards.values()
                   if (n := ws.standard_node(s)) is not None], "standards", "各层面标准达成度"),
        dept_bar(departments, "departments", "各部门综合达成度"),
        trend_chart(ws, "trend", "主要指标实测值变化", ws.assessment.measures.values()),
    ]
    doc = doc_header(ws, "annual", title, institution, issuer=institution, declaration=True,
               signer="学校法定代表人（签字）", subtitle=f"（{ws.year}年度）")
    return report_data("annual", "college", title, institution, doc, r, charts, ws, college_score)


def _level_measures(ws: Workspace, level_id: str) -> list[Any]:
    """The QC points of the level's standards and the indicators of its targets, as scored."""
    repo = ws.repo
    qc_ids = [q for q, ctx in repo.qc_context.items() if ctx.standard.level == level_id]
    target_ids = {t for t, loc in repo.targets.items() if loc.item.level == level_id}
    ind_ids = [i for i, owner in repo.indicator_owner.items() if owner in target_ids]
    return [ws.assessment.measures[m] for m in [*qc_ids, *ind_ids] if m in ws.assessment.measures]


def _college_checklist(ws: Workspace, checks: list[dict[str, Any]], standards: list[dict[str, Any]],
                       text_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``r.checklist`` of the college's report: the parts still without authored text and the body's
    length (``text_rows``), table inconsistencies to reconcile, departments with red warnings nobody
    analysed, and the level and standard figures with low coverage."""
    rows = list(text_rows)
    rows += [checklist_row("数据核验", f"{c['code']} {c['subject']}".strip(), c["message"], c["where"]) for c in checks]
    for dept in ws.repo.departments:
        _, pending = problem_split(ws, ws.diagnosis(dept))
        if pending:
            rows.append(checklist_row("原因未分析", dept.name, f"{len(pending)} 条红色预警尚无改进记录分析原因，"
                                      "未列入该部门正式报告的“问题与原因”（逐条见该部门报告的工作底稿）。"))
    rows += coverage_rows([(f"层面 {n.name}", n) for n in ws.level_nodes()])
    rows += [checklist_row("覆盖不足", f"标准 {s['id']} {s['name']}", f"质控点覆盖 {s['coverage']}，达成度仅供参考。",
                           s["source"]) for s in standards if "不足" in s["coverage"]]
    return numbered(rows)


def _level_checklist(ws: Workspace, standards: list[dict[str, Any]], targets: list[dict[str, Any]],
                     level_node: Any) -> list[dict[str, Any]]:
    """``r.checklist`` of a level's report: the figures with low coverage."""
    rows = coverage_rows([(f"层面 {level_node.name}", level_node)] if level_node is not None else [])
    rows += [checklist_row("覆盖不足", f"标准 {s['id']} {s['name']}", f"质控点覆盖 {s['coverage']}，达成度仅供参考。",
                           s["source"]) for s in standards if "不足" in s["coverage"]]
    rows += [checklist_row("覆盖不足", f"目标 {t['id']}", f"质控点覆盖 {t['coverage']}，达成度仅供参考。", t["source"])
             for t in targets if "不足" in t["coverage"]]
    return numbered(rows)


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
            "level_id": located.item.level,
            **scored(node.score, ws.bands), "last_text": pct(before.score if before else None),
            "delta_text": score_delta(node.score, before.score if before else None), "coverage": coverage(node),
            "source": node.cite,
            "dimensions": [{
                "no": j, "name": dim.name, **scored(dim.score, ws.bands),
                "last": last[dim.id].score if dim.id in last else None,
                "last_text": pct(last[dim.id].score if dim.id in last else None),
                "delta_text": score_delta(dim.score, last[dim.id].score if dim.id in last else None),
                "coverage": coverage(dim),
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
                        **scored(node.score, bands), "coverage": coverage(node), "source": loc.cite()})
    unit = names[0] if len(names) == 1 else "相关部门"
    alerts = sorted([*al.below_band(measures, unit), *al.missing_data(ws.assessment, measures, unit),
                     *al.out_of_control(measures, unit)],
                    key=lambda a: (0 if a.level == "red" else 1, a.kind))
    level_node = level_scores(ws, ws.assessment).get(level_id)
    last_node = level_scores(ws, ws.last_assessment).get(level_id)
    score = level_node.score if level_node else None
    prior = last_node.score if last_node else None
    # a level scored per program or course is the distribution over its units, not one pooled
    # number: its score (level_scores) is the units' mean, shown beside how many fall in each band
    spread = unit_distribution(ws, level_id)
    summary = [
        f"{level_name}层面达成度 {pct(score)}（{scored(score, bands)['band']}），上年 {pct(prior)}，"
        f"{change_words(score, prior)}。" if spread is None or not spread["scored"] else
        f"{level_name}层面按{spread['kind_name']}计分，各{spread['kind_name']}达成度平均 {pct(score)}"
        f"（{scored(score, bands)['band']}），{spread['counts']}；上年平均 {pct(prior)}，{change_words(score, prior)}。",
        f"本层面有标准 {len(standards)} 项、质控点 {len(qc_ids)} 个、规划目标 {len(targets)} 个，"
        f"涉及部门：{'、'.join(names) or '—'}。",
        f"本层面预警 {len(alerts)} 条（红色 {sum(a.level == 'red' for a in alerts)} 条）。",
    ]
    teachers = teacher_section(ws) if level_id == "teacher" else None
    survey = survey_section(ws) if level_id == "student" else None
    if teachers:
        summary.append(f"制定三年发展规划的教师 {teachers['teachers']} 人，“双师型”占 {teachers['double_qualified']['share_text']}，"
                       f"年度自测自诊完成 {teachers['self_assessed']['share_text']}，见“教师发展概况”。")
    if survey:
        summary.append(f"{survey['year']}年学生发展自测收回答卷 {survey['respondents']} 份、有效 {survey['valid']} 份，"
                       f"总分均值 {survey['overall']['mean_text']} 分（标准线 {survey['overall']['line_text']} 分），"
                       "见“学生发展自测”。")
    specs = [spec for spec in LEVEL_SECTIONS if spec.key not in ("teachers", "survey")
             or (spec.key == "teachers" and teachers) or (spec.key == "survey" and survey)]
    sections, section_rows, _ = narrative_sections(ws, level_id, specs, {}, {}, always=[x.key for x in specs])
    for spec in LEVEL_SECTIONS:  # the parts this level has not (教师发展概况 outside the teacher level)
        sections.setdefault(spec.key, {"key": spec.key, "name": spec.name, "show": False, "no": 0,
                                       "heading": spec.name, "authored": None, "paragraphs": [], "chars": 0})
    sections = {spec.key: sections[spec.key] for spec in LEVEL_SECTIONS}
    r = {
        "level": {"id": level_id, "name": level_name, "report_name": report_name},
        "sections": sections,
        **scored(score, bands), "last_text": pct(prior), "delta_text": score_delta(score, prior),
        "summary": summary, "standards": standards, "targets": targets, "measures": measure_rows(ws, measures),
        "alerts": [alert_row(i, a) for i, a in enumerate(alerts, 1)], "departments": "、".join(names) or "—",
        "last_year": ws.last_as_of.year, "method": method_notes(ws), "teachers": teachers, "survey": survey,
        "units": spread if spread is not None and spread["units"] else None, "method_formulas": method_formulas(ws),
        "appendix": source_appendix(ws, measures, others=[PLANNING_DATA, *_people_sources(teachers, survey)]),
        "checklist": numbered([*section_rows, *_level_checklist(ws, standards, targets, level_node)]),
    }
    dims = [dim for s in located if (n := ws.standard_node(s)) for dim in n.children]

    charts = [
        node_bar([(dim.name, dim) for s in located
                   if (n := ws.standard_node(s)) for dim in n.children],
                  "standards", f"{level_name}层面标准各维度达成度"),
        dims_radar(dims, "levels", f"{level_name}层面各维度达成度"),
        trend_chart(ws, "trend", f"{level_name}层面主要指标实测值变化", measures),
    ]
    doc = doc_header(ws, "annual", title, f"{ws.config.institution}{level_name}层面", issuer=ws.config.institution,
               declaration=False, signer="", subtitle=f"（{ws.year}年度）")
    return report_data("annual", level_id, title, report_name, doc, r, charts, ws, score)



def _people_sources(teachers: dict[str, Any] | None, survey: dict[str, Any] | None) -> list[str]:
    """The 附录 sentences on the teacher plans and the student survey, by what they are, not by file."""
    out = []
    if teachers:
        out.append("教师发展数据取自教师三年发展规划及年度自测自诊记录。")
    if survey:
        out.append(f"学生发展自测数据取自{survey['year']}年《{survey['instrument']['title']}》答卷"
                   + (f"，上年数据取自{survey['previous']['year']}年同一问卷答卷。" if survey.get("previous") else "。"))
    return out


def unit_distribution(ws: Workspace, level_id: str, assessment: Assessment | None = None) -> dict[str, Any] | None:
    """``r.units`` of a level scored per unit (专业, 课程 …): how many units fall in each band,
    the mean and spread, each unit's score and the QC points weakest across units; None for a
    level scored college-wide."""
    dist = distribution(assessment or ws.assessment, level_id)
    if dist is None:
        return None
    kind_name = KIND_NAMES[dist.kind]
    bands = ws.bands
    rows = sorted(dist.units, key=lambda u: (u.score is None, -(u.score or 0.0), u.unit.id))
    by_band = [{"band": name, "count": count} for name, count in dist.by_band.items()]
    word = MEASURE_WORDS.get(dist.kind, "个")
    bands_text = "、".join(f"{b['band']} {b['count']} {word}" for b in by_band if b["count"])
    counts = f"{len(dist.units)} {word}{kind_name}中{bands_text}"
    sentence = f"全校 {counts}。"
    if dist.scores:
        scored_rows = [u for u in rows if u.score is not None]
        best, worst = scored_rows[0], scored_rows[-1]  # rows run from the highest score down
        sentence += (f"各{kind_name}达成度平均 {pct(dist.mean)}，最高 {pct(best.score)}（{best.unit.name}），"
                     f"最低 {pct(worst.score)}（{worst.unit.name}），相差 {fixed((dist.spread or 0.0) * 100, 1)} 个百分点。")
    if dist.weakest:
        weak = dist.weakest[0]
        sentence += (f"普遍薄弱的是“{weak.name}”（各{kind_name}平均 {pct(weak.mean)}，"
                     f"{weak.short} {word}{kind_name}未达到“{bands[0].name}”）。")
    last = distribution(ws.last_assessment, level_id) if assessment is None else None
    before = {u.unit.id: u.score for u in last.units} if last is not None else {}
    shown = [round(u.score, 3) for u in rows if u.score is not None]  # equal as printed, equal in rank
    return {
        "walk": [_unit_walk(ws, u, before.get(u.unit.id), 1 + sum(1 for x in shown if x > round(u.score, 3))
                            if u.score is not None else 0, i) for i, u in enumerate(rows, 1)],
        "kind": dist.kind, "kind_name": kind_name, "units": len(dist.units), "scored": len(dist.scores),
        "mean": dist.mean, "mean_text": pct(dist.mean), "spread_text": pct(dist.spread), "by_band": by_band,
        "sentence": sentence, "counts": counts,
        "rows": [{"no": i, "id": u.unit.id, "name": u.unit.name,
                  "department": (d.name if (d := ws.repo.department(u.unit.department or "")) else "—"),
                  **scored(u.score, bands), "coverage": coverage(u.level) if u.level else "—"}
                 for i, u in enumerate(rows, 1)],
        "weakest": [{"no": i, "id": w.id, "name": w.name, "mean_text": pct(w.mean), "short": w.short,
                     "scored": w.scored} for i, w in enumerate(dist.weakest, 1)],
    }


def _unit_walk(ws: Workspace, u: Any, prior: float | None, rank: int, no: int) -> dict[str, Any]:
    """One unit's paragraph in its level's report: its score and band, the change on last year,
    its rank, and its weakest QC points (below the top band, lowest first)."""
    kind_name = KIND_NAMES[u.unit.kind]
    dept = ws.repo.department(u.unit.department or "")
    parent = next((p.name for d in ws.repo.departments for p in d.programs if p.id == u.unit.parent), "")
    where = "、".join(x for x in (dept.name if dept else "", f"{parent}专业" if parent else "") if x)
    if u.score is None:
        text = f"本年度尚无该{kind_name}的观测数据，未计算达成度。"
    else:
        band = scored(u.score, ws.bands)["band"]
        text = f"达成度 {pct(u.score)}（{band}），{change_words(u.score, prior)}，在全校各{kind_name}中居第 {rank} 位"
        weak = sorted((m for m in u.measures if m.score is not None and m.score < ws.bands[0].min),
                      key=lambda m: m.score)
        if weak:
            text += "；薄弱的质控点为" + "、".join(f"“{m.name}”（{pct(m.score)}）" for m in weak[:3])
        else:
            text += f"；各质控点均达到“{ws.bands[0].name}”"
        text += "。"
    return {"no": no, "name": u.unit.name, "where": where, "text": text}


def units(config: RepoConfig, year: int) -> list[Unit]:
    """The college's report, then one per level except the school level (the college's own)."""
    institution = config.institution
    return [Unit("college", institution, f"{institution}{year}年质量年度报告"),
            *(Unit(lv.id, f"{lv.name}层面", f"{institution}{year}年{level_report_name(lv.id, lv.name)}")
              for lv in config.levels if lv.id != "school")]


DIMENSION_ROW: dict[str, Any] = fs.STANDARD_ROW["dimensions"][0]  # type: ignore[assignment]
STANDARD_ROW = {**fs.STANDARD_ROW, "level_id": "所属层面标识",
                "dimensions": [{**DIMENSION_ROW, "last": "上年达成度（0—1）"}]}
"""A standard's row in the annual reports (the shared row with its level id and last year's dimension scores)."""

COLLEGE_FIELDS = {
    "overview": {k: v for k, v in (
        ("departments", "部门数"), ("academic", "二级学院数"), ("functional", "职能部门数"), ("programs", "专业数"),
        ("courses", "课程数"), ("plans", "规划数"), ("targets", "目标数"), ("tasks", "任务数"),
        ("standards", "标准数"), ("qc_points", "质控点数"), ("indicators", "指标数"),
        ("observations", "观测数据条数"))},
    "summary": ["年度质量概述（逐条）"], "levels": [fs.LEVEL_ROW], "standards": [STANDARD_ROW], "departments": [fs.DEPT],
    "completion": fs.COMPLETION, "measures": [fs.MEASURE],
    "tables": [{"key": "表标识 scorecard/resources/international/service/policy", "name": "表名，如 计分卡",
                "present": "本年是否填报", "source": "来源（文件:行号）",
                "rows": [{"no": "序号", "name": "项目", "unit": "单位", "now_text": "本年", "last_text": "上年",
                          "delta_text": "增量"}]}],
    "checks": [fs.FINDING], "red_alerts": [fs.ALERT], "red_more": "未列出的红色预警数",
    "red_total": "须纳入下一轮改进的红色预警数（每条一次，等于列出的与未列出的之和）", "improvements": fs.IMPROVEMENTS,
    "sections": {s.key: SECTION for s in SECTIONS}, "length": LENGTH_FIELDS,
    "programs": {"walk": [{"no": "序号", "name": "专业名称", "where": "所属二级学院", "text": "该专业的情况（一段）"}],
                 "kind": "单位类型 program", "kind_name": "专业", "units": "专业数", "scored": "有得分的专业数",
                 "mean": "各专业达成度平均（0—1）", "mean_text": "平均达成度文字", "spread_text": "最高与最低之差",
                 "by_band": [{"band": "档次", "count": "专业数"}], "sentence": "分布的一句话概述",
                 "counts": "各档专业数的短语",
                 "rows": [{"no": "序号", "id": "专业代码", "name": "专业名称", "department": "所属二级学院", **fs.SCORE,
                           "coverage": "质控点覆盖"}],
                 "weakest": [{"no": "序号", "id": "质控点编号", "name": "质控点名称", "mean_text": "各专业平均达成度",
                              "short": "未达到最高档的专业数", "scored": "有得分的专业数"}]},
    "last_year": "比较的上一年度", "method": fs.METHOD, "method_formulas": fs.METHOD_FORMULAS, "appendix": fs.APPENDIX,
    "checklist": fs.CHECKLIST,
}
"""What ``r`` holds in the college's annual report template."""

LEVEL_FIELDS = {
    "level": {"id": "层面标识", "name": "层面名称", "report_name": "报告名称，如 专业质量年度报告"},
    "sections": {spec.key: SECTION for spec in LEVEL_SECTIONS},
    **fs.SCORE, "last_text": "上年达成度", "delta_text": "年度增量", "summary": ["总体情况（逐条）"],
    "standards": [STANDARD_ROW],
    "targets": [{"no": "序号", "id": "目标标识", "statement": "目标表述", "owner": "责任", "deadline": "时限", **fs.SCORE,
                 "coverage": "覆盖", "source": "来源"}],
    "measures": [fs.MEASURE], "alerts": [fs.ALERT], "departments": "涉及部门", "last_year": "比较的上一年度",
    "method": fs.METHOD, "teachers": TEACHERS, "survey": SURVEY, "method_formulas": fs.METHOD_FORMULAS,
    "appendix": fs.APPENDIX, "checklist": fs.CHECKLIST,
    "units": {"kind": "单位类型 program/course/class/teacher", "kind_name": "专业/课程/班级/教师", "units": "单位数",
              "scored": "有得分的单位数", "mean": "各单位达成度平均（0—1）", "mean_text": "平均达成度文字",
              "spread_text": "最高与最低之差", "by_band": [{"band": "档次", "count": "单位数"}],
              "sentence": "分布的一句话概述", "counts": "各档单位数的短语，如 4 个专业中达成 1 个、未达成 1 个",
              "walk": [{"no": "序号", "name": "名称", "where": "所属二级学院（课程另有所属专业）",
                        "text": "该单位的达成度、较上年、排名与薄弱质控点（一段）"}],
              "rows": [{"no": "序号", "id": "代码", "name": "名称", "department": "所属二级学院", **fs.SCORE,
                        "coverage": "质控点覆盖"}],
              "weakest": [{"no": "序号", "id": "质控点编号", "name": "质控点名称", "mean_text": "各单位平均达成度",
                           "short": "未达到最高档的单位数", "scored": "有得分的单位数"}]},
}
"""What ``r`` holds in a level's annual report template."""

FIELDS = {"annual": COLLEGE_FIELDS, "annual-level": LEVEL_FIELDS}
"""Template id → what ``r`` holds."""


def template_for(unit: str) -> str:
    """``annual`` for the college's report, ``annual-level`` for a level's."""
    return "annual" if unit == "college" else "annual-level"


def build(ws: Workspace, unit: str) -> ReportData:
    """The report of ``unit`` (``college`` or a level id)."""
    return annual_report(ws, unit)


__all__ = ["COLLEGE_FIELDS", "FIELDS", "LEVEL_FIELDS", "LEVEL_REPORT_NAMES", "annual_report", "annual_units", "build",
           "level_report_name", "template_for", "units"]
