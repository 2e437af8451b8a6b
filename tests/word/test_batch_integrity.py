"""Integrity of the annual batch (issue 12): check first, files in error left out, dates from
the as-of date, 复核 conclusions by the college's rule, and one fact one number across reports.

The cross-report test reads the Markdown the batch wrote, as a reader would: each department's
completion rate and warnings must be the same in its self-report, the review, the mid-term
report and the index, and every count stated before a list must equal the rows listed.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.word.conftest import COLLEGE, DECEMBER, local_app
from zhengai.check.gate import gate
from zhengai.load.repository import load_config, load_repository
from zhengai.models.config import Calendar, Review, ReviewTier
from zhengai.render.batch import BatchOptions, BatchResult, CheckErrors, run_batch
from zhengai.reports.midterm import batch_note, next_steps
from zhengai.reports.review import conclusion

DRAFT = "departments/xxgc/plan-draft.yaml"
KINDS = ("diagnosis", "annual", "review", "mid-term")


# ------------------------------------------------------------------ reading the Markdown
def table(text: str, *columns: str) -> list[dict[str, str]]:
    """The rows of the first Markdown table whose header has all ``columns``."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and all(c in cells for c in columns):
            rows = []
            for body in lines[i + 2:]:
                if not body.startswith("|"):
                    break
                values = [c.strip() for c in body.strip().strip("|").split("|")]
                rows.append(dict(zip(cells, values, strict=False)))
            return rows
    raise AssertionError(f"no table with {columns}")


def section(text: str, heading: str) -> str:
    """The text of the ``## `` section whose title contains ``heading``."""
    parts = re.split(r"^## ", text, flags=re.M)
    found = [p for p in parts if p.splitlines()[0].find(heading) >= 0] if parts else []
    assert found, heading
    return found[0]


def number(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    assert match, pattern
    return match.group(1)


# ------------------------------------------------------------------ the batch
@pytest.fixture(scope="module")
def md_batch(tmp_path_factory: pytest.TempPathFactory) -> BatchResult:
    """The example college's reports in Markdown, December 2026, its broken draft left out."""
    out = tmp_path_factory.mktemp("integrity")
    return run_batch(BatchOptions(root=COLLEGE, year=2026, out=out, kinds=KINDS, formats=("md",), jobs=2,
                                  as_of=DECEMBER, allow_errors=True))


def _read(batch: BatchResult, kind: str, unit: str = "college") -> str:
    result = next(r for r in batch.results if r.kind == kind and r.unit == unit)
    (rel,) = result.outputs
    return (batch.index.parent / rel).read_text(encoding="utf-8")


def test_check_errors_stop_the_batch_with_each_error_located(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["report", "annual", str(COLLEGE), "--year", "2026", "-o", str(out), "-f", "md", "--as-of", "2026-12-15"]
    result = CliRunner().invoke(local_app(), args)
    assert result.exit_code == 1, result.output
    for line in (17, 26, 56):  # the draft's three deliberate errors, each with file:line
        assert f"{DRAFT}:{line}:" in result.output
    assert "--allow-errors" in result.output
    assert not out.exists()  # nothing written, not even the folder
    with pytest.raises(CheckErrors) as raised:
        run_batch(BatchOptions(root=COLLEGE, year=2026, out=out, kinds=("review",), formats=("md",), jobs=1))
    assert {f.file for f in raised.value.gate.errors} == {DRAFT} and len(raised.value.gate.errors) == 3


def test_allowed_errors_leave_the_file_out_of_every_report(md_batch: BatchResult) -> None:
    assert md_batch.excluded == (DRAFT,)
    assert not md_batch.failed
    index = md_batch.index.read_text(encoding="utf-8")
    assert DRAFT in index and "错误 3 处" in index
    assert any(DRAFT in note for note in md_batch.notes)
    for r in md_batch.results:  # the draft's targets (XXGC-D01…) and its 2032 deadline are nowhere
        text = _read(md_batch, r.kind, r.unit)
        assert "XXGC-D0" not in text and "2032" not in text, r.key


def test_the_command_says_which_files_were_left_out(tmp_path: Path) -> None:
    args = ["report", "annual", str(COLLEGE), "--year", "2026", "-o", str(tmp_path), "-f", "md", "-k", "review",
            "--as-of", "2026-06-20", "-j", "1", "--allow-errors"]
    result = CliRunner().invoke(local_app(), args)
    assert result.exit_code == 0, result.output
    assert f"未纳入本批全部报告：{DRAFT}（错误 3 处）" in result.output
    assert "中期检查" not in result.output  # no mid-term report asked for: no note about its month


def test_a_file_broken_by_the_exclusion_is_left_out_too(tmp_path: Path) -> None:
    """A plan whose targets hang under the excluded draft's target has errors once the draft
    is left out: it is left out too, and the batch still runs on what is left."""
    repo = tmp_path / "college"
    shutil.copytree(COLLEGE, repo)
    child = "departments/xxgc/plan-child.yaml"
    (repo / child).write_text(
        "schema_version: 1\nkind: plan\nid: P-XXGC-CHILD\ntitle: 信息工程学院骨干专业建设方案\ntype: department\n"
        "owner: [信息工程学院]\nparent: P-XXGC-DRAFT\ntargets:\n"
        "  - id: XXGC-C01\n    title: 骨干专业申报\n    level: program\n"
        "    statement: 2027年6月底前完成大数据技术专业骨干专业申报书1份\n    owner: [信息工程学院]\n"
        "    parent: XXGC-D01\n    deadline: \"2027.6\"\n    evidence: [骨干专业申报书]\n", encoding="utf-8")
    assert gate(repo).errors and {f.file for f in gate(repo).errors} == {DRAFT}  # fine while the draft is in
    checked = gate(repo, allow_errors=True)
    assert checked.ok and checked.excluded == (child, DRAFT), [(f.file, f.code) for f in checked.errors]
    assert {f.file for f in checked.errors} == {DRAFT, child}


# ------------------------------------------------------------------ 复核 conclusions
RULE = Review.model_validate({"pass": {"score": 0.9, "completion": 0.8, "max_red": 2},
                              "basic": {"score": 0.8, "completion": 0.5, "max_red": 5}})


def _row(score: float | None, rate: float | None, red: int) -> dict:
    from zhengai.reports.text import pct

    return {"score": score, "score_text": pct(score), "red": red,
            "completion": {"rate": rate, "rate_text": pct(rate)}}


@pytest.mark.parametrize(("row", "expected", "reason"), [
    (_row(0.95, 0.9, 0), "通过", "满足“通过”的全部条件"),
    (_row(0.8996, 0.9, 0), "通过", "满足"),  # printed as 90.0%: judged as printed, never "90.0% 低于 90.0%"
    (_row(0.95, None, 0), "通过", "满足"),  # no task due: the completion rate is not examined
    (_row(0.95, 0.9, 3), "基本通过", "红色预警 3 条，多于 2 条"),
    (_row(0.85, 0.6, 5), "基本通过", "综合达成度 85.0%，低于 90.0%"),
    (_row(0.85, 0.4, 0), "限期整改", "建设指标完成率 40.0%，低于 50.0%"),
    (_row(0.5, 1.0, 0), "限期整改", "综合达成度 50.0%，低于 80.0%"),
    (_row(None, None, 0), "数据不足", "没有可计算的综合达成度"),
])
def test_review_conclusion_follows_the_rule(row: dict, expected: str, reason: str) -> None:
    got, why = conclusion(row, RULE)
    assert got == expected and reason in why, why


def test_review_rule_is_the_colleges() -> None:
    lenient = Review(pass_=ReviewTier(score=0.7), basic=ReviewTier(score=0.5))
    assert conclusion(_row(0.72, 0.0, 10), lenient)[0] == "通过"
    with pytest.raises(ValueError, match="不能低于"):
        Review.model_validate({"pass": {"score": 0.7}, "basic": {"score": 0.8}})


# ------------------------------------------------------------------ dates
def test_next_steps_are_dated_from_the_as_of_date() -> None:
    june = next_steps(Calendar(), dt.date(2026, 6, 20), behind=3, upcoming=5, issuer="诊改办")
    assert june[0].endswith("于2026年7月31日前提交原因分析与赶进度措施。")
    assert "诊改办于2026年9月、11月开展专项检查。" in june and "2026年12月开展年度诊断与校内复核。" in june
    december = " ".join(next_steps(Calendar(), dt.date(2026, 12, 1), behind=3, upcoming=0, issuer="诊改办"))
    assert "2027年1月31日前" in december and "7月31日" not in december and "9月" not in december
    quiet = next_steps(Calendar(reply_months=2), dt.date(2026, 11, 30), behind=0, upcoming=0, issuer="x")
    assert quiet == ["2026年12月开展年度诊断与校内复核。"]


def test_a_mid_term_report_outside_its_month_is_noted(md_batch: BatchResult) -> None:
    config, _ = load_config(COLLEGE)
    assert batch_note(config, dt.date(2026, 6, 30)) is None
    july = config.model_copy(update={"calendar": Calendar.model_validate({"midterm": "07"})})  # "07" as YAML gives it
    assert batch_note(july, dt.date(2026, 7, 1)) is None and batch_note(july, dt.date(2026, 6, 30))
    (note,) = [n for n in md_batch.notes if "中期检查" in n]
    assert "2026年12月15日" in note and "6月" in note
    assert note in md_batch.index.read_text(encoding="utf-8")
    text = _read(md_batch, "mid-term")
    assert "7月31日" not in text and "2027年1月31日前" in text


# ------------------------------------------------------------------ one fact, one number
def test_each_department_has_one_completion_rate_and_one_warning_count(md_batch: BatchResult) -> None:
    repo = load_repository([COLLEGE], exclude=(DRAFT,))
    index = table(md_batch.index.read_text(encoding="utf-8"), "单位", "完成率", "红色预警", "黄色预警")
    review = table(_read(md_batch, "review"), "部门", "完成率", "红色预警", "黄色预警", "复核结论")
    midterm = table(_read(md_batch, "mid-term"), "部门", "完成率", "红色预警")
    annual = table(_read(md_batch, "annual"), "部门", "完成率", "红色预警", "黄色预警")
    for dept in repo.departments:
        own = _read(md_batch, "diagnosis", dept.id)
        rate = number(r"建设指标完成率[：:]?\s*([\d.]+%)", own)
        red = int(number(r"红色(?:预警)?\s*(\d+)\s*条", own))
        yellow = int(number(r"黄色(?:预警)?\s*(\d+)\s*条", own))
        warnings = table(section(own, "运行与监测"), "级别")  # 三、（三）预警情况
        assert red == sum(1 for w in warnings if w["级别"] == "红色"), dept.id  # the count equals its list
        assert yellow == sum(1 for w in warnings if w["级别"] == "黄色"), dept.id
        for name, rows in (("index", index), ("review", review), ("mid-term", midterm), ("annual", annual)):
            (row,) = [r for r in rows if r.get("单位", r.get("部门")) == dept.name]
            assert row["完成率"] == rate, (dept.id, name)
            assert int(row["红色预警"]) == red, (dept.id, name)
            if "黄色预警" in row:
                assert int(row["黄色预警"]) == yellow, (dept.id, name)


def test_review_counts_equal_their_lists_and_reasons_match_the_table(md_batch: BatchResult) -> None:
    text = _read(md_batch, "review")
    rows = table(text, "部门", "综合达成度", "复核结论")
    head = section(text, "复核工作概况")
    assert int(number(r"覆盖部门 (\d+) 个", head)) == len(rows)
    for word in ("通过", "基本通过", "限期整改", "数据不足"):
        stated = int(number(rf"[：，]{word} (\d+) 个", head))
        assert stated == sum(1 for r in rows if r["复核结论"] == word), word
    reasons = section(text, "各部门复核结论")
    for r in rows:
        (line,) = [ln for ln in reasons.splitlines() if ln.startswith(f"{r['序号']}. {r['部门']}：")]
        assert f"：{r['复核结论']}。" in line
        if "综合达成度" in line:  # a reason quotes the figure the table shows
            assert f"综合达成度 {r['综合达成度']}" in line
        if "红色预警" in line:
            assert f"红色预警 {r['红色预警']} 条" in line
    points = table(section(text, "国家诊断项目"), "诊断点", "达成度")
    stated = int(number(r"(\d+) 个诊断点中", head))
    supported = int(number(r"有 (\d+) 个有本校数据支撑", head))
    assert stated == len(points) and supported == sum(1 for p in points if p["达成度"] != "—")
    shown = [p["达成度"] for p in points if p["达成度"] != "—" and "相同" not in p["本校数据"]]
    repeats = [p for p in points if "相同" in p["本校数据"]]
    for p in repeats:  # a repeated figure is declared as shared data, and it is the other point's figure
        other = re.search(r"诊断点 (\S+) ", p["本校数据"])
        assert other and next(q for q in points if q["诊断点"].startswith(other.group(1) + " "))["达成度"] == p["达成度"]
    assert shown  # and there is real evidence left


def test_midterm_counts_equal_their_lists(md_batch: BatchResult) -> None:
    text = _read(md_batch, "mid-term")
    head = section(text, "总体进展")
    behind = table(section(text, "进度落后与逾期任务"), "级别", "对象")
    total = int(number(r"进度落后或逾期的任务 (\d+) 项", head))
    assert total == len(behind) <= 80
    assert len({r["对象"] for r in behind}) == len(behind)  # each task once
    overdue = int(number(r"逾期未完成 (\d+) 项", head))
    assert overdue == sum(1 for r in behind if r["类型"] == "逾期未完成")
    upcoming = table(section(text, "年内待完成任务"), "任务", "时间节点")
    assert int(number(r"尚未完成的任务 (\d+) 项", head)) == len(upcoming)
    tasks = len(load_repository([COLLEGE], exclude=(DRAFT,)).tasks)
    assert total <= tasks
