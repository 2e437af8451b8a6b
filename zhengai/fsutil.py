"""Writing files safely: atomically, never over a user's file without permission."""

from __future__ import annotations

import functools
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


class OutputError(Exception):
    """An output file cannot be written; the message is Chinese and names the file."""


@functools.cache
def _default_mode() -> int:
    """The mode a plain ``open(…, "w")`` would give a new file (0o666 less the umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


@contextmanager
def atomic_open(path: Path, *, force: bool = True, text: bool = False, encoding: str = "utf-8",
                newline: str | None = "\n") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; rename it over ``path`` only when the block
    finishes without error, so a crash or a kill never leaves half a file.

    With ``force=False`` an existing file is refused (:class:`OutputError`), so nothing the
    user had is overwritten.  ``text=True`` gives a text handle (``encoding``, ``newline``).
    """
    if path.is_dir():
        raise OutputError(f"输出路径是一个目录：{path}")
    if path.exists() and not force:
        raise OutputError(f"文件已存在：{path}；确认要覆盖请加 --force。")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
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


def atomic_write_bytes(path: Path, data: bytes, *, force: bool = True) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_open`)."""
    with atomic_open(path, force=force) as handle:
        handle.write(data)


def atomic_write_text(path: Path, text: str, *, force: bool = True) -> None:
    """UTF-8 text version of :func:`atomic_write_bytes` (LF line ends on every OS)."""
    atomic_write_bytes(path, text.encode("utf-8"), force=force)
