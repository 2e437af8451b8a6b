"""Tests for zhengai.models.timeexpr: every expected date below is worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest

from zhengai.models.timeexpr import TimeExpr, TimeParseError, find_time, parse_time

D = date

# (text, default_year, start, end, recurring).  Seed wordings are marked "seed".
PARSE_CASES: list[tuple[str, int | None, date | None, date, bool]] = [
    # year-month: the whole month, due on its last day
    ("2017.9", None, D(2017, 9, 1), D(2017, 9, 30), False),  # seed
    ("2017.7", None, D(2017, 7, 1), D(2017, 7, 31), False),  # seed
    ("2016.9", None, D(2016, 9, 1), D(2016, 9, 30), False),  # seed
    ("2017.09", None, D(2017, 9, 1), D(2017, 9, 30), False),
    ("2019.06", None, D(2019, 6, 1), D(2019, 6, 30), False),  # seed
    ("2019.02", None, D(2019, 2, 1), D(2019, 2, 28), False),  # seed
    ("2017-9", None, D(2017, 9, 1), D(2017, 9, 30), False),
    ("2017/9", None, D(2017, 9, 1), D(2017, 9, 30), False),
    ("2018. 10", None, D(2018, 10, 1), D(2018, 10, 31), False),  # seed
    ("２０１８．１０", None, D(2018, 10, 1), D(2018, 10, 31), False),  # full-width
    ("2018年3月", None, D(2018, 3, 1), D(2018, 3, 31), False),
    ("2018年3月底", None, D(2018, 3, 1), D(2018, 3, 31), False),
    ("2018年3月底前", None, D(2018, 3, 1), D(2018, 3, 31), False),
    ("2018年3月前", None, D(2018, 3, 1), D(2018, 3, 31), False),
    ("2018年12月中旬", None, D(2018, 12, 11), D(2018, 12, 20), False),
    ("2018年12月上旬", None, D(2018, 12, 1), D(2018, 12, 10), False),
    ("2018年12月下旬", None, D(2018, 12, 21), D(2018, 12, 31), False),
    # exact dates
    ("2025年6月30日", None, D(2025, 6, 30), D(2025, 6, 30), False),
    ("2025.6.30", None, D(2025, 6, 30), D(2025, 6, 30), False),
    ("2025-06-30", None, D(2025, 6, 30), D(2025, 6, 30), False),
    ("2025/6/30", None, D(2025, 6, 30), D(2025, 6, 30), False),
    ("2025年6月30日前", None, D(2025, 6, 30), D(2025, 6, 30), False),
    ("2024年2月29日", None, D(2024, 2, 29), D(2024, 2, 29), False),  # leap year
    # years and parts of years
    ("2017年", None, D(2017, 1, 1), D(2017, 12, 31), False),  # seed (column header)
    ("2017", None, D(2017, 1, 1), D(2017, 12, 31), False),
    ("2017年底", None, D(2017, 1, 1), D(2017, 12, 31), False),
    ("2017年末", None, D(2017, 1, 1), D(2017, 12, 31), False),
    ("2017年年底", None, D(2017, 1, 1), D(2017, 12, 31), False),
    ("截至2025年底", None, D(2025, 1, 1), D(2025, 12, 31), False),
    ("2017年初", None, D(2017, 1, 1), D(2017, 3, 31), False),
    ("2017年中", None, D(2017, 1, 1), D(2017, 6, 30), False),
    ("2018年第三季度", None, D(2018, 7, 1), D(2018, 9, 30), False),
    ("2018年Q4", None, D(2018, 10, 1), D(2018, 12, 31), False),
    # no year in the text: default_year
    ("年中", 2025, D(2025, 1, 1), D(2025, 6, 30), False),
    ("上半年", 2025, D(2025, 1, 1), D(2025, 6, 30), False),
    ("下半年", 2025, D(2025, 7, 1), D(2025, 12, 31), False),
    ("第三季度", 2025, D(2025, 7, 1), D(2025, 9, 30), False),
    ("三季度", 2025, D(2025, 7, 1), D(2025, 9, 30), False),
    ("一季度", 2024, D(2024, 1, 1), D(2024, 3, 31), False),
    ("Q3", 2025, D(2025, 7, 1), D(2025, 9, 30), False),
    ("9月", 2025, D(2025, 9, 1), D(2025, 9, 30), False),
    ("9月底", 2025, D(2025, 9, 1), D(2025, 9, 30), False),
    ("2月底", 2024, D(2024, 2, 1), D(2024, 2, 29), False),
    ("7月20日前", 2025, D(2025, 7, 20), D(2025, 7, 20), False),
    ("年底", 2025, D(2025, 1, 1), D(2025, 12, 31), False),
    # spans between two dated points
    ("2018.12~2020.12", None, D(2018, 12, 1), D(2020, 12, 31), False),
    ("2018.12 ~ 2020.12", None, D(2018, 12, 1), D(2020, 12, 31), False),  # seed
    ("2018年12月至2020年12月", None, D(2018, 12, 1), D(2020, 12, 31), False),
    ("2018.9-2019.1", None, D(2018, 9, 1), D(2019, 1, 31), False),
    ("2018~2020.12", None, D(2018, 1, 1), D(2020, 12, 31), False),
    # bare year ranges: due every 12-31
    ("2018~2020", None, D(2018, 1, 1), D(2020, 12, 31), True),
    ("2018~ 2020", None, D(2018, 1, 1), D(2020, 12, 31), True),  # seed
    ("2017-2020", None, D(2017, 1, 1), D(2020, 12, 31), True),  # seed
    ("2018-2020年", None, D(2018, 1, 1), D(2020, 12, 31), True),
    ("2018—2020", None, D(2018, 1, 1), D(2020, 12, 31), True),
    ("2018——2020", None, D(2018, 1, 1), D(2020, 12, 31), True),
    ("2018～2020", None, D(2018, 1, 1), D(2020, 12, 31), True),
    ("2018年至2020年", None, D(2018, 1, 1), D(2020, 12, 31), True),
    # year range with a point inside each year
    ("2017-2020年初", None, D(2017, 1, 1), D(2020, 3, 31), True),  # seed
    ("2017-2020 每年12月底", None, D(2017, 12, 1), D(2020, 12, 31), True),  # seed
    ("2017-2020 每年12月中旬", None, D(2017, 12, 11), D(2020, 12, 20), True),  # seed
    ("2017-2020年每年12月", None, D(2017, 12, 1), D(2020, 12, 31), True),
    ("2018~2020年12月", None, D(2018, 12, 1), D(2020, 12, 31), True),
    # 每年…: unbounded, end is the due date in default_year
    ("每年11月", 2017, None, D(2017, 11, 30), True),  # seed
    ("每年11月", None, None, D(1, 11, 30), True),  # no reference year: only month/day count
    ("每年12月", 2018, None, D(2018, 12, 31), True),  # seed
    ("每年12月底", 2018, None, D(2018, 12, 31), True),
    ("每年的12月底前", 2018, None, D(2018, 12, 31), True),
    ("每年2月 月底前", 2024, None, D(2024, 2, 29), True),  # seed, leap year
    ("每年2月月底前", 2025, None, D(2025, 2, 28), True),
    ("每年的7月20日前", 2019, None, D(2019, 7, 20), True),
    ("每年的 7 月 20 日前", 2019, None, D(2019, 7, 20), True),
    ("每年1月份", 2020, None, D(2020, 1, 31), True),
    ("每年", 2020, None, D(2020, 12, 31), True),
    ("每年年底前", 2020, None, D(2020, 12, 31), True),
    ("每年上半年", 2020, None, D(2020, 6, 30), True),
    ("每年第三季度", 2020, None, D(2020, 9, 30), True),
    ("每年、每阶段、每过程", 2020, None, D(2020, 12, 31), True),  # seed: leading 每年 only
    # 2018年起: open towards the future, due in default_year but never before 2018
    ("2018年起每年12月", None, D(2018, 12, 1), D(2018, 12, 31), True),  # seed
    ("2018年起每年11月", None, D(2018, 11, 1), D(2018, 11, 30), True),  # seed
    ("2018年起，每年12月", 2020, D(2018, 12, 1), D(2020, 12, 31), True),
    ("自2018年起每年12月", 2016, D(2018, 12, 1), D(2018, 12, 31), True),
    # other periods
    ("每学期", 2020, None, D(2020, 7, 31), True),
    ("每学期末", 2020, None, D(2020, 7, 31), True),
    ("每月", 2020, None, D(2020, 12, 31), True),
    ("每季度", 2020, None, D(2020, 12, 31), True),
]


@pytest.mark.parametrize(("text", "default_year", "start", "end", "recurring"), PARSE_CASES)
def test_parse_time(text: str, default_year: int | None, start: date | None, end: date,
                    recurring: bool) -> None:
    expr = parse_time(text, default_year=default_year)
    assert (expr.text, expr.start, expr.end, expr.recurring) == (text, start, end, recurring)


@pytest.mark.parametrize(("text", "years", "from_year"), [
    ("2018~2020", (2018, 2019, 2020), None),
    ("2017-2020年初", (2017, 2018, 2019, 2020), None),
    ("2017-2020 每年12月底", (2017, 2018, 2019, 2020), None),
    ("每年11月", None, None),
    ("2018年起每年12月", None, 2018),
    ("2017.9", None, None),
])
def test_year_bounds(text: str, years: tuple[int, ...] | None, from_year: int | None) -> None:
    expr = parse_time(text)
    assert (expr.years, expr.from_year) == (years, from_year)


@pytest.mark.parametrize(("text", "first", "last", "expected"), [
    ("2017.9", 2017, 2017, [D(2017, 9, 30)]),
    ("2017.9", 2018, 2020, []),
    ("2018.12~2020.12", 2018, 2019, []),  # due once, at its end
    ("2018.12~2020.12", 2020, 2020, [D(2020, 12, 31)]),
    ("2018~2020", 2015, 2030, [D(2018, 12, 31), D(2019, 12, 31), D(2020, 12, 31)]),
    ("2018~2020", 2019, 2019, [D(2019, 12, 31)]),
    ("2018~2020", 2021, 2025, []),
    ("2018~2020", 2020, 2018, []),  # reversed bounds
    ("2017-2020年初", 2000, 2100,
     [D(2017, 3, 31), D(2018, 3, 31), D(2019, 3, 31), D(2020, 3, 31)]),
    ("每年2月月底前", 2023, 2025, [D(2023, 2, 28), D(2024, 2, 29), D(2025, 2, 28)]),
    ("每年11月", 2021, 2022, [D(2021, 11, 30), D(2022, 11, 30)]),
    ("每年的7月20日前", 2025, 2025, [D(2025, 7, 20)]),
    ("2018年起每年12月", 2016, 2019, [D(2018, 12, 31), D(2019, 12, 31)]),
    ("每学期", 2020, 2021, [D(2020, 1, 31), D(2020, 7, 31), D(2021, 1, 31), D(2021, 7, 31)]),
    ("每季度", 2021, 2021, [D(2021, 3, 31), D(2021, 6, 30), D(2021, 9, 30), D(2021, 12, 31)]),
    ("每月", 2024, 2024, [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30),
                         D(2024, 5, 31), D(2024, 6, 30), D(2024, 7, 31), D(2024, 8, 31),
                         D(2024, 9, 30), D(2024, 10, 31), D(2024, 11, 30), D(2024, 12, 31)]),
])
def test_due_dates(text: str, first: int, last: int, expected: list[date]) -> None:
    assert parse_time(text).due_dates(first, last) == expected


def test_due_dates_of_a_hand_built_expression() -> None:
    # other modules may build a TimeExpr themselves: the due day then comes from end
    expr = TimeExpr("每年6月", None, D(2000, 6, 30), True, (2021, 2023))
    assert expr.due_dates(2020, 2025) == [D(2021, 6, 30), D(2023, 6, 30)]


@pytest.mark.parametrize(("text", "after", "expected"), [
    ("2017.9", D(2017, 9, 30), D(2017, 9, 30)),
    ("2017.9", D(2017, 10, 1), None),
    ("2018~2020", D(2015, 6, 1), D(2018, 12, 31)),
    ("2018~2020", D(2019, 12, 31), D(2019, 12, 31)),
    ("2018~2020", D(2021, 1, 1), None),
    ("每年的7月20日前", D(2025, 7, 20), D(2025, 7, 20)),
    ("每年的7月20日前", D(2025, 7, 21), D(2026, 7, 20)),
    ("每年2月月底前", D(2024, 2, 1), D(2024, 2, 29)),
    ("2018年起每年12月", D(2010, 1, 1), D(2018, 12, 31)),
    ("每学期", D(2025, 2, 1), D(2025, 7, 31)),
    ("每学期", D(2025, 8, 1), D(2026, 1, 31)),
])
def test_next_due(text: str, after: date, expected: date | None) -> None:
    assert parse_time(text).next_due(after) == expected


@pytest.mark.parametrize(("text", "on_or_before", "expected"), [
    ("2017.9", D(2017, 9, 29), None),
    ("2017.9", D(2020, 1, 1), D(2017, 9, 30)),
    ("2018~2020", D(2018, 12, 30), None),
    ("2018~2020", D(2030, 1, 1), D(2020, 12, 31)),
    ("2018~2020", D(2019, 12, 31), D(2019, 12, 31)),
    ("每年的7月20日前", D(2025, 7, 19), D(2024, 7, 20)),
    ("2018年起每年12月", D(2018, 6, 1), None),
    ("2018年起每年12月", D(2022, 3, 1), D(2021, 12, 31)),
    ("每学期", D(2025, 2, 1), D(2025, 1, 31)),
    ("每季度", D(2025, 5, 15), D(2025, 3, 31)),
])
def test_last_due(text: str, on_or_before: date, expected: date | None) -> None:
    assert parse_time(text).last_due(on_or_before) == expected


@pytest.mark.parametrize(("text", "default_year", "reason"), [
    ("", None, "无法识别"),
    ("待定", None, "无法识别"),
    ("长期", None, "无法识别"),
    ("适时", None, "无法识别"),
    ("明年某时", 2025, "无法识别"),
    ("每年某时", 2025, "无法识别"),
    ("每阶段、每年", 2025, "无法识别"),  # only a leading 每年 / 每学期 / 每月 is read
    ("每年、每阶段、其他", 2025, "无法识别"),  # the rest must be 每X words
    ("95%", None, "无法识别"),
    ("培训 2 次", None, "无法识别"),
    ("2018.10.5.1", None, "无法识别"),
    ("2025年2月30日", None, "日期不存在"),
    ("2025年4月31日", None, "日期不存在"),
    ("2025年2月29日", None, "日期不存在"),  # 2025 is not a leap year
    ("2025.13", None, "日期不存在"),
    ("2025.0", None, "日期不存在"),
    ("13月", 2025, "日期不存在"),
    ("每年2月30日", 2025, "日期不存在"),
    ("1800年", None, "年份超出"),
    ("2101", None, "年份超出"),
    ("2020~2018", None, "起止时间颠倒"),
    ("2020.12~2018.12", None, "起止时间颠倒"),
    ("9月", None, "缺少年份"),
    ("9月底", None, "缺少年份"),
    ("7月20日前", None, "缺少年份"),
    ("年底", None, "缺少年份"),
    ("第三季度", None, "缺少年份"),
    ("上半年", None, "缺少年份"),
])
def test_errors_quote_the_text(text: str, default_year: int | None, reason: str) -> None:
    with pytest.raises(TimeParseError) as caught:
        parse_time(text, default_year=default_year)
    message = str(caught.value)
    assert f"“{text}”" in message
    assert reason in message


def test_unknown_message_in_full() -> None:
    with pytest.raises(ValueError) as caught:  # TimeParseError is a ValueError
        parse_time("长期")
    assert str(caught.value) == (
        "无法识别的时间表达：“长期”。"
        "请写成 2025.6、2025年6月30日、每年12月 或 2021~2025 之类的形式。"
    )


# (sentence, default_year, matched text, start, end, recurring)
FIND_CASES: list[tuple[str, int | None, str, date | None, date, bool]] = [
    ("2025年6月底前完成专业人才培养方案修订", None, "2025年6月底前",
     D(2025, 6, 1), D(2025, 6, 30), False),
    ("每年的 7 月 20 日前完成秋季学期教学进程表的备案", 2025, "每年的 7 月 20 日前",
     None, D(2025, 7, 20), True),  # seed
    ("每年的 8 月 20 日前完成教学进程表的汇编", 2025, "每年的 8 月 20 日前",
     None, D(2025, 8, 20), True),  # seed
    ("每年 6 月份开展五个层面中期检查, 覆盖率达 100%。", 2021, "每年 6 月份",
     None, D(2021, 6, 30), True),  # seed
    ("每月对各部门工作进行目标评价", 2021, "每月", None, D(2021, 12, 31), True),  # seed
    ("编制学院年度工作总结，2017-2020 每年12月底", None, "2017-2020 每年12月底",
     D(2017, 12, 1), D(2020, 12, 31), True),
    ("2018.12 ~ 2020.12 执行规划年度任务", None, "2018.12 ~ 2020.12",  # longest match
     D(2018, 12, 1), D(2020, 12, 31), False),
    ("于2018年3月前完成", None, "2018年3月前", D(2018, 3, 1), D(2018, 3, 31), False),
    ("9月底前提交自评报告", 2025, "9月底前", D(2025, 9, 1), D(2025, 9, 30), False),
    ("2017年中国高职教育质量年度报告", None, "2017年", D(2017, 1, 1), D(2017, 12, 31), False),
    ("于2018年初步建成数据平台", None, "2018年", D(2018, 1, 1), D(2018, 12, 31), False),
    ("建成率达到95%，2019.06完成", None, "2019.06", D(2019, 6, 1), D(2019, 6, 30), False),
]


@pytest.mark.parametrize(("sentence", "default_year", "matched", "start", "end", "recurring"),
                         FIND_CASES)
def test_find_time(sentence: str, default_year: int | None, matched: str, start: date | None,
                   end: date, recurring: bool) -> None:
    expr = find_time(sentence, default_year=default_year)
    assert expr is not None
    assert (expr.text, expr.start, expr.end, expr.recurring) == (matched, start, end, recurring)


def test_find_time_recurring_due_dates() -> None:
    expr = find_time("每年的 7 月 20 日前完成秋季学期教学进程表的备案")
    assert expr is not None and expr.years is None
    assert expr.due_dates(2024, 2025) == [D(2024, 7, 20), D(2025, 7, 20)]


@pytest.mark.parametrize(("sentence", "default_year"), [
    ("建设文明、平安、幸福校园", 2025),
    ("毕业生就业率达到95%", 2025),
    ("培训 2 次", 2025),
    ("汇编出错率为0", 2025),
    ("投入2000万元建设实训基地", 2025),
    ("2017级学生参加测评", 2025),
    ("彻底整改到位", 2025),
    ("明年底前完成", 2025),  # another year than the document's: not guessed
    ("9月底前提交自评报告", None),  # no year and no default_year: nothing usable
    ("", 2025),
])
def test_find_time_none(sentence: str, default_year: int | None) -> None:
    assert find_time(sentence, default_year=default_year) is None


# Chinese numerals in dates: the date lines of official documents (泸州方案 "二〇一九年一月").
CHINESE_CASES: list[tuple[str, int | None, date | None, date, bool]] = [
    ("二〇一九年一月", None, D(2019, 1, 1), D(2019, 1, 31), False),  # seed
    ("二零一九年一月", None, D(2019, 1, 1), D(2019, 1, 31), False),
    ("二〇一九年十一月", None, D(2019, 11, 1), D(2019, 11, 30), False),
    ("二〇一九年十二月三十一日", None, D(2019, 12, 31), D(2019, 12, 31), False),
    ("二〇二〇年二月二十九日", None, D(2020, 2, 29), D(2020, 2, 29), False),
    ("二〇一九年十月二十日前", None, D(2019, 10, 20), D(2019, 10, 20), False),
    ("二〇一九年九月底", None, D(2019, 9, 1), D(2019, 9, 30), False),
    ("二〇一九年", None, D(2019, 1, 1), D(2019, 12, 31), False),
    ("十一月底前", 2019, D(2019, 11, 1), D(2019, 11, 30), False),
    ("每年二月月底前", 2019, None, D(2019, 2, 28), True),
]


@pytest.mark.parametrize(("text", "default_year", "start", "end", "recurring"), CHINESE_CASES)
def test_chinese_numeral_dates(text: str, default_year: int | None, start: date | None, end: date,
                               recurring: bool) -> None:
    expr = parse_time(text, default_year=default_year)
    assert (expr.start, expr.end, expr.recurring) == (start, end, recurring)
    digits = {"二〇一九年一月": "2019年1月", "二〇一九年十二月三十一日": "2019年12月31日"}
    if text in digits:  # the same as the digits
        assert parse_time(digits[text]) == parse_time(text).__class__(
            digits[text], expr.start, expr.end, expr.recurring, expr.years)


def test_chinese_numeral_date_found_in_a_sentence() -> None:
    expr = find_time("本方案自二〇一九年十二月三十一日起施行")
    assert expr is not None
    assert (expr.text, expr.start, expr.end) == ("二〇一九年十二月三十一日", D(2019, 12, 31), D(2019, 12, 31))


@pytest.mark.parametrize("sentence", ["统一月考安排", "十二个月内完成", "第二〇一九号文件"])
def test_chinese_numerals_outside_dates_are_not_dates(sentence: str) -> None:
    assert find_time(sentence, default_year=2020) is None


def test_invalid_chinese_date_is_refused() -> None:
    with pytest.raises(TimeParseError, match="日期不存在"):
        parse_time("二〇一九年二月三十日")
