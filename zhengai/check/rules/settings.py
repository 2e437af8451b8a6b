"""ZG207: the rule codes named in ``zhengai.yaml``'s ``rules`` settings and in items'
``waive`` lists exist.

``rules.disable: [ZG9999]``, ``rules.severity: {ZG8888: warning}`` or
``waive: [{code: ZG4l2, …}]`` used to pass in silence: a typo left the rule the college
meant to switch off running, and nobody was told.  Codes are matched case-insensitively (the config model upper-cases them), so
only a code that is no rule at all is reported — at that list item or key, with the
closest code when there is one.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import replace

from zhengai.check.rules.base import Rule
from zhengai.findings import Finding, Severity
from zhengai.load.repository import Repository
from zhengai.load.yamlsrc import join_pointer


def _known() -> dict[str, Rule]:
    from zhengai.check.rules import RULES  # the registry imports this module

    return RULES


def suggest(text: str, rules: dict[str, Rule]) -> str | None:
    """The code meant by ``text``: a rule's name or title written instead of its code
    (``empty-slogan``, ``空泛口号``), the code with ``ZG`` left off (``412``), a code
    with a character too many or too few (``ZG4122``, ``ZG41``), else the most similar
    code; None when nothing is close."""
    wanted = text.strip()
    for rule in rules.values():
        if wanted.lower() == rule.name or wanted == rule.title:
            return rule.code
    code = wanted.upper()
    if code.isdigit():
        code = f"ZG{code}"
    if code in rules:
        return code
    near = [c for c in rules if code.startswith(c) or c.startswith(code)] if len(code) >= 4 else []
    if near:
        return min(near, key=lambda c: (abs(len(c) - len(code)), c))
    scored = [(difflib.SequenceMatcher(None, code, c).ratio(), c) for c in rules]
    best = min(scored, key=lambda sc: (-sc[0], sc[1]), default=(0.0, ""))
    return best[1] if best[0] >= 0.8 else None


def _settings(repo: Repository) -> Iterator[tuple[str, str, str]]:
    """``(written code, pointer, where in Chinese)`` of every code in the rules settings,
    read from the file as written (the model has upper-cased them)."""
    if repo.config_file is None or not isinstance(repo.config_file.doc.data, dict):
        return
    rules = repo.config_file.doc.data.get("rules")
    if not isinstance(rules, dict):
        return
    disable = rules.get("disable")
    if isinstance(disable, list):
        for i, code in enumerate(disable):
            if isinstance(code, str):
                yield code, f"/rules/disable/{i}", "rules.disable"
    severity = rules.get("severity")
    if isinstance(severity, dict):
        for code in severity:
            yield str(code), join_pointer("/rules/severity", str(code)), "rules.severity"


def _waivers(node: object, pointer: str = "") -> Iterator[tuple[str, str]]:
    """``(written code, pointer)`` of every ``waive[i].code`` in a file's data, at any depth."""
    if isinstance(node, dict):
        waive = node.get("waive")
        if isinstance(waive, list):
            for i, waiver in enumerate(waive):
                if isinstance(waiver, dict) and isinstance(waiver.get("code"), str):
                    yield waiver["code"], f"{pointer}/waive/{i}/code"
        for key, value in node.items():
            if key != "waive":
                yield from _waivers(value, join_pointer(pointer, str(key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _waivers(value, f"{pointer}/{i}")


def check_rule_codes(repo: Repository) -> Iterator[Finding]:
    """ZG207: every code in ``rules.disable``, ``rules.severity`` and ``waive`` is a rule's code."""
    known = _known()
    rule = known["ZG207"]

    def unknown(code: str, where: str) -> str | None:
        if code.strip().upper() in known:
            return None
        meant = suggest(code, known)
        guess = f"是否想写“{meant}”？" if meant else ""
        return f"{where} 中的规则编号“{code}”不存在，这一项不起作用。{guess}"

    for code, pointer, where in _settings(repo):
        message = unknown(code, where)
        if message:
            finding = rule.finding(repo, message, file=repo.config_file, pointer=pointer,
                                   subject=f"{where} {code}")
            yield _at_key(repo, finding, pointer)
    for source in repo.files:
        for code, pointer in _waivers(source.doc.data):
            message = unknown(code, "waive")
            if message:
                yield rule.finding(repo, message, file=source, pointer=pointer, subject=f"waive {code}")


def _at_key(repo: Repository, finding: Finding, pointer: str) -> Finding:
    """Point a ``rules.severity`` finding at the key (the code), not at its value."""
    source = repo.config_file
    pos = source.doc.positions.get(pointer + "#key") if source is not None else None
    return replace(finding, line=pos.line, col=pos.col) if pos is not None else finding


RULES = [
    Rule("ZG207", "unknown-rule-code", "规则编号不存在", Severity.ERROR,
         "zhengai.yaml 的 rules.disable 与 rules.severity、各条目的 waive 按编号指定规则；编号写错时这一项"
         "悄无声息地失效，想停用的规则照常报告，想调整的级别没有调整，想豁免的问题照常出现。",
         "写 zhengai explain 列出的编号（不区分大小写），或删除这一项。",
         good=("disable: [ZG412]", "disable: [zg412]"), bad=("disable: [ZG9999]", "severity: {ZG8888: warning}"),
         check=check_rule_codes),
]
