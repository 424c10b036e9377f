"""The package's import graph: no cycle among its modules, a light top-level import.

Every import counts, also those inside functions and under ``TYPE_CHECKING``: a module
that imports another one only lazily still depends on it. A package's ``__init__``
importing its own modules is not an edge (every submodule import runs it anyway).
"""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from analysis import paths

PACKAGE = paths.ROOT / "analysis"


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(paths.ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (resolved to the nearest existing module)."""
    mods = modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for name, path in mods.items():
        base = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                head = base.split(".")
                module = ".".join(head[: len(head) - node.level + 1] + ([node.module] if node.module else [])) \
                    if node.level else (node.module or "")
                targets = [module] + [f"{module}.{a.name}" for a in node.names]
            else:
                continue
            for target in targets:
                while target and target not in mods:
                    target = target.rpartition(".")[0]
                if target.startswith("analysis") and target != name and not target.startswith(name + "."):
                    graph[name].add(target)
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


def test_the_walk_sees_lazy_imports():
    graph = import_graph()
    assert "analysis.corpus.model" in graph["analysis.corpus.catalog"] or \
        "analysis.corpus.catalog" in graph["analysis.corpus.model"]
    assert "analysis.cache" in graph["analysis.corpus.model"]  # imported inside load_corpus
    assert cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b", "a"]]


def test_no_import_cycle_among_modules():
    assert cycles(import_graph()) == []


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
