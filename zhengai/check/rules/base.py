"""What a rule is: a stable code, its documentation and (optionally) a check.

Rules whose findings come from reading files (``ZG1xx``) or from schema validation
(``ZG2xx``) have no ``check`` function: the loader emits them, and the rule object
only documents them for ``zhengai explain``.

The rule, not the place that notices the problem, decides how a finding is graded:
:meth:`Rule.finding` builds a finding with the rule's code, severity, hint and SMART
letter, and :meth:`Rule.stamp` puts them on a finding built elsewhere (the loader's),
so what ``zhengai check`` reports always agrees with ``zhengai explain`` and the README.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from zhengai.findings import Finding, Severity

if TYPE_CHECKING:
    from zhengai.load.repository import Located, Repository, SourceFile

CheckFn = Callable[["Repository"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """A rule: code, Chinese title, default severity, documentation, check."""

    code: str
    name: str
    title: str
    severity: Severity
    rationale: str
    hint: str = ""
    good: tuple[str, ...] = ()
    bad: tuple[str, ...] = ()
    smart: str | None = None
    check: CheckFn | None = field(default=None, compare=False)

    def finding(
        self,
        repo: Repository,
        message: str,
        *,
        at: Located[Any] | None = None,
        file: SourceFile | None = None,
        pointer: str = "",
        subject: str = "",
    ) -> Finding:
        """A located finding of this rule.

        The message says what is wrong here (a call site puts its specifics in it);
        severity, hint and SMART letter are the rule's.
        """
        return repo.finding(
            self.code, message, at=at, file=file, pointer=pointer, subject=subject,
            severity=self.severity, hint=self.hint, smart=self.smart,
        )

    def stamp(self, finding: Finding) -> Finding:
        """``finding`` graded as this rule says: its severity, hint and SMART letter."""
        return replace(finding, code=self.code, severity=self.severity, hint=self.hint, smart=self.smart)

    def explain(self) -> str:
        """The rule's documentation as plain text (Chinese), for ``zhengai explain``."""
        lines = [f"{self.code} {self.title}（{self.name}）", ""]
        lines.append(f"默认级别：{self.severity.label}" + (f"；SMART：{self.smart}" if self.smart else ""))
        lines += ["", "为什么：", self.rationale]
        if self.hint:
            lines += ["", "怎么改：", self.hint]
        if self.good:
            lines += ["", "通过的写法："] + [f"  ✔ {g}" for g in self.good]
        if self.bad:
            lines += ["", "不通过的写法："] + [f"  ✘ {b}" for b in self.bad]
        return "\n".join(lines)
