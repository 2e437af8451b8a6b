"""``zhengai report annual`` as a library call: every report, reopened and inspected; skipping; failures."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.word.conftest import COLLEGE, DECEMBER
from zhengai.fsutil import OutputError
from zhengai.load.repository import RepositoryError, load_repository
from zhengai.render.batch import MANIFEST, BatchOptions, read_manifest, run_batch
from zhengai.render.word.styles import STYLES, conformance
from zhengai.reports.registry import units
from zhengai.reports.workspace import Workspace


def _expected_units() -> int:
    ws = Workspace(load_repository([COLLEGE]), DECEMBER)
    return sum(len(units(ws, kind)) for kind in ("diagnosis", "annual", "review", "mid-term"))


def test_every_report_of_every_unit_is_produced(college_batch) -> None:
    results = college_batch.results
    assert len(results) == _expected_units()
    assert all(r.status == "written" for r in results), [(r.key, r.error) for r in results if r.error]
    kinds = {r.kind for r in results}
    assert kinds == {"diagnosis", "annual", "review", "mid-term"}
    assert {r.unit for r in results if r.kind == "annual"} == {"college", "program", "course", "teacher", "student"}
    out = college_batch.index.parent
    for r in results:
        assert sorted(Path(p).suffix for p in r.outputs) == [".docx", ".md"]
        for rel in r.outputs:
            assert (out / rel).is_file(), rel
    index = college_batch.index.read_text(encoding="utf-8")
    for r in results:
        for rel in r.outputs:
            assert f"(<{rel}>)" in index
        assert r.band["band"] in index
    assert not list(out.rglob(".*.tmp"))


def _docx_files(batch) -> list[Path]:
    out = batch.index.parent
    return sorted(out / rel for r in batch.results for rel in r.outputs if rel.endswith(".docx"))


def test_each_docx_reopens_with_layout_fonts_tables_images_and_no_tags(college_batch) -> None:
    charts = {r.key: r for r in college_batch.results}
    assert charts
    for path in _docx_files(college_batch):
        document = Document(str(path))
        assert conformance(document) == [], path.name
        for spec in STYLES:  # the East-Asian font is on the style itself, Latin in Times New Roman
            fonts = document.styles[spec.name].element.rPr.find(qn("w:rFonts"))
            assert fonts.get(qn("w:eastAsia")) == spec.east_asia, (path.name, spec.name)
            assert fonts.get(qn("w:ascii")) == "Times New Roman"
            assert fonts.get(qn("w:eastAsiaTheme")) is None
        assert len(document.tables) >= 2, path.name
        assert len(document.inline_shapes) >= 1, path.name
        with zipfile.ZipFile(path) as package:
            for name in package.namelist():
                if name.startswith("word/") and name.endswith(".xml"):
                    text = package.read(name).decode("utf-8")
                    assert "{{" not in text and "{%" not in text and "{#" not in text, (path.name, name)
            names = package.namelist()  # native charts by default: chart parts; pictures only the authored ones
            assert any(n.startswith("word/charts/chart") and n.endswith(".xml") for n in names), path.name
            body = package.read("word/document.xml").decode("utf-8")
            pictures = body.count("<pic:pic>") + body.count("<pic:pic ")
            assert sum(1 for n in names if n.startswith("word/media/")) == pictures, path.name


def test_images_are_the_charts_of_each_report(college_batch) -> None:
    # the same repository the batch reported on: without the files it excluded (check errors)
    ws = Workspace(load_repository([COLLEGE], exclude=college_batch.excluded), DECEMBER)
    from zhengai.reports.registry import build

    out = college_batch.index.parent
    for r in college_batch.results:
        data = build(ws, r.kind, r.unit)
        docx = next(rel for rel in r.outputs if rel.endswith(".docx"))
        authored = sum(s["authored"]["images"] for s in data.context["r"].get("sections", {}).values()
                       if s["authored"])  # the pictures of narratives/ besides the charts
        assert len(Document(str(out / docx)).inline_shapes) == len(data.charts) + authored, r.key


def test_second_run_skips_every_unit_without_loading(college_batch, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(college_batch.index.parent, out)
    opts = BatchOptions(root=COLLEGE, year=2026, out=out, kinds=("diagnosis", "annual", "review", "mid-term"),
                        formats=("docx", "md"), jobs=2, as_of=DECEMBER, allow_errors=True)
    start = time.perf_counter()
    again = run_batch(opts)
    assert [r.status for r in again.results] == ["skipped"] * len(again.results)
    assert time.perf_counter() - start < 5  # no worker started, no repository loaded


def _md_opts(root: Path, out: Path, **kwargs) -> BatchOptions:
    # the example college has a deliberately broken draft: leave it out as --allow-errors does
    return BatchOptions(root=root, year=2026, out=out, kinds=("diagnosis",), formats=("md",), jobs=1,
                        as_of=DECEMBER, allow_errors=True, **kwargs)


def test_only_changed_units_are_rewritten(tmp_path: Path) -> None:
    repo = tmp_path / "college"
    shutil.copytree(COLLEGE, repo)
    out = tmp_path / "out"
    first = run_batch(_md_opts(repo, out))
    assert {r.status for r in first.results} == {"written"}
    # Edit one improvement record of 质量督导处: its report changes, the others do not.
    path = repo / "departments/zdc/improvements-2025.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: in_progress", "status: done", 1) if "status: in_progress" in text
                    else text + "\n# 修改\n", encoding="utf-8")
    second = {r.unit: r.status for r in run_batch(_md_opts(repo, out)).results}
    assert "skipped" in second.values()
    if "status: in_progress" in text:
        assert second["zdc"] == "written"
    forced = run_batch(_md_opts(repo, out, force=True))
    assert {r.status for r in forced.results} == {"written"}


def test_deleted_output_is_rewritten_and_edited_one_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(_md_opts(COLLEGE, out))
    victim = next((out / "自我诊改报告").glob("*.md"))
    victim.write_text("被改过", encoding="utf-8")
    other = sorted((out / "自我诊改报告").glob("*.md"))[-1]
    other.unlink()
    again = run_batch(_md_opts(COLLEGE, out))
    assert sum(r.status == "written" for r in again.results) == 2
    assert other.read_text(encoding="utf-8").startswith("# ")
    # Issue 15 item 1: a person's edit is never regenerated over without --force.
    assert victim.read_text(encoding="utf-8") == "被改过"
    beside = victim.with_name(victim.name.removesuffix(".md") + ".新.md")
    assert beside.read_text(encoding="utf-8").startswith("# ")
    rel = victim.relative_to(out).as_posix()
    assert again.kept == {rel: beside.relative_to(out).as_posix()}
    third = run_batch(_md_opts(COLLEGE, out))
    assert {r.status for r in third.results} == {"skipped"} and third.kept == again.kept
    assert victim.read_text(encoding="utf-8") == "被改过"
    forced = run_batch(_md_opts(COLLEGE, out, force=True))
    assert not forced.kept and victim.read_text(encoding="utf-8").startswith("# ")


def test_users_own_files_at_report_paths_are_never_overwritten(tmp_path: Path) -> None:
    """Issue 15 item 2: files zhengai did not write (no manifest, or not in it) stay as they are."""
    first_out = tmp_path / "first"
    first = run_batch(_md_opts(COLLEGE, first_out))
    report = next(rel for rel in first.results[0].outputs)
    out = tmp_path / "out"
    (out / report).parent.mkdir(parents=True)
    (out / report).write_bytes(b"my own notes")
    (out / "index.md").write_bytes(b"my own index")
    result = run_batch(_md_opts(COLLEGE, out))
    assert (out / report).read_bytes() == b"my own notes"
    assert (out / "index.md").read_bytes() == b"my own index"
    assert result.kept[report] == report.removesuffix(".md") + ".新.md"
    assert result.kept["index.md"] == "index.新.md" and result.index == out / "index.新.md"
    assert (out / result.kept[report]).read_bytes() == (first_out / report).read_bytes()
    # a person's file at the .新 path too: the next free name, still nothing overwritten
    (out / result.kept[report]).write_bytes(b"edited the new one as well")
    again = run_batch(_md_opts(COLLEGE, out))
    assert again.kept[report] == report.removesuffix(".md") + ".新-2.md"
    assert (out / result.kept[report]).read_bytes() == b"edited the new one as well"


def test_cleanup_removes_only_temporaries_zhengai_created(tmp_path: Path) -> None:
    """Issue 15 item 3: the user's own ``.*.tmp`` files in --out survive every run."""
    from zhengai.fsutil import atomic_open
    from zhengai.render.batch import TEMP_JOURNAL

    out = tmp_path / "out"
    folder = out / "自我诊改报告"
    folder.mkdir(parents=True)
    mine = [out / ".草稿.tmp", folder / ".notes.tmp", folder / ".教务处-2026年度自我诊改报告.md.abc.tmp"]
    for path in mine:
        path.write_text("用户自己的文件", encoding="utf-8")
    # a run killed mid-write leaves a journalled temporary behind
    with pytest.raises(KeyboardInterrupt), atomic_open(folder / "x.md", journal=out / TEMP_JOURNAL):
        raise KeyboardInterrupt
    (line,) = (out / TEMP_JOURNAL).read_text(encoding="utf-8").splitlines()
    leftover = Path(line)
    assert leftover.parent == folder.resolve() and not leftover.exists()  # a kill would have left it: recreate
    leftover.write_text("半个文件", encoding="utf-8")
    result = run_batch(_md_opts(COLLEGE, out))
    assert not result.failed
    assert all(path.read_text(encoding="utf-8") == "用户自己的文件" for path in mine)
    assert not leftover.exists() and not (out / TEMP_JOURNAL).exists()


def test_report_summary_names_kept_files(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from tests.word.conftest import local_app

    out = tmp_path / "out"
    args = ["report", "annual", str(COLLEGE), "--year", "2026", "--out", str(out), "-k", "review", "-f", "md",
            "--as-of", "2026-12-15", "-j", "1", "--allow-errors"]
    runner = CliRunner()
    assert runner.invoke(local_app(), args).exit_code == 0
    (report,) = (out / "校内复核报告").glob("*.md")
    report.write_text("人工修改", encoding="utf-8")
    (out / ".zhengai-report.json").write_text("{}", encoding="utf-8")  # inputs look changed: it must render again
    rerun = runner.invoke(local_app(), args)
    assert rerun.exit_code == 0, rerun.output
    assert "未覆盖" in rerun.output and report.name in rerun.output and ".新.md" in rerun.output
    assert report.read_text(encoding="utf-8") == "人工修改"


def test_a_failing_unit_does_not_stop_the_others(tmp_path: Path) -> None:
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "review.md.j2").write_text("{{ r.departments_nope }}\n", encoding="utf-8")
    out = tmp_path / "out"
    opts = BatchOptions(root=COLLEGE, year=2026, out=out, kinds=("review", "mid-term", "diagnosis"),
                        formats=("md",), jobs=2, as_of=DECEMBER, template_dir=templates, allow_errors=True)
    result = run_batch(opts)
    (failed,) = result.failed
    assert failed.kind == "review" and "departments_nope" in failed.error
    assert result.count("written") == len(result.results) - 1
    manifest = read_manifest(out)
    assert manifest["units"][failed.key]["ok"] is False
    assert "失败" in result.index.read_text(encoding="utf-8")
    # fixed template → the failed unit is made, the rest is skipped
    (templates / "review.md.j2").write_text("# {{ doc.title }}\n", encoding="utf-8")
    again = run_batch(opts)
    assert {r.key: r.status for r in again.results}[failed.key] == "written"
    assert again.count("skipped") == len(again.results) - 1


def test_bad_output_folder_and_kind(tmp_path: Path) -> None:
    file = tmp_path / "afile"
    file.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="不是目录"):
        run_batch(_md_opts(COLLEGE, file))
    with pytest.raises(RepositoryError, match="未知的报告类型"):
        run_batch(BatchOptions(root=COLLEGE, year=2026, out=tmp_path / "o", kinds=("weekly",), formats=("md",),
                               allow_errors=True))
    with pytest.raises(RepositoryError, match=r"zhengai\.yaml"):
        run_batch(_md_opts(tmp_path, tmp_path / "o"))


KILL_SCRIPT = """
import datetime as dt, sys
from pathlib import Path
from zhengai.render.batch import BatchOptions, run_batch
if __name__ == "__main__":
    run_batch(BatchOptions(root=Path(sys.argv[1]), year=2026, out=Path(sys.argv[2]), kinds=("diagnosis", "annual"),
                           formats=("docx", "md"), jobs=1, as_of=dt.date(2026, 12, 15), allow_errors=True))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_run_leaves_only_whole_files(tmp_path: Path) -> None:
    script = tmp_path / "run.py"
    script.write_text(KILL_SCRIPT, encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    proc = subprocess.Popen([sys.executable, str(script), str(COLLEGE), str(out)], env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob("*.docx"))) < 3:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    for path in out.rglob("*.docx"):  # whatever is there under its real name is complete
        assert Document(str(path)).paragraphs, path
    for path in out.rglob("*.md"):
        assert path.read_text(encoding="utf-8").startswith("#")
    rerun = run_batch(BatchOptions(root=COLLEGE, year=2026, out=out, kinds=("diagnosis", "annual"),
                                   formats=("docx", "md"), jobs=1, as_of=DECEMBER, allow_errors=True))
    assert not rerun.failed and not list(out.rglob(".*.tmp"))
    assert (out / MANIFEST).is_file()


def test_index_numbers_the_kinds_present_and_gives_monthly_reports_no_band() -> None:
    from zhengai.render.batch import index_markdown

    manifest = {"units": {
        "2026/monthly/jwc": {"year": 2026, "kind": "monthly", "label": "教务处（2026年10月）", "title": "教务处2026年10月工作报表",
                             "outputs": {"m.docx": ""}, "ok": True, "band": {}},
        "2026/review/college": {"year": 2026, "kind": "review", "label": "学院", "title": "校内复核报告",
                                "outputs": {"r.docx": ""}, "ok": True, "band": {"score_text": "71.2%", "band": "未达成"}},
    }}
    text = index_markdown(manifest, 2026, "江城职业技术学院")
    assert "## 一、校内复核报告" in text and "## 二、部门月度工作报表" in text
    assert "| 学院 | 校内复核报告 [docx](<r.docx>) | 71.2% | 未达成 | 正常 |" in text
    assert "| 教务处（2026年10月） | 教务处2026年10月工作报表 [docx](<m.docx>) | 正常 |" in text
    assert "report annual" not in text
