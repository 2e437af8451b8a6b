"""``zhengai explain``: print a rule's documentation, or what an Excel finding code means."""

from __future__ import annotations

from dataclasses import dataclass

import typer

from zhengai.cli.common import fail


@dataclass(frozen=True)
class ExcelCode:
    """A finding code of ``zhengai import`` / ``zhengai export`` (not a check rule)."""

    code: str
    severity: str
    title: str
    meaning: str
    hint: str

    def explain(self) -> str:
        """The code's documentation as plain text (Chinese), laid out like a rule's."""
        return "\n".join([
            f"{self.code} {self.title}", "", f"级别：{self.severity}",
            "", "含义：", self.meaning, "", "怎么改：", self.hint,
        ])


def excel_codes() -> dict[str, ExcelCode]:
    """The Excel finding codes, keyed by code (the codes come from where they are raised)."""
    from zhengai.excel.errors import FATAL
    from zhengai.excel.exporting import EXPORT_WARNING
    from zhengai.excel.report import IMPORT_ERROR, IMPORT_WARNING

    codes = [
        ExcelCode(FATAL, "错误", "无法导入或导出",
                  "整个工作簿不能导入（或导出）：文件打不开、不是 .xlsx、找不到表头、工作表是空的、"
                  "输出文件已存在等。什么都没有写出。",
                  "按提示信息处理：信息里写明了文件、工作表或单元格；找不到表头时用 --kind 指定类型、"
                  "用 --mapping 说明表头；要覆盖已有文件请加 --force。"),
        ExcelCode(IMPORT_WARNING, "警告", "导入警告",
                  "导入成功，但有内容没有按原样对应到字段：例如没有任务名称的行按备注保存、"
                  "认不出的时间或类别原文放进 extra、合并区域遮住的内容未导入、隐藏的工作表未导入。",
                  "打开导入报告（--report）查看每个单元格的去向，核对提示的单元格；需要时改表头或用 --mapping 说明。"),
        ExcelCode(IMPORT_ERROR, "错误", "单元格无处存放",
                  "有单元格的内容既不能放进字段，也不能放进 extra 或备注（例如公式没有保存计算结果），"
                  "为了不丢内容，导入失败，不写出任何文件。",
                  "在 Excel 中打开并保存一次（让公式有计算结果），或把该单元格改成文字后重新导入。"),
        ExcelCode(EXPORT_WARNING, "警告", "导出警告",
                  "导出成功，但有些数据表格里没有对应的栏目（如任务的进度记录、经费、豁免），"
                  "只保留在 YAML 文件中；或有文件格式错误未导出。",
                  "这些数据以 YAML 为准，不要根据导出的表格删除它们；格式错误先用 zhengai check 修正。"),
    ]
    return {c.code: c for c in codes}


def explain(
    code: str | None = typer.Argument(None, help="规则编号（如 ZG302）或 Excel 提示代码（如 XL101）；不写则列出全部。"),
) -> None:
    """说明一条规则：为什么、怎么改、通过与不通过的写法；也说明导入导出的 XL 代码。"""
    from zhengai.check.rules import RULES

    excel = excel_codes()
    if code is None:
        for listed in RULES.values():
            smart = f" [{listed.smart}]" if listed.smart else ""
            typer.echo(f"{listed.code}  {listed.severity.label}  {listed.title}{smart}")
        for xl in excel.values():
            typer.echo(f"{xl.code}  {xl.severity}  {xl.title}")
        return
    key = code.strip().upper()
    rule = RULES.get(key)
    if rule is not None:
        typer.echo(rule.explain())
    elif key in excel:
        typer.echo(excel[key].explain())
    else:
        fail(f"没有规则或代码“{code}”；用 zhengai explain 列出全部。")


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("explain")(explain)
