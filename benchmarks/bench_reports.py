"""Benchmark: ``zhengai report annual`` (issue 5) — Word reports in parallel.

Measures, in one run, one self-diagnosis report per department as .docx with two
charts each (attainment bars and a trend over 2023–2026), on generated colleges of n,
2n and 4n departments (default 100/200/400):

- the whole batch at ``--jobs 2`` at each size: wall time (median of ``--repeat`` runs
  into fresh folders), peak memory (the sum over the process tree, sampled every 0.2 s
  from /proc — Linux only), time per report and the ratio of each step (t(2n)/t(n) ≈ 2
  means linear);
- at each size, a second run that finds nothing changed (the manifest skips every unit);
- at n, ``--jobs 1`` beside ``--jobs 2``;
- the floor: rendering the same contexts with the same pictures through docxtpl alone
  (timed on a sample at n and scaled to each size), and, on the same sample, where a
  report's time goes (report data, drawing the charts, docxtpl).

Usage: python benchmarks/bench_reports.py [--departments 100] [--sample 20] [--repeat 3]
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
from _timing import banner, growth, table
from gen_college import generate

AS_OF = "2026-12-15"
BATCH = """
import datetime as dt, sys
from pathlib import Path
from zhengai.render.batch import BatchOptions, run_batch
if __name__ == "__main__":
    result = run_batch(BatchOptions(root=Path(sys.argv[1]), year=2026, out=Path(sys.argv[2]), kinds=("diagnosis",),
                                    formats=("docx",), jobs=int(sys.argv[3]), force=sys.argv[4] == "force",
                                    as_of=dt.date.fromisoformat({as_of!r})))
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


def run_batch_process(script: Path, root: Path, out: Path, jobs: int, force: bool) -> tuple[float, float, str]:
    """Wall time, peak tree memory and the "written skipped failed" line of one batch run."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(script), str(root), str(out), str(jobs),
                             "force" if force else "no"], stdout=subprocess.PIPE, text=True)
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


def floor_and_breakdown(root: Path, sample: int) -> dict[str, float]:
    """Per-report seconds on a sample: data, charts, zhengai's render, docxtpl alone."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import Environment

    from zhengai.load.repository import load_repository
    from zhengai.render.charts import draw, find_cjk_font
    from zhengai.render.word.render import default_template, render_docx
    from zhengai.reports.diagnosis import diagnosis_report
    from zhengai.reports.registry import charts_for
    from zhengai.reports.workspace import Workspace

    ws = Workspace(load_repository([root]), dt.date.fromisoformat(AS_OF))
    font = find_cjk_font()
    template = default_template("diagnosis")
    depts = ws.repo.departments[:sample]
    ws.diagnosis(depts[0])  # warm the shared assessment and rule findings (done once per worker)
    times = {"data": 0.0, "charts": 0.0, "render": 0.0, "docxtpl": 0.0}
    charts_per_report = []
    for dept in depts:
        t0 = time.perf_counter()
        data = diagnosis_report(ws, dept)
        t1 = time.perf_counter()
        images = {c.name: (draw(c, font), c.kind) for c in data.charts}
        t2 = time.perf_counter()
        render_docx(template, data.context, images, charts_for("diagnosis"))
        t3 = time.perf_counter()
        tpl = DocxTemplate(str(template))
        pictures = {n: InlineImage(tpl, io.BytesIO(png), width=Mm(150)) for n, (png, _) in images.items()}
        tpl.render({**data.context, "charts": {n: pictures.get(n, "") for n in charts_for("diagnosis")}},
                   jinja_env=Environment(autoescape=True))
        tpl.save(io.BytesIO())
        t4 = time.perf_counter()
        for key, value in zip(times, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            times[key] += value
        charts_per_report.append(len(data.charts))
    result = {k: v / len(depts) for k, v in times.items()}
    result["charts_per_report"] = sum(charts_per_report) / len(charts_per_report)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--departments", type=int, default=100, help="n; the --jobs 2 batch runs n, 2n, 4n")
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each batch (the median is shown)")
    args = parser.parse_args()
    banner("bench_reports")
    n0 = args.departments
    sizes = [n0 * k for k in (1, 2, 4)]
    work = Path(tempfile.mkdtemp(prefix="zhengai-bench-reports-"))
    script = work / "batch.py"
    runs = 0

    def batch(root: Path, jobs: int) -> tuple[float, float, str, Path]:
        """Median of ``--repeat`` full runs into fresh folders; a folder is kept for the rerun."""
        nonlocal runs
        results = []
        for _ in range(args.repeat):
            runs += 1
            out = work / f"out{runs}"
            results.append((*run_batch_process(script, root, out, jobs, force=True), out))
        results.sort(key=lambda r: r[0])
        mid = results[len(results) // 2]
        return mid[0], statistics.median(r[1] for r in results), mid[2], mid[3]

    try:
        script.write_text(BATCH.format(as_of=AS_OF), encoding="utf-8")
        rows = []
        full, rerun = [], []
        per: dict[str, float] = {}
        jobs1 = (0.0, 0.0, "")
        for n in sizes:
            root = generate(work / f"college-{n}", n)
            if n == n0:
                per = floor_and_breakdown(root, args.sample)
                t1, m1, c1, _ = batch(root, 1)
                jobs1 = (t1, m1, c1)
            t2, m2, c2, out = batch(root, 2)
            t3, _, c3 = run_batch_process(script, root, out, 2, force=False)
            full.append(t2)
            rerun.append(t3)
            rows.append((n, t2, m2, c2, t3, c3))
            print(f"  {n} 个部门完成", file=sys.stderr, flush=True)
        floor = per["docxtpl"]
        table_rows = [
            (f"{n}（{c2}）", f"{t2:.1f} s", f"{t2 / n * 1000:.0f} ms", g2, f"{m2:.0f} MiB", f"{floor * n:.1f} s",
             f"{t2 / (floor * n):.1f}×", f"{t3:.2f} s（{c3}）", g3, f"{t2 / t3:.0f}×")
            for (n, t2, m2, c2, t3, c3), g2, g3 in zip(rows, growth(full), growth(rerun), strict=True)
        ]
        print(table(table_rows, ("部门数（生成/跳过/失败）", "--jobs 2 墙钟", "每份", "增长", "峰值内存（进程树）",
                                 f"docxtpl 下限（{args.sample} 份外推）", "÷ 下限", "无改动重跑（生成/跳过/失败）",
                                 "增长", "重跑快几倍")))
        print("\n增长 = 本行时间 ÷ 上一行时间（规模翻倍）：≈2 为线性，≈4 为平方。\n")
        t1, m1, c1 = jobs1
        n, t2, m2, c2 = rows[0][:4]
        print(table([
            (f"--jobs 1（{c1}）", f"{t1:.1f} s", f"{t1 / n * 1000:.0f} ms", f"{m1:.0f} MiB", "1×"),
            (f"--jobs 2（{c2}）", f"{t2:.1f} s", f"{t2 / n * 1000:.0f} ms", f"{m2:.0f} MiB", f"快 {t1 / t2:.2f}×"),
            ("对照：docxtpl 单独渲染同样的上下文与图片", f"{floor * n:.1f} s", f"{floor * 1000:.0f} ms", "—",
             f"--jobs 1 是它的 {t1 / (floor * n):.1f}×"),
        ], (f"{n} 份报告（各 {args.repeat} 次取中位数）", "墙钟", "每份", "峰值内存（进程树）", "比值")))
        print()
        total = per["data"] + per["charts"] + per["render"]
        parts = [
            ("报告数据（诊断、评分、预警）", per["data"]), (f"绘图（平均 {per['charts_per_report']:.1f} 张）", per["charts"]),
            ("docx 渲染（沙箱 Jinja + docxtpl）", per["render"]),
        ]
        print(table([(name, f"{value * 1000:.0f} ms", f"{value / total:.0%}") for name, value in parts],
                    (f"每份报告的耗时构成（{args.sample} 份样本，单进程）", "每份", "占比")))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
