"""Numbers for people: 四舍五入 rounding and the few display forms every report uses.

Python's ``round()`` and ``format()`` round half to even on the binary value, so
``f"{0.125:.2f}"`` gives ``0.12`` and ``round(2.675, 2)`` gives ``2.67``.  Chinese
official statistics round half up on the decimal value as written (0.125 → 0.13;
GB/T 8170 allows either, but the reports our users are compared with use 四舍五入),
so every figure shown to a reader goes through :func:`half_up`.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MISSING = "—"


def _rounded(value: float, digits: int, scale: int = 1) -> Decimal | None:
    """``value × scale`` rounded half up at ``digits`` decimals, or None when not finite.

    ``repr`` gives the shortest decimal that reads back as the same float, so 0.125,
    2.675 and 0.285 round the way a person who sees them rounds them; the scale is
    applied in decimal so that 0.285 is 28.5% and not 28.499999999999996%.
    """
    if not math.isfinite(value):
        return None
    try:
        exact = Decimal(repr(float(value))) * scale
        return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than Decimal's context holds (|value| ≥ 1e28)
        return None


def half_up(value: float, digits: int = 0) -> float:
    """``value`` rounded half away from zero at ``digits`` decimals, read as written
    (0.125 → 0.13, where ``round`` gives 0.12); infinite, NaN and huge values unchanged."""
    rounded = _rounded(value, digits)
    return value if rounded is None else float(rounded)


def fixed(value: float | None, digits: int = 2) -> str:
    """``value`` with exactly ``digits`` decimals, 四舍五入; None → ``—``."""
    if value is None:
        return MISSING
    rounded = _rounded(value, digits)
    return f"{value:.{digits}f}" if rounded is None else f"{rounded:.{digits}f}"


def difference(now: float, last: float) -> float:
    """``now − last`` on the decimals as written (93.25 − 92.2 = 1.05, where binary floats give
    1.0499999999999972 and the change would print as 1.0 instead of 1.1)."""
    if not (math.isfinite(now) and math.isfinite(last)):
        return now - last
    return float(Decimal(repr(float(now))) - Decimal(repr(float(last))))


def significant(value: float, digits: int = 4) -> str:
    """``value`` to ``digits`` significant digits, 四舍五入, written out without an exponent or
    trailing zeros (12.345 → ``12.35``, 12630 → ``12630``, 0.000125 → ``0.000125``)."""
    if not math.isfinite(value) or value == 0:
        return f"{value:g}"
    try:
        exact = Decimal(repr(float(value)))
        rounded = exact.quantize(Decimal(1).scaleb(exact.adjusted() - digits + 1), rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return f"{value:g}"
    text = f"{rounded:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(share: float | None, digits: int = 1) -> str:
    """A share 0–1 as a percentage: 0.8535 → ``85.4%``, 0.285 → ``28.5%`` (四舍五入); None → ``—``."""
    if share is None:
        return MISSING
    rounded = _rounded(share, digits, 100)
    return f"{share * 100:.{digits}f}%" if rounded is None else f"{rounded:.{digits}f}%"


__all__ = ["MISSING", "difference", "fixed", "half_up", "percent", "significant"]
