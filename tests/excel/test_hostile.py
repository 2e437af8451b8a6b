"""Hostile and broken files: one clear Chinese line naming the file, exit 2, no traceback."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.excel.conftest import CLI
from zhengai.excel import safety
from zhengai.excel.errors import ExcelError
from zhengai.excel.importers import import_workbook


def _xlsx_bytes(fill: bool = True) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    if fill:
        ws.append(["建设项目", "建设内容", "完成时间", "责任部门"])
        ws.append(["健全组织", "成立学院质量保证委员会", "2016.9", "质量监控部门"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _replace_member(data: bytes, name: str, content: bytes) -> bytes:
    """The zip ``data`` with member ``name`` replaced (or added)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info))
        dst.writestr(name, content)
    return out.getvalue()


def cfb(streams: list[str]) -> bytes:
    """A minimal OLE compound file whose directory lists ``streams`` (512-byte sectors)."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<III", header, 0x2C, 1, 1, 0)  # 1 FAT sector, directory at sector 1
    struct.pack_into("<IIIII", header, 0x38, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
    difat = [0] + [0xFFFFFFFF] * 108
    struct.pack_into("<109I", header, 0x4C, *difat)
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [0xFFFFFFFF] * 126
    directory = bytearray(512)
    for i, (name, kind) in enumerate([("Root Entry", 5)] + [(s, 2) for s in streams]):
        raw = name.encode("utf-16-le") + b"\x00\x00"
        entry = bytearray(128)
        entry[: len(raw)] = raw
        struct.pack_into("<HB", entry, 64, len(raw), kind)
        directory[i * 128 : (i + 1) * 128] = entry
    return bytes(header) + struct.pack("<128I", *fat) + bytes(directory)


def check_fails(cli: CLI, path: Path, *phrases: str) -> str:
    result = cli("import", path, "-o", path.with_suffix(".yaml"))
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit)
    err = result.stderr.strip()
    assert "Traceback" not in result.output
    assert len(err.splitlines()) == 1, err
    assert err.startswith("错误：") and path.name in err
    for phrase in phrases:
        assert phrase in err, err
    assert not path.with_suffix(".yaml").exists()
    return err


def test_not_a_spreadsheet(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(bytes(range(256)) * 4)
    check_fails(cli, path, "不是 Excel 工作簿")


def test_csv_renamed(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "导出.xlsx"
    path.write_text("建设项目,责任部门\n健全组织,组织人事处\n", encoding="utf-8")
    check_fails(cli, path, "纯文本", "另存为")


def test_html_saved_as_xls(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "report.xls"
    path.write_text(
        "<html><body><table><tr><td>1</td></tr></table></body></html>", encoding="utf-8"
    )
    check_fails(cli, path, "网页（HTML）")


def test_renamed_docx(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "方案.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<?xml version='1.0'?><Types/>")
        z.writestr("word/document.xml", "<?xml version='1.0'?><document/>")
    check_fails(cli, path, "Word 文档（.docx）")


def test_encrypted_workbook(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "加密.xlsx"
    path.write_bytes(cfb(["EncryptionInfo", "EncryptedPackage"]))
    check_fails(cli, path, "加密", "去掉密码")


def test_ole_word_document(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "old.xls"
    path.write_bytes(cfb(["WordDocument"]))
    check_fails(cli, path, "Word 文档（.doc）")


def test_corrupt_zip(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(_xlsx_bytes()[:700])
    check_fails(cli, path, "已损坏")


def test_zip_bomb_refused_before_inflating(
    cli: CLI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bomb.xlsx"
    data = _xlsx_bytes()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        with dst.open("xl/media/zeros.bin", "w") as handle:
            chunk = b"\0" * (1 << 20)
            for _ in range(60):
                handle.write(chunk)
    path.write_bytes(out.getvalue())
    assert path.stat().st_size < 1_000_000
    inflated: list[str] = []
    real_open = zipfile.ZipFile.open

    def spy(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        inflated.append(str(getattr(name, "filename", name)))
        return real_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    check_fails(cli, path, "压缩炸弹", "xl/media/zeros.bin")
    assert "xl/media/zeros.bin" not in inflated


def test_declared_size_too_big(tmp_path: Path) -> None:
    path = tmp_path / "liar.xlsx"
    data = bytearray(_xlsx_bytes())
    # claim 3 GiB for the first member in the central directory
    pos = data.rfind(b"PK\x05\x06")
    cd_offset = struct.unpack_from("<I", data, pos + 16)[0]
    struct.pack_into("<I", data, cd_offset + 24, 3 * 1024**3 - 1)
    path.write_bytes(bytes(data))
    with pytest.raises(ExcelError, match="压缩炸弹"):
        safety.vet_workbook(path)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol3;</t></si></sst>
"""


def test_xml_entity_bomb(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "lol.xlsx"
    path.write_bytes(_replace_member(_xlsx_bytes(), "xl/sharedStrings.xml", BILLION_LAUGHS))
    check_fails(cli, path, "XML 实体", "xl/sharedStrings.xml")


def test_external_entity(cli: CLI, tmp_path: Path) -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&e;</workbook>'
    )
    path = tmp_path / "xxe.xlsx"
    path.write_bytes(_replace_member(_xlsx_bytes(), "xl/workbook.xml", xxe))
    check_fails(cli, path, "外部实体")


SHEET_BOMB = BILLION_LAUGHS.replace(b"<sst", b"<worksheet").replace(
    b'count="1" uniqueCount="1"><si><t>&lol3;</t></si></sst>',
    b'><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>',
)


@pytest.mark.parametrize(
    ("part", "content"),
    [("xl/sharedStrings.xml", BILLION_LAUGHS), ("xl/worksheets/sheet1.xml", SHEET_BOMB)],
)
def test_defusedxml_is_the_second_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, part: str, content: bytes
) -> None:
    """Even if the pre-scan were skipped, the streaming parsers refuse the DTD."""
    path = tmp_path / "lol.xlsx"
    path.write_bytes(_replace_member(_xlsx_bytes(), part, content))
    monkeypatch.setattr(safety, "_check_prolog", lambda *a: None)
    with pytest.raises(ExcelError, match="DTD"):
        import_workbook(path)


def test_formula_without_cached_value_names_the_cell(cli: CLI, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    ws.append(["建设项目", "建设内容", "完成时间", "责任部门"])
    for i in range(10):
        ws.append(["健全组织", f"工作{i}", "2017.9", "教务处"])
    ws["C12"] = "=C11"
    path = tmp_path / "formula.xlsx"
    wb.save(path)
    err = check_fails(cli, path, "Sheet1!C12", "没有保存计算结果", "=C11")
    assert "保存后再导入" in err


def test_formula_with_cached_value_is_read(tmp_path: Path) -> None:
    path = tmp_path / "cached.xlsx"
    data = _xlsx_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    sheet = sheet.replace(
        '<c r="C2" t="s"><v>',
        '<c r="C2" t="str"><f>"2016."&amp;9</f><v>2016.9</v></c><c r="Z9" t="s"><v>',
    )
    path.write_bytes(_replace_member(data, "xl/worksheets/sheet1.xml", sheet.encode()))
    result = import_workbook(path)
    assert "deadline: '2016.9'" in result.documents[0].text()


def test_empty_sheet(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(_xlsx_bytes(fill=False))
    check_fails(cli, path, "“Sheet”是空的")


def test_empty_file(cli: CLI, tmp_path: Path) -> None:
    path = tmp_path / "zero.xlsx"
    path.write_bytes(b"")
    check_fails(cli, path, "0 字节")


def test_missing_file(cli: CLI, tmp_path: Path) -> None:
    result = cli("import", tmp_path / "nope.xlsx", "-o", tmp_path / "x.yaml")
    assert result.exit_code == 2 and "找不到文件" in result.stderr


def test_unknown_table(cli: CLI, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["甲", "乙"])
    ws.append(["1", "2"])
    path = tmp_path / "odd.xlsx"
    wb.save(path)
    check_fails(cli, path, "无法判断", "--kind")
