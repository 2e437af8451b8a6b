"""Instruments (问卷) as models: the shipped ones by id, or a ``kind: instrument`` YAML file.

Loading an instrument is loading a file into a model, so it sits in the load stage
beside :mod:`zhengai.load.repository` (whose reader it uses): the check rules (an unknown
instrument id in ``zhengai.yaml`` or a teacher plan) and the teacher diagnosis in
:mod:`zhengai.score` need it, and they may not import the survey stage above them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from zhengai.errors import ZhengaiError
from zhengai.load.repository import Repository, read_source
from zhengai.models.people import Instrument
from zhengai.resources import data_dir


class SurveyError(ZhengaiError):
    """A questionnaire, responses file or output cannot be used; the message is Chinese."""


def instruments_dir() -> Path:
    """Folder of the shipped instruments."""
    return data_dir() / "instruments"


def shipped_instruments() -> dict[str, Path]:
    """Shipped instrument id → file."""
    return {p.stem: p for p in sorted(instruments_dir().glob("*.yaml"))}


def load_instrument(spec: str | Path) -> Instrument:
    """A shipped instrument by id (``student-luzhou-5x25``) or an instrument YAML file.

    Raises :class:`SurveyError` with a located Chinese message when the file is not a
    valid instrument.
    """
    path = Path(spec)
    shipped = shipped_instruments()
    if not path.exists():
        if str(spec) in shipped:
            return _load_shipped(str(spec))
        names = "、".join(shipped)
        raise SurveyError(f"找不到问卷“{spec}”：既不是文件，也不是内置问卷（内置：{names}）。")
    return _load_file(path)


def resolve_instrument(repo: Repository | None, ident: str) -> Instrument:
    """An instrument of the repository with this id, else the shipped one."""
    if repo is not None:
        for source in repo.files:
            if isinstance(source.model, Instrument) and source.model.id == ident:
                return source.model
    return load_instrument(ident)


@cache
def _load_shipped(ident: str) -> Instrument:
    return _load_file(shipped_instruments()[ident])


def _load_file(path: Path) -> Instrument:
    if path.is_dir():
        raise SurveyError(f"{path} 是目录，请给出问卷 YAML 文件或内置问卷标识。")
    source, findings = read_source(path, None)
    if findings:
        first = findings[0]
        more = f"（另有 {len(findings) - 1} 处问题）" if len(findings) > 1 else ""
        raise SurveyError(f"问卷文件无法使用：{first.file}:{first.line}:{first.col}: {first.message}{more}")
    if not isinstance(source.model, Instrument):
        raise SurveyError(f"{path} 不是问卷文件（kind 应为 instrument，实际为 {source.kind}）。")
    return source.model
