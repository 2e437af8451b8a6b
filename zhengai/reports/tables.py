"""The five national tables of the 质量年度报告, with last year's values and the cross-table checks."""

from __future__ import annotations

from typing import Any

from zhengai.check.rules.annual_tables import table_checks
from zhengai.models.annual import TABLES, ExtraRow
from zhengai.reports.common import finding_row
from zhengai.reports.text import delta, num
from zhengai.reports.workspace import Workspace


def _rows(table: Any, last: Any) -> list[dict[str, Any]]:
    rows = []
    for key, info in type(table).model_fields.items():
        if key == "other":
            continue
        unit = (info.json_schema_extra or {}).get("unit", "")
        now = getattr(table, key)
        before = getattr(last, key) if last is not None else None
        if now is None and before is None:
            continue
        # The table has a unit column, so values stay bare; a change of a percentage is in 百分点.
        rows.append({"name": info.description, "unit": unit, "now_text": num(now),
                     "last_text": num(before), "delta_text": delta(now, before, "%" if unit == "%" else "")})
    last_other = {row.name: row for row in getattr(last, "other", [])} if last is not None else {}
    for row in table.other:
        prior: ExtraRow | None = last_other.get(row.name)
        unit = row.unit or ""
        rows.append({"name": row.name, "unit": unit,
                     "now_text": row.text if row.value is None and row.text else num(row.value),
                     "last_text": (prior.text or num(prior.value)) if prior else "—",
                     "delta_text": delta(row.value, prior.value if prior else None, "%" if unit == "%" else "")})
    for i, row in enumerate(rows, 1):
        row["no"] = i
    return rows


def national_tables(ws: Workspace) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The five tables of the report year (with last year's values) and their check findings."""
    this, last = ws.tables.get(ws.year), ws.tables.get(ws.year - 1)
    out = []
    for key, (name, _) in TABLES.items():
        table = getattr(this.item, key) if this else None
        prior = getattr(last.item, key) if last else None
        rows = _rows(table, prior) if table is not None else []
        out.append({"key": key, "name": name, "present": bool(rows), "rows": rows,
                    "source": f"{this.file.rel}:{this.file.position('/' + key).line}" if table is not None and this
                    else "—"})
    checks = [finding_row(i, f) for i, f in enumerate(table_checks(this.file) if this else [], 1)]
    return out, checks




__all__ = ["national_tables"]
