"""Charts as PNG pictures: bars, radar and trend lines (``--chart-images``) and the survey radar.

A chart is first described as data (:class:`~zhengai.reports.charts.ChartSpec`: picklable,
hashable, no matplotlib; the reports build them), so the batch can decide whether a report
changed before drawing anything, and the drawing happens in :func:`draw`.  matplotlib is imported only
inside the drawing functions (it costs about half a second to import) and only its
Agg canvas is used, never ``pyplot``: no global figure state, no GUI backend, safe in
worker processes.

The Word reports place native charts by default (:mod:`zhengai.render.word.native`: Word
draws them, no font is needed here); these pictures are for ``--chart-images`` and the
survey's radar charts.  Chinese labels need a CJK font.  :func:`find_cjk_font` is the one finder for every
command that draws (reports and survey radar charts): ``--font``, else the
``ZHENGAI_FONT`` environment variable, else the installed families by name through
matplotlib's font manager.  matplotlib caches its font list (``fontlist-*.json``); a
font installed after the cache was written is not in it, so on a miss the list is
rebuilt once and fontconfig is asked before giving up.  When there is still none it
raises :class:`ChartError` with the command that installs one, rather than letting
matplotlib draw empty boxes.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from zhengai.errors import ZhengaiError
from zhengai.reports.charts import ChartSpec

if TYPE_CHECKING:
    from matplotlib.projections.polar import PolarAxes

    from zhengai.score.radar import RadarData

CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "Source Han Sans CN",
    "Source Han Serif SC", "Noto Sans SC", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei",
    "Microsoft YaHei", "SimHei", "SimSun", "NSimSun", "DengXian", "FangSong", "KaiTi",
    "PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti", "Songti SC", "AR PL UMing CN",
    "AR PL UKai CN", "Sarasa Gothic SC", "Droid Sans Fallback", "Noto Sans CJK JP", "Noto Sans CJK TC",
)
"""CJK families tried in order (Simplified Chinese first; Japanese/Traditional faces still
carry the Han characters a report needs)."""

PROBE = "达成度年度质量报告部门专业课程教师学生"
"""Characters a chart font must have (checked, so a Latin-only --font is refused)."""

FONT_ENV = "ZHENGAI_FONT"
"""Environment variable naming a font file, used when no --font is given."""

INSTALL_HINT = (
    "找不到可显示中文的字体，无法绘制图表（否则中文会显示为方框）。"
    "Debian/Ubuntu 请运行 sudo apt-get install fonts-noto-cjk；"
    "CentOS/麒麟/统信请安装 google-noto-sans-cjk-fonts 或文泉驿字体（wqy-zenhei）；"
    "Windows 自带宋体（SimSun）与微软雅黑；也可以用 --font 或环境变量 ZHENGAI_FONT 指定字体文件（.ttf/.otf/.ttc）；"
    "问卷计分（zhengai survey score）不需要图时可加 --no-charts。"
)

BAND_COLORS = {"green": "#4E9A06", "yellow": "#D9A400", "red": "#C9302C", None: "#9E9E9E"}
LINE_COLORS = ("#1F5FA8", "#C9302C", "#4E9A06", "#D9A400", "#7B4EA3", "#00838F", "#8D6E63", "#E65100")


class ChartError(ZhengaiError):
    """A chart cannot be drawn (no CJK font, unreadable font file); the message is Chinese."""


@dataclass(frozen=True)
class FontChoice:
    """The font used for chart text: its family name and file."""

    name: str
    path: str


def _has_glyphs(path: str, index: int = 0) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path, face_index=index) if index else FT2Font(path)
    except (OSError, RuntimeError, TypeError, ValueError):
        return False
    return all(font.get_char_index(ord(ch)) for ch in PROBE)


@cache
def find_cjk_font(override: str | None = None) -> FontChoice:
    """The CJK font for chart labels: ``override`` (``--font``, a font file), else the file
    in ``$ZHENGAI_FONT``, else the first installed of :data:`CJK_FAMILIES`.

    A font installed after matplotlib wrote its font cache is found too: on a miss the
    font list is rebuilt (and the cache rewritten) once, then fontconfig is asked.
    Raises :class:`ChartError` with install instructions when there is none.
    """
    if override:
        return _font_file(override, "--font")
    chosen = os.environ.get(FONT_ENV)
    if chosen:
        return _font_file(chosen, f"环境变量 {FONT_ENV}")
    for refresh in (lambda: None, _rebuild_font_list, _add_fontconfig_fonts):
        refresh()
        found = _installed_family()
        if found is not None:
            return found
    raise ChartError(INSTALL_HINT)


def _font_file(path_text: str, source: str) -> FontChoice:
    """A font file the user named; refused when missing, unreadable or without Chinese."""
    from matplotlib import font_manager

    path = Path(path_text)
    if not path.is_file():
        raise ChartError(f"{source} 指定的字体文件不存在：{path_text}")
    try:
        font_manager.fontManager.addfont(str(path))
        name = font_manager.FontProperties(fname=str(path)).get_name()
    except (OSError, RuntimeError, ValueError) as exc:
        raise ChartError(f"无法读取 {source} 指定的字体文件 {path_text}：{exc}") from exc
    if not _has_glyphs(str(path)):
        raise ChartError(f"{source} 指定的字体 {path_text}（{name}）不含中文字形，请换用中文字体（如 Noto Sans CJK、宋体）。")
    return FontChoice(name, str(path))


def _installed_family() -> FontChoice | None:
    """The first of :data:`CJK_FAMILIES` in matplotlib's font list that has the glyphs."""
    from matplotlib import font_manager

    entries = {}
    for entry in font_manager.fontManager.ttflist:
        if entry.weight in (400, "normal", "regular", "book") or entry.name not in entries:
            entries[entry.name] = entry
    for family in CJK_FAMILIES:
        found = entries.get(family)
        if found is not None and _has_glyphs(found.fname, getattr(found, "index", 0)):
            return FontChoice(family, found.fname)
    return None


def _add_entries(entries: Any) -> None:
    """Add font entries matplotlib does not know yet to its global font manager."""
    from matplotlib import font_manager

    manager = font_manager.fontManager
    known = {(e.fname, getattr(e, "index", 0), e.name) for e in manager.ttflist}
    manager.ttflist.extend(e for e in entries if (e.fname, getattr(e, "index", 0), e.name) not in known)
    clear = getattr(getattr(manager, "_findfont_cached", None), "cache_clear", None)
    if clear is not None:  # font lookups are memoised: forget the misses
        clear()


@cache
def _rebuild_font_list() -> None:
    """Rescan the system fonts once and rewrite matplotlib's cache (``fontlist-*.json``),
    so that a font installed after the cache was written is found now and next time."""
    from matplotlib import font_manager

    load = getattr(font_manager, "_load_fontmanager", None)
    try:
        fresh = load(try_read_cache=False) if load is not None else font_manager.FontManager()
    except (OSError, RuntimeError, ValueError):  # an unreadable font directory: keep what we have
        return
    _add_entries(fresh.ttflist)


@cache
def _add_fontconfig_fonts() -> None:
    """Ask fontconfig for the fonts that cover Chinese and add any matplotlib missed."""
    from matplotlib import font_manager

    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return
    try:
        listed = subprocess.run([fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=30,
                                check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return
    known = {e.fname for e in font_manager.fontManager.ttflist}
    for line in listed.splitlines():
        path = line.strip().rstrip(":").strip()
        if path and path not in known and Path(path).is_file():
            try:
                font_manager.fontManager.addfont(path)
            except (OSError, RuntimeError, ValueError):  # a broken font file: skip it
                continue


def draw(spec: ChartSpec, font: FontChoice) -> bytes:
    """Render ``spec`` to PNG bytes with ``font`` for all text."""
    from matplotlib import rc_context

    # written out in the call, so that the keys are checked against matplotlib's rc names
    with rc_context({"font.family": [font.name], "axes.unicode_minus": False, "font.size": 10,
                     "svg.fonttype": "none", "figure.dpi": 100}):
        if spec.kind == "bar":
            figure = _bar(spec)
        elif spec.kind == "radar":
            figure = _radar(spec)
        elif spec.kind == "trend":
            figure = _trend(spec)
        else:
            raise ValueError(f"unknown chart kind {spec.kind!r}")
        buffer = io.BytesIO()
        # Fixed metadata keeps the PNG bytes stable from run to run.
        figure.savefig(buffer, format="png", dpi=160, metadata={"Software": None})
    return buffer.getvalue()


def _figure(width: float, height: float) -> Any:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _bar(spec: ChartSpec) -> Any:
    (_, values), *_ = spec.series
    labels = list(spec.labels)  # wrapped by the builders, never cut
    rows = sum(label.count("\n") + 1 for label in labels)
    # At most 7 inches high: the picture is placed 150 mm wide and must fit the 225 mm type area.
    figure = _figure(6.3, min(7.0, max(2.0, 0.6 + 0.2 * rows + 0.1 * len(labels))))
    axes = figure.add_subplot()
    shown = [v if v is not None else 0.0 for v in values]
    colors = [BAND_COLORS.get(c, BAND_COLORS[None]) for c in (spec.colors or (None,) * len(values))]
    positions = list(range(len(labels)))[::-1]  # first label at the top
    axes.barh(positions, shown, color=colors, height=0.62)
    axes.set_yticks(positions, labels, fontsize=10 if len(labels) <= 16 else 8)
    top = max([100.0, *(v for v in values if v is not None)]) * 1.12
    axes.set_xlim(0, top)
    axes.set_xlabel(spec.axis)
    if spec.reference is not None:
        axes.axvline(spec.reference, color="#555555", linewidth=0.8, linestyle="--")
    for pos, value in zip(positions, values, strict=True):
        text = "无数据" if value is None else f"{value:.1f}"
        axes.text((value or 0) + top * 0.01, pos, text, va="center", fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    _note(figure, spec)
    return figure


def _note(figure: Any, spec: ChartSpec) -> None:
    """The note under the plot; the title is the caption under the picture in the document."""
    if spec.note:
        figure.text(0.01, 0.005, spec.note, fontsize=7, color="#555555")


# ------------------------------------------------------------------ radar
# One drawer for both radar looks: the reports' (a ChartSpec, one coloured filled polygon per
# series, placed in a Word page) and the survey's (a RadarData, polygons styled by role —
# the group mean filled and labelled, the standard line and last year dashed — as a
# stand-alone PNG with its own title and legend).  Both go through _radar_axes, so the
# geometry (first axis at the top, clockwise, 20-point rings) is written once.

RADAR_STYLE_COLORS = {"fill": "#1f6fb2", "line": "#2e9d5b", "standard": "#d0342c", "previous": "#8c8c8c"}
"""Colour of a survey radar series by its style (the mean, a comparison, the standard line, last year)."""


@dataclass(frozen=True)
class _Ring:
    """One polygon as drawn: legend name, values (None = no score, drawn at 0) and look."""

    name: str
    values: tuple[float | None, ...]
    color: str
    dash: str = "-"
    width: float = 1.6
    fill: float | None = None  # alpha of the filled area; None: outline only
    marks: bool = False  # write each scored value beside its vertex


def _radar_axes(
    figure: Any, labels: Sequence[str], rings: Sequence[_Ring], *, top: float, tick_color: str,
    label_style: dict[str, Any] | None = None, ring_labels_between: bool = False,
) -> PolarAxes:
    """Draw ``rings`` on polar axes added to ``figure`` (one axis per label) and return the axes."""
    import math

    count = len(labels)
    angles = [2 * math.pi * i / count for i in range(count)]  # first axis at the top, clockwise
    closed = [*angles, angles[0]]
    # projection="polar" makes a PolarAxes; matplotlib's annotation only says Axes
    axes = cast("PolarAxes", figure.add_subplot(projection="polar"))
    axes.set_theta_offset(math.pi / 2)
    axes.set_theta_direction(-1)
    if ring_labels_between:  # the 20/40/... labels between the first two axes, off the polygons
        axes.set_rlabel_position(180 / count)
    axes.set_ylim(0, top)
    axes.set_yticks([20, 40, 60, 80, 100], ["20", "40", "60", "80", "100"], fontsize=7, color=tick_color)
    axes.set_xticks(angles, list(labels), **(label_style or {}))
    for ring in rings:
        shown = [0.0 if v is None else v for v in ring.values]
        outline = [*shown, shown[0]]
        axes.plot(closed, outline, ring.dash, color=ring.color, linewidth=ring.width, label=ring.name)
        if ring.fill is not None:
            axes.fill(closed, outline, color=ring.color, alpha=ring.fill)
        if ring.marks:
            for angle, value, raw in zip(angles, shown, ring.values, strict=True):
                if raw is not None:
                    axes.annotate(f"{value:.0f}", (angle, value), fontsize=8, color=ring.color,
                                  textcoords="offset points", xytext=(0, 4), ha="center")
    return axes


def _radar(spec: ChartSpec) -> Any:
    """A report's radar chart: every series a filled polygon in the next line colour."""
    figure = _figure(5.2, 4.4)
    top = max([100.0, *(v for _, vs in spec.series for v in vs if v is not None)])
    rings = [_Ring(name, values, LINE_COLORS[i % len(LINE_COLORS)], fill=0.15)
             for i, (name, values) in enumerate(spec.series)]
    axes = _radar_axes(figure, list(spec.labels), rings, top=top, tick_color="#666666")
    if len(spec.series) > 1:
        axes.legend(loc="upper right", bbox_to_anchor=(1.25, 1.12), fontsize=8, frameon=False)
    _note(figure, spec)
    return figure


def require_font(override: str | None = None) -> str:
    """The family name of the CJK font (``override`` is ``--font``), or
    :class:`ChartError` saying how to install one."""
    return find_cjk_font(override).name


def draw_radar(data: RadarData, font: str | None = None) -> bytes:
    """A survey radar chart (``data``, see :mod:`zhengai.score.radar`) as a PNG (Agg, 150 dpi).

    ``font`` is the family name from :func:`require_font`; found here when not given.
    """
    from matplotlib.figure import Figure  # no pyplot: the Agg canvas, no global state
    from matplotlib.font_manager import FontProperties

    prop = FontProperties(family=font or require_font())
    figure = Figure(figsize=(6.4, 6.4), dpi=150)
    rings = [
        _Ring(s.name, s.values, RADAR_STYLE_COLORS.get(s.style, RADAR_STYLE_COLORS["fill"]),
              dash="--" if s.style in ("standard", "previous") else "-",
              width=1.2 if s.style == "previous" else 1.8,
              fill=0.18 if s.style == "fill" else None, marks=s.style == "fill")
        for s in data.series
    ]
    axes = _radar_axes(figure, data.labels, rings, top=data.max, tick_color="#777777",
                       label_style={"fontproperties": prop, "fontsize": 11}, ring_labels_between=True)
    axes.set_title(data.title, fontproperties=prop, fontsize=13, pad=30)
    axes.legend(prop=prop, loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=len(data.series), frameon=False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def _trend(spec: ChartSpec) -> Any:
    """Lines over the years; each series' target (measured-value trends) a dashed line in its colour."""
    figure = _figure(6.3, 3.3)
    axes = figure.add_subplot()
    xs = list(range(len(spec.labels)))
    values_all = [v for _, vs in spec.series for v in vs if v is not None]
    for i, (name, values) in enumerate(spec.series):
        points = [(x, v) for x, v in zip(xs, values, strict=True) if v is not None]
        if not points:
            continue
        color = LINE_COLORS[i % len(LINE_COLORS)]
        axes.plot([p[0] for p in points], [p[1] for p in points], marker="o", markersize=4, linewidth=1.6,
                  color=color, label=name)
        target = spec.targets[i] if i < len(spec.targets) else None
        if target is not None:
            axes.axhline(target, color=color, linewidth=0.9, linestyle="--", label=f"{name}目标值")
    axes.set_xticks(xs, list(spec.labels))
    if spec.unit == "%" and not spec.targets:
        axes.set_ylim(0, max([100.0, *values_all]) * 1.08)
    axes.set_ylabel(spec.axis)
    if spec.reference is not None and spec.unit == "%":
        axes.axhline(spec.reference, color="#555555", linewidth=0.8, linestyle="--")
    axes.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    axes.spines[["top", "right"]].set_visible(False)
    if len(spec.series) > 1 or spec.targets:
        axes.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _note(figure, spec)
    return figure


__all__ = [
    "CJK_FAMILIES", "FONT_ENV", "INSTALL_HINT", "RADAR_STYLE_COLORS", "ChartError", "FontChoice", "draw",
    "draw_radar", "find_cjk_font", "require_font",
]
