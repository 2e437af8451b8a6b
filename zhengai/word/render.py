"""Rendering a report context into a .docx through a docxtpl template, safely.

The template runs in a sandboxed Jinja environment (a college's template cannot reach
into Python), undefined variables are errors (a misspelt name fails loudly instead of
leaving a blank in an official document), and autoescaping is on, so a ``&`` or ``<``
in a plan text cannot break the document's XML.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from zhengai import __version__
from zhengai.render import RenderError, cn, num, pct, score
from zhengai.resources import templates_dir

IMAGE_WIDTH_MM = {"bar": 150, "trend": 150, "radar": 120}


def docx_environment() -> SandboxedEnvironment:
    """The Jinja environment for Word templates: sandboxed, strict, XML-escaping."""
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    env.filters.update(pct=pct, score=score, num=num, cn=cn)
    env.globals.update(zhengai_version=__version__)
    return env


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
                chart_names: tuple[str, ...] = ()) -> bytes:
    """Render ``template`` with ``context``; ``images`` maps chart name → (PNG bytes, chart kind).

    Every name of ``chart_names`` is present under ``charts`` (an empty text when not
    drawn), so ``{%p if charts.x %}`` works for charts that were left out.
    Raises :class:`~zhengai.render.RenderError` with a Chinese message.
    """
    from docx.opc.exceptions import PackageNotFoundError
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    if not template.is_file():
        raise RenderError(f"模板文件不存在：{template}")
    try:
        tpl = DocxTemplate(str(template))
        tpl.init_docx()
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise RenderError(f"模板 {template} 不是有效的 Word（.docx）文件：{exc}") from exc
    charts: dict[str, Any] = dict.fromkeys(chart_names, "")
    for name, (png, kind) in (images or {}).items():
        charts[name] = InlineImage(tpl, io.BytesIO(png), width=Mm(IMAGE_WIDTH_MM.get(kind, 150)))
    full = {**context, "charts": charts}
    try:
        tpl.render(full, jinja_env=docx_environment(), autoescape=True)
    except TemplateSyntaxError as exc:
        raise RenderError(f"模板 {template.name} 语法错误：{exc.message}{_snippet(exc)}。"
                          f"可运行 zhengai template check {template} 检查。") from exc
    except UndefinedError as exc:
        raise RenderError(f"模板 {template.name} 使用了报告数据中没有的变量：{exc.message}。"
                          f"运行 zhengai template check {template} 查看可用变量。") from exc
    except SecurityError as exc:
        raise RenderError(f"模板 {template.name} 试图访问不允许的内容：{exc}") from exc
    except TemplateError as exc:
        raise RenderError(f"模板 {template.name} 渲染失败：{exc}{_snippet(exc)}") from exc
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def docx_text(data: bytes | Path) -> str:
    """The text of a .docx, paragraph by paragraph with tables row by row (cells joined by " | ").

    Used by the snapshot tests and handy for diffing two versions of a report.
    """
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(data) if isinstance(data, bytes) else str(data))
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(block, document)
            if para.text.strip():
                lines.append(para.text)
            elif block.findall(".//{*}drawing"):
                lines.append("[图片]")
        elif tag == "tbl":
            for row in Table(block, document).rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines) + "\n"


__all__ = ["default_template", "docx_environment", "docx_text", "render_docx"]
