"""Turning pydantic validation errors into located Chinese findings."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from zhengai.load.yamlsrc import join_pointer

# pydantic error type → (rule code, Chinese message template).  Templates may use the
# error's ``ctx`` values and ``{input}``.
_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("ZG202", "缺少必填字段“{field}”"),
    "extra_forbidden": ("ZG203", "未知字段“{field}”"),
    "literal_error": ("ZG204", "“{input}”不是允许的取值，只能是 {expected}"),
    "enum": ("ZG204", "“{input}”不是允许的取值，只能是 {expected}"),
    "string_type": ("ZG201", "应为文本"),
    "string_too_short": ("ZG201", "不能为空"),
    "string_too_long": ("ZG201", "文本过长（最多 {max_length} 个字符）"),
    "string_pattern_mismatch": ("ZG201", "“{input}”格式不对（标识符不能含空白、/ 或 #）"),
    "int_parsing": ("ZG201", "“{input}”应为整数"),
    "int_type": ("ZG201", "应为整数"),
    "int_from_float": ("ZG201", "“{input}”应为整数"),
    "int_parsing_size": ("ZG201", "“{input}”数值过大"),
    "float_parsing": ("ZG201", "“{input}”应为数字"),
    "float_type": ("ZG201", "应为数字"),
    "finite_number": ("ZG201", "“{input}”超出数值范围（不能是无穷大或非数字）"),
    "bool_parsing": ("ZG201", "只能写 true 或 false"),
    "bool_type": ("ZG201", "只能写 true 或 false"),
    "date_parsing": ("ZG201", "“{input}”不是有效日期，请写成 YYYY-MM-DD"),
    "date_from_datetime_parsing": ("ZG201", "“{input}”不是有效日期，请写成 YYYY-MM-DD"),
    "date_type": ("ZG201", "应为日期 YYYY-MM-DD"),
    "date_from_datetime_inexact": ("ZG201", "“{input}”不是有效日期，请写成 YYYY-MM-DD"),
    "date_past": ("ZG201", "“{input}”应为过去的日期"),
    "date_future": ("ZG201", "“{input}”应为将来的日期"),
    "list_type": ("ZG201", "应为列表（每行以“- ”开头）"),
    "dict_type": ("ZG201", "应为映射（“键: 值”）"),
    "model_type": ("ZG201", "应为映射（“键: 值”）"),
    "model_attributes_type": ("ZG201", "应为映射（“键: 值”）"),
    "greater_than_equal": ("ZG201", "“{input}”不能小于 {ge}"),
    "greater_than": ("ZG201", "“{input}”必须大于 {gt}"),
    "less_than_equal": ("ZG201", "“{input}”不能大于 {le}"),
    "less_than": ("ZG201", "“{input}”必须小于 {lt}"),
    "too_long": ("ZG201", "最多 {max_length} 项"),
    "too_short": ("ZG201", "至少 {min_length} 项"),
    "value_error": ("ZG201", "{error}"),
    "union_tag_invalid": ("ZG204", "“{input}”不是允许的取值"),
}

_MAX_SHOWN = 60

_HINTS = {
    "ZG201": "按字段说明改正取值；编辑器装有 YAML 插件时会按 schemas/ 下的 JSON Schema 提示。",
    "ZG202": "补上该字段；字段说明见 schemas/ 下对应的 JSON Schema 或 README。",
    "ZG203": "检查拼写；确需保留的额外信息放进 extra: 下。",
    "ZG204": "改为允许的取值之一。",
}


def pointer_of(loc: tuple[Any, ...], aliases: dict[str, str] | None = None) -> str:
    """JSON pointer of a pydantic ``loc`` (a field named ``class_`` is ``class`` in YAML)."""
    pointer = ""
    for token in loc:
        if isinstance(token, str) and aliases and token in aliases:
            token = aliases[token]
        pointer = join_pointer(pointer, token)
    return pointer


def _suggest(name: str, model: type[BaseModel] | None) -> str:
    if model is None:
        return ""
    fields = [f.alias or n for n, f in model.model_fields.items()]
    close = difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
    return f"是否想写“{close[0]}”？" if close else ""


def _submodel(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that owns the last token of ``loc`` (for did-you-mean hints)."""
    current: Any = model
    for token in loc[:-1]:
        if isinstance(token, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(str(token))
        if field is None:
            return None
        current = _innermost_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _innermost_model(annotation: Any) -> Any:
    """Find a BaseModel inside ``list[X]``, ``X | None``, ``Annotated[...]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _innermost_model(arg)
        if found is not None:
            return found
    return None


def describe(
    error: Mapping[str, Any], model: type[BaseModel]
) -> tuple[str, str, str, str, bool]:
    """One pydantic error → ``(code, message, hint, pointer, at_key)``.

    ``at_key`` is True when the finding should point at the key (unknown field) rather
    than at the value.
    """
    loc = tuple(error.get("loc", ()))
    # pydantic inserts function/union branch names into loc; they are not YAML keys.
    loc = tuple(t for t in loc if not (isinstance(t, str) and ("[" in t or t.startswith("function-"))))
    kind = error.get("type", "")
    code, template = _MESSAGES.get(kind, ("ZG201", "{msg}"))
    ctx = dict(error.get("ctx") or {})
    if "error" in ctx:
        ctx["error"] = str(ctx["error"]).removeprefix("Value error, ")
    field = str(loc[-1]) if loc else ""
    if field == "class_":
        field = "class"
    raw_input = error.get("input")
    shown = str(raw_input) if isinstance(raw_input, (str, int, float)) else ""
    if len(shown) > _MAX_SHOWN:  # a 5,000-digit year must not flood the report
        shown = shown[:_MAX_SHOWN] + "…"
    values = {"field": field, "input": shown, "msg": error.get("msg", ""), **ctx}
    if "expected" in values:
        values["expected"] = str(values["expected"]).replace("'", "").replace(" or ", "、").replace(", ", "、")
    try:
        message = template.format(**values)
    except (KeyError, IndexError):
        message = error.get("msg", "取值不合法")
    hint = _HINTS.get(code, "")
    at_key = kind == "extra_forbidden"
    if at_key:  # the likely spelling is this finding's own detail: the hint is the rule's
        suggestion = _suggest(field, _submodel(model, loc))
        message = f"{message}，{suggestion}" if suggestion else message
    pointer_loc = loc[:-1] if kind == "missing" else loc
    pointer = pointer_of(pointer_loc, {"class_": "class"})
    if kind not in ("missing", "extra_forbidden") and field and not field.isdigit():
        message = f"字段“{field}”：{message}"
    return code, _one_line(message), hint, pointer, at_key


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _one_line(message: str) -> str:
    """A finding is one line: line breaks inside quoted user text are shown as ↵."""
    return _LINE_BREAK.sub("↵", message)


def validation_problems(
    exc: ValidationError, model: type[BaseModel]
) -> list[tuple[str, str, str, str, bool]]:
    """All errors of one validation, described (see :func:`describe`)."""
    return [describe(err, model) for err in exc.errors(include_url=False)]
