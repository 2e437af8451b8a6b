"""Job standards (issue 14): the example college's duties load, check clean, and C tasks trace to them."""

from __future__ import annotations

from pathlib import Path

from zhengai.check.checker import check_paths
from zhengai.load.repository import load_repository

COLLEGE = Path(__file__).resolve().parents[1] / "examples" / "college"


def test_duties_of_two_departments_and_the_c_tasks_that_carry_them_out() -> None:
    repo = load_repository([COLLEGE])
    assert len(repo.duties) == 5 and len(repo.work_items) == 8
    jwc = {d.item.id for d in repo.duties.values() if d.file.rel.startswith("departments/jwc/")}
    assert jwc == {"JWC-D1", "JWC-D2", "JWC-D3"}
    linked = {t: loc.item.work_items for t, loc in repo.tasks.items() if loc.item.work_items}
    assert linked == {"26-JWC-08": ["JWC-W13"], "26-JWC-09": ["JWC-W12"], "26-XSC-07": ["XSC-W11"],
                      "26-XSC-08": ["XSC-W21"]}
    assert all(repo.tasks[t].item.class_ == "C" for t in linked)
    report, _ = check_paths([COLLEGE])
    assert not [f for f in report.findings if f.code.startswith("ZG47")]
