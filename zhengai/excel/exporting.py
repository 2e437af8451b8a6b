"""What a sheet kind's ``write`` is given: the export framework.

:class:`ExportContext` carries the workbook being written, the problems found so far
(:class:`~zhengai.excel.writer.Problems`: nothing is written while there are any), the
sheet names taken and the :class:`ExportResult`; :func:`where` names a YAML location;
:func:`band_formula` and :func:`colour_rules` colour scores by the college's bands.  This
module sits below the sheet modules (:mod:`zhengai.excel.sheets`) and imports none of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import PatternFill

from zhengai.excel.errors import ExcelError
from zhengai.excel.writer import Problems
from zhengai.findings import Finding, Severity
from zhengai.load.repository import Repository, SourceFile
from zhengai.models.config import DEFAULT_LEVELS, Band, Scoring

EXPORT_WARNING = "XL201"
"""Finding code of an export warning: data the sheets do not carry (kept in the YAML)."""
FILLS = {
    "green": PatternFill("solid", fgColor="C6EFCE", bgColor="C6EFCE"),
    "yellow": PatternFill("solid", fgColor="FFEB9C", bgColor="FFEB9C"),
    "red": PatternFill("solid", fgColor="FFC7CE", bgColor="FFC7CE"),
}


@dataclass
class ExportResult:
    """What was written: the sheets, and warnings about data the sheets do not carry.

    ``warnings`` are the Chinese lines the CLI prints; ``findings`` are the same warnings
    located in the YAML (file, line, column).
    """

    path: Path
    sheets: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class ExportContext:
    """One export under way: the workbook, its problems, the sheet names taken, the result."""

    source: Path
    book: Workbook
    result: ExportResult
    as_of: dt.date
    problems: Problems = field(default_factory=Problems)
    taken: set[str] = field(default_factory=set)

    def warn(self, message: str, source: SourceFile | None = None, pointer: str = "") -> None:
        """A warning about data not exported, located at ``pointer`` in ``source`` when given."""
        self.result.warnings.append(message)
        file, line, col = "", 0, 0
        if source is not None:
            file = source.rel
            if pointer:
                pos = source.position(pointer)
                line, col = pos.line, pos.col
        self.result.findings.append(
            Finding(EXPORT_WARNING, Severity.WARNING, message, file=file, line=line, col=col)
        )

    def nothing(self, what: str) -> ExcelError:
        """The error for a repository without anything of this kind (``what`` names it)."""
        return ExcelError(f"{self.source} 中没有{what}，没有可导出的内容。")


def where(source: SourceFile, pointer: str) -> str:
    """``file:line:col`` of a value in the repository."""
    pos = source.position(pointer)
    return f"{source.rel}:{pos.line}:{pos.col}"


def scoring(repo: Repository) -> Scoring:
    """The college's scoring settings (``zhengai.yaml``), else the defaults."""
    return repo.config.scoring if repo.config else Scoring()


def department_name(repo: Repository, word: str) -> str:
    """The department's name for an id, name or alias (``jwc`` → 教务处); else ``word``.

    Printed sheets name departments as people do; the name reads back to the same
    department (the repository knows departments by id, name and alias).
    """
    dept = repo.department(word)
    return dept.name if dept is not None else word


def owner_names(repo: Repository, owners: list[str]) -> str | None:
    """``教务处、质量督导处`` for a list of owner ids or names; None for none."""
    return "、".join(department_name(repo, o) for o in owners) or None


def level_name(repo: Repository, level: str) -> str:
    """The level's name from the college's configuration (``course`` → 课程); else ``level``."""
    levels = [(n.id, n.name) for n in repo.config.levels] if repo.config else list(DEFAULT_LEVELS)
    return dict(levels).get(level, level)


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
