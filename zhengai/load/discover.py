"""Finding a repository's files: its root, the YAML files under it, and what must not be read.

Dot and underscore folders are skipped, ``.gitignore`` is honoured through git itself,
and special files, loops and links out of the repository are named (ZG101) rather than
followed.  :mod:`zhengai.load.repository` reads what this module finds.
"""

from __future__ import annotations

import errno
import os
import stat
import subprocess
from pathlib import Path

CONFIG_NAME = "zhengai.yaml"
YAML_SUFFIXES = (".yaml", ".yml")


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding ``zhengai.yaml``."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def scan(root: Path) -> list[Path]:
    """Every YAML file name below ``root`` that belongs to the repository, sorted.

    Hidden and underscore folders are skipped, symlinked folders are never entered
    (their target is either scanned where it really is or lies outside the repository),
    and inside a git work tree whatever ``.gitignore`` excludes (a ``venv/``) is skipped.
    The names are not checked for being readable: :func:`read_source` reports FIFOs,
    broken links and links leaving the repository as findings.
    """
    git = _GitIgnore.for_root(root)
    found: list[Path] = []
    level = [root]
    while level:  # breadth-first, so git is asked once per depth, not once per folder
        dirs: list[Path] = []
        files: list[Path] = []
        for folder in level:
            sub_dirs, sub_files = _list_folder(folder)
            dirs.extend(sub_dirs)
            files.extend(sub_files)
        ignored = git.ignored(root, [*dirs, *files]) if git else set()
        found.extend(f for f in files if f not in ignored)
        level = [d for d in dirs if d not in ignored]
    return sorted(found)


def _list_folder(folder: Path) -> tuple[list[Path], list[Path]]:
    """The sub-folders to enter and the YAML file names of one folder."""
    dirs: list[Path] = []
    files: list[Path] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:  # unreadable folder: nothing of it can be checked, as before
        return dirs, files
    for entry in entries:
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            if not entry.name.startswith((".", "_")):
                dirs.append(Path(entry.path))
        elif entry.name.endswith(YAML_SUFFIXES) and not entry.name.startswith("."):
            if not (entry.is_symlink() and os.path.isdir(entry.path)):  # a linked folder
                files.append(Path(entry.path))
    return dirs, files


class _GitIgnore:
    """Asks ``git check-ignore`` which paths of a work tree ``.gitignore`` excludes."""

    @classmethod
    def for_root(cls, root: Path) -> _GitIgnore | None:
        """An asker when git is installed and ``root`` is inside a work tree.

        A plan repository kept in a folder that an enclosing repository ignores would
        have every file ignored; there git's view says nothing about the plans.
        """
        out = _git(root, ["rev-parse", "--is-inside-work-tree"], b"")
        if out is None or out.strip() != b"true":
            return None
        return None if cls().ignored(root, [root]) else cls()

    def ignored(self, root: Path, paths: list[Path]) -> set[Path]:
        """The subset of ``paths`` that git ignores (none when git cannot tell)."""
        if not paths:
            return set()
        rels = {os.path.relpath(p, root): p for p in paths}
        out = _git(root, ["check-ignore", "--stdin", "-z"], b"\0".join(os.fsencode(r) for r in rels) + b"\0")
        if out is None:
            return set()
        return {rels[name] for name in (os.fsdecode(n) for n in out.split(b"\0")) if name in rels}


def _git(root: Path, args: list[str], stdin: bytes) -> bytes | None:
    """Output of ``git -C root <args>``; None when git is missing or fails."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], input=stdin, capture_output=True, timeout=60, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    # check-ignore exits 1 when nothing is ignored; 128 means it could not decide.
    return done.stdout if done.returncode in (0, 1) else None


def discover(root: Path) -> list[Path]:
    """The YAML files of the repository that are safe to read (see :func:`scan`).

    FIFOs, devices, broken or looping links and links leaving ``root`` are left out, so
    callers that only hash or copy files cannot hang or crash on them.
    """
    return [path for path in scan(root) if unsafe_reason(path, root) is None]


def unsafe_reason(path: Path, root: Path | None) -> str | None:
    """Why ``path`` must not be opened (Chinese, for a ZG101 finding), or None.

    A symbolic link may point anywhere, so one added by a pull request could make
    zhengai read ``/etc/passwd`` into a report; links are only followed to regular files
    inside the repository.
    """
    try:
        target = os.path.realpath(path)
        info = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "符号链接形成循环（链接最终指向自己），未读取。"
        if exc.errno == errno.ENOENT and path.is_symlink():
            return f"符号链接指向不存在的目标（{_link_text(path)}），未读取。"
        return None  # read_yaml reports other I/O errors in its own words
    if root is not None and not Path(target).is_relative_to(os.path.realpath(root)):
        return f"符号链接指向仓库之外（{_link_text(path)}），出于安全未读取。"
    if not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode)):
        return "不是普通文件（命名管道、设备或套接字），出于安全未读取。"
    return None


def _link_text(path: Path) -> str:
    """What a link says it points to (the resolved path when ``path`` is no link)."""
    try:
        return os.readlink(path)
    except OSError:
        return os.path.realpath(path)


def real_path(path: Path) -> Path:
    """``path`` with links resolved as far as possible; never raises on a link loop."""
    return Path(os.path.realpath(path))


def _display(path: Path, root: Path | None) -> str:
    """Path shown in findings: relative to the root when inside it, POSIX slashes.

    A symbolic link is shown under its own name (its folder is resolved, not the link).
    """
    shown = real_path(path.parent) / path.name if path.name else real_path(path)
    if root is not None:
        try:
            return shown.relative_to(real_path(root)).as_posix()
        except ValueError:
            pass
    try:
        return shown.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return shown.as_posix()


__all__ = ["CONFIG_NAME", "YAML_SUFFIXES", "discover", "find_root", "real_path", "scan", "unsafe_reason"]
