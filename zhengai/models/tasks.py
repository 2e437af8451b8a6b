"""Annual key tasks (学院年度重点工作任务分解表)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from zhengai.models.common import (
    Id,
    Indicator,
    Item,
    Model,
    Number,
    Owners,
    Resources,
    ScalarText,
    SchemaVersion,
    Text,
    TextList,
)

_STATES = {
    "未开始": "not_started",
    "进行中": "in_progress",
    "已完成": "done",
    "完成": "done",
    "已取消": "dropped",
    "取消": "dropped",
}


def _state(value: Any) -> Any:
    """Chinese state words are accepted beside the English ids."""
    return _STATES.get(value, value) if isinstance(value, str) else value


_STATE_IDS = Literal["not_started", "in_progress", "done", "dropped"]
State = Annotated[
    _STATE_IDS,
    BeforeValidator(_state, json_schema_input_type=_STATE_IDS | Literal["未开始", "进行中", "已完成", "完成", "已取消", "取消"]),
]


class IndicatorLevel(Model):
    """One indicator (一级/二级/三级指标) of a key task.

    A task's ``levels`` are its indicator tree written out in order (each 二级 under the
    一级 before it, each 三级 under the 二级 before it): Guangxi 表1 gives one 工作任务 several
    二级 and 三级指标 rows, each with its own time node.  ``level`` says which one an entry
    is; without it the entries are 一级, 二级, 三级 in that order (files written before
    ``level`` existed have at most three entries and load unchanged).
    """

    level: int | None = Field(
        default=None, ge=1, le=3, description="指标级别：1 一级、2 二级、3 三级；不写时按顺序为一、二、三级"
    )
    content: Text = Field(description="工作内容")
    category: str | None = Field(default=None, description="指标类别")
    owner: Owners = Field(default_factory=list, description="责任部门")
    head: str | None = Field(default=None, description="部门负责人")
    time_node: ScalarText | None = Field(default=None, description="时间节点")


class Update(Model):
    """A progress report on a task."""

    date: dt.date
    progress: Number = Field(ge=0, le=1, description="进度 0–1")
    note: str | None = None


class TaskStatus(Model):
    """Where a task stands."""

    state: State = "not_started"
    progress: Number = Field(default=0.0, ge=0, le=1, description="进度 0–1")
    completed: dt.date | None = Field(default=None, description="完成日期")
    evidence: TextList = Field(default_factory=list)
    updates: list[Update] = Field(default_factory=list)


class KeyTask(Item):
    """An annual key task, class A (plan target), B (leadership) or C (routine)."""

    id: Id
    title: Text = Field(description="工作任务")
    class_: Literal["A", "B", "C"] = Field(
        alias="class", description="A 规划目标任务；B 领导确定的重点工作；C 常规工作"
    )
    parent: Id | None = Field(default=None, description="对应的规划目标标识")
    owner: Owners = Field(default_factory=list, description="牵头部门")
    levels: list[IndicatorLevel] = Field(
        default_factory=list,
        description="一级/二级/三级指标，按顺序写出（每个二级指标在其一级之后，三级在其二级之后）；"
        "同一级有多项时写 level",
    )
    deadline: ScalarText | None = Field(default=None, description="完成时限")
    outcome: str | None = Field(default=None, description="预期成效")
    leader: str | None = Field(default=None, description="分管领导")
    resources: Resources | None = Field(default=None, description="经费与人员")
    indicators: list[Indicator] = Field(default_factory=list)
    evidence: TextList = Field(default_factory=list, description="成果形式/考核依据")
    qc_points: list[Id] = Field(default_factory=list)
    work_items: list[Id] = Field(
        default_factory=list, description="落实的岗位工作标识（C 类常规工作对应部门职责中的岗位工作）"
    )
    carried_from: int | None = Field(
        default=None, ge=1990, le=2100, description="结转自哪一年度（上年未完成、本年继续的任务）"
    )
    unit: Id | None = Field(default=None, description="所属专业或课程代码（专业、课程建设任务）")
    status: TaskStatus = Field(default_factory=TaskStatus)

    @model_validator(mode="after")
    def _level_tree(self) -> KeyTask:
        """Each entry's level is known, and none is deeper than one below the entry before."""
        before = 0
        for i, entry in enumerate(self.levels):
            if entry.level is None and i >= 3:
                raise ValueError(f"levels 第 {i + 1} 项没有写 level：超过三项时每项都要写 level（1、2 或 3）")
            level = level_of(self.levels, i)
            if level > before + 1:
                raise ValueError(f"levels 第 {i + 1} 项是 {level} 级指标，但它前面没有 {level - 1} 级指标")
            before = level
        return self


def level_of(levels: list[IndicatorLevel], index: int) -> int:
    """The level (1–3) of ``levels[index]``: its ``level``, else its position (一、二、三级)."""
    entry = levels[index]
    return entry.level if entry.level is not None else index + 1


class TaskFile(Model):
    """A year's key-task decomposition of the college or one department."""

    schema_version: SchemaVersion
    kind: Literal["tasks"]
    year: int = Field(ge=1990, le=2100)
    title: str | None = Field(default=None, description="表名（可选），如 教务处2026年度重点工作任务分解表")
    owner: Owners = Field(default_factory=list, description="本表所属部门（可选）")
    tasks: list[KeyTask] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
