"""Problems with causes: the official 问题与原因 lists only problems analysed in this cycle's
improvement records; the red warnings no record analyses go to the working edition's 编写清单,
and ``reports.pending_problems: sentence`` adds one sentence about them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from zhengai.load.repository import load_repository
from zhengai.render.report import render_report
from zhengai.reports.official import forbidden_tokens
from zhengai.reports.registry import build
from zhengai.reports.workspace import Workspace

MINI = Path(__file__).parent / "fixtures" / "mini"
DAY = dt.date(2026, 7, 15)

RECORD = """schema_version: 1
kind: improvements
cycle: 2026
owner: 教务处
items:
  - id: IMP-2026-01
    problem: 人才培养方案修订滞后
    cause: 行业企业调研安排在学期末，方案论证会推迟
    measure: 调研前移至每年3月，按专业群集中论证
    owner: 教务处
    time_node: 2026.9
    related: [K1]
"""


def _reports(tmp_path: Path, pending: str | None) -> dict[str, str]:
    root = tmp_path / "repo"
    shutil.copytree(MINI, root)
    (root / "departments" / "jwc" / "improvements-2026.yaml").write_text(RECORD, encoding="utf-8")
    if pending is not None:
        config = root / "zhengai.yaml"
        config.write_text(config.read_text(encoding="utf-8") + f"reports:\n  pending_problems: {pending}\n",
                          encoding="utf-8")
    ws = Workspace(load_repository([root]), DAY)
    data = build(ws, "diagnosis", "jwc")
    return {fmt: blob.decode("utf-8") for fmt, blob in render_report(data, ["md", "audit"]).items()}


@pytest.mark.parametrize("pending", [None, "omit", "sentence"])
def test_official_problems_are_the_analysed_ones(tmp_path: Path, pending: str | None) -> None:
    out = _reports(tmp_path, pending)
    official, audit = out["md"], out["audit"]
    section = official.split("### （四）问题与原因", 1)[1].split("## 五、", 1)[0]
    assert "1. 人才培养方案修订滞后。原因：行业企业调研安排在学期末，方案论证会推迟" in section
    assert "技能证书考点" not in section and "待分析" not in official and "【建议】" not in official
    # K1's overdue warning is analysed by the record's related; the other three red warnings are pending
    assert ("另有 3 条红色预警的原因正在分析" in section) == (pending == "sentence")
    assert not forbidden_tokens(official)
    checklist = audit.split("## 编写清单", 1)[1].split("## 一、", 1)[0]
    assert checklist.count("| 原因未分析 |") == 3
    assert "每年5月完成技能证书考点申报" in checklist and "修订专业人才培养方案12个" not in checklist
    assert "departments/jwc/tasks-2026.yaml:" in checklist
