"""The ``reference`` sheet: 诊断项目 → 诊断要素 → 诊断点 (Luzhou 附2) into a ``reference`` file.

A new item or element starts where its text changes (merged cells repeat the text);
points carry hints and platform codes.  Import only.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

from zhengai.excel.cells import numbered_prefix, split_codes, split_sentences
from zhengai.excel.context import Probe, SheetContext, layout_or_fail
from zhengai.excel.fields import cell_letter, valid_id
from zhengai.excel.reader import Cell, Row
from zhengai.excel.table import TableWalker
from zhengai.excel.yamlout import OutputDoc


def detect(probe: Probe) -> bool:
    """Diagnosis item, element or point columns."""
    return bool(probe.roles & {"ref_item", "ref_element", "ref_point"})


def read(ctx: SheetContext, head: list[Row], rows: Iterator[Row]) -> OutputDoc:
    """诊断项目 → 诊断要素 → 诊断点 (with hints and platform codes) → a ``reference`` file.

    Reference points carry no ``origin``/``extra`` in the model: the report keeps the
    cells' positions, and unmapped columns are kept in the file's notes with their cell.
    """
    layout = layout_or_fail(ctx, head, "reference")
    walker = TableWalker(ctx.sheet, layout, ctx.report)
    title = ctx.default("title") or walker.title_text() or ctx.sheet.name
    if walker.titles and not ctx.default("title"):
        walker.place_titles("/title")
    items: list[dict[str, Any]] = []
    loose: list[tuple[str, Cell]] = []
    counters = {"item": 0}
    for br in walker.body(itertools.chain(head, rows)):
        item_cell, element_cell, point_cell = (
            br.cell("ref_item"),
            br.cell("ref_element"),
            br.cell("ref_point"),
        )
        if point_cell is None:
            walker.add_note(br.row, "没有诊断点的行")
            continue
        for role in ("ref_item", "ref_element", "ref_point"):
            br.take(role)
        # a new item/element starts where its text changes (merged cells repeat the text)
        if item_cell is not None and (not items or items[-1]["_text"] != item_cell.text):
            counters["item"] += 1
            ident, name = numbered_prefix(item_cell.text)
            items.append(
                {
                    "_text": item_cell.text,
                    "id": ident or str(counters["item"]),
                    "name": name,
                    "elements": [],
                }
            )
        if not items:  # points before any item: an item named after the sheet holds them
            counters["item"] += 1
            items.append(
                {"_text": "", "id": str(counters["item"]), "name": ctx.sheet.name, "elements": []}
            )
        item = items[-1]
        i = len(items) - 1
        if item_cell is not None:
            ctx.place(item_cell, f"/items/{i}/name")
        elements = item["elements"]
        if element_cell is not None and (
            not elements or elements[-1]["_text"] != element_cell.text
        ):
            ident, name = numbered_prefix(element_cell.text)
            elements.append(
                {
                    "_text": element_cell.text,
                    "id": ident or f"{item['id']}.{len(elements) + 1}",
                    "name": name,
                    "points": [],
                }
            )
        if not elements:
            elements.append(
                {"_text": "", "id": f"{item['id']}.1", "name": item["name"], "points": []}
            )
        j = len(elements) - 1
        if element_cell is not None:
            ctx.place(element_cell, f"/items/{i}/elements/{j}/name")
        points = elements[-1]["points"]
        ident, name = numbered_prefix(point_cell.text)
        point: dict[str, Any] = {
            "id": ident or f"{elements[-1]['id']}.{len(points) + 1}",
            "name": name,
        }
        pbase = f"/items/{i}/elements/{j}/points/{len(points)}"
        ctx.place(point_cell, f"{pbase}/name")
        hints = br.take("hints")
        if hints is not None:
            point["hints"] = split_sentences(hints.text)
            ctx.place(hints, f"{pbase}/hints")
        platform = br.take("platform")
        if platform is not None:
            point["platform"] = split_codes(platform.text)
            ctx.place(platform, f"{pbase}/platform")
        points.append(point)
        for column, cell in br.leftovers():
            loose.append((column.key if column is not None else f"列{cell_letter(cell)}", cell))
            br.used.add(cell.col)
    for key, cell in loose:
        index = len(walker.notes)
        walker.notes.append(f"{ctx.ref(*cell.source)} {key}：{cell.text}")
        ctx.place(cell, f"/notes/{index}", "参考表没有 extra，未映射的列写入备注")
    for item in items:
        item.pop("_text")
        for element in item["elements"]:
            element.pop("_text")
    ident = ctx.prefix if valid_id(ctx.prefix) else "REF"
    doc = OutputDoc(
        "reference",
        {
            "schema_version": 1,
            "kind": "reference",
            "id": ident,
            "title": title,
            "source": f"{ctx.file} {ctx.sheet.name}",
            "items": items,
            "notes": walker.notes,
        },
    )
    return doc
