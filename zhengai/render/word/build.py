"""Writing the default .docx report templates, reproducibly.

``scripts/build_templates.py`` calls :func:`build_all`; a test rebuilds the templates
and compares them with the committed ones byte for byte, so the .docx files under
``templates/`` are always what this code says.

Which templates exist comes from :mod:`zhengai.reports.registry`: the builders of a
report kind are in :mod:`zhengai.render.word.templates` under the name of the kind's
module (``zhengai.reports.midterm`` → ``zhengai.render.word.templates.midterm``).
The text of the templates follows the Markdown reports; their layout is
:mod:`zhengai.render.word.styles` through :class:`~zhengai.render.word.writer.Writer`.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from zhengai.render.word.writer import Col, Writer
from zhengai.reports.registry import TEMPLATES as TEMPLATE_KINDS


def _builders() -> dict[str, Callable[[], Writer]]:
    found: dict[str, Callable[[], Writer]] = {}
    # one builder per template; a kind reusing another's template (program → diagnosis) adds none
    for template in TEMPLATE_KINDS.values():
        module = import_module(f"zhengai.render.word.templates.{template.module.rpartition('.')[2]}")
        found[template.id] = module.TEMPLATES[template.id]  # a missing builder fails here
    return found


TEMPLATES: dict[str, Callable[[], Writer]] = _builders()
"""Template id → builder, in registry order; the file is ``templates/<id>.docx``."""


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
