"""The check that opens the report batch: broken data never flows into a report silently.

``zhengai report annual`` runs :func:`gate` before it plans any report.  With error
findings the batch stops (the caller lists them with file:line), unless the user allows
errors: then every file with an error is left out of the repository the reports are
built from (:func:`zhengai.load.repository.load_repository`'s ``exclude``), so all
reports of the batch agree on what they saw, and the batch says which files it left out.

Leaving a file out can break another one (a target whose parent was in the excluded
file): the rules run again on what is left, and files that now have errors are left out
too, a few rounds at most.  An error no exclusion can remove — one in ``zhengai.yaml`` or
without a file — stops the batch even when errors are allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from zhengai.check.checker import check_paths, run_rules
from zhengai.errors import ZhengaiError
from zhengai.findings import Finding, Severity
from zhengai.load.repository import CONFIG_NAME, load_repository

MAX_ROUNDS = 5
"""Rounds of "leave out, check again" before giving up (a chain of files each needing the last)."""


@dataclass(frozen=True)
class Gate:
    """The outcome of the opening check: the errors found and the files left out."""

    errors: tuple[Finding, ...] = ()
    """Every error finding, in file/line order (those found after a first exclusion included)."""
    excluded: tuple[str, ...] = ()
    """Files (repository-relative) the reports are built without; empty unless errors are allowed."""
    blocking: tuple[Finding, ...] = ()
    """Errors that leaving files out cannot remove (in ``zhengai.yaml``, or with no file)."""

    @property
    def ok(self) -> bool:
        """True when the batch may run on what is left: no errors, or all of them excluded."""
        return not self.errors or (bool(self.excluded) and not self.blocking)

    def errors_in(self, rel: str) -> list[Finding]:
        """The errors of one file."""
        return [f for f in self.errors if f.file == rel]


class CheckErrors(ZhengaiError):
    """The repository has check errors and the batch may not leave them out."""

    def __init__(self, gate: Gate, allowed: bool) -> None:
        self.gate = gate
        self.allowed = allowed
        shown = gate.blocking if allowed else gate.errors
        super().__init__(f"数据检查发现 {len(shown)} 个错误，未生成报告。")


def _errors(findings: list[Finding]) -> list[Finding]:
    return sorted({f for f in findings if f.severity is Severity.ERROR}, key=lambda f: f.sort_key)


def gate(root: Path, *, allow_errors: bool = False) -> Gate:
    """Check the repository at ``root``; with ``allow_errors``, find the files to leave out.

    Raises what :func:`~zhengai.check.checker.check_paths` raises for a repository that
    cannot be read at all (no or an unusable ``zhengai.yaml``).
    """
    report, repo = check_paths([root])
    errors = _errors(report.findings)
    if not errors or not allow_errors:
        return Gate(tuple(errors))
    excluded: set[str] = set()
    found = list(errors)
    pending = errors
    for _ in range(MAX_ROUNDS):
        blocking = [f for f in pending if not f.file or f.file == CONFIG_NAME]
        if blocking:
            return Gate(tuple(found), tuple(sorted(excluded)), tuple(blocking))
        excluded |= {f.file for f in pending}
        repo = load_repository([root], exclude=excluded)
        pending = _errors(run_rules(repo))
        if not pending:
            return Gate(tuple(sorted(found, key=lambda f: f.sort_key)), tuple(sorted(excluded)))
        found.extend(f for f in pending if f not in found)
    return Gate(tuple(sorted(found, key=lambda f: f.sort_key)), tuple(sorted(excluded)), tuple(pending))


__all__ = ["MAX_ROUNDS", "CheckErrors", "Gate", "gate"]
