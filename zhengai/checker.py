"""Running the rules over a repository: ``zhengai check`` as a library call."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from zhengai.findings import Finding, Report, Severity
from zhengai.repository import Repository, load_repository, walk_pointer
from zhengai.rules import RULES


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
        waiver.code == finding.code
        for node, _ in walk_pointer(model, finding.pointer)
        for waiver in getattr(node, "waive", None) or []
    )


def check_paths(paths: Sequence[Path]) -> tuple[Report, Repository]:
    """Check a repository (or files of it); return the report and the loaded repository.

    When files (not folders) are given, the whole repository is still loaded so that
    references resolve, but only findings in those files are reported.
    """
    repo = load_repository(paths)
    findings = run_rules(repo)
    wanted = {repo_rel(repo, p) for p in paths if p.is_file()}
    if wanted and not any(p.is_dir() for p in paths):
        findings = [f for f in findings if f.file in wanted]
        files = len(wanted)
    else:
        files = len(repo.files) - len(repo.builtin) + (1 if repo.config_file else 0)
    return Report(findings=findings, files=files), repo


def repo_rel(repo: Repository, path: Path) -> str:
    """The display path the repository uses for ``path``."""
    resolved = path.resolve()
    for source in repo.files:
        if source.path.resolve() == resolved:
            return source.rel
    if repo.config_file is not None and repo.config_file.path.resolve() == resolved:
        return repo.config_file.rel
    return str(path)


__all__ = ["apply_settings", "check_paths", "graded", "run_rules"]
