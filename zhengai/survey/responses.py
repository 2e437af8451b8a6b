"""Reading survey-tool exports: one row per respondent, one column per item.

CSV (UTF-8, UTF-8 with BOM, or GBK/GB18030 as saved by Excel and WPS on Chinese
Windows) and .xlsx are read.  Headers are matched after NFKC and whitespace
normalisation (:func:`zhengai.excel.cells.norm_header`), so ``Ｑ０１``, ``Q01``,
``1、我按时上课`` (问卷星 numbering), ``我按时上课（单选题）`` and the item text itself all
find their item.  Answers may be numbers or the scale's option words (``完全符合``,
``A.完全符合``).  Nothing is repaired: unreadable or out-of-scale answers are kept as
invalid cells for the data-quality report, and the table says where each came from.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zhengai.excel.cells import cell_ref, col_letter, norm_header
from zhengai.load.instruments import SurveyError
from zhengai.models.people import Instrument, Scale
from zhengai.score.survey import on_scale

if TYPE_CHECKING:
    import numpy as np

HEADER_SCAN_ROWS = 10
MAX_BYTES = 200 * 1024 * 1024

# Respondent columns: role → header words, most specific first (问卷星's 序号 is a
# submission number and is only used when nothing better is there).  Names (姓名) are
# never read.
ROLE_HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("学号", "工号", "答卷人编号", "学生编号", "教师编号", "编号", "答卷编号", "用户ID", "考生号", "ID", "序号"),
    "class": ("班级", "行政班", "班级名称", "所在班级"),
    "program": ("专业", "专业名称", "所在专业", "所学专业"),
    "department": ("二级学院", "学院", "院系", "系部", "系(部)", "所在学院", "所属学院", "所在院系"),
    "cohort": ("年级", "入学年份", "入学年级"),
}
ROLE_NAMES = {"id": "编号", "class": "班级", "program": "专业", "department": "二级学院", "cohort": "年级"}
# Cells that mean "not answered" in survey-tool exports.
MISSING_MARKERS = frozenset({"", "(跳过)", "(空)", "跳过", "未作答", "未答", "-"})

_NUMBERING = re.compile(r"^(?:第?\d{1,3}题?|[(\[【]\d{1,3}[)\]】])[.、:_\-]?(?=\D)")
_QUESTION_TYPE = re.compile(r"[(\[【](?:单选题?|多选题?|量表题?|矩阵量表题?|矩阵单选题?|必答|必填|\*)[)\]】]$")
_PROMPT = re.compile(r"^(?:您的|你的|请输入|请填写|请输入您的|请填写您的)")
_OPTION_LETTER = re.compile(r"^[A-Za-z][.、:)]")
_POINTS = re.compile(r"[(\[【]\d+分?[)\]】]$")


@dataclass(frozen=True)
class InvalidCell:
    """An answer that is not on the item's scale (out of range, not a number or label)."""

    row: int  # index into the table's rows
    item: str
    raw: str
    where: str


@dataclass
class ResponseTable:
    """Answers read from one file, aligned with an instrument's items.

    ``values`` is an ``n × k`` float matrix (items in instrument order) with NaN where
    an answer is missing *or invalid*; invalid answers are listed in ``invalid``.
    """

    source: str
    item_ids: list[str]
    ids: list[str | None]
    rows: list[int]
    values: np.ndarray
    groups: dict[str, list[str | None]] = field(default_factory=dict)
    invalid: list[InvalidCell] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    sheet: str | None = None

    @property
    def n(self) -> int:
        """Number of respondents (rows)."""
        return len(self.ids)

    def where(self, row: int) -> str:
        """Where a respondent's row is in the source: ``Sheet1!A12`` or ``第 12 行``."""
        return cell_ref(self.sheet, self.rows[row], 1) if self.sheet else f"第 {self.rows[row]} 行"


# ----------------------------------------------------------------- matching
def _clean(text: str) -> str:
    return norm_header(text).strip("*：:")


def header_keys(header: str) -> list[str]:
    """Forms of a header to look up: as written, without numbering, type tags, prompts."""
    h = _clean(header)
    keys = [h]
    stripped = _QUESTION_TYPE.sub("", h)
    stripped = _NUMBERING.sub("", stripped)
    keys.append(stripped)
    keys.append(_PROMPT.sub("", stripped))
    for sep in ("—", "--", "——", ":", "_"):
        if sep in stripped:
            keys.append(stripped.rsplit(sep, 1)[-1])
    out = []
    for key in keys:
        key = key.strip("*：:。.").casefold()
        if key and key not in out:
            out.append(key)
    return out


def _item_index(instrument: Instrument) -> dict[str, str]:
    index: dict[str, str] = {}
    for _, _, q in instrument.questions():
        for form in (q.id, q.text, *q.aliases):
            key = _clean(form).strip("*：:。.").casefold()
            index.setdefault(key, q.id)
    return index


def _role_index() -> dict[str, tuple[str, int]]:
    index: dict[str, tuple[str, int]] = {}
    for role, words in ROLE_HEADERS.items():
        for rank, word in enumerate(words):
            index.setdefault(_clean(word).casefold(), (role, rank))
    return index


def _match_header(header: str, items: dict[str, str]) -> str | None:
    for key in header_keys(header):
        if key in items:
            return items[key]
    return None


# ------------------------------------------------------------------ reading
def _decode(raw: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SurveyError(f"{name} 的编码无法识别：请在 Excel/WPS 中另存为“CSV UTF-8（逗号分隔）”后再试。")


def _read_csv(path: Path) -> tuple[list[list[Any]], list[int], None]:
    raw = path.read_bytes()
    text = _decode(raw, path.name)
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;，")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as exc:
        raise SurveyError(f"{path.name} 不是有效的 CSV 文件（{exc}）。") from exc
    return rows, list(range(1, len(rows) + 1)), None


def _read_xlsx(path: Path) -> tuple[list[list[Any]], list[int], str]:
    """The first visible sheet's rows (values by column) and their row numbers.

    Read with zhengai's own vetted, streaming reader (:mod:`zhengai.excel`), so that any
    damage to the workbook is a :class:`SurveyError` naming the part and cell, never an
    openpyxl exception.  Rows without any value are skipped (their numbers are kept).
    """
    from zhengai.excel.errors import ExcelError
    from zhengai.excel.reader import open_workbook
    from zhengai.excel.safety import vet_workbook

    try:
        vetted = vet_workbook(path)
        if vetted.format != "xlsx":
            raise SurveyError(f"{path.name} 是 .{vetted.format} 格式：请在 Excel/WPS 中另存为 .xlsx 或 CSV 后再试。")
        with open_workbook(path) as book:
            visible = book.visible_sheets()
            if not visible:
                raise SurveyError(f"{path.name} 没有可见的工作表。")
            sheet = book.sheet(visible[0])
            rows: list[list[Any]] = []
            numbers: list[int] = []
            for row in sheet.rows():
                own = row.own()  # merged copies are not answers: nothing is filled in
                if not own:
                    continue
                values: list[Any] = [None] * own[-1].col
                for cell in own:
                    values[cell.col - 1] = None if cell.missing else cell.value
                rows.append(values)
                numbers.append(row.number)
            return rows, numbers, sheet.name
    except ExcelError as exc:
        raise SurveyError(str(exc)) from exc


def _find_header(rows: list[list[Any]], items: dict[str, str]) -> tuple[int, int]:
    """Index of the header row (the one matching most items) and its match count."""
    best, best_count = 0, -1
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        count = sum(1 for cell in row if cell is not None and _match_header(str(cell), items))
        if count > best_count:
            best, best_count = i, count
    return best, best_count


def _parse_value(raw: Any, scale: Scale, labels: dict[str, int]) -> tuple[float | None, bool]:
    """``(value, invalid)``: None and not invalid for a blank or skip marker."""
    if raw is None:
        return None, False
    if isinstance(raw, bool):
        return None, True
    if isinstance(raw, (int, float)):
        number = float(raw)
        if number != number:  # NaN
            return None, False
    else:
        text = norm_header(str(raw))
        if text in MISSING_MARKERS:
            return None, False
        try:
            number = float(text)
        except ValueError:
            word = _POINTS.sub("", _OPTION_LETTER.sub("", text))
            if word.casefold() in labels:
                return float(labels[word.casefold()]), False
            return None, True
    if on_scale(number, scale):
        return number, False
    return None, True


def read_responses(path: Path, instrument: Instrument) -> ResponseTable:
    """Read a responses file (.csv or .xlsx) for ``instrument``.

    Raises :class:`SurveyError` for a file that cannot be used at all: unreadable, no
    item columns, missing item columns, an item matched by two columns, no respondent id
    column.  Bad answers do not raise: they are listed in ``ResponseTable.invalid``.
    """
    import numpy as np
    import pandas as pd

    if not path.exists():
        raise SurveyError(f"找不到回答文件：{path}")
    if path.is_dir():
        raise SurveyError(f"{path} 是目录，请给出回答文件（.xlsx 或 .csv）。")
    if path.stat().st_size > MAX_BYTES:
        raise SurveyError(f"{path.name} 超过 {MAX_BYTES // 1024 // 1024} MB，请拆分后再试。")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        rows, numbers, sheet = _read_csv(path)
    elif suffix in (".xlsx", ".xlsm", ".xls"):
        rows, numbers, sheet = _read_xlsx(path)
    else:
        raise SurveyError(f"{path.name}：只支持 .xlsx 和 .csv 回答文件。")
    if not rows:
        raise SurveyError(f"{path.name} 是空文件。")

    items = _item_index(instrument)
    head_at, matched = _find_header(rows, items)
    if matched <= 0:
        raise SurveyError(
            f"{path.name} 的前 {HEADER_SCAN_ROWS} 行中没有与问卷“{instrument.title}”题目对应的表头；"
            "表头应为题目标识（如 Q01）或题干文字。请确认问卷与回答文件是否对应。"
        )
    header = rows[head_at]
    columns: dict[str, int] = {}
    meta: dict[str, tuple[int, int]] = {}
    ignored: list[str] = []
    roles = _role_index()
    for col, cell in enumerate(header):
        if cell is None or not str(cell).strip():
            continue
        text = str(cell)
        item = _match_header(text, items)
        if item is not None:
            if item in columns:
                first = _col_name(columns[item], sheet)
                raise SurveyError(f"{path.name}：题目 {item} 对应了两列（{first} 与 {_col_name(col, sheet)}），请删除多余的一列。")
            columns[item] = col
            continue
        role = next((roles[k] for k in header_keys(text) if k in roles), None)
        if role is not None and (role[0] not in meta or role[1] < meta[role[0]][1]):
            if role[0] in meta:
                ignored.append(str(header[meta[role[0]][0]]))
            meta[role[0]] = (col, role[1])
        else:
            ignored.append(text.strip())
    order = [q.id for _, _, q in instrument.questions()]
    missing = [q for q in order if q not in columns]
    if missing:
        shown = "、".join(missing[:10]) + (f" 等 {len(missing)} 题" if len(missing) > 10 else "")
        raise SurveyError(
            f"{path.name} 缺少问卷“{instrument.title}”的题目列：{shown}。"
            "请确认问卷与回答文件对应，或在问卷题目的 aliases 中写明该列的表头。"
        )
    if "id" not in meta:
        words = "、".join(ROLE_HEADERS["id"])
        raise SurveyError(f"{path.name} 找不到答卷人编号列（表头应为 {words} 之一）。")

    body = rows[head_at + 1 :]
    body_numbers = numbers[head_at + 1 :]  # 1-based row numbers in the source
    keep = [i for i, r in enumerate(body) if any(c is not None and str(c).strip() for c in r)]
    body = [body[i] for i in keep]
    row_numbers = [body_numbers[i] for i in keep]
    if not body:
        raise SurveyError(f"{path.name} 只有表头，没有答卷数据。")
    width = max((len(r) for r in body), default=0)

    def column(col: int) -> list[Any]:
        return [r[col] if col < len(r) else None for r in body] if col < width else [None] * len(body)

    def text_column(col: int) -> list[str | None]:
        out: list[str | None] = []
        for value in column(col):
            if value is None or not str(value).strip():
                out.append(None)
            elif isinstance(value, float) and value.is_integer():
                out.append(str(int(value)))
            else:
                out.append(str(value).strip())
        return out

    n, k = len(body), len(order)
    values = np.full((n, k), np.nan)
    invalid: list[InvalidCell] = []
    scales = {q.id: q.scale or instrument.scale for _, _, q in instrument.questions()}
    for j, item in enumerate(order):
        scale = scales[item]
        labels = {_clean(word).casefold(): value for word, value in scale.labels.items()}
        codes, uniques = pd.factorize(pd.Series(column(columns[item]), dtype=object), use_na_sentinel=True)
        parsed = [_parse_value(u, scale, labels) for u in uniques]
        lookup = np.array([np.nan if v is None else v for v, _ in parsed] + [np.nan])
        values[:, j] = lookup[codes]  # code -1 (blank) picks the trailing NaN
        bad_codes = [c for c, (_, bad) in enumerate(parsed) if bad]
        if bad_codes:
            for row in np.flatnonzero(np.isin(codes, bad_codes)):
                raw = uniques[codes[row]]
                invalid.append(InvalidCell(int(row), item, str(raw), _cell_where(sheet, row_numbers[row], columns[item])))
    groups = {role: text_column(col) for role, (col, _) in meta.items() if role != "id"}
    return ResponseTable(
        source=path.name, item_ids=order, ids=text_column(meta["id"][0]), rows=row_numbers, values=values,
        groups=groups, invalid=invalid, headers={item: str(header[c]) for item, c in columns.items()},
        ignored=ignored, sheet=sheet,
    )


def _col_name(col: int, sheet: str | None) -> str:
    return f"{col_letter(col + 1)} 列" if sheet else f"第 {col + 1} 列"


def _cell_where(sheet: str | None, row: int, col: int) -> str:
    return cell_ref(sheet, row, col + 1) if sheet else f"第 {row} 行第 {col + 1} 列"


def canonical_csv(table: ResponseTable) -> str:
    """The responses as a plain table keyed by item ids: ``respondent``, the group
    columns, one column per item.  Invalid answers are left empty here; they are listed
    by ``table.invalid`` so the caller reports them (nothing is fixed silently)."""
    import csv
    import io
    import math

    groups = list(table.groups)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["respondent", *groups, *table.item_ids])
    for row in range(table.n):
        values = ["" if math.isnan(v) else f"{v:g}" for v in table.values[row]]
        writer.writerow([table.ids[row] or "", *(table.groups[g][row] or "" for g in groups), *values])
    return out.getvalue()
