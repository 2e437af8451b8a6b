"""The standard chain (标准链): level → dimensions → standards → QC points."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from zhengai.models.common import (
    Direction,
    Frequency,
    Id,
    Item,
    Model,
    Number,
    Owners,
    PeriodType,
    ScalarText,
    SchemaVersion,
    Text,
    TextList,
)


class QCPoint(Item):
    """A quality-control point, judged quantitatively or qualitatively."""

    id: Id
    name: Text
    kind: Literal["quantitative", "qualitative"] = Field(
        description="quantitative 指标满足度；qualitative 要素符合度"
    )
    unit: str | None = None
    direction: Direction | None = Field(default=None, description="up 越大越好；down 越小越好")
    baseline: Number | None = None
    target: Number | None = Field(default=None, description="目标值")
    threshold: Number | None = Field(default=None, description="底线/阈值")
    source: ScalarText | None = Field(default=None, description="数据平台编号，如 7.1")
    milestones: dict[int, Number] = Field(default_factory=dict, description="年度目标：年份 → 当年目标值")
    period_type: PeriodType | None = Field(default=None, description="统计口径：自然年/学年/时点")
    frequency: Frequency = Field(default="yearly", description="观测频次：yearly/semester/quarterly/monthly")
    element: str | None = Field(default=None, description="定性：要求具备的要素")
    evidence: TextList = Field(default_factory=list)
    scale: dict[str, Number] | None = Field(default=None, description="本质控点专用的符合度量表")
    weight: Number = Field(default=1.0, ge=0)
    owner: Owners = Field(default_factory=list)

    @model_validator(mode="after")
    def _kind_fields(self) -> QCPoint:
        if self.kind == "qualitative" and not self.element:
            raise ValueError("定性质控点必须写明要素（element）")
        if self.kind == "quantitative" and self.target is None and self.threshold is None:
            raise ValueError("定量质控点必须有目标值（target）或阈值（threshold）")
        return self


class StandardItem(Item):
    """A standard (标准) under a dimension."""

    id: Id
    name: Text
    type: Literal["basis", "process", "guarantee", "performance", "assessment"] | None = Field(
        default=None, description="标准类型：制定依据/流程/保障/绩效/考核"
    )
    weight: Number = Field(default=1.0, ge=0)
    qc_points: list[QCPoint] = Field(default_factory=list)


class Dimension(Model):
    """A dimension (维度) of a level's standard."""

    id: Id
    name: Text
    weight: Number = Field(default=1.0, ge=0)
    standards: list[StandardItem] = Field(default_factory=list)


class Standard(Model):
    """The standard of one level (or of a department's jobs)."""

    schema_version: SchemaVersion
    kind: Literal["standard"]
    id: Id
    level: Id
    title: Text
    owner: Owners = Field(default_factory=list)
    dimensions: list[Dimension] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
