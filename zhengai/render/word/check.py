"""Checking a report template before it is used: its variables, its tags, its layout.

:func:`check_template` reads a .docx (or a Markdown ``.md.j2``) template and returns a
:class:`TemplateCheck`: every variable path it uses with whether the report of that
kind provides it (and what it means), the Jinja tags Word has split across runs or
paragraphs, syntax errors, and where the page and styles depart from GB/T 9704.

Word splits text into *runs* whenever formatting, spell-checking or revision marks
change, often in the middle of ``{{ r.dept.name }}``.  docxtpl joins the pieces when
they stay in one paragraph, but the result takes the first run's formatting and a
tag broken across paragraphs cannot render at all; both are reported, with the
paragraph's text, so the officer can retype the tag in one go.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import inspect
import re
import tempfile
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, nodes

from zhengai.render.markdown import RenderError, failure_reason, is_template_failure
from zhengai.reports.fields import ANY
from zhengai.reports.registry import TEMPLATES, charts_for

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_OPEN = re.compile(r"\{\{|\{%|\{#")
_METHODS = {"items", "keys", "values", "get", "startswith", "endswith", "strip", "replace", "split", "join",
            "upper", "lower", "format", "isoformat"}
_IMPLICIT = {"loop", "range", "namespace", "dict", "lipsum", "cycler", "joiner", "true", "false", "none",
             "True", "False", "None", "caller", "varargs", "kwargs"}


@dataclass(frozen=True)
class Variable:
    """A variable path the template uses, e.g. ``r.targets[].score_text``."""

    path: str
    known: bool
    description: str = ""
    hint: str = ""


@dataclass(frozen=True)
class Issue:
    """A problem in the template; ``severity`` is error, warning or info (Chinese labels in ``label``)."""

    severity: str
    message: str
    where: str = ""

    @property
    def label(self) -> str:
        """错误 / 警告 / 提示."""
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.severity]


@dataclass
class TemplateCheck:
    """The result of checking one template."""

    path: Path
    kind: str
    variables: list[Variable] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """Number of errors (unknown variables, syntax errors, tags broken across paragraphs)."""
        return sum(1 for i in self.issues if i.severity == "error")

    @property
    def ok(self) -> bool:
        """True when the template will render with the report's data."""
        return self.errors == 0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"template": str(self.path), "kind": self.kind, "ok": self.ok,
                "variables": [v.__dict__ for v in self.variables],
                "issues": [{"severity": i.severity, "message": i.message, "where": i.where} for i in self.issues]}


# ------------------------------------------------------------------ reading docx
def _paragraph_runs(xml_root: Any) -> list[tuple[str, list[tuple[int, int]], str]]:
    """Per paragraph: its text, the (start, end) offset of each run's text, and a label."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    out = []
    for n, para in enumerate(xml_root.iter(f"{w}p"), 1):
        text, spans = "", []
        for run in para.iter(f"{w}r"):
            piece = "".join(t.text or "" for t in run.iter(f"{w}t"))
            if piece:
                spans.append((len(text), len(text) + len(piece)))
                text += piece
        out.append((text, spans, f"第 {n} 段"))
    return out


def _split_tags(parts: list[tuple[str, Any]]) -> list[Issue]:
    """Tags spread over several runs (warning) or not closed in their paragraph (error)."""
    issues = []
    for part_name, root in parts:
        for text, spans, where in _paragraph_runs(root):
            for match in _TAG.finditer(text):
                runs = sum(1 for a, b in spans if a < match.end() and b > match.start())
                if runs > 1:
                    issues.append(Issue("warning", f"标记“{match.group()}”被 Word 拆成了 {runs} 段格式（run），渲染后"
                                        "格式以第一段为准；建议在 Word 中删除整个标记后一次性重新输入。",
                                        f"{part_name}{where}：{text[:40]}"))
            rest = _TAG.sub("", text)
            opened = _OPEN.search(rest)
            if opened:
                issues.append(Issue("error", f"标记“{rest[opened.start():opened.start() + 20]}…”没有在同一段内结束"
                                    "（缺少 }} 或 %}，或被 Word 拆到了两段）；请在一段之内写完整的标记。",
                                    f"{part_name}{where}：{text[:40]}"))
    return issues


def _docx_source(path: Path) -> tuple[str, list[Issue]]:
    """The Jinja source docxtpl would render (body, headers, footers), and run/paragraph issues."""
    from docx.oxml import parse_xml

    from zhengai.render.word.render import open_template

    tpl = open_template(path)
    document = tpl.docx
    parts: list[tuple[str, Any]] = [("正文", document.element.body)]
    source = tpl.patch_xml(tpl.xml_to_string(document.element.body))
    for rel in document.part.rels.values():
        if rel.reltype in (tpl.HEADER_URI, tpl.FOOTER_URI) and rel.target_part.blob:
            root = parse_xml(rel.target_part.blob)
            parts.append(("页眉" if rel.reltype == tpl.HEADER_URI else "页脚", root))
            source += tpl.patch_xml(tpl.xml_to_string(root))
    # One paragraph per line, as docxtpl renders it, so a syntax error's line points at a paragraph.
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
    return source, _split_tags(parts)


# ------------------------------------------------------------------ variables
class _Walker:
    """Collect variable paths from a Jinja AST, following for-loop and set bindings."""

    def __init__(self) -> None:
        self.used: dict[str, None] = {}

    def path(self, node: nodes.Node, scope: dict[str, str | None]) -> str | None:
        if isinstance(node, nodes.Name):
            if node.name in scope:
                return scope[node.name]
            return None if node.name in _IMPLICIT else node.name
        if isinstance(node, nodes.Getattr):
            base = self.path(node.node, scope)
            return f"{base}.{node.attr}" if base else None
        if isinstance(node, nodes.Getitem):
            base = self.path(node.node, scope)
            if base is None:
                return None
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return f"{base}.{node.arg.value}"
            return f"{base}[]"
        return None

    def expr(self, node: nodes.Node, scope: dict[str, str | None]) -> None:
        if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr) and node.node.attr in _METHODS:
            self.expr(node.node.node, scope)  # a method call: the object is used, the method is not data
            for child in [*node.args, *(k.value for k in node.kwargs)]:
                self.expr(child, scope)
            return
        found = self.path(node, scope)
        if found is not None and isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            self.used[found] = None
            if isinstance(node, nodes.Getitem):
                self.expr(node.arg, scope)
            return
        for sub in node.iter_child_nodes():
            self.expr(sub, scope)

    def body(self, items: list[nodes.Node], scope: dict[str, str | None]) -> None:
        for item in items:
            self.stmt(item, scope)

    def stmt(self, node: nodes.Node, scope: dict[str, str | None]) -> None:
        if isinstance(node, nodes.For):
            self.expr(node.iter, scope)
            base = self.path(node.iter, scope)
            inner = dict(scope)
            for target in node.target.find_all(nodes.Name) if not isinstance(node.target, nodes.Name) else [node.target]:
                inner[target.name] = f"{base}[]" if base and isinstance(node.target, nodes.Name) else None
            if node.test is not None:
                self.expr(node.test, inner)
            self.body(node.body, inner)
            self.body(node.else_, scope)
        elif isinstance(node, nodes.Assign):
            self.expr(node.node, scope)
            if isinstance(node.target, nodes.Name):
                scope[node.target.name] = self.path(node.node, scope)
        elif isinstance(node, (nodes.Macro, nodes.CallBlock)):
            if isinstance(node, nodes.Macro):
                scope[node.name] = None  # the macro's own name (also inside it: it may call itself)
            inner = dict(scope)
            for arg in getattr(node, "args", []):
                inner[arg.name] = None
            self.body(node.body, inner)
        elif isinstance(node, nodes.Stmt) and not isinstance(node, nodes.Output):
            for field_name in node.fields:
                value = getattr(node, field_name)
                children = value if isinstance(value, list) else [value]
                for child in children:
                    if isinstance(child, nodes.Stmt):
                        self.stmt(child, scope)
                    elif isinstance(child, nodes.Node):
                        self.expr(child, scope)
        else:
            self.expr(node, scope)


def _lookup(spec: Any, path: str) -> tuple[bool, str, str]:
    """(known, description, hint) of a variable path in a context spec."""
    node: Any = spec
    walked = ""
    for token in re.findall(r"[^.\[\]]+|\[\]", path):
        if node == ANY:
            return True, ANY, ""
        if token == "[]":
            if not isinstance(node, list):
                return False, "", f"{walked or '它'} 不是列表"
            node, walked = node[0], walked + "[]"
            continue
        if not isinstance(node, dict) or token not in node:
            if isinstance(node, dict):
                keys = [k for k in node if isinstance(k, str)]
                close = difflib.get_close_matches(token, keys, n=1, cutoff=0.6)
                guess = f"是否想写“{walked + '.' if walked else ''}{close[0]}”？" if close else ""
                names = "、".join(keys)
                return False, "", guess + (f"{walked} 下可用：{names}" if walked else f"可用：{names}")
            if isinstance(node, list):
                return False, "", f"{walked} 是列表，请用 {{% for x in {walked} %}} 逐项取用"
            return False, "", f"{walked} 是一个值，没有下级"
        node = node[token]
        walked = f"{walked}.{token}" if walked else token
    if isinstance(node, str):
        return True, node, ""
    if isinstance(node, list):
        return True, "列表", ""
    return True, "对象", ""


_LEAVES = {str: "文字", int: "整数", float: "数值", bool: "是/否"}


def object_spec(tp: Any, depth: int = 0) -> Any:
    """The variables below an object of type ``tp``, read from its dataclass or pydantic
    fields and properties (the Markdown diagnosis template gets a
    :class:`~zhengai.score.diagnosis.Diagnosis` as ``d``, not a dict described in FIELDS)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return object_spec(args[0], depth) if len(args) == 1 else ANY
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return [object_spec(item, depth + 1)]
    if tp in _LEAVES:
        return _LEAVES[tp]
    is_model = isinstance(tp, type) and hasattr(tp, "model_fields")
    if depth > 4 or not (dataclasses.is_dataclass(tp) or is_model):
        return ANY  # dates, enums, dicts, tuples: anything below is accepted
    try:
        hints = typing.get_type_hints(tp)
    except (NameError, TypeError):
        return ANY
    names = list(tp.model_fields) if is_model else [f.name for f in dataclasses.fields(tp)]
    spec: dict[str, Any] = {name: object_spec(hints.get(name, Any), depth + 1) for name in names
                            if not name.startswith("_")}
    for name, member in inspect.getmembers(tp):
        if name.startswith(("_", "model_")) or name in spec:
            continue
        if isinstance(member, property):
            try:
                returns = typing.get_type_hints(member.fget).get("return", Any)
            except (NameError, TypeError):
                returns = Any
            spec[name] = object_spec(returns, depth + 1)
        elif callable(member) and not is_model:  # pydantic's own methods are not report data
            spec[name] = "方法"
    return spec


def check_fields(kind: str, *, markdown: bool) -> Any:
    """The variables a template of ``kind`` may use: Word sees ``charts``; Markdown does not,
    but sees ``d``, the object the report was built from, when the kind has one."""
    template = TEMPLATES[kind]
    spec = template.context_fields
    if markdown:
        spec.pop("charts", None)
        if template.source_type is not None:
            spec["d"] = object_spec(template.source_type)
    return spec


def check_template(path: Path, kind: str) -> TemplateCheck:
    """Check ``path`` (a .docx or a Markdown ``.md.j2``) against the context of ``kind``."""
    from zhengai.render.word.render import docx_environment

    if kind not in TEMPLATES:
        raise RenderError(f"未知的模板类型“{kind}”；可选：{'、'.join(TEMPLATES)}。")
    if not path.is_file():
        raise RenderError(f"模板文件不存在：{path}")
    result = TemplateCheck(path, kind)
    markdown = path.suffix.lower() != ".docx"
    if markdown:
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise RenderError(f"{path} 不是 UTF-8 文本：{exc}") from exc
    else:
        from docx import Document

        from zhengai.render.word.styles import conformance

        source, result.issues = _docx_source(path)
        result.issues += [Issue("info", f"版式与 GB/T 9704 不同：{problem}") for problem in conformance(Document(str(path)))]
    env = docx_environment()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        line = source.splitlines()[(exc.lineno or 1) - 1] if source else ""
        where = f"第 {exc.lineno} 行" if markdown else f"附近文字：{re.sub(r'<[^>]+>', '', line).strip()[:60]}"
        result.issues.append(Issue("error", f"Jinja 语法错误：{exc.message}", where))
        return result
    walker = _Walker()
    walker.body(tree.body, {})
    spec = check_fields(kind, markdown=markdown)
    for used in walker.used:
        known, description, hint = _lookup(spec, used)
        result.variables.append(Variable(used, known, description, hint))
        if not known:
            result.issues.append(Issue("error", f"变量“{used}”不在{kind}报告的数据中" + (f"（{hint}）" if hint else ""),
                                       ""))
    if result.ok:
        failure = trial_render(path, kind)
        if failure:
            result.issues.append(Issue("error", f"用示例数据试渲染失败：{failure}"))
    return result


def trial_render(path: Path, kind: str) -> str:
    """Render ``path`` with a small real report of ``kind`` in the bounded sandbox; the
    Chinese reason when that fails (``1/0``, runaway loops, nesting Python cannot compile …),
    else ``""``.  A template that passes the variable check can still fail this way."""
    from zhengai.render.markdown import render_template
    from zhengai.render.word.render import render_docx

    docx_context, markdown_context = _sample_contexts()[kind]
    try:
        if path.suffix.lower() == ".docx":
            render_docx(path, docx_context, None, charts_for(kind))
        else:
            render_template(path.name, markdown_context, path)
    except RenderError as exc:
        return str(exc)
    except Exception as exc:
        if not is_template_failure(exc):
            raise
        return failure_reason(exc)
    return ""


@functools.cache
def _sample_contexts() -> dict[str, tuple[dict[str, Any], dict[str, Any]]]:
    """Template id → (Word context, Markdown context) of the reports of a fresh ``zhengai init``
    repository: for each template, the first unit whose report uses it."""
    from zhengai.load.repository import load_repository
    from zhengai.load.scaffold import init_repository
    from zhengai.render.report import markdown_context
    from zhengai.reports.registry import KINDS
    from zhengai.reports.workspace import Workspace

    with tempfile.TemporaryDirectory(prefix="zhengai-sample-") as folder:
        root = Path(folder) / "college"
        init_repository(root, institution="示例职业技术学院", start=2026)
        ws = Workspace(load_repository([root]), dt.date(2026, 12, 31))
        out = {}
        for entry in KINDS.values():
            for unit in entry.units(ws.config, ws.year):
                template = entry.template_for(unit.id).id
                if template not in out:
                    data = entry.build(ws, unit.id)
                    out[template] = (data.context, markdown_context(data))
    return out


def guess_kind(path: Path) -> str | None:
    """The template kind a file name suggests (``annual-level.docx`` → ``annual-level``)."""
    name = path.name.lower()
    for kind in sorted(TEMPLATES, key=len, reverse=True):
        if name.startswith(kind):
            return kind
    return None


__all__ = ["Issue", "TemplateCheck", "Variable", "check_fields", "check_template", "guess_kind"]
