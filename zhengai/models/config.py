"""``zhengai.yaml``: the college, its plan period, frame, departments and settings."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from annotated_types import Ge, Le
from pydantic import BeforeValidator, Field, field_validator, model_validator

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


class Appraisal(Model):
    """How the college appraises class A and B tasks during the year (考核性诊断, ``zhengai assess``).

    Each appraised task earns the points of its state; a department's score is the weighted
    mean over its tasks (class weights), on a 100-point scale.
    """

    on_time: Number = Field(default=100, ge=0, le=100, description="按期完成的得分")
    late: Number = Field(default=80, ge=0, le=100, description="延期完成（完成日期晚于时间节点）的得分")
    overdue: Number = Field(default=0, ge=0, le=100, description="逾期未完成的得分")
    behind: Number = Field(default=60, ge=0, le=100, description="未到期但落后于一页纸计划进度的得分")
    on_track: Number = Field(default=100, ge=0, le=100, description="未到期、按一页纸计划推进的得分")
    weight_a: Number = Field(default=1.0, gt=0, description="A 类（规划目标）任务的权重")
    weight_b: Number = Field(default=1.0, gt=0, description="B 类（领导确定的重点工作）任务的权重")


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


class ReviewTier(Model):
    """What a department must meet for one 复核结论 (通过 or 基本通过): every condition given."""

    score: Number = Field(ge=0, description="综合达成度不低于（比例，如 0.9）")
    completion: Number | None = Field(
        default=None, ge=0, le=1, description="建设指标完成率不低于（比例；不写则不要求；没有到期任务时不考查）"
    )
    max_red: int | None = Field(default=None, ge=0, description="红色预警不超过（条；不写则不限）")


def _review_pass() -> ReviewTier:
    return ReviewTier(score=0.9, completion=0.8, max_red=2)


def _review_basic() -> ReviewTier:
    return ReviewTier(score=0.8, completion=0.5, max_red=5)


class Review(Model):
    """The college's rule for the 校内复核报告's conclusions (the README gives the defaults).

    A department with a 综合达成度 passes (通过) when it meets every condition of ``pass``,
    passes basically (基本通过) when it meets every condition of ``basic``, and is
    otherwise set a deadline (限期整改); without a score it is 数据不足.  The report prints,
    per department, the conditions it missed, so a conclusion can be checked against the
    scores shown beside it.
    """

    pass_: ReviewTier = Field(default_factory=_review_pass, alias="pass", description="“通过”的条件")
    basic: ReviewTier = Field(default_factory=_review_basic, description="“基本通过”的条件")

    @model_validator(mode="after")
    def _pass_is_stricter(self) -> Review:
        if self.pass_.score < self.basic.score:
            raise ValueError("review.pass.score 不能低于 review.basic.score")
        return self


def _month(value: Any) -> Any:
    """``"06"`` (as a college writes a month in YAML) → 6; other values as they are."""
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return value


# The schema says integer 1–12 (what editors should suggest); "06" is still read.  An input
# type of int | str would drop the bounds from the schema under pydantic < 2.11.
Month = Annotated[int, Ge(1), Le(12), BeforeValidator(_month)]


class Calendar(Model):
    """The college's working calendar of 诊改 (``zhengai status`` and the dates in the reports' text).

    The year's milestones, each due at the end of its month: the annual key-task
    decomposition (``decomposition``, January), the one-page plans (``oppm``, March), the
    mid-term check (``midterm``, June), the self-diagnosis reports (``self_reports``,
    November) and the annual diagnosis with the December reports (``diagnosis``); between
    them, every department reports its tasks' progress monthly (``monthly_updates``).
    The reports' own dates are computed from the as-of date with these months, so a
    report made in December does not ask for work "7月31日前".
    """

    decomposition: Month = Field(default=1, description="年度目标任务分解所在月份（默认 1 月）：各部门当年任务分解表在该月底前完成")
    oppm: Month = Field(default=3, description="一页纸工作计划所在月份（默认 3 月）：部门及各专业一页纸计划在该月底前完成")
    monthly_updates: StrictBool = Field(
        default=True, description="各部门是否按月报告任务进度（任务分解之后每个已结束的月份，部门须有进度更新）")
    midterm: Month = Field(default=6, description="中期检查所在月份（默认 6 月）；在其他月份生成中期检查报告时批量生成会提示")
    reply_months: int = Field(
        default=1, ge=0, le=6,
        description="中期检查后提交原因分析与赶进度措施的期限：基准日所在月之后第几个月的月底（默认 1，即次月月底）",
    )
    inspections: list[Month] = Field(default_factory=lambda: [9, 11], description="年内专项检查月份（默认 9 月、11 月）")
    self_reports: Month = Field(
        default=11, description="自我诊改报告所在月份（默认 11 月）：各部门、专业的自我诊断数据在该月底前齐备")
    diagnosis: Month = Field(default=12, description="年度诊断与校内复核所在月份（默认 12 月）：质量年度报告数据与本年度改进措施在该月底前齐备")

    @model_validator(mode="after")
    def _in_order(self) -> Calendar:
        months = [self.decomposition, self.oppm, self.midterm, self.self_reports, self.diagnosis]
        if months != sorted(months):
            raise ValueError("calendar 的月份须按 decomposition ≤ oppm ≤ midterm ≤ self_reports ≤ diagnosis 排列")
        return self


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
    appraisal: Appraisal = Field(default_factory=Appraisal, description="年度中的考核性诊断（zhengai assess）评分规则")
    reports: Reports = Field(default_factory=Reports, description="报告写法")
    rules: Rules = Field(default_factory=Rules)
    review: Review = Field(default_factory=Review, description="校内复核结论的判定规则")
    calendar: Calendar = Field(default_factory=Calendar, description="诊改工作日历（中期检查等的月份）")
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
