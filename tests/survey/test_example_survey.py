"""The example college's class of 40 responses: the documented data-quality cases and golden radar data."""

from __future__ import annotations

from pathlib import Path

from zhengai.load.instruments import load_instrument
from zhengai.survey.run import run_survey

SURVEYS = Path(__file__).resolve().parents[2] / "examples" / "college" / "surveys"


def test_example_class() -> None:
    result = run_survey(
        load_instrument("student-luzhou-5x25"), SURVEYS / "2026-jd2401-student-self-test.csv", ["program"],
        SURVEYS / "2025-jd2301-student-self-test.xlsx",
    )
    assert result.previous is not None
    assert (result.table.n, result.college.valid, result.previous.college.valid) == (40, 35, 38)
    # the four cases examples/college/surveys/README.md promises, by source row
    assert [(i.code, result.table.rows[i.row]) for i in result.quality.issues] == [
        ("straight", 8), ("duplicate", 13), ("incomplete", 19), ("out_of_range", 27), ("duplicate", 41),
    ]
    assert result.group_radar(result.college).to_dict() == {
        "title": "学生发展自测诊断雷达图（全院，有效 35 人）",
        "labels": ["学业发展", "职业发展", "个人发展", "团队发展", "社会能力发展"],
        "max": 100.0,
        "series": [
            {"name": "全院均值", "style": "fill", "values": [70.71, 73.29, 73.0, 74.0, 72.29]},
            {"name": "标准线", "style": "standard", "values": [60.0, 60.0, 60.0, 60.0, 60.0]},
            {"name": "上一年均值", "style": "previous", "values": [66.18, 68.55, 67.5, 66.71, 64.74]},
        ],
    }
    program = result.groups[1]
    assert (program.key, program.previous_valid) == ("机电一体化技术", 38)
