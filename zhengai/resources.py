"""Locating data that ships with zhengai: schemas, templates and reference tables.

In a wheel, the top-level ``schemas/`` and ``templates/`` folders are copied into
``zhengai/_bundled/``; in a source checkout (or an editable install) they are found
beside the package.  Reference data always lives inside the package.
"""

from __future__ import annotations

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
