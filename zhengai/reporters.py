"""Output formats of ``zhengai check`` (and ``diagnose --format json``).

Each reporter is a pure function ``(report, extra) -> str``; the CLI picks one by name.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
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


def to_json(report: Report) -> str:
    """JSON envelope, pretty-printed, Chinese kept readable."""
    return json.dumps(envelope(report), ensure_ascii=False, indent=2) + "\n"


def _where(f: Finding) -> str:
    if not f.file:
        return "zhengai"
    return f"{f.file}:{f.line}:{f.col}" if f.line else f.file


def to_text(report: Report) -> str:
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


def to_github(report: Report) -> str:
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
        message = f.message + (f"（{f.hint}）" if f.hint else "")
        lines.append(f"::{kinds[f.severity]} {','.join(props)}::{_gh_escape(message)}")
    return "\n".join(lines) + ("\n" if lines else "")


def to_sarif(report: Report) -> str:
    """SARIF 2.1.0, one run, rules described from the registry."""
    from zhengai.rules import RULES

    levels = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
    used = sorted({f.code for f in report.findings})
    rules = [
        {
            "id": code,
            "name": RULES[code].name if code in RULES else code,
            "shortDescription": {"text": RULES[code].title if code in RULES else code},
            "fullDescription": {"text": RULES[code].rationale if code in RULES else ""},
            "help": {"text": RULES[code].hint if code in RULES else ""},
        }
        for code in used
    ]
    results = []
    for f in report.sorted():
        result: dict[str, Any] = {
            "ruleId": f.code,
            "level": levels[f.severity],
            "message": {"text": f.message + (f"（{f.hint}）" if f.hint else "")},
        }
        if f.file:
            location: dict[str, Any] = {"artifactLocation": {"uri": f.file}}
            if f.line:
                location["region"] = {"startLine": f.line, "startColumn": max(f.col, 1)}
            result["locations"] = [{"physicalLocation": location}]
        results.append(result)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "zhengai",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/zhengai/",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def to_junit(report: Report) -> str:
    """JUnit XML: one test case per file; each error or warning is a failure."""
    by_file: dict[str, list[Finding]] = {}
    for f in report.sorted():
        by_file.setdefault(f.file or "zhengai", []).append(f)
    failing = sum(1 for fs in by_file.values() if any(f.severity is not Severity.INFO for f in fs))
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<testsuites name="zhengai" tests="{max(report.files, len(by_file))}" failures="{failing}">',
        f'  <testsuite name="zhengai check" tests="{max(report.files, len(by_file))}" '
        f'failures="{failing}" errors="0">',
    ]
    for file, findings in by_file.items():
        out.append(f"    <testcase classname=\"zhengai\" name={quoteattr(file)}>")
        for f in findings:
            if f.severity is Severity.INFO:
                continue
            text = f"{_where(f)}: {f.severity.label} {f.code} {f.message}"
            out.append(
                f"      <failure type={quoteattr(f.code)} message={quoteattr(f.message)}>"
                f"{escape(text)}</failure>"
            )
        out.append("    </testcase>")
    out += ["  </testsuite>", "</testsuites>"]
    return "\n".join(out) + "\n"


REPORTERS: dict[str, Callable[[Report], str]] = {
    "text": to_text,
    "json": to_json,
    "github": to_github,
    "sarif": to_sarif,
    "junit": to_junit,
}
"""Format name → reporter."""
