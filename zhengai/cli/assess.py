"""``zhengai assess``: the college's quarterly (or monthly) appraisal of A and B tasks."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from zhengai.cli.common import emit, fail, user_errors

if TYPE_CHECKING:
    from zhengai.score.appraisal import AppraisalResult


class Format(StrEnum):
    text = "text"
    json = "json"


def assess(
    root: Path = typer.Argument(Path("."), help="仓库根目录（含 zhengai.yaml，默认当前目录）。"),
    quarter: str | None = typer.Option(None, "--quarter", "-q", help="考核季度，如 2026Q3。"),
    month: str | None = typer.Option(None, "--month", "-m", help="考核月份，如 2026-10（与 --quarter 二选一）。"),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="输出格式：text（默认，排名表）、json。"),
    output: Path | None = typer.Option(None, "--output", "-o", help="写入考核工作簿（.xlsx，供绩效考核使用）。"),
    force: bool = typer.Option(False, "--force", help="输出文件已存在时覆盖。"),
) -> None:
    """考核性诊断：按季度（或月份）考核各部门本年度 A、B 类任务，C 类任务列为部门自我诊断。

    任务按期完成、延期完成、逾期未完成、进度落后（对照一页纸计划）、按计划推进分别计分，
    分值与 A、B 类权重见 zhengai.yaml 的 appraisal（默认 100、80、0、60、100，权重 1）。
    退出码：0 正常；2 用法、配置或输入错误。
    """
    from zhengai.load.repository import load_repository
    from zhengai.score.appraisal import appraise, parse_window

    if (quarter is None) == (month is None):
        fail("请给出 --quarter（如 2026Q3）或 --month（如 2026-10），二者选一。")
    with user_errors():
        window = parse_window(quarter or month or "")
        repo = load_repository([root])
        result = appraise(repo, window)
        if output is not None:
            from zhengai.excel.appraisal import write_appraisal

            assert repo.config is not None  # appraise checked it
            write_appraisal(result, repo.config.institution, output, force=force)
    if fmt is Format.json:
        emit(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n", None)
    else:
        emit(_table(result), None)
    if output is not None:
        typer.echo(f"已写入 {output}。", err=True)


def _table(result: AppraisalResult) -> str:
    """The ranking as a terminal table."""
    from zhengai.numfmt import fixed
    from zhengai.score.appraisal import STATE_NAMES

    window = result.window
    lines = [f"{window.name}考核性诊断（{window.start.isoformat()} 至 {window.end.isoformat()}，A、B 类任务）",
             "名次  部门            得分    " + "  ".join(STATE_NAMES.values()) + "  C类到期/完成"]
    for dept in result.departments:
        counts = "  ".join(f"{dept.count(s):>{len(name) * 2}}" for s, name in STATE_NAMES.items())
        rank = "—" if dept.rank is None else str(dept.rank)
        score = "—" if dept.score is None else fixed(dept.score)
        lines.append(f"{rank:>4}  {dept.dept.name:<{14 - len(dept.dept.name)}}  {score:>6}  {counts}  "
                     f"{dept.c_due}/{dept.c_done}")
    return "\n".join(lines) + "\n"


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command("assess")(assess)
