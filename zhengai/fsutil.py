"""Writing files safely: atomically, never over a user's file without permission, under safe names."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import secrets
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from zhengai.errors import ZhengaiError

_TEMP_NAME = re.compile(r"\..+\.[0-9a-f]{16}\.tmp", re.DOTALL)


class OutputError(ZhengaiError):
    """An output file cannot be written; the message is Chinese and names the file."""


@functools.cache
def _default_mode() -> int:
    """The mode a plain ``open(…, "w")`` would give a new file (0o666 less the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_open(path: Path, *, force: bool = True, text: bool = False, encoding: str = "utf-8",
                newline: str | None = "\n", journal: Path | None = None) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; rename it over ``path`` only when the block
    finishes without error, so a crash or a kill never leaves half a file.

    With ``force=False`` an existing file is refused (:class:`OutputError`), so nothing the
    user had is overwritten.  ``text=True`` gives a text handle (``encoding``, ``newline``).
    With ``journal``, the temporary file's name is appended to that file *before* the
    temporary is created, so a later run can remove what a killed one left behind (see
    :func:`remove_journalled`) without touching anyone else's ``.*.tmp`` files.
    """
    if path.is_dir():
        raise OutputError(f"输出路径是一个目录：{path}")
    if path.exists() and not force:
        raise OutputError(f"文件已存在：{path}；确认要覆盖请加 --force。")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if journal is None:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        else:
            fd, tmp = _journalled_temp(folder, path.name, journal)
    except OSError as exc:
        raise OutputError(f"无法在 {folder} 中写文件：{exc.strerror or exc}") from exc
    handle: IO[Any] = os.fdopen(fd, "w", encoding=encoding, newline=newline) if text else os.fdopen(fd, "wb")
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private (0600); outputs are ordinary shared documents
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else _default_mode())
        os.replace(tmp, path)
    except PermissionError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(
            f"无法写入 {path}：文件被占用或没有写权限（若已在 Excel/WPS/Word 中打开，请先关闭）。"
        ) from exc
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"无法写入 {path}：{exc.strerror or exc}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_bytes(path: Path, data: bytes, *, force: bool = True, journal: Path | None = None) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_open`)."""
    with atomic_open(path, force=force, journal=journal) as handle:
        handle.write(data)


def _journalled_temp(folder: Path, name: str, journal: Path) -> tuple[int, str]:
    """Record a fresh temporary name in ``journal``, then create it exclusively (mode 0600)."""
    tmp = folder / f".{name}.{secrets.token_hex(8)}.tmp"
    # One short line per write in append mode: parallel workers do not interleave.
    with journal.open("a", encoding="utf-8") as log:
        log.write(f"{tmp.resolve()}\n")
    return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600), str(tmp)


def remove_journalled(journal: Path) -> int:
    """Delete the temporary files ``journal`` lists that still exist (a killed run's
    leftovers), then the journal itself; returns how many were deleted.

    Only names of the form ``.<name>.<16 hex>.tmp`` in the journal's folder tree are
    touched, so a damaged or hostile journal cannot delete anything else.
    """
    try:
        lines = journal.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    base = journal.parent.resolve()
    removed = 0
    for line in dict.fromkeys(lines):
        tmp = Path(line)
        if not (tmp.is_absolute() and tmp.is_relative_to(base) and _TEMP_NAME.fullmatch(tmp.name)):
            continue
        try:
            tmp.unlink()
            removed += 1
        except OSError:
            pass  # already renamed into place or removed: nothing left behind
    journal.unlink(missing_ok=True)
    return removed


def atomic_write_text(path: Path, text: str, *, force: bool = True) -> None:
    """UTF-8 text version of :func:`atomic_write_bytes` (LF line ends on every OS)."""
    atomic_write_bytes(path, text.encode("utf-8"), force=force)


# ------------------------------------------------------------------ safe names
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"COM{i}" for i in "123456789¹²³"), *(f"LPT{i}" for i in "123456789¹²³")}
# Characters Windows forbids in names, replaced by their full-width forms so a Chinese
# title keeps reading naturally (课程：设计 rather than 课程_设计).
_FULL_WIDTH = str.maketrans({"<": "＜", ">": "＞", ":": "：", '"': "＂", "/": "／", "\\": "＼", "|": "｜",
                             "?": "？", "*": "＊"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_NAME_BYTES = 150
"""Longest file name in UTF-8 bytes: 50 Chinese characters, well inside the 255-byte limit of
Linux and the 260-character path limit of older Windows tools once a folder is added."""


def safe_name(name: str, suffix: str = "", *, max_bytes: int = MAX_NAME_BYTES) -> str:
    """A file name valid on Windows, macOS and Linux: ``name`` + ``suffix`` (e.g. ``.docx``).

    Forbidden characters become full-width, control characters and invisible format
    characters (Unicode category Cf: the bidi overrides such as U+202E that make
    ``报告\u202excod.exe`` display as ``报告exe.docx``, zero-width spaces, BOMs) are dropped, trailing
    dots and spaces go, reserved device names (CON, NUL, COM1 …, also with an
    extension) get a leading underscore, and a name longer than ``max_bytes`` in UTF-8
    is cut at a character boundary with a short hash of the full name appended, so two
    long names that share a beginning stay different.
    """
    text = unicodedata.normalize("NFC", name)
    text = "".join(ch for ch in _CONTROL.sub("", text) if unicodedata.category(ch) != "Cf")
    text = text.translate(_FULL_WIDTH).strip().rstrip(". ")
    if not text:
        text = "_"
    if text.split(".")[0].strip().upper() in _RESERVED:
        text = "_" + text
    budget = max_bytes - len(suffix.encode("utf-8"))
    if len(text.encode("utf-8")) > budget:
        tag = "~" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
        keep = budget - len(tag.encode("utf-8"))
        cut = text.encode("utf-8")[:keep].decode("utf-8", "ignore").rstrip(". ")
        text = cut + tag
    return text + suffix
