"""Small helpers shared by the benchmark scripts: medians of repeated runs, peak memory."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
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
