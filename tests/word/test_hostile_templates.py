"""A college's template is the user's input: hostile or broken ones end quickly with exit 2
and one Chinese line naming the template line, never hang, never exit 3 (issue 15 items 10, 19).

Every command here runs in a subprocess with a wall-clock timeout and an address-space
limit, so a regression fails the test instead of hanging CI or exhausting memory.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document

from tests.word.conftest import COLLEGE, DECEMBER, ROOT
from zhengai.load.repository import load_repository
from zhengai.render.word.render import CORE_PROPERTY_CHARS, default_template, render_docx
from zhengai.reports.registry import build, charts_for
from zhengai.reports.workspace import Workspace

TIMEOUT = 90
MEMORY = 2 * 1024**3
DEPT = COLLEGE / "departments" / "jwc"

HOSTILE_MD = {
    # name: (template text, words the one-line error must contain)
    "division": ("# 报告\n{% set z = 0 %}\n第三行 {{ 1/z }}\n", [":3 ", "除数为零"]),
    "nested-range": ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
                     [":1 ", "超出限制", "步"]),
    "huge-range": ("{% for i in range(10**9) %}{% endfor %}\n", [":1 ", "range()"]),
    "repeat": ("{{ 'x' * 10**9 }}\n", [":1 ", "超出限制"]),
    "list-repeat": ("{{ ([1] * 100000) * 100000 }}\n", [":1 ", "超出限制"]),
    "doubling": ("{% set ns = namespace(s='x') %}{% for i in range(80) %}{% set ns.s = ns.s ~ ns.s %}"
                 "{% endfor %}{{ ns.s }}\n", [":1 ", "超出限制"]),
    "power": ("\n{{ 9**99999 }}\n", [":2 ", "乘方"]),
    "recursive-macro": ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}\n", [":1 ", "递归过深"]),
    "wordwrap-0": ("{{ 'a b c'|wordwrap(0) }}\n", [":1 ", "不合法"]),
    "truncate-minus-1": ("{{ 'abcdef'|truncate(-1) }}\n", [":1 ", "不合法"]),
    "center": ("{{ 'x'|center(999999999) }}\n", [":1 ", "center"]),
    "format-width": ("{{ '%999999999s' % 1 }}\n", [":1 ", "格式"]),
    "buffered-output": ("{% set s %}{% for i in range(100000) %}{% for j in range(20) %}"
                        + "x" * 1000 + "{% endfor %}{% endfor %}{% endset %}ok\n", [":1 ", "超出限制"]),
    "nested-if": ("{% if true %}" * 120 + "x" + "{% endif %}" * 120 + "\n", ["嵌套"]),
}


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _start(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("ZHENGAI_DEBUG", None)
    return subprocess.Popen([sys.executable, "-m", "zhengai", *args], cwd=cwd, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=_limit_memory if sys.platform != "win32" else None)


def _finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail(f"hung for more than {TIMEOUT} s: {proc.args}")
    return proc.returncode, out, err


def _one_chinese_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err and "内部错误" not in err
    return lines[0]


RENDER_ALL = """
import json, sys
from pathlib import Path
from zhengai.render.markdown import RenderError, render_template
out = {}
for path in sorted(Path(sys.argv[1]).glob("*.md.j2")):
    try:
        render_template(path.name, {"d": {"files": 3}}, path)
        out[path.name] = "rendered"
    except RenderError as exc:
        out[path.name] = str(exc)
print(json.dumps(out, ensure_ascii=False))
"""


def test_hostile_markdown_templates_fail_with_the_line(tmp_path: Path) -> None:
    """Every case in one bounded subprocess (the sandbox is shared by every command)."""
    import json

    for name, (text, _) in HOSTILE_MD.items():
        (tmp_path / f"{name}.md.j2").write_text(text, encoding="utf-8")
    script = tmp_path / "render_all.py"
    script.write_text(RENDER_ALL, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(script), str(tmp_path)], env=env, text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=_limit_memory if sys.platform != "win32" else None)
    code, out, err = _finish(proc)
    assert code == 0, err
    messages = json.loads(out)
    for name, (_, words) in HOSTILE_MD.items():
        message = messages[f"{name}.md.j2"]
        for word in [f"{name}.md.j2", *words]:
            assert word in message, (name, word, message)


@pytest.mark.parametrize("name", ["division", "nested-range", "nested-if"])
def test_diagnose_with_a_hostile_template_exits_2_and_keeps_the_output(tmp_path: Path, name: str) -> None:
    text, words = HOSTILE_MD[name]
    (tmp_path / f"{name}.md.j2").write_text(text, encoding="utf-8")
    (tmp_path / "out.md").write_text("用户原有的文件", encoding="utf-8")
    code, _, err = _finish(_start(["diagnose", str(DEPT), "--as-of", "2026-12-15", "--template", f"{name}.md.j2",
                                   "-o", "out.md", "--force"], tmp_path))
    assert code == 2, err
    line = _one_chinese_line(err)
    assert all(word in line for word in [f"{name}.md.j2", *words]), line
    assert (tmp_path / "out.md").read_text(encoding="utf-8") == "用户原有的文件"


def _docx_with_body(tmp_path: Path, name: str, replace: tuple[bytes, bytes] | None = None,
                    prefix: bytes = b"", text: str = "") -> Path:
    """A copy of the bundled diagnosis template with document.xml altered."""
    source = default_template("diagnosis")
    if text:
        document = Document()
        document.add_paragraph("第一段")
        document.add_paragraph(text)
        buffer = io.BytesIO()
        document.save(buffer)
        path = tmp_path / name
        path.write_bytes(buffer.getvalue())
        return path
    path = tmp_path / name
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "word/document.xml":
                if replace:
                    data = data.replace(*replace)
                if prefix:
                    data = prefix + data.split(b"?>", 1)[1]
            new.writestr(info, data)
    return path


BOMB = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(b'<!ENTITY %s "%s">' % (f"a{i}".encode(), (f"&a{i - 1};" if i > 1 else "&a;").encode() * 10)
                   for i in range(1, 10))
        + b"]>")


def test_broken_and_hostile_docx_templates_exit_2(tmp_path: Path) -> None:
    cases = {
        "broken.docx": _docx_with_body(tmp_path, "broken.docx", replace=(b"</w:body>", b"<w:p></w:body>")),
        "bomb.docx": _docx_with_body(tmp_path, "bomb.docx", prefix=BOMB),
        "division.docx": _docx_with_body(tmp_path, "division.docx", text="合计 {{ 1/0 }}"),
        "not-a-zip.docx": tmp_path / "not-a-zip.docx",
    }
    cases["not-a-zip.docx"].write_text("纯文本", encoding="utf-8")
    words = {"broken.docx": "不是有效的 Word", "bomb.docx": "实体", "division.docx": "除数为零",
             "not-a-zip.docx": "不是有效的 Word"}
    procs = {}
    for name in cases:
        procs[name] = _start(["diagnose", str(DEPT), "--as-of", "2026-12-15", "-f", "docx", "--template", name,
                              "-o", f"{name}.out.docx"], tmp_path)
    for name in ("bomb.docx", "division.docx"):
        procs[f"check {name}"] = _start(["template", "check", name, "--kind", "diagnosis"], tmp_path)
    for key, proc in procs.items():
        code, out, err = _finish(proc)
        name = key.removeprefix("check ")
        if key == "check division.docx":
            # a readable template with a runtime failure: template check reports it and exits 1
            assert code == 1, (key, out, err)
            assert "试渲染失败" in out and words[name] in out, (key, out)
            continue
        assert code == 2, (key, out, err)
        line = _one_chinese_line(err)
        assert name in line and words[name] in line, (key, line)
        if name == "division.docx":
            assert "合计" in line  # the paragraph it happened in
        assert not (tmp_path / f"{name}.out.docx").exists()


def test_batch_reports_template_failures_as_the_users_not_internal(tmp_path: Path) -> None:
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "diagnosis.md.j2").write_text("# {{ d.dept.name }}\n{{ 1 / (d.files - d.files) }}\n",
                                               encoding="utf-8")
    (templates / "review.md.j2").write_text("{{ 'x' * 10**9 }}\n", encoding="utf-8")
    proc = _start(["report", "annual", str(COLLEGE), "--year", "2026", "--out", str(tmp_path / "out"),
                   "-k", "diagnosis,review", "-f", "md", "--as-of", "2026-12-15", "-j", "2",
                   "--template-dir", str(templates), "--allow-errors"], tmp_path)
    code, out, err = _finish(proc)
    assert code == 1, (out, err)
    failures = [line for line in out.splitlines() if line.startswith("  失败")]
    departments = len(load_repository([COLLEGE]).departments)
    assert len(failures) == departments + 1, out
    assert all("内部错误" not in line for line in failures)
    assert sum("diagnosis.md.j2:2 除数为零" in line for line in failures) == departments
    assert sum("review.md.j2:1 超出限制" in line for line in failures) == 1


def test_core_properties_are_cut_to_255_characters() -> None:
    """Issue 15 item 20: a 300-character department name must not fail the Word report."""
    ws = Workspace(load_repository([COLLEGE]), DECEMBER)
    data = build(ws, "diagnosis", "jwc")
    long_title = "甲&乙" + "很长的部门名称" * 50
    context = {**data.context, "doc": {**data.context["doc"], "title": long_title}}
    blob = render_docx(default_template("diagnosis"), context, None, charts_for("diagnosis"))
    title = Document(io.BytesIO(blob)).core_properties.title
    assert title == long_title[:CORE_PROPERTY_CHARS]  # cut, and "&" not escaped twice


@pytest.mark.parametrize(("source", "refused"), [
    ("{{ 'x'.center(10**7) }}", True),  # 10 MB if the guard regressed: safe to run in-process
    ("{{ 'x'|indent(10**7) }}", True),
    ("{{ '{:>99999999}'.format(1) }}", True),
    ("{{ 'abc'|replace('', 'x' * 999999) }}", True),
    ("{{ ([1] * 1000)|join('x' * 10000) }}", True),
    ("{% for x in [[1, [2, [3]]]] recursive %}{{ loop(x[1:]) if x[1:] else x }}{% endfor %}", False),
    ("{{ none|default(5000000) }} {{ 'a,b'.split(',', 5000000) }} {{ 2**64 }}", False),
])
def test_sandbox_checks_sizes_before_building(source: str, refused: bool) -> None:
    from jinja2 import StrictUndefined

    from zhengai.render.markdown import BoundedEnvironment, TemplateLimitError

    env = BoundedEnvironment(undefined=StrictUndefined)
    if refused:
        with pytest.raises(TemplateLimitError):
            env.from_string(source).render()
    else:
        assert env.from_string(source).render()
