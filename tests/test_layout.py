"""The package's stages depend on each other in one direction only.

content (the model and its checks) knows nothing of how it is shown; views
turn it into HTML fragments; render makes pages from views; cache and
publish sit around rendering, and only the command line starts the preview.
A module importing "upwards" or a cycle (even one only type checkers
follow) would tie stages together again, so every ``import`` under briefly/
is read, wherever it stands: inside functions and ``TYPE_CHECKING`` blocks
too.  Small modules stay readable, so none may grow past a screenful or so.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

from .conftest import REPO

PACKAGE = REPO / "briefly"
MAX_LINES = 300

# (stage, stages it must not import)
FORBIDDEN = [
    ("briefly.content", ("briefly.views", "briefly.render", "briefly.publish", "briefly.cache",
                         "briefly.preview", "briefly.editor")),
    ("briefly.views", ("briefly.render", "briefly.publish", "briefly.cache", "briefly.preview")),
    ("briefly.render", ("briefly.cache", "briefly.publish", "briefly.preview")),
    ("briefly.publish", ("briefly.render", "briefly.views")),
]

def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@lru_cache(maxsize=1)
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(name: str, path: Path) -> set[str]:
    """The briefly modules one module imports, anywhere in its code."""
    known = modules()
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from the module's own package
                package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                base = ".".join(package[:len(package) - node.level + 1] + [base] * bool(base))
            # ``from briefly.cache import store`` imports the module briefly.cache.store.
            found |= {f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                      for alias in node.names}
    return {m for m in found if m in known and m != name}


@lru_cache(maxsize=1)
def graph() -> dict[str, frozenset[str]]:
    return {name: frozenset(imported(name, path)) for name, path in modules().items()}


def within(module: str, stage: str) -> bool:
    return module == stage or module.startswith(stage + ".")


def stage_violations() -> list[str]:
    found = []
    for module, targets in graph().items():
        for stage, forbidden in FORBIDDEN:
            if within(module, stage):
                found += [f"{module} imports {t}" for t in sorted(targets)
                          if any(within(t, f) for f in forbidden)]
        found += [f"{module} imports {t}" for t in sorted(targets)
                  if within(t, "briefly.preview") and not within(module, "briefly.preview")
                  and module != "briefly.cli"]
    return found


def cycles() -> list[str]:
    """Every group of modules that import each other, named from its first module."""
    edges = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[str] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append("cycle: " + " -> ".join(sorted(group)))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def long_modules() -> list[str]:
    found = []
    for path in modules().values():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            found.append(f"{path.relative_to(REPO).as_posix()} is longer than {MAX_LINES} lines")
    return found


def test_the_reader_sees_every_import() -> None:
    edges = graph()
    assert "briefly.cache.store" in edges["briefly.cache.brief_store"]  # from x import module
    assert "briefly.render.environment" in edges["briefly.render.pages"]
    assert "briefly.preview.server" in edges["briefly.cli"]  # inside a function


def test_stages_import_only_downwards() -> None:
    assert stage_violations() == []


def test_no_import_cycles() -> None:
    assert cycles() == []


def test_no_module_is_too_long() -> None:
    assert long_modules() == []
