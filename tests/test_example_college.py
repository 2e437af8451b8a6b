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


# ------------------------------------------------------------ cycles and units (issue 11)
DECEMBER = dt.date(2026, 12, 20)
PROGRAMS = ("460301", "460305", "510203", "510205")


def test_college_measures_of_2026_are_scored_on_2026_values() -> None:
    """At 2026-12-20 every college-wide QC point of the five levels' standards is scored, and
    only ever on a period ending in 2026: no 2025 value stands in for 2026's."""
    from zhengai.score.assessment import assess

    repo = load_repository([COLLEGE])
    a = assess(repo, DECEMBER)
    own = {i for i, loc in repo.qc_points.items() if loc.file.rel.startswith("standards/")}
    for ident in own:
        m = a.measures[ident]
        assert m.year == 2026 and m.score is not None, (ident, m.status)
        latest = next(p for p in reversed(m.history) if p.period.label == m.period)
        assert latest.period.end.year == 2026, (ident, m.period)
        assert m.last is None or m.last.period.end.year == 2025
    bands = [a.measures[i].band.name for i in own]  # type: ignore[union-attr]
    # realistic, not everything 100%: most 达成, several 基本达成, a few 未达成
    assert bands.count("达成") > len(own) * 0.75
    assert bands.count("基本达成") >= 4 and bands.count("未达成") >= 3
    # the mid-year picture is unchanged: November values are not known in July
    july = assess(repo, AS_OF)
    assert july.measures["PRG-08"].actual == 58.9 and july.measures["PRG-08"].period == "2026H1"
    assert a.measures["PRG-08"].actual == 61.6 and a.measures["PRG-08"].provisional


def test_one_fact_one_series() -> None:
    """双师 share (and the other facts observed once) live in one series; the indicators read it by qc_point."""
    from zhengai.score.assessment import assess

    repo = load_repository([COLLEGE])
    refs = {o.item.ref for o in repo.observations}
    for indicator, qc in (("RSC-01-I1", "PRG-08"), ("SZ-01-I1", "PRG-08"), ("M-04-I1", "PRG-08"),
                          ("DZB-01-I1", "SCH-07"), ("M-11-I1", "SCH-07"), ("XSC-01-I1", "SCH-10"),
                          ("XSC-05-I1", "STU-10"), ("XXZX-01-I1", "SCH-04"), ("ZDC-02-I1", "SCH-08"),
                          ("ZDC-04-I1", "SCH-12"), ("RSC-03-I1", "TT-09")):
        assert indicator not in refs and repo.indicators[indicator].item.qc_point == qc
    a = assess(repo, DECEMBER)
    shares = {a.measures[i].actual for i in ("PRG-08", "RSC-01-I1", "SZ-01-I1", "M-04-I1")}
    assert shares == {61.6}
    # no two refs carry the same platform value for the same (college-wide) period; a full 100%
    # may coincide (一页纸覆盖率 SCH-08 and 诊改报告覆盖率 M-09-I1 were both 100% in 2025)
    seen: dict[tuple[str | None, str, float], str] = {}
    for o in (loc.item for loc in repo.observations):
        if o.value is None or o.value == 100 or o.unit is not None or o.source is None:
            continue
        key = (o.source, o.period, o.value)
        assert seen.setdefault(key, o.ref) == o.ref, (key, seen[key], o.ref)


def test_programs_have_their_own_series_and_they_differ() -> None:
    from zhengai.score.assessment import assess

    repo = load_repository([COLLEGE])
    a = assess(repo, DECEMBER)
    program = repo.standards["STD-PROGRAM"]
    scores = {}
    for unit in PROGRAMS:
        node = a.standard_node(program, unit=unit)
        assert node is not None and node.score is not None
        scores[unit] = node.score
        for year in (2025, 2026):  # both years observed per program
            assert any(o.item.unit == unit and o.item.ref == "PRG-05" and o.item.period == str(year)
                       for o in repo.observations)
    assert len({round(s, 3) for s in scores.values()}) == 4, scores
    assert scores["460301"] == 1.0 and scores["460305"] < 0.8  # one strong, one weak
    assert max(scores, key=scores.__getitem__) == "460301" and min(scores, key=scores.__getitem__) == "460305"
    weak = [q for q in ("PRG-05", "PRG-07", "PRG-08", "PRG-09", "PRG-06", "PRG-15")
            if a.measure(q, "460305").band.name == "未达成"]  # type: ignore[union-attr]
    assert len(weak) == 6
    # six or more courses with the course standard's quantitative points in 2025 and 2026
    courses = {o.item.unit for o in repo.observations if o.item.unit and "-C" in o.item.unit
               and o.item.period in ("2024-2025学年", "2025-2026学年")}
    assert len(courses) >= 6
    assert a.measure("CRS-12", "460305-C01").score == 0.0  # 72.4% under the 75% floor


def test_a_program_qc_point_is_scored_on_its_own_series() -> None:
    from zhengai.score.assessment import assess

    repo = load_repository([COLLEGE])
    a = assess(repo, DECEMBER)
    # PRG-05 (baseline 52, target 60, floor 50), auto = progress since the baseline lies behind:
    # 460301: 63.5 → (63.5 − 52) / (60 − 52) = 1.4375, clamped to 1.0
    m = a.measure("PRG-05", "460301")
    assert (m.actual, m.period, m.unit_id, m.score) == (63.5, "2026", "460301", 1.0)
    assert m.last is not None and m.last.value == 61.8  # its own 2025 value, not the college's 61.2
    # 510205: 58.8 → (58.8 − 52) / 8 = 0.85 → 基本达成
    m = a.measure("PRG-05", "510205")
    assert m.score == pytest.approx(0.85) and m.band is not None and m.band.name == "基本达成"
    # 460305: 48.5 is under the floor 50 → 0, whatever the progress formula gives
    assert a.measure("PRG-05", "460305").score == 0.0
    assert a.measures["PRG-05"].actual == 64.3  # the college-wide series is a different one


def test_2025_tasks_change_the_2026_completion_only_through_the_carried_task(tmp_path: Path) -> None:
    """教务处 at 2026-12-20.  Due by then (deadline ≤ 12-20, not dropped), 2026 file:
    26-JWC-01 done (06-30), 26-JWC-03 in progress (11-30), 26-JWC-04 done (08-31),
    26-JWC-07 done (05-31), 26-JWC-08 in progress (08-30), 26-JWC-10 done (06-30, 结转 from 2025);
    26-JWC-02/05/06/09 are due 2026-12-31.  → 4 done of 6 due = 66.7%.
    The 2025 file (25-JWC-01/02 done, 25-JWC-03 unfinished) is another cycle: 2 of 3 in 2025,
    nothing in 2026.  Without the carried task: 3 done of 5 due = 60%."""
    from zhengai.score.assessment import assess

    def rate(root: Path) -> tuple[int, int]:
        repo = load_repository([root])
        dept = repo.department("jwc")
        assert dept is not None
        ids = [t for t, loc in repo.tasks.items() if loc.file.rel.startswith("departments/jwc/")]
        c = assess(repo, DECEMBER).completion(ids)
        return c.due, c.done

    assert rate(COLLEGE) == (6, 4)
    repo = load_repository([COLLEGE])
    ids25 = [t for t in repo.tasks if t.startswith("25-JWC-")]
    c25 = assess(repo, dt.date(2025, 12, 31)).completion(ids25)
    assert (c25.due, c25.done) == (3, 2)
    assert repo.tasks["26-JWC-10"].item.carried_from == 2025
    copy = tmp_path / "college"
    shutil.copytree(COLLEGE, copy)
    (copy / "departments/jwc/tasks-2025.yaml").unlink()
    assert rate(copy) == (6, 4)  # the 2025 file itself changes nothing in 2026
    text = (copy / "departments/jwc/tasks-2026.yaml").read_text(encoding="utf-8")
    (copy / "departments/jwc/tasks-2026.yaml").write_text(text[: text.index('  - id: "26-JWC-10"')],
                                                          encoding="utf-8")
    assert rate(copy) == (5, 3)  # only the carried task does
    # and the unfinished 2025 task raises no overdue warning in 2026
    from zhengai.score.diagnosis import diagnose

    dept = repo.department("jwc")
    assert dept is not None
    alerts = diagnose(repo, dept, DECEMBER).alerts
    assert not any(a.subject.startswith("25-JWC") for a in alerts)
