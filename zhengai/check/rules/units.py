"""ZG316–ZG317: units named by observations, targets and tasks exist; one quantity, one number."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from zhengai.check.rules.base import Rule
from zhengai.findings import Finding, Severity
from zhengai.load.repository import Located, Repository, subject_of
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
    (``qc_point``), or when two refs share their name and platform code.  For the same
    unit and period they must agree; the later one (in file order) is reported.
    """
    def keys_of(ref: str) -> list[str]:
        indicator = repo.indicators.get(ref)
        if indicator is not None and indicator.item.qc_point in repo.qc_points:
            return [f"qc:{indicator.item.qc_point}"]
        located: Located[Any] | None = repo.qc_points.get(ref) or indicator
        if located is None:
            return []
        code = getattr(located.item, "source", None)
        keys = [f"qc:{ref}"] if ref in repo.qc_points else []
        return keys + ([f"named:{located.item.name}@{code}"] if code else [])

    seen: dict[tuple[str, str | None, str], Located[Observation]] = {}
    for obs in repo.observations:
        item = obs.item
        try:
            period = parse_period(item.period).label
        except PeriodError:
            continue  # ZG2xx/SMART rules report unreadable periods
        firsts = [seen.setdefault((key, item.unit, period), obs) for key in keys_of(item.ref)]
        first = next((f for f in firsts if f is not obs and f.item.ref != item.ref), None)
        # (a repeated value of one series is the period rules' business)
        if first is not None and (first.item.value, first.item.conformity) != (item.value, item.conformity):
            yield BY_CODE["ZG317"].finding(
                repo, f"“{item.ref}”{period} 的值 {_shown(item)} 与“{first.item.ref}”的 {_shown(first.item)}"
                f"（{first.cite()}）是同一数据，数值却不同。", at=obs, pointer=f"{obs.pointer}/value"
                if item.value is not None else f"{obs.pointer}/conformity", subject=item.ref)


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
]
BY_CODE = {rule.code: rule for rule in RULES}
