"""The one exception the Excel package raises for user-facing problems."""

from __future__ import annotations


class ExcelError(Exception):
    """A workbook cannot be imported or exported.

    The message is one Chinese sentence that names the file (and the cell or the YAML
    location where relevant) and says what to do; the CLI prints it and exits 2.
    """
