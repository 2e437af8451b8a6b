"""Benchmark: ``zhengai diagnose`` (issue 3).

Measures, in one run: diagnosing one department of a generated 200-department college
(wall time and peak memory of the CLI process), and all departments — loading the
repository once and diagnosing each department in turn (the library path the annual
batch uses) against the obvious alternative, a shell loop that starts the CLI once per
department (timed on a sample and scaled to all departments).

Usage: python benchmarks/bench_diagnose.py [--departments 200] [--sample 10] [--repeat 3]
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
from _timing import median_seconds, peak_rss_mib, run_cli, table
from gen_college import generate

ZHENGAI = [sys.executable, "-m", "zhengai"]
AS_OF = "2026-07-15"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--departments", type=int, default=200)
    parser.add_argument("--sample", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="zhengai-bench-"))
    try:
        root = generate(work / "college", args.departments)
        one = [*ZHENGAI, "diagnose", str(root / "departments/d0000"), "--as-of", AS_OF, "-o", str(work / "r.md"),
               "--force"]
        one_time = median_seconds(lambda: run_cli(one), args.repeat)
        one_mem = peak_rss_mib(
            "import datetime as dt\nfrom pathlib import Path\nfrom zhengai.load.repository import load_repository\n"
            "from zhengai.score.diagnosis import diagnose\nfrom zhengai.render.markdown import render_template, report_context\n"
            f"repo = load_repository([Path({str(root)!r})])\n"
            f"d = diagnose(repo, repo.department('d0000'), dt.date.fromisoformat({AS_OF!r}))\n"
            "render_template('diagnosis.md.j2', report_context(d))"
        )

        def all_in_process() -> None:
            from zhengai.load.repository import load_repository
            from zhengai.render.markdown import render_template, report_context
            from zhengai.score.diagnosis import Diagnoser

            repo = load_repository([root])
            diagnoser = Diagnoser(repo, dt.date.fromisoformat(AS_OF))
            for dept in repo.departments:
                render_template("diagnosis.md.j2", report_context(diagnoser.diagnose(dept)))

        all_time = median_seconds(all_in_process, args.repeat)
        all_mem = peak_rss_mib(
            "import datetime as dt\nfrom pathlib import Path\n"
            "from zhengai.load.repository import load_repository\nfrom zhengai.score.diagnosis import Diagnoser\n"
            "from zhengai.render.markdown import render_template, report_context\n"
            f"repo = load_repository([Path({str(root)!r})])\n"
            f"dg = Diagnoser(repo, dt.date.fromisoformat({AS_OF!r}))\n"
            "[render_template('diagnosis.md.j2', report_context(dg.diagnose(d))) for d in repo.departments]"
        )
        start = time.perf_counter()
        for i in range(args.sample):
            run_cli([*ZHENGAI, "diagnose", str(root / f"departments/d{i:04d}"), "--as-of", AS_OF, "-o",
                     str(work / f"s{i}.md"), "--force"])
        loop = (time.perf_counter() - start) / args.sample * args.departments
        rows = [
            ("diagnose 1 个部门（CLI）", f"{one_time:.2f} s", f"{one_mem:.0f} MiB", "—", "—"),
            (f"diagnose 全部 {args.departments} 个部门（载入一次）", f"{all_time:.2f} s", f"{all_mem:.0f} MiB",
             f"shell 循环逐个调用 CLI（按 {args.sample} 个外推）：{loop:.0f} s", f"{loop / all_time:.0f}× 更快"),
        ]
        print(table(rows, ("测量", "中位数", "峰值内存", "对照", "倍数")))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
