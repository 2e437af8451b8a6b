"""The two people levels: questionnaires (instruments) and teacher development plans.

- ``kind: instrument`` — a self-test questionnaire over a development standard:
  dimensions → elements → items, each item on a scale (1–5, or four levels), possibly
  reverse-scored and weighted; each dimension names the second-classroom modules (or,
  for teachers, the development measures) suggested when it is weak.
- ``kind: teacher_plan`` — one teacher's three-year development plan: current tier and
  tier goal (新教师 → 合格教师 → 骨干教师 → 专业带头人), yearly targets per dimension of
  the teacher standard, and the yearly self-assessments (自测自诊) against it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from zhengai.models.common import (
    Id,
    Indicator,
    Item,
    Model,
    Number,
    SchemaVersion,
    StrictBool,
    Text,
    TextList,
)
from zhengai.models.config import Period
from zhengai.models.tasks import TaskStatus

TIERS: tuple[str, ...] = ("新教师", "合格教师", "骨干教师", "专业带头人")
"""Teacher tiers from the entry tier up (Guangxi, Shaoyang; DOMAIN §7)."""

Tier = Literal["新教师", "合格教师", "骨干教师", "专业带头人"]


# ------------------------------------------------------------------ instruments
class Scale(Model):
    """An answer scale: whole numbers from ``min`` to ``max``, with optional labels."""

    min: int = Field(default=1, description="最低分值，如 1")
    max: int = Field(default=5, description="最高分值，如 5（四个层级写 4）")
    labels: dict[Text, int] = Field(
        default_factory=dict,
        description="选项文字 → 分值，如 完全符合: 5；问卷导出为选项文字时按此换算",
    )

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.max <= self.min:
            raise ValueError(f"量表最高分 {self.max} 必须大于最低分 {self.min}")
        if self.max - self.min > 100:
            raise ValueError("量表跨度不能超过 100 个分值")
        bad = [f"{k}: {v}" for k, v in self.labels.items() if not self.min <= v <= self.max]
        if bad:
            raise ValueError(f"选项分值超出量表 {self.min}–{self.max}：{'、'.join(bad)}")
        return self


class Question(Model):
    """One item (题目) of an instrument: a self-rating statement."""

    id: Id = Field(description="题目标识，如 Q01；回答文件的列可用它作表头")
    text: Text = Field(description="题干（自评陈述）；回答文件的列也可用题干作表头")
    reverse: StrictBool = Field(default=False, description="反向计分：r' = 最低分 + 最高分 − r")
    weight: Number = Field(default=1.0, ge=0, description="题目权重，默认 1")
    scale: Scale | None = Field(default=None, description="本题专用量表（默认用问卷的 scale）")
    aliases: list[Text] = Field(default_factory=list, description="回答文件中本题表头的其他写法")


class Element(Model):
    """An element (要素) of a dimension; scored from its items."""

    id: Id
    name: Text
    weight: Number = Field(default=1.0, ge=0, description="要素权重，默认 1")
    qc_point: Id | None = Field(default=None, description="对应的标准质控点标识（可选）")
    items: list[Question] = Field(min_length=1, description="题目")


class SurveyDimension(Model):
    """A dimension (维度) of an instrument; scored from its elements."""

    id: Id
    name: Text
    weight: Number = Field(default=1.0, ge=0, description="维度权重，默认 1")
    standard_line: Number | None = Field(
        default=None, ge=0, le=100, description="本维度的标准线（0–100），默认用问卷的 standard_line"
    )
    modules: list[Id] = Field(
        default_factory=list, description="本维度薄弱时建议参加的模块（第二课堂主题模块或教师培养措施）"
    )
    elements: list[Element] = Field(min_length=1)


class Module(Model):
    """A second-classroom theme module (第二课堂主题模块) or a teacher development measure."""

    id: Id
    name: Text
    description: str | None = None


class Instrument(Model):
    """A self-test questionnaire (自测诊断问表) over a development standard."""

    schema_version: SchemaVersion
    kind: Literal["instrument"]
    id: Id
    title: Text = Field(description="问卷名称")
    level: Literal["student", "teacher"] = Field(description="适用层面：student 学生；teacher 教师")
    standard: Text = Field(description="所服务的发展标准（名称）")
    standard_ref: Id | None = Field(default=None, description="仓库中对应标准的标识，如 STD-STUDENT（可选）")
    source: str | None = Field(default=None, description="出处（依据的方案或表格）")
    scale: Scale = Field(default_factory=Scale, description="默认量表")
    standard_line: Number = Field(default=60.0, ge=0, le=100, description="标准线（0–100）：低于即为薄弱维度")
    strength_line: Number = Field(default=80.0, ge=0, le=100, description="优势线（0–100）：达到即为优势维度")
    tier_lines: dict[Text, Number] = Field(
        default_factory=dict, description="按层级的标准线，如 新教师: 60、骨干教师: 75（教师问卷用）"
    )
    min_answered: Number = Field(
        default=1.0, gt=0, le=1, description="答题比例低于此值的答卷记为不完整，不计入群体统计（默认 1：须全部作答）"
    )
    modules: list[Module] = Field(default_factory=list, description="可建议的模块")
    dimensions: list[SurveyDimension] = Field(min_length=1)
    notes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Instrument:
        seen: set[str] = set()
        for ident in (
            [m.id for m in self.modules]
            + [d.id for d in self.dimensions]
            + [e.id for d in self.dimensions for e in d.elements]
            + [q.id for d in self.dimensions for e in d.elements for q in e.items]
        ):
            if ident in seen:
                raise ValueError(f"标识“{ident}”在问卷中重复")
            seen.add(ident)
        modules = {m.id for m in self.modules}
        for dim in self.dimensions:
            unknown = [m for m in dim.modules if m not in modules]
            if unknown:
                raise ValueError(f"维度“{dim.name}”引用了未定义的模块：{'、'.join(unknown)}（先在 modules 中定义）")
            if not any(e.weight > 0 and any(q.weight > 0 for q in e.items) for e in dim.elements):
                raise ValueError(f"维度“{dim.name}”没有权重大于 0 的要素和题目，无法计分")
        if not any(d.weight > 0 for d in self.dimensions):
            raise ValueError("至少要有一个维度的权重大于 0")
        if self.strength_line < self.standard_line:
            raise ValueError(f"优势线 {self.strength_line:g} 低于标准线 {self.standard_line:g}")
        bad = [f"{k}: {v:g}" for k, v in self.tier_lines.items() if not 0 <= v <= 100]
        if bad:
            raise ValueError(f"层级标准线应在 0–100 之间：{'、'.join(bad)}")
        return self

    def questions(self) -> list[tuple[SurveyDimension, Element, Question]]:
        """Every item with its dimension and element, in file order."""
        return [(d, e, q) for d in self.dimensions for e in d.elements for q in e.items]

    def line_of(self, dimension: SurveyDimension, tier: str | None = None) -> float:
        """The standard line of a dimension (for a tier when the instrument has tier lines)."""
        if tier is not None and tier in self.tier_lines:
            return self.tier_lines[tier]
        return dimension.standard_line if dimension.standard_line is not None else self.standard_line


# --------------------------------------------------------------- teacher plans
class Teacher(Model):
    """Who the plan belongs to; ids are kept, names are optional."""

    id: Id = Field(description="工号")
    name: str | None = Field(default=None, description="姓名（可选）")
    department: Text | None = Field(default=None, description="所属部门标识或名称（默认取文件所在部门目录）")
    program: Id | None = Field(default=None, description="所属专业标识")
    title: str | None = Field(default=None, description="职称，如 讲师")
    double_qualified: StrictBool = Field(default=False, description="是否为“双师型”教师")
    hired: int | None = Field(default=None, ge=1950, le=2100, description="入职年份")


class TeacherTarget(Item):
    """A yearly target of a teacher plan, under one dimension of the teacher standard."""

    id: Id
    year: int = Field(ge=1990, le=2100, description="目标所属年度")
    dimension: Text = Field(description="维度：教师问卷维度的标识或名称，如 教育教学")
    statement: Text = Field(description="目标表述（要具体、可度量、有时限）")
    indicators: list[Indicator] = Field(default_factory=list, description="量化指标")
    deadline: str | None = Field(default=None, description="完成时限（默认当年12月底）")
    evidence: TextList = Field(default_factory=list, description="佐证/成果形式")
    qc_points: list[Id] = Field(default_factory=list, description="对应的教师发展标准质控点")
    status: TaskStatus = Field(default_factory=TaskStatus, description="完成情况")


class SelfAssessment(Model):
    """One year's self-diagnosis (自测自诊): answers to the instrument and indicator values."""

    year: int = Field(ge=1990, le=2100, description="自诊年度")
    date: dt.date | None = Field(default=None, description="填写日期")
    answers: dict[Id, Number] = Field(default_factory=dict, description="问卷题目标识 → 自评分值")
    values: dict[Id, Number] = Field(default_factory=dict, description="指标标识 → 本年度实际值")
    summary: str | None = Field(default=None, description="自我诊断小结")
    measures: TextList = Field(default_factory=list, description="改进措施")


class TeacherPlan(Model):
    """A teacher's three-year development plan (教师个人三年发展规划)."""

    schema_version: SchemaVersion
    kind: Literal["teacher_plan"]
    id: Id
    teacher: Teacher
    period: Period = Field(description="规划期，如 {start: 2026, end: 2028}")
    tier: Tier = Field(description="当前层级：新教师/合格教师/骨干教师/专业带头人")
    tier_goal: Tier = Field(description="规划期末的层级目标")
    instrument: Id = Field(default="teacher-guangxi-4x16", description="自测自诊所用问卷的标识")
    standard: Id | None = Field(default=None, description="仓库中教师发展标准的标识，如 STD-TEACHER（可选）")
    targets: list[TeacherTarget] = Field(default_factory=list)
    self_assessments: list[SelfAssessment] = Field(default_factory=list, description="各年度自测自诊")
    notes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> TeacherPlan:
        seen: set[str] = set()
        for ident in [t.id for t in self.targets] + [i.id for t in self.targets for i in t.indicators if i.id]:
            if ident in seen:
                raise ValueError(f"标识“{ident}”在本规划中重复")
            seen.add(ident)
        years = [a.year for a in self.self_assessments]
        dup = sorted({y for y in years if years.count(y) > 1})
        if dup:
            raise ValueError(f"{'、'.join(map(str, dup))} 年度的自测自诊重复")
        return self


__all__ = [
    "TIERS", "Element", "Instrument", "Module", "Question", "Scale", "SelfAssessment", "SurveyDimension",
    "Teacher", "TeacherPlan", "TeacherTarget", "Tier",
]
