"""Vetting a file before any parser touches it.

Everything here reads only what it must: the first bytes (is it a zip, an OLE compound
file, a web page, text?), the zip's central directory (member count, declared sizes and
compression ratios: a zip bomb is refused before a single member is inflated), the
first kilobytes of each XML part (a ``<!DOCTYPE``/``<!ENTITY`` is how XML entity bombs
and external-entity attacks start, and no genuine Office file has one), and the
directory of an OLE file (an encrypted .xlsx is an OLE file with an
``EncryptedPackage`` stream; an old .xls has a ``Workbook`` stream).

Parsers that run afterwards use defusedxml as a second line of defence.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Literal

from zhengai.excel.errors import ExcelError

MAX_FILE_BYTES = 256 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 1024 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, checked for members above RATIO_FLOOR
RATIO_FLOOR = 50 * 1024 * 1024
PROLOG_BYTES = 64 * 1024

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

Format = Literal["xlsx", "xls", "xlsb"]


@dataclass(frozen=True)
class Vetted:
    """A file that passed vetting and the reader that should open it."""

    path: Path
    format: Format


def vet_workbook(path: Path) -> Vetted:
    """Check ``path`` is a readable, harmless workbook; raise :class:`ExcelError` otherwise."""
    name = path.name
    if not path.exists():
        raise ExcelError(f"找不到文件：{path}")
    if path.is_dir():
        raise ExcelError(f"{path} 是一个目录，请给出 Excel 文件（.xlsx、.xlsm 或 .xls）。")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(512)
    except OSError as exc:
        raise ExcelError(
            f"无法读取 {name}：{exc.strerror or exc}（文件被占用时请先在 Excel/WPS 中关闭）。"
        ) from exc
    if size == 0:
        raise ExcelError(f"{name} 是空文件（0 字节），不是 Excel 工作簿。")
    if size > MAX_FILE_BYTES:
        raise ExcelError(
            f"{name} 过大（{size // (1024 * 1024)} MB，上限 {MAX_FILE_BYTES // (1024 * 1024)} MB）；"
            "请拆分工作簿后再导入。"
        )
    if head.startswith(_ZIP_MAGIC):
        return Vetted(path, _vet_zip(path))
    if head.startswith(_OLE_MAGIC):
        return Vetted(path, _vet_ole(path))
    raise ExcelError(_not_a_workbook(name, head))


def _not_a_workbook(name: str, head: bytes) -> str:
    """Say what the file looks like instead."""
    sniff = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower()
    if (
        sniff.startswith((b"<html", b"<!doctype html", b"<table", b"<meta"))
        or b"<html" in sniff[:200]
    ):
        return (
            f"{name} 是网页（HTML）文件改了扩展名，不是真正的 Excel 工作簿；"
            "请用 Excel/WPS 打开后“另存为” .xlsx 再导入。"
        )
    if sniff.startswith(b"<?xml"):
        return (
            f"{name} 是 XML 文件（可能是“XML 电子表格 2003”格式），不是 .xlsx；"
            "请用 Excel/WPS 打开后“另存为” .xlsx 再导入。"
        )
    if head.startswith(b"%PDF"):
        return f"{name} 是 PDF 文件，不是 Excel 工作簿；请找到原始的 Excel 文件。"
    try:
        head.decode("utf-8")
        is_text = True
    except UnicodeDecodeError:
        try:
            head.decode("gb18030")
            is_text = b"\x00" not in head
        except UnicodeDecodeError:
            is_text = False
    if is_text:
        return (
            f"{name} 是纯文本（如 CSV）文件，不是 Excel 工作簿；"
            "请用 Excel/WPS 打开后“另存为” .xlsx 再导入。"
        )
    return f"{name} 不是 Excel 工作簿（无法识别的文件格式）；请确认文件是 .xlsx、.xlsm 或 .xls。"


# ---------------------------------------------------------------------- zip


def _vet_zip(path: Path) -> Format:
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            _check_sizes(name, infos)
            if any(info.flag_bits & 0x1 for info in infos):
                raise ExcelError(f"{name} 的压缩包设置了密码，无法读取；请去掉密码后再导入。")
            fmt = _zip_kind(name, names)
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                    try:
                        _check_prolog(name, archive, info)
                    except (zlib.error, NotImplementedError, RuntimeError, EOFError) as exc:
                        # NotImplementedError: zipfile's word for an unknown method or version
                        raise ExcelError(
                            f"{name} 已损坏：{info.filename} 无法解压（{exc}）；"
                            "请用 Excel/WPS 打开修复并另存后再导入。"
                        ) from exc
            return fmt
    except zipfile.BadZipFile as exc:
        raise ExcelError(
            f"{name} 已损坏：不是完整的 .xlsx 压缩包（{exc}）；请用 Excel/WPS 打开修复并另存后再导入。"
        ) from exc
    except (OSError, EOFError, ValueError, NotImplementedError, zlib.error) as exc:
        raise ExcelError(
            f"{name} 已损坏，无法读取压缩包内容（{exc}）；请用 Excel/WPS 打开修复并另存后再导入。"
        ) from exc


def _check_sizes(name: str, infos: list[zipfile.ZipInfo]) -> None:
    """Zip-bomb checks on the central directory only (nothing is inflated here)."""
    if len(infos) > MAX_MEMBERS:
        raise ExcelError(
            f"{name} 含有 {len(infos)} 个内部文件（上限 {MAX_MEMBERS}），不像正常的工作簿，已拒绝读取。"
        )
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or (
            info.file_size > RATIO_FLOOR and ratio > MAX_RATIO
        ):
            raise ExcelError(
                f"{name} 中的 {info.filename} 解压后有 {info.file_size // (1024 * 1024)} MB"
                f"（压缩比 {ratio:.0f}:1），疑似“压缩炸弹”，已拒绝读取。"
            )
    if total > MAX_TOTAL_BYTES:
        raise ExcelError(
            f"{name} 解压后共 {total // (1024 * 1024)} MB，超过上限 {MAX_TOTAL_BYTES // (1024 * 1024)} MB，"
            "疑似“压缩炸弹”，已拒绝读取。"
        )


def _zip_kind(name: str, names: set[str]) -> Format:
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "word/document.xml" in names:
        return _refuse(
            name, "Word 文档（.docx）", "请在 Word 中把表格复制到 Excel，保存为 .xlsx 后再导入"
        )
    if "ppt/presentation.xml" in names:
        return _refuse(
            name, "PowerPoint 演示文稿（.pptx）", "请把表格复制到 Excel，保存为 .xlsx 后再导入"
        )
    if "mimetype" in names and "content.xml" in names:
        return _refuse(
            name, "OpenDocument 文件（如 .ods）", "请用 WPS/LibreOffice 另存为 .xlsx 后再导入"
        )
    if not any(n.startswith("xl/") for n in names):
        return _refuse(name, "普通的 zip 压缩包", "请解压后导入其中的 Excel 文件")
    raise ExcelError(
        f"{name} 缺少 xl/workbook.xml，工作簿结构不完整；请用 Excel/WPS 打开修复并另存后再导入。"
    )


def _refuse(name: str, what: str, todo: str) -> Format:
    raise ExcelError(f"{name} 是{what}改了扩展名，不是 Excel 工作簿；{todo}。")


def _check_prolog(name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse DOCTYPE/ENTITY declarations before the root element of an XML part."""
    with archive.open(info) as handle:
        head = handle.read(PROLOG_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    else:
        text = head.decode("utf-8", errors="replace")
    upper = text.upper()
    root = _root_start(text)
    cut = upper if root < 0 else upper[:root]
    if "<!DOCTYPE" in cut or "<!ENTITY" in cut:
        raise ExcelError(
            f"{name} 的 {info.filename} 含有 XML 实体声明（<!DOCTYPE/<!ENTITY），"
            "正常的 Office 文件不会有；疑似“XML 实体炸弹”或外部实体攻击，已拒绝读取。"
        )
    if root < 0 and len(head) >= PROLOG_BYTES:
        raise ExcelError(
            f"{name} 的 {info.filename} 开头异常（{PROLOG_BYTES // 1024} KB 内没有 XML 根元素），已拒绝读取。"
        )


def _root_start(text: str) -> int:
    """Index of the root element's ``<``, skipping the declaration and comments."""
    i = 0
    while True:
        i = text.find("<", i)
        if i < 0 or i + 1 >= len(text):
            return -1
        nxt = text[i + 1]
        if nxt == "?":
            end = text.find("?>", i)
        elif text.startswith("<!--", i):
            end = text.find("-->", i)
        elif nxt == "!":
            return -1 if "<!DOCTYPE" not in text[i : i + 10].upper() else _after_doctype(text, i)
        else:
            return i
        if end < 0:
            return -1
        i = end + 2


def _after_doctype(text: str, i: int) -> int:
    """A DOCTYPE precedes the root: report the root as after it (caller refuses anyway)."""
    end = text.find(">", i)
    return len(text) if end < 0 else end + 1


# ---------------------------------------------------------------------- OLE


def _vet_ole(path: Path) -> Format:
    name = path.name
    try:
        streams = ole_stream_names(path)
    except (ValueError, struct.error, OSError) as exc:
        raise ExcelError(
            f"{name} 已损坏（OLE 复合文件结构错误：{exc}）；请用 Excel/WPS 打开修复并另存后再导入。"
        ) from exc
    if {"EncryptedPackage", "EncryptionInfo"} & streams:
        raise ExcelError(
            f"{name} 是加密（设置了打开密码）的工作簿，无法读取；请在 Excel/WPS 中去掉密码另存后再导入。"
        )
    if {"Workbook", "Book"} & streams:
        return "xls"
    if "WordDocument" in streams:
        return _refuse(name, "Word 文档（.doc）", "请把表格复制到 Excel，保存为 .xlsx 后再导入")
    if "PowerPoint Document" in streams:
        return _refuse(
            name, "PowerPoint 演示文稿（.ppt）", "请把表格复制到 Excel，保存为 .xlsx 后再导入"
        )
    raise ExcelError(
        f"{name} 是 OLE 复合文件，但不含工作簿数据；请确认文件是 .xlsx、.xlsm 或 .xls。"
    )


_FREE, _END, _MAXREG = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFA
_MINI_SECTOR = 64
_ENTRY = 128


class _Ole:
    """Bounded checks of an OLE compound file's header, FAT, DIFAT and directory.

    python-calamine trusts these structures: a sector count of 4×10⁹ makes it allocate
    without bound, a DIFAT chain that points to itself makes it loop for ever, a free
    slot where the first FAT sector should be makes it panic.  Everything here is
    checked against the file size, and every chain is followed with a visited set, so
    vetting itself reads each sector at most once.  Errors are ``ValueError`` with a
    Chinese reason.
    """

    def __init__(self, handle: IO[bytes], file_size: int) -> None:
        self.handle = handle
        header = handle.read(512)
        if len(header) < 512:
            raise ValueError("文件头不完整")
        if struct.unpack_from("<H", header, 0x1C)[0] != 0xFFFE:
            raise ValueError("字节序标记错误")
        shift, mini_shift = struct.unpack_from("<HH", header, 0x1E)
        if shift not in (9, 12):
            raise ValueError(f"扇区大小异常（2^{shift}）")
        if mini_shift != 6:
            raise ValueError(f"小扇区大小异常（2^{mini_shift}）")
        self.size = 1 << shift
        # sector i starts at (i + 1) * size; a short last sector is tolerated (padded)
        self.count = max(0, -(-file_size // self.size) - 1)
        n_dir, n_fat, self.first_dir = struct.unpack_from("<III", header, 0x28)
        self.cutoff, self.first_minifat, self.n_minifat = struct.unpack_from("<III", header, 0x38)
        first_difat, n_difat = struct.unpack_from("<II", header, 0x44)
        if self.cutoff != 4096:
            raise ValueError(f"小流上限异常（{self.cutoff}）")
        for what, n in (("FAT", n_fat), ("DIFAT", n_difat), ("MiniFAT", self.n_minifat), ("目录", n_dir)):
            if n > self.count:
                raise ValueError(f"声明 {n} 个{what}扇区，但文件只有 {self.count} 个扇区")
        if n_fat == 0:
            raise ValueError("没有 FAT 扇区")
        self.fat = self._read_fat(header, n_fat, first_difat, n_difat)

    def sector(self, index: int) -> bytes:
        """The bytes of sector ``index`` (checked to lie inside the file)."""
        if index >= self.count:
            raise ValueError(f"扇区 {index} 超出文件末尾（共 {self.count} 个扇区）")
        self.handle.seek((index + 1) * self.size)
        return self.handle.read(self.size).ljust(self.size, b"\0")

    def _read_fat(self, header: bytes, n_fat: int, first_difat: int, n_difat: int) -> list[int]:
        per = self.size // 4
        ids = list(struct.unpack_from("<109I", header, 0x4C))
        difat, visited = first_difat, set[int]()
        while difat != _END and difat != _FREE and len(visited) < n_difat:
            if difat >= self.count or difat in visited:
                raise ValueError("DIFAT 扇区链异常（越界或成环）")
            visited.add(difat)
            entries = struct.unpack(f"<{per}I", self.sector(difat))
            ids.extend(entries[:-1])
            difat = entries[-1]
        if len(visited) < n_difat:
            raise ValueError(f"DIFAT 扇区链只有 {len(visited)} 个扇区，声明 {n_difat} 个")
        fat_ids = ids[:n_fat]
        if len(fat_ids) < n_fat or any(i >= self.count for i in fat_ids):
            raise ValueError(f"FAT 扇区表异常（声明 {n_fat} 个，位置缺失或超出文件）")
        if len(set(fat_ids)) < n_fat:
            raise ValueError("FAT 扇区表中有重复的扇区")
        fat: list[int] = []
        for fat_id in fat_ids:
            fat.extend(struct.unpack(f"<{per}I", self.sector(fat_id)))
        return fat

    def chain(self, start: int, table: list[int], limit: int, what: str) -> list[int]:
        """Sector numbers of a chain in ``table`` (FAT or MiniFAT), loops and overruns refused."""
        out: list[int] = []
        seen: set[int] = set()
        current = start
        while current != _END:
            if current >= len(table) or current >= limit or current in seen:
                raise ValueError(f"{what}的扇区链异常（越界或成环）")
            seen.add(current)
            out.append(current)
            current = table[current]
        return out

    def directory(self) -> list[tuple[str, int, int, int]]:
        """``(name, kind, start sector, stream size)`` of every used directory entry."""
        entries = []
        for index in self.chain(self.first_dir, self.fat, self.count, "目录"):
            data = self.sector(index)
            for off in range(0, self.size, _ENTRY):
                length = struct.unpack_from("<H", data, off + 64)[0]
                kind = data[off + 66]
                if kind not in (1, 2, 5):
                    continue
                if not 2 <= length <= 64 or length % 2:
                    raise ValueError(f"目录项名称长度异常（{length}）")
                name = data[off : off + length - 2].decode("utf-16-le", errors="replace")
                start, size = struct.unpack_from("<IQ", data, off + 116)
                if self.size == 512:
                    size &= 0xFFFFFFFF  # version 3 files may leave garbage in the high half
                entries.append((name, kind, start, size))
        if not entries or entries[0][1] != 5:
            raise ValueError("缺少根目录项")
        return entries

    def check_streams(self, entries: list[tuple[str, int, int, int]], file_size: int) -> None:
        """Every stream's declared size must fit the file and be covered by its sector chain."""
        root_name, _, root_start, root_size = entries[0]
        mini_count = 0
        if root_size:
            self._check_stream(root_name, root_start, root_size, file_size)
            mini_count = -(-root_size // _MINI_SECTOR)
        minifat: list[int] = []
        if self.n_minifat and self.first_minifat != _END:
            for index in self.chain(self.first_minifat, self.fat, self.count, "MiniFAT"):
                minifat.extend(struct.unpack(f"<{self.size // 4}I", self.sector(index)))
        for name, kind, start, size in entries[1:]:
            if kind != 2 or size == 0:
                continue
            if size >= self.cutoff:
                self._check_stream(name, start, size, file_size)
                continue
            sectors = self.chain(start, minifat, mini_count, f"流“{name}”")
            if len(sectors) * _MINI_SECTOR < size:
                raise ValueError(f"流“{name}”声明 {size} 字节，但只有 {len(sectors)} 个小扇区")

    def _check_stream(self, name: str, start: int, size: int, file_size: int) -> None:
        if size > file_size:
            raise ValueError(f"流“{name}”声明 {size} 字节，超过文件大小 {file_size} 字节")
        sectors = self.chain(start, self.fat, self.count, f"流“{name}”")
        if len(sectors) * self.size < size:
            raise ValueError(f"流“{name}”声明 {size} 字节，但扇区链只有 {len(sectors)} 个扇区")


def ole_stream_names(path: Path, *, max_entries: int = 100_000) -> set[str]:
    """Names in the directory of an OLE compound file, after bounded structural checks.

    Raises ``ValueError`` (Chinese reason) for anything a parser could be led astray by:
    sizes and counts beyond the file, chains that loop or leave the file, streams whose
    declared size their sectors do not cover.
    """
    file_size = path.stat().st_size
    with path.open("rb") as handle:
        ole = _Ole(handle, file_size)
        if len(ole.chain(ole.first_dir, ole.fat, ole.count, "目录")) * ole.size // _ENTRY > max_entries:
            raise ValueError("目录项过多")
        entries = ole.directory()
        ole.check_streams(entries, file_size)
        return {name for name, _, _, _ in entries}
