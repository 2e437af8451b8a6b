"""Cells: coordinates, values as the user sees them, and splitting packed cell texts.

Everything here is pure and small: turning ``(row, col)`` into ``C12``, an Excel value
plus its number format into the text shown in Excel (dates and the 1900/1904 serial
systems included), header normalisation, and splitting one cell into several values
(``1.规划文本 2.制度文本`` → a list; ``教务处、各系（部）`` → owners).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# ----------------------------------------------------------------- coordinates

# The size of an Excel sheet: no genuine file has a row or column beyond these.
MAX_ROWS = 1_048_576
MAX_COLS = 16_384


def col_letter(col: int) -> str:
    """1 → ``A``, 28 → ``AB``."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def col_index(letters: str) -> int:
    """``A`` → 1, ``AB`` → 28."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


_COORD = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def parse_coord(text: str) -> tuple[int, int]:
    """``C12`` → ``(12, 3)`` (row, column)."""
    m = _COORD.match(text)
    if not m:
        raise ValueError(f"not a cell reference: {text!r}")
    return int(m.group(2)), col_index(m.group(1))


def coord(row: int, col: int) -> str:
    """``(12, 3)`` → ``C12``."""
    return f"{col_letter(col)}{row}"


def cell_ref(sheet: str, row: int, col: int) -> str:
    """``Sheet1!C12``; sheet names with spaces or punctuation are quoted like Excel does."""
    name = sheet
    if re.search(r"[^\w\u4e00-\u9fff]", sheet):
        name = "'" + sheet.replace("'", "''") + "'"
    return f"{name}!{coord(row, col)}"


@dataclass(frozen=True)
class Merge:
    """A merged range, 1-based and inclusive."""

    r0: int
    c0: int
    r1: int
    c1: int

    @classmethod
    def parse(cls, ref: str) -> Merge:
        """``A1:C3`` → Merge(1, 1, 3, 3)."""
        first, _, last = ref.partition(":")
        r0, c0 = parse_coord(first)
        r1, c1 = parse_coord(last or first)
        return cls(min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1))

    @property
    def ref(self) -> str:
        """``A1:C3``."""
        return f"{coord(self.r0, self.c0)}:{coord(self.r1, self.c1)}"

    @property
    def rows(self) -> int:
        """Number of rows spanned."""
        return self.r1 - self.r0 + 1

    @property
    def cols(self) -> int:
        """Number of columns spanned."""
        return self.c1 - self.c0 + 1


# ----------------------------------------------------------------- values → text

WINDOWS_EPOCH = dt.datetime(1899, 12, 30)
MAC_EPOCH = dt.datetime(1904, 1, 1)
# Serial numbers read as dates in deadline columns without a date format (1990-01-01 …
# 2100-12-31 in the 1900 system); anything else stays a number.
SERIAL_RANGE = (32874, 73415)


def from_serial(value: float, date1904: bool = False) -> dt.datetime:
    """An Excel serial number as a datetime (1900 system with its 1900-02-29 bug, or 1904)."""
    if date1904:
        return MAC_EPOCH + dt.timedelta(days=value)
    if value < 60:  # Excel counts the non-existent 1900-02-29 as day 60
        return dt.datetime(1899, 12, 31) + dt.timedelta(days=value)
    return WINDOWS_EPOCH + dt.timedelta(days=value)


# Built-in number formats that are dates or times.  27–36 and 50–58 are the CJK date
# formats Excel and WPS write for Chinese locales (e.g. 31 = yyyy"年"m"月"d"日").
_BUILTIN_DATE_FORMATS: dict[int, str] = {
    14: "yyyy-mm-dd",
    15: "d-mmm-yy",
    16: "d-mmm",
    17: "mmm-yy",
    22: "yyyy-mm-dd h:mm",
    18: "h:mm AM/PM",
    19: "h:mm:ss AM/PM",
    20: "h:mm",
    21: "h:mm:ss",
    45: "mm:ss",
    46: "[h]:mm:ss",
    47: "mm:ss.0",
    27: 'yyyy"年"m"月"',
    28: 'm"月"d"日"',
    29: 'm"月"d"日"',
    30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"',
    33: 'h"时"mm"分"ss"秒"',
    34: 'h"时"mm"分"',
    35: 'h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"',
    50: 'yyyy"年"m"月"',
    51: 'm"月"d"日"',
    52: 'yyyy"年"m"月"',
    53: 'm"月"d"日"',
    54: 'm"月"d"日"',
    55: 'yyyy"年"m"月"',
    56: 'm"月"d"日"',
    57: 'yyyy"年"m"月"',
    58: 'm"月"d"日"',
}
BUILTIN_FORMATS: dict[int, str] = {
    0: "General",
    1: "0",
    2: "0.00",
    3: "#,##0",
    4: "#,##0.00",
    9: "0%",
    10: "0.00%",
    11: "0.00E+00",
    12: "# ?/?",
    13: "# ??/??",
    37: "#,##0 ;(#,##0)",
    38: "#,##0 ;[Red](#,##0)",
    39: "#,##0.00;(#,##0.00)",
    40: "#,##0.00;[Red](#,##0.00)",
    48: "##0.0E+0",
    49: "@",
    **_BUILTIN_DATE_FORMATS,
}

_FMT_NOISE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def is_date_format(fmt: str | None) -> bool:
    """True when a number format shows a date or a time (quoted literals ignored)."""
    if not fmt or fmt == "General":
        return False
    bare = _FMT_NOISE.sub("", fmt.split(";")[0]).lower()
    return bool(re.search(r"[ymdhs]", bare)) and not re.search(r"[#?]|0\.0*%?$", bare)


_TOKEN = re.compile(
    r'"([^"]*)"|\\(.)|\[[^\]]*\]|(yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p|'
    r"e|;@|@)|(.)",
    re.IGNORECASE,
)
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def render_date(value: dt.datetime | dt.date, fmt: str | None) -> str:
    """A date as the number format shows it (``yyyy"年"m"月"`` → ``2017年9月``).

    Without a usable format: ``2017-09-01`` (``2017-09-01 08:30`` when there is a time).
    """
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    if not fmt or fmt == "General" or not is_date_format(fmt):
        if value.time() == dt.time(0):
            return value.strftime("%Y-%m-%d")
        return value.strftime("%Y-%m-%d %H:%M")
    fmt = fmt.split(";")[0]
    out: list[str] = []
    tokens = list(_TOKEN.finditer(fmt))
    # "m" after h or before s means minutes
    kinds = [(m.group(3) or "").lower() for m in tokens]
    for i, m in enumerate(tokens):
        literal, escaped, code, other = m.group(1), m.group(2), kinds[i], m.group(4)
        if literal is not None:
            out.append(literal)
        elif escaped is not None:
            out.append(escaped)
        elif code:
            prev = next((k for k in reversed(kinds[:i]) if k), "")
            nxt = next((k for k in kinds[i + 1 :] if k), "")
            minute = code in ("m", "mm") and (prev.startswith("h") or nxt.startswith("s"))
            out.append(_date_part(value, code, minute))
        elif other is not None:
            out.append(other)
    return "".join(out).strip()


def _date_part(value: dt.datetime, code: str, minute: bool) -> str:
    if code == "yyyy":
        return f"{value.year:04d}"
    if code == "yy":
        return f"{value.year % 100:02d}"
    if code in ("m", "mm") and minute:
        return f"{value.minute:02d}"
    if code == "m":
        return str(value.month)
    if code == "mm":
        return f"{value.month:02d}"
    if code == "mmm":
        return _MONTHS[value.month - 1][:3]
    if code in ("mmmm", "mmmmm"):
        return _MONTHS[value.month - 1] if code == "mmmm" else _MONTHS[value.month - 1][0]
    if code == "d":
        return str(value.day)
    if code == "dd":
        return f"{value.day:02d}"
    if code in ("ddd", "dddd"):
        name = value.strftime("%A")
        return name if code == "dddd" else name[:3]
    if code == "h":
        return str(value.hour)
    if code == "hh":
        return f"{value.hour:02d}"
    if code in ("s", "ss"):
        return f"{value.second:02d}"
    return ""  # am/pm markers, e, @: not used in Chinese plans


_DECIMALS = re.compile(r"0\.(0+)")


def render_number(value: float | int, fmt: str | None) -> str:
    """A number as text: integers without ``.0``; fixed decimals when the format asks.

    Thousands separators are not reproduced (numbers stay machine-readable); a
    percentage format gives ``85%``.
    """
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if fmt and fmt not in ("General", "@"):
        section = _FMT_NOISE.sub("", fmt.split(";")[0])
        percent = "%" in section
        shown = value * 100 if percent else value
        m = _DECIMALS.search(section)
        if m:
            text = f"{shown:.{len(m.group(1))}f}"
        elif re.search(r"[0#]", section):
            text = str(round(shown))
        else:
            text = _plain(shown)
        return text + ("%" if percent else "")
    return _plain(value)


def _plain(value: float | int) -> str:
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}"


def clean_text(text: str) -> str:
    """Cell text as stored: CR/LF unified to ``\\n``, ends stripped."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACE = re.compile(r"\s+")


def norm_header(text: str) -> str:
    """Header text for comparisons: NFKC, no whitespace or line breaks, no zero-width marks."""
    text = unicodedata.normalize("NFKC", text)
    return _SPACE.sub("", _ZERO_WIDTH.sub("", text))


def norm_label(text: str) -> str:
    """A form label without its trailing colon (``项目领导：`` → ``项目领导``)."""
    return norm_header(text).rstrip(":：")


# ----------------------------------------------------------------- splitting

# A list marker: 1. 1、 1． (1) （1） ① at the start or after whitespace / ；
_MARKER = re.compile(
    r"(?:(?:(?<=^)|(?<=[\s；;。，,]))"
    r"(?:[(（](?P<p>\d{1,2})[)）]|(?P<n>\d{1,2})(?:[.．、]|\s)(?![\d])))|(?P<c>[①-⑳])"
)


def split_numbered(text: str) -> list[str] | None:
    """Split ``1.专业建设规划 2.专业人才培养方案`` into items; None when not a numbered list.

    Markers must run 1, 2, 3 … in order (so ``2017.9`` or ``7.1/7.3`` never split) and
    there must be at least two.  Item texts keep their own words, not the markers.
    """
    items = _split_numbered(text)
    return list(items) if items is not None else None


@lru_cache(maxsize=4096)
def _split_numbered(text: str) -> tuple[str, ...] | None:
    found: list[tuple[int, int, int]] = []  # (number, marker start, text start)
    expected = 1
    for m in _MARKER.finditer(text):
        if m.group("c"):
            number = ord(m.group("c")) - ord("①") + 1
        else:
            number = int(m.group("p") or m.group("n"))
        if number == expected:
            found.append((number, m.start(), m.end()))
            expected += 1
    if len(found) < 2 or text[: found[0][1]].strip():
        return None
    items = []
    for i, (_, _, start) in enumerate(found):
        end = found[i + 1][1] if i + 1 < len(found) else len(text)
        item = text[start:end].strip().rstrip("；;，,").strip()
        items.append(item)
    if any(not item for item in items):
        return None
    return tuple(items)


def numbered_prefix(text: str) -> tuple[str | None, str]:
    """``1.1.1 质量目标与定位`` → (``1.1.1``, ``质量目标与定位``); ``2. 专业…`` → (``2``, …)."""
    m = re.match(r"^\s*(\d{1,3}(?:\s*\.\s*\d{1,3})*)\s*[.．、]?\s*(?=[^\d.．、\s])", text)
    if not m:
        return None, text.strip()
    number = re.sub(r"\s+", "", m.group(1))
    rest = text[m.end() :].strip()
    if not rest:
        return None, text.strip()
    return number, rest


_OWNER_SEP = re.compile(r"[、，,；;/]+")
_DEPT_END = re.compile(
    r"(处|部|办|室|系|院|中心|会|组|委|馆|科|所|队|公司|部门|单位|学院|教研室|办公室|团委|领导|师生|全院|全校|等)$"
)


def split_owners(text: str) -> list[str]:
    """Departments packed in one cell → a list (see :func:`_split_owners`)."""
    return list(_split_owners(text))


@lru_cache(maxsize=4096)
def _split_owners(text: str) -> tuple[str, ...]:
    """Departments packed in one cell → a list.

    ``、，,；;/`` always separate.  Spaces and line breaks separate only when every part
    looks like a department (``党政办 组织人事处``), so a wrapped phrase such as
    ``原承担各项 项目建设任务的 职能部门`` stays one owner (the breaks removed).
    """
    owners: list[str] = []
    for part in _OWNER_SEP.split(text):
        part = part.strip()
        if not part:
            continue
        words = part.split()
        if len(words) > 1 and all(
            _DEPT_END.search(re.sub(r"[（(][^）)]*[）)]$", "", w)) for w in words
        ):
            owners.extend(words)
        else:
            owners.append("".join(words) if len(words) > 1 and _all_cjk(words) else part)
    return tuple(owners)


def _all_cjk(words: list[str]) -> bool:
    return all(re.fullmatch(r"[\u4e00-\u9fff（）()、]+", w) for w in words)


def split_codes(text: str) -> list[str]:
    """Platform codes or ids: ``3.4/4/5.1；6/7.4`` → ``["3.4", "4", "5.1", "6", "7.4"]``."""
    return [p for p in re.split(r"[/／；;、,，\s]+", text) if p]


def split_sentences(text: str) -> list[str]:
    """Hints separated by ``；``: each becomes one list entry."""
    return [p.strip() for p in re.split(r"[；;]\s*|\n+", text) if p.strip()]


def value_is_empty(value: Any) -> bool:
    """None and blank strings are empty; 0 and FALSE are not."""
    return value is None or (isinstance(value, str) and not value.strip())
