"""Excel import and export (``zhengai import`` / ``zhengai export``).

Library entry points (the CLI only parses options and calls these):

- :func:`~zhengai.excel.importers.import_workbook` → :class:`~zhengai.excel.importers.ImportResult`
  (YAML documents and the cell-by-cell :class:`~zhengai.excel.report.ImportReport`), and
  :func:`~zhengai.excel.importers.write_import` to write them;
- :func:`~zhengai.excel.exporters.export_workbook` → :class:`~zhengai.excel.exporters.ExportResult`.

Layers, lowest first (a layer imports only the ones above it in this list):

- reading: :mod:`.safety` (vetting files before parsing), :mod:`.xlsx` (streaming .xlsx
  reader on defusedxml), :mod:`.reader` (rows with merges; calamine for .xls/.xlsb),
  :mod:`.cells` (values as shown, splitting packed cells);
- the import framework: :mod:`.headers` (synonym table, mapping files, header
  detection), :mod:`.table` (table body: data, notes, totals), :mod:`.report` (where
  every cell went; warnings and errors as findings), :mod:`.yamlout` (validated,
  streamed YAML), :mod:`.context` (:class:`~.context.SheetContext`, what ``detect``
  sees), :mod:`.fields` (cell → field helpers shared by kinds);
- the export framework: :mod:`.writer` (safe cells, limits, atomic save) and
  :mod:`.exporting` (:class:`~.exporting.ExportContext`, YAML locations, band colours);
- :mod:`.sheets`: the registry of sheet kinds (plain data that any layer may read: a
  mapping file's ``kind:`` is checked against it) and one module per kind with its
  ``detect``, ``read`` and ``write``, imported only by the entry points;
- the entry points :mod:`.importers` and :mod:`.exporters`.

Every user-facing failure is an :class:`~zhengai.excel.errors.ExcelError` with one
Chinese sentence.

Heavy dependencies (openpyxl, python-calamine) are imported by the submodules, not here.
"""

from __future__ import annotations

from zhengai.excel.errors import ExcelError

__all__ = ["ExcelError"]
