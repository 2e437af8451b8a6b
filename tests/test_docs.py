"""The README stays true: every command, every rule code, the quick start, the formulas."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from zhengai.check.rules import RULES
from zhengai.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci/run").read_text(encoding="utf-8")


def commands() -> list[str]:
    group = typer.main.get_command(app)
    names = []
    for name, command in group.commands.items():
        sub = getattr(command, "commands", None)
        names += [f"{name} {s}" for s in sub] if sub else [name]
    return names


def test_every_command_is_documented_and_has_help() -> None:
    group = typer.main.get_command(app)
    for name in commands():
        assert f"`zhengai {name}" in README, f"README does not document `zhengai {name}`"
        command = group.commands[name.split()[0]]
        assert command.help or getattr(command, "short_help", None), name


def test_every_rule_code_is_in_the_readme_and_tested() -> None:
    tests = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").rglob("*.py"))
    for code, rule in RULES.items():
        assert f"| {code} |" in README, f"{code} missing from the README rule table"
        assert rule.rationale and rule.title, code
        assert code in tests, f"no test mentions {code}"


def test_quick_start_is_two_lines_and_ci_runs_the_second() -> None:
    block = re.search(r"## 快速开始\n\n```bash\n(.*?)```", README, re.S)
    assert block, "quick start block missing"
    lines = [ln for ln in block.group(1).splitlines() if ln.strip()]
    assert len(lines) == 2
    assert lines[1] in CI


def test_formulas_are_documented() -> None:
    for text in ("ratio = 实际 / 目标", "progress = (实际 − 基线) / (目标 − 基线)", "均值 ± 3σ", "建设指标完成率"):
        assert text in README
