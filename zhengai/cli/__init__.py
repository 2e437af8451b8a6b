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
from zhengai.cli import (
    assess,
    check,
    diagnose,
    explain,
    exporter,
    importer,
    init,
    report,
    schema,
    status,
    survey,
    teacher,
    template,
)
from zhengai.cli.chinese_help import localize
from zhengai.cli.console import protect_console

localize()

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


for module in (check, diagnose, assess, explain, init, schema, importer, exporter, report, status, template, survey, teacher):
    module.register(app)


_USAGE_PATTERNS: list[tuple[str, str]] = [
    (r"Missing argument '([^']+)'", "缺少参数 {0}"),
    (r"Missing parameter: (\S+)", "缺少参数 {0}"),
    (r"Missing option '([^']+)'", "缺少选项 {0}"),
    (r"No such option: (\S+)", "没有选项 {0}"),
    (r"No such command '([^']+)'", "没有命令 {0}"),
    # click 8.1 says "argument"/"arguments", the click vendored in typer 0.2x "argument(s)"
    (r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", "多余的参数：{0}"),
    (r"Invalid value for '([^']+)'(?: / '[^']+')?: (.+)", "选项 {0} 的取值无效：{1}"),
    (r"Option '([^']+)' requires an argument", "选项 {0} 需要一个取值"),
]


def usage_message(english: str) -> str:
    """Click's usage error in Chinese (the original kept when no pattern fits)."""
    import re

    for pattern, chinese in _USAGE_PATTERNS:
        match = re.search(pattern, english)
        if match:
            detail = [g.removeprefix("Value error, ").replace(" is not one of ", " 不是以下之一：")
                      .replace(" is not a valid ", " 不是有效的 ").replace(" is not in the range ", " 不在范围 ")
                      .rstrip(".") for g in match.groups()]
            if chinese.startswith("缺少参数"):  # typer < 0.27 names arguments by metavar (PATHS)
                detail = [d.lower() for d in detail]
            return chinese.format(*detail)
    return english


def _is_usage_error(exc: BaseException) -> bool:
    """Click's UsageError family, whether typer uses click or its vendored copy."""
    return hasattr(exc, "format_message") and getattr(exc, "exit_code", None) == 2


def main() -> None:
    """Console-script entry point: usage errors and unexpected errors get one Chinese line."""
    protect_console()  # before anything is printed: no command may crash on the console's code page
    try:
        code = app(standalone_mode=False, prog_name="zhengai")
    except KeyboardInterrupt:
        typer.echo("已中断。", err=True)
        sys.exit(130)
    except Exception as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # the help has been printed
            sys.exit(2)
        if type(exc).__name__ == "Abort":
            typer.echo("已中断。", err=True)
            sys.exit(130)
        if _is_usage_error(exc):
            ctx = getattr(exc, "ctx", None)
            where = ctx.command_path if ctx is not None else "zhengai"
            message = usage_message(exc.format_message()).rstrip("。.")  # type: ignore[attr-defined]
            typer.echo(f"错误：{message}。用 {where} --help 查看用法。", err=True)
            sys.exit(2)
        if os.environ.get("ZHENGAI_DEBUG"):  # a bug in zhengai, not bad input
            raise
        typer.echo(
            f"zhengai 内部错误：{type(exc).__name__}: {exc}。"
            "请设置环境变量 ZHENGAI_DEBUG=1 重试以查看详情，并报告此问题。",
            err=True,
        )
        sys.exit(3)
    sys.exit(code if isinstance(code, int) else 0)
