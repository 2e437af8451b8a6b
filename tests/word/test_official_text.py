"""Every official document of the example college is free of machine traces (REPORTS.md).

The batch renders each report twice: the official document (docx and its Markdown mirror)
and the working edition (``<stem>.底稿.md``).  The official text must carry no file paths,
rule codes, YAML kinds, the tool's name, English method words or placeholders; the working
edition must still carry the sources.  :func:`official_traces` is the scanner: add a kind to
:data:`OFFICIAL_KINDS` once its templates are clean.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document

from zhengai.render.batch import BatchOptions, BatchResult, run_batch
from zhengai.render.word.typeset import plain
from zhengai.reports.official import forbidden_tokens

from .conftest import COLLEGE

OFFICIAL_KINDS = ("diagnosis", "program", "course", "annual", "review", "mid-term", "monthly")
"""The report kinds whose official documents are scanned."""
PROGRESS_KINDS = ("monthly",)
"""Kinds that report task progress, not scores: no 数据来源说明 appendix of platform items."""

AS_OF = dt.date(2026, 12, 20)


def docx_strings(path: Path) -> list[str]:
    """Every paragraph and every table cell of a .docx (python-docx), headers and footers included,
    without the typesetting joins (a path joined by word joiners must still be found)."""
    document = Document(str(path))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        out += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        out += [p.text for part in (section.header, section.footer) for p in part.paragraphs]
    return [plain(text) for text in out]


def official_traces(path: Path) -> list[tuple[str, str, str]]:
    """The machine traces in one official document (.docx or .md): (what, match, line)."""
    if path.suffix == ".docx":
        text = "\n".join(docx_strings(path))
    else:
        text = path.read_text(encoding="utf-8")
    return forbidden_tokens(text)


@pytest.fixture(scope="module")
def official_batch(tmp_path_factory: pytest.TempPathFactory) -> BatchResult:
    out = tmp_path_factory.mktemp("official")
    # the deliberate draft has check errors: the batch reports without it (--allow-errors)
    opts = BatchOptions(root=COLLEGE, year=2026, out=out, kinds=OFFICIAL_KINDS, jobs=2, as_of=AS_OF, allow_errors=True)
    return run_batch(opts)


def _outputs(batch: BatchResult) -> list[Path]:
    return [batch.index.parent / rel for r in batch.results for rel in r.outputs]


def test_every_report_was_written_in_both_editions(official_batch: BatchResult) -> None:
    assert not official_batch.failed, [(r.key, r.error) for r in official_batch.failed]
    for result in official_batch.results:
        names = sorted(Path(rel).name.removeprefix(Path(rel).name.split(".")[0]) for rel in result.outputs)
        assert names == [".docx", ".md", ".底稿.md"], result.outputs


def test_official_documents_carry_no_machine_traces(official_batch: BatchResult) -> None:
    found = {}
    for path in _outputs(official_batch):
        if path.name.endswith(".底稿.md"):
            continue
        traces = official_traces(path)
        if traces:
            found[path.name] = traces[:5]
    assert not found


def _analysis_outputs(batch: BatchResult) -> list[Path]:
    return [batch.index.parent / rel for r in batch.results if r.kind not in PROGRESS_KINDS for rel in r.outputs]


def test_official_documents_close_with_the_sources_appendix(official_batch: BatchResult) -> None:
    for path in _analysis_outputs(official_batch):
        if path.suffix == ".docx":
            text = "\n".join(docx_strings(path))
            assert "附录二　数据来源说明" in text, path.name
            assert "原因：（待分析）" not in text


def test_working_edition_keeps_the_sources_and_the_checklist(official_batch: BatchResult) -> None:
    audits = [p for p in _outputs(official_batch) if p.name.endswith(".底稿.md")]
    assert audits
    for path in audits:
        text = path.read_text(encoding="utf-8")
        assert "## 编写清单" in text, path.name
        assert ".yaml:" in text, path.name  # file:line sources live here


def test_every_checklist_names_the_files_left_out_for_errors(official_batch: BatchResult) -> None:
    # the deliberate draft has check errors, so --allow-errors leaves it out of every report
    audits = [p for p in _outputs(official_batch) if p.name.endswith(".底稿.md")]
    for path in audits:
        text = path.read_text(encoding="utf-8")
        checklist = text.split("## 编写清单", 1)[1].split("\n## ", 1)[0]
        assert "| 数据错误未纳入 | departments/xxgc/plan-draft.yaml |" in checklist, path.name


def test_review_opinion_dates_the_reply_from_the_calendar(official_batch: BatchResult) -> None:
    # as of 2026-12-20 with calendar.reply_months 1 (the default): the end of the next month
    review = next(p for p in _outputs(official_batch) if "校内复核报告" in p.name and p.suffix == ".docx")
    text = "\n".join(docx_strings(review))
    assert "须于2027年1月31日前提交整改方案" in text
    assert "一个月内" not in text


def test_scanner_finds_each_trace() -> None:
    text = ("来源 departments/jwc/observations-2026.yaml:41；规则 ZG301；kind: improvements；由 zhengai 生成；"
            "ratio = 实际 ÷ 目标；原因：（待分析）；TODO")
    kinds = {what for what, _, _ in forbidden_tokens(text)}
    assert kinds == {"文件路径", "文件行号", "规则编号", "数据类型", "工具名称", "英文术语", "占位符"}
    assert forbidden_tokens("生师比 18.2:1，较上年提高 1.2 个百分点。") == []


def test_review_opinion_speaks_of_the_conclusions_present() -> None:
    from types import SimpleNamespace

    from zhengai.models.config import Calendar
    from zhengai.reports.review import _opinion

    ws = SimpleNamespace(as_of=dt.date(2026, 12, 20), config=SimpleNamespace(calendar=Calendar(reply_months=2)))
    passed = _opinion(ws, {"通过": 5, "基本通过": 3, "限期整改": 0, "数据不足": 0})  # type: ignore[arg-type]
    assert passed == ["各部门按自我诊改报告中的改进措施持续改进，落实情况纳入下一轮诊改复核。"]
    mixed = _opinion(ws, {"通过": 1, "基本通过": 0, "限期整改": 2, "数据不足": 1})  # type: ignore[arg-type]
    # two months after December 2026: the end of February 2027
    assert mixed[0].startswith("复核结论为“限期整改”的 2 个部门，须于2027年2月28日前提交整改方案")
    assert mixed[1] == "复核结论为“数据不足”的 1 个部门，须于2027年2月28日前补齐观测数据后重新诊断。"
    assert mixed[2].startswith("其余部门")
