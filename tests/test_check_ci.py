"""``zhengai check`` tells CI the truth: no repository is exit 2 before any walking, a
broken zhengai.yaml still reaches CI in the chosen format, SARIF passes the official
2.1.0 schema with what GitHub code scanning needs, JUnit counts are consistent."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from zhengai.check.checker import check_paths, token_end
from zhengai.check.rules import RULES
from zhengai.cli import app
from zhengai.load.repository import RepositoryError

# The OASIS SARIF 2.1.0 schema (errata01), from oasis-tcs/sarif-spec sarif-2.1/schema/.
SARIF_SCHEMA = json.loads((Path(__file__).parent / "fixtures/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
TASKS = "schema_version: 1\nkind: tasks\nyear: 2026\ntasks:\n"
BAD = TASKS + "  - {id: K1, title: 进程表备案, class: C, owner: 网络中心, deadline: 2026.7}\n"  # ZG304 error
WARN = TASKS + "  - {id: K2, title: 进程表备案, class: C, owner: jwc, deadline: 2032.6}\n"  # ZG307 warning
BROKEN_SCHEMA = ("schema_version: 1\nkind: config\ninstitution: x\nperiod: {start: 2030, end: 2026}\n"
                 "current_year: 2026\ndepartments: []\n")
BROKEN_YAML = "schema_version: 1\nkind: config\ninstitution: \"x\n"


def run(*args: str):
    return CliRunner().invoke(app, list(args))


# ------------------------------------------------------------------ no repository
def test_folder_without_zhengai_yaml_exits_2_before_walking(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub/x.yaml").write_text("kind: plan\n", encoding="utf-8")
    import zhengai.load.discover
    import zhengai.load.repository

    def no_walk(root: Path) -> list[Path]:
        raise AssertionError(f"walked {root}")

    # the loader walks with scan (imported into repository); discover is the batch's walk
    monkeypatch.setattr(zhengai.load.repository, "scan", no_walk)
    monkeypatch.setattr(zhengai.load.discover, "discover", no_walk)
    result = run("check", str(tmp_path), "-f", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("错误：") and "不是计划仓库" in result.stderr and "zhengai.yaml" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    with pytest.raises(RepositoryError):
        check_paths([tmp_path / "sub"])


def test_empty_folder_is_not_a_clean_repository(tmp_path: Path) -> None:
    assert run("check", str(tmp_path)).exit_code == 2


def test_folder_inside_a_repository_finds_the_root_above(write_repo) -> None:
    root = write_repo({"departments/jwc/t.yaml": BAD})
    result = run("check", str(root / "departments"), "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["findings"][0]["file"] == "departments/jwc/t.yaml"


# ------------------------------------------------------------------ broken zhengai.yaml
def _broken(write_repo, config: str, fmt: str, *extra: str):
    root = write_repo(config=config)
    result = run("check", str(root), "-f", fmt, *extra)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("错误：配置文件无法使用：zhengai.yaml:")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    return result


def test_broken_config_reaches_github_annotations(write_repo) -> None:
    result = _broken(write_repo, BROKEN_SCHEMA, "github")
    assert result.stdout.startswith("::error file=zhengai.yaml,line=4,col=")
    assert "早于" in result.stdout


def test_broken_config_reaches_json(write_repo) -> None:
    data = json.loads(_broken(write_repo, BROKEN_YAML, "json").stdout)
    assert data["summary"] == {"files": 1, "errors": 1, "warnings": 0}
    (finding,) = data["findings"]
    assert (finding["code"], finding["file"], finding["severity"]) == ("ZG102", "zhengai.yaml", "error")
    assert finding["hint"] == RULES["ZG102"].hint


def test_broken_config_reaches_sarif(write_repo) -> None:
    data = json.loads(_broken(write_repo, BROKEN_SCHEMA, "sarif").stdout)
    _validate_sarif(data)
    (result,) = data["runs"][0]["results"]
    assert result["ruleId"] == "ZG201" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "zhengai.yaml",
                                                                              "uriBaseId": "%SRCROOT%"}


def test_broken_config_reaches_junit_and_the_output_file(write_repo, tmp_path: Path) -> None:
    out = tmp_path / "junit.xml"
    _broken(write_repo, BROKEN_SCHEMA, "junit", "-o", str(out))
    tree = ET.fromstring(out.read_text(encoding="utf-8"))
    (case,) = tree.iter("testcase")
    assert case.get("name") == "zhengai.yaml" and case.find("failure").get("type") == "ZG201"
    assert tree.get("tests") == "1" and tree.get("failures") == "1"


def test_config_of_another_kind_is_unusable(write_repo) -> None:
    result = _broken(write_repo, "schema_version: 1\nkind: plan\nid: P\ntitle: x\ntype: master\n", "json")
    assert json.loads(result.stdout)["findings"][0]["code"] == "ZG205"


# ------------------------------------------------------------------ SARIF
def _validate_sarif(data: dict) -> None:
    checker = jsonschema.FormatChecker()
    # Without a URI library jsonschema skips the format silently: make sure it is checked.
    assert not checker.conforms("教务 处/t.yaml", "uri-reference")
    jsonschema.Draft4Validator(SARIF_SCHEMA, format_checker=checker).validate(data)


def _sarif(root: Path, *extra: str) -> dict:
    result = run("check", str(root), "-f", "sarif", *extra)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_sarif_is_valid_and_has_what_code_scanning_needs(write_repo) -> None:
    root = write_repo({"departments/教务 处/t.yaml": BAD, "departments/jwc/u.yaml": WARN})
    data = _sarif(root)
    _validate_sarif(data)
    run_ = data["runs"][0]
    assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": root.resolve().as_uri() + "/"}}
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    for rule in rules:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert rules[list(RULES).index("ZG314")]["defaultConfiguration"]["level"] == "warning"
    results = {r["ruleId"]: r for r in run_["results"]}
    for result in results.values():
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"]["zhengaiFinding/v1"]
    location = results["ZG304"]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "departments/%E6%95%99%E5%8A%A1%20%E5%A4%84/t.yaml",
                                            "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 5, "startColumn": 45, "endLine": 5, "endColumn": 49}  # 网络中心
    assert results["ZG307"]["level"] == "warning"


def test_sarif_fingerprints_do_not_follow_line_numbers(write_repo) -> None:
    root = write_repo({"departments/jwc/t.yaml": BAD})
    before = _sarif(root)["runs"][0]["results"][0]
    (root / "departments/jwc/t.yaml").write_text("# 教务处 2026 年度任务\n\n" + BAD, encoding="utf-8")
    after = _sarif(root)["runs"][0]["results"][0]
    assert after["locations"][0]["physicalLocation"]["region"]["startLine"] == 7
    assert after["partialFingerprints"] == before["partialFingerprints"]


def test_sarif_fingerprints_tell_findings_apart(write_repo) -> None:
    root = write_repo({"departments/jwc/t.yaml": BAD + BAD.split("\n", 4)[4].replace("K1", "K3")})
    prints = [r["partialFingerprints"]["zhengaiFinding/v1"] for r in _sarif(root)["runs"][0]["results"]]
    assert len(prints) == 2 and len(set(prints)) == 2


@pytest.mark.parametrize(("line", "col", "end"), [
    ("    owner: 网络中心  # 待定", 12, 16),
    ("  - {id: K1, owner: 网络中心, deadline: 2026.7}", 21, 25),
    ("    title: '进程表: 备案'", 12, 21),
    ("  - {id: K1, title: x}", 5, 23),
    ("    deadline:", 14, 14),  # past the end: an empty region
])
def test_token_end(line: str, col: int, end: int) -> None:
    assert token_end(line, col) == end


# ------------------------------------------------------------------ JUnit
def _junit(root: Path, *extra: str) -> ET.Element:
    result = run("check", str(root), "-f", "junit", *extra)
    return ET.fromstring(result.stdout)


def _assert_structure(tree: ET.Element) -> None:
    """What GitLab and Jenkins read: testsuites/testsuite/testcase, a failure with
    message and type, counts that match the test cases."""
    assert tree.tag == "testsuites"
    (suite,) = list(tree)
    assert suite.tag == "testsuite"
    cases = list(suite)
    assert all(c.tag == "testcase" and c.get("name") and c.get("classname") for c in cases)
    failed = [c for c in cases if c.find("failure") is not None]
    for element in (tree, suite):
        assert element.get("tests") == str(len(cases)) and element.get("failures") == str(len(failed))
        assert element.get("errors") == "0"
    for case in cases:
        assert {child.tag for child in case} <= {"failure", "system-out"}
        assert len(case.findall("failure")) <= 1
        for failure in case.findall("failure"):
            assert failure.get("message") and failure.get("type")


def test_junit_clean_repository_has_passing_cases(write_repo) -> None:
    tree = _junit(write_repo())
    _assert_structure(tree)
    assert [c.get("name") for c in tree.iter("testcase")] == ["zhengai.yaml", "plans/master.yaml"]
    assert tree.get("failures") == "0"


def test_junit_failures_follow_the_fail_level(write_repo) -> None:
    root = write_repo({"departments/jwc/t.yaml": BAD, "departments/jwc/u.yaml": WARN})
    tree = _junit(root)
    _assert_structure(tree)
    cases = {c.get("name"): c for c in tree.iter("testcase")}
    assert set(cases) == {"zhengai.yaml", "plans/master.yaml", "departments/jwc/t.yaml", "departments/jwc/u.yaml"}
    assert tree.get("tests") == "4" and tree.get("failures") == "1"
    failure = cases["departments/jwc/t.yaml"].find("failure")
    assert failure.get("type") == "ZG304" and failure.get("message").startswith("ZG304 部门“网络中心”")
    warning = cases["departments/jwc/u.yaml"]
    assert warning.find("failure") is None and "ZG307" in warning.find("system-out").text
    strict = _junit(root, "--fail-level", "warning")
    _assert_structure(strict)
    assert strict.get("failures") == "2"
