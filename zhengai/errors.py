"""The one base of the errors the package raises for bad input or misuse."""

from __future__ import annotations


class ZhengaiError(Exception):
    """Bad input or misuse (not a bug): the message is one Chinese line; the CLI exits 2.

    Every user-facing error of the package subclasses it (RepositoryError, ScaffoldError,
    OutputError, SurveyError, RenderError, ChartError, ExcelError), so a caller of the
    library catches this one class; the CLI prints ``错误：<message>`` and exits 2.
    """
