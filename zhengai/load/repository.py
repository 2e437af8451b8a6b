"""Loading a plan repository: discover files, read them strictly, validate, index.

:func:`load_repository` never raises for bad content.  Problems in plan files become
findings (``Repository.findings``); only misuse — a path that does not exist, a
broken ``zhengai.yaml`` — raises :class:`RepositoryError`, which the CLI turns into
exit code 2.

Finding the files is :mod:`zhengai.load.discover`'s.  This module stays whole (about
560 lines) because reading, the built-in reference standard and indexing all fill the
same :class:`Repository` and call each other; split, they would import each other.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from zhengai.errors import ZhengaiError
from zhengai.findings import Finding, Severity
from zhengai.load.discover import (
    CONFIG_NAME,
    _display,
    find_root,
    real_path,
    scan,
    unsafe_reason,
)
from zhengai.load.schema_errors import validation_problems
from zhengai.load.units import Units, items_by_unit
from zhengai.load.yamlsrc import Position, YamlDoc, YamlProblem, read_yaml
from zhengai.models import KIND_MODELS
from zhengai.models.common import SCHEMA_VERSION, Indicator
from zhengai.models.config import Department, RepoConfig
from zhengai.models.duties import Duties, Duty, WorkItem
from zhengai.models.oppm import Oppm
from zhengai.models.people import TeacherPlan
from zhengai.models.plans import Plan, Target
from zhengai.models.records import Improvement, Improvements, Observation, Observations
from zhengai.models.reference import Reference
from zhengai.models.standards import Dimension, QCPoint, Standard, StandardItem
from zhengai.models.tasks import KeyTask, TaskFile

# Owner words that stand for several departments at once; always known.
GENERIC_OWNERS = frozenset(
    {
        "各部门", "各职能部门", "各二级学院", "各二级教学单位", "各系（部）", "各系部", "各系",
        "相关部门", "相关职能部门", "全院", "全校", "各教学单位",
        # Luzhou 附1 and Shaoyang 附表 name these as owners: kinds of unit or people, not one
        "二级教学单位", "职能部门", "分管领导", "师生员工", "全体师生",
    }
)

T = TypeVar("T")


class RepositoryError(ZhengaiError):
    """Misuse or an unusable configuration: the CLI exits 2 with this message."""


@dataclass
class SourceFile:
    """One YAML file of the repository as read and validated."""

    path: Path
    rel: str
    doc: YamlDoc
    kind: str | None = None
    model: Any = None

    def position(self, pointer: str) -> Position:
        """Line and column of a pointer in this file."""
        return self.doc.locate(pointer)


@dataclass(frozen=True)
class Located(Generic[T]):
    """An item of a model with the file and JSON pointer it came from."""

    item: T
    file: SourceFile
    pointer: str

    @property
    def position(self) -> Position:
        """Where the item starts."""
        return self.file.position(self.pointer)

    def cite(self) -> str:
        """``path:line`` for reports."""
        return f"{self.file.rel}:{self.position.line}"


@dataclass(frozen=True)
class QCPointRef:
    """A QC point with the standard, dimension and standard item it belongs to."""

    standard: Standard
    dimension: Dimension
    item: StandardItem


@dataclass
class Repository:
    """Everything loaded from a plan repository, indexed by id."""

    root: Path | None
    config: RepoConfig | None = None
    config_file: SourceFile | None = None
    files: list[SourceFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    plans: dict[str, Located[Plan]] = field(default_factory=dict)
    targets: dict[str, Located[Target]] = field(default_factory=dict)
    task_files: list[Located[TaskFile]] = field(default_factory=list)
    tasks: dict[str, Located[KeyTask]] = field(default_factory=dict)
    oppms: dict[str, Located[Oppm]] = field(default_factory=dict)
    standards: dict[str, Located[Standard]] = field(default_factory=dict)
    qc_points: dict[str, Located[QCPoint]] = field(default_factory=dict)
    qc_context: dict[str, QCPointRef] = field(default_factory=dict)
    indicators: dict[str, Located[Indicator]] = field(default_factory=dict)
    indicator_owner: dict[str, str] = field(default_factory=dict)
    observations: list[Located[Observation]] = field(default_factory=list)
    improvements: dict[str, Located[Improvement]] = field(default_factory=dict)
    improvement_files: list[Located[Improvements]] = field(default_factory=list)
    references: dict[str, Located[Reference]] = field(default_factory=dict)
    teacher_plans: dict[str, Located[TeacherPlan]] = field(default_factory=dict)
    duties: dict[str, Located[Duty]] = field(default_factory=dict)
    work_items: dict[str, Located[WorkItem]] = field(default_factory=dict)
    builtin: list[SourceFile] = field(default_factory=list)
    excluded: tuple[str, ...] = ()  # files left out by load_repository(exclude=...), for the 编写清单
    _ids: dict[str, Located[Any]] = field(default_factory=dict)
    _departments: dict[str, Department] | None = None

    # ----------------------------------------------------------------- lookups
    @property
    def departments(self) -> list[Department]:
        """Declared departments (empty without a configuration)."""
        return self.config.departments if self.config else []

    def department(self, name: str) -> Department | None:
        """The department with this id, name or alias."""
        if self._departments is None:
            index: dict[str, Department] = {}
            for dept in reversed(self.departments):  # the first declaration wins
                for key in (dept.id, dept.name, *dept.aliases):
                    index[key] = dept
            self._departments = index
        return self._departments.get(name)

    def owner_known(self, name: str) -> bool:
        """True for a department, a configured group or a generic word like 各部门."""
        if name in GENERIC_OWNERS:
            return True
        if self.config and name in self.config.groups:
            return True
        return self.department(name) is not None

    def department_folder(self, dept: Department) -> Path | None:
        """The folder holding a department's files."""
        if self.root is None:
            return None
        return self.root / (dept.folder or f"departments/{dept.id}")

    def department_of_path(self, path: Path) -> Department | None:
        """The department whose folder is or contains ``path``."""
        resolved = real_path(path)
        for dept, folder in self._real_folders:
            if resolved.is_relative_to(folder):
                return dept
        return None

    @cached_property
    def _real_folders(self) -> list[tuple[Department, Path]]:
        # resolved once: a realpath per department per lookup made rules over many items quadratic
        found = []
        for dept in self.departments:
            folder = self.department_folder(dept)
            if folder is not None:
                found.append((dept, real_path(folder)))
        return found

    def department_files(self, dept: Department) -> list[SourceFile]:
        """The files inside a department's folder (by display path, no disk access)."""
        if self.root is None:
            return []
        return self._files_by_folder.get(_folder_prefix(dept), [])

    @cached_property
    def _files_by_folder(self) -> dict[str, list[SourceFile]]:
        # one pass over the files for all departments: a scan per department made
        # diagnosing every department of a large college quadratic
        prefixes = {_folder_prefix(d) for d in self.departments}
        index: dict[str, list[SourceFile]] = {}
        for source in self.files:
            parts = source.rel.split("/")
            for depth in range(1, len(parts)):
                prefix = "/".join(parts[:depth]) + "/"
                if prefix in prefixes:
                    index.setdefault(prefix, []).append(source)
        return index

    @cached_property
    def indicators_of(self) -> dict[str, list[str]]:
        """Owner id (target or task) → the ids of its indicators, in declaration order."""
        index: dict[str, list[str]] = {}
        for ident, owner in self.indicator_owner.items():
            index.setdefault(owner, []).append(ident)
        return index

    @cached_property
    def unit_items(self) -> dict[str, dict[str, list[str]]]:
        """Unit id → the targets, tasks and improvement records naming it (:func:`~zhengai.load.units.items_by_unit`)."""
        return items_by_unit(self)

    @cached_property
    def units(self) -> Units:
        """The departments, programs, courses, classes and teachers (see :mod:`zhengai.load.units`)."""
        return Units(self)

    # ------------------------------------------------------------------ findings
    def finding(
        self,
        code: str,
        message: str,
        *,
        at: Located[Any] | None = None,
        file: SourceFile | None = None,
        pointer: str = "",
        hint: str = "",
        subject: str = "",
        severity: Severity = Severity.ERROR,
        smart: str | None = None,
    ) -> Finding:
        """Build a located finding from an item or a file and pointer."""
        if at is not None:
            file, pointer = at.file, pointer or at.pointer
        line = col = 0
        rel = ""
        if file is not None:
            pos = file.position(pointer)
            line, col, rel = pos.line, pos.col, file.rel
            cell = excel_cell(file.model, pointer) if file.model is not None else None
            if cell:  # imported data: say where to fix it in the sheet people still use
                message = f"{message}（源表 {cell}）"
        return Finding(code, severity, message, hint, rel, line, col, pointer, subject, smart)


def _folder_prefix(dept: Department) -> str:
    return (dept.folder or f"departments/{dept.id}").strip("/").replace("\\", "/") + "/"


def walk_pointer(model: Any, pointer: str) -> list[tuple[Any, str]]:
    """The objects along a JSON pointer into a model, each with the rest of the pointer
    below it: ``[(file model, "tasks/3/deadline"), (task, "deadline"), …]``."""
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.strip("/").split("/")] if pointer else []
    node, chain = model, [(model, "/".join(tokens))]
    for i, token in enumerate(tokens):
        attr = "class_" if token == "class" else token
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        elif hasattr(node, attr):
            node = getattr(node, attr)
        else:
            break
        chain.append((node, "/".join(tokens[i + 1 :])))
    return chain


def excel_cell(model: Any, pointer: str) -> str | None:
    """The spreadsheet cell an imported value came from (``附表!F12``), when known."""
    for node, rest in reversed(walk_pointer(model, pointer)):
        origin = getattr(node, "origin", None)
        if origin is not None and hasattr(origin, "cell"):
            return origin.cell(rest)
    return None


def subject_of(item: Any) -> str:
    """``"<id> <title>"`` of an item, for the ``subject`` of a finding."""
    ident = getattr(item, "id", None) or getattr(item, "ref", None) or getattr(item, "no", "")
    title = (
        getattr(item, "title", None)
        or getattr(item, "name", None)
        or getattr(item, "statement", None)
        or getattr(item, "problem", None)
        or getattr(item, "work_name", None)
        or ""
    )
    if len(title) > 24:
        title = title[:24] + "…"
    return f"{ident} {title}".strip()


# ---------------------------------------------------------------------- loading
def read_source(
    path: Path, root: Path | None, boundary: Path | None = None
) -> tuple[SourceFile, list[Finding]]:
    """Read and validate one file; return it with the findings it produced.

    A symbolic link is only followed when it stays inside ``boundary`` (default: ``root``).
    """
    reason = unsafe_reason(path, boundary or root)
    doc = YamlDoc(path=path, problems=[YamlProblem("ZG101", reason)]) if reason else read_yaml(path)
    source = SourceFile(path=path, rel=_display(path, root), doc=doc)
    findings: list[Finding] = []

    def add(code: str, message: str, pointer: str = "", hint: str = "", *, key: bool = False) -> None:
        pos = source.doc.positions.get(pointer + "#key") if key else None
        pos = pos or source.position(pointer)
        findings.append(
            Finding(code, Severity.ERROR, message, hint, source.rel, pos.line, pos.col, pointer)
        )

    for problem in source.doc.problems:
        findings.append(
            Finding(
                problem.code, Severity.ERROR, problem.message, _LOAD_HINTS.get(problem.code, ""),
                source.rel, problem.line, problem.col, problem.pointer,
            )
        )
    data = source.doc.data
    if source.doc.problems or data is None:
        return source, findings
    if not isinstance(data, dict):
        add("ZG205", "文件顶层应为映射（“键: 值”），并包含 kind 与 schema_version。")
        return source, findings
    kind = data.get("kind")
    if not isinstance(kind, str) or kind not in KIND_MODELS:
        kinds = "、".join(KIND_MODELS)
        shown = _shown(kind, "应为一个文本（如 plan），不能是列表或映射")
        add("ZG205", f"文件类型 kind {shown}。" if kind is not None and not isinstance(kind, str)
            else f"文件类型 kind {shown}，无法识别。", "/kind" if kind is not None else "",
            f"在文件开头写 kind:，取值为 {kinds} 之一。")
        return source, findings
    version = data.get("schema_version")
    if version != str(SCHEMA_VERSION):
        shown = _shown(version, "应为数字，不能是列表或映射")
        add("ZG206", f"schema_version {shown}；本版本 zhengai 只支持 {SCHEMA_VERSION}。",
            "/schema_version" if version is not None else "", f"写 schema_version: {SCHEMA_VERSION}。")
        return source, findings
    source.kind = kind
    model = KIND_MODELS[kind]
    try:
        source.model = model.model_validate(data)
    except ValidationError as exc:
        for code, message, hint, pointer, at_key in validation_problems(exc, model):
            add(code, message, pointer, hint, key=at_key)
    return source, findings


def _shown(value: Any, not_text: str) -> str:
    """How a ``kind``/``schema_version`` value is quoted in a finding (it may be a list)."""
    if value is None or value == "":
        return "缺失"
    return f"“{value}”" if isinstance(value, str) else not_text


_LOAD_HINTS = {
    "ZG101": "传入 YAML 文件或含 zhengai.yaml 的仓库目录。",
    "ZG102": "按提示位置修正 YAML 语法；含冒号、# 的文本请加引号。",
    "ZG103": "删除或合并重复的键。",
    "ZG104": "把锚点引用的内容直接写出来。",
    "ZG105": "删除 ! 开头的标签。",
    "ZG106": "把多个文档拆成多个文件。",
    "ZG107": "用 UTF-8 编码保存文件。",
    "ZG108": "拆分文件，或检查是否误放了数据导出文件。",
    "ZG109": "写入内容，或删除这个空文件。",
    "ZG110": "检查缩进，减少嵌套层级。",
}


def load_config(root: Path) -> tuple[RepoConfig, SourceFile]:
    """Read ``zhengai.yaml``; raise :class:`RepositoryError` when it is unusable."""
    source, findings = read_source(root / CONFIG_NAME, root)
    if findings or source.kind != "config":
        first = findings[0] if findings else None
        where = f"{first.file}:{first.line}:{first.col}" if first else source.rel
        why = first.message if first else "kind 应为 config"
        more = f"（另有 {len(findings) - 1} 处问题）" if len(findings) > 1 else ""
        raise RepositoryError(f"配置文件无法使用：{where}: {why}{more}")
    return source.model, source


def load_repository(paths: Sequence[Path], *, exclude: Collection[str] = ()) -> Repository:
    """Load the repository that ``paths`` belong to.

    A folder with ``zhengai.yaml`` (or inside one) loads that whole repository; files
    are loaded with their repository when they have one, so references resolve.
    Without any ``zhengai.yaml`` the given files are loaded alone.

    ``exclude`` names files (display paths, as in findings) not to read at all: the
    report batch leaves out the files with check errors this way, so that every
    report of the batch sees the same repository without them.
    """
    if not paths:
        raise RepositoryError("请给出要检查的仓库目录或文件。")
    for path in paths:
        if not path.exists():
            raise RepositoryError(f"路径不存在：{path}")
    roots = {find_root(p) for p in paths}
    if len(roots) > 1:
        shown = "、".join(sorted(str(r) for r in roots if r)) or "（无）"
        raise RepositoryError(f"一次只能检查一个仓库；给出的路径分属：{shown}")
    root = roots.pop()
    repo = Repository(root=root)
    files: list[tuple[Path, Path | None]]  # each file with the folder its links must stay in
    if root is not None:
        repo.config, repo.config_file = load_config(root)
        config = real_path(root / CONFIG_NAME)
        files = [(p, root) for p in scan(root) if real_path(p) != config]
        seen = {real_path(p) for p, _ in files}
        for path in paths:  # a file outside the usual layout (e.g. _drafts/) still counts
            if not path.is_dir() and real_path(path) not in seen and real_path(path) != config:
                files.append((path, root))
    else:
        files = []
        for path in paths:
            files.extend([(p, path) for p in scan(path)] if path.is_dir() else [(path, None)])
    skipped = set(exclude)
    left_out = []
    for path, boundary in files:
        if skipped and _display(path, root) in skipped:
            left_out.append(_display(path, root))
            continue
        source, findings = read_source(path, root, boundary)
        repo.files.append(source)
        repo.findings.extend(findings)
    repo.excluded = tuple(left_out)
    if repo.config is not None and repo.config.use_reference:
        _add_reference(repo)
    _index(repo)
    return repo


REFERENCE_PREFIX = "NAT-"
REFERENCE_STANDARD_ID = "STD-NATIONAL"


def _reference_source() -> SourceFile:
    from zhengai.resources import national_reference_path

    source, findings = read_source(national_reference_path(), None)
    if findings or not isinstance(source.model, Reference):  # a broken install, not user data
        raise RepositoryError("内置参考表损坏，请重新安装 zhengai。")
    source.rel = "zhengai:reference/national_diagnosis.yaml"
    return source


def load_reference_standard() -> Reference:
    """The built-in national diagnosis reference table."""
    return _reference_source().model


def reference_as_standard(ref: Reference, level: str = "school") -> Standard:
    """The reference table as a school-level standard: item → dimension, element →
    standard, point → qualitative QC point ``NAT-<point id>`` (hints and platform codes
    kept under ``extra``), so targets can serve and observations can rate the 37 points."""
    dimensions = []
    for item in ref.items:
        standards = []
        for element in item.elements:
            points = [
                QCPoint(id=f"{REFERENCE_PREFIX}{p.id}", name=p.name, kind="qualitative", element=p.name,
                        extra={"hints": p.hints, "platform": p.platform})
                for p in element.points
            ]
            standards.append(StandardItem(id=f"{REFERENCE_PREFIX}{element.id}", name=element.name, qc_points=points))
        dimensions.append(Dimension(id=f"{REFERENCE_PREFIX}{item.id}", name=item.name, standards=standards))
    return Standard(schema_version=1, kind="standard", id=REFERENCE_STANDARD_ID, level=level, title=ref.title,
                    dimensions=dimensions, notes=list(ref.notes))


def _add_reference(repo: Repository) -> None:
    """Make the built-in reference table a standard of the repository (``use_reference``)."""
    levels = [lv.id for lv in repo.config.levels] if repo.config else []
    source = _reference_source()
    level = "school" if "school" in levels or not levels else levels[0]
    standard = reference_as_standard(source.model, level)
    # Items of the built-in standard point at the rows of the shipped YAML file.
    source.model, source.kind = standard, "standard"
    source.doc.positions = _reference_positions(source.doc.positions)
    repo.builtin.append(source)
    repo.files.append(source)


def _reference_positions(positions: dict[str, Position]) -> dict[str, Position]:
    """Map the reference file's pointers (/items/i/elements/j/points/k) to standard pointers."""
    renamed = {}
    for pointer, pos in positions.items():
        renamed[pointer.replace("/items/", "/dimensions/").replace("/elements/", "/standards/")
                .replace("/points/", "/qc_points/")] = pos
    return renamed


# --------------------------------------------------------------------- indexing
def _register(repo: Repository, ident: str, located: Located[Any], what: str) -> bool:
    """Record a repository-wide id; a duplicate becomes finding ZG301."""
    first = repo._ids.get(ident)
    if first is not None:
        repo.findings.append(
            repo.finding(
                "ZG301",
                f"标识“{ident}”重复：已在 {first.cite()} 使用。",
                at=located,
                hint="每个目标、任务、指标、质控点和记录的标识在整个仓库中必须唯一；请改名。",
                subject=f"{what} {ident}",
            )
        )
        return False
    repo._ids[ident] = located
    return True


def _index_indicators(
    repo: Repository, owner_id: str, indicators: list[Indicator], file: SourceFile, base: str
) -> None:
    for i, ind in enumerate(indicators):
        ident = ind.id or f"{owner_id}-I{i + 1}"
        located = Located(ind, file, f"{base}/indicators/{i}")
        if ind.id is None or _register(repo, ident, located, "指标"):
            repo.indicators.setdefault(ident, located)
            repo.indicator_owner[ident] = owner_id


_KIND_RANK = {"reference": 0, "plan": 1, "standard": 2, "duties": 3, "tasks": 4, "oppm": 5, "improvements": 6,
              "observations": 7, "teacher_plan": 8}
_PLAN_RANK = {"master": 0, "special": 1, "department": 2}


def _chain_rank(source: SourceFile) -> tuple[int, int]:
    plan_type = getattr(source.model, "type", None) if source.kind == "plan" else None
    return _KIND_RANK.get(source.kind or "", 9), _PLAN_RANK.get(plan_type or "", 0)


def _index(repo: Repository) -> None:
    """Fill the id indexes from the validated files (duplicates → ZG301).

    Files are indexed top of the chain first, so that a duplicate is reported where
    it is least authoritative (a task reusing a master-plan target id, not the reverse).
    """
    for source in sorted(repo.files, key=_chain_rank):
        model = source.model
        if isinstance(model, Plan):
            plan_loc = Located(model, source, "")
            if _register(repo, model.id, plan_loc, "规划"):
                repo.plans[model.id] = plan_loc
            for i, target in enumerate(model.targets):
                loc = Located(target, source, f"/targets/{i}")
                if _register(repo, target.id, loc, "目标"):
                    repo.targets[target.id] = loc
                _index_indicators(repo, target.id, target.indicators, source, loc.pointer)
        elif isinstance(model, TaskFile):
            repo.task_files.append(Located(model, source, ""))
            for i, task in enumerate(model.tasks):
                task_loc = Located(task, source, f"/tasks/{i}")
                if _register(repo, task.id, task_loc, "任务"):
                    repo.tasks[task.id] = task_loc
                _index_indicators(repo, task.id, task.indicators, source, task_loc.pointer)
        elif isinstance(model, Oppm):
            oppm_loc = Located(model, source, "")
            if _register(repo, model.id, oppm_loc, "一页纸计划"):
                repo.oppms[model.id] = oppm_loc
        elif isinstance(model, Standard):
            std_loc = Located(model, source, "")
            if _register(repo, model.id, std_loc, "标准"):
                repo.standards[model.id] = std_loc
            for d, dim in enumerate(model.dimensions):
                for s, std in enumerate(dim.standards):
                    for q, point in enumerate(std.qc_points):
                        ptr = f"/dimensions/{d}/standards/{s}/qc_points/{q}"
                        qloc = Located(point, source, ptr)
                        if _register(repo, point.id, qloc, "质控点"):
                            repo.qc_points[point.id] = qloc
                            repo.qc_context[point.id] = QCPointRef(model, dim, std)
        elif isinstance(model, Observations):
            for i, obs in enumerate(model.observations):
                repo.observations.append(Located(obs, source, f"/observations/{i}"))
        elif isinstance(model, Improvements):
            repo.improvement_files.append(Located(model, source, ""))
            for i, imp in enumerate(model.items):
                imp_loc = Located(imp, source, f"/items/{i}")
                if _register(repo, imp.id, imp_loc, "改进记录"):
                    repo.improvements[imp.id] = imp_loc
        elif isinstance(model, Reference):
            repo.references[model.id] = Located(model, source, "")
        elif isinstance(model, Duties):
            for d, duty in enumerate(model.duties):
                duty_loc = Located(duty, source, f"/duties/{d}")
                if _register(repo, duty.id, duty_loc, "部门职责"):
                    repo.duties[duty.id] = duty_loc
                for w, work in enumerate(duty.items):
                    work_loc = Located(work, source, f"/duties/{d}/items/{w}")
                    if _register(repo, work.id, work_loc, "岗位工作"):
                        repo.work_items[work.id] = work_loc
        elif isinstance(model, TeacherPlan):
            teacher_loc = Located(model, source, "")
            if _register(repo, model.id, teacher_loc, "教师发展规划"):
                repo.teacher_plans[model.id] = teacher_loc
