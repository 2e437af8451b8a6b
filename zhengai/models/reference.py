"""The national diagnosis reference table (诊断项目参考表): items → elements → points."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from zhengai.models.common import Model, SchemaVersion, Text


class RefPoint(Model):
    """A diagnosis point (诊断点) with its hints and platform codes."""

    id: Text
    name: Text
    hints: list[Text] = Field(default_factory=list, description="影响因素参考提示")
    platform: list[Text] = Field(default_factory=list, description="数据管理平台相应编号")


class RefElement(Model):
    """A diagnosis element (诊断要素)."""

    id: Text
    name: Text
    points: list[RefPoint]


class RefItem(Model):
    """A diagnosis item (诊断项目)."""

    id: Text
    name: Text
    elements: list[RefElement]


class Reference(Model):
    """A reference table file."""

    schema_version: SchemaVersion
    kind: Literal["reference"]
    id: Text
    title: Text
    source: str | None = None
    items: list[RefItem]
    notes: list[str] = Field(default_factory=list)
