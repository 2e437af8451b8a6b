"""Build ``fixtures/legacy_tasks.xls`` (BIFF8, old Excel format): run once, commit the result.

``python -m tests.excel.make_xls_fixture`` needs ``xlwt`` (``pip install xlwt``); the tests
only read the committed file, so they run without it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "legacy_tasks.xls"
HEADER = ["建设项目", "建设任务", "建设内容", "完成时间", "考核依据", "责任部门"]


def main() -> None:
    import xlwt  # type: ignore[import-untyped]

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("附表")
    sheet.write_merge(0, 0, 0, 5, "附表 建设实施进程表（旧版 .xls）")
    for c, text in enumerate(HEADER):
        sheet.write(1, c, text)
    sheet.write_merge(2, 3, 0, 0, "健全组织")
    sheet.write_merge(2, 3, 1, 1, "健全组织机构，明确岗位职责")
    sheet.write(2, 2, "设立质量保证机构、明确各岗位职责")
    sheet.write(2, 3, "2017.7")
    sheet.write(2, 4, "设立机构的文件，人员配置")
    sheet.write(2, 5, "组织人事处")
    sheet.write(3, 2, "明确学院各部门及岗位职责")
    sheet.write(3, 3, dt.datetime(2017, 9, 30), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    sheet.write(3, 4, "学院机构设置及岗位职责一览表")
    sheet.write(3, 5, "组织人事处、学院各部门")
    sheet.write(4, 0, "建设数据平台")
    sheet.write(4, 1, "开发实时数据采集平台")
    sheet.write(4, 2, "建设校本数据平台")
    sheet.write(4, 3, 2017.12)
    sheet.write(4, 4, "信息平台")
    sheet.write(4, 5, "党政办 教务处")
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    book.save(str(FIXTURE))
    print(FIXTURE)


if __name__ == "__main__":
    main()
