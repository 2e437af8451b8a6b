"""Typesetting a rendered report: what docxtpl cannot know until the data are in.

:func:`typeset` runs once on every rendered document (:func:`~zhengai.render.word.render.render_docx`),
whatever template it came from, so the reports of every kind — and a college's own
templates — get the same care:

- **No break inside a token.**  A number with its unit (``12,630 元``, ``92.5%``,
  ``+4.0 个百分点``) or a date (``2026年12月15日``) is joined: the space inside it becomes a
  no-break space (U+00A0) and the places where the Unicode line-breaking rules would allow
  a break (a digit beside a Chinese character, the characters of 个百分点) get a WORD
  JOINER (U+2060), which LibreOffice honours (Insert › Formatting Mark › Word Joiner) and
  which is invisible everywhere.  Latin words and ids (``PRG-05``, ``SMART``) need nothing:
  no application breaks them unless their line is too narrow, which is the widths' job.
  Chinese words in running text are not joined — a break between any two characters is
  ordinary Chinese typesetting, and joining words would stretch justified lines.
- **Column widths from content.**  A table's columns are sized from the text they hold,
  the way a browser sizes an automatic table: every column at least as wide as its longest
  unbreakable piece (a number with its unit, a date, an id, a short name such as 限期整改 or
  信息技术中心), the rest of the type area given to the columns whose text would
  otherwise wrap most (the long text columns).  Short columns (序号, 档次) stay narrow.
- **Titles broken at a meaningful point.**  A title too long for one line is broken where a
  reader would break it (after the unit's name, before the year, before a bracket), into
  lines of even length, never leaving one character alone.
- **Space between tables.**  Two tables that meet (a ``{%p endif %}`` between them was
  removed) would run into one another (Word even merges them); a small empty paragraph
  separates them.

Table cells keep their left or centred alignment (the ``Table Text`` style is left-aligned,
a justified cell is set left): a justified narrow cell spreads a long token's line apart.
Body paragraphs stay justified as 公文 are; the joined tokens are short (a date is the
longest, under seven characters), so the space a moved token leaves is spread over the
twenty-odd characters of the line, not into one gap.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _T, _TBL, _TR, _TC, _R, _BR = (f"{_W}{x}" for x in ("p", "t", "tbl", "tr", "tc", "r", "br"))
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_RPR = f"{_W}rPr"

WJ = "\u2060"
ZWSP = "\u200b"
"""A break opportunity after the marks of a list of codes (7.1、7.3), which LibreOffice otherwise misses."""
NBSP = "\u202f"
"""The narrow no-break space between a number and its unit (the thin space of SI usage)."""
TOKEN_LANG = "en-US"
"""The East-Asian language of a token's own run: LibreOffice breaks before a Chinese character
in a zh-CN run whatever joins it (its Chinese line breaking ignores the word joiner), and
honours the joiner in a run of another language; the characters and fonts stay the same."""

_NUM = r"[−+\-]?\d+(?:[.,:]\d+)*"
_UNIT = (r"(?:%|‰|个百分点|百分点|万元|亿元|元|万人|人次|人|个|项|条|门|分|天|次|名|所|篇|本|部|家|台|套|份|学时|学分|"
         r"小时|周|倍|届|期|批|节|课时|岁|平方米|万册|册|GB|TB|MB|Mbps)")
_DATE = r"\d{4}[ \u00a0]?年(?:[ \u00a0]?\d{1,2}[ \u00a0]?月(?:[ \u00a0]?\d{1,2}[ \u00a0]?日)?)?|\d{1,2}[ \u00a0]?月[ \u00a0]?\d{1,2}[ \u00a0]?日|\d{4}-\d{1,2}-\d{1,2}"
_CODES = r"\d+(?:\.\d+)*(?:、\d+(?:\.\d+)*)+(?=$|[^\d.年月日%个项条人门分元])"
TOKEN = re.compile(rf"{_CODES}|(?:{_DATE})|{_NUM}[ \u00a0]?{_UNIT}|\d+(?:[.,:/\-]\d+)+")
"""A list of codes (7.1、7.3), a date, a number with its unit or a number with separators
(1.1.1, 2/4): what :func:`join` keeps on one line (in a table cell, whose column is sized for it)."""
_BODY_DATE = r"\d{4}[ \u00a0]?年|\d{1,2}[ \u00a0]?月(?:[ \u00a0]?\d{1,2}[ \u00a0]?日)?|\d{4}-\d{1,2}-\d{1,2}"
BODY_TOKEN = re.compile(rf"{_CODES}|(?:{_BODY_DATE})|{_NUM}[ \u00a0]?{_UNIT}|\d+(?:[.,:/\-]\d+)+")
""":data:`TOKEN` in running text, where a date may break after its year (2026年 / 12月15日, as
Chinese is set): a whole date moved to the next line would stretch a justified line by six
characters' width."""

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACES = (" ", "\u00a0", NBSP)


def join_token(token: str) -> str:
    """One token made unbreakable: its space a narrow no-break space and a word joiner
    between every two characters (LibreOffice breaks "6. / 1" and "2026-06- / 28" where the
    Unicode rules would not).  A list of codes (7.1、7.3、7.4) may break after its marks
    only: a zero-width space there gives LibreOffice the break it otherwise misses."""
    if "、" in token:
        return ("、" + ZWSP).join(join_token(code) for code in token.split("、"))
    return WJ.join(re.sub(r"[ \u00a0]", NBSP, token))


@functools.lru_cache(maxsize=8192)
def split_tokens(text: str, body: bool = False) -> tuple[tuple[str, bool], ...]:
    """``text`` as (piece, needs its own run) pieces with every :data:`TOKEN` joined by
    :func:`join_token`: a token holding a Chinese character or a space needs a run in
    :data:`TOKEN_LANG` (a zh-CN run breaks before the Chinese character whatever joins it);
    the rest, Latin tokens included, is joined in place.  ``body``: running text
    (:data:`BODY_TOKEN`), not a table cell."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    plain_text = ""
    for match in (BODY_TOKEN if body else TOKEN).finditer(text):
        token = match.group(0)
        joined = join_token(token)
        plain_text += text[at:match.start()]
        if " " in token or "\u00a0" in token or _CJK.search(token):
            if plain_text:
                pieces.append((plain_text, False))
            pieces.append((joined, True))
            plain_text = ""
        else:
            plain_text += joined
        at = match.end()
    plain_text += text[at:]
    if plain_text:
        pieces.append((plain_text, False))
    return tuple(pieces)


def join(text: str) -> str:
    """``text`` with every :data:`TOKEN` joined (the text only; :func:`typeset` also gives
    each token its own run in :data:`TOKEN_LANG`)."""
    return "".join(piece for piece, _ in split_tokens(text))


def plain(text: str) -> str:
    """``text`` without the joins :func:`join` adds (for comparing and extracting text)."""
    return text.replace(WJ, "").replace(ZWSP, "").replace(NBSP, " ").replace("\u00a0", " ")


# ------------------------------------------------------------------ widths of text
_HALF = {".": 0.32, ",": 0.32, ":": 0.34, ";": 0.34, " ": 0.32, "\u00a0": 0.32, NBSP: 0.2, "-": 0.34, "/": 0.34, "%": 0.95,
         "(": 0.39, ")": 0.39, "+": 0.84, "−": 0.84, "=": 0.84, "*": 0.5, "~": 0.84, "_": 0.5, "#": 0.84, "&": 0.9}
"""Widths in ems of the Latin marks, the widest of Times New Roman and of the serif LibreOffice
substitutes for it where it is missing (DejaVu Serif): a column sized for these fits both."""


@functools.lru_cache(maxsize=4096)
def em_width(text: str) -> float:
    """Width of ``text`` in ems of its font: Chinese characters and full-width marks one em,
    digits 0.64 (half an em in Times New Roman, more in the serifs that stand in for it),
    capitals 0.78, and a quarter em where Chinese meets Latin (the automatic spacing Word
    and LibreOffice put there)."""
    width = 0.0
    latin_before: bool | None = None
    for ch in text:
        if ch == WJ:
            continue
        if ord(ch) < 0x2000 or ch == "−":
            w = _HALF.get(ch, 0.78 if ch.isupper() else 0.64 if ch.isdigit() else 0.6)
            latin = ch not in _SPACES
        else:
            w, latin = 1.0, False
        if latin_before is not None and latin != latin_before and ch not in _SPACES:
            width += 0.25
        latin_before = latin if ch not in _SPACES else None
        width += w
    return width


_PIECE_BREAK = re.compile(r"(?<=[、，；：。,;])|(?=[（(《“])|\s+")
_LATIN_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-_/:]*[A-Za-z0-9%]|[A-Za-z0-9]")
_OPENING = "（(《“"
_CLOSING = "）)》”、，。；：%"
SHORT_PHRASE = 4
"""Chinese pieces up to this many characters (限期整改, 基本达成) are never broken."""
NAME_PHRASE = 8
"""Pieces up to this many characters (信息技术中心) are kept whole when the table has room."""


def _pieces(text: str) -> list[str]:
    return [p for p in _PIECE_BREAK.split(plain(text).strip()) if p]


@functools.lru_cache(maxsize=4096)
def cell_needs(text: str, header: bool) -> tuple[float, float, float]:
    """(hard minimum, preferred minimum, natural width) of a cell's text in ems.

    The hard minimum is the widest unbreakable token (numbers with units, dates, Latin
    words and ids, short phrases, half of a longer phrase so no line holds one character);
    the preferred minimum keeps names of up to :data:`NAME_PHRASE` characters whole; the
    natural width is the longest paragraph on one line.  A header may break after half its
    text (红色 / 预警, 规划表述 / 问题): the names in the column come first.
    """
    hard = pref = natural = 0.0
    for line in text.split("\n"):
        natural = max(natural, em_width(line))
        clean = plain(line)
        for match in TOKEN.finditer(clean):
            # an opening bracket before a token and a closing mark after it cannot be left alone
            start = match.start() - (match.start() > 0 and clean[match.start() - 1] in _OPENING)
            end = match.end() + (match.end() < len(clean) and clean[match.end()] in _CLOSING)
            codes = clean[start:end].split("、")  # a list of codes breaks after its marks
            hard = max(hard, *(em_width(code + "、") for code in codes[:-1]), em_width(codes[-1]))
        for match in _LATIN_RUN.finditer(clean):
            hard = max(hard, em_width(match.group(0)))
        for piece in _pieces(line):
            width = em_width(piece)
            chars = len(piece)
            if header:
                hard = max(hard, em_width(piece[:math.ceil(chars / 2)]) if chars >= SHORT_PHRASE else width)
            elif chars <= SHORT_PHRASE:
                hard = max(hard, width)
            elif chars <= NAME_PHRASE:
                hard = max(hard, em_width(piece[:math.ceil(chars / 2)]))
                pref = max(pref, width)
    return hard, max(hard, pref), max(natural, hard)


def distribute(needs: list[tuple[float, float, float, float]], room: float) -> list[float]:
    """Column widths summing to ``room`` from each column's (hard, preferred, natural, volume)
    need: every column gets its hard minimum, then its whole preferred minimum while there
    is room (the cheapest first: a name half fitted would still break), then the rest goes
    to the columns whose text still wraps, in proportion to how much text they hold (the
    volume: the sum of their cells' widths), none beyond its natural width — so the long
    text column takes the rest and a column of short entries is not widened for its one
    long cell.  When every column is at its natural width they share what is left in
    proportion to it; when even the hard minima do not fit, they are scaled."""
    hard = [n[0] for n in needs]
    if sum(hard) >= room:
        total = sum(hard) or 1.0
        return [h * room / total for h in hard]
    widths = list(hard)
    # a name is whole or broken in half: preferred widths are granted whole, cheapest first
    for j in sorted(range(len(needs)), key=lambda k: needs[k][1] - hard[k]):
        extra = needs[j][1] - widths[j]
        if 0 < extra <= room - sum(widths):
            widths[j] = needs[j][1]
    while True:  # water-filling by volume, each column capped at its natural width
        free = room - sum(widths)
        open_cols = [j for j, n in enumerate(needs) if widths[j] < n[2] - 1e-6]
        if free <= 1e-6 or not open_cols:
            break
        total = sum(needs[j][3] for j in open_cols) or float(len(open_cols))
        capped = False
        for j in open_cols:
            share = free * (needs[j][3] / total if total else 1 / len(open_cols))
            if widths[j] + share >= needs[j][2]:
                widths[j], capped = needs[j][2], True
        if not capped:
            for j in open_cols:
                widths[j] += free * (needs[j][3] / total if total else 1 / len(open_cols))
            break
    free = room - sum(widths)
    if free > 1e-6:
        weights = [n[2] for n in needs]
        total = sum(weights) or float(len(weights))
        widths = [w + free * x / total for w, x in zip(widths, weights, strict=True)]
    return widths


# ------------------------------------------------------------------ the document
def _style_sizes(styles: Any) -> tuple[dict[str, float], dict[str, str]]:
    """Style id → font size in points (through base styles), and style id → alignment, of
    the paragraph styles (read from the styles part directly: python-docx's style objects
    would cost more than the rest of the typesetting)."""
    default_sz = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}sz")
    raw: dict[str, tuple[str | None, float | None, str | None]] = {}
    for style in styles.iterchildren(f"{_W}style"):
        if style.get(qn("w:type")) != "paragraph":
            continue
        based = style.find(f"{_W}basedOn")
        sz = style.find(f"{_W}rPr/{_W}sz")
        jc = style.find(f"{_W}pPr/{_W}jc")
        raw[style.get(qn("w:styleId"))] = (based.get(qn("w:val")) if based is not None else None,
                                           int(sz.get(qn("w:val"))) / 2 if sz is not None else None,
                                           jc.get(qn("w:val")) if jc is not None else None)
    fallback = int(default_sz.get(qn("w:val"))) / 2 if default_sz is not None else 10.0
    sizes: dict[str, float] = {}
    aligns: dict[str, str] = {}
    for ident in raw:
        size: float | None = None
        align: str | None = None
        at: str | None = ident
        seen: set[str] = set()
        while at is not None and at in raw and at not in seen and (size is None or align is None):
            seen.add(at)
            base, own_size, own_align = raw[at]
            size = own_size if size is None else size
            align = own_align if align is None else align
            at = base
        sizes[ident] = size if size is not None else fallback
        if align is not None:
            aligns[ident] = align
    return sizes, aligns


def _style_id(p: Any) -> str | None:
    ps = p.find(f"{_W}pPr/{_W}pStyle")
    return ps.get(qn("w:val")) if ps is not None else None


_NS = {"w": _W[1:-1]}
_TITLES: Any = etree.XPath(".//w:p[w:pPr/w:pStyle[@w:val='Title' or @w:val='CoverTitle']]", namespaces=_NS)
_BODY_DIGITS: Any = etree.XPath("w:p//w:t[translate(., '0123456789', '') != .]", namespaces=_NS)
_TABLE_DIGITS: Any = etree.XPath("w:tbl//w:t[translate(., '0123456789', '') != .]", namespaces=_NS)
_JUSTIFIED: Any = etree.XPath("w:tr/w:tc/w:p[w:pPr/w:jc[@w:val='both' or @w:val='distribute']]", namespaces=_NS)
_JUSTIFIED_OR_PLAIN: Any = etree.XPath("w:tr/w:tc/w:p[w:pPr/w:jc[@w:val='both' or @w:val='distribute'] or "
                                  "not(w:pPr/w:pStyle or w:pPr/w:jc)]", namespaces=_NS)
_CELL_STYLES: Any = etree.XPath("w:tr/w:tc/w:p/w:pPr/w:pStyle/@w:val", namespaces=_NS, smart_strings=False)
_STYLED_CELLS: Any = etree.XPath("w:tr/w:tc/w:p[w:pPr/w:pStyle][not(w:pPr/w:jc)]", namespaces=_NS)
_STRING: Any = etree.XPath("string()", smart_strings=False)  # plain str: the caches keep no element alive
_FIRST_STYLE: Any = etree.XPath("string(w:tr[last()]/w:tc[1]/w:p[1]/w:pPr/w:pStyle/@w:val)", namespaces=_NS,
                          smart_strings=False)
_CELL_WIDTHS: Any = etree.XPath("w:tr/w:tc/w:tcPr/w:tcW", namespaces=_NS)
_HEADER_ROW = f"{_W}trPr/{_W}tblHeader"
_MERGED: Any = etree.XPath("boolean(w:tr/w:tc/w:tcPr[w:gridSpan or w:vMerge])", namespaces=_NS)


def typeset(document: Any) -> None:
    """Join tokens, size the tables' columns, break the titles and space the tables of a
    rendered python-docx ``document`` (in place)."""
    section = document.sections[-1]
    text_width = (section.page_width - section.left_margin - section.right_margin) if section.page_width else None
    typeset_body(document.element.body, document.styles.element, text_width)


def typeset_body(body: Any, styles: Any, text_width: int | None) -> None:
    """:func:`typeset` on the ``w:body`` element ``body`` with the ``w:styles`` element
    ``styles`` and the type area's width in EMU (None when the section does not say)."""
    sizes, aligns = _style_sizes(styles)
    in_titles: set[Any] = set()
    for p in _TITLES(body):
        if text_width is not None:
            break_title(p, text_width / 12700 / sizes.get(_style_id(p) or "", 22.0))
        in_titles.update(p.iter(_T))
    for t in _BODY_DIGITS(body):
        if t not in in_titles:  # a title's lines are set to fit: it needs no joins
            _join_run(t, True)
    for t in _TABLE_DIGITS(body):
        _join_run(t, False)
    default = sizes.get("Normal", 16.0)
    justified = {style for style, value in aligns.items() if value in ("both", "distribute")}
    normal_justified = aligns.get("Normal", "both") in ("both", "distribute")
    for tbl in body.iterchildren(_TBL):  # the body's tables (a table nested in a cell keeps its layout)
        _cells_not_justified(tbl, justified, normal_justified)
        if text_width is not None:
            fit_columns(tbl, int(text_width), sizes, default)
    _space_tables(body)
    _keep_closing(body)


def _keep_with_next(p: Any) -> None:
    """``w:keepNext`` on paragraph ``p`` (right after its style, where the schema puts it)."""
    ppr = _properties(p, "pPr")
    if ppr.find(f"{_W}keepNext") is not None:
        return
    keep = ppr.makeelement(f"{_W}keepNext", {})
    style = ppr.find(f"{_W}pStyle")
    ppr.insert(0 if style is None else list(ppr).index(style) + 1, keep)


def _keep_closing(body: Any) -> None:
    """A 落款 (issuer and date, a run of Signature paragraphs) never splits over two pages and
    never stands alone on one: its lines and the two paragraphs before it (the spacer and the
    last line of the text) are kept with the next, so they move together."""
    for p in list(body.iterchildren(_P)):
        if _style_id(p) != "Signature":
            continue
        following = p.getnext()
        if following is not None and following.tag == _P and _style_id(following) == "Signature":
            _keep_with_next(p)  # not the block's last line
        previous = p.getprevious()
        if previous is None or (previous.tag == _P and _style_id(previous) == "Signature"):
            continue  # inside a block: its start has been handled
        for _ in range(2):  # the spacer and the last line of the body before the block
            if previous is None or previous.tag != _P or previous.find(f"{_W}pPr/{_W}pageBreakBefore") is not None:
                break
            _keep_with_next(previous)
            previous = previous.getprevious()


_AFTER_LANG = tuple(f"{_W}{x}" for x in ("eastAsianLayout", "specVanish", "oMath", "rPrChange"))


def _join_run(t: Any, body: bool) -> None:
    """Join the tokens of the text ``t``; a run holding only ``t`` is split so each token with
    a Chinese character has its own run in :data:`TOKEN_LANG` (other runs — a field, a tab
    beside the text — are only joined)."""
    text = t.text
    pieces = split_tokens(text, body)
    if len(pieces) == 1 and not pieces[0][1]:
        if pieces[0][0] != text:
            t.text = pieces[0][0]
        return
    run = t.getparent()
    if run.tag != _R or len(run) != (2 if run[0].tag == _RPR else 1):
        t.text = "".join(piece for piece, _ in pieces)
        return
    rpr = run[0] if run[0].tag == _RPR else None
    for piece, own_run in pieces:
        new = run.makeelement(_R, run.attrib)
        if rpr is not None:
            new.append(rpr.__copy__())  # lxml's copy is deep and in C
        new_t = etree.SubElement(new, _T, {_SPACE: "preserve"})
        new_t.text = piece
        if own_run:
            _set_lang(new)
        run.addprevious(new)
    run.getparent().remove(run)


def _properties(element: Any, name: str) -> Any:
    """The ``w:pPr``/``w:rPr`` (``name``) of a paragraph or run, made as its first child when missing."""
    props = element.find(f"{_W}{name}")
    if props is None:
        props = element.makeelement(f"{_W}{name}", {})
        element.insert(0, props)
    return props


def _set_lang(run: Any) -> None:
    rpr = _properties(run, "rPr")
    lang = rpr.find(f"{_W}lang")
    if lang is None:
        lang = rpr.makeelement(f"{_W}lang", {})
        for i, child in enumerate(rpr):
            if child.tag in _AFTER_LANG:
                rpr.insert(i, lang)
                break
        else:
            rpr.append(lang)
    lang.set(qn("w:eastAsia"), TOKEN_LANG)


CELL_MARGINS_PT = 10.8 + 2.8
"""Word's default cell margins (1.9 mm each side) and a safety for the font's real widths."""


def fit_columns(tbl: Any, width_emu: int, sizes: dict[str, float], default: float) -> None:
    """Give the columns of ``tbl`` widths from their text, filling ``width_emu``.  Tables with
    merged cells or uneven rows keep the template's widths.  The cells are measured in the
    size of the table's body style (a table is set in one size)."""
    rows = tbl.findall(_TR)
    grid = tbl.find(f"{_W}tblGrid")
    if not rows or grid is None or _MERGED(tbl):
        return
    cols = grid.findall(f"{_W}gridCol")
    n = len(cols)
    heads: list[list[str]] = [[] for _ in range(n)]
    texts: list[list[str]] = [[] for _ in range(n)]
    for r, tr in enumerate(rows):
        cells = tr.findall(_TC)
        if len(cells) != n:
            return
        into = heads if r == 0 or tr.find(_HEADER_ROW) is not None else texts
        for j, tc in enumerate(cells):
            into[j].append(_STRING(tc))
    size = sizes.get(_FIRST_STYLE(tbl), default)
    pad = CELL_MARGINS_PT / size  # in ems of the cells' font
    needs = []
    for j in range(n):
        measured = [cell_needs(t, True) for t in set(heads[j])] + [cell_needs(t, False) for t in set(texts[j])]
        volume = sum(cell_needs(t, False)[2] for t in texts[j])
        needs.append(((max((m[0] for m in measured), default=0.0) + pad) * size,
                      (max((m[1] for m in measured), default=0.0) + pad) * size,
                      (max((m[2] for m in measured), default=0.0) + pad) * size, volume * size))
    twips = [str(int(w * 20)) for w in distribute(needs, width_emu / 12700)]
    width_attr, type_attr = qn("w:w"), qn("w:type")
    for col, w in zip(cols, twips, strict=True):
        col.set(width_attr, w)
    cell_widths = _CELL_WIDTHS(tbl)
    if len(cell_widths) == len(rows) * n:  # every cell states its width: the grid's, in order
        for i, tcw in enumerate(cell_widths):
            tcw.set(width_attr, twips[i % n])
            tcw.set(type_attr, "dxa")
    else:
        for tr in rows:
            for tc, w in zip(tr.findall(_TC), twips, strict=True):
                tcw = tc.find(f"{_W}tcPr/{_W}tcW")
                if tcw is not None:
                    tcw.set(width_attr, w)
                    tcw.set(type_attr, "dxa")


def _cells_not_justified(tbl: Any, justified_styles: set[str], normal_justified: bool) -> None:
    """A justified cell paragraph of ``tbl`` (by its own setting, its style's or, unstyled,
    Normal's) is set left."""
    found = (_JUSTIFIED_OR_PLAIN if normal_justified else _JUSTIFIED)(tbl)
    styles = justified_styles.intersection(_CELL_STYLES(tbl))
    if styles:
        found += [p for p in _STYLED_CELLS(tbl) if _style_id(p) in styles]
    for p in found:
        ppr = _properties(p, "pPr")
        jc = ppr.find(f"{_W}jc")
        if jc is None:
            jc = ppr.makeelement(f"{_W}jc", {})
            _insert_jc(ppr, jc)
        jc.set(qn("w:val"), "left")


_AFTER_JC = tuple(f"{_W}{x}" for x in ("textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
                                        "cnfStyle", "rPr", "sectPr", "pPrChange"))


def _insert_jc(ppr: Any, jc: Any) -> None:
    for i, child in enumerate(ppr):
        if child.tag in _AFTER_JC:
            ppr.insert(i, jc)
            return
    ppr.append(jc)


def _space_tables(body: Any) -> None:
    """An empty small paragraph between two tables that follow each other."""
    for tbl in list(body.iter(_TBL)):
        following = tbl.getnext()
        if following is not None and following.tag == _TBL:
            p = tbl.makeelement(_P, {})
            ppr = p.makeelement(f"{_W}pPr", {})
            style = ppr.makeelement(f"{_W}pStyle", {qn("w:val"): "TableText"})
            ppr.append(style)
            p.append(ppr)
            tbl.addnext(p)


# ------------------------------------------------------------------ titles
_BEFORE_YEAR = re.compile(r"(?=\d{4}\s?年)")
_NO_START = "、，。；：！？）》”’%"
_GOOD_AFTER = ("学院", "学校", "大学", "专业", "课程", "中心", "处", "室", "年度", "层面", "内部", "体系", "工作", "质量保证")
_GOOD_BEFORE = ("诊断", "质量", "校内", "中期", "自我", "内部")
_NO_CUT = ("年度", "报告", "诊改", "诊断", "质量", "体系", "专业", "课程", "学院", "学校", "层面")


def title_lines(text: str, capacity: float) -> list[str]:
    """``text`` on as few lines of at most ``capacity`` ems as it needs, broken where a
    reader would break it and into lines of even length, no line a single character."""
    clean = plain(text)
    if em_width(clean) <= capacity or len(clean) < 4:
        return [text]
    lines_needed = math.ceil(em_width(clean) / capacity)
    best: tuple[float, list[int]] | None = None
    for cuts in _cut_sets(len(clean), lines_needed):
        parts = [clean[a:b] for a, b in zip((0, *cuts), (*cuts, len(clean)), strict=True)]
        widths = [em_width(x) for x in parts]
        if max(widths) > capacity or min(len(x.strip()) for x in parts) < 2:
            continue
        if any(x[0] in _NO_START for x in parts[1:]) or any(not _breakable(clean, c) for c in cuts):
            continue
        mean = sum(widths) / len(widths)
        score = 4 * sum((w - mean) ** 2 for w in widths) / mean ** 2 + sum(_penalty(clean, c) for c in cuts)
        if best is None or score < best[0]:
            best = (score, list(cuts))
    if best is None:
        return [text]
    chosen = best[1]
    return [clean[a:b].strip() for a, b in zip((0, *chosen), (*chosen, len(clean)), strict=True)]


def _cut_sets(length: int, lines: int) -> Iterable[tuple[int, ...]]:
    if lines <= 1:
        yield ()
        return
    if lines == 2:
        for a in range(2, length - 1):
            yield (a,)
        return
    for a in range(2, length - 3):
        for b in range(a + 2, length - 1):
            yield (a, b)


def _breakable(text: str, i: int) -> bool:
    """No cut inside a run of Latin letters or digits, a :data:`TOKEN` or a word of :data:`_NO_CUT`."""
    left, right = text[i - 1], text[i]
    if left.isascii() and right.isascii() and left.strip() and right.strip():
        return False
    if any(text[i - 1:i + 1] == word[j - 1:j + 1] and text[i - j:i - j + len(word)] == word
           for word in _NO_CUT for j in range(1, len(word))):
        return False
    return not any(m.start() < i < m.end() for m in TOKEN.finditer(text))


def _penalty(text: str, i: int) -> float:
    """0 before the year or a bracket, ½ after a unit's name or before a word that starts a
    phrase (诊断, 校内 …), 4 elsewhere."""
    if _BEFORE_YEAR.match(text, i) or text[i] in "（(《":
        return 0.0
    if any(text[:i].endswith(w) for w in _GOOD_AFTER) or any(text.startswith(w, i) for w in _GOOD_BEFORE):
        return 0.5
    return 4.0


def break_title(p: Any, capacity_em: float) -> None:
    """Break the title paragraph ``p`` (one text run) with line breaks where :func:`title_lines` says."""
    texts = list(p.iter(_T))
    if len(texts) != 1 or not texts[0].text:
        return
    lines = title_lines(texts[0].text, capacity_em - 1.0)  # a one-em margin for the real glyph widths
    if len(lines) < 2:
        return
    t = texts[0]
    run = t.getparent()
    t.text = lines[0]
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    anchor = t
    for line in lines[1:]:
        br = run.makeelement(_BR, {})
        anchor.addnext(br)
        nt = run.makeelement(_T, {})
        nt.text = line
        nt.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        br.addnext(nt)
        anchor = nt


__all__ = ["NBSP", "TOKEN", "WJ", "break_title", "cell_needs", "distribute", "em_width", "fit_columns", "join", "plain",
           "title_lines", "typeset"]
