"""Typesetting as a reader sees it: no token broken across lines, no title leaving a character alone.

Renders the example college's reports (a department's and a program's self-diagnosis, the
college's annual report and a level's, the review and the mid-term check), converts them
to PDF with LibreOffice and reads the lines with ``pdftotext -layout``.  Every number with
its unit, date, id and conclusion word of the .docx (body paragraphs and table cells) must
be found whole on one line of the PDF as many times as the document holds it; a token
broken over two lines ("12,63 / 0 元", "限期整 / 改") is found once less.  Those two tests
skip where LibreOffice or poppler-utils are not installed, as the other render tests do;
the rules behind them (joins, widths, title breaks) and the document's properties are
tested without them.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from docx import Document

from tests.word.conftest import COLLEGE, DECEMBER

needs_pdf = pytest.mark.skipif(any(shutil.which(t) is None for t in ("soffice", "pdftotext")),
                               reason="LibreOffice (soffice) or poppler-utils not installed")

CASES = {
    "diagnosis": "2026/diagnosis/jwc",
    "annual": "2026/annual/college",
    "annual-level": "2026/annual/program",
    "review": "2026/review/college",
    "mid-term": "2026/mid-term/college",
}
PROGRAM = "460301"  # 机电一体化技术专业: its title is one character too long for one line

# What must stay on one line, written here independently of zhengai's own rules.
UNITS = "%|个百分点|万元|元|个|项|条|人|门|分|天|次|名"
OTHERS = (rf"|[−+]?\d+(?:[.,]\d+)*\s?(?:{UNITS})"  # numbers with their units
          r"|\d+(?:\.\d+)+|\d+/\d+"  # decimals, platform codes (1.1.1), fractions (2/4)
          r"|[A-Za-z]+-\d+[A-Za-z0-9-]*|[A-Z]{2,}[a-z]*")  # ids (PRG-05), Latin words (SMART)
TOKENS = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|\d{4}-\d{2}-\d{2}" + OTHERS)  # dates first
BODY_TOKENS = re.compile(r"\d{4}年|\d{1,2}月\d{1,2}日|\d{1,2}月|\d{4}-\d{2}-\d{2}" + OTHERS)
"""In running text a date may break after its year (2026年 / 12月15日), as Chinese is set:
kept whole, it would leave a justified line stretched by six characters' width."""
WORDS = ("基本通过", "限期整改", "数据不足", "通过", "基本达成", "未达成", "达成", "进行中", "已完成", "未开始",
         "未到期", "未评", "红色", "黄色")
"""Conclusion, band and state words: a table cell holding one is never broken."""

INVISIBLE = dict.fromkeys(map(ord, "\u2060\u200b\u00ad"), None)


def squeeze(text: str) -> str:
    """Text without any white space or invisible joiner (pdftotext spaces justified lines out)."""
    return re.sub(r"\s+", "", text.translate(INVISIBLE))


def docx_pieces(path: Path) -> tuple[list[str], list[str], list[str]]:
    """(body paragraphs, table cells, titles) of a .docx as plain text."""
    document = Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    titles = [p.text for p in document.paragraphs if p.style is not None and p.style.name in ("Title", "Cover Title")
              and p.text.strip()]
    cells: list[str] = []
    for table in document.tables:
        for row in table.rows:
            seen: set[int] = set()
            for cell in row.cells:
                if id(cell._tc) not in seen:  # a merged cell is listed once per column it spans
                    seen.add(id(cell._tc))
                    cells.append(cell.text)
    return paragraphs, cells, titles


def expected_tokens(paragraphs: list[str], cells: list[str]) -> Counter[str]:
    """Each token of the document (white space removed) and how often it occurs."""
    found: Counter[str] = Counter()
    for texts, tokens in ((paragraphs, BODY_TOKENS), (cells, TOKENS)):
        for text in texts:
            for match in tokens.finditer(text.translate(INVISIBLE).replace("\u00a0", " ")):
                found[squeeze(match.group(0))] += 1
    for cell in cells:
        if squeeze(cell) in WORDS:
            found[squeeze(cell)] += 1
    return found


def broken_tokens(docx: Path, pdf_text: str) -> list[str]:
    """The tokens of ``docx`` found whole on fewer PDF lines than the document holds them."""
    paragraphs, cells, _ = docx_pieces(docx)
    lines = [squeeze(line) for line in pdf_text.splitlines()]
    broken = []
    for token, count in sorted(expected_tokens(paragraphs, cells).items()):
        whole = sum(line.count(token) for line in lines)
        if whole < count:
            broken.append(f"{token}（文档 {count} 处，PDF 整行 {whole} 处）")
    return broken


def title_problems(docx: Path, pdf_text: str) -> list[str]:
    """Titles that the PDF shows with a line of one character, or not at all as whole lines."""
    _, _, titles = docx_pieces(docx)
    lines = [squeeze(line) for line in pdf_text.splitlines()]
    problems = []
    for title in titles:
        want = squeeze(title)
        for start in range(len(lines)):
            parts: list[str] = []
            for line in lines[start:start + 4]:
                parts.append(line)
                if "".join(parts) == want:
                    break
            if "".join(parts) == want and want.startswith(lines[start]) and lines[start]:
                if min(len(p) for p in parts) < 2:
                    problems.append(f"{title}：{' / '.join(parts)}")
                break
        else:
            problems.append(f"{title}：PDF 中找不到整行的标题")
    return problems


@pytest.fixture(scope="module")
def rendered(college_batch, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    """Name → (the .docx, its PDF's ``pdftotext -layout`` text)."""
    from zhengai.load.repository import load_repository
    from zhengai.render.report import render_report
    from zhengai.reports import registry
    from zhengai.reports.workspace import Workspace

    keep = os.environ.get("ZHENGAI_RENDER_DIR")
    work = Path(keep) / "typesetting" if keep else tmp_path_factory.mktemp("typesetting")
    work.mkdir(parents=True, exist_ok=True)
    out = college_batch.index.parent
    sources = {}
    for name, key in CASES.items():
        result = next(r for r in college_batch.results if r.key == key)
        sources[name] = work / f"{name}.docx"
        shutil.copy(out / next(rel for rel in result.outputs if rel.endswith(".docx")), sources[name])
    ws = Workspace(load_repository([COLLEGE]), DECEMBER)
    sources["program"] = work / "program.docx"
    sources["program"].write_bytes(render_report(registry.build(ws, "program", PROGRAM), ["docx"])["docx"])
    profile = (work / "lo-profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work), *map(str, sources.values())], check=True, capture_output=True, timeout=600)
    texts = {}
    for name, docx in sources.items():
        texts[name] = (docx, subprocess.run(["pdftotext", "-layout", str(docx.with_suffix(".pdf")), "-"],
                                            capture_output=True, text=True, check=True).stdout)
    return texts


NAMES = [*CASES, "program"]


@needs_pdf
@pytest.mark.parametrize("name", NAMES)
def test_no_token_broken_across_lines(rendered: dict[str, tuple[Path, str]], name: str) -> None:
    docx, text = rendered[name]
    assert broken_tokens(docx, text) == []


@needs_pdf
@pytest.mark.parametrize("name", NAMES)
def test_titles_broken_at_a_meaningful_point(rendered: dict[str, tuple[Path, str]], name: str) -> None:
    docx, text = rendered[name]
    assert title_problems(docx, text) == []


def test_the_checks_see_a_broken_token_and_a_lonely_character() -> None:
    """The two checks themselves, on text a bad layout gives."""
    assert expected_tokens(["金额 12,630 元，完成 100.0%"], ["限期整改", "PRG-05"]) == Counter(
        {"12,630元": 1, "100.0%": 1, "限期整改": 1, "PRG-05": 1})
    lines = ["金额 12,63", "0 元，完成 100.0", "%", "  限期整   PRG-", "  改       05"]
    whole = [squeeze(x) for x in lines]
    assert [t for t in ("12,630元", "100.0%", "限期整改", "PRG-05") if not any(t in x for x in whole)] == [
        "12,630元", "100.0%", "限期整改", "PRG-05"]


# ------------------------------------------------------------------ the rules, without LibreOffice
def test_tokens_are_joined_and_plain_text_comes_back() -> None:
    from zhengai.render.word.typeset import NBSP, WJ, join, plain, split_tokens

    assert join("金额 12,630 元") == f"金额 1{WJ}2{WJ},{WJ}6{WJ}3{WJ}0{WJ}{NBSP}{WJ}元"
    assert plain(join("截至 2026年12月15日，完成 100.0%")) == "截至 2026年12月15日，完成 100.0%"
    assert [p for p, own in split_tokens("截至 2026年12月15日", True) if own] == [  # running text:
        f"2{WJ}0{WJ}2{WJ}6{WJ}年", f"1{WJ}2{WJ}月{WJ}1{WJ}5{WJ}日"]  # may break after the year
    assert join("图1\u3000人事处") == "图1\u3000人事处"  # an ideographic space is no unit's space
    assert join("限期整改") == "限期整改"  # Chinese words break as Chinese does
    # a list of codes breaks after its marks only; Latin tokens are joined in place, a token
    # with a Chinese character gets its own run (LibreOffice ignores joiners in zh-CN runs)
    assert split_tokens("平台编号 7.1、7.3") == ((f"平台编号 7{WJ}.{WJ}1、\u200b7{WJ}.{WJ}3", False),)
    assert split_tokens("共 22 条") == (("共 ", False), (f"2{WJ}2{WJ}{NBSP}{WJ}条", True))


def test_column_widths_from_content() -> None:
    from zhengai.render.word.typeset import cell_needs, distribute, em_width

    assert cell_needs("限期整改", header=False)[0] == 4.0  # never 限期整 / 改
    assert cell_needs("信息技术中心", header=False)[:2] == (3.0, 6.0)  # whole when there is room
    assert cell_needs("综合达成度", header=True)[0] == 3.0  # a header may break: 综合达 / 成度
    assert cell_needs("已完成（2026-06-28）", header=False)[0] == em_width("（2026-06-28）")
    # hard 10 + 20, the second's preferred 30 fits, then the rest goes to the text column
    assert distribute([(10, 10, 10, 0), (20, 30, 100, 500)], 100) == [10, 90]
    # two text columns share the 70 left by the text they hold (1 : 3), neither beyond its natural width
    assert distribute([(10, 10, 40, 100), (10, 10, 200, 300), (10, 10, 10, 0)], 100) == [27.5, 62.5, 10]
    assert distribute([(10, 10, 20, 100), (10, 10, 200, 300), (10, 10, 10, 0)], 100) == [20, 70, 10]
    # hard minima that cannot fit are scaled
    assert distribute([(60, 60, 60, 0), (60, 60, 60, 0)], 100) == [50, 50]


def test_titles_break_after_the_unit_and_keep_words() -> None:
    from zhengai.render.word.typeset import title_lines

    assert title_lines("机电一体化技术专业2026年度自我诊改报告", 19.1) == ["机电一体化技术专业", "2026年度自我诊改报告"]
    assert title_lines("江城职业技术学院2026年度诊改工作中期检查报告", 16) == ["江城职业技术学院2026年度", "诊改工作中期检查报告"]
    assert title_lines("教务处2026年度自我诊改报告", 19.1) == ["教务处2026年度自我诊改报告"]
    lines = title_lines("江城职业技术学院2026年度内部质量保证体系诊断与改进校内复核报告", 16)
    assert len(lines) == 3 and min(map(len, lines)) >= 2 and "".join(lines).endswith("报告")


def test_docx_author_is_the_institution_and_tables_are_spaced(college_batch) -> None:
    from docx import Document as open_docx

    out = college_batch.index.parent
    result = next(r for r in college_batch.results if r.key == "2026/diagnosis/jwc")
    document = open_docx(str(out / next(rel for rel in result.outputs if rel.endswith(".docx"))))
    core = document.core_properties
    assert core.author == core.last_modified_by == "江城职业技术学院"
    body = list(document.element.body.iterchildren())
    assert not any(a.tag.endswith("}tbl") and b.tag.endswith("}tbl") for a, b in itertools.pairwise(body))
    for table in document.tables:  # no justified cell
        for cell in table._tbl.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}jc"):
            assert cell.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") != "both"


def test_the_closing_is_kept_with_the_last_lines_of_the_text() -> None:
    from docx import Document

    from zhengai.render.word.typeset import typeset

    document = Document()
    for text in ("正文第一段。", "正文最后一段。", ""):
        document.add_paragraph(text)
    styles = document.styles
    from docx.enum.style import WD_STYLE_TYPE

    styles.add_style("Signature", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("江城职业技术学院", style="Signature")
    document.add_paragraph("2026年12月20日", style="Signature")
    typeset(document)
    keep = [p.paragraph_format.keep_with_next for p in document.paragraphs]
    # the spacer, the last line of the text and the issuer keep with the next; the date ends the block
    assert keep == [None, True, True, True, None]
