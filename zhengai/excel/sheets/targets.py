"""The ``targets`` sheet: plan targets (规划目标) into a ``plan`` file.

One row is one target: its statement (目标表述, else the work or task column), an id from
an 编号 column or generated from 序号, the level (学校/专业/课程 …), and the fields it shares
with tasks (owner, deadline, evidence, parent, QC points).  Import only.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from zhengai.excel.cells import split_owners
from zhengai.excel.context import Probe, SheetContext, layout_or_fail
from zhengai.excel.fields import add_extra, take_id, task_fields, task_id, unique_id, valid_id
from zhengai.excel.reader import Row
from zhengai.excel.table import TableWalker
from zhengai.excel.yamlout import OutputDoc
from zhengai.models.plans import Target

LEVEL_NAMES = {
    "学校": "school",
    "学院": "school",
    "专业": "program",
    "课程": "course",
    "教师": "teacher",
    "师资": "teacher",
    "学生": "student",
}


def detect(probe: Probe) -> bool:
    """A statement column with a level or parent, or without task columns."""
    roles = probe.roles
    return "statement" in roles and bool(
        {"level", "parent"} & roles or not roles & {"task", "work", "project"}
    )


def read(ctx: SheetContext, head: list[Row], rows: Iterator[Row]) -> OutputDoc:
    """Plan targets → a ``plan`` file (type from the mapping, else ``department``)."""
    layout = layout_or_fail(ctx, head, "targets")
    walker = TableWalker(ctx.sheet, layout, ctx.report)
    title = ctx.default("title") or walker.title_text() or ctx.sheet.name
    if walker.titles and not ctx.default("title"):
        walker.place_titles("/title")
    plan_type = ctx.default("type") or "department"
    doc = OutputDoc(
        "plan",
        {
            "schema_version": 1,
            "kind": "plan",
            "id": f"{ctx.prefix}-PLAN",
            "title": title,
            "type": plan_type,
            "owner": split_owners(ctx.default("owner") or ""),
        },
        "targets",
        Target,
        {"notes": walker.notes},
    )
    used: set[str] = set()
    level_default = ctx.default("level")
    for br in walker.body(itertools.chain(head, rows)):
        statement = br.cell("statement") or br.cell("work") or br.cell("task")
        if statement is None:
            walker.add_note(br.row, "没有目标表述的行")
            continue
        base = f"/targets/{doc.count}"
        for role in ("statement", "work", "task"):
            if br.cell(role) is statement:
                br.take(role)
                break
        item: dict[str, Any] = {"id": None, "statement": statement.text}
        ctx.place(statement, f"{base}/statement")
        explicit = take_id(ctx, br, base, used)
        if explicit is not None:
            item["id"] = explicit
        else:
            no = br.cell("no")
            if no is not None and "id" not in layout.roles():
                br.take("no")
                ctx.place(no, f"{base}/id", "由序号生成标识")
            item["id"] = unique_id(task_id(ctx, statement.text, no, br.number), used)
        level = br.cell("level")
        if level is not None and (level.text in LEVEL_NAMES or valid_id(level.text)):
            br.take("level")
            item["level"] = LEVEL_NAMES.get(level.text, level.text)
            ctx.place(level, f"{base}/level")
        else:
            item["level"] = level_default or "school"
        for role in ("title",):
            cell = br.take(role)
            if cell is not None:
                item[role] = cell.text
                ctx.place(cell, f"{base}/{role}")
        task_fields(ctx, br, item, base, task=False)
        item["origin"] = ctx.origin(br.number, base)
        add_extra(ctx, item, br, base)
        doc.add(item, ctx.ref(br.number, statement.col))
    return doc
