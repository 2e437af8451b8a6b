"""Reading survey exports: encodings, header forms, option words, xlsx, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import openpyxl
import pytest

from zhengai.load.instruments import SurveyError
from zhengai.models.people import Instrument
from zhengai.survey.responses import header_keys, read_responses

from .conftest import WriteCsv

ROW = ["S01", "一班", 5, 2, 3, 1, 4, 4]


def test_csv_utf8_bom(mini: Instrument, write_csv: WriteCsv) -> None:
    table = read_responses(write_csv([ROW]), mini)
    assert table.ids == ["S01"] and table.groups == {"class": ["一班"]}
    assert table.values.tolist() == [[5, 2, 3, 1, 4, 4]]
    assert table.item_ids == ["a1", "a2", "a3", "a4", "b1", "b2"]


def test_csv_gbk(mini: Instrument, write_csv: WriteCsv) -> None:
    header = ["学号", "班级", "1、我按时上课", "2、我经常迟到", "我掌握专业技能（单选题）", "Ａ４", "b1", "B2"]
    path = write_csv([["S01", "一班", "完全符合", "比较不符合", "一般", "A.完全不符合", 4, 4]], header=header,
                     encoding="gbk")
    table = read_responses(path, mini)
    assert table.values.tolist() == [[5, 2, 3, 1, 4, 4]]
    assert table.invalid == []


def test_tab_separated_and_numbered_headers(mini: Instrument, tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("序号\t学号\t1、我按时上课\t2、我经常迟到\ta3\ta4\tb1\tb2\n1\tS01\t5\t2\t3\t1\t4\t4\n", encoding="utf-8")
    table = read_responses(path, mini)
    assert table.ids == ["S01"]  # 学号 wins over 问卷星's 序号
    assert "序号" in table.ignored


def test_xlsx_with_a_title_row(mini: Instrument, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "答卷"
    ws.append(["2026年学生发展自测"])
    ws.append(["学号", "姓名", "专业", "a1", "a2", "a3", "a4", "b1", "b2"])
    ws.append([20240101, "张三", "机电一体化技术", 5, 2, 3, 1, 4, 4])
    ws.append([20240102, "李四", "机电一体化技术", 5, 2, 9, 1, 4, 4])
    path = tmp_path / "r.xlsx"
    book.save(path)
    table = read_responses(path, mini)
    assert table.ids == ["20240101", "20240102"]
    assert table.rows == [3, 4]
    assert table.groups == {"program": ["机电一体化技术", "机电一体化技术"]}
    assert "姓名" in table.ignored  # names are never read
    (bad,) = table.invalid
    assert (bad.item, bad.raw, bad.where) == ("a3", "9", "答卷!F4")
    assert np.isnan(table.values[1, 2])


def test_header_keys() -> None:
    assert "我按时上课" in header_keys("12、我按时上课（单选题）")
    assert "学号" in header_keys("3. 您的学号")
    assert "q01" in header_keys("Ｑ０１")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (["学号", "a1", "a2", "a3", "a4", "b1"], "缺少问卷“测试问卷”的题目列：b2"),
        (["学号", "a1", "a1", "a2", "a3", "a4", "b1", "b2"], "题目 a1 对应了两列（第 2 列 与 第 3 列）"),
        (["姓名", "a1", "a2", "a3", "a4", "b1", "b2"], "找不到答卷人编号列"),
        (["学号", "甲", "乙"], "没有与问卷“测试问卷”题目对应的表头"),
    ],
)
def test_unusable_files_raise_a_clear_message(
    mini: Instrument, write_csv: WriteCsv, header: list[str], message: str,
) -> None:
    path = write_csv([["S01"] + [3] * (len(header) - 1)], header=header)
    with pytest.raises(SurveyError, match=message):
        read_responses(path, mini)


def test_header_only(mini: Instrument, write_csv: WriteCsv) -> None:
    with pytest.raises(SurveyError, match="只有表头，没有答卷数据"):
        read_responses(write_csv([]), mini)


def test_not_a_workbook(mini: Instrument, tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    path.write_text("<html>not a workbook</html>", encoding="utf-8")
    with pytest.raises(SurveyError):
        read_responses(path, mini)
    old = tmp_path / "r.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(SurveyError):
        read_responses(old, mini)
    with pytest.raises(SurveyError, match="只支持"):
        read_responses(tmp_path / "mini.yaml", mini)
