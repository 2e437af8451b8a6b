"""Authored sections (``narratives/<year>/<report>/<section>.md``): read, placed, and missed.

An authored section dropped into the example college appears at its place in the Word document
(read back with python-docx: its headings one level below the section's, its table a real table,
its picture embedded) and in the Markdown edition; without one, the section carries a paragraph
generated from the data (the figures below are worked out by hand from ``annual/annual-2026.yaml``
and ``annual-2025.yaml``); the 编写清单 lists the sections still waiting for a person and the body's
length.  Hostile files never break the report: each is a line of the 编写清单.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from zhengai.load.narratives import MAX_FILE_BYTES, load_narratives
from zhengai.load.repository import load_repository
from zhengai.render.report import render_report
from zhengai.render.word.typeset import plain
from zhengai.reports.annual import annual_report
from zhengai.reports.annual_sections import SECTIONS
from zhengai.reports.narratives import chars
from zhengai.reports.official import forbidden_tokens
from zhengai.reports.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
COLLEGE = ROOT / "examples" / "college"
DECEMBER = dt.date(2026, 12, 15)
DRAFT = "departments/xxgc/plan-draft.yaml"  # the example's deliberate draft with check errors



def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), "#4472C4").save(buffer, "PNG", dpi=(96, 96))
    return buffer.getvalue()


PNG = _png()

SERVICE = """\
学校坚持把服务区域经济社会发展作为办学的重要使命。

# 技术服务

横向技术服务到款额 **705 万元**，服务中小企业 120 家。

| 服务类型 | 项目数 | 到款额（万元） |
| --- | --- | --- |
| 设备改造 | 18 | 326.5 |
| 工艺优化 | 11 | 248.0 |

![图 技术服务现场](images/service.png)

## 典型做法

- 建立技术服务项目库
- 实行项目负责人制
"""


def _copy(tmp_path: Path, with_narratives: bool = False) -> Path:
    repo = tmp_path / "college"
    shutil.copytree(COLLEGE, repo, ignore=None if with_narratives else shutil.ignore_patterns("narratives"))
    (repo / DRAFT).unlink()  # the report gate would leave it out; the tests read the rest
    return repo


def _write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _annual(root: Path) -> Any:
    return annual_report(Workspace(load_repository([root]), DECEMBER))


def _body(docx: bytes) -> list[tuple[str, str]]:
    """(kind, text) of every body block: ``p:<style>`` paragraphs, ``tbl`` tables (cells joined by |)."""
    document = Document(io.BytesIO(docx))
    out = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            from docx.text.paragraph import Paragraph

            para = Paragraph(block, document)
            if block.findall(".//{*}drawing"):
                out.append(("drawing", para.style.name))
            elif para.text.strip():
                out.append((f"p:{para.style.name}", plain(para.text)))
        elif tag == "tbl":
            from docx.table import Table

            rows = Table(block, document).rows
            out.append(("tbl", "\n".join(" | ".join(plain(c.text) for c in r.cells) for r in rows)))
    return out


# ------------------------------------------------------------------ placed
@pytest.fixture(scope="module")
def placed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, bytes]]:
    root = _copy(tmp_path_factory.mktemp("placed"))
    _write(root, "narratives/2026/annual/服务贡献.md", SERVICE)
    _write(root, "narratives/2026/annual/images/service.png", PNG)
    data = _annual(root)
    return data, render_report(data, ("docx", "md", "audit"))


def test_authored_section_is_placed_at_its_heading_in_the_docx(placed: tuple[Any, dict[str, bytes]]) -> None:
    _, out = placed
    body = _body(out["docx"])
    start = body.index(("p:Heading 1", "四、服务贡献"))
    following = body[start + 1:start + 9]
    assert following[0] == ("p:Normal", "学校坚持把服务区域经济社会发展作为办学的重要使命。")
    assert following[1] == ("p:Heading 2", "（一）技术服务")  # one level below, numbered as 公文 headings are
    assert following[2] == ("p:Normal", "横向技术服务到款额 705 万元，服务中小企业 120 家。")
    assert following[3] == ("tbl", "服务类型 | 项目数 | 到款额（万元）\n设备改造 | 18 | 326.5\n工艺优化 | 11 | 248.0")
    assert following[4] == ("drawing", "Figure")
    assert following[5] == ("p:Caption", "图 技术服务现场")
    assert following[6] == ("p:Heading 3", "1. 典型做法")
    assert following[7] == ("p:Normal", "建立技术服务项目库")
    assert body[start + 10][0] == "p:Heading 1"  # and then the next part: no generated paragraph beside it
    assert not any("较上年增加 140 人" in text for _, text in body[start:start + 11])
    # the bold run stays bold, the picture is a part of the document
    document = Document(io.BytesIO(out["docx"]))
    para = next(p for p in document.paragraphs if plain(p.text).startswith("横向技术服务到款额 705"))
    assert [plain(r.text) for r in para.runs if r.bold] == ["705 万元"]
    assert any(rel.reltype.endswith("/image") for rel in document.part.rels.values())
    table = next(t for t in document.tables if t.cell(0, 0).text == "服务类型")
    assert table.rows[0]._tr.trPr.xml.count("tblHeader") == 1  # the header row repeats on every page


def test_authored_section_is_in_the_markdown_as_written(placed: tuple[Any, dict[str, bytes]]) -> None:
    _, out = placed
    md = out["md"].decode("utf-8")
    part = md.split("## 四、服务贡献", 1)[1].split("\n## ", 1)[0]
    assert "### （一）技术服务" in part and "#### 1. 典型做法" in part
    assert "横向技术服务到款额 **705 万元**" in part
    assert "| 设备改造 | 18 | 326.5 |" in part and "![图 技术服务现场](images/service.png)" in part
    assert "- 建立技术服务项目库" in part
    assert "较上年增加 140 人" not in part
    assert forbidden_tokens(md) == []


def test_checklist_counts_the_body_and_lists_the_parts_without_text(placed: tuple[Any, dict[str, bytes]]) -> None:
    data, out = placed
    r = data.context["r"]
    rows = r["checklist"]
    waiting = [row["subject"] for row in rows if row["kind"] in ("待撰写", "缺少数据")]
    assert "服务贡献" not in waiting
    assert waiting == [s.name for s in SECTIONS if s.name != "服务贡献"]
    (length,) = [row for row in rows if row["kind"] == "篇幅"]
    sections = r["sections"]
    # the authored part counts its prose as printed (headings with their numbers, paragraphs, items),
    # not its table or caption: 25 + 7 + 26 + 6 + 9 + 8 characters
    service = sections["service"]
    prose = ["学校坚持把服务区域经济社会发展作为办学的重要使命。", "（一）技术服务", "横向技术服务到款额705万元，服务中小企业120家。",
             "1.典型做法", "建立技术服务项目库", "实行项目负责人制"]
    assert service["chars"] == sum(chars(p) for p in prose) == 81
    total = sum(s["chars"] for s in sections.values() if s["show"])
    assert r["length"]["total"] == total and r["length"]["authored"] == 81
    assert f"正文 {total:,} 字（撰写 81 字" in length["detail"] and "要求 10,000—20,000 字" in length["detail"]
    assert f"尚差约 {10000 - total:,} 字" in length["detail"]
    assert "尚无撰写内容的章节：学校概况、学生发展、教育教学改革、文化传承" in length["detail"]
    audit = out["audit"].decode("utf-8")
    assert "narratives/2026/annual/学生发展.md" in audit and "篇幅" in audit  # the checklist is in the working edition
    assert "narratives/" not in out["md"].decode("utf-8")


# ------------------------------------------------------------------ generated
@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, dict[str, bytes]]:
    root = _copy(tmp_path_factory.mktemp("bare"))
    data = _annual(root)
    return data, render_report(data, ("docx", "md"))


def test_without_authored_text_the_part_is_a_paragraph_from_the_data(bare: tuple[Any, dict[str, bytes]]) -> None:
    data, out = bare
    service = data.context["r"]["sections"]["service"]
    assert service["authored"] is None and service["show"]
    first = service["paragraphs"][0]
    # 3,120 − 2,980 = 140 graduates more; 2,010 ÷ 2,952 = 68.09% stay local; 705 − 612.5 = 92.5 万元
    assert first.startswith("2026年毕业生人数 3,120 人，较上年增加 140 人；其中就业 2,952 人，较上年增加 178 人；")
    assert "留在当地就业 2,010 人（占就业人数的 68.1%）" in first
    assert "横向技术服务到款额 705 万元，较上年增加 92.5 万元" in service["paragraphs"][1]
    students = data.context["r"]["sections"]["students"]["paragraphs"]
    assert students[0].startswith("2026届毕业生就业率 94.6%，较上年提高 1.5 个百分点；月收入 4,415 元，较上年提高 185 元")
    challenges = data.context["r"]["sections"]["challenges"]["paragraphs"][0]
    # 29 of 37 due tasks done = 78.4% (the example's year of progress); every department is now at
    # 80% or more, so none is named as low; the red QC points are named with their values and targets
    assert "到期 37 项、完成 29 项，建设指标完成率仅 78.4%" in challenges and "部门达成度偏低" not in challenges
    assert "省级以上精品在线开放课程（7 门，目标 8 门）" in challenges
    assert "上一轮改进措施落实不到位，22 条中已完成 11 条（50.0%）" in challenges
    import re

    md = out["md"].decode("utf-8")
    stated = int(re.search(r"红色预警共 (\d+) 条", md).group(1))  # type: ignore[union-attr]
    r = data.context["r"]
    table = md.split("红色预警共", 1)[1].split("\n## ", 1)[0]
    listed = sum(1 for line in table.splitlines() if re.match(r"^\| \d+ \|", line))
    assert stated == listed + r["red_more"] == r["red_total"]  # the count equals the list under it
    body = _body(out["docx"])
    start = body.index(("p:Heading 1", "四、服务贡献"))
    assert body[start + 1] == ("p:Normal", first)
    assert f"## 四、服务贡献\n\n{first}\n" in out["md"].decode("utf-8")


def test_a_part_without_data_or_text_has_no_heading_and_a_checklist_line(bare: tuple[Any, dict[str, bytes]]) -> None:
    data, out = bare
    r = data.context["r"]
    culture = r["sections"]["culture"]
    assert not culture["show"] and culture["paragraphs"] == [] and culture["authored"] is None
    text = "\n".join(t for _, t in _body(out["docx"]))
    assert "文化传承" not in text and "典型案例" not in text
    assert "文化传承" not in out["md"].decode("utf-8")
    # the parts after it are numbered on: 五、国际合作 follows 四、服务贡献
    assert r["sections"]["international"]["heading"] == "五、国际合作"
    (row,) = [x for x in r["checklist"] if x["subject"] == "文化传承"]
    assert row["kind"] == "缺少数据" and "国家数据表没有文化传承的项目" in row["detail"]
    assert row["source"] == "narratives/2026/annual/文化传承.md"
    (cases,) = [x for x in r["checklist"] if x["subject"] == "典型案例"]
    assert "只能由人撰写" in cases["detail"]


def test_the_overview_speaks_of_the_college_not_the_repository(bare: tuple[Any, dict[str, bytes]]) -> None:
    data, out = bare
    overview = "".join(data.context["r"]["sections"]["overview"]["paragraphs"])
    assert "全日制在校生 9,860 人，较上年增加 440 人" in overview
    for word in ("仓库", "观测数据", "登记", "质控点"):
        assert word not in overview
    assert forbidden_tokens(out["md"].decode("utf-8")) == []


# ------------------------------------------------------------------ the example college
def test_the_example_college_narratives_are_placed(tmp_path: Path) -> None:
    data = _annual(_copy(tmp_path, with_narratives=True))
    sections = data.context["r"]["sections"]
    authored = {s["name"] for s in sections.values() if s["authored"]}
    assert authored == {"学校概况", "学生发展", "文化传承", "产教融合", "典型案例"}
    assert sections["students"]["authored"]["tables"] == 1 and sections["industry"]["authored"]["images"] == 1
    assert all(not s["authored"] or not s["paragraphs"] for s in sections.values())
    assert sections["service"]["paragraphs"]  # a part without text keeps its data paragraph
    assert not any(row["kind"] == "撰写内容" for row in data.context["r"]["checklist"])


# ------------------------------------------------------------------ level reports
def test_a_level_report_places_its_authored_part(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _write(root, "narratives/2026/program/总体情况.md", "本年度各专业对照专业建设标准开展自我诊改。\n")
    data = annual_report(Workspace(load_repository([root]), DECEMBER), "program")
    out = render_report(data, ("docx", "md"))
    body = _body(out["docx"])
    start = body.index(("p:Heading 1", "一、总体情况"))
    assert body[start + 1] == ("p:Normal", "本年度各专业对照专业建设标准开展自我诊改。")
    assert "## 一、总体情况\n\n本年度各专业对照专业建设标准开展自我诊改。\n" in out["md"].decode("utf-8")
    walk = data.context["r"]["units"]["walk"]
    assert [w["name"] for w in walk] == ["机电一体化技术", "软件技术", "大数据技术", "工业机器人技术"]
    assert walk[-1]["text"].startswith("达成度 68.2%（未达成），较上年提高 3.9 个百分点，在全校各专业中居第 4 位")
    rows = data.context["r"]["checklist"]
    assert "总体情况" not in [x["subject"] for x in rows if x["kind"] == "待撰写"]
    assert "标准达成度" in [x["subject"] for x in rows if x["kind"] == "待撰写"]


def test_units_with_equal_scores_share_their_rank() -> None:
    ws = Workspace(load_repository([COLLEGE], exclude=(DRAFT,)), DECEMBER)
    walk = annual_report(ws, "course").context["r"]["units"]["walk"]
    first = [w for w in walk if w["text"].startswith("达成度 97.8%")]
    assert len(first) > 1 and all("居第 1 位" in w["text"] for w in first)


# ------------------------------------------------------------------ hostile files
def test_hostile_files_are_checklist_lines_never_errors(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    outside = tmp_path / "secret.png"
    outside.write_bytes(PNG)
    folder = "narratives/2026/annual"
    _write(root, f"{folder}/国际合作.md", "甲" * (MAX_FILE_BYTES // 3 + 10))  # over the limit in UTF-8 (3 bytes a character)
    _write(root, f"{folder}/年度亮点.md", "不是本报告的章节。\n")
    _write(root, f"{folder}/服务贡献.md", "服务贡献。\n".encode("gbk"))
    _write(root, f"{folder}/学生发展.md", "学生发展正文。\n\n![外](../../../../secret.png)\n\n![缺](images/none.png)\n\n"
                                         "![网](https://example.com/a.png)\n\n![假](images/fake.png)\n")
    _write(root, f"{folder}/images/fake.png", b"not a picture")
    os.symlink(outside, root / folder / "images" / "link.png")
    _write(root, f"{folder}/产教融合.md", "产教融合正文。\n\n![链](images/link.png)\n")
    _write(root, f"{folder}/发展保障（政策落实）.md", "政策落实正文。\n")
    _write(root, f"{folder}/面临挑战.md", "\n\n")
    data = _annual(root)
    r = data.context["r"]
    problems = {(x["subject"], x["detail"].split("，")[0].split("（")[0]) for x in r["checklist"] if x["kind"] == "撰写内容"}
    assert problems == {
        ("国际合作.md", "文件过大"), ("年度亮点.md", "没有名为“年度亮点”的章节"),
        ("服务贡献.md", "不是 UTF-8 编码"),
        ("学生发展.md", "图片“../../../../secret.png”在仓库之外"), ("学生发展.md", "图片“images/none.png”不存在"),
        ("学生发展.md", "图片“https://example.com/a.png”不是仓库内的相对路径"),
        ("学生发展.md", "图片“images/fake.png”不是 PNG、JPEG 或 GIF 图片"),
        ("产教融合.md", "图片“images/link.png”在仓库之外"), ("面临挑战.md", "文件没有正文"),
    }
    where = {x["source"] for x in r["checklist"] if x["kind"] == "撰写内容"}
    assert f"{folder}/学生发展.md:3" in where  # the line of the picture
    sections = r["sections"]
    assert sections["international"]["authored"] is None and sections["international"]["paragraphs"]  # generated
    assert sections["students"]["authored"]["images"] == 0  # the text is placed, the pictures are not
    assert sections["support"]["authored"]["markdown"] == "政策落实正文。"  # 发展保障（政策落实） is 发展保障
    out = render_report(data, ("docx", "md"))
    md = out["md"].decode("utf-8")
    assert "学生发展正文。" in md and "secret.png" not in md and "none.png" not in md
    document = Document(io.BytesIO(out["docx"]))
    assert "学生发展正文。" in [p.text for p in document.paragraphs]


def test_a_folder_without_narratives_reads_nothing(tmp_path: Path) -> None:
    found = load_narratives(tmp_path, 2026, "annual", ["学生发展"])
    assert found.sections == {} and found.problems == []
    assert load_narratives(None, 2026, "annual", ["学生发展"]).sections == {}


def test_a_narratives_folder_linked_out_of_the_repository_is_not_read(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    (root / "narratives" / "2026").mkdir(parents=True)
    outside = tmp_path / "elsewhere"
    _write(outside, "学生发展.md", "仓库之外的文字。\n")
    os.symlink(outside, root / "narratives" / "2026" / "annual")
    found = load_narratives(root, 2026, "annual", ["学生发展"])
    assert found.sections == {}
    assert [(p.file, p.message) for p in found.problems] == [("narratives/2026/annual", "撰写内容目录指向仓库之外，出于安全未读取。")]


def test_a_picture_over_the_limit_is_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zhengai.load.narratives as narratives

    monkeypatch.setattr(narratives, "MAX_IMAGE_BYTES", 100)  # a 10 MB file is slow to write; the rule is the same
    _write(tmp_path, "narratives/2026/annual/images/big.png", PNG)
    _write(tmp_path, "narratives/2026/annual/学生发展.md", "正文。\n\n![大](images/big.png)\n")
    found = load_narratives(tmp_path, 2026, "annual", ["学生发展"])
    (problem,) = found.problems
    assert problem.where == "narratives/2026/annual/学生发展.md:3" and "过大" in problem.message
    assert [b["type"] for b in found.sections["学生发展"].blocks] == ["paragraph"]


def test_a_picture_of_too_many_pixels_is_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import zhengai.load.narratives as narratives

    monkeypatch.setattr(narratives, "MAX_PIXELS", 400 * 200 - 1)  # the test picture is 400 × 200
    _write(tmp_path, "narratives/2026/annual/images/wide.png", PNG)
    _write(tmp_path, "narratives/2026/annual/学生发展.md", "正文。\n\n![宽](images/wide.png)\n")
    (problem,) = load_narratives(tmp_path, 2026, "annual", ["学生发展"]).problems
    assert "尺寸过大（400×200 像素）" in problem.message


def test_a_department_s_own_analysis_is_placed_in_its_self_diagnosis(tmp_path: Path) -> None:
    from zhengai.reports.diagnosis import build

    root = _copy(tmp_path)
    ws = Workspace(load_repository([root]), DECEMBER)
    bare = build(ws, "jwc").context["r"]
    # without the file: no heading in the report, one 待撰写 line in the checklist
    assert bare["sections"]["analysis"]["authored"] is None
    (row,) = [c for c in bare["checklist"] if c["subject"] == "诊断分析"]
    assert row["kind"] == "待撰写" and row["source"] == "narratives/2026/jwc/诊断分析.md"
    _write(root, "narratives/2026/jwc/诊断分析.md", "## 主要成效\n\n人才培养方案全部通过论证。\n\n## 存在的不足\n\n课程建设偏慢。\n")
    ws = Workspace(load_repository([root]), DECEMBER)
    data = build(ws, "jwc")
    assert not [c for c in data.context["r"]["checklist"] if c["subject"] == "诊断分析"]
    out = render_report(data, ("docx", "md"))
    body = _body(out["docx"])
    at = body.index(("p:Heading 2", "（五）诊断分析"))
    # below a （一） heading the author's headings are the next level down: 1. 2.
    assert body[at + 1:at + 5] == [("p:Heading 3", "1. 主要成效"), ("p:Normal", "人才培养方案全部通过论证。"),
                                   ("p:Heading 3", "2. 存在的不足"), ("p:Normal", "课程建设偏慢。")]
    assert body[at + 5] == ("p:Heading 1", "五、改进措施")
    md = out["md"].decode("utf-8")
    assert "### （五）诊断分析\n\n#### 1. 主要成效\n\n人才培养方案全部通过论证。" in md
