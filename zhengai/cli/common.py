"""Shared glue for commands: errors → exit 2, writing output."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import typer

from zhengai.errors import ZhengaiError
from zhengai.fsutil import atomic_write_text

FONT_HELP = "图表用的中文字体文件（.ttf/.otf/.ttc）；不写则用环境变量 ZHENGAI_FONT，再自动查找。"
"""The ``--font`` help of every command that draws charts (one finder, one wording)."""


def fail(message: str) -> NoReturn:
    """Print one Chinese line on stderr and exit 2 (usage, configuration, input)."""
    typer.echo(f"错误：{message}", err=True)
    raise typer.Exit(2)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn any :class:`ZhengaiError` raised inside the block into :func:`fail` (exit 2)."""
    try:
        yield
    except ZhengaiError as exc:
        fail(str(exc))


def emit(text: str, output: Path | None, *, force: bool = True) -> None:
    """Print to stdout, or write atomically to ``output``."""
    if output is None:
        typer.echo(text, nl=False)
        return
    with user_errors():
        atomic_write_text(output, text, force=force)


def parse_as_of(value: str | None) -> dt.date:
    """``--as-of YYYY-MM-DD``, or today."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--as-of 应为 YYYY-MM-DD 形式的日期，收到“{value}”。")


def repository_root(start: Path, root: Path | None) -> Path:
    """``--root``, or the folder with ``zhengai.yaml`` at or above ``start`` (else the cwd)."""
    from zhengai.load.discover import find_root

    base = root or find_root(start if start.exists() else Path.cwd())
    if base is None:
        fail(f"找不到仓库根目录（含 zhengai.yaml）：请用 --root 指定。给出的路径：{start}")
    return base
