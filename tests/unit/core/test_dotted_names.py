"""Every dotted ``analysis.…`` name that a reader is shown resolves: in the notebooks' and solutions' cells
(markdown and code, and any metadata), the per-corpus wording that code cells show (``analysis/views/passages/``)
and the teaching plan, the teacher's guide, ``README.md``, ``docs/`` and the package's own docstrings and comments. A name is imported as a module as far as it is one, and
the rest is looked up as attributes, so a student who follows it gets no ``ModuleNotFoundError``."""
from __future__ import annotations

import dataclasses
import importlib
import json
import re
from pathlib import Path

import pytest

from analysis import paths

ROOT = paths.ROOT
DOTTED = re.compile(r"\banalysis(?:\.[A-Za-z_]\w*)+")


def _strings(value) -> list[str]:
    """Every string inside a JSON value (a cell's metadata holds its per-corpus wording as nested strings)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def texts(root: Path = ROOT) -> list[tuple[str, str]]:
    """(where, text) for every place that names ``analysis`` modules to a reader."""
    found = []
    for notebook in sorted([*root.glob("notebooks/*.ipynb"), *root.glob("notebooks/solutions/*.ipynb")]):
        for k, cell in enumerate(json.loads(notebook.read_text(encoding="utf-8"))["cells"]):
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            found.append((f"{notebook.relative_to(root)} cell {k}", "\n".join([source, *_strings(cell["metadata"])])))
    for path in [root / "README.md", root / "notebooks" / "README.md", *sorted(root.glob("docs/*.md")),
                 *sorted((root / "analysis").rglob("*.py")), *sorted((root / "analysis").rglob("*.toml"))]:
        if path.exists():
            found.append((str(path.relative_to(root)), path.read_text(encoding="utf-8")))
    return found


def resolve(dotted: str) -> None:
    """Import the longest module prefix of ``dotted``, then look up the rest as attributes; raise if one is missing."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        name = ".".join(parts[:cut])
        try:
            obj = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name is not None and not name.startswith(error.name):
                raise  # the module exists but one of its own imports is missing: a different problem
            continue
        for attribute in parts[cut:]:
            if hasattr(obj, attribute):
                obj = getattr(obj, attribute)
            elif dataclasses.is_dataclass(obj) and attribute in {f.name for f in dataclasses.fields(obj)}:
                return  # a field of a dataclass (no class attribute without a default)
            else:
                raise AttributeError(f"{dotted}: {name!r} has no {attribute!r}")
        return
    raise ModuleNotFoundError(dotted)


def dotted_names() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for where, text in texts():
        for name in sorted(set(DOTTED.findall(text))):
            found.setdefault(name, []).append(where)
    return found


def test_the_scan_sees_notebooks_docs_and_docstrings():
    found = dotted_names()
    assert any(w.startswith("notebooks/01-framing.ipynb") for w in found["analysis.setup"])
    assert any(w.startswith("notebooks/solutions/") for ws in found.values() for w in ws)
    assert "README.md" in found["analysis.groups.from_env"]
    assert "analysis/views/passages/01-framing.toml" in found["analysis.framing.cues.settings"]
    assert any(w.startswith("analysis/") for w in found["analysis.errors.UnknownName"])
    with pytest.raises(AttributeError, match="'analysis' has no 'cues'"):
        resolve("analysis.cues.settings")                # a module that moved into a subpackage
    with pytest.raises(AttributeError, match="no 'nothing_here'"):
        resolve("analysis.compare.Comparer.nothing_here")
    resolve("analysis.framing.FrameModel")          # a lazy name of a package facade
    resolve("analysis.groups.Comparison.n_a")        # a dataclass field


def test_every_dotted_name_resolves():
    broken = {}
    for name, where in sorted(dotted_names().items()):
        try:
            resolve(name)
        except (ImportError, AttributeError) as error:
            broken[name] = f"{type(error).__name__}: {error} (in {', '.join(where[:3])})"
    assert broken == {}
