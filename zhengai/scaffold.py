"""``zhengai init``: a new, valid, empty plan repository for a college."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from zhengai.fsutil import OutputError, atomic_write_text

_SCHEMA = "# yaml-language-server: $schema={base}/{kind}.schema.json\n"


def _files(institution: str, start: int, end: int, year: int, base: str) -> dict[str, str]:
    head = lambda kind: _SCHEMA.format(base=base, kind=kind)  # noqa: E731 - tiny local helper
    return {
        "zhengai.yaml": head("config") + f"""schema_version: 1
kind: config
institution: {institution}
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
        "plans/master.yaml": head("plan") + f"""schema_version: 1
kind: plan
id: P-MASTER
title: {institution}事业发展规划（{start}—{end}年）
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


def init_repository(
    folder: Path, *, institution: str = "某某职业技术学院", start: int | None = None,
    years: int = 5, schema_base: str | None = None,
) -> list[Path]:
    """Create a repository in ``folder`` (absent or empty); return the files written.

    Refuses a folder that already holds files, so nothing the user had is overwritten.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise OutputError(f"{folder} 已存在且不是空目录；请换一个新目录。")
    from zhengai.schemagen import SCHEMA_BASE

    year = dt.date.today().year
    first = start or year
    written = []
    for rel, text in _files(institution, first, first + years - 1, max(first, min(year, first + years - 1)),
                            schema_base or SCHEMA_BASE).items():
        path = folder / rel
        atomic_write_text(path, text, force=False)
        written.append(path)
    return written
