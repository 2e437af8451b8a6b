"""The seed tables rebuilt as .xlsx files, with their merged cells.

Each table is written in a small notation: a list of rows, one value per column, where
``"^"`` means “merged with the cell above” and ``"<"`` “merged with the cell to the
left”; ``None`` is an empty cell.  A value may be a ``(value, number_format)`` pair.
The texts are the seeds' (``/work/shared/seeds``: 000 Shaoyang 附表, 001 Guangxi 表1,
表2/3, 表5, 表6, 表7, 表10, 002 Luzhou 附1 and 附2).  Where the seed text was mangled by
PDF extraction (cells split over page breaks, columns shifted), the table is rebuilt as
the printed table shows it.  The Guangxi 表1/表3 templates have no data; their
``*_filled`` variants add plausible rows so that the import has something to read.

Run ``python -m tests.excel.seed_tables OUTDIR`` to write them all.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

UP, LEFT = "^", "<"
REFERENCE_YAML = (
    Path(__file__).resolve().parents[2]
    / "zhengai"
    / "data"
    / "reference"
    / "national_diagnosis.yaml"
)


def put(ws: Worksheet, rows: list[list[Any]], top: int = 1, left: int = 1) -> None:
    """Write ``rows`` at (top, left) with the ``^``/``<`` merge notation."""
    anchor_of: dict[tuple[int, int], tuple[int, int]] = {}
    extent: dict[tuple[int, int], list[int]] = {}
    for i, values in enumerate(rows):
        r = top + i
        for j, value in enumerate(values):
            c = left + j
            if value in (UP, LEFT):
                src = (r - 1, c) if value == UP else (r, c - 1)
                anchor = anchor_of[src]
                anchor_of[(r, c)] = anchor
                ext = extent[anchor]
                ext[0], ext[1] = max(ext[0], r), max(ext[1], c)
                continue
            anchor_of[(r, c)] = (r, c)
            extent[(r, c)] = [r, c]
            if value is None:
                continue
            cell = ws.cell(r, c)
            if isinstance(value, tuple):
                cell.value, cell.number_format = value
            else:
                cell.value = value
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    for (r, c), (r1, c1) in extent.items():
        if (r1, c1) != (r, c):
            ws.merge_cells(start_row=r, start_column=c, end_row=r1, end_column=c1)


def _book(title: str) -> tuple[Workbook, Worksheet]:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    return wb, ws


# ---------------------------------------------------------------- Shaoyang 附表

# fmt: off
SY = [
    ["附表 建设实施进程表", LEFT, LEFT, LEFT, LEFT, LEFT],
    ["建设项目", "建设任务", "建设内容", "完成时间", "考核依据", "责任部门"],
    ["健全组织", "健全组织机构，明确岗位职责", "设立质量保证机构、明确各岗位职责", "2017.7", "设立机构的文件，人员配置", "组织人事处"],
    [UP, UP, "明确学院各部门及岗位职责", "2017.7", "学院机构设置及岗位职责一览表", "组织人事处、学院各部门"],
    [UP, "建立学院、系部（部门）、专业（课程）三级质量保证组织，明确职责", "成立学院质量保证委员会", (dt.datetime(2016, 9, 1), 'yyyy.m'), "学院文件", "质量监控部门"],
    [UP, UP, "成立系部质量保证工作组", "2017.6", "系部文件", "各系部"],
    [UP, UP, "成立专业（课程）质量保证小组", "2017.6", None, "系部 教研室"],
    ["完善规划体系", "编修学院规划，形成完整的目标链", "修订学院“十三五”规划", "2017.9", "规划文本", "科研学报部 党政办"],
    [UP, UP, "制定专业建设规划", "2017.9", "规划文本", "教务处 各系"],
    [UP, UP, "制定课程建设规划", "2017.9", "规划文本", "教务处 各系（部） 各教研室"],
    [UP, UP, "制定师资队伍建设规划", "2017.9", "规划文本", "组织人事处 各系（部）"],
    [UP, UP, "制定校园信息化建设规划", "2017.6", "规划文本", "党政办"],
    [UP, UP, "制定校园文化建设规划", "2017.9", "规划文本", "宣传部"],
    [UP, UP, "育人规划（包括创新创业）", "2017.9", "规划文本", "学生处 招生就业处"],
    [UP, UP, "编制年度党政工作要点，并分解工作任务", "2017-2020年初", "年度党政工作要点（文件）", "党政办"],
    [UP, UP, "制定年度目标管理与绩效考核方案", "2017-2020", "绩效考核表与目标管理考核结果", "组织人事处 党政办"],
    [UP, "建立大数据分析预警机制，不断修正目标链，确保完成质量", "建立绩效考核信息化管理系统", (2017.12, '0.00'), "管理系统", "党政办 组织人事处"],
    [UP, UP, "编制学院年度工作总结，说明十三五规划年度执行情况", "2017-2020 每年12月底", "年度工作总结文本", "党政办"],
    [UP, UP, "编制专业建设年度工作总结，说明规划年度执行情况", "2017-2020 每年12月中旬", None, "教务处（各系）"],
    [UP, UP, "编制课程建设年度工作总结，说明规划年度执行情况", UP, None, "教务处（各系部）"],
    [UP, UP, "编制师资队伍建设年度工作总结，说明规划年度执行情况", UP, None, "组织人事处（各系部）"],
    [UP, UP, "编制校园信息化建设年度工作总结，说明规划执行情况", UP, None, "党政办"],
    [UP, UP, "编制校园文化建设年度工作总结，说明规划执行情况", UP, None, "宣传部"],
    [UP, UP, "编制育人工作年度总结，说明规划年度执行情况", UP, None, "学生处 招生就业处"],
    ["建立标准体系", "形成职责-岗位-工作标准关联的系统工作包", "厘清部门管理事项，设计部门管理事项工作流程", "2017.9", "工作流程文本", "学院各部门"],
    [UP, UP, "部门职责具体化为工作，制定岗位工作标准", "2017.9", "部门各岗位工作标准文本", "学院各部门"],
    [UP, "建立专业、课程、教师、学生发展标准体系", "建立专业、课程标准体系", "2017.9", "标准文本", "教务处、各系（部）"],
    [UP, UP, "建立教师发展标准体系", "2017.9", "标准文本", "组织人事处"],
    [UP, UP, "制定企业兼职教师聘用考核标准", "2017.9", "标准文本", "教务处 组织人事处"],
    [UP, UP, "建立学生发展标准", "2017.9", "标准文本", "学生处"],
    [UP, "建设校园质量文化", "建设环境文化", "2017.12", "质量文化景点、标语、文化墙等", "宣传部 后勤处"],
    [UP, UP, "建设制度文化", "2017.12", "制度落地，按章办事的氛围", "党政办、 质量监管部门、 纪检监察室等"],
    [UP, UP, "建设文明、平安、幸福校园", "2017.12", "自律，发自内心的质量意识", "原承担各项 项目建设任务的 职能部门"],
    ["完善制度体系", "厘清部门管理事项，完善内部管理制度，形成内控机制", "废改立学院制度，构建并完善学院制度体系", "2017.12", "制度体系框架和制度汇编", "党政办 各部门"],
    [UP, UP, "制定学院部门绩效考核分配制度", "2017.12", "制度文本", "组织人事处"],
    [UP, UP, "建立质量保证体系运行报告制度", "2017.10", None, "质量监管部门"],
    [UP, UP, "制定专业考核性诊改制度", "2017.10", None, "教务处 各系"],
    [UP, UP, "制定课程考核性诊改制度", "2017.10", None, "教务处 各系部"],
    [UP, UP, "制定教师发展考核性诊改制度", "2017.10", None, "组织人事处 教务处 各系部"],
    [UP, UP, "制定学生发展自测诊改制度", "2017.10", None, "学生处 各系部"],
    [UP, UP, "编制专业课程内部质量保证体系年度自我诊改报告", "每年11月", "报告文本", "教务处 各系部"],
    [UP, UP, "编制教师发展内部质量保证体系年度自我诊改报告", UP, UP, "组织人事处 各系部"],
    [UP, UP, "编制学生发展内部质量保证体系年度自我诊改报告", UP, UP, "学生处 各系部"],
    [UP, UP, "撰写学院内部质量保证体系自我诊改报告", "每年12月", "报告文本", "质量监控部门、各部门"],
    ["建设数据平台", "开发实时数据采集平台，建立校园物联网", "建设校本数据平台", "2017.12", "信息平台", "党政办"],
    [UP, UP, "建立校园网上办事大厅", "2017.12", None, "党政办 相关部门"],
    [UP, UP, "学生考勤系统", "2017.12", "系统运行良好", "党政办 教务处"],
    [UP, UP, "建设移动在线学习资源平台", "2017.12", "学习平台 (网站)", "党政办 教务处"],
    [UP, UP, "建立教师教学工作与教学质量考核评价系统", "2017.12", "系统", "党政办 教务处"],
    [UP, UP, "建立目标管理与绩效考核系统", "2017.12", None, "党政办 组织人事处"],
    [UP, "挖掘平台数据，实现基于数据信息的运行管控", "制定平台信息采集、审核管理、预警制度", "2018.3", "制度文本", "质量监管部门"],
    [UP, UP, "用数据平台信息对培养质量、工作绩效进行分析、诊断与改进", "2018.3", "过程记录", "各部门 全体师生"],
    [None, None, None, None, None, None],
    [None, None, None, None, "邵阳职业技术学院", LEFT],
    [None, None, None, None, "2017年6月13日", LEFT],
    [None, None, None, None, None, None],
    ["发至：院领导 各系（部、院）处（室）", LEFT, LEFT, LEFT, LEFT, LEFT],
    ["邵阳职业技术学院党政办公室", LEFT, LEFT, None, "2017年6月13日印发", LEFT],
]
# fmt: on


def shaoyang(path: Path) -> Path:
    """Shaoyang 2017 附表 建设实施进程表 (sheet 附表)."""
    wb, ws = _book("附表")
    put(ws, SY)
    wb.save(path)
    return path


# ---------------------------------------------------------------- Luzhou 附1

_T = "1.1 健全组织机构，明确职能分工"
# fmt: off
LZ1 = [
    ["附 1 泸州职业技术学院内部质量保证体系建设工作任务一览表", LEFT, LEFT, LEFT, LEFT, LEFT],
    ["类别", "建设任务", "工作", "成果形式", "责任部门", "完成时间"],
    ["1. 健全组织", "1.1 健全组织机构，明确职能分工", "1.1.1调整学院质量保证委员会", "学院文件", "教育督导中心", "2018.10"],
    [UP, UP, "1.1.2明确各部门在质量保障中的职能；厘清各部门在纵向五系统中的归属、职责与权责；明确二级单位—专业团队—课程团队质量保证职责", "部门（包括学院所有职能部门）职责；二级教学单位工作职责", "组织人事处、各职能部门、二级教学单位", "2018.12"],
    [UP, UP, "1.1.3根据部门职责修订完善制定岗位工作标准，形成系统工作包", "纵向五系统的工作包、各部门工作手册", "组织人事处、各职能部门、二级教学单位", "2019.06"],
    ["2. 完善规划", "2.1 基于SWOT分析完善学院规划，形成完整的目标链", "2.1.1调整完善学院“十三五”总规划与专项规划", "规划文本", "综改办", "2018.12"],
    [UP, UP, "2.1.2编制完善建设目标体系，形成目标链", "目标链图", "综改办", "2018.12"],
    [UP, UP, "2.1.3执行规划年度任务、与绩效挂钩", "任务分解表、任务考核表、考核结果", "党政办公室、组织人事处", "2018.12 ~ 2020.12"],
    [UP, "2.2 建立大数据分析机制，不断修正目标链，确保完成质量", "2.2.1建设信息化的绩效考核管理系统", "管理系统", "组织人事处、信息技术中心", "2020.12"],
    [UP, UP, "2.2.2编制学院十三五总规年度执行报告", None, "综改办、高教研究中心", "2018~2020"],
    [UP, UP, "2.2.3编制分项规划执行年度报告", "执行报告文本", "相关职能部门", "2018~2020"],
    ["3. 建立标准", "3.1 年度目标任务考核性诊断标准", "3.1.1制定职能部门综合性目标任务考核标准", "综合性目标任务考核表", "分管领导、职能部门", "每年2月月底前"],
    [UP, UP, "3.1.2制定二级教学单位综合性及专项目标任务考核标准", "综合性目标任务考核表、专项（教学质量工程、科研、学生、招生就业）目标任务考核表", "分管领导、相关职能部门、二级教学单位", "每年2月月底前"],
    [UP, "3.2 建立专业、课程、教师、学生标准系列", "3.2.1建立与完善专业、课程标准系列", None, "教务处", "2019.08"],
    [UP, UP, "3.2.2建立教师发展标准系列", "标准文本", "组织人事处", "2019.08"],
    [UP, UP, "3.2.3制定企业兼职教师等聘用考核标准", UP, UP, "2019.08"],
    [UP, UP, "3.2.4建立学生发展标准", UP, "学生处", "2019.08"],
    ["4. 制定（修改）制度", "4.1 梳理组织机构管控事项，完善内部管理制度并形成内控机制", "4.1.1梳理部门管控事项，优化完善现有管理制度", "制度文本", "各职能部门", "2019.08"],
    [UP, UP, "4.1.2设计部门管控事项工作流程", "流程文本", UP, "2019.08"],
    [UP, UP, "4.1.3梳理现有制度，架构并完善学院的制度体系", "制度体系框架", "纪检监察处", "2019.08"],
    [UP, UP, "4.1.4汇编管理制度与管理流程紧密结合的学院内控制度", "内控制度文本", "纪检监察处", "2019.08"],
    [UP, UP, "4.1.5制定学院组织机构绩效考核性诊断制度", "制度文本", "组织人事处", "2018.12"],
    [UP, UP, "4.1.6建立质量报告制度", UP, "教务处", "2018.12"],
    [UP, UP, "4.1.7建立教学质量诊改制度", UP, "教育督导中心", "2018.12"],
    [UP, UP, "4.1.8制定专业考核性诊断制度", UP, "教务处", "2018.12"],
    [UP, UP, "4.1.9制定课程适时性诊改制度", UP, "教务处", "2018.12"],
    [UP, UP, "4.1.10制定教师发展诊改制度", UP, "组织人事处", "2018.12"],
    [UP, UP, "4.1.11制定学生发展自测诊断制度", UP, "学生处", "2018.12"],
    [UP, UP, "4.1.12编制学院教育质量年度报告", "报告文本", "教务处", "每年12月"],
    [UP, UP, "4.1.13编制专业、课程质量年度报告", UP, "教务处", "2018年起每年12月"],
    [UP, UP, "4.1.14编制教师质量年度报告", UP, "组织人事处", "2018年起每年12月"],
    [UP, UP, "4.1.15编制学生质量年度报告", UP, "学生处", "2018年起每年12月"],
    [UP, UP, "4.1.16编制学院年度教学质量诊改报告", UP, "教育督导中心", "2018年起每年12月"],
    [UP, UP, "4.1.17编制学院年度专业、课程质量诊改报告", UP, "教务处", "2018年起每年12月"],
    [UP, UP, "4.1.18编制学院年度教师发展质量诊改报告", UP, "组织人事处", "2018年起每年12月"],
    [UP, UP, "4.1.19编制学院年度学生发展质量诊改报告", UP, "学生处", "2018年起每年11月"],
    ["5. 建设平台", "5.1 开发过程性采集平台，建立网络物理校园，实现质量监控预警", "5.1.1建设校本数据平台，形成网络物理校园", "信息平台", "信息技术中心", "2018.09"],
    [UP, UP, "5.1.2建立一站式网上事务大厅", None, "信息中心、相关职能部门", "2019.12"],
    [UP, UP, "5.1.3建设教务管理系统", "信息平台", "教务处、信息技术中心", "2018.06"],
    [UP, UP, "5.1.4建设移动与在线学习平台", UP, "教务处、信息技术中心", "2018.09"],
    [UP, UP, "5.1.5开发移动端应用，建立课程教学质量在线跟踪系统", UP, "教育督导中心、信息技术中心", "2018.09"],
    [UP, UP, "5.1.6完善教学质量管理平台", UP, "教育督导中心、信息技术中心", "2019.02"],
    [UP, "5.2 挖掘平台数据，实现基于数据信息的运行", "5.2.1建设大数据分析平台", "信息平台", "信息技术中心", "2020.12"],
    [UP, UP, "5.2.2用数据信息对培养质量、工作绩效分析、诊断和改进", "过程档案", "各部门、二级教学单位、师生员工", "每年、每阶段、每过程"],
]
# fmt: on


def luzhou_tasks(path: Path) -> Path:
    """Luzhou 2019 附1 建设工作任务一览表 (sheet 附1)."""
    wb, ws = _book("附1")
    put(ws, LZ1)
    wb.save(path)
    return path


# ---------------------------------------------------------------- Luzhou 附2


def luzhou_reference_rows() -> list[list[Any]]:
    """附2 rebuilt from the shipped reference data (which was cleaned from the seed)."""
    data = yaml.safe_load(REFERENCE_YAML.read_text(encoding="utf-8"))
    rows: list[list[Any]] = [
        ["附 2 泸州职业技术学院内部质量保证体系诊断项目参考表", LEFT, LEFT, LEFT, LEFT],
        ["诊断项目", "诊断要素", "诊断点", "影响因素参考提示", "数据管理平台相应编号"],
    ]
    for item in data["items"]:
        first_item = True
        for element in item["elements"]:
            first_element = True
            for point in element["points"]:
                rows.append(
                    [
                        f"{item['id']}. {item['name']}" if first_item else UP,
                        f"{element['id']} {element['name']}" if first_element else UP,
                        f"{point['id']} {point['name']}",
                        "；".join(point.get("hints", [])) or None,
                        "/".join(point.get("platform", [])) or None,
                    ]
                )
                first_item = first_element = False
    rows.append([None] * 5)
    rows.append(
        ["注：1. 本表设 5 个诊断项目，15 个诊断要素，37 个诊断点。", LEFT, LEFT, LEFT, LEFT]
    )
    rows.append(
        [
            "2. “数据管理平台相应编号”所列的各指标编号，起引导作用，不是规定或标准。",
            LEFT,
            LEFT,
            LEFT,
            LEFT,
        ]
    )
    return rows


def luzhou_reference(path: Path) -> Path:
    """Luzhou 2019 附2 诊断项目参考表 (sheet 附2)."""
    wb, ws = _book("附2")
    put(ws, luzhou_reference_rows())
    wb.save(path)
    return path


# ---------------------------------------------------------------- Guangxi 表1

# fmt: off
GX1_HEAD = [
    ["表 1 学院年度重点工作任务分解表", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    ["序号", "工作任务", "一级指标 1", LEFT, LEFT, "二级指标 2", LEFT, LEFT, "三级指标 3", LEFT, LEFT, LEFT, "完成时限", "预期成效", "分管领导"],
    [UP, UP, "工作内容", "指标类别", "责任部门", "工作内容", "责任部门", "时间节点", "工作内容", "责任部门", "部门负责人", "时间节点", UP, UP, UP],
]
# fmt: on
# fmt: off
GX1_DATA = [
    ["1", "完善内部质量保证体系", "修订诊改实施方案", "A类", "质量督导处", "完成实施方案修订并印发", "质量督导处", "2020年6月", "起草修订稿", "质量督导处", "张三", "2020年4月", "2020年6月底", "印发《内部质量保证体系运行实施方案（2020年）》", "副院长"],
    [UP, UP, UP, UP, UP, UP, UP, UP, "征求意见并印发", "质量督导处", "张三", "2020年6月", UP, UP, UP],
    ["2", "推进一页纸项目管理", "编制一页纸工作计划报表", "A类", "各部门", "各部门完成报表编制", "各部门", "2020年3月", "组织编制培训", "质量督导处", "李四", "2020年2月", "2020年3月", "一页纸工作计划报表覆盖率达 100%", "院长"],
    [UP, UP, UP, UP, UP, "月度监测与预警", "质量督导处", "每月", "发布月度预警", "质量督导处", "李四", "每月底", UP, UP, UP],
]
# fmt: on


def guangxi_t1(path: Path) -> Path:
    """Guangxi 2020 表1 as in the seed: the two-row header, no data."""
    wb, ws = _book("表1")
    put(ws, GX1_HEAD)
    wb.save(path)
    return path


def guangxi_t1_filled(path: Path) -> Path:
    """表1 with two tasks filled in (merged task, level-1 and level-2 cells)."""
    wb, ws = _book("表1")
    put(ws, GX1_HEAD + GX1_DATA)
    wb.save(path)
    return path


# ---------------------------------------------------------------- Guangxi 表2 / 表3

_MONTHS = list(range(1, 13))


def _oppm_rows(
    title: str, tasks: list[tuple[str, str, list[str], str]], filled: bool
) -> list[list[Any]]:
    """Guangxi layout in 21 columns: A–D 目标, E 序号, F–H 主要任务, I–T months, U 负责人/优先级."""
    rows: list[list[Any]] = [[title, *[LEFT] * 20]]
    rows.append(
        [
            "项目领导",
            LEFT,
            "王强" if filled else None,
            LEFT,
            "工作名称",
            LEFT,
            "2020年专业建设工作" if filled else None,
            *[LEFT] * 9,
            "日期",
            LEFT,
            (dt.datetime(2020, 3, 16), "yyyy-mm-dd") if filled else None,
            LEFT,
            None,
        ]
    )
    rows.append(
        [
            "项目目标",
            LEFT,
            LEFT,
            LEFT,
            "1.完成专业人才培养方案修订 2.建成专业教学标准 3.新增双师型教师2名" if filled else None,
            *[LEFT] * 15,
            None,
        ]
    )
    rows.append(
        [
            "目标",
            LEFT,
            LEFT,
            LEFT,
            "主要任务",
            LEFT,
            LEFT,
            LEFT,
            "进度计划",
            *[LEFT] * 11,
            "负责人/优先级",
        ]
    )
    for i in range(6):
        name, goals, marks, owner = tasks[i] if i < len(tasks) else ("", "", [""] * 12, "")
        rows.append(
            [
                goals or None,
                LEFT,
                LEFT,
                LEFT,
                f"0{i + 1}",
                name or None,
                LEFT,
                LEFT,
                *[m or None for m in marks],
                owner or None,
            ]
        )
    rows.append([None, None, None, None, "主要任务", LEFT, LEFT, LEFT, *_MONTHS, None])
    rows.append([None] * 8 + ["月"] * 12 + [None])
    rows.append(
        [
            "目标",
            LEFT,
            LEFT,
            LEFT,
            "目标日期",
            LEFT,
            LEFT,
            LEFT,
            "部门一般公用经费 3 万" if filled else "部门一般公用经费 X 万",
            *[LEFT] * 11,
            None,
        ]
    )
    rows.append([UP, UP, UP, UP, "成本", LEFT, LEFT, LEFT, "培训经费 X 万", *[LEFT] * 11, None])
    rows.append([UP, UP, UP, UP, None, None, None, None, "XX 经费 X 万", *[LEFT] * 11, None])
    rows.append(
        [
            "概述与预测",
            LEFT,
            LEFT,
            LEFT,
            "上半年完成方案修订，下半年重点推进师资与实训基地建设。" if filled else None,
            *[LEFT] * 15,
            None,
        ]
    )
    return rows


def _marks(
    planned: list[int],
    done: tuple[int, ...] | list[int] = (),
    late: tuple[int, ...] | list[int] = (),
) -> list[str]:
    out = [""] * 12
    for m in planned:
        out[m - 1] = "○"
    for m in done:
        out[m - 1] = "●"
    for m in late:
        out[m - 1] = "△"
    return out


def guangxi_t2(path: Path) -> Path:
    """Guangxi 表2 as in the seed: an empty department one-page plan (cannot be imported)."""
    wb, ws = _book("表2")
    put(ws, _oppm_rows("表 2 XXX 部门一页纸工作计划报表（样例）", [], filled=False))
    wb.save(path)
    return path


def guangxi_t3(path: Path) -> Path:
    """Guangxi 表3 (program one-page plan) with the seed's four tasks, filled in."""
    wb, ws = _book("表3")
    tasks = [
        ("专业建设", "1", _marks([3, 4, 5, 6], done=[3, 4], late=[5]), "王强/A"),
        ("专业教学标准建设", "2", _marks([4, 5, 6, 7], done=[4]), "李敏/A"),
        ("师资队伍建设", "3", _marks([3, 6, 9, 12], done=[3]), "赵亮/B"),
        ("实训基地建设等等", "1、3", _marks([9, 10, 11]), "王强/C"),
    ]
    put(ws, _oppm_rows("表 3 XX 专业一页纸工作计划报表（样例）", tasks, filled=True))
    wb.save(path)
    return path


# ---------------------------------------------------------------- Guangxi 表5 / 表6 / 表7

# fmt: off
GX5 = [
    ["表 5 专业建设标准主要内容一览表", LEFT, LEFT],
    ["3 个维度", "9 个标准", "19 个质控点"],
    ["1.专业建设规划制订标准\n2.专业人才培养方案制订标准\n3.专业资源配置标准", "1.专业建设组织措施\n2.专业人才培养方案\n3.专业师资队伍建设\n4.实践教学条件建设\n5.社会服务能力建设\n6.教学资源建设\n7.国际交流与合作\n8.专业教学研究\n9.特色与示范", "1.专业建设规划\n2.专业人才培养方案\n3.专业岗位标准\n4.专业实习环节(实习指导书、实习周记、毕业论文或实践报告、实习指导记录本)\n5.专业职业资格证书\n6 专业师资队伍建设\n7.专业带头人培养\n8.双师教师培养\n9.兼职教师队伍建设\n10.校内实践教学条件\n11.校外实践教学条件\n12.技术应用与社会服务\n13.中高职衔接、高本衔接\n14.信息技术运用\n15.国际交流与合作\n16.教学质量提升机制\n17.教育教学改革\n18.专业特色\n19.专业示范"],
]
# fmt: on
# fmt: off
GX6 = [
    ["表 6 课程建设标准主要内容一览表", LEFT, LEFT],
    ["3 个维度", "6 个标准", "13 个质控点"],
    ["1.课程建设规划制定标准 2.课程教学标准 3.课程资源配置标准", "1.教学队伍 2.教学内容与质量保障 3.教学条件 4.教学方法与手段 5.教学效果 6.课程特色", "1.课程主讲教师 2.课程改革研究 3.课程指导、思想与定位 4.课程内容设计 5.教学组织与安排 6.实践教学 7.教材及教学文件相关资料 8.实践教学条件 9.信息化教学手段运用 10.教学手段 11.考核方式 12.教评学、学评教、教评教、督导评教及企业评学 13.课程特色与示范"],
]
# fmt: on
# fmt: off
GX7 = [
    ["表 7 教师发展标准主要内容一览表", LEFT, LEFT, LEFT],
    ["教师", "3 个维度", "6 个标准", "9 个质控点"],
    ["整体发展", "1.教师规模 2.教师结构 3.教师水平", "1.师资规划 2.师资标准 3.师资规模 4.师资结构 5.师资质量 6.师资管理", "1.师资队伍建设规划、教师职业生涯规划 2.教师数量（专任教师、兼职教师、双师型教师） 3.教师结构（年龄、职称、专业、学历学位、双师、专兼职教师） 4.各层级、各类别优秀教师、教学团队的数量及影响力 5.教学名师、专业带头人、骨干教师、青年教师培养 6.教师企业实践 7.高层次人才培养 8.教师进修、培训 9.企业兼职教师"],
    ["教师个体发展", "4个维度", "4个标准", "16个质控点"],
    [UP, "1.师德修养 2.教育教学 3.教研科研 4.社会实践", "1.师德考核评价标准 2.教育教学质量考核评价标准 3.教研科研管理 4.社会服务及企业实践管理", "1.伦理素养 2.教学态度 3.与生相处 4.信息素养 5.知识功底 6.课程教学 7.教学设计 8.激发动机 9.资源整合 10.项目研究 11.信息化教学及工作能力 12.培训学习 13.企业实践 14.参与专业发展 15.提升管理能力 16.教学拓展"],
]
# fmt: on


def _simple(sheet: str, rows: list[list[Any]]) -> Callable[[Path], Path]:
    def build(path: Path) -> Path:
        wb, ws = _book(sheet)
        put(ws, rows)
        wb.save(path)
        return path

    build.__doc__ = f"Guangxi {sheet}."
    return build


guangxi_t5 = _simple("表5", GX5)
guangxi_t6 = _simple("表6", GX6)
guangxi_t7 = _simple("表7", GX7)

# ---------------------------------------------------------------- Guangxi 表10

# fmt: off
GX10 = [
    ["表 10 具体实施安排表", LEFT, LEFT, LEFT, LEFT, LEFT],
    ["序号", "工作任务", "具体化工作", "责任部门", "协助部门", "工作标准"],
    ["1", "建设与运行阶段", "实施年度重点工作分解", "各部门", None, "(1) 遵循 SMART 原则，将学院重点工作分解成由职能部门负责的三级目标任务；\n(2) 任务内容简洁精炼、清晰准确、可衡量；\n(3) 各部门充分沟通，采用自上而下、自下而上、上下结合的民主协商过程；\n(4) 分解后的任务落实到各部门，各责任部门充分认同；\n(5) 每年 1 月份完成年度重点工作任务分解表并严格执行。"],
    ["2", UP, "制定一页纸工作计划报表", "各部门", None, "(1) 各部门组织一页纸工作计划报表编制培训至少 1 次;\n(2) 各部门根据学院重点工作任务制定一页纸工作计划报表;\n(3) 一页纸任务与目标匹配准确, 与负责人对应关系清晰, 进度标注规范, 差错率小于 5%;\n(4) 3 月份, 各部门完成一页纸工作计划报表, 推广覆盖率达 100%。"],
    ["3", UP, "实施一页纸项目管理", "质量督导处", None, "(1) 建立“计划-组织-实施-监测-分析-预警-改进”的“8”字型质量改进螺旋常态化诊改机制;\n(2) 实施一页纸项目管理, 监测各部门目标任务的进度和质量, 覆盖率达 100%。"],
    ["4", "实施质量检查", "实施教学(专业、课程)质量自主诊断与改进工作", "教务科研处", "各系(部)", "(1) 建立以数据分析为依据的专业质量动态优化机制;\n(2) 专业教学团队每年行业企业调研不少于 1 次, 组织撰写《专业调研分析报告》;\n(3) 专业、课程依据一页纸工作计划报表实施自我诊改, 覆盖率达 100%。"],
    ["5", UP, "实施师资队伍建设质量自主诊断与改进工作", "人事处", "各系(部)", "(1) 每年开展至少 1 次师资队伍建设的调研, 调研以专业建设的师资需求为导向;\n(2) 每年指导新进教师编制完成三年职业生涯规划, 规划目标明确, 切合教师发展基础;\n(3) 教师个人依据职业生涯规划实施自我诊改, 覆盖率达 100%。"],
    ["6", UP, "实施学生全面发展质量自主诊断与改进工作", "学生工作处(团委)", "各系(部)", "(1) 辅导员每年年底前指导新生编制完成三年职业生涯规划, 规划目标明确, 切合学生发展基础;\n(2) 各班级依据一页纸工作计划报表实施自我诊改, 辅导员对班级学生诊改的指导覆盖率达 100%, 学生参与诊改率达 100%。\n(3) 每年开展学生发展后勤服务诊改, 对学生心理健康、后勤服务、安全稳定等服务学生方面的数据进行采集分析, 完善学生诉求与回应机制。"],
    ["7", UP, "内部质量保证体系诊断与改进中期检查汇报会", "质量督导处", "院办 教务科研处 人事处 学生工作处 8 系 2 部", "每年 6 月份开展学校、专业、课程、教师、学生五个层面内部质量保证体系诊断与改进中期检查, 覆盖率达 100%。"],
    ["8", "诊断与改进校内复核", "实施质量保证体系诊断与改进校内诊断复核工作", "质量监督处", "院办 教务科研处 人事处 学生工作处 8系2部", "每年12月份开展内部质量保证体系诊断与改进校内复核，形成诊断改进结论，编制校内复核报告。"],
]
# fmt: on
guangxi_t10 = _simple("表10", GX10)

# ---------------------------------------------------------------- held-out shapes (issue 14)
# The shapes that imported with exit 0 but the wrong meaning: one 工作任务 over four
# 三级指标 rows with its class in 指标类别; the department one-page plan with ● in the
# 目标 columns and the objectives written under them; Luzhou 附1 signed 二〇一九年一月;
# Changzhou's 完成日期〔年月〕; Shaoyang 表4 with one column per year.

# fmt: off
GX1_B = [
    ["1", "推进质量管理平台建设", "建成质量管理平台一期", "B类", "信息中心", "完成平台部署与数据对接", "信息中心", "2020年9月", "完成平台招标", "信息中心", "王五", "2020年4月", "2020年12月底", "平台上线运行，覆盖全部部门", "副院长"],
    [UP, UP, UP, UP, UP, UP, UP, UP, "完成平台部署", "信息中心", "王五", "2020年6月", UP, UP, UP],
    [UP, UP, UP, UP, UP, UP, UP, UP, "完成与教务系统数据对接", "信息中心、教务科研处", "王五", "2020年9月", UP, UP, UP],
    [UP, UP, UP, UP, UP, "组织全员培训", "质量督导处", "2020年11月", "完成各部门平台使用培训", "质量督导处", "张三", "2020年11月", UP, UP, UP],
    ["2", "修订诊改实施方案", "修订并印发实施方案", "A类", "质量督导处", "完成修订", "质量督导处", "2020年6月", "征求意见并印发", "质量督导处", "张三", "2020年6月", "2020年6月底", "印发新方案", "院长"],
]
# fmt: on


def guangxi_t1_classes(path: Path) -> Path:
    """表1: a B-class 工作任务 merged over four 三级指标 rows (two 二级), then an A task."""
    wb, ws = _book("表1")
    put(ws, GX1_HEAD + GX1_B + [[None] * 15, ["广西水利电力职业技术学院", *[LEFT] * 14]])
    wb.save(path)
    return path


_OBJ = ["完成人才培养方案修订", "建成专业教学标准", "新增双师型教师2名", "教学事故为零"]
_GX2_TASKS = [  # (title, objective columns marked, marks, owner/priority)
    ("修订人才培养方案", [1], _marks([3, 4, 5], done=[3, 4, 5]), "刘明/A"),
    ("制定专业教学标准", [2], _marks([4, 5, 6, 7], done=[4, 5], late=[6]), "陈静/A"),
    ("引进与培养双师型教师", [3], _marks([3, 6, 9, 12], done=[3, 6]), "赵亮/B"),
    ("开展教学检查", [4], _marks([3, 6, 9, 12], done=[3, 6]), "刘明/A"),
    ("组织教学能力比赛", [2, 3], _marks([5, 6], done=[5, 6]), "陈静/B"),
    ("编制教学质量年度报告", [1, 4], _marks([11, 12]), "刘明/C"),
]


def guangxi_t2_filled() -> list[list[Any]]:
    """Guangxi 表2, a department's plan filled in: ● in the four 目标 columns, the
    objectives written under them beside 目标日期, two cost lines in one cell."""
    rows: list[list[Any]] = [["表 2 教务科研处一页纸工作计划报表", *[LEFT] * 20]]
    rows.append(["项目领导", LEFT, "刘明", LEFT, "工作名称", LEFT, "2020年教学管理工作", *[LEFT] * 9,
                 "日期", LEFT, (dt.datetime(2020, 3, 10), "yyyy-mm-dd"), LEFT, None])
    rows.append(["项目目标", LEFT, LEFT, LEFT, None, *[LEFT] * 15, None])
    rows.append(["目标", LEFT, LEFT, LEFT, "主要任务", LEFT, LEFT, LEFT, "进度计划", *[LEFT] * 11, "负责人/优先级"])
    for i, (title, goals, marks, owner) in enumerate(_GX2_TASKS):
        rows.append([*["●" if k in goals else None for k in (1, 2, 3, 4)], f"0{i + 1}", title, LEFT, LEFT,
                     *[m or None for m in marks], owner])
    rows.append([None, None, None, None, "主要任务", LEFT, LEFT, LEFT, *_MONTHS, None])
    rows.append([None] * 8 + ["月"] * 12 + [None])
    rows.append([*_OBJ, "目标日期", LEFT, LEFT, LEFT, "2020年12月31日", *[LEFT] * 11, None])
    rows.append([UP, UP, UP, UP, "成本", LEFT, LEFT, LEFT, "部门一般公用经费 5 万元；培训经费 2 万元", *[LEFT] * 11, None])
    rows.append(["概述与预测", LEFT, LEFT, LEFT, "上半年完成方案修订与教学标准，下半年推进师资建设与质量报告。", *[LEFT] * 15, None])
    return rows


def guangxi_t2_plan(path: Path) -> Path:
    """Guangxi 表2 filled in (sheet 表2)."""
    wb, ws = _book("表2")
    put(ws, guangxi_t2_filled())
    wb.save(path)
    return path


def luzhou_tasks_signed(path: Path) -> Path:
    """Luzhou 附1 with the document's 落款: the college and 二〇一九年一月 (the seed's date)."""
    wb, ws = _book("附1")
    signed = [[None] * 6, [None] * 4 + ["泸州职业技术学院", LEFT], [None] * 4 + ["二〇一九年一月", LEFT]]
    put(ws, [*LZ1, *signed])
    wb.save(path)
    return path


# fmt: off
CZ = [
    ["七、建设与实施进程表", LEFT, LEFT, LEFT, LEFT, LEFT],
    ["类别", "任务", "工作", "完成日期\n〔年月〕", "预期成效", "责任\n部门"],
    ["完善组织体系", "明确各部门在质量保证中职能", "厘清各部门在纵向5系统中归属、职责与权责", "2021.12", "纵向五系统的部门工作", "学院各职能部门、直属单位、二级学院"],
    [UP, UP, "建立学校质量保证委员会", "2021.6", "质量保证委员会文件", "党政办"],
    [UP, "完善规划体系", "编制学院“十四五”规划与专项规划", "2021.12", "规划文本", "发展规划处"],
]
# fmt: on


def changzhou(path: Path) -> Path:
    """Changzhou 七、建设与实施进程表: headers with line breaks and 〔年月〕."""
    wb, ws = _book("进程表")
    put(ws, CZ)
    wb.save(path)
    return path


# fmt: off
SY4 = [
    ["表4 各部门“十三五”事业发展规划年度建设任务分解表", LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT, LEFT],
    ["项目牵头部门", "建设任务", "2017年", "2018年", "2019年", "2020年", "考核点", "责任人", "具体负责人"],
    ["组织人事处", "双师型教师比例", "60%", "65%", "70%", "75%", "双师型教师认定文件", "李华", "王芳"],
    [UP, "引进高层次人才", "2人", "3人", "3人", "4人", "引进人员名单", "李华", "刘洋"],
    ["教务处", "建设校级精品在线开放课程", "5门", "10门", "15门", "20门", "课程平台", "张伟", "陈晨"],
    [UP, "修订专业人才培养方案", "完成全部专业方案修订", "动态调整", "动态调整", "动态调整", "人才培养方案文本", "张伟", "陈晨"],
    [None] * 9,
    [None, None, None, None, None, None, "邵阳职业技术学院", LEFT, LEFT],
    [None, None, None, None, None, None, "2017年6月13日", LEFT, LEFT],
]
# fmt: on


def shaoyang_t4(path: Path) -> Path:
    """Shaoyang 表4: one column per year 2017–2020 (numbers with units, and one text row)."""
    wb, ws = _book("表4")
    put(ws, SY4)
    wb.save(path)
    return path


BUILDERS: dict[str, Callable[[Path], Path]] = {
    "shaoyang_appendix": shaoyang,
    "luzhou_tasks": luzhou_tasks,
    "luzhou_reference": luzhou_reference,
    "guangxi_t1": guangxi_t1,
    "guangxi_t1_filled": guangxi_t1_filled,
    "guangxi_t2": guangxi_t2,
    "guangxi_t3": guangxi_t3,
    "guangxi_t5": guangxi_t5,
    "guangxi_t6": guangxi_t6,
    "guangxi_t7": guangxi_t7,
    "guangxi_t10": guangxi_t10,
    "guangxi_t1_classes": guangxi_t1_classes,
    "guangxi_t2_plan": guangxi_t2_plan,
    "luzhou_tasks_signed": luzhou_tasks_signed,
    "changzhou": changzhou,
    "shaoyang_t4": shaoyang_t4,
}
"""Fixture name → builder writing ``<name>.xlsx``."""


def build_all(folder: Path) -> dict[str, Path]:
    """Write every seed table into ``folder``; return name → path."""
    folder.mkdir(parents=True, exist_ok=True)
    return {name: build(folder / f"{name}.xlsx") for name, build in BUILDERS.items()}


if __name__ == "__main__":  # pragma: no cover
    for name, path in build_all(Path(sys.argv[1] if len(sys.argv) > 1 else ".")).items():
        print(name, path)
