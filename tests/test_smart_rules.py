"""Case table for the SMART rules (ZG41x–ZG45x, and ZG307 which carries the letter T).

Every case is ``(case id, rule code, extra files, expected findings of that code as
(file, line))``, run through ``check_paths`` on the minimal repository of ``conftest``
(departments jwc 教务处 / zdc 质量督导处, period 2026–2030, master target T-M-01).
Wherever a rule is about text, the text is real wording from the seed plans
(``/work/shared/seeds``): Guangxi's 表4 work standards, Shaoyang's 建设实施进程表,
Luzhou's 任务一览表, Shanghai's and Changzhou's target sentences.

Cases commented ``was a bug`` are seed wordings a rule once misjudged; they stay as
regression cases.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import CONFIG
from zhengai.check.checker import check_paths
from zhengai.check.rules import RULES
from zhengai.check.smarttext import artefacts, has_quantity, is_empty_slogan
from zhengai.models.config import DEFAULT_SLOGAN_WORDS

SMART_CODES = ("ZG307", "ZG411", "ZG412", "ZG413", "ZG421", "ZG422", "ZG431", "ZG432", "ZG433",
               "ZG441", "ZG442", "ZG443", "ZG451", "ZG452", "ZG454")

T_YAML = "departments/jwc/t.yaml"
ZY_YAML = "plans/special/zy.yaml"
STD_YAML = "standards/p.yaml"

# A tasks file: the first task is on line 5.
TASKS = "schema_version: 1\nkind: tasks\nyear: 2026\ntasks:\n"
# A special plan: the first target is on line 8.
SPECIAL = "schema_version: 1\nkind: plan\nid: P-ZY\ntitle: 专业建设规划\ntype: special\nparent: P-MASTER\ntargets:\n"
# A standard (Guangxi 表5 names): the first QC point is on line 13.
STD = """\
schema_version: 1
kind: standard
id: STD-P
level: program
title: 专业建设标准
dimensions:
  - id: D1
    name: 专业资源配置标准
    standards:
      - id: S1
        name: 专业师资队伍建设
        qc_points:
"""
# A one-page plan (Guangxi 表2–3): the first task is on line 10.
OPPM = """\
schema_version: 1
kind: oppm
id: OP-JWC-2026
year: 2026
unit: jwc
leader: 张三
work_name: 教务科研处2026年一页纸工作计划
date: 2026-03-10
tasks:
"""
IMPROVEMENTS = "schema_version: 1\nkind: improvements\ncycle: 2026\nitems:\n"  # first item on line 5

# Seed wordings used in several places.
FILING = "每年的 7 月 20 日前完成秋季学期教学进程表的备案"  # Guangxi 表4, work standard 1
ERROR_RATE = "教学进程表汇编的出错率为 0"  # Guangxi 表4, work standard 4
CAMPUS = "建设文明、平安、幸福校园"  # Shaoyang 建设实施进程表
SLOGAN = "进一步加强内涵建设，全面提升办学水平"
ONE_PAGE = "一页纸任务与目标匹配准确, 与负责人对应关系清晰, 进度标注规范, 差错率小于 5%"  # Guangxi 表1
MECHANISM = "建立以数据分析为依据的专业质量动态优化机制"  # Guangxi 表1
CULTURE = "建设环境文化"  # Shaoyang 建设实施进程表, evidence 质量文化景点、标语、文化墙等
RULES_CULTURE = "建设制度文化"  # Shaoyang 建设实施进程表, evidence 制度落地，按章办事的氛围
TWO_TIERS = "促使院系两级不断提高教育教学服务质量"  # Luzhou
COURSE_QUALITY = "不断改进课程建设质量"  # Luzhou
DOC_NUMBER = "深入贯彻《国务院关于加快发展现代职业教育的决定》（国发〔2014〕19号）"  # Shaoyang, Changzhou


def _flow(fields: dict[str, Any]) -> str:
    """A one-line flow mapping; values are JSON, which YAML reads as quoted text."""
    return "{" + ", ".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()) + "}"


def task(ident: str, title: str, cls: str = "C", owner: str | None = "教务处", **extra: Any) -> str:
    """One key task on one line."""
    fields: dict[str, Any] = {"id": ident, "title": title, "class": cls}
    if owner:
        fields["owner"] = owner
    fields.update(extra)
    return "  - " + _flow(fields) + "\n"


def target(ident: str, statement: str, parent: str | None = "T-M-01", owner: str | None = "教务处",
           **extra: Any) -> str:
    """One plan target on one line."""
    fields: dict[str, Any] = {"id": ident, "level": "program", "statement": statement}
    if owner:
        fields["owner"] = owner
    if parent:
        fields["parent"] = parent
    fields.update(extra)
    return "  - " + _flow(fields) + "\n"


def qc(ident: str, name: str, **extra: Any) -> str:
    """One QC point on one line, indented under STD's ``qc_points:``."""
    return "          - " + _flow({"id": ident, "name": name, **extra}) + "\n"


def tasks(*items: str) -> dict[str, str]:
    return {T_YAML: TASKS + "".join(items)}


def special(*items: str) -> dict[str, str]:
    return {ZY_YAML: SPECIAL + "".join(items)}


def _indicator_target(statement: str, indicator: str) -> dict[str, str]:
    """A special-plan target in block style; the indicator's fields start on line 15."""
    return {ZY_YAML: SPECIAL + f"""\
  - id: T-Z-01
    level: program
    statement: {statement}
    owner: 教务处
    parent: T-M-01
    deadline: 2026.12
    indicators:
{indicator}"""}


JUMP = """\
      - id: IND-KC
        name: 省级精品在线开放课程
        unit: 门
        baseline: 2
        target: 30
"""
JUMP_CONFIG = CONFIG + "rules:\n  jump_factor: 20\n"

# (case id, rule code, extra files, expected findings of that code as (file, line))
CASES: list[Any] = [
    # ------------------------------------------------------------------ S: ZG411 owner
    ("ZG411-pass-alias", "ZG411", tasks(task("K1", FILING, owner="教务科研处")), []),
    ("ZG411-pass-level-owner", "ZG411", tasks(task(
        "K1", "备案、汇编全校各专业教学进程表", owner=None,
        levels=[{"content": FILING, "owner": "教务处", "time_node": "每年7月20日前"}])), []),
    ("ZG411-pass-master", "ZG411", {}, []),
    ("ZG411-fail-task", "ZG411", tasks(task("K1", FILING), task("K2", ERROR_RATE, owner=None)), [(T_YAML, 6)]),
    ("ZG411-fail-target", "ZG411", special(target("T-Z-01", ERROR_RATE, owner=None)), [(ZY_YAML, 8)]),
    # ------------------------------------------------------------------ S: ZG412 empty slogan
    ("ZG412-pass-work-standard", "ZG412", tasks(task("K1", FILING)), []),
    ("ZG412-pass-slogan-with-number", "ZG412",
     tasks(task("K1", "进一步加强内涵建设，2026年12月前修订完成专业人才培养方案12个")), []),
    ("ZG412-pass-slogan-with-standard-text", "ZG412", tasks(task("K1", "进一步完善学生综合素质评价标准")), []),
    ("ZG412-pass-indicators", "ZG412", special(target(
        "T-Z-01", SLOGAN, indicators=[{"name": "毕业生就业率", "unit": "%", "baseline": "92", "target": "95"}])),
     []),
    ("ZG412-fail-task", "ZG412", tasks(task("K1", FILING), task("K2", SLOGAN)), [(T_YAML, 6)]),
    ("ZG412-fail-target-statement-line", "ZG412",
     {ZY_YAML: SPECIAL + f"  - id: T-Z-01\n    level: program\n    statement: {SLOGAN}\n    parent: T-M-01\n"},
     [(ZY_YAML, 10)]),
    ("ZG412-fail-seed-slogans", "ZG412",
     tasks(task("K1", "切实履行人才培养工作质量保证的主体责任"), task("K2", "不断提高人才培养质量"),
           task("K3", "进一步完善内部质量保证体系"), task("K4", "不断提高利益相关方对人才培养的满意度")),
     [(T_YAML, 5), (T_YAML, 6), (T_YAML, 7), (T_YAML, 8)]),
    ("ZG412-fail-two-tiers", "ZG412", tasks(task("K1", TWO_TIERS)), [(T_YAML, 5)]),  # was a bug: “两级”（院系两级）被当成带单位的数量（两 + 级），空泛口号因此漏报
    ("ZG412-fail-course-quality", "ZG412", tasks(task("K1", COURSE_QUALITY)), [(T_YAML, 5)]),  # was a bug: “课程”是层面而非成果，却被当成佐证材料词，空泛口号因此漏报
    # ------------------------------------------------------------------ S: ZG413 deliverable
    ("ZG413-pass-artefact", "ZG413", tasks(task("K1", FILING)), []),
    ("ZG413-pass-evidence", "ZG413", tasks(task("K1", CULTURE, evidence="质量文化景点、标语、文化墙等")), []),
    ("ZG413-pass-outcome", "ZG413", tasks(task("K1", "成立学院质量保证委员会", outcome="学院发文成立")), []),
    ("ZG413-pass-quantity", "ZG413", tasks(task("K1", ONE_PAGE)), []),
    ("ZG413-fail", "ZG413", tasks(task("K1", FILING), task("K2", CAMPUS), task("K3", MECHANISM)),
     [(T_YAML, 6), (T_YAML, 7)]),
    ("ZG413-fail-target", "ZG413", special(target("T-Z-01", CAMPUS)), [(ZY_YAML, 8)]),
    ("ZG413-fail-rules-culture", "ZG413", tasks(task("K1", RULES_CULTURE)), [(T_YAML, 5)]),  # was a bug: “制度文化”中的“制度”被当成可交付的制度文本
    # ------------------------------------------------------------------ M: ZG421 measurable
    ("ZG421-pass-filing", "ZG421", tasks(task("K1", FILING)), []),
    ("ZG421-pass-zero-error-rate", "ZG421", tasks(task("K1", ERROR_RATE)), []),
    ("ZG421-pass-percent", "ZG421", tasks(task("K1", ONE_PAGE)), []),
    ("ZG421-pass-evidence", "ZG421", tasks(task("K1", CULTURE, evidence=["质量文化景点", "标语", "文化墙"])), []),
    ("ZG421-pass-indicator", "ZG421",
     special(target("T-Z-01", CAMPUS, indicators=[{"name": "师生满意度", "unit": "%", "target": "90"}])), []),
    ("ZG421-fail", "ZG421", tasks(task("K1", FILING), task("K2", CAMPUS), task("K3", MECHANISM)),
     [(T_YAML, 6), (T_YAML, 7)]),
    ("ZG421-fail-indicator-without-value", "ZG421",
     special(target("T-Z-01", "不断提高服务质量和师生满意度", indicators=[{"name": "师生满意度", "unit": "%"}])),
     [(ZY_YAML, 8)]),
    ("ZG421-fail-rules-culture", "ZG421", tasks(task("K1", RULES_CULTURE)), [(T_YAML, 5)]),  # was a bug: “制度文化”中的“制度”被当成佐证材料，“建设制度文化”因此算作可度量
    ("ZG421-fail-two-tiers", "ZG421", tasks(task("K1", TWO_TIERS)), [(T_YAML, 5)]),  # was a bug: “两级”被当成带单位的数量，“促使院系两级不断提高……”因此算作可度量
    # ------------------------------------------------------------------ M: ZG422 QC baseline
    ("ZG422-pass", "ZG422", {STD_YAML: STD + qc("PRG-08", "双师素质教师比例", kind="quantitative", unit="%",
                                                 direction="up", baseline="55", target="60")
                             + qc("PRG-01", "专业建设规划", kind="qualitative", element="规划文本")}, []),
    ("ZG422-fail", "ZG422", {STD_YAML: STD + qc("PRG-08", "双师素质教师比例", kind="quantitative", unit="%",
                                                 direction="up", target="60")
                             + qc("PRG-05", "专业职业资格证书获取率", kind="quantitative", unit="%",
                                  baseline="80", target="85")
                             + qc("PRG-01", "专业建设规划", kind="qualitative", element="规划文本")},
     [(STD_YAML, 13), (STD_YAML, 14)]),
    # ------------------------------------------------------------------ A: ZG431 rate over 100
    ("ZG431-pass-98", "ZG431", _indicator_target(
        "毕业生就业率达到98%", "      - name: 毕业生就业率\n        unit: '%'\n        baseline: 92\n        target: 98\n"),
     []),
    ("ZG431-fail-105", "ZG431", _indicator_target(
        "毕业生就业率达到105%", "      - name: 毕业生就业率\n        unit: '%'\n        baseline: 92\n        target: 105\n"),
     [(ZY_YAML, 18)]),
    ("ZG431-fail-fullwidth-and-threshold", "ZG431", special(target(
        "T-Z-01", "推广覆盖率达 100%", indicators=[{"name": "一页纸计划覆盖率", "unit": "％", "target": "105"}]),
        target("T-Z-02", "推广覆盖率达 100%", indicators=[{"name": "一页纸计划覆盖率", "unit": "%", "threshold": "101"}])),
     [(ZY_YAML, 8), (ZY_YAML, 9)]),
    ("ZG431-pass-count-and-points", "ZG431", special(target(
        "T-Z-01", "新增省级精品在线开放课程", indicators=[{"name": "在线开放课程", "unit": "门", "target": "120"},
                                                       {"name": "就业率增幅", "unit": "个百分点", "target": "3"}])),
     []),
    ("ZG431-qc-point", "ZG431", {STD_YAML: STD + qc("PRG-08", "双师素质教师比例", kind="quantitative", unit="%",
                                                     direction="up", baseline="55", target="105")
                                 + qc("PRG-09", "兼职教师任课比例", kind="quantitative", unit="%",
                                      direction="up", baseline="20", target="98")},
     [(STD_YAML, 13)]),
    ("ZG431-qc-point-pass", "ZG431", {STD_YAML: STD + qc("PRG-08", "双师素质教师比例", kind="quantitative",
                                                          unit="%", direction="up", baseline="55", target="98")}, []),
    # ------------------------------------------------------------------ A: ZG432 implausible jump
    ("ZG432-fail-default-factor", "ZG432", _indicator_target("新增省级精品在线开放课程28门", JUMP), [(ZY_YAML, 19)]),
    ("ZG432-pass-jump-factor-20", "ZG432",
     {**_indicator_target("新增省级精品在线开放课程28门", JUMP), "zhengai.yaml": JUMP_CONFIG}, []),
    ("ZG432-pass-history", "ZG432", {**_indicator_target("新增省级精品在线开放课程28门", JUMP),
                                     "departments/jwc/o.yaml": "schema_version: 1\nkind: observations\n"
                                     "observations:\n  - {ref: IND-KC, period: '2026', value: 12}\n"}, []),
    ("ZG432-pass-double", "ZG432", _indicator_target(
        "省级精品在线开放课程达到20门", "      - {name: 省级精品在线开放课程, unit: 门, baseline: 10, target: 20}\n"), []),
    ("ZG432-pass-from-zero", "ZG432", _indicator_target(
        "新建省级精品在线开放课程3门", "      - {name: 省级精品在线开放课程, unit: 门, baseline: 0, target: 3}\n"), []),
    ("ZG432-fail-down", "ZG432", _indicator_target(
        "意外事故次数不断降低", "      - {name: 意外事故, unit: 次, direction: down, baseline: 12, target: 2}\n"),
     [(ZY_YAML, 15)]),
    ("ZG432-pass-down", "ZG432", _indicator_target(
        "意外事故次数不断降低", "      - {name: 意外事故, unit: 次, direction: down, baseline: 12, target: 6}\n"), []),
    ("ZG432-pass-zero-error-rate", "ZG432", _indicator_target(
        ERROR_RATE, "      - {name: 教学进程表汇编出错率, unit: '%', direction: down, baseline: 2, target: 0}\n"), []),  # was a bug: 零差错目标（出错率为 0，表4 的工作标准）对任何正基线都被判为跳跃过大
    # ------------------------------------------------------------------ A: ZG433 resources
    ("ZG433-fail-A-without-resources", "ZG433",
     tasks(task("K1", "编制学院年度教学质量诊改报告", cls="A", parent="T-M-01")), [(T_YAML, 5)]),
    ("ZG433-fail-B-note-only", "ZG433",
     tasks(task("K1", "实施一页纸项目管理", cls="B", resources={"note": "经费待定"})), [(T_YAML, 5)]),
    ("ZG433-pass-C-without-resources", "ZG433", tasks(task("K1", FILING)), []),
    ("ZG433-pass-budget-and-people", "ZG433",
     tasks(task("K1", "编制学院年度教学质量诊改报告", cls="A", parent="T-M-01", resources={"budget": "50"}),
           task("K2", "实施一页纸项目管理", cls="B", resources={"people": ["张三", "李四"]}),
           task("K3", "内部质量保证体系诊断与改进中期检查", cls="B", resources={"people": 3})), []),
    # ------------------------------------------------------------------ R: ZG441 orphan
    ("ZG441-pass-master-and-child", "ZG441", special(target("T-Z-01", "制定专业建设规划")), []),
    ("ZG441-pass-C-task", "ZG441", tasks(task("K1", FILING)), []),
    ("ZG441-fail-target", "ZG441", special(target("T-Z-01", "制定专业建设规划"),
                                          target("T-Z-02", "制定课程建设规划", parent=None)), [(ZY_YAML, 9)]),
    ("ZG441-fail-department-target", "ZG441",
     {"departments/jwc/plan.yaml": "schema_version: 1\nkind: plan\nid: P-JWC\ntitle: 教务处子规划\n"
      "type: department\ntargets:\n" + target("T-J-01", "制定课程建设规划", parent=None)},
     [("departments/jwc/plan.yaml", 7)]),
    ("ZG441-fail-A-task", "ZG441", tasks(task("K1", "编制学院年度教学质量诊改报告", cls="A", parent="T-M-01"),
                                         task("K2", "编制专业、课程质量年度报告", cls="A")), [(T_YAML, 6)]),
    # ------------------------------------------------------------------ R: ZG442 unserved QC point
    ("ZG442-fail", "ZG442", {STD_YAML: STD + qc("PRG-02", "专业人才培养方案", kind="qualitative",
                                                 element="专业人才培养方案文本")}, [(STD_YAML, 13)]),
    ("ZG442-pass-task", "ZG442", {STD_YAML: STD + qc("PRG-02", "专业人才培养方案", kind="qualitative",
                                                      element="专业人才培养方案文本"),
                                  **tasks(task("K1", "修订专业人才培养方案", qc_points=["PRG-02"]))}, []),
    ("ZG442-pass-indicator", "ZG442", {STD_YAML: STD + qc("PRG-08", "双师素质教师比例", kind="quantitative",
                                                           unit="%", direction="up", baseline="55", target="60"),
                                       **special(target("T-Z-01", "双师素质教师比例达到60%", indicators=[
                                           {"name": "双师素质教师比例", "unit": "%", "target": "60",
                                            "qc_point": "PRG-08"}]))}, []),
    # ------------------------------------------------------------------ R: ZG443 empty standard
    ("ZG443-pass", "ZG443", {STD_YAML: STD + qc("PRG-01", "专业建设规划", kind="qualitative", element="规划文本")},
     []),
    ("ZG443-fail", "ZG443", {STD_YAML: STD + qc("PRG-01", "专业建设规划", kind="qualitative", element="规划文本")
                             + "      - {id: S7, name: 国际交流与合作}\n"}, [(STD_YAML, 14)]),
    # ------------------------------------------------------------------ T: ZG451 deadline
    ("ZG451-pass-in-text-task", "ZG451", tasks(task("K1", FILING)), []),
    ("ZG451-pass-in-text-target", "ZG451", special(target("T-Z-01", FILING)), []),
    ("ZG451-pass-deadline-field", "ZG451",
     tasks(task("K1", "编制专业课程内部质量保证体系年度自我诊改报告", deadline="每年11月")), []),
    ("ZG451-pass-time-node", "ZG451", tasks(task(
        "K1", "编制学院年度工作总结", levels=[{"content": "说明十三五规划年度执行情况", "time_node": "每年12月底"}])),
     []),
    ("ZG451-pass-yearless-in-tasks-file", "ZG451",
     tasks(task("K1", "3 月份, 各部门完成一页纸工作计划报表, 推广覆盖率达 100%")), []),
    ("ZG451-pass-master-target", "ZG451", {"plans/master.yaml": "schema_version: 1\nkind: plan\nid: P-MASTER\n"
                                           "title: 事业发展总规划\ntype: master\ntargets:\n"
                                           + target("T-M-01", CAMPUS, parent=None)}, []),
    ("ZG451-fail", "ZG451", tasks(task("K1", FILING), task("K2", CAMPUS), task("K3", SLOGAN)),
     [(T_YAML, 6), (T_YAML, 7)]),
    ("ZG451-fail-yearless-in-plan", "ZG451",
     special(target("T-Z-01", "3 月份, 各部门完成一页纸工作计划报表, 推广覆盖率达 100%")), [(ZY_YAML, 8)]),
    ("ZG451-fail-document-number", "ZG451", tasks(task("K1", DOC_NUMBER)), [(T_YAML, 5)]),  # was a bug: 文号“国发〔2014〕19号”中的 2014 被当成时间节点（且在规划期 2026–2030 之外）
    # ------------------------------------------------------------------ T: ZG452 unparseable deadline
    ("ZG452-fail", "ZG452", tasks(task("K1", FILING, deadline="长期"), task("K2", FILING, deadline="适时")),
     [(T_YAML, 5), (T_YAML, 6)]),
    ("ZG452-fail-time-node-line", "ZG452", {T_YAML: TASKS + "  - id: K1\n    title: 备案、汇编全校各专业教学进程表\n"
                                            "    class: C\n    owner: 教务处\n    levels:\n"
                                            "      - content: 完成秋季学期教学进程表的备案\n        time_node: 待定\n"},
     [(T_YAML, 11)]),
    ("ZG452-fail-improvement", "ZG452", {"departments/jwc/i.yaml": IMPROVEMENTS + "  - " + _flow({
        "id": "G-01", "problem": "教学进程表汇编出错", "cause": "校对环节缺失", "measure": "建立两级校对制度",
        "owner": "教务处", "time_node": "长期"}) + "\n"}, [("departments/jwc/i.yaml", 5)]),
    ("ZG452-fail-yearless-in-plan", "ZG452", special(target("T-Z-01", FILING, deadline="第三季度")), [(ZY_YAML, 8)]),
    ("ZG452-pass", "ZG452", tasks(task("K1", "编制学院年度工作总结", deadline="2017-2020 每年12月底"),
                                  task("K2", "编制专业、课程质量年度报告", deadline="2018年起每年12月"),
                                  task("K3", FILING, deadline="第三季度")), []),
    ("ZG452-pass-seed-cells", "ZG452", tasks(
        task("K1", "制定职能部门综合性目标任务考核标准", deadline="每年2月 月底前"),
        task("K2", "用数据信息对培养质量、工作绩效分析、诊断和改进", deadline="每年、每阶段、每过程"),
        task("K3", "执行规划年度任务、与绩效挂钩", deadline="2018.12 ~ 2020.12"),
        task("K4", "调整学院质量保证委员会", deadline="2018. 10"),
        task("K5", "编制年度党政工作要点，并分解工作任务", deadline="2017-2020年初")), []),
    ("ZG452-pass-academic-year", "ZG452",
           tasks(task("K1", "选择生物药品技术等 6 个专业为试点开展专业诊断与改进", deadline="2018~2019 学年")), []),  # was a bug: 学年写法“2018~2019 学年”（上海农林方案的原文）无法识别
    # ------------------------------------------------------------------ T: ZG454 one-page schedule
    ("ZG454-pass", "ZG454", {"departments/jwc/p.yaml": OPPM + "  - " + _flow(
        {"no": "01", "title": "制定一页纸工作计划报表", "schedule": {"planned": [3]}}) + "\n"}, []),
    ("ZG454-fail", "ZG454", {"departments/jwc/p.yaml": OPPM
                             + "  - " + _flow({"no": "01", "title": "制定一页纸工作计划报表",
                                               "schedule": {"planned": [3]}}) + "\n"
                             + "  - " + _flow({"no": "02", "title": "实施一页纸项目管理",
                                               "schedule": {"planned": []}}) + "\n"
                             + "  - " + _flow({"no": "03", "title": "内部质量保证体系诊断与改进中期检查"}) + "\n"},
     [("departments/jwc/p.yaml", 11), ("departments/jwc/p.yaml", 12)]),
    # ------------------------------------------------------------------ T: ZG307 inside the period
    ("ZG307-pass", "ZG307", tasks(task("K1", "编制学院年度工作总结", deadline="2026-2030 每年12月底"),
                                  task("K2", "撰写学院内部质量保证体系自我诊改报告", deadline="每年12月"),
                                  task("K3", "建立绩效考核信息化管理系统", deadline="2026.12")), []),
    ("ZG307-fail-old-period", "ZG307", tasks(task("K1", "编制学院年度工作总结", deadline="2017-2020 每年12月底"),
                                             task("K2", "执行规划年度任务、与绩效挂钩", deadline="2018.12 ~ 2020.12")),
     [(T_YAML, 5), (T_YAML, 6)]),
]


def _case_code(case: Any) -> str:
    return case.values[1] if hasattr(case, "values") else case[1]


def _case_expected(case: Any) -> list[tuple[str, int]]:
    return case.values[3] if hasattr(case, "values") else case[3]


def _case_id(case: Any) -> str:
    return case.values[0] if hasattr(case, "values") else case[0]


@pytest.mark.parametrize(("case_id", "code", "files", "expected"), CASES, ids=[_case_id(c) for c in CASES])
def test_rule_case(write_repo, case_id: str, code: str, files: dict[str, str],
                   expected: list[tuple[str, int]]) -> None:
    root = write_repo(files)
    report, _ = check_paths([root])
    got = [(f.file, f.line) for f in report.sorted() if f.code == code]
    assert got == expected, [(f.code, f.file, f.line, f.pointer, f.message) for f in report.sorted()]
    for finding in report.sorted():
        if finding.code == code:
            assert finding.message and finding.hint and finding.col >= 1
            assert finding.smart == RULES[code].smart
            assert finding.severity == RULES[code].severity


def test_every_smart_rule_has_pass_and_fail_cases() -> None:
    from zhengai.check.rules import smart

    smart_rules = {rule.code for rule in smart.RULES if rule.check} | {"ZG307"}
    assert smart_rules == set(SMART_CODES)
    for code in SMART_CODES:
        # xfail cases state what the rule should do, so they do not count here.
        outcomes = {bool(_case_expected(c)) for c in CASES if _case_code(c) == code and not hasattr(c, "values")}
        assert outcomes == {True, False}, code


@pytest.mark.parametrize("text", ["长期", "适时"])
def test_bad_deadline_message_quotes_the_text(write_repo, text: str) -> None:
    root = write_repo(tasks(task("K1", FILING, deadline=text)))
    report, _ = check_paths([root])
    [finding] = [f for f in report.sorted() if f.code == "ZG452"]
    assert f"“{text}”" in finding.message
    assert finding.pointer == "/tasks/0/deadline"


def test_yearless_deadline_in_plan_says_year_is_missing(write_repo) -> None:
    root = write_repo(special(target("T-Z-01", FILING, deadline="第三季度")))
    report, _ = check_paths([root])
    [finding] = [f for f in report.sorted() if f.code == "ZG452"]
    assert "缺少年份" in finding.message and "“第三季度”" in finding.message


def test_qc_baseline_message_names_what_is_missing(write_repo) -> None:
    root = write_repo({STD_YAML: STD + qc("PRG-08", "双师素质教师比例", kind="quantitative", unit="%", target="60")})
    report, _ = check_paths([root])
    [finding] = [f for f in report.sorted() if f.code == "ZG422"]
    assert "基线" in finding.message and "方向" in finding.message


# --------------------------------------------------------------------------- smarttext
# (sentence, has_quantity, artefacts, is_empty_slogan with the default words, known bugs:
#  {function name: reason}).  Every expectation is what a quality officer reads in the
#  sentence, written by hand.
SENTENCES: list[tuple[str, bool, list[str], bool, dict[str, str]]] = [
    (FILING, False, ["备案", "进程表", "表"], False, {}),  # 7 月 20 日 is a date, not a quantity
    ("每年的 8 月 20 日前完成教学进程表的汇编", False, ["汇编", "进程表", "表"], False, {}),
    (ERROR_RATE, True, ["汇编", "进程表"], False, {}),
    (CAMPUS, False, [], False, {}),  # vague, but no slogan word: ZG413/ZG421 catch it
    (SLOGAN, False, [], True, {}),
    ("切实履行人才培养工作质量保证的主体责任", False, [], True, {}),
    ("不断提高人才培养质量", False, [], True, {}),
    ("进一步完善内部质量保证体系", False, [], True, {}),  # 体系 is no artefact
    ("进一步提升大学生思想政治工作效率", False, [], True, {}),  # a rate word without a value
    ("不断提高利益相关方对人才培养的满意度", False, [], True, {}),
    ("全面提升财务综合保障效能", False, [], True, {}),
    ("意外事故率是否不断降低", False, [], True, {}),
    (ONE_PAGE, True, [], False, {}),
    ("3 月份, 各部门完成一页纸工作计划报表, 推广覆盖率达 100%", True, ["表"], False, {}),
    ("专业教学团队每年行业企业调研不少于 1 次, 组织撰写《专业调研分析报告》", True, ["报告"], False, {}),
    ("2018年至2020年，学院每年预算诊改工作业务费50万元", True, [], False, {}),
    ("编制 5 个维度 25 要素学生自我诊断问表", True, ["表"], False, {}),
    ("形成“1811（1个总规+8个专项规划+11个二级学院规划）”规划目标链", True, ["规划"], False, {}),
    ("建立绩效考核信息化管理系统", False, ["系统"], False, {}),
    ("修订学院“十三五”规划", False, ["规划"], False, {}),  # 十三五 names a period, not a count
    ("辅导员每年年底前指导新生编制完成三年职业生涯规划", False, ["规划"], False, {}),
    ("进一步完善学生综合素质评价标准", False, ["标准"], False, {}),
    (MECHANISM, False, [], False, {}),
    ("不断打造农林职教特色", False, [], True, {}),
    (TWO_TIERS, False, [], True, {}),  # 两级 is not a quantity
    (COURSE_QUALITY, False, [], True, {}),  # 课程 is the object here, not a deliverable
    (RULES_CULTURE, False, [], False, {}),  # 制度文化 is not a 制度文本
]


def _params(field: int, name: str) -> list[Any]:
    params = []
    for row in SENTENCES:
        sentence, expected, bugs = row[0], row[field], row[4]
        marks = [pytest.mark.xfail(strict=True, reason=bugs[name])] if name in bugs else []
        params.append(pytest.param(sentence, expected, marks=marks, id=sentence[:16]))
    return params


@pytest.mark.parametrize(("sentence", "expected"), _params(1, "has_quantity"))
def test_has_quantity(sentence: str, expected: bool) -> None:
    assert has_quantity(sentence) is expected


@pytest.mark.parametrize(("sentence", "expected"), _params(2, "artefacts"))
def test_artefacts(sentence: str, expected: list[str]) -> None:
    assert artefacts(sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), _params(3, "is_empty_slogan"))
def test_is_empty_slogan(sentence: str, expected: bool) -> None:
    assert is_empty_slogan(sentence, list(DEFAULT_SLOGAN_WORDS)) is expected


def test_full_width_digits_and_percent() -> None:
    assert has_quantity("差错率小于５％")
    assert has_quantity("推广覆盖率达１００％")


def test_is_empty_slogan_uses_the_given_words() -> None:
    assert is_empty_slogan("不断打造农林职教特色", ["打造"])
    assert not is_empty_slogan(SLOGAN, ["打造"])
    assert not is_empty_slogan(SLOGAN, [])


# --------------------------------------------------------------------------- settings
def _smart(report: Any) -> list[tuple[str, str]]:
    return sorted((f.code, f.pointer) for f in report.sorted() if f.smart)


def test_slogan_words_replace_the_default_list(write_repo) -> None:
    files = tasks(task("K1", "不断打造农林职教特色", deadline="2026.12", evidence="农林职教特色项目清单"),
                  task("K2", SLOGAN, deadline="2026.12", evidence="内涵建设年度报告"))
    report, _ = check_paths([write_repo(files)])
    assert [(f.line, f.code) for f in report.sorted() if f.code == "ZG412"] == [(5, "ZG412"), (6, "ZG412")]

    root = write_repo(files, config=CONFIG + "rules:\n  slogan_words: [打造, 提档升级]\n")
    report, _ = check_paths([root])
    found = [f for f in report.sorted() if f.code == "ZG412"]
    assert [f.line for f in found] == [5]  # 打造 triggers it; 进一步/加强/全面提升 no longer do
    assert "“打造”" in found[0].message and "不断" not in found[0].message


def test_waiver_silences_exactly_that_finding(write_repo) -> None:
    k1 = ("  - id: K1\n    title: " + SLOGAN + "\n    class: C\n    owner: 教务处\n    deadline: 2026.12\n")
    waiver = "    waive: [{code: ZG412, reason: 学院党委确定的年度工作方针，量化指标见 K2}]\n"
    k2 = task("K2", SLOGAN, deadline="2026.12")
    report, _ = check_paths([write_repo({T_YAML: TASKS + k1 + k2})])
    unwaived = _smart(report)
    assert ("ZG412", "/tasks/0/title") in unwaived and ("ZG412", "/tasks/1/title") in unwaived

    report, _ = check_paths([write_repo({T_YAML: TASKS + k1 + waiver + k2})])
    waived = _smart(report)
    assert ("ZG421", "/tasks/0") in waived  # the item's other findings stay
    assert waived == sorted(set(unwaived) - {("ZG412", "/tasks/0/title")})


def test_severity_relevels_one_rule(write_repo) -> None:
    files = tasks(task("K1", CAMPUS, deadline="2026.12"), task("K2", SLOGAN, deadline="2026.12"))
    report, _ = check_paths([write_repo(files)])
    assert {(f.code, f.severity.value) for f in report.sorted()} == {
        ("ZG413", "warning"), ("ZG421", "warning"), ("ZG412", "warning")}

    root = write_repo(files, config=CONFIG + "rules:\n  severity: {ZG421: error}\n")
    report, _ = check_paths([root])
    levels = {(f.code, f.severity.value, f.smart) for f in report.sorted()}
    assert levels == {("ZG413", "warning", "S"), ("ZG421", "error", "M"), ("ZG412", "warning", "S")}
    assert [f.line for f in report.sorted() if f.code == "ZG421"] == [5, 6]
