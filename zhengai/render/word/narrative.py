"""Authored sections as Word content: the blocks of :mod:`zhengai.load.narratives` as a docxtpl subdocument.

A template prints an authored section with ``{{p s.authored.word }}``; :func:`bind_narratives`
(called by :func:`zhengai.render.word.render.render_docx` once the template is open) replaces
each ``authored.word`` of ``r.sections`` with a subdocument built here in the template's own
styles: the author's headings as ``Heading 2``–``Heading 4`` (below the section's ``Heading 1``),
paragraphs in the body style with their bold and italic runs, list items numbered as 公文 lists
are, tables as real Word tables (header row repeated, rows kept whole, columns sized by their
content) and images embedded in the document, each with its caption.
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from zhengai.render.word.writer import TEXT_WIDTH_MM

IMAGE_MAX_MM = (150.0, 180.0)
"""Largest width and height of an authored picture on the page (the type area less the caption)."""

CHAR_MM = 3.75
PADDING_MM = 2.6


def bind_narratives(tpl: Any, context: dict[str, Any]) -> dict[str, Any]:
    """``context`` with every authored section of ``r.sections`` given its Word content (``authored.word``)."""
    r = context.get("r")
    if not isinstance(r, dict) or not isinstance(r.get("sections"), dict):
        return context
    bound: dict[str, Any] = {}
    for key, section in r["sections"].items():
        written = section.get("authored") if isinstance(section, dict) else None
        if isinstance(written, dict) and written.get("blocks"):
            sub = Subdocument(tpl)
            add_blocks(sub.document, written["blocks"])
            section = {**section, "authored": {**written, "word": sub}}
        bound[key] = section
    return {**context, "r": {**r, "sections": bound}}


class Subdocument:
    """Word content built with python-docx in the template's own part and printed by ``{{p x }}``.

    Like docxtpl's ``Subdoc`` without a source file (which needs docxcompose): a fresh document
    whose part is the template's, so its styles are the template's styles and the pictures it
    adds are related to the document being rendered; printing it gives its body elements.
    """

    def __init__(self, tpl: Any) -> None:
        from docx import Document

        self.document = Document()
        self.document._part = tpl.get_docx()._part  # styles and picture relationships of the template

    def _xml(self) -> str:
        from lxml import etree

        body = self.document.element.body
        return "".join(etree.tostring(child, encoding="unicode") for child in body
                       if child.tag != qn("w:sectPr"))

    def __str__(self) -> str:
        return self._xml()

    def __html__(self) -> str:  # autoescaping templates print this, unescaped
        return self._xml()

    def __bool__(self) -> bool:
        return True


def add_blocks(document: Any, blocks: list[dict[str, Any]]) -> None:
    """Append ``blocks`` to a python-docx document (or a docxtpl subdocument) in the report's styles."""
    for block in blocks:
        kind = block["type"]
        if kind == "heading":
            document.add_paragraph(block["text"], style=f"Heading {block.get('style', 2)}")
        elif kind == "paragraph":
            _runs(document.add_paragraph(style="Normal"), block["runs"])
        elif kind == "item":
            para = document.add_paragraph(style="Normal")
            prefix = ""
            if block.get("ordered"):
                prefix = f"{block['number']}. " if block.get("depth", 0) == 0 else f"（{block['number']}）"
            if prefix:
                para.add_run(prefix)
            _runs(para, block["runs"])
        elif kind == "table":
            _table(document, block)
        elif kind == "image":
            _image(document, block)


def _runs(para: Any, runs: list[dict[str, Any]]) -> None:
    for piece in runs:
        run = para.add_run(piece["text"])
        if piece.get("bold"):
            run.bold = True
        if piece.get("italic"):
            run.italic = True


def _widths(head: list[str], rows: list[list[str]], cols: int) -> list[float]:
    """Column widths (mm) filling the type area in proportion to the longest text of each column
    (at most 30 characters counted), each wide enough for its header's first four characters."""
    longest = []
    for i in range(cols):
        texts = [head[i] if i < len(head) else ""] + [r[i] if i < len(r) else "" for r in rows]
        longest.append(max(2, min(30, max(len(t) for t in texts))))
    minimum = [min(4, max(2, len(head[i]) if i < len(head) else 2)) * CHAR_MM + PADDING_MM for i in range(cols)]
    total = sum(longest)
    widths = [max(TEXT_WIDTH_MM * n / total, m) for n, m in zip(longest, minimum, strict=True)]
    scale = TEXT_WIDTH_MM / sum(widths)
    return [w * scale for w in widths]


def _table(document: Any, block: dict[str, Any]) -> None:
    head: list[str] = block.get("head") or []
    rows: list[list[str]] = block.get("rows") or []
    cols = max([len(head), *(len(r) for r in rows)] or [0])
    if not cols:
        return
    table = document.add_table(rows=(1 if head else 0) + len(rows), cols=cols)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = [Mm(w) for w in _widths(head, rows, cols)]
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(width.twips)))
    body = [(head, "Table Head")] if head else []
    body += [(r, "Table Text") for r in rows]
    for n, (row, (values, style)) in enumerate(zip(table.rows, body, strict=True)):  # rows once: linear in size
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if n == 0 and head:
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            trpr.append(repeat)
        for i in range(cols):
            cell = row.cells[i]
            cell.width = widths[i]
            para = cell.paragraphs[0]
            para.style = style
            para.text = values[i] if i < len(values) else ""
            if style == "Table Head" or _numeric(para.text):
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("", style="Normal")  # a table is followed by its own space, as in the generated text


def _numeric(text: str) -> bool:
    stripped = text.replace(",", "").replace("%", "").replace("+", "").replace("−", "").replace("-", "").strip()
    return bool(stripped) and stripped.replace(".", "", 1).isdigit()


def _image(document: Any, block: dict[str, Any]) -> None:
    from docx.image.image import Image

    image = Image.from_file(block["path"])
    width, height = image.width, image.height  # EMU at the picture's own resolution
    max_w, max_h = Mm(IMAGE_MAX_MM[0]), Mm(IMAGE_MAX_MM[1])
    scale = min(1.0, max_w / width if width else 1.0, max_h / height if height else 1.0)
    para = document.add_paragraph(style="Figure")
    para.add_run().add_picture(block["path"], width=int(width * scale), height=int(height * scale))
    if block.get("alt"):
        document.add_paragraph(block["alt"], style="Caption")


__all__ = ["Subdocument", "add_blocks", "bind_narratives"]
