"""The demo college in ``examples/college``: its size, its deliberate mistakes, its demo warnings.

江城职业技术学院 is a complete fictional plan repository transcribed from the seed plans.  All
deliberate mistakes live in one file, ``departments/xxgc/plan-draft.yaml``; everything else must
check clean.  A diagnosis at 2026-07-15 shows each kind of early warning once, each in a
different department (the ``# 演示：`` comments in the data say where).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zhengai.check.checker import check_paths
from zhengai.cli import app
from zhengai.findings import Severity
from zhengai.load.repository import load_repository
from zhengai.models import KIND_MODELS

COLLEGE = Path(__file__).resolve().parents[1] / "examples" / "college"
DRAFT = "departments/xxgc/plan-draft.yaml"
AS_OF = dt.date(2026, 7, 15)
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+/(?P<kind>[a-z_]+)\.schema\.json)$")

runner = CliRunner()


def _yaml_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in (".yaml", ".yml"))


# ---------------------------------------------------------------- (a) the counts
def test_counts() -> None:
    repo = load_repository([COLLEGE])
    assert repo.config is not None and repo.config.institution == "江城职业技术学院"
    assert (repo.config.period.start, repo.config.period.end, repo.config.current_year) == (2026, 2030, 2026)
    assert len(repo.config.departments) >= 8
    assert {d.system for d in repo.config.departments} == {"decision", "generation", "resource", "support",
                                                          "supervision"}
    academic = [d for d in repo.config.departments if d.type == "academic"]
    assert len(academic) >= 2 and all(len(d.programs) >= 2 for d in academic)
    plans = [p.item for p in repo.plans.values()]
    assert sum(p.type == "master" for p in plans) == 1
    assert sum(p.type == "special" for p in plans) >= 5
    assert len(repo.tasks) >= 40
    assert {t.item.class_ for t in repo.tasks.values()} == {"A", "B", "C"}
    assert any(o.item.unit_type == "program" for o in repo.oppms.values())

    def shape(standard_id: str) -> tuple[int, int, int]:
        std = repo.standards[standard_id].item
        items = [s for d in std.dimensions for s in d.standards]
        return len(std.dimensions), len(items), sum(len(s.qc_points) for s in items)

    assert shape("STD-PROGRAM") == (3, 9, 19)
    assert shape("STD-COURSE") == (3, 6, 13)
    assert shape("STD-TEACHER-TEAM") == (3, 6, 9)
    assert shape("STD-TEACHER") == (4, 4, 16)
    assert shape("STD-STUDENT")[0] == 4
    assert {s.item.level for s in repo.standards.values()} == {"school", "program", "course", "teacher", "student"}
    kinds = {p.item.kind for p in repo.qc_points.values()}
    assert kinds == {"quantitative", "qualitative"}


# ------------------------------------------------------ (b) the deliberate mistakes
EXPECTED_ERRORS = {
    ("ZG302", DRAFT, 17),  # parent ZY-09 does not exist
    ("ZG304", DRAFT, 26),  # owner 网络中心 is not a department
    ("ZG305", DRAFT, 56),  # QC point PRG-20 does not exist
}
EXPECTED_WARNINGS = {
    ("ZG412", DRAFT, 34),  # 进一步加强内涵建设，全面提升办学水平
    ("ZG307", DRAFT, 44),  # deadline 2032.6 outside 2026–2030
}


def test_check_reports_exactly_the_deliberate_errors() -> None:
    result = runner.invoke(app, ["check", str(COLLEGE), "--format", "text"])
    assert result.exit_code == 1, result.output
    report, _ = check_paths([COLLEGE])
    errors = {(f.code, f.file, f.line) for f in report.findings if f.severity is Severity.ERROR}
    assert errors == EXPECTED_ERRORS
    warnings = {(f.code, f.file, f.line) for f in report.findings if f.severity is Severity.WARNING}
    assert EXPECTED_WARNINGS <= warnings
    assert {file for _, file, _ in warnings} == {DRAFT}, "only the draft may carry warnings"


# -------------------------------------------------- (c) without the draft: clean
def test_college_without_draft_is_clean(tmp_path: Path) -> None:
    copy = tmp_path / "college"
    shutil.copytree(COLLEGE, copy)
    (copy / DRAFT).unlink()
    result = runner.invoke(app, ["check", str(copy)])
    assert result.exit_code == 0, result.output
    report, _ = check_paths([copy])
    assert report.errors == 0 and report.warnings == 0, report.flatten()


# ------------------------------------------------------ (d) editor schema lines
@pytest.mark.parametrize("path", _yaml_files(COLLEGE), ids=lambda p: p.relative_to(COLLEGE).as_posix())
def test_yaml_file_starts_with_its_schema(path: Path) -> None:
    first, *rest = path.read_text(encoding="utf-8").splitlines()
    match = SCHEMA_LINE.match(first)
    assert match, f"first line is not a yaml-language-server line: {first!r}"
    schema = (path.parent / match["path"]).resolve()
    assert schema.is_file(), f"{match['path']} does not exist"
    assert schema.parent == COLLEGE / "schemas"  # inside the folder: still there when it is copied elsewhere
    kind = next(line.split(":", 1)[1].strip() for line in rest if line.startswith("kind:"))
    assert kind in KIND_MODELS and match["kind"] == kind
    assert "schema_version: 1" in rest[: rest.index(f"kind: {kind}")]


# ------------------------------------------- the demo warnings of a mid-year diagnosis
DEMO_ALERTS = [
    # (department, kind, level, id the subject starts with)
    ("xxzx", "overdue", "red", "26-XXZX-01"),
    ("xsc", "behind", "yellow", "OPPM-2026-XSC 02"),
    ("znzz", "below", "red", "ZNZZ-02-I1"),
    ("rsc", "below", "yellow", "RSC-01-I1"),
    ("zdc", "missing", "yellow", "SCH-05"),
    ("jwc", "control", "yellow", "CRS-12"),
    ("dzb", "improvement", "red", "GJ25-DZB-02"),
]


def test_mid_year_diagnosis_shows_each_demo_warning() -> None:
    from zhengai.score.diagnosis import diagnose

    repo = load_repository([COLLEGE])
    for dept_id, kind, level, subject in DEMO_ALERTS:
        dept = repo.department(dept_id)
        assert dept is not None
        alerts = diagnose(repo, dept, AS_OF).alerts
        assert any(a.kind == kind and a.level == level and a.subject.startswith(subject) for a in alerts), (
            dept_id, [(a.kind, a.level, a.subject) for a in alerts])
    assert len({d for d, *_ in DEMO_ALERTS}) == len(DEMO_ALERTS), "one department per demo warning"


def test_the_example_schemas_are_the_generated_ones() -> None:
    from tests.schema_meaning import meaning
    from zhengai.models.schemagen import render_all

    shipped = {p.name: meaning(json.loads(p.read_text(encoding="utf-8")))
               for p in (COLLEGE / "schemas").glob("*.schema.json")}
    stale = sorted(name for name, text in render_all().items() if shipped.get(name) != meaning(json.loads(text)))
    assert not stale and len(shipped) == len(render_all()), (
        f"examples/college/schemas/ is stale for {stale}: run `zhengai schema --out examples/college/schemas`")
