"""No command crashes on the console's encoding (GBK Windows consoles, ASCII C locales).

Every command runs under ``PYTHONIOENCODING=gbk`` (and ``ascii``) through the real entry
point ``zhengai.cli.main``.  To keep the suite fast, one subprocess per encoding runs
all the commands one after the other (each with its own ``sys.argv``, exit code and
output section); three ``python -m zhengai`` runs reproduce the reported crashes as
users saw them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from zhengai.cli import app
from zhengai.cli.console import ERRORS, substitute

ROOT = Path(__file__).resolve().parents[1]
COLLEGE = ROOT / "examples" / "college"
MINI = ROOT / "tests" / "fixtures" / "mini"
TEACHER = COLLEGE / "departments" / "znzz" / "teachers" / "T2017021.yaml"
RESPONSES = COLLEGE / "surveys" / "2026-jd2401-student-self-test.csv"

DRIVER = r"""
import json, sys
from zhengai.cli import main
cases_file, codes_file = sys.argv[1:3]
cases = json.load(open(cases_file, encoding="utf-8"))
codes = []
for i, argv in enumerate(cases):
    for stream in (sys.stdout, sys.stderr):
        stream.write(f"\n@@@ {i}\n")
        stream.flush()
    sys.argv = ["zhengai", *argv]
    try:
        main()
        codes.append(0)
    except SystemExit as exc:
        codes.append(exc.code if isinstance(exc.code, int) else 1)
    sys.stdout.flush()
    sys.stderr.flush()
json.dump(codes, open(codes_file, "w", encoding="utf-8"))
"""


def command_paths() -> tuple[list[str], set[str]]:
    """Every command path (groups and their subcommands, ``report annual``) and the groups."""
    group = typer.main.get_command(app)
    names, groups = [], set()
    for name, command in group.commands.items():
        names.append(name)
        subs = getattr(command, "commands", {})
        if subs:
            groups.add(name)
        names += [f"{name} {sub}" for sub in subs]
    return names, groups


def cases(tmp: Path, *, every: bool = True) -> list[list[str]]:
    """Each command at least once with real work, plus every ``--help``; with ``every``
    false only the help pages and the commands that print symbols (a quicker round)."""
    runs = [
        ["--help"], ["-V"],
        *[[*name.split(), "--help"] for name in command_paths()[0]],
        *[["check", str(COLLEGE), "-f", fmt] for fmt in ("text", "json", "github", "sarif", "junit")],
        ["check", str(tmp / "✔不存在.yaml")],  # an error message quoting a symbol GBK lacks
        ["explain"], ["explain", "ZG412"], ["explain", "ZG999"],
        ["diagnose", str(COLLEGE / "departments" / "jwc"), "--as-of", "2026-07-15"],
        ["diagnose", str(COLLEGE / "departments" / "jwc"), "--as-of", "2026-07-15", "-f", "text"],
        ["diagnose", str(COLLEGE / "departments" / "jwc"), "--as-of", "2026-07-15", "-f", "json"],
        ["assess", str(COLLEGE), "-q", "2026Q3"], ["assess", str(COLLEGE), "-m", "2026-10", "-f", "json"],
        ["init", str(tmp / "新仓库"), "--start", "2026"],
        ["schema", "plan"], ["schema", "--out", str(tmp / "schemas")],
        ["export", str(COLLEGE), "-o", str(tmp / "tasks.xlsx"), "-k", "tasks"],
        ["import", str(tmp / "tasks.xlsx"), "-o", str(tmp / "tasks.yaml"), "--report", str(tmp / "r.csv")],
        ["report", "annual", str(MINI), "-y", "2026", "-o", str(tmp / "reports"), "-f", "md", "-j", "1"],
        ["report", "monthly", str(MINI), "--month", "2026-07", "-o", str(tmp / "monthly"), "-f", "md", "-j", "1"],
        ["status", str(COLLEGE), "--as-of", "2026-11-05"], ["status", str(COLLEGE), "--as-of", "2026-11-05", "-f", "json"],
        ["template", "check", str(ROOT / "templates" / "annual.docx")],
        ["template", "check", str(ROOT / "templates" / "annual.docx"), "-f", "json"],
        ["survey", "list"],
        ["survey", "score", "student-luzhou-5x25", str(RESPONSES), "-o", str(tmp / "survey"), "--no-charts"],
        ["teacher", "diagnose", str(TEACHER), "--as-of", "2026-12-20"],
        ["teacher", "team", str(COLLEGE / "departments" / "znzz"), "--as-of", "2026-12-20"],
        ["check", "--no-such-option"],
    ]
    if not every:
        symbols = {"explain ZG412", "check", "template check", "diagnose"}
        return [r for r in runs if "--help" in r or " ".join(r[:2]) in symbols or r[0] in symbols]
    names, groups = command_paths()
    run = {" ".join(r[:2]) if r[0] in groups else r[0] for r in runs if "--help" not in r}
    missing = [name for name in names if name not in groups and name not in run]
    assert not missing, f"add a run of {missing} to tests/test_console.py"
    return runs


def run_all(tmp: Path, encoding: str) -> tuple[list[int], list[str], list[str], list[list[str]]]:
    """Run every case in one subprocess; return exit codes and per-case stdout/stderr."""
    runs = cases(tmp, every=encoding == "gbk")  # ASCII: the same code path, fewer heavy commands
    (tmp / "cases.json").write_text(json.dumps(runs, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": encoding, "COLUMNS": "80"}
    env.pop("ZHENGAI_DEBUG", None)
    done = subprocess.run([sys.executable, "-c", DRIVER, str(tmp / "cases.json"), str(tmp / "codes.json")],
                          capture_output=True, env=env, cwd=tmp, timeout=600, check=False)
    assert (tmp / "codes.json").is_file(), done.stderr.decode(encoding, "replace")[-3000:]
    codes = json.loads((tmp / "codes.json").read_text(encoding="utf-8"))
    # On an ASCII stream click's echo writes UTF-8 by design (Rich's output degrades to ?):
    # either way nothing crashes, and the bytes decode as UTF-8.
    decoding = "utf-8" if encoding == "ascii" else encoding
    out = done.stdout.decode(decoding).split("\n@@@ ")[1:]
    err = done.stderr.decode(decoding).split("\n@@@ ")[1:]
    return codes, out, err, runs


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_no_command_crashes_on_the_console_encoding(tmp_path: Path, encoding: str) -> None:
    codes, out, err, runs = run_all(tmp_path, encoding)
    assert len(codes) == len(runs) == len(out) == len(err)
    for argv, code, _stdout, stderr in zip(runs, codes, out, err, strict=True):
        shown = " ".join(argv)
        assert code != 3, f"zhengai {shown} exited 3 under {encoding}: {stderr}"
        assert "Traceback" not in stderr and "UnicodeEncodeError" not in stderr, shown
        expected = 2 if argv in (["explain", "ZG999"], ["check", "--no-such-option"]) or "✔" in shown else None
        if expected is not None:
            assert code == expected, shown
    by_argv = {" ".join(a): (c, o, e) for a, c, o, e in zip(runs, codes, out, err, strict=True)}
    if encoding == "gbk":  # the symbols degrade to GBK's own, the Chinese stays
        assert "√ doc.institution" in by_argv[f"template check {ROOT / 'templates' / 'annual.docx'}"][1]
        assert "空泛口号" in by_argv["explain ZG412"][1]
        assert "√不存在.yaml" in by_argv[f"check {tmp_path / '✔不存在.yaml'}"][2]
    if encoding == "gbk":
        assert (tmp_path / "新仓库" / "zhengai.yaml").read_text(encoding="utf-8").count("某某职业技术学院") == 1


@pytest.mark.parametrize("argv", [
    ["explain", "ZG412"],
    ["template", "check", str(ROOT / "templates" / "annual.docx")],
    ["diagnose", str(COLLEGE / "departments" / "jwc"), "--as-of", "2026-07-15"],
], ids=["explain", "template-check", "diagnose"])
def test_reported_crashes_under_gbk(argv: list[str]) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "gbk"}
    done = subprocess.run([sys.executable, "-m", "zhengai", *argv], capture_output=True, env=env, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr.decode("gbk", "replace")
    assert done.stdout.decode("gbk")  # valid GBK all the way through


def test_symbols_degrade_to_what_the_code_page_has() -> None:
    assert "✔ 通过 − ✘ …".encode("gbk", ERRORS).decode("gbk") == "√ 通过 - × …"
    assert "✔ 中 − （注）…".encode("ascii", ERRORS) == b"OK ? - (?)..."
    assert substitute("😀", "gbk") == "?"
    assert "✔ −".encode("utf-8", ERRORS) == "✔ −".encode()  # nothing changes where it fits
