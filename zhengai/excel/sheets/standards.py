"""The ``standards`` sheet: dimensions → standards → quality-control points.

**Reading** two shapes:

- **long tables**, one QC point per row, dimension and standard in merged cells on the
  left (what ``zhengai export --kind standards`` writes): the hierarchy comes from the
  merges, and the QC-point columns (定量/定性, 单位, 目标值, 阈值, 数据来源 …) map to the
  model's fields;
- **summary tables** (Guangxi 表5–7), one row per block with numbered lists packed into
  the cells: :mod:`zhengai.excel.sheets.standards_summary`.

**Writing**: one sheet per standard, one QC point per row, with the latest observation, a
live 达成度 formula and a 分档 formula, coloured by conditional formatting from the
college's bands, so the sheet reacts when a value is edited.

A little over 500 lines: reading and writing the kind side by side is what the module is
for, and the part that shares nothing with the rest (summary tables) already lives apart.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from typing import Any

from openpyxl.utils import get_column_letter

from zhengai.excel.cells import split_numbered, split_owners
from zhengai.excel.context import Probe, SheetContext, layout_or_fail
from zhengai.excel.exporting import (
    ExportContext,
    band_formula,
    colour_rules,
    level_name,
    owner_names,
    scoring,
    where,
)
from zhengai.excel.fields import add_extra, take_id, take_meta, unique_id, valid_id
from zhengai.excel.printing import Bounds, lay_out
from zhengai.excel.reader import Row
from zhengai.excel.sheets.standards_summary import PACKED_ROLES, read_packed
from zhengai.excel.table import BodyRow, TableWalker
from zhengai.excel.writer import SheetWriter, safe_sheet_name, sheet_name_problem
from zhengai.excel.yamlout import OutputDoc, prune
from zhengai.load.repository import Located, Repository, SourceFile
from zhengai.models.config import DEFAULT_LEVELS, Scoring
from zhengai.models.standards import QCPoint, Standard, StandardItem

_LEVEL_WORDS = (
    ("专业", "program"),
    ("课程", "course"),
    ("教师", "teacher"),
    ("师资", "teacher"),
    ("学生", "student"),
)
_LEVEL_IDS = {name: ident for ident, name in DEFAULT_LEVELS}
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


def detect(probe: Probe) -> bool:
    """Dimension, standard or QC-point columns."""
    return bool(probe.roles & {"dimension", "standard_item", "qc_point"})


# ---------------------------------------------------------------------- reading


def guess_level(text: str) -> str:
    """The level a standard belongs to, from its title (专业 → program …), else school."""
    for word, level in _LEVEL_WORDS:
        if word in text:
            return level
    return "school"


def read(ctx: SheetContext, head: list[Row], rows: Iterator[Row]) -> OutputDoc:
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
    level = _LEVEL_IDS.get(level, level)  # the export prints 层面：课程 for course
    ident = meta.get("id") or (ctx.prefix if valid_id(ctx.prefix) else "STD")
    dims = read_packed(ctx, walker, body, ident) if packed else _long(ctx, walker, body, ident)
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
        ctx.warn(
            f"{ctx.sheet.name} 第 {br.number} 行没有质控点，其余内容无处存放。", (br.number, 0)
        )
        for cell in cells:
            ctx.error(
                f"{ctx.ref(*cell.source)}“{cell.text[:20]}”：该行没有质控点，内容无法导入（{base}）。",
                cell.source,
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
        ctx.warn(f"{ctx.ref(*cell.source)}：“{cell.text}”不是数字，放入 extra。", cell.source)
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
        ctx.warn(
            f"{ctx.ref(*point_cell.source)}：质控点“{item['name'][:20]}”按定性（要素符合度）导入，要素暂取质控点名称；请补充。",
            point_cell.source,
        )
    if kind == "quantitative" and "target" not in item and "threshold" not in item:
        item["kind"] = "qualitative"
        item["element"] = item.get("element") or item["name"]
        ctx.warn(
            f"{ctx.ref(*point_cell.source)}：定量质控点缺少目标值和阈值，按定性导入；请补充目标值。",
            point_cell.source,
        )
    item["origin"] = ctx.origin(br.number)
    add_extra(ctx, item, br, base)
    item = prune(item)
    QCPoint.model_validate(item)
    return item


# ---------------------------------------------------------------------- writing

STD_COLUMNS = (
    "维度编号",
    "维度",
    "标准编号",
    "标准",
    "标准类型",
    "质控点编号",
    "质控点",
    "评价方式",
    "单位",
    "方向",
    "基线",
    "目标值",
    "阈值",
    "数据来源",
    "要素",
    "权重",
    "责任部门",
    "佐证材料",
    "最新观测值",
    "观测期间",
    "达成度",
    "分档",
)
TYPE_WORDS = {
    "basis": "制定依据",
    "process": "流程标准",
    "guarantee": "保障标准",
    "performance": "绩效标准",
    "assessment": "考核标准",
}


def write(out: ExportContext, repo: Repository) -> None:
    """One sheet per standard."""
    if not repo.standards:
        raise out.nothing("标准文件（kind: standard）")
    settings = scoring(repo)
    latest = _latest_observations(repo, out.as_of)
    for standard in repo.standards.values():
        _standard_sheet(out, standard, settings, latest, repo)


def _latest_observations(repo: Repository, as_of: dt.date) -> dict[str, tuple[Any, str]]:
    """Latest value (number or conformity word) and period per QC point."""
    from zhengai.score.assessment import observation_series

    out: dict[str, tuple[Any, str]] = {}
    for ref, points in observation_series(repo, as_of).items():
        latest = points[-1]
        out[ref] = (
            latest.value if latest.value is not None else latest.conformity,
            latest.period.label,
        )
    return out


def _score_formula(point: QCPoint, row: int, cols: dict[str, str], settings: Scoring) -> str:
    """Excel formula of the QC point's score, mirroring :mod:`zhengai.score.scoring`."""
    v = f"{cols['最新观测值']}{row}"
    if point.kind == "qualitative":
        scale = point.scale or settings.scale
        expr = '""'
        for word, value in reversed(list(scale.items())):
            expr = f'IF({v}="{word}",{value:g},{expr})'
        return f'=IF({v}="","",{expr})'
    t = f"{cols['目标值']}{row}" if point.target is not None else f"{cols['阈值']}{row}"
    b = f"{cols['基线']}{row}"
    use_progress = settings.method == "progress" or (
        settings.method == "auto"
        and point.baseline is not None
        and point.baseline != (point.target if point.target is not None else point.threshold)
    )
    if use_progress:
        raw = f"({v}-{b})/({t}-{b})"
    elif point.direction is not None and point.direction.value == "down":
        raw = f"IF({v}=0,IF({t}>=0,1,0),{t}/{v})"
    else:
        raw = f"IF({t}=0,IF({v}>=0,1,0),{v}/{t})"
    clamp = f"MAX(0,{raw})" if settings.allow_over else f"MIN(1,MAX(0,{raw}))"
    return f'=IF(OR({v}="",NOT(ISNUMBER({v}))),"",{clamp})'


_META_SPANS = ((1, 2), (3, 4), (5, 5))
"""Columns of the 编号, 层面 and 部门 cells: wide enough to print them, and left of the
key columns (质控点编号, 质控点), which repeat on every page with whatever they hold."""


def _meta_row(w: SheetWriter, r: int, pairs: list[tuple[str, str | None, str]]) -> None:
    spans = iter(_META_SPANS)
    for label, value, at in pairs:
        if value is None:
            continue
        c0, c1 = next(spans)
        w.text(r, c0, f"{label}：{value}", at, style="label")
        w.merge(r, c0, r, c1)


def _standard_sheet(
    out: ExportContext,
    located: Located[Standard],
    settings: Scoring,
    latest: dict[str, tuple[Any, str]],
    repo: Repository,
) -> None:
    std, source = located.item, located.file
    problems, taken, result = out.problems, out.taken, out.result
    problem = sheet_name_problem(std.id)
    name = std.id if problem is None and std.id.lower() not in {t.lower() for t in taken} else None
    if problem:
        problems.add(where(source, "/id"), problem)
    name = name or safe_sheet_name(std.id, taken)
    taken.add(name)
    ws = out.book.create_sheet(name)
    result.sheets.append(name)
    w = SheetWriter(ws, problems)
    ncols = len(STD_COLUMNS)
    letters = {h: get_column_letter(i) for i, h in enumerate(STD_COLUMNS, start=1)}
    w.text(1, 1, std.title, where(source, "/title"), style="title")
    w.merge(1, 1, 1, ncols)
    _meta_row(
        w,
        2,
        [
            ("编号", std.id, where(source, "/id")),
            ("层面", level_name(repo, std.level), where(source, "/level")),
            ("部门", owner_names(repo, std.owner), where(source, "/owner")),
        ],
    )
    for c, header in enumerate(STD_COLUMNS, start=1):
        w.text(3, c, header, style="header")
    r = 4
    spans: list[tuple[int, int, list[int]]] = []
    for d, dim in enumerate(std.dimensions):
        dim_start = r
        items: list[StandardItem | None] = [*dim.standards] or [None]
        for s, item in enumerate(items):
            std_start = r
            points: list[QCPoint | None] = [*item.qc_points] if item is not None else []
            for q, point in enumerate(points or [None]):
                base = f"/dimensions/{d}"
                w.text(r, 1, dim.id, where(source, f"{base}/id"))
                w.text(r, 2, dim.name, where(source, f"{base}/name"))
                if item is not None:
                    sbase = f"{base}/standards/{s}"
                    w.text(r, 3, item.id, where(source, f"{sbase}/id"))
                    w.text(r, 4, item.name, where(source, f"{sbase}/name"))
                    w.text(r, 5, TYPE_WORDS.get(item.type or "", None), style="center")
                if point is not None:
                    _qc_row(
                        w,
                        r,
                        point,
                        where,
                        source,
                        f"{base}/standards/{s}/qc_points/{q}",
                        latest,
                        letters,
                        settings,
                    )
                r += 1
            if item is not None:
                spans.append((std_start, r - 1, [3, 4, 5]))
        spans.append((dim_start, r - 1, [1, 2]))
        if dim.weight != 1 or any(i.weight != 1 for i in dim.standards):
            out.warn(f"{source.rel}：维度/标准的权重不在表中，未导出（YAML 中保留）。", source)
    for start, end, cols in spans:
        for c in cols:
            if end > start:
                w.merge(start, c, end, c)
    last = r - 1
    score_col = letters["达成度"]
    if last >= 4:
        rng = f"{score_col}4:{letters['分档']}{last}"
        colour_rules(ws, rng, f"${score_col}4", settings.bands)
    for i, note in enumerate(std.notes):
        w.text(last + 2 + i, 1, note, where(source, f"/notes/{i}"))
        w.merge(last + 2 + i, 1, last + 2 + i, ncols)
    ws.freeze_panes = ws.cell(4, 8)
    bounds = {i: STD_BOUNDS.get(h, Bounds(6, 8)) for i, h in enumerate(STD_COLUMNS, start=1)}
    at = STD_COLUMNS.index("质控点编号") + 1  # 质控点编号 and 质控点 name a row on every page
    lay_out(ws, bounds, header_rows=(3,), title_rows="3:3", keys=(at, at + 1))


STD_BOUNDS = {
    "维度编号": Bounds(7, 10),
    "维度": Bounds(10, 14),
    "标准编号": Bounds(7, 10),
    "标准": Bounds(10, 14),
    "质控点编号": Bounds(8, 10),
    "质控点": Bounds(12, 18),
    "单位": Bounds(5, 6),
    "权重": Bounds(5, 6),
    "数据来源": Bounds(6, 10),
    "要素": Bounds(12, 22),
    "责任部门": Bounds(8, 12),
    "佐证材料": Bounds(12, 18),
    "最新观测值": Bounds(7, 10),
    "观测期间": Bounds(8, 15),  # 2025-2026学年 on one line
    "分档": Bounds(8, 10),
}
"""Width bounds of the columns (others: 6–8 units, numbers and short words)."""


def _qc_row(
    w: SheetWriter,
    r: int,
    point: QCPoint,
    where_fn: Any,
    source: SourceFile,
    base: str,
    latest: dict[str, tuple[Any, str]],
    letters: dict[str, str],
    settings: Scoring,
) -> None:
    at = lambda p: where_fn(source, f"{base}/{p}")  # noqa: E731
    col = {h: i for i, h in enumerate(STD_COLUMNS, start=1)}
    w.text(r, col["质控点编号"], point.id, at("id"))
    w.text(r, col["质控点"], point.name, at("name"))
    w.text(r, col["评价方式"], "定量" if point.kind == "quantitative" else "定性", style="center")
    w.text(r, col["单位"], point.unit, at("unit"), style="center")
    if point.direction is not None:
        w.text(
            r,
            col["方向"],
            "越大越好" if point.direction.value == "up" else "越小越好",
            style="center",
        )
    else:
        w.text(r, col["方向"], None)
    w.number(r, col["基线"], point.baseline)
    w.number(r, col["目标值"], point.target)
    w.number(r, col["阈值"], point.threshold)
    w.text(r, col["数据来源"], point.source, at("source"), style="center")  # apart from 阈值
    w.text(r, col["要素"], point.element, at("element"))
    w.number(r, col["权重"], point.weight)
    w.text(r, col["责任部门"], "、".join(point.owner) or None, at("owner"))
    ev = point.evidence
    w.text(
        r,
        col["佐证材料"],
        ev[0] if len(ev) == 1 else ("\n".join(f"{i}. {e}" for i, e in enumerate(ev, 1)) or None),
        at("evidence"),
    )
    value, period = latest.get(point.id, (None, None))
    if isinstance(value, (int, float)):
        w.number(r, col["最新观测值"], value)
    else:
        w.text(r, col["最新观测值"], value)
    w.text(r, col["观测期间"], period, style="center")
    w.formula(r, col["达成度"], _score_formula(point, r, letters, settings), "0.0%")
    w.formula(
        r, col["分档"], band_formula(f"{letters['达成度']}{r}", settings.bands), style="center"
    )
