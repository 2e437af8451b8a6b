"""Importing standards tables: dimensions → standards → quality-control points.

Two shapes are read:

- **long tables**, one QC point per row, dimension and standard in merged cells on the
  left (what ``zhengai export --kind standards`` writes): the hierarchy comes from the
  merges, and the QC-point columns (定量/定性, 单位, 目标值, 阈值, 数据来源 …) map to the
  model's fields;
- **summary tables** (Guangxi 表5–7: ``3 个维度 | 9 个标准 | 19 个质控点``), one row per
  block with a numbered list packed into each cell.  Such a table lists the dimensions,
  the standards and the QC points *without saying which belongs to which*, so the
  import does not guess: the dimensions are created as listed, and the standards and QC
  points are filed under a dimension named “待归类” for the quality office to assign.
  QC points come in as qualitative (要素符合度) with the point itself as the element,
  and the report says so.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

from zhengai.excel.cells import numbered_prefix, split_numbered, split_owners
from zhengai.excel.importers import (
    SheetContext,
    add_extra,
    layout_or_fail,
    take_id,
    take_meta,
    unique_id,
    valid_id,
)
from zhengai.excel.reader import Cell, Row
from zhengai.excel.report import HEADER
from zhengai.excel.table import BodyRow, TableWalker
from zhengai.excel.yamlout import OutputDoc, prune
from zhengai.models.standards import QCPoint

_LEVEL_WORDS = (
    ("专业", "program"),
    ("课程", "course"),
    ("教师", "teacher"),
    ("师资", "teacher"),
    ("学生", "student"),
)
_KIND_WORDS = {
    "定量": "quantitative",
    "quantitative": "quantitative",
    "指标满足度": "quantitative",
    "定性": "qualitative",
    "qualitative": "qualitative",
    "要素符合度": "qualitative",
}
_DIRECTIONS = {
    "up": "up",
    "down": "down",
    "越大越好": "up",
    "越小越好": "down",
    "↑": "up",
    "↓": "down",
    "正向": "up",
    "负向": "down",
}
_TYPES = {
    "制定依据": "basis",
    "流程标准": "process",
    "保障标准": "guarantee",
    "绩效标准": "performance",
    "考核标准": "assessment",
    "basis": "basis",
    "process": "process",
    "guarantee": "guarantee",
    "performance": "performance",
    "assessment": "assessment",
}
PACKED_ROLES = ("dimension", "standard_item", "qc_point")


def guess_level(text: str) -> str:
    """The level a standard belongs to, from its title (专业 → program …), else school."""
    for word, level in _LEVEL_WORDS:
        if word in text:
            return level
    return "school"


def build_standards(ctx: SheetContext, head: list[Row], rows: Iterator[Row]) -> OutputDoc:
    """A standards sheet → one ``standard`` file."""
    layout = layout_or_fail(ctx, head, "standards")
    walker = TableWalker(ctx.sheet, layout, ctx.report)
    meta = take_meta(ctx, walker)
    title = ctx.default("title") or walker.title_text() or ctx.sheet.name
    if walker.titles and not ctx.default("title"):
        walker.place_titles("/title")
    body = list(walker.body(itertools.chain(head, rows)))
    packed = any(
        (cell := br.cell(role)) is not None and not cell.filled and split_numbered(cell.text)
        for br in body
        for role in PACKED_ROLES
    )
    level = ctx.default("level") or meta.get("level") or guess_level(title + ctx.sheet.name)
    ident = meta.get("id") or (ctx.prefix if valid_id(ctx.prefix) else "STD")
    dims = _packed(ctx, walker, body, ident) if packed else _long(ctx, walker, body, ident)
    data = {
        "schema_version": 1,
        "kind": "standard",
        "id": ident,
        "level": level,
        "title": title,
        "owner": split_owners(ctx.default("owner") or meta.get("owner") or ""),
        "dimensions": dims,
        "notes": walker.notes,
    }
    return OutputDoc("standard", data)


# ---------------------------------------------------------------- long tables


def _long(
    ctx: SheetContext, walker: TableWalker, body: list[BodyRow], ident: str
) -> list[dict[str, Any]]:
    dims: list[dict[str, Any]] = []
    used: set[str] = set()
    for br in body:
        point = br.cell("qc_point")
        if point is None and br.cell("dimension") is None and br.cell("standard_item") is None:
            walker.add_note(br.row, "没有质控点的行")
            continue
        dim_cell, std_cell = br.take("dimension"), br.take("standard_item")
        dim_id, std_id = br.take("dimension_id"), br.take("standard_id")
        if (
            not dims
            or (dim_cell is not None and dim_cell.text != dims[-1]["name"])
            or (dim_id is not None and dim_id.text != dims[-1]["id"])
        ):
            name = dim_cell.text if dim_cell is not None else "（未命名维度）"
            did = (
                dim_id.text
                if dim_id is not None and valid_id(dim_id.text)
                else f"{ident}-D{len(dims) + 1}"
            )
            dims.append({"id": unique_id(did, used), "name": name, "standards": []})
        d = len(dims) - 1
        if dim_cell is not None:
            ctx.place(dim_cell, f"/dimensions/{d}/name")
        if dim_id is not None:
            ctx.place(dim_id, f"/dimensions/{d}/id")
        stds = dims[-1]["standards"]
        if point is None and std_cell is None and std_id is None:
            _rest_to_extra(ctx, br, f"/dimensions/{d}")
            continue
        if (
            not stds
            or (std_cell is not None and std_cell.text != stds[-1]["name"])
            or (std_id is not None and std_id.text != stds[-1]["id"])
        ):
            name = std_cell.text if std_cell is not None else dims[-1]["name"]
            sid = (
                std_id.text
                if std_id is not None and valid_id(std_id.text)
                else f"{dims[-1]['id']}-S{len(stds) + 1}"
            )
            stds.append({"id": unique_id(sid, used), "name": name, "qc_points": []})
        s = len(stds) - 1
        if std_cell is not None:
            ctx.place(std_cell, f"/dimensions/{d}/standards/{s}/name")
        if std_id is not None:
            ctx.place(std_id, f"/dimensions/{d}/standards/{s}/id")
        stype = br.cell("standard_type")
        if stype is not None and stype.text in _TYPES:
            br.take("standard_type")
            stds[-1]["type"] = _TYPES[stype.text]
            ctx.place(stype, f"/dimensions/{d}/standards/{s}/type")
        if point is None:
            _rest_to_extra(ctx, br, f"/dimensions/{d}/standards/{s}")
            continue
        points = stds[-1]["qc_points"]
        base = f"/dimensions/{d}/standards/{s}/qc_points/{len(points)}"
        points.append(_qc_point(ctx, br, base, stds[-1]["id"], len(points), used))
    return dims


def _rest_to_extra(ctx: SheetContext, br: BodyRow, base: str) -> None:
    """A row with a dimension/standard but no QC point: anything else in it is a note."""
    if br.leftovers():
        cells = [c for _, c in br.leftovers() if not c.filled]
        ctx.report.warn(f"{ctx.sheet.name} 第 {br.number} 行没有质控点，其余内容无处存放。")
        for cell in cells:
            ctx.report.error(
                f"{ctx.ref(*cell.source)}“{cell.text[:20]}”：该行没有质控点，内容无法导入（{base}）。"
            )
            br.used.add(cell.col)
        for _, cell in br.leftovers():
            br.used.add(cell.col)


def _number(ctx: SheetContext, br: BodyRow, role: str) -> float | None:
    cell = br.cell(role)
    if cell is None:
        return None
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number: float | None = float(value)
    else:
        try:
            number = float(cell.text.rstrip("%"))
        except ValueError:
            number = None
    if number is None:
        ctx.report.warn(f"{ctx.ref(*cell.source)}：“{cell.text}”不是数字，放入 extra。")
        return None
    br.take(role)
    return number


def _qc_point(
    ctx: SheetContext, br: BodyRow, base: str, std_id: str, n: int, used: set[str]
) -> dict[str, Any]:
    point_cell = br.take("qc_point")
    assert point_cell is not None
    item: dict[str, Any] = {"id": None, "name": point_cell.text}
    ctx.place(point_cell, f"{base}/name")
    item["id"] = take_id(ctx, br, base, used) or unique_id(f"{std_id}-Q{n + 1}", used)
    kind_cell = br.cell("qc_kind")
    kind = _KIND_WORDS.get(kind_cell.text.strip()) if kind_cell is not None else None
    if kind_cell is not None and kind is not None:
        br.take("qc_kind")
        ctx.place(kind_cell, f"{base}/kind")
    for role, key in (("unit", "unit"), ("element", "element"), ("platform", "source")):
        cell = br.take(role)
        if cell is not None:
            item[key] = cell.text
            ctx.place(cell, f"{base}/{key}")
    direction = br.cell("direction")
    if direction is not None and direction.text.strip() in _DIRECTIONS:
        br.take("direction")
        item["direction"] = _DIRECTIONS[direction.text.strip()]
        ctx.place(direction, f"{base}/direction")
    for role, key in (
        ("baseline", "baseline"),
        ("target_value", "target"),
        ("threshold", "threshold"),
        ("weight", "weight"),
    ):
        cell = br.cell(role)
        number = _number(ctx, br, role)
        if number is not None and cell is not None:
            item[key] = number
            ctx.place(cell, f"{base}/{key}")
    owner = br.take("owner")
    if owner is not None:
        item["owner"] = split_owners(owner.text)
        ctx.place(owner, f"{base}/owner")
    evidence = br.take("evidence")
    if evidence is not None:
        item["evidence"] = split_numbered(evidence.text) or [evidence.text]
        ctx.place(evidence, f"{base}/evidence")
    if kind is None:
        kind = "quantitative" if ("target" in item or "threshold" in item) else "qualitative"
    item["kind"] = kind
    if kind == "qualitative" and not item.get("element"):
        item["element"] = item["name"]
        ctx.report.warn(
            f"{ctx.ref(*point_cell.source)}：质控点“{item['name'][:20]}”按定性（要素符合度）导入，要素暂取质控点名称；请补充。"
        )
    if kind == "quantitative" and "target" not in item and "threshold" not in item:
        item["kind"] = "qualitative"
        item["element"] = item.get("element") or item["name"]
        ctx.report.warn(
            f"{ctx.ref(*point_cell.source)}：定量质控点缺少目标值和阈值，按定性导入；请补充目标值。"
        )
    item["origin"] = ctx.origin(br.number)
    add_extra(ctx, item, br, base)
    item = prune(item)
    QCPoint.model_validate(item)
    return item


# ---------------------------------------------------------------- summary tables


def _packed(
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
            ctx.report.warn(
                f"{ctx.ref(*cell.source)}：原表只列出 {len(lists['dimension'])} 个维度、"
                f"{len(lists['standard_item'])} 个标准、{len(points)} 个质控点，没有对应关系；"
                "标准与质控点已放入“待归类”维度，质控点按定性导入，请整理归属并补充判定方式。"
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
