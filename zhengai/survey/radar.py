"""Radar charts (学生发展自测诊断雷达图): the numbers behind each chart, and drawing.

:class:`RadarData` is what tests compare (labels and series values, rounded to two
decimals); :func:`draw_radar` turns it into a PNG with matplotlib's Agg backend and a
CJK font found by :func:`zhengai.render.charts.find_cjk_font` (the finder the reports use:
the same ``--font`` option, ``ZHENGAI_FONT`` variable and message).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from zhengai.render.charts import FONT_ENV, find_cjk_font

if TYPE_CHECKING:
    from matplotlib.projections.polar import PolarAxes

__all__ = ["FONT_ENV", "RadarData", "RadarSeries", "draw_radar", "find_cjk_font", "require_font", "rounded"]

STYLE_COLORS = {"fill": "#1f6fb2", "line": "#2e9d5b", "standard": "#d0342c", "previous": "#8c8c8c"}


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


def require_font(override: str | None = None) -> str:
    """The family name of the CJK font (``override`` is ``--font``), or
    :class:`~zhengai.render.charts.ChartError` saying how to install one."""
    return find_cjk_font(override).name


def draw_radar(data: RadarData, font: str | None = None) -> bytes:
    """Render ``data`` as a PNG (Agg backend, 150 dpi) and return its bytes."""
    import io
    import math

    from matplotlib.figure import Figure  # no pyplot: the Agg canvas, no global state
    from matplotlib.font_manager import FontProperties

    font = font or require_font()
    prop = FontProperties(family=font)
    n = len(data.labels)
    angles = [2 * math.pi * i / n for i in range(n)]  # first axis at the top, clockwise
    closed = [*angles, angles[0]]
    fig = Figure(figsize=(6.4, 6.4), dpi=150)
    # projection="polar" makes a PolarAxes; matplotlib's annotation only says Axes
    ax = cast("PolarAxes", fig.add_subplot(projection="polar"))
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_rlabel_position(180 / n)
    ax.set_ylim(0, data.max)
    ax.set_yticks([20, 40, 60, 80, 100])
    ax.set_yticklabels(["20", "40", "60", "80", "100"], fontsize=7, color="#777777")
    ax.set_xticks(angles)
    ax.set_xticklabels(data.labels, fontproperties=prop, fontsize=11)
    for series in data.series:
        values = [0.0 if v is None else v for v in series.values]
        ring = [*values, values[0]]
        color = STYLE_COLORS.get(series.style, "#1f6fb2")
        dash = "--" if series.style in ("standard", "previous") else "-"
        ax.plot(closed, ring, dash, color=color, linewidth=1.8 if series.style != "previous" else 1.2,
                label=series.name)
        if series.style == "fill":
            ax.fill(closed, ring, color=color, alpha=0.18)
            for angle, value, raw in zip(angles, values, series.values, strict=True):
                if raw is not None:
                    ax.annotate(f"{value:.0f}", (angle, value), fontsize=8, color=color,
                                textcoords="offset points", xytext=(0, 4), ha="center")
    ax.set_title(data.title, fontproperties=prop, fontsize=13, pad=30)
    ax.legend(prop=prop, loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=len(data.series), frameon=False)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()
