"""Fixtures for the survey tests: a small hand-checkable instrument and response files."""

from __future__ import annotations

import csv
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from zhengai.load.instruments import load_instrument
from zhengai.models.people import Instrument

# Dimension A (weight 2): A1 = a1, a2 (reverse); A2 = a3 (weight 2), a4; A2 weighs 3.
# Dimension B (weight 1): B1 = b1, b2 (b2 on its own 1–4 scale).
MINI = """\
schema_version: 1
kind: instrument
id: mini
title: 测试问卷
level: student
standard: 测试标准
scale:
  min: 1
  max: 5
  labels: {完全不符合: 1, 比较不符合: 2, 一般: 3, 比较符合: 4, 完全符合: 5}
standard_line: 60
strength_line: 80
modules:
  - {id: M1, name: 技能特长}
  - {id: M2, name: 志愿公益}
dimensions:
  - id: A
    name: 学业发展
    weight: 2
    modules: [M1]
    elements:
      - id: A1
        name: 学习态度
        items:
          - {id: a1, text: 我按时上课}
          - {id: a2, text: 我经常迟到, reverse: true}
      - id: A2
        name: 专业素质
        weight: 3
        items:
          - {id: a3, text: 我掌握专业技能, weight: 2}
          - {id: a4, text: 我能完成实训项目}
  - id: B
    name: 社会能力发展
    modules: [M2]
    elements:
      - id: B1
        name: 志愿服务
        items:
          - {id: b1, text: 我参加志愿服务}
          - {id: b2, text: 我参加社会实践, scale: {min: 1, max: 4}}
"""

HEADER = ["学号", "班级", "a1", "a2", "a3", "a4", "b1", "b2"]


@pytest.fixture
def mini_path(tmp_path: Path) -> Path:
    """The mini instrument written to a file."""
    path = tmp_path / "mini.yaml"
    path.write_text(MINI, encoding="utf-8")
    return path


@pytest.fixture
def mini(mini_path: Path) -> Instrument:
    """The mini instrument, loaded."""
    return load_instrument(mini_path)


WriteCsv = Callable[..., Path]


@pytest.fixture
def write_csv(tmp_path: Path) -> WriteCsv:
    """Write rows (lists of cells) under a header into a CSV file."""

    def write(rows: list[list[object]], *, header: list[str] | None = None, name: str = "r.csv",
              encoding: str = "utf-8-sig") -> Path:
        path = tmp_path / name
        with path.open("w", newline="", encoding=encoding) as handle:
            writer = csv.writer(handle)
            writer.writerow(header or HEADER)
            writer.writerows([["" if c is None else c for c in row] for row in rows])
        return path

    return write


def dedent(text: str) -> str:
    """textwrap.dedent, for inline YAML."""
    return textwrap.dedent(text)
