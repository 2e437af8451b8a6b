"""``zhengai status``: where the college stands in its calendar of 诊改."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from zhengai.cli.common import emit, parse_as_of, user_errors

if TYPE_CHECKING:
    from zhengai.score.calendar import CalendarStatus


class Format(StrEnum):
    text = "text"
    json = "json"


def status(
    root: Path = typer.Argument(Path("."), help="仓库根目录（含 zhengai.yaml，默认当前目录）。"),
    as_of: str | None = typer.Option(None, "--as-of", help="基准日 YYYY-MM-DD（默认今天）。"),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="输出格式：text（默认）、json。"),
) -> None:
    """诊改工作日历：截至基准日，本年度各时间节点应完成的工作及各部门的缺项。

    时间节点见 zhengai.yaml 的 calendar（默认 1 月任务分解、3 月一页纸计划、每月进度更新、
    6 月中期检查、11 月自我诊改报告、12 月年度诊断与质量年度报告），每项在所在月份月底到期。
    退出码：0 已到期的工作均已完成（本月及以后到期的缺项只列出）；1 有已到期仍缺的工作（逾期）；
    2 用法、配置或输入错误。
    """
    from zhengai.load.repository import load_repository
    from zhengai.score.calendar import calendar_status

    day = parse_as_of(as_of)
    with user_errors():
        repo = load_repository([root])
        result = calendar_status(repo, day)
    if fmt is Format.json:
        emit(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", None)
    else:
        emit(text(result), None)
    if result.overdue:
        raise typer.Exit(1)


def text(result: CalendarStatus) -> str:
    """The milestones, then what is missing for each one that is due."""
    lines = [f"{result.institution}{result.year}年诊改工作日历（截至 {result.as_of.isoformat()}）", ""]
    for m in result.milestones:
        if m.state == "upcoming":
            mark = "未到期"
        elif not m.gaps:
            mark = "已完成"
        else:
            mark = f"{'逾期' if m.overdue else '待完成'} {len(m.gaps)} 项"
        due = f"（{m.due.isoformat()} 前）" if m.due and m.month is not None else ""
        lines.append(f"  {m.when:<4}{m.name}{due}：{m.state_name}" + ("" if m.state == "upcoming" else f"，{mark}"))
        for gap in m.gaps:
            lines.append(f"        {gap.unit}：{gap.text}")
    lines.append("")
    late = result.overdue
    if late:
        lines.append(f"结论：{len(late)} 个已到期的时间节点仍有缺项（{'、'.join(m.name for m in late)}）。")
    else:
        lines.append("结论：已到期的工作均已完成。")
    return "\n".join(lines) + "\n"


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("status")(status)
