"""Exporting a repository (or one YAML file) to Excel for colleagues who live in Excel.

- ``tasks``: the annual key-task decomposition table in the Guangxi 表1 layout (序号,
  工作任务, 一级/二级/三级指标 with content, category, responsible department, head and
  time node, 完成时限, 预期成效, 分管领导), then the columns the model needs to come back
  unchanged (任务编号, 任务类别, 牵头部门, 成果形式, …) and one ``附加：…`` column per
  ``extra`` key.  Task, level-1 and level-2 cells are merged down where consecutive rows
  share them, as in the seeds; the header is frozen; A4 landscape.
- ``oppm``: one sheet per one-page plan (:mod:`zhengai.excel.oppmsheet`).
- ``standards``: one sheet per standard, one QC point per row, with the latest
  observation, a live 达成度 formula and a 分档 formula, coloured by conditional
  formatting from the college's bands, so the sheet reacts when a value is edited.
- ``diagnosis``: the scores of :mod:`zhengai.score.assessment` (which uses
  :mod:`zhengai.score.scoring`): QC points and the roll-up of each standard, coloured likewise.

Everything that cannot be written is collected first (:class:`~zhengai.excel.writer.Problems`)
and reported with its YAML location; nothing is written then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from zhengai.excel.errors import ExcelError
from zhengai.excel.writer import (
    Problems,
    SheetWriter,
    check_target,
    print_setup,
    safe_sheet_name,
    save,
)
from zhengai.load.repository import (
    Located,
    Repository,
    SourceFile,
    load_repository,
)
from zhengai.models.config import Band, Scoring
from zhengai.models.standards import QCPoint, Standard, StandardItem
from zhengai.models.tasks import KeyTask, TaskFile

EXPORT_KINDS = ("tasks", "oppm", "standards", "diagnosis")
FILLS = {
    "green": PatternFill("solid", fgColor="C6EFCE", bgColor="C6EFCE"),
    "yellow": PatternFill("solid", fgColor="FFEB9C", bgColor="FFEB9C"),
    "red": PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE"),
}
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


@dataclass
class ExportResult:
    """What was written: the sheets, and warnings about data the sheets do not carry."""

    path: Path
    sheets: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def where(source: SourceFile, pointer: str) -> str:
    """``file:line:col`` of a value in the repository."""
    pos = source.position(pointer)
    return f"{source.rel}:{pos.line}:{pos.col}"


def export_workbook(
    source: Path, out: Path, kind: str, *, force: bool = False, as_of: dt.date | None = None
) -> ExportResult:
    """Export ``source`` (a repository folder or a YAML file) to ``out`` (see module doc)."""
    if kind not in EXPORT_KINDS:
        raise ExcelError(f"--kind “{kind}”无效；可选：{'、'.join(EXPORT_KINDS)}。")
    check_target(out, force=force)
    repo = load_repository([source])
    result = ExportResult(out)
    for bad in (f for f in repo.files if f.model is None):
        result.warnings.append(f"{bad.rel} 有格式错误，未导出；请先运行 zhengai check 修正。")
    wb = Workbook()
    default = wb.active
    problems = Problems()
    taken: set[str] = set()
    if kind == "tasks":
        files = [loc for loc in repo.task_files]
        if not files:
            raise ExcelError(f"{source} 中没有年度重点任务文件（kind: tasks），没有可导出的内容。")
        for located in files:
            _tasks_sheet(wb, located, problems, taken, result)
    elif kind == "oppm":
        from zhengai.excel.oppmsheet import write_oppm_sheet

        if not repo.oppms:
            raise ExcelError(f"{source} 中没有一页纸工作计划（kind: oppm），没有可导出的内容。")
        for oppm in repo.oppms.values():
            result.sheets.append(
                write_oppm_sheet(wb, oppm, problems, taken, result.warnings, as_of)
            )
    else:
        if not repo.standards:
            raise ExcelError(f"{source} 中没有标准文件（kind: standard），没有可导出的内容。")
        settings = repo.config.scoring if repo.config else Scoring()
        if kind == "standards":
            latest = _latest_observations(repo, as_of or dt.date.today())
            for standard in repo.standards.values():
                _standard_sheet(wb, standard, problems, taken, result, settings, latest)
        else:
            _diagnosis_sheets(wb, repo, problems, taken, result, settings, as_of or dt.date.today())
    if default is not None and len(wb.worksheets) > 1:
        wb.remove(default)
    problems.raise_if_any(out)
    save(wb, out, force=force)
    return result


# ---------------------------------------------------------------------- tasks


@dataclass
class _Col:
    top: str
    sub: str | None
    key: Any


def task_title(model: TaskFile) -> str:
    """The title row: owner and year, read back by the importer."""
    return f"{'、'.join(model.owner)}{model.year}年度重点工作任务分解表"


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


def _tasks_sheet(
    wb: Workbook,
    located: Located[TaskFile],
    problems: Problems,
    taken: set[str],
    result: ExportResult,
) -> None:
    model, source = located.item, located.file
    name = safe_sheet_name(
        f"{'、'.join(model.owner)}{model.year}年重点任务"
        if model.owner
        else f"{model.year}年重点任务",
        taken,
    )
    ws = wb.create_sheet(name)
    result.sheets.append(name)
    w = SheetWriter(ws, problems)
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
        result.warnings.append(
            f"{source.rel}：任务 {'、'.join(skipped[:5])} 的指标、经费、豁免或进度记录不在分解表中，未导出（YAML 中保留）。"
        )
    # title and two-row header
    w.text(1, 1, task_title(model), where(source, "/year"), style="title")
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
            _task_cell(w, r, j, col.key, task, group, source, base, result)
    # merges where the seeds merge: 序号/工作任务, then level-1 and level-2 contents
    _merge_runs(w, first, [(t.title,) for t in tasks], [1, 2])
    for k in (1, 2):
        col_index = next(
            j for j, col in enumerate(cols, start=1) if col.key == ("level", k, "content")
        )
        keys = [
            (t.title, *(lv.content for lv in t.levels[:k])) if len(t.levels) >= k else None
            for t in tasks
        ]
        _merge_runs(w, first, keys, [col_index])
    last = first + len(tasks) - 1
    for i, note in enumerate(model.notes):
        r = last + 2 + i
        w.text(r, 1, note, where(source, f"/notes/{i}"))
        w.merge(r, 1, r, ncols)
    widths = {j: _width(col) for j, col in enumerate(cols, start=1)}
    w.widths(widths)
    ws.freeze_panes = ws.cell(first, 3)
    print_setup(ws, title_rows="2:3")


def _width(col: _Col) -> float:
    key = col.key
    if key == "no":
        return 6
    if key in ("title", "outcome", "evidence") or (isinstance(key, tuple) and key[-1] == "content"):
        return 26
    if key in ("class", "progress", "state"):
        return 8
    return 12


def _merge_runs(w: SheetWriter, first: int, keys: list[Any], columns: list[int]) -> None:
    """Merge each column over runs of consecutive rows with the same non-None key."""
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start] or keys[start] is None:
            if keys[start] is not None and i - start > 1:
                for col in columns:
                    w.merge(first + start, col, first + i - 1, col)
            start = i


def _task_cell(
    w: SheetWriter,
    r: int,
    c: int,
    key: Any,
    task: KeyTask,
    group: int,
    source: SourceFile,
    base: str,
    result: ExportResult,
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
            value = "、".join(value) if value else None
        w.text(r, c, value, at(f"levels/{k - 1}/{fname}"))
    elif key in ("deadline", "outcome", "leader", "id", "parent"):
        w.text(r, c, getattr(task, key), at(key))
    elif key == "class":
        w.text(r, c, task.class_, style="center")
    elif key == "owner":
        w.text(r, c, "、".join(task.owner) or None, at("owner"))
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
        w.number(r, c, value if value else None)
    elif isinstance(key, tuple) and key[0] == "extra":
        value = task.extra.get(key[1])
        if value is not None and not isinstance(value, str):
            result.warnings.append(
                f"{at('extra')}：extra 中“{key[1]}”不是文本，按 YAML 写入单元格。"
            )
            value = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True).strip()
        w.text(r, c, value, at(f"extra/{key[1]}"))


# ---------------------------------------------------------------------- standards

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


def band_formula(score_ref: str, bands: list[Band]) -> str:
    """``=IF(S5="","",IF(S5>=1,"达成",…))`` from the college's bands (high to low)."""
    expr = f'"{bands[-1].name}"'
    for band in reversed(bands[:-1]):
        expr = f'IF({score_ref}>={band.min:g},"{band.name}",{expr})'
    return f'=IF({score_ref}="","",{expr})'


def colour_rules(ws: Any, cell_range: str, score_ref: str, bands: list[Band]) -> None:
    """Conditional formatting: the first band (high to low) the score reaches sets the colour."""
    for band in bands:
        ws.conditional_formatting.add(
            cell_range,
            FormulaRule(
                formula=[f"AND(ISNUMBER({score_ref}),{score_ref}>={band.min:g})"],
                fill=FILLS[band.color],
                stopIfTrue=True,
            ),
        )


def _meta_row(w: SheetWriter, r: int, pairs: list[tuple[str, str | None, str]]) -> None:
    c = 1
    for label, value, at in pairs:
        if value is None:
            continue
        w.text(r, c, f"{label}：{value}", at, style="label")
        c += 1


def _standard_sheet(
    wb: Workbook,
    located: Located[Standard],
    problems: Problems,
    taken: set[str],
    result: ExportResult,
    settings: Scoring,
    latest: dict[str, tuple[Any, str]],
) -> None:
    std, source = located.item, located.file
    from zhengai.excel.writer import sheet_name_problem

    problem = sheet_name_problem(std.id)
    name = std.id if problem is None and std.id.lower() not in {t.lower() for t in taken} else None
    if problem:
        problems.add(where(source, "/id"), problem)
    name = name or safe_sheet_name(std.id, taken)
    taken.add(name)
    ws = wb.create_sheet(name)
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
            ("层面", std.level, where(source, "/level")),
            ("部门", "、".join(std.owner) or None, where(source, "/owner")),
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
            result.warnings.append(
                f"{source.rel}：维度/标准的权重不在表中，未导出（YAML 中保留）。"
            )
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
    w.widths(
        {
            i: (24 if h in ("维度", "标准", "质控点", "要素") else 11)
            for i, h in enumerate(STD_COLUMNS, start=1)
        }
    )
    ws.freeze_panes = ws.cell(4, 8)
    print_setup(ws, title_rows="3:3")


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
    w.text(r, col["数据来源"], point.source, at("source"))
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


# ---------------------------------------------------------------------- diagnosis

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


def _diagnosis_sheets(
    wb: Workbook,
    repo: Repository,
    problems: Problems,
    taken: set[str],
    result: ExportResult,
    settings: Scoring,
    as_of: dt.date,
) -> None:
    from zhengai.score.assessment import assess

    assessment = assess(repo, as_of)
    name = safe_sheet_name("质控点诊断", taken)
    ws = wb.create_sheet(name)
    result.sheets.append(name)
    w = SheetWriter(ws, problems)
    n = len(DIAG_COLUMNS)
    w.text(1, 1, f"质控点诊断（截至 {as_of.isoformat()}）", style="title")
    w.merge(1, 1, 1, n)
    for c, header in enumerate(DIAG_COLUMNS, start=1):
        w.text(2, c, header, style="header")
    r = 3
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
                    w.formula(r, 12, band_formula(f"J{r}", settings.bands), style="center")
                    r += 1
    if r > 3:
        colour_rules(ws, f"J3:L{r - 1}", "$J3", settings.bands)
    w.widths({1: 20, 2: 18, 3: 18, 4: 12, 5: 24, 13: 24})
    ws.freeze_panes = ws.cell(3, 6)
    print_setup(ws, title_rows="2:2")
    # roll-ups per standard
    name = safe_sheet_name("标准汇总", taken)
    ws2 = wb.create_sheet(name)
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
    w2.widths({1: 10, 2: 14, 3: 36, 8: 28})
    ws2.freeze_panes = ws2.cell(3, 3)
    print_setup(ws2, title_rows="2:2", landscape=False)


_METHODS = {"ratio": "比值", "progress": "进度", "conformity": "符合度"}
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
