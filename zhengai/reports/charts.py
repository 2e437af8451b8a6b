"""Charts as plain data: what each report asks to draw, never how.

A :class:`ChartSpec` is picklable, hashable and free of matplotlib, so a report's
fingerprint can cover its charts and the batch can skip an unchanged report before
drawing anything; :func:`zhengai.render.charts.draw` turns one into a PNG.  The
builders here pick and order the values (the lowest departments when there are too
many to draw legibly).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from zhengai.reports.text import percent
from zhengai.score.assessment import Node

BIG_LIST = 24
"""Longest list of departments drawn in one bar chart; beyond it the lowest are shown."""

BAR_LIMIT = 20
"""Most bars of targets or standards in one chart (a taller picture would not fit a page)."""


@dataclass(frozen=True)
class ChartSpec:
    """What to draw, as plain data.

    ``kind`` is ``bar`` (one series, one bar per label, coloured by ``colors``),
    ``radar`` (one axis per label, one polygon per series) or ``trend`` (one line per
    series over the labels, usually years).  Values are percentages (0–100, may
    exceed 100 when over-attainment is allowed); ``None`` is missing and not drawn.
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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (used in report fingerprints)."""
        return {"name": self.name, "kind": self.kind, "title": self.title, "labels": list(self.labels),
                "series": [[n, list(v)] for n, v in self.series], "colors": list(self.colors),
                "reference": self.reference, "note": self.note, "unit": self.unit, "axis": self.axis}


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


__all__ = ["BAR_LIMIT", "BIG_LIST", "ChartSpec", "dept_bar", "dims_radar", "node_bar"]
