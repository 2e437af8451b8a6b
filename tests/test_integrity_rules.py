"""Case table for the cross-file integrity rules (ZG30x/ZG31x): a passing and a failing
repository for each rule, with the exact location of each expected finding."""

from __future__ import annotations

import pytest

from tests.conftest import CONFIG
from zhengai.check.checker import check_paths

SPECIAL = "schema_version: 1\nkind: plan\nid: P-ZY\ntitle: 专业建设规划\ntype: special\nparent: P-MASTER\n"
TASKS = "schema_version: 1\nkind: tasks\nyear: 2026\ntasks:\n"
STD = """\
schema_version: 1
kind: standard
id: STD-P
level: program
title: 专业标准
dimensions:
  - id: D1
    name: 规划
    standards:
      - id: S1
        name: 专业建设规划
        qc_points:
          - id: PRG-01
            name: 专业建设规划
            kind: qualitative
            element: 规划文本
          - id: PRG-02
            name: 就业率
            kind: quantitative
            unit: '%'
            direction: up
            baseline: 90
            target: 95
            source: '7.1'
"""

# (case id, rule code, extra files, expected findings of that code as (file, line))
CASES = [
    ("ZG301-pass", "ZG301", {"plans/special/zy.yaml": SPECIAL + "targets:\n  - {id: T-Z-01, level: program, "
                                                                "statement: 专业, parent: T-M-01}\n"}, []),
    ("ZG301-fail", "ZG301", {"plans/special/zy.yaml": SPECIAL + "targets:\n  - {id: T-M-01, level: program, "
                                                                "statement: 专业}\n"},
     [("plans/special/zy.yaml", 8)]),
    ("ZG301-task-vs-target", "ZG301", {"departments/jwc/t.yaml": TASKS + "  - {id: T-M-01, title: 任务, class: C}\n"},
     [("departments/jwc/t.yaml", 5)]),
    ("ZG302-pass", "ZG302", {"departments/jwc/t.yaml": TASKS + "  - {id: K1, title: 任务, class: A, parent: T-M-01}\n"},
     []),
    ("ZG302-target", "ZG302", {"plans/special/zy.yaml": SPECIAL + "targets:\n  - id: T-Z-01\n    level: program\n"
                                                                 "    statement: 专业\n    parent: T-M-99\n"},
     [("plans/special/zy.yaml", 11)]),
    ("ZG302-task", "ZG302", {"departments/jwc/t.yaml": TASKS + "  - {id: K1, title: 任务, class: A, parent: NOPE}\n"},
     [("departments/jwc/t.yaml", 5)]),
    ("ZG302-plan", "ZG302", {"plans/special/zy.yaml": SPECIAL.replace("P-MASTER", "P-NONE")},
     [("plans/special/zy.yaml", 6)]),
    ("ZG303-pass", "ZG303", {"plans/special/zy.yaml": SPECIAL + "targets:\n  - {id: A, level: school, statement: a, "
                                                                "parent: T-M-01}\n"}, []),
    ("ZG303-fail", "ZG303", {"plans/special/zy.yaml": SPECIAL + "targets:\n"
                             "  - {id: A, level: school, statement: a, parent: B}\n"
                             "  - {id: B, level: school, statement: b, parent: A}\n"},
     [("plans/special/zy.yaml", 8)]),
    ("ZG304-pass-alias-and-group", "ZG304", {"departments/jwc/t.yaml": TASKS + "  - {id: K1, title: 任务, class: C, "
                                                                              "owner: 教务科研处、各系（部）}\n"}, []),
    ("ZG304-fail", "ZG304", {"departments/jwc/t.yaml": TASKS + "  - id: K1\n    title: 任务\n    class: C\n"
                                                              "    owner: [教务处, 网络中心]\n"},
     [("departments/jwc/t.yaml", 8)]),
    ("ZG304-level-owner", "ZG304", {"departments/jwc/t.yaml": TASKS + "  - id: K1\n    title: 任务\n    class: C\n"
                                    "    levels:\n      - {content: 调研, owner: 后勤部}\n"},
     [("departments/jwc/t.yaml", 9)]),
    ("ZG305-pass", "ZG305", {"standards/p.yaml": STD, "departments/jwc/t.yaml": TASKS +
                             "  - {id: K1, title: 任务, class: C, qc_points: [PRG-01]}\n"}, []),
    ("ZG305-fail", "ZG305", {"standards/p.yaml": STD, "departments/jwc/t.yaml": TASKS +
                             "  - {id: K1, title: 任务, class: C, qc_points: [PRG-01, PRG-99]}\n"},
     [("departments/jwc/t.yaml", 5)]),
    ("ZG306-pass", "ZG306", {"standards/p.yaml": STD}, []),
    ("ZG306-fail-format", "ZG306", {"standards/p.yaml": STD.replace("source: '7.1'", "source: 就业系统")},
     [("standards/p.yaml", 24)]),
    ("ZG307-pass", "ZG307", {"departments/jwc/t.yaml": TASKS + "  - {id: K1, title: 任务, class: C, deadline: 2026.9}\n"},
     []),
    ("ZG307-recurring-pass", "ZG307", {"departments/jwc/t.yaml": TASKS + "  - {id: K1, title: 任务, class: C, "
                                                                        "deadline: 每年12月}\n"}, []),
    ("ZG307-fail", "ZG307", {"departments/jwc/t.yaml": TASKS + "  - {id: K1, title: 任务, class: C, deadline: 2032.6}\n"},
     [("departments/jwc/t.yaml", 5)]),
    # the cycle before the plan period (the previous plan's last year) is judged against its own year
    ("ZG307-previous-year-pass", "ZG307", {"departments/jwc/t.yaml": TASKS.replace("year: 2026", "year: 2025")
                                           + "  - {id: K1, title: 任务, class: C, deadline: 2025.6}\n"}, []),
    ("ZG307-previous-year-fail", "ZG307", {"departments/jwc/t.yaml": TASKS.replace("year: 2026", "year: 2025")
                                           + "  - {id: K1, title: 任务, class: C, deadline: 2024.6}\n"},
     [("departments/jwc/t.yaml", 5)]),
    ("ZG307-range-fail", "ZG307", {"plans/special/zy.yaml": SPECIAL + "targets:\n  - id: A\n    level: school\n"
                                   "    statement: a\n    parent: T-M-01\n    deadline: 2024~2027\n"},
     [("plans/special/zy.yaml", 12)]),
    ("ZG308-pass", "ZG308", {"plans/special/zy.yaml": SPECIAL + "targets:\n  - id: A\n    level: school\n"
                             "    statement: a\n    parent: T-M-01\n    indicators:\n"
                             "      - {name: 毕业生就业率, unit: 个百分点, target: 1}\n"}, []),
    ("ZG308-fail", "ZG308", {"plans/special/zy.yaml": SPECIAL + "targets:\n  - id: A\n    level: school\n"
                             "    statement: a\n    parent: T-M-01\n    indicators:\n"
                             "      - name: 毕业生就业率\n        unit: 人\n        target: 1000\n"},
     [("plans/special/zy.yaml", 14)]),
    ("ZG309-pass", "ZG309", {"standards/p.yaml": STD}, []),
    ("ZG309-fail", "ZG309", {"standards/p.yaml": STD.replace("level: program", "level: major")},
     [("standards/p.yaml", 4)]),
    ("ZG310-pass", "ZG310", {"standards/p.yaml": STD, "departments/jwc/o.yaml":
                             "schema_version: 1\nkind: observations\nobservations:\n"
                             "  - {ref: PRG-02, period: '2026', value: 93}\n  - {ref: IND-EMP, period: '2026', value: 93}\n"
                             "  - {ref: PRG-01, period: '2026', conformity: 符合}\n"}, []),
    ("ZG310-fail", "ZG310", {"standards/p.yaml": STD, "departments/jwc/o.yaml":
                             "schema_version: 1\nkind: observations\nobservations:\n"
                             "  - {ref: NOPE, period: '2026', value: 93}\n"
                             "  - {ref: PRG-01, period: '2026', value: 1}\n"},
     [("departments/jwc/o.yaml", 4), ("departments/jwc/o.yaml", 5)]),
    ("ZG311-pass", "ZG311", {"departments/jwc/p.yaml": """\
schema_version: 1
kind: oppm
id: OP-1
year: 2026
unit: jwc
leader: 张三
work_name: 教务处年度工作
date: 2026-03-10
objectives: [{id: O1, text: 就业率, target: T-M-01}]
tasks: [{no: '01', title: 专业建设, objectives: [O1]}]
"""}, []),
    ("ZG311-fail", "ZG311", {"departments/jwc/p.yaml": """\
schema_version: 1
kind: oppm
id: OP-1
year: 2026
unit: jwc
leader: 张三
work_name: 教务处年度工作
date: 2026-03-10
objectives: [{id: O1, text: 就业率, target: T-X}]
tasks: [{no: '01', title: 专业建设, objectives: [O2], task: K-X}]
"""}, [("departments/jwc/p.yaml", 9), ("departments/jwc/p.yaml", 10), ("departments/jwc/p.yaml", 10)]),
    ("ZG313-pass", "ZG313", {"plans/special/zy.yaml": SPECIAL + "targets:\n  - {id: A, level: school, statement: a, "
                                                                "parent: T-M-01}\n"}, []),
    ("ZG313-fail", "ZG313", {"plans/special/zy.yaml": SPECIAL + "targets:\n  - {id: A, level: school, statement: a, "
                             "parent: T-M-01}\n",
                             "departments/jwc/plan.yaml": "schema_version: 1\nkind: plan\nid: P-JWC\ntitle: 教务处\n"
                             "type: department\ntargets:\n  - {id: D1, level: school, statement: d, parent: A}\n",
                             "plans/special/b.yaml": "schema_version: 1\nkind: plan\nid: P-B\ntitle: 倒置\n"
                             "type: special\ntargets:\n  - id: B\n    level: school\n    statement: b\n"
                             "    parent: D1\n"},
     [("plans/special/b.yaml", 10)]),
    ("ZG314-pass", "ZG314", {"standards/p.yaml": STD, "departments/jwc/o.yaml":
                             "schema_version: 1\nkind: observations\nobservations:\n"
                             "  - {ref: PRG-01, period: '2026', conformity: 未评}\n"}, []),
    ("ZG314-fail", "ZG314", {"standards/p.yaml": STD, "departments/jwc/o.yaml":
                             "schema_version: 1\nkind: observations\nobservations:\n"
                             "  - {ref: PRG-01, period: '2026', conformity: 大体符合}\n"},
     [("departments/jwc/o.yaml", 4)]),
]


_SURVEY = "surveys:\n  - {year: 2026, instrument: student-luzhou-5x25, responses: surveys/a.csv}\n"
CASES += [
    ("ZG315-pass", "ZG315", {"zhengai.yaml": CONFIG + _SURVEY, "surveys/a.csv": "学号,Q01\n1,5\n"}, []),
    ("ZG315-fail", "ZG315", {"zhengai.yaml": CONFIG + _SURVEY}, [("zhengai.yaml", 15)]),
]


_PROGRAMS = ("  - id: jdxy\n    name: 机电学院\n    system: generation\n    type: academic\n"
             "    programs:\n      - {id: '460301', name: 机电一体化技术, courses: [{id: 460301-C01, name: 液压与气动技术}]}\n")
_OBS = "schema_version: 1\nkind: observations\nobservations:\n"
_DUTIES = ("schema_version: 1\nkind: duties\nowner: [教务处]\ntitle: 教务处岗位说明书\nduties:\n"
           "  - id: D1\n    title: 负责全校教学运行管理\n    items:\n"
           "      - {id: W1, content: 编排全校课程表, office: 教学运行科, post: 教学运行科科长,\n"
           "         standard: 每学期开学前一周完成全部课程表编排并公布}\n")
_C_TASK = TASKS + "  - id: K1\n    title: 完成秋季学期课程表编排\n    class: C\n    work_items: [{ref}]\n"
_IMPROVEMENT = ("schema_version: 1\nkind: improvements\ncycle: 2025\nitems:\n"
                "  - {{id: IMP-1, problem: 问题, cause: 原因, measure: 措施, owner: 教务处, time_node: 2026.3,\n"
                "     adjusts: [{{ref: {ref}, value: 94, reason: 就业市场收缩, effective: 2026}}]}}\n")
_LINKED = TASKS + ("  - id: K1\n    title: 双师型教师比例达到60%\n    class: A\n    indicators:\n"
                   "      - {id: K1-I1, name: 双师型教师比例, unit: '%', target: 60, qc_point: PRG-02}\n")
CASES += [
    ("ZG316-pass", "ZG316", {"zhengai.yaml": CONFIG + _PROGRAMS, "standards/p.yaml": STD,
                             "departments/jdxy/o.yaml": _OBS + "  - {ref: PRG-02, unit: '460301', period: '2026', "
                             "value: 93}\n  - {ref: PRG-02, unit: 460301-C01, period: '2026', value: 91}\n"}, []),
    ("ZG316-fail", "ZG316", {"zhengai.yaml": CONFIG + _PROGRAMS, "standards/p.yaml": STD,
                             "departments/jdxy/o.yaml": _OBS + "  - {ref: PRG-02, unit: '460399', period: '2026', "
                             "value: 93}\n"},
     [("departments/jdxy/o.yaml", 4)]),
    ("ZG316-task", "ZG316", {"zhengai.yaml": CONFIG + _PROGRAMS,
                             "departments/jdxy/t.yaml": TASKS + "  - {id: K1, title: 任务, class: C, unit: '460399'}\n"},
     [("departments/jdxy/t.yaml", 5)]),
    # the indicator reads its QC point's series: one number, nothing to report
    ("ZG317-pass", "ZG317", {"standards/p.yaml": STD, "departments/jwc/t.yaml": _LINKED,
                             "departments/jwc/o.yaml": _OBS + "  - {ref: PRG-02, period: '2026', value: 58.9}\n"}, []),
    # the same series in two places with two numbers (58.9 and 60.2 for 2026)
    ("ZG317-fail", "ZG317", {"standards/p.yaml": STD, "departments/jwc/t.yaml": _LINKED,
                             "departments/jwc/o.yaml": _OBS + "  - {ref: PRG-02, period: '2026', value: 58.9}\n"
                             "  - {ref: K1-I1, period: '2026', value: 60.2}\n"},
     [("departments/jwc/o.yaml", 5)]),
    *[(f"{code}-pass", code, {"departments/jwc/duties.yaml": _DUTIES}, []) for code in ("ZG471", "ZG472", "ZG473",
                                                                                      "ZG475")],
    ("ZG471-fail", "ZG471", {"departments/jwc/duties.yaml": _DUTIES + "  - {id: D2, title: 负责教材管理}\n"},
     [("departments/jwc/duties.yaml", 11)]),
    ("ZG472-fail", "ZG472", {"departments/jwc/duties.yaml": _DUTIES.replace(" office: 教学运行科, post: 教学运行科科长,", "")},
     [("departments/jwc/duties.yaml", 9)]),
    ("ZG473-fail", "ZG473", {"departments/jwc/duties.yaml": _DUTIES.replace(
        "standard: 每学期开学前一周完成全部课程表编排并公布", "standard: 进一步加强排课管理")},
     [("departments/jwc/duties.yaml", 10)]),
    ("ZG474-pass", "ZG474", {"departments/jwc/duties.yaml": _DUTIES, "departments/jwc/t.yaml": _C_TASK.format(ref="W1")},
     []),
    ("ZG474-fail", "ZG474", {"departments/jwc/duties.yaml": _DUTIES, "departments/jwc/t.yaml": _C_TASK.format(ref="W9")},
     [("departments/jwc/t.yaml", 8)]),
    # one duty of two without work items: coverage 50%, and the missing post is 1 of 1 items
    ("ZG475-fail", "ZG475", {"departments/jwc/duties.yaml": _DUTIES + "  - {id: D2, title: 负责教材管理}\n"},
     [("departments/jwc/duties.yaml", 6)]),
    ("ZG318-pass", "ZG318", {"departments/jwc/i.yaml": _IMPROVEMENT.format(ref="IND-EMP")}, []),
    ("ZG318-fail", "ZG318", {"departments/jwc/i.yaml": _IMPROVEMENT.format(ref="就业率")}, [("departments/jwc/i.yaml", 6)]),
    # per unit: the same value for two programs is no conflict, different units are different series
    ("ZG317-units", "ZG317", {"zhengai.yaml": CONFIG + _PROGRAMS, "standards/p.yaml": STD,
                              "departments/jwc/t.yaml": _LINKED,
                              "departments/jwc/o.yaml": _OBS + "  - {ref: PRG-02, period: '2026', value: 58.9}\n"
                              "  - {ref: K1-I1, unit: '460301', period: '2026', value: 60.2}\n"}, []),
]


@pytest.mark.parametrize(("code", "files", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_case(write_repo, code: str, files: dict[str, str], expected: list[tuple[str, int]]) -> None:
    root = write_repo(files)
    report, _ = check_paths([root])
    got = [(f.file, f.line) for f in report.sorted() if f.code == code]
    assert got == expected, [(f.code, f.file, f.line, f.message) for f in report.sorted()]
    for finding in report.sorted():
        if finding.code == code:
            assert finding.message and finding.hint and finding.col >= 1


def test_every_integrity_rule_has_pass_and_fail_cases() -> None:
    from zhengai.check.rules import RULES

    checked = {c[1] for c in CASES}
    with_check = {code for code, rule in RULES.items() if rule.check and code.startswith("ZG3")}
    assert with_check <= checked
    for code in checked:
        outcomes = {bool(c[3]) for c in CASES if c[1] == code}
        assert outcomes == {True, False}, code


def test_disable_and_relevel_and_waive(write_repo) -> None:
    files = {"departments/jwc/t.yaml": TASKS + "  - {id: K1, title: 进程表备案, class: C, owner: 网络中心, deadline: 2026.7}\n"
             "  - id: K2\n    title: 进程表备案\n    class: C\n    owner: 网络中心\n    deadline: 2026.7\n"
             "    waive: [{code: ZG304, reason: 网络中心正在组建，下月加入部门清单}]\n"}
    root = write_repo(files)
    report, _ = check_paths([root])
    assert [(f.code, f.line) for f in report.sorted()] == [("ZG304", 5)]  # K2 is waived
    root = write_repo(files, config=CONFIG + "rules:\n  severity: {ZG304: warning}\n")
    report, _ = check_paths([root])
    assert [f.severity.value for f in report.sorted()] == ["warning"]
    root = write_repo(files, config=CONFIG + "rules:\n  disable: [ZG304]\n")
    report, _ = check_paths([root])
    assert report.sorted() == []


def test_survey_entries_must_name_existing_files(write_repo) -> None:
    config = CONFIG + ("surveys:\n  - {year: 2026, instrument: student-luzhou-5x25, responses: surveys/a.csv}\n"
                       "  - {year: 2025, instrument: no-such-instrument, responses: surveys/b.csv}\n")
    root = write_repo({"surveys/b.csv": "学号,Q01\n1,5\n"}, config=config)
    report, _ = check_paths([root])
    got = [(f.code, f.file, f.line, f.pointer) for f in report.sorted() if f.code == "ZG315"]
    assert got == [("ZG315", "zhengai.yaml", 15, "/surveys/0/responses"),
                   ("ZG315", "zhengai.yaml", 16, "/surveys/1/instrument")]

