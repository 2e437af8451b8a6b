"""Formatting shared by every report kind: percentages, numbers, changes, dates, bands.

Report contexts hold text ready to print (``85.3%``, ``+1.5 个百分点``), so that a
college's template needs no filters and every kind writes a value the same way.
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from zhengai.models.config import Band
from zhengai.numfmt import difference, fixed, half_up, significant
from zhengai.numfmt import percent as percent_text
from zhengai.score import scoring
from zhengai.score.assessment import Node

FILL = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE", None: "FFFFFF"}
"""Table-cell shading per band colour (light enough to print and photocopy)."""


def pct(value: float | None, digits: int = 1) -> str:
    """0.8535 → ``85.4%`` (四舍五入, :mod:`zhengai.numfmt`); None → ``—``."""
    return percent_text(value, digits)


def num(value: float | None, unit: str = "") -> str:
    """93.5 → ``93.5``, with ``%``/``:1`` glued on and other units after a space (四舍五入)."""
    if value is None:
        return "—"
    if abs(value) >= 1000:
        text = f"{half_up(value, 2):,.2f}".rstrip("0").rstrip(".")
    else:
        text = significant(value, 4)
    if unit in ("%", ":1"):
        return text + unit
    return f"{text} {unit}" if unit else text


def delta(now: float | None, last: float | None, unit: str = "") -> str:
    """``+1.5 个百分点`` for percentages, ``+12 人`` for counts; ``—`` when either is missing."""
    if now is None or last is None:
        return "—"
    diff = difference(now, last)
    if abs(diff) < 1e-9:
        return "持平"
    sign = "+" if diff > 0 else "−"
    if unit == "%":
        return f"{sign}{fixed(abs(diff), 1)} 个百分点"
    shown = num(abs(diff))
    return f"{sign}{shown}{'' if unit in ('', ':1') else ' ' + unit}"


def change_words(now: float | None, last: float | None) -> str:
    """For sentences: 提高 1.5 个百分点 / 下降 … / 持平 / 无上年数据 (scores 0–1)."""
    if now is None or last is None:
        return "无上年可比数据"
    diff = (now - last) * 100
    if abs(diff) < 0.05:
        return "与上年持平"
    return f"较上年{'提高' if diff > 0 else '下降'} {fixed(abs(diff), 1)} 个百分点"


def score_delta(now: float | None, last: float | None) -> str:
    """The change of a score (0–1) in 百分点, as :func:`delta` words it."""
    return delta(None if now is None else now * 100, None if last is None else last * 100, "%")


def scored(score: float | None, bands: list[Band], prefix: str = "") -> dict[str, Any]:
    """``{score, score_text, band, color, fill}`` of an attainment score (0–1)."""
    band = scoring.band(score, bands)
    return {f"{prefix}score": None if score is None else round(score, 4), f"{prefix}score_text": pct(score),
            f"{prefix}band": band.name if band else "未评", f"{prefix}color": band.color if band else "",
            f"{prefix}fill": FILL[band.color if band else None]}


def month_end(year: int, month: int) -> dt.date:
    """The last day of ``month`` counted from January of ``year`` (months past 12 roll over:
    ``month_end(2026, 13)`` is 2027-01-31)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def cn_date(day: dt.date) -> str:
    """2026-12-15 → ``2026年12月15日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def coverage(node: Node) -> str:
    """QC points scored of those under ``node``, e.g. ``5/6`` (marked when under 40%)."""
    text = f"{node.rollup.scored}/{node.rollup.total}"
    return text + ("（不足40%）" if node.rollup.low_coverage else "")


def percent(score: float | None) -> float | None:
    """A score (0–1) as a percentage rounded for charts; None stays None."""
    return None if score is None else round(score * 100, 2)

