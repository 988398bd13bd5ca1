"""The layering of docs/architecture.md holds: no import cycle between toolkit modules, and no
module takes a private (``_name``) from another.

Every module is parsed, not imported, so imports at any depth count: at the top, inside
functions, under ``if TYPE_CHECKING:``, relative ones (``from . import x``), ``import
toolkit.x`` and ``importlib.import_module("toolkit.x")`` with a literal name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "toolkit"



def module_files(package_dir: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package (subpackages included)."""
    modules = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(package_dir).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join([package, *parts])] = path
    return modules


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The longest module of the package that ``name`` (a dotted name) lies in, if any."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> tuple[set[str], list[str]]:
    """The package's modules that ``module`` imports, and the private names it takes from them."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    here = module if is_package else module.rpartition(".")[0]
    targets: set[str] = set()
    private: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if (target := _resolve(alias.name, modules)) is not None:
                    targets.add(target)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")[: len(here.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            source_module = _resolve(source, modules)
            if source_module is None:
                continue
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in modules:
                    targets.add(submodule)
                    continue
                targets.add(source_module)
                if alias.name.startswith("_") and not alias.name.startswith("__") and source_module != module:
                    private.append(f"{module} imports {alias.name} from {source_module} (line {node.lineno})")
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name == "import_module" and node.args and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                if (target := _resolve(node.args[0].value, modules)) is not None:
                    targets.add(target)
    targets.discard(module)
    return targets, private


def import_graph(package_dir: Path, package: str) -> tuple[dict[str, set[str]], list[str]]:
    modules = module_files(package_dir, package)
    graph, private = {}, []
    for module, path in modules.items():
        graph[module], taken = imports_of(module, path, modules)
        private += taken
    return graph, private


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(graph.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(frozenset(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_between_toolkit_modules():
    graph, _ = import_graph(PACKAGE_DIR, "toolkit")
    unexpected = [sorted(c) for c in cycles(graph)]
    assert not unexpected, f"import cycles between toolkit modules: {unexpected}"


def test_no_private_name_taken_from_another_toolkit_module():
    _, private = import_graph(PACKAGE_DIR, "toolkit")
    assert not private, "\n".join(private)


def test_errors_module_imports_nothing_of_the_toolkit():
    graph, _ = import_graph(PACKAGE_DIR, "toolkit")
    assert graph["toolkit.errors"] == set()


def test_the_engines_do_not_import_analysis():
    graph, _ = import_graph(PACKAGE_DIR, "toolkit")
    for engine in ("toolkit.pool", "toolkit.dask_engine"):
        assert "toolkit.analysis" not in graph[engine], engine


@pytest.fixture
def fake_package(tmp_path):
    root = tmp_path / "pkg"
    (root / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "a.py": "def f():\n    from pkg import b\n",                       # inside a function
        "b.py": "import importlib\nimportlib.import_module('pkg.c')\n",     # a literal import_module
        "c.py": "from .sub import d\n",                                     # relative, a submodule
        "sub/__init__.py": "",
        "sub/d.py": "from ..a import _helper\nimport pkg.a\n",              # private name; closes the cycle
        "e.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.a import f\n",
        "f.py": "import os\nfrom pkg.e import TYPE_CHECKING\n",             # not a cycle
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_checker_finds_cycles_at_any_depth_and_private_names(fake_package):
    graph, private = import_graph(fake_package, "pkg")
    assert cycles(graph) == [frozenset({"pkg.a", "pkg.b", "pkg.c", "pkg.sub.d"})]
    assert graph["pkg.e"] == {"pkg.a"}
    assert graph["pkg.f"] == {"pkg.e"}
    assert private == ["pkg.sub.d imports _helper from pkg.a (line 1)"]


def test_the_checker_sees_no_cycle_in_a_chain(fake_package):
    (fake_package / "sub" / "d.py").write_text("x = 1\n", encoding="utf-8")
    graph, private = import_graph(fake_package, "pkg")
    assert cycles(graph) == []
    assert private == []
