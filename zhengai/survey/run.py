"""The whole survey pipeline as one library call returning a value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zhengai.models.people import Instrument
from zhengai.score.radar import RadarData, RadarSeries, rounded
from zhengai.score.survey import Scores, profile, score_table
from zhengai.survey.groups import COLLEGE, GroupStat, compare, group_stats, require_groups
from zhengai.survey.quality import ISSUE_NAMES, Quality, check_quality, respondent_label
from zhengai.survey.responses import ResponseTable, read_responses

FORMULA = (
    "题目得分 = (r′ − 最低分) ÷ (最高分 − 最低分) × 100，反向题 r′ = 最低分 + 最高分 − r，否则 r′ = r；"
    "要素得分 = 已答题目得分的加权平均（题目权重）；维度得分 = 要素得分的加权平均（要素权重）；"
    "总分 = 维度得分的加权平均（维度权重）。未答的题不计入平均，也不按 0 分计。"
)
CHART_TITLES = {"student": "学生发展自测诊断雷达图", "teacher": "教师发展自测自诊雷达图"}
SECTION_TITLES = {"student": "学生全面发展质量", "teacher": "教师发展质量"}


@dataclass
class SurveyResult:
    """Scores, data quality and group statistics of one responses file."""

    instrument: Instrument
    table: ResponseTable
    scores: Scores
    quality: Quality
    groups: list[GroupStat]
    by: list[str]
    previous: SurveyResult | None = None

    @property
    def college(self) -> GroupStat:
        """The whole-college group."""
        return self.groups[0]

    @property
    def section_title(self) -> str:
        """学生全面发展质量 or 教师发展质量."""
        return SECTION_TITLES[self.instrument.level]

    def respondent(self, row: int) -> dict[str, Any]:
        """One respondent's scores, profile and problems (JSON-ready, rounded)."""
        dims = self.scores.dimensions[row]
        info = profile(self.instrument, dims)
        return {
            "row": self.table.rows[row], "id": self.table.ids[row], "label": respondent_label(self.table, row),
            "groups": {k: v[row] for k, v in self.table.groups.items()},
            "included": bool(self.quality.included[row]),
            "issues": [ISSUE_NAMES[c] for c in self.quality.codes_of(row)],
            "answered": int(self.scores.answered[row]),
            "overall": rounded([self.scores.overall[row]])[0],
            "dimensions": dict(zip(self.scores.layout.dimension_names, rounded(dims), strict=True)),
            "elements": dict(zip(self.scores.layout.element_ids, rounded(self.scores.elements[row]), strict=True)),
            "strengths": [d["name"] for d in info["strengths"]],
            "weak": [d["name"] for d in info["weak"]],
            "modules": [m["name"] for m in info["modules"]],
        }

    def group_radar(self, group: GroupStat) -> RadarData:
        """The radar chart of a group: its mean, the standard line and last year's mean."""
        labels = tuple(d.name for d in group.dimensions)
        name = "全院均值" if group.by == "college" else f"{group.key}均值"
        series = [
            RadarSeries(name, rounded([d.mean if d.mean is not None else float("nan") for d in group.dimensions]), "fill"),
            RadarSeries("标准线", rounded([d.line for d in group.dimensions]), "standard"),
        ]
        if any(d.previous is not None for d in group.dimensions):
            series.append(RadarSeries("上一年均值", rounded(
                [d.previous if d.previous is not None else float("nan") for d in group.dimensions]), "previous"))
        title = f"{CHART_TITLES[self.instrument.level]}（{group.label}，有效 {group.valid} 人）"
        return RadarData(title, labels, tuple(series))

    def respondent_radar(self, row: int) -> RadarData:
        """The radar chart of one respondent: own scores, the college mean, the standard line."""
        labels = self.scores.layout.dimension_names
        label = respondent_label(self.table, row)
        series = [
            RadarSeries(f"{label} 本人得分", rounded(self.scores.dimensions[row]), "fill"),
            RadarSeries("全院均值", rounded([d.mean if d.mean is not None else float("nan")
                                          for d in self.college.dimensions]), "line"),
            RadarSeries("标准线", rounded([self.instrument.line_of(d) for d in self.instrument.dimensions]), "standard"),
        ]
        return RadarData(f"{CHART_TITLES[self.instrument.level]}（{label}）", tuple(labels), tuple(series))

    def module_demand(self) -> list[dict[str, Any]]:
        """How many included respondents each module is suggested to, most first."""
        counts: dict[str, int] = {}
        for row in range(self.table.n):
            if not self.quality.included[row]:
                continue
            for module in profile(self.instrument, self.scores.dimensions[row])["modules"]:
                counts[module["name"]] = counts.get(module["name"], 0) + 1
        valid = max(self.college.valid, 1)
        return [{"module": m, "students": n, "share": round(n / valid, 4)}
                for m, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def to_dict(self) -> dict[str, Any]:
        """Summary for the annual batch: counts, groups, quality, radar data (no individuals)."""
        return {
            "instrument": {"id": self.instrument.id, "title": self.instrument.title,
                           "standard": self.instrument.standard, "level": self.instrument.level},
            "source": self.table.source,
            "previous_source": self.previous.table.source if self.previous else None,
            "formula": FORMULA,
            "respondents": self.table.n,
            "valid": self.college.valid,
            "excluded": self.college.excluded,
            "quality": {code: n for code, n in self.quality.counts().items()},
            "issues": [i.to_dict() for i in self.quality.issues],
            "by": list(self.by),
            "groups": [g.to_dict() for g in self.groups],
            "modules": self.module_demand(),
            "radar": {g.label: self.group_radar(g).to_dict() for g in self.groups},
        }


def score_responses(instrument: Instrument, table: ResponseTable, by: Sequence[str] = ()) -> SurveyResult:
    """Score a table already read; group by ``by`` (class, program, department)."""
    require_groups(table, list(by))
    scores = score_table(instrument, table.values)
    quality = check_quality(instrument, table)
    groups = group_stats(instrument, table, scores, quality, list(by))
    return SurveyResult(instrument, table, scores, quality, groups, list(by))


def run_survey(
    instrument: Instrument, responses: Path, by: Sequence[str] = (), previous: Path | None = None,
) -> SurveyResult:
    """Read, score, check and group ``responses``; compare with last year's file when given.

    Groupings the previous file lacks are compared at college level only.
    """
    result = score_responses(instrument, read_responses(responses, instrument), by)
    if previous is not None:
        old_table = read_responses(previous, instrument)
        old_by = [b for b in by if b in old_table.groups]
        result.previous = score_responses(instrument, old_table, old_by)
        compare(result.groups, result.previous.groups)
    return result


__all__ = ["COLLEGE", "FORMULA", "SurveyResult", "run_survey", "score_responses"]
