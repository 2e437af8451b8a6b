"""The units a college diagnoses: departments, programs, courses, classes and teachers.

Departments, their programs (专业), the programs' courses (课程) and classes (班级) are
declared in ``zhengai.yaml``; teachers are the owners of teacher plans.  Observations,
targets and tasks name a unit by its id (``unit: "460301"``); the standards of a level
(专业层面 …) are scored once per unit of the matching kind (:data:`LEVEL_OF_KIND`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from zhengai.load.repository import Located, Repository
    from zhengai.models.config import Department

KIND_NAMES = {"department": "部门", "program": "专业", "course": "课程", "class": "班级", "teacher": "教师"}
"""Unit kind → its Chinese name."""

LEVEL_OF_KIND = {"program": "program", "course": "course", "teacher": "teacher", "class": "student"}
"""Unit kind → the level (五横) whose standards are scored per unit of that kind."""

KIND_OF_LEVEL = {level: kind for kind, level in LEVEL_OF_KIND.items()}
"""Level → the unit kind its standards are scored per (levels absent here are college-wide)."""


@dataclass(frozen=True)
class Unit:
    """One diagnosed unit."""

    kind: str
    id: str
    name: str
    department: str | None = None
    """The id of the department the unit belongs to (itself for a department)."""
    parent: str | None = None
    """The program of a course or class; None otherwise."""

    @property
    def kind_name(self) -> str:
        """专业, 课程 …"""
        return KIND_NAMES[self.kind]

    @property
    def label(self) -> str:
        """``机电一体化技术（460301）`` — the name with the id a reader may look up."""
        return self.name if self.name == self.id else f"{self.name}（{self.id}）"


class Units:
    """Every unit of a repository, looked up by id or name."""

    def __init__(self, repo: Repository) -> None:
        found: list[Unit] = []
        for dept in repo.departments:
            found.append(Unit("department", dept.id, dept.name, dept.id))
            for program in dept.programs:
                found.append(Unit("program", program.id, program.name, dept.id))
                found += [Unit("course", c.id, c.name, dept.id, program.id) for c in program.courses]
                found += [Unit("class", c.id, c.name, dept.id, program.id) for c in program.classes]
        for located in repo.teacher_plans.values():
            teacher = located.item.teacher
            home = repo.department_of_path(located.file.path)
            if home is None and teacher.department:
                home = repo.department(teacher.department)
            found.append(Unit("teacher", teacher.id, teacher.name or teacher.id, home.id if home else None,
                              teacher.program))
        self.all: list[Unit] = []
        self._by_id: dict[str, Unit] = {}
        self._by_name: dict[str, list[Unit]] = {}
        for unit in found:
            if unit.id in self._by_id:  # a course shared by two programs is one unit
                continue
            self.all.append(unit)
            self._by_id[unit.id] = unit
            self._by_name.setdefault(unit.name, []).append(unit)

    def get(self, key: str) -> Unit | None:
        """The unit with this id, else the only unit with this name."""
        if key in self._by_id:
            return self._by_id[key]
        named = self._by_name.get(key, [])
        return named[0] if len(named) == 1 else None

    def named(self, name: str) -> list[Unit]:
        """Every unit with this name (two programs' courses may share one)."""
        return list(self._by_name.get(name, []))

    def of_kind(self, kind: str) -> list[Unit]:
        """The units of one kind, in declaration order."""
        return [u for u in self.all if u.kind == kind]

    def within(self, dept_id: str) -> list[Unit]:
        """The programs, courses, classes and teachers of one department."""
        return [u for u in self.all if u.department == dept_id and u.kind != "department"]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._by_id


def owner_unit(repo: Repository, owner_id: str) -> str | None:
    """The unit (program, course …) a target or task belongs to: its own ``unit``, else its plan's."""
    located: Located[Any] | None = repo.targets.get(owner_id) or repo.tasks.get(owner_id)
    if located is None:
        return None
    if located.item.unit:
        return str(located.item.unit)
    # only a plan has a unit of its own (asking a task file for one is pydantic's slow miss)
    return located.file.model.unit if located.file.kind == "plan" else None


def items_by_unit(repo: Repository) -> dict[str, dict[str, list[str]]]:
    """Unit id → ``{"targets": [...], "tasks": [...], "improvements": [...]}`` naming it, in one
    pass over the repository (a scan per unit made diagnosing every unit quadratic)."""
    found: dict[str, dict[str, list[str]]] = {}

    def add(unit: str | None, group: str, ident: str) -> None:
        if unit:
            found.setdefault(unit, {"targets": [], "tasks": [], "improvements": []})[group].append(ident)

    for ident in repo.targets:
        add(owner_unit(repo, ident), "targets", ident)
    for ident in repo.tasks:
        add(owner_unit(repo, ident), "tasks", ident)
    for ident, record in repo.improvements.items():
        add(record.item.unit, "improvements", ident)
    return found


def department_of(repo: Repository, located: Located[Any]) -> Department | None:
    """The department an item belongs to: its folder's, else its first known owner's."""
    dept = repo.department_of_path(located.file.path)
    if dept is not None:
        return dept
    for owner in getattr(located.item, "owner", None) or []:
        found = repo.department(owner)
        if found is not None:
            return found
    return None


__all__ = ["KIND_NAMES", "KIND_OF_LEVEL", "LEVEL_OF_KIND", "Unit", "Units", "department_of", "items_by_unit", "owner_unit"]
