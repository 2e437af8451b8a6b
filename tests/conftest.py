"""Shared fixtures: a minimal valid repository written into a temporary folder."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

CONFIG = """\
schema_version: 1
kind: config
institution: 测试职业技术学院
period: {start: 2026, end: 2030}
current_year: 2026
departments:
  - id: jwc
    name: 教务处
    system: generation
    aliases: [教务科研处]
  - id: zdc
    name: 质量督导处
    system: supervision
"""

MASTER = """\
schema_version: 1
kind: plan
id: P-MASTER
title: 事业发展总规划
type: master
owner: 质量督导处
targets:
  - id: T-M-01
    level: school
    statement: 到2030年毕业生就业率达到95%以上
    owner: 教务处
    deadline: 2030.12
    indicators:
      - id: IND-EMP
        name: 毕业生就业率
        unit: '%'
        baseline: 92
        target: 95
"""

WriteRepo = Callable[..., Path]


@pytest.fixture
def write_repo(tmp_path: Path) -> WriteRepo:
    """Write a repository: the minimal config and master plan plus ``files`` (path → text)."""

    def write(files: dict[str, str | bytes] | None = None, *, config: str = CONFIG,
              master: str | None = MASTER) -> Path:
        root = tmp_path / "repo"
        root.mkdir(exist_ok=True)
        all_files: dict[str, str | bytes] = {"zhengai.yaml": config}
        if master is not None:
            all_files["plans/master.yaml"] = master
        all_files.update(files or {})
        for rel, content in all_files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content), encoding="utf-8")
        return root

    return write
