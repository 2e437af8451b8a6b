"""Excel import and export (``zhengai import`` / ``zhengai export``).

Library entry points (the CLI only parses options and calls these):

- :func:`~zhengai.excel.importers.import_workbook` → :class:`~zhengai.excel.importers.ImportResult`
  (YAML documents and the cell-by-cell :class:`~zhengai.excel.report.ImportReport`), and
  :func:`~zhengai.excel.importers.write_import` to write them;
- :func:`~zhengai.excel.exporters.export_workbook` → :class:`~zhengai.excel.exporters.ExportResult`.

Modules: :mod:`.safety` (vetting files before parsing), :mod:`.xlsx` (streaming .xlsx
reader on defusedxml), :mod:`.reader` (rows with merges; calamine for .xls/.xlsb),
:mod:`.cells` (values as shown, splitting packed cells), :mod:`.headers` (synonym table,
mapping files, header detection), :mod:`.table` (table body: data, notes, totals),
:mod:`.importers` / :mod:`.standards_import` / :mod:`.oppmsheet` (one builder per kind),
:mod:`.yamlout` (validated, streamed YAML), :mod:`.report`, :mod:`.writer` (safe cells,
limits, atomic save) and :mod:`.exporters`.  Every user-facing failure is an
:class:`~zhengai.excel.errors.ExcelError` with one Chinese sentence.

Heavy dependencies (openpyxl, python-calamine) are imported by the submodules, not here.
"""

from __future__ import annotations

from zhengai.excel.errors import ExcelError

__all__ = ["ExcelError"]
