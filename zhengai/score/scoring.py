"""The scoring formulas (README §评分公式).  Pure functions, no repository access.

- ratio      = actual / target (direction up) or target / actual (down)
- progress   = (actual − baseline) / (target − baseline)
- auto       = progress when a baseline lies behind the target (in the good direction), else ratio
- clamped to [0, 1] unless over-attainment is allowed (then only below at 0)
- floor      = a value on the wrong side of its floor (底线) scores 0 whatever the target
  formula gives; with a floor and no target, meeting the floor scores 1
- conformity = the scale's value for the word (default 符合 1.0, 基本符合 0.6, 不符合 0.0);
  未评 is missing, not zero
- roll-up    = weighted mean of the scores present; coverage = present / all
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from zhengai.models.config import Band

NOT_RATED = "未评"
LOW_COVERAGE = 0.4


def ratio(actual: float, target: float, direction: str = "up") -> float:
    """actual/target when more is better, target/actual when less is better.

    A zero denominator means the goal is met when the value is on the right side of
    zero (a down target of 0 reached with 0, an up target of 0 reached with ≥ 0).
    """
    if direction == "down":
        if actual == 0:
            return 1.0 if target >= 0 else 0.0
        return target / actual
    if target == 0:
        return 1.0 if actual >= 0 else 0.0
    return actual / target


def progress(actual: float, baseline: float, target: float) -> float:
    """Share of the way from baseline to target; works for both directions."""
    return (actual - baseline) / (target - baseline)


def below_floor(actual: float, floor: float, direction: str = "up") -> bool:
    """True when ``actual`` is on the wrong side of its floor (under it, or over it for down)."""
    return actual < floor if direction != "down" else actual > floor


def quantitative(
    actual: float,
    target: float | None,
    *,
    baseline: float | None = None,
    direction: str = "up",
    method: str = "auto",
    allow_over: bool = False,
    floor: float | None = None,
) -> tuple[float, str]:
    """Score one value; return ``(score, method used)``.

    A floor (底线) is a condition, not a target: a value on its wrong side scores 0
    (method ``floor``), so it can never fall in a band above 未达成; with no target, a
    value that meets the floor scores 1.
    """
    if floor is not None and (target is None or below_floor(actual, floor, direction)):
        return (0.0 if below_floor(actual, floor, direction) else 1.0), "floor"
    if target is None:
        raise ValueError("quantitative() needs a target or a floor")
    # progress needs a baseline that lies behind the target in the good direction; a unit
    # already past its target at the baseline would otherwise score 0 for staying there.
    ahead = baseline is not None and (target > baseline if direction == "up" else target < baseline)
    use = "progress" if method in ("auto", "progress") and ahead else "ratio"
    if use == "progress" and baseline is not None:  # "progress" is only chosen with a baseline
        value = progress(actual, baseline, target)
    else:
        value = ratio(actual, target, direction)
    return clamp(value, allow_over), use


OVER_CAP = 1e6
"""Highest score kept when over-attainment is allowed: huge but finite inputs (1e300 against a
target of 1) must not overflow to infinity, which no report can print and JSON cannot hold."""


def clamp(value: float, allow_over: bool = False) -> float:
    """Clamp to [0, 1], or to [0, OVER_CAP] when over-attainment is allowed (NaN counts as 0)."""
    if math.isnan(value):  # inf − inf or inf / inf from values at the edge of float range
        return 0.0
    return min(OVER_CAP, max(0.0, value)) if allow_over else min(1.0, max(0.0, value))


def conformity(word: str, scale: dict[str, float]) -> float | None:
    """The scale value of a conformity word; None for 未评 (missing, not zero)."""
    if word == NOT_RATED:
        return None
    return scale[word]


@dataclass(frozen=True)
class Rollup:
    """A weighted mean with its coverage: how many parts had a score."""

    score: float | None
    scored: int
    total: int

    @property
    def coverage(self) -> float:
        """Share of parts that had a score (1.0 when there are no parts)."""
        return self.scored / self.total if self.total else 1.0

    @property
    def low_coverage(self) -> bool:
        """True when the score rests on less than 40% of its parts."""
        return self.total > 0 and self.coverage < LOW_COVERAGE


def weighted_mean(parts: Iterable[tuple[float | None, float]]) -> Rollup:
    """Weighted mean of ``(score, weight)`` pairs; missing scores are left out."""
    total = scored = 0
    weight_sum = value_sum = 0.0
    for score, weight in parts:
        total += 1
        if score is None:
            continue
        scored += 1
        weight_sum += weight
        value_sum += weight * score
    if scored == 0 or weight_sum == 0:
        return Rollup(None, scored, total)
    return Rollup(value_sum / weight_sum, scored, total)


def band(score: float | None, bands: list[Band]) -> Band | None:
    """The first band (bands run from high to low) whose minimum the score reaches."""
    if score is None:
        return None
    for candidate in bands:
        if score >= candidate.min - 1e-12:
            return candidate
    return bands[-1]
