"""The appraisal workbook (``zhengai assess -o 考核.xlsx``) for the college's 绩效考核.

Two sheets: 部门排名 (rank, score and the count of each state per department, with the
class C tasks' self-diagnosis beside them) and 任务明细 (every appraised task with its
time node, state, points and progress).  Scores are numbers, progress is a percentage,
and the sheets print on A4 like the other exports (:mod:`zhengai.excel.printing`).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from zhengai.excel.printing import Bounds, lay_out
from zhengai.excel.writer import Problems, SheetWriter, save
from zhengai.score.appraisal import STATE_NAMES, AppraisalResult

RANKING = ["名次", "部门", "考核得分", *STATE_NAMES.values(), "C类到期", "C类完成"]
DETAIL = ["部门", "任务编号", "工作任务", "类别", "时间节点", "考核结果", "得分", "进度", "计划进度"]


def write_appraisal(result: AppraisalResult, institution: str, path: Path, *, force: bool = False) -> None:
    """Write the appraisal of one window to ``path`` (atomically; ``force`` to overwrite)."""
    wb = Workbook()
    problems = Problems()
    ranking = wb.active
    assert ranking is not None  # a new workbook has one sheet
    ranking.title = "部门排名"
    title = f"{institution}{result.window.name}年度重点工作任务考核（A、B 类）"
    w = SheetWriter(ranking, problems)
    w.text(1, 1, title, style="title")
    w.merge(1, 1, 1, len(RANKING))
    for c, name in enumerate(RANKING, 1):
        w.text(2, c, name, style="header")
    for r, dept in enumerate(result.departments, 3):
        w.number(r, 1, dept.rank, style="center")
        w.text(r, 2, dept.dept.name)
        w.number(r, 3, None if dept.score is None else round(dept.score, 2), "0.00", style="center")
        for c, state in enumerate(STATE_NAMES, 4):
            w.number(r, c, dept.count(state), style="center")
        w.number(r, 4 + len(STATE_NAMES), dept.c_due, style="center")
        w.number(r, 5 + len(STATE_NAMES), dept.c_done, style="center")
    lay_out(ranking, {1: Bounds(6, 6), 2: Bounds(12, 20), **{c: Bounds(8, 10) for c in range(3, len(RANKING) + 1)}},
            header_rows=(2,), title_rows="2:2")

    detail = wb.create_sheet("任务明细")
    w = SheetWriter(detail, problems)
    w.text(1, 1, f"{title}任务明细", style="title")
    w.merge(1, 1, 1, len(DETAIL))
    for c, name in enumerate(DETAIL, 1):
        w.text(2, c, name, style="header")
    row = 3
    for dept in result.departments:
        for task in dept.tasks:
            w.text(row, 1, dept.dept.name)
            w.text(row, 2, task.id, style="center")
            w.text(row, 3, task.title)
            w.text(row, 4, task.cls, style="center")
            w.text(row, 5, task.due.isoformat() if task.due else "", style="center")
            w.text(row, 6, task.state_name, style="center")
            w.number(row, 7, task.points, "0", style="center")
            w.number(row, 8, task.progress, "0%", style="center")
            w.number(row, 9, task.expected, "0%", style="center")
            row += 1
    lay_out(detail, {1: Bounds(10, 16), 2: Bounds(8, 14), 3: Bounds(20, 44), 4: Bounds(4, 6), 5: Bounds(11, 12),
                     6: Bounds(10, 12), 7: Bounds(6, 8), 8: Bounds(6, 8), 9: Bounds(8, 10)},
            header_rows=(2,), title_rows="2:2", keys=(1, 2))
    problems.raise_if_any(path)
    save(wb, path, force=force)


__all__ = ["DETAIL", "RANKING", "write_appraisal"]
