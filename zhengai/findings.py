"""Findings and the report that carries them.

A :class:`Finding` is one problem in the user's files, located as precisely as the
source allows.  Checks return findings; they never raise for bad data.  A
:class:`Report` is what ``zhengai check`` returns: the findings plus counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any


class Severity(StrEnum):
    """How serious a finding is; ``error`` > ``warning`` > ``info``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Order for comparisons: error 3, warning 2, info 1."""
        return {"error": 3, "warning": 2, "info": 1}[self.value]

    @property
    def label(self) -> str:
        """The Chinese word used in text output."""
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True)
class Finding:
    """One located problem.

    ``file`` is the path as given to the tool (relative to the repository root when
    the file is inside it); ``line``/``col`` are 1-based; ``pointer`` is the JSON
    pointer of the offending value; ``subject`` names the item (its id and title).
    ``smart`` is the SMART letter for SMART rules, else None.  ``sheet`` names the
    worksheet for a problem in an Excel workbook (then ``line``/``col`` are its row and
    column); empty for YAML files, and then left out of :meth:`to_dict`.
    """

    code: str
    severity: Severity
    message: str
    hint: str = ""
    file: str = ""
    line: int = 0
    col: int = 0
    pointer: str = ""
    subject: str = ""
    smart: str | None = None
    end_line: int = 0
    end_col: int = 0
    sheet: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict in the documented field order."""
        data = asdict(self)
        data["severity"] = self.severity.value
        del data["end_line"], data["end_col"]
        if self.smart is None:
            del data["smart"]
        if not self.sheet:  # only workbook findings carry it; YAML findings keep their shape
            del data["sheet"]
        return data

    def with_severity(self, severity: Severity) -> Finding:
        """A copy at another severity (used when a college re-levels a rule)."""
        return replace(self, severity=severity)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        """Stable output order: file, line, column, code."""
        return (self.file, self.line, self.col, self.code)


@dataclass
class Report:
    """The result of a check run: findings plus how many files were read.

    ``checked`` lists the display paths of the checked files (one JUnit test case
    each); ``root`` is the folder those relative paths start from (SARIF's %SRCROOT%).
    """

    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    checked: list[str] = field(default_factory=list)
    root: Path | None = None

    def extend(self, findings: Iterable[Finding]) -> None:
        """Add findings (any order; :meth:`sorted` orders them)."""
        self.findings.extend(findings)

    def sorted(self) -> list[Finding]:
        """Findings in file/line/column/code order, exact duplicates removed."""
        return sorted(set(self.findings), key=lambda f: f.sort_key)

    def count(self, severity: Severity) -> int:
        """Number of findings of exactly this severity."""
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def errors(self) -> int:
        """Number of errors."""
        return self.count(Severity.ERROR)

    @property
    def warnings(self) -> int:
        """Number of warnings."""
        return self.count(Severity.WARNING)

    def worst(self) -> Severity | None:
        """The highest severity present, or None when there are no findings."""
        if not self.findings:
            return None
        return max((f.severity for f in self.findings), key=lambda s: s.rank)

    def fails(self, fail_level: Severity) -> bool:
        """True when a finding is at or above ``fail_level``."""
        return any(f.severity.rank >= fail_level.rank for f in self.findings)

    def flatten(self) -> list[tuple[str, str, int]]:
        """``(code, file, line)`` tuples, for short test assertions."""
        return [(f.code, f.file, f.line) for f in self.sorted()]
