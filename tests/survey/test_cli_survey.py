"""``zhengai survey`` through a local Typer app: outputs, exit codes, Chinese one-liners."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
import typer
from typer.testing import CliRunner

from zhengai.cli import survey
from zhengai.render import charts

from .conftest import WriteCsv

ROWS = [
    ["S01", "一班", 5, 2, 3, 1, 4, 4],
    ["S02", "一班", 5, 1, 5, 5, 3, 4],
    ["S03", "二班", 3, 3, 3, 3, 3, 1],
    ["S03", "二班", 3, 3, 3, 3, 3, 9],
]


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    survey.register(app)
    return app


def run(app: typer.Typer, *args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_score_writes_every_output(app: typer.Typer, mini_path: Path, write_csv: WriteCsv, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = run(app, "survey", "score", mini_path, write_csv(ROWS), "--by", "class", "--each", "-o", out)
    assert code == 0, err
    assert "答卷 4 份，有效 2 份" in err
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert names == [
        "charts/个人/S01.png", "charts/个人/S02.png", "charts/个人/S03-第5行.png", "charts/个人/S03.png",
        "charts/全院.png", "charts/班级-一班.png", "charts/班级-二班.png",
        "radar.json", "report.md", "scores.xlsx", "summary.json",
    ]
    assert (out / "charts/全院.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["respondents"], summary["valid"], summary["excluded"]) == (4, 2, 2)
    data = json.loads((out / "radar.json").read_text(encoding="utf-8"))
    assert data["groups"]["全院"]["series"][0]["values"] == [73.44, 81.25]
    book = openpyxl.load_workbook(out / "scores.xlsx", read_only=True)
    assert book.sheetnames == ["个人得分", "群体统计", "得分分布", "数据质量", "说明"]
    rows = list(book["个人得分"].iter_rows(values_only=True))
    assert rows[0][:7] == ("行号", "编号", "班级", "纳入统计", "数据问题", "已答题数", "总分")
    assert rows[1][:7] == (2, "S01", "一班", "是", None, 6, 60.42)
    assert rows[4][3:5] == ("否", "重复答卷人、超出量表")
    book.close()
    report = (out / "report.md").read_text(encoding="utf-8")
    assert report.startswith("## 学生全面发展质量")
    assert "![全院雷达图](charts/全院.png)" in report


def test_existing_outputs_need_force(app: typer.Typer, mini_path: Path, write_csv: WriteCsv, tmp_path: Path) -> None:
    out = tmp_path / "out"
    responses = write_csv(ROWS)
    assert run(app, "survey", "score", mini_path, responses, "-o", out, "--no-charts")[0] == 0
    code, _, err = run(app, "survey", "score", mini_path, responses, "-o", out, "--no-charts")
    assert code == 2 and err.startswith("错误：输出目录中已有") and "--force" in err
    assert run(app, "survey", "score", mini_path, responses, "-o", out, "--no-charts", "--force")[0] == 0


@pytest.mark.parametrize(
    ("instrument", "responses", "extra", "message"),
    [
        ("missing.yaml", None, [], "找不到问卷“missing.yaml”"),
        ("BROKEN", None, [], "问卷文件无法使用"),
        ("MINI", "nope.csv", [], "找不到回答文件"),
        ("MINI", "BADCOLS", [], "缺少问卷“测试问卷”的题目列"),
        ("MINI", None, ["--by", "program"], "没有“专业”列，无法按专业分组"),
        ("MINI", None, ["--previous", "nope.xlsx"], "找不到回答文件"),
    ],
)
def test_bad_input_exits_2_with_one_chinese_line(
    app: typer.Typer, mini_path: Path, write_csv: WriteCsv, tmp_path: Path,
    instrument: str, responses: str | None, extra: list[str], message: str,
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: instrument\nschema_version: 1\nid: [\n", encoding="utf-8")
    paths = {"MINI": str(mini_path), "BROKEN": str(broken),
             "BADCOLS": str(write_csv([["S01", 1]], header=["学号", "a1"], name="bad.csv"))}
    resp = paths.get(responses or "", responses) or str(write_csv(ROWS))
    code, out, err = run(app, "survey", "score", paths.get(instrument, instrument), resp, "-o", tmp_path / "o", *extra)
    assert code == 2
    assert out == ""
    assert err.startswith("错误：") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_missing_cjk_font_says_how_to_install_one(
    app: typer.Typer, mini_path: Path, write_csv: WriteCsv, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(charts.FONT_ENV, raising=False)
    monkeypatch.setattr(charts, "CJK_FAMILIES", ("No Such Font SC",))
    charts.find_cjk_font.cache_clear()
    try:
        code, _, err = run(app, "survey", "score", mini_path, write_csv(ROWS), "-o", tmp_path / "o")
        assert code == 2 and err == f"错误：{charts.INSTALL_HINT}\n"  # the reports' message, word for word
        assert "apt-get install fonts-noto-cjk" in err and "--no-charts" in err and "ZHENGAI_FONT" in err
        assert not (tmp_path / "o").exists()  # nothing half-written
        assert run(app, "survey", "score", mini_path, write_csv(ROWS), "-o", tmp_path / "o", "--no-charts")[0] == 0
    finally:
        charts.find_cjk_font.cache_clear()


def test_font_option_and_variable_as_in_the_reports(
    app: typer.Typer, mini_path: Path, write_csv: WriteCsv, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    charts.find_cjk_font.cache_clear()
    font = charts.find_cjk_font().path
    monkeypatch.setenv(charts.FONT_ENV, str(tmp_path / "no-such-font.ttf"))
    charts.find_cjk_font.cache_clear()
    try:
        code, _, err = run(app, "survey", "score", mini_path, write_csv(ROWS), "-o", tmp_path / "o")
        assert code == 2 and "环境变量 ZHENGAI_FONT 指定的字体文件不存在" in err
        code, _, err = run(app, "survey", "score", mini_path, write_csv(ROWS), "-o", tmp_path / "o", "--font", font)
        assert code == 0, err
        assert any((tmp_path / "o" / "charts").glob("*.png"))
    finally:
        charts.find_cjk_font.cache_clear()


def test_list(app: typer.Typer) -> None:
    code, out, _ = run(app, "survey", "list")
    assert code == 0
    assert "student-luzhou-5x25\t学生发展自测诊断问表（5个维度25个要素）\t5 个维度 25 个要素 25 题" in out
