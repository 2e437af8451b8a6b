"""The numbers behind a radar chart (学生发展自测诊断雷达图, 教师发展自测自诊雷达图), as plain data.

:class:`RadarData` is what tests compare and ``radar.json`` holds (labels and series
values, rounded to two decimals).  It is built in the score stage — by the survey
pipeline and the teacher diagnosis — and drawn by
:func:`zhengai.render.charts.draw_radar`, which the score stage may not import.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["RadarData", "RadarSeries", "rounded"]


@dataclass(frozen=True)
class RadarSeries:
    """One polygon: a name for the legend, a value per axis (None = no score), a style."""

    name: str
    values: tuple[float | None, ...]
    style: str = "line"  # fill | line | standard | previous


@dataclass(frozen=True)
class RadarData:
    """Everything a radar chart shows."""

    title: str
    labels: tuple[str, ...]
    series: tuple[RadarSeries, ...]
    max: float = 100.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the golden data of the chart)."""
        return {
            "title": self.title, "labels": list(self.labels), "max": self.max,
            "series": [{"name": s.name, "style": s.style, "values": list(s.values)} for s in self.series],
        }


def rounded(values: Any) -> tuple[float | None, ...]:
    """Scores rounded to two decimals, NaN as None."""
    return tuple(None if v != v else round(float(v), 2) for v in values)
