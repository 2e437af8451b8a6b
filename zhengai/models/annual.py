"""The five national annual-report tables (质量年度报告附表), one file per year.

Every 高等职业院校质量年度报告 carries five tables: 计分卡, 教学资源表, 国际影响表,
服务贡献表 and 落实政策表.  Each table is a model whose fields are its rows, in the
national order; a field's ``description`` is the row's Chinese name and its
``json_schema_extra["unit"]`` the unit, so the report, the schema and editors all
read the same names.  Rows a province adds go under ``other``.

Percentages are written as percent numbers (93.5 for 93.5%), like the national forms.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from zhengai.models.common import Model, Number, SchemaVersion, Text


def _row(name: str, unit: str, **kwargs: Any) -> Any:
    return Field(default=None, description=name, json_schema_extra={"unit": unit}, **kwargs)


class ExtraRow(Model):
    """A row the national form does not have (a province's or the college's own)."""

    name: Text = Field(description="项目名称")
    unit: str | None = Field(default=None, description="单位")
    value: Number | None = Field(default=None, description="数值")
    text: str | None = Field(default=None, description="文字（不是数值时）")


class Scorecard(Model):
    """计分卡 (the employment and satisfaction scorecard)."""

    employment_rate: Number | None = _row("就业率", "%", ge=0)
    monthly_income: Number | None = _row("月收入", "元", ge=0)
    major_relevance: Number | None = _row("理工农医类专业相关度", "%", ge=0)
    alumni_satisfaction: Number | None = _row("母校满意度", "%", ge=0)
    entrepreneurship_rate: Number | None = _row("自主创业比例", "%", ge=0)
    employer_satisfaction: Number | None = _row("雇主满意度", "%", ge=0)
    promotion_rate: Number | None = _row("毕业三年职位晋升比例", "%", ge=0)
    other: list[ExtraRow] = Field(default_factory=list, description="其他项目")


class TeachingResources(Model):
    """教学资源表."""

    student_teacher_ratio: Number | None = _row("生师比", ":1", ge=0)
    dual_qualified_share: Number | None = _row("双师素质专任教师比例", "%", ge=0)
    senior_title_share: Number | None = _row("高级专业（技术）职务专任教师比例", "%", ge=0)
    equipment_per_student: Number | None = _row("生均教学科研仪器设备值", "元", ge=0)
    workstations_per_student: Number | None = _row("生均校内实践教学工位数", "个", ge=0)
    practice_area_per_student: Number | None = _row("生均实践场所面积", "平方米", ge=0)
    online_courses: Number | None = _row("网络课程数", "门", ge=0)
    teaching_hours_by_part_time: Number | None = _row("企业兼职教师承担专业课学时比例", "%", ge=0)
    other: list[ExtraRow] = Field(default_factory=list, description="其他项目")


class International(Model):
    """国际影响表."""

    foreign_students: Number | None = _row("全日制国（境）外留学生人数", "人", ge=0)
    foreign_trainees: Number | None = _row("非全日制国（境）外人员培训量", "人日", ge=0)
    student_overseas_days: Number | None = _row("在校生服务“走出去”企业国（境）外实习时间", "人日", ge=0)
    teacher_overseas_days: Number | None = _row("专任教师赴国（境）外指导和开展培训时间", "人日", ge=0)
    teachers_in_foreign_bodies: Number | None = _row("在国（境）外组织担任职务的专任教师人数", "人", ge=0)
    program_standards_adopted: Number | None = _row("开发并被国（境）外采用的专业教学标准数", "个", ge=0)
    course_standards_adopted: Number | None = _row("开发并被国（境）外采用的课程标准数", "个", ge=0)
    overseas_awards: Number | None = _row("国（境）外技能大赛获奖数量", "项", ge=0)
    other: list[ExtraRow] = Field(default_factory=list, description="其他项目")


class ServiceContribution(Model):
    """服务贡献表 (graduates, where they went, funds from services)."""

    enrolled: Number | None = _row("全日制在校生人数", "人", ge=0)
    graduates: Number | None = _row("毕业生人数", "人", ge=0)
    employed: Number | None = _row("其中：就业人数", "人", ge=0)
    local: Number | None = _row("毕业生就业去向：A类：留在当地就业人数", "人", ge=0)
    west_northeast: Number | None = _row("B类：到西部地区和东北地区就业人数", "人", ge=0)
    grassroots: Number | None = _row("C类：到中小微企业等基层服务人数", "人", ge=0)
    top500: Number | None = _row("D类：到500强企业就业人数", "人", ge=0)
    horizontal_funds: Number | None = _row("横向技术服务到款额", "万元", ge=0)
    horizontal_benefit: Number | None = _row("横向技术服务产生的经济效益", "万元", ge=0)
    vertical_funds: Number | None = _row("纵向科研经费到款额", "万元", ge=0)
    transfer_funds: Number | None = _row("技术交易到款额", "万元", ge=0)
    patents: Number | None = _row("知识产权项目数", "项", ge=0)
    training_funds: Number | None = _row("非学历培训到款额", "万元", ge=0)
    public_training: Number | None = _row("公益性培训服务", "人日", ge=0)
    other: list[ExtraRow] = Field(default_factory=list, description="其他项目")


class PolicyImplementation(Model):
    """落实政策表 (funding, staffing, part-time teachers, internships)."""

    funding_per_student: Number | None = _row("年生均财政拨款水平", "元", ge=0)
    special_funding_per_student: Number | None = _row("其中：年生均财政专项经费", "元", ge=0)
    staff_quota: Number | None = _row("教职员工额定编制数", "人", ge=0)
    staff_total: Number | None = _row("在岗教职员工总数", "人", ge=0)
    fulltime_teachers: Number | None = _row("其中：专任教师总数", "人", ge=0)
    part_time_hours: Number | None = _row("企业兼职教师年课时总量", "课时", ge=0)
    part_time_pay: Number | None = _row("年支付企业兼职教师课酬", "万元", ge=0)
    internship_insurance: Number | None = _row("生均顶岗实习责任保险投入", "元", ge=0)
    teacher_practice_days: Number | None = _row("专任教师企业实践总天数", "人日", ge=0)
    other: list[ExtraRow] = Field(default_factory=list, description="其他项目")


TABLES: dict[str, tuple[str, type[Model]]] = {
    "scorecard": ("计分卡", Scorecard),
    "resources": ("教学资源表", TeachingResources),
    "international": ("国际影响表", International),
    "service": ("服务贡献表", ServiceContribution),
    "policy": ("落实政策表", PolicyImplementation),
}
"""Key in the file → (Chinese table name, model), in the national order."""


class AnnualTables(Model):
    """One year's national annual-report tables of the college."""

    schema_version: SchemaVersion
    kind: Literal["annual"]
    year: int = Field(ge=1990, le=2100, description="数据年度（报告年度）")
    scorecard: Scorecard | None = Field(default=None, description="计分卡")
    resources: TeachingResources | None = Field(default=None, description="教学资源表")
    international: International | None = Field(default=None, description="国际影响表")
    service: ServiceContribution | None = Field(default=None, description="服务贡献表")
    policy: PolicyImplementation | None = Field(default=None, description="落实政策表")
    source: str | None = Field(default=None, description="数据来源（如 状态数据平台 2026 年采集）")
    notes: list[str] = Field(default_factory=list)


__all__ = ["TABLES", "AnnualTables", "ExtraRow"]
