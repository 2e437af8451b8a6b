"""Every program and course is a diagnosed unit (issue 11): scored on its own series, rolled up
per unit, and shown to the college as a distribution — never as one pooled number.

Every expected number is worked out by hand in the comments.
"""

from __future__ import annotations

import datetime as dt

import pytest

from zhengai.load.repository import load_repository
from zhengai.score.assessment import assess
from zhengai.score.diagnosis import Diagnoser
from zhengai.score.units import distribution, score_unit

CONFIG = """\
schema_version: 1
kind: config
institution: 测试职业技术学院
period: {start: 2026, end: 2030}
current_year: 2026
departments:
  - id: jwc
    name: 教务处
    system: generation
  - id: jdxy
    name: 机电学院
    system: generation
    type: academic
    programs:
      - id: "460301"
        name: 机电一体化技术
        courses: [{id: "460301-C01", name: 液压与气动技术}]
      - id: "460305"
        name: 工业机器人技术
      - id: "460306"
        name: 智能控制技术
"""

STANDARD = """\
schema_version: 1
kind: standard
id: STD-PROGRAM
level: program
title: 专业建设标准
dimensions:
  - id: PD1
    name: 人才培养
    standards:
      - id: PS1
        name: 证书与就业
        qc_points:
          - {id: PRG-CERT, name: 职业技能等级证书获取率, kind: quantitative, unit: '%', target: 80,
             source: '7.4', owner: 教务处}
          - {id: PRG-EMP, name: 毕业生就业率, kind: quantitative, unit: '%', target: 95,
             source: '9.2', owner: 教务处}
  - id: PD2
    name: 资源配置
    standards:
      - id: PS2
        name: 方案
        qc_points:
          - {id: PRG-PLAN, name: 人才培养方案, kind: qualitative, element: 方案经论证, owner: 教务处}
"""

OBSERVATIONS = """\
schema_version: 1
kind: observations
observations:
  # 460301: CERT 2026 = 72 → 72/80 = 0.9; EMP 95 → 1.0; PLAN 符合 → 1.0
  - {ref: PRG-CERT, unit: "460301", period: '2026', value: 72, date: 2026-11-30}
  - {ref: PRG-EMP, unit: "460301", period: '2026', value: 95, date: 2026-11-30}
  - {ref: PRG-PLAN, unit: "460301", period: '2026', conformity: 符合}
  # 460305: CERT 40 → 0.5; EMP 76 → 0.8; PLAN 基本符合 → 0.6
  - {ref: PRG-CERT, unit: "460305", period: '2026', value: 40, date: 2026-11-30}
  - {ref: PRG-EMP, unit: "460305", period: '2026', value: 76, date: 2026-11-30}
  - {ref: PRG-PLAN, unit: "460305", period: '2026', conformity: 基本符合}
  # 460305's 2025 value is its history (上年), not its 2026 score
  - {ref: PRG-CERT, unit: "460305", period: '2025', value: 80}
  # the college-wide series (no unit) is a different series: 88 → 1.0 (capped)
  - {ref: PRG-CERT, period: '2026', value: 88, date: 2026-11-30}
  # 460306 has nothing for 2026
"""

AS_OF = dt.date(2026, 12, 20)


@pytest.fixture
def repo(write_repo):
    root = write_repo({"standards/program.yaml": STANDARD, "departments/jdxy/observations-2026.yaml": OBSERVATIONS},
                      config=CONFIG, master=None)
    return load_repository([root])


def test_each_program_is_scored_on_its_own_series(repo) -> None:
    a = assess(repo, AS_OF)
    assert a.measure("PRG-CERT", "460301").score == pytest.approx(0.9)
    assert a.measure("PRG-CERT", "460305").score == pytest.approx(0.5)
    assert a.measure("PRG-CERT", "460305").last.value == 80
    assert a.measure("PRG-CERT").score == pytest.approx(1.0)  # the college-wide series
    assert a.measure("PRG-CERT", "460306").score is None


def test_per_unit_roll_up(repo) -> None:
    a = assess(repo, AS_OF)
    strong = score_unit(a, repo.units.get("460301"))
    # PD1 = mean(0.9, 1.0) = 0.95; PD2 = 1.0; standard = mean(0.95, 1.0) = 0.975 → 基本达成
    assert strong.score == pytest.approx(0.975) and strong.level.band.name == "基本达成"
    weak = score_unit(a, repo.units.get("工业机器人技术"))  # by name
    # PD1 = mean(0.5, 0.8) = 0.65; PD2 = 0.6; standard = 0.625 → 未达成
    assert weak.score == pytest.approx(0.625) and weak.level.band.name == "未达成"
    assert score_unit(a, repo.units.get("460306")).score is None


def test_the_college_sees_the_distribution(repo) -> None:
    dist = distribution(assess(repo, AS_OF), "program")
    assert dist.by_band == {"达成": 0, "基本达成": 1, "未达成": 1, "未评": 1}
    # mean over the scored units (0.975 + 0.625) / 2 = 0.8; spread 0.975 − 0.625 = 0.35
    assert dist.mean == pytest.approx(0.8) and dist.spread == pytest.approx(0.35)
    # weakest across programs: PRG-CERT mean(0.9, 0.5) = 0.7, short in both; PRG-PLAN mean(1.0, 0.6) = 0.8
    # short in one; PRG-EMP mean(1.0, 0.8) = 0.9, short in one
    assert [(w.id, round(w.mean, 4), w.short) for w in dist.weakest] == [
        ("PRG-CERT", 0.7, 2), ("PRG-PLAN", 0.8, 1), ("PRG-EMP", 0.9, 1)]
    assert distribution(assess(repo, AS_OF), "school") is None  # a college-wide level


def test_a_program_is_diagnosed_as_its_own_unit(repo) -> None:
    got = Diagnoser(repo, AS_OF).diagnose_unit(repo.units.get("460305"))
    assert got.subject == "工业机器人技术专业" and got.dept.id == "jdxy"
    assert [n.score for n in got.levels] == [pytest.approx(0.625)]
    # below-band warnings are the program's own: CERT 0.5 red, EMP 0.8 yellow, PLAN 0.6 red
    assert sorted((a.subject.split()[0], a.level) for a in got.alerts if a.kind == "below") == [
        ("PRG-CERT", "red"), ("PRG-EMP", "yellow"), ("PRG-PLAN", "red")]
    assert got.to_dict()["unit"] == {"kind": "program", "id": "460305", "name": "工业机器人技术"}


def test_units_index(repo) -> None:
    units = repo.units
    assert [u.id for u in units.of_kind("program")] == ["460301", "460305", "460306"]
    course = units.get("液压与气动技术")
    assert (course.kind, course.parent, course.department) == ("course", "460301", "jdxy")
    assert [u.id for u in units.within("jdxy")] == ["460301", "460301-C01", "460305", "460306"]
    assert units.get("没有这个专业") is None


def test_a_shared_qc_points_warning_names_every_owner(write_repo) -> None:
    shared = STANDARD.replace("source: '7.4', owner: 教务处}", "source: '7.4', owner: [教务处, 机电学院]}")
    root = write_repo({"standards/program.yaml": shared, "departments/jdxy/observations-2026.yaml": _OBS_LOW},
                      config=CONFIG, master=None)
    repo = load_repository([root])
    got = Diagnoser(repo, AS_OF).diagnose(repo.department("jwc"))
    # college-wide PRG-CERT 2026 = 60 → 60/80 = 0.75 → red; both owners are 责任单位
    (alert,) = [a for a in got.alerts if a.kind == "below"]
    assert (alert.subject.split()[0], alert.level, alert.unit) == ("PRG-CERT", "red", "教务处、机电学院")


_OBS_LOW = """\
schema_version: 1
kind: observations
observations:
  - {ref: PRG-CERT, period: '2026', value: 60, date: 2026-11-30}
"""


# ------------------------------------------------------------------------ CLI
def _cli(*args: str):
    from typer.testing import CliRunner

    from zhengai.cli import app

    return CliRunner().invoke(app, list(args))


@pytest.fixture
def root(write_repo):
    return write_repo({"standards/program.yaml": STANDARD, "departments/jdxy/observations-2026.yaml": OBSERVATIONS},
                      config=CONFIG, master=None)


def test_cli_diagnoses_a_program_by_code_or_name(root) -> None:
    import json

    got = _cli("diagnose", "460305", "--root", str(root), "--as-of", "2026-12-20", "-f", "json")
    assert got.exit_code == 0, got.output
    body = json.loads(got.stdout)
    assert body["unit"] == {"kind": "program", "id": "460305", "name": "工业机器人技术"}
    assert [lv["score"] for lv in body["scores"]["levels"]] == [0.625]
    md = _cli("diagnose", "工业机器人技术", "--root", str(root), "--as-of", "2026-12-20")
    assert md.exit_code == 0, md.output
    assert "工业机器人技术专业2026年度自我诊改报告" in md.stdout
    text = _cli("diagnose", "460301-C01", "--root", str(root), "--as-of", "2026-12-20", "-f", "text")
    assert text.exit_code == 0 and "液压与气动技术课程 自我诊断" in text.stdout


def test_cli_names_the_choices_for_an_unknown_unit(root) -> None:
    got = _cli("diagnose", "460399", "--root", str(root), "--as-of", "2026-12-20")
    assert got.exit_code == 2
    assert "既不是部门目录" in got.output and "机电一体化技术（460301）" in got.output and "Traceback" not in got.output


def test_cli_fail_on_counts_the_programs_own_warnings(root) -> None:
    # 460305 has two red warnings (PRG-CERT 0.5, PRG-PLAN 0.6); 460301 only a yellow one (PRG-CERT 0.9)
    assert _cli("diagnose", "460305", "--root", str(root), "--as-of", "2026-12-20", "--fail-on", "red").exit_code == 1
    assert _cli("diagnose", "460301", "--root", str(root), "--as-of", "2026-12-20", "--fail-on", "red").exit_code == 0


def test_the_level_report_reads_the_distribution_and_every_table_agrees(repo) -> None:
    from zhengai.reports.annual import annual_report
    from zhengai.reports.workspace import Workspace

    ws = Workspace(repo, AS_OF)
    data = annual_report(ws, "program")
    r = data.context["r"]
    # the 专业 level is the mean over the scored programs: (0.975 + 0.625) / 2 = 0.8, not the
    # college-wide series (PRG-CERT 88 → 1.0), and the standard's row says the same
    assert r["score"] == pytest.approx(0.8) and r["standards"][0]["score"] == pytest.approx(0.8)
    assert [(row["id"], row["band"]) for row in r["units"]["rows"]] == [
        ("460301", "基本达成"), ("460305", "未达成"), ("460306", "未评")]
    assert "3 个专业中基本达成 1 个、未达成 1 个、未评 1 个" in r["summary"][0]
    college = {row["id"]: row for row in annual_report(ws, "college").context["r"]["levels"]}
    assert college["program"]["score"] == pytest.approx(0.8)


STUDENT_STANDARD = """\
schema_version: 1
kind: standard
id: STD-STUDENT
level: student
title: 学生全面发展标准
dimensions:
  - id: SD1
    name: 学习能力
    standards:
      - id: SS1
        name: 学业
        qc_points:
          - {id: STU-PASS, name: 课程考核通过率, kind: quantitative, unit: '%', target: 95, source: '7.2', owner: 教务处}
"""

CLASS_CONFIG = CONFIG.replace('courses: [{id: "460301-C01", name: 液压与气动技术}]',
                              'courses: [{id: "460301-C01", name: 液压与气动技术}]\n'
                              '        classes: [{id: JD2401, name: 机电2401班}]')


def test_cli_diagnoses_a_class_and_a_teacher(write_repo) -> None:
    import json

    from tests.survey.test_teachers import PLAN

    root = write_repo({
        "standards/student.yaml": STUDENT_STANDARD,
        # 机电2401班: 2026 pass rate 90 → 90/95 = 0.947 → 基本达成
        "departments/jdxy/observations-2026.yaml": "schema_version: 1\nkind: observations\nobservations:\n"
        "  - {ref: STU-PASS, unit: JD2401, period: '2026', value: 90, date: 2026-11-30}\n",
        "departments/jdxy/teachers/T001.yaml": PLAN,
    }, config=CLASS_CONFIG, master=None)
    got = _cli("diagnose", "机电2401班", "--root", str(root), "--as-of", "2026-12-20", "-f", "json")
    assert got.exit_code == 0, got.output
    body = json.loads(got.stdout)
    assert body["unit"]["kind"] == "class" and body["scores"]["levels"][0]["score"] == pytest.approx(90 / 95, abs=1e-4)
    teacher = _cli("diagnose", "T001", "--root", str(root), "--as-of", "2026-12-20", "-f", "json")
    assert teacher.exit_code == 0, teacher.output
    assert json.loads(teacher.stdout)["unit"] == {"kind": "teacher", "id": "T001", "name": "王敏"}


def test_a_programs_report_says_what_its_score_averages(repo) -> None:
    from zhengai.reports.registry import build
    from zhengai.reports.workspace import Workspace

    r = build(Workspace(repo, AS_OF), "program", "460305").context["r"]
    # no targets of its own: the 62.5% is its standard's, and the summary says so
    assert "综合达成度 62.5%（未达成），为本专业对照的各项标准达成度的平均值。" in r["summary"]
    assert r["dept"]["type"] == "专业" and r["unit"]["department"] == "机电学院"
