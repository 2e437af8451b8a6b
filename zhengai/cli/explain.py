"""``zhengai explain``: print a rule's documentation."""

from __future__ import annotations

import typer

from zhengai.cli.common import fail


def explain(
    code: str | None = typer.Argument(None, help="规则编号，如 ZG302；不写则列出全部规则。"),
) -> None:
    """说明一条规则：为什么、怎么改、通过与不通过的写法。"""
    from zhengai.check.rules import RULES

    if code is None:
        for listed in RULES.values():
            smart = f" [{listed.smart}]" if listed.smart else ""
            typer.echo(f"{listed.code}  {listed.severity.label}  {listed.title}{smart}")
        return
    rule = RULES.get(code.strip().upper())
    if rule is None:
        fail(f"没有规则“{code}”；用 zhengai explain 列出全部规则。")
    typer.echo(rule.explain())


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("explain")(explain)
