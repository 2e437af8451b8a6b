"""Hostile and tricky YAML: every case ends in a located finding or a clean value."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zhengai.check.checker import check_paths
from zhengai.load.yamlsrc import YamlDoc, parse_text, read_yaml

HEAD = "schema_version: 1\nkind: plan\nid: P-X\ntitle: 测试\ntype: special\n"

# (case id, file content, expected code, expected line)
HOSTILE: list[tuple[str, str | bytes, str, int]] = [
    ("duplicate-key", HEAD + "title: 又一个\n", "ZG103", 6),
    ("duplicate-nested-key", HEAD + "targets:\n  - id: A\n    id: B\n", "ZG103", 8),
    ("alias", HEAD + "owner: &o 教务处\nparent: *o\n", "ZG104", 6),
    ("anchor-on-map", HEAD + "period: &p {start: 2026, end: 2030}\n", "ZG104", 6),
    ("billion-laughs", "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n", "ZG104", 1),
    ("python-tag", HEAD + "owner: !!python/object:os.system echo\n", "ZG105", 6),
    ("custom-tag", HEAD + "owner: !dept 教务处\n", "ZG105", 6),
    ("two-documents", HEAD + "---\nkind: plan\n", "ZG106", 6),
    ("gbk", ("schema_version: 1\nkind: plan\ntitle: 教务处\n").encode("gbk"), "ZG107", 3),
    ("utf16", "kind: plan\n".encode("utf-16"), "ZG107", 1),
    ("nul-byte", HEAD + "owner: 教\x00务处\n", "ZG107", 6),
    ("binary-junk", bytes(range(256)) * 4, "ZG107", 2),
    ("empty", "", "ZG109", 1),
    ("only-comments", "# 只有注释\n\n# 还是注释\n", "ZG109", 1),
    ("deep-flow", "a: " + "[" * 2000 + "]" * 2000 + "\n", "ZG110", 1),
    ("deep-map", "a: " + "{b: " * 2000 + "1" + "}" * 2000 + "\n", "ZG110", 1),
    ("tab-indent", HEAD + "targets:\n\t- id: A\n", "ZG102", 7),
    ("unclosed-quote", HEAD + "owner: \"教务处\n", "ZG102", 7),
    ("colon-in-value", HEAD + "owner: 目标: 就业率\n", "ZG102", 6),
    ("complex-key", HEAD + "? [a, b]\n: 1\n", "ZG102", 6),
    ("top-level-list", "- a\n- b\n", "ZG205", 1),
    ("unknown-kind", "schema_version: 1\nkind: plans\n", "ZG205", 2),
    ("no-kind", "schema_version: 1\ntitle: x\n", "ZG205", 1),
    ("future-version", "schema_version: 2\nkind: plan\n", "ZG206", 1),
    ("long-line", HEAD + "owner: " + "长" * 700_000 + "\n", "ZG304", 6),
    ("invalid-date", "schema_version: 1\nkind: tasks\nyear: 2026\ntasks:\n  - id: K1\n    title: 任务\n"
     "    class: C\n    status:\n      completed: 2026-02-30\n", "ZG201", 9),
    ("percent-in-number", HEAD.replace("special", "special") + "targets:\n  - id: T1\n    level: school\n"
     "    statement: 就业率达到95%\n    indicators:\n      - name: 就业率\n        target: 95%\n", "ZG201", 12),
    ("typo-field", HEAD + "deadine: 2026.12\n", "ZG203", 6),
    ("bad-enum", HEAD.replace("type: special", "type: annual"), "ZG204", 5),
    ("missing-field", "schema_version: 1\nkind: plan\nid: P-Y\ntype: special\n", "ZG202", 1),
    ("bool-word-yes", "schema_version: 1\nkind: config\n", "ZG202", 1),
    ("control-char", HEAD + "owner: 教务\x07处\n", "ZG102", 6),
    ("only-document-start", "---\n", "ZG109", 1),
    ("only-null", "null\n", "ZG109", 1),
    ("only-tilde", "~\n", "ZG109", 1),
    ("only-directive", "%YAML 1.1\n---\n", "ZG109", 1),
    ("kind-list", "schema_version: 1\nkind: [plan]\n", "ZG205", 2),
    ("kind-mapping", "schema_version: 1\nkind: {plan: 1}\n", "ZG205", 2),
    ("version-list", "schema_version: [1]\nkind: plan\n", "ZG206", 1),
    ("infinite-value", "schema_version: 1\nkind: observations\nobservations:\n"
     "  - {ref: IND-EMP, period: 2026, value: 1e400}\n", "ZG201", 4),
]


@pytest.mark.parametrize(("content", "code", "line"), [c[1:] for c in HOSTILE], ids=[c[0] for c in HOSTILE])
def test_hostile_file_gives_located_finding(write_repo, content, code, line) -> None:
    root = write_repo({"plans/special/x.yaml": content})
    report, _ = check_paths([root / "plans/special/x.yaml"])
    assert (code, "plans/special/x.yaml", line) in report.flatten(), report.flatten()
    finding = next(f for f in report.sorted() if f.code == code)
    assert finding.message and finding.col >= 1


def test_gbk_message_names_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("title: 教务处工作计划\n".encode("gbk"))
    doc = read_yaml(path)
    assert doc.problems[0].code == "ZG107"
    assert "GBK" in doc.problems[0].message and "UTF-8" in doc.problems[0].message


def test_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("\ufeffkind: plan\n".encode())
    assert read_yaml(path).data == {"kind": "plan"}


def test_directory_is_reported_not_read(tmp_path: Path) -> None:
    doc = read_yaml(tmp_path)
    assert [p.code for p in doc.problems] == ["ZG101"]


def test_oversized_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zhengai.load.yamlsrc as ys

    monkeypatch.setattr(ys, "MAX_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 200 + "\n", encoding="utf-8")
    assert [p.code for p in read_yaml(path).problems] == ["ZG108"]


def test_size_that_lies_is_capped_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files whose size says 0 (``/proc``, a growing file) are read up to the cap + 1 only."""
    import os

    import zhengai.load.yamlsrc as ys

    real_stat = os.stat

    def stat_saying_empty(path: object, *args: object, **kwargs: object) -> os.stat_result:
        info = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        return os.stat_result((*info[:6], 0, *info[7:10]))

    monkeypatch.setattr(ys, "MAX_BYTES", 100)
    monkeypatch.setattr(ys.os, "stat", stat_saying_empty)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 200 + "\n", encoding="utf-8")
    doc = read_yaml(path)
    assert [p.code for p in doc.problems] == ["ZG108"] and doc.text == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("deadline: 2017.9", {"deadline": "2017.9"}),  # not the float 2017.9
        ("deadline: 2017.10", {"deadline": "2017.10"}),  # not 2017.1
        ("flag: on", {"flag": "on"}),  # YAML 1.1 would say True
        ("answer: no", {"answer": "no"}),  # Norway stays Norway
        ("id: 012", {"id": "012"}),  # not octal 10
        ("source: 7.1", {"source": "7.1"}),
        ("v: ~", {"v": None}),
        ("v:", {"v": None}),
        ("v: 'null'", {"v": "null"}),
        ("when: 2025-06-30", {"when": "2025-06-30"}),
        ("list: [1, '2', 三]", {"list": ["1", "2", "三"]}),
    ],
)
def test_scalars_stay_as_written(text: str, expected: dict) -> None:
    doc = YamlDoc(path=Path("x.yaml"))
    parse_text(text + "\n", doc)
    assert doc.problems == []
    assert doc.data == expected


def test_positions_are_recorded_per_pointer() -> None:
    doc = YamlDoc(path=Path("x.yaml"))
    parse_text("a:\n  - b: 1\n    c: [x, y]\n", doc)
    assert doc.locate("/a/0/c/1").line == 3
    assert doc.locate("/a/0/c/1").col == 12
    assert doc.positions["/a/0/b#key"].line == 2
    assert doc.locate("/a/0/nope").line == 2  # nearest ancestor


def test_allowed_values_are_listed_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("schema_version: 1\nkind: tasks\nyear: 2026\ntasks:\n  - {id: K1, title: 任务, class: D}\n",
                    encoding="utf-8")
    report, _ = check_paths([path])
    assert [f.message for f in report.sorted()] == ["字段“class”：“D”不是允许的取值，只能是 A、B、C"]


# (case id, text, line, column): the same answer from PyYAML 6.0.1 (libyaml 0.2.5) and
# 6.0.4 (whose libyaml words errors differently and stops deep nesting itself).
SYNTAX: list[tuple[str, str, int, int]] = [
    ("tab-indent", "a:\n\tb: 1\n", 2, 1),
    ("colon-in-value", "a: b: c\n", 1, 5),
    ("unclosed-quote", 'a: "x\n', 2, 1),
    ("unclosed-bracket", "a: [1, 2\n", 2, 1),
    ("unclosed-brace", "a: {b: 1\n", 2, 1),
    ("bad-escape", 'a: "\\q"\n', 1, 5),
    ("bell-on-line-4", "a: 1\nb: 2\nc: 3\nd: x\x07y\n", 4, 5),
    ("at-sign", "a: @x\n", 1, 4),
    ("list-after-map", "a: b\n- c\n", 2, 1),
    ("yaml-2", "%YAML 2.0\n---\na: 1\n", 1, 1),
    ("verbatim-tag", "a: !<x\n", 1, 7),
    ("block-indicator-0", "a: |0\n  x\n", 1, 5),
    ("separator-in-flow", "a: [\n---\n]\n", 2, 1),
    ("empty-alias", "a: *\n", 1, 5),
    ("content-after-end", "a: 1\n...\nb: 2\n", 3, 1),
]


@pytest.mark.parametrize(("text", "line", "col"), [c[1:] for c in SYNTAX], ids=[c[0] for c in SYNTAX])
def test_syntax_errors_are_chinese_and_located(text: str, line: int, col: int) -> None:
    doc = YamlDoc(path=Path("x.yaml"))
    parse_text(text, doc)
    [problem] = doc.problems
    assert (problem.code, problem.line, problem.col) == ("ZG102", line, col)
    assert "解析器原文" not in problem.message, problem.message  # translated, not passed through
    assert not re.search(r"found|expected|allowed|token|scanning|parsing|position|unicode string",
                         problem.message, re.IGNORECASE), problem.message
    assert "\n" not in problem.message


def test_tab_is_named_in_chinese() -> None:
    doc = YamlDoc(path=Path("x.yaml"))
    parse_text("a:\n\tb: 1\n", doc)
    assert "Tab" in doc.problems[0].message and "空格" in doc.problems[0].message


DEEP_FLOW = [
    ("brackets", "a: " + "[" * 2000 + "1" + "]" * 2000 + "\n", 1, 67),
    ("braces", "a: " + "{a: " * 2000 + "1" + "}" * 2000 + "\n", 1, 256),
    # block levels first; a quoted bracket and a commented one do not count
    ("after-block", "a:\n  b:\n    c: ['x[', # [[\n " + "[" * 2000 + "]" * 2000 + "]\n", 4, 62),
]


@pytest.mark.parametrize(("text", "line", "col"), [c[1:] for c in DEEP_FLOW], ids=[c[0] for c in DEEP_FLOW])
def test_deep_flow_nesting_is_zg110_at_level_65(text: str, line: int, col: int) -> None:
    """libyaml in PyYAML 6.0.4 gives up at 1,000 levels with an English ZG102; zhengai
    must still say ZG110 where the nesting passes 64, as with PyYAML 6.0.1."""
    doc = YamlDoc(path=Path("x.yaml"))
    parse_text(text, doc)
    [problem] = doc.problems
    assert problem.code == "ZG110" and "64" in problem.message
    assert (problem.line, problem.col) == (line, col)


@pytest.mark.parametrize("number", ["1e400", "-1e400", "inf", "-.inf", ".inf", ".NaN", "nan"])
@pytest.mark.parametrize("field", ["baseline", "target", "threshold", "weight"])
def test_non_finite_numbers_are_refused(write_repo, number: str, field: str) -> None:
    root = write_repo({"plans/special/x.yaml": HEAD + "targets:\n  - id: T1\n    level: school\n"
                       "    statement: 到2030年就业率达到95%\n    owner: 教务处\n    deadline: 2030.12\n"
                       f"    indicators:\n      - {{name: 就业率, {field}: {number}}}\n"})
    report, _ = check_paths([root / "plans/special/x.yaml"])
    [finding] = [f for f in report.sorted() if f.code == "ZG201"]
    assert (finding.file, finding.line) == ("plans/special/x.yaml", 13)
    assert f"字段“{field}”" in finding.message and number in finding.message


def test_non_finite_float_from_the_python_api_is_refused() -> None:
    from pydantic import ValidationError

    from zhengai.models.common import Indicator

    with pytest.raises(ValidationError, match="超出数值范围"):
        Indicator(name="就业率", target=float("inf"))


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("year: 2026\ntasks:\n  - {id: K1, title: 任务, class: A, status: {completed: 2}}\n", "不是有效日期"),
        ("year: " + "9" * 5000 + "\ntasks: []\n", "数值过大"),
        ("year: 2026\ntasks:\n  - {id: K1, title: 任务, class: A, resources: {budget: " + "长" * 5000 + "}}\n",
         "不是数字"),
        ('year: 2026\ntasks:\n  - {id: "K\\n\\n1", title: 任务, class: A}\n', "“K↵↵1”"),
    ],
    ids=["date-from-number", "huge-integer", "huge-text-for-number", "line-breaks-in-input"],
)
def test_schema_messages_are_chinese_and_short(tmp_path: Path, body: str, words: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("schema_version: 1\nkind: tasks\n" + body, encoding="utf-8")
    report, _ = check_paths([path])
    [finding] = [f for f in report.sorted() if f.code == "ZG201"]
    assert words in finding.message and len(finding.message) < 200, finding.message
    assert "\n" not in finding.message
    assert not re.search(r"[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}", finding.message), finding.message
