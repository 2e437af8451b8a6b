"""ZG461–ZG469: teacher development plans (教师个人三年发展规划).

The SMART letters mean what they mean for departments (DOMAIN.md §5) and the text
checks are the same (:mod:`zhengai.check.smarttext`): a teacher's yearly target must be as
specific, measurable and time-bound as a department's, relate to a dimension of the
teacher standard, and the tier goal must be achievable.

Examples (ZG468 not measurable):

- passes: ``2026年12月前完成《液压与气动技术》整体教学设计1门`` — a number with a unit;
- fails: ``进一步提升教学能力`` — nothing to measure, no evidence named.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zhengai.check.rules.base import Rule
from zhengai.check.smarttext import artefacts, has_quantity, is_empty_slogan, slogan_words
from zhengai.findings import Finding, Severity
from zhengai.load.instruments import SurveyError, resolve_instrument
from zhengai.load.repository import Repository, SourceFile, subject_of
from zhengai.models.config import DEFAULT_SLOGAN_WORDS
from zhengai.models.people import TIERS, Instrument, TeacherPlan
from zhengai.models.timeexpr import TimeParseError, parse_time

W, E = Severity.WARNING, Severity.ERROR
PLAN_YEARS = 3


def _plans(repo: Repository) -> Iterator[tuple[SourceFile, TeacherPlan]]:
    for source in repo.files:
        if isinstance(source.model, TeacherPlan):
            yield source, source.model


def _instrument(repo: Repository, plan: TeacherPlan) -> Instrument | None:
    try:
        return resolve_instrument(repo, plan.instrument)
    except SurveyError:
        return None


def _f(repo: Repository, code: str, message: str, source: SourceFile, pointer: str, item: Any = None) -> Finding:
    """A finding in a teacher plan (on one of its targets when ``item`` is given), graded by its rule."""
    subject = subject_of(item) if item is not None else f"{source.model.id} {source.model.teacher.id}"
    return RULES_BY_CODE[code].finding(repo, message, file=source, pointer=pointer, subject=subject)


def dimension_of(instrument: Instrument, text: str) -> str | None:
    """The id of the dimension named ``text`` (by id or name), None when unknown."""
    for dim in instrument.dimensions:
        if text in (dim.id, dim.name):
            return dim.id
    return None


# --------------------------------------------------------------------------- T
def check_period(repo: Repository) -> Iterator[Finding]:
    """ZG461: a teacher plan covers three years."""
    for source, plan in _plans(repo):
        years = plan.period.end - plan.period.start + 1
        if years != PLAN_YEARS:
            yield _f(repo, "ZG461", f"规划期 {plan.period.start}—{plan.period.end} 共 {years} 年，教师个人发展规划应为三年。",
                     source, "/period")


def check_target_time(repo: Repository) -> Iterator[Finding]:
    """ZG464: target years and deadlines inside the plan period and readable."""
    for source, plan in _plans(repo):
        start, end = plan.period.start, plan.period.end
        for i, target in enumerate(plan.targets):
            if not start <= target.year <= end:
                yield _f(repo, "ZG464", f"目标年度 {target.year} 不在规划期 {start}—{end} 内。", source,
                         f"/targets/{i}/year", target)
                continue
            if target.deadline:
                try:
                    expr = parse_time(target.deadline, default_year=target.year)
                except TimeParseError as exc:
                    yield _f(repo, "ZG464", str(exc), source, f"/targets/{i}/deadline", target)
                    continue
                if not expr.recurring and expr.end.year > end:
                    yield _f(repo, "ZG464", f"完成时限 {target.deadline} 晚于规划期末 {end} 年。", source,
                             f"/targets/{i}/deadline", target)


# --------------------------------------------------------------------------- A
def check_tier_goal(repo: Repository) -> Iterator[Finding]:
    """ZG462: the tier goal is not below the current tier."""
    for source, plan in _plans(repo):
        if TIERS.index(plan.tier_goal) < TIERS.index(plan.tier):
            yield _f(repo, "ZG462", f"层级目标“{plan.tier_goal}”低于当前层级“{plan.tier}”。", source, "/tier_goal")


def check_tier_jump(repo: Repository) -> Iterator[Finding]:
    """ZG463: at most one tier up within one plan period."""
    for source, plan in _plans(repo):
        steps = TIERS.index(plan.tier_goal) - TIERS.index(plan.tier)
        if steps > 1:
            yield _f(repo, "ZG463", f"三年内从“{plan.tier}”跨 {steps} 级到“{plan.tier_goal}”，难以实现。", source,
                     "/tier_goal")


# --------------------------------------------------------------------------- R
def check_dimension(repo: Repository) -> Iterator[Finding]:
    """ZG465: the instrument, standard, department, target dimensions and QC points exist."""
    for source, plan in _plans(repo):
        if plan.standard and repo.standards and plan.standard not in repo.standards:
            yield _f(repo, "ZG465", f"标准“{plan.standard}”在仓库中不存在。", source, "/standard")
        dept = plan.teacher.department
        if dept and repo.config is not None and not repo.owner_known(dept):
            yield _f(repo, "ZG465", f"部门“{dept}”不在 zhengai.yaml 的部门清单中。", source, "/teacher/department")
        instrument = _instrument(repo, plan)
        if instrument is None:
            yield _f(repo, "ZG465", f"找不到自测问卷“{plan.instrument}”（仓库中的 kind: instrument 文件或内置问卷）。",
                     source, "/instrument")
            continue
        names = "、".join(d.name for d in instrument.dimensions)
        for i, target in enumerate(plan.targets):
            if dimension_of(instrument, target.dimension) is None:
                yield _f(repo, "ZG465", f"维度“{target.dimension}”不是教师发展标准的维度（{names}）。", source,
                         f"/targets/{i}/dimension", target)
            if repo.qc_points:
                for j, ref in enumerate(target.qc_points):
                    if ref not in repo.qc_points:
                        yield _f(repo, "ZG465", f"质控点“{ref}”在仓库的标准中不存在。", source,
                                 f"/targets/{i}/qc_points/{j}", target)


def check_coverage(repo: Repository) -> Iterator[Finding]:
    """ZG466: every plan year has at least one target in every dimension."""
    for source, plan in _plans(repo):
        instrument = _instrument(repo, plan)
        if instrument is None:
            continue
        have = {(t.year, dimension_of(instrument, t.dimension)) for t in plan.targets}
        gaps = [f"{year}年{dim.name}" for year in range(plan.period.start, plan.period.end + 1)
                for dim in instrument.dimensions if (year, dim.id) not in have]
        if gaps:
            shown = "、".join(gaps[:6]) + (f" 等 {len(gaps)} 处" if len(gaps) > 6 else "")
            yield _f(repo, "ZG466", f"以下年度与维度没有目标：{shown}。", source, "/targets")


# --------------------------------------------------------------------------- S, M
def _words(repo: Repository) -> list[str]:
    return list(repo.config.rules.slogan_words) if repo.config else list(DEFAULT_SLOGAN_WORDS)


def check_slogan(repo: Repository) -> Iterator[Finding]:
    """ZG467: a target statement that is an empty slogan."""
    words = _words(repo)
    for source, plan in _plans(repo):
        for i, target in enumerate(plan.targets):
            if not target.indicators and is_empty_slogan(target.statement, words):
                found = "、".join(slogan_words(target.statement, words))
                yield _f(repo, "ZG467", f"目标是空泛口号（“{found}”之后没有可衡量的内容或成果）。", source,
                         f"/targets/{i}/statement", target)


def check_measurable(repo: Repository) -> Iterator[Finding]:
    """ZG468: no indicator with a target, no number with a unit, no named evidence."""
    for source, plan in _plans(repo):
        for i, target in enumerate(plan.targets):
            if any(ind.target is not None or ind.threshold is not None for ind in target.indicators):
                continue
            if has_quantity(target.statement) or artefacts(target.statement) or target.evidence:
                continue
            yield _f(repo, "ZG468", "不可度量：没有带单位的数字、比率，也没有写明佐证材料。", source,
                     f"/targets/{i}", target)


# --------------------------------------------------------------------------- data
def check_self_assessment(repo: Repository) -> Iterator[Finding]:
    """ZG469: self-assessment years, item ids, values on the scale, indicator ids."""
    for source, plan in _plans(repo):
        instrument = _instrument(repo, plan)
        indicators = {ind.id or f"{t.id}-I{k + 1}" for t in plan.targets for k, ind in enumerate(t.indicators)}
        for i, sa in enumerate(plan.self_assessments):
            base = f"/self_assessments/{i}"
            if not plan.period.start <= sa.year <= plan.period.end:
                yield _f(repo, "ZG469", f"自测自诊年度 {sa.year} 不在规划期 {plan.period.start}—{plan.period.end} 内。",
                         source, f"{base}/year")
            if instrument is not None:
                scales = {q.id: q.scale or instrument.scale for _, _, q in instrument.questions()}
                for item, value in sa.answers.items():
                    if item not in scales:
                        yield _f(repo, "ZG469", f"问卷“{instrument.id}”中没有题目“{item}”。", source,
                                 f"{base}/answers/{item}")
                    elif not (float(value).is_integer() and scales[item].min <= value <= scales[item].max):
                        s = scales[item]
                        yield _f(repo, "ZG469", f"题目 {item} 的自评 {value:g} 不在量表 {s.min}–{s.max} 的整数分值中。",
                                 source, f"{base}/answers/{item}")
            for ref in sa.values:
                if ref not in indicators:
                    yield _f(repo, "ZG469", f"本规划的目标中没有指标“{ref}”。", source, f"{base}/values/{ref}")


RULES = [
    Rule("ZG461", "teacher-plan-period", "教师规划不是三年", W,
         "T 有时限：教师个人发展规划按三年编制（邵阳、广西方案），每年自测自诊一次。",
         "把 period 写成三个年度，如 {start: 2026, end: 2028}。", good=("period: {start: 2026, end: 2028}",),
         bad=("period: {start: 2026, end: 2030}",), smart="T", check=check_period),
    Rule("ZG462", "teacher-tier-goal-below", "层级目标低于当前层级", E,
         "A 可实现：层级按 新教师 → 合格教师 → 骨干教师 → 专业带头人 递进，目标不能低于现状。",
         "把 tier_goal 改为当前层级或更高一级。", good=("tier: 合格教师\ntier_goal: 骨干教师",),
         bad=("tier: 骨干教师\ntier_goal: 合格教师",), smart="A", check=check_tier_goal),
    Rule("ZG463", "teacher-tier-jump", "层级跨越过大", W,
         "A 可实现：一个三年规划期内一般只上升一个层级；跨两级以上需要说明理由。",
         "调整 tier_goal，或在规划的 waive 中写明理由。", good=("tier: 新教师\ntier_goal: 合格教师",),
         bad=("tier: 新教师\ntier_goal: 专业带头人",), smart="A", check=check_tier_jump),
    Rule("ZG464", "teacher-target-time", "教师目标时间不对", E,
         "T 有时限：每个年度目标要落在规划期内，完成时限要能识别且不晚于规划期末。",
         "把 year 写成规划期内的年度；deadline 写成 2026.12、2026年6月30日 等形式。",
         good=("year: 2026\ndeadline: 2026.12",), bad=("year: 2031", "deadline: 长期"), smart="T",
         check=check_target_time),
    Rule("ZG465", "teacher-plan-reference", "教师规划的引用无效", E,
         "R 相关联：每个目标要对应教师发展标准的一个维度（师德修养、教育教学、教研科研、社会实践）；"
         "规划引用的问卷、标准、部门和质控点都要存在。",
         "dimension 写问卷维度的标识或名称；检查 instrument、standard、teacher.department 与 qc_points 的拼写。",
         good=("dimension: 教育教学",), bad=("dimension: 教学",), smart="R", check=check_dimension),
    Rule("ZG466", "teacher-year-gap", "某年度某维度没有目标", W,
         "R 相关联：教师规划要有“逐年、分维度”的目标，某年某维度空着就无从自诊。",
         "为缺少的年度与维度补充目标。", smart="R", check=check_coverage),
    Rule("ZG467", "teacher-target-slogan", "教师目标是空泛口号", W,
         "S 具体明确：与部门目标相同，“加强、进一步、不断、全面提升……”之后要有数字、成果或佐证。",
         "写清做什么、做到多少、交付什么，如“2026年12月前完成课程整体教学设计1门”。",
         good=("2026年12月前完成《PLC应用技术》整体教学设计1门",), bad=("进一步提升教学能力",), smart="S",
         check=check_slogan),
    Rule("ZG468", "teacher-target-not-measurable", "教师目标不可度量", W,
         "M 可度量：要有带单位的数字、比率、量化指标或写明的佐证材料。",
         "加 indicators，或在表述中写明数量与单位，或写 evidence。",
         good=("企业实践不少于30天",), bad=("提高实践能力",), smart="M", check=check_measurable),
    Rule("ZG469", "teacher-self-assessment", "自测自诊数据有误", E,
         "自测自诊的年度要在规划期内，题目要是问卷中的题目，自评分值要在量表内，填写的指标要是本规划的指标。",
         "改正 self_assessments 中的年度、题目标识、分值或指标标识。", good=("answers: {T01: 5}",),
         bad=("answers: {T01: 6}", "answers: {X99: 3}"), check=check_self_assessment),
]
RULES_BY_CODE = {rule.code: rule for rule in RULES}
