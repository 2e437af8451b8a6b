"""The default .docx templates: reproducible, GB/T 9704, variables documented; template checks; sandbox."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm

from tests.word.conftest import COLLEGE, DECEMBER, MINI, ROOT
from zhengai.load.repository import load_repository
from zhengai.render.markdown import RenderError
from zhengai.render.word.build import TEMPLATES
from zhengai.render.word.check import check_template, guess_kind
from zhengai.render.word.render import default_template, docx_text, render_docx
from zhengai.render.word.styles import conformance
from zhengai.reports.registry import TEMPLATES as TEMPLATE_KINDS
from zhengai.reports.registry import build, charts_for, units
from zhengai.reports.workspace import Workspace

TEMPLATE_DIR = ROOT / "templates"


def _parts(docx: bytes) -> dict[str, bytes]:
    """The package's parts by name: what Word reads (the zip's own bytes vary with zlib)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize("kind", list(TEMPLATES))
def test_committed_template_is_what_the_script_builds(kind: str) -> None:
    committed = (TEMPLATE_DIR / f"{kind}.docx").read_bytes()
    assert _parts(TEMPLATES[kind]().save()) == _parts(committed), (
        f"templates/{kind}.docx is stale: run scripts/build_templates.py")


def test_template_layout_is_gbt_9704() -> None:
    document = Document(str(TEMPLATE_DIR / "diagnosis.docx"))
    assert conformance(document) == []
    for section in document.sections:
        mm = [round(x / Mm(1), 1) for x in (section.page_width, section.page_height, section.top_margin,
                                             section.bottom_margin, section.left_margin, section.right_margin)]
        assert mm == [210, 297, 37, 35, 28, 26]
        assert section._sectPr.find(qn("w:docGrid")).get(qn("w:linePitch")) == "579"  # 28.95 pt × 20
    styles = document.styles
    normal = styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing.pt == pytest.approx(28.95)
    expected = {"Normal": "仿宋_GB2312", "Title": "方正小标宋简体", "Heading 1": "黑体", "Heading 2": "楷体_GB2312",
                "Heading 3": "仿宋_GB2312", "Heading 4": "仿宋_GB2312", "Footer": "宋体"}
    for name, font in expected.items():
        fonts = styles[name].element.rPr.find(qn("w:rFonts"))
        assert (fonts.get(qn("w:eastAsia")), fonts.get(qn("w:ascii")), fonts.get(qn("w:hAnsi"))) == (
            font, "Times New Roman", "Times New Roman"), name
        assert not [a for a in fonts.attrib if a.endswith("Theme")], name
    assert styles["Title"].font.size.pt == 22 and styles["Footer"].font.size.pt == 14
    # the body section restarts at 1 and has "— PAGE —" footers, right on odd pages, left on even
    body = document.sections[-1]
    assert body._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    for footer in (body.footer, body.even_page_footer):
        xml = footer._element.xml
        assert "PAGE" in xml and footer.paragraphs[0].text == "— 1 —"
    assert document.settings.odd_and_even_pages_header_footer


def _shape(value: Any) -> Any:
    """Keys of dicts (recursively), first non-empty item of lists; leaves become None."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return None


def _covers(spec: Any, shape: Any, where: str) -> None:
    if isinstance(shape, dict):
        assert isinstance(spec, dict), where
        assert set(spec) == set(shape), f"{where}: documented {sorted(set(spec) - set(shape))}, " \
                                         f"undocumented {sorted(set(shape) - set(spec))}"
        for key, sub in shape.items():
            _covers(spec[key], sub, f"{where}.{key}")
    elif isinstance(shape, list):
        assert isinstance(spec, list), where
        if shape:
            _covers(spec[0], shape[0], where + "[]")


@pytest.mark.parametrize("root", [COLLEGE, MINI], ids=["college", "mini"])
def test_documented_fields_are_the_contexts_built(root: Path) -> None:
    ws = Workspace(load_repository([root]), DECEMBER)
    for kind in ("diagnosis", "annual", "review", "mid-term"):
        for unit in units(ws, kind):
            data = build(ws, kind, unit)
            spec = {k: v for k, v in TEMPLATE_KINDS[data.template].context_fields.items()
                    if k not in ("charts", "zhengai_version")}
            _covers(spec, _shape(data.context), f"{data.template}/{unit}")
            assert set(data.context["fig"]) == set(charts_for(data.template))


# the report templates (survey.md.j2, teacher.md.j2, team.md.j2 are sections of other commands)
@pytest.mark.parametrize("name", sorted(p.name for p in TEMPLATE_DIR.iterdir() if p.suffix in (".docx", ".j2")
                                        and p.name.split(".")[0] in TEMPLATE_KINDS))
def test_default_templates_pass_template_check(name: str) -> None:
    path = TEMPLATE_DIR / name
    kind = guess_kind(path)
    result = check_template(path, kind)
    assert result.ok, result.issues
    assert result.issues == [] and result.variables
    assert all(v.known for v in result.variables)


def _edited(tmp_path: Path, *paragraphs: tuple[str, ...], base: str = "diagnosis") -> Path:
    """A default template with extra paragraphs, each a list of runs."""
    document = Document(str(TEMPLATE_DIR / f"{base}.docx"))
    for runs in paragraphs:
        para = document.add_paragraph()
        for text in runs:
            para.add_run(text)
    path = tmp_path / "mine.docx"
    document.save(str(path))
    return path


def test_check_flags_split_tags_unknown_variables_and_layout(tmp_path: Path) -> None:
    path = _edited(tmp_path, ("负责人：", "{{ r.dept.", "head }}"), ("{{ r.dept.nmae }}",),
                   ("{% for t in r.tasks %}{{ t.titel }}{% endfor %}",))
    document = Document(str(path))
    document.sections[0].left_margin = Mm(20)
    document.save(str(path))
    result = check_template(path, "diagnosis")
    messages = [(i.severity, i.message) for i in result.issues]
    assert any(s == "warning" and "{{ r.dept.head }}" in m and "2 段" in m for s, m in messages)
    unknown = {v.path: v.hint for v in result.variables if not v.known}
    assert set(unknown) == {"r.dept.nmae", "r.tasks[].titel"}
    assert "name" in unknown["r.dept.nmae"]
    assert any(s == "info" and "左边距" in m for s, m in messages)
    assert not result.ok and result.errors == 2


def test_check_flags_a_tag_broken_across_paragraphs(tmp_path: Path) -> None:
    path = _edited(tmp_path, ("{{ doc.",), ("title }}",))
    result = check_template(path, "diagnosis")
    assert any(i.severity == "error" and "同一段" in i.message for i in result.issues)


def test_check_markdown_template(tmp_path: Path) -> None:
    path = tmp_path / "annual.md.j2"
    path.write_text("# {{ doc.title }}\n{% for t in r.tables %}{{ t.name }}{{ t.rows[0].bogus }}{% endfor %}\n"
                    "{{ charts.levels }}\n", encoding="utf-8")
    result = check_template(path, "annual")
    assert {v.path for v in result.variables if not v.known} == {"r.tables[].rows[].bogus", "charts.levels"}
    broken = tmp_path / "b.md.j2"
    broken.write_text("{% for x in r.summary %}\n", encoding="utf-8")
    result = check_template(broken, "annual")
    assert not result.ok and "语法" in result.issues[0].message


def test_check_rejects_what_is_not_a_template(tmp_path: Path) -> None:
    bogus = tmp_path / "x.docx"
    bogus.write_text("not a zip", encoding="utf-8")
    with pytest.raises(RenderError, match="不是有效的 Word"):
        check_template(bogus, "diagnosis")
    with pytest.raises(RenderError, match="未知的模板类型"):
        check_template(bogus, "weekly")


def _context(ws: Workspace) -> dict[str, Any]:
    return build(ws, "review", "college").context


def test_render_is_sandboxed_strict_and_escaped(tmp_path: Path) -> None:
    ws = Workspace(load_repository([MINI]), DECEMBER)
    context = _context(ws)
    evil = _edited(tmp_path, ("{{ doc.__class__.__mro__ }}",), base="review")
    with pytest.raises(RenderError, match="不允许"):
        render_docx(evil, context, {}, charts_for("review"))
    typo = _edited(tmp_path, ("{{ doc.titel }}",), base="review")
    with pytest.raises(RenderError, match="titel"):
        render_docx(typo, context, {}, charts_for("review"))
    # A title with XML metacharacters stays text: the document is still valid and shows it.
    context["doc"] = {**context["doc"], "title": "A&B <学院> \"报告\""}
    blob = render_docx(default_template("review"), context, {}, charts_for("review"))
    assert 'A&B <学院> "报告"' in docx_text(blob)
    zipfile.ZipFile(io.BytesIO(blob)).testzip()


def test_missing_template_file(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="模板文件不存在"):
        render_docx(tmp_path / "none.docx", {}, {})


def test_markdown_diagnosis_template_typo_is_caught_with_did_you_mean(tmp_path: Path) -> None:
    """Issue 9: ``d`` is checked against the real Diagnosis fields, not accepted wholesale."""
    from typer.testing import CliRunner

    from tests.word.conftest import local_app

    path = tmp_path / "diagnosis.md.j2"
    path.write_text("# {{ d.dept.nmae }}\n{% macro row(t) %}{{ t.title }}{% endmacro %}"
                    "{% for t in d.targets %}{{ row(t) }}{% endfor %}\n{{ d.red }} {{ d.as_of.year }}\n",
                    encoding="utf-8")
    result = check_template(path, "diagnosis")
    unknown = [v for v in result.variables if not v.known]
    assert [v.path for v in unknown] == ["d.dept.nmae"]  # the macro's name is not data
    assert "是否想写“d.dept.name”" in unknown[0].hint
    cli = CliRunner().invoke(local_app(), ["template", "check", str(path)])
    assert cli.exit_code == 1 and "d.dept.nmae" in cli.output and "d.dept.name" in cli.output
    path.write_text("# {{ d.dept.name }}\n{{ 1 / (d.files - d.files) }}\n", encoding="utf-8")
    result = check_template(path, "diagnosis")
    assert not result.ok and any("试渲染失败" in i.message and ":2 除数为零" in i.message for i in result.issues)
