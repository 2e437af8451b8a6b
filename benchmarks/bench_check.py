"""Benchmark: start-up and ``zhengai check`` (issue 2).

Measures, in one run, beside the obvious floor of each:
- ``zhengai --version`` against a bare ``python -c pass`` (interpreter start-up);
- ``zhengai check`` on the example college, against reading the same YAML files with
  PyYAML's C loader and nothing else;
- the scaling: ``zhengai check`` on generated colleges of n, 2n and 4n departments
  (default 50/100/200; each department has 4 programs of 5 courses, each program and
  course its own observations of its standard's QC points for two years, so 4n is 800
  programs and 4,000 courses), in a plain folder and in a git work tree (where ``.gitignore``
  is asked of ``git check-ignore``), beside the PyYAML C loader on the same files, with
  the time per file and the ratio of each step (t(2n)/t(n) ≈ 2 means linear). Every
  size and method is run in turn, ``--repeat`` rounds, and the median of each is shown,
  so that load which comes and goes on a shared machine hits them all alike.

Usage: python benchmarks/bench_check.py [--departments 50] [--repeat 5]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from _timing import banner, growth, interleaved, run_cli, table
from gen_college import generate

PROGRAMS, COURSES = 4, 5
"""Per department and per program in the generated college."""

ROOT = Path(__file__).resolve().parents[1]
ZHENGAI = [sys.executable, "-m", "zhengai"]


def pyyaml_only(root: Path) -> None:
    for path in root.rglob("*.yaml"):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--departments", type=int, default=50, help="n; the scaling runs n, 2n, 4n")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    banner("bench_check")
    work = Path(tempfile.mkdtemp(prefix="zhengai-bench-"))
    try:
        example = ROOT / "examples/college"
        floor, version, ex_check, ex_yaml = interleaved([
            lambda: run_cli([sys.executable, "-c", "pass"]), lambda: run_cli([*ZHENGAI, "--version"]),
            lambda: run_cli([*ZHENGAI, "check", str(example)]), lambda: pyyaml_only(example),
        ], args.repeat)
        ex_files = sum(1 for _ in example.rglob("*.yaml"))
        rows: list[tuple[str, ...]] = [
            ("`zhengai --version`", f"{version * 1000:.0f} ms", "`python -c pass`", f"{floor * 1000:.0f} ms",
             f"{version / floor:.1f}×"),
            (f"`zhengai check examples/college`（{ex_files} 个文件）", f"{ex_check * 1000:.0f} ms",
             "PyYAML C loader，同一批文件", f"{ex_yaml * 1000:.0f} ms", f"{ex_check / ex_yaml:.1f}×"),
        ]
        print(table(rows, ("测量", "中位数", "对照", "对照中位数", "倍数")), flush=True)
        print()

        sizes = [args.departments * k for k in (1, 2, 4)]
        files: list[int] = []
        runs: list[Callable[[], Any]] = []
        for n in sizes:
            college = generate(work / f"college-{n}", n, programs=PROGRAMS, courses=COURSES)
            tree = generate(work / f"git-{n}", n, programs=PROGRAMS, courses=COURSES)
            subprocess.run(["git", "init", "-q", str(tree)], check=True)
            files.append(sum(1 for _ in college.rglob("*.yaml")))
            runs += [partial(run_cli, [*ZHENGAI, "check", str(college)]),
                     partial(run_cli, [*ZHENGAI, "check", str(tree)]),
                     partial(pyyaml_only, college)]
        # every size and method in turn, ``--repeat`` rounds: load that comes and goes hits all alike
        medians = interleaved(runs, args.repeat)
        plain, in_git, loader = medians[0::3], medians[1::3], medians[2::3]
        g_plain, g_git, g_loader = growth(plain), growth(in_git), growth(loader)
        rows = [
            (f"{n}（{n * PROGRAMS} 个专业、{n * PROGRAMS * COURSES} 门课程，{f} 个文件）", f"{p:.2f} s", f"{p / f * 1000:.2f} ms", gp, f"{g:.2f} s", gg,
             f"{y:.2f} s", gy, f"{p / y:.1f}×")
            for n, f, p, gp, g, gg, y, gy in zip(sizes, files, plain, g_plain, in_git, g_git, loader, g_loader,
                                                   strict=True)
        ]
        print(table(rows, ("部门数（单位，文件）", "check（普通文件夹）", "每文件", "增长", "check（git 工作树）", "增长",
                           "PyYAML C loader", "增长", "check ÷ loader")))
        print("\n增长 = 本行时间 ÷ 上一行时间（规模翻倍）：≈2 为线性，≈4 为平方。")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
