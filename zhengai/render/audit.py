"""The working edition (工作底稿) of a report kind that has no ``<template>.audit.md.j2`` of its own.

Every list and value of the report's ``r`` is written out with its Chinese description from
the kind's ``FIELDS`` (so sources, ids and rule codes a staff member traces are all there),
in the order the builder put them.  A kind that wants a readable working edition adds its own
``templates/<id>.audit.md.j2``; this keeps every kind traceable until then.
"""

from __future__ import annotations

from typing import Any

from zhengai.reports.workspace import ReportData

SECTION_TITLES = {
    "departments": "各部门", "counts": "各结论的部门数", "reference": "国家诊断项目参考表诊断点",
    "ref_items": "国家诊断项目", "findings": "检查发现的问题（按规则）", "findings_detail": "检查发现的问题明细",
    "improvements": "上一轮改进措施", "completion": "建设指标完成率", "behind": "进度落后与逾期任务",
    "upcoming": "年内待完成任务", "levels": "五横层面", "appendix": "数据来源说明",
}
"""Section headings for the ``r`` keys whose field description is a table's columns, not a title."""


def _head(spec: Any, key: str) -> str:
    """The column head of ``key``: its description up to the first bracket or comma."""
    text = spec.get(key) if isinstance(spec, dict) else None
    if isinstance(text, list) and text and isinstance(text[0], str):  # a list of text: ["总体进展（逐条）"]
        text = text[0]
    if not isinstance(text, str):
        return key
    for stop in ("（", "，", "：", "，如", " "):
        text = text.split(stop, 1)[0]
    return text or key


def _cell(value: Any) -> str:
    return str(value).replace("|", "｜").replace("\n", " ") if value not in (None, "") else ""


def _scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None


def _table(rows: list[dict[str, Any]], spec: Any) -> list[str]:
    row_spec = spec[0] if isinstance(spec, list) and spec and isinstance(spec[0], dict) else {}
    cols = [k for k, v in rows[0].items() if _scalar(v) and k not in ("fill", "color")]
    return (["| " + " | ".join(_head(row_spec, c) for c in cols) + " |", "| " + " | ".join("---" for _ in cols) + " |"]
            + ["| " + " | ".join(_cell(row.get(c)) for c in cols) + " |" for row in rows] + [""])


def _body(value: Any, spec: Any) -> list[str]:
    """A section's lines: a table for a list of rows, a numbered list for a list of text, and
    for a mapping its scalars as ``- name：value`` followed by its own lists."""
    if isinstance(value, list):
        if not value:
            return ["（无）", ""]
        if all(isinstance(v, dict) for v in value):
            return _table(value, spec)
        return [f"{i}. {_cell(v)}" for i, v in enumerate(value, 1)] + [""]
    if isinstance(value, dict):
        sub = spec if isinstance(spec, dict) else {}
        out = [f"- {_head(sub, k)}：{_cell(v)}" for k, v in value.items() if _scalar(v) and k not in ("fill", "color")]
        out += [""] if out else []
        for k, v in value.items():
            if isinstance(v, list) and v:
                out += _body(v, sub.get(k))
        return out
    return []


def generic_audit(data: ReportData) -> str:
    """The 工作底稿 Markdown of ``data`` from its ``r`` and the field descriptions."""
    from zhengai.reports.registry import TEMPLATES

    spec = TEMPLATES[data.template].fields if data.template in TEMPLATES else {}
    doc = data.context.get("doc", {})
    r = data.context.get("r", {})
    lines = [f"# {data.title}（工作底稿）", "",
             f"> 基准日：{doc.get('as_of', '')}　生成工具：{doc.get('generator', '')}",
             "> 本底稿供质量管理部门核对数据，不对外报送；“来源”为仓库中的文件与行号。", ""]
    if "checklist" in r:  # what a person must still do comes first, as in the kinds' own audit templates
        lines += ["## 编写清单", ""]
        if r["checklist"]:
            lines += ["正式报告定稿前须由人完成的事项（正式报告不列这些缺口）：", "",
                      "| 序号 | 类别 | 对象 | 需要做什么 | 来源 |", "| --- | --- | --- | --- | --- |"]
            lines += [f"| {c['no']} | {c['kind']} | {_cell(c['subject'])} | {_cell(c['detail'])} | {_cell(c['source'])} |"
                      for c in r["checklist"]]
        else:
            lines.append("没有待完成的事项。")
        lines.append("")
    n = 0
    for key, value in r.items():
        if key == "checklist":
            continue
        if _scalar(value):
            lines += [f"- {_head(spec, key)}：{_cell(value)}", ""]
            continue
        n += 1
        lines += [f"## {n}. {SECTION_TITLES.get(key) or _head(spec, key)}", ""]
        lines += _body(value, spec.get(key) if isinstance(spec, dict) else None)
    return "\n".join(lines).rstrip("\n") + "\n"


__all__ = ["generic_audit"]
