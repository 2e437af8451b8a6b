"""Shared fixtures for the Word reports: the example college, one batch run over it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import typer

from zhengai.cli import report, template
from zhengai.render.batch import BatchOptions, BatchResult, run_batch

ROOT = Path(__file__).resolve().parents[2]
COLLEGE = ROOT / "examples" / "college"
MINI = ROOT / "tests" / "fixtures" / "mini"
DECEMBER = dt.date(2026, 12, 15)
ALL_KINDS = ("diagnosis", "annual", "review", "mid-term")


def local_app() -> typer.Typer:
    """The report and template commands on their own app (registration in zhengai.cli is the lead's)."""
    app = typer.Typer()
    report.register(app)
    template.register(app)
    return app


@pytest.fixture(scope="session")
def college_batch(tmp_path_factory: pytest.TempPathFactory) -> BatchResult:
    """Every report of the example college for December 2026, in two worker processes."""
    out = tmp_path_factory.mktemp("reports")
    opts = BatchOptions(root=COLLEGE, year=2026, out=out, kinds=ALL_KINDS, formats=("docx", "md"), jobs=2,
                        as_of=DECEMBER, allow_errors=True)  # the example's plan-draft.yaml has deliberate errors
    return run_batch(opts)
