"""The commands: ``report annual``, ``template check``, ``diagnose --format docx`` (exit codes, messages)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from tests.word.conftest import COLLEGE, MINI, ROOT, local_app
from zhengai.cli import app as main_app
from zhengai.render import charts

runner = CliRunner()
app = local_app()


def test_report_annual_markdown_then_skips(tmp_path: Path) -> None:
    args = ["report", "annual", str(MINI), "--year", "2026", "--out", str(tmp_path), "--format", "md",
            "--kind", "diagnosis,annual", "--jobs", "1", "--as-of", "2026-07-15"]
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "共 7 份报告：生成 7 份，未变化跳过 0 份，失败 0 份" in first.output
    second = runner.invoke(app, args)
    assert "生成 0 份，未变化跳过 7 份" in second.output
    assert (tmp_path / "index.md").is_file() and (tmp_path / "自我诊改报告" / "教务处-2026年度自我诊改报告.md").is_file()


def test_report_annual_failure_exits_1_with_the_unit_and_its_error(tmp_path: Path) -> None:
    tpl = tmp_path / "tpl"
    tpl.mkdir()
    (tpl / "review.md.j2").write_text("{{ r.nope }}", encoding="utf-8")
    out = runner.invoke(app, ["report", "annual", str(MINI), "-y", "2026", "-o", str(tmp_path / "out"), "-f", "md",
                              "-k", "review,mid-term", "-j", "1", "--template-dir", str(tpl)])
    assert out.exit_code == 1
    assert "失败 1 份" in out.output and "失败 校内复核报告" in out.output and "nope" in out.output


@pytest.mark.parametrize(("extra", "message"), [
    (["--kind", "weekly"], "--kind 的取值“weekly”无效"),
    (["--format", "pdf"], "--format 的取值“pdf”无效"),
    (["--as-of", "2026-13-01"], "--as-of"),
    (["--template-dir", "/nonexistent"], "--template-dir 不是目录"),
])
def test_report_annual_usage_errors_exit_2(tmp_path: Path, extra: list[str], message: str) -> None:
    out = runner.invoke(app, ["report", "annual", str(MINI), "--year", "2026", "--out", str(tmp_path), *extra])
    assert out.exit_code == 2 and message in out.output


def test_report_annual_not_a_repository_exits_2(tmp_path: Path) -> None:
    out = runner.invoke(app, ["report", "annual", str(tmp_path), "--year", "2026", "--out", str(tmp_path / "o"),
                              "-f", "md"])
    assert out.exit_code == 2 and "zhengai.yaml" in out.output


def test_report_annual_chart_images_without_a_cjk_font_exits_2(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    charts.find_cjk_font.cache_clear()
    monkeypatch.setattr(charts, "CJK_FAMILIES", ("No Such Font SC",))
    monkeypatch.delenv(charts.FONT_ENV, raising=False)
    try:
        out = runner.invoke(app, ["report", "annual", str(MINI), "--year", "2026", "--out", str(tmp_path),
                                  "--chart-images"])
    finally:
        charts.find_cjk_font.cache_clear()
    assert out.exit_code == 2 and "fonts-noto-cjk" in out.output
    assert not (tmp_path / "index.md").exists()


def test_report_annual_needs_no_cjk_font_for_native_charts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The docx edition's charts are drawn by Word: no font search, no matplotlib at all."""
    charts.find_cjk_font.cache_clear()
    monkeypatch.setattr(charts, "CJK_FAMILIES", ("No Such Font SC",))
    monkeypatch.delenv(charts.FONT_ENV, raising=False)
    try:
        out = runner.invoke(app, ["report", "annual", str(MINI), "--year", "2026", "--out", str(tmp_path),
                                  "-f", "docx", "-j", "1"])
    finally:
        charts.find_cjk_font.cache_clear()
    assert out.exit_code == 0, out.output
    assert list(tmp_path.rglob("*.docx"))


def test_template_check_command(tmp_path: Path) -> None:
    good = runner.invoke(app, ["template", "check", str(ROOT / "templates" / "annual.docx")])
    assert good.exit_code == 0, good.output
    assert "annual 类型" in good.output and "✔ r.tables[].rows[].now_text" in good.output
    bad = tmp_path / "x.md.j2"
    bad.write_text("{{ doc.titel }}", encoding="utf-8")
    out = runner.invoke(app, ["template", "check", str(bad), "--kind", "review"])
    assert out.exit_code == 1 and "✘ doc.titel" in out.output and "title" in out.output
    unknown = runner.invoke(app, ["template", "check", str(bad)])
    assert unknown.exit_code == 2 and "--kind" in unknown.output
    listed = runner.invoke(app, ["template", "check", str(bad), "-k", "mid-term", "--fields", "-f", "json"])
    assert '"r.upcoming[].due"' in listed.output


def test_diagnose_docx(tmp_path: Path) -> None:
    dept = str(MINI / "departments/jwc")
    no_output = runner.invoke(main_app, ["diagnose", dept, "--as-of", "2026-07-15", "-f", "docx"])
    assert no_output.exit_code == 2 and "-o" in no_output.output
    target = tmp_path / "教务处.docx"
    out = runner.invoke(main_app, ["diagnose", dept, "--as-of", "2026-07-15", "-f", "docx", "-o", str(target),
                                   "--fail-on", "red"])
    assert out.exit_code == 1  # red warnings, as with Markdown
    assert "红色预警 4 条" in out.output
    document = Document(str(target))
    assert any("教务处2026年度自我诊改报告" in p.text for p in document.paragraphs)
    again = runner.invoke(main_app, ["diagnose", dept, "--as-of", "2026-07-15", "-f", "docx", "-o", str(target)])
    assert again.exit_code == 2 and "--force" in again.output
    typo = tmp_path / "mine.docx"
    d = Document(str(ROOT / "templates" / "diagnosis.docx"))
    d.add_paragraph("{{ r.dept.nmae }}")
    d.save(str(typo))
    out = runner.invoke(main_app, ["diagnose", dept, "-f", "docx", "-o", str(tmp_path / "x.docx"),
                                   "--template", str(typo)])
    assert out.exit_code == 2 and "nmae" in out.output and "template check" in out.output


def test_commands_start_light() -> None:
    code = ("import sys, zhengai.cli.report, zhengai.cli.template, zhengai.reports.registry, zhengai.reports.annual, zhengai.render.batch;"
            "print(sorted(m for m in ('docx', 'docxtpl', 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_example_college_december_batch_from_the_command_line(tmp_path: Path) -> None:
    out = runner.invoke(app, ["report", "annual", str(COLLEGE), "--year", "2026", "--out", str(tmp_path), "-f", "md",
                              "-k", "review", "--as-of", "2026-12-15", "--allow-errors"])
    assert out.exit_code == 0, out.output
    text = (tmp_path / "校内复核报告" / "江城职业技术学院2026年度校内复核报告.md").read_text(encoding="utf-8")
    assert text.startswith("# 江城职业技术学院2026年度内部质量保证体系诊断与改进校内复核报告")
