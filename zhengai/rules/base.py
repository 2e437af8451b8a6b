"""What a rule is: a stable code, its documentation and (optionally) a check.

Rules whose findings come from reading files (``ZG1xx``) or from schema validation
(``ZG2xx``) have no ``check`` function: the loader emits them, and the rule object
only documents them for ``zhengai explain``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from zhengai.findings import Finding, Severity

if TYPE_CHECKING:
    from zhengai.repository import Repository

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
