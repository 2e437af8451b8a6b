"""Benchmark: ``zhengai report annual`` (issues 5 and 13) — Word reports in parallel, native charts.

Measures, in one run, one self-diagnosis report per department as .docx with its charts
(attainment bars, a radar where informative, measured values over 2023–2026 against
their targets), on generated colleges of n, 2n and 4n departments (default 100/200/400):

- per report, single process, on a sample of ``--sample`` departments at each size
  (the methods run in turn, median of ``--repeat`` rounds): docxtpl alone rendering the
  same context with no charts (the floor), zhengai's render with the charts left out (its
  template vetting and sandboxed Jinja), zhengai with native Word charts (the default)
  and zhengai with PNG charts (``--chart-images``: matplotlib drawing, then docxtpl);
- the whole batch at ``--jobs 2`` at each size: wall time (median of ``--repeat`` runs
  into fresh folders), peak memory (the sum over the process tree, sampled every 0.2 s
  from /proc — Linux only), time per report and the growth of each step (t(2n)/t(n) ≈ 2
  means linear), and a second run that finds nothing changed (the manifest skips every unit);
- at n, ``--jobs 1`` and ``--chart-images`` beside the default batch.

Usage: python benchmarks/bench_reports.py [--departments 100] [--sample 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _timing import banner, growth, interleaved, table
from gen_college import generate

AS_OF = "2026-12-15"
BATCH_KINDS = ["diagnosis"]
"""The report kinds of the timed batches (``--kinds``)."""
BATCH = """
import datetime as dt, sys
from pathlib import Path
from zhengai.render.batch import BatchOptions, run_batch
if __name__ == "__main__":
    result = run_batch(BatchOptions(root=Path(sys.argv[1]), year=2026, out=Path(sys.argv[2]), kinds=tuple(sys.argv[6].split(",")),
                                    formats=("docx",), jobs=int(sys.argv[3]), force=sys.argv[4] == "force",
                                    as_of=dt.date.fromisoformat({as_of!r}), chart_images=sys.argv[5] == "images"))
    print(result.count("written"), result.count("skipped"), result.count("failed"))
"""


def _tree_rss_mib(root_pid: int) -> float:
    """Resident memory of a process and all its descendants, in MiB (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack += children.get(pid, [])
    return total / 2**20


def _written(counts: str) -> int:
    """Reports written, from a batch's "written skipped failed" line (at least 1)."""
    return max(1, int(counts.split()[0]))


def run_batch_process(script: Path, root: Path, out: Path, jobs: int, force: bool,
                      images: bool = False) -> tuple[float, float, str]:
    """Wall time, peak tree memory and the "written skipped failed" line of one batch run."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(script), str(root), str(out), str(jobs),
                             "force" if force else "no", "images" if images else "native", BATCH_KINDS[0]],
                            stdout=subprocess.PIPE, text=True)
    peak = 0.0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_mib(proc.pid))
            stop.wait(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    output, _ = proc.communicate()
    stop.set()
    thread.join()
    if proc.returncode != 0:
        raise RuntimeError(f"batch failed: {output}")
    return time.perf_counter() - start, peak, output.strip().splitlines()[-1]


def per_report(root: Path, sample: int, repeat: int) -> dict[str, float]:
    """Median seconds per report on a sample: docxtpl alone (no charts), native charts, PNG charts.

    The report data are built once beforehand (the same for all three); what is timed is
    turning them into .docx bytes.  ``charts`` is the mean number of charts per report.
    """
    from docxtpl import DocxTemplate
    from jinja2 import Environment

    from zhengai.load.repository import load_repository
    from zhengai.render.charts import find_cjk_font
    from zhengai.render.report import render_word
    from zhengai.render.word.render import default_template, render_docx
    from zhengai.reports.diagnosis import diagnosis_report
    from zhengai.reports.registry import charts_for
    from zhengai.reports.workspace import Workspace

    ws = Workspace(load_repository([root]), dt.date.fromisoformat(AS_OF))
    template = default_template("diagnosis")
    reports = [diagnosis_report(ws, dept) for dept in ws.repo.departments[:sample]]
    find_cjk_font()  # found once per process, as in a batch worker
    names = charts_for("diagnosis")

    def bare() -> None:
        for data in reports:
            tpl = DocxTemplate(str(template))
            tpl.render({**data.context, "charts": dict.fromkeys(names, "")}, jinja_env=Environment(autoescape=True))
            tpl.save(io.BytesIO())

    def plain() -> None:  # zhengai's own render (vetting, sandboxed bounded Jinja) with the charts left out
        for data in reports:
            render_docx(template, data.context, None, names)

    def native() -> None:
        for data in reports:
            render_word(data)

    def images() -> None:
        for data in reports:
            render_word(data, chart_images=True)

    methods = {"bare": bare, "plain": plain, "native": native, "images": images}
    for warm in methods.values():  # imports (pptx, matplotlib) and first-use caches outside the timing
        warm()
    times = interleaved(list(methods.values()), repeat)
    out = {k: t / len(reports) for k, t in zip(methods, times, strict=True)}
    out["charts"] = sum(len(d.charts) for d in reports) / len(reports)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--departments", type=int, default=100, help="n; the --jobs 2 batch runs n, 2n, 4n")
    parser.add_argument("--sample", type=int, default=10, help="reports timed one by one at each size")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each batch and rounds per report (the median is shown)")
    parser.add_argument("--kinds", default="diagnosis",
                        help="report kinds of the batch, e.g. diagnosis,program,course (every unit of the college)")
    args = parser.parse_args()
    BATCH_KINDS[0] = args.kinds
    banner("bench_reports")
    n0 = args.departments
    sizes = [n0 * k for k in (1, 2, 4)]
    work = Path(tempfile.mkdtemp(prefix="zhengai-bench-reports-"))
    script = work / "batch.py"
    runs = 0

    def batch(root: Path, jobs: int, images: bool = False) -> tuple[float, float, str, Path]:
        """Median of ``--repeat`` full runs into fresh folders; a folder is kept for the rerun."""
        nonlocal runs
        results = []
        for _ in range(args.repeat):
            runs += 1
            out = work / f"out{runs}"
            results.append((*run_batch_process(script, root, out, jobs, force=True, images=images), out))
        results.sort(key=lambda r: r[0])
        mid = results[len(results) // 2]
        return mid[0], statistics.median(r[1] for r in results), mid[2], mid[3]

    try:
        script.write_text(BATCH.format(as_of=AS_OF), encoding="utf-8")
        rows, full, rerun, per = [], [], [], []
        extra: dict[str, tuple[float, float, str]] = {}
        for n in sizes:
            root = generate(work / f"college-{n}", n)
            per.append(per_report(root, args.sample, args.repeat))
            if n == n0:
                t1, m1, c1, _ = batch(root, 1)
                extra["jobs1"] = (t1, m1, c1)
                ti, mi, ci, _ = batch(root, 2, images=True)
                extra["images"] = (ti, mi, ci)
            t2, m2, c2, out = batch(root, 2)
            t3, _, c3 = run_batch_process(script, root, out, 2, force=False)
            full.append(t2)
            rerun.append(t3)
            rows.append((n, t2, m2, c2, t3, c3))
            print(f"  {n} 个部门完成", file=sys.stderr, flush=True)
        native_growth = growth([p["native"] for p in per])
        print(table([
            (str(n), f"{p['charts']:.1f}", f"{p['bare'] * 1000:.0f} ms", f"{p['plain'] * 1000:.0f} ms",
             f"{p['native'] * 1000:.0f} ms", g, f"{p['native'] / p['bare']:.2f}×", f"{p['native'] / p['plain']:.2f}×",
             f"{p['images'] * 1000:.0f} ms", f"{p['images'] / p['bare']:.2f}×", f"{p['images'] / p['native']:.1f}×")
            for n, p, g in zip(sizes, per, native_growth, strict=True)
        ], ("部门数", "每份图表数", "docxtpl 单独（无图）", "zhengai 无图", "原生图表", "增长", "原生 ÷ docxtpl",
            "原生 ÷ zhengai 无图", "PNG 图片", "PNG ÷ docxtpl", "PNG ÷ 原生")))
        print(f"\n每份报告：{args.sample} 份样本，单进程，四种方法轮流各跑 {args.repeat} 轮取中位数；报告数据预先算好，不计入。\n")
        table_rows = [
            (f"{n}（{c2}）", f"{t2:.1f} s", f"{t2 / _written(c2) * 1000:.0f} ms", g2, f"{m2:.0f} MiB",
             f"{t3:.2f} s（{c3}）", g3, f"{t2 / t3:.0f}×")
            for (n, t2, m2, c2, t3, c3), g2, g3 in zip(rows, growth(full), growth(rerun), strict=True)
        ]
        print(table(table_rows, ("部门数（生成/跳过/失败）", "--jobs 2 墙钟（原生图表）", "每份", "增长", "峰值内存（进程树）",
                                 "无改动重跑（生成/跳过/失败）", "增长", "重跑快几倍")))
        print("\n增长 = 本行时间 ÷ 上一行时间（规模翻倍）：≈2 为线性，≈4 为平方。\n")
        n, t2, m2, c2 = rows[0][:4]
        (t1, m1, c1), (ti, mi, ci) = extra["jobs1"], extra["images"]
        print(table([
            (f"--jobs 2，原生图表（{c2}）", f"{t2:.1f} s", f"{t2 / _written(c2) * 1000:.0f} ms", f"{m2:.0f} MiB", "1×"),
            (f"--jobs 1，原生图表（{c1}）", f"{t1:.1f} s", f"{t1 / _written(c1) * 1000:.0f} ms", f"{m1:.0f} MiB",
             f"{t1 / t2:.2f}×"),
            (f"--jobs 2 --chart-images（{ci}）", f"{ti:.1f} s", f"{ti / _written(ci) * 1000:.0f} ms", f"{mi:.0f} MiB",
             f"{ti / t2:.2f}×"),
        ], (f"{n} 份报告（各 {args.repeat} 次取中位数）", "墙钟", "每份", "峰值内存（进程树）", "÷ 原生图表 --jobs 2")))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
