"""Every finding is graded by its rule, and ``rules`` settings in zhengai.yaml are checked.

The severity, hint and SMART letter that ``zhengai explain`` prints and the README's rule
table documents are the ones ``zhengai check`` emits, for every code in the registry
(ZG314 used to be documented as a warning and emitted as an error).  Codes in
``rules.disable`` / ``rules.severity`` are case-insensitive; unknown ones are ZG207.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import CONFIG
from tests.survey.test_teachers import PLAN as TEACHER_PLAN
from tests.test_integrity_rules import CASES as INTEGRITY_CASES
from tests.test_smart_rules import CASES as SMART_CASES
from tests.test_yamlsrc import HOSTILE
from tests.word.test_annual import TABLES_2026
from zhengai.check.checker import check_paths, graded
from zhengai.check.rules import RULES
from zhengai.check.rules.settings import suggest
from zhengai.cli import app
from zhengai.findings import Finding, Severity
from zhengai.load.repository import load_repository

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
TEACHER = "departments/jwc/teachers/T001.yaml"
SLOGAN_TASK = ("schema_version: 1\nkind: tasks\nyear: 2026\ntasks:\n"
               "  - {id: K1, title: 进一步加强内涵建设, class: C, owner: 教务处, deadline: 2026.7}\n")


def _teacher(old: str, new: str) -> dict[str, str]:
    assert old in TEACHER_PLAN
    return {TEACHER: TEACHER_PLAN.replace(old, new)}


# Inputs that trigger codes the other case tables do not: code → files (path → text).
OWN_TRIGGERS: dict[str, list[dict[str, Any]]] = {
    "ZG207": [{"zhengai.yaml": CONFIG + "rules:\n  disable: [ZG9999]\n"}],
    "ZG461": [_teacher("period: {start: 2026, end: 2028}", "period: {start: 2026, end: 2030}")],
    "ZG462": [_teacher("tier_goal: 骨干教师", "tier_goal: 新教师")],
    "ZG463": [_teacher("tier: 合格教师\ntier_goal: 骨干教师", "tier: 新教师\ntier_goal: 专业带头人")],
    "ZG464": [_teacher("deadline: 2026.6", "deadline: 长期")],
    "ZG465": [_teacher("dimension: 社会实践", "dimension: 实践")],
    "ZG466": [{TEACHER: TEACHER_PLAN}],
    "ZG467": [_teacher("statement: 2026年担任机电2401班学业导师，全年开展谈心谈话不少于40人次", "statement: 进一步加强师德修养")],
    "ZG468": [_teacher("statement: 2026年担任机电2401班学业导师，全年开展谈心谈话不少于40人次", "statement: 进一步加强师德修养")],
    "ZG469": [_teacher("answers: {T01: 5", "answers: {T01: 6")],
    **{code: [{"annual/annual-2026.yaml": TABLES_2026}] for code in ("ZG701", "ZG702", "ZG703", "ZG704", "ZG705")},
}


def _triggers() -> dict[str, list[dict[str, Any]]]:
    """Code → candidate repositories (extra files) that should produce it."""
    found: dict[str, list[dict[str, Any]]] = {code: list(files) for code, files in OWN_TRIGGERS.items()}
    for _, code, files, expected in INTEGRITY_CASES:
        if expected:
            found.setdefault(code, []).append(files)
    for case in SMART_CASES:
        if not hasattr(case, "values") and case[3]:  # xfail params state wishes, not behaviour
            found.setdefault(case[1], []).append(case[2])
    for _, content, code, _ in HOSTILE:
        found.setdefault(code, []).append({"plans/special/x.yaml": content})
    return found


TRIGGERS = _triggers()


def _emitted(code: str, root: Path) -> list[Finding]:
    """The findings of ``code`` for a repository: straight from the rule's check when it
    has one (so a call site choosing its own grading is caught), else as check reports."""
    check = RULES[code].check
    if check is not None:
        return [f for f in check(load_repository([root])) if f.code == code]
    report, _ = check_paths([root])
    return [f for f in report.findings if f.code == code]


def _special_trigger(code: str, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Write a file that only a special situation produces (unreadable, oversized)."""
    path = root / "plans/special/x.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    if code == "ZG108":
        with path.open("wb") as out:  # sparse: only the size is looked at
            out.truncate(8 * 1024 * 1024 + 1)
    elif code == "ZG101":  # a named pipe: never opened, reported as unreadable
        os.mkfifo(path)


@pytest.mark.parametrize("code", list(RULES))
def test_every_code_is_emitted_with_its_rules_grading(write_repo, monkeypatch: pytest.MonkeyPatch,
                                                     code: str) -> None:
    rule = RULES[code]
    found: list[Finding] = []
    if code in ("ZG101", "ZG108"):
        root = write_repo()
        _special_trigger(code, root, monkeypatch)
        found = _emitted(code, root)
    for files in TRIGGERS.get(code, []):
        if found:
            break
        found = _emitted(code, write_repo(files))
    assert found, f"no input in the case tables produces {code}: add one to OWN_TRIGGERS"
    for finding in found:
        assert finding.severity is rule.severity, (code, finding.message)
        assert finding.hint == rule.hint, (code, finding.message)
        assert finding.smart == rule.smart, code


def test_zg314_is_a_warning_so_check_passes(write_repo) -> None:
    (files,) = [c[2] for c in INTEGRITY_CASES if c[0] == "ZG314-fail"]
    result = CliRunner().invoke(app, ["check", str(write_repo(files))])
    assert "警告 ZG314" in result.output
    assert result.exit_code == 0, result.output


def test_specific_detail_goes_into_the_message_not_the_hint(write_repo) -> None:
    root = write_repo({"plans/special/x.yaml": "schema_version: 1\nkind: plan\nid: P-X\ntitle: 测试\n"
                       "type: special\nownr: 教务处\n"})
    report, _ = check_paths([root])
    (typo,) = [f for f in report.findings if f.code == "ZG203"]
    assert typo.message == "未知字段“ownr”，是否想写“owner”？" and typo.hint == RULES["ZG203"].hint
    config = CONFIG.replace("system: generation", "system: teaching")
    report, _ = check_paths([write_repo(config=config)])
    (level,) = [f for f in report.findings if f.code == "ZG309"]
    assert "可用：" in level.message and level.hint == RULES["ZG309"].hint


def test_grading_replaces_what_the_emitter_chose() -> None:
    loose = Finding("ZG102", Severity.INFO, "YAML 语法错误", "别的提示", "a.yaml", 1, 1)
    (stamped,) = graded([loose])
    assert (stamped.severity, stamped.hint, stamped.message) == (Severity.ERROR, RULES["ZG102"].hint, "YAML 语法错误")


def _readme_rows() -> dict[str, tuple[str, str]]:
    rows = {}
    for line in README.splitlines():
        m = re.match(r"\| (ZG\d{3}) \| (\S+) \| (\S?) *\|", line)
        if m:
            rows[m.group(1)] = (m.group(2), m.group(3))
    return rows


def test_readme_rule_table_agrees_with_the_registry() -> None:
    rows = _readme_rows()
    assert set(rows) == set(RULES)
    for code, rule in RULES.items():
        assert rows[code] == (rule.severity.label, rule.smart or ""), code


# ------------------------------------------------------------------ rules settings
SETTINGS = CONFIG + "rules:\n  disable: [ZG9999, zg412]\n  severity:\n    ZG8888: warning\n    zg304: warning\n"


def test_unknown_codes_are_located_and_known_codes_are_case_insensitive(write_repo) -> None:
    task = SLOGAN_TASK.replace("owner: 教务处", "owner: 网络中心")
    report, _ = check_paths([write_repo({"departments/jwc/t.yaml": task}, config=SETTINGS)])
    unknown = [(f.file, f.line, f.col, f.pointer) for f in report.sorted() if f.code == "ZG207"]
    assert unknown == [("zhengai.yaml", 15, 13, "/rules/disable/0"), ("zhengai.yaml", 17, 5, "/rules/severity/ZG8888")]
    messages = [f.message for f in report.sorted() if f.code == "ZG207"]
    assert messages[0] == "rules.disable 中的规则编号“ZG9999”不存在，这一项不起作用。"
    assert "rules.severity" in messages[1] and "ZG8888" in messages[1]
    codes = {f.code: f.severity for f in report.findings}
    assert "ZG412" not in codes  # zg412 disables ZG412
    assert codes["ZG304"] is Severity.WARNING  # zg304 re-levels ZG304


def test_unknown_code_fails_check_with_exit_1(write_repo) -> None:
    root = write_repo(config=CONFIG + "rules:\n  disable: [ZG4122]\n")
    result = CliRunner().invoke(app, ["check", str(root)])
    assert result.exit_code == 1
    assert "zhengai.yaml:15:13: 错误 ZG207 rules.disable 中的规则编号“ZG4122”不存在，这一项不起作用。是否想写“ZG412”？" \
        in result.output


@pytest.mark.parametrize(("written", "meant"), [
    ("ZG4122", "ZG412"), ("zg41", "ZG411"), ("412", "ZG412"), ("ZG-412", "ZG412"), ("empty-slogan", "ZG412"),
    ("空泛口号", "ZG412"), ("ZG9999", None), ("ZG8888", None),
])
def test_did_you_mean(written: str, meant: str | None) -> None:
    assert suggest(written, RULES) == meant


def test_explain_knows_the_new_code() -> None:
    result = CliRunner().invoke(app, ["explain", "zg207"])
    assert result.exit_code == 0 and "ZG207 规则编号不存在" in result.output


def test_waiver_codes_are_case_insensitive_too(write_repo) -> None:
    waived = SLOGAN_TASK.replace("deadline: 2026.7}", "deadline: 2026.7, waive: [{code: zg412, reason: 示例}]}")
    report, _ = check_paths([write_repo({"departments/jwc/t.yaml": waived})])
    assert "ZG412" not in {f.code for f in report.findings}
    report, _ = check_paths([write_repo({"departments/jwc/t.yaml": SLOGAN_TASK})])
    assert "ZG412" in {f.code for f in report.findings}


def test_unknown_waiver_code_is_located(write_repo) -> None:
    waived = SLOGAN_TASK.replace("deadline: 2026.7}", "deadline: 2026.7, waive: [{code: ZG4l2, reason: 示例}]}")
    report, _ = check_paths([write_repo({"departments/jwc/t.yaml": waived})])
    found = [f for f in report.findings if f.code == "ZG207"]
    assert [(f.file, f.pointer) for f in found] == [("departments/jwc/t.yaml", "/tasks/0/waive/0/code")]
    assert found[0].message.startswith("waive 中的规则编号“ZG4l2”不存在") and found[0].line > 0
    assert "ZG412" in {f.code for f in report.findings}  # the misspelt waiver waives nothing
