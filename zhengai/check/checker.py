"""Running the rules over a repository: ``zhengai check`` as a library call."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from zhengai.check.rules import RULES
from zhengai.findings import Finding, Report, Severity
from zhengai.load.repository import (
    CONFIG_NAME,
    Repository,
    RepositoryError,
    find_root,
    load_repository,
    read_source,
    walk_pointer,
)


class ConfigUnusable(RepositoryError):
    """``zhengai.yaml`` cannot be used: exit 2, but ``report`` holds its findings so that
    CI still receives them in the chosen format (annotation, SARIF result, JUnit failure)."""

    def __init__(self, message: str, report: Report) -> None:
        super().__init__(message)
        self.report = report


def run_rules(repo: Repository, *, only: Sequence[str] | None = None) -> list[Finding]:
    """Load findings plus every active rule's findings, after the college's settings."""
    findings = list(repo.findings)
    disabled = set(repo.config.rules.disable) if repo.config else set()
    for code, rule in RULES.items():
        if rule.check is None or code in disabled or (only is not None and code not in only):
            continue
        findings.extend(rule.check(repo))
    return apply_settings(repo, graded(findings))


def graded(findings: Iterable[Finding]) -> list[Finding]:
    """Each finding with its rule's default severity, hint and SMART letter.

    Rule checks already build their findings this way; the loader's (ZG1xx, ZG2xx,
    ZG301) are built outside the rules, and this is where they get the same grading.
    """
    return [RULES[f.code].stamp(f) if f.code in RULES else f for f in findings]


def apply_settings(repo: Repository, findings: list[Finding]) -> list[Finding]:
    """Drop disabled and waived findings; re-level findings as ``zhengai.yaml`` says."""
    if repo.config is None:
        return findings
    disabled = set(repo.config.rules.disable)
    levels = repo.config.rules.severity
    by_rel = {f.rel: f for f in repo.files}
    builtin = {f.rel for f in repo.builtin}
    kept: list[Finding] = []
    for finding in findings:
        if finding.code in disabled or finding.file in builtin:  # shipped data is not the college's to fix
            continue
        source = by_rel.get(finding.file)
        if source is not None and source.model is not None and _waived(source.model, finding):
            continue
        if finding.code in levels:
            finding = finding.with_severity(Severity(levels[finding.code]))
        kept.append(finding)
    return kept


def _waived(model: Any, finding: Finding) -> bool:
    """True when the item at (or above) the finding's pointer waives its code."""
    return any(
        waiver.code.strip().upper() == finding.code  # codes are case-insensitive, as in rules.disable
        for node, _ in walk_pointer(model, finding.pointer)
        for waiver in getattr(node, "waive", None) or []
    )


def check_paths(paths: Sequence[Path]) -> tuple[Report, Repository]:
    """Check a repository (or files of it); return the report and the loaded repository.

    When files (not folders) are given, the whole repository is still loaded so that
    references resolve, but only findings in those files are reported.  A folder that
    is not (inside) a repository raises :class:`RepositoryError` before anything is
    read; an unusable ``zhengai.yaml`` raises :class:`ConfigUnusable` with its findings.
    """
    root = repository_root(paths)
    if root is not None:
        _require_usable_config(root)
    repo = load_repository(paths)
    findings = run_rules(repo)
    wanted = {repo_rel(repo, p) for p in paths if p.is_file()}
    if wanted and not any(p.is_dir() for p in paths):
        findings = [f for f in findings if f.file in wanted]
        checked = sorted(wanted)
    else:
        builtin = {f.rel for f in repo.builtin}
        checked = sorted(f.rel for f in repo.files if f.rel not in builtin)
        if repo.config_file is not None:
            checked.insert(0, repo.config_file.rel)
    texts = {f.rel: f.doc.text for f in [*repo.files, *([repo.config_file] if repo.config_file else [])]}
    findings = [with_extent(f, texts.get(f.file, "")) for f in findings]
    report = Report(findings=findings, files=len(checked), checked=checked, root=repo.root or Path.cwd())
    return report, repo


def repository_root(paths: Sequence[Path]) -> Path | None:
    """The one repository root of ``paths`` (None for loose files outside any repository).

    A folder must be a repository or inside one: checking a folder without
    ``zhengai.yaml`` would pass in silence (CI pointed at the wrong folder goes green)
    and could walk thousands of unrelated files, so it is refused before any walking.
    """
    if not paths:
        raise RepositoryError("请给出要检查的仓库目录或文件。")
    roots: set[Path | None] = set()
    for path in paths:
        if not path.exists():
            raise RepositoryError(f"路径不存在：{path}")
        root = find_root(path)
        if root is None and path.is_dir():
            raise RepositoryError(
                f"{path} 不是计划仓库：该目录及其上级目录中都没有 {CONFIG_NAME}。"
                f"请给出含 {CONFIG_NAME} 的仓库目录（新仓库可用 zhengai init 建立）。"
            )
        roots.add(root)
    return roots.pop() if len(roots) == 1 else None  # several roots: load_repository says so


def _require_usable_config(root: Path) -> None:
    """Raise :class:`ConfigUnusable` when ``zhengai.yaml`` cannot be read or validated.

    The loader would refuse such a file with one message; reading it here first keeps
    every problem as a located finding for the report.
    """
    source, findings = read_source(root / CONFIG_NAME, root)
    if not findings and source.kind not in (None, "config"):
        pos = source.position("/kind")
        findings = [Finding("ZG205", Severity.ERROR, f"{CONFIG_NAME} 的 kind 应为 config，这里是“{source.kind}”。",
                            "", source.rel, pos.line, pos.col, "/kind")]
    if not findings:
        return
    findings = [with_extent(f, source.doc.text) for f in graded(findings)]
    first = min(findings, key=lambda f: f.sort_key)
    more = f"（另有 {len(findings) - 1} 处问题）" if len(findings) > 1 else ""
    message = f"配置文件无法使用：{first.file}:{first.line}:{first.col}: {first.message}{more}"
    report = Report(findings=findings, files=1, checked=[source.rel], root=root)
    raise ConfigUnusable(message, report)


def with_extent(finding: Finding, text: str) -> Finding:
    """``finding`` with the end of the offending text on its line (for SARIF regions)."""
    if not finding.line or not text:
        return finding
    lines = text.splitlines()
    if finding.line > len(lines):
        return finding
    return replace(finding, end_line=finding.line, end_col=token_end(lines[finding.line - 1], max(finding.col, 1)))


def token_end(line: str, col: int) -> int:
    """Exclusive 1-based end column of the YAML value starting at ``col`` on ``line``.

    A quoted scalar ends at its closing quote, a flow collection at its closing bracket,
    a plain scalar before a comment or (inside a flow collection) a separator; anything
    unclosed runs to the end of the line.  At least one character wide, except past the
    end of the line (an empty region, SARIF's insertion point).
    """
    start = col - 1
    if start >= len(line):
        return col
    first = line[start]
    if first in "\"'":
        close = line.find(first, start + 1)
        end = close + 1 if close >= 0 else len(line)
    elif first in "[{":
        end = _closing_bracket(line, start)
    else:
        in_flow = line[:start].count("{") + line[:start].count("[") > line[:start].count("}") + line[:start].count("]")
        end = len(line)
        comment = line.find(" #", start)
        if comment >= 0:
            end = comment
        if in_flow:
            stops = [i for i in (line.find(c, start) for c in ",]}") if i >= 0]
            end = min([end, *stops])
    end = start + len(line[start:end].rstrip())
    return max(end, start + 1) + 1


def _closing_bracket(line: str, start: int) -> int:
    """Index after the bracket closing the one at ``start`` (end of line if unclosed)."""
    depth, quote = 0, ""
    for i in range(start, len(line)):
        ch = line[i]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(line)


def repo_rel(repo: Repository, path: Path) -> str:
    """The display path the repository uses for ``path``."""
    resolved = path.resolve()
    for source in repo.files:
        if source.path.resolve() == resolved:
            return source.rel
    if repo.config_file is not None and repo.config_file.path.resolve() == resolved:
        return repo.config_file.rel
    return str(path)


__all__ = ["ConfigUnusable", "apply_settings", "check_paths", "graded", "repository_root", "run_rules",
           "token_end", "with_extent"]
