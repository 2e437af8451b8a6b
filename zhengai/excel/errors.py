"""The one exception the Excel package raises for user-facing problems."""

from __future__ import annotations

from zhengai.errors import ZhengaiError
from zhengai.findings import Finding, Severity

FATAL = "XL100"
"""Finding code of a problem that stops an import or export (an :class:`ExcelError`)."""


class ExcelError(ZhengaiError):
    """A workbook cannot be imported or exported.

    The message is one Chinese sentence that names the file (and the cell or the YAML
    location where relevant) and says what to do; the CLI prints it and exits 2.
    Writing a file can also raise :class:`~zhengai.fsutil.OutputError` and exporting an
    unusable repository :class:`~zhengai.load.repository.RepositoryError`: all three are
    :class:`~zhengai.errors.ZhengaiError`, the one class a caller needs to catch.
    """


def fatal_finding(error: ZhengaiError, file: str = "") -> Finding:
    """A fatal error (an :class:`ExcelError`, or a file that cannot be written) as a
    :class:`~zhengai.findings.Finding`, for ``zhengai import --format json``.

    The location stays in the message: a fatal problem is often about the whole file or
    several cells, so ``file`` is all the finding carries besides it.
    """
    return Finding(FATAL, Severity.ERROR, str(error), file=file)
