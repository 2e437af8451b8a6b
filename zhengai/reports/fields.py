"""What a report template can use, in Chinese: the pieces every kind shares, and the whole context.

A spec is a nested description of a context: a dict is an object with those keys, a
one-element list is a list of such items, a text is a value with its description.
Each report kind's module describes its ``r`` with these pieces (its
:class:`~zhengai.reports.kind.TemplateKind` ``fields``); :func:`context_fields` adds
what every template sees.  ``zhengai template check`` compares a template's variables
with it, the README lists it, and a test holds it equal to the contexts the kinds
really build, so the three cannot drift apart.
"""

from __future__ import annotations

from typing import Any

ANY = "（对象，可访问其全部属性）"
"""A leaf whose value is a Python object: any attribute below it is accepted."""

SCORE = {
    "score": "达成度（0—1 的小数；无数据时为空）",
    "score_text": "达成度文字，如 85.3%（无数据为 —）",
    "band": "档次名称，如 达成、基本达成、未达成（无数据为 未评）",
    "color": "档次颜色 green/yellow/red（无数据为空）",
    "fill": "表格底纹颜色（十六进制，供 {% cellbg %} 使用）",
}

DOC = {
    "kind": "报告类型标识：diagnosis、annual、review、mid-term",
    "kind_name": "报告类型名称，如 自我诊改报告",
    "title": "报告标题",
    "subtitle": "副标题，如 （2026年度）",
    "institution": "学校名称",
    "unit": "报告单位（部门、层面或学校）",
    "year": "报告年度",
    "as_of": "基准日 YYYY-MM-DD",
    "as_of_cn": "基准日，如 2026年12月15日",
    "month_cn": "成文年月，如 2026年12月",
    "period": "规划期，如 2026—2030年",
    "issuer": "编制单位（落款）",
    "generator": "生成工具与版本",
    "declaration": "是否有真实性声明页（是/否）",
    "declaration_text": "真实性声明正文",
    "signer": "声明签字人，如 部门负责人（签字）",
}

BANDS = [{"name": "档次名称", "color": "档次颜色", "fill": "底纹颜色", "rule": "分档规则文字"}]

COMPLETION = {
    "due": "已到期任务数", "done": "已到期且完成的任务数", "rate": "建设指标完成率（0—1）",
    "rate_text": "建设指标完成率文字",
    "by_class": [{"cls": "任务类别 A/B/C", "due": "到期数", "done": "完成数", "rate_text": "完成率文字"}],
}
ALERT = {
    "no": "序号", "level": "级别 red/yellow", "level_name": "级别名称 红色/黄色", "fill": "底纹颜色",
    "kind_name": "预警类型，如 逾期未完成", "subject": "对象（编号与名称）", "name": "对象名称（不含编号，正式报告用）",
    "message": "说明",
    "unit": "责任单位", "source": "来源（文件:行号）",
}
FINDING = {
    "no": "序号", "code": "规则编号", "smart": "SMART 字母（不是 SMART 规则为 —）", "severity": "级别 错误/警告/提示",
    "subject": "对象", "message": "问题", "where": "位置（文件:行号）",
}
MEASURE = {
    "no": "序号", "id": "编号", "name": "名称", "unit": "单位", "period": "最新观测期间",
    "target_text": "目标值文字", "now_text": "本年值", "last_text": "上年值", "delta_text": "年度变化，如 +1.5 个百分点",
    "actual_text": "最新实际值", "actual": "最新实际值（数值或定性等级，无为空）", "target": "目标值（数值）",
    "baseline": "基线值（数值）", "method": "计分方法 ratio/progress（定性为空）", **SCORE, "source": "来源（文件:行号）",
    "status": "无得分的原因：未到期 / 尚无数据（有得分时为空）", "provisional": "最新值所属期间在基准日是否尚未结束",
}
DEPT = {
    "no": "序号", "id": "部门标识", "name": "部门名称", "system": "所属系统（五纵）", "type": "二级学院/职能部门",
    "completion": COMPLETION, **SCORE, "red": "红色预警数", "yellow": "黄色预警数", "findings": "SMART 问题数",
    "targets": "目标数", "tasks": "任务数", "last_round_total": "上一轮改进措施数",
    "last_round_done": "上一轮改进措施已完成数", "behind": "进度落后预警数", "overdue": "逾期未完成预警数",
}
LEVEL_ROW = {
    "id": "层面标识", "name": "层面名称", **SCORE, "last": "上年达成度（0—1）", "last_text": "上年达成度", "delta_text": "年度增量",
    "coverage": "质控点覆盖，如 5/6", "source": "来源",
}
STANDARD_ROW = {
    "no": "序号", "id": "标准标识", "name": "标准名称", "level": "所属层面", **SCORE,
    "last_text": "上年达成度", "delta_text": "年度增量", "coverage": "质控点覆盖", "source": "来源",
    "dimensions": [{"no": "序号", "name": "维度名称", **SCORE, "last_text": "上年达成度", "delta_text": "年度增量",
                    "coverage": "质控点覆盖", "item_scores": "各标准项达成度文字"}],
}
APPENDIX = {
    "lines": ["附录“数据来源说明”的正文（逐段）"],
    "platform": [{"no": "序号", "code": "状态数据采集平台项目编号，如 7.1", "name": "项目名称（zhengai.yaml platform）",
                  "count": "取自该项目的质控点与指标数"}],
    "tables": ["引用的质量年度报告数据表名称，如 计分卡"],
}
CHECKLIST = [{"no": "序号", "kind": "类别：原因未分析、措施缺责任或时间节点、覆盖不足、数据核验、数据错误未纳入等",
              "subject": "对象", "detail": "需要做什么", "source": "来源（文件:行号）"}]
METHOD_FORMULAS = ["计算公式与设置（工作底稿，逐条）"]
IMPROVEMENTS = {"total": "上一轮改进措施数", "done": "已完成数", "rate_text": "落实率文字"}
METHOD = ["计算方法说明（逐条）"]


def context_fields(r: Any, charts: tuple[str, ...]) -> dict[str, Any]:
    """The whole context of a template whose ``r`` is described by ``r`` and which may show ``charts``."""
    return {"doc": DOC, "r": r, "bands": BANDS,
            "fig": {n: "图号与图题，如 图1　各部门综合达成度（未绘制时为空）" for n in charts},
            "charts": {n: "图表图片（未绘制时为空，可用 {%p if charts.名称 %} 判断）" for n in charts},
            "zhengai_version": "zhengai 版本号"}


def paths(spec: Any, prefix: str = "") -> list[str]:
    """Every variable path of a spec, e.g. ``r.targets[].score_text``."""
    if isinstance(spec, dict):
        out = []
        for key, value in spec.items():
            out += paths(value, f"{prefix}.{key}" if prefix else key)
        return out
    if isinstance(spec, list):
        return paths(spec[0], prefix + "[]") if spec else [prefix + "[]"]
    return [prefix]


def describe(spec: Any, prefix: str = "") -> list[tuple[str, str]]:
    """Every variable path of a spec with its description."""
    if isinstance(spec, dict):
        out = []
        for key, value in spec.items():
            out += describe(value, f"{prefix}.{key}" if prefix else key)
        return out
    if isinstance(spec, list):
        return describe(spec[0], prefix + "[]")
    return [(prefix, spec)]


__all__ = ["ANY", "context_fields", "describe", "paths"]
