"""Benchmark: ``zhengai import`` of a generated 100,000-row task sheet, beside pandas.

One run measures, on the same file:

- ``zhengai``: :func:`zhengai.excel.importers.import_workbook` plus writing the YAML (the
  whole import, every cell vetted, mapped and recorded);
- ``pandas.read_excel(engine="openpyxl")`` and ``pandas.read_excel(engine="calamine")``:
  values only, into a DataFrame.

Each measurement runs in a fresh subprocess: wall time and CPU time of the operation
alone (imports excluded), and peak memory as the growth of ``ru_maxrss`` during the
operation (what the OS sees, Rust/C allocations included).  The median of ``--runs``
runs is shown; on a shared machine the CPU time is the steadier figure.  With
``--scaling`` every method is also run on ``--sizes`` rows (10k, 20k, 40k by default):
the time per row must stay flat (issue 9: 40,000 rows at most about twice 20,000), and
zhengai's peak memory grows with the output it produces, not with buffered cells.

Usage: ``python benchmarks/bench_import.py [--rows 100000] [--runs 3] [--scaling]
[--sizes 10000 20000 40000]`` (``--rows 0`` skips the big table).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECTS = ["健全组织", "完善规划体系", "建立标准体系", "完善制度体系", "建设数据平台"]
OWNERS = [
    "组织人事处",
    "党政办 组织人事处",
    "教务处、各系（部）",
    "质量督导处",
    "学生处 招生就业处",
]
DEADLINES = ["2017.9", "2017-2020 每年12月底", "2018年起每年12月", "每年11月", "2018.12 ~ 2020.12"]


def generate(path: Path, rows: int) -> None:
    """A task sheet: title row, header, ``rows`` data rows (write-only mode: low memory)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("附表")
    ws.append(["附表 建设实施进程表（基准测试）"])
    ws.append(
        ["序号", "建设项目", "建设任务", "建设内容", "完成时间", "考核依据", "责任部门", "备注"]
    )
    for i in range(1, rows + 1):
        p = i % len(PROJECTS)
        ws.append(
            [
                i,
                PROJECTS[p],
                f"{PROJECTS[p]}任务{i // 50}",
                f"第{i}项建设内容：制定并印发相关制度文本",
                DEADLINES[i % len(DEADLINES)],
                "1.规划文本 2.制度文本" if i % 3 else "年度工作总结文本",
                OWNERS[i % len(OWNERS)],
                f"备注{i}" if i % 10 == 0 else None,
            ]
        )
    wb.save(path)


def _rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / (1024 if sys.platform == "darwin" else 1)


def child(method: str, path: Path) -> None:
    """Run one method once; print JSON with seconds, peak MB growth and output size."""
    import pandas as pd

    from zhengai.excel.importers import ImportOptions, import_workbook, write_import

    base = _rss_mb()
    out = path.with_suffix(f".{os.getpid()}.yaml")
    start = time.perf_counter()
    cpu = time.process_time()
    size = 0
    if method == "zhengai":
        result = import_workbook(path, ImportOptions(keep_entries=False, year=2020))
        write_import(result, out)
        size = out.stat().st_size
        items = result.documents[0].count
        cells = result.report.cells
    else:
        frame = pd.read_excel(path, engine=method, header=1)
        items = len(frame)
        cells = int(frame.notna().sum().sum())
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu
    peak = _rss_mb() - base
    out.unlink(missing_ok=True)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu": cpu,
                "peak_mb": peak,
                "base_mb": base,
                "items": items,
                "cells": cells,
                "yaml_mb": size / 1024 / 1024,
            }
        )
    )


def measure(method: str, path: Path, runs: int) -> dict[str, float]:
    """Medians of ``runs`` runs of ``method`` on ``path``, each in a fresh process."""
    samples = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, __file__, "--child", method, str(path)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        samples.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return {
        "seconds": statistics.median(s["seconds"] for s in samples),
        "cpu": statistics.median(s["cpu"] for s in samples),
        "peak_mb": statistics.median(s["peak_mb"] for s in samples),
        "base_mb": samples[0]["base_mb"],
        "items": samples[0]["items"],
        "cells": samples[0]["cells"],
        "yaml_mb": samples[0]["yaml_mb"],
    }


METHODS = ("zhengai", "openpyxl", "calamine")
LABELS = {
    "zhengai": "zhengai import（库调用，含写 YAML）",
    "openpyxl": 'pandas.read_excel(engine="openpyxl")',
    "calamine": 'pandas.read_excel(engine="calamine")',
}


def print_comparison(results: dict[str, dict[str, float]]) -> None:
    """One table: every method on the big sheet, with ratios to zhengai."""
    z = results["zhengai"]
    print(
        "| 方法 | 耗时（中位数） | CPU 时间 | 耗时 ÷ zhengai | CPU ÷ zhengai | 峰值内存增量 | 内存 ÷ zhengai | 结果 |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for method, r in results.items():
        what = (
            f"{r['items']:,} 项任务，{r['cells']:,} 个单元格入报告，YAML {r['yaml_mb']:.1f} MB"
            if method == "zhengai"
            else f"DataFrame {r['items']:,} 行，{r['cells']:,} 个非空值"
        )
        print(
            f"| {LABELS[method]} | {r['seconds']:.2f} s | {r['cpu']:.2f} s | "
            f"{r['seconds'] / z['seconds']:.2f} | {r['cpu'] / z['cpu']:.2f} | "
            f"{r['peak_mb']:.0f} MB | {r['peak_mb'] / max(z['peak_mb'], 1e-9):.2f} | {what} |"
        )
    print(
        f"\n（子进程在导入 pandas 与 zhengai 之后的基线内存约 {z['base_mb']:.0f} MB，未计入上表。）"
    )


def print_scaling(table: dict[int, dict[str, dict[str, float]]]) -> None:
    """Time per size and method, the growth from one size to the next, and ratios."""
    print(
        "\n| 行数 | zhengai 耗时 / CPU | 比上一档 | openpyxl 耗时 / CPU | 比上一档 | calamine 耗时 / CPU | 比上一档 "
        "| zhengai ÷ calamine（CPU） | zhengai ÷ openpyxl（CPU） | zhengai 峰值内存 | YAML 大小 |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    previous: dict[str, dict[str, float]] | None = None
    for rows in sorted(table):
        results = table[rows]
        cells = []
        for method in METHODS:
            r = results[method]
            growth = f"{r['cpu'] / previous[method]['cpu']:.2f}×" if previous else "—"
            cells += [f"{r['seconds']:.2f} s / {r['cpu']:.2f} s", growth]
        z = results["zhengai"]
        print(
            f"| {rows:,} | {' | '.join(cells)} | {z['cpu'] / results['calamine']['cpu']:.1f} | "
            f"{z['cpu'] / results['openpyxl']['cpu']:.2f} | {z['peak_mb']:.0f} MB | {z['yaml_mb']:.1f} MB |"
        )
        previous = results
    print("\n（“比上一档”：CPU 时间中位数之比；行数翻倍时线性的导入约为 2×。）")


def main() -> None:
    """Generate the sheets, measure every method, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000, help="the big table (0: skip it)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--scaling", action="store_true", help="also run every method on --sizes rows"
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000])
    parser.add_argument("--child", nargs=2, metavar=("METHOD", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    print(f"每项测量 {args.runs} 次（各在新进程中）取中位数。\n")
    with tempfile.TemporaryDirectory() as tmp:
        table: dict[int, dict[str, dict[str, float]]] = {}
        for rows in ([args.rows] if args.rows else []) + (args.sizes if args.scaling else []):
            if rows in table:
                continue
            path = Path(tmp) / f"tasks_{rows}.xlsx"
            start = time.perf_counter()
            generate(path, rows)
            print(
                f"生成 {rows:,} 行任务表：{path.stat().st_size / 1024 / 1024:.1f} MB，"
                f"{time.perf_counter() - start:.1f} s。",
                flush=True,
            )
            table[rows] = {m: measure(m, path, args.runs) for m in METHODS}
            path.unlink()
        print()
        if args.rows:
            print(f"{args.rows:,} 行：\n")
            print_comparison(table[args.rows])
        if args.scaling:
            print_scaling(
                {rows: table[rows] for rows in args.sizes}
                | ({args.rows: table[args.rows]} if args.rows else {})
            )


if __name__ == "__main__":
    main()
