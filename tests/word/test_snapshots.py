"""Text snapshots (docx → text) of one report of each kind of the example college, December 2026.

Regenerate after an intended change with ``ZHENGAI_UPDATE_GOLDEN=1 python -m pytest tests/word``
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
