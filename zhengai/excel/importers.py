"""Importing workbooks: from sheets to plan-repository YAML.

:func:`import_workbook` opens and vets the file, picks the sheets, guesses each sheet's
kind when asked to (``auto``: the kinds' ``detect`` in their registry order), and runs
that kind's ``read`` (one module per kind in :mod:`zhengai.excel.sheets`: ``tasks``,
``targets``, ``standards``, ``oppm``, ``reference``, ``observations``).
:func:`write_import` writes the documents.

Every item records ``origin`` (file, sheet, row); unmapped columns go to ``extra``;
every source cell is recorded in the :class:`~zhengai.excel.report.ImportReport`, whose
warnings and errors are also located :class:`~zhengai.findings.Finding` values.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from zhengai.excel.context import ImportOptions, Probe, SheetContext
from zhengai.excel.errors import ExcelError
from zhengai.excel.headers import Synonyms, synonyms
from zhengai.excel.reader import Row, Sheet, open_workbook
from zhengai.excel.report import ImportReport
from zhengai.excel.sheets import SHEET_KINDS, choices, detection_order, import_kinds
from zhengai.excel.yamlout import OutputDoc

HEAD_ROWS = 40


@dataclass
class ImportResult:
    """The YAML documents produced (one per sheet) and the report."""

    documents: list[OutputDoc]
    report: ImportReport


def import_workbook(path: Path, options: ImportOptions | None = None) -> ImportResult:
    """Import a workbook; raise :class:`ExcelError` for unusable files (see module doc)."""
    options = options or ImportOptions()
    kinds = {k.id: k for k in import_kinds()}
    if options.kind != "auto" and options.kind not in kinds:
        raise ExcelError(f"--kind “{options.kind}”无效；可选：auto、{choices(import_kinds())}。")
    report = ImportReport(path.name, keep=options.keep_entries, sink=options.report_sink)
    table = synonyms().with_mapping(options.mapping)
    documents: list[OutputDoc] = []
    with open_workbook(path) as book:
        if options.sheet is not None:
            names = [book.sheet(options.sheet).name]
        else:
            names = book.visible_sheets()
            for hidden in book.hidden_sheets():
                report.warn(
                    f"隐藏的工作表“{hidden}”未导入；需要时用 --sheet “{hidden}” 单独导入。",
                    sheet=hidden,
                )
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
            doc = kinds[kind].read(ctx, head, rows)
            doc.sheets.append(name)
            _place_hidden(ctx)
            for message in sheet.error_warnings():
                report.warn(message, sheet=name)
            documents.append(doc)
        if empty and (options.sheet is not None or not documents):
            shown = "、".join(f"“{n}”" for n in empty)
            raise ExcelError(
                f"{path.name}：工作表{shown}是空的（没有任何内容），没有可导入的数据。"
            )
        for name in empty:
            report.warn(f"工作表“{name}”是空的，已跳过。", sheet=name)
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
            # the documents of the sheet kinds that merge (tasks, observations) have the
            # kind of their sheet, so the document kinds can be compared with the registry
            mergeable = {k.id for k in SHEET_KINDS.values() if k.merge_sheets}
            if len(kinds) > 1 or kinds - mergeable:
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
        ctx.warn(
            f"{ctx.ref(cell.row, cell.col)} 的内容“{cell.text[:20]}”被合并区域覆盖（Excel 中看不到），未导入；"
            "如需要请取消合并后再导入。",
            (cell.row, cell.col),
        )


def detect_kind(head: list[Row], sheet: Sheet, table: Synonyms) -> str | None:
    """Guess the kind of a sheet from its first rows: the first kind whose ``detect`` agrees."""
    probe = Probe(head, sheet, table)
    return next((k.id for k in detection_order() if k.detect(probe)), None)


__all__ = [
    "HEAD_ROWS",
    "ImportOptions",
    "ImportResult",
    "SheetContext",
    "detect_kind",
    "import_workbook",
    "write_import",
]
