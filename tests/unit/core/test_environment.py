"""The pip lock and the conda environment name the same packages at the same versions."""
from __future__ import annotations

import re

import yaml

from analysis import paths

CONDA_NAMES = {"pyyaml": "pyyaml"}  # conda-forge name -> PyPI name, where they differ


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_versions() -> dict[str, str]:
    text = (paths.ROOT / "requirements.lock").read_text(encoding="utf-8")
    return {_norm(m[1]): m[2] for m in re.finditer(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)", text, re.M)}


def top_level() -> list[str]:
    lines = (paths.ROOT / "requirements.in").read_text(encoding="utf-8").splitlines()
    return [_norm(re.split(r"[<>=!~ ]", l.strip())[0]) for l in lines if l.strip() and not l.startswith("#")]


def environment_versions() -> dict[str, str]:
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            for item in dep["pip"]:
                if "==" in item:
                    name, version = item.split("==")
                    pins[_norm(name)] = version
        elif "=" in dep:
            name, version = dep.split("=", 1)
            pins[_norm(CONDA_NAMES.get(name, name))] = version
    return pins


def test_every_top_level_requirement_is_locked():
    locked = lock_versions()
    assert [p for p in top_level() if p not in locked] == []


def test_environment_pins_match_the_lock():
    locked, env = lock_versions(), environment_versions()
    env.pop("python", None)
    mismatched = {name: (version, locked.get(name)) for name, version in env.items() if locked.get(name) != version}
    assert mismatched == {}


def test_environment_covers_every_top_level_requirement():
    env = environment_versions()
    assert [p for p in top_level() if p not in env] == []


def test_lock_has_hashes():
    text = (paths.ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^[A-Za-z0-9_.-]+==\S+", text, re.M)
    assert len(pins) > 50
    blocks = re.split(r"^(?=[A-Za-z0-9_.-]+==)", text, flags=re.M)[1:]
    assert all("--hash=sha256:" in block for block in blocks)
