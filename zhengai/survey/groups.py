"""Group statistics over the respondents that passed the data-quality checks.

For the whole college and for each class, program or department: respondents counted
and excluded; per dimension and overall the mean, standard deviation (n − 1), minimum,
maximum and the share below the standard line; the distribution of overall scores in
five bands; the weak dimensions of the group mean with their suggested modules; and,
when last year's responses are given, last year's mean of the same group and the change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from zhengai.load.instruments import SurveyError
from zhengai.models.people import Instrument
from zhengai.score.survey import Scores
from zhengai.survey.quality import Quality
from zhengai.survey.responses import ROLE_HEADERS, ROLE_NAMES, ResponseTable

if TYPE_CHECKING:
    import numpy as np

BY_NAMES = {"college": "全院", "class": "班级", "program": "专业", "department": "二级学院"}
COLLEGE = "全院"
UNFILLED = "（未填写）"
BANDS: tuple[tuple[str, float, float], ...] = (
    ("60分以下", 0.0, 60.0),
    ("60–69分", 60.0, 70.0),
    ("70–79分", 70.0, 80.0),
    ("80–89分", 80.0, 90.0),
    ("90分及以上", 90.0, float("inf")),
)


@dataclass
class DimensionStat:
    """Statistics of one dimension (or the overall score) over a group."""

    id: str
    name: str
    line: float
    scored: int = 0
    mean: float | None = None
    std: float | None = None
    min: float | None = None
    max: float | None = None
    below: float | None = None
    previous: float | None = None

    @property
    def delta(self) -> float | None:
        """Change against last year's mean of the same group."""
        if self.mean is None or self.previous is None:
            return None
        return self.mean - self.previous

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form, numbers rounded to 2 decimals (shares to 4)."""
        return {
            "id": self.id, "name": self.name, "line": self.line, "scored": self.scored,
            "mean": _r(self.mean), "std": _r(self.std), "min": _r(self.min), "max": _r(self.max),
            "below": _r(self.below, 4), "previous": _r(self.previous), "delta": _r(self.delta),
        }


@dataclass
class GroupStat:
    """One group (the college, a class, a program or a department)."""

    by: str
    key: str
    total: int
    valid: int
    dimensions: list[DimensionStat]
    overall: DimensionStat
    distribution: dict[str, int]
    weak: list[str] = field(default_factory=list)
    modules: list[str] = field(default_factory=list)
    previous_valid: int | None = None

    @property
    def excluded(self) -> int:
        """Respondents of the group left out for data-quality problems."""
        return self.total - self.valid

    @property
    def by_name(self) -> str:
        """Chinese name of the grouping."""
        return BY_NAMES[self.by]

    @property
    def label(self) -> str:
        """``全院`` or ``班级 机电2401``."""
        return COLLEGE if self.by == "college" else f"{self.by_name} {self.key}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "by": self.by, "key": self.key, "total": self.total, "valid": self.valid, "excluded": self.excluded,
            "overall": self.overall.to_dict(), "dimensions": [d.to_dict() for d in self.dimensions],
            "distribution": dict(self.distribution), "weak": list(self.weak), "modules": list(self.modules),
            "previous_valid": self.previous_valid,
        }


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def _natural(key: str) -> tuple[Any, ...]:
    if key == UNFILLED:
        return ((2, ""),)
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", key) if p)


def _stat(ident: str, name: str, line: float, values: np.ndarray) -> DimensionStat:
    import numpy as np

    present = values[~np.isnan(values)]
    stat = DimensionStat(ident, name, line, scored=int(present.size))
    if present.size:
        stat.mean = float(present.mean())
        stat.std = float(present.std(ddof=1)) if present.size > 1 else None
        stat.min, stat.max = float(present.min()), float(present.max())
        stat.below = float((present < line).mean())
    return stat


def _distribution(overall: np.ndarray) -> dict[str, int]:
    import numpy as np

    present = overall[~np.isnan(overall)]
    return {name: int(((present >= low) & (present < high)).sum()) for name, low, high in BANDS}


def require_groups(table: ResponseTable, by: list[str]) -> None:
    """Raise :class:`SurveyError` when a grouping has no column in the responses file."""
    for key in by:
        if key not in BY_NAMES or key == "college":
            raise SurveyError(f"分组方式“{key}”无法识别，只能是 class（班级）、program（专业）、department（二级学院）。")
        if key not in table.groups:
            words = "、".join(ROLE_HEADERS[key])
            raise SurveyError(f"{table.source} 没有“{ROLE_NAMES[key]}”列，无法按{BY_NAMES[key]}分组（表头应为 {words} 之一）。")


def group_stats(
    instrument: Instrument, table: ResponseTable, scores: Scores, quality: Quality, by: list[str],
) -> list[GroupStat]:
    """The college, then every group of each grouping in ``by``, in natural order."""
    import numpy as np

    require_groups(table, by)
    included = quality.included
    out: list[GroupStat] = []
    groupings: list[tuple[str, dict[str, list[int]]]] = [("college", {COLLEGE: list(range(table.n))})]
    for key in by:
        members: dict[str, list[int]] = {}
        for row, value in enumerate(table.groups[key]):
            members.setdefault(value if value is not None else UNFILLED, []).append(row)
        groupings.append((key, {k: members[k] for k in sorted(members, key=_natural)}))
    lines = [instrument.line_of(d) for d in instrument.dimensions]
    modules = {m.id: m.name for m in instrument.modules}
    for by_key, members in groupings:
        for group, rows in members.items():
            idx = np.array(rows, dtype=int)
            ok = idx[included[idx]]
            dims = [_stat(d.id, d.name, lines[j], scores.dimensions[ok, j]) for j, d in enumerate(instrument.dimensions)]
            overall = _stat("overall", "总分", instrument.standard_line, scores.overall[ok])
            weak = [d for d, dim in zip(dims, instrument.dimensions, strict=True)
                    if d.mean is not None and d.mean < d.line]
            suggested: list[str] = []
            for d in weak:
                dim = next(x for x in instrument.dimensions if x.id == d.id)
                suggested += [modules[m] for m in dim.modules if modules[m] not in suggested]
            out.append(GroupStat(by_key, group, len(rows), int(ok.size), dims, overall,
                                 _distribution(scores.overall[ok]), [d.name for d in weak], suggested))
    return out


def compare(current: list[GroupStat], previous: list[GroupStat]) -> None:
    """Fill last year's means into ``current`` for the groups present in both years."""
    before = {(g.by, g.key): g for g in previous}
    for group in current:
        old = before.get((group.by, group.key))
        if old is None:
            continue
        group.previous_valid = old.valid
        group.overall.previous = old.overall.mean
        olds = {d.id: d for d in old.dimensions}
        for dim in group.dimensions:
            if dim.id in olds:
                dim.previous = olds[dim.id].mean
