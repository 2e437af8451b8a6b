"""Observations (measured values) and improvement records (the 8-shaped spiral)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from zhengai.models.common import (
    Id,
    Item,
    Model,
    Number,
    Owners,
    ScalarText,
    SchemaVersion,
    Text,
    TextList,
)


class Observation(Item):
    """One measured value of an indicator or QC point for one period."""

    ref: Id = Field(description="指标或质控点标识")
    unit: Id | None = Field(
        default=None,
        description="所属单位：专业、课程、班级代码或教师工号（留空为全校或本部门口径）",
    )
    period: ScalarText = Field(description="期间：2025、2025-06、2025Q2、2025H1、2024-2025学年")
    value: Number | None = Field(default=None, description="定量值")
    conformity: str | None = Field(default=None, description="定性结论：符合/基本符合/不符合/未评")
    source: ScalarText | None = Field(default=None, description="数据来源（平台编号或文件）")
    date: dt.date | None = Field(default=None, description="采集日期")
    evidence: TextList = Field(default_factory=list)
    note: str | None = None

    @model_validator(mode="after")
    def _one_value(self) -> Observation:
        if (self.value is None) == (self.conformity is None):
            raise ValueError("value（定量值）与 conformity（定性结论）必须且只能填写一个")
        return self


class Observations(Model):
    """A file of observations, usually one department's for one year."""

    schema_version: SchemaVersion
    kind: Literal["observations"]
    owner: Owners = Field(default_factory=list)
    observations: list[Observation] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


class Adjustment(Model):
    """目标调整 or 标准修订 decided in an improvement record: the second loop of the 8字螺旋.

    The next cycle's diagnosis reports whether the repository now says so (the target or
    standard file carries the new value from the effective cycle on).
    """

    ref: Id = Field(description="调整的指标或质控点标识（目标的时限调整写目标标识）")
    field: Literal["target", "threshold", "baseline", "deadline"] = Field(
        default="target", description="调整的内容：target 目标值、threshold 底线值、baseline 基线值、deadline 时限")
    value: Number | ScalarText = Field(description="调整后的值")
    reason: Text = Field(description="调整理由")
    effective: int = Field(ge=1990, le=2100, description="自哪一诊改年度起执行")


class Improvement(Item):
    """A problem found in diagnosis with its cause, measure, owner and time node."""

    id: Id
    problem: Text = Field(description="问题")
    cause: Text = Field(description="原因")
    measure: Text = Field(description="改进措施")
    owner: Owners = Field(description="责任部门/责任人")
    time_node: ScalarText = Field(description="完成时间节点")
    status: Literal["planned", "in_progress", "done", "dropped"] = "planned"
    completed: dt.date | None = None
    evidence: TextList = Field(default_factory=list)
    related: list[Id] = Field(default_factory=list, description="相关目标/任务/质控点")
    unit: Id | None = Field(default=None, description="所属专业、课程、班级代码或教师工号（单位自我诊改的改进记录）")
    adjusts: list[Adjustment] = Field(default_factory=list, description="目标调整、标准修订（8字螺旋的第二个循环）")


class Improvements(Model):
    """The improvement records of one diagnosis cycle."""

    schema_version: SchemaVersion
    kind: Literal["improvements"]
    cycle: int = Field(ge=1990, le=2100, description="诊改年度")
    owner: Owners = Field(default_factory=list)
    items: list[Improvement] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
