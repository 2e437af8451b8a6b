"""Benchmark: ``zhengai diagnose`` of departments, programs and courses (issues 3 and 11).

Measures, in one run, on generated colleges of n, 2n and 4n departments (default
20/40/80; each department has 4 programs of 5 courses, so 4n is 320 programs and 1,600
courses):

- diagnosing one department through the CLI (wall time and peak memory of the process)
  — the whole repository is loaded even for one;
- all departments — loading the repository once and writing each department's
  自我诊改报告 in turn (the library path the annual batch uses: one
  :class:`~zhengai.reports.workspace.Workspace`, ``diagnosis_report`` and
  ``render_markdown`` per department), in one process;
- all programs and courses the same way — ``Diagnoser.diagnose_unit`` for every unit,
  then each unit's report — with the time of the ``diagnose_unit`` calls on their own;
- for both, the time per unit and the ratio of each step (t(2n)/t(n) ≈ 2 means linear);
- beside them, the obvious alternative: a shell loop that starts the CLI once per
  department or unit. That is timed on a sample (``--sample`` of each) and scaled to
  all of them — extrapolated, not run in full.

The one-department and the two one-process runs of every size are taken in turn,
``--repeat`` rounds, and the median of each is shown, so that load which comes and goes
on a shared machine hits them all alike.  Each runs in a fresh interpreter, whose peak
memory is read from its own resource usage.

Usage: python benchmarks/bench_diagnose.py [--departments 20] [--sample 5] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _timing import banner, growth, interleaved, run_cli, table
from gen_college import course_ids, generate, program_ids

ZHENGAI = [sys.executable, "-m", "zhengai"]
AS_OF = "2026-12-20"
PROGRAMS, COURSES = 4, 5
"""Per department and per program in the generated college."""

# One process: load once, diagnose every department (or every program and course), write
# each report; prints the phases' seconds as JSON.
BATCH = """
import datetime as dt, json, sys, time
from pathlib import Path
start = time.perf_counter()
from zhengai.load.repository import load_repository
from zhengai.render.report import render_markdown
from zhengai.reports.diagnosis import diagnosis_report
from zhengai.reports.workspace import Workspace
root, out, what, as_of = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]
repo = load_repository([root])
ws = Workspace(repo, dt.date.fromisoformat(as_of))
ws.diagnoser
loaded = time.perf_counter()
if what == "departments":
    for dept in repo.departments:
        ws.diagnosis(dept)
    diagnosed = time.perf_counter()
    for i, dept in enumerate(repo.departments):
        (out / f"d{i}.md").write_text(render_markdown(diagnosis_report(ws, dept)), encoding="utf-8")
else:
    units = [u for u in repo.units.all if u.kind in ("program", "course")]
    for unit in units:
        ws.unit_diagnosis(unit)
    diagnosed = time.perf_counter()
    for i, unit in enumerate(units):
        report = diagnosis_report(ws, repo.department(unit.department), unit)
        (out / f"u{i}.md").write_text(render_markdown(report), encoding="utf-8")
done = time.perf_counter()
print(json.dumps({"load": loaded - start, "diagnose": diagnosed - loaded, "render": done - diagnosed}))
"""


def timed_process(args: list[str], memory: list[float], phases: list[dict[str, float]] | None = None) -> None:
    """Run a fresh process (exit 0 or 1), noting its peak memory (MiB) and, from its JSON
    output, the phases' times."""
    out = tempfile.TemporaryFile()
    err = tempfile.TemporaryFile()
    proc = subprocess.Popen(args, stdout=out, stderr=err)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    if proc.returncode not in (0, 1):
        raise RuntimeError(err.read().decode("utf-8", "replace"))
    memory.append(usage.ru_maxrss / 1024)
    if phases is not None:
        phases.append(json.loads(out.read().decode("utf-8").strip().splitlines()[-1]))


def unit_ids(departments: int) -> list[str]:
    """Every program and course of the generated college, in declaration order."""
    return [u for i in range(departments) for p in program_ids(i, PROGRAMS) for u in [p, *course_ids(p, COURSES)]]


def loop_seconds(root: Path, names: list[str], sample: int, work: Path) -> float:
    """The CLI once per name, timed on ``sample`` names spread over them, scaled to all."""
    chosen = [names[i * len(names) // sample] for i in range(sample)]
    start = time.perf_counter()
    for i, name in enumerate(chosen):
        run_cli([*ZHENGAI, "diagnose", name, "--root", str(root), "--as-of", AS_OF, "-o", str(work / f"s{i}.md"),
                 "--force"])
    return (time.perf_counter() - start) / sample * len(names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--departments", type=int, default=20, help="n; the runs are n, 2n, 4n")
    parser.add_argument("--sample", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    banner("bench_diagnose")
    work = Path(tempfile.mkdtemp(prefix="zhengai-bench-"))
    try:
        sizes = [args.departments * k for k in (1, 2, 4)]
        runs: list[Callable[[], Any]] = []
        mem: dict[tuple[int, str], list[float]] = {}
        phases: dict[tuple[int, str], list[dict[str, float]]] = {}
        dept_loop: list[float] = []
        unit_loop: list[float] = []
        unit_count: list[int] = []
        for n in sizes:
            root = generate(work / f"college-{n}", n, programs=PROGRAMS, courses=COURSES)
            out = work / f"out-{n}"
            out.mkdir()
            one = [*ZHENGAI, "diagnose", str(root / "departments/d0000"), "--as-of", AS_OF, "-o", str(work / "r.md"),
                   "--force"]
            for what in ("one", "departments", "units"):
                mem[n, what], phases[n, what] = [], []
            runs.append(partial(timed_process, one, mem[n, "one"]))
            runs += [partial(timed_process, [sys.executable, "-c", BATCH, str(root), str(out), what, AS_OF],
                             mem[n, what], phases[n, what]) for what in ("departments", "units")]
            units = unit_ids(n)
            unit_count.append(len(units))
            dept_loop.append(loop_seconds(root, [f"d{i:04d}" for i in range(n)], args.sample, work))
            unit_loop.append(loop_seconds(root, units, args.sample, work))
            print(f"  {n} 个部门：已生成，shell 循环样本已测", file=sys.stderr, flush=True)
        # every size and method in turn, ``--repeat`` rounds: load that comes and goes hits all alike
        medians = interleaved(runs, args.repeat)
        one_t, dept_t, unit_t = medians[0::3], medians[1::3], medians[2::3]

        def peak(n: int, what: str) -> str:
            return f"{statistics.median(mem[n, what]):.0f} MiB"

        def phase(n: int, what: str, name: str) -> float:
            return statistics.median(p[name] for p in phases[n, what])

        rows: list[tuple[str, ...]] = [
            (str(n), f"{o:.2f} s", go, peak(n, "one"), f"{a:.2f} s", f"{a / n * 1000:.1f} ms", ga,
             peak(n, "departments"), f"{lp:.0f} s", gl, f"{lp / a:.0f}×")
            for n, o, go, a, ga, lp, gl in zip(sizes, one_t, growth(one_t), dept_t, growth(dept_t), dept_loop,
                                               growth(dept_loop), strict=True)
        ]
        print(table(rows, ("部门数", "1 个部门（CLI）", "增长", "峰值内存", "全部部门（载入一次）", "每部门", "增长",
                           "峰值内存", f"对照：shell 循环逐个调用 CLI（按 {args.sample} 个外推）", "增长",
                           "快几倍")))
        print()
        diag = [phase(n, "units", "diagnose") for n in sizes]
        rows = [
            (f"{n}（{n * PROGRAMS} 个专业、{u - n * PROGRAMS} 门课程）", f"{a:.2f} s", f"{a / u * 1000:.1f} ms", ga,
             f"{phase(n, 'units', 'load'):.2f} s", f"{d:.2f} s", f"{d / u * 1000:.2f} ms", gd,
             f"{phase(n, 'units', 'render'):.2f} s", peak(n, "units"), f"{lp:.0f} s", gl, f"{lp / a:.0f}×")
            for n, u, a, ga, d, gd, lp, gl in zip(sizes, unit_count, unit_t, growth(unit_t), diag, growth(diag),
                                                  unit_loop, growth(unit_loop), strict=True)
        ]
        print(table(rows, ("部门数（单位）", "全部专业与课程（载入一次）", "每单位", "增长", "其中载入与评分",
                           "其中 diagnose_unit", "每单位", "增长", "其中报告", "峰值内存",
                           f"对照：shell 循环逐个调用 CLI（按 {args.sample} 个外推）", "增长", "快几倍")))
        print("\n增长 = 本行时间 ÷ 上一行时间（规模翻倍）：≈2 为线性，≈4 为平方。")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
