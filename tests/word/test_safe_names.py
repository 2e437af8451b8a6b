"""File names made on Linux must open on Windows: no reserved names or characters, bounded bytes."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhengai.render.batch import MAX_NAME_BYTES, safe_name, unique_names

FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


@pytest.mark.parametrize(("name", "suffix", "expected"), [
    ("党政办公室-2026年度自我诊改报告", ".docx", "党政办公室-2026年度自我诊改报告.docx"),
    ("信息/工程:学院?", ".md", "信息／工程：学院？.md"),
    ('a<b>c"d|e*f\\g', "", "a＜b＞c＂d｜e＊f＼g"),
    ("CON", ".docx", "_CON.docx"),
    ("nul", "", "_nul"),
    ("com1.backup", "", "_com1.backup"),
    ("LPT9", ".md", "_LPT9.md"),
    ("CONSOLE", "", "CONSOLE"),
    ("报告. . ", ".md", "报告.md"),
    ("  ", ".md", "_.md"),
    ("tab\there\n", "", "tabhere"),
    ("报告\u202excod.exe", ".docx", "报告xcod.exe.docx"),  # a right-to-left override would show "exe.docx"
    ("\u200b教务处\u200d\ufeff\u2066报告\u2069", ".md", "教务处报告.md"),
    ("\u202e", ".md", "_.md"),
])
def test_safe_name_examples(name: str, suffix: str, expected: str) -> None:
    assert safe_name(name, suffix) == expected


def test_long_names_are_cut_on_a_character_boundary_and_stay_distinct() -> None:
    base = "江城职业技术学院" * 20
    a, b = safe_name(base + "甲", ".docx"), safe_name(base + "乙", ".docx")
    assert a != b
    for name in (a, b):
        assert len(name.encode("utf-8")) <= MAX_NAME_BYTES
        assert name.endswith(".docx") and "~" in name
        name.encode("utf-8").decode("utf-8")  # no broken multi-byte character


@given(st.text(min_size=0, max_size=200), st.sampled_from(["", ".docx", ".md"]))
def test_any_text_gives_a_windows_safe_name(name: str, suffix: str) -> None:
    out = safe_name(name, suffix)
    stem = out[: len(out) - len(suffix)] if suffix else out
    assert stem and not FORBIDDEN.search(out)
    assert not stem.endswith((".", " "))
    assert stem.split(".")[0].strip().upper() not in RESERVED
    assert len(out.encode("utf-8")) <= MAX_NAME_BYTES
    assert not any(unicodedata.category(ch) == "Cf" for ch in out)


def test_unique_names_fold_case_per_folder() -> None:
    names = unique_names([("a", "x", "Report"), ("b", "x", "report"), ("c", "y", "report"), ("d", "x", "Report")])
    assert names == {"a": "Report", "b": "report-2", "c": "report", "d": "Report-3"}


def test_survey_chart_names_use_the_same_safe_name() -> None:
    from zhengai.render.survey import group_chart_name

    assert group_chart_name("班级 机电\u202e2401") == "charts/班级-机电2401.png"
    assert group_chart_name("班级 CON") == "charts/班级-CON.png"
    assert group_chart_name("CON") == "charts/_CON.png"
