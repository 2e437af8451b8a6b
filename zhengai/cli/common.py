"""Shared glue for commands: errors → exit 2, writing output."""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer

from zhengai.fsutil import OutputError, atomic_write_text


def fail(message: str) -> NoReturn:
    """Print one Chinese line on stderr and exit 2 (usage, configuration, input)."""
    typer.echo(f"错误：{message}", err=True)
    raise typer.Exit(2)


def emit(text: str, output: Path | None, *, force: bool = True) -> None:
    """Print to stdout, or write atomically to ``output``."""
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        atomic_write_text(output, text, force=force)
    except OutputError as exc:
        fail(str(exc))
