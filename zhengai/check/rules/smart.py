"""ZG41x–ZG45x: SMART — specific, measurable, achievable, relevant, time-bound.

Each rule looks at what a checker can see in a target or an annual key task (see
DOMAIN.md §5 and the README's rule table).  Findings carry the SMART letter.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zhengai.check.rules.base import Rule
from zhengai.check.smarttext import artefacts, has_quantity, is_empty_slogan, slogan_words
from zhengai.findings import Finding, Severity
from zhengai.load.repository import Located, Repository, subject_of
from zhengai.models.common import Indicator
from zhengai.models.plans import Target
from zhengai.models.tasks import KeyTask
from zhengai.models.timeexpr import TimeParseError, find_time, parse_time

W, E = Severity.WARNING, Severity.ERROR


def _items(repo: Repository) -> Iterator[Located[Any]]:
    """Targets and key tasks, the items SMART is asked of."""
    yield from repo.targets.values()
    yield from repo.tasks.values()


def _text(item: Target | KeyTask) -> str:
    """All the words an item says about itself."""
    if isinstance(item, Target):
        return item.statement
    parts = [item.title, item.outcome or "", *(lv.content for lv in item.levels)]
    return "；".join(p for p in parts if p)


def _master_target(repo: Repository, located: Located[Any]) -> bool:
    plan = located.file.model
    return isinstance(located.item, Target) and getattr(plan, "type", None) == "master"


def _words(repo: Repository) -> list[str]:
    from zhengai.models.config import DEFAULT_SLOGAN_WORDS

    return list(repo.config.rules.slogan_words) if repo.config else list(DEFAULT_SLOGAN_WORDS)


def _f(repo: Repository, code: str, message: str, at: Located[Any], field: str = "") -> Finding:
    """A finding on an item (or one of its fields), graded by its rule."""
    return RULES_BY_CODE[code].finding(
        repo, message, at=at, pointer=f"{at.pointer}/{field}" if field else at.pointer, subject=subject_of(at.item),
    )


# --------------------------------------------------------------------------- S
def check_owner(repo: Repository) -> Iterator[Finding]:
    """ZG411: every target and task names an owner."""
    for located in _items(repo):
        item = located.item
        owners = item.owner or [o for lv in getattr(item, "levels", []) for o in lv.owner]
        if not owners:
            yield _f(repo, "ZG411", "没有写责任部门（owner）。", located)


def check_slogan(repo: Repository) -> Iterator[Finding]:
    """ZG412: a statement that is an empty slogan."""
    words = _words(repo)
    for located in _items(repo):
        item = located.item
        if item.indicators:
            continue
        text = _text(item)
        if is_empty_slogan(text, words):
            found = "、".join(slogan_words(text, words))
            field = "statement" if isinstance(item, Target) else "title"
            yield _f(repo, "ZG412", f"表述是空泛口号（“{found}”之后没有可衡量的内容或成果）。", located, field)


def check_deliverable(repo: Repository) -> Iterator[Finding]:
    """ZG413: no concrete deliverable — no evidence, no outcome, no artefact, no indicator."""
    for located in _items(repo):
        item = located.item
        if item.evidence or item.indicators or getattr(item, "outcome", None) or artefacts(_text(item)):
            continue
        if has_quantity(_text(item)):
            continue
        yield _f(repo, "ZG413", "没有具体成果：未写佐证/成果形式，表述中也没有可交付的成果。", located)


# --------------------------------------------------------------------------- M
def check_measurable(repo: Repository) -> Iterator[Finding]:
    """ZG421: no number with a unit, no rate, no named evidence artefact."""
    for located in _items(repo):
        item = located.item
        if any(ind.target is not None or ind.threshold is not None for ind in item.indicators):
            continue
        text = _text(item)
        if has_quantity(text) or artefacts(text) or item.evidence:
            continue
        yield _f(repo, "ZG421", "不可度量：没有带单位的数字、比率，也没有写明佐证材料。", located)


def check_qc_baseline(repo: Repository) -> Iterator[Finding]:
    """ZG422: a quantitative QC point without a baseline or a direction."""
    for located in repo.qc_points.values():
        point = located.item
        if point.kind != "quantitative":
            continue
        missing = [name for name, value in (("基线 baseline", point.baseline), ("方向 direction", point.direction))
                   if value is None]
        if missing:
            yield _f(repo, "ZG422", f"定量质控点缺少{'、'.join(missing)}。", located)


# --------------------------------------------------------------------------- A
def _indicators(repo: Repository) -> Iterator[tuple[Located[Any], int, Indicator]]:
    for located in _items(repo):
        for i, ind in enumerate(located.item.indicators):
            yield located, i, ind


def check_rate_over_100(repo: Repository) -> Iterator[Finding]:
    """ZG431: a rate (unit %) whose target or threshold is above 100."""
    def over(source: Any) -> tuple[str, float] | None:
        """(field, value) of a % target or threshold above 100; 个百分点 may exceed 100."""
        if not source.unit or source.unit.strip() not in ("%", "％", "百分比"):
            return None
        for name in ("target", "threshold"):
            value = getattr(source, name)
            if value is not None and value > 100:
                return name, value
        return None

    for located, i, ind in _indicators(repo):
        hit = over(ind)
        if hit:
            yield _f(repo, "ZG431", f"指标“{ind.name}”的{_WORDS[hit[0]]} {hit[1]:g}% 超过 100%。", located,
                     f"indicators/{i}/{hit[0]}")
    for located in repo.qc_points.values():
        hit = over(located.item)
        if hit:
            yield _f(repo, "ZG431", f"质控点“{located.item.name}”的{_WORDS[hit[0]]} {hit[1]:g}% 超过 100%。",
                     located, hit[0])


_WORDS = {"target": "目标值", "threshold": "阈值"}


def _values_by_ref(repo: Repository) -> dict[str, list[float]]:
    """Every observed value per ref, in one pass (a scan per indicator made ZG432 quadratic)."""
    found: dict[str, list[float]] = {}
    for o in repo.observations:
        if o.item.value is not None:
            found.setdefault(o.item.ref, []).append(o.item.value)
    return found


def check_jump(repo: Repository) -> Iterator[Finding]:
    """ZG432: a target far beyond its baseline and recorded history (jump_factor)."""
    factor = repo.config.rules.jump_factor if repo.config else 3.0
    values = _values_by_ref(repo)
    for located, i, ind in _indicators(repo):
        if ind.target is None or ind.baseline is None or ind.baseline <= 0:
            continue
        history = [ind.baseline, *values.get(ind.id or "", [])]
        if ind.direction.value == "up" and ind.target > factor * max(history):
            yield _f(repo, "ZG432", f"指标“{ind.name}”目标 {ind.target:g} 超过基线与历史最高值 {max(history):g} 的 "
                     f"{factor:g} 倍。", located, f"indicators/{i}/target")
        elif ind.direction.value == "down" and ind.target > 0 and ind.target * factor < min(history):
            # a zero target (出错率为 0, 零事故) is a legitimate goal, not an implausible jump
            yield _f(repo, "ZG432", f"指标“{ind.name}”目标 {ind.target:g} 低于基线与历史最低值 {min(history):g} 的 "
                     f"1/{factor:g}。", located, f"indicators/{i}/target")


def check_resources(repo: Repository) -> Iterator[Finding]:
    """ZG433: an A or B task without a budget line or people."""
    for located in repo.tasks.values():
        task = located.item
        if task.class_ not in ("A", "B"):
            continue
        res = task.resources
        if res is None or (res.budget is None and not res.people):
            yield _f(repo, "ZG433", f"{task.class_} 类任务没有写明资源（预算或人员）。", located)


# --------------------------------------------------------------------------- R
def check_orphan(repo: Repository) -> Iterator[Finding]:
    """ZG441: a target outside the master plan, or an A task, with no parent in the chain."""
    for located in repo.targets.values():
        if not located.item.parent and not _master_target(repo, located):
            yield _f(repo, "ZG441", "孤立目标：没有上级目标（parent），无法追溯到规划。", located)
    for task in repo.tasks.values():
        if task.item.class_ == "A" and not task.item.parent:
            yield _f(repo, "ZG441", "A 类任务没有对应的规划目标（parent）。", task)


def check_unserved_qc(repo: Repository) -> Iterator[Finding]:
    """ZG442: a QC point that no target, task or indicator serves."""
    served: set[str] = set()
    for located in _items(repo):
        served.update(located.item.qc_points)
    served.update(ind.item.qc_point for ind in repo.indicators.values() if ind.item.qc_point)
    for ident, located in repo.qc_points.items():
        if ident not in served:
            yield _f(repo, "ZG442", "没有任何目标或任务服务于这个质控点。", located)


def check_empty_standard(repo: Repository) -> Iterator[Finding]:
    """ZG443: a standard with no QC point."""
    for std in repo.standards.values():
        for d, dim in enumerate(std.item.dimensions):
            for s, item in enumerate(dim.standards):
                if not item.qc_points:
                    yield RULES_BY_CODE["ZG443"].finding(
                        repo, f"标准“{item.name}”下没有质控点。", file=std.file,
                        pointer=f"/dimensions/{d}/standards/{s}", subject=subject_of(item),
                    )


# --------------------------------------------------------------------------- T
def check_deadline(repo: Repository) -> Iterator[Finding]:
    """ZG451: every target (but the master plan's) and task has a deadline or time node."""
    for located in _items(repo):
        item = located.item
        if item.deadline or (isinstance(item, KeyTask) and any(lv.time_node for lv in item.levels)):
            continue
        year = getattr(located.file.model, "year", None)
        if find_time(_text(item), default_year=year) is None and not _master_target(repo, located):
            yield _f(repo, "ZG451", "没有完成时限或时间节点。", located)


def check_bad_deadline(repo: Repository) -> Iterator[Finding]:
    """ZG452: every deadline, time node and improvement time node can be parsed."""
    for located in _items(repo):
        item = located.item
        year = getattr(located.file.model, "year", None)
        fields = [("deadline", item.deadline)]
        fields += [(f"levels/{j}/time_node", lv.time_node) for j, lv in enumerate(getattr(item, "levels", []))]
        for field, text in fields:
            if text:
                try:
                    parse_time(text, default_year=year)
                except TimeParseError as exc:
                    yield _f(repo, "ZG452", str(exc), located, field)
    for located in repo.improvements.values():
        try:
            parse_time(located.item.time_node)
        except TimeParseError as exc:
            yield _f(repo, "ZG452", str(exc), located, "time_node")


def check_oppm_schedule(repo: Repository) -> Iterator[Finding]:
    """ZG454: a one-page-plan task with no planned month."""
    for located in repo.oppms.values():
        for i, task in enumerate(located.item.tasks):
            if not task.schedule.planned:
                yield RULES_BY_CODE["ZG454"].finding(
                    repo, f"一页纸计划主要任务 {task.no}“{task.title}”没有排进度（planned 月份为空）。",
                    file=located.file, pointer=f"/tasks/{i}/schedule", subject=subject_of(located.item),
                )


RULES = [
    Rule("ZG411", "no-owner", "没有责任部门", W,
         "S 具体明确：每个目标和任务都要落实到责任部门或责任人，预警才有人接。",
         "写 owner：部门标识、名称或别名。", good=("owner: 教务处",), bad=("（缺 owner）",),
         smart="S", check=check_owner),
    Rule("ZG412", "empty-slogan", "空泛口号", W,
         "S 具体明确：“加强、进一步、不断、积极、大力、全面提升……”之后没有数字、成果或佐证，无法判断做没做到。"
         "词表可在 zhengai.yaml 的 rules.slogan_words 中按本校调整。",
         "写清做什么、做到多少、交付什么，如“2026年12月前修订完成专业人才培养方案 12 个”。",
         good=("每年的7月20日前完成秋季学期教学进程表的备案",), bad=("进一步加强内涵建设，全面提升办学水平",),
         smart="S", check=check_slogan),
    Rule("ZG413", "no-deliverable", "没有具体成果", W,
         "S 具体明确：目标要有可交付的成果（规划文本、制度文本、报告、系统……）或量化指标。",
         "写 evidence（佐证/成果形式）或 outcome（预期成效），或加量化指标。",
         good=("evidence: [制度文本]",), bad=("建设文明、平安、幸福校园",), smart="S", check=check_deliverable),
    Rule("ZG421", "not-measurable", "不可度量", W,
         "M 可度量：要有带单位的数字（个、项、门、人、次、篇、%、万元、学时……）、比率或写明的佐证材料。",
         "加指标（indicators）或在表述中写明数量与单位。",
         good=("每年的7月20日前完成秋季学期教学进程表的备案", "教学进程表汇编的出错率为0"),
         bad=("建设文明、平安、幸福校园",), smart="M", check=check_measurable),
    Rule("ZG422", "qc-no-baseline", "定量质控点缺基线或方向", W,
         "M 可度量：没有基线就算不出进步幅度（progress），没有方向就不知道越大越好还是越小越好。",
         "写 baseline 与 direction（up/down）。", good=("baseline: 92\ndirection: up",),
         bad=("target: 95   # 无 baseline、direction",), smart="M", check=check_qc_baseline),
    Rule("ZG431", "rate-over-100", "比率目标超过 100%", E,
         "A 可实现：百分比形式的比率（就业率、覆盖率）不可能超过 100%。",
         "改正目标值；增幅请用“个百分点”作单位。", good=("unit: '%'\ntarget: 98",), bad=("unit: '%'\ntarget: 105",),
         smart="A", check=check_rate_over_100),
    Rule("ZG432", "implausible-jump", "目标跳跃过大", W,
         "A 可实现：目标值超过基线与历史最高值的若干倍（默认 3 倍，zhengai.yaml 的 rules.jump_factor）时需要说明理由。",
         "调整目标，或在本项 waive 中写明理由。", good=("baseline: 10\ntarget: 20",), bad=("baseline: 2\ntarget: 30",),
         smart="A", check=check_jump),
    Rule("ZG433", "no-resources", "A/B 类任务没有资源", W,
         "A 可实现：考核性任务（A/B 类）要写明经费或人员，才能判断是否可实现。",
         "写 resources: {budget: 万元数, people: [...]}。", good=("resources: {budget: 12}",), bad=("（A 类任务无 resources）",),
         smart="A", check=check_resources),
    Rule("ZG441", "orphan", "孤立目标或任务", W,
         "R 相关联：目标链上每个目标（总规划目标除外）和每个 A 类任务都要追溯到上级目标；没有 parent 就是孤立的。",
         "写 parent：上级规划中目标的标识。", good=("parent: T-M-01",), bad=("（专项规划目标无 parent）",),
         smart="R", check=check_orphan),
    Rule("ZG442", "unserved-qc-point", "质控点无人服务", W,
         "R 相关联：标准链的质控点要有目标或任务去落实，否则它只停在纸面上。",
         "在相关目标或任务的 qc_points，或指标的 qc_point 中引用它。", smart="R", check=check_unserved_qc),
    Rule("ZG443", "empty-standard", "标准没有质控点", W,
         "R 相关联：标准要落到质控点才能诊断。", "在该标准下加 qc_points。", smart="R", check=check_empty_standard),
    Rule("ZG451", "no-deadline", "没有时限", W,
         "T 有时限：没有时间节点就不会到期，也就不会预警。",
         "写 deadline，如 2026.12、2026年6月30日、每年12月。", good=("deadline: 每年11月",), bad=("（无 deadline）",),
         smart="T", check=check_deadline),
    Rule("ZG452", "bad-deadline", "时间无法识别", E,
         "T 有时限：写成“长期”“适时”“待定”的时间无法计算到期日。",
         "写成 2026.6、2026年6月30日、每年12月、2026~2030、2026年起每年12月 等形式。",
         good=("2017-2020 每年12月底", "2018年起每年12月", "第三季度"), bad=("长期", "适时"), smart="T",
         check=check_bad_deadline),
    Rule("ZG454", "oppm-unscheduled", "一页纸任务未排进度", W,
         "T 有时限：一页纸计划的每个主要任务都要在 12 个月进度格中排出计划月份。",
         "在 schedule.planned 中写计划月份，如 [3, 4, 5]。", smart="T", check=check_oppm_schedule),
]
RULES_BY_CODE = {rule.code: rule for rule in RULES}
