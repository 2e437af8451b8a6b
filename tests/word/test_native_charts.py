"""Native Word charts: every chart of a .docx is a DrawingML chart part with its workbook.

Opens the packages as zips (what Word and WPS read): the drawing names a chart part by
relationship, the part has its content type, its workbook opens in openpyxl and holds the
numbers the chart shows; and the chart builders keep only charts that inform.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePosixPath

import openpyxl
import pytest
from lxml import etree

from zhengai.render.charts import BAND_COLORS
from zhengai.render.report import render_report
from zhengai.render.word.native import CHART_CT, XLSX_CT, chart_parts, nice_range, target_lines
from zhengai.reports.charts import ChartSpec, informative, informs, measure_trend, wrap

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
RT_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
RT_PACKAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"

BAR = ChartSpec("a", "bar", "各部门综合达成度", ("党政办公室", "教务处", "人事处"), (("达成度", (95.0, None, 62.5)),),
                ("green", None, "red"))
RADAR = ChartSpec("b", "radar", "五横层面达成度", ("学校", "专业", "课程", "教师", "学生"),
                  (("2026年", (90.0, 80.0, 70.0, 95.0, None)), ("2025年", (85.0, 82.0, 60.0, 90.0, 50.0))))
TREND = ChartSpec("c", "trend", "主要指标实测值变化", ("2024", "2025", "2026"),
                  (("课程评教优良率", (92.1, 92.3, 78.0)), ("技能证书获取率", (58.1, 61.2, 64.3))),
                  reference=None, axis="实测值（%）", targets=(75.0, 65.0))


# ------------------------------------------------------------------ package reading
def _rels(package: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """rId → (type, target part name) of ``part``."""
    path = PurePosixPath(part)
    rels_name = str(path.parent / "_rels" / f"{path.name}.rels")
    if rels_name not in package.namelist():
        return {}
    out = {}
    for rel in etree.fromstring(package.read(rels_name)).findall("rel:Relationship", NS):
        target = PurePosixPath(path.parent, rel.get("Target"))
        parts: list[str] = []
        for piece in target.parts:  # resolve ../embeddings/...
            if piece == "..":
                parts.pop()
            else:
                parts.append(piece)
        out[rel.get("Id")] = (rel.get("Type"), "/".join(parts))
    return out


def _content_type(package: zipfile.ZipFile, part: str) -> str | None:
    types = etree.fromstring(package.read("[Content_Types].xml"))
    for override in types.findall("ct:Override", NS):
        if override.get("PartName") == f"/{part}":
            return override.get("ContentType")
    ext = part.rsplit(".", 1)[-1]
    for default in types.findall("ct:Default", NS):
        if default.get("Extension") == ext:
            return default.get("ContentType")
    return None


PICTURE_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"


def native_charts(blob: bytes) -> list[dict[str, object]]:
    """Every chart of a .docx: its part, kind, categories, series values and workbook values,
    after checking the drawing, the relationships and the content types on the way."""
    charts = []
    with zipfile.ZipFile(io.BytesIO(blob)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        rels = _rels(package, "word/document.xml")
        drawings = body.findall(".//w:drawing", NS)
        pictures = 0
        for drawing in drawings:
            data = drawing.find(".//a:graphicData", NS)
            if data is not None and data.get("uri") == PICTURE_URI:  # an authored picture (narratives/), no chart
                pictures += 1
                continue
            assert data is not None and data.get("uri") == NS["c"], "a drawing that is not a native chart"
            rid = data.find("c:chart", NS).get(f"{{{NS['r']}}}id")
            kind, part = rels[rid]
            assert kind == RT_CHART and re.fullmatch(r"word/charts/chart\d+\.xml", part), part
            assert _content_type(package, part) == CHART_CT
            space = etree.fromstring(package.read(part))
            external = space.find("c:externalData", NS).get(f"{{{NS['r']}}}id")
            kind, workbook_part = _rels(package, part)[external]
            assert kind == RT_PACKAGE and re.fullmatch(r"word/embeddings/Microsoft_Excel_Sheet\d+\.xlsx", workbook_part)
            assert _content_type(package, workbook_part) == XLSX_CT
            sheet = openpyxl.load_workbook(io.BytesIO(package.read(workbook_part))).worksheets[0]
            plot = space.find("c:chart/c:plotArea", NS)
            series = []
            for ser in plot.findall(".//c:ser", NS):
                values = {int(p.get("idx")): float(p.findtext("c:v", namespaces=NS))
                          for p in ser.findall("c:val//c:pt", NS)}
                series.append(values)
            workbook = [[cell for cell in row[1:]] for row in sheet.iter_rows(min_row=2, values_only=True)]
            labels = [p.findtext("c:v", namespaces=NS) for p in plot.find(".//c:ser", NS).findall("c:cat//c:pt", NS)]
            kind = next(child.tag.rsplit("}", 1)[-1] for child in plot if child.tag.endswith("Chart"))
            charts.append({"part": part, "kind": kind, "series": series, "workbook": workbook, "labels": labels,
                           "xml": space})
        media = [n for n in package.namelist() if n.startswith("word/media/")]
        assert len(media) == pictures, "pictures beside native charts other than the authored ones"
    return charts


# ------------------------------------------------------------------ the batch's documents
def test_every_chart_of_every_report_is_a_native_chart_with_its_data(college_batch) -> None:
    out = college_batch.index.parent
    seen = 0
    for result in college_batch.results:
        docx = next(rel for rel in result.outputs if rel.endswith(".docx"))
        blob = (out / docx).read_bytes()
        charts = native_charts(blob)
        captions = re.findall(r"图\d+　", "".join(etree.fromstring(
            zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml")).itertext()))
        assert len(charts) == len(captions), result.key  # one caption per chart, none without
        for chart in charts:
            for i, values in enumerate(chart["series"]):  # the workbook holds what the chart shows
                column = [row[i] for row in chart["workbook"]]
                assert {k: round(v, 6) for k, v in values.items()} == {
                    k: round(v, 6) for k, v in enumerate(column) if v is not None}, (result.key, chart["part"])
            assert not any(re.match(r"目标 [A-Z]", label or "") for label in chart["labels"])  # names, not ids
        seen += len(charts)
    assert seen >= 20


def test_a_department_report_has_bars_radar_and_a_trend_of_measured_values(college_batch) -> None:
    result = next(r for r in college_batch.results if r.key == "2026/diagnosis/jwc")
    docx = next(rel for rel in result.outputs if rel.endswith(".docx"))
    charts = native_charts((college_batch.index.parent / docx).read_bytes())
    assert [c["kind"] for c in charts] == ["barChart", "radarChart", "lineChart"]
    trend = charts[2]
    names = [ser.findtext("c:tx//c:v", namespaces=NS) for ser in trend["xml"].findall(".//c:ser", NS)]
    assert any(n.endswith("目标值") for n in names)  # the target lines beside the measured values
    measured = [v for values in trend["series"] for v in values.values()]
    assert max(measured) < 100 or min(measured) > 0  # measured values, not scores capped at 100


# ------------------------------------------------------------------ one chart at a time
def test_bar_colours_follow_the_bands_and_read_top_down() -> None:
    space, xlsx = chart_parts(BAR)
    colors = [p.find(".//a:srgbClr", NS).get("val") for p in space.findall(".//c:dPt", NS)]
    assert colors == [BAND_COLORS[c].lstrip("#") for c in ("green", None, "red")]
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
    assert [row[:2] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        ("党政办公室", 95.0), ("教务处", None), ("人事处", 62.5)]
    assert space.find(".//c:barDir", NS).get("val") == "col"  # three short names: columns
    sideways = ChartSpec("s", "bar", "t", tuple(f"课程资源配置标准{i}" for i in range(9)),
                         (("达成度", tuple(float(50 + i) for i in range(9))),))
    space, _ = chart_parts(sideways)
    assert space.find(".//c:barDir", NS).get("val") == "bar"
    assert space.find(".//c:catAx/c:scaling/c:orientation", NS).get("val") == "maxMin"  # first label on top


def test_bars_are_drawn_against_their_target_as_a_dashed_outline() -> None:
    space, xlsx = chart_parts(BAR)
    series = space.findall(".//c:ser", NS)
    assert [s.findtext("c:tx//c:v", namespaces=NS) for s in series] == ["达成度", "目标值"]
    outline = series[1]
    assert outline.find("c:spPr/a:noFill", NS) is not None  # the bar shows through
    assert outline.find("c:spPr/a:ln/a:prstDash", NS).get("val") == "dash"
    assert space.find(".//c:overlap", NS).get("val") == "100"  # over the bars, not beside them
    assert series[0].find("c:dLbls", NS) is not None and outline.find("c:dLbls", NS) is None  # values on bars only
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
    assert [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)] == [100.0, 100.0, 100.0]
    assert space.find(".//c:legend", NS) is not None
    no_target = ChartSpec("n", "bar", "t", ("甲", "乙"), (("人数", (3.0, 5.0)),), reference=None, unit="人")
    assert len(chart_parts(no_target)[0].findall(".//c:ser", NS)) == 1


def test_annual_trends_plot_measured_values_against_targets() -> None:
    """The college's and a level's trends are measured values with their targets, not the
    levels' scores (capped at 100, a fall of one measure would vanish in the roll-up)."""
    from tests.word.conftest import COLLEGE, DECEMBER
    from zhengai.load.repository import load_repository
    from zhengai.reports import registry
    from zhengai.reports.workspace import Workspace

    ws = Workspace(load_repository([COLLEGE]), DECEMBER)
    for unit in ("college", "program"):
        trend = next(c for c in registry.build(ws, "annual", unit).charts if c.name == "trend")
        assert trend.axis.startswith("实测值") and trend.reference is None, unit
        assert len(trend.targets) == len(trend.series) and all(t is not None for t in trend.targets), unit
        assert not any(name.endswith("层面") for name, _ in trend.series), unit  # measures, not levels


def test_trend_draws_each_target_as_a_dashed_line_on_a_range_that_shows_the_fall() -> None:
    assert target_lines(TREND) == [("课程评教优良率目标值", 75.0), ("技能证书获取率目标值", 65.0)]
    space, xlsx = chart_parts(TREND)
    series = space.findall(".//c:ser", NS)
    assert len(series) == 4
    assert [s.find("c:spPr/a:ln/a:prstDash", NS) is not None for s in series] == [False, False, True, True]
    low = float(space.find(".//c:valAx/c:scaling/c:min", NS).get("val"))
    assert 50 <= low <= 58.1  # not from 0: 92 → 78 is a fall on this axis
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [92.1, 92.3, 78.0]
    same = ChartSpec("d", "trend", "t", ("2025", "2026"), (("甲", (80.0, 90.0)), ("乙", (85.0, 70.0))),
                     targets=(75.0, 75.0))
    assert target_lines(same) == [("目标值", 75.0)]


def test_radar_is_a_radar_chart_on_0_to_100() -> None:
    space, _ = chart_parts(RADAR)
    assert space.find(".//c:radarChart", NS) is not None
    assert float(space.find(".//c:valAx/c:scaling/c:max", NS).get("val")) == 100
    assert len(space.findall(".//c:ser", NS)) == 2


def test_nice_range() -> None:
    assert nice_range(78, 92) == (75.0, 95.0, 5.0)
    assert nice_range(55.3, 99.1) == (50.0, 100.0, 10.0)
    assert nice_range(268, 380) == (250.0, 400.0, 50.0)


def test_chart_images_keeps_pictures_and_native_needs_no_font(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.word.conftest import COLLEGE, DECEMBER
    from zhengai.load.repository import load_repository
    from zhengai.render import charts as png
    from zhengai.reports.diagnosis import diagnosis_report
    from zhengai.reports.workspace import Workspace

    ws = Workspace(load_repository([COLLEGE]), DECEMBER)
    data = diagnosis_report(ws, ws.repo.department("jwc"))
    assert data.charts
    pictures = render_report(data, ["docx"], chart_images=True)["docx"]
    with zipfile.ZipFile(io.BytesIO(pictures)) as package:
        names = package.namelist()
    assert len([n for n in names if n.startswith("word/media/")]) == len(data.charts)
    assert not [n for n in names if n.startswith("word/charts/")]
    png.find_cjk_font.cache_clear()
    monkeypatch.setattr(png, "CJK_FAMILIES", ("No Such Font SC",))
    monkeypatch.delenv(png.FONT_ENV, raising=False)
    try:
        native = render_report(data, ["docx"])["docx"]  # no font anywhere: still made
        with pytest.raises(png.ChartError):
            render_report(data, ["docx"], chart_images=True)
    finally:
        png.find_cjk_font.cache_clear()
    assert len(native_charts(native)) == len(data.charts)


# ------------------------------------------------------------------ charts that inform
@pytest.mark.parametrize(("spec", "kept"), [
    (BAR, True),
    (ChartSpec("e", "bar", "t", ("甲", "乙", "丙"), (("达成度", (100.0, 100.0, 100.0)),)), False),
    (ChartSpec("f", "bar", "t", ("甲", "乙"), (("达成度", (90.0, None)),)), False),
    (ChartSpec("g", "radar", "t", ("甲", "乙", "丙"), (("达成度", (100.0, 100.0, 100.0)),)), False),
    (ChartSpec("h", "trend", "t", ("2025", "2026"), (("甲", (80.0, 80.0)), ("乙", (90.0, 90.0)))), False),
    (TREND, True),
], ids=["bars", "equal-bars", "one-bar", "equal-radar", "flat-trend", "trend"])
def test_informs(spec: ChartSpec, kept: bool) -> None:
    assert informs(spec) is kept


def test_informative_drops_a_second_chart_of_the_same_numbers_and_wraps_labels() -> None:
    bar = ChartSpec("x", "bar", "t", ("专业建设规划制订标准", "专业人才培养方案制订与修订标准"), (("达成度", (100.0, 97.3)),))
    radar = ChartSpec("y", "radar", "t", bar.labels, bar.series)
    kept = informative([bar, None, radar])
    assert [c.name for c in kept] == ["x"]
    assert kept[0].labels[0] == "专业建设规划制订标准"  # 10 characters fit a sideways bar's line
    assert "\n" in kept[0].labels[1] and kept[0].labels[1].replace("\n", "") == bar.labels[1]


@pytest.mark.parametrize("label", ["学校层面质量标准（2026年修订）", "教学名师、专业带头人、骨干教师、青年教师培养",
                                   "课程建设规划制定标准", "教务处", "Python程序设计与数据分析基础课程"])
@pytest.mark.parametrize("width", [6, 8, 12])
def test_wrap_never_cuts(label: str, width: int) -> None:
    wrapped = wrap(label, width)
    assert wrapped.replace("\n", "") == label
    assert not any(line[0] in "、，）" for line in wrapped.split("\n"))


def test_measure_trend_shows_values_and_targets_in_one_unit() -> None:
    spec = measure_trend("trend", "主要指标实测值变化", [2024, 2025, 2026], [
        ("评教优良率", "%", "up", 75.0, [92.1, 92.3, 78.0]),
        ("评教优良率（质控点）", "%", "up", 75.0, [92.1, 92.3, 78.0]),  # the same series twice
        ("技术服务到款额", "万元", "up", 380.0, [301.0, 326.0, 372.0]),
        ("证书获取率", "%", "up", 65.0, [58.1, 61.2, 64.3]),
        ("考试违纪率", "%", "down", 0.2, [0.16, 0.12, 0.15]),  # too small beside the others
        ("一年数据", "%", "up", 90.0, [None, None, 91.0]),
    ])
    assert spec is not None and spec.unit == "%" and spec.reference is None
    assert [name for name, _ in spec.series] == ["证书获取率", "评教优良率"]  # missing the target first
    assert spec.targets == (65.0, 75.0) and spec.series[1][1] == (92.1, 92.3, 78.0)
