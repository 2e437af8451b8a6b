"""The GB/T 9704-2012 page and type settings (党政机关公文格式), as python-docx code.

One table of numbers (:data:`PAGE`, :data:`STYLES`) is used twice: by
:mod:`zhengai.render.word.build` to write the default templates, and by :func:`conformance`
to tell whether a document (a rendered report or a college's own template) still
follows it.  Keeping both on the same table means the check cannot drift from the
templates.

East-Asian font names go on the styles themselves (``w:eastAsia``) and the theme
font attributes are removed: Word gives theme attributes precedence, so a style that
kept ``w:eastAsiaTheme`` would silently show 等线 instead of 仿宋_GB2312.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

LATIN = "Times New Roman"
FANGSONG = "仿宋_GB2312"
HEITI = "黑体"
KAITI = "楷体_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONGTI = "宋体"

LINE_PITCH = Pt(28.95)
"""Fixed line pitch of the body: 22 lines on the 225 mm type area."""


@dataclass(frozen=True)
class PageSpec:
    """A4 with the GB/T 9704 margins (the type area is 156 mm × 225 mm)."""

    width: int = Mm(210)
    height: int = Mm(297)
    top: int = Mm(37)
    bottom: int = Mm(35)
    left: int = Mm(28)
    right: int = Mm(26)
    footer: int = Mm(24)  # puts the "— 1 —" line about 7 mm below the type area
    header: int = Mm(15)


PAGE = PageSpec()


@dataclass(frozen=True)
class StyleSpec:
    """One paragraph style: East-Asian font, size, alignment, spacing, indent."""

    name: str
    east_asia: str
    size: float
    align: str = "justify"
    bold: bool = False
    line: float | None = 28.95  # exact line spacing in pt; None = single
    first_line_chars: int = 0  # first-line indent in characters (2 = 两字)
    outline: int | None = None  # heading outline level 0–3
    latin: str = LATIN
    before: float = 0
    after: float = 0
    keep_next: bool = False
    builtin: bool = True  # an existing style of python-docx's default template
    grid: bool = True  # snap lines to the 28.95 pt document grid (body text); tables and captions do not


STYLES: tuple[StyleSpec, ...] = (
    StyleSpec("Normal", FANGSONG, 16, first_line_chars=2),
    StyleSpec("Title", XIAOBIAOSONG, 22, align="center", line=36, after=28.95, grid=False),
    StyleSpec("Subtitle", KAITI, 16, align="center"),
    StyleSpec("Heading 1", HEITI, 16, first_line_chars=2, outline=0, keep_next=True),
    StyleSpec("Heading 2", KAITI, 16, first_line_chars=2, outline=1, keep_next=True),
    StyleSpec("Heading 3", FANGSONG, 16, bold=True, first_line_chars=2, outline=2, keep_next=True),
    StyleSpec("Heading 4", FANGSONG, 16, first_line_chars=2, outline=3, keep_next=True),
    StyleSpec("Caption", HEITI, 14, align="center", line=None, before=6, after=6, grid=False),
    StyleSpec("Footer", SONGTI, 14, align="right", line=None, grid=False),
    StyleSpec("Table Text", FANGSONG, 10.5, align="left", line=None, builtin=False, grid=False),
    StyleSpec("Table Head", HEITI, 10.5, align="center", line=None, builtin=False, grid=False),
    StyleSpec("Cover Title", XIAOBIAOSONG, 26, align="center", line=None, before=0, after=24, builtin=False, grid=False),
    StyleSpec("Cover Info", KAITI, 16, align="center", line=None, after=12, builtin=False, grid=False),
    StyleSpec("Signature", FANGSONG, 16, align="right", builtin=False),
    StyleSpec("Figure", FANGSONG, 16, align="center", line=None, keep_next=True, builtin=False, grid=False),
)
"""Paragraph styles of the default templates, by style name."""

_ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_AFTER_SNAP = ("w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
AFTER_PGNUMTYPE = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi",
                   "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
"""Elements that follow ``w:pgNumType`` in a ``w:sectPr`` (schema order)."""

BAND_FILL = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE"}
"""Cell shading per band colour (light enough to print and photocopy)."""


def set_fonts(rpr: Any, east_asia: str, latin: str = LATIN) -> None:
    """Put explicit fonts on an ``w:rPr`` and drop the theme fonts that would win over them."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _apply(style: Any, spec: StyleSpec) -> None:
    font = style.font
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = False
    font.color.rgb = None
    rpr = style.element.get_or_add_rPr()
    color = rpr.find(qn("w:color"))
    if color is not None:  # headings come blue from the theme; official documents are black
        rpr.remove(color)
    set_fonts(rpr, spec.east_asia, spec.latin)
    pf = style.paragraph_format
    pf.alignment = _ALIGN[spec.align]
    pf.space_before = Pt(spec.before)
    pf.space_after = Pt(spec.after)
    if spec.line is None:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        pf.line_spacing = Pt(spec.line)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.first_line_indent = Pt(spec.size * spec.first_line_chars) if spec.first_line_chars else Pt(0)
    ppr = style.element.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is not None:
        # Character units keep the indent at two characters when a college changes the size;
        # they also win over w:firstLine, so styles without an indent must say 0 explicitly
        # or they inherit Normal's two characters.
        ind.set(qn("w:firstLineChars"), str(spec.first_line_chars * 100))
    pf.keep_with_next = spec.keep_next
    pf.widow_control = True
    border = ppr.find(qn("w:pBdr"))
    if border is not None:  # Word's Title style underlines itself in blue
        ppr.remove(border)
    snap = ppr.find(qn("w:snapToGrid"))
    if not spec.grid:
        # Off the line grid, or a 10.5 pt table line would take a whole 28.95 pt grid line.
        if snap is None:
            snap = OxmlElement("w:snapToGrid")
            # Word rejects a pPr whose children are out of schema order.
            ppr.insert_element_before(snap, *_AFTER_SNAP)
        snap.set(qn("w:val"), "0")
    elif snap is not None:
        ppr.remove(snap)
    if spec.outline is not None:
        outline = ppr.find(qn("w:outlineLvl"))
        if outline is None:
            outline = OxmlElement("w:outlineLvl")
            ppr.append(outline)
        outline.set(qn("w:val"), str(spec.outline))


def apply_styles(document: Any) -> None:
    """Set page size, margins, document grid, default fonts and every style of :data:`STYLES`."""
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, FANGSONG)
    lang = rpr.find(qn("w:lang"))
    if lang is not None:  # Chinese line-breaking and punctuation rules
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    for spec in STYLES:
        if spec.builtin:
            style = styles[spec.name]
        else:
            style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.quick_style = True
        _apply(style, spec)
    for section in document.sections:
        apply_page(section)


def apply_page(section: Any) -> None:
    """A4 portrait, GB/T 9704 margins and a 28.95 pt line grid on one section."""
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE.width, PAGE.height
    section.top_margin, section.bottom_margin = PAGE.top, PAGE.bottom
    section.left_margin, section.right_margin = PAGE.left, PAGE.right
    section.footer_distance, section.header_distance = PAGE.footer, PAGE.header
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.insert_element_before(grid, "w:printerSettings", "w:sectPrChange")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(28.95 * 20)))


# ------------------------------------------------------------------ conformance
def _east_asia(style: Any) -> str | None:
    rpr = style.element.rPr
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def conformance(document: Any) -> list[str]:
    """Deviations of ``document`` from the GB/T 9704 settings, in Chinese; empty when it conforms.

    Checks every section's paper and margins (to the nearest 0.5 mm) and, for every
    style of :data:`STYLES` that the document has, its East-Asian font, size and (for
    the body) the fixed line pitch.
    """
    problems: list[str] = []
    for i, section in enumerate(document.sections, 1):
        for label, got, want in (
            ("纸张宽度", section.page_width, PAGE.width), ("纸张高度", section.page_height, PAGE.height),
            ("上边距", section.top_margin, PAGE.top), ("下边距", section.bottom_margin, PAGE.bottom),
            ("左边距", section.left_margin, PAGE.left), ("右边距", section.right_margin, PAGE.right),
        ):
            if got is None or abs(got - want) > Mm(0.5):
                shown = "未设置" if got is None else f"{got / Mm(1):.1f} mm"
                problems.append(f"第 {i} 节{label}为 {shown}，GB/T 9704 要求 {want / Mm(1):.0f} mm")
    names = {s.name for s in document.styles}
    for spec in STYLES:
        if spec.name not in names:
            continue
        style = document.styles[spec.name]
        font = _east_asia(style)
        if font != spec.east_asia:
            problems.append(f"样式“{spec.name}”的中文字体为 {font or '未设置'}，应为 {spec.east_asia}")
        if style.font.size is None or abs(style.font.size.pt - spec.size) > 0.01:
            size = "未设置" if style.font.size is None else f"{style.font.size.pt:g} pt"
            problems.append(f"样式“{spec.name}”的字号为 {size}，应为 {spec.size:g} pt")
    if "Normal" in names:
        pf = document.styles["Normal"].paragraph_format
        if pf.line_spacing_rule != WD_LINE_SPACING.EXACTLY or pf.line_spacing is None \
                or abs(pf.line_spacing.pt - 28.95) > 0.01:
            problems.append("正文样式“Normal”的行距应为固定值 28.95 磅（每页 22 行）")
    return problems


__all__ = ["AFTER_PGNUMTYPE", "BAND_FILL", "LINE_PITCH", "PAGE", "STYLES", "StyleSpec", "apply_page", "apply_styles",
           "conformance", "set_fonts"]
