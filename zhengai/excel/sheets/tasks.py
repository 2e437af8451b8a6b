"""The ``tasks`` sheet: annual key tasks and construction progress tables.

**Reading** (Shaoyang 附表, Luzhou 附1, Guangxi 表1 and 表10).  One row is one task.  The
row's own work (建设内容/工作/具体化工作, else 建设任务/工作任务) is the title; the columns
above it in the hierarchy (建设项目 → 建设任务) become the indicator ``levels`` when the
sheet has no explicit 一级/二级/三级指标 columns.  A title row such as ``教务处2020年度重点
工作任务分解表`` gives the year and the owner.

**Writing**: the annual key-task decomposition table in the Guangxi 表1 layout (序号,
工作任务, 一级/二级/三级指标 with content, category, responsible department, head and time
node, 完成时限, 预期成效, 分管领导), then the columns the model needs to come back unchanged
(任务编号, 任务类别, 牵头部门, 成果形式, …) and one ``附加：…`` column per ``extra`` key.
Task, level-1 and level-2 cells are merged down where consecutive rows share them, as in
the seeds; the header is frozen; A4 landscape.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from zhengai.excel.cells import split_owners
from zhengai.excel.context import Probe, SheetContext, layout_or_fail
from zhengai.excel.exporting import ExportContext, owner_names, where
from zhengai.excel.fields import (
    add_extra,
    decide_year,
    task_fields,
    task_id,
    time_text,
    unique_id,
    valid_id,
)
from zhengai.excel.printing import Bounds, lay_out
from zhengai.excel.reader import Row
from zhengai.excel.report import LAYOUT
from zhengai.excel.table import TableWalker
from zhengai.excel.writer import SheetWriter, safe_sheet_name
from zhengai.excel.yamlout import OutputDoc
from zhengai.load.repository import Located, Repository, SourceFile
from zhengai.models.tasks import KeyTask, TaskFile

TASK_TITLE_RE = re.compile(r"^(?P<owner>.*?)\s*(?P<year>\d{4})年度重点工作任务分解表$")


def detect(probe: Probe) -> bool:
    """A table with task, work, project, deadline or owner columns (the catch-all kind)."""
    return bool(probe.roles & {"task", "work", "project", "deadline", "owner", "level1.content"})


# ---------------------------------------------------------------------- reading

_HIERARCHY = ("project", "task", "work")


def read(ctx: SheetContext, head: list[Row], rows: Iterator[Row]) -> OutputDoc:
    """Key tasks / construction progress rows → a ``tasks`` file (see module doc)."""
    layout = layout_or_fail(ctx, head, "tasks")
    walker = TableWalker(ctx.sheet, layout, ctx.report)
    roles = layout.roles()
    explicit_levels = any(r.startswith("level") for r in roles)
    has_id = "id" in roles
    doc = OutputDoc(
        "tasks",
        {"schema_version": 1, "kind": "tasks", "year": None, "owner": None},
        "tasks",
        KeyTask,
        {"notes": walker.notes},
    )
    owner_default = ctx.default("owner")
    canonical = TASK_TITLE_RE.match(walker.title_text()) if walker.titles else None
    if canonical and len(walker.titles) == 1:
        walker.place_titles("/year 与 /owner", "标题（年度与部门）")
        doc.head["year"] = int(canonical.group("year"))
        owner_default = owner_default or canonical.group("owner").strip() or None
    else:
        canonical = None
        walker.titles_to_notes()
    used: set[str] = set()
    class_default = (ctx.default("class_") or "A").strip().upper()[:1]
    for br in walker.body(itertools.chain(head, rows)):
        title_role = next((r for r in reversed(_HIERARCHY) if br.cell(r) is not None), None)
        if title_role is None:
            walker.add_note(br.row, "没有任务名称的行")
            ctx.warn(
                f"{ctx.ref(br.number, br.row.own()[0].col)}：第 {br.number} 行没有任务名称，整行按备注保存。",
                (br.number, br.row.own()[0].col),
            )
            continue
        base = f"/tasks/{doc.count}"
        item: dict[str, Any] = {}
        title_cell = br.take(title_role)
        assert title_cell is not None
        item["id"] = None
        item["title"] = title_cell.text
        ctx.place(title_cell, f"{base}/title")
        # identifier
        id_cell = br.take("id") if has_id else None
        no_cell = br.take("no")
        ident: str | None = None
        if id_cell is not None:
            if valid_id(id_cell.text):
                ident = id_cell.text
                ctx.place(id_cell, f"{base}/id")
            else:
                br.used.discard(id_cell.col)
                ctx.warn(
                    f"{ctx.ref(*id_cell.source)}：编号“{id_cell.text}”含空白、/ 或 #，不能作标识；已另行生成并把原文放入 extra。",
                    id_cell.source,
                )
        if no_cell is not None:
            if has_id:
                ctx.place(no_cell, LAYOUT, "有编号列时，序号只表示顺序")
            elif ident is None:
                ctx.place(no_cell, f"{base}/id", "由序号生成标识")
        if ident is None:
            ident = task_id(ctx, title_cell.text, no_cell, br.number)
        item["id"] = unique_id(ident, used)
        item["class"] = class_default
        cls = br.take("class")
        if cls is not None:
            letter = cls.text.strip().upper().rstrip("类")[:1]
            if letter in ("A", "B", "C"):
                item["class"] = letter
                ctx.place(cls, f"{base}/class")
            else:
                br.used.discard(cls.col)
                ctx.warn(
                    f"{ctx.ref(*cls.source)}：任务类别“{cls.text}”不是 A/B/C，按 {class_default} 导入并把原文放入 extra。",
                    cls.source,
                )
        # hierarchy above the title → levels (only without explicit level columns)
        levels: list[dict[str, Any]] = []
        if not explicit_levels:
            for role in _HIERARCHY[: _HIERARCHY.index(title_role)]:
                cell = br.take(role)
                if cell is not None:
                    ctx.place(cell, f"{base}/levels/{len(levels)}/content")
                    levels.append({"content": cell.text})
        else:
            for k in (1, 2, 3):
                content = br.take(f"level{k}.content")
                if content is None:
                    break
                lbase = f"{base}/levels/{len(levels)}"
                level: dict[str, Any] = {"content": content.text}
                ctx.place(content, f"{lbase}/content")
                for fname in ("category", "owner", "head", "time_node"):
                    cell = br.take(f"level{k}.{fname}")
                    if cell is None:
                        continue
                    if fname == "owner":
                        level["owner"] = split_owners(cell.text)
                    elif fname == "time_node":
                        level["time_node"] = time_text(ctx, cell)
                    else:
                        level[fname] = cell.text
                    ctx.place(cell, f"{lbase}/{fname}")
                levels.append(level)
        item["levels"] = levels
        task_fields(ctx, br, item, base)
        item["origin"] = ctx.origin(br.number, base)
        add_extra(ctx, item, br, base)
        doc.add(item, ctx.ref(br.number, title_cell.col))
    if doc.head["year"] is None:
        doc.head["year"] = decide_year(ctx, walker, [])
    if owner_default:
        doc.head["owner"] = split_owners(owner_default)
    return doc


# ---------------------------------------------------------------------- writing

LEVEL_HEADERS = {1: "一级指标 1", 2: "二级指标 2", 3: "三级指标 3"}
LEVEL_FIELDS = {
    "content": "工作内容",
    "category": "指标类别",
    "owner": "责任部门",
    "head": "部门负责人",
    "time_node": "时间节点",
}
GUANGXI_LEVEL_FIELDS = {
    1: ("content", "category", "owner"),
    2: ("content", "owner", "time_node"),
    3: ("content", "owner", "head", "time_node"),
}
STATE_WORDS = {
    "not_started": "未开始",
    "in_progress": "进行中",
    "done": "已完成",
    "dropped": "已取消",
}


def write(out: ExportContext, repo: Repository) -> None:
    """One decomposition sheet per task file."""
    if not repo.task_files:
        raise out.nothing("年度重点任务文件（kind: tasks）")
    for located in repo.task_files:
        _tasks_sheet(out, located, repo)


@dataclass
class _Col:
    top: str
    sub: str | None
    key: Any


def task_title(model: TaskFile, owner: str | None = None) -> str:
    """The title row: owner (``owner``: its printed name) and year, read back by the importer."""
    return f"{owner or '、'.join(model.owner)}{model.year}年度重点工作任务分解表"


def _task_columns(tasks: list[KeyTask]) -> list[_Col]:
    cols = [_Col("序号", None, "no"), _Col("工作任务", None, "title")]
    for k in (1, 2, 3):
        used = {
            f
            for t in tasks
            if len(t.levels) >= k
            for f in LEVEL_FIELDS
            if f != "content" and getattr(t.levels[k - 1], f)
        }
        for fname in LEVEL_FIELDS:
            if fname in GUANGXI_LEVEL_FIELDS[k] or fname in used:
                cols.append(_Col(LEVEL_HEADERS[k], LEVEL_FIELDS[fname], ("level", k, fname)))
    cols += [
        _Col("完成时限", None, "deadline"),
        _Col("预期成效", None, "outcome"),
        _Col("分管领导", None, "leader"),
        _Col("任务编号", None, "id"),
        _Col("任务类别", None, "class"),
        _Col("牵头部门", None, "owner"),
        _Col("成果形式", None, "evidence"),
        _Col("上级目标", None, "parent"),
        _Col("对应质控点", None, "qc_points"),
        _Col("状态", None, "state"),
        _Col("进度", None, "progress"),
    ]
    keys: list[str] = []
    for task in tasks:
        keys += [k for k in task.extra if k not in keys]
    cols += [_Col(f"附加：{key}", None, ("extra", key)) for key in keys]
    return cols


def _tasks_sheet(out: ExportContext, located: Located[TaskFile], repo: Repository) -> None:
    model, source = located.item, located.file
    taken, result = out.taken, out.result
    owner = owner_names(repo, model.owner)
    name = safe_sheet_name(
        f"{owner}{model.year}年重点任务" if owner else f"{model.year}年重点任务", taken
    )
    ws = out.book.create_sheet(name)
    result.sheets.append(name)
    w = SheetWriter(ws, out.problems)
    tasks = model.tasks
    cols = _task_columns(tasks)
    ncols = len(cols)
    skipped = [
        t.id
        for t in tasks
        if t.indicators
        or t.resources
        or t.waive
        or t.status.updates
        or t.status.evidence
        or t.status.completed
    ]
    if skipped:
        out.warn(
            f"{source.rel}：任务 {'、'.join(skipped[:5])} 的指标、经费、豁免或进度记录不在分解表中，未导出（YAML 中保留）。",
            source,
        )
    # title and two-row header
    w.text(1, 1, task_title(model, owner), where(source, "/year"), style="title")
    w.merge(1, 1, 1, ncols)
    c = 1
    while c <= ncols:
        col = cols[c - 1]
        if col.sub is None:
            w.text(2, c, col.top, style="header")
            w.text(3, c, None, style="header")
            w.merge(2, c, 3, c)
            c += 1
            continue
        end = c
        while end + 1 <= ncols and cols[end].top == col.top and cols[end].sub is not None:
            end += 1
        w.text(2, c, col.top, style="header")
        w.merge(2, c, 2, end)
        for k in range(c, end + 1):
            w.text(3, k, cols[k - 1].sub, style="header")
        c = end + 1
    # data
    first = 4
    group = 0
    for i, task in enumerate(tasks):
        r = first + i
        if i == 0 or task.title != tasks[i - 1].title:
            group += 1
        base = f"{located.pointer}/tasks/{i}"
        for j, col in enumerate(cols, start=1):
            _task_cell(w, r, j, col.key, task, group, source, base, out, repo)
    # merges where the seeds merge: 序号/工作任务, then level-1 and level-2 contents
    w.merge_runs(first, [(t.title,) for t in tasks], [1, 2])
    for k in (1, 2):
        col_index = next(
            j for j, col in enumerate(cols, start=1) if col.key == ("level", k, "content")
        )
        keys = [
            (t.title, *(lv.content for lv in t.levels[:k])) if len(t.levels) >= k else None
            for t in tasks
        ]
        w.merge_runs(first, keys, [col_index])
    last = first + len(tasks) - 1
    for i, note in enumerate(model.notes):
        r = last + 2 + i
        w.text(r, 1, note, where(source, f"/notes/{i}"))
        w.merge(r, 1, r, ncols)
    ws.freeze_panes = ws.cell(first, 3)
    bounds = {j: _bounds(col) for j, col in enumerate(cols, start=1)}
    # 序号 and 工作任务 repeat on every page when the table runs over pages across
    lay_out(ws, bounds, header_rows=(2, 3), title_rows="2:3", keys=(1, 2))


_TEXT = Bounds(12, 24)
_BOUNDS: dict[str, Bounds] = {
    "no": Bounds(5, 5),
    "title": Bounds(12, 20),
    "outcome": _TEXT,
    "evidence": _TEXT,
    "class": Bounds(5, 6),
    "state": Bounds(6, 8),
    "progress": Bounds(6, 7),
    "leader": Bounds(6, 10),
    "category": Bounds(8, 12),
    "head": Bounds(8, 10),
    "deadline": Bounds(8, 16),  # a date such as 2026年10月15日 stays on one line
    "time_node": Bounds(8, 16),
}


def _bounds(col: _Col) -> Bounds:
    """How narrow and wide a column may be: short columns narrow, text columns capped."""
    key = col.key
    if isinstance(key, tuple):  # ("level", k, field) or ("extra", key)
        if key[0] == "extra":
            return _TEXT
        key = key[2]
    return _TEXT if key == "content" else _BOUNDS.get(key, Bounds(8, 14))


def _task_cell(
    w: SheetWriter,
    r: int,
    c: int,
    key: Any,
    task: KeyTask,
    group: int,
    source: SourceFile,
    base: str,
    out: ExportContext,
    repo: Repository,
) -> None:
    at = lambda p: where(source, f"{base}/{p}")  # noqa: E731 - tiny local helper
    if key == "no":
        w.text(r, c, str(group), style="center")
    elif key == "title":
        w.text(r, c, task.title, at("title"))
    elif isinstance(key, tuple) and key[0] == "level":
        _, k, fname = key
        level = task.levels[k - 1] if len(task.levels) >= k else None
        value = getattr(level, fname) if level is not None else None
        if fname == "owner":
            value = owner_names(repo, value) if value else None
        w.text(r, c, value, at(f"levels/{k - 1}/{fname}"))
    elif key in ("deadline", "outcome", "leader", "id", "parent"):
        w.text(r, c, getattr(task, key), at(key))
    elif key == "class":
        w.text(r, c, task.class_, style="center")
    elif key == "owner":
        w.text(r, c, owner_names(repo, task.owner), at("owner"))
    elif key == "evidence":
        ev = task.evidence
        text = (
            ev[0]
            if len(ev) == 1
            else "\n".join(f"{i}. {e}" for i, e in enumerate(ev, start=1)) or None
        )
        w.text(r, c, text, at("evidence"))
    elif key == "qc_points":
        w.text(r, c, "、".join(task.qc_points) or None, at("qc_points"))
    elif key == "state":
        default = task.status.state == "not_started" and task.status.progress == 0
        state = None if default else STATE_WORDS.get(task.status.state, task.status.state)
        w.text(r, c, state, at("status/state"), style="center")
    elif key == "progress":
        value = task.status.progress
        w.number(r, c, value if value else None, "0%", style="center")
    elif isinstance(key, tuple) and key[0] == "extra":
        value = task.extra.get(key[1])
        if value is not None and not isinstance(value, str):
            out.warn(
                f"{at('extra')}：extra 中“{key[1]}”不是文本，按 YAML 写入单元格。",
                source,
                f"{base}/extra",
            )
            value = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True).strip()
        w.text(r, c, value, at(f"extra/{key[1]}"))
