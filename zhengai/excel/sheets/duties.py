"""The ``duties`` sheet: job standards (部门职责 → 岗位工作 → 工作标准) into a ``duties`` file.

**Reading** three shapes of the seeds (and the workbook :func:`write` produces):

- a table with a duty column (Guangxi 表4 岗位说明书: 职责类型 | 工作内容 | 工作标准; Luzhou
  表2 岗位工作一览表: 部门职责 | 具体化的工作 | 工作归属岗位 | 岗位所在科室).  A duty cell merged
  down (or left blank) over several rows covers the work items of those rows.  The
  岗位说明书's 基本信息 above the table (定员、岗位系数、直接上级、直接下级) and its 任职资格要求
  below become the file's ``post``; its work items belong to that post;
- a table of posts and work without duties (Luzhou 表3 科室岗位工作标准一览表: 科室 | 岗位 |
  具体化工作 | 工作标准; Shaoyang 表5 部门工作标准一览表, whose rows sit beside the label
  “部门岗位设置及岗位具体工作” merged down, with no header row).  The work is grouped by
  post into one duty per post, named “<岗位>岗位工作”, with a warning: the sheet does not
  say which duty the work carries out;
- Luzhou 表1 职责厘清一览表: “在系统内的职责 | …” and “在系统外的职责 | …”: one duty per
  numbered item, its type 系统内/系统外, no work items yet.

Title lines give the title (``表4 教学管理岗位说明书``), the department (``部门名称：教务处``,
or ``部门名称 | 教务处``) and the office (``科室名称：教学运行科``); other lines above the
table, notes under it and the 落款 become ``notes``, as in the other sheets.

**Writing**: the 岗位说明书 workbook, one sheet per duties file: title, 部门名称, the post's
基本信息, the table (职责类型 merged down over its work items, numbered 一、二、… and
1.、2.、… as in Guangxi 表4) with the columns the model needs to come back unchanged
(责任岗位, 责任科室, 协助部门, 工作周期, 职责性质, 职责编号, 工作编号, ``附加：…``), the notes,
and the 任职资格要求; A4 landscape, the header repeated on every page.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from zhengai.excel.cells import norm_header, numbered_prefix, split_numbered, split_owners
from zhengai.excel.context import Probe, SheetContext, layout_or_fail
from zhengai.excel.exporting import ExportContext, owner_names, where
from zhengai.excel.fields import add_extra, unique_id, valid_id
from zhengai.excel.headers import Column, Layout
from zhengai.excel.printing import Bounds, lay_out
from zhengai.excel.reader import Cell, Row
from zhengai.excel.report import LABEL, LAYOUT, TITLE
from zhengai.excel.table import BodyRow, TableWalker
from zhengai.excel.writer import SheetWriter, safe_sheet_name
from zhengai.excel.yamlout import OutputDoc
from zhengai.load.repository import Located, Repository, SourceFile
from zhengai.models.duties import Duties, Duty, WorkItem

POST_BLOCK = "部门岗位设置及岗位具体工作"
"""Shaoyang 表5's label, merged down beside the rows of posts and their work."""
SCOPES = {"在系统内的职责": "系统内", "在系统外的职责": "系统外"}
"""Luzhou 表1's two rows: duties inside and outside the department's system."""
_TITLE_WORDS = ("岗位说明书", "职责厘清一览表", "岗位工作一览表", "工作标准一览表")
_OTHER_ROLES = {"task", "project", "deadline", "level1.content", "statement", "dimension", "qc_point",
                "ref_item", "value", "conformity"}
_POST_FIELDS = {"岗位名称": "name", "定员": "headcount", "岗位系数": "coefficient",
                "直接上级": "superior", "直接下级": "subordinate"}
_META_FIELDS = {"部门名称": "owner", "所在部门": "owner", "科室名称": "office", **_POST_FIELDS}
_META_RE = re.compile(
    r"(?P<label>" + "|".join(_META_FIELDS) + r")\s*[:：]?\s*(?P<value>.*?)\s*"
    r"(?=(?:" + "|".join(_META_FIELDS) + r")\s*[:：]|$)",
    re.DOTALL,
)
_META_START = re.compile(r"^(?:" + "|".join(_META_FIELDS) + r")(?:\s|[:：]|$)")
_SECTIONS = {"基本信息", "工作职责", "岗位职责"}
_REQUIREMENTS = "任职资格"
_REQUIREMENT_LABELS = ("学历/职称", "专业知识和技能", "工作经验", "资格证书")
_BLANK = re.compile(r"^[\s_＿]*$")
_ELLIPSIS = re.compile(r"^[\s.。…·、]+$")
_CN_NUMBER = re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．]\s*(?=\S)")


def detect(probe: Probe) -> bool:
    """Duty, post or office columns beside work and standards; or the form labels of
    Shaoyang 表5 / Luzhou 表1 (never a sheet with task, target or standard-chain columns)."""
    texts = {norm_header(c.text) for r in probe.head for c in r.own()}
    if POST_BLOCK in texts or texts & set(SCOPES):
        return True
    roles = probe.roles
    if roles & _OTHER_ROLES:
        return False
    if "duty" in roles and bool(roles & {"work", "standard", "post", "office"}):
        return True
    return {"work", "standard"} <= roles and bool(roles & {"post", "office"})


# ---------------------------------------------------------------------- reading


def read(ctx: SheetContext, head: list[Row], rows: Iterator[Row]) -> OutputDoc:
    """A job-standard sheet → a ``duties`` file (see module doc)."""
    form = _form_layout(head)
    layout = form if form is not None else layout_or_fail(ctx, head, "duties")
    walker = TableWalker(ctx.sheet, layout, ctx.report)
    doc = OutputDoc(
        "duties",
        {"schema_version": 1, "kind": "duties", "owner": None, "title": None, "post": None},
        "duties",
        Duty,
        {"notes": walker.notes},
    )
    reader = _Reader(ctx, walker, doc, layout)
    reader.titles()
    tail: list[Row] = []
    for br in walker.body(_until_requirements(itertools.chain(head, rows), tail)):
        reader.row(br)
    reader.finish_table()
    reader.requirements(tail)
    post = {k: v for k, v in reader.post.items() if v}
    doc.head["post"] = post or None
    doc.head["title"] = reader.title
    owner = ctx.default("owner") or reader.owner
    if owner:
        doc.head["owner"] = split_owners(owner)
    return doc


def _form_layout(head: list[Row]) -> Layout | None:
    """The columns of a form without a header row (Shaoyang 表5, Luzhou 表1), by position."""
    for row in head:
        own = row.own()
        for i, cell in enumerate(own):
            label = norm_header(cell.text)
            rest = own[i + 1 :]
            roles: tuple[str, ...]
            if label == POST_BLOCK and rest:
                roles = ("post", "work", "standard")
            elif label in SCOPES and rest:
                roles = ("duty",)
            else:
                continue
            columns = {cell.col: Column(cell.col, cell.text, "form_label")}
            for role, other in zip(roles, rest, strict=False):
                columns[other.col] = Column(other.col, {"post": "岗位", "work": "具体工作",
                                                        "standard": "工作标准", "duty": "职责"}[role], role)
            titles = [r for r in head if r.number < row.number and r.own()]
            return Layout([row.number - 1], columns, titles)
    return None


def _until_requirements(rows: Iterable[Row], tail: list[Row]) -> Iterator[Row]:
    """The rows up to the 任职资格要求 block of a 岗位说明书; that block goes to ``tail``."""
    it = iter(rows)
    for row in it:
        own = row.own()
        if own and own[0].text.strip().startswith(_REQUIREMENTS):
            tail.append(row)
            tail.extend(it)
            return
        yield row


def _strip_number(text: str) -> str:
    """``一、管理体系建设`` → ``管理体系建设``; ``1.制定…`` → ``制定…`` (the sheet's numbering)."""
    text = _CN_NUMBER.sub("", text, count=1)
    number, rest = numbered_prefix(text)
    return rest if number is not None and "." not in number else text.strip()


@dataclass
class _Reader:
    """State while the rows of one sheet are read: the duty being built, ids, defaults."""

    ctx: SheetContext
    walker: TableWalker
    doc: OutputDoc
    layout: Layout
    title: str | None = None
    owner: str | None = None
    office: str | None = None
    post: dict[str, Any] = field(default_factory=dict)
    duty: dict[str, Any] | None = None
    duty_row: int = 0
    duty_col: int = 0
    index: int = 0
    by_post: dict[str, tuple[int, dict[str, Any], int, int]] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    warned: bool = False

    @property
    def base(self) -> str:
        """The pointer of the duty being built."""
        return f"/duties/{self.index}"

    # -- above the table

    def titles(self) -> None:
        """Title, department, office and the post's 基本信息; anything else is a note."""
        for row in self.walker.titles:
            own = row.own()
            left: list[Cell] = []
            i = 0
            while i < len(own):
                cell = own[i]
                text = cell.text.strip()
                label = norm_header(text)
                if label in _SECTIONS:
                    self.ctx.place(cell, LAYOUT, "栏目名称")
                elif _META_START.match(text):
                    pairs = [(m.group("label"), m.group("value")) for m in _META_RE.finditer(text)]
                    nxt = own[i + 1] if i + 1 < len(own) else None
                    if len(pairs) == 1 and not pairs[0][1] and nxt is not None and not _META_START.match(
                            nxt.text.strip()):
                        self._meta(pairs[0][0], nxt.text, cell, nxt)
                        i += 1
                    else:
                        for name, value in pairs:
                            self._meta(name, value, cell, None)
                else:
                    left.append(cell)
                i += 1
            if not left:
                continue
            text = " ".join(c.text for c in left)
            if self.title is None and len(left) == 1 and any(w in text for w in _TITLE_WORDS):
                self.title = re.sub(r"^\s*表\s*\d+\s*", "", text).strip()
                self.ctx.report.place(self.ctx.sheet.name, left[0].row, left[0].col, left[0].text,
                                      "/title", TITLE, merge=left[0].merge)
                continue
            self._note(left, TITLE)
        if self.post and not self.post.get("name") and self.title:
            m = re.search(r"([^\s（(]+?)岗位?说明书$", self.title)
            if m:  # 教学管理岗位说明书 describes the post 教学管理岗
                self.post["name"] = m.group(1) + "岗"

    def _meta(self, name: str, value: str, label: Cell, value_cell: Cell | None) -> None:
        key = _META_FIELDS[name]
        value = value.strip()
        blank = _BLANK.match(value) is not None
        target = {"owner": "/owner", "office": "（各项岗位工作的科室）"}.get(key, f"/post/{key}")
        if value_cell is not None:
            self.ctx.place(label, LAYOUT, LABEL)
            self.ctx.place(value_cell, target if not blank else LAYOUT)
        else:
            self.ctx.place(label, target if not blank else LAYOUT, f"{name}（标题行）")
        if blank:
            return  # a template's 部门名称：_____
        if key == "owner":
            self.owner = value
        elif key == "office":
            self.office = value
        else:
            self.post[key] = value

    def _note(self, cells: list[Cell], why: str) -> None:
        index = len(self.walker.notes)
        self.walker.notes.append(" ".join(c.text for c in cells))
        for cell in cells:
            self.ctx.report.place(self.ctx.sheet.name, cell.row, cell.col, cell.text,
                                  f"/notes/{index}", why, merge=cell.merge)

    # -- the table

    def row(self, br: BodyRow) -> None:
        """One row of the table: maybe a new duty, maybe a work item of the current one."""
        label = br.take("form_label")
        if label is not None and not label.filled:
            self.ctx.place(label, LAYOUT, LABEL)
        if self._template_header(br):
            return
        work = br.cell("work")
        if work is not None and _ELLIPSIS.match(work.text):
            self.walker.add_note(br.row, "省略的行（……）")
            return
        has_duty = self.layout.column_of("duty") is not None
        if has_duty:
            if not self._duty_of(br, label):
                return
        elif not self._group_of(br):
            return
        assert self.duty is not None
        if work is None:
            add_extra(self.ctx, self.duty, br, self.base)
            return
        self._item(br)

    def _template_header(self, br: BodyRow) -> bool:
        """Shaoyang's template row 岗位1名称 | 具体工作 | 工作标准 (a header, not work)."""
        work, standard = br.cell("work"), br.cell("standard")
        if work is None or standard is None or "duty" in self.layout.roles():
            return False
        if norm_header(work.text) != "具体工作" or norm_header(standard.text) != "工作标准":
            return False
        for cell in br.row.own():
            self.ctx.place(cell, LAYOUT, "表头")
        return True

    def _duty_of(self, br: BodyRow, label: Cell | None) -> bool:
        """The duty a row belongs to: a new one where the duty cell has its own text, the
        current one where it is merged down from above or left blank."""
        cell = br.cell("duty")
        scope = SCOPES.get(norm_header(label.text)) if label is not None else None
        if cell is not None and not cell.filled:
            br.take("duty")
            self.finish()
            self.index = self.doc.count
            titles = split_numbered(cell.text) if scope else None
            if titles:  # 表1: 1.… 2.… in one cell are several duties
                self.ctx.place(cell, f"{self.base}/title", f"拆分为 {len(titles)} 项职责")
                for title in titles[:-1]:
                    self._new_duty(br, None, title, scope)
                    self.finish()
                self._new_duty(br, None, titles[-1], scope, col=cell.col)
            else:
                self._new_duty(br, cell, _strip_number(cell.text), scope)
            return True
        if cell is not None:
            br.take("duty")
        for role in ("duty_id", "duty_type"):
            other = br.cell(role)
            if other is not None and other.filled:
                br.take(role)
        if self.duty is None:
            self.walker.add_note(br.row, "没有职责的行")
            self.ctx.warn(f"{self.ctx.ref(br.number, br.row.own()[0].col)}：第 {br.number} 行前面没有职责，整行按备注保存。",
                          (br.number, br.row.own()[0].col))
            return False
        return True

    def _new_duty(self, br: BodyRow, cell: Cell | None, title: str, scope: str | None, col: int = 0) -> None:
        base = self.base
        duty: dict[str, Any] = {"id": None, "title": title, "type": scope, "items": []}
        if cell is not None:
            self.ctx.place(cell, f"{base}/title")
        ident = br.cell("duty_id")
        if ident is not None and not ident.filled and valid_id(ident.text) and not scope:
            br.take("duty_id")
            self.ctx.place(ident, f"{base}/id")
            duty["id"] = unique_id(ident.text, self.used)
        else:
            duty["id"] = unique_id(f"{self.ctx.prefix}-D{self.doc.count + 1}", self.used)
        kind = br.cell("duty_type")
        if kind is not None and not kind.filled:
            br.take("duty_type")
            duty["type"] = kind.text
            self.ctx.place(kind, f"{base}/type")
        self.duty, self.duty_row, self.duty_col = duty, br.number, cell.col if cell is not None else col

    def _group_of(self, br: BodyRow) -> bool:
        """Without a duty column: the row's work joins the duty of its post (or office);
        those duties are queued when the table ends (a post's rows may not be together)."""
        post = br.cell("post")
        office = br.cell("office")
        key = (post.text if post is not None else None) or (office.text if office is not None else None) \
            or self.post.get("name") or self.office or self.owner or "本部门"
        if key in self.by_post:
            self.index, self.duty, self.duty_row, self.duty_col = self.by_post[key]
            return True
        title = f"{key}岗位工作"
        self.index = len(self.by_post)
        self.duty = {"id": unique_id(f"{self.ctx.prefix}-D{self.index + 1}", self.used),
                     "title": title, "items": []}
        self.duty_row, self.duty_col = br.number, (post or office or br.row.own()[0]).col
        self.by_post[key] = (self.index, self.duty, self.duty_row, self.duty_col)
        if not self.warned:
            self.warned = True
            self.ctx.warn(
                f"工作表“{self.ctx.sheet.name}”没有部门职责列：岗位工作按岗位归为职责“{title}”等；"
                "请对照职责厘清一览表把标题改为实际的部门职责。",
                (br.number, self.duty_col),
            )
        return True

    def _item(self, br: BodyRow) -> None:
        assert self.duty is not None
        items: list[dict[str, Any]] = self.duty["items"]
        d = self.doc.count
        base = f"/duties/{d}/items/{len(items)}"
        work = br.take("work")
        assert work is not None
        item: dict[str, Any] = {"id": None, "content": _strip_number(work.text)}
        self.ctx.place(work, f"{base}/content")
        ident = br.cell("work_id") or br.cell("id")
        if ident is not None and not ident.filled and valid_id(ident.text):
            br.take("work_id" if br.cell("work_id") is ident else "id")
            self.ctx.place(ident, f"{base}/id")
            item["id"] = unique_id(ident.text, self.used)
        else:
            item["id"] = unique_id(f"{self.duty['id']}-{len(items) + 1}", self.used)
        for role in ("post", "office", "assist", "standard", "frequency"):
            cell = br.take(role)
            if cell is None:
                continue
            if _ELLIPSIS.match(cell.text):  # the seed's excerpt marks: “.....” is not a standard
                self.ctx.place(cell, LAYOUT, "省略号，不作内容")
                continue
            item[role] = split_owners(cell.text) if role == "assist" else cell.text
            self.ctx.place(cell, f"{base}/{role}")
        if "post" not in item and self.layout.column_of("post") is None and self.post.get("name"):
            item["post"] = self.post["name"]  # a 岗位说明书: every work item is its post's
        if "office" not in item and self.layout.column_of("office") is None and self.office:
            item["office"] = self.office
        item["origin"] = self.ctx.origin(br.number)
        add_extra(self.ctx, item, br, base)
        items.append(item)

    def finish(self) -> None:
        """Queue the duty being built (with a duty column: when the next one starts)."""
        duty = self.duty
        self.duty = None
        if duty is None or self.by_post:
            return
        duty["origin"] = self.ctx.origin(self.duty_row, self.base)
        self.doc.add(duty, self.ctx.ref(self.duty_row, self.duty_col))
        self.index = self.doc.count

    def finish_table(self) -> None:
        """The end of the table: the last duty, or every post's duty (no duty column)."""
        self.finish()
        for index, duty, row, col in self.by_post.values():
            duty["origin"] = self.ctx.origin(row, f"/duties/{index}")
            self.doc.add(duty, self.ctx.ref(row, col))

    # -- below the table

    def requirements(self, rows: list[Row]) -> None:
        """The 任职资格要求 block: 栏目 | 要求 rows; other lines (a 落款) are notes."""
        requirements: dict[str, str] = {}
        for row in rows:
            own = row.own()
            if not own:
                continue
            first = own[0]
            label = first.text.strip()
            if label.startswith(_REQUIREMENTS):
                for cell in own:
                    self.ctx.place(cell, LAYOUT, "栏目名称（任职资格要求）")
                continue
            if len(own) == 1 and label not in _REQUIREMENT_LABELS:
                self._note(own, "表格下方的文字（落款、日期等）")
                continue
            self.ctx.place(first, LAYOUT, LABEL)
            value = "\n".join(c.text for c in own[1:])
            if value:
                requirements[label] = value
                for cell in own[1:]:
                    self.ctx.place(cell, f"/post/requirements/{label}")
        if requirements:
            self.post["requirements"] = requirements


# ---------------------------------------------------------------------- writing

_CN = "一二三四五六七八九"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三 (the numbering of duties in Guangxi 表4)."""
    if n < 10:
        return _CN[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN[tens - 1]) + "十" + (_CN[ones - 1] if ones else "")


@dataclass
class _Col:
    header: str
    key: str
    bounds: Bounds


_TEXT = Bounds(12, 22)
# narrow enough that the 岗位说明书 prints one page across at 9 pt or more (as Guangxi 表4 does)
COLUMNS = [
    _Col("职责类型", "duty", Bounds(10, 14)),
    _Col("工作内容", "content", _TEXT),
    _Col("工作标准", "standard", Bounds(16, 30)),
    _Col("责任岗位", "post", Bounds(8, 12)),
    _Col("责任科室", "office", Bounds(8, 10)),
    _Col("协助部门", "assist", Bounds(8, 10)),
    _Col("工作周期", "frequency", Bounds(6, 8)),
    _Col("职责性质", "duty_type", Bounds(6, 8)),
    _Col("职责编号", "duty_id", Bounds(8, 10)),
    _Col("工作编号", "id", Bounds(8, 10)),
]
POST_LABELS = {v: k for k, v in _POST_FIELDS.items()}


def write(out: ExportContext, repo: Repository) -> None:
    """One 岗位说明书 sheet per duties file."""
    files = [f for f in repo.files if isinstance(f.model, Duties)]
    if not files:
        raise out.nothing("部门职责文件（kind: duties）")
    for source in files:
        assert isinstance(source.model, Duties)
        _duties_sheet(out, Located(source.model, source, ""), repo)


def sheet_title(model: Duties, owner: str | None) -> str:
    """The title row: the file's own title, else ``<部门>岗位说明书``."""
    return model.title or f"{owner or ''}岗位说明书"


def _duties_sheet(out: ExportContext, located: Located[Duties], repo: Repository) -> None:
    model, source = located.item, located.file
    owner = owner_names(repo, model.owner)
    name = safe_sheet_name(f"{owner}岗位说明书" if owner else "岗位说明书", out.taken)
    ws = out.book.create_sheet(name)
    out.result.sheets.append(name)
    w = SheetWriter(ws, out.problems)
    keys: list[str] = []
    for duty in model.duties:
        for work in duty.items:
            keys += [k for k in work.extra if k not in keys]
        keys += [k for k in duty.extra if k not in keys] if not duty.items else []
    dropped = [d.id for d in model.duties if d.items and d.extra]
    if dropped:
        out.warn(f"{source.rel}：职责 {'、'.join(dropped[:5])} 的 extra 不在岗位说明书中，未导出（YAML 中保留）。", source)
    cols = COLUMNS + [_Col(f"附加：{k}", f"extra:{k}", _TEXT) for k in keys]
    ncols = len(cols)
    r = 1
    w.text(r, 1, sheet_title(model, owner), where(source, "/title"), style="title")
    w.merge(r, 1, r, ncols)
    if owner:
        r += 1
        w.text(r, 1, f"部门名称：{owner}", where(source, "/owner"), style="label")
        w.merge(r, 1, r, ncols)
    post = model.post
    facts = [(POST_LABELS[k], getattr(post, k)) for k in POST_LABELS if post is not None and getattr(post, k)]
    if facts:
        r += 1
        w.text(r, 1, "基本信息", style="label")
        w.merge(r, 1, r, ncols)
        r += 1
        for i, (label, value) in enumerate(facts):
            w.text(r, 2 * i + 1, label, style="label")
            w.text(r, 2 * i + 2, value, where(source, "/post"))
        for c in range(2 * len(facts) + 1, ncols + 1):
            w.text(r, c, None)
        r += 1
        w.text(r, 1, "工作职责", style="label")
        w.merge(r, 1, r, ncols)
    r += 1
    header = r
    for c, col in enumerate(cols, start=1):
        w.text(header, c, col.header, style="header")
    first = header + 1
    r = first
    merge_keys: list[Any] = []
    for d, duty in enumerate(model.duties):
        rows: list[WorkItem | None] = list(duty.items) or [None]
        for i, item in enumerate(rows):
            base = f"/duties/{d}" + (f"/items/{i}" if item is not None else "")
            for c, col in enumerate(cols, start=1):
                w.text(r, c, _value(col.key, duty, d, item, i, repo, out, source, base), where(source, base))
            merge_keys.append(d)
            r += 1
    # a duty and its number, type and id are written once, merged down over its work items
    w.merge_runs(first, merge_keys, [1, 8, 9])
    last = r - 1
    r = last + 2
    for i, note in enumerate(model.notes):
        w.text(r, 1, note, where(source, f"/notes/{i}"))
        w.merge(r, 1, r, ncols)
        r += 1
    if post is not None and post.requirements:
        r = r + 1 if model.notes else r
        w.text(r, 1, "任职资格要求", style="label")
        w.merge(r, 1, r, ncols)
        for label, value in post.requirements.items():
            r += 1
            w.text(r, 1, label, style="label")
            w.text(r, 2, value, where(source, f"/post/requirements/{label}"))
            w.merge(r, 2, r, ncols)
    ws.freeze_panes = ws.cell(first, 3)
    bounds = {c: col.bounds for c, col in enumerate(cols, start=1)}
    lay_out(ws, bounds, header_rows=(header,), title_rows=f"{header}:{header}", keys=(1, 2))


def _value(key: str, duty: Duty, d: int, item: Any, i: int, repo: Repository, out: ExportContext,
           source: SourceFile, base: str) -> str | None:
    """The text of one cell of the table (``item`` None: a duty without work items)."""
    if key == "duty":
        return f"{cn_number(d + 1)}、{duty.title}"
    if key == "duty_type":
        return duty.type
    if key == "duty_id":
        return duty.id
    if key.startswith("extra:"):
        holder = item if item is not None else duty
        value = holder.extra.get(key[6:])
        if value is not None and not isinstance(value, str):
            out.warn(f"{where(source, base)}：extra 中“{key[6:]}”不是文本，按 YAML 写入单元格。", source, f"{base}/extra")
            value = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True).strip()
        return value
    if item is None:
        return None
    if key == "content":
        return f"{i + 1}.{item.content}"
    if key == "assist":
        return owner_names(repo, item.assist) if item.assist else None
    return getattr(item, key)


__all__ = ["COLUMNS", "POST_BLOCK", "SCOPES", "cn_number", "detect", "read", "sheet_title", "write"]
