"""``zhengai check`` end to end: exit codes, every output format, -o, errors as exit 2."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhengai import __version__
from zhengai.check.checker import check_paths
from zhengai.cli import app
from zhengai.render.reporters import envelope

runner = CliRunner()
BAD_TASK = "schema_version: 1\nkind: tasks\nyear: 2026\ntasks:\n  - {id: K1, title: 进程表备案, class: C, owner: 网络中心, deadline: 2026.7}\n"
WARN_TASK = "schema_version: 1\nkind: tasks\nyear: 2026\ntasks:\n  - {id: K1, title: 进程表备案, class: C, owner: jwc, deadline: 2032.6}\n"


def run(*args: str):
    return runner.invoke(app, list(args))


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.output.strip() == f"zhengai {__version__}"


def test_clean_repository_exits_0(write_repo) -> None:
    result = run("check", str(write_repo()))
    assert result.exit_code == 0, result.output
    assert "0 个错误" in result.output


def test_error_exits_1_with_text_location(write_repo) -> None:
    root = write_repo({"departments/jwc/t.yaml": BAD_TASK})
    result = run("check", str(root), "--format", "text")
    assert result.exit_code == 1
    assert "departments/jwc/t.yaml:5:45: 错误 ZG304 部门“网络中心”不在 zhengai.yaml 的部门清单中。" in result.output
    assert "提示：" in result.output


def test_warning_only_passes_unless_fail_level_warning(write_repo) -> None:
    root = write_repo({"departments/jwc/t.yaml": WARN_TASK})
    assert run("check", str(root)).exit_code == 0
    assert run("check", str(root), "--fail-level", "warning").exit_code == 1


def test_exit_zero(write_repo) -> None:
    root = write_repo({"departments/jwc/t.yaml": BAD_TASK})
    assert run("check", str(root), "--exit-zero").exit_code == 0


def test_json_equals_library_envelope(write_repo) -> None:
    root = write_repo({"departments/jwc/t.yaml": BAD_TASK})
    result = run("check", str(root), "-f", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    report, _ = check_paths([root])
    assert data == json.loads(json.dumps(envelope(report), ensure_ascii=False))
    assert data["schema_version"] == 1 and data["tool"] == {"name": "zhengai", "version": __version__}
    assert data["summary"]["files"] == 3 and data["summary"]["errors"] == 1
    finding = next(f for f in data["findings"] if f["severity"] == "error")
    assert list(finding) == ["code", "severity", "message", "hint", "file", "line", "col", "pointer", "subject"]
    assert finding["pointer"] == "/tasks/0/owner" and finding["subject"] == "K1 进程表备案"


def test_github_annotations(write_repo) -> None:
    root = write_repo({"departments/jwc/t.yaml": BAD_TASK})
    result = run("check", str(root), "-f", "github")
    assert result.output == (
        "::error file=departments/jwc/t.yaml,line=5,col=45,endLine=5,endColumn=49,title=ZG304::部门“网络中心”不在 zhengai.yaml 的部门清单中。"
        "（写部门的标识、名称或别名；新部门先加到 zhengai.yaml 的 departments，改名的部门把旧名写进 aliases。）\n"
    )


def test_github_is_default_in_actions(write_repo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    root = write_repo({"departments/jwc/t.yaml": BAD_TASK})
    assert run("check", str(root)).output.startswith("::error ")


def test_sarif(write_repo) -> None:
    root = write_repo({"departments/jwc/t.yaml": BAD_TASK})
    data = json.loads(run("check", str(root), "-f", "sarif").output)
    assert data["version"] == "2.1.0"
    result = data["runs"][0]["results"][0]
    assert result["ruleId"] == "ZG304" and result["level"] == "error"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region == {"startLine": 5, "startColumn": 45, "endLine": 5, "endColumn": 49}
    assert data["runs"][0]["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "ZG304"


def test_junit(write_repo) -> None:
    root = write_repo({"departments/jwc/t.yaml": BAD_TASK})
    tree = ET.fromstring(run("check", str(root), "-f", "junit").output)
    failures = tree.findall(".//failure")
    assert len(failures) == 1 and failures[0].get("type") == "ZG304"
    assert tree.get("failures") == "1"


def test_output_file_written_atomically(write_repo, tmp_path: Path) -> None:
    root = write_repo({"departments/jwc/t.yaml": BAD_TASK})
    out = tmp_path / "out" / "report.json"
    result = run("check", str(root), "-f", "json", "-o", str(out))
    assert result.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["errors"] == 1
    assert [p.name for p in out.parent.iterdir()] == ["report.json"]


def test_output_to_a_directory_exits_2(write_repo, tmp_path: Path) -> None:
    result = run("check", str(write_repo()), "-o", str(tmp_path))
    assert result.exit_code == 2 and "目录" in result.output


def test_single_file_reports_only_that_file(write_repo) -> None:
    root = write_repo({"departments/jwc/t.yaml": BAD_TASK, "departments/jwc/u.yaml": WARN_TASK.replace("K1", "K2")})
    data = json.loads(run("check", str(root / "departments/jwc/u.yaml"), "-f", "json").output)
    assert {f["file"] for f in data["findings"]} == {"departments/jwc/u.yaml"}
    assert data["summary"]["files"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "/no/such/path"], "路径不存在"),
        (["check", "-f", "xml", "."], "xml"),
        (["check"], "Missing argument"),
        (["explain", "ZG999"], "没有规则"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2 and message in result.output


def test_broken_config_exits_2_with_location(write_repo) -> None:
    root = write_repo(config="schema_version: 1\nkind: config\ninstitution: x\nperiod: {start: 2030, end: 2026}\n"
                      "current_year: 2026\ndepartments: []\n")
    result = run("check", str(root))
    assert result.exit_code == 2
    assert "zhengai.yaml:4:" in result.output and "早于" in result.output
    assert "Traceback" not in result.output


def test_files_of_two_repositories_exit_2(write_repo, tmp_path: Path) -> None:
    root = write_repo()
    other = tmp_path / "other"
    other.mkdir()
    (other / "zhengai.yaml").write_text((root / "zhengai.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert run("check", str(root), str(other)).exit_code == 2


def test_loose_files_without_config(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(BAD_TASK, encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 0  # without zhengai.yaml owners cannot be judged; schema is still checked
    path.write_text(BAD_TASK.replace("class: C", "class: D"), encoding="utf-8")
    assert run("check", str(path)).exit_code == 1


def test_explain_lists_and_explains() -> None:
    listing = run("explain")
    assert listing.exit_code == 0 and "ZG302" in listing.output
    single = run("explain", "zg302")
    assert single.exit_code == 0 and "为什么" in single.output and "✘" in single.output


def test_explain_knows_the_excel_codes() -> None:
    listing = run("explain")
    for code in ("XL100", "XL101", "XL102", "XL201"):
        assert code in listing.output
    warning = run("explain", "xl101")
    assert warning.exit_code == 0
    assert warning.output.startswith("XL101 导入警告") and "级别：警告" in warning.output
    assert "含义：" in warning.output and "怎么改：" in warning.output
    fatal = run("explain", "XL100")
    assert "级别：错误" in fatal.output and "无法导入或导出" in fatal.output
    assert "单元格无处存放" in run("explain", "XL102").output
    assert "导出警告" in run("explain", "XL201").output
    missing = run("explain", "XL999")
    assert missing.exit_code == 2 and "没有规则或代码" in missing.output


def test_init_scaffolds_a_valid_repository(tmp_path: Path) -> None:
    target = tmp_path / "new"
    result = run("init", str(target), "--start", "2026")
    assert result.exit_code == 0
    assert run("check", str(target)).exit_code == 0
    again = run("init", str(target))
    assert again.exit_code == 2 and "不是空目录" in again.output


def test_schema_command(tmp_path: Path) -> None:
    assert json.loads(run("schema", "plan").output)["title"].startswith("zhengai 规划")
    assert run("schema", "nope").exit_code == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check"], "错误：缺少参数 paths。用 zhengai check --help 查看用法。"),
        (["check", "-f", "xml", "."], "错误：选项 --format 的取值无效：'xml' 不是以下之一：'text', 'json', 'github', 'sarif', 'junit'"),
        (["nope"], "错误：没有命令 nope。"),
        (["check", "--bogus", "."], "错误：没有选项 --bogus。"),
    ],
)
def test_usage_errors_are_chinese_from_the_console_script(args: list[str], message: str) -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "zhengai", *args], capture_output=True, text=True)
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr


def test_output_file_gets_ordinary_permissions(write_repo, tmp_path: Path) -> None:
    import os
    import stat

    out = tmp_path / "report.json"
    run("check", str(write_repo()), "-f", "json", "-o", str(out))
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask  # not the 0600 of the temporary file
