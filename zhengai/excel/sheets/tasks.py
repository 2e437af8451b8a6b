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
the seeds; a task with several 二级/三级指标 takes one row per 三级指标, its own cells merged
down over them (read back as one task); the header is frozen; A4 landscape.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
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
    year_from_text,
)
from zhengai.excel.printing import Bounds, lay_out
from zhengai.excel.reader import Cell, Row
from zhengai.excel.report import LAYOUT
from zhengai.excel.table import BodyRow, TableWalker
from zhengai.excel.writer import SheetWriter, safe_sheet_name
from zhengai.excel.yamlout import OutputDoc
from zhengai.load.repository import Located, Repository, SourceFile
from zhengai.models.tasks import IndicatorLevel, KeyTask, TaskFile, level_of

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
    group: _Group | None = None
    for br in walker.body(itertools.chain(head, rows)):
        title_role = next((r for r in reversed(_HIERARCHY) if br.cell(r) is not None), None)
        if title_role is None:
            walker.add_note(br.row, "没有任务名称的行")
            ctx.warn(
                f"{ctx.ref(br.number, br.row.own()[0].col)}：第 {br.number} 行没有任务名称，整行按备注保存。",
                (br.number, br.row.own()[0].col),
            )
            continue
        key = _group_key(br, title_role) if explicit_levels else None
        if group is not None and key is not None and key == group.key:
            _more_levels(ctx, br, group)
            continue
        if group is not None:
            _finish(ctx, doc, group)
        group = _Group(key, f"/tasks/{doc.count}", br)
        _read_row(ctx, br, group, title_role, explicit_levels, has_id, used, class_default)
    if group is not None:
        _finish(ctx, doc, group)
    if doc.head["year"] is None:
        doc.head["year"] = decide_year(ctx, walker, [])
    if owner_default:
        doc.head["owner"] = split_owners(owner_default)
    return doc


@dataclass
class _Group:
    """One task being read: its first row, and the rows its merged 工作任务 cell covers.

    Guangxi 表1 merges 序号 and 工作任务 down over the rows of the task's 二级/三级指标:
    those rows are parts of one task (one deadline, one class, one warning), not tasks;
    each row's own indicators are the task's further ``levels``.
    """

    key: tuple[int, int] | None
    base: str
    first: BodyRow
    item: dict[str, Any] = field(default_factory=dict)
    rows: list[BodyRow] = field(default_factory=list)
    title_col: int = 0


def _group_key(br: BodyRow, title_role: str) -> tuple[int, int] | None:
    """The anchor of the row's 工作任务 cell when it is merged down over several rows."""
    if title_role != "task":
        return None
    own_id = br.cell("id")
    if own_id is not None and own_id.merge is not None and own_id.merge.rows >= 2:
        return own_id.source  # one 任务编号 merged over rows (exported 三级指标 rows): one task
    if own_id is not None and not own_id.filled:
        return None  # a row with its own 任务编号 is a task (the exporter's sheets merge titles)
    cell = br.cell("task")
    if cell is None or cell.merge is None or cell.merge.rows < 2:
        return None
    return cell.source


def _read_row(
    ctx: SheetContext,
    br: BodyRow,
    group: _Group,
    title_role: str,
    explicit_levels: bool,
    has_id: bool,
    used: set[str],
    class_default: str,
) -> None:
    """The task's first (often only) row: title, id, class, levels and the task fields."""
    base = group.base
    group.rows.append(br)
    item = group.item
    title_cell = br.take(title_role)
    assert title_cell is not None
    group.title_col = title_cell.col
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
        if (
            group.key is not None
            and no_cell is not None
            and valid_id(f"{ctx.prefix}-{no_cell.text}")
        ):
            ident = f"{ctx.prefix}-{no_cell.text}"  # one task over its rows: its 序号 as is
        else:
            ident = task_id(ctx, title_cell.text, no_cell, br.number)
    item["id"] = unique_id(ident, used)
    item["class"] = class_default
    cls = br.take("class")
    if cls is not None:
        letter = _class_letter(cls.text)
        if letter is not None:
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
            levels.append(_level(ctx, br, k, content, f"{base}/levels/{len(levels)}"))
    item["levels"] = levels
    # Guangxi 表1 has no class column: its 指标类别 (A类/B类) is the task's class
    if cls is None and ctx.default("class_") is None:
        letter = next(
            (x for lv in levels if (x := _class_letter(lv.get("category", ""))) is not None), None
        )
        if letter is not None:
            item["class"] = letter
    task_fields(ctx, br, item, base)
    _yearly(ctx, br, item, base)


def _class_letter(text: str) -> str | None:
    """``B类``, ``b``, ``A 类`` → the class letter; None for anything else."""
    letter = text.strip().upper().replace(" ", "").removesuffix("类")
    return letter if letter in ("A", "B", "C") else None


def _level(ctx: SheetContext, br: BodyRow, k: int, content: Cell, lbase: str) -> dict[str, Any]:
    """One indicator of a row (its level k, content, category, owners, head, time node)."""
    level: dict[str, Any] = {"level": k, "content": content.text}
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
    return level


def _more_levels(ctx: SheetContext, br: BodyRow, group: _Group) -> None:
    """A further row of a task: each of its own indicator cells is one more indicator of
    the task, in order (a 三级指标 row under the 二级 above it, with its own time node); the
    cells merged down from the rows above (序号, 工作任务, 一级指标, 完成时限 …) were read there."""
    group.rows.append(br)
    levels: list[dict[str, Any]] = group.item["levels"]
    for k in (1, 2, 3):
        content = br.take(f"level{k}.content")
        if content is None:
            break
        if content.filled:  # the indicator above, merged down: already read
            for fname in ("category", "owner", "head", "time_node"):
                cell = br.cell(f"level{k}.{fname}")
                if cell is not None and cell.filled:
                    br.take(f"level{k}.{fname}")
            continue
        levels.append(_level(ctx, br, k, content, f"{group.base}/levels/{len(levels)}"))
    for column in br.layout.columns.values():
        cell = br.row.cells.get(column.col)
        if cell is not None and cell.filled and column.col not in br.used:
            br.used.add(column.col)  # a merged copy of a cell the first row read


def _finish(ctx: SheetContext, doc: OutputDoc, group: _Group) -> None:
    """Combine a task's rows, take its origin (first row) and keep unmapped cells."""
    item = group.item
    levels: list[dict[str, Any]] = item["levels"]
    if [lv.get("level") for lv in levels] == list(range(1, len(levels) + 1)):
        for lv in levels:  # 一、二、三级 in order: the positions say it
            lv.pop("level", None)
    item["origin"] = ctx.origin(group.first.number, group.base)
    for br in group.rows:
        add_extra(ctx, item, br, group.base)
    doc.add(item, ctx.ref(group.first.number, group.title_col))


_TARGET_NUMBER = re.compile(
    r"^\D*?(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>%|‰|[个项门人次家所本部篇套件名]|万元|万)?\D*$"
)


def _yearly(ctx: SheetContext, br: BodyRow, item: dict[str, Any], base: str) -> None:
    """Shaoyang 表4's yearly columns (2017年 | 2018年 …): the task's targets per year become
    the ``milestones`` of its indicator (target: the last year's).  A year whose cell says
    what to do rather than how much stays under ``extra`` (a milestone is a number)."""
    columns = [c for c in br.layout.columns.values() if c.role == "year_target"]
    if not columns:
        return
    milestones: dict[int, float] = {}
    units: set[str] = set()
    found: list[tuple[Cell, int]] = []
    for column in columns:
        cell = br.row.cells.get(column.col)
        year = year_from_text(column.header)
        if cell is None or year is None:
            continue
        ctx.years.append(year)
        m = _TARGET_NUMBER.match(cell.text)
        if m is None or year_from_text(cell.text) is not None:
            continue  # no number, or only a date: left for extra
        br.used.add(cell.col)
        milestones[year] = float(m.group("value"))
        if m.group("unit"):
            units.add(m.group("unit"))
        found.append((cell, year))
    texts = [
        (column, cell)
        for column in columns
        if (cell := br.row.cells.get(column.col)) is not None and cell.col not in br.used
    ]
    if texts:
        column, cell = texts[0]
        ctx.warn(
            f"{ctx.ref(*cell.source)}：年度目标“{cell.text[:20]}”不是数值，不能作指标的年度目标"
            f"（milestones），{len(texts)} 个年度按原文放入 extra。",
            cell.source,
        )
    if not milestones:
        return
    indicator: dict[str, Any] = {"name": item["title"], "milestones": milestones}
    if len(units) == 1:
        indicator["unit"] = units.pop()
    indicator["target"] = milestones[max(milestones)]
    item["indicators"] = [indicator]
    for cell, year in found:
        ctx.place(cell, f"{base}/indicators/0/milestones/{year}", f"{year} 年目标")


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
            for i, lv in enumerate(t.levels)
            if level_of(t.levels, i) == k
            for f in LEVEL_FIELDS
            if f != "content" and getattr(lv, f)
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
    # data: one row per task, or per 三级指标 of a task with several (Guangxi 表1)
    first = 4
    rows = [(i, path) for i, task in enumerate(tasks) for path in _level_rows(task)]
    group = 0
    for r, (i, path) in enumerate(rows, start=first):
        task = tasks[i]
        if r == first or (i != rows[r - first - 1][0] and task.title != tasks[rows[r - first - 1][0]].title):
            group += 1
        own = r == first or rows[r - first - 1][0] != i  # the task's first row
        base = f"{located.pointer}/tasks/{i}"
        for j, col in enumerate(cols, start=1):
            if isinstance(col.key, tuple) and col.key[0] == "level":
                _level_cell(w, r, j, col.key, task, path, source, base, repo)
            elif own:
                _task_cell(w, r, j, col.key, task, group, source, base, out, repo)
            else:
                w.text(r, j, None)
    # merges where the seeds merge: 序号/工作任务, then level-1 and level-2 contents; a task
    # over several rows has its own cells merged down over them (read back as one task)
    several = {i for i, _ in rows if sum(1 for k, _ in rows if k == i) > 1}
    titles = [(tasks[i].title, i if i in several else None) for i, _ in rows]
    w.merge_runs(first, titles, [1, 2])
    task_cols = [
        j for j, col in enumerate(cols, start=1)
        if not (isinstance(col.key, tuple) and col.key[0] == "level") and col.key not in ("no", "title")
    ]
    w.merge_runs(first, [i if i in several else None for i, _ in rows], task_cols)
    for k in (1, 2):
        level_cols = [j for j, col in enumerate(cols, start=1) if col.key[:2] == ("level", k)]
        content_col = next(j for j in level_cols if cols[j - 1].key == ("level", k, "content"))
        keys = [
            (*titles[n], *(lv.content if titles[n][1] is None else id(lv) for lv in path[:k]))
            if len(path) >= k
            else None
            for n, (_, path) in enumerate(rows)
        ]
        w.merge_runs(first, keys, [content_col])
        inner = [key if key is not None and key[1] is not None else None for key in keys]
        w.merge_runs(first, inner, [j for j in level_cols if j != content_col])
    last = first + len(rows) - 1
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


def _level_rows(task: KeyTask) -> list[list[IndicatorLevel]]:
    """The rows of a task in the sheet: one per path 一级 → 二级 → 三级 of its indicator tree
    (a leaf and the indicators above it); one row for a task with at most one of each."""
    rows: list[list[IndicatorLevel]] = []
    path: list[IndicatorLevel] = []
    for i, entry in enumerate(task.levels):
        level = level_of(task.levels, i)
        if path and level <= len(path):
            rows.append(path)
        path = [*path[: level - 1], entry]
    rows.append(path)
    return rows


def _level_cell(
    w: SheetWriter,
    r: int,
    c: int,
    key: tuple[str, int, str],
    task: KeyTask,
    path: list[IndicatorLevel],
    source: SourceFile,
    base: str,
    repo: Repository,
) -> None:
    """A cell of one indicator level on a row (the row's path through the tree)."""
    _, k, fname = key
    level = path[k - 1] if len(path) >= k else None
    value = getattr(level, fname) if level is not None else None
    if fname == "owner":
        value = owner_names(repo, value) if value else None
    index = next((i for i, lv in enumerate(task.levels) if lv is level), k - 1)
    w.text(r, c, value, where(source, f"{base}/levels/{index}/{fname}"))


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
        progress = task.status.progress
        w.number(r, c, progress if progress else None, "0%", style="center")
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
