"""Rendering report data through Jinja templates (Markdown here; Word in later modules).

Templates run in a sandboxed environment with undefined variables as errors, so a
college's own template cannot reach into Python and a misspelt variable fails
loudly instead of printing nothing.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment

from zhengai import __version__
from zhengai.resources import templates_dir

CN_NUMBERS = "一二三四五六七八九十"


class RenderError(Exception):
    """A template could not be rendered; the message is Chinese and names the template."""


def pct(value: float | None, digits: int = 1) -> str:
    """0.8534 → ``85.3%``; None → ``—``."""
    return "—" if value is None else f"{value * 100:.{digits}f}%"


def score(value: float | None) -> str:
    """A score with two decimals, or ``—`` when missing."""
    return "—" if value is None else f"{value:.2f}"


def num(value: Any) -> str:
    """A number without a needless ``.0``; text as it is; None as ``—``."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def cell(value: Any) -> str:
    """Safe inside a Markdown table cell: no pipes, no line breaks."""
    return num(value).replace("|", "｜").replace("\r", "").replace("\n", "<br>")


def cn(index: int) -> str:
    """1 → 一 … 10 → 十 (heading numbers)."""
    return CN_NUMBERS[index - 1] if 1 <= index <= 10 else str(index)


@functools.lru_cache(maxsize=16)
def environment(folder: Path, *, autoescape: bool = False) -> SandboxedEnvironment:
    """A sandboxed Jinja environment over ``folder`` with zhengai's filters."""
    env = SandboxedEnvironment(
        loader=FileSystemLoader(str(folder)), undefined=StrictUndefined, autoescape=autoescape,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters.update(pct=pct, score=score, num=num, cell=cell, cn=cn)
    env.globals.update(zhengai_version=__version__)
    return env


def render_template(name: str, context: dict[str, Any], template: Path | None = None) -> str:
    """Render ``name`` from the default templates, or the college's ``template`` file."""
    folder, file = (template.parent, template.name) if template else (templates_dir(), name)
    if template is not None and not template.is_file():
        raise RenderError(f"模板文件不存在：{template}")
    env = environment(folder)
    try:
        return env.get_template(file).render(**context)
    except TemplateSyntaxError as exc:
        raise RenderError(f"模板语法错误：{exc.filename or file}:{exc.lineno}: {exc.message}") from exc
    except TemplateError as exc:
        raise RenderError(f"模板 {file} 渲染失败：{exc}（变量名拼错或不在报告数据中）") from exc


def report_context(diagnosis: Any) -> dict[str, Any]:
    """The names a diagnosis template sees."""
    return {"d": diagnosis}
