"""Native Word charts: a :class:`~zhengai.reports.charts.ChartSpec` as a DrawingML chart part.

The docx edition draws its charts the way Word itself stores one: a chart part
(``word/charts/chartN.xml``, ``c:chartSpace``) with the data in an embedded workbook
(``word/embeddings/Microsoft_Excel_SheetN.xlsx``), placed by an inline ``w:drawing``
whose ``a:graphicData`` holds ``c:chart r:id=…``.  Word and WPS then draw the chart
with their own fonts (no CJK font is needed to make the report, and making it costs
milliseconds, not a matplotlib figure), and a person can restyle it or edit its data
("编辑数据") like any chart they inserted themselves.

python-pptx writes exactly this XML for PowerPoint (the ``c:`` schema is shared by all
Office formats), so rather than a second hand-written generator the chart XML comes
from ``pptx.chart.xmlwriter.ChartXmlWriter`` over a ``CategoryChartData`` and the
workbook from its ``CategoryWorkbookWriter``; python-pptx's ``Chart`` proxy, which
works on the bare ``c:chartSpace`` element, then sets the colours, axes and labels.
The parts go into the python-docx package that docxtpl renders: :class:`NativeChart`
is the placeholder a template prints (``{{ charts.x }}``), like docxtpl's
``InlineImage``, and adds its parts to the part being rendered when it is printed, so a
college's template that leaves a chart out leaves no orphan part either.
"""

from __future__ import annotations

import functools
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from docx.shared import Mm

from zhengai.render.charts import BAND_COLORS, LINE_COLORS
from zhengai.reports.charts import ChartSpec

CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CHART_PART = "/word/charts/chart%d.xml"
XLSX_PART = "/word/embeddings/Microsoft_Excel_Sheet%d.xlsx"

LATIN_FONT = "Times New Roman"
EAST_ASIAN_FONT = "仿宋_GB2312"
FONT_PT = 10.5
"""Chart text in the tables' font and size (仿宋_GB2312 五号), so a chart reads like the page around it."""

WIDTH_MM = {"bar": 150, "trend": 150, "radar": 120}
TARGET_GREY = "#555555"

# The drawing a template prints where the chart goes; {rid}, {cx}, {cy}, {id}, {name} filled in.
# docxtpl renumbers every wp:docPr id after rendering, so the id only has to be well formed.
_DRAWING = (
    '</w:t></w:r><w:r><w:drawing>'
    '<wp:inline distT="0" distB="0" distL="0" distR="0" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
    '<wp:docPr id="{id}" name="{name}"/><wp:cNvGraphicFramePr/>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    f'<a:graphicData uri="{CHART_URI}">'
    f'<c:chart xmlns:c="{CHART_URI}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{rid}"/>'
    '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r><w:r><w:t xml:space="preserve">'
)


# ------------------------------------------------------------------ the chart as XML
def horizontal(spec: ChartSpec) -> bool:
    """Bars run sideways unless there are few of them with short names (room for columns
    side by side on a 150 mm wide chart: eight labels of up to six characters)."""
    lines = [line for label in spec.labels for line in label.split("\n")]
    return len(spec.labels) > 8 or max((len(s) for s in lines), default=0) > 6


def size_mm(spec: ChartSpec) -> tuple[float, float]:
    """Width and height of the chart on the page: a sideways bar grows with its bars,
    up to the 225 mm type area less the caption."""
    width = WIDTH_MM.get(spec.kind, 150)
    legend = 6.0 if bar_target(spec) is not None else 0.0  # the legend line under the plot
    if spec.kind == "bar" and horizontal(spec):
        rows = sum(max(1, label.count("\n") + 1) for label in spec.labels)
        return width, min(200.0, max(60.0, 22 + 6.5 * rows + 3 * len(spec.labels)) + legend)
    if spec.kind == "bar":
        return width, 75.0 + legend
    if spec.kind == "radar":
        return width, 100.0
    entries = len(spec.series) + len(target_lines(spec)) if len(spec.series) + len(spec.targets) > 1 else 0
    return width, 75.0 + 5.0 * entries  # the legend is stacked under the plot, one line an entry


@functools.cache
def _pptx() -> Any:
    """python-pptx's chart machinery, imported on first use (it loads its XML classes once)."""
    import pptx.chart.chart as chart
    import pptx.chart.data as data
    import pptx.chart.xmlwriter as xmlwriter
    import pptx.dml.color as color
    import pptx.enum.chart as enums
    import pptx.enum.dml as dml
    import pptx.oxml as oxml
    import pptx.util as util

    return chart, data, xmlwriter, color, enums, dml, oxml, util


def _rgb(hex_color: str) -> Any:
    return _pptx()[3].RGBColor.from_string(hex_color.lstrip("#"))


def _chart_data(spec: ChartSpec) -> Any:
    """The pptx chart data: categories are the labels, one series per spec series (and,
    for a trend with targets, one flat dashed series per distinct target)."""
    data = _pptx()[1].CategoryChartData(number_format="0.0" if spec.unit == "%" else "General")
    data.categories = list(spec.labels)
    for name, values in spec.series:
        data.add_series(name, list(values))
    for name, target in target_lines(spec):
        data.add_series(name, [target] * len(spec.labels))
    if bar_target(spec) is not None:
        data.add_series(BAR_TARGET, [bar_target(spec)] * len(spec.labels))
    return data


BAR_TARGET = "目标值"


def bar_target(spec: ChartSpec) -> float | None:
    """The target a bar chart draws its bars against (full attainment, 100%), when it has one."""
    return spec.reference if spec.kind == "bar" else None


def target_lines(spec: ChartSpec) -> list[tuple[str, float]]:
    """The dashed target lines of a trend: one per distinct target, named after its series
    (just "目标值" when all series share one target)."""
    pairs = [(name, t) for (name, _), t in zip(spec.series, spec.targets, strict=False) if t is not None]
    if not pairs:
        return []
    distinct = list(dict.fromkeys(t for _, t in pairs))
    if len(distinct) == 1:
        return [("目标值", distinct[0])]
    return [(f"{name.replace(chr(10), '')}目标值", t) for name, t in pairs]


def chart_type(spec: ChartSpec) -> Any:
    """The pptx chart type of a spec kind."""
    kinds = _pptx()[4].XL_CHART_TYPE
    if spec.kind == "bar":
        return kinds.BAR_CLUSTERED if horizontal(spec) else kinds.COLUMN_CLUSTERED
    if spec.kind == "radar":
        return kinds.RADAR_MARKERS
    if spec.kind == "trend":
        return kinds.LINE_MARKERS
    raise ValueError(f"unknown chart kind {spec.kind!r}")


def chart_parts(spec: ChartSpec) -> tuple[Any, bytes]:
    """The ``c:chartSpace`` element (styled, without its workbook link yet) and the
    embedded workbook's bytes of ``spec``."""
    chart_mod, _, xmlwriter, _, _, _, oxml, _ = _pptx()
    data = _chart_data(spec)
    kind = chart_type(spec)
    space = oxml.parse_xml(xmlwriter.ChartXmlWriter(kind, data).xml.encode("utf-8"))
    chart = chart_mod.Chart(space, None)  # the proxy needs its part only for the workbook
    _style_common(chart, space)
    if spec.kind == "bar":
        _style_bar(chart, spec, horizontal(spec))
    elif spec.kind == "radar":
        _style_radar(chart, spec)
    else:
        _style_trend(chart, spec)
    return space, data.xlsx_blob


def _style_common(chart: Any, space: Any) -> None:
    """No title (the caption under the chart is the title), text in the tables' fonts."""
    util = _pptx()[7]
    chart.has_title = False
    chart.font.size = util.Pt(FONT_PT)
    chart.font.name = LATIN_FONT
    rpr = space.txPr.p_lst[0].get_or_add_pPr().get_or_add_defRPr()
    ea = rpr.makeelement("{http://schemas.openxmlformats.org/drawingml/2006/main}ea", {"typeface": EAST_ASIAN_FONT})
    latin = rpr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}latin")
    latin.addnext(ea)  # a:latin, a:ea, a:cs is the schema's order


def _value_axis(chart: Any, spec: ChartSpec, values: list[float]) -> None:
    """Scores on 0–100 (further when over-attainment is drawn) in steps of 20; measured
    values (a trend with targets) on a range around the values and targets, so that a fall
    from 92 to 78 is seen as a fall and not as a wiggle near the top of a 0–100 scale."""
    axis = chart.value_axis
    axis.has_major_gridlines = True
    axis.major_gridlines.format.line.color.rgb = _rgb("#D9D9D9")
    if spec.targets and values:
        low, high, step = nice_range(min(values), max(values))
        axis.minimum_scale, axis.maximum_scale, axis.major_unit = low, high, step
    else:
        axis.minimum_scale = 0
        if spec.unit == "%":
            axis.maximum_scale = float(-(-max([100.0, *values]) // 20) * 20)
            axis.major_unit = 20
    if spec.unit == "%":
        axis.tick_labels.number_format = "0"
        axis.tick_labels.number_format_is_linked = False
    axis.has_title = bool(spec.axis)
    if spec.axis:
        axis.axis_title.text_frame.text = spec.axis
        axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = _pptx()[7].Pt(FONT_PT)


def nice_range(low: float, high: float) -> tuple[float, float, float]:
    """An axis from a round number below ``low`` to one above ``high`` in four to eight
    round steps (1, 2 or 5 times a power of ten); from zero when ``low`` is near it."""
    import math

    span = (high - low) or abs(high) or 1.0
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    bottom = math.floor(low / step) * step
    if bottom > 0 and bottom < 2 * step:
        bottom = 0.0
    if bottom == low and bottom > 0:
        bottom -= step
    top = math.ceil(high / step) * step
    if top == high:
        top += step
    return round(bottom, 10), round(top, 10), round(step, 10)  # no 0.30000000000000004 on the axis


def _series_labels(series: Any, spec: ChartSpec) -> None:
    """The values written at the ends of one series' bars (not on the target outline)."""
    labels = series.data_labels
    labels.number_format = "0.0" if spec.unit == "%" else "General"
    labels.number_format_is_linked = False
    labels.show_value = True
    labels.position = _pptx()[4].XL_LABEL_POSITION.OUTSIDE_END


def _style_bar(chart: Any, spec: ChartSpec, sideways: bool) -> None:
    """One bar per label in its band's colour, the value written at its end; sideways
    bars read top to bottom in the spec's order.  The target is a second series drawn over
    the bars as a dashed outline to the target value (overlapping them fully), so each bar
    is seen against what it should reach — in Word's own chart, editable like the bars."""
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.vary_by_categories = False
    series = plot.series[0]
    colors = spec.colors or (None,) * len(spec.labels)
    for i, color in enumerate(colors):
        fill = series.points[i].format.fill
        fill.solid()
        fill.fore_color.rgb = _rgb(BAND_COLORS.get(color, BAND_COLORS[None]))
    # the series' own colour is its legend key: the commonest band's
    common = max(set(colors), key=lambda c: (colors.count(c), c is not None), default=None)
    series.format.fill.solid()
    series.format.fill.fore_color.rgb = _rgb(BAND_COLORS.get(common, BAND_COLORS[None]))
    series.invert_if_negative = False
    _series_labels(series, spec)
    target = bar_target(spec)
    if target is not None:
        plot.overlap = 100
        outline = plot.series[1]
        outline.format.fill.background()  # no fill: the bar shows through
        outline.format.line.color.rgb = _rgb(TARGET_GREY)
        outline.format.line.width = _pptx()[7].Pt(1)
        outline.format.line.dash_style = _pptx()[5].MSO_LINE_DASH_STYLE.DASH
        outline.invert_if_negative = False
    _legend(chart, target is not None)
    _value_axis(chart, spec, [v for _, vs in spec.series for v in vs if v is not None])
    if sideways:
        chart.category_axis.reverse_order = True  # first label at the top
        # with the categories reversed, the value axis crosses at the last one: the bottom
        chart.value_axis._element.find(
            "{http://schemas.openxmlformats.org/drawingml/2006/chart}crosses").set("val", "max")
    chart.category_axis.format.line.color.rgb = _rgb("#808080")
    chart.category_axis.tick_labels.font.size = _pptx()[7].Pt(FONT_PT if len(spec.labels) <= 16 else 9)


def _style_radar(chart: Any, spec: ChartSpec) -> None:
    """One outlined polygon per series in the line colours; the 0–100 rings every 20."""
    dml = _pptx()[5]
    for i, series in enumerate(chart.plots[0].series):
        line = series.format.line
        line.color.rgb = _rgb(LINE_COLORS[i % len(LINE_COLORS)])
        line.width = _pptx()[7].Pt(2 if i == 0 else 1.5)
        if i > 0:
            line.dash_style = dml.MSO_LINE_DASH_STYLE.DASH
        series.marker.format.fill.solid()
        series.marker.format.fill.fore_color.rgb = _rgb(LINE_COLORS[i % len(LINE_COLORS)])
    values = [v for _, vs in spec.series for v in vs if v is not None]
    axis = chart.value_axis
    axis.minimum_scale = 0
    axis.maximum_scale = float(-(-max([100.0, *values]) // 20) * 20)
    axis.major_unit = 20
    axis.tick_labels.number_format = "0"
    axis.tick_labels.number_format_is_linked = False
    _legend(chart, len(spec.series) > 1)


def _style_trend(chart: Any, spec: ChartSpec) -> None:
    """Measured values as lines with markers and their values; each target a dashed line
    without markers in its series' colour (grey when all series share one target)."""
    dml, enums, util = _pptx()[5], _pptx()[4], _pptx()[7]
    plot = chart.plots[0]
    lines = target_lines(spec)
    measured = len(spec.series)
    for i, series in enumerate(plot.series):
        series.smooth = False
        if i < measured:
            color = LINE_COLORS[i % len(LINE_COLORS)]
            series.format.line.color.rgb = _rgb(color)
            series.format.line.width = util.Pt(2)
            series.marker.style = enums.XL_MARKER_STYLE.CIRCLE
            series.marker.size = 6
            series.marker.format.fill.solid()
            series.marker.format.fill.fore_color.rgb = _rgb(color)
            series.marker.format.line.color.rgb = _rgb(color)
        else:
            shared = len(lines) == 1
            color = TARGET_GREY if shared else LINE_COLORS[(i - measured) % len(LINE_COLORS)]
            series.format.line.color.rgb = _rgb(color)
            series.format.line.width = util.Pt(1.25)
            series.format.line.dash_style = dml.MSO_LINE_DASH_STYLE.DASH
            series.marker.style = enums.XL_MARKER_STYLE.NONE
    if measured <= 2:  # values on the points while they stay legible
        for series in list(plot.series)[:measured]:
            series.data_labels.show_value = True
            series.data_labels.number_format = "0.0" if spec.unit == "%" else "General"
            series.data_labels.number_format_is_linked = False
            series.data_labels.position = enums.XL_LABEL_POSITION.ABOVE
    values = [v for _, vs in spec.series for v in vs if v is not None] + [t for _, t in lines]
    _value_axis(chart, spec, values)
    _legend(chart, len(plot.series) > 1)


def _legend(chart: Any, shown: bool) -> None:
    chart.has_legend = shown
    if shown:
        chart.legend.position = _pptx()[4].XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = _pptx()[7].Pt(FONT_PT)


# ------------------------------------------------------------------ into the document
def add_chart(part: Any, spec: ChartSpec) -> str:
    """Add the chart part of ``spec`` and its workbook to ``part``'s package, related from
    ``part`` (the document, a header…); returns the relationship id the drawing names."""
    space, xlsx = chart_parts(spec)
    package = part.package
    from docx.opc.part import Part

    workbook = Part(package.next_partname(XLSX_PART), XLSX_CT, xlsx, package)
    chart_part = XmlPart(package.next_partname(CHART_PART), CHART_CT, space, package)
    space.get_or_add_externalData().rId = chart_part.relate_to(workbook, RT.PACKAGE)
    return str(part.relate_to(chart_part, RT.CHART))


class NativeChart:
    """What a template prints for ``{{ charts.x }}``: the chart's drawing, its parts added
    to the part being rendered (the way docxtpl's ``InlineImage`` adds its picture)."""

    def __init__(self, tpl: Any, spec: ChartSpec) -> None:
        self.tpl, self.spec = tpl, spec

    def _insert(self) -> str:
        rid = add_chart(self.tpl.current_rendering_part, self.spec)
        width, height = size_mm(self.spec)
        return _DRAWING.format(rid=rid, cx=int(Mm(width)), cy=int(Mm(height)), id=1,
                               name=f"图表 {_escape(self.spec.name)}")

    def __str__(self) -> str:
        return self._insert()

    def __html__(self) -> str:  # autoescaping templates print this, unescaped
        return self._insert()

    def __bool__(self) -> bool:  # {%p if charts.x %}
        return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


__all__ = ["BAR_TARGET", "CHART_CT", "XLSX_CT", "NativeChart", "add_chart", "bar_target", "chart_parts", "chart_type", "horizontal", "nice_range",
           "size_mm", "target_lines"]
