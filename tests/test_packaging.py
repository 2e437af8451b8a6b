"""Schemas are fresh, the installed wheel finds its data, start-up stays light."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.schema_meaning import meaning as _meaning
from zhengai.models.schemagen import render_all

ROOT = Path(__file__).resolve().parents[1]


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
