"""Units of measurement of indicators (元, %, 个…) and which of them can be compared with each other."""

from __future__ import annotations

# Units in one family measure the same kind of quantity and convert into each other
# (万元 and 元), or are read together (% and 个百分点).  Count words (个, 项, 门, 人…)
# each count different things, so two different count words are incompatible.
FAMILIES: dict[str, frozenset[str]] = {
    "percent": frozenset({"%", "％", "百分比", "个百分点", "百分点"}),
    "money": frozenset({"元", "千元", "万元", "亿元"}),
    "duration": frozenset({"天", "日", "周", "小时", "学时", "课时"}),
}
COUNT_UNITS = frozenset({"个", "项", "门", "人", "名", "次", "人次", "篇", "部", "本", "台", "套", "家", "所", "册", "件"})


def normalise_unit(unit: str) -> str:
    """Trim and unify full-width percent signs."""
    return unit.strip().replace("％", "%")


def family(unit: str) -> str:
    """The unit's family name, or the unit itself when it belongs to none."""
    unit = normalise_unit(unit)
    for name, members in FAMILIES.items():
        if unit in members:
            return name
    return unit


def compatible(a: str | None, b: str | None) -> bool:
    """True when two units can be compared (an absent unit is not judged here)."""
    if not a or not b:
        return True
    return family(a) == family(b)
