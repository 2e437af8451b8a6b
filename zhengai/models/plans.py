"""Plans and their targets: the target chain (目标链)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from zhengai.models.common import (
    Id,
    Indicator,
    Item,
    Model,
    Owners,
    Resources,
    ScalarText,
    SchemaVersion,
    Text,
    TextList,
)
from zhengai.models.config import Period


class Target(Item):
    """A target (目标) of a plan; it traces up to a parent target."""

    id: Id
    title: str | None = Field(default=None, description="简称（可选），用于报告和提示")
    level: Id = Field(description="层面：school/program/course/teacher/student（或本校配置）")
    statement: Text = Field(description="目标表述")
    owner: Owners = Field(default_factory=list, description="责任部门/责任人")
    parent: Id | None = Field(default=None, description="上级目标标识（总规划目标可为空）")
    indicators: list[Indicator] = Field(default_factory=list, description="量化指标")
    deadline: ScalarText | None = Field(default=None, description="完成时限/时间节点，如 2025.12、每年12月")
    evidence: TextList = Field(default_factory=list, description="佐证/成果形式，如 规划文本")
    qc_points: list[Id] = Field(default_factory=list, description="服务的质控点")
    resources: Resources | None = None
    unit: Id | None = Field(default=None, description="所属专业或课程代码（默认取规划的 unit）")


class Plan(Model):
    """A plan file: master plan, special plan, department sub-plan."""

    schema_version: SchemaVersion
    kind: Literal["plan"]
    id: Id
    title: Text = Field(description="规划名称")
    type: Literal["master", "special", "department"] = Field(
        description="master 总规划；special 专项规划；department 部门/二级学院子规划"
    )
    owner: Owners = Field(default_factory=list)
    parent: Id | None = Field(default=None, description="上级规划标识")
    unit: Id | None = Field(default=None, description="所属专业或课程代码（各专业建设规划、课程建设规划）")
    period: Period | None = Field(default=None, description="规划期（默认与学校一致）")
    targets: list[Target] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
