"""Authored sections of a report (``narratives/<year>/<report>/<section>.md``): read, vetted, parsed.

A 质量年度报告 is 1–2 万字 of analysis that only people can write; the repository keeps that
text beside the data, one plain Markdown file per section (``narratives/2026/annual/学生发展.md``),
versioned like the data.  This module reads the files of one report into plain blocks the
report builders place at their sections (headings, paragraphs with bold/italic runs, list
items, tables, images) and the Markdown as written, for the Markdown edition.

The files are the user's and may be anything: a section name no report has, a file of
megabytes, GBK text, an image outside the repository or missing, a link to ``/etc``.  None of
that raises: each is a :class:`NarrativeProblem` (Chinese message with the file and line) that
the report's 编写清单 lists, and the file or image in question is left out.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zhengai.load.discover import real_path, unsafe_reason

FOLDER = "narratives"
"""The folder under the repository root that holds the authored sections."""

MAX_FILE_BYTES = 128 * 1024
"""Largest section file read (about 43,000 Chinese characters: twice the longest whole report; the
Markdown parser needs seconds for a hostile file of this size, so the limit is kept near real need)."""

MAX_IMAGE_BYTES = 10 * 1024 * 1024
"""Largest image embedded."""

MAX_PIXELS = 50_000_000
"""Largest picture embedded, in pixels (a photograph is 12–50 million; more is a decompression bomb)."""

MAX_FILES = 64
"""Most ``.md`` names looked at for one report (a report has about ten sections; only files named
after one are read, so at most that many are parsed)."""

IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "png", b"\xff\xd8\xff": "jpeg", b"GIF87a": "gif", b"GIF89a": "gif"}
"""Magic bytes → image type Word embeds (PNG, JPEG, GIF)."""

_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|（\d+）|第[一二三四五六七八九十\d]+)")


@dataclass(frozen=True)
class NarrativeProblem:
    """Why (part of) an authored file was not placed: file relative to the root, line, message."""

    file: str
    line: int
    message: str

    @property
    def where(self) -> str:
        """``narratives/2026/annual/x.md:3`` (the line only when known)."""
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass
class Narrative:
    """One authored section: its name (the file's stem), its file, the blocks and the Markdown."""

    section: str
    file: str
    blocks: list[dict[str, Any]]
    text: str
    dropped: frozenset[int] = frozenset()
    """0-based lines of ``text`` holding an image that could not be embedded (left out of the Markdown)."""


@dataclass
class Narratives:
    """The authored sections of one report, by section name, and the problems met reading them."""

    folder: str
    sections: dict[str, Narrative] = field(default_factory=dict)
    problems: list[NarrativeProblem] = field(default_factory=list)


def folder_of(year: int, report: str) -> str:
    """``narratives/<year>/<report>`` (POSIX, relative to the repository root)."""
    return f"{FOLDER}/{year}/{report}"


def load_narratives(root: Path | None, year: int, report: str, sections: Sequence[str],
                    aliases: dict[str, str] | None = None) -> Narratives:
    """The authored sections of ``report`` for ``year`` under ``root``.

    ``sections`` are the names the report knows (a file ``<name>.md`` each); ``aliases`` maps
    other accepted stems to one of them (``发展保障（政策落实）`` → ``发展保障``).  Files with other
    names, unreadable files and images that cannot be embedded are problems, never errors.
    """
    rel = folder_of(year, report)
    found = Narratives(folder=rel)
    if root is None:
        return found
    folder = root / rel
    if not folder.is_dir():
        return found
    if not real_path(folder).is_relative_to(real_path(root)):
        found.problems.append(NarrativeProblem(rel, 0, "撰写内容目录指向仓库之外，出于安全未读取。"))
        return found
    known = {**{name: name for name in sections}, **(aliases or {})}
    try:
        names = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".md")
    except OSError as exc:
        found.problems.append(NarrativeProblem(rel, 0, f"无法读取撰写内容目录：{exc.strerror or exc}"))
        return found
    if len(names) > MAX_FILES:
        found.problems.append(NarrativeProblem(rel, 0, f"目录中有 {len(names)} 个 .md 文件，只读取前 {MAX_FILES} 个。"))
        names = names[:MAX_FILES]
    for path in names:
        file = f"{rel}/{path.name}"
        section = known.get(path.stem)
        if section is None:
            choices = "、".join(sections)
            found.problems.append(NarrativeProblem(file, 0, f"没有名为“{path.stem}”的章节，未放入报告；"
                                                   f"文件名应为以下章节名之一（加 .md）：{choices}。"))
            continue
        if section in found.sections:
            found.problems.append(NarrativeProblem(file, 0, f"章节“{section}”已由 {found.sections[section].file} "
                                                   "提供，本文件未放入报告。"))
            continue
        narrative = _read(root, path, file, section, found.problems)
        if narrative is not None:
            found.sections[section] = narrative
    return found


def _read(root: Path, path: Path, file: str, section: str, problems: list[NarrativeProblem]) -> Narrative | None:
    reason = unsafe_reason(path, root)
    if reason:
        problems.append(NarrativeProblem(file, 0, reason))
        return None
    try:
        size = path.stat().st_size
        if not path.is_file():
            problems.append(NarrativeProblem(file, 0, "不是普通文件，未读取。"))
            return None
        if size > MAX_FILE_BYTES:
            problems.append(NarrativeProblem(file, 0, f"文件过大（{size // 1024} KB，上限 {MAX_FILE_BYTES // 1024} KB），"
                                             "未放入报告；一节的文字不应超过数万字，请拆分或删减。"))
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.append(NarrativeProblem(file, 0, f"无法读取：{exc.strerror or exc}"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        problems.append(NarrativeProblem(file, line, "不是 UTF-8 编码（可能是 GBK），未放入报告；请用“另存为 UTF-8”保存。"))
        return None
    if "\x00" in text:
        problems.append(NarrativeProblem(file, 0, "含有空字符，不是文本文件，未放入报告。"))
        return None
    blocks, dropped = parse(text, path.parent, root, file, problems)
    if not blocks:
        problems.append(NarrativeProblem(file, 0, "文件没有正文，未放入报告（该节仍使用根据数据生成的段落）。"))
        return None
    return Narrative(section=section, file=file, blocks=blocks, text=text, dropped=frozenset(dropped))


# ------------------------------------------------------------------ Markdown → blocks
def _parser() -> Any:
    from markdown_it import MarkdownIt

    # commonmark with GFM tables; raw HTML is shown as text, never interpreted
    return MarkdownIt("commonmark", {"html": False, "maxNesting": 20}).enable("table")


def _runs(inline: Any) -> list[dict[str, Any]]:
    """The text runs of an inline token: text with bold/italic; code as text, links by their text."""
    runs: list[dict[str, Any]] = []
    bold = italic = 0
    for child in inline.children or []:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold = max(0, bold - 1)
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic = max(0, italic - 1)
        elif kind in ("text", "code_inline", "html_inline"):
            if child.content:
                runs.append({"text": child.content, "bold": bold > 0, "italic": italic > 0})
        elif kind in ("softbreak", "hardbreak"):
            # a line break inside a Chinese paragraph is no space (the author wrapped the line)
            continue
    merged: list[tuple[bool, bool, list[str]]] = []  # neighbours of one format joined (linear, not repeated +)
    for run in runs:
        if merged and merged[-1][:2] == (run["bold"], run["italic"]):
            merged[-1][2].append(run["text"])
        else:
            merged.append((run["bold"], run["italic"], [run["text"]]))
    return [{"text": "".join(parts), "bold": bold, "italic": italic} for bold, italic, parts in merged]


def _text(runs: Iterable[dict[str, Any]]) -> str:
    return "".join(r["text"] for r in runs).strip()


def _image(child: Any, base: Path, root: Path, file: str, line: int,
           problems: list[NarrativeProblem]) -> dict[str, Any] | None:
    """An image block, or None (with a problem) when it cannot be embedded safely."""
    src = str(child.attrs.get("src") or "")
    alt = "".join(c.content for c in child.children or []) or str(child.content or "")
    shown = src or "（空）"
    if not src or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", src) or src.startswith(("/", "\\")):
        problems.append(NarrativeProblem(file, line, f"图片“{shown}”不是仓库内的相对路径（不接受网址与绝对路径），未放入报告。"))
        return None
    from urllib.parse import unquote

    path = base / unquote(src)
    if not real_path(path).is_relative_to(real_path(root)):
        problems.append(NarrativeProblem(file, line, f"图片“{shown}”在仓库之外，出于安全未放入报告。"))
        return None
    reason = unsafe_reason(path, root)
    if reason:
        problems.append(NarrativeProblem(file, line, f"图片“{shown}”：{reason}"))
        return None
    try:
        if not path.is_file():
            problems.append(NarrativeProblem(file, line, f"图片“{shown}”不存在，未放入报告。"))
            return None
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            problems.append(NarrativeProblem(file, line, f"图片“{shown}”过大（{size / 2**20:.1f} MB，上限 "
                                             f"{MAX_IMAGE_BYTES / 2**20:.0f} MB），未放入报告；请压缩后再放入。"))
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.append(NarrativeProblem(file, line, f"图片“{shown}”无法读取：{exc.strerror or exc}"))
        return None
    kind = next((k for magic, k in IMAGE_TYPES.items() if data.startswith(magic)), None)
    if kind is None:
        problems.append(NarrativeProblem(file, line, f"图片“{shown}”不是 PNG、JPEG 或 GIF 图片，未放入报告。"))
        return None
    try:
        from docx.image.image import Image

        header = Image.from_blob(data)  # the header Word needs (size, resolution) must be readable
    except Exception:  # any broken header: the picture is left out, not the report
        problems.append(NarrativeProblem(file, line, f"图片“{shown}”已损坏（无法读取图片尺寸），未放入报告。"))
        return None
    if header.px_width * header.px_height > MAX_PIXELS:  # a small file can unpack to gigabytes in Word
        problems.append(NarrativeProblem(file, line, f"图片“{shown}”尺寸过大（{header.px_width}×{header.px_height} "
                                         "像素），未放入报告；请缩小到 5000 万像素以内。"))
        return None
    return {"type": "image", "alt": alt.strip(), "path": os.fspath(path), "format": kind,
            "sha256": hashlib.sha256(data).hexdigest(), "text": ""}


def parse(text: str, base: Path, root: Path, file: str,
          problems: list[NarrativeProblem]) -> tuple[list[dict[str, Any]], set[int]]:
    """(blocks, the 0-based lines holding an image that could not be embedded).

    Blocks are plain dicts: ``heading`` (level 1…, text, runs), ``paragraph`` (runs, text),
    ``item`` (a list item: ordered, number, depth, runs, text), ``table`` (head, rows) and
    ``image`` (alt, path, format, sha256).  Block quotes and code become paragraphs; rules are dropped.
    """
    tokens = _parser().parse(text)
    blocks: list[dict[str, Any]] = []
    lists: list[dict[str, Any]] = []  # open lists: ordered, next number
    table: dict[str, Any] | None = None
    row: list[str] | None = None
    in_head = False
    dropped_lines: set[int] = set()
    heading_level = 0
    for i, tok in enumerate(tokens):
        line = (tok.map[0] + 1) if tok.map else 0
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrs.get("start") or 1) if kind == "ordered_list_open" else 0
            lists.append({"ordered": kind == "ordered_list_open", "next": start})
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "heading_open":
            heading_level = int(tok.tag[1:])
        elif kind == "heading_close":
            heading_level = 0
        elif kind == "table_open":
            table = {"type": "table", "head": [], "rows": [], "text": ""}
        elif kind == "table_close" and table is not None:
            blocks.append(table)
            table = None
        elif kind == "thead_open":
            in_head = True
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and table is not None and row is not None:
            if in_head:
                table["head"] = row
            else:
                table["rows"].append(row)
            row = None
        elif kind in ("fence", "code_block"):
            for piece in tok.content.splitlines():
                if piece.strip():
                    blocks.append({"type": "paragraph", "runs": [{"text": piece.strip(), "bold": False,
                                                                  "italic": False}], "text": piece.strip()})
        elif kind == "inline":
            if row is not None:
                row.append(_text(_runs(tok)))
                continue
            if heading_level:
                runs = _runs(tok)
                if _text(runs):
                    span = tokens[i - 1].map or [line - 1, line]
                    blocks.append({"type": "heading", "level": heading_level, "text": _text(runs), "runs": runs,
                                   "span": [span[0], span[1]]})
                continue
            pieces = _inline_blocks(tok, base, root, file, line, problems, dropped_lines)
            parent = tokens[i - 2].type if i >= 2 else ""
            for piece in pieces:
                if piece["type"] == "paragraph" and lists and parent == "list_item_open":
                    current = lists[-1]
                    piece = {**piece, "type": "item", "ordered": current["ordered"], "number": current["next"],
                             "depth": len(lists) - 1}
                    if current["ordered"]:
                        current["next"] += 1
                blocks.append(piece)
    return blocks, dropped_lines


def _inline_blocks(tok: Any, base: Path, root: Path, file: str, line: int, problems: list[NarrativeProblem],
                   dropped: set[int]) -> list[dict[str, Any]]:
    """A paragraph's inline token as blocks: text paragraphs and the images between them."""
    out: list[dict[str, Any]] = []
    children = tok.children or []
    current: list[Any] = []

    def flush() -> None:
        if current:
            fake = type("Inline", (), {"children": list(current)})()
            runs = _runs(fake)
            if _text(runs):
                out.append({"type": "paragraph", "runs": runs, "text": _text(runs)})
            current.clear()

    for child in children:
        if child.type == "image":
            flush()
            image = _image(child, base, root, file, line, problems)
            if image is not None:
                out.append(image)
            elif tok.map:
                dropped.update(range(tok.map[0], tok.map[1]))
        else:
            current.append(child)
    flush()
    return out


def already_numbered(text: str) -> bool:
    """True when a heading starts with its own number (一、 （一） 1. （1） 第一…)."""
    return bool(_NUMBERED.match(text))


__all__ = ["FOLDER", "IMAGE_TYPES", "MAX_FILES", "MAX_FILE_BYTES", "MAX_IMAGE_BYTES", "MAX_PIXELS", "Narrative", "NarrativeProblem",
           "Narratives", "already_numbered", "folder_of", "load_narratives", "parse"]
