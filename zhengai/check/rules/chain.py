"""ZG30x: the target chain — unique ids, existing parents, no cycles, plan order."""

from __future__ import annotations

from collections.abc import Iterator

from zhengai.check.rules.base import Rule
from zhengai.findings import Finding, Severity
from zhengai.load.repository import Located, Repository, subject_of
from zhengai.models.plans import Plan

_PLAN_RANK = {"master": 0, "special": 1, "department": 2}


def check_parents(repo: Repository) -> Iterator[Finding]:
    """ZG302: every ``parent`` of a target, task or plan names an existing item."""
    for target in repo.targets.values():
        parent = target.item.parent
        if parent and parent not in repo.targets:
            yield _missing(repo, target, parent, "目标", "上级目标")
    for task in repo.tasks.values():
        parent = task.item.parent
        if parent and parent not in repo.targets:
            yield _missing(repo, task, parent, "任务", "规划目标")
    for plan in repo.plans.values():
        parent = plan.item.parent
        if parent and parent not in repo.plans:
            yield _missing(repo, plan, parent, "规划", "上级规划")


def _missing(repo: Repository, at: Located, parent: str, what: str, whose: str) -> Finding:
    return BY_CODE["ZG302"].finding(
        repo, f"{what}的 parent“{parent}”不存在：找不到这个{whose}。", at=at,
        pointer=f"{at.pointer}/parent", subject=subject_of(at.item),
    )


def check_cycles(repo: Repository) -> Iterator[Finding]:
    """ZG303: following ``parent`` from a target never comes back to it."""
    reported: set[str] = set()
    for start in repo.targets:
        seen: list[str] = []
        current: str | None = start
        while current is not None and current in repo.targets and current not in seen:
            seen.append(current)
            current = repo.targets[current].item.parent
        if current is not None and current in seen:
            cycle = seen[seen.index(current):]
            key = min(cycle)
            if key in reported:
                continue
            reported.add(key)
            at = repo.targets[key]
            path = " → ".join([*cycle[cycle.index(key):], *cycle[: cycle.index(key)], key])
            yield BY_CODE["ZG303"].finding(
                repo, f"目标链成环：{path}。", at=at, pointer=f"{at.pointer}/parent", subject=subject_of(at.item),
            )


def check_plan_order(repo: Repository) -> Iterator[Finding]:
    """ZG313: a target's parent sits in a plan at least as high (master > special > department)."""
    plan_of: dict[str, Plan] = {}
    for plan in repo.plans.values():
        for planned in plan.item.targets:
            plan_of[planned.id] = plan.item
    for ident, target in repo.targets.items():
        parent = target.item.parent
        if not parent or parent not in plan_of or ident not in plan_of:
            continue
        child_plan, parent_plan = plan_of[ident], plan_of[parent]
        if _PLAN_RANK[parent_plan.type] > _PLAN_RANK[child_plan.type]:
            yield BY_CODE["ZG313"].finding(
                repo,
                f"目标链倒置：{_TYPE_NAMES[child_plan.type]}“{child_plan.title}”中的目标，"
                f"上级却是{_TYPE_NAMES[parent_plan.type]}“{parent_plan.title}”中的目标 {parent}。",
                at=target, pointer=f"{target.pointer}/parent", subject=subject_of(target.item),
            )


_TYPE_NAMES = {"master": "总规划", "special": "专项规划", "department": "部门子规划"}

RULES = [
    Rule("ZG301", "duplicate-id", "标识重复", Severity.ERROR,
         "目标、任务、指标、质控点和记录靠标识互相引用；重复的标识让引用指向不明。",
         "每个标识在整个仓库中唯一；改名其中一个。"),
    Rule("ZG302", "unknown-parent", "上级不存在", Severity.ERROR,
         "目标链的每一环都要能追溯到上级规划目标；parent 指向不存在的标识，这一环就断了。",
         "改为已有目标的标识，或先在上级规划中补上该目标。",
         good=("parent: T-M-01   # 总规划中存在",), bad=("parent: T-M-99   # 没有这个目标",),
         check=check_parents),
    Rule("ZG303", "chain-cycle", "目标链成环", Severity.ERROR,
         "目标 A 的上级是 B、B 的上级又是 A，目标链就没有源头，达成度无法汇总。",
         "断开其中一个 parent。", check=check_cycles),
    Rule("ZG313", "chain-inverted", "目标链倒置", Severity.WARNING,
         "目标链自上而下：总规划 → 专项规划 → 部门子规划。上级目标来自更低层级的规划，多半是 parent 填错。",
         "把 parent 改为上一级规划中的目标。", check=check_plan_order),
]
BY_CODE = {rule.code: rule for rule in RULES}
