"""The package's import graph: no cycle among its modules, layers that only import downwards, a light top-level import.

Every import counts, also those inside functions and under ``TYPE_CHECKING``: a module that imports another one only
lazily still depends on it. Package facades count too: a package's ``__init__`` that re-exports its modules (``from
.model import Corpus``, or lazily through a ``__getattr__`` and a name -> module table) depends on them, so a module
that imports the package (``from ..groups import compare``) depends on every module the facade imports. ``from . import
x`` names the sibling module ``x``. Importing ``analysis.framing.keyness`` runs ``analysis/framing/__init__.py`` first,
so for cycles it depends on that facade too (``enclosing=True``). Only a module's edge to its own enclosing packages is
left out: they are always initialised before it, so that edge says nothing.
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from analysis import paths

PACKAGE = paths.ROOT / "analysis"

#: Layers, lowest first: a module may import its own layer and the layers below it, never one above.
#: Top-level helpers (``config``, ``paths``, ``errors``, ``cache``, ...) are layer 0; ``analysis.types``
#: (the ``Docs`` alias over ``Corpus``) sits with the corpus. The package facade and ``__main__`` are exempt.
LAYERS = {"corpus": 1, "types": 1,
          "framing": 2, "sentiment": 2, "entities": 2, "actors": 2,
          "groups": 3, "findings": 3,
          "views": 4,
          "compare": 5, "report": 5, "cli": 5, "store": 5}
APPS = ("compare", "report", "cli", "store")
MEASURES = ("corpus", "framing", "sentiment", "entities", "actors")

#: Upward imports that exist today and are to go (none left). This list only shrinks: an edge removed from the code must be removed here (the test says so),
#: and no edge may be added.
UPWARD_TODAY: frozenset[tuple[str, str]] = frozenset()


def modules(package: Path = PACKAGE) -> dict[str, Path]:
    """Dotted module name -> file, for every module of ``package`` (a package is named by its folder)."""
    found = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _lazy_facade(tree: ast.Module, package: str, mods: dict[str, Path]) -> list[str]:
    """The modules a package's ``__getattr__`` imports on first use: the string values of its module-level
    name -> module tables (``{"annotate": "writer"}``, ``{"FrameModel": ".model"}``) that name a submodule."""
    if not any(isinstance(node, ast.FunctionDef) and node.name == "__getattr__" for node in tree.body):
        return []
    found = []
    for node in tree.body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, ast.Dict):
            for item in value.values:
                if isinstance(item, ast.Constant) and isinstance(item.value, str):
                    name = f"{package}.{item.value.lstrip('.')}"
                    if name in mods:
                        found.append(name)
    return found


def import_graph(package: Path = PACKAGE, enclosing: bool = False) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (each import resolved to the nearest existing module; with
    ``enclosing``, also the packages enclosing it, whose ``__init__`` the import runs first)."""
    mods = modules(package)
    top = package.name
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        is_package = path.name == "__init__.py"
        base = name if is_package else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets: list[str] = _lazy_facade(tree, name, mods) if is_package else []
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                targets += [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    head = base.split(".")
                    module = ".".join(head[: len(head) - node.level + 1] + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                # `from . import sibling` imports the sibling module; names that are no module import the package
                subs = [f"{module}.{a.name}" for a in node.names if f"{module}.{a.name}" in mods]
                targets += subs if len(subs) == len(node.names) else [module, *subs]
        for target in targets:
            if target.split(".")[0] != top:
                continue
            while target and target not in mods:
                target = target.rpartition(".")[0]
            reached = [target]
            while enclosing and "." in reached[-1]:
                reached.append(reached[-1].rpartition(".")[0])
            graph[name].update(t for t in reached if t and t != name and not name.startswith(t + "."))
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    state: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                found.append(stack[stack.index(nxt):] + [nxt])
            elif not state.get(nxt):
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if not state.get(node):
            visit(node)
    return found


def layer(module: str) -> int | None:
    """The layer of a module of ``analysis`` (None for the facade and ``__main__``, which may import anything)."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "__main__":
        return None
    if (PACKAGE / parts[1]).is_dir() or parts[1] == "types":
        assert parts[1] in LAYERS, f"{module}: put the subpackage {parts[1]!r} in a layer (LAYERS)"
        return LAYERS[parts[1]]
    return 0


def upward_edges(graph: dict[str, set[str]]) -> set[tuple[str, str]]:
    return {(m, t) for m, targets in graph.items() for t in targets
            if layer(m) is not None and layer(t) is not None and layer(t) > layer(m)}


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root / "pkg"


def test_the_walk_sees_lazy_imports():
    graph = import_graph()
    assert "analysis.corpus.model" in graph["analysis.corpus.catalog"] or \
        "analysis.corpus.catalog" in graph["analysis.corpus.model"]
    assert "analysis.cache" in graph["analysis.corpus.model"]  # imported inside load_corpus
    assert cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b", "a"]]


def test_the_walk_follows_package_facades():
    graph = import_graph()
    assert "analysis.groups.comparison" in graph["analysis.groups"]      # `from .comparison import ...`
    assert "analysis.framing.classifier" in graph["analysis.framing"]          # lazy, through `__getattr__`
    assert "analysis.store.writer" in graph["analysis.store"]             # lazy, through `__getattr__`
    assert "analysis.corpus.cleaning" in graph["analysis.corpus.model"]   # `from . import cleaning`


def test_a_cycle_through_a_facade_and_a_lazy_import_is_found(tmp_path):
    # the shape of the cycle `Corpus.compare` closed: core -> (lazily) the sub facade -> sub.x -> core
    pkg = _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/core.py": "def f():\n    from .sub import y\n    return y\n",
        "pkg/sub/__init__.py": "from .x import y\n",
        "pkg/sub/x.py": "from ..core import f as y\n",
        "pkg/lazy/__init__.py": "_WHERE = {'g': 'slow'}\n\ndef __getattr__(name):\n    pass\n",
        "pkg/lazy/slow.py": "from pkg import core\n",
        "pkg/lazy/sibling.py": "from . import slow\n",
    })
    graph = import_graph(pkg)
    assert graph["pkg.lazy"] == {"pkg.lazy.slow"}
    assert graph["pkg.lazy.sibling"] == {"pkg.lazy.slow"}
    assert cycles(graph) == [["pkg.core", "pkg.sub", "pkg.sub.x", "pkg.core"]]


def test_a_cycle_through_an_enclosing_package_is_found(tmp_path):
    # `import pkg.b.two` runs pkg/b/__init__.py first, which imports pkg.b.one, which needs pkg.a
    pkg = _write(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "from .b.two import x\n",
        "pkg/b/__init__.py": "from .one import y\n",
        "pkg/b/one.py": "from ..a import x as y\n",
        "pkg/b/two.py": "x = 1\n",
    })
    assert cycles(import_graph(pkg)) == []
    assert cycles(import_graph(pkg, enclosing=True)) == [["pkg.a", "pkg.b", "pkg.b.one", "pkg.a"]]


def test_no_import_cycle_among_modules():
    assert cycles(import_graph(enclosing=True)) == []


def test_measures_import_no_application():
    def subpackage(module: str) -> str:
        return (module.split(".") + [""])[1]

    found = sorted((m, t) for m, targets in import_graph().items() for t in targets
                   if subpackage(m) in MEASURES and subpackage(t) in APPS)
    assert found == []


def test_layers_import_only_downwards():
    upward = upward_edges(import_graph())
    assert sorted(upward - UPWARD_TODAY) == [], "a module imports a layer above its own"
    assert sorted(UPWARD_TODAY - upward) == [], "gone from the code: remove these from UPWARD_TODAY"


def test_every_subpackage_declares_its_public_names():
    for init in PACKAGE.glob("*/__init__.py"):
        if init.parent.name in ("lenses",):
            continue
        tree = ast.parse(init.read_text(encoding="utf-8"))
        names = [t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)]
        assert "__all__" in names, init


def test_import_analysis_stays_light():
    code = ("import json, sys, analysis; "
            "print(json.dumps([m for m in ('spacy', 'matplotlib', 'ipywidgets', 'duckdb', 'dask') "
            "if m in sys.modules]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert json.loads(done.stdout) == []
