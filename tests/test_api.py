"""The public API of ``zhengai``: every name resolves, importing it stays light, one error base."""

from __future__ import annotations

import subprocess
import sys

import pytest

import zhengai
from zhengai.errors import ZhengaiError
from zhengai.excel.errors import ExcelError
from zhengai.fsutil import OutputError
from zhengai.load.instruments import SurveyError
from zhengai.load.repository import RepositoryError
from zhengai.load.scaffold import ScaffoldError
from zhengai.render.charts import ChartError
from zhengai.render.markdown import RenderError

HEAVY = ("pandas", "openpyxl", "docx", "docxtpl", "matplotlib", "numpy", "jinja2")


@pytest.mark.parametrize("name", zhengai.__all__)
def test_every_public_name_resolves(name: str) -> None:
    value = getattr(zhengai, name)
    assert value is not None
    assert name in dir(zhengai)


def test_unknown_names_are_attribute_errors() -> None:
    with pytest.raises(AttributeError):
        zhengai.no_such_name  # noqa: B018


def test_importing_zhengai_imports_no_heavy_module() -> None:
    code = f"import sys, zhengai; zhengai.ZhengaiError; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "error", [RepositoryError, ScaffoldError, OutputError, SurveyError, RenderError, ChartError, ExcelError]
)
def test_user_facing_errors_share_the_base(error: type[Exception]) -> None:
    assert issubclass(error, ZhengaiError)
    assert zhengai.ZhengaiError is ZhengaiError


def test_scaffold_error_is_still_a_value_error() -> None:
    assert issubclass(ScaffoldError, ValueError)
