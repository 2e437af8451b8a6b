"""Standards summary tables (Guangxi 表5–7: ``3 个维度 | 9 个标准 | 19 个质控点``).

One row per block, with a numbered list packed into each cell.  Such a table lists the
dimensions, the standards and the QC points *without saying which belongs to which*, so
the import does not guess: the dimensions are created as listed, and the standards and
QC points are filed under a dimension named “待归类” for the quality office to assign.
QC points come in as qualitative (要素符合度) with the point itself as the element, and
the report says so.  Part of the ``standards`` kind (:mod:`zhengai.excel.sheets.standards`),
kept apart because it shares nothing with the long tables but the output.
"""

from __future__ import annotations

import re
from typing import Any

from zhengai.excel.cells import numbered_prefix, split_numbered
from zhengai.excel.context import SheetContext
from zhengai.excel.fields import add_extra, unique_id
from zhengai.excel.reader import Cell
from zhengai.excel.report import HEADER
from zhengai.excel.table import BodyRow, TableWalker

PACKED_ROLES = ("dimension", "standard_item", "qc_point")


def read_packed(
    ctx: SheetContext, walker: TableWalker, body: list[BodyRow], ident: str
) -> list[dict[str, Any]]:
    dims: list[dict[str, Any]] = []
    used: set[str] = set()
    label_col = min(
        (c for c, col in walker.layout.columns.items() if col.role is None), default=None
    )
    for br in body:
        cells = {role: br.cell(role) for role in PACKED_ROLES}
        label_cell = br.row.cells.get(label_col) if label_col is not None else None
        if _is_inner_header(ctx, cells):
            for cell in cells.values():
                if cell is not None:
                    br.used.add(cell.col)
                    ctx.place(cell, f"{HEADER}（分块表头）")
            if label_cell is not None:
                br.used.add(label_cell.col)
                ctx.place(label_cell, "/dimensions（分块名称，写入维度名称前缀）")
            continue
        label = label_cell.text if label_cell is not None else ""
        if label_cell is not None:
            br.used.add(label_cell.col)
            if not label_cell.filled:
                ctx.place(label_cell, "/dimensions（分块名称，写入维度名称前缀）")
        block = re.sub(r"[\s/#]+", "", label)
        stem = f"{ident}-{block}" if block else ident
        prefix = f"{label}：" if label else ""
        lists: dict[str, list[str]] = {}
        for role, cell in cells.items():
            if cell is None:
                lists[role] = []
                continue
            br.take(role)
            lists[role] = split_numbered(cell.text) or [cell.text]
        first = len(dims)
        for n, text in enumerate(lists["dimension"], start=1):
            dims.append(
                {
                    "id": unique_id(f"{stem}-D{n}", used),
                    "name": prefix + _strip_number(text),
                    "standards": [],
                }
            )
        if cells["dimension"] is not None:
            ctx.place(
                cells["dimension"],
                f"/dimensions/{first}/name",
                f"按编号拆成 {len(lists['dimension'])} 个维度（/dimensions/{first}…）",
            )
        if not lists["standard_item"] and not lists["qc_point"]:
            continue
        d = len(dims)
        pending: dict[str, Any] = {
            "id": unique_id(f"{stem}-D0", used),
            "name": f"{prefix}待归类（原表未给出维度、标准与质控点的对应关系）",
            "standards": [],
        }
        for n, text in enumerate(lists["standard_item"], start=1):
            pending["standards"].append(
                {
                    "id": unique_id(f"{stem}-S{n}", used),
                    "name": _strip_number(text),
                    "qc_points": [],
                }
            )
        if cells["standard_item"] is not None:
            ctx.place(
                cells["standard_item"],
                f"/dimensions/{d}/standards/0/name",
                f"按编号拆成 {len(lists['standard_item'])} 个标准，归入“待归类”维度",
            )
        if lists["qc_point"]:
            points = []
            for n, text in enumerate(lists["qc_point"], start=1):
                name = _strip_number(text)
                points.append(
                    {
                        "id": unique_id(f"{stem}-Q{n}", used),
                        "name": name,
                        "kind": "qualitative",
                        "element": name,
                        "origin": ctx.origin(br.number),
                    }
                )
            s = len(pending["standards"])
            pending["standards"].append(
                {"id": unique_id(f"{stem}-S0", used), "name": "待归类的质控点", "qc_points": points}
            )
            cell = cells["qc_point"]
            assert cell is not None
            ctx.place(
                cell,
                f"/dimensions/{d}/standards/{s}/qc_points/0/name",
                f"按编号拆成 {len(points)} 个质控点（定性，要素取名称）",
            )
            ctx.warn(
                f"{ctx.ref(*cell.source)}：原表只列出 {len(lists['dimension'])} 个维度、"
                f"{len(lists['standard_item'])} 个标准、{len(points)} 个质控点，没有对应关系；"
                "标准与质控点已放入“待归类”维度，质控点按定性导入，请整理归属并补充判定方式。",
                cell.source,
            )
        dims.append(pending)
        leftovers = br.leftovers()
        if leftovers:
            extra_item: dict[str, Any] = {}
            add_extra(ctx, extra_item, br, f"/dimensions/{d}/standards/0")
            if pending["standards"]:
                pending["standards"][0].setdefault("extra", {}).update(extra_item.get("extra", {}))
    return dims


def _is_inner_header(ctx: SheetContext, cells: dict[str, Cell | None]) -> bool:
    """A row such as ``教师个体发展 | 4个维度 | 4个标准 | 16个质控点`` inside the table."""
    present = [(role, c) for role, c in cells.items() if c is not None and not c.filled]
    return len(present) >= 2 and all(ctx.table.role(c.text) == role for role, c in present)


def _strip_number(text: str) -> str:
    number, rest = numbered_prefix(text)
    return rest if number else text.strip()
