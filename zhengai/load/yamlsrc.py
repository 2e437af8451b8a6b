"""Strict, located YAML reading.

Plan files are read as the user wrote them, not as PyYAML guesses: every plain scalar
stays text (``2017.9`` is a date text, ``on`` is not a boolean, ``012`` is not octal)
except ``null``/``~``/empty, and the pydantic models decide per field what a text
means.  Duplicate keys, tags, anchors/aliases, several documents and absurd nesting
are refused.  The tree is built from PyYAML's event stream with an explicit stack, so
a 2,000-deep file cannot overflow Python's recursion limit, and every node records
its line and column under its JSON pointer.

The module never raises for bad *content*: :func:`read_yaml` returns a
:class:`YamlDoc` whose ``problems`` list says what is wrong and where.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml's parser is ~10x faster and gives the same marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass(frozen=True)
class Position:
    """1-based line and column of a node in its file."""

    line: int
    col: int


@dataclass(frozen=True)
class YamlProblem:
    """A reason the file could not be read, with its rule code and position."""

    code: str
    message: str
    line: int = 1
    col: int = 1
    pointer: str = ""


@dataclass
class YamlDoc:
    """The result of reading one YAML file.

    ``data`` is None when the file could not be read at all.  ``positions`` maps a
    JSON pointer (``/targets/0/deadline``) to the position of the value; for mapping
    keys the position of the key is stored under ``pointer + "#key"``.
    """

    path: Path
    data: Any = None
    positions: dict[str, Position] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)
    text: str = ""

    def locate(self, pointer: str) -> Position:
        """Position of ``pointer`` or of its nearest located ancestor (file start if none)."""
        probe = pointer
        while True:
            pos = self.positions.get(probe)
            if pos is not None:
                return pos
            if not probe:
                return Position(1, 1)
            probe = probe.rsplit("/", 1)[0]


def escape_pointer_token(token: str | int) -> str:
    """Escape one JSON-pointer token (RFC 6901)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def join_pointer(base: str, token: str | int) -> str:
    """Append one token to a JSON pointer."""
    return f"{base}/{escape_pointer_token(token)}"


def decode_bytes(raw: bytes) -> tuple[str | None, str | None, int]:
    """Decode a plan file's bytes: UTF-8 (a BOM is fine).

    Returns ``(text, None, 0)``, or ``(None, Chinese message, line of the first bad byte)``.
    """
    if raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        return None, "文件是 UTF-16 编码；请用“UTF-8”编码另存后再试。", 1
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    try:
        return raw.decode("utf-8"), None, 0
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            raw.decode("gb18030")
        except UnicodeDecodeError:
            return None, f"第 {line} 行含有无法识别的字节，文件不是 UTF-8 编码。", line
        return None, (
            "文件似乎是 GBK/GB18030 编码，zhengai 只读 UTF-8；"
            "请在编辑器中用“UTF-8”编码另存（记事本：另存为 → 编码选 UTF-8）。"
        ), line


def read_yaml(path: Path) -> YamlDoc:
    """Read one file strictly; never raises for content problems (see module doc)."""
    doc = YamlDoc(path=path)
    raw = read_capped(path, doc)
    if raw is None:
        return doc
    text, err, line = decode_bytes(raw)
    if text is None:
        doc.problems.append(YamlProblem("ZG107", err or "编码错误。", line))
        return doc
    doc.text = text
    parse_text(text, doc)
    return doc


# errno → why a file could not be opened, in the user's language (strerror is English).
_OS_ERRORS = {
    errno.ENOENT: "文件不存在（可能是指向不存在目标的符号链接）",
    errno.ELOOP: "符号链接形成循环（链接最终指向自己），无法读取",
    errno.EACCES: "没有读取这个文件的权限",
    errno.EPERM: "没有读取这个文件的权限",
    errno.ENAMETOOLONG: "文件路径过长",
    errno.ENOTDIR: "路径中的某一级不是目录",
    errno.EISDIR: "这是一个目录，不是 YAML 文件",
}


def _os_message(exc: OSError) -> str:
    """A Chinese sentence for an I/O error (the system's own text only as a detail)."""
    known = _OS_ERRORS.get(exc.errno or 0)
    if known:
        return f"{known}。"
    return f"无法读取文件（系统提示：{exc.strerror or exc}）。"


_NOT_REGULAR = "不是普通文件（命名管道、设备或套接字），出于安全未读取。"
# O_NONBLOCK: a FIFO swapped in after the stat check must not block the open;
# O_BINARY: Windows would otherwise translate line ends.
_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
)


def read_capped(path: Path, doc: YamlDoc) -> bytes | None:
    """The bytes of a regular file of at most :data:`MAX_BYTES`, or None with a problem in ``doc``.

    Only regular files are opened: a FIFO would block forever and ``/dev/zero`` (size 0)
    never ends, so the type is checked before opening and again on the open descriptor,
    and at most ``MAX_BYTES + 1`` bytes are ever read.
    """
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            doc.problems.append(YamlProblem("ZG101", "这是一个目录，不是 YAML 文件。"))
            return None
        if not stat.S_ISREG(info.st_mode):
            doc.problems.append(YamlProblem("ZG101", _NOT_REGULAR))
            return None
        if info.st_size > MAX_BYTES:
            doc.problems.append(_too_big(info.st_size))
            return None
        fd = os.open(path, _OPEN_FLAGS)
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                doc.problems.append(YamlProblem("ZG101", _NOT_REGULAR))
                return None
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        doc.problems.append(YamlProblem("ZG101", _os_message(exc)))
        return None
    if len(raw) > MAX_BYTES:  # the file grew after the size check, or st_size lies (/proc)
        doc.problems.append(YamlProblem("ZG108", f"文件过大（超过上限 {MAX_BYTES // 1024} KiB）。"))
        return None
    return raw


def _too_big(size: int) -> YamlProblem:
    return YamlProblem("ZG108", f"文件过大（{size // 1024} KiB，上限 {MAX_BYTES // 1024} KiB）。")


def parse_text(text: str, doc: YamlDoc) -> None:
    """Fill ``doc`` from ``text`` (split out so tests can feed strings)."""
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        doc.problems.append(YamlProblem("ZG107", "文件含有 NUL 字节，不是文本文件。", line, 1))
        return
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        doc.problems.append(YamlProblem("ZG109", "文件是空的（只有空白或注释）。"))
        return
    bad = _NON_PRINTABLE.search(text)
    if bad:  # found here so the position is right: readers report these at 1:1 or by byte
        line, col = line_col(text, bad.start())
        doc.problems.append(YamlProblem(
            "ZG102", f"YAML 语法错误：含有不允许的控制字符 U+{ord(bad.group()):04X}，请删除它"
            "（常从网页、Word 或其他系统复制而来）。", line, col,
        ))
        return
    progress = _Progress()
    try:
        _build(yaml.parse(text, Loader=_Loader), doc, progress)
    except yaml.MarkedYAMLError as exc:
        doc.data = None
        if _NESTING.search(exc.problem or ""):
            doc.problems.append(_deep_nesting(text, progress, exc))
            return
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        doc.problems.append(
            YamlProblem("ZG102", f"YAML 语法错误：{describe_yaml_error(exc, text)}", line, col)
        )
    except yaml.YAMLError as exc:
        doc.data = None
        doc.problems.append(YamlProblem("ZG102", f"YAML 语法错误：{_untranslated(str(exc))}"))


# Characters YAML forbids in a stream (the YAML 1.1/1.2 "printable" set, as PyYAML's reader).
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# libyaml ≥ 0.2.5 as bundled by PyYAML 6.0.4 stops at 1,000 levels before zhengai's check.
_NESTING = re.compile(r"nesting|nest level", re.IGNORECASE)


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of character ``index``, counting line breaks as YAML does."""
    breaks = list(_BREAK.finditer(text, 0, index))
    line_start = breaks[-1].end() if breaks else 0
    return len(breaks) + 1, index - line_start + 1


def _deep_nesting(text: str, progress: _Progress, exc: yaml.MarkedYAMLError) -> YamlProblem:
    """ZG110 where the 65th level opens, also when libyaml gave up first.

    libyaml looks ahead through ``[[[[…`` before it hands out the events, so its own
    limit (1,000 levels in PyYAML 6.0.4) fires before :func:`_build` sees 65 levels.
    From the last event it did hand out, the flow brackets are counted up to the point
    where it stopped; inside flow collections only quotes and comments hide brackets.
    """
    mark = exc.problem_mark or exc.context_mark
    stop = min(mark.index, len(text) - 1) if mark else len(text) - 1
    index = _flow_level_at(text, progress.end, stop, progress.depth, MAX_DEPTH + 1)
    if index is not None:
        line, col = line_col(text, index)
    else:
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return YamlProblem("ZG110", _DEEP, line, col)


def _flow_level_at(text: str, start: int, stop: int, depth: int, level: int) -> int | None:
    """Index of the bracket in ``text[start:stop + 1]`` that opens nesting level ``level``."""
    quote = ""
    i = start
    while i <= stop:
        char = text[i]
        if quote:
            if char == "\\" and quote == '"':
                i += 1
            elif char == quote:
                quote = ""
        elif char in "[{":
            depth += 1
            if depth >= level:
                return i
        elif char in "]}":
            depth -= 1
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or text[i - 1] in " \t\r\n"):
            end = _BREAK.search(text, i)
            i = end.start() if end else stop
        i += 1
    return None


_TAB = "不能用 Tab 缩进或分隔，请改用空格"
_DIRECTIVE = "以 % 开头的指令写法不对或不受支持，请删除以 % 开头的行"
_TAG = "标签（以 ! 开头）写法不对；zhengai 不使用 YAML 标签，请删除它，或给这段文本加引号"
_ESCAPE = "双引号文本中的转义符（\\ 及其后的字符）写法不对，可改用单引号"
_BLOCK = "多行文本标记（| 或 >）后的写法不对：标记后只能写 +、- 或 1–9 的缩进数字"
# Known parser problems (libyaml and PyYAML's pure-Python parser word them differently;
# the first pattern that matches wins).
_YAML_PROBLEMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.IGNORECASE), chinese)
    for p, chinese in [
        (r"tab character|'\\t'", _TAB),
        (r"mapping values are not allowed", "这里不能出现“键: 值”，常见原因是值里有未加引号的冒号或缩进不对"),
        (r"mapping keys are not allowed", "这里不能出现以“? ”开头的键，请给这段文本加引号或检查缩进"),
        (r"sequence entries are not allowed", "这里不能出现列表项“- ”，请检查缩进，或给以“- ”开头的文本加引号"),
        (r"could not find expected ':'", "缺少冒号“:”（或上一行的引号、括号未闭合，缩进不对）"),
        (r"expected key|expected <block end>", "缩进不一致，找不到预期的键"),
        (r"expected '-' indicator", "缩进不一致，找不到预期的列表项“- ”"),
        (r"invalid indentation or unclosed", "缩进不对，或方括号、花括号未闭合"),
        (r"',' or '\]'", "方括号 [ ] 未闭合，或列表各项之间缺少逗号"),
        (r"',' or '\}'", "花括号 { } 未闭合，或各项之间缺少逗号"),
        (r"unexpected end of stream", "文件意外结束（引号或括号未闭合）"),
        (r"document (indicator|separator)", "文本中出现了文档分隔符 --- 或 ...，请给这段文本加引号"),
        (r"document start|stream-start", "文档结构不对：% 指令之后要写 ---，文档结束（...）之后不能再写内容"),
        (r"incompatible YAML document|%YAML|%TAG|directive|version number", _DIRECTIVE),
        (r"unknown escape|escape code|hexadecimal|hexdecimal|escape sequence|surrogate", _ESCAPE),
        (r"node content", "这里缺少内容，值的写法不对"),
        (r"tag|URI|'!'|'>'", _TAG),
        (r"block scalar|chomping|indentation indicator", _BLOCK),
        (r"comment or (a )?line break", "这一行在引号或多行文本标记之后还有多余的内容"),
        (r"found unexpected ':'", "这里出现了多余的冒号“:”，请给这段文本加引号"),
        (r"expected whitespace|expected ' '", "这里缺少空格"),
        (r"undefined alias", "引用了未定义的别名"),
        (r"alphabetic or numeric|non-alphabetical", "锚点或别名（& 和 *）的名称写法不对；zhengai 不支持锚点，请把内容直接写出来"),
        (r"control characters|unacceptable character|special characters|invalid Unicode", "含有不允许的控制字符"),
        (r"UTF-8|UTF-16|octet", "文件编码错误，请用 UTF-8 另存"),
        (r"input is too long", "文件过长"),
    ]
]
_DEEP = f"嵌套层级超过 {MAX_DEPTH} 层，文件结构异常。"


def describe_yaml_error(exc: yaml.MarkedYAMLError, text: str = "") -> str:
    """A Chinese explanation of a parser error, whatever PyYAML/libyaml version raised it."""
    problem = " ".join((exc.problem or "").split())
    mark = exc.problem_mark
    if "cannot start any token" in problem and mark is not None and mark.index < len(text):
        message = _bad_start(text[mark.index])
    else:
        message = next((chinese for pattern, chinese in _YAML_PROBLEMS if pattern.search(problem)), "")
        if not message:
            return _untranslated(problem or str(exc))
    context = exc.context_mark
    if context is not None and mark is not None and context.line != mark.line:
        message += f"（相关内容从第 {context.line + 1} 行开始）"
    return message + "。"


def _bad_start(char: str) -> str:
    """Why ``char`` cannot begin a value (libyaml names no character, PyYAML does)."""
    if char == "\t":
        return _TAB
    if char in "@`":
        return f"“{char}”不能作为文本的开头，请给这段文本加引号"
    return f"字符“{char}”不能出现在这里，请给这段文本加引号"


def _untranslated(problem: str) -> str:
    """A parser message zhengai has no translation for: Chinese first, the original on one line."""
    original = " ".join(problem.split())[:200]
    return f"无法解析这里的 YAML 写法（解析器原文：{original}）。"


class _Stop(Exception):
    """Internal: abort building after a fatal structural problem."""


@dataclass
class _Progress:
    """How far :func:`_build` got: open levels and where the last event ended."""

    depth: int = 0
    end: int = 0


def _build(events: Any, doc: YamlDoc, progress: _Progress | None = None) -> None:
    """Turn the event stream into plain Python data with positions.

    Containers are pushed on an explicit stack; a frame is
    ``[container, pointer, pending_key, key_seen]``.  ``progress`` is kept up to date
    for the caller to locate a parser error that comes from looking ahead.
    """
    progress = progress if progress is not None else _Progress()
    stack: list[list[Any]] = []
    root: Any = None
    have_root = False
    documents = 0

    def fail(code: str, message: str, mark: Any, pointer: str = "") -> None:
        doc.problems.append(YamlProblem(code, message, mark.line + 1, mark.column + 1, pointer))
        raise _Stop

    def child_pointer(mark: Any) -> tuple[str, bool]:
        """Pointer of the node about to be attached; whether it is a mapping key."""
        if not stack:
            return "", False
        frame = stack[-1]
        container, pointer = frame[0], frame[1]
        if isinstance(container, list):
            return join_pointer(pointer, len(container)), False
        if frame[2] is _NO_KEY:
            return pointer, True
        return join_pointer(pointer, frame[2]), False

    def attach(value: Any, mark: Any, pointer: str, is_key: bool) -> None:
        nonlocal root, have_root
        if not stack:
            root, have_root = value, True
            return
        frame = stack[-1]
        container = frame[0]
        if isinstance(container, list):
            container.append(value)
        elif is_key:
            if not isinstance(value, str):
                fail("ZG102", "映射的键必须是文本。", mark, frame[1])
            if value in frame[3]:
                first = frame[3][value]
                fail(
                    "ZG103",
                    f"键“{value}”重复出现（第一次在第 {first.line} 行）；同一层级的键只能出现一次。",
                    mark,
                    join_pointer(frame[1], value),
                )
            frame[3][value] = Position(mark.line + 1, mark.column + 1)
            doc.positions[join_pointer(frame[1], value) + "#key"] = frame[3][value]
            frame[2] = value
        else:
            container[frame[2]] = value
            frame[2] = _NO_KEY

    try:
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    fail("ZG106", "一个文件只能有一个 YAML 文档（不要用 --- 分隔多个文档）。", event.start_mark)
                continue
            if isinstance(event, yaml.AliasEvent):
                fail("ZG104", "不支持锚点与别名（& 和 *）：请把内容直接写出来，便于审阅。", event.start_mark)
            if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                if event.anchor is not None:
                    fail("ZG104", "不支持锚点与别名（& 和 *）：请把内容直接写出来，便于审阅。", event.start_mark)
                tag = event.tag
                if tag is not None and tag != "!" and not (
                    isinstance(event, yaml.ScalarEvent) and tag == "tag:yaml.org,2002:str"
                ):
                    fail("ZG105", f"不支持 YAML 标签“{tag}”：请删除它。", event.start_mark)
            mark = event.start_mark
            if isinstance(event, yaml.ScalarEvent):
                pointer, is_key = child_pointer(mark)
                value: Any = event.value
                # Only plain (unquoted) null words become None; everything else stays text.
                if event.style in (None, "") and event.implicit[0] and value in _NULLS and not is_key:
                    value = None
                if not is_key:
                    doc.positions[pointer] = Position(mark.line + 1, mark.column + 1)
                attach(value, mark, pointer, is_key)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                pointer, is_key = child_pointer(mark)
                if is_key:
                    fail("ZG102", "映射的键必须是文本，不能是列表或映射。", mark, pointer)
                if len(stack) >= MAX_DEPTH:
                    fail("ZG110", _DEEP, mark, pointer)
                container: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
                doc.positions[pointer] = Position(mark.line + 1, mark.column + 1)
                attach(container, mark, pointer, False)
                stack.append([container, pointer, _NO_KEY, {}])
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                stack.pop()
            progress.depth, progress.end = len(stack), event.end_mark.index
    except _Stop:
        doc.data = None
        return
    doc.data = root if have_root else None
    if doc.data is None:  # "---", "null", "~" or only a %YAML directive: nothing to read
        doc.problems.append(YamlProblem("ZG109", "文件是空的（没有内容）。"))


class _NoKey:
    """Sentinel: the mapping frame waits for a key, not a value."""

    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()
