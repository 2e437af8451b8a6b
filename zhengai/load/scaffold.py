"""``zhengai init``: a new, valid, empty plan repository for a college.

The repository carries its own copy of the JSON Schemas (``schemas/``) and every YAML
file points to it by a relative path, so editors complete and validate the files
without a network and wherever the repository is cloned.  User-given text (the
institution's name) is written as a YAML double-quoted scalar, so ``: ``, ``#``,
``&``, ``[`` or quotes in a name read back exactly as typed.
"""

from __future__ import annotations

import datetime as dt
import math
import posixpath
import unicodedata
from pathlib import Path

import yaml

from zhengai.errors import ZhengaiError
from zhengai.fsutil import OutputError, atomic_write_text

FIRST_YEAR, LAST_YEAR = 2000, 2100
"""Plausible first years of a planning period (``--start``)."""

SCHEMAS = "schemas"
"""Folder of the repository's copy of the JSON Schemas."""


class ScaffoldError(ZhengaiError, ValueError):
    """The options cannot make a valid repository; the message is Chinese."""


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back exactly (escapes included)."""
    return yaml.dump(text, Dumper=yaml.SafeDumper, allow_unicode=True, default_style='"',
                     width=math.inf).rstrip("\n")


def schema_line(kind: str, rel: str) -> str:
    """The editor line of the file at ``rel`` (relative to the repository root)."""
    target = posixpath.relpath(f"{SCHEMAS}/{kind}.schema.json", posixpath.dirname(rel) or ".")
    return f"# yaml-language-server: $schema={target}\n"


def _files(institution: str, start: int, end: int, year: int) -> dict[str, str]:
    return {
        "zhengai.yaml": schema_line("config", "zhengai.yaml") + f"""schema_version: 1
kind: config
institution: {quoted(institution)}
period: {{start: {start}, end: {end}}}
current_year: {year}
# 五横五纵为默认框架；本省若用其他框架（如 十一横五纵），在此写 levels / systems。
departments:
  - id: zgb
    name: 质量督导处
    system: supervision
    aliases: [诊改办公室]
  - id: jwc
    name: 教务处
    system: generation
""",
        "plans/master.yaml": schema_line("plan", "plans/master.yaml") + f"""schema_version: 1
kind: plan
id: P-MASTER
title: {quoted(f"{institution}事业发展规划（{start}—{end}年）")}
type: master
owner: 质量督导处
targets: []
""",
        "standards/README.md": "# 标准链\n\n每个层面一个标准文件（kind: standard）：维度 → 标准 → 质控点。\n",
        "departments/jwc/README.md": "# 教务处\n\n本部门的子规划、年度任务、一页纸计划、观测数据和改进记录放在这里。\n",
        ".pre-commit-config.yaml": """repos:
  - repo: local
    hooks:
      - id: zhengai-check
        name: zhengai check
        entry: zhengai check .
        language: system
        pass_filenames: false
        files: \\.(ya?ml)$
""",
    }


def validate(institution: str, start: int, years: int) -> None:
    """Refuse options that would write a repository ``zhengai check`` rejects."""
    if not institution.strip():
        raise ScaffoldError("学校名称（--institution）不能为空。")
    if any(unicodedata.category(ch).startswith("C") for ch in institution):
        raise ScaffoldError("学校名称（--institution）不能含换行、制表符等控制字符。")
    if not FIRST_YEAR <= start <= LAST_YEAR:
        raise ScaffoldError(f"规划期起始年（--start）应为 {FIRST_YEAR}–{LAST_YEAR} 之间的年份，收到 {start}。")
    if not 1 <= years <= 10:
        raise ScaffoldError(f"规划期年数（--years）应为 1–10，收到 {years}。")


def init_repository(
    folder: Path, *, institution: str = "某某职业技术学院", start: int | None = None, years: int = 5,
) -> list[Path]:
    """Create a repository in ``folder`` (absent or empty); return the files written.

    Refuses a folder that already holds files, so nothing the user had is overwritten,
    and options that would not pass ``zhengai check`` (:class:`ScaffoldError`).
    """
    from zhengai.resources import schemas_dir

    year = dt.date.today().year
    first = year if start is None else start
    validate(institution, first, years)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputError(f"{folder} 已存在且不是空目录；请换一个新目录。")
    files = _files(institution.strip(), first, first + years - 1, max(first, min(year, first + years - 1)))
    for schema in sorted(schemas_dir().glob("*.schema.json")):
        files[f"{SCHEMAS}/{schema.name}"] = schema.read_text(encoding="utf-8")
    written = []
    for rel, text in files.items():
        path = folder / rel
        atomic_write_text(path, text, force=False)
        written.append(path)
    return written
