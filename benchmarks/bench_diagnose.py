"""Benchmark: ``zhengai diagnose`` (issue 3).

Measures, in one run, on generated colleges of n, 2n and 4n departments (default
100/200/400):

- diagnosing one department through the CLI (wall time; peak memory of a process that
  does the same through the library) — the whole repository is loaded even for one;
- all departments — loading the repository once and diagnosing each department in turn
  (the library path the annual batch uses), with the time per department and the ratio
  of each step (t(2n)/t(n) ≈ 2 means linear);
- beside it, the obvious alternative: a shell loop that starts the CLI once per
  department. That is timed on a sample (``--sample`` departments) and scaled to all
  departments — extrapolated, not run in full.

The one-department and all-departments runs of every size are taken in turn,
``--repeat`` rounds, and the median of each is shown, so that load which comes and goes
on a shared machine hits them all alike.

Usage: python benchmarks/bench_diagnose.py [--departments 100] [--sample 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _timing import banner, growth, interleaved, peak_rss_mib, run_cli, table
from gen_college import generate

ZHENGAI = [sys.executable, "-m", "zhengai"]
AS_OF = "2026-07-15"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--departments", type=int, default=100, help="n; the runs are n, 2n, 4n")
    parser.add_argument("--sample", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    banner("bench_diagnose")
    work = Path(tempfile.mkdtemp(prefix="zhengai-bench-"))
    try:
        sizes = [args.departments * k for k in (1, 2, 4)]
        one_m, all_m, loop_t, runs = [], [], [], []

        def all_in_process(root: Path) -> None:
            from zhengai.load.repository import load_repository
            from zhengai.render.markdown import render_template, report_context
            from zhengai.score.diagnosis import Diagnoser

            repo = load_repository([root])
            diagnoser = Diagnoser(repo, dt.date.fromisoformat(AS_OF))
            for dept in repo.departments:
                render_template("diagnosis.md.j2", report_context(diagnoser.diagnose(dept)))

        for n in sizes:
            root = generate(work / f"college-{n}", n)
            one = [*ZHENGAI, "diagnose", str(root / "departments/d0000"), "--as-of", AS_OF, "-o",
                   str(work / "r.md"), "--force"]
            runs += [lambda one=one: run_cli(one), lambda root=root: all_in_process(root)]
            one_m.append(peak_rss_mib(
                "import datetime as dt\nfrom pathlib import Path\nfrom zhengai.load.repository import load_repository\n"
                "from zhengai.score.diagnosis import diagnose\nfrom zhengai.render.markdown import render_template, report_context\n"
                f"repo = load_repository([Path({str(root)!r})])\n"
                f"d = diagnose(repo, repo.department('d0000'), dt.date.fromisoformat({AS_OF!r}))\n"
                "render_template('diagnosis.md.j2', report_context(d))"
            ))
            all_m.append(peak_rss_mib(
                "import datetime as dt\nfrom pathlib import Path\n"
                "from zhengai.load.repository import load_repository\nfrom zhengai.score.diagnosis import Diagnoser\n"
                "from zhengai.render.markdown import render_template, report_context\n"
                f"repo = load_repository([Path({str(root)!r})])\n"
                f"dg = Diagnoser(repo, dt.date.fromisoformat({AS_OF!r}))\n"
                "[render_template('diagnosis.md.j2', report_context(dg.diagnose(d))) for d in repo.departments]"
            ))
            start = time.perf_counter()
            for i in range(args.sample):
                run_cli([*ZHENGAI, "diagnose", str(root / f"departments/d{i * n // args.sample:04d}"), "--as-of",
                         AS_OF, "-o", str(work / f"s{i}.md"), "--force"])
            loop_t.append((time.perf_counter() - start) / args.sample * n)
            print(f"  {n} 个部门完成", file=sys.stderr, flush=True)
        # every size and method in turn, ``--repeat`` rounds: load that comes and goes hits all alike
        medians = interleaved(runs, args.repeat)
        one_t, all_t = medians[0::2], medians[1::2]
        rows = [
            (str(n), f"{o:.2f} s", go, f"{om:.0f} MiB", f"{a:.2f} s", f"{a / n * 1000:.1f} ms", ga, f"{am:.0f} MiB",
             f"{lp:.0f} s", gl, f"{lp / a:.0f}×")
            for n, o, go, om, a, ga, am, lp, gl in zip(sizes, one_t, growth(one_t), one_m, all_t, growth(all_t),
                                                        all_m, loop_t, growth(loop_t), strict=True)
        ]
        print(table(rows, ("部门数", "1 个部门（CLI）", "增长", "峰值内存", "全部部门（载入一次）", "每部门", "增长",
                           "峰值内存", f"对照：shell 循环逐个调用 CLI（按 {args.sample} 个外推）", "增长",
                           "快几倍")))
        print("\n增长 = 本行时间 ÷ 上一行时间（规模翻倍）：≈2 为线性，≈4 为平方。")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
