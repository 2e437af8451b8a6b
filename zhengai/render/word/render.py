"""Rendering a report context into a .docx through a docxtpl template, safely.

The template runs in a sandboxed Jinja environment (a college's template cannot reach
into Python), undefined variables are errors (a misspelt name fails loudly instead of
leaving a blank in an official document), and autoescaping is on, so a ``&`` or ``<``
in a plan text cannot break the document's XML.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from zhengai import __version__
from zhengai.render.markdown import (
    BoundedEnvironment,
    RenderError,
    cn,
    failure_reason,
    is_template_failure,
    num,
    pct,
    score,
    template_line,
)
from zhengai.resources import templates_dir

if TYPE_CHECKING:
    from zhengai.reports.charts import ChartSpec

IMAGE_WIDTH_MM = {"bar": 150, "trend": 150, "radar": 120}
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
CORE_PROPERTY_CHARS = 255
"""python-docx (and Word) limit a core property such as the title to 255 characters."""
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_PACKAGE_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, checked for parts above 1 MiB


def docx_environment() -> SandboxedEnvironment:
    """The Jinja environment for Word templates: bounded sandbox, strict, XML-escaping."""
    env = BoundedEnvironment(undefined=StrictUndefined, autoescape=True)
    env.filters.update(pct=pct, score=score, num=num, cn=cn)
    env.globals.update(zhengai_version=__version__)
    return env


def vet_docx(path: Path) -> None:
    """Refuse a template that is not a harmless .docx before any XML parser sees it.

    A zip bomb is refused from the zip directory's declared sizes; a ``<!DOCTYPE`` or
    ``<!ENTITY`` in any XML part (how entity bombs start; Word never writes one) is
    refused before parsing.  Raises :class:`RenderError` naming the file and part.
    """
    try:
        with zipfile.ZipFile(path) as package:
            infos = package.infolist()
            total = sum(info.file_size for info in infos)
            if total > MAX_PACKAGE_BYTES:
                raise RenderError(f"模板 {path} 解压后过大（{total // 2**20} MB）：不是正常的 Word 模板。")
            for info in infos:
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > MAX_PART_BYTES or (info.file_size > 2**20 and ratio > MAX_RATIO):
                    raise RenderError(f"模板 {path} 中的 {info.filename} 解压后过大或压缩比异常（疑似压缩炸弹）。")
                if info.filename.endswith((".xml", ".rels")) and _declares_entities(package.read(info)):
                    raise RenderError(f"模板 {path} 中的 {info.filename} 含有 XML 实体声明（<!DOCTYPE/<!ENTITY），"
                                      "已拒绝（可能是实体炸弹）；请用 Word/WPS 另存为新的 .docx。")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError, RuntimeError) as exc:
        raise RenderError(f"模板 {path} 不是有效的 Word（.docx）文件：{exc}") from exc
    except OSError as exc:
        raise RenderError(f"无法读取模板 {path}：{exc.strerror or exc}") from exc


def _declares_entities(xml: bytes) -> bool:
    text = xml.upper()
    if text.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in text[:64]:  # UTF-16 hides the markup
        text = xml.decode("utf-16", "ignore").upper().encode("utf-8")
    return b"<!DOCTYPE" in text or b"<!ENTITY" in text


def open_template(path: Path) -> Any:
    """The docxtpl template of ``path``, vetted and parsed; :class:`RenderError` when unusable."""
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    if not path.is_file():
        raise RenderError(f"模板文件不存在：{path}")
    vet_docx(path)
    try:
        tpl = _template_class()(str(path))
        tpl.init_docx()
    except (PackageNotFoundError, KeyError, ValueError, OSError, etree.LxmlError) as exc:
        raise RenderError(f"模板 {path} 不是有效的 Word（.docx）文件：{exc}") from exc
    return tpl


@functools.cache
def _template_class() -> type:
    """docxtpl's template class with two fixes (built on first use: docxtpl loads slowly)."""
    from docxtpl import DocxTemplate

    class BoundedDocxTemplate(DocxTemplate):
        """Core properties cut to 255 characters; every error keeps the paragraph it happened in."""

        def render_xml_part(self, src_xml: str, part: Any, context: dict[str, Any],
                            jinja_env: Any = None) -> str:
            try:
                return str(super().render_xml_part(src_xml, part, context, jinja_env))
            except Exception as exc:
                line = template_line(exc, "<template>")
                if line and getattr(exc, "docx_context", None) is None:
                    lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml).splitlines()
                    # docxtpl's own attribute for the paragraphs around an error (read by template_error)
                    setattr(exc, "docx_context", [re.sub(r"<[^>]+>", "", x)  # noqa: B010
                                                  for x in lines[max(line - 2, 0):line + 1]])
                raise

        def render_properties(self, context: dict[str, Any], jinja_env: Any = None) -> None:
            # The properties are plain text (python-docx escapes them), so no autoescaping:
            # "&" stays "&", and a title over Word's 255-character limit is cut, not an error.
            plain = (jinja_env or docx_environment()).overlay(autoescape=False)
            core = self.docx.core_properties
            institution = str((context.get("doc") or {}).get("institution") or "")
            for prop in ("author", "last_modified_by", "comments", "identifier", "language", "subject", "title"):
                text = plain.from_string(getattr(core, prop) or "").render(context)
                if prop in ("author", "last_modified_by") and text in ("", "zhengai") and institution:
                    text = institution  # the document is the college's, not the tool's (older templates said zhengai)
                setattr(core, prop, text[:CORE_PROPERTY_CHARS])

    return BoundedDocxTemplate


def default_template(kind: str) -> Path:
    """The bundled template ``templates/<kind>.docx``."""
    path = templates_dir() / f"{kind}.docx"
    if not path.is_file():
        raise RenderError(f"zhengai 安装不完整：找不到默认模板 {path}")
    return path


def _snippet(exc: Exception) -> str:
    lines = [line.strip() for line in getattr(exc, "docx_context", None) or [] if line.strip()]
    return f"；附近文字：{' '.join(lines)[:80]}" if lines else ""


def render_docx(template: Path, context: dict[str, Any], images: dict[str, tuple[bytes, str]] | None = None,
                chart_names: tuple[str, ...] = (), native: Iterable[ChartSpec] = ()) -> bytes:
    """Render ``template`` with ``context``; ``native`` are the charts to place as native
    Word charts (:mod:`zhengai.render.word.native`), ``images`` maps a chart name →
    (PNG bytes, chart kind) for the charts placed as pictures instead (``--chart-images``).

    Every name of ``chart_names`` is present under ``charts`` (an empty text when not
    drawn), so ``{%p if charts.x %}`` works for charts that were left out.
    Raises :class:`~zhengai.render.markdown.RenderError` with a Chinese message.
    """
    from docx.shared import Mm
    from docxtpl import InlineImage

    from zhengai.render.word.narrative import bind_narratives
    from zhengai.render.word.native import NativeChart
    from zhengai.render.word.typeset import typeset

    tpl = open_template(template)
    charts: dict[str, Any] = dict.fromkeys(chart_names, "")
    for spec in native:
        charts[spec.name] = NativeChart(tpl, spec)
    for name, (png, kind) in (images or {}).items():
        charts[name] = InlineImage(tpl, io.BytesIO(png), width=Mm(IMAGE_WIDTH_MM.get(kind, 150)))
    full = bind_narratives(tpl, {**context, "charts": charts})  # authored sections as Word content
    try:
        tpl.render(full, jinja_env=docx_environment(), autoescape=True)
    except Exception as exc:
        bundled = template.resolve().parent == templates_dir().resolve()
        if not is_template_failure(exc) or (bundled and not isinstance(exc, TemplateError)):
            raise  # the bundled template failing on real data is zhengai's bug (exit 3)
        raise RenderError(f"模板 {template.name} {failure_reason(exc)}{_snippet(exc)}。"
                          f"可运行 zhengai template check {template} 检查。") from exc
    typeset(tpl.docx)  # joins, column widths, title breaks, table spacing: after the data are in
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def docx_text(data: bytes | Path) -> str:
    """The text of a .docx, paragraph by paragraph with tables row by row (cells joined by " | "),
    without the invisible joins of :mod:`zhengai.render.word.typeset` (a no-break space reads as a space).

    Used by the snapshot tests and handy for diffing two versions of a report.
    """
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from zhengai.render.word.typeset import plain

    document = Document(io.BytesIO(data) if isinstance(data, bytes) else str(data))
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(block, document)
            if para.text.strip():
                lines.append(plain(para.text))
            elif block.findall(f".//{{{CHART_URI}}}chart"):
                lines.append("[图表]")  # a native chart (its data are in its own part)
            elif block.findall(".//{*}drawing"):
                lines.append("[图片]")
        elif tag == "tbl":
            for row in Table(block, document).rows:
                lines.append(" | ".join(plain(cell.text) for cell in row.cells))
    return "\n".join(lines) + "\n"


__all__ = ["default_template", "docx_environment", "docx_text", "open_template", "render_docx", "vet_docx"]
