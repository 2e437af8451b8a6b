"""Every ``--help`` is Chinese, frame included, and nothing is cut off at 80 columns."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from rich.cells import cell_len
from typer.testing import CliRunner

from zhengai.cli import app, usage_message
from zhengai.cli.chinese_help import CJK_WORD, type_label

ENGLISH = (
    "Usage", "Options", "Arguments", "Commands", "[required]", "[default", "Show this message", "and exit",
    "[OPTIONS]", "COMMAND", "[ARGS]", "env var", "deprecated", "Try '", "<bool>", "<path>", "<Path>", "<str>",
    "<int", "<float", "<file>", "<dir>", "range]", "…",
)
"""Typer's and Rich's own words (and the ellipsis Rich puts where it cuts text off)."""


def command_paths() -> list[list[str]]:
    """The root, every command, every group and every subcommand."""
    paths: list[list[str]] = [[]]

    def walk(command: object, path: list[str]) -> None:
        for name, sub in getattr(command, "commands", {}).items():
            paths.append([*path, name])
            walk(sub, [*path, name])

    walk(typer.main.get_command(app), [])
    return paths


def leaves() -> list[tuple[str, object]]:
    """(path, command) of every command that runs (no subcommands)."""
    group = typer.main.get_command(app)
    found = []
    for path in command_paths()[1:]:
        command = group
        for name in path:
            command = command.commands[name]  # type: ignore[attr-defined]
        if not getattr(command, "commands", None):
            found.append((" ".join(path), command))
    return found


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "zhengai")
def test_help_is_chinese_and_fits_80_columns(path: list[str]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    text = result.output
    found = [word for word in ENGLISH if word in text]
    assert not found, f"English or a cut-off in `zhengai {' '.join(path)} --help`: {found}\n{text}"
    assert f"用法：zhengai {' '.join(path)}".rstrip() in text and "显示本帮助并退出。" in text
    wide = [line for line in text.splitlines() if cell_len(line) > 80]
    assert not wide, wide


@pytest.mark.parametrize(("name", "command"), leaves(), ids=[n for n, _ in leaves()])
def test_short_options_mean_the_same_everywhere(name: str, command: object) -> None:
    for param in command.params:  # type: ignore[attr-defined]
        opts = set(param.opts)
        assert "-f" not in opts or "--format" in opts, f"{name}: -f is --format, not {param.opts}"
        assert "--force" not in opts or opts == {"--force"}, f"{name}: --force has no short form"
        assert "-o" not in opts or opts & {"--output", "--out"}, name
        assert "-k" not in opts or "--kind" in opts, name
        assert getattr(param, "help", None), f"{name}: {param.opts} has no help text"


def test_the_ends_of_long_help_texts_are_shown() -> None:
    result = CliRunner().invoke(app, ["import", "--help"], env={"COLUMNS": "80"})
    flat = "".join(result.output.split()).replace("│", "")
    for tail in ("件时给目录。", "输出CSV）。", "问卷YAML文件）。"):
        assert tail in flat


def test_chinese_lines_break_between_characters_not_before_punctuation() -> None:
    words = [m.group(0) for m in CJK_WORD.finditer("导入 Excel：把“表”转为 YAML，--kind responses。")]
    assert words == ["导", "入 ", "Excel：", "把", "“表”", "转", "为 ", "YAML，", "--kind ", "responses。"]
    text = "a “b” （c） ✔ 😀 ，"
    assert "".join(m.group(0) for m in CJK_WORD.finditer(text)) == text  # nothing dropped


def test_type_labels() -> None:
    assert type_label("<path>") == "<路径>" and type_label("<list[Path]>") == "<路径>..."
    assert type_label("<md|json>") == "<md|json>" and type_label(None) is None


@pytest.mark.parametrize("english", ["Got unexpected extra argument (jwc)", "Got unexpected extra arguments (jwc x)",
                                     "Got unexpected extra argument(s) (jwc)"])
def test_extra_arguments_are_chinese_in_every_click_wording(english: str) -> None:
    assert usage_message(english).startswith("多余的参数：jwc")


def test_an_extra_argument_on_the_command_line_is_reported_in_chinese(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "zhengai", "diagnose", "jwc", "extra"], capture_output=True,
                         cwd=tmp_path, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    err = run.stderr.decode("utf-8")
    assert run.returncode == 2 and "多余的参数：extra" in err and "Got" not in err, err


def test_range_errors_are_chinese() -> None:
    message = usage_message("Invalid value for '--years': 11 is not in the range 1<=x<=10.")
    assert message == "选项 --years 的取值无效：11 不在范围 1<=x<=10"


def test_every_command_that_draws_takes_the_same_font_option() -> None:
    drawing = {name: command for name, command in leaves() if any("--font" in p.opts for p in command.params)}
    assert set(drawing) == {"diagnose", "report annual", "survey score"}
    for name, command in drawing.items():
        font = next(p for p in command.params if "--font" in p.opts)
        assert font.opts == ["--font"] and "ZHENGAI_FONT" in font.help, name
