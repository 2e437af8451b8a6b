"""``zhengai check``: validate a plan repository."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path

import typer

from zhengai.cli.common import emit, user_errors


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"
    sarif = "sarif"
    junit = "junit"


class FailLevel(StrEnum):
    error = "error"
    warning = "warning"


def default_format() -> Format:
    """``github`` inside GitHub Actions, else ``text``."""
    return Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text


def check(
    paths: list[Path] = typer.Argument(..., help="仓库目录（含 zhengai.yaml）或其中的文件。"),
    fmt: Format | None = typer.Option(
        None, "--format", "-f", help="输出格式：text（默认）、json、github（GitHub Actions 中默认）、sarif、junit。"
    ),
    fail_level: FailLevel = typer.Option(
        FailLevel.error, "--fail-level", help="达到该级别的问题使退出码为 1：error 或 warning。"
    ),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="有问题也以 0 退出（只报告）。"),
    output: Path | None = typer.Option(None, "--output", "-o", help="写入文件而不是标准输出。"),
) -> None:
    """检查计划仓库：格式、跨文件引用、目标链与 SMART 规则。

    退出码：0 没有达到失败级别的问题；1 有问题；2 用法、配置或输入无法读取。
    """
    from zhengai.check.checker import ConfigUnusable, check_paths
    from zhengai.findings import Severity
    from zhengai.render.reporters import REPORTERS

    chosen = fmt or default_format()
    level = Severity(fail_level.value)
    with user_errors():
        try:
            report, _ = check_paths(paths)
        except ConfigUnusable as exc:
            # CI reads the formatted output, not stderr: the broken zhengai.yaml reaches it
            # as an annotation / SARIF result / JUnit failure, and the run still exits 2.
            emit(REPORTERS[chosen.value](exc.report, level), output)
            raise
    emit(REPORTERS[chosen.value](report, level), output)
    if output is not None and chosen is not Format.text and sys.stderr.isatty():
        typer.echo(f"已写入 {output}：{report.errors} 个错误，{report.warnings} 个警告。", err=True)
    if not exit_zero and report.fails(level):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("check")(check)
