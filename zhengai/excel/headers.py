"""Header synonyms (data, not code), ``--mapping`` files, and finding the header row.

The synonym table lives in ``zhengai/data/excel/headers.yaml``.  A header is compared
after :func:`~zhengai.excel.cells.norm_header` (NFKC, no whitespace or Alt-Enter line
breaks), so full-width/half-width forms and stray spaces do not matter.  A role is a
short English word (``deadline``, ``owner``) or, for two-row headers, a group and field
(``level2.time_node``).  Columns without a role are not dropped: importers keep them
under each item's ``extra`` with the header text as key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from zhengai.excel.cells import Merge, col_letter, norm_header, norm_label
from zhengai.excel.errors import ExcelError
from zhengai.excel.reader import Cell, Row
from zhengai.excel.sheets import choices, import_kinds
from zhengai.resources import data_dir

SYNONYMS_PATH = data_dir() / "excel" / "headers.yaml"
EXTRA_HEADER = re.compile(r"^附加[：:](.+)$", re.DOTALL)
"""Header of an ``extra`` column written by ``zhengai export`` (never mapped to a role)."""


class MappingDefaults(BaseModel):
    """Values for fields a sheet does not carry (``--mapping`` → ``defaults``)."""

    model_config = ConfigDict(extra="forbid")

    year: int | None = Field(default=None, ge=1990, le=2100, description="年度")
    class_: str | None = Field(default=None, alias="class", description="任务类别 A/B/C")
    level: str | None = Field(default=None, description="标准或目标的层面")
    type: str | None = Field(default=None, description="规划类型 master/special/department")
    owner: str | None = Field(default=None, description="文件所属部门")
    unit_type: str | None = Field(default=None, description="一页纸计划的层面")
    title: str | None = Field(default=None, description="标题")


class MappingFile(BaseModel):
    """A ``--mapping`` file: extra or overriding header synonyms and import settings."""

    model_config = ConfigDict(extra="forbid")

    headers: dict[str, str] = Field(default_factory=dict, description="表头 → 角色")
    kind: str | None = Field(default=None, description="表格类型")
    id_prefix: str | None = Field(default=None, description="生成标识的前缀")
    header_row: int | None = Field(default=None, ge=1, description="表头所在行（两行表头写第一行）")
    header_rows: int | None = Field(default=None, ge=1, le=2, description="表头行数 1 或 2")
    defaults: MappingDefaults = Field(default_factory=MappingDefaults)


def load_mapping(path: Path) -> MappingFile:
    """Read and validate a mapping file; problems are one Chinese line naming the file."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ExcelError(f"无法读取映射文件 {path}：{exc.strerror or exc}") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ExcelError(
            f"映射文件 {path} 不是有效的 UTF-8 YAML：{str(exc).splitlines()[0]}"
        ) from exc
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ExcelError(f"映射文件 {path} 顶层应为映射（headers:、defaults: 等）。")
    raw = {
        k: ({str(h): str(r) for h, r in v.items()} if k == "headers" and isinstance(v, dict) else v)
        for k, v in raw.items()
    }
    try:
        mapping = MappingFile.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise ExcelError(f"映射文件 {path} 的 {where} 有误：{err['msg']}") from exc
    kinds = import_kinds()
    if mapping.kind is not None and mapping.kind not in {k.id for k in kinds}:
        raise ExcelError(f"映射文件 {path} 的 kind “{mapping.kind}”无效；可选：{choices(kinds)}。")
    table = synonyms()
    for header, role in mapping.headers.items():
        if role != "extra" and role not in table.known_roles:
            known = "、".join(sorted(table.known_roles))
            raise ExcelError(
                f"映射文件 {path}：表头“{header}”对应的角色“{role}”无效；可选：extra、{known}。"
            )
    return mapping


@dataclass
class Synonyms:
    """The synonym table, normalised for lookups."""

    roles: dict[str, str]
    groups: dict[str, str]
    group_fields: dict[str, str]
    patterns: list[tuple[re.Pattern[str], str]]
    oppm: dict[str, str]
    known_roles: set[str] = field(default_factory=set)

    def with_mapping(self, mapping: MappingFile | None) -> Synonyms:
        """A copy with the mapping's headers added (they win over the table)."""
        if mapping is None or not mapping.headers:
            return self
        roles = dict(self.roles)
        for header, role in mapping.headers.items():
            roles[norm_header(header)] = role
        return Synonyms(
            roles, self.groups, self.group_fields, self.patterns, self.oppm, self.known_roles
        )

    def role(self, header: str) -> str | None:
        """Role of a one-row header, trying a few forgiving variants."""
        for key in _variants(norm_header(header)):
            if key in self.roles:
                return self.roles[key]
            for pattern, role in self.patterns:
                if pattern.match(key):
                    return role
        return None

    def group(self, header: str) -> str | None:
        """Group (``level1`` …) named by the upper cell of a two-row header."""
        for key in _variants(norm_header(header)):
            if key in self.groups:
                return self.groups[key]
        return None

    def group_field(self, header: str) -> str | None:
        """Field named by the lower cell under a group."""
        for key in _variants(norm_header(header)):
            if key in self.group_fields:
                return self.group_fields[key]
        return None

    def oppm_key(self, label: str) -> str | None:
        """Which one-page-plan label a cell is (``项目领导：`` → ``leader``)."""
        return self.oppm.get(norm_label(label))


# Brackets around a unit or a note (``完成日期〔年月〕``, ``经费【万元】``, ``完成时间（年月）``
# after NFKC) say how to fill the column, not what it is: ignored when matching.
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|〔[^〔〕]*〕|【[^【】]*】|〖[^〖〗]*〗")


def _variants(key: str) -> list[str]:
    """``一级指标1`` → also ``一级指标``; ``完成时间(年月)``, ``完成日期〔年月〕`` → also
    ``完成时间``, ``完成日期``; ``*责任部门``."""
    out = [key]
    stripped = key.strip("*＊※")
    if stripped != key:
        out.append(stripped)
    no_paren = _BRACKETED.sub("", stripped)
    if no_paren != stripped and no_paren:
        out.append(no_paren)
    no_num = re.sub(r"\d+$", "", no_paren)
    if no_num != no_paren and no_num:
        out.append(no_num)
    return out


@cache
def synonyms() -> Synonyms:
    """The built-in synonym table (read once)."""
    data: dict[str, Any] = yaml.safe_load(SYNONYMS_PATH.read_text(encoding="utf-8"))
    roles = {norm_header(h): role for role, headers in data["roles"].items() for h in headers}
    groups = {norm_header(h): g for g, headers in data["groups"].items() for h in headers}
    fields = {norm_header(h): f for f, headers in data["group_fields"].items() for h in headers}
    patterns = [(re.compile(p["pattern"]), p["role"]) for p in data.get("patterns", [])]
    oppm = {norm_label(h): key for key, headers in data.get("oppm", {}).items() for h in headers}
    known = (
        set(data["roles"])
        | {f"{g}.{f}" for g in data["groups"] for f in data["group_fields"]}
        | {role for _, role in patterns}
    )
    return Synonyms(roles, groups, fields, patterns, oppm, known)


# ------------------------------------------------------------------ header row


@dataclass
class Column:
    """A table column: position, header as shown, role (None = unmapped → extra)."""

    col: int
    header: str
    role: str | None
    cells: list[Cell] = field(default_factory=list)
    raw: str = ""

    @property
    def letter(self) -> str:
        """Column letter, e.g. ``C``."""
        return col_letter(self.col)

    @property
    def key(self) -> str:
        """Key under ``extra``: the header text (``附加：`` prefix removed), or ``列C``."""
        m = EXTRA_HEADER.match(self.raw or self.header)
        if m:
            return m.group(1)
        return self.header or f"列{self.letter}"


@dataclass
class Layout:
    """Where the table is: header rows, columns, and the rows above it (titles)."""

    header_rows: list[int]
    columns: dict[int, Column]
    title_rows: list[Row]

    @property
    def first_data_row(self) -> int:
        """Row number right below the header."""
        return self.header_rows[-1] + 1

    def roles(self) -> set[str]:
        """All roles present."""
        return {c.role for c in self.columns.values() if c.role}

    def column_of(self, role: str) -> Column | None:
        """The first column with ``role``."""
        index = self.__dict__.get("_by_role")
        if index is None or len(index[1]) != len(self.columns):
            by_role: dict[str, Column] = {}
            for column in self.columns.values():
                if column.role and column.role not in by_role:
                    by_role[column.role] = column
            index = (by_role, dict(self.columns))
            self.__dict__["_by_role"] = index
        return index[0].get(role)


def _display(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _score(row: Row, table: Synonyms) -> int:
    return sum(1 for c in row.own() if table.role(c.text) or table.group(c.text))


def find_header(
    head: list[Row],
    merges: list[Merge],
    table: Synonyms,
    *,
    header_row: int | None = None,
    header_rows: int | None = None,
) -> Layout | None:
    """Find the header in the first rows: the first row where at least two cells (and half
    of its cells) are known headers.  A second header row is used when the first has
    group headers (``一级指标`` over ``工作内容 | 责任部门 …``) or cells merged down two rows.
    """
    index = {r.number: r for r in head}
    chosen: Row | None = None
    if header_row is not None:
        chosen = index.get(header_row)
        if chosen is None:
            return None
    else:
        for row in head:
            own = row.own()
            score = _score(row, table)
            if score >= 2 and score * 2 >= len(own):
                chosen = row
                break
    if chosen is None:
        return None
    merge_at = {(m.r0, m.c0): m for m in merges}
    top = chosen.number
    spans: dict[int, Merge] = {c: merge_at[(top, c)] for c in chosen.cells if (top, c) in merge_at}
    two_rows = (
        header_rows == 2
        if header_rows
        else (
            any(table.group(chosen.cells[c].text) for c in chosen.cells)
            or any(m.rows >= 2 and m.r0 == top for m in spans.values())
        )
    )
    below = index.get(top + 1) if two_rows else None
    columns: dict[int, Column] = {}
    if below is None:
        for c, cell in sorted(chosen.cells.items()):
            if cell.filled:
                continue
            columns[c] = _column(c, cell.text, table, [cell])
        header_numbers = [top]
    else:
        header_numbers = [top, top + 1]
        width = max([*chosen.cells, *below.cells, *(m.c1 for m in spans.values())], default=0)
        for c in range(1, width + 1):
            upper = _owner_of(chosen, spans, c)
            lower = below.cells.get(c)
            lower = lower if lower is not None and not lower.filled else None
            if upper is None and lower is None:
                continue
            if lower is None or (
                upper is not None
                and upper.col == c
                and spans.get(c, Merge(top, c, top, c)).rows >= 2
            ):
                owner = upper
                assert owner is not None  # both None was skipped above
                columns[c] = _column(c, owner.text, table, [owner])
                continue
            if upper is None:
                columns[c] = _column(c, lower.text, table, [lower])
                continue
            group = table.group(upper.text)
            sub = table.group_field(lower.text)
            header = f"{_display(upper.text)}/{_display(lower.text)}"
            role = table.roles.get(norm_header(header))
            if role is None and group and sub:
                role = f"{group}.{sub}"
            if role is None and not group:
                role = table.role(lower.text)
            cells = [lower] + ([upper] if upper.col == c else [])
            columns[c] = Column(c, header, role, cells)
    # Two columns with the same role: the first keeps it, later ones become extra.
    seen: set[str] = set()
    for column in columns.values():
        # yearly columns (2017年 | 2018年 …) share their role: each is one year of the row
        if column.role and column.role not in ("extra", "computed", "year_target"):
            if column.role in seen:
                column.role = None
            else:
                seen.add(column.role)
        elif column.role == "extra":
            column.role = None
    keys: dict[str, int] = {}
    for column in columns.values():
        base = column.header
        keys[base] = keys.get(base, 0) + 1
        if keys[base] > 1:
            column.header = f"{base}({keys[base]})"
    titles = [r for r in head if r.number < top and r.own()]
    return Layout(header_numbers, columns, titles)


def _column(col: int, text: str, table: Synonyms, cells: list[Cell]) -> Column:
    role = None if EXTRA_HEADER.match(text) else table.role(text)
    return Column(col, _display(text), role, cells, text)


def _owner_of(row: Row, spans: dict[int, Merge], col: int) -> Cell | None:
    """The upper header cell covering column ``col`` (its anchor may be to the left)."""
    cell = row.cells.get(col)
    if cell is not None and not cell.filled:
        return cell
    for c, merge in spans.items():
        if merge.c0 <= col <= merge.c1:
            return row.cells.get(c)
    return None
