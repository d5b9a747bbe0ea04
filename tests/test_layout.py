"""The package's rooms: imports run one way, as docs/architecture.md draws them.

Every import inside the package is read from the source (module level and inside
functions alike, leaving out ``if TYPE_CHECKING:`` blocks, which never run), and
the graph of modules must have no cycle. A lazy import that points back up
(a runner importing the job it runs) is a loop too, only a hidden one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "conflictgeo"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(path: Path) -> set[str]:
    """The package's modules that ``path`` imports (``from a import b`` is a.b when
    b is a module, else a)."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.update(a.name for a in child.names if a.name in MODULES)
            elif isinstance(child, ast.ImportFrom) and child.module and child.level == 0:
                for alias in child.names:
                    submodule = f"{child.module}.{alias.name}"
                    if submodule in MODULES:
                        found.add(submodule)
                    elif child.module in MODULES:
                        found.add(child.module)
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def _graph() -> dict[str, set[str]]:
    graph = {}
    for name, path in MODULES.items():
        # A package's own __init__ re-exports its submodules; a submodule never
        # imports its package back (that would be a cycle through the __init__).
        graph[name] = {m for m in _imports(path) if m != name}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := walk(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := walk(node)):
            return found
    return None


def test_the_checker_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set(), "c": {"a", "b"}}) is None


def test_the_checker_sees_lazy_imports(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from conflictgeo.build import build\n"
        "def f():\n    from conflictgeo.document import process_document\n"
    )
    assert _imports(source) == {"conflictgeo.document"}


def test_no_import_cycle_in_the_package() -> None:
    cycle = _cycle(_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


# Which rooms may import which: a module of the left-hand room imports only
# from the rooms listed (and from its own room, and the base modules).
BASE = {
    "conflictgeo._version",
    "conflictgeo.errors",
    "conflictgeo.model",
    "conflictgeo.taxonomy",
    "conflictgeo.text",
}
MAY_IMPORT = {
    "conflictgeo.gazetteer": set(),
    "conflictgeo.geoparse": {"conflictgeo.gazetteer"},
    "conflictgeo.extract": {
        "conflictgeo.gazetteer",
        "conflictgeo.geoparse",
        "conflictgeo.prefilter",
    },
    "conflictgeo.run": {
        "conflictgeo.gazetteer",
        "conflictgeo.merge",
        "conflictgeo.layers",
        "conflictgeo.export",
    },
    "conflictgeo.store": {
        "conflictgeo.export",
        "conflictgeo.layers",
        "conflictgeo.merge",
        "conflictgeo.geoparse",
    },
    "conflictgeo.export": {"conflictgeo.layers", "conflictgeo.extract"},
}


@pytest.mark.parametrize("room", sorted(MAY_IMPORT))
def test_rooms_import_only_downwards(room: str) -> None:
    allowed = MAY_IMPORT[room] | BASE | {room}
    wrong = {
        (module, target)
        for module, targets in _graph().items()
        if module == room or module.startswith(room + ".")
        for target in targets
        if not any(target == a or target.startswith(a + ".") for a in allowed)
    }
    assert not wrong, f"{room} imports upwards: {sorted(wrong)}"


def test_the_gazetteer_reads_no_report_text() -> None:
    """Managing places (store, dumps, downloads) is apart from reading text."""
    graph = _graph()
    for module in (m for m in graph if m.startswith("conflictgeo.gazetteer")):
        assert not {t for t in graph[module] if t.startswith("conflictgeo.geoparse")}, module


def test_the_command_line_starts_without_the_writers() -> None:
    # Issue 16: pandas, GeoPandas and GDAL cost 0.3 s to import; `extract` and
    # `--help` need none of them, so `import conflictgeo` must not load them.
    import subprocess
    import sys

    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, conflictgeo, conflictgeo.cli; "
            "print(sorted(m for m in ('pandas', 'geopandas', 'pyogrio') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert loaded == "[]"
