"""Chinese help pages: Typer's and Rich's own words, and no text cut off with "…".

Our help strings are Chinese, but the frame around them comes from Typer (panel
titles, ``[required]``, ``[default: …]``, ``<path>``, the ``Usage:`` line and the
``--help`` option's own text).  Typer keeps most of these as module-level strings in
``typer.rich_utils``; the rest are patched here at the one place each is produced.

Rich wraps lines at spaces and cuts a "word" that does not fit a table cell with an
ellipsis.  A Chinese sentence has no spaces, so it is one long word.  Two changes fix
that: Rich's word pattern lets a line break between two Chinese characters (never
before closing punctuation such as ，。）nor after opening punctuation such as （“),
and every Text in the options and commands tables folds rather than ends in "…".

:func:`localize` is applied once, when :mod:`zhengai.cli` is imported, so the help is
Chinese whether the app runs from the console script or a test runner.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import re
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any

import typer
import typer.core
from rich.text import Text

try:  # typer >= 0.26 vendors click
    from typer import _click as click_module
except ImportError:  # pragma: no cover - older typer uses click itself
    import click as click_module  # type: ignore[no-redef]

USAGE_PREFIX = "用法："
HELP_OPTION_HELP = "显示本帮助并退出。"
METAVARS = {"[OPTIONS]": "[选项]", "COMMAND [ARGS]...": "命令 [参数]..."}

RICH_STRINGS = {
    "ARGUMENTS_PANEL_TITLE": "参数",
    "OPTIONS_PANEL_TITLE": "选项",
    "COMMANDS_PANEL_TITLE": "命令",
    "ERRORS_PANEL_TITLE": "错误",
    "REQUIRED_LONG_STRING": "[必填]",
    "DEFAULT_STRING": "[默认：{}]",
    "ENVVAR_STRING": "[环境变量：{}]",
    "DEPRECATED_STRING": "（已弃用）",
    "ABORTED_TEXT": "已中断。",
    "RICH_HELP": "用 [blue]'{command_path} {help_option}'[/] 查看帮助。",
}
"""``typer.rich_utils`` module strings in Chinese (read by Typer each time help is shown)."""

TYPE_NAMES = {
    "path": "路径", "file": "文件", "dir": "目录", "str": "文本", "int": "整数", "float": "数值",
    "int range": "整数", "float range": "数值", "bool": "是/否", "datetime": "日期",
}
"""Typer's type labels (``<path>``) in Chinese; choice lists (``<md|json>``) stay as written."""

_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60"
_OPEN = "（《「『【〈“‘"
_CLOSE = "，。、；：？！）》」』】〉”’"
CJK_WORD = re.compile(
    rf"\s*(?:[{_OPEN}]*[{_CJK}][{_CLOSE}]*"  # one Chinese character with the punctuation it carries
    rf"|[{_OPEN}]*[^\s{_CJK}{_OPEN}{_CLOSE}]+[{_CLOSE}]*"  # a run of Latin letters, digits, options
    r"|\S)\s*"  # anything else alone: every character belongs to some word, none is dropped
)
"""Rich's "word" (the unit it never breaks inside), made to know Chinese."""

_LABEL = re.compile(r"^<(?:list\[(?P<item>.+)\]|(?P<bare>.+))>$")


def type_label(english: str | None) -> str | None:
    """``<path>`` → ``<路径>``, ``<list[class|program]>`` → ``<class|program>...``."""
    if english is None:
        return None
    match = _LABEL.match(english)
    if match is None:
        return english
    inner = match["item"] or match["bare"]
    shown = f"<{TYPE_NAMES.get(inner.lower(), inner)}>"
    return f"{shown}..." if match["item"] else shown


def _fold(renderable: Any) -> Any:
    """Make a Text (or the Texts inside Columns) fold rather than end in an ellipsis."""
    for item in getattr(renderable, "renderables", None) or [renderable]:
        if isinstance(item, Text):
            item.overflow = "fold"
    return renderable


def _folding(function: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return _fold(function(*args, **kwargs))

    wrapper.__zhengai__ = True  # type: ignore[attr-defined]
    return wrapper


def _write_usage(original: Callable[..., None]) -> Callable[..., None]:
    @wraps(original)
    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, chinese in METAVARS.items():
            args = args.replace(english, chinese)
        original(self, prog, args, USAGE_PREFIX if prefix is None else prefix)

    write_usage.__zhengai__ = True  # type: ignore[attr-defined]
    return write_usage


def _get_help_option(original: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(original)
    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original(self, ctx)
        if option is not None:
            option.help = HELP_OPTION_HELP
        return option

    get_help_option.__zhengai__ = True  # type: ignore[attr-defined]
    return get_help_option


def _display_type(original: Callable[..., str]) -> Callable[..., str | None]:
    @wraps(original)
    def display_type_rich(self: Any, ctx: Any) -> str | None:
        if getattr(self, "is_flag", False) and not getattr(self, "count", False):
            return None  # a switch takes no value: showing <bool> only confuses
        return type_label(original(self, ctx))

    display_type_rich.__zhengai__ = True  # type: ignore[attr-defined]
    return display_type_rich


def _patch(owner: Any, name: str, make: Callable[[Any], Any]) -> None:
    """Replace ``owner.name`` by ``make(original)``, once, if this Typer has it."""
    original = getattr(owner, name, None)
    if original is not None and not getattr(original, "__zhengai__", False):
        setattr(owner, name, make(original))


def _localize_rich_utils(rich_utils: Any) -> None:
    """The Chinese words of ``typer.rich_utils`` (panel titles, [必填] …) and folding tables."""
    from rich import _wrap

    if getattr(_wrap, "re_word", None) is not None:
        _wrap.re_word = CJK_WORD
    for name, text in RICH_STRINGS.items():
        if hasattr(rich_utils, name):
            setattr(rich_utils, name, text)
    _patch(rich_utils, "_get_parameter_help", _folding)
    _patch(rich_utils, "_make_command_help", _folding)


class _WhenImported(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Runs :func:`_localize_rich_utils` right after Typer imports ``typer.rich_utils``.

    Typer imports it only to print help or an error panel; importing it (with
    ``rich.markdown`` and ``markdown_it``) ourselves at start-up cost about 100 ms on every
    ``zhengai --version`` and ``zhengai check``.
    """

    NAME = "typer.rich_utils"

    def __init__(self) -> None:
        self._loader: Any = None

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != self.NAME or self._loader is not None:
            return None
        sys.meta_path.remove(self)  # find the real spec without finding ourselves again
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        self._loader, spec.loader = spec.loader, self
        return spec

    def create_module(self, spec: Any) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self._loader.exec_module(module)
        _localize_rich_utils(module)


def localize() -> None:
    """Put the Chinese words into Typer's help rendering (idempotent).

    The parts of Typer that every run imports are patched now; ``typer.rich_utils`` when
    Typer first imports it (or now, if it already has).
    """
    rich_utils = sys.modules.get(_WhenImported.NAME)
    if rich_utils is not None:
        _localize_rich_utils(rich_utils)
    elif not any(isinstance(finder, _WhenImported) for finder in sys.meta_path):
        sys.meta_path.insert(0, _WhenImported())
    _patch(click_module.formatting.HelpFormatter, "write_usage", _write_usage)
    _patch(click_module.core.Command, "get_help_option", _get_help_option)
    for parameter in (typer.core.TyperArgument, typer.core.TyperOption):
        _patch(parameter, "display_type_rich", _display_type)
