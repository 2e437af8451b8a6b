"""ZG307 deadlines inside the plan period; ZG308 compatible units along the chain."""

from __future__ import annotations

from collections.abc import Iterator

from zhengai.check.rules.base import Rule
from zhengai.findings import Finding, Severity
from zhengai.load.repository import Repository, SourceFile, subject_of
from zhengai.models.plans import Plan
from zhengai.models.quantities import compatible
from zhengai.models.tasks import TaskFile
from zhengai.models.timeexpr import TimeParseError, parse_time


def deadline_fields(repo: Repository) -> Iterator[tuple[SourceFile, str, str, int | None, tuple[int, int], str]]:
    """Every deadline text: ``(file, pointer, text, default_year, (first, last) year, subject)``.

    The period is the plan's own (or the college's); a task file's deadlines may use
    its year as the default year (``9月`` in the 2025 decomposition means 2025-09), and a
    task file of a year outside the plan period (the previous plan's last year, kept as the
    cycle before this one) is judged against its own year as well.
    """
    if repo.config is None:
        return
    college = (repo.config.period.start, repo.config.period.end)
    for source in repo.files:
        model = source.model
        if isinstance(model, Plan):
            period = (model.period.start, model.period.end) if model.period else college
            for i, t in enumerate(model.targets):
                if t.deadline:
                    yield source, f"/targets/{i}/deadline", t.deadline, None, period, subject_of(t)
        elif isinstance(model, TaskFile):
            span = (min(college[0], model.year), max(college[1], model.year))
            for i, task in enumerate(model.tasks):
                if task.deadline:
                    yield source, f"/tasks/{i}/deadline", task.deadline, model.year, span, subject_of(task)
                for j, level in enumerate(task.levels):
                    if level.time_node:
                        yield (source, f"/tasks/{i}/levels/{j}/time_node", level.time_node,
                               model.year, span, subject_of(task))


def check_period(repo: Repository) -> Iterator[Finding]:
    """ZG307: a parseable deadline falls inside the plan period."""
    for source, pointer, text, year, (first, last), subject in deadline_fields(repo):
        try:
            expr = parse_time(text, default_year=year)
        except TimeParseError:
            continue  # unparseable deadlines are the SMART T rule's business
        begin = expr.start.year if expr.start else expr.end.year
        if expr.recurring and expr.years is None:
            continue  # 每年12月, 2018年起每年12月: due in every year of the period too
        if begin < first or expr.end.year > last:
            yield BY_CODE["ZG307"].finding(
                repo, f"时间“{text}”超出规划期 {first}–{last} 年。", file=source, pointer=pointer, subject=subject,
            )


def check_units(repo: Repository) -> Iterator[Finding]:
    """ZG308: an indicator and the same indicator of the parent target use compatible units."""
    for group in (repo.targets, repo.tasks):
        for child in group.values():
            parent = repo.targets.get(child.item.parent or "")
            if parent is None:
                continue
            for i, ind in enumerate(child.item.indicators):
                for pind in parent.item.indicators:
                    same = (ind.qc_point and ind.qc_point == pind.qc_point) or ind.name == pind.name
                    if same and not compatible(ind.unit, pind.unit):
                        yield BY_CODE["ZG308"].finding(
                            repo,
                            f"指标“{ind.name}”的单位“{ind.unit}”与上级目标 {parent.item.id} 的同一指标"
                            f"单位“{pind.unit}”不可比。",
                            at=child, pointer=f"{child.pointer}/indicators/{i}/unit",
                            subject=subject_of(child.item),
                        )


RULES = [
    Rule("ZG307", "outside-period", "时间超出规划期", Severity.WARNING,
         "目标和任务的时间节点应落在规划期内，期外的节点在本期诊断中永远不会到期，也就永远不会预警。",
         "改到规划期内；跨期的工作拆成本期与下期两项。",
         good=("deadline: 2025.12   # 规划期 2021–2025",), bad=("deadline: 2027.6   # 规划期 2021–2025",),
         smart="T", check=check_period),
    Rule("ZG308", "unit-mismatch", "指标单位与上级不可比", Severity.ERROR,
         "下级目标的指标要能汇总到上级；单位不同（人 与 %）时达成度无法合并。",
         "与上级指标用同一单位或同一单位族（% 与 个百分点、元 与 万元 可互通）。",
         good=("上级 就业率 %，下级 就业率 %",), bad=("上级 就业率 %，下级 就业率 人",),
         check=check_units),
]
BY_CODE = {rule.code: rule for rule in RULES}
