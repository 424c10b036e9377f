"""Offline guarantee and determinism, run for real.

The main test run re-executes every notebook once (``pytest --nbval``). These
tests re-run them twice more in fresh processes, each with another
``PYTHONHASHSEED`` (kernels inherit it): once inside a new network namespace
with only the loopback interface up (``unshare -n``), so any network access
fails, and once normally. With the main run that makes three consecutive
passes. The command line is also run offline.

``unshare`` needs root or user namespaces; where it is unavailable these tests
skip, unless ``RDF_REQUIRE_OFFLINE=1`` (set by CI), where they fail.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from analysis import paths
from test_determinism import command_cases

NBVAL = [sys.executable, "-m", "pytest", "--nbval", "notebooks", "-q", "-p", "no:cacheprovider",
         "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "-o", "testpaths=notebooks"]


def _offline(argv: list[str]) -> list[str]:
    # Jupyter kernels talk to their client over 127.0.0.1, so bring the loopback up.
    return ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *argv]


def _unshare_works() -> bool:
    if not shutil.which("unshare") or not shutil.which("ip"):
        return False
    probe = subprocess.run(_offline(["true"]), capture_output=True)
    return probe.returncode == 0


def _require_offline():
    if _unshare_works():
        return
    if os.environ.get("RDF_REQUIRE_OFFLINE") == "1":
        pytest.fail("unshare -n is not available but RDF_REQUIRE_OFFLINE=1")
    pytest.skip("unshare -n (a network namespace) is not available here")


def _env(hash_seed: str, tmp_path) -> dict:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed, RDF_FIGURES=str(tmp_path / "figures"),
               RDF_PROGRESS="0")
    env.pop("RDF_SEEDS", None)
    return env


def _check_nbval(result: subprocess.CompletedProcess) -> None:
    tail = result.stdout[-3000:] + result.stderr[-2000:]
    assert result.returncode == 0, tail
    assert " passed" in result.stdout and " failed" not in result.stdout, tail


def test_network_is_really_off_in_the_namespace():
    _require_offline()
    code = ("import socket\n"
            "try:\n socket.create_connection(('pypi.org', 443), timeout=5)\n"
            "except OSError:\n print('offline')\n")
    result = subprocess.run(_offline([sys.executable, "-c", code]), capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "offline"


def test_notebooks_pass_offline_with_another_hash_seed(tmp_path):
    _require_offline()
    result = subprocess.run(_offline(NBVAL), capture_output=True, text=True, cwd=paths.ROOT,
                            env=_env("1", tmp_path), timeout=1800)
    _check_nbval(result)


def test_notebooks_pass_a_third_time_with_a_third_hash_seed(tmp_path):
    result = subprocess.run(NBVAL, capture_output=True, text=True, cwd=paths.ROOT,
                            env=_env("2", tmp_path), timeout=1800)
    _check_nbval(result)


@pytest.mark.parametrize("argv", command_cases())
def test_cli_works_offline(argv, tmp_path):
    _require_offline()
    cmd = _offline([sys.executable, "-m", "analysis", *argv, "--format", "json"])
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=paths.ROOT,
                            env=_env("3", tmp_path), timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout), f"{argv[0]} printed no rows"
