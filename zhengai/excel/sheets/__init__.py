"""The sheet kinds: one registry entry per kind, one module per kind beside it.

Each kind's module, ``zhengai.excel.sheets.<id>``, holds what the kind does side by side:

- ``detect(probe: Probe) -> bool`` — whether a sheet's first rows look like this kind
  (import kinds only; ``zhengai import --kind auto`` tries them in ``detect_order``);
- ``read(ctx: SheetContext, head: list[Row], rows: Iterator[Row]) -> OutputDoc`` — the
  sheet's rows → one repository YAML document (import kinds);
- ``write(out: ExportContext, repo: Repository) -> None`` — the sheets of this kind for
  a repository (export kinds).

The entries below are the one list of kinds: the ``--kind`` choices of ``zhengai import``
and ``zhengai export``, their help texts and error messages, and the ``kind:`` of a
``--mapping`` file all come from here.

Why the entries name their module instead of importing it: the CLI builds its option
choices from this registry when ``zhengai`` starts, while the sheet modules pull in
openpyxl and the pydantic models (about a second).  So this module is plain data, and a
kind's module is imported when its functions are first used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from collections.abc import Iterator

    from zhengai.excel.context import Probe, SheetContext
    from zhengai.excel.exporting import ExportContext
    from zhengai.excel.reader import Row
    from zhengai.excel.yamlout import OutputDoc
    from zhengai.load.repository import Repository

    Detect = Callable[[Probe], bool]
    Read = Callable[[SheetContext, list[Row], Iterator[Row]], OutputDoc]
    Write = Callable[[ExportContext, Repository], None]


@dataclass(frozen=True)
class SheetKind:
    """One kind of sheet that zhengai imports, exports, or both.

    ``id`` is the ``--kind`` value, ``name`` the Chinese name shown in help texts.
    ``import_order`` / ``export_order`` place the kind among the choices of ``zhengai
    import`` / ``zhengai export`` (None: not imported / not exported); the two commands
    have always listed their kinds in different orders, and their help texts keep them.
    ``detect_order`` orders the guesses of ``--kind auto`` (lower first: a one-page plan
    is recognised by its labels before any table header is looked for; ``tasks`` is the
    catch-all, last); None for a kind that is never guessed.  ``merge_sheets``: several
    sheets of this kind may be imported into one YAML file (their items concatenated).
    """

    id: str
    name: str
    import_order: int | None = None
    export_order: int | None = None
    detect_order: int | None = None
    merge_sheets: bool = False

    @property
    def can_import(self) -> bool:
        """``zhengai import --kind`` accepts it."""
        return self.import_order is not None

    @property
    def can_export(self) -> bool:
        """``zhengai export --kind`` accepts it."""
        return self.export_order is not None

    @property
    def module(self) -> Any:
        """The kind's module, imported on first use."""
        return importlib.import_module(f"{__name__}.{self.id}")

    @property
    def detect(self) -> Detect:
        """The kind's ``detect`` (import kinds)."""
        return cast("Detect", self.module.detect)

    @property
    def read(self) -> Read:
        """The kind's ``read`` (import kinds)."""
        return cast("Read", self.module.read)

    @property
    def write(self) -> Write:
        """The kind's ``write`` (export kinds)."""
        return cast("Write", self.module.write)


SHEET_KINDS: dict[str, SheetKind] = {
    kind.id: kind
    for kind in (
        SheetKind("tasks", "年度重点工作任务分解表", 1, 1, detect_order=7, merge_sheets=True),
        SheetKind("targets", "规划目标表", 2, detect_order=6),
        SheetKind("standards", "标准与质控点", 3, 3, detect_order=3),
        SheetKind("oppm", "一页纸工作计划报表", 4, 2, detect_order=1),
        SheetKind("reference", "诊断项目参考表", 5, detect_order=2),
        SheetKind("observations", "观测数据表", 6, detect_order=4, merge_sheets=True),
        SheetKind("diagnosis", "诊断得分", export_order=4),
        # before targets and tasks: a 岗位说明书 has 工作内容 columns, and is never tasks
        SheetKind("duties", "岗位说明书（部门职责与岗位工作标准）", 7, 5, detect_order=5),
    )
}
"""Every sheet kind."""


def _ordered(key: Callable[[SheetKind], int | None]) -> list[SheetKind]:
    chosen = [(rank, k) for k in SHEET_KINDS.values() if (rank := key(k)) is not None]
    return [k for _, k in sorted(chosen, key=lambda pair: pair[0])]


def import_kinds() -> list[SheetKind]:
    """The kinds ``zhengai import`` reads, in the order its help lists them."""
    return _ordered(lambda k: k.import_order)


def export_kinds() -> list[SheetKind]:
    """The kinds ``zhengai export`` writes, in the order its help lists them."""
    return _ordered(lambda k: k.export_order)


def detection_order() -> list[SheetKind]:
    """The kinds ``--kind auto`` tries, first guess first."""
    return _ordered(lambda k: k.detect_order)


def choices(kinds: list[SheetKind]) -> str:
    """``tasks、targets、…`` for help texts and error messages."""
    return "、".join(k.id for k in kinds)


__all__ = ["SHEET_KINDS", "SheetKind", "choices", "detection_order", "export_kinds", "import_kinds"]
