"""Observation periods: ``2026``, ``2026-03``, ``2026Q1``, ``2026H1``, ``2025-2026学年``.

A period is a span of days; observations are ordered by the end of their period.
Frequencies say which periods a tracked indicator must have data for.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})[-./](\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})年(\d{1,2})月$"), "month"),
    (re.compile(r"^(\d{4})-?[Qq]([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})年?第?([1-4一二三四])季度$"), "quarter"),
    (re.compile(r"^(\d{4})-?[Hh]([12])$"), "half"),
    (re.compile(r"^(\d{4})年?(上|下)半年$"), "half"),
    (re.compile(r"^(\d{4})[-~～—至](\d{4})学年$"), "school_year"),
    (re.compile(r"^(\d{4})年$"), "year"),
]
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "上": 1, "下": 2}


class PeriodError(ValueError):
    """A period label that cannot be read; the message quotes it."""


@dataclass(frozen=True, order=True)
class Period:
    """A span of days with its frequency kind and the label as written."""

    end: dt.date
    start: dt.date
    kind: str
    label: str


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse_period(label: str) -> Period:
    """Read a period label (see the module doc) or raise :class:`PeriodError`."""
    text = label.strip().replace(" ", "")
    for pattern, kind in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        year = int(match.group(1))
        part = match.group(2) if match.lastindex and match.lastindex >= 2 else None
        number = (_CN.get(part) or int(part)) if part else 0
        if kind == "year":
            return Period(dt.date(year, 12, 31), dt.date(year, 1, 1), kind, label)
        if kind == "month":
            if not 1 <= number <= 12:
                break
            return Period(_month_end(year, number), dt.date(year, number, 1), kind, label)
        if kind == "quarter":
            first = 3 * number - 2
            return Period(_month_end(year, first + 2), dt.date(year, first, 1), kind, label)
        if kind == "half":
            first = 1 if number == 1 else 7
            return Period(_month_end(year, first + 5), dt.date(year, first, 1), kind, label)
        if kind == "school_year":
            if number != year + 1:
                break
            return Period(dt.date(number, 8, 31), dt.date(year, 9, 1), kind, label)
    raise PeriodError(f"无法识别的期间“{label}”：请写成 2026、2026-03、2026Q1、2026H1 或 2025-2026学年。")


# frequency → which period kind one observation of it covers
FREQUENCY_KIND = {"yearly": "year", "semester": "half", "quarterly": "quarter", "monthly": "month"}


def expected_periods(frequency: str, first: dt.date, as_of: dt.date) -> list[tuple[dt.date, dt.date]]:
    """``(start, end)`` of every complete period of ``frequency`` from the one holding
    ``first`` up to ``as_of`` (a period is due once its end has passed)."""
    spans: list[tuple[dt.date, dt.date]] = []
    year, month = first.year, first.month
    step = {"yearly": 12, "semester": 6, "quarterly": 3, "monthly": 1}[frequency]
    # align the start month to the period grid (Jan for years, Jan/Jul for halves...)
    month = ((month - 1) // step) * step + 1
    while True:
        start = dt.date(year, month, 1)
        end_month = month + step - 1
        end = _month_end(year, end_month)
        if end >= as_of:
            return spans
        spans.append((start, end))
        month += step
        if month > 12:
            month -= 12
            year += 1
