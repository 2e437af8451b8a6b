"""One-page plans (一页纸工作计划报表)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, field_validator

from zhengai.models.common import Id, Item, Model, Number, Owners, ScalarText, SchemaVersion, Text


class Objective(Model):
    """A project objective of a one-page plan."""

    id: Id
    text: Text
    target: Id | None = Field(default=None, description="对应的目标或年度任务标识")


class Schedule(Model):
    """Months (1–12) in which a task is planned and in which it was actually worked."""

    planned: list[int] = Field(default_factory=list, description="计划月份")
    actual: list[int] = Field(default_factory=list, description="实际完成的月份")

    @field_validator("planned", "actual")
    @classmethod
    def _months(cls, months: list[int]) -> list[int]:
        bad = [m for m in months if not 1 <= m <= 12]
        if bad:
            raise ValueError(f"月份必须在 1–12 之间：{bad}")
        return sorted(set(months))


class OppmTask(Item):
    """A main task (01–06…) of a one-page plan."""

    no: ScalarText = Field(description="序号，如 01")
    title: Text
    objectives: list[Id] = Field(default_factory=list, description="服务的目标编号")
    owner: Owners = Field(default_factory=list)
    priority: Literal["A", "B", "C"] | None = None
    schedule: Schedule = Field(default_factory=Schedule)
    progress: Number = Field(default=0.0, ge=0, le=1, description="进度 0–1")
    task: Id | None = Field(default=None, description="对应的年度重点任务")


class CostLine(Model):
    """A cost line, e.g. 培训经费 2 万元."""

    item: Text
    amount: Number = Field(ge=0)
    unit: str = "万元"


class Oppm(Model):
    """A one-page plan of a department, program, course, teacher or class."""

    schema_version: SchemaVersion
    kind: Literal["oppm"]
    id: Id
    year: int = Field(ge=1990, le=2100)
    unit: Text = Field(description="所属部门（标识或名称）")
    unit_type: Literal["department", "program", "course", "teacher", "class"] = "department"
    unit_name: str | None = Field(default=None, description="专业/课程/教师/班级名称")
    leader: Text = Field(description="项目领导")
    work_name: Text = Field(description="工作名称")
    date: dt.date = Field(description="填报日期")
    objectives: list[Objective] = Field(default_factory=list)
    tasks: list[OppmTask] = Field(default_factory=list)
    costs: list[CostLine] = Field(default_factory=list)
    summary: str | None = Field(default=None, description="概述与预测")
    notes: list[str] = Field(default_factory=list)
