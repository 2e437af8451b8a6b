"""Benchmark: scoring self-test questionnaires (issue 6).

n, 2n and 4n respondents (default 20,000/40,000/80,000) × 100 items (5 dimensions × 4
elements × 5 items, every fifth item reverse-scored, unequal weights, 2% of answers
missing, 500 classes), in one run, at each size (with the ratio of each step:
t(2n)/t(n) ≈ 2 means linear):

- zhengai's vectorised scoring (reverse-scoring, 0–100 rescaling, weighted element,
  dimension and overall means with missing answers left out);
- beside it, the obvious alternative: a plain pandas groupby/mean of the same matrix
  (``df.T.groupby(element).mean().T`` then by dimension, then the row mean — no reverse
  items, no weights, no rescaling);
- the whole library pipeline without I/O (scores, data-quality checks, per-class
  statistics) and reading the CSV; at n only, peak memory and the ``zhengai survey
  score`` command (``--no-charts``: workbook, summary, report) for the same file.

Wall time is the median of ``--repeat`` runs (scoring and its pandas alternative: at
least 15 runs, taken in turn so that machine load hits both alike); peak memory is tracemalloc's peak for
the in-process steps (numpy and pandas report their buffers to it) and the peak RSS of
the process for the command.

Usage: python benchmarks/bench_survey.py [--respondents 20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _timing import banner, growth, interleaved, median_seconds, peak_rss_mib, table


def instrument_yaml(dims: int = 5, elements: int = 4, items: int = 5) -> str:
    """A 100-item instrument with reverse items and unequal weights."""
    lines = ["schema_version: 1", "kind: instrument", "id: bench", "title: 基准问卷", "level: student",
             "standard: 基准标准", "dimensions:"]
    n = 0
    for d in range(dims):
        lines += [f"  - id: D{d}", f"    name: 维度{d + 1}", f"    weight: {1 + d % 2}", "    elements:"]
        for e in range(elements):
            lines += [f"      - id: D{d}E{e}", f"        name: 要素{d + 1}-{e + 1}", f"        weight: {1 + e % 3}",
                      "        items:"]
            for _ in range(items):
                n += 1
                reverse = "true" if n % 5 == 0 else "false"
                lines.append(f"          - {{id: Q{n:03d}, text: 题目{n}, reverse: {reverse}, weight: {1 + n % 2}}}")
    return "\n".join(lines) + "\n"


def peak_mib(fn: Callable[[], Any]) -> float:
    """tracemalloc peak (MiB) of one call."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--respondents", type=int, default=20_000, help="n; the scaling runs n, 2n, 4n")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    banner("bench_survey")

    import numpy as np
    import pandas as pd

    from zhengai.load.instruments import load_instrument
    from zhengai.score.survey import layout, score_matrix
    from zhengai.survey.responses import read_responses
    from zhengai.survey.run import score_responses
    from zhengai.survey.synthetic import synthetic_answers

    work = Path(tempfile.mkdtemp(prefix="zhengai-bench-survey-"))
    try:
        (work / "bench.yaml").write_text(instrument_yaml(), encoding="utf-8")
        inst = load_instrument(work / "bench.yaml")
        lay = layout(inst)
        element_of_item = lay.element_of_item
        dim_of_element = lay.dimension_of_element
        # same numbers where the two methods agree: equal weights, no reverse items
        plain = inst.model_copy(deep=True)
        for dim in plain.dimensions:
            dim.weight = 1.0
            for element in dim.elements:
                element.weight = 1.0
                for item in element.items:
                    item.weight, item.reverse = 1.0, False
        plain_layout = layout(plain)

        def prepare(n: int) -> tuple[Any, Path]:
            values = synthetic_answers(inst, n, seed=6)
            rng = np.random.default_rng(7)
            values[rng.random(values.shape) < 0.02] = np.nan
            csv_path = work / f"responses-{n}.csv"
            with csv_path.open("w", newline="", encoding="utf-8-sig") as handle:
                writer = csv.writer(handle)
                writer.writerow(["学号", "班级", *lay.item_ids])
                for i, row in enumerate(values):
                    writer.writerow([f"S{i:06d}", f"班{i % 500:03d}", *("" if v != v else int(v) for v in row)])
            return values, csv_path

        sizes = [args.respondents * k for k in (1, 2, 4)]
        t_ours, t_base, t_pipe, t_read = [], [], [], []
        memory: tuple[float, ...] = ()
        base_csv = work / "none.csv"
        k = len(lay.item_ids)
        for n in sizes:
            values, csv_path = prepare(n)
            table_ = read_responses(csv_path, inst)

            def ours(values: Any = values) -> Any:
                return score_matrix(values, lay)

            def baseline(values: Any = values) -> Any:
                frame = pd.DataFrame(values)
                elements = frame.T.groupby(element_of_item).mean().T
                dims = elements.T.groupby(dim_of_element).mean().T
                return dims.mean(axis=1)

            def pipeline(table_: Any = table_) -> Any:
                return score_responses(inst, table_, ["class"])

            def reading(csv_path: Path = csv_path) -> Any:
                return read_responses(csv_path, inst)

            check = score_matrix(values, plain_layout).overall
            expected = (baseline().to_numpy() - 1) / 4 * 100
            assert np.allclose(check, expected, equal_nan=True), "zhengai and the pandas baseline disagree"

            a, b = interleaved([ours, baseline], max(args.repeat, 15))
            t_ours.append(a)
            t_base.append(b)
            t_pipe.append(median_seconds(pipeline, args.repeat))
            t_read.append(median_seconds(reading, max(1, args.repeat // 2)))
            if n == sizes[0]:
                memory = tuple(peak_mib(f) for f in (ours, baseline, pipeline, reading))
                base_csv = csv_path
            print(f"  {n} 人完成", file=sys.stderr, flush=True)

        rows = [
            (f"{n:,}", f"{o * 1000:.0f} ms", f"{o / n * 1e6:.2f} ms", go, f"{b * 1000:.0f} ms", gb, f"{b / o:.1f}",
             f"{p * 1000:.0f} ms", gp, f"{r:.2f} s", gr)
            for n, o, go, b, gb, p, gp, r, gr in zip(sizes, t_ours, growth(t_ours), t_base, growth(t_base), t_pipe,
                                                       growth(t_pipe), t_read, growth(t_read), strict=True)
        ]
        print(table(rows, (f"人数（× {k} 题）", "zhengai 计分", "每千人", "增长", "对照：pandas groupby/mean",
                           "增长", "pandas ÷ zhengai", "计分 + 数据质量 + 500 个班级统计（不含读写）", "增长",
                           "读取 CSV", "增长")))
        print("\n增长 = 本行时间 ÷ 上一行时间（规模翻倍）：≈2 为线性，≈4 为平方。\n")

        argv = ["survey", "score", str(work / "bench.yaml"), str(base_csv), "--by", "class", "--no-charts",
                "-o", str(work / "out"), "--force"]
        # the command through a Typer app of its own, so the benchmark runs before it is registered
        code = ("import typer\nfrom zhengai.cli import survey\napp = typer.Typer()\nsurvey.register(app)\n"
                f"try:\n    app({argv!r})\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        t_cli = time.perf_counter() - start
        m_cli = peak_rss_mib(code)
        m_ours, m_base, m_pipe, m_read = memory
        n = sizes[0]
        rows = [
            ("zhengai 计分（反向题、权重、缺答）", f"{t_ours[0] * 1000:.0f} ms", f"{m_ours:.0f} MiB"),
            ("对照：pandas groupby/mean 同一矩阵", f"{t_base[0] * 1000:.0f} ms", f"{m_base:.0f} MiB"),
            ("计分 + 数据质量 + 500 个班级统计（不含读写）", f"{t_pipe[0] * 1000:.0f} ms", f"{m_pipe:.0f} MiB"),
            (f"读取 {n:,} 行 CSV", f"{t_read[0]:.2f} s", f"{m_read:.0f} MiB"),
            ("`survey score` 命令（`--no-charts`，写 scores.xlsx 等）", f"{t_cli:.1f} s（单次）", f"{m_cli:.0f} MiB RSS"),
        ]
        print(table(rows, (f"{n:,} 人 × {k} 题", "中位数", "峰值内存")))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
