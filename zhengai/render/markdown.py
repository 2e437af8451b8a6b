"""Rendering report data through Jinja templates (Markdown here; Word in later modules).

Templates run in a sandboxed environment with undefined variables as errors, so a
college's own template cannot reach into Python and a misspelt variable fails
loudly instead of printing nothing.

The sandbox is also *bounded* (:class:`BoundedEnvironment`): a template is the user's
input, and ``{% for i in range(100000) %}{% for j in range(100000) %}``, ``'x' * 10**9``,
a recursive macro or a doubling loop must end quickly with a Chinese message naming the
line, not hang the batch or write a gigabyte.  Every loop iteration and call costs a
step, every character produced (in the output, a macro, a ``{% set %}`` block) is
counted, and the operators and filters that build big values check the size first.
"""

from __future__ import annotations

import contextvars
import functools
import os
import posixpath
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, cast

from jinja2 import (
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
    nodes,
)
from jinja2.environment import Template
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from jinja2.visitor import NodeTransformer

from zhengai import __version__
from zhengai.errors import ZhengaiError
from zhengai.numfmt import fixed, percent
from zhengai.resources import templates_dir

CN_NUMBERS = "一二三四五六七八九十"


class RenderError(ZhengaiError):
    """A template could not be rendered; the message is Chinese and names the template."""


def pct(value: float | None, digits: int = 1) -> str:
    """0.8535 → ``85.4%`` (四舍五入); None → ``—``."""
    return percent(value, digits)


def score(value: float | None) -> str:
    """A score with two decimals (四舍五入), or ``—`` when missing."""
    return fixed(value)


def num(value: Any) -> str:
    """A number without a needless ``.0``; text as it is; None as ``—``."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def cell(value: Any) -> str:
    """Safe inside a Markdown table cell: no pipes, no line breaks."""
    return num(value).replace("|", "｜").replace("\r", "").replace("\n", "<br>")


def cn(index: int) -> str:
    """1 → 一 … 10 → 十 (heading numbers)."""
    return CN_NUMBERS[index - 1] if 1 <= index <= 10 else str(index)


# ------------------------------------------------------------------ the bounded sandbox
@dataclass(frozen=True)
class Limits:
    """What one render of a template may use.  A real report needs a small fraction:
    the example college's largest Word report is about 1.5 million characters of XML
    and some 20,000 steps."""

    seconds: float = 30.0
    steps: int = 2_000_000  # loop iterations and calls
    output_chars: int = 64_000_000  # every character produced, buffered or not
    items: int = 1_000_000  # longest text or list built with *, +, ~ or a filter
    range_items: int = 100_000  # longest range()
    power_bits: int = 10_000  # largest integer a ** may produce (about 3,000 digits)


LIMITS = Limits()


class TemplateLimitError(SecurityError):
    """A template exceeded :data:`LIMITS`; the message is Chinese."""


class _Budget:
    """The allowance of one render (shared by the templates it imports or includes)."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.steps = limits.steps
        self.chars = limits.output_chars
        self.deadline = time.monotonic() + limits.seconds

    def tick(self) -> None:
        self.steps -= 1
        if self.steps <= 0:
            raise TemplateLimitError(f"模板运算超过 {self.limits.steps:,} 步（循环或宏调用过多，或宏无限递归）")
        if not self.steps & 1023:
            self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimitError(f"模板渲染超过 {self.limits.seconds:g} 秒（循环过多或嵌套过深）")

    def charge(self, chars: int) -> None:
        self.chars -= chars
        if self.chars < 0:
            raise TemplateLimitError(f"模板输出超过 {self.limits.output_chars:,} 个字符")


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("zhengai_template_budget", default=None)


def _tick() -> None:
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick()


def _sized(value: Any, what: str = "文字或列表") -> Any:
    """``value`` unchanged when its length is within :attr:`Limits.items`."""
    if isinstance(value, (str, list, tuple)) and len(value) > LIMITS.items:
        raise TemplateLimitError(f"模板生成的{what}超过 {LIMITS.items:,} 项（字符）")
    return value


def _check_count(n: Any, what: str) -> None:
    if isinstance(n, int) and abs(n) > LIMITS.items:
        raise TemplateLimitError(f"{what}（{n:,}）超过上限 {LIMITS.items:,}")


_WIDE_FORMAT = re.compile(r"\d{7,}")


def _check_format(text: Any) -> None:
    """Refuse a format string with a width or precision of a million or more (``%9999999s``)."""
    if isinstance(text, str) and _WIDE_FORMAT.search(text):
        raise TemplateLimitError("格式字符串中的宽度或精度过大")


def _check_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        hits = len(text) + 1 if not old else text.count(old)
        _check_count(len(text) + hits * (len(new) - len(old)), "替换结果的长度")


def _check_join(items: Any, sep: Any) -> None:
    if isinstance(sep, str) and hasattr(items, "__len__"):
        _check_count(len(items) * len(sep), "拼接结果的长度")


def safe_range(*args: int) -> range:
    """``range()`` for templates: at most :attr:`Limits.range_items` numbers."""
    numbers = range(*args)
    if len(numbers) > LIMITS.range_items:
        raise TemplateLimitError(f"range() 的范围过大（{len(numbers):,} 个数，上限 {LIMITS.range_items:,}）")
    return numbers


# Filters and text methods whose number arguments are sizes (widths, counts) of what they build.
_SIZING_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice"})
_SIZING_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


def _guard_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that costs a step, refuses size arguments over the limit and checks its result.

    Jinja's pass-context/environment markers are kept so the wrapped filter is called the
    same way.
    """

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _tick()
        values = [a for a in args if not isinstance(a, (SandboxedEnvironment, EvalContext, Context))]
        if name in _SIZING_FILTERS:
            for arg in [*values[1:], *kwargs.values()]:
                _check_count(arg, f"过滤器 {name} 参数")
        elif name == "format" and values:
            _check_format(values[0])
        elif name == "replace" and len(values) >= 3:
            _check_replace(values[0], values[1], values[2])
        elif name == "join" and values:
            _check_join(values[0], values[1] if len(values) > 1 else kwargs.get("d", ""))
        return _sized(func(*args, **kwargs))

    return guarded


class _Bounder(NodeTransformer):
    """Rewrites a template's tree before compiling: each ``for`` iterates through the step
    counter, each ``~`` checks its length, each output statement charges its literal text."""

    # generic_visit returns the node it was given (its children rewritten); jinja's
    # annotation only says Node, hence the casts.
    def visit_For(self, node: nodes.For) -> nodes.Node:
        node = cast(nodes.For, self.generic_visit(node))
        node.iter = _env_call("zg_iterate", node.iter, node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        return _env_call("zg_sized", self.generic_visit(node), node.lineno)

    def visit_Output(self, node: nodes.Output) -> nodes.Node:
        node = cast(nodes.Output, self.generic_visit(node))
        literal = sum(len(child.data) for child in node.nodes if isinstance(child, nodes.TemplateData))
        literal += sum(len(str(child.value)) for child in node.nodes if isinstance(child, nodes.Const))
        if literal:
            node.nodes.insert(0, _env_call("zg_charge", nodes.Const(literal, lineno=node.lineno), node.lineno))
        return node


def _env_call(name: str, arg: nodes.Node, lineno: int) -> nodes.Call:
    # ``for`` iterables and ``~`` operands are expressions; jinja types For.iter as Node.
    call = nodes.Call(nodes.EnvironmentAttribute(name, lineno=lineno), [cast(nodes.Expr, arg)], [], None, None,
                      lineno=lineno)
    return call


class BoundedTemplate(Template):
    """A template rendered piece by piece (:meth:`generate`) within :data:`LIMITS`."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        """Render like :meth:`jinja2.Template.render`, stopping at the limits."""
        token = None
        budget = _BUDGET.get()
        if budget is None:  # the outermost render: a fresh allowance
            budget = _Budget(LIMITS)
            token = _BUDGET.set(budget)
        try:
            parts: list[str] = []
            size = 0
            for piece in self.generate(*args, **kwargs):
                size += len(piece)
                if size > LIMITS.output_chars:
                    raise TemplateLimitError(f"模板输出超过 {LIMITS.output_chars:,} 个字符")
                budget.check_time()
                parts.append(piece)
            return "".join(parts)
        finally:
            if token is not None:
                _BUDGET.reset(token)


class BoundedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox plus :data:`LIMITS` (see the module docstring)."""

    template_class = BoundedTemplate
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("finalize", _finalize)
        super().__init__(*args, **kwargs)
        self.globals["range"] = safe_range
        self.globals.pop("lipsum", None)  # lipsum(10**6) writes megabytes of Latin; no report needs it
        self.filters = _GuardedFilters(self.filters)

    def _generate(self, source: nodes.Template, name: str | None, filename: str | None,
                  defer_init: bool = False) -> str:
        return super()._generate(_Bounder().visit(source), name, filename, defer_init)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """``*`` ``+`` ``%`` ``**`` with their results' size checked before they are built."""
        _tick()
        if operator == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
                if right * abs(left).bit_length() > LIMITS.power_bits:
                    raise TemplateLimitError(f"乘方 {left}**{right} 的结果过大")
        elif operator == "*":
            for seq, n in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(n, int):
                    _check_count(len(seq) * n, "重复（*）的结果长度")
        elif operator == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                _check_count(len(left) + len(right), "相加（+）的结果长度")
        elif operator == "%":
            _check_format(left)
        return _sized(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """A call from the template: one step, size checks on text methods, the result's size checked."""
        _tick()
        target = getattr(__obj, "__wrapped__", __obj)
        receiver = getattr(target, "__self__", None)
        if isinstance(receiver, str):
            method = getattr(target, "__name__", "")
            if method in _SIZING_METHODS:
                for arg in [*args, *kwargs.values()]:
                    _check_count(arg, f"{method}() 参数")
            elif method in ("format", "format_map"):
                _check_format(receiver)
            elif method == "replace" and len(args) >= 2:
                _check_replace(receiver, args[0], args[1])
            elif method == "join" and args:
                _check_join(args[0], receiver)
        elif isinstance(__obj, LoopContext) and args:  # loop(children) in a recursive for
            args = (__self.zg_iterate(args[0]), *args[1:])
        return _sized(super().call(__context, __obj, *args, **kwargs))

    @staticmethod
    def zg_iterate(iterable: Iterable[Any]) -> Iterator[Any]:
        """The items of a ``for`` loop, one step each."""
        budget = _BUDGET.get()
        for item in iterable:
            if budget is not None:
                budget.tick()
            yield item

    @staticmethod
    def zg_sized(value: Any) -> Any:
        """The result of ``~``, refused when too long."""
        return _sized(value)

    @staticmethod
    def zg_charge(chars: int) -> str:
        """Charge an output statement's literal text to the budget; outputs nothing."""
        budget = _BUDGET.get()
        if budget is not None:
            budget.charge(chars)
        return ""


def _finalize(value: Any) -> Any:
    """Count every ``{{ … }}`` value produced (in the output or in a buffer)."""
    budget = _BUDGET.get()
    if budget is not None:
        budget.tick()
        budget.charge(len(value) if isinstance(value, str) else 1)
    return value


class _GuardedFilters(dict[str, Callable[..., Any]]):
    """The environment's filters, each wrapped by :func:`_guard_filter` (also those added later)."""

    def __init__(self, filters: dict[str, Callable[..., Any]]) -> None:
        super().__init__()
        self.update(filters)

    def __setitem__(self, name: str, func: Callable[..., Any]) -> None:
        super().__setitem__(name, _guard_filter(name, func))

    def update(self, *args: Any, **kwargs: Any) -> None:
        """Wrap every filter added."""
        for name, func in dict(*args, **kwargs).items():
            self[name] = func


# ------------------------------------------------------------------ errors
_REASONS: tuple[tuple[type[BaseException], str], ...] = (
    (ZeroDivisionError, "除数为零"),
    (RecursionError, "递归过深（宏调用自身或嵌套过多）"),
    (MemoryError, "内存不足（模板生成的内容过多）"),
    (OverflowError, "数值过大"),
)


def template_line(exc: BaseException, filename: str | None) -> int | None:
    """The template line an error happened on: Jinja puts the template's own frames (with
    template line numbers) into the traceback; the innermost one wins."""
    if isinstance(exc, TemplateSyntaxError) and exc.lineno:
        return exc.lineno
    line = None
    tb: TracebackType | None = exc.__traceback__
    while tb is not None:
        if filename is not None and tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def failure_reason(exc: BaseException) -> str:
    """A Chinese description of why a user's template failed."""
    if isinstance(exc, TemplateLimitError):
        return f"超出限制：{exc}"
    if isinstance(exc, UndefinedError):
        return f"使用了报告数据中没有的变量：{exc.message}"
    if isinstance(exc, SecurityError):
        return f"试图访问不允许的内容：{exc}"
    if isinstance(exc, TemplateSyntaxError):
        return f"语法错误：{exc.message}"
    if isinstance(exc, TemplateError):
        return f"渲染失败：{exc}"
    if isinstance(exc, SyntaxError):  # Python's own limits while compiling, e.g. 20 nested blocks
        return f"嵌套层数过多，无法编译（{exc.msg}）"
    for kind, text in _REASONS:
        if isinstance(exc, kind):
            return text
    return f"运算或过滤器参数不合法（{type(exc).__name__}: {exc}）"


def is_template_failure(exc: BaseException) -> bool:
    """Errors a template can cause by itself (as opposed to a bug in zhengai)."""
    return isinstance(exc, (TemplateError, ArithmeticError, RecursionError, MemoryError, ValueError, TypeError,
                            AssertionError, LookupError, AttributeError, SyntaxError))


@functools.lru_cache(maxsize=16)
def environment(folder: Path, *, autoescape: bool = False) -> SandboxedEnvironment:
    """A bounded, sandboxed Jinja environment over ``folder`` with zhengai's filters."""
    env = BoundedEnvironment(
        loader=FileSystemLoader(str(folder)), undefined=StrictUndefined, autoescape=autoescape,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters.update(pct=pct, score=score, num=num, cell=cell, cn=cn)
    env.globals.update(zhengai_version=__version__)
    return env


def render_template(name: str, context: dict[str, Any], template: Path | None = None) -> str:
    """Render ``name`` from the default templates, or the college's ``template`` file.

    Anything the college's template does wrong — a syntax error, an unknown variable,
    ``1/0``, a runaway loop — is a :class:`RenderError` naming the file and line.
    """
    folder, file = (template.parent, template.name) if template else (templates_dir(), name)
    if template is not None and not template.is_file():
        raise RenderError(f"模板文件不存在：{template}")
    env = environment(folder)
    try:
        compiled = env.get_template(file)
        return compiled.render(**context)
    except Exception as exc:
        if template is None and not isinstance(exc, TemplateError):
            raise  # the bundled template failing is zhengai's bug (exit 3), not the user's
        if not is_template_failure(exc):
            raise
        path = template or templates_dir() / name
        line = template_line(exc, os.path.normpath(posixpath.join(str(folder), file)))
        where = f"{path}:{line}" if line else str(path)
        hint = "（变量名拼错或不在报告数据中）" if isinstance(exc, UndefinedError) else ""
        raise RenderError(f"模板 {where} {failure_reason(exc)}{hint}") from exc


def report_context(diagnosis: Any) -> dict[str, Any]:
    """The names a diagnosis template sees."""
    return {"d": diagnosis}
