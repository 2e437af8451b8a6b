"""Property: import(export(task file)) gives back the same task file.

Generated files use Chinese text, empty optional fields, long text (thousands of
characters), formula-like text (``=…``, ``+…``, ``-…``, ``@…``, a leading tab in
``extra``), line breaks, OOXML-escape look-alikes (``_x0041_``) and merged runs
(consecutive tasks sharing a title or level contents).

What the sheet format asks of the data, and so of the generator: owner names and ids
contain no list separators (、，,；;/ or spaces), evidence items do not start with their
own list numbers, text has no carriage returns (line ends are unified to ``\\n``), and
a value made only of spaces/tabs is an empty cell.
``origin`` is provenance and is replaced by the new sheet's rows.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zhengai.excel.exporters import export_workbook
from zhengai.excel.importers import import_workbook
from zhengai.excel.yamlout import dump, schema_line
from zhengai.load.yamlsrc import YamlDoc, parse_text
from zhengai.models.tasks import TaskFile

CJK = "诊改质量目标标准任务专业课程教师学生建设规划制度文本年度计划完成部门处室系院分解工作"
PUNCT = "，。、；：（）“”《》—…·！？ "
ALPHABET = CJK + PUNCT + "abcXYZ0123456789.=+-@_%#'\"<>&\n\t"
DEPARTMENTS = [
    "教务处",
    "质量督导处",
    "组织人事处",
    "学生处",
    "党政办",
    "各系（部）",
    "信息技术中心",
    "机电工程系",
]

plain = st.text(alphabet=ALPHABET, min_size=1, max_size=40)
# long text without much entropy (a short text repeated): thousands of characters per cell
long_text = st.builds(
    lambda t, n: (t * n)[:30_000],
    st.text(alphabet=CJK + "\n", min_size=5, max_size=20),
    st.integers(200, 1500),
)
formula_like = st.builds(
    lambda p, t: p + t, st.sampled_from(["=", "+", "-", "@", "=SUM(", "-1+", "@@"]), plain
)
text = st.one_of(plain, plain, formula_like, long_text).map(str.strip).filter(bool)
ident = st.text(alphabet="ABCKQT0123456789-_.诊改", min_size=1, max_size=12)
owners = st.lists(st.sampled_from(DEPARTMENTS), max_size=3, unique=True)
evidence_item = st.text(alphabet=CJK + "（）《》·", min_size=1, max_size=20)
optional = lambda s: st.one_of(st.none(), s)  # noqa: E731
# extra values keep surrounding whitespace; a whitespace-only value is an empty cell
extra_value = st.one_of(
    text, st.builds(lambda p, t: p + t, st.sampled_from(["\t", " ", "=", "_x0041_"]), plain)
).filter(str.strip)


@st.composite
def levels(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for _ in range(draw(st.integers(0, 3))):
        level: dict[str, Any] = {
            "content": draw(st.one_of(st.sampled_from(["一级内容", "二级内容"]), text))
        }
        for key, strategy in (
            ("category", text),
            ("head", plain.map(str.strip).filter(bool)),
            ("time_node", text),
        ):
            value = draw(optional(strategy))
            if value is not None:
                level[key] = value
        level["owner"] = draw(owners)
        out.append(level)
    return out


@st.composite
def task_files(draw: st.DrawFn) -> dict[str, Any]:
    ids = draw(st.lists(ident, min_size=0, max_size=6, unique=True))
    titles = draw(
        st.lists(
            st.one_of(st.sampled_from(["完善内部质量保证体系", "=A1+B1"]), text),
            min_size=len(ids),
            max_size=len(ids),
        )
    )
    extra_keys = draw(st.lists(plain.map(str.strip).filter(bool), max_size=3, unique=True))
    tasks = []
    for i, (tid, title) in enumerate(zip(ids, titles, strict=True)):
        if i and draw(st.booleans()):
            title = titles[i - 1]  # consecutive tasks sharing a title: merged cells
        task: dict[str, Any] = {
            "id": tid,
            "title": title,
            "class": draw(st.sampled_from("ABC")),
            "owner": draw(owners),
            "levels": draw(levels()),
        }
        for key in ("deadline", "outcome", "leader"):
            value = draw(optional(text))
            if value is not None:
                task[key] = value
        task["evidence"] = draw(st.lists(evidence_item, max_size=3))
        parent = draw(optional(ident))
        if parent:
            task["parent"] = parent
        task["qc_points"] = draw(st.lists(ident, max_size=3, unique=True))
        if draw(st.booleans()):
            task["status"] = {
                "state": draw(st.sampled_from(["in_progress", "done", "dropped"])),
                "progress": draw(st.integers(0, 20)) / 20,
            }
        extra = {k: draw(extra_value) for k in extra_keys if draw(st.booleans())}
        if extra:
            task["extra"] = extra
        tasks.append(task)
    return {
        "schema_version": 1,
        "kind": "tasks",
        "year": draw(st.integers(2000, 2050)),
        "owner": draw(owners),
        "tasks": tasks,
        "notes": draw(st.lists(text, max_size=3)),
    }


def load(text_: str) -> TaskFile:
    doc = YamlDoc(Path("x.yaml"))
    parse_text(text_, doc)
    assert not doc.problems, doc.problems
    return TaskFile.model_validate(doc.data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(task_files())
def test_export_then_import_gives_the_same_tasks(data: dict[str, Any]) -> None:
    source_text = schema_line("tasks") + dump(data)
    original = load(source_text)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        src = folder / "tasks.yaml"
        src.write_text(source_text, encoding="utf-8")
        out = folder / "tasks.xlsx"
        export_workbook(src, out, "tasks")
        result = import_workbook(out)
    assert result.report.errors == []
    assert len(result.documents) == 1
    back = load(result.documents[0].text())
    for task in back.tasks:
        assert task.origin is not None and task.origin.file == "tasks.xlsx"
        task.origin = None
    assert back == original


def test_yaml_dump_is_read_back_unchanged() -> None:
    data = {
        "a": "2017.9",
        "b": "on",
        "c": "012",
        "d": "null",
        "e": "- x",
        "f": "多行\n文本",
        "g": "=1+1",
    }
    doc = YamlDoc(Path("x.yaml"))
    parse_text(dump(data), doc)
    assert doc.data == data
    assert yaml.safe_load(dump(data)) == data
