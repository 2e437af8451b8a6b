"""Fixtures for the Excel tests: the seed tables as .xlsx, a CLI with import/export, helpers."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from typer.testing import CliRunner, Result

from tests.excel.seed_tables import build_all
from zhengai.cli import exporter, importer


@pytest.fixture(scope="session")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every seed table as an .xlsx file (built once per test session)."""
    return build_all(tmp_path_factory.mktemp("seeds"))


def _app() -> typer.Typer:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    importer.register(app)
    exporter.register(app)
    return app


CLI = Callable[..., Result]


@pytest.fixture
def cli() -> CLI:
    """Run ``zhengai import|export …`` through a local Typer app; returns the runner's Result."""
    app = _app()
    runner = CliRunner()

    def run(*args: Any) -> Result:
        return runner.invoke(app, [str(a) for a in args])

    return run


def flat_text(data: Any) -> str:
    """All keys and string values of a YAML tree, concatenated without whitespace."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                parts.append(str(k))
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif node is not None:
            parts.append(str(node))

    walk(data)
    return re.sub(r"\s+", "", "\u0001".join(parts))


_SEPARATORS = re.compile(r"[\s、，,；;/]+")
_MARKERS = re.compile(r"(?:(?<=^)|(?<=[\s；;。，,]))(?:[(（]\d{1,2}[)）]|\d{1,2}[.．、]?)")


def text_found(text: str, blob: str) -> bool:
    """The cell text is in the output: whole, or every piece once separators and list
    numbers (split into lists by the import) are taken away."""
    whole = re.sub(r"\s+", "", text)
    if whole in blob:
        return True
    pieces = [p for p in _SEPARATORS.split(_MARKERS.sub(" ", text)) if p]
    return all(re.sub(r"\s+", "", p) in blob for p in pieces)


def load_yaml(path: Path) -> Any:
    """Plain PyYAML load (tests only)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))
