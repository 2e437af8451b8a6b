"""Teacher plans: yearly self-diagnosis by hand, warnings, SMART rules, the team view, the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from zhengai.check.rules import people
from zhengai.cli import teacher
from zhengai.load.repository import load_repository
from zhengai.score.teachers import (
    diagnose_teacher,
    find_plan,
    people_findings,
    teacher_plans,
    team_view,
)

from ..conftest import WriteRepo

# Answers on the Guangxi teacher instrument (1–5):
#   师德修养 T01–T03 = 5 → 100; 教育教学 T05–T09 = 4 → 75; 教研科研 T04, T10–T12 = 3 → 50;
#   社会实践 T13 = 2, T14 = 2, T15 = 3, T16 = 1 → (25 + 25 + 50 + 0) / 4 = 25.   Overall 62.5.
PLAN = """\
schema_version: 1
kind: teacher_plan
id: TP-01
teacher: {id: T001, name: 王敏, title: 讲师, double_qualified: true}
period: {start: 2026, end: 2028}
tier: 合格教师
tier_goal: 骨干教师
targets:
  - id: TP01-26-1
    year: 2026
    dimension: 师德修养
    statement: 2026年担任机电2401班学业导师，全年开展谈心谈话不少于40人次
    status: {state: done, progress: 1}
  - id: TP01-26-2
    year: 2026
    dimension: 教育教学
    statement: 2026年6月底前完成《PLC应用技术》整体教学设计1套
    deadline: 2026.6
    status: {state: in_progress, progress: 0.5}
  - id: TP01-26-3
    year: 2026
    dimension: GX-D3
    statement: 2026年参加培训进修不少于72学时
    indicators: [{id: TP01-26-3-I1, name: 年度培训学时, unit: 学时, target: 72}]
    status: {state: done, progress: 1}
  - id: TP01-26-4
    year: 2026
    dimension: 社会实践
    statement: 2026年到合作企业实践不少于30天
    indicators: [{id: TP01-26-4-I1, name: 企业实践天数, unit: 天, target: 30}]
    status: {state: done, progress: 1}
self_assessments:
  - year: 2026
    answers: {T01: 5, T02: 5, T03: 5, T05: 4, T06: 4, T07: 4, T08: 4, T09: 4, T04: 3, T10: 3, T11: 3, T12: 3,
              T13: 2, T14: 2, T15: 3, T16: 1}
    values: {TP01-26-3-I1: 54}
"""

NEW = """\
schema_version: 1
kind: teacher_plan
id: TP-02
teacher: {id: T002}
period: {start: 2026, end: 2028}
tier: 新教师
tier_goal: 合格教师
targets:
  - {id: TP02-26-1, year: 2026, dimension: 教育教学, statement: 2026年11月底前完成说课1次, deadline: 2026年11月底}
"""


@pytest.fixture
def repo_root(write_repo: WriteRepo) -> Path:
    return write_repo({"departments/jwc/teachers/T001.yaml": PLAN, "departments/jwc/teachers/T002.yaml": NEW})


def test_self_diagnosis_by_hand(repo_root: Path) -> None:
    repo = load_repository([repo_root])
    located = find_plan(repo, "T001")
    d = diagnose_teacher(repo, located, dt.date(2027, 1, 10), 2026)
    assert d.department == "教务处" and d.teacher == "王敏（T001）"
    assert [(r["name"], r["score"], r["line"], r["attainment"], r["color"]) for r in d.dimensions] == [
        ("师德修养", 100.0, 70, 1.0, "green"),
        ("教育教学", 75.0, 70, 1.0, "green"),
        ("教研科研", 50.0, 70, round(50 / 70, 4), "red"),
        ("社会实践", 25.0, 70, round(25 / 70, 4), "red"),
    ]
    assert d.overall == pytest.approx(62.5)
    assert d.weak == ["教研科研", "社会实践"] and d.modules == ["培训进修", "企业实践", "双师培养"]
    assert [t["score"] for t in d.targets] == [1.0, 0.5, 0.75, 1.0]  # 54 / 72 = 0.75
    assert d.attainment.score == pytest.approx(0.8125)
    assert (d.completion.due, d.completion.done) == (4, 3)
    assert [(a.level, a.kind, a.subject.split()[0]) for a in d.alerts] == [
        ("red", "overdue", "TP01-26-2"),
        ("red", "below", "TP-01"),           # 教研科研
        ("red", "below", "TP-01"),           # 社会实践
        ("red", "below", "TP01-26-3-I1"),
        ("yellow", "missing", "TP01-26-4-I1"),
    ]
    assert d.radar["series"][1] == {"name": "合格教师标准线", "style": "standard", "values": [70.0] * 4}
    assert [f.code for f in d.findings] == ["ZG466"]  # 2027 and 2028 have no targets yet


def test_missing_self_assessment_is_a_yellow_warning(repo_root: Path) -> None:
    repo = load_repository([repo_root])
    d = diagnose_teacher(repo, find_plan(repo, "TP-02"), dt.date(2026, 12, 20))
    assert d.assessment is None and d.overall is None
    assert [(a.level, a.kind) for a in d.alerts] == [("red", "overdue"), ("yellow", "missing")]


def test_team_view(repo_root: Path) -> None:
    repo = load_repository([repo_root])
    view = team_view(repo, repo.department("jwc"), dt.date(2026, 12, 20))
    assert view["department"] == {"id": "jwc", "name": "教务处"} and view["teachers"] == 2
    assert view["tiers"] == {"新教师": 1, "合格教师": 1, "骨干教师": 0, "专业带头人": 0}
    assert view["tier_goals"] == {"新教师": 0, "合格教师": 1, "骨干教师": 1, "专业带头人": 0}
    assert view["double_qualified"] == {"count": 1, "share": 0.5}
    assert view["self_assessed"] == {"count": 1, "share": 0.5, "missing": ["T002"]}
    assert view["targets"] == {"due": 5, "done": 3, "overdue": 2, "rate": 0.6}
    assert [r["target"] for r in view["due"] if r["overdue"]] == ["TP01-26-2", "TP02-26-1"]
    assert [d["mean"] for d in view["dimensions"]] == [100.0, 75.0, 50.0, 25.0]
    assert team_view(repo, repo.department("zdc"), dt.date(2026, 12, 20))["teachers"] == 0
    assert team_view(repo, None, dt.date(2026, 12, 20))["teachers"] == 2


# ------------------------------------------------------------------- rules
@pytest.mark.parametrize(
    ("change", "codes"),
    [
        (("period: {start: 2026, end: 2028}", "period: {start: 2026, end: 2030}"), ["ZG461"]),
        (("tier_goal: 骨干教师", "tier_goal: 新教师"), ["ZG462"]),
        (("tier: 合格教师", "tier: 新教师\ntier_goal_note: x"), None),  # schema error, not a rule
        (("tier: 合格教师\ntier_goal: 骨干教师", "tier: 新教师\ntier_goal: 专业带头人"), ["ZG463"]),
        (("    year: 2026\n    dimension: 师德修养", "    year: 2031\n    dimension: 师德修养"), ["ZG464"]),
        (("deadline: 2026.6", "deadline: 长期"), ["ZG464"]),
        (("deadline: 2026.6", "deadline: 2029.6"), ["ZG464"]),
        (("dimension: 社会实践", "dimension: 实践"), ["ZG465"]),
        (("title: 讲师,", "title: 讲师, department: 后勤处,"), ["ZG465"]),
        (("tier_goal: 骨干教师\n", "tier_goal: 骨干教师\nstandard: STD-NONE\ninstrument: no-such\n"), ["ZG465"]),
        (("statement: 2026年到合作企业实践不少于30天", "statement: 进一步加强实践能力"), []),  # has an indicator
        (("statement: 2026年担任机电2401班学业导师，全年开展谈心谈话不少于40人次", "statement: 进一步加强师德修养"),
         ["ZG467", "ZG468"]),
        (("answers: {T01: 5", "answers: {T01: 6"), ["ZG469"]),
        (("answers: {T01: 5", "answers: {X99: 3, T01: 5"), ["ZG469"]),
        (("values: {TP01-26-3-I1: 54}", "values: {TP01-26-9-I1: 54}"), ["ZG469"]),
    ],
)
def test_teacher_plan_rules(write_repo: WriteRepo, change: tuple[str, str], codes: list[str] | None) -> None:
    assert change[0] in PLAN
    root = write_repo({"departments/jwc/teachers/T001.yaml": PLAN.replace(*change)})
    repo = load_repository([root])
    if codes is None:
        assert [f.code for f in repo.findings] == ["ZG203"]
        return
    found = sorted({f.code for f in people_findings(repo)} - {"ZG466"})
    assert found == codes


def test_coverage_rule_lists_the_gaps(repo_root: Path) -> None:
    repo = load_repository([repo_root])
    (finding,) = [f for f in people_findings(repo) if f.code == "ZG466" and f.file.endswith("T001.yaml")]
    assert finding.message.startswith("以下年度与维度没有目标：2027年师德修养、2027年教育教学")
    assert finding.smart == "R" and finding.line > 0


def test_rule_documentation_is_complete() -> None:
    assert [r.code for r in people.RULES] == [f"ZG46{i}" for i in range(1, 10)]
    for rule in people.RULES:
        assert rule.check is not None and rule.title and rule.rationale and rule.hint
        assert rule.check.__doc__ and rule.check.__doc__.startswith(rule.code)


def test_example_college_plans_are_clean() -> None:
    root = Path(__file__).resolve().parents[2] / "examples" / "college"
    repo = load_repository([root])
    plans = teacher_plans(repo)
    assert len(plans) == 5
    assert people_findings(repo) == []
    view = team_view(repo, repo.department("znzz"), dt.date(2026, 12, 20))
    assert view["teachers"] == 5 and view["double_qualified"]["count"] == 3
    assert view["tiers"] == {"新教师": 1, "合格教师": 2, "骨干教师": 1, "专业带头人": 1}


# --------------------------------------------------------------------- CLI
@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    teacher.register(app)
    return app


def test_cli_diagnose_and_team(app: typer.Typer, repo_root: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    plan = repo_root / "departments/jwc/teachers/T001.yaml"
    result = runner.invoke(app, ["teacher", "diagnose", str(plan), "--year", "2026", "--as-of", "2027-01-10"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# 王敏（T001） 2026 年度自测自诊报告")
    assert "| 社会实践 | 25.00 | 70 | 0.36 | 未达成 | — |" in result.stdout
    out = tmp_path / "d.json"
    result = runner.invoke(app, ["teacher", "diagnose", "T001", "--root", str(repo_root), "--as-of", "2027-01-10",
                                 "--year", "2026", "-f", "json", "-o", str(out)])
    assert result.exit_code == 0 and '"overall": 62.5' in out.read_text(encoding="utf-8")
    result = runner.invoke(app, ["teacher", "diagnose", "T001", "--root", str(repo_root), "-f", "json", "-o", str(out)])
    assert result.exit_code == 2 and "--force" in result.stderr
    result = runner.invoke(app, ["teacher", "team", str(repo_root / "departments/jwc"), "--as-of", "2026-12-20"])
    assert result.exit_code == 0 and result.stdout.startswith("## 教务处教师发展（2026 年）")
    assert "“双师型”教师 1 人，占 50.0%" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["diagnose", "T999"], "找不到教师发展规划“T999”"),
        (["diagnose", "T001", "--as-of", "2026/12/20"], "--as-of 应为 YYYY-MM-DD"),
        (["diagnose", "zhengai.yaml"], "不是有效的教师发展规划文件"),
        (["team", "nowhere"], "不是 zhengai.yaml 中任何部门的目录"),
    ],
)
def test_cli_errors_exit_2(app: typer.Typer, repo_root: Path, monkeypatch: pytest.MonkeyPatch,
                           args: list[str], message: str) -> None:
    monkeypatch.chdir(repo_root)
    result = CliRunner().invoke(app, ["teacher", *args])
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：") and message in result.stderr and "Traceback" not in result.stderr
