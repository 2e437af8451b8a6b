"""Report data: the shared diagnosis equals ``diagnose``; 年度增量; the national tables and their checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.word.conftest import COLLEGE, DECEMBER, MINI
from zhengai.check.rules.annual_tables import TABLE_RULES, table_checks
from zhengai.load.repository import RepositoryError, load_repository
from zhengai.reports.annual import annual_report
from zhengai.reports.midterm import midterm_report
from zhengai.reports.registry import build, units
from zhengai.reports.review import review_report
from zhengai.reports.workspace import Workspace
from zhengai.score.diagnosis import diagnose

JULY = dt.date(2026, 7, 15)


@pytest.mark.parametrize(("root", "day"), [(MINI, JULY), (COLLEGE, JULY), (COLLEGE, DECEMBER)],
                         ids=["mini-july", "college-july", "college-december"])
def test_shared_diagnosis_equals_diagnose(root: Path, day: dt.date) -> None:
    repo = load_repository([root])
    ws = Workspace(repo, day)
    for dept in repo.departments:
        shared, alone = ws.diagnosis(dept), diagnose(repo, dept, day)
        assert shared.to_dict() == alone.to_dict(), dept.id
        assert shared.findings == alone.findings and shared.alerts == alone.alerts


def test_units_per_kind() -> None:
    ws = Workspace(load_repository([COLLEGE]), DECEMBER)
    assert units(ws, "diagnosis") == [d.id for d in ws.repo.departments]
    assert units(ws, "annual") == ["college", "program", "course", "teacher", "student"]
    assert units(ws, "review") == units(ws, "mid-term") == ["college"]
    with pytest.raises(RepositoryError, match="没有层面"):
        annual_report(ws, "weekly")
    with pytest.raises(RepositoryError, match="未知的报告类型"):
        build(ws, "weekly", "college")


def test_college_annual_report_compares_with_last_year() -> None:
    ws = Workspace(load_repository([COLLEGE]), DECEMBER)
    data = annual_report(ws)
    r = data.context["r"]
    assert data.title == "江城职业技术学院2026年质量年度报告" and r["last_year"] == 2025
    assert [row["name"] for row in r["levels"]] == ["学校", "专业", "课程", "教师", "学生"]
    assert any(row["delta_text"] not in ("—",) for row in r["levels"])
    # the five national tables, this year against last year, with the delta in 百分点 for rates
    tables = {t["key"]: t for t in r["tables"]}
    assert list(tables) == ["scorecard", "resources", "international", "service", "policy"]
    rate = tables["scorecard"]["rows"][0]
    assert (rate["name"], rate["now_text"], rate["last_text"], rate["delta_text"]) == (
        "就业率", "94.6", "93.1", "+1.5 个百分点")
    graduates = next(x for x in tables["service"]["rows"] if x["name"] == "毕业生人数")
    assert (graduates["now_text"], graduates["delta_text"]) == ("3,120", "+140")
    assert tables["service"]["source"].startswith("annual/annual-2026.yaml:")
    other = tables["resources"]["rows"][-1]
    assert (other["name"], other["now_text"], other["last_text"]) == ("省级及以上精品在线开放课程", "9", "—")
    assert r["checks"] == []
    assert {c.name for c in data.charts} >= {"levels", "departments", "standards"}
    assert data.context["fig"]["levels"].startswith("图1")


def test_level_annual_report() -> None:
    ws = Workspace(load_repository([COLLEGE]), DECEMBER)
    data = annual_report(ws, "program")
    assert data.template == "annual-level"
    assert data.title == "江城职业技术学院2026年专业质量年度报告"
    r = data.context["r"]
    assert r["level"]["report_name"] == "专业质量年度报告"
    assert r["standards"] and r["standards"][0]["dimensions"]
    assert all(m["id"] for m in r["measures"])


def test_without_tables_every_table_says_not_filled() -> None:
    ws = Workspace(load_repository([MINI]), JULY)
    r = annual_report(ws).context["r"]
    assert [t["present"] for t in r["tables"]] == [False] * 5 and r["checks"] == []


TABLES_2026 = """\
schema_version: 1
kind: annual
year: 2026
scorecard:
  employment_rate: 97
  alumni_satisfaction: 120
service:
  enrolled: 1000
  graduates: 1200
  employed: 1250
  local: 1300
policy:
  staff_total: 420
  fulltime_teachers: 450
  funding_per_student: 10000
  special_funding_per_student: 12000
"""


def test_cross_table_checks_are_findings_with_locations(write_repo) -> None:
    root = write_repo({"annual/annual-2026.yaml": TABLES_2026})
    repo = load_repository([root])
    source = next(f for f in repo.files if f.kind == "annual")
    found = [(f.code, f.pointer) for f in table_checks(source)]
    assert found == [
        ("ZG701", "/service/employed"),                       # 1250 employed > 1200 graduates
        ("ZG701", "/service/graduates"),                      # 1200 graduates > 1000 enrolled
        ("ZG702", "/service/local"),                          # 1300 local > 1250 employed
        ("ZG703", "/scorecard/employment_rate"),              # 97 vs 1250 ÷ 1200 = 104.2
        ("ZG704", "/policy/fulltime_teachers"),               # 450 > 420
        ("ZG704", "/policy/special_funding_per_student"),     # 12000 > 10000
        ("ZG705", "/scorecard/alumni_satisfaction"),          # 120%
    ]
    first = table_checks(source)[0]
    assert first.file == "annual/annual-2026.yaml" and first.line == 10 and "1,250" in first.message
    ws = Workspace(repo, DECEMBER)
    checks = annual_report(ws).context["r"]["checks"]
    assert [c["code"] for c in checks] == [code for code, _ in found]
    # the same checks as rules, for `zhengai check` and `zhengai explain`
    assert set(TABLE_RULES) == {"ZG701", "ZG702", "ZG703", "ZG704", "ZG705"}
    # each rule reports its own code only, so `check` counts every problem once
    by_rule = [f.code for rule in TABLE_RULES.values() for f in rule.check(repo)]
    assert by_rule == [code for code, _ in found]
    assert all(rule.explain() for rule in TABLE_RULES.values())


def test_consistent_tables_pass(write_repo) -> None:
    root = write_repo({"annual/annual-2026.yaml": "schema_version: 1\nkind: annual\nyear: 2026\n"
                       "scorecard: {employment_rate: 94.2}\nservice: {enrolled: 3600, graduates: 1200, employed: 1130}\n"})
    repo = load_repository([root])
    assert not repo.findings
    assert table_checks(next(f for f in repo.files if f.kind == "annual")) == []


# The review's conclusions under the college's rule: tests/word/test_batch_integrity.py.


def test_review_walks_the_37_reference_points() -> None:
    ws = Workspace(load_repository([COLLEGE]), DECEMBER)
    r = review_report(ws).context["r"]
    assert len(r["reference"]) == 37 and len(r["ref_items"]) == 5
    assert any(p["measures"] for p in r["reference"])
    assert sum(r["counts"].values()) == len(ws.repo.departments)


def test_midterm_lists_behind_and_upcoming_tasks() -> None:
    ws = Workspace(load_repository([COLLEGE]), dt.date(2026, 6, 30))
    data = midterm_report(ws)
    r = data.context["r"]
    assert data.title == "江城职业技术学院2026年度诊改工作中期检查报告"
    assert r["upcoming"] and all("2026-07-01" <= u["due"] <= "2026-12-31" for u in r["upcoming"])
    assert r["completion"]["due"] >= r["completion"]["done"]


def test_fingerprint_follows_the_data() -> None:
    ws = Workspace(load_repository([MINI]), JULY)
    a = build(ws, "diagnosis", "jwc")
    b = build(Workspace(load_repository([MINI]), JULY), "diagnosis", "jwc")
    assert a.fingerprint() == b.fingerprint()
    c = build(Workspace(load_repository([MINI]), dt.date(2026, 7, 16)), "diagnosis", "jwc")
    assert c.fingerprint() != a.fingerprint()


def test_table_rule_codes_do_not_clash_with_other_rules() -> None:
    from zhengai.check.rules import RULES

    for code, rule in TABLE_RULES.items():
        assert code not in RULES or RULES[code] is rule, f"{code} is used by another rule"


def test_qc_point_sharing_a_target_id_is_left_out_of_every_report(tmp_path: Path) -> None:
    """Issue 15 item 17: ids need not be distinct across kinds for the reports to work."""
    import shutil

    repo_dir = tmp_path / "college"
    shutil.copytree(COLLEGE, repo_dir)
    course = repo_dir / "standards" / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8").replace('id: "CRS-01"', 'id: "M-01"', 1), encoding="utf-8")
    repo = load_repository([repo_dir])
    assert any(f.code == "ZG301" and "M-01" in f.message for f in repo.findings)
    ws = Workspace(repo, DECEMBER)
    for kind in ("annual", "review", "mid-term", "diagnosis"):
        for unit in units(ws, kind):
            data = build(ws, kind, unit)  # no KeyError
            assert data.title, (kind, unit)
    course_report = build(ws, "annual", "course")
    assert all(m["id"] != "M-01" for m in course_report.context["r"]["measures"])


def test_college_annual_markdown_golden(college_batch) -> None:
    """The Markdown edition of the college's report, word for word (regenerate with
    ``ZHENGAI_UPDATE_GOLDEN=1`` and read the diff: it is what the college publishes)."""
    import os

    result = next(r for r in college_batch.results if r.key == "2026/annual/college")
    md = next(rel for rel in result.outputs if rel.endswith(".md") and not rel.endswith(".底稿.md"))
    text = (college_batch.index.parent / md).read_text(encoding="utf-8")
    golden = Path(__file__).parent / "golden" / "annual.md"
    if os.environ.get("ZHENGAI_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    # the national parts in order, the authored ones as written, the 附件 after the 落款
    heads = [line for line in text.splitlines() if line.startswith("## ")]
    assert heads[:10] == ["## 一、学校概况", "## 二、学生发展", "## 三、教育教学改革", "## 四、服务贡献", "## 五、文化传承",
                          "## 六、国际合作", "## 七、产教融合", "## 八、发展保障", "## 九、面临挑战", "## 十、典型案例"]
    assert heads[10:] == ["## 附件", "## 附录一　计算方法说明", "## 附录二　数据来源说明"]
