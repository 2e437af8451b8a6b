"""Reading the one-page plan form (一页纸工作计划报表): the part of the ``oppm`` kind
that walks the form.

A one-page plan is a form, not a table.  Reading is driven by the labels in the synonym
table (``oppm:`` section: 项目领导, 工作名称, 日期, 项目目标, 主要任务, 负责人/优先级, 成本,
概述与预测 …), so both the Guangxi layout (表2/表3) and the layout written by ``zhengai
export --kind oppm`` are understood.  The marks of the 12-month grid and the unit types
are defined here and shared with the writer in :mod:`zhengai.excel.sheets.oppm`.

A little over 500 lines: one form reader whose methods share the state of one walk over
the form (section, month columns, task columns); cutting it in two would pass that state
between modules.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from zhengai.excel.cells import split_numbered, split_owners
from zhengai.excel.context import SheetContext
from zhengai.excel.errors import ExcelError
from zhengai.excel.fields import fraction, valid_id
from zhengai.excel.reader import Cell, Row
from zhengai.excel.report import LABEL, LAYOUT, TITLE
from zhengai.excel.yamlout import OutputDoc
from zhengai.models.timeexpr import TimeParseError, parse_time

MAX_ROWS = 500
PLANNED, DONE, LATE, UNPLANNED = "○", "●", "△", "▲"
_MARKS = {
    "○": (True, False),
    "◯": (True, False),
    "●": (True, True),
    "⬤": (True, True),
    "√": (True, True),
    "✓": (True, True),
    "△": (True, False),
    "▲": (False, True),
}
LEGEND = "图例：○ 计划　● 按期完成　△ 逾期未完成　▲ 计划外或延期完成"
UNIT_TYPES = {
    "department": "部门",
    "program": "专业",
    "course": "课程",
    "teacher": "教师",
    "class": "班级",
}
_UNIT_TYPE_WORDS = {v: k for k, v in UNIT_TYPES.items()}
TITLE_RE = re.compile(r"^(?P<unit>.+?)\s*一页纸工作计划报表（(?P<year>\d{4})年）$")
_MONTH = re.compile(r"^(\d{1,2})\s*月?$")
_NO = re.compile(r"^0?\d{1,2}$")
_COST = re.compile(r"^(?P<item>.*?\S)\s*(?P<amount>\d+(?:\.\d+)?)\s*(?P<unit>万元|万|元|千元)?$")
_COST_SEP = re.compile(r"[;；\n]+")
_OBJECTIVE_MARKS = {"●", "⬤", "○", "◯", "√", "✓", "★", "☆"}
_TASK_KEYS = {"owner", "priority", "owner_priority", "progress", "task_ref"}
_HEADER_KEYS = {"leader", "work_name", "date", "unit", "unit_type", "unit_name", "id"}


class FormReader:
    """Reads a one-page plan form cell by cell, driven by the labels (see module doc)."""

    def __init__(self, ctx: SheetContext, grid: list[Row]) -> None:
        self.ctx = ctx
        self.grid = grid
        self.fields: dict[str, Any] = {}
        self.where: dict[str, Cell] = {}
        self.objectives: list[dict[str, Any]] = []
        self.tasks: list[dict[str, Any]] = []
        self.costs: list[dict[str, Any]] = []
        self.notes: list[str] = []
        self.summary: list[str] = []
        self.month_cols: dict[int, int] = {}
        self.cols: dict[str, int] = {}
        self.task_start: int | None = None  # first column of the task area

    # --------------------------------------------------------------- helpers
    def key(self, cell: Cell) -> str | None:
        key = self.ctx.table.oppm_key(cell.text)
        if key is None and cell.text.startswith("图例"):
            return "legend"
        if key is None and re.match(r"^(序号|编号)$", cell.text.strip()):
            return "no" if cell.text.strip() == "序号" else "id"
        return key

    def place(self, cell: Cell, dest: str, note: str = "") -> None:
        if cell.filled:
            return
        self.ctx.place(cell, dest, note)

    def note(self, cells: list[Cell], why: str) -> None:
        cells = [c for c in cells if not c.filled]
        if not cells:
            return
        index = len(self.notes)
        self.notes.append(" ".join(c.text for c in cells))
        for cell in cells:
            self.ctx.place(cell, f"/notes/{index}", why)

    # --------------------------------------------------------------- read
    def read(self) -> OutputDoc:
        started = False
        section = ""
        for row in self.grid:
            cells = [c for _, c in sorted(row.cells.items())]
            if not cells:
                continue
            own = [c for c in cells if not c.filled]
            first = cells[0]
            key = self.key(first)
            if not started and key is None:
                self._title(own)
                continue
            started = True
            if key in _HEADER_KEYS or any(
                self.key(c) in _HEADER_KEYS and not c.filled for c in own
            ):
                self._pairs(cells)
                section = ""
            elif key == "objectives":
                self.place(first, LABEL)
                self._objective(cells[1:])
                section = "objectives"
            elif key == "task_header" and self._is_task_header(cells):
                self._task_header(cells)
                section = "tasks"
            elif key == "tasks" and section == "tasks" and self._month_row(cells):
                section = "after_tasks"
            elif section in ("after_tasks", "costs") and self._objective_texts(own):
                section = "costs"
                self._footer(cells)
            elif key in ("cost", "target_date", "task_header") and section in (
                "after_tasks",
                "tasks",
                "costs",
            ):
                section = "costs"
                self._costs(cells)
            elif key == "summary":
                self.place(first, LABEL)
                self._summary(cells[1:])
                section = "summary"
            elif key == "notes":
                self.place(first, LABEL)
                self.note(cells[1:], "备注")
            elif key == "legend":
                self.place(first, LAYOUT, "图例")
                self.note(cells[1:], "图例右侧的文字")
            elif section == "tasks":
                self._task(row, cells)
            elif section == "costs" or any(_COST.match(c.text) or "经费" in c.text for c in own):
                section = "costs"
                self._costs(cells)
            elif all(c.text == "月" for c in own):
                for cell in own:
                    self.place(cell, LAYOUT, "月份表头")
            else:
                self.note(own, "一页纸计划中未识别的内容")
                if own:
                    self.ctx.warn(
                        f"{self.ctx.ref(own[0].row, own[0].col)}：一页纸计划中未识别的一行，按备注保存。",
                        (own[0].row, own[0].col),
                    )
        return self._finish()

    def _title(self, own: list[Cell]) -> None:
        text = " ".join(c.text for c in own)
        m = TITLE_RE.match(text)
        if m and "unit" not in self.fields:
            self.fields.setdefault("_title_unit", m.group("unit"))
            self.fields.setdefault("_title_year", int(m.group("year")))
            for cell in own:
                self.place(cell, TITLE, "标题（单位与年度）")
            return
        self.fields.setdefault("_title_text", text)
        self.note(own, TITLE)

    def _pairs(self, cells: list[Cell]) -> None:
        """``label | value | label | value …``; ``项目领导：张三`` in one cell also works."""
        i = 0
        while i < len(cells):
            cell = cells[i]
            key = self.key(cell)
            if key in _HEADER_KEYS:
                inline = re.split(r"[:：]", cell.text, maxsplit=1)
                self.place(cell, LABEL)
                if len(inline) == 2 and inline[1].strip():
                    self.fields[key] = inline[1].strip()
                    self.where[key] = cell
                    i += 1
                    continue
                nxt = cells[i + 1] if i + 1 < len(cells) else None
                if nxt is not None and self.key(nxt) not in _HEADER_KEYS:
                    self.fields[key] = nxt.text
                    self.where[key] = nxt
                    self.place(nxt, f"/{key}")
                    i += 2
                    continue
                i += 1
                continue
            self.note([cell], "表头区未识别的内容")
            i += 1

    def _objective(self, cells: list[Cell]) -> None:
        cells = [c for c in cells if not c.filled]
        if not cells:
            return
        if len(cells) == 1:
            items = split_numbered(cells[0].text) or [cells[0].text]
            first = len(self.objectives)
            for text in items:
                self.objectives.append({"id": f"O{len(self.objectives) + 1}", "text": text})
            self.place(cells[0], f"/objectives/{first}/text", f"拆成 {len(items)} 个目标")
            return
        n = len(self.objectives)
        # two cells or more: id, text and (optionally) the target it serves
        ident: Cell | None = cells[0]
        text_cell = cells[1]
        target: Cell | None = cells[2] if len(cells) > 2 else None
        if ident is not None and not valid_id(ident.text):
            ident, text_cell, target = None, cells[0], cells[1]
        item: dict[str, Any] = {
            "id": ident.text if ident is not None else f"O{n + 1}",
            "text": text_cell.text,
        }
        if ident is not None:
            self.place(ident, f"/objectives/{n}/id")
        self.place(text_cell, f"/objectives/{n}/text")
        if target is not None:
            if valid_id(target.text):
                item["target"] = target.text
                self.place(target, f"/objectives/{n}/target")
            else:
                item["text"] += " " + target.text
                self.place(target, f"/objectives/{n}/text")
        for extra in cells[3:]:
            self.note([extra], "目标行多出的内容")
        self.objectives.append(item)

    def _is_task_header(self, cells: list[Cell]) -> bool:
        return any(
            self.key(c) in ("tasks", "schedule", "owner", "owner_priority", "priority")
            for c in cells[1:]
        )

    def _task_header(self, cells: list[Cell]) -> None:
        for cell in cells:
            key = self.key(cell)
            month = _MONTH.match(cell.text)
            if month and 1 <= int(month.group(1)) <= 12:
                self.month_cols[cell.col] = int(month.group(1))
                self.place(cell, LAYOUT, "月份表头")
                continue
            if key is not None:
                self.cols.setdefault(key, cell.col)
                self.place(cell, LABEL)
                continue
            self.note([cell], "任务表头中未识别的内容")
        self.task_start = self.cols.get("no") or self.cols.get("tasks")

    def _month_row(self, cells: list[Cell]) -> bool:
        """The Guangxi footer row ``主要任务 | 1 | 2 … | 12`` under the tasks."""
        months = [(c, _MONTH.match(c.text)) for c in cells[1:]]
        found = [(c, int(m.group(1))) for c, m in months if m and 1 <= int(m.group(1)) <= 12]
        if len(found) < 6:
            return False
        self.place(cells[0], LABEL)
        for cell, month in found:
            self.month_cols[cell.col] = month
            self.place(cell, LAYOUT, "月份表头")
        return True

    def _task(self, row: Row, cells: list[Cell]) -> None:
        start = self.task_start or 1
        side = self._side_cols()
        own = [c for c in cells if not c.filled]
        left = [c for c in own if c.col < start]
        rest = [c for c in own if c.col >= start]
        free = [
            c
            for c in rest
            if c.col not in self.month_cols and c.col not in side and c.text.strip() not in _MARKS
        ]
        no_cell = next((c for c in free if _NO.match(c.text)), None)
        title_cell = next((c for c in free if c is not no_cell), None)
        if title_cell is None:
            for cell in own:
                self.place(cell, LAYOUT, "空的任务栏位")
            return
        n = len(self.tasks)
        base = f"/tasks/{n}"
        task: dict[str, Any] = {
            "no": no_cell.text if no_cell else f"{n + 1:02d}",
            "title": title_cell.text,
            "_row": row.number,
            "_marks": {},
        }
        if no_cell is not None:
            self.place(no_cell, f"{base}/no")
        self.place(title_cell, f"{base}/title")
        objectives: list[str] = []
        for cell in left:
            if cell.text.strip() in _OBJECTIVE_MARKS:
                # Guangxi: one column per objective under 目标, ● where the task serves it
                objectives.append(f"O{self._objective_no(cell.col)}")
                self.place(
                    cell, f"{base}/objectives", f"目标栏第 {self._objective_no(cell.col)} 列的标记"
                )
                continue
            objectives.extend(p for p in re.split(r"[、,，;；\s]+", cell.text) if p)
            self.place(cell, f"{base}/objectives")
        task["objectives"] = objectives
        for cell in rest:
            if cell is no_cell or cell is title_cell:
                continue
            if cell.col in self.month_cols or (
                cell.col not in side and cell.text.strip() in _MARKS
            ):
                task["_marks"][cell.col] = cell
                continue
            col_key = next(
                (k for k, c in self.cols.items() if c == cell.col and k in _TASK_KEYS), None
            )
            self._task_value(task, col_key, cell, base)
        self.tasks.append(task)

    def _objective_no(self, col: int) -> int:
        """Which objective (1, 2 …) a column of the 目标 block stands for."""
        return col - self.cols.get("task_header", 1) + 1

    def _objective_texts(self, own: list[Cell]) -> list[Cell]:
        """Under the grid, the objectives written one per 目标 column (left of the tasks)."""
        start = self.task_start
        if start is None or "task_header" not in self.cols:
            return []
        return [c for c in own if c.col < start and self.key(c) is None]

    def _footer(self, cells: list[Cell]) -> None:
        """The row under the grid holding the objective texts (one per 目标 column) beside
        a 目标日期 or 成本 label: objectives by column, the target date as its own note,
        cost lines as costs."""
        own = [c for c in cells if not c.filled]
        texts = self._objective_texts(own)
        for cell in texts:
            no = self._objective_no(cell.col)
            known = next((i for i, o in enumerate(self.objectives) if o["id"] == f"O{no}"), None)
            if known is None:
                self.objectives.append({"id": f"O{no}", "text": cell.text})
                self.place(
                    cell, f"/objectives/{len(self.objectives) - 1}/text", f"目标栏第 {no} 列"
                )
            elif self.objectives[known]["text"] == cell.text:
                self.place(cell, f"/objectives/{known}/text", f"目标栏第 {no} 列")
            else:
                self.note([cell], f"目标栏第 {no} 列的文字（与项目目标 O{no} 不同）")
        rest = [c for c in cells if c not in texts]
        label = next((c for c in rest if not c.filled and self.key(c) == "target_date"), None)
        if label is None:
            self._costs(rest)
            return
        self.place(label, LABEL)
        after = [c for c in rest if not c.filled and c.col > label.col and self.key(c) is None]
        dates = [c for c in after if not (_COST.match(c.text) or "经费" in c.text)]
        if dates:
            self.note(dates, "目标日期")
            self.notes[-1] = f"目标日期：{self.notes[-1]}"
        self._costs([c for c in rest if c is not label and c not in dates])

    def _side_cols(self) -> set[int]:
        return {c for k, c in self.cols.items() if k in _TASK_KEYS}

    def _task_value(self, task: dict[str, Any], key: str | None, cell: Cell, base: str) -> None:
        text = cell.text.strip()
        if key == "owner_priority" or (
            key is None and "/" in text and text.rsplit("/", 1)[-1].strip() in "ABC"
        ):
            owner, _, priority = text.rpartition("/")
            if priority.strip() in ("A", "B", "C"):
                task["owner"] = split_owners(owner)
                task["priority"] = priority.strip()
                self.place(cell, f"{base}/owner", "负责人/优先级")
                return
            key = "owner"
        if key == "owner":
            task["owner"] = split_owners(text)
            self.place(cell, f"{base}/owner")
        elif key == "priority" and text in ("A", "B", "C"):
            task["priority"] = text
            self.place(cell, f"{base}/priority")
        elif key == "progress" and (progress := fraction(cell)) is not None:
            task["progress"] = progress
            self.place(cell, f"{base}/progress")
        elif key == "task_ref" and valid_id(text):
            task["task"] = text
            self.place(cell, f"{base}/task")
        else:
            self.note([cell], f"任务“{task['title'][:12]}”一行中未识别的内容")
            self.ctx.warn(
                f"{self.ctx.ref(cell.row, cell.col)}：“{text[:20]}”不是可识别的负责人、优先级或进度，按备注保存。",
                (cell.row, cell.col),
            )

    def _costs(self, cells: list[Cell]) -> None:
        own = [c for c in cells if not c.filled]
        values = [c for c in own if self.key(c) is None]
        for cell in own:
            if cell not in values:
                self.place(cell, LABEL)
        # item | amount | unit written in separate cells
        if len(values) in (2, 3) and _is_number(values[1]):
            n = len(self.costs)
            line: dict[str, Any] = {"item": values[0].text, "amount": _as_float(values[1])}
            self.place(values[0], f"/costs/{n}/item")
            self.place(values[1], f"/costs/{n}/amount")
            if len(values) == 3:
                line["unit"] = values[2].text
                self.place(values[2], f"/costs/{n}/unit")
            self.costs.append(line)
            return
        for cell in values:
            # one cell may list several lines: 部门一般公用经费 5 万元；培训经费 2 万元
            parts = [p.strip() for p in _COST_SEP.split(cell.text) if p.strip()]
            found = [_COST.match(p) for p in parts]
            if parts and all(found):
                n = len(self.costs)
                for m in found:
                    assert m is not None
                    unit = m.group("unit") or "万元"
                    line = {
                        "item": m.group("item").strip(),
                        "amount": float(m.group("amount")),
                        "unit": "万元" if unit == "万" else unit,
                    }
                    self.costs.append(line)
                many = f"，{len(parts)} 条" if len(parts) > 1 else ""
                self.place(cell, f"/costs/{n}", f"拆成 项目、金额、单位{many}")
            else:
                self.note([cell], "成本行（金额不是数字）")
                self.ctx.warn(
                    f"{self.ctx.ref(cell.row, cell.col)}：成本“{cell.text}”没有数字金额，按备注保存。",
                    (cell.row, cell.col),
                )

    def _summary(self, cells: list[Cell]) -> None:
        for cell in cells:
            if cell.filled:
                continue
            self.summary.append(cell.text)
            self.place(cell, "/summary")

    # --------------------------------------------------------------- result
    def _finish(self) -> OutputDoc:
        ctx = self.ctx
        missing = [
            label
            for key, label in (("leader", "项目领导"), ("work_name", "工作名称"), ("date", "日期"))
            if not self.fields.get(key)
        ]
        if missing:
            raise ExcelError(
                f"{ctx.file}：工作表“{ctx.sheet.name}”是一页纸计划，但没有填写{'、'.join(missing)}；"
                "请在表中填写后再导入（空白样表不能导入）。"
            )
        date = self._date()
        title_text = self.fields.get("_title_text", "")
        unit = (
            self.fields.get("unit")
            or self.fields.get("_title_unit")
            or ctx.default("owner")
            or _unit_from(title_text)
            or ctx.sheet.name
        )
        unit_type = self.fields.get("unit_type")
        unit_type = (
            _UNIT_TYPE_WORDS.get(unit_type, unit_type)
            if unit_type
            else (ctx.default("unit_type") or _unit_type_from(title_text + unit))
        )
        if unit_type not in UNIT_TYPES:
            ctx.warn(f"一页纸计划的层面“{unit_type}”无法识别，按部门（department）导入。")
            unit_type = "department"
        year = (
            self.fields.get("_title_year") or ctx.options.year or ctx.default("year") or date.year
        )
        ident = (
            self.fields.get("id")
            if valid_id(self.fields.get("id", ""))
            else (ctx.prefix if valid_id(ctx.prefix) else "OPPM")
        )
        objective_ids = {o["id"] for o in self.objectives}
        tasks: list[dict[str, Any]] = []
        for task in self.tasks:
            marks: dict[int, Cell] = task.pop("_marks")
            row = task.pop("_row")
            planned, actual = [], []
            for col, cell in marks.items():
                month = self.month_cols.get(col)
                mark = cell.text.strip()
                if month is None or mark not in _MARKS:
                    self.note([cell], "进度格中未识别的内容")
                    ctx.warn(
                        f"{ctx.ref(cell.row, cell.col)}：进度格“{mark[:10]}”不是 ○ ● △ ▲，按备注保存。",
                        (cell.row, cell.col),
                    )
                    continue
                is_planned, is_done = _MARKS[mark]
                if is_planned:
                    planned.append(month)
                if is_done:
                    actual.append(month)
                self.place(cell, f"/tasks/{len(tasks)}/schedule", f"{month}月 {mark}")
            task["schedule"] = {"planned": planned, "actual": actual}
            task["objectives"] = [_objective_id(o, objective_ids) for o in task["objectives"]]
            task["origin"] = ctx.origin(row)
            tasks.append(task)
        data: dict[str, Any] = {
            "schema_version": 1,
            "kind": "oppm",
            "id": ident,
            "year": year,
            "unit": unit,
            "unit_type": unit_type,
            "unit_name": self.fields.get("unit_name"),
            "leader": self.fields["leader"],
            "work_name": self.fields["work_name"],
            "date": date.isoformat(),
            "objectives": self.objectives,
            "tasks": tasks,
            "costs": self.costs,
            "summary": "\n".join(self.summary) or None,
            "notes": self.notes,
        }
        doc = OutputDoc("oppm", data)
        doc.count = len(tasks)  # what the summary line counts (“写入 …（6 项）”)
        return doc

    def _date(self) -> dt.date:
        cell = self.where.get("date")
        value = cell.value if cell is not None else None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        text = self.fields["date"]
        try:
            expr = parse_time(text)
        except TimeParseError as exc:
            ref = self.ctx.ref(cell.row, cell.col) if cell is not None else self.ctx.sheet.name
            raise ExcelError(
                f"{ref}：日期“{text}”无法识别（{exc}）；请写成 2020-03-15 或 2020年3月15日。"
            ) from exc
        if expr.recurring or expr.start is None:
            ref = self.ctx.ref(cell.row, cell.col) if cell is not None else self.ctx.sheet.name
            raise ExcelError(
                f"{ref}：日期“{text}”不是一个具体日期；请写成 2020-03-15 或 2020年3月15日。"
            )
        if expr.start != expr.end:
            self.ctx.warn(f"日期“{text}”不是具体某一天，按 {expr.start.isoformat()} 导入。")
        return expr.start


def _objective_id(text: str, known: set[str]) -> str:
    if text in known:
        return text
    if f"O{text}" in known:
        return f"O{text}"
    return text


def _unit_from(title: str) -> str | None:
    m = re.search(r"(?:表\s*\d+\s*)?(.+?)\s*一页纸工作计划报表", title)
    return re.sub(r"\s+", "", m.group(1)) if m else None


def _unit_type_from(text: str) -> str:
    for word, kind in (
        ("专业", "program"),
        ("课程", "course"),
        ("教师", "teacher"),
        ("班级", "class"),
    ):
        if word in text:
            return kind
    return "department"


def _is_number(cell: Cell) -> bool:
    return _as_float(cell) is not None


def _as_float(cell: Cell) -> float | None:
    if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
        return float(cell.value)
    try:
        return float(cell.text)
    except ValueError:
        return None
