"""The console boundary: output never crashes on a character the console cannot show.

A Windows console (or a redirected pipe) in GBK, or a C-locale shell in ASCII, cannot
encode ✔, ✘, the minus sign − and other symbols zhengai prints.  Python's default
``errors="strict"`` turns each of them into a ``UnicodeEncodeError`` and the command
into an internal error (exit 3).  :func:`protect_console` reconfigures ``sys.stdout``
and ``sys.stderr`` once, in the entry point, with the error handler
:data:`ERRORS`: a known symbol degrades to a close equivalent the console's code page
has (✔ → √, − → -), anything else to its compatibility form (full-width （ → ASCII
( on an ASCII console), and the rest to ``?``.  Files are not concerned: zhengai always
writes them in UTF-8 explicitly.
"""

from __future__ import annotations

import codecs
import sys
import unicodedata
from functools import cache

ERRORS = "zhengai-console"
"""Name of the registered codec error handler."""

SUBSTITUTES: dict[str, tuple[str, ...]] = {
    "✔": ("√", "OK"), "✓": ("√", "OK"), "✅": ("√", "OK"),
    "✘": ("×", "x"), "✗": ("×", "x"), "❌": ("×", "x"),
    "−": ("-",), "–": ("-",), "—": ("-",), "―": ("-",), "‐": ("-",), "‑": ("-",),
    "…": ("...",), "⚠": ("！", "!"), "•": ("·", "*"), "·": ("*",), "∘": ("。", "o"),
    "●": ("*",), "⬤": ("●", "*"), "○": ("o",), "◯": ("○", "o"), "△": ("^",), "▲": ("^",),
    "“": ('"',), "”": ('"',), "‘": ("'",), "’": ("'",), "　": (" ",),
    "→": ("->",), "←": ("<-",), "↑": ("^",), "↓": ("v",),
    "≥": (">=",), "≤": ("<=",), "×": ("x",), "÷": ("/",), "±": ("+-",), "′": ("'",),
    "√": ("v",), "％": ("%",), "σ": ("s",), "Σ": ("S",),
}
"""Replacements tried in order (the first the console can encode wins)."""


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


@cache
def substitute(char: str, encoding: str) -> str:
    """What ``char`` becomes on a console in ``encoding``: a listed substitute, its NFKC
    compatibility form, or ``?``."""
    for candidate in (*SUBSTITUTES.get(char, ()), unicodedata.normalize("NFKC", char)):
        if candidate != char and candidate and _encodable(candidate, encoding):
            return candidate
    return "?"


def _degrade(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: replace the unencodable run, character by character."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    text = exc.object[exc.start:exc.end]
    return "".join(substitute(ch, exc.encoding) for ch in text), exc.end


codecs.register_error(ERRORS, _degrade)


def protect_console() -> None:
    """Let stdout and stderr degrade unencodable characters instead of raising.

    Keeps each stream's encoding (the console's code page); only the error handler
    changes.  Streams that cannot be reconfigured (replaced by a test runner, closed,
    ``None`` under pythonw) are left alone.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None:
            continue
        try:
            reconfigure(errors=ERRORS)
        except (ValueError, OSError):  # a detached or closed stream
            continue
