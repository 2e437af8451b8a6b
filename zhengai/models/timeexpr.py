"""Deadlines and time nodes (完成时间、时间节点、完成时限) as written in college plans.

Plans keep deadlines as free text in Excel cells: ``2017.9``, ``2018年3月底前``,
``2017-2020 每年12月底``, ``每年11月``, ``2018.12 ~ 2020.12``.  :func:`parse_time` reads a
whole cell; :func:`find_time` finds the first such expression inside a sentence (a target or
a work standard such as ``每年的7月20日前完成…``), which is what the SMART "T" check needs.

A due date is always the *end* of the named span: ``2017.9`` is due 2017-09-30.
"""

from __future__ import annotations

import calendar
import datetime
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

__all__ = [
    "LAST_DAY", "MAX_YEAR", "MIN_YEAR", "TimeExpr", "TimeParseError", "find_time", "parse_time",
]

# A four-digit number is read as a year only inside this window, so that 2000 in
# "2000万元" style slips or ISO 9001 never becomes a deadline.
MIN_YEAR, MAX_YEAR = 1990, 2100
# Day marker for "the last day of the month": 每年2月月底 is due on the 28th or the 29th
# depending on the year, so the day can only be fixed once the year is known.
LAST_DAY = -1

MonthDay = tuple[int, int]
_Span = tuple[MonthDay, MonthDay]  # first and last (month, day) of a span within one year
_WHOLE_YEAR: _Span = ((1, 1), (12, LAST_DAY))

_MESSAGES: dict[str, str] = {
    "unknown": "无法识别的时间表达：“{text}”。"
    "请写成 2025.6、2025年6月30日、每年12月 或 2021~2025 之类的形式。",
    "no_year": "时间表达缺少年份：“{text}”。请写明年份（如 2025年9月），或给出默认年份。",
    "bad_date": "日期不存在：“{text}”。请检查月份和日期。",
    "bad_year": "年份超出 1990–2100 的范围：“{text}”。",
    "reversed": "起止时间颠倒：“{text}”。开始时间应早于结束时间。",
}


class TimeParseError(ValueError):
    """Raised with a Chinese message quoting the text, e.g. 无法识别的时间表达：“明年某时”."""


class _Reject(Exception):
    """A match that names no real date; ``kind`` selects the message of the public error."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


def _day(year: int, month: int, day: int, *, strict: bool = True) -> datetime.date:
    """The date of (month, day) in ``year``; ``LAST_DAY`` is the month's last day.

    Strict mode rejects days the month lacks (2025年2月30日); otherwise they are clamped,
    which is what a yearly 每年2月29日 needs in common years.
    """
    if not 1 <= month <= 12:
        raise _Reject("bad_date")
    last = calendar.monthrange(year, month)[1]
    if day == LAST_DAY:
        return datetime.date(year, month, last)
    if day < 1 or (strict and day > last):
        raise _Reject("bad_date")
    return datetime.date(year, month, min(day, last))


@dataclass(frozen=True)
class TimeExpr:
    """A parsed deadline.

    ``start`` is the earliest date covered (None when open towards the past), ``end`` the
    (last) due date.  Recurring expressions also carry ``years`` (a closed range such as
    2018~2020), ``from_year`` (an open-ended 2018年起每年…) and ``due_days``, the
    (month, day) due in each year, where day ``LAST_DAY`` means the month's last day.
    Without any year bound ``end`` is the due date in ``default_year`` (year 1 when none
    was given), so only its month and day carry meaning.
    """

    text: str
    start: datetime.date | None
    end: datetime.date
    recurring: bool
    years: tuple[int, ...] | None
    from_year: int | None = None
    due_days: tuple[MonthDay, ...] = ()

    def due_dates(self, first_year: int, last_year: int) -> list[datetime.date]:
        """Every due date within [first_year, last_year] (inclusive), sorted.

        Non-recurring: ``[end]`` when its year is within the bounds.  Recurring: the due
        dates of every year inside both these bounds and the expression's own ones.
        """
        if not self.recurring:
            return [self.end] if first_year <= self.end.year <= last_year else []
        low = max(first_year, self.from_year or datetime.MINYEAR, datetime.MINYEAR)
        high = min(last_year, datetime.MAXYEAR)
        if self.years:
            low, high = max(low, min(self.years)), min(high, max(self.years))
        days = self.due_days or ((self.end.month, self.end.day),)
        return sorted(
            _day(year, month, day, strict=False)
            for year in range(low, high + 1)
            if self.years is None or year in self.years
            for month, day in days
        )

    def next_due(self, after: datetime.date) -> datetime.date | None:
        """The first due date on or after ``after`` (looking at most 100 years ahead)."""
        return next((d for d in self.due_dates(after.year, after.year + 100) if d >= after), None)

    def last_due(self, on_or_before: datetime.date) -> datetime.date | None:
        """The latest due date on or before ``on_or_before`` (at most 100 years back)."""
        year = on_or_before.year
        due = [d for d in self.due_dates(year - 100, year) if d <= on_or_before]
        return due[-1] if due else None


# --- vocabulary ---------------------------------------------------------------------
# Parts of a month -> (first day, last day).  月初/月中 are read as the first/second
# ten days (上旬/中旬), the same way 年初 is read as the first quarter below.
_MONTH_PARTS: dict[str, tuple[int, int]] = {
    "": (1, LAST_DAY), "份": (1, LAST_DAY), "底": (1, LAST_DAY), "末": (1, LAST_DAY),
    "初": (1, 10), "上旬": (1, 10), "中": (11, 20), "中旬": (11, 20), "下旬": (21, LAST_DAY),
}
# Parts of a year.  底/末 only mark the deadline, the span stays the whole year (just as
# 3月底 covers all of March).  年初 has no fixed end in usage; plans use it for work that
# opens the year (年度工作要点, 任务分解), which colleges finish in the first quarter, so
# the first quarter's end is the one deadline a checker can hold them to.  年中 is the
# middle of the year: due with the first half-year.
_YEAR_PARTS: dict[str, _Span] = {
    "底": _WHOLE_YEAR, "末": _WHOLE_YEAR, "初": ((1, 1), (3, LAST_DAY)),
    "中": ((1, 1), (6, LAST_DAY)), "上半年": ((1, 1), (6, LAST_DAY)),
    "下半年": ((7, 1), (12, LAST_DAY)),
}
_QUARTERS: dict[str, int] = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# Spans of the 每X periods within one year.  A term is due when it ends: the autumn term
# in January, the spring term in July; the autumn term's Aug–Dec part belongs to the
# January due date of the next year.
_PERIODS: dict[str, tuple[_Span, ...]] = {
    "学期": (((1, 1), (1, LAST_DAY)), ((2, 1), (7, LAST_DAY))),
    "季度": tuple(((3 * q - 2, 1), (3 * q, LAST_DAY)) for q in range(1, 5)),
    "月": tuple(((m, 1), (m, LAST_DAY)) for m in range(1, 13)),
}

# --- grammar ----------------------------------------------------------------------
# Fragments use "@" where a group-name prefix goes: one fragment occurs several times in a
# pattern (both ends of a span) and Python forbids repeated group names.
_UNIT = r"(?![%‰万千百亿元个人名项次门天件所台套篇册届级批座家条版])"  # 2000人, 2017级
# 〔2014〕 and [2014] are document numbers (国发〔2014〕19号), not dates.
_YEAR = r"(?<![\d.〔\[])(?P<@y>\d{4})(?![\d〕\]])" + _UNIT
# 中 and 初 start many words (中国, 中期, 初步): after them these are not 年中 / 年初.
_WORD = r"(?![步次期级稿始心国华央层职部外文小学秋标高等])"
_QUARTER = r"第?[一二三四1-4]季度(?:末|底)?|(?<![A-Za-z])[Qq][1-4](?!\d)"
_HALVES = r"上半年|下半年"
# Year parts after "2017年" (2017年底, 2017年年底, 2017年中), after 每年 (每年底, 每年年中,
# but not 每年中秋), and on their own (年底 needs its 年; not 明年底, which is another year).
_YP_AFTER_YEAR = rf"年?[底末]|年?[初中]{_WORD}|{_HALVES}|{_QUARTER}"
_YP_AFTER_EACH = rf"年?[底末]|年?初{_WORD}|年中{_WORD}|{_HALVES}|{_QUARTER}"
_YP_ALONE = rf"(?<![\d一明去前后全半])(?:年[底末]|年[初中]{_WORD}|{_HALVES}|{_QUARTER})"


def _anchor(year_parts: str) -> str:
    """A point inside some year: 7月20日, 12月底, 2月月底, 1月份, 12月中旬, 年底, 第三季度."""
    return (
        r"(?:(?<![\d.])(?P<@m>\d{1,2})月(?:(?P<@d>\d{1,2})[日号]"
        rf"|(?P<@part>[上中下]旬|月?[底末]|月?[初中]{_WORD}|份)?)"
        rf"|(?P<@yp>{year_parts}))"
    )


# A point with its year: 2017.9, 2025-06-30, 2018年3月底, 2017年, 2018年Q3, bare 2017.
_POINT = (
    _YEAR + r"(?:[./\-](?P<@dm>\d{1,2})(?:[./\-](?P<@dd>\d{1,2}))?(?!\d)" + _UNIT
    + r"|(?:年度?|(?=[Qq]))(?:" + _anchor(_YP_AFTER_YEAR) + r")?)?"
)
_EACH = (
    r"(?:每年度?的?(?:" + _anchor(_YP_AFTER_EACH) + r")?"
    r"|每个?(?P<@per>学期|季度|月)(?:末|底|结束)?)"
)
_RANGE = r"(?:[~\-]{1,2}|至|到)"  # 2018——2020 arrives here as "~~"
_SUFFIX = r"(?:之前|以前|前|为止|止)?"


def _g(m: re.Match[str], name: str) -> str | None:
    """A group's text, None when it did not take part or the pattern has no such group."""
    return m.groupdict().get(name)


def _year_of(m: re.Match[str], prefix: str) -> int:
    year = int(m[prefix + "y"])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _Reject("bad_year")
    return year


def _anchor_span(m: re.Match[str], prefix: str) -> _Span | None:
    """The span named by an anchor fragment, or None if the fragment matched nothing."""
    month = _g(m, prefix + "m")
    if month is not None:
        day = _g(m, prefix + "d")
        if day is not None:
            _day(2000, int(month), int(day))  # valid in some year (2000 is leap: 2月29日 is)
            return (int(month), int(day)), (int(month), int(day))
        first, last = _MONTH_PARTS[(_g(m, prefix + "part") or "").removeprefix("月")]
        return (int(month), first), (int(month), last)
    word = _g(m, prefix + "yp")
    if word is None:
        return None
    quarter = re.search(r"[一二三四1-4](?=季度)|(?<=[Qq])[1-4]", word)
    if quarter:
        q = _QUARTERS[quarter.group()]
        return (3 * q - 2, 1), (3 * q, LAST_DAY)
    return _YEAR_PARTS[word.removeprefix("年")]


def _point(m: re.Match[str], prefix: str) -> tuple[datetime.date, datetime.date]:
    """First and last date of a _POINT fragment; exact days are checked against the year."""
    year = _year_of(m, prefix)
    month = _g(m, prefix + "dm")
    if month is not None:
        day = _g(m, prefix + "dd")
        if day is not None:
            exact = _day(year, int(month), int(day))
            return exact, exact
        span: _Span = (int(month), 1), (int(month), LAST_DAY)
    else:
        span = _anchor_span(m, prefix) or _WHOLE_YEAR
    return _day(year, *span[0]), _day(year, *span[1])


def _recurring(m: re.Match[str], default_year: int | None, *, years: tuple[int, ...] | None = None,
               from_year: int | None = None) -> TimeExpr:
    """A recurring TimeExpr; the spans come from the _EACH fragment ("r_") or, after a
    year range, a bare anchor ("c_"): 2017-2020年初 applies 年初 to every year."""
    period = _g(m, "r_per")
    spans = _PERIODS[period] if period else (
        _anchor_span(m, "r_") or _anchor_span(m, "c_") or _WHOLE_YEAR,)
    first = years[0] if years else from_year
    start = _day(first, *spans[0][0], strict=False) if first is not None else None
    if years:
        ref = years[-1]
    else:  # open-ended: the due date as seen from the document's year
        ref = default_year if default_year is not None else (from_year or datetime.MINYEAR)
        ref = max(ref, from_year or ref)
    end = _day(ref, *spans[-1][1], strict=False)
    return TimeExpr("", start, end, True, years, from_year, tuple(span[1] for span in spans))


def _build_year_range(m: re.Match[str], default_year: int | None) -> TimeExpr:
    first, last = _year_of(m, "a_"), _year_of(m, "b_")
    if first > last:
        raise _Reject("reversed")
    return _recurring(m, default_year, years=tuple(range(first, last + 1)))


def _build_from_year(m: re.Match[str], default_year: int | None) -> TimeExpr:
    return _recurring(m, default_year, from_year=_year_of(m, "f_"))


def _build_each(m: re.Match[str], default_year: int | None) -> TimeExpr:
    return _recurring(m, default_year)


def _build_span(m: re.Match[str], default_year: int | None) -> TimeExpr:
    start, end = _point(m, "s_")[0], _point(m, "e_")[1]
    if start > end:
        raise _Reject("reversed")
    return TimeExpr("", start, end, False, None)


def _build_point(m: re.Match[str], default_year: int | None) -> TimeExpr:
    start, end = _point(m, "p_")
    return TimeExpr("", start, end, False, None)


def _build_yearless(m: re.Match[str], default_year: int | None) -> TimeExpr:
    if default_year is None:
        raise _Reject("no_year")
    span = _anchor_span(m, "x_") or _WHOLE_YEAR
    return TimeExpr("", _day(default_year, *span[0]), _day(default_year, *span[1]), False, None)


def _p(template: str, prefix: str) -> str:
    return template.replace("@", prefix)


# Order breaks ties between equally long matches: 2017-2020年初 is a year range with 年初
# in every year (recurring), not a span from 2017 to early 2020.  Likewise
# 2018~2020年12月 is due each December; a span needs a month on its left end (2018.1~2020.12).
_Builder = Callable[[re.Match[str], int | None], TimeExpr]
_GRAMMAR: tuple[tuple[re.Pattern[str], _Builder], ...] = tuple((re.compile(p), b) for p, b in (
    (_p(_YEAR, "a_") + r"年?" + _RANGE + _p(_YEAR, "b_") + r"年?的?(?:" + _p(_EACH, "r_") + "|"
     + _p(_anchor(_YP_AFTER_YEAR), "c_") + r")?" + _SUFFIX, _build_year_range),
    (r"(?:自|从)?" + _p(_YEAR, "f_") + r"年?(?:起|开始|以后),?" + _p(_EACH, "r_") + _SUFFIX,
     _build_from_year),
    (_p(_EACH, "r_") + _SUFFIX, _build_each),
    (_p(_POINT, "s_") + _RANGE + _p(_POINT, "e_") + _SUFFIX, _build_span),
    (_p(_POINT, "p_") + _SUFFIX, _build_point),
    (_p(_anchor(_YP_ALONE), "x_") + _SUFFIX, _build_yearless),
))

# Range dashes become "~".  The ASCII hyphen stays: it also separates 2025-06-30, and the
# grammar tells the two uses apart by digit count (2017-2020 vs 2017-9).  至/到 stay as
# words for the same reason (截至2025年底).
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−〜", "~"))  # ～ is "~" after NFKC
_LEAD = re.compile(r"截[至止]到?|[到至于在]")
# 每年、每阶段、每过程 (a real cell): only the leading item can be checked against a date,
# the others are ways of working, not deadlines.  Accepted when the first item parses and
# every other item is a short 每X word; 每阶段、每年 is rejected (the lead says nothing).
_PERIOD_LIST = re.compile(r"(每[^、,;]+)(?:[、,;]每[\u4e00-\u9fff]{1,4})+")


# Chinese numerals in dates (二〇一九年一月, 十一月, 三十一日: the date lines of official
# documents) are written as digits before the grammar sees them.  Only where a date has
# them: four year digits before 年; a month number before 月 at the start, after 年 or
# after a non-Chinese character (not 统一月考); a day number right after 月.
_CN_DIGITS = dict(zip("〇零一二三四五六七八九", "00123456789", strict=True))
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
_CN_MONTH = re.compile(r"(?:(?<=年)|(?<![\u4e00-\u9fff\u3007]))(?:十[一二]?|[一二三四五六七八九])(?=月)")
_CN_DAY = re.compile(r"(?<=月)(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])(?=[日号])")


def _cn_number(word: str) -> str:
    """``十一`` → ``11``, ``三十`` → ``30``, ``九`` → ``9`` (1–31)."""
    if "十" not in word:
        return _CN_DIGITS[word]
    tens, _, ones = word.partition("十")
    return str(int(_CN_DIGITS[tens] if tens else "1") * 10 + (int(_CN_DIGITS[ones]) if ones else 0))


def _arabic(norm: str, origin: list[int]) -> tuple[str, list[int]]:
    """Chinese date numerals → digits; each digit keeps the index of a character it
    replaces (the first digit the first, the last the last) for find_time."""
    for pattern, convert in (
        (_CN_YEAR, lambda w: "".join(_CN_DIGITS[c] for c in w)),
        (_CN_MONTH, _cn_number),
        (_CN_DAY, _cn_number),
    ):
        parts: list[str] = []
        where: list[int] = []
        last = 0
        for m in pattern.finditer(norm):
            parts.append(norm[last : m.start()])
            where += origin[last : m.start()]
            digits = convert(m.group())
            span = origin[m.start() : m.end()]
            parts.append(digits)
            where += [span[0]] * (len(digits) - 1) + [span[-1]]
            last = m.end()
        parts.append(norm[last:])
        where += origin[last:]
        norm, origin = "".join(parts), where
    return norm, origin


def _normalise(text: str) -> tuple[str, list[int]]:
    """NFKC, no whitespace, unified dashes, Chinese date numerals as digits; with each
    output character's index in ``text`` so that find_time can hand back the original
    substring (spaces and all)."""
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch).translate(_DASHES):
            if not (c.isspace() or unicodedata.category(c) == "Cf"):
                chars.append(c)
                origin.append(i)
    return _arabic("".join(chars), origin)


_SCHOOL_YEAR = re.compile(r"(\d{4})(?:~{1,2}|-|至|到)(\d{4})学年度?")


def parse_time(text: str, *, default_year: int | None = None) -> TimeExpr:
    """Parse a whole cell/field. Raises TimeParseError if it is not a time expression.

    default_year resolves expressions without a year (9月, 年底, 第三季度, 上半年, 7月20日前)
    and is the reference year for ``end`` of an open-ended recurring expression.
    """
    norm = _normalise(text)[0].rstrip("。.,;、")
    lead = _LEAD.match(norm)
    norm = norm[lead.end():] if lead else norm
    listed = _PERIOD_LIST.fullmatch(norm)
    norm = listed.group(1) if listed else norm
    school_year = _SCHOOL_YEAR.fullmatch(norm)
    if school_year:  # 2018~2019学年: September to August, one span
        first, second = int(school_year.group(1)), int(school_year.group(2))
        if second == first + 1 and MIN_YEAR <= first < MAX_YEAR:
            return TimeExpr(text, datetime.date(first, 9, 1), datetime.date(second, 8, 31), False, None)
    kind = "unknown"
    for pattern, build in _GRAMMAR:
        m = pattern.fullmatch(norm)
        if m:
            try:
                return replace(build(m, default_year), text=text)
            except _Reject as exc:  # keep the first specific reason, another rule may fit
                kind = exc.kind if kind == "unknown" else kind
    raise TimeParseError(_MESSAGES[kind].format(text=text))


def find_time(text: str, *, default_year: int | None = None) -> TimeExpr | None:
    """Search a free-text sentence (a target statement or work standard) for the first
    time expression inside it, e.g. '每年的 7 月 20 日前完成秋季学期教学进程表的备案' → recurring
    yearly 07-20.  Returns None if there is none.  TimeExpr.text is then the matched substring.

    The longest match at the earliest position wins.  Matches that name no real date, and
    year-less ones (9月底) when default_year is None, are skipped rather than raised.
    """
    norm, origin = _normalise(text)
    for pos in range(len(norm)):
        best: tuple[int, TimeExpr] | None = None
        for pattern, build in _GRAMMAR:
            m = pattern.match(norm, pos)
            if not m or m.end() <= pos or (best and m.end() <= best[0]):
                continue
            try:
                expr = build(m, default_year)
            except _Reject:
                continue
            best = m.end(), replace(expr, text=text[origin[pos]:origin[m.end() - 1] + 1])
        if best:
            return best[1]
    return None
