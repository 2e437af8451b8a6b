"""Small helpers shared by the benchmark scripts: medians of repeated runs, peak memory."""

from __future__ import annotations

import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def median_seconds(fn: Callable[[], Any], repeat: int = 5) -> float:
    """Median wall time of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_cli(args: list[str]) -> None:
    """Run a command, ignoring its exit code (check exits 1 on findings) but not a crash."""
    result = subprocess.run(args, capture_output=True)
    if result.returncode not in (0, 1):
        raise RuntimeError(result.stderr.decode("utf-8", "replace"))


def peak_rss_mib(code: str) -> float:
    """Peak resident memory (MiB) of a fresh interpreter running ``code``."""
    probe = code + "\nimport resource, json\nprint(json.dumps(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1]) / 1024


def table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def revision() -> str:
    """The commit the benchmark runs on (short hash), with "+dirty" when the work tree has changes."""
    root = Path(__file__).resolve().parents[1]
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("+dirty" if dirty else "")


def banner(name: str) -> None:
    """First line of every benchmark: which commit, which machine load."""
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"{name}：提交 {revision()}，{os.cpu_count()} 核，开始时负载 {load}\n", flush=True)


def growth(times: list[float]) -> list[str]:
    """t(2n)/t(n), t(4n)/t(2n), …: about 2 for each doubling means linear, about 4 quadratic."""
    return ["—"] + [f"{b / a:.2f}" for a, b in itertools.pairwise(times)]


def interleaved(fns: list[Callable[[], Any]], repeat: int) -> list[float]:
    """Median wall time of each function, the functions run in turn so that load hits them alike."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            start = time.perf_counter()
            fn()
            times[i].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]
