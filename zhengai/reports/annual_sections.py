"""The national parts of the college's 质量年度报告 and the factual paragraphs written from the data.

学校概况, 学生发展, 教育教学改革, 服务贡献, 文化传承, 国际合作, 产教融合, 发展保障, 面临挑战 and
典型案例 (REPORTS.md).  People write them (``narratives/<year>/annual/<part>.md``); where they
have not, :func:`generated` writes each part's paragraphs from the five national tables, the
units' scores, the teacher plans, the survey and the departments' diagnoses: this year's figure,
the change on last year (较上年), the ranking and the weakest points, in formal Chinese.  A part
with no data has no paragraph (the report leaves its heading out; the 编写清单 says what is missing).
"""

from __future__ import annotations

from typing import Any

from zhengai.load.repository import RepositoryError
from zhengai.models.annual import TABLES
from zhengai.numfmt import difference, fixed
from zhengai.reports.narratives import SectionSpec
from zhengai.reports.text import change_words, num, pct
from zhengai.reports.workspace import Workspace

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("overview", "学校概况"),
    SectionSpec("students", "学生发展"),
    SectionSpec("teaching", "教育教学改革"),
    SectionSpec("service", "服务贡献"),
    SectionSpec("culture", "文化传承"),
    SectionSpec("international", "国际合作"),
    SectionSpec("industry", "产教融合"),
    SectionSpec("support", "发展保障", aliases=("发展保障（政策落实）", "政策落实")),
    SectionSpec("challenges", "面临挑战"),
    SectionSpec("cases", "典型案例", authored_only=True),
)
"""The parts of the college's report, in the national order (the file stems of ``narratives/<year>/annual/``)."""

DATA_MISSING = {
    "overview": "没有部门、专业与数据表可概述",
    "students": "计分卡未填报，学生层面没有达成度与自测数据",
    "teaching": "专业、课程层面没有达成度，教学资源表未填报，也没有教师发展规划",
    "service": "服务贡献表未填报",
    "culture": "国家数据表没有文化传承的项目，学校也未登记相关数据",
    "international": "国际影响表未填报",
    "industry": "落实政策表与教学资源表中没有企业兼职教师与企业实践的数据",
    "support": "落实政策表未填报，各层面也没有达成度",
    "challenges": "没有可分析的达成度、任务与预警数据",
}
"""What a part without any data lacks (the 编写清单's sentence)."""

LENGTH = (10000, 20000)
"""The required length of the body (1–2 万字)."""


# ------------------------------------------------------------------ wording
def change(now: float | None, last: float | None, unit: str) -> str:
    """较上年提高 1.5 个百分点 / 较上年增加 185 元 / 与上年持平; "" without last year's value."""
    if now is None or last is None:
        return ""
    diff = difference(now, last)
    if abs(diff) < 1e-9:
        return "与上年持平"
    if unit == "%":
        return f"较上年{'提高' if diff > 0 else '下降'} {fixed(abs(diff), 1)} 个百分点"
    # a level (a ratio, an amount per student, an area) rises; a count grows
    rate = unit in (":1", "元", "平方米") or (unit == "个" and not float(diff).is_integer())
    up, down = ("提高", "下降") if rate else ("增加", "减少")
    shown = num(abs(diff), "" if unit in (":1",) else unit)
    return f"较上年{up if diff > 0 else down} {shown}"


def figure(ws: Workspace, key: str, field: str, name: str | None = None) -> str | None:
    """``就业率 94.6%，较上年提高 1.5 个百分点`` from table ``key`` (None when not filled in)."""
    this, last = _tables(ws)
    table = getattr(this, key, None) if this is not None else None
    if table is None or getattr(table, field) is None:
        return None
    info = type(table).model_fields[field]
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    unit = str(extra.get("unit", ""))
    prior = getattr(last, key, None) if last is not None else None
    now = getattr(table, field)
    before = getattr(prior, field) if prior is not None else None
    words = change(now, before, unit)
    label = name or str(info.description)
    return f"{label} {num(now, unit)}" + (f"，{words}" if words else "")


def value(ws: Workspace, key: str, field: str) -> float | None:
    """This year's value of one row of one national table."""
    this, _ = _tables(ws)
    table = getattr(this, key, None) if this is not None else None
    return None if table is None else getattr(table, field)


def _tables(ws: Workspace) -> tuple[Any, Any]:
    this, last = ws.tables.get(ws.year), ws.tables.get(ws.year - 1)
    return (this.item if this else None), (last.item if last else None)


def _join(parts: list[str | None], sep: str = "；") -> str:
    return sep.join(p for p in parts if p)


def _sentence(lead: str, parts: list[str | None]) -> str | None:
    body = _join(parts)
    return f"{lead}{body}。" if body else None


def _others(ws: Workspace, key: str) -> list[str]:
    """The rows a province or the college added to one table (``other``), as phrases."""
    this, last = _tables(ws)
    table = getattr(this, key, None) if this is not None else None
    if table is None:
        return []
    prior = {r.name: r for r in getattr(getattr(last, key, None), "other", [])} if last is not None else {}
    out = []
    for row in table.other:
        if row.value is None:
            if row.text:
                out.append(f"{row.name}：{row.text}")
            continue
        words = change(row.value, prior[row.name].value if row.name in prior else None, row.unit or "")
        out.append(f"{row.name} {num(row.value, row.unit or '')}" + (f"，{words}" if words else ""))
    return out


def _order(items: list[str]) -> str:
    """一是……；二是……"""
    marks = "一二三四五六七八九十"
    return "；".join(f"{marks[i]}是{text}" for i, text in enumerate(items[:10]))


# ------------------------------------------------------------------ the parts
def generated(ws: Workspace, facts: dict[str, Any]) -> dict[str, list[str]]:
    """Each part's generated paragraphs (section key → paragraphs; none when the part has no data).

    ``facts`` are the figures the report computed once (levels, departments, completion, units,
    teachers, survey, measures, red warnings), so a paragraph and the table beside it agree.
    """
    return {
        "overview": _overview(ws, facts), "students": _students(ws, facts), "teaching": _teaching(ws, facts),
        "service": _service(ws), "culture": [], "international": _international(ws), "industry": _industry(ws),
        "support": _support(ws, facts), "challenges": _challenges(ws, facts), "cases": [],
    }


def _overview(ws: Workspace, f: dict[str, Any]) -> list[str]:
    repo = ws.repo
    inst = ws.config.institution
    academic = [d for d in repo.departments if d.type == "academic"]
    programs = [p for d in academic for p in d.programs]
    out = []
    if repo.departments:
        text = (f"{inst}设二级学院 {len(academic)} 个、职能部门 {len(repo.departments) - len(academic)} 个，"
                f"开设专业 {len(programs)} 个、课程 {sum(len(p.courses) for p in programs)} 门。")
        by_dept = [f"{d.name}开设{'、'.join(p.name for p in d.programs)} {len(d.programs)} 个专业"
                   for d in academic if d.programs]
        if by_dept:
            text += "其中，" + "，".join(by_dept) + "。"
        out.append(text)
    people = _sentence(f"{ws.year}年，", [
        figure(ws, "service", "enrolled", "全日制在校生"), figure(ws, "service", "graduates", "毕业生"),
        figure(ws, "policy", "staff_total", "在岗教职员工"), figure(ws, "policy", "fulltime_teachers", "其中专任教师"),
        figure(ws, "resources", "student_teacher_ratio", "生师比")])
    if people:
        out.append(people)
    completion = f["completion"]
    if repo.tasks:
        text = (f"学校以{ws.config.period.start}—{ws.config.period.end}年发展规划为引领，本年度部署重点工作任务 "
                f"{len(repo.tasks)} 项，截至{ws.as_of.month}月{ws.as_of.day}日已到期 {completion.due} 项、完成 "
                f"{completion.done} 项，建设指标完成率 {pct(completion.rate)}")
        if f["college_score"] is not None:
            text += f"；学校、专业、课程、教师、学生五个层面平均达成度 {pct(f['college_score'])}"
        out.append(text + "。")
    return out


def _students(ws: Workspace, f: dict[str, Any]) -> list[str]:
    out = []
    scorecard = _sentence(f"{ws.year}届毕业生", [
        figure(ws, "scorecard", "employment_rate", "就业率"), figure(ws, "scorecard", "monthly_income", "月收入"),
        figure(ws, "scorecard", "major_relevance", "理工农医类专业相关度"),
        figure(ws, "scorecard", "entrepreneurship_rate", "自主创业比例"),
        figure(ws, "scorecard", "alumni_satisfaction", "母校满意度"),
        figure(ws, "scorecard", "employer_satisfaction", "雇主满意度"),
        figure(ws, "scorecard", "promotion_rate", "毕业三年职位晋升比例")])
    if scorecard:
        out.append(scorecard)
    level = next((r for r in f["levels"] if r["id"] == "student"), None)
    if level and level["score"] is not None:
        text = f"学生层面达成度 {level['score_text']}（{level['band']}），{change_words(level['score'], level['last'])}"
        dims = _weak_dims(f, "student")
        if dims:
            text += f"；各维度中达成度最低的是{dims}"
        out.append(text + "。")
    weak = _short_measures(f, "student")
    if weak:
        out.append(f"未达到目标的学生发展指标有：{weak}。")
    survey = f.get("survey")
    if survey:
        overall = survey["overall"]
        text = (f"{survey['year']}年学生发展自测收回有效答卷 {survey['valid']} 份，总分均值 {overall['mean_text']} 分"
                f"（标准线 {overall['line_text']} 分），低于标准线的学生占 {overall['below_text']}")
        text += f"；均值低于标准线的维度为{survey['weak']}" if survey["weak"] else "；各维度均值均达到标准线"
        out.append(text + "。")
    return out


def _teaching(ws: Workspace, f: dict[str, Any]) -> list[str]:
    out = []
    for key, label in (("program", "专业建设"), ("course", "课程建设")):
        spread = f["units"].get(key)
        level = next((r for r in f["levels"] if r["id"] == key), None)
        if spread and spread["scored"]:
            text = f"{label}方面，{spread['sentence'].removeprefix('全校 ')}"
            if level and level["last"] is not None:
                text = text.rstrip("。") + f"。层面平均达成度{change_words(level['score'], level['last'])}。"
            out.append(text)
        elif level and level["score"] is not None:
            out.append(f"{label}方面，层面达成度 {level['score_text']}（{level['band']}），"
                       f"{change_words(level['score'], level['last'])}。")
    resources = _sentence("教学资源方面，", [
        figure(ws, "resources", "online_courses", "网络课程"), *_others(ws, "resources"),
        figure(ws, "resources", "equipment_per_student", "生均教学科研仪器设备值"),
        figure(ws, "resources", "workstations_per_student", "生均校内实践教学工位数"),
        figure(ws, "resources", "practice_area_per_student", "生均实践场所面积")])
    if resources:
        out.append(resources)
    staff: list[str | None] = [figure(ws, "resources", "dual_qualified_share", "双师素质专任教师比例"),
             figure(ws, "resources", "senior_title_share", "高级专业（技术）职务专任教师比例")]
    teachers = f.get("teachers")
    if teachers:
        staff.append(f"制定三年发展规划的教师 {teachers['teachers']} 人，其中“双师型”教师占 "
                     f"{teachers['double_qualified']['share_text']}，完成年度自测自诊的占 "
                     f"{teachers['self_assessed']['share_text']}，到期发展目标 {teachers['targets']['due']} 项、完成 "
                     f"{teachers['targets']['done']} 项")
    level = next((r for r in f["levels"] if r["id"] == "teacher"), None)
    if level and level["score"] is not None:
        staff.append(f"教师层面达成度 {level['score_text']}，{change_words(level['score'], level['last'])}")
    line = _sentence("教师队伍方面，", staff)
    if line:
        out.append(line)
    return out


def _service(ws: Workspace) -> list[str]:
    out = []
    employed = value(ws, "service", "employed")
    shares = []
    for field, name in (("local", "留在当地就业"), ("grassroots", "到中小微企业等基层服务"), ("top500", "到500强企业就业"),
                        ("west_northeast", "到西部地区和东北地区就业")):
        n = value(ws, "service", field)
        if n is not None:
            shares.append(f"{name} {num(n)} 人" + (f"（占就业人数的 {pct(n / employed)}）" if employed else ""))
    grads = _sentence(f"{ws.year}年毕业生", [figure(ws, "service", "graduates", "人数"),
                                           figure(ws, "service", "employed", "其中就业"), *shares])
    if grads:
        out.append(grads)
    funds = _sentence("技术技能服务方面，", [
        figure(ws, "service", "horizontal_funds", "横向技术服务到款额"),
        figure(ws, "service", "horizontal_benefit", "产生经济效益"),
        figure(ws, "service", "vertical_funds", "纵向科研经费到款额"),
        figure(ws, "service", "transfer_funds", "技术交易到款额"),
        figure(ws, "service", "patents", "知识产权项目")])
    if funds:
        out.append(funds)
    training = _sentence("社会培训方面，", [figure(ws, "service", "training_funds", "非学历培训到款额"),
                                       figure(ws, "service", "public_training", "公益性培训服务"),
                                       *_others(ws, "service")])
    if training:
        out.append(training)
    return out


def _international(ws: Workspace) -> list[str]:
    out = []
    people = _sentence("", [
        figure(ws, "international", "foreign_students", "全日制国（境）外留学生"),
        figure(ws, "international", "foreign_trainees", "非全日制国（境）外人员培训量"),
        figure(ws, "international", "student_overseas_days", "在校生服务“走出去”企业国（境）外实习"),
        figure(ws, "international", "teacher_overseas_days", "专任教师赴国（境）外指导和开展培训")])
    if people:
        out.append(f"{ws.year}年，学校" + people)
    standards = _sentence("", [
        figure(ws, "international", "program_standards_adopted", "开发并被国（境）外采用的专业教学标准"),
        figure(ws, "international", "course_standards_adopted", "课程标准"),
        figure(ws, "international", "teachers_in_foreign_bodies", "在国（境）外组织担任职务的专任教师"),
        figure(ws, "international", "overseas_awards", "国（境）外技能大赛获奖"), *_others(ws, "international")])
    if standards:
        out.append(standards)
    return out


def _industry(ws: Workspace) -> list[str]:
    parts = [figure(ws, "policy", "part_time_hours", "企业兼职教师年课时总量"),
             figure(ws, "policy", "part_time_pay", "年支付企业兼职教师课酬"),
             figure(ws, "resources", "teaching_hours_by_part_time", "企业兼职教师承担专业课学时比例"),
             figure(ws, "policy", "teacher_practice_days", "专任教师企业实践总天数"),
             figure(ws, "policy", "internship_insurance", "生均顶岗实习责任保险投入")]
    found = [_sentence(f"{ws.year}年，", parts), _sentence("校企合作育人方面，", list(_others(ws, "policy")))]
    return [p for p in found if p]


def _support(ws: Workspace, f: dict[str, Any]) -> list[str]:
    out = []
    quota, total = value(ws, "policy", "staff_quota"), value(ws, "policy", "staff_total")
    funds = [figure(ws, "policy", "funding_per_student", "年生均财政拨款水平"),
             figure(ws, "policy", "special_funding_per_student", "其中年生均财政专项经费")]
    if quota and total is not None:
        funds.append(f"在岗教职员工 {num(total)} 人，为额定编制 {num(quota)} 人的 {pct(total / quota)}")
    text = _sentence("政策落实方面，", funds)
    if text:
        out.append(text)
    scored_levels = [r for r in f["levels"] if r["score"] is not None]
    if scored_levels:
        each = "、".join(f"{r['name']} {r['score_text']}" + (f"（{r['delta_text']}）" if r["delta_text"] != "—" else "")
                        for r in scored_levels)
        text = f"质量保证方面，学校常态化开展五个层面诊断与改进，{ws.year}年各层面达成度为：{each}"
        if f["college_score"] is not None:
            text += f"，平均 {pct(f['college_score'])}"
        out.append(text + "。")
    depts = [d for d in f["departments"] if d["score"] is not None]
    if depts:
        ranked = sorted(depts, key=lambda d: -d["score"])
        counts: dict[str, int] = {}
        for d in depts:
            counts[d["band"]] = counts.get(d["band"], 0) + 1
        band_text = "、".join(f"{b.name} {counts[b.name]} 个" for b in ws.bands if counts.get(b.name))
        text = (f"{len(depts)} 个部门中综合达成度{band_text}；最高的是{ranked[0]['name']}（{ranked[0]['score_text']}），"
                f"最低的是{ranked[-1]['name']}（{ranked[-1]['score_text']}）。")
        improvements = f["improvements"]
        if improvements["total"]:
            text += (f"上一轮改进措施 {improvements['total']} 条，已完成 {improvements['done']} 条，"
                     f"落实率 {improvements['rate_text']}。")
        out.append(text)
    return out


def _challenges(ws: Workspace, f: dict[str, Any]) -> list[str]:
    items = []
    completion = f["completion"]
    if completion.due and completion.rate is not None and completion.rate < ws.bands[1].min:
        none_done = [d["name"] for d in f["departments"] if d["completion"]["due"] and d["completion"]["rate"] == 0]
        text = (f"年度重点工作任务推进滞后，到期 {completion.due} 项、完成 {completion.done} 项，"
                f"建设指标完成率仅 {pct(completion.rate)}")
        if none_done:
            text += f"，{'、'.join(none_done)}的到期任务均未完成"
        items.append(text)
    low = sorted((d for d in f["departments"] if d["score"] is not None and d["score"] < ws.bands[1].min),
                 key=lambda d: d["score"])
    if low:
        named = "、".join(f"{d['name']}（{d['score_text']}）" for d in low[:4])
        items.append(f"部分部门达成度偏低，{named}{'等' if len(low) > 4 else ''}综合达成度未达到“{ws.bands[1].name}”")
    falls = _largest_falls(f)
    if falls:
        items.append(f"部分标准维度较上年下滑，{falls}")
    weak = _short_measures(f, None, red_only=True)
    if weak:
        items.append(f"部分质量指标未达目标，{weak}")
    improvements = f["improvements"]
    if improvements["total"] and improvements["done"] < improvements["total"]:
        items.append(f"上一轮改进措施落实不到位，{improvements['total']} 条中已完成 {improvements['done']} 条"
                     f"（{improvements['rate_text']}）")
    if not items:
        return []
    return [f"对照年度目标与质量标准，学校发展面临的主要问题：{_order(items)}。"]


# ------------------------------------------------------------------ helpers over the facts
def _weak_dims(f: dict[str, Any], level: str) -> str:
    """The lowest dimension of the level's standards: ``身心健康素质标准（94.3%，较上年下降 5.7 个百分点）``."""
    dims = [(d, s) for s in f["standards"] if s["level_id"] == level for d in s["dimensions"] if d["score"] is not None]
    if not dims:
        return ""
    d, _ = min(dims, key=lambda x: x[0]["score"])
    words = change_words(d["score"], d["last"]) if d["last"] is not None else ""
    return f"{d['name']}（{d['score_text']}" + (f"，{words}" if words else "") + "）"


def _largest_falls(f: dict[str, Any]) -> str:
    """The dimensions that fell most on last year (at least 3 百分点), up to three."""
    falls = []
    for s in f["standards"]:
        for d in s["dimensions"]:
            if d["score"] is not None and d.get("last") is not None and d["last"] - d["score"] >= 0.03:
                falls.append((d["last"] - d["score"], d))
    falls.sort(key=lambda x: -x[0])
    return "、".join(f"{d['name']}（{d['score_text']}，{change_words(d['score'], d['last'])}）" for _, d in falls[:3])


def _short_measures(f: dict[str, Any], level: str | None, red_only: bool = False) -> str:
    """The measures of ``level`` (None: the college's) below target, unique by name, with actual and target."""
    rows = f["level_measures"].get(level or "school", []) if level else f["measures"]
    seen: dict[str, dict[str, Any]] = {}
    for m in rows:
        if m["score"] is None or m["score"] >= 1 or m["name"] in seen:
            continue
        if red_only and m["color"] != "red":
            continue
        seen[m["name"]] = m
    return "、".join(_short(m) for m in list(seen.values())[:5])


def _short(m: dict[str, Any]) -> str:
    """``学生体质健康测试合格率（89.6%，目标 90%）``; a judged point ``运动能力（评价为“基本符合”）``."""
    if m["target_text"] == "符合" and not any(ch.isdigit() for ch in m["now_text"]):
        return f"{m['name']}（评价为“{m['now_text']}”）"
    return f"{m['name']}（{m['now_text']}，目标 {m['target_text']}）"


def survey_or_none(ws: Workspace) -> dict[str, Any] | None:
    """The year's 学生发展自测 summary, or None when there is none or it cannot be scored (the student
    level's report says why)."""
    from zhengai.reports.people import survey_section

    try:
        return survey_section(ws)
    except RepositoryError:
        return None


TABLE_NAMES = [name for name, _ in TABLES.values()]
"""The five national tables' names, in the national order (附件1—5)."""

__all__ = ["DATA_MISSING", "LENGTH", "SECTIONS", "TABLE_NAMES", "change", "figure", "generated", "survey_or_none",
           "value"]
