"""Writing the default .docx report templates with python-docx, reproducibly.

``scripts/build_templates.py`` calls :func:`build_all`; a test rebuilds the templates
and compares them with the committed ones byte for byte, so the .docx files under
``templates/`` are always what this code says.  python-docx stamps the current time
into the zip entries and the core properties; :func:`_normalise` fixes both.

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
from pathlib import Path
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
        core.author = core.last_modified_by = "zhengai"
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


# ====================================================================== templates
def _dims(w: Writer, standards: str, with_last: bool) -> Writer:
    """Per standard: a （n） heading and a table of its dimensions."""
    w.tag(f"for s in {standards} if s.score is not none")
    w.h2("（{{ loop.index|cn }}）{{ s.name }}")
    w.p("达成度 {{ s.score_text }}（{{ s.band }}）" + ("，上年 {{ s.last_text }}，年度增量：{{ s.delta_text }}" if with_last else "")
        + "；质控点覆盖 {{ s.coverage }}（来源 {{ s.source }}）。")
    cols = [Col("维度", "{{ d.name }}", 22), Col("达成度", "{{ d.score_text }}", 14, "d.fill", True),
            Col("档次", "{{ d.band }}", 12, center=True)]
    if with_last:
        cols += [Col("上年", "{{ d.last_text }}", 12, center=True), Col("年度增量", "{{ d.delta_text }}", 18)]
    cols += [Col("各标准项达成度", "{{ d.item_scores }}", 50)]
    w.table("d in s.dimensions", cols)
    return w.tag("endfor")


def _method(w: Writer, heading: str) -> None:
    w.h1(heading)
    w.bullets("r.method")
    w.p("达成度分档：{% for b in bands %}{{ b.name }}（{{ b.rule }}）{% if not loop.last %}；{% endif %}{% endfor %}。")


def diagnosis_template() -> Writer:
    """自我诊改报告 of one department."""
    w = Writer()
    w.cover()
    w.h1("一、基本情况")
    w.h2("（一）部门概况")
    w.p("{{ r.dept.name }}属于“{{ r.dept.system }}”系统，是{{ r.dept.type }}，负责人{{ r.dept.head }}。本部门承担目标 "
        "{{ r.counts.targets }} 个、年度重点工作任务 {{ r.counts.tasks }} 项，涉及指标与质控点 {{ r.counts.measures }} 个。"
        "诊断基准日为{{ doc.as_of_cn }}，规划期为{{ doc.period }}。")
    w.h2("（二）诊断结论摘要")
    w.bullets("r.summary")
    w.h1("二、目标与标准")
    w.h2("（一）目标链")
    w.empty_or("r.targets", "本部门没有登记目标。", lambda: w.table("t in r.targets", [
        Col("序号", "{{ t.no }}", 8, center=True), Col("目标", "{{ t.id }} {{ t.statement }}", 46),
        Col("层面", "{{ t.level }}", 10, center=True), Col("上级目标链", "{{ t.chain }}", 24),
        Col("时限", "{{ t.deadline }}", 14, center=True), Col("来源", "{{ t.source }}", 30)]))
    w.h2("（二）适用标准")
    w.empty_or("r.standards", "本部门的目标与任务没有关联质控点。", lambda: (
        w.tag("for s in r.standards"),
        w.p("{{ s.no }}. {{ s.name }}（{{ s.id }}，来源 {{ s.source }}）：{% for d in s.dimensions %}{{ d.name }}"
            "{% if not loop.last %}、{% endif %}{% endfor %}。"),
        w.tag("endfor")))
    w.h1("三、运行情况")
    w.h2("（一）年度重点工作任务")
    w.empty_or("r.tasks", "本部门没有登记年度重点工作任务。", lambda: w.table("t in r.tasks", [
        Col("序号", "{{ t.no }}", 8, center=True), Col("任务", "{{ t.id }} {{ t.title }}", 40),
        Col("类别", "{{ t.cls }}", 8, center=True), Col("责任部门", "{{ t.owner }}", 18),
        Col("时间节点", "{{ t.time_node }}", 16, center=True), Col("状态", "{{ t.state }}", 16, center=True),
        Col("进度", "{{ t.progress_text }}", 10, center=True), Col("来源", "{{ t.source }}", 30)]))
    w.h2("（二）建设指标完成率")
    w.p("建设指标完成率 = 截至诊断基准日已到期且已完成的任务数 ÷ 已到期的任务数 = {{ r.completion.done }} ÷ "
        "{{ r.completion.due }} = {{ r.completion.rate_text }}。")
    w.empty_or("r.completion.by_class", "截至诊断基准日没有到期任务。", lambda: w.table("c in r.completion.by_class", [
        Col("类别", "{{ c.cls }} 类", 20, center=True), Col("到期", "{{ c.due }}", 20, center=True),
        Col("完成", "{{ c.done }}", 20, center=True), Col("完成率", "{{ c.rate_text }}", 20, center=True)]))
    w.h1("四、达成度")
    w.h2("（一）目标达成度")
    w.p("综合达成度为 {{ r.overall.score_text }}（{{ r.overall.band }}），即本部门各目标达成度的平均值。")
    w.empty_or("r.targets", "无。", lambda: w.table("t in r.targets", [
        Col("目标", "{{ t.id }}", 24), Col("达成度", "{{ t.score_text }}", 16, "t.fill", True),
        Col("档次", "{{ t.band }}", 14, center=True), Col("覆盖", "{{ t.coverage }}", 18, center=True),
        Col("来源", "{{ t.source }}", 40)]))
    w.chart("attainment")
    w.h2("（二）标准与层面达成度")
    w.empty_or("r.levels", "本部门没有可评分的质控点。", lambda: (
        w.table("n in r.levels", [
            Col("层面", "{{ n.name }}", 16, center=True), Col("达成度", "{{ n.score_text }}", 16, "n.fill", True),
            Col("档次", "{{ n.band }}", 14, center=True), Col("覆盖", "{{ n.coverage }}", 18, center=True),
            Col("来源", "{{ n.source }}", 50)]),
        w.tag("for s in r.standards"),
        w.h3("{{ s.no }}. {{ s.name }}"),
        w.p("达成度 {{ s.score_text }}（{{ s.band }}），质控点覆盖 {{ s.coverage }}"
            "{% if s.low_coverage %}，覆盖不足 40%，结论仅供参考{% endif %}。"),
        w.tag("for d in s.dimensions"),
        w.p("（{{ d.no }}）{{ d.name }}：{{ d.score_text }}；{{ d.item_scores }}。"),
        w.tag("endfor"),
        w.tag("endfor")))
    w.chart("radar")
    w.h2("（三）指标与质控点明细")
    w.empty_or("r.measures", "本部门没有指标与质控点。", lambda: w.table("m in r.measures", [
        Col("编号", "{{ m.id }}", 16), Col("名称", "{{ m.name }}", 26), Col("期间", "{{ m.period }}", 14, center=True),
        Col("实际", "{{ m.actual_text }}", 14, center=True), Col("目标", "{{ m.target_text }}", 12, center=True),
        Col("达成度", "{{ m.score_text }}", 13, "m.fill", True), Col("档次", "{{ m.band }}", 12, center=True),
        Col("来源", "{{ m.source }}", 32)]))
    w.chart("trend")
    w.h2("（四）计算方法")
    w.bullets("r.method")
    w.h1("五、预警清单")
    w.empty_or("r.alerts", "截至诊断基准日无预警。", lambda: w.table("a in r.alerts", [
        Col("序号", "{{ a.no }}", 8, center=True), Col("级别", "{{ a.level_name }}", 10, "a.fill", True),
        Col("类型", "{{ a.kind_name }}", 14, center=True), Col("对象", "{{ a.subject }}", 26),
        Col("说明", "{{ a.message }}", 44), Col("责任单位", "{{ a.unit }}", 14), Col("来源", "{{ a.source }}", 28)]))
    w.h1("六、SMART 问题清单")
    w.empty_or("r.findings", "未发现 SMART 问题。", lambda: w.table("f in r.findings", [
        Col("序号", "{{ f.no }}", 8, center=True), Col("规则", "{{ f.code }}", 12, center=True),
        Col("SMART", "{{ f.smart }}", 10, center=True), Col("级别", "{{ f.severity }}", 10, center=True),
        Col("对象", "{{ f.subject }}", 26), Col("问题", "{{ f.message }}", 50), Col("位置", "{{ f.where }}", 30)]))
    w.h1("七、问题与原因")
    w.empty_or("r.problems", "本年度未登记问题。", lambda: (
        w.tag("for x in r.problems"),
        w.p("{{ x.no }}. {% if x.suggested %}【建议】{% endif %}{{ x.problem }}　原因：{{ x.cause }}（来源 {{ x.source }}）"),
        w.tag("endfor")))
    w.h1("八、改进措施")
    w.empty_or("r.problems", "无。", lambda: (
        w.table("x in r.problems", [
            Col("序号", "{{ x.no }}", 8, center=True),
            Col("问题", "{% if x.suggested %}【建议】{% endif %}{{ x.problem }}", 36),
            Col("改进措施", "{{ x.measure }}", 40), Col("责任", "{{ x.owner }}", 14),
            Col("时间节点", "{{ x.time_node }}", 14, center=True), Col("状态", "{{ x.status }}", 10, center=True),
            Col("来源", "{{ x.source }}", 28)]),
        w.p("标注【建议】的条目由 zhengai 按红色预警自动生成，须由部门确认原因与措施后写入改进记录（kind: improvements）。")))
    w.h1("九、上一轮改进措施落实情况")
    w.empty_or("r.last_round", "没有上一轮改进记录。", lambda: w.table("x in r.last_round", [
        Col("序号", "{{ x.no }}", 8, center=True), Col("问题", "{{ x.problem }}", 30),
        Col("改进措施", "{{ x.measure }}", 34), Col("责任", "{{ x.owner }}", 14),
        Col("时间节点", "{{ x.time_node }}", 14, center=True), Col("落实情况", "{{ x.status }}", 18),
        Col("佐证", "{{ x.evidence }}", 18), Col("来源", "{{ x.source }}", 26)]))
    w.closing()
    return w


def annual_template() -> Writer:
    """学院质量年度报告."""
    w = Writer()
    w.cover()
    w.h1("一、学校概况")
    w.p("{{ doc.institution }}设部门 {{ r.overview.departments }} 个（二级学院 {{ r.overview.academic }} 个、职能部门 "
        "{{ r.overview.functional }} 个），开设专业 {{ r.overview.programs }} 个、课程 {{ r.overview.courses }} 门。"
        "诊改数据仓库登记规划 {{ r.overview.plans }} 个、目标 {{ r.overview.targets }} 个、年度重点工作任务 "
        "{{ r.overview.tasks }} 项、标准 {{ r.overview.standards }} 项（质控点 {{ r.overview.qc_points }} 个），"
        "观测数据 {{ r.overview.observations }} 条。本报告数据截至{{ doc.as_of_cn }}，与上年同期（{{ r.last_year }}年）比较。")
    w.h1("二、年度质量概述")
    w.bullets("r.summary")
    w.h1("三、五横层面达成度与年度增量")
    w.table("n in r.levels", [
        Col("层面", "{{ n.name }}", 14, center=True), Col("达成度", "{{ n.score_text }}", 14, "n.fill", True),
        Col("档次", "{{ n.band }}", 12, center=True), Col("上年", "{{ n.last_text }}", 14, center=True),
        Col("年度增量", "{{ n.delta_text }}", 20, center=True), Col("覆盖", "{{ n.coverage }}", 16, center=True)])
    w.chart("levels")
    w.chart("trend")
    w.h1("四、标准达成度")
    w.empty_or("r.standards", "本年度没有可评分的标准。", lambda: (
        w.table("s in r.standards", [
            Col("序号", "{{ s.no }}", 8, center=True), Col("标准", "{{ s.name }}", 34),
            Col("层面", "{{ s.level }}", 10, center=True), Col("达成度", "{{ s.score_text }}", 14, "s.fill", True),
            Col("上年", "{{ s.last_text }}", 14, center=True), Col("年度增量", "{{ s.delta_text }}", 20),
            Col("覆盖", "{{ s.coverage }}", 14, center=True)]),
        w.chart("standards"),
        _dims(w, "r.standards", with_last=True)))
    w.h1("五、各部门诊改情况")
    w.table("d in r.departments", [
        Col("序号", "{{ d.no }}", 8, center=True), Col("部门", "{{ d.name }}", 24), Col("类型", "{{ d.type }}", 14),
        Col("完成率", "{{ d.completion.rate_text }}", 14, center=True),
        Col("综合达成度", "{{ d.score_text }}", 16, "d.fill", True), Col("档次", "{{ d.band }}", 12, center=True),
        Col("红色预警", "{{ d.red }}", 12, center=True), Col("黄色预警", "{{ d.yellow }}", 12, center=True)])
    w.chart("departments")
    w.h1("六、主要指标年度变化")
    w.empty_or("r.measures", "学校层面没有登记指标。", lambda: w.table("m in r.measures", [
        Col("指标", "{{ m.id }} {{ m.name }}", 36), Col("上年", "{{ m.last_text }}", 14, center=True),
        Col("本年", "{{ m.now_text }}", 14, center=True), Col("变化", "{{ m.delta_text }}", 20, center=True),
        Col("目标", "{{ m.target_text }}", 12, center=True), Col("达成度", "{{ m.score_text }}", 13, "m.fill", True),
        Col("来源", "{{ m.source }}", 32)]))
    w.h1("七、质量年度报告数据表")
    w.p("以下五张表按全国高等职业院校质量年度报告要求填报，“增量”为与上年同表的差值。")
    w.tag("for t in r.tables")
    w.h2("（{{ loop.index|cn }}）{{ t.name }}")
    w.empty_or("t.present", "本年度未填报。", lambda: (
        w.table("x in t.rows", [
            Col("序号", "{{ x.no }}", 8, center=True), Col("项目", "{{ x.name }}", 60),
            Col("单位", "{{ x.unit }}", 12, center=True), Col("本年", "{{ x.now_text }}", 18, center=True),
            Col("上年", "{{ x.last_text }}", 18, center=True), Col("增量", "{{ x.delta_text }}", 20, center=True)]),
        w.p("数据来源：{{ t.source }}。")))
    w.tag("endfor")
    w.h2("（六）数据核验")
    w.empty_or("r.checks", "各表之间的交叉核验（就业人数不超过毕业生人数等）未发现不一致。", lambda: w.table(
        "c in r.checks", [
            Col("序号", "{{ c.no }}", 8, center=True), Col("规则", "{{ c.code }}", 12, center=True),
            Col("级别", "{{ c.severity }}", 10, center=True), Col("问题", "{{ c.message }}", 80),
            Col("位置", "{{ c.where }}", 36)]))
    w.h1("八、改进措施落实与存在问题")
    w.p("上一轮改进措施共 {{ r.improvements.total }} 条，已完成 {{ r.improvements.done }} 条，落实率 "
        "{{ r.improvements.rate_text }}。截至基准日各部门的红色预警如下，须纳入下一轮改进。")
    w.empty_or("r.red_alerts", "截至基准日无红色预警。", lambda: (
        w.table("a in r.red_alerts", [
            Col("序号", "{{ a.no }}", 8, center=True), Col("责任单位", "{{ a.unit }}", 16),
            Col("类型", "{{ a.kind_name }}", 14, center=True), Col("对象", "{{ a.subject }}", 30),
            Col("说明", "{{ a.message }}", 50), Col("来源", "{{ a.source }}", 30)]),
        w.tag("if r.red_more"), w.p("另有 {{ r.red_more }} 条红色预警，见各部门自我诊改报告。"), w.tag("endif")))
    _method(w, "九、计算方法说明")
    w.closing()
    return w


def annual_level_template() -> Writer:
    """专业/课程/教师发展/学生全面发展 质量年度报告."""
    w = Writer()
    w.cover()
    w.h1("一、总体情况")
    w.bullets("r.summary")
    w.h1("二、标准达成度与年度增量")
    w.empty_or("r.standards", "本层面没有可评分的标准。", lambda: (
        w.chart("standards"), w.chart("levels"), _dims(w, "r.standards", with_last=True)))
    w.h1("三、规划目标达成情况")
    w.empty_or("r.targets", "本层面没有规划目标。", lambda: w.table("t in r.targets", [
        Col("序号", "{{ t.no }}", 8, center=True), Col("目标", "{{ t.id }} {{ t.statement }}", 50),
        Col("责任", "{{ t.owner }}", 16), Col("时限", "{{ t.deadline }}", 14, center=True),
        Col("达成度", "{{ t.score_text }}", 14, "t.fill", True), Col("覆盖", "{{ t.coverage }}", 14, center=True),
        Col("来源", "{{ t.source }}", 30)]))
    w.h1("四、主要指标年度变化")
    w.empty_or("r.measures", "本层面没有指标与质控点。", lambda: w.table("m in r.measures", [
        Col("指标", "{{ m.id }} {{ m.name }}", 36), Col("上年", "{{ m.last_text }}", 14, center=True),
        Col("本年", "{{ m.now_text }}", 14, center=True), Col("变化", "{{ m.delta_text }}", 20, center=True),
        Col("目标", "{{ m.target_text }}", 12, center=True), Col("达成度", "{{ m.score_text }}", 13, "m.fill", True),
        Col("来源", "{{ m.source }}", 32)]))
    w.chart("trend")
    _people_sections(w)
    w.h1("{{ (6 if r.teachers or r.survey else 5)|cn }}、预警与问题")
    w.empty_or("r.alerts", "本层面无预警。", lambda: w.table("a in r.alerts", [
        Col("序号", "{{ a.no }}", 8, center=True), Col("级别", "{{ a.level_name }}", 10, "a.fill", True),
        Col("类型", "{{ a.kind_name }}", 14, center=True), Col("对象", "{{ a.subject }}", 28),
        Col("说明", "{{ a.message }}", 50), Col("来源", "{{ a.source }}", 30)]))
    _method(w, "{{ (7 if r.teachers or r.survey else 6)|cn }}、计算方法说明")
    w.closing()
    return w


def _people_sections(w: Writer) -> None:
    """教师发展概况 (teacher level) and 学生发展自测 (student level), each only when it has data."""
    w.tag("if r.teachers")
    w.h1("五、教师发展概况")
    w.p("全校制定三年发展规划的教师 {{ r.teachers.teachers }} 人，其中“双师型”教师 {{ r.teachers.double_qualified.count }} 人，"
        "占 {{ r.teachers.double_qualified.share_text }}；完成{{ doc.year }}年度自测自诊 {{ r.teachers.self_assessed.count }} 人，"
        "占 {{ r.teachers.self_assessed.share_text }}{% if r.teachers.self_assessed.missing %}（未完成：{{ r.teachers.self_assessed.missing }}）"
        "{% endif %}。{{ doc.year }}年到期发展目标 {{ r.teachers.targets.due }} 项，已完成 {{ r.teachers.targets.done }} 项"
        "（{{ r.teachers.targets.rate_text }}），逾期未完成 {{ r.teachers.targets.overdue }} 项；教师预警红色 "
        "{{ r.teachers.alerts.red }} 条、黄色 {{ r.teachers.alerts.yellow }} 条（来源 {{ r.teachers.source }}）。")
    w.table("x in r.teachers.tiers", [
        Col("层级", "{{ x.tier }}", 24, center=True), Col("现有人数", "{{ x.count }}", 16, center=True),
        Col("占比", "{{ x.share_text }}", 16, center=True), Col("规划期末目标人数", "{{ x.goal }}", 24, center=True)])
    w.tag("if r.teachers.dimensions")
    w.table("d in r.teachers.dimensions", [
        Col("维度", "{{ d.name }}", 24), Col("平均自评得分", "{{ d.mean_text }}", 18, center=True),
        Col("低于本人层级标准线占比", "{{ d.below_text }}", 24, center=True),
        Col("人数", "{{ d.scored }}", 12, center=True)])
    w.tag("endif")
    w.tag("endif")
    w.tag("if r.survey")
    w.h1("五、学生发展自测")
    w.p("{{ r.survey.year }}年按《{{ r.survey.instrument.title }}》（{{ r.survey.instrument.id }}）开展学生发展自测，"
        "收回答卷 {{ r.survey.respondents }} 份（来源 {{ r.survey.source }}），有效 {{ r.survey.valid }} 份，"
        "因数据质量问题不计入统计 {{ r.survey.excluded }} 份{% if r.survey.quality %}（{% for q in r.survey.quality %}"
        "{{ q.name }} {{ q.count }} 份{% if not loop.last %}、{% endif %}{% endfor %}）{% endif %}。"
        "总分均值 {{ r.survey.overall.mean_text }} 分（标准线 {{ r.survey.overall.line_text }} 分），低于标准线的占 "
        "{{ r.survey.overall.below_text }}；{% if r.survey.weak %}均值低于标准线的维度：{{ r.survey.weak }}。"
        "{% else %}各维度均值均达到标准线。{% endif %}")
    w.tag("if r.survey.previous")
    w.p("与{{ r.survey.previous.year }}年（{{ r.survey.previous.source }}，有效 {{ r.survey.previous.valid }} 份）相比，"
        "总分均值变化 {{ r.survey.overall.delta_text }} 分。")
    w.tag("endif")
    w.table("d in [r.survey.overall] + r.survey.dimensions", [
        Col("维度", "{{ d.name }}", 24), Col("均值", "{{ d.mean_text }}", 14, center=True),
        Col("标准线", "{{ d.line_text }}", 14, center=True), Col("低于标准线占比", "{{ d.below_text }}", 20, center=True),
        Col("上年均值", "{{ d.previous_text }}", 14, center=True), Col("变化", "{{ d.delta_text }}", 14, center=True)])
    w.tag("if r.survey.groups")
    w.table("g in r.survey.groups", [
        Col("分组", "{{ g.label }}", 30), Col("答卷", "{{ g.total }}", 10, center=True),
        Col("有效", "{{ g.valid }}", 10, center=True), Col("总分均值", "{{ g.mean_text }}", 14, center=True),
        Col("总分低于标准线", "{{ g.below_text }}", 18, center=True), Col("薄弱维度", "{{ g.weak }}", 24)])
    w.tag("endif")
    w.tag("endif")


def review_template() -> Writer:
    """校内复核报告."""
    w = Writer()
    w.cover()
    w.h1("一、复核工作概况")
    w.p("依据学校内部质量保证体系诊断与改进工作方案，{{ doc.issuer }}以{{ doc.as_of_cn }}为基准日，对各部门的自我诊改报告、"
        "目标链与标准链数据、年度重点工作任务完成情况及上一轮改进措施落实情况进行了校内复核。主要结果如下：")
    w.bullets("r.summary")
    w.h1("二、复核结论判定规则")
    w.bullets("r.rules")
    w.h1("三、各部门复核结论")
    w.table("d in r.departments", [
        Col("序号", "{{ d.no }}", 7, center=True), Col("部门", "{{ d.name }}", 20),
        Col("完成率", "{{ d.completion.rate_text }}", 12, center=True),
        Col("综合达成度", "{{ d.score_text }}", 14, "d.fill", True), Col("红色预警", "{{ d.red }}", 10, center=True),
        Col("黄色预警", "{{ d.yellow }}", 10, center=True), Col("SMART问题", "{{ d.findings }}", 10, center=True),
        Col("上轮改进完成", "{{ d.last_round_done }}/{{ d.last_round_total }}", 12, center=True),
        Col("复核结论", "{{ d.conclusion }}", 14, "d.conclusion_fill", True)])
    w.chart("departments")
    w.h1("四、对照国家诊断项目参考表")
    w.p("按诊断点的数据平台编号关联本校质控点与指标（编号相同或属于其下级编号即视为关联），诊断点达成度为关联数据的平均达成度。")
    w.table("i in r.ref_items", [Col("诊断项目", "{{ i.name }}", 60), Col("达成度", "{{ i.score_text }}", 20, "i.fill", True),
                             Col("档次", "{{ i.band }}", 20, center=True)])
    w.chart("reference")
    w.table("p in r.reference", [
        Col("诊断要素", "{{ p.element }}", 24), Col("诊断点", "{{ p.id }} {{ p.name }}", 32),
        Col("平台编号", "{{ p.platform }}", 20, center=True), Col("本校数据", "{{ p.evidence }}", 20),
        Col("达成度", "{{ p.score_text }}", 14, "p.fill", True)])
    w.h1("五、检查发现的问题分布")
    w.empty_or("r.findings", "检查未发现问题。", lambda: w.table("f in r.findings", [
        Col("序号", "{{ f.no }}", 8, center=True), Col("规则", "{{ f.code }}", 14, center=True),
        Col("规则名称", "{{ f.title }}", 60), Col("问题数", "{{ f.count }}", 14, center=True)]))
    w.h1("六、上一轮改进措施落实情况")
    w.p("上一轮改进措施共 {{ r.improvements.total }} 条，已完成 {{ r.improvements.done }} 条，落实率 "
        "{{ r.improvements.rate_text }}。")
    w.h1("七、复核意见")
    w.p("复核结论为“限期整改”的部门，须在一个月内提交整改方案，明确问题、原因、措施、责任人与时间节点，并写入改进记录；"
        "“数据不足”的部门须补齐观测数据后重新诊断；其余部门按自我诊改报告中的改进措施持续改进。")
    w.closing()
    return w


def midterm_template() -> Writer:
    """中期检查报告."""
    w = Writer()
    w.cover()
    w.h1("一、总体进展")
    w.bullets("r.summary")
    w.h1("二、各部门任务进展")
    w.table("d in r.departments", [
        Col("序号", "{{ d.no }}", 8, center=True), Col("部门", "{{ d.name }}", 26),
        Col("到期", "{{ d.completion.due }}", 10, center=True), Col("完成", "{{ d.completion.done }}", 10, center=True),
        Col("完成率", "{{ d.completion.rate_text }}", 14, center=True), Col("进度落后", "{{ d.behind }}", 12, center=True),
        Col("逾期", "{{ d.overdue }}", 10, center=True), Col("红色预警", "{{ d.red }}", 12, center=True),
        Col("综合达成度", "{{ d.score_text }}", 16, "d.fill", True)])
    w.chart("departments")
    w.h1("三、进度落后与逾期任务")
    w.empty_or("r.behind", "没有进度落后或逾期的任务。", lambda: (
        w.table("a in r.behind", [
            Col("序号", "{{ a.no }}", 8, center=True), Col("级别", "{{ a.level_name }}", 10, "a.fill", True),
            Col("类型", "{{ a.kind_name }}", 14, center=True), Col("对象", "{{ a.subject }}", 30),
            Col("说明", "{{ a.message }}", 44), Col("责任单位", "{{ a.unit }}", 14), Col("来源", "{{ a.source }}", 26)]),
        w.tag("if r.behind_more"), w.p("另有 {{ r.behind_more }} 项，见各部门自我诊改报告。"), w.tag("endif")))
    w.h1("四、年内待完成任务")
    w.p("基准日之后、年底之前到期且尚未完成的任务如下，由分管领导按月督办。")
    w.empty_or("r.upcoming", "年底前没有尚未完成的到期任务。", lambda: (
        w.table("u in r.upcoming", [
            Col("序号", "{{ u.no }}", 8, center=True), Col("任务", "{{ u.id }} {{ u.title }}", 48),
            Col("责任部门", "{{ u.owner }}", 20), Col("时间节点", "{{ u.due }}", 18, center=True),
            Col("当前进度", "{{ u.progress_text }}", 12, center=True), Col("来源", "{{ u.source }}", 30)]),
        w.tag("if r.upcoming_more"), w.p("另有 {{ r.upcoming_more }} 项。"), w.tag("endif")))
    w.h1("五、五横层面当前达成度")
    w.table("n in r.levels", [
        Col("层面", "{{ n.name }}", 16, center=True), Col("达成度", "{{ n.score_text }}", 16, "n.fill", True),
        Col("档次", "{{ n.band }}", 14, center=True), Col("覆盖", "{{ n.coverage }}", 16, center=True)])
    w.chart("levels")
    w.h1("六、下一步工作要求")
    w.p("各部门对照进度落后与逾期任务清单，于7月31日前提交原因分析与赶进度措施；下半年到期任务由分管领导按月督办；"
        "质量督导处在9月、11月分别开展专项检查，12月开展年度诊断与校内复核。")
    w.closing()
    return w


TEMPLATES: dict[str, Callable[[], Writer]] = {
    "diagnosis": diagnosis_template,
    "annual": annual_template,
    "annual-level": annual_level_template,
    "review": review_template,
    "mid-term": midterm_template,
}
"""Template kind → builder; the file is ``templates/<kind>.docx``."""


def build_all(folder: Path) -> list[Path]:
    """Write every default template into ``folder``; return the paths written."""
    from zhengai.fsutil import atomic_write_bytes

    written = []
    for kind, make in TEMPLATES.items():
        path = folder / f"{kind}.docx"
        atomic_write_bytes(path, make().save())
        written.append(path)
    return written


__all__ = ["TEMPLATES", "Col", "Writer", "build_all"]
