"""Hand-computed scores: reverse items, weights, per-item scales, missing answers."""

from __future__ import annotations

import math
import tempfile
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhengai.load.instruments import load_instrument
from zhengai.models.people import Instrument
from zhengai.score import scoring
from zhengai.score.survey import (
    Layout,
    element_scores,
    item_scores,
    layout,
    profile,
    score_matrix,
    weighted_rollup,
)

from .conftest import MINI

NAN = float("nan")


def scores_of(mini: Instrument, *rows: list[float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    result = score_matrix(np.array(rows, dtype=float), layout(mini))
    return result.elements, result.dimensions, result.overall


def test_full_answers_by_hand(mini: Instrument) -> None:
    # a1=5 → 100; a2=2 reversed to 4 → 75; a3=3 → 50; a4=1 → 0; b1=4 → 75; b2=4 on 1–4 → 100
    elements, dims, overall = scores_of(mini, [5, 2, 3, 1, 4, 4])
    assert elements[0].tolist() == pytest.approx([87.5, 100 / 3, 87.5])  # A1, A2 = (2·50 + 0)/3, B1
    assert dims[0].tolist() == pytest.approx([(87.5 + 3 * 100 / 3) / 4, 87.5])  # A = 46.875
    assert overall[0] == pytest.approx((2 * 46.875 + 87.5) / 3)  # 60.41666…


def test_reverse_item_turns_round(mini: Instrument) -> None:
    # a2 = 1 (never late) reverse-scores to 5 → 100; a2 = 5 → 1 → 0
    low, high = scores_of(mini, [1, 1, 1, 1, 1, 1], [1, 5, 1, 1, 1, 1])[0]
    assert low[0] == pytest.approx(50.0)  # A1 = (0 + 100) / 2
    assert high[0] == pytest.approx(0.0)


def test_missing_answers_are_left_out_not_zero(mini: Instrument) -> None:
    elements, dims, overall = scores_of(
        mini,
        [5, 2, NAN, 1, 4, 4],      # a3 missing: A2 = a4 alone = 0
        [5, 2, NAN, NAN, 4, 4],    # A2 missing entirely: A = A1 alone
        [NAN] * 6,                 # nothing answered
    )
    assert elements[0][1] == pytest.approx(0.0)
    assert dims[0][0] == pytest.approx((87.5 + 3 * 0.0) / 4)
    assert math.isnan(elements[1][1])
    assert dims[1][0] == pytest.approx(87.5)
    assert overall[1] == pytest.approx((2 * 87.5 + 87.5) / 3)
    assert np.isnan(dims[2]).all() and math.isnan(overall[2])


def test_equal_weights_one_scale_is_the_familiar_formula() -> None:
    inst = load_instrument("student-luzhou-5x25")
    answers = np.array([[4] * 25, [2, 3, 4, 5, 1] * 5], dtype=float)
    result = score_matrix(answers, layout(inst))
    assert result.overall[0] == pytest.approx((4 - 1) / (5 - 1) * 100)
    assert result.dimensions[1].tolist() == pytest.approx([(3 - 1) / 4 * 100] * 5)


def test_profile_strengths_weak_and_modules(mini: Instrument) -> None:
    info = profile(mini, np.array([46.875, 87.5]))
    assert [d["name"] for d in info["weak"]] == ["学业发展"]
    assert [d["name"] for d in info["strengths"]] == ["社会能力发展"]
    assert info["modules"] == [{"id": "M1", "name": "技能特长", "for": "学业发展"}]
    assert profile(mini, np.array([NAN, 60.0])) == {"strengths": [], "weak": [], "modules": []}


def test_tier_lines_change_the_standard_line() -> None:
    inst = load_instrument("teacher-guangxi-4x16")
    dims = np.array([75.0, 75.0, 75.0, 75.0])
    assert profile(inst, dims, "合格教师")["weak"] == []
    assert len(profile(inst, dims, "骨干教师")["weak"]) == 4


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.floats(0, 100)), st.floats(0, 5)), min_size=1, max_size=8))
def test_matrix_rollup_equals_the_shared_weighted_mean(parts: list[tuple[float | None, float]]) -> None:
    scores = np.array([[NAN if s is None else s for s, _ in parts]])
    weights = np.array([w for _, w in parts])
    got = weighted_rollup(scores, np.zeros(len(parts), dtype=int), weights, 1)[0, 0]
    expected = scoring.weighted_mean(parts).score
    if expected is None:
        assert math.isnan(got)
    else:
        assert got == pytest.approx(expected, abs=1e-9)



@cache
def _mini_layout() -> Layout:
    """The mini instrument's layout (hypothesis tests cannot take function-scoped fixtures)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mini.yaml"
        path.write_text(MINI, encoding="utf-8")
        return layout(load_instrument(path))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=6, max_size=6), min_size=1, max_size=6))
def test_fused_element_scores_equal_the_item_by_item_rollup(rows: list[list[int | None]]) -> None:
    # b2 (last column) is on a 1–4 scale
    values = np.array([[NAN if v is None else (min(v, 4) if j == 5 else v) for j, v in enumerate(r)] for r in rows])
    lay = _mini_layout()
    fused, _ = element_scores(values, lay)
    by_item = weighted_rollup(item_scores(values, lay), lay.element_of_item, lay.item_weight, 3)
    assert np.allclose(fused, by_item, equal_nan=True)
