"""Locating data that ships with zhengai: schemas, templates and reference tables.

In a wheel, the top-level ``schemas/`` and ``templates/`` folders are copied into
``zhengai/_bundled/``; in a source checkout (or an editable install) they are found
beside the package.  Reference data always lives inside the package.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled_or_checkout(name: str) -> Path:
    bundled = _PACKAGE / "_bundled" / name
    if bundled.is_dir():
        return bundled
    checkout = _PACKAGE.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"zhengai 安装不完整：找不到 {name}/ 目录（{bundled}）")


def schemas_dir() -> Path:
    """Folder of the generated JSON Schemas."""
    return _bundled_or_checkout("schemas")


def schema_file(kind: str) -> Path:
    """The bundled JSON Schema of one file kind."""
    return schemas_dir() / f"{kind}.schema.json"


def schema_reference(kind: str, target: Path) -> str:
    """What a YAML file written at ``target`` puts after ``$schema=`` so that editors
    (yaml-language-server) can load its schema on this machine.

    Inside a repository (the nearest folder above ``target`` with ``zhengai.yaml``) that
    has ``schemas/<kind>.schema.json``: the relative path to it, which keeps working when
    the repository is cloned elsewhere.  Otherwise the ``file://`` URI of the schema that
    ships with zhengai.
    """
    folder = target.resolve().parent
    for root in (folder, *folder.parents):
        if (root / "zhengai.yaml").is_file():
            schema = root / "schemas" / f"{kind}.schema.json"
            if schema.is_file():
                try:
                    return Path(os.path.relpath(schema, folder)).as_posix()
                except ValueError:  # another drive on Windows: no relative path exists
                    break
            break
    return schema_file(kind).resolve().as_uri()


def templates_dir() -> Path:
    """Folder of the default report templates."""
    return _bundled_or_checkout("templates")


def data_dir() -> Path:
    """Folder of the built-in reference data (inside the package)."""
    return _PACKAGE / "data"


@cache
def national_reference_path() -> Path:
    """The national diagnosis reference table (5 items, 15 elements, 37 points)."""
    return data_dir() / "reference" / "national_diagnosis.yaml"
