"""Data-quality cases: reported with their place, excluded from group statistics, never fixed."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from zhengai.models.people import Instrument
from zhengai.survey.quality import check_quality
from zhengai.survey.responses import read_responses
from zhengai.survey.run import score_responses

from .conftest import WriteCsv

CLEAN = [
    ["S01", "一班", 5, 2, 3, 1, 4, 4],
    ["S02", "一班", 4, 2, 4, 3, 3, 3],
    ["S03", "二班", 3, 3, 3, 2, 2, 2],
]


def issues(mini: Instrument, path: Path) -> list[tuple[str, str, str]]:
    table = read_responses(path, mini)
    return [(i.code, i.respondent, i.where) for i in check_quality(mini, table).issues]


def test_clean_rows_have_no_issue(mini: Instrument, write_csv: WriteCsv) -> None:
    assert issues(mini, write_csv(CLEAN)) == []


def test_incomplete(mini: Instrument, write_csv: WriteCsv) -> None:
    path = write_csv([*CLEAN, ["S04", "二班", 5, None, 4, "(跳过)", 3, 3]])
    table = read_responses(path, mini)
    quality = check_quality(mini, table)
    (issue,) = quality.issues
    assert (issue.code, issue.respondent, issue.where) == ("incomplete", "S04", "第 5 行")
    assert issue.detail == "6 题中未答 2 题：a2、a4"
    assert quality.excluded.tolist() == [False, False, False, True]


def test_min_answered_relaxes_incomplete(mini: Instrument, write_csv: WriteCsv) -> None:
    relaxed = mini.model_copy(update={"min_answered": 0.8})
    path = write_csv([*CLEAN, ["S04", "二班", 5, None, 4, 2, 3, 3]])  # 5 of 6 answered = 0.83
    assert check_quality(relaxed, read_responses(path, relaxed)).issues == []


def test_straight_lining(mini: Instrument, write_csv: WriteCsv) -> None:
    path = write_csv([*CLEAN, ["S04", "二班", 4, 4, 4, 4, 4, 4]])
    (issue,) = check_quality(mini, read_responses(path, mini)).issues
    assert (issue.code, issue.detail) == ("straight", "6 题全部答 4")


def test_out_of_range_values_are_reported_not_clipped(mini: Instrument, write_csv: WriteCsv) -> None:
    path = write_csv([*CLEAN, ["S04", "二班", 7, 3.5, "很好", 0, 3, 5]])  # b2 = 5 is off its 1–4 scale
    table = read_responses(path, mini)
    (issue,) = check_quality(mini, table).issues
    assert issue.code == "out_of_range"
    assert issue.detail == "不在量表 1–5 或选项中：a1=“7”、a2=“3.5”、a3=“很好”、a4=“0”、b2=“5”"
    assert issue.where == "第 5 行第 3 列"
    assert np.isnan(table.values[3, [0, 1, 2, 3, 5]]).all()  # kept out, never clipped to the scale
    assert table.values[3, 4] == 3


def test_duplicates_flag_every_row(mini: Instrument, write_csv: WriteCsv) -> None:
    path = write_csv([*CLEAN, ["S01", "二班", 4, 2, 4, 3, 3, 3]])
    found = issues(mini, path)
    assert found == [("duplicate", "S01", "第 2 行"), ("duplicate", "S01", "第 5 行")]


def test_blank_id(mini: Instrument, write_csv: WriteCsv) -> None:
    path = write_csv([*CLEAN, [None, "二班", 4, 2, 4, 3, 3, 3]])
    assert issues(mini, path) == [("no_id", "（第 5 行）", "第 5 行")]


def test_excluded_rows_stay_out_of_group_statistics(mini: Instrument, write_csv: WriteCsv) -> None:
    bad = [
        ["S04", "一班", 5, 5, 5, 5, 4, 4],      # not straight-lining: two different answers
        ["S05", "一班", 1, 1, 1, 1, 1, 1],      # straight-lining
        ["S06", "一班", 9, 2, 3, 1, 4, 4],      # out of range
        ["S01", "二班", 1, 5, 1, 1, 1, 1],      # duplicate of S01
    ]
    result = score_responses(mini, read_responses(write_csv([*CLEAN, *bad]), mini), ["class"])
    counts = result.quality.counts()
    assert counts == {"no_id": 0, "duplicate": 2, "out_of_range": 1, "incomplete": 0, "straight": 1}
    assert result.quality.included.tolist() == [False, True, True, True, False, False, False]
    college = result.college
    assert (college.total, college.valid, college.excluded) == (7, 3, 4)
    clean_overall = [result.scores.overall[i] for i in (1, 2, 3)]
    assert college.overall.mean == pytest.approx(sum(clean_overall) / 3)
    # individual scores are still there for the excluded rows
    assert not math.isnan(result.scores.overall[5])
    one = next(g for g in result.groups if g.key == "一班")
    assert (one.total, one.valid) == (5, 2)
