"""``zhengai init`` and the ``$schema`` lines zhengai writes.

Every ``$schema`` an editor reads must resolve on this machine (yaml-language-server
cannot load the former ``https://zhengai.invalid/…``), and whatever name a college
types must come back exactly, in a repository ``zhengai check`` accepts.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from typer.testing import CliRunner

from tests.excel.seed_tables import BUILDERS
from zhengai.cli import app
from zhengai.load.repository import load_repository

SCHEMA = re.compile(r"^# yaml-language-server: \$schema=(?P<ref>\S+)$")
HOSTILE = ["学院: 分院", "&某某学院", "[某某]学院", '""', '"某某"学院', "某某学院 #2", "学院'单引号'", "*学院", "- 学院",
           "{学院}", "学院\\N", "yes", "2026", "%学院", "@学院", "!学院", "学院 ", " 学院"]

runner = CliRunner()


def resolve(ref: str, yaml_file: Path) -> Path:
    """The file a ``$schema`` value points to, as yaml-language-server reads it."""
    if ref.startswith("file://"):
        return Path(unquote(urlparse(ref).path))
    assert "://" not in ref, f"{yaml_file}: {ref} needs a network"
    return (yaml_file.parent / ref).resolve()


def schema_refs(root: Path) -> dict[Path, str]:
    """Every YAML file under ``root`` → its ``$schema`` value (each file must have one)."""
    refs = {}
    for path in sorted(root.rglob("*.yaml")):
        if path.name.startswith("."):
            continue
        match = SCHEMA.match(path.read_text(encoding="utf-8").splitlines()[0])
        assert match, f"{path} has no $schema line"
        refs[path] = match["ref"]
    return refs


def init(folder: Path, *args: str) -> None:
    result = runner.invoke(app, ["init", str(folder), *args])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("name", HOSTILE)
def test_any_institution_name_round_trips_into_a_repository_check_accepts(tmp_path: Path, name: str) -> None:
    init(tmp_path / "repo", "--institution", name, "--start", "2026")
    check = runner.invoke(app, ["check", str(tmp_path / "repo")])
    assert check.exit_code == 0, check.output
    repo = load_repository([tmp_path / "repo"])
    assert repo.config is not None and repo.config.institution == name.strip()  # spaces around are not the name
    master = next(f.model for f in repo.files if f.path.name == "master.yaml")
    assert master.title == f"{name.strip()}事业发展规划（2026—2030年）"


@pytest.mark.parametrize(("args", "message"), [
    (["--start", "1"], "规划期起始年（--start）应为 2000–2100 之间的年份，收到 1。"),
    (["--start", "1999"], "收到 1999"),
    (["--start", "2101"], "收到 2101"),
    (["--institution", ""], "学校名称（--institution）不能为空。"),
    (["--institution", "学院\n分院"], "不能含换行"),
    (["--years", "11"], "--years"),
])
def test_implausible_options_exit_2_and_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "repo"), *args])
    assert result.exit_code == 2 and message in result.output, result.output
    assert not (tmp_path / "repo").exists()


def test_init_schemas_resolve_inside_the_repository_wherever_it_is_copied(tmp_path: Path) -> None:
    init(tmp_path / "repo", "--start", "2026")
    shutil.copytree(tmp_path / "repo", tmp_path / "elsewhere" / "clone")
    for root in (tmp_path / "repo", tmp_path / "elsewhere" / "clone"):
        refs = schema_refs(root)
        assert {p.relative_to(root).as_posix() for p in refs} >= {"zhengai.yaml", "plans/master.yaml"}
        for path, ref in refs.items():
            schema = resolve(ref, path)
            assert schema.is_file() and schema.parent == root / "schemas", (path, ref)
    shipped = Path(__file__).resolve().parents[1] / "schemas"
    for schema in shipped.glob("*.schema.json"):
        assert (tmp_path / "repo" / "schemas" / schema.name).read_bytes() == schema.read_bytes()


def test_import_points_to_the_repository_schemas_or_the_installed_ones(tmp_path: Path) -> None:
    source = BUILDERS["guangxi_t1_filled"](tmp_path / "t1.xlsx")
    init(tmp_path / "repo", "--start", "2026")
    inside = tmp_path / "repo" / "departments" / "jwc" / "tasks-2026.yaml"
    outside = tmp_path / "loose" / "tasks.yaml"
    for output in (inside, outside):
        result = runner.invoke(app, ["import", str(source), "-o", str(output)])
        assert result.exit_code == 0, result.output
    ref_inside = schema_refs(inside.parent)[inside]
    assert ref_inside == "../../schemas/tasks.schema.json"
    ref_outside = schema_refs(outside.parent)[outside]
    assert ref_outside.startswith("file://")
    for path, ref in ((inside, ref_inside), (outside, ref_outside)):
        assert resolve(ref, path).is_file() and resolve(ref, path).name == "tasks.schema.json"
