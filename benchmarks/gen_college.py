"""Generate a large, valid plan repository for benchmarks: N departments, each with a
sub-plan, a year of key tasks, a one-page plan, observations and improvement records.

Usage: python benchmarks/gen_college.py OUT_DIR [--departments 200]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SYSTEMS = ["decision", "generation", "resource", "support", "supervision"]
LEVELS = ["school", "program", "course", "teacher", "student"]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(root: Path, departments: int, seed: int = 7) -> Path:
    """Write the repository under ``root`` and return it."""
    rng = random.Random(seed)
    depts = "".join(
        f"  - {{id: d{i:04d}, name: 部门{i:04d}, system: {SYSTEMS[i % 5]}}}\n" for i in range(departments)
    )
    _write(root / "zhengai.yaml", "schema_version: 1\nkind: config\ninstitution: 基准测试职业技术学院\n"
           "period: {start: 2026, end: 2030}\ncurrent_year: 2026\ndepartments:\n" + depts)
    master = ["schema_version: 1\nkind: plan\nid: P-MASTER\ntitle: 总规划\ntype: master\ntargets:\n"]
    for i in range(10):
        master.append(f"  - id: M-{i}\n    level: {LEVELS[i % 5]}\n    statement: 到2030年建成省级项目{i + 2}个\n"
                      f"    owner: d{i % departments:04d}\n    deadline: 2030.12\n    evidence: [验收文件]\n")
    _write(root / "plans/master.yaml", "".join(master))
    std = ["schema_version: 1\nkind: standard\nid: STD-P\nlevel: program\ntitle: 专业标准\ndimensions:\n"]
    for d in range(3):
        std.append(f"  - id: D{d}\n    name: 维度{d}\n    standards:\n")
        for s in range(3):
            std.append(f"      - id: D{d}S{s}\n        name: 标准{d}{s}\n        qc_points:\n")
            for q in range(2):
                std.append(f"          - {{id: Q{d}{s}{q}, name: 质控点{d}{s}{q}, kind: quantitative, unit: '%', "
                           f"direction: up, baseline: 80, target: 90, source: '7.1'}}\n")
    _write(root / "standards/program.yaml", "".join(std))
    for i in range(departments):
        did = f"d{i:04d}"
        base = root / "departments" / did
        _write(base / "plan.yaml", "schema_version: 1\nkind: plan\nid: P-" + did + "\ntitle: 子规划\ntype: department\n"
               f"targets:\n  - id: T-{did}\n    level: program\n    statement: 2026年底前修订人才培养方案3个\n"
               f"    owner: {did}\n    parent: M-{i % 10}\n    deadline: 2026.12\n    qc_points: [Q{i % 3}00]\n"
               f"    indicators:\n      - {{id: I-{did}, name: 证书获取率, unit: '%', baseline: 60, target: 80, "
               f"source: '7.1'}}\n")
        tasks = ["schema_version: 1\nkind: tasks\nyear: 2026\ntasks:\n"]
        for k in range(20):
            state = rng.choice(["done", "in_progress", "not_started"])
            tasks.append(f"  - id: K-{did}-{k}\n    title: 完成第{k + 1}项教学文件的修订与备案\n    class: {'ABC'[k % 3]}\n"
                         f"    parent: T-{did}\n    owner: {did}\n    deadline: 2026.{k % 12 + 1}\n"
                         f"    resources: {{budget: {k % 5 + 1}}}\n    evidence: [制度文本]\n"
                         f"    status: {{state: {state}, progress: {rng.random():.2f}}}\n")
        _write(base / "tasks-2026.yaml", "".join(tasks))
        _write(base / "oppm-2026.yaml", f"schema_version: 1\nkind: oppm\nid: OP-{did}\nyear: 2026\nunit: {did}\n"
               "leader: 负责人\nwork_name: 年度工作\ndate: 2026-03-01\nobjectives: [{id: O1, text: 目标}]\ntasks:\n"
               + "".join(f"  - {{no: '0{t + 1}', title: 任务{t}, objectives: [O1], owner: 教师{t}, "
                         f"schedule: {{planned: [{t + 2}, {t + 3}, {t + 4}]}}, progress: {rng.random():.2f}}}\n"
                         for t in range(6)))
        obs = ["schema_version: 1\nkind: observations\nobservations:\n"]
        for year in (2023, 2024, 2025):
            obs.append(f"  - {{ref: I-{did}, period: '{year}', value: {60 + rng.random() * 20:.1f}}}\n")
        for month in range(1, 7):
            obs.append(f"  - {{ref: Q{i % 3}00, period: 2026-{month:02d}, value: {80 + rng.random() * 12:.1f}}}\n")
        _write(base / "observations-2026.yaml", "".join(obs))
        _write(base / "improvements-2025.yaml", "schema_version: 1\nkind: improvements\ncycle: 2025\nitems:\n"
               f"  - {{id: IMP-{did}, problem: 问题, cause: 原因, measure: 措施, owner: {did}, time_node: 2026.3, "
               "status: in_progress}\n")
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--departments", type=int, default=200)
    args = parser.parse_args()
    generate(args.out, args.departments)


if __name__ == "__main__":
    main()
