"""The ``diagnosis`` sheets: the scores of :mod:`zhengai.score.assessment`.

Two sheets: the QC points with target, actual value, period, score, method and band, and
the roll-up of each standard (dimension → standard item → QC point), both coloured by the
college's bands like the ``standards`` sheet.  Export only.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from zhengai.excel.exporting import ExportContext, band_formula, colour_rules, scoring, where
from zhengai.excel.printing import Bounds, lay_out
from zhengai.excel.writer import SheetWriter, safe_sheet_name
from zhengai.load.repository import Repository
from zhengai.score.assessment import assess

DIAG_COLUMNS = (
    "标准",
    "维度",
    "标准项",
    "质控点编号",
    "质控点",
    "评价方式",
    "目标值",
    "实际值",
    "观测期间",
    "得分",
    "方法",
    "分档",
    "依据",
)


def write(out: ExportContext, repo: Repository) -> None:
    """The QC-point scores sheet and the roll-up sheet of every standard."""
    if not repo.standards:
        raise out.nothing("标准文件（kind: standard）")
    settings, as_of = scoring(repo), out.as_of
    problems, taken, result = out.problems, out.taken, out.result
    assessment = assess(repo, as_of)
    name = safe_sheet_name("质控点诊断", taken)
    ws = out.book.create_sheet(name)
    result.sheets.append(name)
    w = SheetWriter(ws, problems)
    n = len(DIAG_COLUMNS)
    w.text(1, 1, f"质控点诊断（截至 {as_of.isoformat()}）", style="title")
    w.merge(1, 1, 1, n)
    for c, header in enumerate(DIAG_COLUMNS, start=1):
        w.text(2, c, header, style="header")
    r = 3
    groups: list[tuple[str, ...]] = []  # (标准, 维度, 标准项) of each row, merged down in runs
    for located in repo.standards.values():
        std, source = located.item, located.file
        for d, dim in enumerate(std.dimensions):
            for s, item in enumerate(dim.standards):
                for q, point in enumerate(item.qc_points):
                    m = assessment.measures[point.id]
                    at = where(source, f"/dimensions/{d}/standards/{s}/qc_points/{q}/name")
                    values: list[Any] = [
                        std.title,
                        dim.name,
                        item.name,
                        point.id,
                        point.name,
                        "定量" if point.kind == "quantitative" else "定性",
                        m.target,
                        m.actual,
                        m.period,
                        m.score,
                        _METHODS.get(m.method or "", m.method),
                        None,
                        m.obs_cite or m.cite,
                    ]
                    _row(w, r, values, at, percent=(10,))
                    groups.append((std.id, std.title, dim.id, item.id))
                    w.formula(r, 12, band_formula(f"J{r}", settings.bands), style="center")
                    r += 1
    if r > 3:
        colour_rules(ws, f"J3:L{r - 1}", "$J3", settings.bands)
    # 标准, 维度 and 标准项 once per run of rows, as in the standards sheet: the same long
    # title repeated on every row would make every row three lines high
    for col, depth in ((1, 2), (2, 3), (3, 4)):
        w.merge_runs(3, [g[:depth] for g in groups], [col])
    ws.freeze_panes = ws.cell(3, 6)
    lay_out(ws, DIAG_BOUNDS, header_rows=(2,), title_rows="2:2", keys=(4, 5))
    # roll-ups per standard
    name = safe_sheet_name("标准汇总", taken)
    ws2 = out.book.create_sheet(name)
    result.sheets.append(name)
    w2 = SheetWriter(ws2, problems)
    heads = ("层级", "编号", "名称", "得分", "已评/应评", "覆盖率", "分档", "依据")
    w2.text(1, 1, f"标准达成度汇总（截至 {as_of.isoformat()}）", style="title")
    w2.merge(1, 1, 1, len(heads))
    for c, header in enumerate(heads, start=1):
        w2.text(2, c, header, style="header")
    r = 3
    for located in repo.standards.values():
        node = assessment.standard_node(located)
        if node is None:
            continue
        for depth, child in _walk(node):
            values = [
                _KIND_WORDS.get(child.kind, child.kind),
                child.id,
                "　" * depth + child.name,
                child.score,
                f"{child.rollup.scored}/{child.rollup.total}",
                child.rollup.coverage,
                None,
                child.cite,
            ]
            _row(w2, r, values, "", percent=(4, 6))
            w2.formula(r, 7, band_formula(f"D{r}", settings.bands), style="center")
            r += 1
    if r > 3:
        colour_rules(ws2, f"D3:D{r - 1}", "$D3", settings.bands)
        colour_rules(ws2, f"G3:G{r - 1}", "$D3", settings.bands)
    ws2.freeze_panes = ws2.cell(3, 3)
    lay_out(ws2, SUMMARY_BOUNDS, header_rows=(2,), title_rows="2:2", keys=(2, 3))


# at most 136 units: one A4 page across at 82 % (9 pt); 依据 (file:line) wraps
DIAG_BOUNDS = {
    1: Bounds(10, 12),
    2: Bounds(10, 12),
    3: Bounds(10, 12),
    4: Bounds(8, 10),
    5: Bounds(12, 16),
    6: Bounds(6, 6),
    7: Bounds(6, 8),
    8: Bounds(6, 8),
    9: Bounds(8, 13),  # 2025-2026学年 on one line
    10: Bounds(7, 8),
    11: Bounds(6, 6),
    12: Bounds(8, 8),
    13: Bounds(14, 17),
}
SUMMARY_BOUNDS = {
    1: Bounds(6, 8),
    2: Bounds(8, 16),
    3: Bounds(16, 40),
    4: Bounds(7, 8),
    5: Bounds(8, 10),
    6: Bounds(7, 8),
    7: Bounds(8, 10),
    8: Bounds(14, 30),
}
_METHODS = {"ratio": "比值", "progress": "进度", "conformity": "符合度", "floor": "底线"}
_KIND_WORDS = {
    "standard": "标准",
    "dimension": "维度",
    "standard_item": "标准项",
    "qc": "质控点",
    "indicator": "指标",
}


def _walk(node: Any, depth: int = 0) -> Iterable[tuple[int, Any]]:
    yield depth, node
    for child in node.children:
        yield from _walk(child, depth + 1)


def _row(
    w: SheetWriter, r: int, values: list[Any], at: str, *, percent: tuple[int, ...] = ()
) -> None:
    for c, value in enumerate(values, start=1):
        if value is None:
            w.text(r, c, None)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            w.number(r, c, value, "0.0%" if c in percent else "General")
        else:
            w.text(r, c, str(value), at)
