"""Bounded fuzzing of the loader: mutated example files give findings, never exceptions.

The example college's files are mutated (YAML indicators, control characters, huge
numbers, cut and doubled slices, flipped bytes) and read like any repository file.
Whatever comes out must be zhengai findings: a rule code, a Chinese message and a
position.  ``ZHENGAI_FUZZ_EXAMPLES=5000`` runs longer with fresh random examples; the
normal suite stays derandomised (repeatable) and within a few seconds.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengai.load.repository import read_source

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "college"
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.rglob("*.yaml"))]
PIECES = [
    "[", "]", "{", "}", ":", ": ", ",", "- ", "? ", " #", "&a ", "*a", "!", "!!str ", "!<x> ", "|", ">",
    "|0", "'", '"', "\\", "%YAML 1.1\n", "%TAG ! x\n", "@", "`", "\t", "\n", "\r", "  ", "---\n", "...\n",
    "\x07", "\x00", "\x1b", "\ufeff", "\x85", "\u2028", "\ufffe", "1e400", "-1e400", ".inf", ".nan", "nan",
    "null", "~", "[[[[[[[[[[", "{a: {a: {a: ", "教务处", "kind: ", "schema_version: 1\n", "\\u00",
]
EXAMPLE_COUNT = int(os.environ.get("ZHENGAI_FUZZ_EXAMPLES", "250"))
REPEATABLE = "ZHENGAI_FUZZ_EXAMPLES" not in os.environ
CODE = re.compile(r"ZG\d{3}")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# Three English words in a row outside the quoted user input: an untranslated message.
ENGLISH = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}")
QUOTED = re.compile(r"“[^”]*”|（解析器原文：[^）]*）|（系统提示：[^）]*）")


@st.composite
def mutated_text(draw: st.DrawFn) -> str:
    """An example file with a few insertions, deletions, doublings or a cut."""
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["insert", "insert", "delete", "double", "cut"]))
        if op == "insert":
            text = text[:at] + draw(st.sampled_from(PIECES)) * draw(st.integers(1, 3)) + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        elif op == "double":
            text = text[:at] + text[at : at + 200] + text[at:]
        else:
            text = text[:at]
    return text


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    """Mutated text as UTF-8, with a few bytes overwritten (broken encodings)."""
    raw = bytearray(draw(mutated_text()).encode("utf-8"))
    for _ in range(draw(st.integers(0, 3))):
        if raw:
            raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    return bytes(raw)


@pytest.fixture(scope="module")
def fuzz_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "x.yaml"


def _assert_only_findings(path: Path) -> None:
    _, findings = read_source(path, None)  # must not raise
    for finding in findings:
        assert CODE.fullmatch(finding.code), finding
        assert CHINESE.search(finding.message), finding
        assert not ENGLISH.search(QUOTED.sub("", finding.message)), finding
        assert "\n" not in finding.message, finding
        assert finding.line >= 1 and finding.col >= 1, finding


FUZZ = settings(max_examples=EXAMPLE_COUNT, deadline=None, database=None, derandomize=REPEATABLE,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(text=mutated_text())
def test_mutated_text_gives_only_findings(fuzz_file: Path, text: str) -> None:
    fuzz_file.write_text(text, encoding="utf-8", errors="surrogatepass")
    _assert_only_findings(fuzz_file)


@FUZZ
@given(raw=mutated_bytes())
def test_mutated_bytes_give_only_findings(fuzz_file: Path, raw: bytes) -> None:
    fuzz_file.write_bytes(raw)
    _assert_only_findings(fuzz_file)
