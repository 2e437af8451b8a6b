"""Hostile .xls / OLE files (issue 15, items 5, 6 and 12): vetted, bounded, exit 2."""

from __future__ import annotations

import pickle
import struct
import time
from pathlib import Path

import pytest

from tests.excel.conftest import CLI
from tests.excel.test_hostile import cfb, check_fails
from tests.excel.test_hostile_xlsx import run_import
from zhengai.excel import reader, safety
from zhengai.excel.errors import ExcelError

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "legacy_tasks.xls"


def _mutated(tmp_path: Path, offset: int, value: bytes, name: str = "bad.xls") -> Path:
    data = bytearray(FIXTURE.read_bytes())
    data[offset : offset + len(value)] = value
    path = tmp_path / name
    path.write_bytes(bytes(data))
    return path


def _run_bounded(path: Path) -> str:
    started = time.monotonic()
    done = run_import(path, timeout=60)
    assert time.monotonic() - started < 45
    assert done.returncode == 2, (done.returncode, done.stderr[-500:])
    err = done.stderr.strip()
    assert "Traceback" not in err and len(err.splitlines()) == 1 and path.name in err, err
    return err


# ------------------------------------------------------------------ item 5: header vetting

HEADER_DAMAGE = [
    (0x2C, struct.pack("<I", 0xFFFFFFFF), "FAT"),  # FAT sector count
    (0x48, struct.pack("<I", 0x7FFFFFFF), "DIFAT"),  # DIFAT sector count
    (0x40, struct.pack("<I", 0x10000000), "MiniFAT"),  # MiniFAT sector count
    (0x1E, struct.pack("<H", 30), "扇区大小"),  # sector shift 2^30
    (0x4C, struct.pack("<I", 0xFFFFFFFF), "FAT"),  # first FAT sector free: calamine panicked
    (0x4C, struct.pack("<I", 4000), "FAT"),  # first FAT sector beyond the file
    (0x30, struct.pack("<I", 0x7FFFFFF0), "目录"),  # directory start beyond the file
]


@pytest.mark.parametrize(("offset", "value", "phrase"), HEADER_DAMAGE)
def test_ole_header_is_vetted(cli: CLI, tmp_path: Path, offset: int, value: bytes, phrase: str) -> None:
    path = _mutated(tmp_path, offset, value)
    check_fails(cli, path, "OLE 复合文件结构错误", phrase)


def _workbook_entry() -> int:
    """File offset of the ``Workbook`` directory entry of the fixture."""
    data = FIXTURE.read_bytes()
    first_dir = struct.unpack_from("<I", data, 0x30)[0]
    return (first_dir + 1) * 512 + 128


@pytest.mark.parametrize(
    ("field", "value", "phrase"),
    [
        (120, struct.pack("<Q", 0xFFFFFFF0), "超过文件大小"),  # declared stream size
        (120, struct.pack("<Q", 5000), "扇区链只有"),  # more than its sectors hold
        (116, struct.pack("<I", 0x00FFFFFF), "扇区链异常"),  # start sector beyond the file
    ],
)
def test_declared_stream_size_is_checked(cli: CLI, tmp_path: Path, field: int, value: bytes, phrase: str) -> None:
    path = _mutated(tmp_path, _workbook_entry() + field, value)
    check_fails(cli, path, "Workbook", phrase)


def test_fat_chain_loop(cli: CLI, tmp_path: Path) -> None:
    data = FIXTURE.read_bytes()
    fat_sector = struct.unpack_from("<I", data, 0x4C)[0]
    # the Workbook stream (sector 0 onwards) now points back to itself at sector 3
    path = _mutated(tmp_path, (fat_sector + 1) * 512 + 4 * 3, struct.pack("<I", 1))
    check_fails(cli, path, "成环")


# ------------------------------------------------------------------ item 6: DIFAT loops


def _difat_loop(n_difat: int) -> bytes:
    """A 1 KB OLE file whose only DIFAT sector (0) names itself as the next one."""
    data = bytearray(cfb(["Workbook"]))
    struct.pack_into("<III", data, 0x2C, 0xFFFFFFFF, 1, 0)  # FAT sectors claimed: 4×10⁹
    struct.pack_into("<II", data, 0x44, 0, n_difat)
    difat = [0xFFFFFFFF] * 127 + [0]  # … and the chain continues at sector 0 again
    data[512:1024] = struct.pack("<128I", *difat)
    return bytes(data[:1024])


@pytest.mark.parametrize("n_difat", [0xFFFFFFFF, 1])
def test_difat_chain_pointing_to_itself(tmp_path: Path, n_difat: int) -> None:
    path = tmp_path / "loop.xls"
    path.write_bytes(_difat_loop(n_difat))
    assert path.stat().st_size == 1024
    err = _run_bounded(path)
    assert "OLE 复合文件结构错误" in err


def test_difat_self_loop_is_caught_by_the_chain_walk(tmp_path: Path) -> None:
    data = bytearray(_difat_loop(1)) + bytes(1024)  # 4 sectors: counts are plausible now
    struct.pack_into("<I", data, 0x48, 3)  # three DIFAT sectors claimed: the walk meets sector 0 again
    struct.pack_into("<I", data, 0x2C, 3)
    path = tmp_path / "loop2.xls"
    path.write_bytes(bytes(data))
    with pytest.raises(ExcelError, match="DIFAT 扇区链异常"):
        safety.vet_workbook(path)


# ------------------------------------------------------------------ BIFF records: bounded child


def test_biff_record_that_makes_calamine_allocate_without_bound(tmp_path: Path) -> None:
    """Four bytes in a BIFF record: calamine asked for gigabytes and aborted (rc 134)."""
    err = _run_bounded(_mutated(tmp_path, 0x7DE, b"\xff\xff\xff\xff"))
    assert "解析器异常退出" in err


def test_calamine_panic_is_exit_2(cli: CLI, tmp_path: Path) -> None:
    """pyo3's PanicException is a BaseException: it escaped ``except Exception`` (exit 1)."""
    path = _mutated(tmp_path, 0xA6E, b"\xff\xff\xff\xff")
    check_fails(cli, path, "已损坏", "PanicException")


def test_panic_in_the_child_is_reported_not_raised(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    panic = type("PanicException", (BaseException,), {})

    def explode(path: Path) -> object:
        raise panic("index out of bounds")

    monkeypatch.setattr(reader, "_calamine_load", explode)
    monkeypatch.setattr("sys.argv", ["-c", str(FIXTURE)])
    reader._calamine_child()
    assert pickle.loads(capsysbinary.readouterr().out) == ("error", "PanicException: index out of bounds")


def test_child_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "CHILD_SECONDS", 1)
    monkeypatch.setattr(reader, "_CHILD_CODE", "import time; time.sleep(30)")
    with pytest.raises(ExcelError, match="读取超时"):
        reader.open_workbook(FIXTURE)


def test_legacy_xls_still_reads() -> None:
    with reader.open_workbook(FIXTURE) as book:
        sheet = book.sheet("附表")
        texts = [row.texts() for row in sheet.rows()]
    assert texts[1][:2] == ["建设项目", "建设任务"] and len(texts) == 5
    assert {"A1:F1", "B3:B4"} <= {m.ref for m in sheet.merges}
