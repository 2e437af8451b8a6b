"""Benchmark: ``zhengai report annual`` (issue 5) — Word reports in parallel.

Measures, in one run, on a generated college of N departments (default 1,000), one
self-diagnosis report per department as .docx with two charts each (attainment bars
and a trend over 2023–2026):

- the whole batch at ``--jobs 1`` and ``--jobs 2``: wall time and peak memory (the sum
  over the process tree, sampled every 0.2 s from /proc — Linux only);
- a second run that finds nothing changed (the manifest skips every unit);
- the floor: rendering the same contexts with the same pictures through docxtpl alone
  (timed on a sample and scaled to N), and, on the same sample, where a report's time
  goes (report data, drawing the charts, docxtpl).

Usage: python benchmarks/bench_reports.py [--departments 1000] [--sample 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _timing import table
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
    from zhengai.reports.annual import CHARTS, Workspace, diagnosis_report

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
        render_docx(template, data.context, images, CHARTS["diagnosis"])
        t3 = time.perf_counter()
        tpl = DocxTemplate(str(template))
        pictures = {n: InlineImage(tpl, io.BytesIO(png), width=Mm(150)) for n, (png, _) in images.items()}
        tpl.render({**data.context, "charts": {n: pictures.get(n, "") for n in CHARTS["diagnosis"]}},
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
    parser.add_argument("--departments", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=20)
    args = parser.parse_args()
    n = args.departments
    work = Path(tempfile.mkdtemp(prefix="zhengai-bench-reports-"))
    try:
        root = generate(work / "college", n)
        script = work / "batch.py"
        script.write_text(BATCH.format(as_of=AS_OF), encoding="utf-8")
        per = floor_and_breakdown(root, args.sample)
        floor = per["docxtpl"] * n
        t1, m1, c1 = run_batch_process(script, root, work / "out1", 1, force=True)
        t2, m2, c2 = run_batch_process(script, root, work / "out2", 2, force=True)
        t3, m3, c3 = run_batch_process(script, root, work / "out2", 2, force=False)
        rows = [
            (f"report annual --jobs 1（{n} 份 docx，生成/跳过/失败 {c1}）", f"{t1:.1f} s", f"{m1:.0f} MiB",
             f"{t1 / n * 1000:.0f} ms", f"{t1 / floor:.1f}× docxtpl 单独渲染"),
            (f"report annual --jobs 2（生成/跳过/失败 {c2}）", f"{t2:.1f} s", f"{m2:.0f} MiB",
             f"{t2 / n * 1000:.0f} ms", f"{t1 / t2:.2f}× 快于 --jobs 1"),
            (f"再次运行 --jobs 2，输入未变（生成/跳过/失败 {c3}）", f"{t3:.1f} s", f"{m3:.0f} MiB",
             f"{t3 / n * 1000:.1f} ms", f"{t2 / t3:.0f}× 快于重新生成"),
            (f"docxtpl 单独渲染同样的上下文与图片（{args.sample} 份外推到 {n} 份）", f"{floor:.1f} s", "—",
             f"{per['docxtpl'] * 1000:.0f} ms", "1×（下限）"),
        ]
        print(table(rows, ("测量", "墙钟时间", "峰值内存（进程树合计）", "每份", "比值")))
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
