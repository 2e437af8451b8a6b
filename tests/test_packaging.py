"""Schemas are fresh, the installed wheel finds its data, start-up stays light."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from zhengai.models.schemagen import render_all

ROOT = Path(__file__).resolve().parents[1]


def _meaning(node: Any) -> Any:
    """A JSON Schema without the spellings pydantic versions vary in (same validation).

    pydantic before 2.10 writes ``"enum": [x]`` beside ``"const": x`` and omits the
    default ``"additionalProperties": true``; both mean the same to a validator.
    """
    if isinstance(node, list):
        return [_meaning(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: _meaning(v) for k, v in node.items()}
    if "const" in out and out.get("enum") == [out["const"]]:
        del out["enum"]
    if out.get("additionalProperties") is True:
        del out["additionalProperties"]
    return out


def test_committed_schemas_are_generated_from_the_models() -> None:
    expected = {name: _meaning(json.loads(text)) for name, text in render_all().items()}
    committed = {p.name: _meaning(json.loads(p.read_text(encoding="utf-8")))
                 for p in (ROOT / "schemas").glob("*.schema.json")}
    stale = sorted(name for name in expected if committed.get(name) != expected[name])
    assert not stale, f"schemas/ is stale for {stale}: run `zhengai schema --out schemas`"
    assert set(committed) == set(expected)


def test_schema_accepts_the_strict_loader_forms() -> None:
    schema = json.loads(render_all()["tasks.schema.json"])
    task = schema["$defs"]["KeyTask"]["properties"]
    assert "class" in task and "class_" not in task  # the YAML key, not the Python name


def test_light_start_up() -> None:
    code = (
        "import sys, zhengai.cli, zhengai.check.checker; from pathlib import Path;"
        f"zhengai.check.checker.check_paths([Path({str(ROOT / 'examples/college')!r})]);"
        "print(sorted(m for m in ('pandas','openpyxl','docx','matplotlib','docxtpl','numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:  # hatchling absent from the environment: build in isolation
        cmd.remove("--no-build-isolation")
        subprocess.run(cmd, capture_output=True, text=True, check=True)
    return next(out.glob("zhengai-*.whl"))


def test_wheel_carries_schemas_templates_and_reference(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "zhengai/_bundled/schemas/plan.schema.json" in names
    assert "zhengai/data/reference/national_diagnosis.yaml" in names
    assert "zhengai/py.typed" in names
    assert any(n.startswith("zhengai/_bundled/templates/") for n in names)


def test_installed_package_finds_its_data(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    code = (
        "import zhengai, zhengai.resources as r, zhengai.load.repository as repo;"
        "print(zhengai.__file__); print(r.schemas_dir()); print(r.templates_dir());"
        "ref = repo.load_reference_standard(); print(sum(len(e.points) for i in ref.items for e in i.elements))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, check=True)
    package, schemas, templates, points = out.stdout.split("\n")[:4]
    assert package.startswith(str(target))
    assert schemas.startswith(str(target)) and (Path(schemas) / "plan.schema.json").is_file()
    assert templates.startswith(str(target))
    assert points == "37"
