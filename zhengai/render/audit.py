"""The working edition (工作底稿) of a report kind that has no ``<template>.audit.md.j2`` of its own.

Every list and value of the report's ``r`` is written out with its Chinese description from
the kind's ``FIELDS`` (so sources, ids and rule codes a staff member traces are all there),
in the order the builder put them.  A kind that wants a readable working edition adds its own
``templates/<id>.audit.md.j2``; this keeps every kind traceable until then.
"""

from __future__ import annotations

from typing import Any

from zhengai.reports.workspace import ReportData


def _head(spec: Any, key: str) -> str:
    """The column head of ``key``: its description up to the first bracket or comma."""
    text = spec.get(key) if isinstance(spec, dict) else None
    if not isinstance(text, str):
        return key
    for stop in ("（", "，", "：", "，如", " "):
        text = text.split(stop, 1)[0]
    return text or key


def _cell(value: Any) -> str:
    return str(value).replace("|", "｜").replace("\n", " ") if value not in (None, "") else ""


def _scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None


def generic_audit(data: ReportData) -> str:
    """The 工作底稿 Markdown of ``data`` from its ``r`` and the field descriptions."""
    from zhengai.reports.registry import TEMPLATES

    spec = TEMPLATES[data.template].fields if data.template in TEMPLATES else {}
    doc = data.context.get("doc", {})
    r = data.context.get("r", {})
    lines = [f"# {data.title}（工作底稿）", "",
             f"> 基准日：{doc.get('as_of', '')}　生成工具：{doc.get('generator', '')}",
             "> 本底稿供质量管理部门核对数据，不对外报送；“来源”为仓库中的文件与行号。", ""]
    for n, (key, value) in enumerate(r.items(), 1):
        head = _head(spec, key)
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            row_spec = spec.get(key, [{}])[0] if isinstance(spec.get(key), list) and spec.get(key) else {}
            cols = [k for k, v in value[0].items() if _scalar(v) and k not in ("fill", "color")]
            lines += [f"## {n}. {head}", "", "| " + " | ".join(_head(row_spec, c) for c in cols) + " |",
                      "| " + " | ".join("---" for _ in cols) + " |"]
            lines += ["| " + " | ".join(_cell(row.get(c)) for c in cols) + " |" for row in value]
            lines.append("")
        elif isinstance(value, list):
            lines += [f"## {n}. {head}", ""] + [f"{i}. {_cell(v)}" for i, v in enumerate(value, 1)] + [""]
        elif isinstance(value, dict):
            shown = [(k, v) for k, v in value.items() if _scalar(v) and k not in ("fill", "color")]
            lines += [f"## {n}. {head}", ""] + [f"- {_head(spec.get(key, {}), k)}：{_cell(v)}" for k, v in shown] + [""]
        elif _scalar(value):
            lines += [f"- {head}：{_cell(value)}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


__all__ = ["generic_audit"]
