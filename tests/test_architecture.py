"""The package keeps its shape: stages import only down the list, and modules import in no cycle.

Every module's imports are read with :mod:`ast` — function bodies included (an import
inside a function is still a dependency, only a later one), ``if TYPE_CHECKING:`` blocks
excluded (they never run).  The known exceptions are listed below, each with its reason;
an exception that is no longer needed fails too, so the lists can only shrink.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "zhengai"

# The stages, lowest first.  "base" is the few top-level modules every stage may use.
STAGES = ["base", "models", "load", "check", "score", "excel", "survey", "reports", "render", "cli"]
# zhengai/__init__.py is the public API: it imports only zhengai.errors at import time and
# the rest lazily by name (importlib), so it adds no edge to the graph below.
BASE = {"zhengai", "zhengai.errors", "zhengai.findings", "zhengai.resources", "zhengai.fsutil", "zhengai.numfmt"}

# Which stages each stage may import (itself included).  Written out rather than derived
# from the order so that a change of direction is a visible edit of this table.
ALLOWED = {
    "base": {"base"},
    "models": {"base", "models"},
    "load": {"base", "models", "load"},
    "check": {"base", "models", "load", "check"},
    "score": {"base", "models", "load", "check", "score"},
    # excel reads into models/load and writes out of score (the assessment sheets).
    "excel": {"base", "models", "load", "check", "score", "excel"},
    # survey reads responses with excel's vetted .xlsx reader.
    "survey": {"base", "models", "load", "check", "score", "excel", "survey"},
    "reports": {"base", "models", "load", "check", "score", "excel", "survey", "reports"},
    "render": {"base", "models", "load", "check", "score", "excel", "survey", "reports", "render"},
    "cli": set(STAGES),
}

# Known imports against the stage order, to be removed by later steps of issue 10.
KNOWN_UPWARD: set[tuple[str, str]] = set()

# Known cycles, each broken here at the import made inside a function.
KNOWN_CYCLE_EDGES = {
    # The ZG207 rule checks codes against the registry that imports it.
    ("zhengai.check.rules.settings", "zhengai.check.rules"),
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The module of the package that ``name`` (a module or a name in one) refers to."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Imports(ast.NodeVisitor):
    def __init__(self, module: str, is_package: bool) -> None:
        self.module, self.is_package, self.found = module, is_package, set[str]()

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            for child in node.orelse:
                self.visit(child)
        else:
            self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            self._add(_resolve(alias.name))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level:
            base = self.module.split(".")
            if not self.is_package:
                base.pop()
            base = base[: len(base) - (node.level - 1)]
            source = ".".join([*base, node.module] if node.module else base)
        else:
            source = node.module or ""
        for alias in node.names:
            full = f"{source}.{alias.name}"
            self._add(full if full in MODULES else _resolve(source))

    def _add(self, target: str | None) -> None:
        if target is not None and target != self.module:
            self.found.add(target)


def _graph() -> dict[str, set[str]]:
    graph = {}
    for module, path in MODULES.items():
        visitor = _Imports(module, path.name == "__init__.py")
        visitor.visit(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        graph[module] = visitor.found
    return graph


GRAPH = _graph()


def _stage(module: str) -> str:
    if module in BASE:
        return "base"
    if module == "zhengai.__main__":
        return "cli"
    stage = module.split(".")[1]
    assert stage in STAGES, f"{module} belongs to no stage: put it in a stage package or add it to BASE"
    return stage


def test_every_module_has_a_stage() -> None:
    assert set(ALLOWED) == set(STAGES)
    loose = [m for m in MODULES if m not in BASE and m != "zhengai.__main__" and m.split(".")[1] not in STAGES]
    assert not loose, f"modules outside every stage package: {loose}"


def test_no_module_imports_a_later_stage() -> None:
    upward = {
        (module, target)
        for module, targets in GRAPH.items()
        for target in targets
        if _stage(target) not in ALLOWED[_stage(module)]
    }
    new = sorted(upward - KNOWN_UPWARD)
    assert not new, "imports against the stage order:\n" + "\n".join(f"  {a} → {b}" for a, b in new)
    stale = sorted(KNOWN_UPWARD - upward)
    assert not stale, f"no longer needed in KNOWN_UPWARD, remove them: {stale}"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    pruned = {m: {t for t in targets if (m, t) not in KNOWN_CYCLE_EDGES} for m, targets in GRAPH.items()}
    cycles = _cycles(pruned)
    assert not cycles, "import cycles:\n" + "\n".join("  " + " ↔ ".join(c) for c in cycles)
    stale = sorted(e for e in KNOWN_CYCLE_EDGES if e[1] not in GRAPH.get(e[0], set()))
    assert not stale, f"no longer imported, remove them from KNOWN_CYCLE_EDGES: {stale}"
    needed = sorted(e for e in KNOWN_CYCLE_EDGES if not _cycles({**pruned, e[0]: pruned[e[0]] | {e[1]}}))
    assert not needed, f"these imports make no cycle any more, remove them from KNOWN_CYCLE_EDGES: {needed}"


def test_the_walker_sees_imports_inside_functions() -> None:
    # rules/settings.py imports the registry inside a function: the walk must see it.
    assert "zhengai.check.rules" in GRAPH["zhengai.check.rules.settings"]
    assert "zhengai.cli" in GRAPH["zhengai.__main__"]
