"""The scoring formulas with hand-computed expectations (README §评分公式)."""

from __future__ import annotations

import pytest

from zhengai.models.config import Band
from zhengai.score import scoring

BANDS = [Band(name="达成", min=1.0, color="green"), Band(name="基本达成", min=0.8, color="yellow"),
         Band(name="未达成", min=0.0, color="red")]


@pytest.mark.parametrize(
    ("actual", "target", "direction", "expected"),
    [
        (90, 100, "up", 0.9),          # 90 / 100
        (120, 100, "up", 1.2),         # over target: ratio itself is not clamped
        (0, 100, "up", 0.0),
        (25, 20, "down", 0.8),         # 20 / 25: a dropout rate of 25% against 20%
        (10, 20, "down", 2.0),         # better than target
        (0, 0, "down", 1.0),           # zero accidents against a target of zero
        (5, 0, "down", 0.0),           # 0 / 5
        (3, 0, "up", 1.0),             # target zero reached
    ],
)
def test_ratio(actual: float, target: float, direction: str, expected: float) -> None:
    assert scoring.ratio(actual, target, direction) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("actual", "baseline", "target", "expected"),
    [
        (93.5, 92, 95, 0.5),     # (93.5 − 92) / (95 − 92) = 1.5 / 3
        (92, 92, 95, 0.0),
        (96, 92, 95, 4 / 3),     # over: 4 / 3 before clamping
        (91, 92, 95, -1 / 3),    # went backwards
        (15, 20, 10, 0.5),       # direction down: (15 − 20) / (10 − 20) = −5 / −10
    ],
)
def test_progress(actual: float, baseline: float, target: float, expected: float) -> None:
    assert scoring.progress(actual, baseline, target) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"actual": 93.5, "target": 95, "baseline": 92}, (0.5, "progress")),        # auto with baseline
        ({"actual": 93.5, "target": 95}, (93.5 / 95, "ratio")),                     # auto without: 0.98421…
        ({"actual": 96, "target": 95, "baseline": 92}, (1.0, "progress")),          # clamped at 1
        ({"actual": 91, "target": 95, "baseline": 92}, (0.0, "progress")),          # clamped at 0
        ({"actual": 96, "target": 95, "baseline": 92, "allow_over": True}, (4 / 3, "progress")),
        ({"actual": 91, "target": 95, "baseline": 92, "allow_over": True}, (0.0, "progress")),
        ({"actual": 93.5, "target": 95, "baseline": 92, "method": "ratio"}, (93.5 / 95, "ratio")),
        ({"actual": 25, "target": 20, "direction": "down"}, (0.8, "ratio")),
        ({"actual": 15, "target": 10, "baseline": 20, "direction": "down"}, (0.5, "progress")),
        ({"actual": 95, "target": 95, "baseline": 95}, (1.0, "ratio")),             # baseline = target: ratio
        ({"actual": 96, "target": 95, "baseline": 97}, (1.0, "ratio")),             # baseline already past: 96/95
        ({"actual": 12, "target": 10, "baseline": 8, "direction": "down"}, (10 / 12, "ratio")),  # past, down
        ({"actual": 93, "target": 95, "method": "progress"}, (93 / 95, "ratio")),   # no baseline: ratio
        # values at the edge of float range: never inf or NaN (JSON and reports cannot hold them)
        ({"actual": 1e308, "target": 1e-300, "allow_over": True}, (1e6, "ratio")),  # inf → OVER_CAP
        ({"actual": 1e308, "target": 1e-300}, (1.0, "ratio")),
        ({"actual": 1e308, "target": 1e308, "baseline": -1e308, "allow_over": True}, (0.0, "progress")),  # inf/inf
    ],
)
def test_quantitative(kwargs: dict, expected: tuple[float, str]) -> None:
    value, method = scoring.quantitative(**kwargs)
    assert (value, method) == (pytest.approx(expected[0]), expected[1])


def test_conformity_default_scale_and_not_rated() -> None:
    scale = {"符合": 1.0, "基本符合": 0.6, "不符合": 0.0}
    assert [scoring.conformity(w, scale) for w in ("符合", "基本符合", "不符合")] == [1.0, 0.6, 0.0]
    assert scoring.conformity("未评", scale) is None  # missing, not zero


def test_weighted_mean_with_missing_and_weights() -> None:
    # (1.0×2 + 0.6×1) / (2 + 1) = 2.6 / 3; the missing part is left out of both sums
    rollup = scoring.weighted_mean([(1.0, 2.0), (0.6, 1.0), (None, 5.0)])
    assert rollup.score == pytest.approx(2.6 / 3)
    assert (rollup.scored, rollup.total) == (2, 3)
    assert rollup.coverage == pytest.approx(2 / 3)
    assert not rollup.low_coverage


def test_low_coverage_is_flagged_below_40_percent() -> None:
    rollup = scoring.weighted_mean([(0.5, 1.0), (None, 1.0), (None, 1.0)])  # 1 of 3 = 33%
    assert rollup.score == 0.5 and rollup.low_coverage
    assert not scoring.weighted_mean([(0.5, 1), (0.5, 1), (None, 1), (None, 1), (None, 1)]).low_coverage  # 40%


def test_all_missing_gives_no_score() -> None:
    rollup = scoring.weighted_mean([(None, 1.0), (None, 1.0)])
    assert rollup.score is None and rollup.coverage == 0.0


def test_zero_weights_give_no_score() -> None:
    assert scoring.weighted_mean([(1.0, 0.0)]).score is None


@pytest.mark.parametrize(
    ("score", "name"),
    [(1.0, "达成"), (0.99999999999999, "达成"), (0.95, "基本达成"), (0.8, "基本达成"), (0.79, "未达成"),
     (0.0, "未达成"), (1.3, "达成")],
)
def test_bands(score: float, name: str) -> None:
    assert scoring.band(score, BANDS).name == name


def test_band_of_missing_score() -> None:
    assert scoring.band(None, BANDS) is None


# ------------------------------------------------------------------ floors (底线)
@pytest.mark.parametrize(("kwargs", "expected"), [
    # a floor alone: met → 1, missed → 0 (never a ratio such as 74/75 = 0.987 → 基本达成)
    ({"actual": 76, "target": None, "floor": 75}, (1.0, "floor")),
    ({"actual": 74, "target": None, "floor": 75}, (0.0, "floor")),
    # less is better: a floor of 3% 调停课率 is missed from above
    ({"actual": 3.2, "target": None, "floor": 3, "direction": "down"}, (0.0, "floor")),
    ({"actual": 2.4, "target": None, "floor": 3, "direction": "down"}, (1.0, "floor")),
    # with a target: above the floor the target formula applies (78 / 90 = 0.8667) …
    ({"actual": 78, "target": 90, "floor": 75}, (pytest.approx(78 / 90), "ratio")),
    # … under it the score is 0, though 74 / 90 = 0.822 would be 基本达成
    ({"actual": 74, "target": 90, "floor": 75}, (0.0, "floor")),
])
def test_floor_is_a_condition_not_a_target(kwargs: dict, expected: tuple[float, str]) -> None:
    assert scoring.quantitative(**kwargs) == expected


def test_value_under_floor_is_never_basically_attained() -> None:
    score, _ = scoring.quantitative(74, 90, floor=75)
    assert scoring.band(score, BANDS).name == "未达成"


def test_quantitative_needs_a_target_or_a_floor() -> None:
    with pytest.raises(ValueError):
        scoring.quantitative(1.0, None)
