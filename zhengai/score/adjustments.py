"""Whether the adjustments an improvement record decided were applied (8字螺旋, the second loop).

An improvement may adjust a target or revise a standard (:class:`~zhengai.models.records.Adjustment`:
a new target value, floor, baseline or deadline, with its reason and the cycle it takes
effect).  From that cycle on, the indicator, QC point or target must say so; the
diagnosis of each later cycle reports 已调整 / 未调整, and which value the repository
holds instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zhengai.load.repository import Located, Repository
from zhengai.models.records import Adjustment

FIELD_NAMES = {"target": "目标值", "threshold": "底线值", "baseline": "基线值", "deadline": "时限"}


@dataclass(frozen=True)
class AdjustmentStatus:
    """One decided adjustment and whether the repository carries it in the cycle assessed."""

    improvement: str
    ref: str
    name: str
    field: str
    value: Any
    current: Any
    reason: str
    effective: int
    state: str
    """已调整, 未调整, 未生效 (its cycle has not come) or 对象不存在."""
    cite: str
    unit: str | None = None
    """The unit of measurement of the adjusted value (%, 门 …), when it is a number."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"improvement": self.improvement, "ref": self.ref, "name": self.name, "field": self.field,
                "value": self.value, "current": self.current, "reason": self.reason, "effective": self.effective,
                "state": self.state, "source": self.cite}


def _same(current: Any, wanted: Any) -> bool:
    if isinstance(current, (int, float)) and isinstance(wanted, (int, float)):
        return abs(float(current) - float(wanted)) < 1e-9
    return str(current).strip() == str(wanted).strip()


def _subject(repo: Repository, ref: str) -> Located[Any] | None:
    located: Located[Any] | None = repo.indicators.get(ref) or repo.qc_points.get(ref) or repo.targets.get(ref)
    return located


def adjustment_status(repo: Repository, improvement: str, adjustment: Adjustment, year: int,
                      cite: str) -> AdjustmentStatus:
    """The state of one adjustment in cycle ``year``."""
    subject = _subject(repo, adjustment.ref)
    name = getattr(subject.item, "name", None) or getattr(subject.item, "title", None) or adjustment.ref \
        if subject is not None else adjustment.ref
    current = getattr(subject.item, adjustment.field, None) if subject is not None else None
    if subject is None or not hasattr(subject.item, adjustment.field):
        state = "对象不存在"
    elif year < adjustment.effective:
        state = "未生效"
    else:
        state = "已调整" if _same(current, adjustment.value) else "未调整"
    unit = getattr(subject.item, "unit", None) if subject is not None and adjustment.field != "deadline" else None
    return AdjustmentStatus(improvement, adjustment.ref, str(name), adjustment.field, adjustment.value, current,
                            adjustment.reason, adjustment.effective, state, cite, unit)


def adjustments(repo: Repository, improvement_ids: list[str], year: int) -> list[AdjustmentStatus]:
    """Every adjustment decided in the given improvement records, with its state in ``year``."""
    found = []
    for ident in improvement_ids:
        located = repo.improvements[ident]
        for i, adjustment in enumerate(located.item.adjusts):
            line = located.file.position(f"{located.pointer}/adjusts/{i}").line
            found.append(adjustment_status(repo, ident, adjustment, year, f"{located.file.rel}:{line}"))
    return found


__all__ = ["FIELD_NAMES", "AdjustmentStatus", "adjustment_status", "adjustments"]
