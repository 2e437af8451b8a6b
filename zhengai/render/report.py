"""One report's data into its files: the Word document (with native charts, or pictures) and the Markdown text.

:func:`render_report` is the one way a :class:`~zhengai.reports.workspace.ReportData`
becomes bytes, for ``zhengai diagnose`` and for every unit of the batch alike, so a
template renders the same whichever command made it.  Both formats read the same
plain context (``doc``, ``r``, ``bands``, ``fig``; Word also ``charts``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from zhengai.reports.registry import charts_for
from zhengai.reports.workspace import ReportData

FORMATS = ("docx", "md", "audit")
"""The formats a report can be rendered to: the official document (docx, md) and the working
edition (``audit``, the 工作底稿 Markdown with sources, ids, rule codes, formulas and 编写清单)."""

SUFFIXES = {"docx": "docx", "md": "md", "audit": "底稿.md"}
"""Format → what follows the report's stem in its file name (``…自我诊改报告.底稿.md``)."""


def template_names(template: str) -> dict[str, str]:
    """Format → the file name of a template id's default (and of a college's own in ``--template-dir``)."""
    return {"docx": f"{template}.docx", "md": f"{template}.md.j2", "audit": f"{template}.audit.md.j2"}


def output_name(stem: str, fmt: str) -> str:
    """The file name of a report in ``fmt``: ``stem.docx``, ``stem.md``, ``stem.底稿.md``."""
    return f"{stem}.{SUFFIXES[fmt]}"


def markdown_context(data: ReportData) -> dict[str, Any]:
    """What a Markdown template sees: the report's context, and ``d`` for the object it was built
    from (the Diagnosis) when there is one, so templates written before the plain context still work."""
    context = dict(data.context)
    if data.source is not None:
        context["d"] = data.source
    return context


def render_markdown(data: ReportData, template: Path | None = None) -> str:
    """The Markdown report through the bundled ``<template>.md.j2`` or the college's ``template``."""
    from zhengai.render.markdown import render_template

    return render_template(template_names(data.template)["md"], markdown_context(data), template)


def render_audit(data: ReportData, template: Path | None = None) -> str:
    """The working edition (工作底稿) through the college's ``template``, the bundled
    ``<template>.audit.md.j2``, or — for a kind without one — every table of ``r`` with its sources
    (:func:`zhengai.render.audit.generic_audit`)."""
    from zhengai.render.markdown import render_template
    from zhengai.resources import templates_dir

    name = template_names(data.template)["audit"]
    if template is None and not (templates_dir() / name).is_file():
        from zhengai.render.audit import generic_audit

        return generic_audit(data)
    return render_template(name, markdown_context(data), template)


def render_word(data: ReportData, template: Path | None = None, font: str | None = None,
                chart_images: bool = False) -> bytes:
    """The .docx report through the bundled ``<template>.docx`` or the college's ``template``.

    Its charts are native Word charts (drawn by Word or WPS in their own fonts, data
    editable; no CJK font needed here); with ``chart_images`` they are PNG pictures
    drawn by matplotlib in ``font`` (``--font``; None: the usual search), for colleges
    that want the pictures fixed.
    """
    from zhengai.render.word.render import default_template, open_template, render_docx

    if template is not None:
        open_template(template)  # a broken or hostile file fails before the charts are drawn
    images: dict[str, tuple[bytes, str]] = {}
    if chart_images and data.charts:
        from zhengai.render.charts import draw, find_cjk_font

        chosen = find_cjk_font(font)
        images = {c.name: (draw(c, chosen), c.kind) for c in data.charts}
    return render_docx(template or default_template(data.template), data.context, images,
                       charts_for(data.template), () if chart_images else data.charts)


def render_report(data: ReportData, formats: Iterable[str] = FORMATS,
                  templates: Mapping[str, Path | None] | None = None, font: str | None = None,
                  chart_images: bool = False) -> dict[str, bytes]:
    """Format → the bytes of the report in that format (``templates``: format → the college's
    own template, None or absent for the bundled one; ``chart_images``: the Word charts as
    PNG pictures in ``font`` rather than native charts).

    Raises :class:`~zhengai.render.markdown.RenderError` or (pictures only)
    :class:`~zhengai.render.charts.ChartError` with a Chinese message.
    """
    chosen = templates or {}
    out: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "docx":
            out["docx"] = render_word(data, chosen.get("docx"), font, chart_images)
        elif fmt == "md":
            out["md"] = render_markdown(data, chosen.get("md")).encode("utf-8")
        elif fmt == "audit":
            out["audit"] = render_audit(data, chosen.get("audit")).encode("utf-8")
        else:
            raise ValueError(f"unknown report format {fmt!r}")
    return out


__all__ = ["FORMATS", "SUFFIXES", "markdown_context", "output_name", "render_audit", "render_markdown", "render_report",
           "render_word", "template_names"]
