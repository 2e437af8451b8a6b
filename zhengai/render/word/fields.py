"""What a report template can use: every variable of every template kind, in Chinese.

:data:`FIELDS` maps a template kind to a nested description of its context: a dict
is an object with those keys, a one-element list is a list of such items, a text is
a value with its description.  ``zhengai template check`` compares a template's
variables with it, the README lists it, and a test holds it equal to the contexts
:mod:`zhengai.reports.annual` really builds, so the three cannot drift apart.
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
    "kind_name": "预警类型，如 逾期未完成", "subject": "对象（编号与名称）", "message": "说明",
    "unit": "责任单位", "source": "来源（文件:行号）",
}
FINDING = {
    "no": "序号", "code": "规则编号", "smart": "SMART 字母（不是 SMART 规则为 —）", "severity": "级别 错误/警告/提示",
    "subject": "对象", "message": "问题", "where": "位置（文件:行号）",
}
MEASURE = {
    "no": "序号", "id": "编号", "name": "名称", "unit": "单位", "period": "最新观测期间",
    "target_text": "目标值文字", "now_text": "本年值", "last_text": "上年值", "delta_text": "年度变化，如 +1.5 个百分点",
    "actual_text": "最新实际值", **SCORE, "source": "来源（文件:行号）",
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
IMPROVEMENTS = {"total": "上一轮改进措施数", "done": "已完成数", "rate_text": "落实率文字"}
METHOD = ["计算方法说明（逐条）"]


def _charts(*names: str) -> tuple[dict[str, str], dict[str, str]]:
    return ({n: "图表图片（未绘制时为空，可用 {%p if charts.名称 %} 判断）" for n in names},
            {n: "图号与图题，如 图1　各部门综合达成度（未绘制时为空）" for n in names})


def _kind(r: dict[str, Any], *charts: str) -> dict[str, Any]:
    images, figures = _charts(*charts)
    return {"doc": DOC, "r": r, "bands": BANDS, "fig": figures, "charts": images,
            "zhengai_version": "zhengai 版本号"}


DIAGNOSIS = {
    "dept": {"id": "部门标识", "name": "部门名称", "system": "所属系统", "type": "二级学院/职能部门", "head": "负责人"},
    "overall": SCORE, "completion": COMPLETION, "red": "红色预警数", "yellow": "黄色预警数",
    "counts": {"targets": "目标数", "tasks": "任务数", "measures": "指标与质控点数", "findings": "SMART 问题数"},
    "last_round_total": "上一轮改进措施数", "last_round_done": "上一轮改进措施已完成数",
    "summary": ["诊断结论摘要（逐条）"],
    "targets": [{"no": "序号", "id": "目标标识", "statement": "目标表述", "level": "层面", "chain": "上级目标链",
                 "deadline": "时限", "source": "来源", **SCORE, "coverage": "覆盖"}],
    "standards": [{"no": "序号", "id": "标准标识", "name": "标准名称", "source": "来源", **SCORE, "coverage": "覆盖",
                   "low_coverage": "覆盖是否不足 40%",
                   "dimensions": [{"no": "序号", "name": "维度名称", **SCORE, "item_scores": "各标准项达成度文字"}]}],
    "levels": [{"no": "序号", "id": "层面标识", "name": "层面名称", **SCORE, "coverage": "覆盖", "source": "来源"}],
    "tasks": [{"no": "序号", "id": "任务标识", "title": "任务名称", "cls": "类别 A/B/C", "owner": "责任部门",
               "time_node": "时间节点", "state": "状态（含完成日期）", "progress_text": "进度", "source": "来源"}],
    "measures": [MEASURE], "alerts": [ALERT], "findings": [FINDING],
    "problems": [{"no": "序号", "problem": "问题", "cause": "原因", "measure": "改进措施", "owner": "责任",
                  "time_node": "时间节点", "status": "状态", "source": "来源", "suggested": "是否为系统建议"}],
    "last_round": [{"no": "序号", "problem": "问题", "measure": "改进措施", "owner": "责任", "time_node": "时间节点",
                    "status": "落实情况", "evidence": "佐证", "source": "来源"}],
    "method": METHOD,
}

ANNUAL = {
    "overview": {k: v for k, v in (
        ("departments", "部门数"), ("academic", "二级学院数"), ("functional", "职能部门数"), ("programs", "专业数"),
        ("courses", "课程数"), ("plans", "规划数"), ("targets", "目标数"), ("tasks", "任务数"),
        ("standards", "标准数"), ("qc_points", "质控点数"), ("indicators", "指标数"),
        ("observations", "观测数据条数"))},
    "summary": ["年度质量概述（逐条）"], "levels": [LEVEL_ROW], "standards": [STANDARD_ROW], "departments": [DEPT],
    "completion": COMPLETION, "measures": [MEASURE],
    "tables": [{"key": "表标识 scorecard/resources/international/service/policy", "name": "表名，如 计分卡",
                "present": "本年是否填报", "source": "来源（文件:行号）",
                "rows": [{"no": "序号", "name": "项目", "unit": "单位", "now_text": "本年", "last_text": "上年",
                          "delta_text": "增量"}]}],
    "checks": [FINDING], "red_alerts": [ALERT], "red_more": "未列出的红色预警数", "improvements": IMPROVEMENTS,
    "last_year": "比较的上一年度", "method": METHOD,
}

TEACHERS = {
    "teachers": "制定三年发展规划的教师人数（r.teachers 仅教师层面且仓库有教师发展规划时才有，否则为空，"
                "可用 {%p if r.teachers %} 判断）",
    "tiers": [{"tier": "层级：新教师/合格教师/骨干教师/专业带头人", "count": "现有人数", "share_text": "占比文字",
               "goal": "规划期末目标人数"}],
    "double_qualified": {"count": "“双师型”教师人数", "share": "“双师型”占比（0—1）", "share_text": "“双师型”占比文字"},
    "self_assessed": {"count": "完成年度自测自诊人数", "share": "完成占比（0—1）", "share_text": "完成占比文字",
                      "missing": "未完成的教师（顿号分隔；无为空）"},
    "dimensions": [{"no": "序号", "name": "维度名称", "scored": "有自评得分的人数", "mean": "平均自评得分（0—100）",
                    "mean_text": "平均自评得分文字", "below": "低于本人层级标准线的占比（0—1）",
                    "below_text": "低于本人层级标准线的占比文字"}],
    "targets": {"due": "年内到期的发展目标数", "done": "已完成数", "overdue": "逾期未完成数", "rate_text": "完成率文字"},
    "alerts": {"red": "教师红色预警数", "yellow": "教师黄色预警数"},
    "source": "教师发展规划所在文件夹",
}

SURVEY_DIM = {
    "name": "维度名称（总分一行为 总分）", "mean": "有效答卷均值（0—100）", "mean_text": "均值文字",
    "line": "标准线", "line_text": "标准线文字", "below": "低于标准线的占比（0—1）", "below_text": "低于标准线的占比文字",
    "weak": "均值是否低于标准线", "previous_text": "上一年均值（无为 —）", "delta_text": "与上一年相比的变化，如 +1.25",
}
SURVEY = {
    "year": "自测年度（r.survey 仅学生层面且 zhengai.yaml 的 surveys 登记了报告年度的回答文件时才有，否则为空，"
            "可用 {%p if r.survey %} 判断）",
    "instrument": {"id": "问卷标识", "title": "问卷名称", "standard": "所服务的发展标准"},
    "source": "回答文件（相对仓库根目录）", "respondents": "收回答卷数", "valid": "有效答卷数",
    "excluded": "因数据质量问题不计入统计的答卷数",
    "quality": [{"name": "数据质量问题，如 重复答卷人", "count": "涉及答卷数"}],
    "overall": SURVEY_DIM, "dimensions": [SURVEY_DIM], "weak": "均值低于标准线的维度（顿号分隔；无为空）",
    "previous": {"year": "上一年度（没有可比的上一年文件时 r.survey.previous 为空）", "source": "上一年回答文件",
                 "respondents": "上一年答卷数", "valid": "上一年有效答卷数"},
    "groups": [{"label": "分组，如 班级 机电2401", "total": "答卷数", "valid": "有效答卷数", "mean_text": "总分均值",
                "below_text": "总分低于标准线的占比", "weak": "薄弱维度（无为 —）"}],
}

ANNUAL_LEVEL = {
    "level": {"id": "层面标识", "name": "层面名称", "report_name": "报告名称，如 专业质量年度报告"},
    **SCORE, "last_text": "上年达成度", "delta_text": "年度增量", "summary": ["总体情况（逐条）"],
    "standards": [STANDARD_ROW],
    "targets": [{"no": "序号", "id": "目标标识", "statement": "目标表述", "owner": "责任", "deadline": "时限", **SCORE,
                 "coverage": "覆盖", "source": "来源"}],
    "measures": [MEASURE], "alerts": [ALERT], "departments": "涉及部门", "last_year": "比较的上一年度",
    "method": METHOD, "teachers": TEACHERS, "survey": SURVEY,
}

REVIEW = {
    "summary": ["复核结果（逐条）"],
    "departments": [{**DEPT, "conclusion": "复核结论：通过/基本通过/限期整改/数据不足", "conclusion_fill": "结论底纹颜色"}],
    "counts": {"通过": "通过的部门数", "基本通过": "基本通过的部门数", "限期整改": "限期整改的部门数",
               "数据不足": "数据不足的部门数"},
    "reference": [{"no": "序号", "item": "诊断项目", "element": "诊断要素", "id": "诊断点编号", "name": "诊断点名称",
                   "platform": "数据平台编号", "measures": "关联的质控点与指标数", **SCORE, "evidence": "本校数据说明"}],
    "ref_items": [{"id": "诊断项目编号", "name": "诊断项目名称", **SCORE}],
    "findings": [{"no": "序号", "code": "规则编号", "title": "规则名称", "count": "问题数"}],
    "findings_total": "问题总数", "improvements": IMPROVEMENTS, "rules": ["复核结论判定规则（逐条）"], "method": METHOD,
}

MIDTERM = {
    "summary": ["总体进展（逐条）"], "completion": COMPLETION, "departments": [DEPT], "behind": [ALERT],
    "behind_more": "未列出的落后任务数",
    "upcoming": [{"no": "序号", "id": "任务标识", "title": "任务名称", "owner": "责任部门", "due": "时间节点",
                  "progress_text": "当前进度", "source": "来源"}],
    "upcoming_more": "未列出的年内待完成任务数", "levels": [LEVEL_ROW], "method": METHOD,
}

FIELDS: dict[str, dict[str, Any]] = {
    "diagnosis": _kind(DIAGNOSIS, "attainment", "radar", "trend"),
    "annual": _kind(ANNUAL, "levels", "trend", "standards", "departments"),
    "annual-level": _kind(ANNUAL_LEVEL, "standards", "levels", "trend"),
    "review": _kind(REVIEW, "departments", "reference"),
    "mid-term": _kind(MIDTERM, "departments", "levels"),
}
"""Template kind → the description of its context."""

MARKDOWN_DIAGNOSIS = {"d": ANY, "zhengai_version": "zhengai 版本号"}
"""The context of ``diagnosis.md.j2``: the :class:`~zhengai.score.diagnosis.Diagnosis` object as ``d``."""


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


__all__ = ["ANY", "FIELDS", "MARKDOWN_DIAGNOSIS", "describe", "paths"]
