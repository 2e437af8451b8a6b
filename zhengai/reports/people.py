"""The people sections of the level reports: 教师发展概况 (teacher level) and 学生发展自测 (student level)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from zhengai.load.repository import RepositoryError
from zhengai.models.config import SurveyFile
from zhengai.reports.text import num, pct
from zhengai.reports.workspace import Workspace


def _score_text(value: float | None) -> str:
    """A 0–100 self-test score with two decimals (as the survey reports), ``—`` when missing."""
    return "—" if value is None else f"{value:.2f}"


def _change_text(value: float | None) -> str:
    return "—" if value is None else f"{value:+.2f}"


def teacher_section(ws: Workspace) -> dict[str, Any] | None:
    """教师发展概况 of the whole college from the teacher plans (None when there are none)."""
    from zhengai.score.teachers import teacher_plans, team_view

    plans = teacher_plans(ws.repo)
    if not plans:
        return None
    t = team_view(ws.repo, None, ws.as_of, ws.year)
    n = t["teachers"]
    folders = sorted({Path(p.file.rel).parent.as_posix() + "/" for p in plans})
    dq, sa, targets = t["double_qualified"], t["self_assessed"], t["targets"]
    return {
        "teachers": n,
        "tiers": [{"tier": tier, "count": count, "share_text": pct(count / n if n else None),
                   "goal": t["tier_goals"].get(tier, 0)} for tier, count in t["tiers"].items()],
        "double_qualified": {"count": dq["count"], "share": dq["share"], "share_text": pct(dq["share"])},
        "self_assessed": {"count": sa["count"], "share": sa["share"], "share_text": pct(sa["share"]),
                          "missing": "、".join(sa["missing"])},
        "dimensions": [{"no": i, "name": d["name"], "scored": d["scored"], "mean": d["mean"],
                        "mean_text": _score_text(d["mean"]), "below": d["below"], "below_text": pct(d["below"])}
                       for i, d in enumerate(t["dimensions"], 1)],
        "targets": {"due": targets["due"], "done": targets["done"], "overdue": targets["overdue"],
                    "rate_text": pct(targets["rate"])},
        "alerts": {"red": t["alerts"]["red"], "yellow": t["alerts"]["yellow"]},
        "source": "、".join(folders),
    }


def _survey_entry(ws: Workspace, year: int) -> SurveyFile | None:
    return next((s for s in ws.config.surveys if s.year == year), None)


def survey_section(ws: Workspace) -> dict[str, Any] | None:
    """学生发展自测 of the report year's responses file declared in ``zhengai.yaml`` ``surveys``
    (None when the year has none), compared with the previous year's file when declared.

    Raises :class:`RepositoryError` when a declared file or instrument cannot be used.
    """
    entry = _survey_entry(ws, ws.year)
    if entry is None:
        return None
    from zhengai.load.instruments import SurveyError, resolve_instrument
    from zhengai.survey.groups import compare
    from zhengai.survey.quality import ISSUE_NAMES
    from zhengai.survey.responses import read_responses
    from zhengai.survey.run import score_responses

    root = ws.repo.root or Path(".")
    before = _survey_entry(ws, ws.year - 1)
    if before is not None and before.instrument != entry.instrument:
        before = None  # scores of different questionnaires are not comparable
    reading = entry
    try:
        instrument = resolve_instrument(ws.repo, entry.instrument)
        result = score_responses(instrument, read_responses(root / entry.responses, instrument), entry.by)
        if before is not None:
            reading = before
            old = read_responses(root / before.responses, instrument)
            result.previous = score_responses(instrument, old, [b for b in entry.by if b in old.groups])
            compare(result.groups, result.previous.groups)
    except SurveyError as exc:
        raise RepositoryError(f"zhengai.yaml 的 surveys（{reading.year} 年）无法计分：{exc}") from exc
    college = result.college

    def row(d: Any) -> dict[str, Any]:
        return {"name": d.name, "mean": _r2(d.mean), "mean_text": _score_text(d.mean), "line": d.line,
                "line_text": num(d.line), "below": _r2(d.below, 4), "below_text": pct(d.below),
                "weak": d.mean is not None and d.mean < d.line, "previous_text": _score_text(d.previous),
                "delta_text": _change_text(d.delta)}

    groups = [{"label": g.label, "total": g.total, "valid": g.valid, "mean_text": _score_text(g.overall.mean),
               "below_text": pct(g.overall.below), "weak": "、".join(g.weak) or "—"}
              for g in result.groups[1:]]
    return {
        "year": entry.year,
        "instrument": {"id": instrument.id, "title": instrument.title, "standard": instrument.standard},
        "source": entry.responses, "respondents": result.table.n, "valid": college.valid,
        "excluded": college.excluded,
        "quality": [{"name": ISSUE_NAMES[code], "count": n} for code, n in result.quality.counts().items() if n],
        "overall": row(college.overall), "dimensions": [row(d) for d in college.dimensions],
        "weak": "、".join(college.weak),
        "previous": None if result.previous is None or before is None else {
            "year": before.year, "source": before.responses, "respondents": result.previous.table.n,
            "valid": result.previous.college.valid},
        "groups": groups,
    }


def _r2(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


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

__all__ = ["SURVEY", "TEACHERS", "survey_section", "teacher_section"]
