"""What separates the official document from the working edition (工作底稿).

The official document (docx and its Markdown mirror) is what the quality office signs and
sends: names instead of ids, no file paths, rule codes or formulas in English, no
placeholders.  The working edition keeps all of that so staff can trace every figure.
Both read the same :class:`~zhengai.reports.workspace.ReportData`; this module builds the
parts only one of them shows, so the figures cannot differ between the two:

- :func:`plain_subject` — an alert's object without its leading id (``26-JWC-02 组织…`` → ``组织…``);
- :func:`method_words` — the scoring method in formal Chinese (the official 计算方法);
  :func:`method_formulas` — the same with ratio/progress formulas (the working edition);
- :func:`problem_split` — problems with a recorded cause (official 问题与原因) and the red
  warnings still waiting for one (the working edition's 编写清单);
- :func:`source_appendix` — the closing 附录 数据来源说明 by platform code and table name;
- :func:`checklist_row` and the row builders — what still needs a person (编写清单), the files
  left out for their check errors among them (:func:`excluded_rows`);
- :func:`forbidden_tokens` — the machine traces an official text must not carry (tests use it
  on every official document; another kind's test can reuse it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from zhengai.reports.text import pct

if TYPE_CHECKING:
    from zhengai.reports.workspace import Workspace
    from zhengai.score import alerts as al
    from zhengai.score.assessment import Measure, Node
    from zhengai.score.diagnosis import Diagnosis

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-/]*$")


def plain_subject(subject: str) -> str:
    """An alert's object by name: the leading ASCII id tokens dropped (the working edition keeps them)."""
    words = subject.split(" ")
    while len(words) > 1 and _ID.match(words[0]):
        words.pop(0)
    return " ".join(words)


def subject_id(subject: str) -> str:
    """The id an alert's object starts with (``26-JWC-02 组织…`` → ``26-JWC-02``), or ""."""
    first = subject.split(" ", 1)[0]
    return first if _ID.match(first) and " " in subject else ""


# ------------------------------------------------------------------ method
def method_words(ws: Workspace) -> list[str]:
    """``r.method``: how the scores were computed, in formal Chinese with the college's settings."""
    s = ws.config.scoring
    quantitative = {
        "auto": "方向向上的指标取实际值与目标值之比，方向向下的指标取目标值与实际值之比；设有基线值的指标按进步幅度计分，"
                "即实际值较基线值的提高量与目标值较基线值的提高量之比",
        "ratio": "方向向上的指标取实际值与目标值之比，方向向下的指标取目标值与实际值之比",
        "progress": "各指标按进步幅度计分，即实际值较基线值的提高量与目标值较基线值的提高量之比",
    }[s.method]
    scale = "，".join(f"“{word}”计 {value:g}" for word, value in s.scale.items())
    return [
        f"定量质控点与指标按指标满足度计分：{quantitative}；"
        + ("超额达成的按实际比例计分。" if s.allow_over else "计分结果限定在 0 至 100% 之间。"),
        f"定性质控点按要素符合度计分：{scale}；未评价的质控点按缺失处理，不计为零。",
        "逐级汇总：质控点汇总为标准、维度和层面，指标汇总为任务和目标，均按权重加权平均；缺失值不参与计算，"
        "质控点覆盖不足 40% 的达成度仅供参考。",
        "建设指标完成率为截至基准日已到期且已完成的任务数与已到期任务数之比。",
    ]


def method_formulas(ws: Workspace) -> list[str]:
    """``r.method_formulas``: the same method with the formulas and setting names staff check against."""
    s = ws.config.scoring
    chosen = {"auto": "有基线时用 progress，否则用 ratio", "ratio": "统一用 ratio", "progress": "统一用 progress"}[s.method]
    scale = "，".join(f"{word} {value:g}" for word, value in s.scale.items())
    return [
        f"定量（scoring.method: {s.method}）：方向向上 ratio = 实际 ÷ 目标，方向向下 ratio = 目标 ÷ 实际；"
        f"progress = (实际 − 基线) ÷ (目标 − 基线)；{chosen}；"
        + ("allow_over: true，允许超额达成。" if s.allow_over else "allow_over: false，结果截取到 [0, 1]。"),
        f"定性（scoring.scale）：{scale}；“未评”按缺失处理，不计为 0。",
        "汇总：质控点 → 标准 → 维度 → 层面、指标 → 任务 → 目标，按权重加权平均（weight 默认 1）；缺失值不参与计算，"
        "覆盖不足 40% 的达成度仅供参考。",
        "建设指标完成率 = 截至基准日已到期且 state: done 的任务数 ÷ 已到期的任务数。",
    ]


# ------------------------------------------------------------------ problems
def problem_split(ws: Workspace, d: Diagnosis) -> tuple[list[dict[str, Any]], list[al.Alert]]:
    """(the problems with a recorded cause, the red warnings no improvement record analyses).

    A problem of the report is an improvement record of this cycle: it carries its cause,
    measure, owner and time node.  A red warning counts as analysed when a record of this
    cycle names its object in ``related`` or in its problem text; the others are not printed
    with a placeholder cause — they go to the author's checklist.
    """
    records = [ws.repo.improvements[x["id"]].item for x in d.improvements if x["id"] in ws.repo.improvements]
    related = {r for rec in records for r in rec.related}
    texts = [rec.problem for rec in records]
    pending = []
    for alert in d.alerts:
        if alert.level != "red":
            continue
        ident, name = subject_id(alert.subject), plain_subject(alert.subject)
        if (ident and ident in related) or any(name in text or (ident and ident in text) for text in texts):
            continue
        pending.append(alert)
    return list(d.improvements), pending


def pending_sentence(ws: Workspace, pending: int) -> str:
    """The one sentence the official 问题与原因 says about warnings still being analysed (empty
    when the college chose ``reports.pending_problems: omit`` or nothing is pending)."""
    if not pending or ws.config.reports.pending_problems != "sentence":
        return ""
    return f"另有 {pending} 条红色预警的原因正在分析，分析完成后纳入改进措施并在下一轮诊改中报告。"


# ------------------------------------------------------------------ sources
def _platform_code(ws: Workspace, ident: str) -> str:
    repo = ws.repo
    if (qc := repo.qc_points.get(ident)) is not None and qc.item.source:
        return str(qc.item.source)
    if (ind := repo.indicators.get(ident)) is not None and ind.item.source:
        return str(ind.item.source)
    return ""


def platform_rows(ws: Workspace, measures: Iterable[Measure]) -> list[dict[str, Any]]:
    """The platform items (状态数据采集平台 codes) the measures are read from, with their names
    from ``zhengai.yaml`` ``platform:`` and how many measures use each, in code order."""
    counts: dict[str, int] = {}
    for m in measures:
        code = _platform_code(ws, m.id)
        if code:
            counts[code] = counts.get(code, 0) + 1
    names = ws.config.platform

    def order(code: str) -> tuple[Any, ...]:
        return tuple(int(p) if p.isdigit() else 10**6 for p in code.split(".")), code

    return [{"no": i, "code": code, "name": names.get(code) or "（学校数据平台项目）", "count": counts[code]}
            for i, code in enumerate(sorted(counts, key=order), 1)]


def source_appendix(ws: Workspace, measures: Iterable[Measure], tables: list[dict[str, Any]] | None = None,
                    others: Iterable[str] = ()) -> dict[str, Any]:
    """``r.appendix``: the closing 附录 数据来源说明 — platform items by code and name, the
    national tables by name (with the collection they come from) and the other kinds of data."""
    rows = platform_rows(ws, [m for m in measures if m.history])  # items that gave this year's data
    present = [t["name"] for t in tables or [] if t.get("present")]
    collection = ws.tables[ws.year].item.source if ws.year in ws.tables and ws.tables[ws.year].item.source else ""
    lines = []
    if rows:
        lines.append(f"质控点与指标的观测数据取自学校人才培养工作状态数据采集平台的 {len(rows)} 个项目（见下表），"
                     "由各责任部门按观测周期填报。")
    if present:
        lines.append(f"质量年度报告数据表（{'、'.join(present)}）取自"
                     + (f"{collection}。" if collection else "学校人才培养工作状态数据采集平台。"))
    lines += list(others)
    lines.append(f"数据截至{ws.as_of.year}年{ws.as_of.month}月{ws.as_of.day}日；上年数据为{ws.last_as_of.year}年同期数据。")
    return {"lines": lines, "platform": rows, "tables": present}


PLANNING_DATA = ("规划目标、年度重点工作任务及其完成情况、改进措施及落实情况取自学校规划与年度工作任务管理记录，"
                 "由各责任部门填报、质量管理部门审核。")
"""The 附录 sentence on the data people record (plans, tasks, improvements), without naming files."""


# ------------------------------------------------------------------ checklist
def checklist_row(kind: str, subject: str, detail: str, source: str = "") -> dict[str, Any]:
    """One line of the 编写清单: what kind of gap, on what, what to do, where it lives."""
    return {"kind": kind, "subject": subject, "detail": detail, "source": source}


def excluded_rows(excluded: Iterable[str]) -> list[dict[str, Any]]:
    """Checklist rows for the files the batch left out because of check errors (``--allow-errors``):
    what they hold is missing from every figure of the report until they are fixed."""
    return [checklist_row("数据错误未纳入", rel, "该文件有数据检查错误，本报告未纳入其内容；修正后重新生成报告"
                          "（错误明细见 zhengai check）。", rel) for rel in excluded]


def coverage_rows(nodes: Iterable[tuple[str, Node]]) -> list[dict[str, Any]]:
    """Checklist rows for the figures whose QC-point coverage is under 40% (labelled nodes)."""
    return [checklist_row("覆盖不足", label, f"质控点覆盖 {n.rollup.scored}/{n.rollup.total}，"
                          + (f"达成度 {pct(n.score)} 仅供参考" if n.score is not None else "尚无可计分的观测数据")
                          + "；补齐观测数据或在正文中说明。", n.cite)
            for label, n in nodes if n.rollup.low_coverage]


def numbered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``rows`` with ``no`` from 1."""
    for i, row in enumerate(rows, 1):
        row["no"] = i
    return rows


# ------------------------------------------------------------------ the scan
FORBIDDEN = (
    ("文件路径", re.compile(r"\.ya?ml\b|\.csv\b|\.xlsx\b|departments/|plans/|standards/|annual/")),
    ("文件行号", re.compile(r"[A-Za-z_)\]/]:\d+")),
    ("规则编号", re.compile(r"ZG\d{3}")),
    ("数据类型", re.compile(r"\bkind:")),
    ("工具名称", re.compile(r"zhengai", re.IGNORECASE)),
    ("英文术语", re.compile(r"\b(ratio|progress|conformity|auto|baseline|allow_over|SMART|suggested|"
                         r"improvements|observations)\b", re.IGNORECASE)),
    ("占位符", re.compile(r"（待分析）|待分析|TODO|TBD|FIXME")),
)
"""(what, pattern) of the machine traces an official document must not carry."""


def forbidden_tokens(text: str) -> list[tuple[str, str, str]]:
    """Every machine trace in ``text``: (what, the match, the line it is on)."""
    found = []
    for line in text.splitlines():
        for what, pattern in FORBIDDEN:
            for match in pattern.finditer(line):
                found.append((what, match.group(0), line.strip()))
    return found


__all__ = ["FORBIDDEN", "PLANNING_DATA", "checklist_row", "coverage_rows", "excluded_rows", "forbidden_tokens", "method_formulas",
           "method_words", "numbered", "pending_sentence", "plain_subject", "platform_rows", "problem_split",
           "source_appendix", "subject_id"]
