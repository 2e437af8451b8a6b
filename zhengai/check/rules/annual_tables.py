"""ZG701–ZG705: cross-table checks of the national annual-report tables (``kind: annual``)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from zhengai.check.rules.base import Rule
from zhengai.findings import Finding, Severity
from zhengai.load.repository import Repository, SourceFile
from zhengai.models.annual import TABLES, AnnualTables


def _num(value: float | None) -> str:
    """1130.0 → ``1,130``; 93.5 → ``93.5``."""
    if value is None:
        return "—"
    return f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) >= 1000 else f"{value:.4g}"


def _percent_fields(table: Any) -> Iterator[tuple[str, float]]:
    for key, info in type(table).model_fields.items():
        unit = (info.json_schema_extra or {}).get("unit") if isinstance(info.json_schema_extra, dict) else None
        value = getattr(table, key)
        if unit == "%" and isinstance(value, float):
            yield key, value


def table_checks(source: SourceFile) -> list[Finding]:
    """Cross-table checks of one ``kind: annual`` file (ZG701–ZG705)."""
    model = source.model
    if not isinstance(model, AnnualTables):
        return []
    found: list[Finding] = []

    def add(code: str, pointer: str, message: str) -> None:
        rule = TABLE_RULES[code]
        pos = source.position(pointer)
        found.append(Finding(code, rule.severity, message, rule.hint, source.rel, pos.line, pos.col, pointer,
                             f"{model.year}年 年报数据表"))

    s, p, card = model.service, model.policy, model.scorecard
    if s is not None:
        if s.employed is not None and s.graduates is not None and s.employed > s.graduates:
            add("ZG701", "/service/employed",
                f"服务贡献表：就业人数 {_num(s.employed)} 多于毕业生人数 {_num(s.graduates)}。")
        if s.graduates is not None and s.enrolled is not None and s.graduates > s.enrolled:
            add("ZG701", "/service/graduates",
                f"服务贡献表：毕业生人数 {_num(s.graduates)} 多于全日制在校生人数 {_num(s.enrolled)}。")
        for key in ("local", "west_northeast", "grassroots", "top500"):
            value = getattr(s, key)
            if value is not None and s.employed is not None and value > s.employed:
                label = type(s).model_fields[key].description
                add("ZG702", f"/service/{key}", f"服务贡献表：{label} {_num(value)} 多于就业人数 {_num(s.employed)}。")
    if card is not None and card.employment_rate is not None and s is not None and s.graduates and s.employed is not None:
        computed = s.employed / s.graduates * 100
        if abs(computed - card.employment_rate) > 0.5:
            add("ZG703", "/scorecard/employment_rate",
                f"计分卡就业率 {card.employment_rate:g}% 与服务贡献表推算的 {computed:.1f}%"
                f"（就业 {_num(s.employed)} ÷ 毕业 {_num(s.graduates)}）相差超过 0.5 个百分点。")
    if p is not None:
        if p.fulltime_teachers is not None and p.staff_total is not None and p.fulltime_teachers > p.staff_total:
            add("ZG704", "/policy/fulltime_teachers",
                f"落实政策表：专任教师总数 {_num(p.fulltime_teachers)} 多于在岗教职员工总数 {_num(p.staff_total)}。")
        if (p.special_funding_per_student is not None and p.funding_per_student is not None
                and p.special_funding_per_student > p.funding_per_student):
            add("ZG704", "/policy/special_funding_per_student",
                f"落实政策表：年生均财政专项经费 {_num(p.special_funding_per_student)} 元高于年生均财政拨款水平 "
                f"{_num(p.funding_per_student)} 元。")
    for key in TABLES:
        table = getattr(model, key)
        if table is None:
            continue
        for field_name, value in _percent_fields(table):
            if value > 100:
                label = type(table).model_fields[field_name].description
                add("ZG705", f"/{key}/{field_name}", f"{TABLES[key][0]}：{label} 为 {value:g}%，超过 100%。")
    return found


def _check_tables(code: str, repo: Repository) -> Iterator[Finding]:
    """One rule's findings over every annual-tables file."""
    for source in repo.files:
        if isinstance(source.model, AnnualTables):
            yield from (f for f in table_checks(source) if f.code == code)


_E, _W = Severity.ERROR, Severity.WARNING
TABLE_RULES: dict[str, Rule] = {rule.code: rule for rule in (
    Rule("ZG701", "annual-graduates", "就业人数或毕业生人数超过其上位人数", _E,
         "服务贡献表中就业人数是毕业生的一部分，毕业生又是在校生的一部分；多于上位人数说明填报口径或录入有误。",
         "核对状态数据平台的毕业生与就业数据，按同一统计口径填写。",
         good=("graduates: 1200, employed: 1130",), bad=("graduates: 1200, employed: 1250",), check=partial(_check_tables, "ZG701")),
    Rule("ZG702", "annual-destinations", "就业去向人数超过就业人数", _E,
         "A/B/C/D 各类就业去向人数都是就业人数的一部分。", "核对各类去向的统计口径。",
         good=("employed: 1130, local: 800",), bad=("employed: 1130, local: 1200",), check=partial(_check_tables, "ZG702")),
    Rule("ZG703", "annual-employment-rate", "计分卡就业率与服务贡献表不一致", _W,
         "计分卡的就业率应等于服务贡献表的就业人数 ÷ 毕业生人数；两表相差超过 0.5 个百分点时，报告会自相矛盾。",
         "统一两表的数据来源与统计时点。",
         good=("employment_rate: 94.2（1130 ÷ 1200 = 94.2%）",), bad=("employment_rate: 97（1130 ÷ 1200 = 94.2%）",),
         check=partial(_check_tables, "ZG703")),
    Rule("ZG704", "annual-policy-parts", "落实政策表的分项超过总数", _E,
         "专任教师是在岗教职员工的一部分，生均专项经费是生均财政拨款的一部分。", "核对分项与总数。",
         good=("staff_total: 620, fulltime_teachers: 450",), bad=("staff_total: 420, fulltime_teachers: 450",),
         check=partial(_check_tables, "ZG704")),
    Rule("ZG705", "annual-percent-range", "年报数据表中的百分比超过 100%", _E,
         "就业率、满意度、比例等按百分数填写（93.5 表示 93.5%），不会超过 100。",
         "检查是否把人数填进了比例，或多乘了 100。", good=("employment_rate: 93.5",), bad=("employment_rate: 935",),
         check=partial(_check_tables, "ZG705")),
)}
"""The cross-table rules of the annual-report tables (for ``zhengai check`` and ``explain``)."""

RULES = list(TABLE_RULES.values())
