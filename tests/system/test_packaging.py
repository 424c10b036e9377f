"""The wheel is complete and its declared dependencies suffice.

The wheel is built from the working tree and installed with ``--no-deps`` into a fresh
virtual environment that holds nothing but the distributions ``pyproject.toml`` declares
and, transitively, what they require, taken from this environment (installed from the
lock; nothing is downloaded). Then every module of the package is imported there, in
isolated mode, so that an undeclared import (PyYAML before it was declared) fails here.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from analysis import paths

pytestmark = pytest.mark.system


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def declared() -> list[Requirement]:
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(r) for r in project["dependencies"]]


def closure(requirements: list[Requirement]) -> dict[str, metadata.Distribution]:
    """Every installed distribution the requirements need, transitively (markers and extras evaluated)."""
    found: dict[str, metadata.Distribution] = {}
    todo = [(r, frozenset(r.extras)) for r in requirements]
    while todo:
        req, extras = todo.pop()
        key = _name(req.name)
        if key in found:
            continue
        dist = metadata.distribution(req.name)
        found[key] = dist
        for text in dist.requires or []:
            sub = Requirement(text)
            envs = [{"extra": e} for e in extras] or [{"extra": ""}]
            if sub.marker is None or any(sub.marker.evaluate(env) for env in envs):
                todo.append((sub, frozenset(sub.extras)))
    return found


def link_distributions(dists: dict[str, metadata.Distribution], site: Path) -> None:
    """Symlink each distribution's files (from its RECORD) into ``site``: a whole top-level
    entry when one distribution owns it, file by file where several share a folder."""
    owners: dict[Path, set[str]] = {}
    files: dict[str, list[Path]] = {}
    for key, dist in dists.items():
        base = Path(dist.locate_file(""))
        kept = [Path(f) for f in dist.files or [] if not str(f).startswith("..")]
        files[key] = [base / f for f in kept]
        for f in kept:
            owners.setdefault(base / f.parts[0], set()).add(key)
    for top, keys in owners.items():
        target = site / top.name
        if len(keys) == 1 or top.is_file():
            if not target.exists():
                target.symlink_to(top)
            continue
        for key in keys:
            for path in files[key]:
                if top in path.parents:
                    link = site / path.relative_to(top.parent)
                    link.parent.mkdir(parents=True, exist_ok=True)
                    if not link.exists() and path.exists():
                        link.symlink_to(path)


def test_closure_covers_a_transitive_dependency():
    names = set(closure(declared()))
    assert {"pyyaml", "pandas", "numpy", "spacy"} <= names   # declared
    assert "python-dateutil" in names                          # pandas needs it, nobody declares it
    assert "pytest" not in names and "playwright" not in names  # tools of the tests, not of the package


def test_wheel_installs_and_every_module_imports_with_declared_dependencies_only(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "--quiet", "-w", str(wheels), str(paths.ROOT)], check=True, capture_output=True, timeout=300)
    wheel = next(wheels.glob("russia_dprk_framing-*.whl"))

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    site = next((venv / "lib").glob("python3*/site-packages"))
    link_distributions(closure(declared()), site)
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
                    "--target", str(site), str(wheel)], check=True, capture_output=True, timeout=300)
    assert (site / "analysis" / "py.typed").is_file()
    assert (site / "analysis" / "framing" / "lexicons" / "cues.csv").is_file()
    assert (site / "analysis" / "report" / "assets" / "site.css").is_file()

    script = (
        "import importlib, importlib.util, pkgutil, analysis\n"
        "assert importlib.util.find_spec('pytest') is None, 'the test environment leaks in'\n"
        "names = [m.name for m in pkgutil.walk_packages(analysis.__path__, 'analysis.') if m.name != 'analysis.__main__']\n"
        "for name in names: importlib.import_module(name)\n"
        "assert analysis.__file__.startswith(%r), analysis.__file__\n"
        "print(len(names))\n" % str(site)
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    done = subprocess.run([str(venv / "bin" / "python"), "-I", "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.split()[-1]) > 60
