"""The ``zhengai`` command: a thin Typer layer over the library.

Each command lives in its own module and only parses options, calls the library and
turns library errors into a one-line Chinese message with exit code 2.  Heavy
libraries (pandas, openpyxl, docx, matplotlib) are imported inside the commands that
need them, so ``zhengai --version`` and ``zhengai check`` start fast.
"""

from __future__ import annotations

import os
import sys

import typer

from zhengai import __version__
from zhengai.cli import check, diagnose, explain, init, schema, survey, teacher

app = typer.Typer(
    name="zhengai",
    help="zhengai：高职院校内部质量保证体系诊断与改进（诊改）工具。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zhengai {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", "-V", help="显示版本号并退出。", callback=_version, is_eager=True
    ),
) -> None:
    """zhengai：高职院校内部质量保证体系诊断与改进（诊改）工具。"""


for module in (check, diagnose, explain, init, schema, survey, teacher):
    module.register(app)


def main() -> None:
    """Console-script entry point: run the app; unexpected errors get one Chinese line."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("已中断。", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug in zhengai, not bad input: say so without a traceback
        if os.environ.get("ZHENGAI_DEBUG"):
            raise
        typer.echo(
            f"zhengai 内部错误：{type(exc).__name__}: {exc}。"
            "请设置环境变量 ZHENGAI_DEBUG=1 重试以查看详情，并报告此问题。",
            err=True,
        )
        sys.exit(3)
