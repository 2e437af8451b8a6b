"""Importing workbooks: from sheets to plan-repository YAML, one builder per kind.

:func:`import_workbook` opens and vets the file, picks the sheets, finds each sheet's
header, guesses the kind when asked to (``auto``), and runs the builder for that kind:

- ``tasks`` — annual key tasks and construction progress tables (Shaoyang 附表, Luzhou
  附1, Guangxi 表1 and 表10).  One row is one task.  The row's own work (建设内容/工作/
  具体化工作, else 建设任务/工作任务) is the title; the columns above it in the hierarchy
  (建设项目 → 建设任务) become the indicator ``levels`` when the sheet has no explicit
  一级/二级/三级指标 columns.
- ``targets`` — plan targets into a ``plan`` file.
- ``standards`` — dimensions → standards → QC points (Guangxi 表5–7), see
  :mod:`zhengai.excel.standards_import`.
- ``reference`` — diagnosis items → elements → points (Luzhou 附2).
- ``oppm`` — one-page plans (Guangxi 表2/3), see :mod:`zhengai.excel.oppmsheet`.
- ``observations`` — measured values.

Every item records ``origin`` (file, sheet, row); unmapped columns go to ``extra``;
every source cell is recorded in the :class:`~zhengai.excel.report.ImportReport`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TextIO

from zhengai.excel.cells import (
    SERIAL_RANGE,
    col_letter,
    from_serial,
    is_date_format,
    numbered_prefix,
    split_codes,
    split_numbered,
    split_owners,
    split_sentences,
)
from zhengai.excel.errors import ExcelError
from zhengai.excel.headers import KINDS, Layout, MappingFile, Synonyms, find_header, synonyms
from zhengai.excel.reader import Cell, Row, Sheet, open_workbook
from zhengai.excel.report import LAYOUT, ImportReport
from zhengai.excel.table import BodyRow, TableWalker
from zhengai.excel.yamlout import OutputDoc
from zhengai.load.yamlsrc import join_pointer
from zhengai.models.plans import Target
from zhengai.models.records import Observation
from zhengai.models.tasks import KeyTask
from zhengai.models.timeexpr import TimeExpr, TimeParseError, parse_time

HEAD_ROWS = 40
_ID_OK = re.compile(r"^[^\s/#]{1,64}$")
TASK_TITLE_RE = re.compile(r"^(?P<owner>.*?)\s*(?P<year>\d{4})年度重点工作任务分解表$")
LEVEL_NAMES = {
    "学校": "school",
    "学院": "school",
    "专业": "program",
    "课程": "course",
    "教师": "teacher",
    "师资": "teacher",
    "学生": "student",
}
_STATES = {
    "not_started",
    "in_progress",
    "done",
    "dropped",
    "未开始",
    "进行中",
    "已完成",
    "完成",
    "已取消",
    "取消",
}


@dataclass
class ImportOptions:
    """What to import and how (mirrors the command-line options)."""

    kind: str = "auto"
    sheet: str | None = None
    mapping: MappingFile | None = None
    year: int | None = None
    keep_entries: bool = True
    report_sink: TextIO | None = None


@dataclass
class ImportResult:
    """The YAML documents produced (one per sheet) and the report."""

    documents: list[OutputDoc]
    report: ImportReport


def take_id(ctx: SheetContext, br: BodyRow, base: str, used: set[str]) -> str | None:
    """The row's own id from an 编号 column, made unique, or None when it has no valid one."""
    id_cell = br.cell("id")
    if id_cell is None or not valid_id(id_cell.text):
        return None
    br.take("id")
    ctx.place(id_cell, f"{base}/id")
    return unique_id(id_cell.text, used)


@dataclass
class SheetContext:
    """Everything a builder needs about the sheet being imported."""

    file: str
    sheet: Sheet
    report: ImportReport
    table: Synonyms
    options: ImportOptions
    prefix: str
    years: list[int] = field(default_factory=list)
    # item pointer (``/tasks/3``) → {field path under it: column letter}, for the items
    # whose origin has not been taken yet: a lookup per item, not a scan of every cell
    # placed so far (which made big imports quadratic), and nothing kept per finished item
    item_columns: dict[str, dict[str, str]] = field(default_factory=dict)
    taken: str | None = None

    @property
    def mapping(self) -> MappingFile | None:
        """The ``--mapping`` file, if any."""
        return self.options.mapping

    def ref(self, row: int, col: int) -> str:
        """``Sheet!C12``."""
        return self.sheet.ref(row, col)

    def origin(self, row: int, base: str | None = None) -> dict[str, Any]:
        """The ``origin`` of an item from ``row``; with its ``base`` pointer (an item
        pointer ``/<list>/<index>``), also the column each of the fields placed under it
        came from (so findings can name ``Sheet!F12``).

        Call it once per item, when its fields are placed: the columns are handed over
        and forgotten, and fields placed under the item afterwards (``extra``) are not
        recorded, as they could not appear in an origin already taken.
        """
        origin: dict[str, Any] = {"file": self.file, "sheet": self.sheet.name, "row": row}
        if base is not None:
            if _item_pointer(base + "/") != (base, ""):
                raise ValueError(f"origin() needs an item pointer /<list>/<index>, not {base!r}")
            # a merged cell anchored rows above still covers this row's cell in that column
            columns = self.item_columns.pop(base, None)
            self.taken = base
            if columns:
                origin["columns"] = columns
        return origin

    def place(self, cell: Cell, destination: str, note: str = "") -> None:
        """Record where a cell went (merge anchors once)."""
        row, col = cell.source
        self.report.place(self.sheet.name, row, col, cell.text, destination, note, merge=cell.merge)
        split = _item_pointer(destination)
        if split is not None and split[0] != self.taken:
            item, path = split
            self.item_columns.setdefault(item, {})[path] = col_letter(col)

    def default(self, name: str) -> Any:
        """A value from the mapping's ``defaults``."""
        if self.mapping is None:
            return None
        return getattr(self.mapping.defaults, name)


def _item_pointer(destination: str) -> tuple[str, str] | None:
    """``/tasks/3/levels/0/content`` → (``/tasks/3``, ``levels/0/content``); None for a
    destination that is not a field under an item (``/title``, ``/notes``, ``表头``…)."""
    if destination[:1] != "/":
        return None
    second = destination.find("/", 1)
    third = destination.find("/", second + 1) if second > 0 else -1
    if third < 0:
        return None
    return destination[:third], destination[third + 1 :]


# ---------------------------------------------------------------- entry point


def import_workbook(path: Path, options: ImportOptions | None = None) -> ImportResult:
    """Import a workbook; raise :class:`ExcelError` for unusable files (see module doc)."""
    options = options or ImportOptions()
    if options.kind not in ("auto", *KINDS):
        raise ExcelError(f"--kind “{options.kind}”无效；可选：auto、{'、'.join(KINDS)}。")
    report = ImportReport(path.name, keep=options.keep_entries, sink=options.report_sink)
    table = synonyms().with_mapping(options.mapping)
    documents: list[OutputDoc] = []
    with open_workbook(path) as book:
        if options.sheet is not None:
            names = [book.sheet(options.sheet).name]
        else:
            names = book.visible_sheets()
            for hidden in book.hidden_sheets():
                report.warn(f"隐藏的工作表“{hidden}”未导入；需要时用 --sheet “{hidden}” 单独导入。")
        empty: list[str] = []
        for name in names:
            sheet = book.sheet(name)
            rows = sheet.rows()
            head = list(itertools.islice(rows, HEAD_ROWS))
            if not head:
                empty.append(name)
                continue
            ctx = SheetContext(path.name, sheet, report, table, options, _prefix(options, name))
            kind = (
                options.kind
                if options.kind != "auto"
                else (
                    (options.mapping.kind if options.mapping and options.mapping.kind else None)
                    or detect_kind(head, sheet, table)
                )
            )
            if kind is None:
                raise ExcelError(
                    f"{path.name}：无法判断工作表“{name}”是哪一类表格（前 {HEAD_ROWS} 行中找不到认识的表头）；"
                    "请用 --kind 指定类型，或用 --mapping 说明表头。"
                )
            builder = BUILDERS[kind]
            doc = builder(ctx, head, rows)
            doc.sheets.append(name)
            _place_hidden(ctx)
            for message in sheet.error_warnings():
                report.warn(message)
            documents.append(doc)
        if empty and (options.sheet is not None or not documents):
            shown = "、".join(f"“{n}”" for n in empty)
            raise ExcelError(
                f"{path.name}：工作表{shown}是空的（没有任何内容），没有可导入的数据。"
            )
        for name in empty:
            report.warn(f"工作表“{name}”是空的，已跳过。")
    return ImportResult(documents, report)


def write_import(result: ImportResult, output: Path, *, force: bool = False) -> list[Path]:
    """Write the documents: one file, or one file per sheet when ``output`` is a folder.

    Several sheets into one file is allowed for ``tasks`` and ``observations`` (their
    items are concatenated); other kinds need a folder.  Nothing is written when any
    target exists and ``force`` is not given.
    """
    docs = result.documents
    if not docs:
        raise ExcelError(f"{result.report.file} 中没有可导入的数据。")
    folder = output.is_dir() or not output.suffix
    if not folder and output.suffix.lower() not in (".yaml", ".yml"):
        raise ExcelError(f"输出文件应以 .yaml 结尾（或给出一个目录）：{output}")
    targets: list[tuple[Path, OutputDoc]] = []
    if folder:
        names: set[str] = set()
        for doc in docs:
            stem = re.sub(r'[\\/:*?"<>|\s]+', "_", doc.sheets[0]).strip("._") or "sheet"
            name, n = stem, 1
            while name in names:
                n += 1
                name = f"{stem}_{n}"
            names.add(name)
            targets.append((output / f"{name}.yaml", doc))
    else:
        if len(docs) > 1:
            kinds = {d.kind for d in docs}
            if len(kinds) > 1 or kinds - {"tasks", "observations"}:
                shown = "、".join(f"“{d.sheets[0]}”" for d in docs)
                raise ExcelError(
                    f"{result.report.file} 有 {len(docs)} 个工作表（{shown}），每个生成一个文件；"
                    "请用 -o 指定一个目录，或用 --sheet 选择一个工作表。"
                )
            merged = docs[0]
            for doc in docs[1:]:
                merged.merge(doc)
            docs = [merged]
        targets.append((output, docs[0]))
    for path, _ in targets:
        if path.exists() and not force:
            raise ExcelError(f"文件已存在：{path}；确认要覆盖请加 --force。")
    written = []
    try:
        for path, doc in targets:
            doc.write(path, force=force)
            written.append(path)
    finally:
        for doc in result.documents:
            doc.close()
    return written


def _prefix(options: ImportOptions, sheet: str) -> str:
    if options.mapping and options.mapping.id_prefix:
        return options.mapping.id_prefix
    slug = re.sub(r"[\s/#]+", "", sheet)[:24]
    return slug or "S"


def _place_hidden(ctx: SheetContext) -> None:
    """Values under merged ranges: Excel hides them; keep the record and warn."""
    for cell in ctx.sheet.hidden_values:
        ctx.report.place(
            ctx.sheet.name,
            cell.row,
            cell.col,
            cell.text,
            "（被合并区域覆盖，Excel 中不显示）",
            f"合并区域 {cell.merge.ref if cell.merge else ''}",
        )
        ctx.report.warn(
            f"{ctx.ref(cell.row, cell.col)} 的内容“{cell.text[:20]}”被合并区域覆盖（Excel 中看不到），未导入；"
            "如需要请取消合并后再导入。"
        )


def detect_kind(head: list[Row], sheet: Sheet, table: Synonyms) -> str | None:
    """Guess the kind of a sheet from its first rows."""
    labels = {table.oppm_key(c.text) for r in head for c in r.own()}
    if "leader" in labels and ({"tasks", "schedule"} & labels):
        return "oppm"
    layout = find_header(head, sheet.merges, table)
    if layout is None:
        return None
    roles = layout.roles()
    if roles & {"ref_item", "ref_element", "ref_point"}:
        return "reference"
    if roles & {"dimension", "standard_item", "qc_point"}:
        return "standards"
    if roles & {"value", "conformity"}:
        return "observations"
    if "statement" in roles and (
        {"level", "parent"} & roles or not roles & {"task", "work", "project"}
    ):
        return "targets"
    if roles & {"task", "work", "project", "deadline", "owner", "level1.content"}:
        return "tasks"
    return None


def layout_or_fail(ctx: SheetContext, head: list[Row], kind: str) -> Layout:
    """The sheet's header, or a Chinese error saying none was found."""
    mapping = ctx.mapping
    layout = find_header(
        head,
        ctx.sheet.merges,
        ctx.table,
        header_row=mapping.header_row if mapping else None,
        header_rows=mapping.header_rows if mapping else None,
    )
    if layout is None:
        raise ExcelError(
            f"{ctx.file}：工作表“{ctx.sheet.name}”中找不到表头（按 {kind} 导入）；"
            "请检查表头文字，或在 --mapping 文件中用 headers: 说明各列、用 header_row: 指定表头行。"
        )
    return layout


# ---------------------------------------------------------------- shared helpers


def valid_id(text: str) -> bool:
    """True when ``text`` is usable as an identifier."""
    return bool(_ID_OK.match(text))


def unique_id(candidate: str, used: set[str]) -> str:
    """``candidate``, or ``candidate-2``, ``-3`` … when it is taken."""
    ident, n = candidate, 1
    while ident in used:
        n += 1
        ident = f"{candidate}-{n}"
    used.add(ident)
    return ident


def time_text(ctx: SheetContext, cell: Cell) -> str:
    """A deadline / time node as written; serial numbers and numeric years handled.

    A number with a date format was already shown as a date.  A bare integer in the
    Excel serial range (e.g. 42979) is a date whose format got lost: converted, with a
    warning.  ``2018.1`` stored as a number may have been typed as ``2018.10``: warned.
    """
    value = cell.value
    text = cell.text
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and not is_date_format(cell.fmt)
    ):
        number = float(value)
        if number.is_integer() and SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]:
            day = from_serial(number, ctx.sheet.book.date1904).date()
            text = day.isoformat()
            ctx.report.warn(
                f"{ctx.ref(*cell.source)}：数值 {int(number)} 按 Excel 日期序列号读为 {text}"
                f"（{'1904' if ctx.sheet.book.date1904 else '1900'} 日期系统）；请核对。"
            )
        elif 1990 <= number < 2101 and not number.is_integer() and re.fullmatch(r"\d{4}\.1", text):
            ctx.report.warn(
                f"{ctx.ref(*cell.source)}：“{text}”是数字格式，可能原为“{text}0”（Excel 会去掉末尾的 0）；"
                "请核对，并把该列设为文本格式。"
            )
    expr = _parse_time(text)
    if expr is None:
        if cell.merge is None or not cell.filled:
            ctx.report.warn(f"{ctx.ref(*cell.source)}：时间“{text}”无法识别，已原样保留。")
    else:
        if expr.start is not None and expr.start.year > 1:
            ctx.years.append(expr.start.year)
        elif expr.years:
            ctx.years.append(min(expr.years))
    return text


@lru_cache(maxsize=4096)
def _parse_time(text: str) -> TimeExpr | None:
    """parse_time, remembered: the same deadline texts come back row after row."""
    try:
        return parse_time(text)
    except TimeParseError:
        return None


def add_extra(ctx: SheetContext, item: dict[str, Any], br: BodyRow, base: str) -> None:
    """Put every unused cell of the row under ``extra`` (keyed by its header)."""
    for column, cell in br.leftovers():
        key = column.key if column is not None else f"列{cell_letter(cell)}"
        extra = item.setdefault("extra", {})
        if key in extra:
            key = f"{key}({cell_letter(cell)})"
        extra[key] = cell.raw_text
        ctx.place(cell, join_pointer(f"{base}/extra", key), "未映射的列，原样保留")
        br.used.add(cell.col)


def cell_letter(cell: Cell) -> str:
    """Column letter of a cell."""
    from zhengai.excel.cells import col_letter

    return col_letter(cell.col)


_META = re.compile(r"^(编号|层面|部门|类型)[:：]\s*(.+)$", re.DOTALL)
META_KEYS = {"编号": "id", "层面": "level", "部门": "owner", "类型": "type"}


def take_meta(ctx: SheetContext, walker: TableWalker) -> dict[str, str]:
    """Title rows made only of ``编号：…``/``层面：…``/``部门：…`` cells (written by the
    exporter) → file fields; those rows are removed from the titles."""
    meta: dict[str, str] = {}
    keep = []
    for row in walker.titles:
        own = row.own()
        matches = [_META.match(c.text) for c in own]
        if own and all(matches):
            for cell, m in zip(own, matches, strict=True):
                assert m is not None
                key = META_KEYS[m.group(1)]
                meta[key] = m.group(2).strip()
                ctx.place(cell, f"/{key}")
        else:
            keep.append(row)
    walker.titles = keep
    return meta


def year_from_text(text: str) -> int | None:
    """The first plausible year (``2017年`` or ``（2020）``) in a text."""
    m = re.search(r"(?<!\d)(19[9]\d|20\d\d)(?=\s*(年|）|\)|$))", text)
    return int(m.group(1)) if m else None


def decide_year(ctx: SheetContext, walker: TableWalker | None, extra_texts: list[str]) -> int:
    """Year of a file: option, mapping, title, notes (issuing date), data, else this year."""
    for value in (ctx.options.year, ctx.default("year")):
        if value:
            return int(value)
    texts = (
        ([walker.title_text()] if walker else []) + extra_texts + (walker.notes if walker else [])
    )
    for text in texts:
        year = year_from_text(text)
        if year:
            return year
    if ctx.years:
        return min(ctx.years)
    year = dt.date.today().year
    ctx.report.warn(f"工作表“{ctx.sheet.name}”看不出年度，按今年 {year} 年导入；可用 --year 指定。")
    return year


# ---------------------------------------------------------------- tasks

_HIERARCHY = ("project", "task", "work")


def build_tasks(ctx: SheetContext, head: list[Row], rows: Iterator[Row]) -> OutputDoc:
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
            ctx.report.warn(
                f"{ctx.ref(br.number, br.row.own()[0].col)}：第 {br.number} 行没有任务名称，整行按备注保存。"
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
                ctx.report.warn(
                    f"{ctx.ref(*id_cell.source)}：编号“{id_cell.text}”含空白、/ 或 #，不能作标识；已另行生成并把原文放入 extra。"
                )
        if no_cell is not None:
            if has_id:
                ctx.place(no_cell, LAYOUT, "有编号列时，序号只表示顺序")
            elif ident is None:
                ctx.place(no_cell, f"{base}/id", "由序号生成标识")
        if ident is None:
            ident = _task_id(ctx, title_cell.text, no_cell, br.number)
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
                ctx.report.warn(
                    f"{ctx.ref(*cls.source)}：任务类别“{cls.text}”不是 A/B/C，按 {class_default} 导入并把原文放入 extra。"
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
        _task_fields(ctx, br, item, base)
        item["origin"] = ctx.origin(br.number, base)
        add_extra(ctx, item, br, base)
        doc.add(item, ctx.ref(br.number, title_cell.col))
    if doc.head["year"] is None:
        doc.head["year"] = decide_year(ctx, walker, [])
    if owner_default:
        doc.head["owner"] = split_owners(owner_default)
    return doc


def _task_id(ctx: SheetContext, title: str, no_cell: Cell | None, row: int) -> str:
    number, _ = numbered_prefix(title)
    if number and "." in number:
        return f"{ctx.prefix}-{number}"
    if no_cell is not None:
        no = re.sub(r"[\s/#]+", "", no_cell.text)
        if no and valid_id(f"{ctx.prefix}-{no}"):
            if no_cell.merge is not None and no_cell.merge.rows > 1:
                return f"{ctx.prefix}-{no}-{row - no_cell.merge.r0 + 1}"
            return f"{ctx.prefix}-{no}"
    return f"{ctx.prefix}-R{row}"


def _task_fields(
    ctx: SheetContext, br: BodyRow, item: dict[str, Any], base: str, *, task: bool = True
) -> None:
    """owner, deadline, evidence, parent, qc_points; for tasks also outcome, leader, status.

    Plan targets have no outcome, leader or status: with ``task=False`` those columns are
    left unused, so they end up in ``extra`` like any unmapped column.
    """
    cell = br.take("owner")
    if cell is not None:
        item["owner"] = split_owners(cell.text)
        ctx.place(cell, f"{base}/owner")
    cell = br.take("deadline")
    if cell is not None:
        item["deadline"] = time_text(ctx, cell)
        ctx.place(cell, f"{base}/deadline")
    cell = br.take("evidence")
    if cell is not None:
        item["evidence"] = split_numbered(cell.text) or [cell.text]
        ctx.place(cell, f"{base}/evidence")
    _parent_and_points(ctx, br, item, base)
    if not task:
        return
    outcome = br.take("outcome")
    if outcome is not None:
        item["outcome"] = outcome.text
        ctx.place(outcome, f"{base}/outcome")
    else:
        cell = br.take("standard")
        if cell is not None:
            item["outcome"] = cell.text
            ctx.place(cell, f"{base}/outcome", "工作标准作为预期成效")
    cell = br.take("leader")
    if cell is not None:
        item["leader"] = cell.text
        ctx.place(cell, f"{base}/leader")
    status: dict[str, Any] = {}
    cell = br.cell("state")
    if cell is not None and cell.text in _STATES:
        br.take("state")
        status["state"] = cell.text
        ctx.place(cell, f"{base}/status/state")
    cell = br.cell("progress")
    if cell is not None:
        progress = _fraction(cell)
        if progress is not None:
            br.take("progress")
            status["progress"] = progress
            ctx.place(cell, f"{base}/status/progress")
    if status:
        item["status"] = status


def _parent_and_points(ctx: SheetContext, br: BodyRow, item: dict[str, Any], base: str) -> None:
    """The parent target and QC point ids, when they are valid identifiers (else → extra)."""
    cell = br.cell("parent")
    if cell is not None and valid_id(cell.text):
        br.take("parent")
        item["parent"] = cell.text
        ctx.place(cell, f"{base}/parent")
    cell = br.cell("qc_points")
    if cell is not None and all(valid_id(c) for c in split_codes(cell.text)):
        br.take("qc_points")
        item["qc_points"] = split_codes(cell.text)
        ctx.place(cell, f"{base}/qc_points")


def _fraction(cell: Cell) -> float | None:
    """``50%`` or 0.5 → 0.5; None when not a 0–1 fraction."""
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        text = cell.text.strip()
        try:
            number = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
        except ValueError:
            return None
    return number if 0 <= number <= 1 else None


# ---------------------------------------------------------------- targets


def build_targets(ctx: SheetContext, head: list[Row], rows: Iterator[Row]) -> OutputDoc:
    """Plan targets → a ``plan`` file (type from the mapping, else ``department``)."""
    layout = layout_or_fail(ctx, head, "targets")
    walker = TableWalker(ctx.sheet, layout, ctx.report)
    title = ctx.default("title") or walker.title_text() or ctx.sheet.name
    if walker.titles and not ctx.default("title"):
        walker.place_titles("/title")
    plan_type = ctx.default("type") or "department"
    doc = OutputDoc(
        "plan",
        {
            "schema_version": 1,
            "kind": "plan",
            "id": f"{ctx.prefix}-PLAN",
            "title": title,
            "type": plan_type,
            "owner": split_owners(ctx.default("owner") or ""),
        },
        "targets",
        Target,
        {"notes": walker.notes},
    )
    used: set[str] = set()
    level_default = ctx.default("level")
    for br in walker.body(itertools.chain(head, rows)):
        statement = br.cell("statement") or br.cell("work") or br.cell("task")
        if statement is None:
            walker.add_note(br.row, "没有目标表述的行")
            continue
        base = f"/targets/{doc.count}"
        for role in ("statement", "work", "task"):
            if br.cell(role) is statement:
                br.take(role)
                break
        item: dict[str, Any] = {"id": None, "statement": statement.text}
        ctx.place(statement, f"{base}/statement")
        explicit = take_id(ctx, br, base, used)
        if explicit is not None:
            item["id"] = explicit
        else:
            no = br.cell("no")
            if no is not None and "id" not in layout.roles():
                br.take("no")
                ctx.place(no, f"{base}/id", "由序号生成标识")
            item["id"] = unique_id(_task_id(ctx, statement.text, no, br.number), used)
        level = br.cell("level")
        if level is not None and (level.text in LEVEL_NAMES or valid_id(level.text)):
            br.take("level")
            item["level"] = LEVEL_NAMES.get(level.text, level.text)
            ctx.place(level, f"{base}/level")
        else:
            item["level"] = level_default or "school"
        for role in ("title",):
            cell = br.take(role)
            if cell is not None:
                item[role] = cell.text
                ctx.place(cell, f"{base}/{role}")
        _task_fields(ctx, br, item, base, task=False)
        item["origin"] = ctx.origin(br.number, base)
        add_extra(ctx, item, br, base)
        doc.add(item, ctx.ref(br.number, statement.col))
    return doc


# ---------------------------------------------------------------- observations


def build_observations(ctx: SheetContext, head: list[Row], rows: Iterator[Row]) -> OutputDoc:
    """Measured values → an ``observations`` file.  Observations have no ``extra``:
    unmapped columns are kept in each observation's ``note`` as ``表头：值``."""
    layout = layout_or_fail(ctx, head, "observations")
    walker = TableWalker(ctx.sheet, layout, ctx.report)
    walker.titles_to_notes()
    doc = OutputDoc(
        "observations",
        {
            "schema_version": 1,
            "kind": "observations",
            "owner": split_owners(ctx.default("owner") or ""),
        },
        "observations",
        Observation,
        {"notes": walker.notes},
    )
    year = ctx.options.year or ctx.default("year")
    for br in walker.body(itertools.chain(head, rows)):
        ref = br.cell("ref") or br.cell("id")
        value = br.cell("value")
        conformity = br.cell("conformity")
        if ref is None or (value is None and conformity is None):
            walker.add_note(br.row, "缺少指标编号或数值的行")
            ctx.report.warn(
                f"{ctx.sheet.name} 第 {br.number} 行缺少指标/质控点编号或数值，按备注保存。"
            )
            continue
        base = f"/observations/{doc.count}"
        br.take("ref") if br.cell("ref") is ref else br.take("id")
        item: dict[str, Any] = {"ref": ref.text}
        ctx.place(ref, f"{base}/ref")
        period = br.take("period")
        if period is not None:
            item["period"] = period.text
            ctx.place(period, f"{base}/period")
        elif year:
            item["period"] = str(year)
        else:
            raise ExcelError(
                f"{ctx.ref(br.number, ref.col)}：缺少期间（年度）；请加“期间”列或用 --year 指定。"
            )
        if value is not None:
            number = _number(value)
            if number is None:
                raise ExcelError(f"{ctx.ref(*value.source)}：数值“{value.text}”不是数字。")
            br.take("value")
            item["value"] = number
            ctx.place(value, f"{base}/value")
        else:
            assert conformity is not None
            br.take("conformity")
            item["conformity"] = conformity.text
            ctx.place(conformity, f"{base}/conformity")
        for role, key in (("platform", "source"), ("evidence", "evidence"), ("note", "note")):
            cell = br.take(role)
            if cell is not None:
                item[key] = cell.text
                ctx.place(cell, f"{base}/{key}")
        date = br.cell("date")
        if date is not None:
            day = _day(date)
            if day is not None:
                br.take("date")
                item["date"] = day.isoformat()
                ctx.place(date, f"{base}/date")
        extras = []
        for column, cell in br.leftovers():
            key = column.key if column is not None else f"列{cell_letter(cell)}"
            extras.append(f"{key}：{cell.text}")
            ctx.place(cell, f"{base}/note", "未映射的列，写入备注")
            br.used.add(cell.col)
        if extras:
            item["note"] = "；".join(([item["note"]] if item.get("note") else []) + extras)
        doc.add(item, ctx.ref(br.number, ref.col))
    return doc


def _number(cell: Cell) -> float | None:
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = cell.text.strip().rstrip("%")
    try:
        return float(text)
    except ValueError:
        return None


def _day(cell: Cell) -> dt.date | None:
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        expr = parse_time(cell.text)
    except TimeParseError:
        return None
    return expr.end if not expr.recurring and expr.start == expr.end else None


# ---------------------------------------------------------------- reference


def build_reference(ctx: SheetContext, head: list[Row], rows: Iterator[Row]) -> OutputDoc:
    """诊断项目 → 诊断要素 → 诊断点 (with hints and platform codes) → a ``reference`` file.

    Reference points carry no ``origin``/``extra`` in the model: the report keeps the
    cells' positions, and unmapped columns are kept in the file's notes with their cell.
    """
    layout = layout_or_fail(ctx, head, "reference")
    walker = TableWalker(ctx.sheet, layout, ctx.report)
    title = ctx.default("title") or walker.title_text() or ctx.sheet.name
    if walker.titles and not ctx.default("title"):
        walker.place_titles("/title")
    items: list[dict[str, Any]] = []
    loose: list[tuple[str, Cell]] = []
    counters = {"item": 0}
    for br in walker.body(itertools.chain(head, rows)):
        item_cell, element_cell, point_cell = (
            br.cell("ref_item"),
            br.cell("ref_element"),
            br.cell("ref_point"),
        )
        if point_cell is None:
            walker.add_note(br.row, "没有诊断点的行")
            continue
        for role in ("ref_item", "ref_element", "ref_point"):
            br.take(role)
        # a new item/element starts where its text changes (merged cells repeat the text)
        if item_cell is not None and (not items or items[-1]["_text"] != item_cell.text):
            counters["item"] += 1
            ident, name = numbered_prefix(item_cell.text)
            items.append(
                {
                    "_text": item_cell.text,
                    "id": ident or str(counters["item"]),
                    "name": name,
                    "elements": [],
                }
            )
        if not items:  # points before any item: an item named after the sheet holds them
            counters["item"] += 1
            items.append(
                {"_text": "", "id": str(counters["item"]), "name": ctx.sheet.name, "elements": []}
            )
        item = items[-1]
        i = len(items) - 1
        if item_cell is not None:
            ctx.place(item_cell, f"/items/{i}/name")
        elements = item["elements"]
        if element_cell is not None and (
            not elements or elements[-1]["_text"] != element_cell.text
        ):
            ident, name = numbered_prefix(element_cell.text)
            elements.append(
                {
                    "_text": element_cell.text,
                    "id": ident or f"{item['id']}.{len(elements) + 1}",
                    "name": name,
                    "points": [],
                }
            )
        if not elements:
            elements.append(
                {"_text": "", "id": f"{item['id']}.1", "name": item["name"], "points": []}
            )
        j = len(elements) - 1
        if element_cell is not None:
            ctx.place(element_cell, f"/items/{i}/elements/{j}/name")
        points = elements[-1]["points"]
        ident, name = numbered_prefix(point_cell.text)
        point: dict[str, Any] = {
            "id": ident or f"{elements[-1]['id']}.{len(points) + 1}",
            "name": name,
        }
        pbase = f"/items/{i}/elements/{j}/points/{len(points)}"
        ctx.place(point_cell, f"{pbase}/name")
        hints = br.take("hints")
        if hints is not None:
            point["hints"] = split_sentences(hints.text)
            ctx.place(hints, f"{pbase}/hints")
        platform = br.take("platform")
        if platform is not None:
            point["platform"] = split_codes(platform.text)
            ctx.place(platform, f"{pbase}/platform")
        points.append(point)
        for column, cell in br.leftovers():
            loose.append((column.key if column is not None else f"列{cell_letter(cell)}", cell))
            br.used.add(cell.col)
    for key, cell in loose:
        index = len(walker.notes)
        walker.notes.append(f"{ctx.ref(*cell.source)} {key}：{cell.text}")
        ctx.place(cell, f"/notes/{index}", "参考表没有 extra，未映射的列写入备注")
    for item in items:
        item.pop("_text")
        for element in item["elements"]:
            element.pop("_text")
    ident = ctx.prefix if valid_id(ctx.prefix) else "REF"
    doc = OutputDoc(
        "reference",
        {
            "schema_version": 1,
            "kind": "reference",
            "id": ident,
            "title": title,
            "source": f"{ctx.file} {ctx.sheet.name}",
            "items": items,
            "notes": walker.notes,
        },
    )
    return doc


def _lazy_standards(ctx: SheetContext, head: list[Row], rows: Iterator[Row]) -> OutputDoc:
    from zhengai.excel.standards_import import build_standards

    return build_standards(ctx, head, rows)


def _lazy_oppm(ctx: SheetContext, head: list[Row], rows: Iterator[Row]) -> OutputDoc:
    from zhengai.excel.oppmsheet import build_oppm

    return build_oppm(ctx, head, rows)


BUILDERS: dict[str, Callable[[SheetContext, list[Row], Iterator[Row]], OutputDoc]] = {
    "tasks": build_tasks,
    "targets": build_targets,
    "observations": build_observations,
    "reference": build_reference,
    "standards": _lazy_standards,
    "oppm": _lazy_oppm,
}
"""Kind → builder."""
