"""教师发展概况 (teacher level) and 学生发展自测 (student level) in the level annual reports."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import typer
import yaml
from pydantic import ValidationError
from typer.testing import CliRunner

from tests.word.conftest import COLLEGE, DECEMBER, MINI
from zhengai.cli import survey as survey_cli
from zhengai.load.repository import RepositoryError, load_repository
from zhengai.models.config import RepoConfig
from zhengai.render.batch import BatchResult
from zhengai.render.markdown import render_template
from zhengai.render.word.render import docx_text
from zhengai.reports.registry import build
from zhengai.reports.workspace import Workspace

TEACHERS = COLLEGE / "departments" / "znzz" / "teachers"
SURVEYS = COLLEGE / "surveys"


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return Workspace(load_repository([COLLEGE]), DECEMBER)


def _r(ws: Workspace, unit: str) -> dict:
    return build(ws, "annual", unit).context["r"]


def _docx(batch: BatchResult, unit: str) -> str:
    result = next(r for r in batch.results if r.key == f"2026/annual/{unit}")
    return docx_text(batch.index.parent / next(rel for rel in result.outputs if rel.endswith(".docx")))


# ------------------------------------------------------------------ teachers
def test_teacher_tiers_are_those_of_the_five_plans(ws: Workspace) -> None:
    plans = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(TEACHERS.glob("*.yaml"))]
    assert len(plans) == 5
    t = _r(ws, "teacher")["teachers"]
    assert t["teachers"] == 5
    counts = {x["tier"]: x["count"] for x in t["tiers"]}
    # by hand: T2025017 新教师; T2017021, T2019008 合格教师; T2012003 骨干教师; T2008002 专业带头人
    assert counts == {"新教师": 1, "合格教师": 2, "骨干教师": 1, "专业带头人": 1}
    assert counts == {tier: sum(p["tier"] == tier for p in plans) for tier in counts}
    goals = {x["tier"]: x["goal"] for x in t["tiers"]}
    assert goals == {tier: sum(p["tier_goal"] == tier for p in plans) for tier in goals}
    assert sum(p["teacher"]["double_qualified"] for p in plans) == t["double_qualified"]["count"] == 3
    assert t["double_qualified"]["share_text"] == "60.0%"
    assert t["self_assessed"]["count"] == 5 and t["self_assessed"]["missing"] == ""
    assert [d["name"] for d in t["dimensions"]] == ["师德修养", "教育教学", "教研科研", "社会实践"]
    assert all(d["scored"] == 5 for d in t["dimensions"])
    assert t["targets"]["done"] <= t["targets"]["due"]
    assert t["source"] == "departments/znzz/teachers/"


def test_teacher_section_is_in_both_templates(ws: Workspace, college_batch: BatchResult) -> None:
    data = build(ws, "annual", "teacher")
    md = render_template("annual-level.md.j2", data.context, None)
    text = _docx(college_batch, "teacher")
    for report in (md, text):
        assert "五、教师发展概况" in report and "六、预警与问题" in report and "附录一　计算方法说明" in report
        assert "学生发展自测" not in report
        assert "“双师型”教师 3 人，占 60.0%" in report
    assert re.search(r"^新教师 \| 1 \| 20\.0% \| 0$", text, re.M)
    assert re.search(r"^\| 合格教师 \| 2 \| 40\.0% \| 1 \|$", md, re.M)


# ------------------------------------------------------------------ students
def _cli_summary(tmp_path: Path, responses: Path) -> dict:
    app = typer.Typer()
    survey_cli.register(app)
    out = tmp_path / responses.stem
    result = CliRunner().invoke(app, ["survey", "score", "student-luzhou-5x25", str(responses), "-o", str(out),
                                      "--no-charts"])
    assert result.exit_code == 0, result.stderr
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def test_student_counts_are_what_survey_score_reports(ws: Workspace, tmp_path: Path) -> None:
    v = _r(ws, "student")["survey"]
    now = _cli_summary(tmp_path, SURVEYS / "2026-jd2401-student-self-test.csv")
    before = _cli_summary(tmp_path, SURVEYS / "2025-jd2301-student-self-test.xlsx")
    assert (v["respondents"], v["valid"], v["excluded"]) == (now["respondents"], now["valid"], now["excluded"])
    # by hand (surveys/README.md): 40 answers; rows 13/41 duplicate, 8 straight, 19 incomplete, 27 out of range
    assert (v["respondents"], v["valid"], v["excluded"]) == (40, 35, 5)
    assert {q["name"]: q["count"] for q in v["quality"]} == {"重复答卷人": 2, "同一答案": 1, "未答完": 1, "超出量表": 1}
    assert v["previous"] == {"year": 2025, "source": "surveys/2025-jd2301-student-self-test.xlsx",
                             "respondents": before["respondents"], "valid": before["valid"]}
    assert (before["respondents"], before["valid"]) == (38, 38)
    college = now["groups"][0]
    assert v["overall"]["mean"] == college["overall"]["mean"]
    assert [d["mean"] for d in v["dimensions"]] == [d["mean"] for d in college["dimensions"]]
    assert [d["line"] for d in v["dimensions"]] == [d["line"] for d in college["dimensions"]] == [60.0] * 5
    assert [d["below"] for d in v["dimensions"]] == [d["below"] for d in college["dimensions"]]
    old = before["groups"][0]
    assert v["overall"]["delta_text"] == f"{college['overall']['mean'] - old['overall']['mean']:+.2f}"
    assert [g["label"] for g in v["groups"]] == ["班级 机电2401", "专业 机电一体化技术"]


def test_student_section_is_in_both_templates(ws: Workspace, college_batch: BatchResult) -> None:
    data = build(ws, "annual", "student")
    md = render_template("annual-level.md.j2", data.context, None)
    text = _docx(college_batch, "student")
    for report in (md, text):
        assert "五、学生发展自测" in report and "六、预警与问题" in report
        assert "教师发展概况" not in report
        assert "收回答卷 40 份，有效 35 份" in report
        assert "与2025年（有效 38 份）相比" in report
        assert "学生发展自测数据取自2026年《" in report  # the answers' files are named in the working edition only
    audit = render_template("annual-level.audit.md.j2", data.context, None)
    assert "surveys/2026-jd2401-student-self-test.csv" in audit


# ------------------------------------------------------------------ omitted without data
def test_sections_are_omitted_without_data(ws: Workspace, college_batch: BatchResult) -> None:
    for unit in ("program", "course"):
        r = _r(ws, unit)
        assert r["teachers"] is None and r["survey"] is None
        text = _docx(college_batch, unit)
        assert "教师发展概况" not in text and "学生发展自测" not in text
        assert "五、预警与问题" in text and "附录一　计算方法说明" in text
    mini = Workspace(load_repository([MINI]), DECEMBER)
    for unit in ("teacher", "student"):
        r = build(mini, "annual", unit).context["r"]
        assert r["teachers"] is None and r["survey"] is None
        md = render_template("annual-level.md.j2", build(mini, "annual", unit).context, None)
        assert "教师发展概况" not in md and "学生发展自测" not in md and "## 五、预警与问题" in md
    # a year without a declared responses file
    assert _r(Workspace(load_repository([COLLEGE]), DECEMBER.replace(year=2024)), "student")["survey"] is None


def _copy(tmp_path: Path, surveys: str) -> Path:
    root = tmp_path / "college"
    shutil.copytree(COLLEGE, root)
    config = root / "zhengai.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[:text.index("surveys:")] + surveys, encoding="utf-8")
    return root


def test_no_comparison_without_a_previous_file_of_the_same_instrument(tmp_path: Path) -> None:
    root = _copy(tmp_path, "surveys:\n  - {year: 2025, instrument: student-changzhou-4x20, responses: x.csv}\n"
                           "  - {year: 2026, instrument: student-luzhou-5x25,"
                           " responses: surveys/2026-jd2401-student-self-test.csv}\n")
    v = _r(Workspace(load_repository([root]), DECEMBER), "student")["survey"]
    assert v["previous"] is None and v["groups"] == []
    assert (v["respondents"], v["valid"]) == (40, 35)
    assert v["overall"]["previous_text"] == "—" and v["overall"]["delta_text"] == "—"


def test_a_missing_responses_file_fails_the_student_report_only(tmp_path: Path) -> None:
    root = _copy(tmp_path, "surveys:\n  - {year: 2026, instrument: student-luzhou-5x25, responses: surveys/none.csv}\n")
    ws = Workspace(load_repository([root]), DECEMBER)
    with pytest.raises(RepositoryError, match="surveys（2026 年）无法计分"):
        build(ws, "annual", "student")
    assert build(ws, "annual", "teacher").context["r"]["teachers"]["teachers"] == 5


def test_config_surveys_allow_one_file_a_year() -> None:
    base = yaml.safe_load((COLLEGE / "zhengai.yaml").read_text(encoding="utf-8"))
    assert [(s.year, s.by) for s in RepoConfig.model_validate(base).surveys] == [(2025, []), (2026, ["class", "program"])]
    twice = {**base, "surveys": [*base["surveys"], {"year": 2026, "instrument": "x", "responses": "y.csv"}]}
    with pytest.raises(ValidationError, match="2026 年有多个回答文件"):
        RepoConfig.model_validate(twice)
    with pytest.raises(ValidationError):
        RepoConfig.model_validate({**base, "surveys": [{"year": 2026, "instrument": "x", "responses": "y.csv",
                                                         "by": ["grade"]}]})
