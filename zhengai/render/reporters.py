"""Output formats of ``zhengai check`` (and ``diagnose --format json``).

Each reporter is a pure function ``(report, fail_level) -> str``; the CLI picks one by
name.  The fail level only changes JUnit (which findings make a file's test case fail).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from zhengai import __version__
from zhengai.findings import Finding, Report, Severity


def envelope(report: Report, **extra: Any) -> dict[str, Any]:
    """The documented JSON envelope; ``extra`` adds top-level keys (diagnose's data)."""
    data: dict[str, Any] = {
        "schema_version": 1,
        "tool": {"name": "zhengai", "version": __version__},
        "summary": {"files": report.files, "errors": report.errors, "warnings": report.warnings},
        "findings": [f.to_dict() for f in report.sorted()],
    }
    data.update(extra)
    return data


def to_json(report: Report, fail_level: Severity = Severity.ERROR) -> str:
    """JSON envelope, pretty-printed, Chinese kept readable."""
    return json.dumps(envelope(report), ensure_ascii=False, indent=2) + "\n"


def _where(f: Finding) -> str:
    if not f.file:
        return "zhengai"
    return f"{f.file}:{f.line}:{f.col}" if f.line else f.file


def to_text(report: Report, fail_level: Severity = Severity.ERROR) -> str:
    """``path:line:col: 级别 CODE 消息`` lines plus a hint line and a summary."""
    lines: list[str] = []
    for f in report.sorted():
        subject = f"［{f.subject}］" if f.subject else ""
        lines.append(f"{_where(f)}: {f.severity.label} {f.code} {f.message}{subject}")
        if f.hint:
            lines.append(f"    提示：{f.hint}")
    lines.append(
        f"检查了 {report.files} 个文件：{report.errors} 个错误，{report.warnings} 个警告，"
        f"{report.count(Severity.INFO)} 个提示。"
    )
    return "\n".join(lines) + "\n"


def _gh_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def to_github(report: Report, fail_level: Severity = Severity.ERROR) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…::message``)."""
    kinds = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    lines = []
    for f in report.sorted():
        props = [f"title={_gh_escape(f.code, prop=True)}"]
        if f.file:
            props.insert(0, f"file={_gh_escape(f.file, prop=True)}")
            if f.line:
                props.insert(1, f"line={f.line}")
                props.insert(2, f"col={f.col}")
                if f.end_line >= f.line:  # GitHub underlines the span; endColumn only on one line
                    props.insert(3, f"endLine={f.end_line}")
                    if f.end_line == f.line and f.end_col > f.col:
                        props.insert(4, f"endColumn={f.end_col}")
        message = f.message + (f"（{f.hint}）" if f.hint else "")
        lines.append(f"::{kinds[f.severity]} {','.join(props)}::{_gh_escape(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "zhengaiFinding/v1"
"""partialFingerprints key: code, file, pointer and subject — not the line, which moves."""

_SARIF_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _sarif_rule(code: str) -> dict[str, Any]:
    """``tool.driver.rules`` entry of a code, documented from the registry."""
    from zhengai.check.rules import RULES

    rule = RULES.get(code)
    if rule is None:  # not a registered code: still a valid descriptor, so results can index it
        return {"id": code, "name": code, "shortDescription": {"text": code}, "fullDescription": {"text": code},
                "help": {"text": code}, "defaultConfiguration": {"level": "error"}}
    descriptor: dict[str, Any] = {
        "id": code,
        "name": rule.name,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.rationale},
        "help": {"text": rule.explain()},
        "defaultConfiguration": {"level": _SARIF_LEVELS[rule.severity]},
    }
    if rule.smart:
        descriptor["properties"] = {"tags": [f"SMART-{rule.smart}"]}
    return descriptor


def artifact_uri(file: str) -> tuple[str, str | None]:
    """``(uri, uriBaseId)`` of a finding's file: a relative path becomes a percent-encoded
    relative reference under %SRCROOT% (spaces and Chinese are not valid in a URI), an
    absolute one a ``file:`` URI."""
    path = Path(file)
    if path.is_absolute():
        return path.as_uri(), None
    return quote(path.as_posix(), safe="/"), SRCROOT


def _fingerprints(findings: list[Finding]) -> list[str]:
    """A stable identity per finding; repeats of the same identity are numbered in order."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        digest = hashlib.sha256("\0".join((f.code, f.file, f.pointer, f.subject)).encode("utf-8")).hexdigest()[:32]
        seen[digest] = seen.get(digest, 0) + 1
        out.append(digest if seen[digest] == 1 else f"{digest}:{seen[digest]}")
    return out


def _sarif_location(f: Finding) -> dict[str, Any]:
    uri, base = artifact_uri(f.file)
    artifact: dict[str, Any] = {"uri": uri}
    if base:
        artifact["uriBaseId"] = base
    location: dict[str, Any] = {"artifactLocation": artifact}
    if f.line:
        start = max(f.col, 1)
        location["region"] = {
            "startLine": f.line,
            "startColumn": start,
            "endLine": max(f.end_line, f.line),
            "endColumn": f.end_col if f.end_line and f.end_col >= start else start + 1,
        }
    return {"physicalLocation": location}


def to_sarif(report: Report, fail_level: Severity = Severity.ERROR) -> str:
    """SARIF 2.1.0 for GitHub code scanning: every rule described, results indexed to
    them, paths relative to the repository root (%SRCROOT%), stable fingerprints."""
    from zhengai.check.rules import RULES

    findings = report.sorted()
    codes = [*RULES, *sorted({f.code for f in findings} - set(RULES))]
    index = {code: i for i, code in enumerate(codes)}
    results = []
    for f, fingerprint in zip(findings, _fingerprints(findings), strict=True):
        result: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": _SARIF_LEVELS[f.severity],
            "message": {"text": f.message + (f"（{f.hint}）" if f.hint else "")},
            "partialFingerprints": {FINGERPRINT: fingerprint},
        }
        if f.file:
            result["locations"] = [_sarif_location(f)]
        results.append(result)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "zhengai",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": "https://pypi.org/project/zhengai/",
                "rules": [_sarif_rule(code) for code in codes],
            }
        },
        # Columns count characters (a Chinese character is one), as the YAML reader does.
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if report.root is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": report.root.resolve().as_uri().rstrip("/") + "/"}}
    sarif = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


# XML 1.0 has no way to write most control characters, even escaped.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    return escape(_XML_BAD.sub("\ufffd", text))


def _xml_attr(text: str) -> str:
    return quoteattr(_XML_BAD.sub("\ufffd", text))


def _junit_cases(report: Report) -> dict[str, list[Finding]]:
    """Test case name → its findings: every checked file (passing when clean), then any
    other place a finding points at ("zhengai" for findings without a file)."""
    cases: dict[str, list[Finding]] = {name: [] for name in report.checked}
    for f in report.sorted():
        cases.setdefault(f.file or "zhengai", []).append(f)
    return cases


def _line(f: Finding) -> str:
    subject = f"［{f.subject}］" if f.subject else ""
    text = f"{_where(f)}: {f.severity.label} {f.code} {f.message}{subject}"
    return text + (f"\n    提示：{f.hint}" if f.hint else "")


def _junit_case(name: str, findings: list[Finding], fail_level: Severity) -> list[str]:
    failed = [f for f in findings if f.severity.rank >= fail_level.rank]
    below = [f for f in findings if f.severity.rank < fail_level.rank]
    file_attr = f" file={_xml_attr(name)}" if name != "zhengai" else ""
    out = [f"    <testcase classname=\"zhengai\" name={_xml_attr(name)}{file_attr}>"]
    if failed:
        first = failed[0]
        message = f"{first.code} {first.message}" + (f"（另有 {len(failed) - 1} 个问题）" if len(failed) > 1 else "")
        kinds = ",".join(sorted({f.code for f in failed}))
        body = "\n".join(_line(f) for f in failed)
        out.append(f"      <failure type={_xml_attr(kinds)} message={_xml_attr(message)}>{_xml(body)}</failure>")
    if below:  # under --fail-level: reported, but the file still passes
        out.append(f"      <system-out>{_xml(chr(10).join(_line(f) for f in below))}</system-out>")
    out.append("    </testcase>")
    return out


def to_junit(report: Report, fail_level: Severity = Severity.ERROR) -> str:
    """JUnit XML as GitLab and Jenkins read it: one test case per checked file; a file
    fails when it has findings at or above ``fail_level`` (one ``<failure>`` listing them),
    lower findings go to the case's ``<system-out>``."""
    cases = _junit_cases(report)
    failures = sum(1 for fs in cases.values() if any(f.severity.rank >= fail_level.rank for f in fs))
    counts = f'tests="{len(cases)}" failures="{failures}" errors="0"'
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="zhengai" {counts}>',
        f'  <testsuite name="zhengai check" {counts} skipped="0">',
    ]
    for name, findings in cases.items():
        out += _junit_case(name, findings, fail_level)
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out) + "\n"


Reporter = Callable[[Report, Severity], str]
"""``(report, fail level) -> text``; only JUnit's pass/fail depends on the fail level."""

REPORTERS: dict[str, Reporter] = {
    "text": to_text,
    "json": to_json,
    "github": to_github,
    "sarif": to_sarif,
    "junit": to_junit,
}
"""Format name → reporter."""
