"""ZG316–ZG318: units named by observations, targets and tasks exist; one quantity, one number;
the targets and standards an improvement record adjusts exist."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from zhengai.check.rules.base import Rule
from zhengai.findings import Finding, Severity
from zhengai.load.repository import Located, Repository, subject_of
from zhengai.load.units import department_of, owner_unit
from zhengai.models.periods import PeriodError, parse_period
from zhengai.models.plans import Plan
from zhengai.models.records import Observation


def check_unit_refs(repo: Repository) -> Iterator[Finding]:
    """ZG316: every ``unit`` names a program, course, class, teacher or department."""
    if repo.config is None:
        return
    units = repo.units

    def bad(unit: str | None) -> bool:
        return unit is not None and units.get(unit) is None

    for obs in repo.observations:
        if bad(obs.item.unit):
            yield BY_CODE["ZG316"].finding(repo, f"观测数据的单位“{obs.item.unit}”不是 zhengai.yaml 中的专业、课程、"
                                           "班级或部门，也不是教师发展规划中的教师。", at=obs,
                                           pointer=f"{obs.pointer}/unit", subject=obs.item.ref)
    for group in (repo.targets, repo.tasks, repo.improvements):
        for located in group.values():
            if bad(located.item.unit):
                yield BY_CODE["ZG316"].finding(repo, f"单位“{located.item.unit}”不存在。", at=located,
                                               pointer=f"{located.pointer}/unit", subject=subject_of(located.item))
    for source in repo.files:
        if isinstance(source.model, Plan) and bad(source.model.unit):
            yield BY_CODE["ZG316"].finding(repo, f"规划所属单位“{source.model.unit}”不存在。", file=source,
                                           pointer="/unit", subject=subject_of(source.model))


def _shown(obs: Observation) -> str:
    return f"{obs.value:g}" if obs.value is not None else str(obs.conformity)


def check_one_number(repo: Repository) -> Iterator[Finding]:
    """ZG317: a quantity read in two places carries the same number in both.

    Two series are the same quantity when an indicator is tied to a QC point
    (``qc_point``: its values must be the QC point's), or when two refs share their name
    and platform code (the later one in file order is reported) — for the same unit and
    period.  Two indicators tied to one QC point are not compared with each other: they
    are often its parts (two programs' 证书获取率 under 专业职业资格证书).  An
    observation names its unit, else its indicator's: the program or course of the
    indicator's target or task, or the 二级学院 that owns it (a 二级学院's 证书获取率 is
    its own number; a functional department such as 人事处 keeps the college's).
    """
    @cache  # asked per observation; the answer depends on the ref only
    def implicit_unit(ref: str) -> str | None:
        owner = repo.indicator_owner.get(ref)
        if owner is None:
            return None
        unit = owner_unit(repo, owner)
        if unit is not None:
            return unit
        holder: Located[Any] | None = repo.targets.get(owner) or repo.tasks.get(owner)
        dept = department_of(repo, holder) if holder is not None else None
        return dept.id if dept is not None and dept.type == "academic" else None

    def named(ref: str) -> str | None:
        located: Located[Any] | None = repo.qc_points.get(ref) or repo.indicators.get(ref)
        code = getattr(located.item, "source", None) if located is not None else None
        return f"{located.item.name}@{code}" if located is not None and code else None

    def conflict(obs: Located[Observation], first: Located[Observation], period: str) -> Finding:
        item = obs.item
        return BY_CODE["ZG317"].finding(
            repo, f"“{item.ref}”{period} 的值 {_shown(item)} 与“{first.item.ref}”的 {_shown(first.item)}"
            f"（{first.cite()}）是同一数据，数值却不同。", at=obs,
            pointer=f"{obs.pointer}/value" if item.value is not None else f"{obs.pointer}/conformity",
            subject=item.ref)

    def differ(a: Observation, b: Observation) -> bool:
        return (a.value, a.conformity) != (b.value, b.conformity)

    readable: list[tuple[Located[Observation], str, str | None]] = []
    for obs in repo.observations:
        try:
            period = parse_period(obs.item.period).label
        except PeriodError:
            continue  # ZG2xx/SMART rules report unreadable periods
        readable.append((obs, period, obs.item.unit or implicit_unit(obs.item.ref)))
    # a QC point's own value, against which the indicators tied to it are read
    points: dict[tuple[str, str | None, str], Located[Observation]] = {}
    for obs, period, unit in readable:
        if obs.item.ref in repo.qc_points:
            points.setdefault((obs.item.ref, unit, period), obs)
    by_name: dict[tuple[str, str | None, str], Located[Observation]] = {}
    for obs, period, unit in readable:
        item = obs.item
        indicator = repo.indicators.get(item.ref)
        tied = indicator.item.qc_point if indicator is not None else None
        point = points.get((tied, unit, period)) if tied else None
        if point is not None and differ(point.item, item):
            yield conflict(obs, point, period)
            continue
        name = named(item.ref)
        if name is None:
            continue
        first = by_name.setdefault((name, unit, period), obs)
        # (a repeated value of one series is the period rules' business)
        if first.item.ref != item.ref and differ(first.item, item):
            yield conflict(obs, first, period)

def check_adjustments(repo: Repository) -> Iterator[Finding]:
    """ZG318: an adjustment names an indicator, QC point or target that has the adjusted field."""
    for located in repo.improvements.values():
        for i, adjustment in enumerate(located.item.adjusts):
            subject: Located[Any] | None = (repo.indicators.get(adjustment.ref) or repo.qc_points.get(adjustment.ref)
                                            or repo.targets.get(adjustment.ref))
            if subject is None:
                message = f"调整对象“{adjustment.ref}”既不是指标、质控点，也不是目标。"
            elif not hasattr(subject.item, adjustment.field):
                message = f"“{adjustment.ref}”没有可调整的 {adjustment.field}（目标只能调整 deadline）。"
            else:
                continue
            yield BY_CODE["ZG318"].finding(repo, message, at=located, pointer=f"{located.pointer}/adjusts/{i}/ref",
                                           subject=subject_of(located.item))


W, E = Severity.WARNING, Severity.ERROR
RULES = [
    Rule("ZG316", "unknown-unit", "单位不存在", E,
         "专业、课程的自我诊改按单位计分；写错的单位代码会让数据落不到任何单位上。",
         "改为 zhengai.yaml 中专业、课程或班级的代码（或教师工号）；新专业先加到所属二级学院的 programs。",
         good=('unit: "460301"   # 机电一体化技术',), bad=('unit: "460399"   # 没有这个专业',),
         check=check_unit_refs),
    Rule("ZG317", "one-quantity-two-numbers", "同一数据多处填报且数值不同", W,
         "同一个量（如“双师型”教师比例）只应观测一次：挂在质控点上的指标读取质控点的数据，"
         "同名同平台编号的两项是同一数据；两处数值不同，报告就会对同一事实给出两个数。",
         "只在一处填报：删去指标自己的观测，让它通过 qc_point 读取质控点的数据；或改正其中一处。",
         good=("- {ref: RSC-01-I1, ...}   # 指标 qc_point: PRG-08，自己不再填报",),
         bad=("- {ref: PRG-08, period: '2026', value: 58.9}\n- {ref: RSC-01-I1, period: '2026', value: 60.2}",),
         check=check_one_number),
    Rule("ZG318", "unknown-adjustment-target", "调整对象不存在", E,
         "改进记录决定的目标调整、标准修订要落到具体的指标、质控点或目标上，下一轮诊断才能核对是否已调整。",
         "改为已有指标或质控点的标识（调整目标值、底线、基线），或目标的标识（调整时限）。",
         good=("- {ref: IND-EMP, field: target, value: 94, reason: …, effective: 2026}",),
         bad=("- {ref: 就业率, field: target, value: 94, reason: …, effective: 2026}",), check=check_adjustments),
]
BY_CODE = {rule.code: rule for rule in RULES}
