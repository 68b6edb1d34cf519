"""Imports between hromada's packages point only down the layers (see CONTRIBUTING.md).

The graph is built with ``ast`` from every module under ``src/hromada`` (migrations
aside): module-level and function-level imports, absolute and relative. An import from a
package to a package in a higher layer fails, naming the edge and where it is; so does an
import cycle between packages.
"""

from __future__ import annotations

import ast
from pathlib import Path

import hromada

ROOT = Path(hromada.__file__).parent

#: Bottom to top. A package may import packages of its own layer's earlier entries (a
#: later one may import an earlier one, never the reverse) and of any lower layer.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("econ",),  # pure analytics, no Django
    ("refdata",),  # reference data readers
    ("accounts", "core"),  # plumbing
    ("workspaces",),  # tenancy
    (  # domain apps, in this order
        "economy",
        "territory",
        "budget",
        "resilience",
        "planning",
        "diversify",
        "monitoring",
        "collaboration",
        "exchange",
    ),
    ("config", "cli", "__main__"),  # composition: settings, URLs, the CLI
)

#: Known debt: upward edges not fixed yet, as (importer package, imported package). Empty
#: is the goal; never add to it, remove an entry when its edge is gone.
ALLOWED: frozenset[tuple[str, str]] = frozenset()

_RANK = {}
for _layer, _packages in enumerate(LAYERS):
    for _order, _package in enumerate(_packages):
        # within the top layer order does not matter; elsewhere it does
        _RANK[_package] = (_layer, 0 if _layer == len(LAYERS) - 1 else _order)


def _module_name(path: Path) -> str:
    parts = ("hromada", *path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path):
    """Yield (imported module, line) for every hromada import in ``path``, at any depth."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "hromada":  # ``from hromada import x``: x may be a package
                for alias in node.names:
                    yield f"hromada.{alias.name}", node.lineno
            else:
                yield target, node.lineno


def _top(module: str) -> str | None:
    """The package of hromada a module belongs to (None for ``hromada`` itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "hromada" else None


def import_edges():
    """Return {(importer package, imported package): [where, ...]} between packages."""
    edges: dict[tuple[str, str], list[str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        source = _top(_module_name(path))
        for target, line in _imports(path):
            if not target.startswith("hromada"):
                continue
            imported = _top(target)
            if source is None or imported is None or imported == source:
                continue
            if imported not in _RANK or source not in _RANK:
                continue  # ``hromada.__version__``; a package missing from LAYERS fails below
            where = f"{path.relative_to(ROOT.parent)}:{line} imports {target}"
            edges.setdefault((source, imported), []).append(where)
    return edges


def test_every_package_has_a_layer():
    packages = {
        p.name if p.is_dir() else p.stem
        for p in ROOT.iterdir()
        if (p.is_dir() and (p / "__init__.py").exists())
        or (p.suffix == ".py" and p.name != "__init__.py")
    }
    assert packages - set(_RANK) == set(), "add these to LAYERS (and to CONTRIBUTING.md)"


def test_imports_point_down():
    upward = []
    for (source, imported), where in sorted(import_edges().items()):
        if _RANK[imported] > _RANK[source] and (source, imported) not in ALLOWED:
            upward += [f"{source} -> {imported}: {w}" for w in where]
    assert upward == [], "imports against the layers:\n" + "\n".join(upward)


def test_allow_list_is_not_stale():
    edges = import_edges()
    assert [edge for edge in sorted(ALLOWED) if edge not in edges] == []


def test_no_cycles_between_packages():
    graph: dict[str, set[str]] = {}
    for source, imported in import_edges():
        if (source, imported) in ALLOWED:
            continue
        graph.setdefault(source, set()).add(imported)
    cycles = []
    state: dict[str, int] = {}  # 1 on the stack, 2 done

    def visit(node, stack):
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(stack[stack.index(nxt) :] + [nxt]))
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == [], "import cycles between packages:\n" + "\n".join(cycles)


def test_services_and_tasks_do_not_import_each_other():
    """An app's ``tasks`` import its ``services``; services never import tasks back, not
    even inside a function (``economy`` had that cycle)."""
    cycles = []
    for services in sorted(ROOT.glob("*/services.py")):
        tasks = services.with_name("tasks.py")
        if not tasks.exists():
            continue
        app = services.parent.name
        to_tasks = [n for t, n in _imports(services) if t == f"hromada.{app}.tasks"]
        to_services = [n for t, n in _imports(tasks) if t == f"hromada.{app}.services"]
        if to_tasks and to_services:
            cycles.append(f"{app}: services.py lines {to_tasks}, tasks.py lines {to_services}")
    assert cycles == [], "services and tasks import each other:\n" + "\n".join(cycles)
