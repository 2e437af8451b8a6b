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
    try:
        if path.is_dir():
            doc.problems.append(YamlProblem("ZG101", "这是一个目录，不是 YAML 文件。"))
            return doc
        size = path.stat().st_size
        if size > MAX_BYTES:
            doc.problems.append(
                YamlProblem("ZG108", f"文件过大（{size // 1024} KiB，上限 {MAX_BYTES // 1024} KiB）。")
            )
            return doc
        raw = path.read_bytes()
    except OSError as exc:
        doc.problems.append(YamlProblem("ZG101", f"无法读取文件：{exc.strerror or exc}。"))
        return doc
    text, err, line = decode_bytes(raw)
    if text is None:
        doc.problems.append(YamlProblem("ZG107", err or "编码错误。", line))
        return doc
    doc.text = text
    parse_text(text, doc)
    return doc


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
    try:
        _build(yaml.parse(text, Loader=_Loader), doc)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        doc.data = None
        doc.problems.append(
            YamlProblem("ZG102", f"YAML 语法错误：{_describe_yaml_error(exc)}", line, col)
        )
    except yaml.YAMLError as exc:
        doc.data = None
        doc.problems.append(YamlProblem("ZG102", f"YAML 语法错误：{exc}"))


_YAML_PROBLEMS = {
    "found character '\\t' that cannot start any token": "行首不能用 Tab 缩进，请改用空格",
    "mapping values are not allowed here": "这里不能出现“键: 值”，常见原因是值里有未加引号的冒号或缩进不对",
    "could not find expected ':'": "缺少冒号“:”",
    "found undefined alias": "引用了未定义的别名",
    "found unexpected end of stream": "文件意外结束（引号或括号未闭合）",
    "did not find expected key": "缩进不一致，找不到预期的键",
    "found unknown escape character": "双引号字符串中有未知的转义符，可改用单引号",
}


def _describe_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    for english, chinese in _YAML_PROBLEMS.items():
        if english in problem:
            return f"{chinese}（{problem}）"
    return problem or str(exc).splitlines()[0]


class _Stop(Exception):
    """Internal: abort building after a fatal structural problem."""


def _build(events: Any, doc: YamlDoc) -> None:
    """Turn the event stream into plain Python data with positions.

    Containers are pushed on an explicit stack; a frame is
    ``[container, pointer, pending_key, key_seen]``.
    """
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
            mark = getattr(event, "start_mark", None)
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
                    fail("ZG110", f"嵌套层级超过 {MAX_DEPTH} 层，文件结构异常。", mark, pointer)
                container: Any = [] if isinstance(event, yaml.SequenceStartEvent) else {}
                doc.positions[pointer] = Position(mark.line + 1, mark.column + 1)
                attach(container, mark, pointer, False)
                stack.append([container, pointer, _NO_KEY, {}])
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                stack.pop()
    except _Stop:
        doc.data = None
        return
    doc.data = root if have_root else None
    if not have_root:
        doc.problems.append(YamlProblem("ZG109", "文件是空的（没有内容）。"))


class _NoKey:
    """Sentinel: the mapping frame waits for a key, not a value."""

    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()
