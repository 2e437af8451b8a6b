"""Cells, headers and sheet reading: dates, serial numbers, 1904, merges, notes, mapping."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import Workbook

from tests.excel.seed_tables import LEFT, UP, put
from zhengai.excel.cells import (
    from_serial,
    numbered_prefix,
    render_date,
    render_number,
    split_numbered,
    split_owners,
)
from zhengai.excel.errors import ExcelError
from zhengai.excel.headers import load_mapping, synonyms
from zhengai.excel.importers import ImportOptions, import_workbook

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def book(
    tmp_path: Path,
    rows: list[list[Any]],
    *,
    name: str = "t.xlsx",
    date1904: bool = False,
    sheet: str = "Sheet1",
) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = sheet
    if date1904:
        wb.epoch = dt.datetime(1904, 1, 1)  # openpyxl writes workbookPr date1904
    put(ws, rows)
    path = tmp_path / name
    wb.save(path)
    return path


def tasks_of(path: Path, **options: Any) -> tuple[list[dict[str, Any]], Any]:
    result = import_workbook(path, ImportOptions(**options))
    data = yaml.safe_load(result.documents[0].text())
    return data.get("tasks", []), result


# ---------------------------------------------------------------- cells


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("1.专业建设规划 2.专业人才培养方案", ["专业建设规划", "专业人才培养方案"]),
        ("1、规划文本\n2、制度文本\n3、系统", ["规划文本", "制度文本", "系统"]),
        ("（1）遵循原则；（2）按期完成", ["遵循原则", "按期完成"]),
        ("①学院文件②系部文件", ["学院文件", "系部文件"]),
        ("2017.9", None),
        ("7.1/7.3/7.4", None),
        ("1.专业建设规划", None),
        ("第1项 第2项", None),
    ],
)
def test_split_numbered(text: str, items: list[str] | None) -> None:
    assert split_numbered(text) == items


@pytest.mark.parametrize(
    ("text", "owners"),
    [
        ("教务处、各系（部）", ["教务处", "各系（部）"]),
        ("党政办 组织人事处", ["党政办", "组织人事处"]),
        ("党政办\n组织人事处", ["党政办", "组织人事处"]),
        ("组织人事处，各职能部门；二级教学单位", ["组织人事处", "各职能部门", "二级教学单位"]),
        ("原承担各项\n项目建设任务的\n职能部门", ["原承担各项项目建设任务的职能部门"]),
        ("教务处（各系）", ["教务处（各系）"]),
    ],
)
def test_split_owners(text: str, owners: list[str]) -> None:
    assert split_owners(text) == owners


def test_origin_cell() -> None:
    from zhengai.models.common import Origin

    assert Origin(file="a.xlsx", sheet="附表", row=7, columns={"deadline": "F"}).cell("deadline") == "附表!F7"
    assert Origin(sheet="Sheet 1", row=12).cell("owner") == "'Sheet 1'!12:12"


def test_numbered_prefix() -> None:
    assert numbered_prefix("1.1.1 质量目标与定位") == ("1.1.1", "质量目标与定位")
    assert numbered_prefix("4.1.10制定教师发展诊改制度") == ("4.1.10", "制定教师发展诊改制度")
    assert numbered_prefix("2017.9 完成") == (None, "2017.9 完成")


def test_serial_dates_1900_and_1904() -> None:
    assert from_serial(42979).date() == dt.date(2017, 9, 1)
    assert from_serial(42979 - 1462, date1904=True).date() == dt.date(2017, 9, 1)
    assert from_serial(59).date() == dt.date(1900, 2, 28)
    assert from_serial(61).date() == dt.date(1900, 3, 1)  # day 60 is Excel's fictitious 1900-02-29


@pytest.mark.parametrize(
    ("fmt", "shown"),
    [
        ('yyyy"年"m"月"', "2017年9月"),
        ("yyyy.m", "2017.9"),
        ("yyyy-mm-dd", "2017-09-01"),
        (None, "2017-09-01"),
        ('[$-804]yyyy"年"m"月"d"日";@', "2017年9月1日"),
        ("m/d/yyyy h:mm", "9/1/2017 8:05"),
    ],
)
def test_render_date(fmt: str | None, shown: str) -> None:
    value = dt.datetime(2017, 9, 1, 8, 5) if fmt and "h" in fmt else dt.datetime(2017, 9, 1)
    assert render_date(value, fmt) == shown


def test_render_number() -> None:
    assert render_number(2018.1, "0.00") == "2018.10"
    assert render_number(3.0, None) == "3"
    assert render_number(0.1 + 0.2, None) == "0.3"
    assert render_number(0.853, "0.0%") == "85.3%"
    assert render_number(1234.5, "#,##0") == "1234"


# ---------------------------------------------------------------- headers


@pytest.mark.parametrize(
    "header",
    [
        "完成时间",
        "完成 时间",
        "完成\n时间",
        "完成时间（年月）",
        "完成时间(年月)",
        "*完成时间",
        "\u3000完成时间\u3000",
        "完成\u200b时间",
    ],
)
def test_header_variants(header: str) -> None:
    assert synonyms().role(header) == "deadline"


def test_full_width_header(tmp_path: Path) -> None:
    rows = [
        ["建设 内容", "完成\n时间", "责任单位", "考核依据（成果）"],
        ["设立机构", "２０１７．９", "组织人事处", "文件"],
    ]
    tasks, _ = tasks_of(book(tmp_path, rows))
    assert tasks[0]["deadline"] == "２０１７．９" and tasks[0]["owner"] == ["组织人事处"]
    assert tasks[0]["evidence"] == ["文件"]


# ---------------------------------------------------------------- values


def test_serial_number_in_deadline_column(tmp_path: Path) -> None:
    rows = [["建设内容", "完成时间", "责任部门"], ["设立机构", 42979, "组织人事处"]]
    tasks, result = tasks_of(book(tmp_path, rows))
    assert tasks[0]["deadline"] == "2017-09-01"
    assert any("日期序列号" in w and "Sheet1!B2" in w for w in result.report.warnings)


def test_1904_workbook(tmp_path: Path) -> None:
    rows = [
        ["建设内容", "完成时间", "责任部门"],
        ["设立机构", (dt.datetime(2017, 9, 1), "yyyy-mm-dd"), "组织人事处"],
        ["成立小组", 42979 - 1462, "教务处"],
    ]
    path = book(tmp_path, rows, date1904=True)
    tasks, result = tasks_of(path)
    assert tasks[0]["deadline"] == "2017-09-01"
    assert tasks[1]["deadline"] == "2017-09-01"
    assert any("1904" in w for w in result.report.warnings)


def test_number_that_lost_its_zero_is_warned(tmp_path: Path) -> None:
    rows = [["建设内容", "完成时间", "责任部门"], ["设立机构", 2018.1, "组织人事处"]]
    tasks, result = tasks_of(book(tmp_path, rows))
    assert tasks[0]["deadline"] == "2018.1"
    assert any("2018.10" in w for w in result.report.warnings)


def test_unparseable_deadline_is_kept_and_warned(tmp_path: Path) -> None:
    rows = [["建设内容", "完成时间", "责任部门"], ["设立机构", "尽快完成", "组织人事处"]]
    tasks, result = tasks_of(book(tmp_path, rows))
    assert tasks[0]["deadline"] == "尽快完成"
    assert any("无法识别" in w for w in result.report.warnings)


def test_values_hidden_under_a_merge_are_reported(tmp_path: Path) -> None:
    path = book(
        tmp_path,
        [
            ["建设内容", "完成时间", "责任部门"],
            ["设立机构", "2017.9", "组织人事处"],
            ["成立小组", "2017.9", "教务处"],
        ],
    )
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.active
    assert ws is not None
    ws["C3"] = "藏起来的值"
    ws.merge_cells("C2:C3")  # openpyxl keeps C3's value in the file? it does not: write raw below
    wb.save(path)
    # openpyxl drops covered values, so write one back into the XML directly
    import io
    import zipfile

    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
        members = {i.filename: z.read(i) for i in z.infolist()}
    xml = xml.replace('<c r="C3"/>', '<c r="C3" t="inlineStr"><is><t>藏起来的值</t></is></c>')
    if "藏起来的值" not in xml:
        xml = xml.replace(
            "</row></sheetData>",
            '<c r="C3" t="inlineStr"><is><t>藏起来的值</t></is></c></row></sheetData>',
        )
    members["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    tasks, result = tasks_of(path)
    assert tasks[1]["owner"] == ["组织人事处"]  # the merge anchor reaches row 3
    entry = next(e for e in result.report.entries if e.text == "藏起来的值")
    assert entry.cell == "C3" and "合并" in entry.destination
    assert any("Sheet1!C3" in w for w in result.report.warnings)


# ---------------------------------------------------------------- layout


def test_totals_notes_and_blank_rows(tmp_path: Path) -> None:
    rows = [
        ["2020年 教务处 工作任务表", LEFT, LEFT],
        ["工作任务", "完成时限", "责任部门"],
        ["修订人才培养方案", "2020.6", "教务处"],
        [None, None, None],
        ["建设课程标准", "2020.9", "教务处"],
        ["合计", "2 项", None],
        ["注：本表由教务处填报。", LEFT, LEFT],
        ["教务处（盖章）", None, None],
    ]
    tasks, result = tasks_of(book(tmp_path, rows))
    assert [t["title"] for t in tasks] == ["修订人才培养方案", "建设课程标准"]
    data = yaml.safe_load(result.documents[0].text())
    assert data["year"] == 2020
    assert data["notes"] == [
        "2020年 教务处 工作任务表",
        "合计 2 项",
        "注：本表由教务处填报。",
        "教务处（盖章）",
    ]


def test_unmapped_and_headerless_columns_go_to_extra(tmp_path: Path) -> None:
    rows = [["建设内容", "完成时间", "备注", None], ["设立机构", "2017.9", "重点", "旁注"]]
    tasks, result = tasks_of(book(tmp_path, rows))
    assert tasks[0]["extra"] == {"备注": "重点", "列D": "旁注"}
    dest = {e.cell: e.destination for e in result.report.entries}
    assert dest["C2"] == "/tasks/0/extra/备注" and dest["D2"] == "/tasks/0/extra/列D"


def test_generic_two_row_header(tmp_path: Path) -> None:
    rows = [
        ["建设任务", "年度计划", LEFT, "责任部门"],
        [UP, "2019年", "2020年", UP],
        ["建设课程标准", "制定", "实施", "教务处"],
    ]
    tasks, _ = tasks_of(book(tmp_path, rows))
    assert tasks[0]["extra"] == {"年度计划/2019年": "制定", "年度计划/2020年": "实施"}
    assert tasks[0]["owner"] == ["教务处"]


def test_mapping_file_overrides(tmp_path: Path) -> None:
    mapping = tmp_path / "map.yaml"
    mapping.write_text(
        "headers:\n  牵头处室: owner\n  备注: extra\n  年份: extra\nid_prefix: JWC\n"
        "defaults:\n  class: C\n  year: 2021\n",
        encoding="utf-8",
    )
    rows = [["事项", "牵头处室", "完成时间", "备注"], ["备课检查", "教务处", "每月", "常规"]]
    path = book(tmp_path, rows)
    with pytest.raises(ExcelError, match="无法判断"):
        import_workbook(path)
    loaded = load_mapping(mapping)
    tasks, result = tasks_of(path, mapping=loaded, kind="tasks")
    # 事项 is unknown, so the first hierarchy column is missing: the row becomes a note
    assert tasks == [] and any("没有任务名称" in w for w in result.report.warnings)
    mapping.write_text(
        "headers:\n  事项: work\n  牵头处室: owner\nid_prefix: JWC\ndefaults:\n  class: C\n"
        "  year: 2021\n",
        encoding="utf-8",
    )
    tasks, result = tasks_of(path, mapping=load_mapping(mapping))
    assert (
        tasks[0]["title"] == "备课检查" and tasks[0]["class"] == "C" and tasks[0]["id"] == "JWC-R2"
    )
    assert tasks[0]["owner"] == ["教务处"] and tasks[0]["extra"] == {"备注": "常规"}
    assert "year: 2021" in result.documents[0].text()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("headers: [1, 2]\n", "headers"),
        ("headers:\n  牵头处室: boss\n", "角色“boss”无效"),
        ("kind: plans\n", "kind"),
        ("nonsense: 1\n", "nonsense"),
        (": : :\n", "不是有效的"),
    ],
)
def test_bad_mapping_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ExcelError, match=message):
        load_mapping(path)


def test_legacy_xls(tmp_path: Path) -> None:
    tasks, result = tasks_of(FIXTURES / "legacy_tasks.xls")
    assert [t["title"] for t in tasks] == [
        "设立质量保证机构、明确各岗位职责",
        "明确学院各部门及岗位职责",
        "建设校本数据平台",
    ]
    assert tasks[1]["levels"][0]["content"] == "健全组织"  # merged in the .xls
    assert tasks[1]["deadline"] == "2017-09-30"
    assert tasks[2]["deadline"] == "2017.12"
    assert result.report.errors == []


def test_several_sheets_and_sheet_option(tmp_path: Path) -> None:
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = "教务处"
    first.append(["工作任务", "完成时限"])
    first.append(["修订方案", "2020.6"])
    second = wb.create_sheet("学生处")
    second.append(["工作任务", "完成时限"])
    second.append(["新生教育", "2020.9"])
    wb.create_sheet("空表")
    hidden = wb.create_sheet("下拉列表")
    hidden.append(["教务处"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "multi.xlsx"
    wb.save(path)
    result = import_workbook(path)
    assert [d.sheets for d in result.documents] == [["教务处"], ["学生处"]]
    assert any("空表" in w for w in result.report.warnings)
    assert any("下拉列表" in w for w in result.report.warnings)
    only = import_workbook(path, ImportOptions(sheet="学生处"))
    assert len(only.documents) == 1 and "新生教育" in only.documents[0].text()
    with pytest.raises(ExcelError, match="没有名为“财务处”的工作表"):
        import_workbook(path, ImportOptions(sheet="财务处"))
    with pytest.raises(ExcelError, match="空表"):
        import_workbook(path, ImportOptions(sheet="空表"))


def test_observations_sheet(tmp_path: Path) -> None:
    rows = [
        ["编号", "期间", "数值", "符合度", "数据来源", "说明", "填报人"],
        ["Q-EMP", "2024", 95.2, None, "7.1", None, "张三"],
        ["Q-PLAN", "2024", None, "基本符合", None, "规划已印发", None],
    ]
    result = import_workbook(book(tmp_path, rows))
    data = yaml.safe_load(result.documents[0].text())
    assert result.documents[0].kind == "observations"
    assert data["observations"][0] == {
        "ref": "Q-EMP",
        "period": "2024",
        "value": 95.2,
        "source": "7.1",
        "note": "填报人：张三",
    }
    assert data["observations"][1]["conformity"] == "基本符合"


def test_targets_sheet(tmp_path: Path) -> None:
    rows = [
        ["XX专业建设规划目标", LEFT, LEFT, LEFT],
        ["编号", "层面", "目标表述", "责任部门"],
        ["T-1", "专业", "到2025年建成省级高水平专业群1个", "教务处"],
    ]
    result = import_workbook(book(tmp_path, rows))
    data = yaml.safe_load(result.documents[0].text())
    assert data["kind"] == "plan" and data["title"] == "XX专业建设规划目标"
    assert data["targets"][0]["id"] == "T-1" and data["targets"][0]["level"] == "program"


def test_mapping_header_row(tmp_path: Path) -> None:
    rows = [
        ["说明：本表由各部门填写", None, None],
        ["事项", "牵头处室", "备注"],
        ["备课检查", "教务处", "每月"],
    ]
    path = book(tmp_path, rows)
    mapping = tmp_path / "m.yaml"
    mapping.write_text(
        "kind: tasks\nheader_row: 2\nheaders: {事项: work}\ndefaults: {year: 2021}\n",
        encoding="utf-8",
    )
    tasks, result = tasks_of(path, mapping=load_mapping(mapping))
    assert tasks[0]["title"] == "备课检查"
    assert tasks[0]["extra"] == {"牵头处室": "教务处", "备注": "每月"}
    assert yaml.safe_load(result.documents[0].text())["notes"] == ["说明：本表由各部门填写"]
