"""Benchmark: start-up and ``zhengai check`` (issue 2).

Measures, in one run, beside the obvious floor of each:
- ``zhengai --version`` against a bare ``python -c pass`` (interpreter start-up);
- ``zhengai check`` on the example college and on a generated 200-department college,
  against reading the same YAML files with PyYAML's C loader and nothing else.

Usage: python benchmarks/bench_check.py [--departments 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from _timing import median_seconds, run_cli, table
from gen_college import generate

ROOT = Path(__file__).resolve().parents[1]
ZHENGAI = [sys.executable, "-m", "zhengai"]


def pyyaml_only(root: Path) -> None:
    for path in root.rglob("*.yaml"):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--departments", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="zhengai-bench-"))
    try:
        big = generate(work / "college", args.departments)
        files = sum(1 for _ in big.rglob("*.yaml"))
        floor = median_seconds(lambda: run_cli([sys.executable, "-c", "pass"]), args.repeat)
        version = median_seconds(lambda: run_cli([*ZHENGAI, "--version"]), args.repeat)
        example = ROOT / "examples/college"
        ex_check = median_seconds(lambda: run_cli([*ZHENGAI, "check", str(example)]), args.repeat)
        ex_yaml = median_seconds(lambda: pyyaml_only(example), args.repeat)
        big_check = median_seconds(lambda: run_cli([*ZHENGAI, "check", str(big)]), args.repeat)
        big_yaml = median_seconds(lambda: pyyaml_only(big), args.repeat)
        rows = [
            ("`zhengai --version`", f"{version * 1000:.0f} ms", "`python -c pass`", f"{floor * 1000:.0f} ms",
             f"{version / floor:.1f}×"),
            ("`zhengai check examples/college`", f"{ex_check * 1000:.0f} ms", "PyYAML C loader, same files",
             f"{ex_yaml * 1000:.0f} ms", f"{ex_check / ex_yaml:.1f}×"),
            (f"`zhengai check` {args.departments} 个部门（{files} 个文件）", f"{big_check:.2f} s",
             "PyYAML C loader, same files", f"{big_yaml:.2f} s", f"{big_check / big_yaml:.1f}×"),
        ]
        print(table(rows, ("测量", "中位数", "对照", "对照中位数", "倍数")))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
