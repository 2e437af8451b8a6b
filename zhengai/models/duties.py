"""Job standards (系统工作包): a department's duties, the work that carries them out, its standards.

The chain is 部门职责 → 岗位工作 → 工作标准 (Guangxi 表4 岗位说明书; Luzhou 表1–3 职责厘清一览表,
岗位工作一览表, 科室岗位工作标准一览表; Shaoyang 表5 部门工作标准一览表): each duty (职责, with its
type) is made concrete as work items (具体化的工作), each owned by a post in an office (岗位,
科室; 协助部门) and held to a work standard (工作标准).  Class C tasks name the work items they
carry out (``work_items``), so the routine work of the year traces back to the duties.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from zhengai.models.common import Id, Item, Model, Owners, SchemaVersion, Text


class WorkItem(Item):
    """One concrete piece of work (岗位工作) with its owner post and its standard."""

    id: Id
    content: Text = Field(description="工作内容（具体化的工作）")
    post: str | None = Field(default=None, description="责任岗位，如 教学运行科科长")
    office: str | None = Field(default=None, description="责任科室，如 教学运行科")
    assist: Owners = Field(default_factory=list, description="协助部门")
    standard: str | None = Field(default=None, description="工作标准（做到什么程度、何时、有何成果）")
    frequency: str | None = Field(default=None, description="工作周期，如 每学期、每月")


class Duty(Item):
    """A duty of the department (部门职责) and the work items that carry it out."""

    id: Id
    title: Text = Field(description="职责")
    type: str | None = Field(default=None, description="职责类型，如 决策、执行、监督、服务")
    items: list[WorkItem] = Field(default_factory=list, description="具体化的岗位工作")


class Post(Model):
    """The post a 岗位说明书 describes (Guangxi 表4: 基本信息 and 任职资格要求)."""

    name: str | None = Field(default=None, description="岗位名称，如 教学管理岗")
    headcount: str | None = Field(default=None, description="定员，如 1 人")
    coefficient: str | None = Field(default=None, description="岗位系数")
    superior: str | None = Field(default=None, description="直接上级")
    subordinate: str | None = Field(default=None, description="直接下级")
    requirements: dict[str, str] = Field(
        default_factory=dict, description="任职资格要求：栏目 → 要求，如 学历/职称、专业知识和技能、工作经验、资格证书"
    )


class Duties(Model):
    """A department's duties and job standards (岗位说明书、部门工作标准一览表)."""

    schema_version: SchemaVersion
    kind: Literal["duties"]
    owner: Owners = Field(default_factory=list, description="所属部门")
    title: str | None = Field(default=None, description="表名（可选），如 教务处岗位说明书")
    post: Post | None = Field(default=None, description="岗位说明书所写的岗位（基本信息、任职资格要求）")
    duties: list[Duty] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


__all__ = ["Duties", "Duty", "Post", "WorkItem"]
