"""Display rounding is 四舍五入 on the decimal as written, not Python's round-half-even."""

from __future__ import annotations

import pytest

from zhengai.numfmt import fixed, half_up, percent


@pytest.mark.parametrize(("value", "digits", "expected"), [
    (0.125, 2, 0.13),    # round() gives 0.12 (half to even)
    (2.675, 2, 2.68),    # round() gives 2.67 (2.675 is 2.67499999… in binary)
    (0.5, 0, 1.0),       # round() gives 0
    (2.5, 0, 3.0),       # round() gives 2
    (-0.125, 2, -0.13),  # half away from zero
    (0.124, 2, 0.12),
])
def test_half_up(value: float, digits: int, expected: float) -> None:
    assert half_up(value, digits) == expected


def test_fixed_and_percent_text() -> None:
    assert fixed(0.125) == "0.13" and fixed(1.0) == "1.00" and fixed(None) == "—"
    # 0.285 × 100 is 28.499999999999996 in binary; a reader sees 28.5% and rounds it to 29%
    assert percent(0.285, 0) == "29%" and percent(0.8535) == "85.4%" and percent(None) == "—"
    assert percent(0.00125, 2) == "0.13%"


def test_non_finite_values_pass_through() -> None:
    assert half_up(float("inf"), 2) == float("inf")
    assert fixed(float("nan")) == "nan"


@pytest.mark.parametrize(("value", "expected"), [
    (12.345, "12.35"),      # :.4g gives 12.35 here but 2.675 → 2.67; half up on the written decimal
    (2.675, "2.675"),
    (0.12345, "0.1235"),
    (12630.0, "12630"),
    (93.5, "93.5"),
    (0.000125, "0.000125"),
])
def test_significant(value: float, expected: str) -> None:
    from zhengai.numfmt import significant

    assert significant(value) == expected


def test_report_text_rounds_half_up() -> None:
    from zhengai.reports.text import delta, num, pct

    assert pct(0.8535) == "85.4%" and num(1.2345) == "1.235" and delta(93.25, 92.2, "%") == "+1.1 个百分点"
