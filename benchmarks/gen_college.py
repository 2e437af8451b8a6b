"""Generate a large, valid plan repository for benchmarks: N departments, each with a
sub-plan, a year of key tasks, a one-page plan, observations and improvement records.

Every department is a 二级学院 (``type: academic``) with ``--programs`` programs (专业),
each with ``--courses`` courses (课程): 200 departments with the defaults give 800
programs and 4,000 courses.  Each program has a target of its own (``unit:``) under its
department's, some of the department's tasks, and its own series of every QC point of
the program standard (``level: program``) for 2025 and 2026; each course its own series
of every QC point of the course standard (``level: course``) for 2025 and 2026.  The
college-wide series (the departments' indicators, three QC points' monthly values)
have history and 2026 values.  The output is seeded (the same arguments write the same
files) and ``zhengai check`` reports no errors on it.

Usage: python benchmarks/gen_college.py OUT_DIR [--departments 200] [--programs 4] [--courses 5]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SYSTEMS = ["decision", "generation", "resource", "support", "supervision"]
LEVELS = ["school", "program", "course", "teacher", "student"]
PROGRAM_QC = [f"Q{d}{s}{q}" for d in range(3) for s in range(3) for q in range(2)]
"""The program standard's QC points (3 dimensions × 3 standards × 2)."""
COURSE_QC = [f"C{d}{s}{q}" for d in range(2) for s in range(2) for q in range(2)]
"""The course standard's QC points (2 × 2 × 2; the second of each pair is qualitative)."""
CONFORMITY = ["符合", "符合", "符合", "基本符合", "不符合"]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def program_ids(i: int, programs: int) -> list[str]:
    """The program codes of department ``i``."""
    return [f"{i:04d}{j + 1:02d}" for j in range(programs)]


def course_ids(program: str, courses: int) -> list[str]:
    """The course codes of one program."""
    return [f"{program}-C{k + 1:02d}" for k in range(courses)]


def _config(departments: int, programs: int, courses: int) -> str:
    lines = ["schema_version: 1\nkind: config\ninstitution: 基准测试职业技术学院\n"
             "period: {start: 2026, end: 2030}\ncurrent_year: 2026\ndepartments:\n"]
    for i in range(departments):
        lines.append(f"  - id: d{i:04d}\n    name: 部门{i:04d}\n    system: {SYSTEMS[i % 5]}\n    type: academic\n"
                     f"    programs:{'' if programs else ' []'}\n")
        for pid in program_ids(i, programs):
            lines.append(f"      - id: \"{pid}\"\n        name: 第{pid}号专业\n        courses:{'' if courses else ' []'}\n")
            lines += [f"          - {{id: \"{cid}\", name: 第{cid}号课程}}\n" for cid in course_ids(pid, courses)]
    return "".join(lines)


def _standards(root: Path) -> None:
    std = ["schema_version: 1\nkind: standard\nid: STD-P\nlevel: program\ntitle: 专业标准\ndimensions:\n"]
    for d in range(3):
        std.append(f"  - id: D{d}\n    name: 维度{d}\n    standards:\n")
        for s in range(3):
            std.append(f"      - id: D{d}S{s}\n        name: 标准{d}{s}\n        qc_points:\n")
            for q in range(2):
                std.append(f"          - {{id: Q{d}{s}{q}, name: 质控点{d}{s}{q}, kind: quantitative, unit: '%', "
                           f"direction: up, baseline: 80, target: 90, source: '7.1'}}\n")
    _write(root / "standards/program.yaml", "".join(std))
    std = ["schema_version: 1\nkind: standard\nid: STD-C\nlevel: course\ntitle: 课程标准\ndimensions:\n"]
    for d in range(2):
        std.append(f"  - id: CD{d}\n    name: 课程维度{d}\n    standards:\n")
        for s in range(2):
            std.append(f"      - id: CD{d}S{s}\n        name: 课程标准{d}{s}\n        qc_points:\n"
                       f"          - {{id: C{d}{s}0, name: 课程质控点{d}{s}0, kind: quantitative, unit: '%', "
                       "direction: up, baseline: 70, target: 85, source: '7.2'}\n"
                       f"          - {{id: C{d}{s}1, name: 课程质控点{d}{s}1, kind: qualitative, "
                       f"element: 课程要素{d}{s}齐全}}\n")
    _write(root / "standards/course.yaml", "".join(std))


def _unit_observations(rng: random.Random, year: int, programs: list[str], courses: int) -> list[str]:
    """One year of every program's and every course's own series (each unit about its own level,
    so that the units spread over the bands)."""
    obs = []
    for pid in programs:
        level = 82 + rng.random() * 14
        obs += [f"  - {{ref: {q}, unit: \"{pid}\", period: '{year}', value: {level + rng.uniform(-3, 3):.1f}}}\n"
                for q in PROGRAM_QC]
        for cid in course_ids(pid, courses):
            level = 72 + rng.random() * 18
            obs += [f"  - {{ref: {q}, unit: \"{cid}\", period: '{year}', value: {level + rng.uniform(-3, 3):.1f}}}\n"
                    if q.endswith("0") else
                    f"  - {{ref: {q}, unit: \"{cid}\", period: '{year}', conformity: {rng.choice(CONFORMITY)}}}\n"
                    for q in COURSE_QC]
    return obs


def generate(root: Path, departments: int, seed: int = 7, programs: int = 4, courses: int = 5) -> Path:
    """Write the repository under ``root`` and return it."""
    rng = random.Random(seed)
    _write(root / "zhengai.yaml", _config(departments, programs, courses))
    # every QC point is served by a master target, so that none is left unplanned (ZG442)
    served = [PROGRAM_QC[i::10] + COURSE_QC[i::10] for i in range(10)]
    master = ["schema_version: 1\nkind: plan\nid: P-MASTER\ntitle: 总规划\ntype: master\ntargets:\n"]
    for i in range(10):
        master.append(f"  - id: M-{i}\n    level: {LEVELS[i % 5]}\n    statement: 到2030年建成省级项目{i + 2}个\n"
                      f"    owner: d{i % departments:04d}\n    deadline: 2030.12\n    evidence: [验收文件]\n"
                      f"    qc_points: [{', '.join(served[i])}]\n")
    _write(root / "plans/master.yaml", "".join(master))
    _standards(root)
    for i in range(departments):
        did = f"d{i:04d}"
        base = root / "departments" / did
        pids = program_ids(i, programs)
        plan = ["schema_version: 1\nkind: plan\nid: P-" + did + "\ntitle: 子规划\ntype: department\n"
                f"targets:\n  - id: T-{did}\n    level: program\n    statement: 2026年底前修订人才培养方案3个\n"
                f"    owner: {did}\n    parent: M-{i % 10}\n    deadline: 2026.12\n    qc_points: [Q{i % 3}00]\n"
                f"    indicators:\n      - {{id: I-{did}, name: 证书获取率, unit: '%', baseline: 60, target: 80, "
                f"source: '7.1'}}\n"]
        plan += [f"  - id: T-{pid}\n    level: program\n    unit: \"{pid}\"\n    statement: 2026年底前完成专业{pid}"
                 f"人才培养方案修订\n    owner: {did}\n    parent: T-{did}\n    deadline: 2026.12\n"
                 f"    qc_points: [Q{j % 3}{j % 3}0, Q{j % 3}{j % 3}1]\n"
                 for j, pid in enumerate(pids)]
        _write(base / "plan.yaml", "".join(plan))
        tasks = ["schema_version: 1\nkind: tasks\nyear: 2026\ntasks:\n"]
        for k in range(20):
            state = rng.choice(["done", "in_progress", "not_started"])
            # every other task is one program's (its target's), the rest the department's own
            parent, unit = (f"T-{pids[k // 2 % programs]}", f"    unit: \"{pids[k // 2 % programs]}\"\n") \
                if k % 2 == 0 and programs else (f"T-{did}", "")
            tasks.append(f"  - id: K-{did}-{k}\n    title: 完成第{k + 1}项教学文件的修订与备案\n    class: {'ABC'[k % 3]}\n"
                         f"    parent: {parent}\n{unit}    owner: {did}\n    deadline: 2026.{k % 12 + 1}\n"
                         f"    resources: {{budget: {k % 5 + 1}}}\n    evidence: [制度文本]\n"
                         f"    status: {{state: {state}, progress: {rng.random():.2f}}}\n")
        _write(base / "tasks-2026.yaml", "".join(tasks))
        _write(base / "oppm-2026.yaml", f"schema_version: 1\nkind: oppm\nid: OP-{did}\nyear: 2026\nunit: {did}\n"
               "leader: 负责人\nwork_name: 年度工作\ndate: 2026-03-01\nobjectives: [{id: O1, text: 目标}]\ntasks:\n"
               + "".join(f"  - {{no: '0{t + 1}', title: 任务{t}, objectives: [O1], owner: 教师{t}, "
                         f"schedule: {{planned: [{t + 2}, {t + 3}, {t + 4}]}}, progress: {rng.random():.2f}}}\n"
                         for t in range(6)))
        obs = ["schema_version: 1\nkind: observations\nobservations:\n"]
        for year in (2023, 2024, 2025, 2026):
            obs.append(f"  - {{ref: I-{did}, period: '{year}', value: {60 + rng.random() * 20:.1f}}}\n")
        if i < 3:  # the college-wide monthly series of Q000, Q100, Q200: one department observes each
            for month in range(1, 13):
                obs.append(f"  - {{ref: Q{i}00, period: 2026-{month:02d}, value: {80 + rng.random() * 12:.1f}}}\n")
        obs += _unit_observations(rng, 2026, pids, courses)
        _write(base / "observations-2026.yaml", "".join(obs))
        if pids:
            _write(base / "observations-2025.yaml", "schema_version: 1\nkind: observations\nobservations:\n"
                   + "".join(_unit_observations(rng, 2025, pids, courses)))
        _write(base / "improvements-2025.yaml", "schema_version: 1\nkind: improvements\ncycle: 2025\nitems:\n"
               f"  - {{id: IMP-{did}, problem: 问题, cause: 原因, measure: 措施, owner: {did}, time_node: 2026.3, "
               "status: in_progress}\n"
               + (f"  - {{id: IMP-{pids[0]}, problem: 问题, cause: 原因, measure: 措施, owner: {did}, "
                  f"time_node: 2026.6, status: done, completed: 2026-05-20, unit: \"{pids[0]}\"}}\n"
                  if pids else ""))
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--departments", type=int, default=200)
    parser.add_argument("--programs", type=int, default=4, help="programs per department")
    parser.add_argument("--courses", type=int, default=5, help="courses per program")
    args = parser.parse_args()
    generate(args.out, args.departments, programs=args.programs, courses=args.courses)


if __name__ == "__main__":
    main()
