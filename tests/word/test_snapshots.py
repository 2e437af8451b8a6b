"""Text snapshots (docx → text, and the official Markdown) of one report of each kind of the example college, December 2026.

Regenerate after an intended change with ``ZHENGAI_UPDATE_GOLDEN=1 python -m pytest tests/word/test_snapshots.py``
and review the diff: it is the report a quality officer will read.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from zhengai.render.word.render import docx_text

GOLDEN = Path(__file__).parent / "golden"
CASES = {
    "diagnosis": "2026/diagnosis/jwc",
    "annual": "2026/annual/college",
    "annual-level": "2026/annual/program",
    "review": "2026/review/college",
    "mid-term": "2026/mid-term/college",
}


@pytest.mark.parametrize("name", list(CASES))
def test_text_snapshot(name: str, college_batch) -> None:
    result = next(r for r in college_batch.results if r.key == CASES[name])
    docx = next(rel for rel in result.outputs if rel.endswith(".docx"))
    text = docx_text(college_batch.index.parent / docx)
    golden = GOLDEN / f"{name}.txt"
    if os.environ.get("ZHENGAI_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["diagnosis", "annual"])
def test_markdown_snapshot(name: str, college_batch) -> None:
    # the official Markdown mirror of the college's annual report and of one department's report
    result = next(r for r in college_batch.results if r.key == CASES[name])
    md = next(rel for rel in result.outputs if rel.endswith(".md") and not rel.endswith(".底稿.md"))
    text = (college_batch.index.parent / md).read_text(encoding="utf-8")
    golden = GOLDEN / f"{name}.md"
    if os.environ.get("ZHENGAI_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
