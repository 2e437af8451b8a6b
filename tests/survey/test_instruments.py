"""The shipped instruments follow the seeds; bad instrument files give located messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhengai.load.instruments import SurveyError, load_instrument, shipped_instruments

from .conftest import MINI


def test_three_instruments_are_shipped() -> None:
    assert set(shipped_instruments()) == {"student-luzhou-5x25", "student-changzhou-4x20", "teacher-guangxi-4x16"}


@pytest.mark.parametrize(
    ("ident", "dims", "elements", "scale"),
    [
        ("student-luzhou-5x25", ["学业发展", "职业发展", "个人发展", "团队发展", "社会能力发展"], 25, (1, 5)),
        ("student-changzhou-4x20", ["学业发展", "职业发展", "个人发展", "社会能力发展"], 20, (1, 4)),
        ("teacher-guangxi-4x16", ["师德修养", "教育教学", "教研科研", "社会实践"], 16, (1, 5)),
    ],
)
def test_shapes_follow_the_seeds(ident: str, dims: list[str], elements: int, scale: tuple[int, int]) -> None:
    inst = load_instrument(ident)
    assert [d.name for d in inst.dimensions] == dims
    assert sum(len(d.elements) for d in inst.dimensions) == elements
    assert (inst.scale.min, inst.scale.max) == scale
    assert all(d.modules for d in inst.dimensions)  # every weak dimension leads somewhere
    assert inst.notes and inst.source  # where the wording came from, and what was written by us


def test_student_instruments_offer_seven_second_classroom_modules() -> None:
    for ident in ("student-luzhou-5x25", "student-changzhou-4x20"):
        assert len(load_instrument(ident).modules) == 7


def test_teacher_instrument_uses_the_guangxi_qc_points() -> None:
    inst = load_instrument("teacher-guangxi-4x16")
    names = {e.name for d in inst.dimensions for e in d.elements}
    assert names == {
        "伦理素养", "教学态度", "与生相处", "信息素养", "知识功底", "课程教学", "教学设计", "激发动机", "资源整合",
        "项目研究", "信息化教学及工作能力", "培训学习", "企业实践", "参与专业发展", "提升管理能力", "教学拓展",
    }
    assert list(inst.tier_lines) == ["新教师", "合格教师", "骨干教师", "专业带头人"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("modules: [M2]", "modules: [M9]"), "引用了未定义的模块：M9"),
        (("id: b1,", "id: a1,"), "标识“a1”在问卷中重复"),
        (("min: 1\n  max: 5", "min: 5\n  max: 1"), "量表最高分 1 必须大于最低分 5"),
        (("reverse: true", "reverse: yes"), "只能写 true 或 false"),
    ],
)
def test_bad_instrument_files(tmp_path: Path, change: tuple[str, str], message: str) -> None:
    path = tmp_path / "bad.yaml"
    assert change[0] in MINI
    path.write_text(MINI.replace(*change), encoding="utf-8")
    with pytest.raises(SurveyError, match=message) as info:
        load_instrument(path)
    assert "bad.yaml:" in str(info.value)  # located: file:line:col


def test_unknown_instrument_names_the_shipped_ones() -> None:
    with pytest.raises(SurveyError, match="student-luzhou-5x25"):
        load_instrument("no-such-instrument")


def test_a_plan_file_is_not_an_instrument(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("schema_version: 1\nkind: plan\nid: P\ntitle: 规划\ntype: master\n", encoding="utf-8")
    with pytest.raises(SurveyError, match="不是问卷文件"):
        load_instrument(path)
