"""Charts as plain data: what each report asks to draw, never how.

A :class:`ChartSpec` is picklable, hashable and free of matplotlib, so a report's
fingerprint can cover its charts and the batch can skip an unchanged report before
drawing anything; :mod:`zhengai.render.word.native` turns one into a native Word
chart and :func:`zhengai.render.charts.draw` into a PNG.  The builders here pick and
order the values (the lowest departments when there are too many to draw legibly),
and :func:`informative` keeps only the charts that show something the tables beside
them do not: not six equal bars, not one bar, not the same numbers twice, not a
trend in which nothing moves.  Labels are names, wrapped onto lines, never cut.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from zhengai.reports.text import percent
from zhengai.score.assessment import Node

BIG_LIST = 24
"""Longest list of departments drawn in one bar chart; beyond it the lowest are shown."""

BAR_LIMIT = 20
"""Most bars of targets or standards in one chart (a taller picture would not fit a page)."""

TREND_LIMIT = 3
"""Most measures in one trend of measured values: each has its target line beside it, so
three measures are already six lines."""

WRAP = {"bar": 12, "radar": 8, "trend": 16}
"""Characters per label line by chart kind (a sideways bar's names take a third of the
150 mm chart; a radar's sit around a 120 mm circle)."""

_BREAK_BEFORE = "（(《“"
_BREAK_AFTER = "、，,；：—-/）)》”"
_NO_LINE_START = "、，,。；：！？）)》”’"


@dataclass(frozen=True)
class ChartSpec:
    """What to draw, as plain data.

    ``kind`` is ``bar`` (one series, one bar per label, coloured by ``colors``),
    ``radar`` (one axis per label, one polygon per series) or ``trend`` (one line per
    series over the labels, usually years).  Values are percentages (0–100, may
    exceed 100 when over-attainment is allowed) unless ``unit`` says otherwise (a
    trend of measured values in 个, 万元 …); ``None`` is missing and not drawn.
    ``targets`` (trends) holds each series' target, drawn as a dashed line, so that a
    measured value is seen against what it should reach rather than as a score capped
    at 100.  Labels may hold line breaks (:func:`wrap`): they are never cut.
    """

    name: str
    kind: str
    title: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    colors: tuple[str | None, ...] = ()
    reference: float | None = 100.0
    note: str = ""
    unit: str = "%"
    axis: str = "达成度（%）"
    targets: tuple[float | None, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (used in report fingerprints)."""
        return {"name": self.name, "kind": self.kind, "title": self.title, "labels": list(self.labels),
                "series": [[n, list(v)] for n, v in self.series], "colors": list(self.colors),
                "reference": self.reference, "note": self.note, "unit": self.unit, "axis": self.axis,
                "targets": list(self.targets)}


def dept_bar(rows: list[dict[str, Any]], name: str, title: str, key: str = "score",
             axis: str = "综合达成度（%）") -> ChartSpec | None:
    """Bars per department (the lowest :data:`BIG_LIST` when there are more)."""
    points = [(r["name"], percent(r[key]) if key == "score" else r[key], r.get("color") or None) for r in rows]
    if not any(v is not None for _, v, _ in points):
        return None
    note = ""
    if len(points) > BIG_LIST:
        points = sorted(points, key=lambda p: (p[1] is None, p[1] if p[1] is not None else 0))[:BIG_LIST]
        note = f"共 {len(rows)} 个部门，图中为达成度最低的 {BIG_LIST} 个。"
    return ChartSpec(name, "bar", title, tuple(p[0] for p in points), (("达成度", tuple(p[1] for p in points)),),
                     tuple(p[2] for p in points), note=note, axis=axis)


def node_bar(nodes: list[tuple[str, Node]], name: str, title: str) -> ChartSpec | None:
    """Bars of scored roll-ups; the lowest :data:`BAR_LIMIT` when there are more."""
    scored_nodes = [(label, n) for label, n in nodes if n.score is not None]
    if not scored_nodes:
        return None
    notes = []
    if len(scored_nodes) < len(nodes):
        notes.append(f"无数据的 {len(nodes) - len(scored_nodes)} 项未绘出。")
    if len(scored_nodes) > BAR_LIMIT:
        notes.append(f"共 {len(scored_nodes)} 项，图中为达成度最低的 {BAR_LIMIT} 项。")
        lowest = sorted(scored_nodes, key=lambda p: p[1].score)[:BAR_LIMIT]  # type: ignore[arg-type,return-value]
        scored_nodes = [p for p in scored_nodes if p in lowest]
    return ChartSpec(name, "bar", title, tuple(label for label, _ in scored_nodes),
                     (("达成度", tuple(percent(n.score) for _, n in scored_nodes)),),
                     tuple(n.band.color if n.band else None for _, n in scored_nodes), note="".join(notes))



def dims_radar(dims: list[Node], name: str, title: str) -> ChartSpec | None:
    """One axis per scored dimension (at most ten); None when fewer than three have a score."""
    dims = [d for d in dims if d.score is not None]
    if len(dims) < 3:
        return None
    return ChartSpec(name, "radar", title, tuple(d.name for d in dims[:10]),
                     (("达成度", tuple(percent(d.score) for d in dims[:10])),))


def measure_trend(name: str, title: str, years: Sequence[int],
                  measures: Iterable[tuple[str, str, str, float | None, Sequence[float | None]]]) -> ChartSpec | None:
    """Measured values over ``years`` with each measure's target as a dashed line.

    ``measures`` gives ``(name, unit, direction, target, values by year)``.  Scores are
    capped at 100, so a value falling from 92 to 78 against a target of 75 would be a
    flat line at 100; the measured values show the fall and how close the target is.
    Only one unit fits one axis: the measures in the commonest unit (per cent first on a
    tie) are drawn, those missing their target this year first, then those that got worse,
    then those that moved most, of a size like the first's; at most :data:`TREND_LIMIT`.  A measure listed twice under two names (an
    indicator and the QC point it observes) is drawn once.
    """
    seen: set[tuple[float | None, ...]] = set()
    rows = []
    for label, unit, direction, target, values in measures:
        key = tuple(values)
        if target is None or sum(v is not None for v in values) < 2 or key in seen:
            continue
        seen.add(key)
        rows.append((label, unit, direction, target, key))
    if not rows:
        return None
    units = Counter(unit for _, unit, _, _, _ in rows)
    unit = max(units, key=lambda u: (units[u], u == "%"))
    chosen = [r for r in rows if r[1] == unit]

    def rank(row: tuple[str, str, str, float, tuple[float | None, ...]]) -> tuple[int, float]:
        _, _, direction, target, values = row
        known = [v for v in values if v is not None]
        sign = -1 if direction == "down" else 1
        missed = sign * (known[-1] - target) < 0
        worse = sign * (known[-1] - known[-2]) < 0
        moved = abs(known[-1] - known[-2]) / (abs(target) or 1.0)
        return (-(2 * missed + worse), -moved)

    chosen = sorted(chosen, key=rank)
    # one axis: measures of a like size to the first (a 0.2% rate beside 90% ones is a flat line at 0)
    scale = abs(chosen[0][3]) or 1.0
    chosen = [r for r in chosen if scale / 4 <= (abs(r[3]) or 1.0) <= scale * 4][:TREND_LIMIT]
    return ChartSpec(name, "trend", title, tuple(str(y) for y in years),
                     tuple((label, values) for label, _, _, _, values in chosen),
                     reference=None, unit=unit, axis=f"实测值（{unit}）" if unit else "实测值",
                     targets=tuple(target for _, _, _, target, _ in chosen))


def informs(spec: ChartSpec) -> bool:
    """True when ``spec`` shows something its table does not: at least two bars (axes,
    years) with a value, values that differ, and for a trend at least one line that moves."""
    values = [v for _, vs in spec.series for v in vs if v is not None]
    if len(set(values)) < 2:
        return False  # all equal, or one value: the table says it in one line
    if spec.kind == "bar":
        return sum(v is not None for v in spec.series[0][1]) >= 2
    if spec.kind == "radar":
        return len(spec.labels) >= 3
    if spec.kind == "trend":
        return len(spec.labels) >= 2 and any(len({v for v in vs if v is not None}) > 1 for _, vs in spec.series)
    return True


def wrap(label: str, width: int) -> str:
    """``label`` on lines of at most about ``width`` characters (Latin letters and digits
    count half), nothing cut off.

    The lines are of even length (a ten-character name at width 8 is 5 + 5, not 8 + 2),
    a line ends before an opening bracket or after a pause mark near its end where there
    is one, and no line starts with a closing bracket or a pause mark (避头).  Existing
    line breaks stay.
    """
    if "\n" in label:
        return "\n".join(wrap(part, width) for part in label.split("\n"))
    total = _width(label)
    if total <= width:
        return label
    bracket = label.find("（", 1)
    if bracket > 0 and _width(label[:bracket]) <= width:  # 学校层面质量标准 / （2026年修订）
        return label[:bracket] + "\n" + wrap(label[bracket:], width)
    lines_wanted = -(-int(total * 2) // int(width * 2))
    even = total / lines_wanted
    lines, line = [], ""
    for ch in label:
        if line and _width(line) + _width(ch) > even + 0.25 and ch not in _NO_LINE_START:
            cut = _break_at(line)
            lines.append(line[:cut])
            line = line[cut:]
        line += ch
    lines.append(line)
    return "\n".join(x for x in lines if x)


def _width(text: str) -> float:
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def _break_at(line: str) -> int:
    """Where to end a full ``line``: before an opening bracket or after a pause mark in
    its last third, else at its end."""
    for i in range(len(line) - 1, max(len(line) * 2 // 3, 1) - 1, -1):
        if line[i] in _BREAK_BEFORE:
            return i
        if line[i] in _BREAK_AFTER:
            return i + 1
    return len(line)


def informative(charts: Iterable[ChartSpec | None]) -> list[ChartSpec]:
    """The charts worth drawing, labels wrapped: those :func:`informs` keeps, and of two
    with the same numbers (a radar of the dimensions beside their bars) the first."""
    kept: list[ChartSpec] = []
    seen: set[tuple[Any, ...]] = set()
    for spec in charts:
        if spec is None or not informs(spec):
            continue
        numbers = (spec.kind == "trend", frozenset(zip(spec.labels, zip(*(vs for _, vs in spec.series), strict=True),
                                                        strict=True)))
        if numbers in seen:
            continue
        seen.add(numbers)
        width = WRAP.get(spec.kind, 12)
        labels = spec.labels if spec.kind == "trend" else tuple(wrap(label, width) for label in spec.labels)
        kept.append(replace(spec, labels=labels))
    return kept


__all__ = ["BAR_LIMIT", "BIG_LIST", "TREND_LIMIT", "WRAP", "ChartSpec", "dept_bar", "dims_radar", "informative",
           "informs", "measure_trend", "node_bar", "wrap"]
