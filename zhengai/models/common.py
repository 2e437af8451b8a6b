"""Building blocks shared by every file model.

All plain YAML scalars reach the models as text (see :mod:`zhengai.load.yamlsrc`), so the
types here decide what a text means: numbers are parsed from decimal text, booleans
accept only ``true``/``false``, owners may be one text listing several departments.
"""

from __future__ import annotations

import math
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

SCHEMA_VERSION = 1

def _text_of(value: Any) -> Any:
    """Numbers given through the Python API become text (the YAML reader already gives text)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return value


# The JSON Schemas tell editors what a user may *write*: YAML-1.1 editors read 2026.12,
# 7.1 or 012 as numbers, so text fields that often hold such values accept numbers too.
_TEXT_INPUT = str | int | float

Id = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=64, pattern=r"^[^\s/#]+$"),
    BeforeValidator(_text_of, json_schema_input_type=_TEXT_INPUT),
    Field(description="标识符：不含空白、/ 和 #，全库唯一"),
]
"""An identifier: no whitespace, ``/`` or ``#``, unique across the repository."""

ScalarText = Annotated[str, BeforeValidator(_text_of, json_schema_input_type=_TEXT_INPUT)]
"""Text that is often written like a number: deadlines (2026.12), codes (7.1), periods (2026)."""

def _version(value: Any) -> Any:
    """``schema_version: 1`` arrives as the text ``"1"``."""
    return int(value) if isinstance(value, str) and value.isdigit() else value


SchemaVersion = Annotated[
    Literal[1], BeforeValidator(_version, json_schema_input_type=Literal[1]),
    Field(description="文件格式版本，当前为 1"),
]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Non-empty text; surrounding whitespace is dropped."""

_OWNER_SPLIT = re.compile(r"[、，,；;]+")


def _split_owners(value: Any) -> Any:
    """``"教务处、各系（部）"`` → ``["教务处", "各系（部）"]``; lists pass through."""
    if isinstance(value, str):
        return [part.strip() for part in _OWNER_SPLIT.split(value) if part.strip()]
    return value


Owners = Annotated[
    list[Text],
    BeforeValidator(_split_owners, json_schema_input_type=str | list[str]),
    Field(description="责任部门或责任人：部门标识、名称或别名；多个用列表或“、”分隔"),
]


def _strict_bool(value: Any) -> Any:
    """Only ``true``/``false`` are booleans: ``yes``, ``on``, ``no`` are refused."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value in {"true", "True", "false", "False"}:
        return value.lower() == "true"
    raise ValueError("只能写 true 或 false")


StrictBool = Annotated[bool, BeforeValidator(_strict_bool, json_schema_input_type=bool)]


def _number(value: Any) -> Any:
    """Decimal text → float; thousands separators and a trailing % are refused on purpose.

    ``1e400`` is decimal text too but overflows to infinity, which would be scored as
    ``inf%`` and written as ``Infinity`` (not JSON), so only finite numbers pass.
    """
    number = value
    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text):
            raise ValueError(f"“{_clip(value)}”不是数字（只写数值，单位写在 unit 中）")
        number = float(text)
    if isinstance(number, float) and not math.isfinite(number):
        raise ValueError(f"“{_clip(str(value).strip())}”超出数值范围（不能是无穷大或非数字），请写一个有限的数值")
    return number


def _clip(text: str, limit: int = 60) -> str:
    """User text quoted in a message, cut so that a pasted page does not flood the report."""
    return text if len(text) <= limit else text[:limit] + "…"


Number = Annotated[float, BeforeValidator(_number, json_schema_input_type=float)]


def _text_list(value: Any) -> Any:
    """One text is a one-element list (evidence, hints)."""
    if isinstance(value, str):
        return [value]
    return value


TextList = Annotated[list[Text], BeforeValidator(_text_list, json_schema_input_type=str | list[str])]


PeriodType = Literal["自然年", "学年", "时点"]
Frequency = Literal["yearly", "semester", "quarterly", "monthly"]


class Model(BaseModel):
    """Base of all file models: unknown keys are errors (they are usually typos)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)


class Direction(StrEnum):
    """Which way is better for a quantitative indicator."""

    up = "up"
    down = "down"


class Waiver(Model):
    """A rule switched off for one item, with the reason (kept for audit)."""

    code: Text = Field(description="规则编号，如 ZG412")
    reason: Text = Field(description="豁免理由（必填，供审核）")


class Origin(Model):
    """Where an imported item came from in a spreadsheet."""

    file: str | None = None
    sheet: Text
    row: int = Field(ge=1)
    columns: dict[str, str] = Field(
        default_factory=dict, description="字段 → 列字母（如 deadline: F），用于在问题中指出单元格"
    )

    def cell(self, field: str) -> str:
        """``附表!F12`` for a field that came from one cell, else the row ``附表!12:12``;
        sheet names with spaces or punctuation are quoted as Excel does (``'表 1'!F12``)."""
        name = self.sheet
        if re.search(r"[^\w\u4e00-\u9fff]", name):
            name = "'" + name.replace("'", "''") + "'"
        column = self.columns.get(field)
        return f"{name}!{column}{self.row}" if column else f"{name}!{self.row}:{self.row}"


class Item(Model):
    """Fields every identifiable item may carry."""

    waive: list[Waiver] = Field(default_factory=list, description="对本项豁免的规则及理由")
    origin: Origin | None = Field(default=None, description="导入来源（工作表与行号）")
    extra: dict[str, Any] = Field(default_factory=dict, description="导入时未映射的列，原样保留")


class Indicator(Model):
    """A measurable indicator of a target or task (指标)."""

    id: Id | None = Field(default=None, description="指标标识；观测数据通过它关联")
    name: Text = Field(description="指标名称，如 毕业生就业率")
    unit: str | None = Field(default=None, description="单位：%、个、项、门、人、次、万元……")
    direction: Direction = Field(default=Direction.up, description="up 越大越好；down 越小越好")
    baseline: Number | None = Field(default=None, description="基线值（规划起点）")
    target: Number | None = Field(default=None, description="目标值")
    threshold: Number | None = Field(default=None, description="底线值（低于即预警）")
    source: ScalarText | None = Field(default=None, description="数据来源：数据平台编号，如 7.1")
    qc_point: Id | None = Field(default=None, description="对应的质控点标识；本指标没有观测时沿用质控点的观测")
    milestones: dict[int, Number] = Field(
        default_factory=dict, description="年度目标：年份 → 当年目标值（规划期中途按当年目标评分）"
    )
    weight: Number = Field(default=1.0, ge=0, description="汇总权重，默认 1")
    frequency: Frequency = Field(default="yearly", description="观测频次：yearly/semester/quarterly/monthly")


class Resources(Model):
    """Resources named for a task: budget (万元) and people."""

    budget: Number | None = Field(default=None, ge=0, description="预算（万元）")
    people: list[Text] | int | None = Field(default=None, description="人员（名单或人数）")
    note: str | None = None
