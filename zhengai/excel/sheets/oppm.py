"""The ``oppm`` sheet, the one-page plan (一页纸工作计划报表): detect, read and write.

A one-page plan is a form, not a table: reading it is
:class:`~zhengai.excel.sheets.oppm_reader.FormReader`'s job.  Marks in the 12-month grid:

====  ==========================================
○     planned in that month
●     planned and done in that month
△     planned, past, not done (late)
▲     done in a month that was not planned
====  ==========================================

``△`` and ``○`` are both “planned, not done”: which one is written depends on the date
of the export (a planned month already over is late).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from zhengai.excel.context import Probe, SheetContext
from zhengai.excel.errors import ExcelError
from zhengai.excel.exporting import ExportContext, department_name, where
from zhengai.excel.printing import lay_out
from zhengai.excel.reader import Row
from zhengai.excel.sheets.oppm_reader import (
    DONE,
    LATE,
    LEGEND,
    MAX_ROWS,
    PLANNED,
    UNIT_TYPES,
    UNPLANNED,
    FormReader,
)
from zhengai.excel.writer import SheetWriter, safe_sheet_name, sheet_name_problem
from zhengai.excel.yamlout import OutputDoc
from zhengai.load.repository import Located, Repository
from zhengai.models.oppm import Objective, Oppm


def detect(probe: Probe) -> bool:
    """A project-leader label with a tasks or schedule label (before any header is sought)."""
    labels = probe.labels
    return "leader" in labels and bool({"tasks", "schedule"} & labels)


def read(ctx: SheetContext, head: list[Row], rows: Iterator[Row]) -> OutputDoc:
    """A one-page plan sheet → an ``oppm`` file (see module doc)."""
    grid = list(head)
    for row in rows:
        grid.append(row)
        if len(grid) > MAX_ROWS:
            raise ExcelError(
                f"{ctx.file}：工作表“{ctx.sheet.name}”超过 {MAX_ROWS} 行，不像一页纸工作计划报表；请用 --kind 指定其他类型。"
            )
    missing = [c for r in grid for c in r.cells.values() if c.missing]
    if missing:
        raise ctx.sheet.formula_error(missing)
    return FormReader(ctx, grid).read()


# ====================================================================== writing

# Columns: A–D 目标, E 序号, F–H 主要任务, I–T months 1–12, U 负责人, V 优先级, W 进度, X 对应任务.
_NCOLS = 24
_MONTH_COL = 9  # column I is January


def oppm_title(model: Any, unit: str | None = None) -> str:
    """The title row (unit and year): the unit's own name, else ``unit`` (its department's
    name), else its id.  The importer reads the unit from 所属单位 first, the title last."""
    return f"{model.unit_name or unit or model.unit}一页纸工作计划报表（{model.year}年）"


def month_mark(
    month: int, planned: set[int], actual: set[int], year: int, as_of: dt.date
) -> str | None:
    """○ ● △ ▲ for one month (see module doc); None when the month is neither planned nor done."""
    if month in planned and month in actual:
        return DONE
    if month in actual:
        return UNPLANNED
    if month in planned:
        last = dt.date(year, month, 1) + dt.timedelta(days=31)
        month_end = last.replace(day=1) - dt.timedelta(days=1)
        return LATE if month_end < as_of else PLANNED
    return None


def write(out: ExportContext, repo: Repository) -> None:
    """One sheet per one-page plan."""
    if not repo.oppms:
        raise out.nothing("一页纸工作计划（kind: oppm）")
    for oppm in repo.oppms.values():
        out.result.sheets.append(_oppm_sheet(out, oppm, repo))


def _oppm_sheet(out: ExportContext, located: Located[Oppm], repo: Repository) -> str:
    """One sheet for one plan, named after its id (a bad name is a problem with its location)."""
    model, source = located.item, located.file
    problems, taken, as_of = out.problems, out.taken, out.as_of
    problem = sheet_name_problem(model.id)
    if problem:  # reported with its YAML location; nothing is written then
        problems.add(where(source, "/id"), problem)
    name = safe_sheet_name(model.id, taken)
    ws = out.book.create_sheet(name)
    w = SheetWriter(ws, problems)
    at = lambda p: where(source, p)  # noqa: E731

    def label(r: int, c0: int, c1: int, text: str, r1: int | None = None) -> None:
        w.text(r, c0, text, style="label")
        w.merge(r, c0, r1 or r, c1)

    def value(
        r: int, c0: int, c1: int, text: str | None, pointer: str = "", style: str = "data"
    ) -> None:
        w.text(r, c0, text, at(pointer) if pointer else "", style=style)
        w.merge(r, c0, r, c1)

    unit = department_name(repo, model.unit)
    w.text(1, 1, oppm_title(model, unit), at("/unit"), style="title")
    w.merge(1, 1, 1, _NCOLS)
    label(2, 1, 4, "项目领导")
    value(2, 5, 8, model.leader, "/leader")
    label(2, 9, 10, "工作名称")
    value(2, 11, 16, model.work_name, "/work_name")
    label(2, 17, 18, "日期")
    value(2, 19, _NCOLS, model.date.isoformat(), style="center")
    label(3, 1, 4, "所属单位")
    value(3, 5, 8, unit, "/unit")
    label(3, 9, 10, "层面")
    value(3, 11, 12, UNIT_TYPES[model.unit_type], style="center")
    label(3, 13, 14, "名称")
    value(3, 15, 16, model.unit_name, "/unit_name")
    label(3, 17, 18, "编号")
    value(3, 19, _NCOLS, model.id, "/id")
    r = 4
    objectives: list[Objective | None] = [*model.objectives] or [None]
    label(r, 1, 4, "项目目标", r + len(objectives) - 1)
    for i, objective in enumerate(objectives):
        if objective is not None:
            w.text(r, 5, objective.id, at(f"/objectives/{i}/id"), style="center")
            value(r, 6, 20, objective.text, f"/objectives/{i}/text")
            value(r, 21, _NCOLS, objective.target, f"/objectives/{i}/target")
        r += 1
    label(r, 1, 4, "目标")
    w.text(r, 5, "序号", style="header")
    w.text(r, 6, "主要任务", style="header")
    w.merge(r, 6, r, 8)
    for m in range(1, 13):
        w.text(r, _MONTH_COL + m - 1, f"{m}月", style="header")
    for c, head in zip(range(21, 25), ("负责人", "优先级", "进度", "对应任务"), strict=True):
        w.text(r, c, head, style="header")
    header_row = r
    r += 1
    for i in range(max(6, len(model.tasks))):
        task = model.tasks[i] if i < len(model.tasks) else None
        base = f"/tasks/{i}"
        if task is None:
            value(r, 1, 4, None)
            w.text(r, 5, f"{i + 1:02d}", style="center")
            value(r, 6, 8, None)
            for c in range(_MONTH_COL, _NCOLS + 1):
                w.text(r, c, None, style="center")
            r += 1
            continue
        value(r, 1, 4, "、".join(task.objectives) or None, f"{base}/objectives", style="center")
        w.text(r, 5, task.no, at(f"{base}/no"), style="center")
        value(r, 6, 8, task.title, f"{base}/title")
        planned, actual = set(task.schedule.planned), set(task.schedule.actual)
        for m in range(1, 13):
            w.text(
                r,
                _MONTH_COL + m - 1,
                month_mark(m, planned, actual, model.year, as_of),
                style="center",
            )
        w.text(r, 21, "、".join(task.owner) or None, at(f"{base}/owner"), style="center")
        w.text(r, 22, task.priority, style="center")
        w.number(r, 23, task.progress, "0%", style="center")
        w.text(r, 24, task.task, at(f"{base}/task"), style="center")
        if task.extra:
            out.warn(
                f"{source.rel}：一页纸任务“{task.title}”的 extra 不在报表版式中，未导出（YAML 中保留）。",
                source,
                f"{base}/extra",
            )
        r += 1
    value(r, 1, _NCOLS, LEGEND, style="center")
    r += 1
    if model.costs:
        label(r, 1, 4, "成本", r + len(model.costs) - 1)
        for i, line in enumerate(model.costs):
            value(r, 5, 8, line.item, f"/costs/{i}/item")
            w.number(r, 9, line.amount)
            w.merge(r, 9, r, 10)
            value(r, 11, 12, line.unit, f"/costs/{i}/unit", style="center")
            value(r, 13, _NCOLS, None)  # the rest of the row, ruled, so the block is closed
            r += 1
    label(r, 1, 4, "概述与预测")
    value(r, 5, _NCOLS, model.summary, "/summary")
    r += 1
    if model.notes:
        label(r, 1, 4, "备注", r + len(model.notes) - 1)
        for i, note in enumerate(model.notes):
            value(r, 5, _NCOLS, note, f"/notes/{i}")
            r += 1
    # 136 units: one A4 page across at 82 % (9 pt), as a one-page plan must be
    w.widths(
        {
            **{c: 3 for c in range(1, 5)},
            5: 5,
            6: 11,
            7: 11,
            8: 11,
            **{c: 4.5 for c in range(_MONTH_COL, _MONTH_COL + 12)},  # “10月” on one line
            21: 10,
            22: 6,
            23: 6,
            24: 10,
        }
    )
    ws.freeze_panes = ws.cell(header_row + 1, 9)
    # a form: fixed widths (the 12 months equal), heights from content so that a long
    # 概述与预测 grows its own row instead of running over the cost rows
    lay_out(ws, {})
    return name
