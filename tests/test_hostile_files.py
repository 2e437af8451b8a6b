"""Hostile repository files on disk: FIFOs, devices, symbolic links, ignored folders.

A pull request can add a symlink (``zero.yaml -> /dev/zero``, ``passwd.yaml ->
/etc/passwd``) and a local checkout can hold a FIFO or a ``venv/``.  Each must end in a
located ZG101 finding (or be skipped as git would), never in a hang or exit 3.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from zhengai.check.checker import check_paths
from zhengai.load.discover import discover, scan

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks")
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

BROKEN = "kind: [\n"  # a finding whenever the file is read


def _add_hostile_files(root: Path) -> dict[str, str]:
    """Special files in ``root`` → the words their ZG101 finding must contain."""
    (root / "plans").mkdir(exist_ok=True)
    os.mkfifo(root / "plans/fifo.yaml")
    os.symlink("/dev/zero", root / "plans/zero.yaml")
    os.symlink("self.yaml", root / "plans/self.yaml")
    os.symlink("missing.yaml", root / "plans/dangling.yaml")
    os.symlink("/etc/passwd", root / "plans/passwd.yaml")
    return {
        "plans/fifo.yaml": "不是普通文件",
        "plans/zero.yaml": "仓库之外",
        "plans/self.yaml": "循环",
        "plans/dangling.yaml": "不存在",
        "plans/passwd.yaml": "仓库之外",
    }


def _limit_memory() -> None:
    """Keep a runaway read of /dev/zero from eating the machine (it would fail, not hang)."""
    import resource  # POSIX only, like the tests that use it

    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


def _zhengai(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zhengai", *map(str, args)], cwd=cwd, capture_output=True, text=True,
        timeout=90, preexec_fn=_limit_memory, check=False,
    )


@posix_only
@pytest.mark.parametrize(
    "command",
    [
        ["check", ".", "-f", "text"],
        ["diagnose", "departments/jwc", "--as-of", "2026-12-20", "-f", "text"],
        ["report", "annual", ".", "--year", "2026", "-o", "out", "-k", "diagnosis", "-f", "md", "-j", "1"],
    ],
    ids=["check", "diagnose", "report-annual"],
)
def test_special_files_neither_hang_nor_crash(write_repo, command: list[str]) -> None:
    root = write_repo({"departments/jwc/tasks.yaml": "schema_version: 1\nkind: tasks\nyear: 2026\ntasks: []\n"})
    expected = _add_hostile_files(root)
    done = _zhengai(*command, cwd=root)  # before the fix: a hang (timeout) or exit 3
    assert done.returncode in (0, 1), done.stderr
    assert "内部错误" not in done.stderr and "Traceback" not in done.stderr
    if command[0] == "check":
        for rel, words in expected.items():
            line = next(ln for ln in done.stdout.splitlines() if ln.startswith(f"{rel}:1:1: 错误 ZG101"))
            assert words in line, line


@posix_only
def test_links_are_findings_and_located(write_repo) -> None:
    root = write_repo()
    (root / "plans").mkdir(exist_ok=True)
    os.symlink("self.yaml", root / "plans/self.yaml")
    os.symlink("missing.yaml", root / "plans/dangling.yaml")
    os.symlink("/etc/passwd", root / "plans/passwd.yaml")
    report, _ = check_paths([root])
    found = {(f.code, f.file, f.line, f.col) for f in report.findings}
    for rel in ("plans/self.yaml", "plans/dangling.yaml", "plans/passwd.yaml"):
        assert ("ZG101", rel, 1, 1) in found
    assert not any("root:" in f.message for f in report.findings)  # /etc/passwd was not read


@posix_only
def test_link_inside_the_repository_is_read(write_repo) -> None:
    root = write_repo({"_drafts/plan.yaml": "schema_version: 1\nkind: plan\nid: P-X\ntitle: 草稿\n"
                       "type: special\nbogus: 1\n"})
    os.symlink("../_drafts/plan.yaml", root / "plans/linked.yaml")
    report, _ = check_paths([root])
    assert ("ZG203", "plans/linked.yaml", 6) in report.flatten()


@posix_only
def test_linked_folders_are_not_entered(write_repo, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "evil.yaml").write_text(BROKEN, encoding="utf-8")
    root = write_repo()
    os.symlink(outside, root / "plans/elsewhere")
    os.symlink(outside, root / "plans/elsewhere.yaml")  # a folder link with a YAML name
    assert [p.relative_to(root).as_posix() for p in scan(root)] == ["plans/master.yaml", "zhengai.yaml"]


@posix_only
def test_discover_leaves_out_what_must_not_be_opened(write_repo) -> None:
    """batch.repository_hash reads every discovered file: it must only get regular ones."""
    root = write_repo()
    _add_hostile_files(root)
    assert [p.relative_to(root).as_posix() for p in discover(root)] == ["plans/master.yaml", "zhengai.yaml"]


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@needs_git
def test_gitignored_files_are_not_scanned(write_repo) -> None:
    root = write_repo({
        "venv/lib/site-packages/pkg/data.yaml": BROKEN,
        "plans/notes.local.yaml": BROKEN,
        "plans/kept.local.yaml": BROKEN,
        ".gitignore": "venv/\n*.local.yaml\n",
    })
    _git(root, "init", "-q")
    _git(root, "add", "-f", "plans/kept.local.yaml")  # tracked files count even when ignored
    report, _ = check_paths([root])
    files = {f.file for f in report.findings}
    assert "plans/kept.local.yaml" in files
    assert not {"venv/lib/site-packages/pkg/data.yaml", "plans/notes.local.yaml"} & files


@needs_git
def test_repository_inside_an_ignored_folder_is_scanned(tmp_path: Path, write_repo) -> None:
    """A college repository under another project's ignored ``out/`` keeps all its files."""
    root = write_repo({"plans/special/x.yaml": BROKEN})
    _git(tmp_path, "init", "-q")
    (tmp_path / ".gitignore").write_text("repo/\n", encoding="utf-8")
    assert root / "plans/special/x.yaml" in scan(root)


def test_without_git_every_folder_is_scanned(write_repo, monkeypatch: pytest.MonkeyPatch) -> None:
    root = write_repo({"venv/data.yaml": BROKEN, ".gitignore": "venv/\n"})
    if shutil.which("git"):
        _git(root, "init", "-q")
    monkeypatch.setenv("PATH", "")  # git cannot be found: the plain walk is used
    assert root / "venv/data.yaml" in scan(root)
