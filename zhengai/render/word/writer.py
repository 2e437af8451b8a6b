"""The :class:`Writer` the default .docx templates are written with (python-docx), reproducibly.

Each report kind's template is a function over a Writer in
:mod:`zhengai.render.word.templates`; :mod:`zhengai.render.word.build` writes them all.
python-docx stamps the current time into the zip entries and the core properties;
:func:`_normalise` fixes both, so equal code gives byte-equal files.

The templates are ordinary Word documents a quality officer can restyle in Word or
WPS; the Jinja tags are docxtpl's (``{%p …%}`` a paragraph tag, ``{%tr …%}`` a table
row tag, ``{% cellbg … %}`` a cell shading).  The body text follows the Markdown
report: numbered headings 一、（一）1.（1）, and a source (file:line) beside every figure.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from zhengai.render.word.styles import AFTER_PGNUMTYPE, apply_page, apply_styles

FIXED_TIME = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
TEXT_WIDTH_MM = 156


@dataclass(frozen=True)
class Col:
    """A table column: header, cell expression (Jinja), width in mm, optional shading expression."""

    head: str
    cell: str
    width: float
    fill: str | None = None
    center: bool = False


class Writer:
    """A template under construction: cover section, then the numbered body section."""

    def __init__(self) -> None:
        self.doc = Document()
        apply_styles(self.doc)
        self.doc.settings.odd_and_even_pages_header_footer = True
        self._body_started = False

    # -------------------------------------------------------------- paragraphs
    def p(self, text: str = "", style: str = "Normal", *, page_break: bool = False) -> Any:
        """A paragraph of ``style`` holding ``text`` (Jinja allowed)."""
        para = self.doc.add_paragraph(text, style=style)
        if page_break:
            para.paragraph_format.page_break_before = True
        return para

    def tag(self, statement: str) -> Writer:
        """A paragraph that is only a docxtpl paragraph tag, e.g. ``for x in r.rows``."""
        self.doc.add_paragraph(f"{{%p {statement} %}}", style="Normal")
        return self

    def h1(self, text: str) -> Writer:
        """一、 heading (黑体)."""
        self.p(text, "Heading 1")
        return self

    def h2(self, text: str) -> Writer:
        """（一） heading (楷体)."""
        self.p(text, "Heading 2")
        return self

    def h3(self, text: str) -> Writer:
        """1. heading (仿宋, bold)."""
        self.p(text, "Heading 3")
        return self

    def bullets(self, expr: str, numbered: bool = True) -> Writer:
        """One body paragraph per item of the list ``expr``, numbered 1. 2. …"""
        self.tag(f"for s in {expr}")
        self.p("{{ loop.index }}. {{ s }}" if numbered else "{{ s }}")
        self.tag("endfor")
        return self

    def chart(self, name: str, caption: str | None = None) -> Writer:
        """The chart ``charts.<name>`` with its figure number and title, when it was drawn."""
        self.tag(f"if charts.{name}")
        self.p(f"{{{{ charts.{name} }}}}", "Figure")
        self.p(caption or f"{{{{ fig.{name} }}}}", "Caption")
        self.tag("endif")
        return self

    def empty_or(self, expr: str, empty: str, body: Callable[[], object]) -> None:
        """``body`` when the list ``expr`` has items, else the sentence ``empty``.

        ``body`` is usually a lambda over a tuple of writer calls: they run in order (the
        writer's methods return the writer, so such a tuple is well typed).
        """
        self.tag(f"if {expr}")
        body()
        self.tag("else")
        self.p(empty)
        self.tag("endif")

    # ------------------------------------------------------------------ tables
    def table(self, loop: str, cols: list[Col]) -> Writer:
        """A table with a header row and one row per item of ``loop`` (``x in r.rows``)."""
        widths = [Mm(w) for w in _fit_widths(cols)]
        table = self.doc.add_table(rows=4, cols=len(cols))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        grid = table._tbl.tblGrid
        for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
            col.set(qn("w:w"), str(int(width.twips)))
        head, start, data, end = table.rows
        _repeat_header(head)
        _keep_row_together(data)
        for i, col in enumerate(cols):
            for row in (head, start, data, end):
                cell = row.cells[i]
                cell.width = widths[i]
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _cell_text(head.cells[i], col.head, "Table Head")
            text = (f"{{% cellbg {col.fill} %}}" if col.fill else "") + col.cell
            _cell_text(data.cells[i], text, "Table Text", center=col.center)
        _cell_text(start.cells[0], f"{{%tr for {loop} %}}", "Table Text")
        _cell_text(end.cells[0], "{%tr endfor %}", "Table Text")
        return self

    # ---------------------------------------------------------- cover, body
    def cover(self) -> None:
        """Cover page and (when ``doc.declaration``) the 真实性声明 page: an unnumbered section."""
        for _ in range(3):
            self.p("", "Cover Info")
        self.p("{{ doc.institution }}", "Cover Info")
        self.p("{{ doc.title }}", "Cover Title")
        self.p("{{ doc.subtitle }}", "Cover Info")
        for _ in range(6):
            self.p("", "Cover Info")
        self.p("编制单位：{{ doc.issuer }}", "Cover Info")
        self.p("{{ doc.month_cn }}", "Cover Info")
        self.tag("if doc.declaration")
        self.p("真实性声明", "Title", page_break=True)
        self.p("{{ doc.declaration_text }}")
        self.p("")
        self.p("{{ doc.signer }}：　　　　　　　　", "Signature")
        self.p("（单位盖章）　　　　　　　　", "Signature")
        self.p("年　　月　　日　　　　　　　　", "Signature")
        self.tag("endif")
        self.start_body()

    def start_body(self) -> None:
        """A new section numbered from 1 with "— 1 —" footers, then the title."""
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        apply_page(section)
        number = OxmlElement("w:pgNumType")
        number.set(qn("w:start"), "1")
        section._sectPr.insert_element_before(number, *AFTER_PGNUMTYPE)
        for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
            footer.is_linked_to_previous = False
            _page_number(footer.paragraphs[0], odd)
        self.p("{{ doc.title }}", "Title")
        self._body_started = True

    def closing(self) -> None:
        """Issuer and date at the end of the body (the 落款)."""
        self.p("")
        self.p("{{ doc.issuer }}　　", "Signature")
        self.p("{{ doc.as_of_cn }}　　", "Signature")

    def save(self) -> bytes:
        """The .docx bytes, reproducible."""
        core = self.doc.core_properties
        core.author = core.last_modified_by = "{{ doc.institution }}"  # the college signs its report
        core.title = "{{ doc.title }}"
        core.created = core.modified = FIXED_TIME.replace(tzinfo=None)
        core.revision = 1
        # docxtpl renders the core properties too, so this text must not contain Jinja tags.
        core.comments = "由 scripts/build_templates.py 生成；可在 Word/WPS 中修改样式，保留花括号标记。"
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return _normalise(buffer.getvalue())


CHAR_MM = 3.75  # one 10.5 pt Chinese character
CELL_PADDING_MM = 2.6  # Word's default left + right cell margins
SCORE_MIN_MM = 16.5  # "100.0%" on one line


def _fit_widths(cols: list[Col]) -> list[float]:
    """Column widths in mm filling the type area, each wide enough for its header (up to four
    characters on one line) and a shaded score column for "100.0%", the rest in proportion."""
    minimum = [max(min(len(c.head), 4) * CHAR_MM + CELL_PADDING_MM, SCORE_MIN_MM if _percent_column(c) else 0)
               for c in cols]
    fixed: dict[int, float] = {}
    while True:
        free = [i for i in range(len(cols)) if i not in fixed]
        room = TEXT_WIDTH_MM - sum(fixed.values())
        units = sum(cols[i].width for i in free)
        widths = {i: cols[i].width * room / units for i in free}
        short = {i: minimum[i] for i, w in widths.items() if w < minimum[i]}
        if not short:
            return [fixed.get(i, widths.get(i, 0.0)) for i in range(len(cols))]
        fixed.update(short)


def _percent_column(col: Col) -> bool:
    """A shaded score or a column of rates/last year's values: "100.0%" must not wrap."""
    return bool(col.fill) or col.cell.endswith(("last_text }}", "rate_text }}", "now_text }}"))


def _keep_row_together(row: Any) -> None:
    """A table row is not split across pages (a cited number stays beside its source)."""
    trpr = row._tr.get_or_add_trPr()
    keep = OxmlElement("w:cantSplit")
    trpr.append(keep)


def _repeat_header(row: Any) -> None:
    """Repeat the header row on every page a long table runs to."""
    trpr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trpr.append(header)


def _cell_text(cell: Any, text: str, style: str, *, center: bool = False) -> None:
    para = cell.paragraphs[0]
    para.style = style
    para.text = text
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _page_number(paragraph: Any, odd: bool) -> None:
    """``— PAGE —`` in 四号: right with one character's space on odd pages, left on even ones."""
    paragraph.style = "Footer"
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    if odd:
        fmt.right_indent = Pt(14)
    else:
        fmt.left_indent = Pt(14)
    paragraph.add_run("— ")
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind is not None:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    paragraph.add_run(" —")


def _normalise(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps and a fixed order, so equal input gives equal bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist(), key=lambda n: (n != "[Content_Types].xml", n)):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


__all__ = ["FIXED_TIME", "TEXT_WIDTH_MM", "Col", "Writer"]
