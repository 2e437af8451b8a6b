"""``zhengai.yaml``: the college, its plan period, frame, departments and settings."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from zhengai.models.common import Id, Model, Number, SchemaVersion, StrictBool, Text

DEFAULT_LEVELS: list[tuple[str, str]] = [
    ("school", "学校"),
    ("program", "专业"),
    ("course", "课程"),
    ("teacher", "教师"),
    ("student", "学生"),
]
DEFAULT_SYSTEMS: list[tuple[str, str]] = [
    ("decision", "决策指挥"),
    ("generation", "质量生成"),
    ("resource", "资源建设"),
    ("support", "支持服务"),
    ("supervision", "监督控制"),
]
DEFAULT_SLOGAN_WORDS: list[str] = [
    "加强", "进一步", "不断", "积极", "大力", "努力", "逐步", "切实", "全面提升", "有效",
    "着力", "深入", "持续推进", "稳步", "扎实", "充分",
]


class Named(Model):
    """An id with its Chinese name (a level, a system, a program...)."""

    id: Id
    name: Text


class Period(Model):
    """A plan period in whole years, e.g. 2021–2025."""

    start: int = Field(ge=1990, le=2100, description="起始年")
    end: int = Field(ge=1990, le=2100, description="结束年")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"结束年 {self.end} 早于起始年 {self.start}")
        return self


class Program(Model):
    """A program (专业) of an academic department, with its courses."""

    id: Id
    name: Text
    courses: list[Named] = Field(default_factory=list, description="课程")
    classes: list[Named] = Field(default_factory=list, description="班级（学生层面诊改单位，可选）")


class Department(Model):
    """A department (职能部门 or 二级学院/系部) and the system it sits in."""

    id: Id = Field(description="部门标识，如 jwc")
    name: Text = Field(description="部门名称，如 教务处")
    system: Id = Field(description="所属系统（五纵之一），如 generation")
    type: Literal["functional", "academic"] = Field(
        default="functional", description="functional 职能部门；academic 二级学院/系部"
    )
    aliases: list[Text] = Field(default_factory=list, description="别名，如 教务科研处")
    folder: str | None = Field(default=None, description="部门文件夹（默认 departments/<id>）")
    head: str | None = Field(default=None, description="部门负责人")
    programs: list[Program] = Field(default_factory=list, description="所属专业（二级学院）")


class Band(Model):
    """A scoring band: scores at or above ``min`` fall in it."""

    name: Text
    min: Number
    color: Literal["green", "yellow", "red"]


def _default_bands() -> list[Band]:
    return [
        Band(name="达成", min=1.0, color="green"),
        Band(name="基本达成", min=0.8, color="yellow"),
        Band(name="未达成", min=0.0, color="red"),
    ]


class Scoring(Model):
    """How attainment is scored (see the README's formulas)."""

    bands: list[Band] = Field(default_factory=_default_bands, description="达成度分档（从高到低）")
    method: Literal["auto", "ratio", "progress"] = Field(
        default="auto", description="auto：有基线用 progress，否则 ratio"
    )
    allow_over: StrictBool = Field(default=False, description="是否允许超额达成（得分 > 1）")
    scale: dict[str, Number] = Field(
        default_factory=lambda: {"符合": 1.0, "基本符合": 0.6, "不符合": 0.0},
        description="要素符合度量表：等级 → 分值；“未评”视为缺失",
    )
    schedule_tolerance: Number = Field(
        default=0.15, ge=0, le=1, description="一页纸进度落后容差（比例）"
    )
    count_carried: StrictBool = Field(
        default=True, description="结转任务（carried_from）是否计入结转后年度的建设指标完成率"
    )

    @model_validator(mode="after")
    def _bands_descending(self) -> Scoring:
        mins = [b.min for b in self.bands]
        if not mins or mins != sorted(mins, reverse=True):
            raise ValueError("bands 必须按 min 从高到低排列，且至少一档")
        return self


class Reports(Model):
    """How the official reports are written (the working edition always carries everything)."""

    pending_problems: Literal["omit", "sentence"] = Field(
        default="omit",
        description="红色预警尚未登记原因分析时，正式报告“问题与原因”的写法：omit 只列已分析的问题；"
        "sentence 另用一句话说明尚有 N 条预警正在分析（未分析的问题均列入工作底稿的编写清单）",
    )


class Rules(Model):
    """College-wide rule settings."""

    disable: list[Text] = Field(default_factory=list, description="停用的规则编号")
    severity: dict[str, Literal["error", "warning", "info"]] = Field(
        default_factory=dict, description="调整规则级别：编号 → error/warning/info"
    )
    slogan_words: list[Text] = Field(
        default_factory=lambda: list(DEFAULT_SLOGAN_WORDS), description="空泛口号词表"
    )
    jump_factor: Number = Field(
        default=3.0, gt=1, description="目标值超过基线的倍数上限（超过需说明理由）"
    )

    # Rule codes are case-insensitive (zg412 means ZG412): stored upper-case so every
    # reader of the settings (check, diagnose, teacher) compares codes the same way.
    @field_validator("disable", mode="after")
    @classmethod
    def _upper_codes(cls, codes: list[str]) -> list[str]:
        return [code.upper() for code in codes]

    @field_validator("severity", mode="after")
    @classmethod
    def _upper_keys(cls, levels: dict[str, str]) -> dict[str, str]:
        return {code.strip().upper(): level for code, level in levels.items()}


class SurveyFile(Model):
    """One year's student self-test responses, scored into the student level's annual report."""

    year: int = Field(ge=1990, le=2100, description="年度：该年度学生全面发展质量年度报告使用此文件")
    instrument: Text = Field(
        description="问卷：内置问卷标识（如 student-luzhou-5x25，见 zhengai survey list）或仓库中 kind: instrument 问卷的标识"
    )
    responses: Text = Field(description="回答文件（.csv 或 .xlsx），相对仓库根目录的路径")
    by: list[Literal["class", "program", "department"]] = Field(
        default_factory=list, description="分组统计：class 班级、program 专业、department 二级学院（回答文件须有对应列）"
    )


class RepoConfig(Model):
    """The root file ``zhengai.yaml`` of a plan repository."""

    schema_version: SchemaVersion
    kind: Literal["config"]
    institution: Text = Field(description="学校名称")
    period: Period = Field(description="规划期，如 2021–2025")
    current_year: int = Field(ge=1990, le=2100, description="当前年度")
    levels: list[Named] = Field(
        default_factory=lambda: [Named(id=i, name=n) for i, n in DEFAULT_LEVELS],
        description="层面（五横），可按本省框架调整",
    )
    systems: list[Named] = Field(
        default_factory=lambda: [Named(id=i, name=n) for i, n in DEFAULT_SYSTEMS],
        description="系统（五纵），可按本省框架调整",
    )
    departments: list[Department] = Field(description="部门清单")
    groups: dict[str, list[Id]] = Field(
        default_factory=dict, description="部门组：名称 → 部门标识列表，如 各系（部）"
    )
    platform: dict[str, Text] = Field(
        default_factory=dict, description="数据平台项目目录：编号 → 名称；为空时只检查编号格式"
    )
    scoring: Scoring = Field(default_factory=Scoring)
    reports: Reports = Field(default_factory=Reports, description="报告写法")
    rules: Rules = Field(default_factory=Rules)
    use_reference: StrictBool = Field(default=True, description="是否把国家诊断项目参考表作为标准使用")
    surveys: list[SurveyFile] = Field(
        default_factory=list,
        description="学生发展自测回答文件（每年至多一个）：学生全面发展质量年度报告据此计分，并与上一年比较",
    )

    @model_validator(mode="after")
    def _one_survey_a_year(self) -> RepoConfig:
        years = [s.year for s in self.surveys]
        repeated = sorted({y for y in years if years.count(y) > 1})
        if repeated:
            raise ValueError(f"surveys 中 {'、'.join(map(str, repeated))} 年有多个回答文件；每年只能登记一个")
        return self
