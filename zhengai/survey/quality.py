"""Data quality of a response table: reported, excluded from group statistics, never fixed.

| code         | 名称       | when                                                                 |
|--------------|------------|----------------------------------------------------------------------|
| no_id        | 缺少编号   | the respondent id cell is blank                                       |
| duplicate    | 重复答卷人 | the same respondent id appears on more than one row (every row flagged) |
| out_of_range | 超出量表   | an answer is not a whole number on the item's scale nor an option word |
| incomplete   | 未答完     | answered items (valid or not) / all items < the instrument's ``min_answered`` |
| straight     | 同一答案   | at least ``min(8, items)`` valid answers, all the same value          |

A flagged respondent keeps individual scores (from the valid answers) but does not
enter any group mean, distribution or share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from zhengai.models.people import Instrument
from zhengai.survey.responses import ResponseTable

if TYPE_CHECKING:
    import numpy as np

ISSUE_NAMES = {
    "no_id": "缺少编号",
    "duplicate": "重复答卷人",
    "out_of_range": "超出量表",
    "incomplete": "未答完",
    "straight": "同一答案",
}
STRAIGHT_MIN_ITEMS = 8


@dataclass(frozen=True)
class Issue:
    """One data-quality problem of one respondent row."""

    row: int
    respondent: str
    code: str
    detail: str
    where: str

    @property
    def name(self) -> str:
        """Chinese name of the problem."""
        return ISSUE_NAMES[self.code]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"row": self.row, "respondent": self.respondent, "code": self.code, "name": self.name,
                "detail": self.detail, "where": self.where}


@dataclass
class Quality:
    """All issues of a table and which rows are excluded from group statistics."""

    issues: list[Issue]
    excluded: np.ndarray
    flags: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def included(self) -> np.ndarray:
        """Rows that enter group statistics."""
        return ~self.excluded

    def counts(self) -> dict[str, int]:
        """Flagged rows per problem code (a row may have several problems)."""
        return {code: int(mask.sum()) for code, mask in self.flags.items()}

    def codes_of(self, row: int) -> list[str]:
        """Problem codes of one row."""
        return [code for code, mask in self.flags.items() if mask[row]]


def respondent_label(table: ResponseTable, row: int) -> str:
    """The respondent id, or ``（第 12 行）`` when the id is blank."""
    ident = table.ids[row]
    return ident if ident is not None else f"（{table.where(row)}）"


def check_quality(instrument: Instrument, table: ResponseTable) -> Quality:
    """Find the data-quality problems of ``table`` (see the module table)."""
    import numpy as np
    import pandas as pd

    n, k = table.values.shape
    issues: list[Issue] = []

    def flag(row: int, code: str, detail: str, where: str | None = None, respondent: str | None = None) -> None:
        """Report one problem of ``row``: by default labelled by its respondent and located at its row."""
        issues.append(Issue(row, respondent or respondent_label(table, row), code, detail,
                            table.where(row) if where is None else where))

    flags = {code: np.zeros(n, dtype=bool) for code in ISSUE_NAMES}

    ids = pd.Series(table.ids, dtype=object)
    no_id = ids.isna().to_numpy()
    flags["no_id"] = no_id
    for row in map(int, np.flatnonzero(no_id)):
        flag(row, "no_id", "编号为空")

    dup = (ids.duplicated(keep=False) & ~ids.isna()).to_numpy()
    flags["duplicate"] = dup
    if dup.any():
        positions: dict[str, list[int]] = {}
        for row in map(int, np.flatnonzero(dup)):
            key = table.ids[row]
            if key is not None:  # always: a blank id is never counted as a duplicate
                positions.setdefault(key, []).append(row)
        for ident, rows in positions.items():
            where = "、".join(str(table.rows[r]) for r in rows)
            for row in rows:
                flag(row, "duplicate", f"编号 {ident} 出现 {len(rows)} 次（第 {where} 行）", respondent=ident)

    bad_by_row: dict[int, list[str]] = {}
    bad_where: dict[int, str] = {}
    for cell in table.invalid:
        bad_by_row.setdefault(cell.row, []).append(f"{cell.item}=“{cell.raw}”")
        bad_where.setdefault(cell.row, cell.where)
    for row, cells in sorted(bad_by_row.items()):
        flags["out_of_range"][row] = True
        shown = "、".join(cells[:5]) + (f" 等 {len(cells)} 处" if len(cells) > 5 else "")
        scale = instrument.scale
        flag(row, "out_of_range", f"不在量表 {scale.min}–{scale.max} 或选项中：{shown}", bad_where[row])

    valid = ~np.isnan(table.values)
    invalid_mask = np.zeros_like(valid)
    for cell in table.invalid:
        invalid_mask[cell.row, table.item_ids.index(cell.item)] = True
    answered = (valid | invalid_mask).sum(axis=1)
    incomplete = answered < instrument.min_answered * k - 1e-9
    flags["incomplete"] = incomplete
    for row in map(int, np.flatnonzero(incomplete)):
        missing = [table.item_ids[j] for j in np.flatnonzero(~(valid[row] | invalid_mask[row]))]
        shown = "、".join(missing[:8]) + (" 等" if len(missing) > 8 else "")
        flag(row, "incomplete", f"{k} 题中未答 {len(missing)} 题：{shown}")

    counts = valid.sum(axis=1)
    needed = min(STRAIGHT_MIN_ITEMS, k)
    with np.errstate(invalid="ignore"):
        low = np.where(counts > 0, np.nanmin(np.where(valid, table.values, np.inf), axis=1), np.nan)
        high = np.where(counts > 0, np.nanmax(np.where(valid, table.values, -np.inf), axis=1), np.nan)
    straight = (counts >= needed) & (counts >= 2) & (low == high)
    flags["straight"] = straight
    for row in map(int, np.flatnonzero(straight)):
        flag(row, "straight", f"{int(counts[row])} 题全部答 {low[row]:g}")

    excluded = np.zeros(n, dtype=bool)
    for mask in flags.values():
        excluded |= mask
    order = list(ISSUE_NAMES)
    issues.sort(key=lambda i: (i.row, order.index(i.code)))
    return Quality(issues=issues, excluded=excluded, flags=flags)
