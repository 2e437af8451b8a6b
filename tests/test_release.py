"""The release pre-commit users pin (``rev: v0.1.0``) is a version the changelog and package know."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

import zhengai

ROOT = Path(__file__).resolve().parents[1]


def test_the_documented_pre_commit_rev_is_a_released_version() -> None:
    hooks_text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    rev = re.search(r"rev: v(\d+\.\d+\.\d+)", hooks_text)
    assert rev, "the hook file documents no rev"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    sections = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", changelog, re.M)
    assert sections[0] == ("Unreleased", ""), "the newest section is [Unreleased]"
    released = {version: date for version, date in sections[1:]}
    assert released.get(rev[1]), f"CHANGELOG.md has no dated section [{rev[1]}]"
    assert zhengai.__version__ == rev[1]


def test_the_hook_runs_zhengai_check() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "zhengai-check" and hook["entry"] == "zhengai check ."
    assert hook["language"] == "python" and hook["pass_filenames"] is False
