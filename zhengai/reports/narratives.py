"""People's text in a report: authored sections placed at their heading, generated paragraphs where
none exists, and what the 编写清单 says about both.

A report lists its sections (:class:`SectionSpec`); :func:`sections` reads the authored files
(:mod:`zhengai.load.narratives`) and returns, per section, the plain context the templates print:

- ``authored`` — the author's blocks with their headings set one level below the section's
  (Word: ``Heading 2`` …, numbered （一） 1. （1） unless the author numbered them), the Markdown
  as written with its headings shifted the same way, and its character count; Word replaces
  ``authored.word`` with the blocks as Word content (:mod:`zhengai.render.word.narrative`);
- ``paragraphs`` — the factual paragraphs generated from the data, used where nothing is authored;
- ``show`` — false when the section has neither (the official document then has no empty heading;
  the 编写清单 says which data are missing).

The body's length (authored and generated prose, without tables) goes into the 编写清单
against the required length, with every section still waiting for a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from zhengai.load.narratives import (
    Narrative,
    Narratives,
    already_numbered,
    folder_of,
    load_narratives,
)
from zhengai.reports.official import checklist_row
from zhengai.reports.text import num
from zhengai.reports.workspace import Workspace

CN_DIGITS = "零一二三四五六七八九十"


@dataclass(frozen=True)
class SectionSpec:
    """A section a report can hold: its key in ``r.sections``, its name (the file's stem) and other accepted stems."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    authored_only: bool = False  # 典型案例: only people can write it, there is nothing to generate


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十 (section numbers up to 99)."""
    if n <= 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return (CN_DIGITS[tens] if tens > 1 else "") + "十" + (CN_DIGITS[ones] if ones else "")


def chars(text: str) -> int:
    """Characters of body text: every character but white space (how 字数 is counted)."""
    return len(re.sub(r"\s+", "", text))


def blocks_chars(blocks: Iterable[dict[str, Any]]) -> int:
    """The characters of the prose blocks (headings, paragraphs, list items; not tables or images)."""
    return sum(chars(b.get("text", "")) for b in blocks if b["type"] in ("heading", "paragraph", "item"))


def _numbered_blocks(blocks: list[dict[str, Any]], depth: int = 2) -> list[dict[str, Any]]:
    """Headings one level below the section's (``depth`` is the level they start at: 2 below a
    一、 heading, 3 below a （一） one), numbered （一） 1. （1） by level unless the author numbered them."""
    levels = [b["level"] for b in blocks if b["type"] == "heading"]
    top = min(levels) if levels else 1
    counters = [0, 0, 0, 0]
    out = []
    for block in blocks:
        if block["type"] != "heading":
            out.append(block)
            continue
        rel = block["level"] - top + 1  # 1 = the author's top level
        style = min(depth - 1 + rel, 4)  # Word heading 2..4 (the section's own heading is above)
        counters[style - 1] += 1
        for deeper in range(style, 4):
            counters[deeper] = 0
        text = block["text"]
        if not already_numbered(text):
            n = counters[style - 1]
            text = {2: f"（{cn_number(n)}）", 3: f"{n}. ", 4: f"（{n}）"}[style] + text
        out.append({**block, "style": style, "rel": rel, "text": text.strip()})
    return out


def _markdown(narrative: Narrative, blocks: list[dict[str, Any]], depth: int) -> str:
    """The authored Markdown as written, its headings one level below the section heading (``depth`` #s)
    and numbered as in Word; lines holding an image that could not be embedded are left out."""
    lines = narrative.text.splitlines()
    replace: dict[int, str | None] = {}
    for block in blocks:
        if block["type"] == "heading":
            start, end = block["span"]
            replace[start] = "#" * min(depth + block["rel"], 6) + " " + block["text"]
            for n in range(start + 1, end):
                replace[n] = None  # a setext underline
    for n in narrative.dropped:
        if n < len(lines) and "![" in lines[n]:
            replace[n] = None
    out = []
    for n, line in enumerate(lines):
        if n in replace:
            if replace[n] is not None:
                out.append(replace[n] or "")
        else:
            out.append(line)
    return "\n".join(out).strip()


BLOCK = {"type": "", "text": "", "runs": [], "style": 0, "ordered": False, "number": 0, "depth": 0, "head": [],
         "rows": [], "alt": "", "path": "", "sha256": ""}
"""Every block of ``authored.blocks`` has these keys (one shape for templates and the Word writer)."""


def _plain(block: dict[str, Any]) -> dict[str, Any]:
    return {key: block.get(key, default) for key, default in BLOCK.items()}


def authored(narrative: Narrative, depth: int) -> dict[str, Any]:
    """``section.authored``: the author's blocks, the Markdown for the Markdown edition, its length."""
    numbered = _numbered_blocks(narrative.blocks, depth)
    markdown = _markdown(narrative, numbered, depth)
    blocks = [_plain(b) for b in numbered]
    return {"section": narrative.section, "source": narrative.file, "blocks": blocks,
            "markdown": markdown, "chars": blocks_chars(blocks),
            "images": sum(1 for b in blocks if b["type"] == "image"),
            "tables": sum(1 for b in blocks if b["type"] == "table"), "word": ""}


def read(ws: Workspace, report: str, specs: Sequence[SectionSpec]) -> Narratives:
    """The authored sections of ``report`` (``annual``, a level id …) for the report year."""
    aliases = {alias: s.name for s in specs for alias in s.aliases}
    return load_narratives(ws.repo.root, ws.year, report, [s.name for s in specs], aliases)


def sections(ws: Workspace, report: str, specs: Sequence[SectionSpec], generated: dict[str, list[str]],
             data_missing: dict[str, str], *, depth: int = 2,
             always: Iterable[str] = ()) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]], Narratives]:
    """(``r.sections``, their 编写清单 rows, the narratives read).

    ``generated`` holds each section's data paragraphs, ``data_missing`` the sentence saying which
    data a section without any lacks; ``always`` are sections shown even without text (their
    tables carry the data).  Shown sections are numbered 一、二、… in order.
    """
    found = read(ws, report, specs)
    always = set(always)
    out: dict[str, dict[str, Any]] = {}
    rows: list[dict[str, Any]] = []
    number = 0
    folder = folder_of(ws.year, report)
    for spec in specs:
        narrative = found.sections.get(spec.name)
        paragraphs = [] if narrative else list(generated.get(spec.key, []))
        show = bool(narrative or paragraphs or spec.key in always)
        if show:
            number += 1
        written = authored(narrative, depth) if narrative else None
        out[spec.key] = {
            "key": spec.key, "name": spec.name, "show": show, "no": number if show else 0,
            "heading": f"{cn_number(number)}、{spec.name}" if show else spec.name,
            "authored": written, "paragraphs": paragraphs,
            "chars": written["chars"] if written else sum(chars(p) for p in paragraphs),
        }
        where = f"{folder}/{spec.name}.md"
        if narrative:
            continue
        if spec.authored_only:
            rows.append(checklist_row("待撰写", spec.name, f"尚无{spec.name}（只能由人撰写），正式报告中不列本节；"
                                      f"在 {where} 撰写。", where))
        elif paragraphs:
            rows.append(checklist_row("待撰写", spec.name, f"尚无撰写内容，正式报告中为根据数据生成的段落"
                                      f"（{num(out[spec.key]['chars'])} 字）；在 {where} 撰写分析与案例。", where))
        elif spec.key in always:
            rows.append(checklist_row("待撰写", spec.name, f"尚无撰写内容，正式报告中本节只有数据表；在 {where} 撰写。",
                                      where))
        else:
            rows.append(checklist_row("缺少数据", spec.name, f"{data_missing.get(spec.key, '没有可引用的数据')}，"
                                      f"且尚无撰写内容，正式报告中不列本节；在 {where} 撰写。", where))
    rows += [checklist_row("撰写内容", p.file.rsplit("/", 1)[-1], p.message, p.where) for p in found.problems]
    return out, rows, found


def length_row(sections_: dict[str, dict[str, Any]], low: int, high: int) -> dict[str, Any]:
    """The 编写清单 row on the body's length: authored and generated characters against ``low``—``high``."""
    length = body_length(sections_)
    total, written, generated = length["total"], length["authored"], length["generated"]
    waiting = [s["name"] for s in sections_.values() if not s["authored"]]
    state = (f"尚差约 {num(low - total)} 字" if total < low else
             f"超出上限约 {num(total - high)} 字，请精简" if total > high else "在要求范围内")
    detail = (f"正文 {num(total)} 字（撰写 {num(written)} 字、根据数据生成 {num(generated)} 字，不含表格、图表、附件与附录），"
              f"要求 {num(low)}—{num(high)} 字，{state}。")
    if waiting:
        detail += f"尚无撰写内容的章节：{'、'.join(waiting)}。"
    return checklist_row("篇幅", "正文字数", detail)


def body_length(sections_: dict[str, dict[str, Any]]) -> dict[str, int]:
    """``r.length``: characters of the shown sections, authored and generated."""
    shown = [s for s in sections_.values() if s["show"]]
    written = sum(s["chars"] for s in shown if s["authored"])
    generated = sum(s["chars"] for s in shown if not s["authored"])
    return {"total": written + generated, "authored": written, "generated": generated,
            "sections_authored": sum(1 for s in sections_.values() if s["authored"]),
            "sections": len(sections_)}


AUTHORED = {
    "section": "章节名", "source": "撰写文件（仓库内路径，工作底稿用）",
    "blocks": [{"type": "块类型 heading/paragraph/item/table/image", "text": "文字（标题已编号）",
                "runs": [{"text": "文字", "bold": "是否加粗", "italic": "是否倾斜"}],
                "style": "标题级别（Word 的 Heading 2—4）", "ordered": "是否有序列表项", "number": "列表项序号",
                "depth": "列表嵌套层级（0 起）", "head": ["表头单元格"], "rows": [["表格单元格"]],
                "alt": "图片说明（图题）", "path": "图片文件", "sha256": "图片内容的哈希"}],
    "markdown": "撰写的 Markdown 原文（标题降到本节标题之下）", "chars": "字数（不含表格）", "images": "图片数",
    "tables": "表格数", "word": "Word 中的撰写内容（子文档，用 {{p …word }} 放置；Markdown 中为空）",
}
"""What ``section.authored`` holds (None when the section has no authored file)."""

SECTION = {
    "key": "章节标识", "name": "章节名", "show": "正式报告是否列出本节（既无撰写内容又无数据时为否）",
    "no": "章节序号（未列出为 0）", "heading": "带序号的标题，如 二、学生发展", "authored": AUTHORED,
    "paragraphs": ["根据数据生成的段落（有撰写内容时为空）"], "chars": "本节字数（撰写或生成，不含表格）",
}
"""What one entry of ``r.sections`` holds."""

LENGTH_FIELDS = {"total": "正文字数（不含表格、图表、附件与附录）", "authored": "其中撰写字数", "generated": "其中生成字数",
                 "sections_authored": "有撰写内容的章节数", "sections": "章节数"}
"""What ``r.length`` holds."""

__all__ = ["AUTHORED", "BLOCK", "LENGTH_FIELDS", "SECTION", "SectionSpec", "authored", "blocks_chars", "body_length", "chars", "cn_number", "length_row", "read",
           "sections"]
