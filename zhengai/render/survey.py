"""Writing a survey result: workbook of scores, radar PNGs, radar data, Markdown section.

Files written into the output folder::

    scores.xlsx            个人得分、群体统计、得分分布、数据质量、说明
    summary.json           the library summary (SurveyResult.to_dict), for the annual batch
    radar.json             the numbers behind every chart
    report.md              the 学生全面发展质量 section (Markdown)
    charts/全院.png, charts/班级-机电2401.png ...   one per group
    charts/个人/<编号>.png                           one per respondent with ``each``

Nothing is overwritten without ``force``: every target is checked before the first
file is written, and each file is written atomically.

It sits in the render stage (it was ``zhengai.survey.output``): it turns a computed
:class:`~zhengai.survey.run.SurveyResult` into bytes with the render stage's Markdown
templates and radar drawer, so the survey stage below it only reads and computes.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from zhengai.fsutil import OutputError, atomic_write_bytes, safe_name
from zhengai.render.charts import draw_radar, require_font
from zhengai.score.radar import RadarData
from zhengai.survey.groups import BANDS
from zhengai.survey.quality import ISSUE_NAMES
from zhengai.survey.run import FORMULA, SurveyResult

TEMPLATE = "survey.md.j2"
MAX_REPORT_ISSUES = 50
_SPACES = re.compile(r"\s+")


def _chart_stem(text: str) -> str:
    """A file-name-safe form of an id or group name: :func:`zhengai.fsutil.safe_name` without
    spaces (the names are linked from Markdown)."""
    return safe_name(_SPACES.sub("_", text).strip("._"))


def group_chart_name(label: str) -> str:
    """``全院`` → ``charts/全院.png``; ``班级 机电2401`` → ``charts/班级-机电2401.png``."""
    return f"charts/{_chart_stem(label.replace(' ', '-', 1))}.png"


def _round(value: Any, digits: int = 2) -> Any:
    if isinstance(value, float):
        return None if value != value else round(value, digits)
    return value


# ------------------------------------------------------------------ workbook
def workbook_bytes(result: SurveyResult) -> bytes:
    """The scores workbook (.xlsx) as bytes."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from zhengai.excel.writer import neutralise

    book = openpyxl.Workbook(write_only=True)
    bold = Font(bold=True)

    class _Sheet:
        """A write-only sheet whose text cells are never formulas (ids and classes are user text)."""

        def __init__(self, ws: Any) -> None:
            self.ws = ws

        def append(self, values: list[Any], font: Any = None) -> None:
            cells = []
            for value in values:
                c = WriteOnlyCell(self.ws)
                if isinstance(value, str):
                    neutralise(c, value)
                else:
                    c.value = value
                if font is not None:
                    c.font = font
                cells.append(c)
            self.ws.append(cells)

    def sheet(title: str, header: list[str]) -> _Sheet:
        ws = book.create_sheet(title)
        ws.freeze_panes = "A2"
        out = _Sheet(ws)
        out.append(header, bold)
        return out

    inst, table, scores, quality = result.instrument, result.table, result.scores, result.quality
    lay = scores.layout
    roles = list(table.groups)
    role_names = {"class": "班级", "program": "专业", "department": "二级学院", "cohort": "年级"}

    ws = sheet("个人得分", [
        "行号", "编号", *[role_names[r] for r in roles], "纳入统计", "数据问题", "已答题数", "总分",
        *lay.dimension_names, *[f"{e} {n}" for e, n in zip(lay.element_ids, lay.element_names, strict=True)],
        "优势维度", "薄弱维度", "建议模块",
    ])
    for row in range(table.n):
        info = result.respondent(row)
        ws.append([
            info["row"], info["id"] or "", *[table.groups[r][row] or "" for r in roles],
            "是" if info["included"] else "否", "、".join(info["issues"]), info["answered"], info["overall"],
            *info["dimensions"].values(), *info["elements"].values(),
            "、".join(info["strengths"]), "、".join(info["weak"]), "、".join(info["modules"]),
        ])

    ws = sheet("群体统计", ["分组方式", "分组", "答卷数", "有效", "剔除", "维度", "均值", "标准差", "最低", "最高",
                         "标准线", "低于标准线占比", "上一年均值", "变化"])
    for g in result.groups:
        for d in [g.overall, *g.dimensions]:
            ws.append([g.by_name, g.key, g.total, g.valid, g.excluded, d.name, _round(d.mean), _round(d.std),
                       _round(d.min), _round(d.max), d.line, _round(d.below, 4), _round(d.previous), _round(d.delta)])

    ws = sheet("得分分布", ["分组方式", "分组", "有效", *[b[0] for b in BANDS]])
    for g in result.groups:
        ws.append([g.by_name, g.key, g.valid, *g.distribution.values()])

    ws = sheet("数据质量", ["行号", "编号", "问题", "说明", "位置"])
    for issue in quality.issues:
        ws.append([table.rows[issue.row], issue.respondent, issue.name, issue.detail, issue.where])

    ws = sheet("说明", ["项目", "内容"])
    for key, value in [
        ("问卷", f"{inst.title}（{inst.id}）"), ("所服务标准", inst.standard), ("回答文件", table.source),
        ("上一年回答文件", result.previous.table.source if result.previous else "（无）"),
        ("量表", f"{inst.scale.min}–{inst.scale.max}"), ("标准线", f"{inst.standard_line:g}"),
        ("优势线", f"{inst.strength_line:g}"), ("计分公式", FORMULA),
        ("数据质量", "有以下问题的答卷保留个人得分，但不计入群体统计：" + "、".join(ISSUE_NAMES.values())),
        ("未使用的列", "、".join(table.ignored) or "（无）"),
    ]:
        ws.append([key, value])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------ markdown
def report_context(result: SurveyResult, charts: dict[str, str]) -> dict[str, Any]:
    """The names the Markdown template sees: ``r`` (the result), ``charts``, ``bands``..."""
    by_groups = {b: [g for g in result.groups if g.by == b] for b in result.by}
    return {
        "r": result, "college": result.college, "by_groups": by_groups, "charts": charts,
        "bands": [b[0] for b in BANDS], "issue_names": ISSUE_NAMES, "formula": FORMULA,
        "issues": result.quality.issues[:MAX_REPORT_ISSUES], "more_issues": max(0, len(result.quality.issues) - MAX_REPORT_ISSUES),
        "modules": result.module_demand(),
    }


def render_markdown(result: SurveyResult, charts: dict[str, str], template: Path | None = None) -> str:
    """The 学生全面发展质量 (or 教师发展质量) section as Markdown."""
    from zhengai.render.markdown import render_template

    return render_template(TEMPLATE, report_context(result, charts), template)


# ------------------------------------------------------------------ all files
def write_outputs(
    result: SurveyResult, out_dir: Path, *, force: bool = False, each: bool = False, charts: bool = True,
    template: Path | None = None, font: str | None = None,
) -> list[Path]:
    """Write every output file into ``out_dir``; return the paths written.

    Raises :class:`~zhengai.fsutil.OutputError` when a file exists and ``force`` is
    false (before anything is written), and :class:`~zhengai.load.instruments.SurveyError`
    when charts are wanted but no CJK font is installed (``font`` is the ``--font`` file).
    """
    family = require_font(font) if charts else None
    jobs: dict[str, Callable[[], bytes]] = {}
    chart_files: dict[str, str] = {}
    radar: dict[str, Any] = {"groups": {}, "respondents": {}}
    if charts:
        for g in result.groups:
            data = result.group_radar(g)
            rel = group_chart_name(g.label)
            chart_files[g.label] = rel
            radar["groups"][g.label] = data.to_dict()
            jobs[rel] = _chart_job(data, family)
        if each:
            used: set[str] = set()
            for row in range(result.table.n):
                data = result.respondent_radar(row)
                label = result.table.ids[row] or f"第{result.table.rows[row]}行"
                stem = _chart_stem(label)
                if stem in used:
                    stem = f"{stem}-第{result.table.rows[row]}行"
                used.add(stem)
                rel = f"charts/个人/{stem}.png"
                radar["respondents"][rel] = data.to_dict()
                jobs[rel] = _chart_job(data, family)
    else:
        radar["groups"] = {g.label: result.group_radar(g).to_dict() for g in result.groups}
    report = render_markdown(result, chart_files, template)
    first: dict[str, Callable[[], bytes]] = {
        "scores.xlsx": lambda: workbook_bytes(result),
        "summary.json": lambda: _json(result.to_dict()),
        "radar.json": lambda: _json(radar),
        "report.md": lambda: report.encode("utf-8"),
    }
    jobs = {**first, **jobs}
    if not force:
        existing = [rel for rel in jobs if (out_dir / rel).exists()]
        if existing:
            more = f" 等 {len(existing)} 个文件" if len(existing) > 1 else ""
            raise OutputError(f"输出目录中已有 {out_dir / existing[0]}{more}；确认要覆盖请加 --force。")
    written = []
    for rel, make in jobs.items():
        path = out_dir / rel
        atomic_write_bytes(path, make(), force=True)
        written.append(path)
    return written


def _chart_job(data: RadarData, font: str | None) -> Callable[[], bytes]:
    return lambda: draw_radar(data, font)


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
