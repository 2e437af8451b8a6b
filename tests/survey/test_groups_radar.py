"""Group statistics and golden radar-chart data (the numbers behind the charts, not pixels)."""

from __future__ import annotations

import pytest

from zhengai.models.people import Instrument
from zhengai.survey.groups import compare
from zhengai.survey.responses import read_responses
from zhengai.survey.run import SurveyResult, score_responses

from .conftest import WriteCsv

# overall / A / B per row, by hand (see test_scoring):
#   S01 [5,2,3,1,4,4]  A = 46.875, B = 87.5
#   S02 [5,1,5,5,3,4]  A1 = (100+100)/2 = 100, A2 = 100 → A = 100; B1 = (50+100)/2 = 75
#   S03 [3,3,3,3,3,1]  A1 = (50+50)/2 = 50, A2 = 50 → A = 50; B1 = (50+0)/2 = 25
ROWS = [
    ["S01", "一班", 5, 2, 3, 1, 4, 4],
    ["S02", "一班", 5, 1, 5, 5, 3, 4],
    ["S03", "二班", 3, 3, 3, 3, 3, 1],
]


@pytest.fixture
def result(mini: Instrument, write_csv: WriteCsv) -> SurveyResult:
    return score_responses(mini, read_responses(write_csv(ROWS), mini), ["class"])


def test_group_means_shares_and_distribution(result: SurveyResult) -> None:
    college, one, two = result.groups
    assert [g.label for g in result.groups] == ["全院", "班级 一班", "班级 二班"]
    a, b = college.dimensions
    assert a.mean == pytest.approx((46.875 + 100 + 50) / 3)
    assert b.mean == pytest.approx((87.5 + 75 + 25) / 3)
    assert a.below == pytest.approx(2 / 3)  # 46.875 and 50 are below 60
    assert (a.min, a.max) == (46.875, 100)
    assert college.overall.mean == pytest.approx(((2 * 46.875 + 87.5) / 3 + (2 * 100 + 75) / 3 + (2 * 50 + 25) / 3) / 3)
    assert college.distribution == {"60分以下": 1, "60–69分": 1, "70–79分": 0, "80–89分": 0, "90分及以上": 1}
    assert two.weak == ["学业发展", "社会能力发展"] and two.modules == ["技能特长", "志愿公益"]
    assert one.weak == [] and two.dimensions[0].std is None  # one respondent: no spread


def test_golden_group_radar(result: SurveyResult) -> None:
    assert result.group_radar(result.groups[1]).to_dict() == {
        "title": "学生发展自测诊断雷达图（班级 一班，有效 2 人）",
        "labels": ["学业发展", "社会能力发展"],
        "max": 100.0,
        "series": [
            {"name": "一班均值", "style": "fill", "values": [73.44, 81.25]},
            {"name": "标准线", "style": "standard", "values": [60.0, 60.0]},
        ],
    }


def test_golden_respondent_radar(result: SurveyResult) -> None:
    assert result.respondent_radar(0).to_dict()["series"] == [
        {"name": "S01 本人得分", "style": "fill", "values": [46.88, 87.5]},
        {"name": "全院均值", "style": "line", "values": [65.62, 62.5]},
        {"name": "标准线", "style": "standard", "values": [60.0, 60.0]},
    ]


def test_previous_cohort_comparison(mini: Instrument, write_csv: WriteCsv, result: SurveyResult) -> None:
    old_rows = [["P01", "一班", 3, 3, 3, 3, 3, 1], ["P02", "三班", 3, 3, 3, 3, 3, 1]]
    old = score_responses(mini, read_responses(write_csv(old_rows, name="old.csv"), mini), ["class"])
    compare(result.groups, old.groups)
    college, one, two = result.groups
    assert college.dimensions[0].previous == pytest.approx(50.0)
    assert college.dimensions[0].delta == pytest.approx((46.875 + 100 + 50) / 3 - 50)
    assert one.previous_valid == 1 and two.previous_valid is None  # 二班 had no answers last year
    radar = result.group_radar(college).to_dict()
    assert radar["series"][-1] == {"name": "上一年均值", "style": "previous", "values": [50.0, 25.0]}


def test_respondent_record(result: SurveyResult) -> None:
    assert result.respondent(2) == {
        "row": 4, "id": "S03", "label": "S03", "groups": {"class": "二班"}, "included": True, "issues": [],
        "answered": 6, "overall": 41.67, "dimensions": {"学业发展": 50.0, "社会能力发展": 25.0},
        "elements": {"A1": 50.0, "A2": 50.0, "B1": 25.0}, "strengths": [],
        "weak": ["学业发展", "社会能力发展"], "modules": ["技能特长", "志愿公益"],
    }
