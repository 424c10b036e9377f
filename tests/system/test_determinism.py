"""Determinism: the command line's JSON output is byte-identical across runs.

Every registered command that prints data is run in fresh interpreters with
different ``PYTHONHASHSEED`` values (so set and dict-of-set iteration orders
differ), each with its own empty cache, and once more on a warm cache: the
bytes on stdout must not change. Commands are read from
:data:`analysis.cli.commands.COMMANDS`, so new ones are covered automatically;
required options are filled in from the corpus ids when they ask for a
document id, otherwise the command is skipped with the reason.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys

import pytest

from analysis import paths
from analysis.corpus.catalog import folder_entries
from analysis.cli.commands import COMMANDS

HASH_SEEDS = ("0", "123456789", "4000000000")
# Required options that take a document id: which corpus id each one gets.
DOC_ID_OPTIONS = {"--a": 0, "--b": 1, "--doc": 0, "--target": 0, "--reference": 1}


def _required_options(module) -> list[argparse.Action]:
    parser = argparse.ArgumentParser()
    module.add_arguments(parser)
    return [a for a in parser._actions
            if a.required or (not a.option_strings and a.nargs not in ("?", "*", argparse.REMAINDER))]


def command_cases() -> list:
    """One pytest param per data-printing command: its argv (without --format)."""
    ids = [e.id for e in folder_entries(paths.SEEDS)]
    cases = []
    for dotted in COMMANDS:
        module = importlib.import_module(dotted)
        if not getattr(module, "PRINTS_DATA", False):
            continue
        argv, missing = [module.NAME, "--seeds", str(paths.SEEDS)], []
        for action in _required_options(module):
            flag = next((o for o in action.option_strings if o in DOC_ID_OPTIONS), None)
            if flag is None or DOC_ID_OPTIONS[flag] >= len(ids):
                missing.append("/".join(action.option_strings) or action.dest)
            else:
                argv += [flag, ids[DOC_ID_OPTIONS[flag]]]
        marks = [pytest.mark.skip(reason=f"needs {', '.join(missing)}")] if missing else []
        cases.append(pytest.param(argv, id=module.NAME, marks=marks))
    return cases


def run_json(argv: list[str], hash_seed: str, cache_dir, figures_dir) -> bytes:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed, RDF_CACHE_DIR=str(cache_dir),
               RDF_FIGURES=str(figures_dir), RDF_PROGRESS="0")
    env.pop("RDF_SEEDS", None)
    result = subprocess.run([sys.executable, "-m", "analysis", *argv, "--format", "json"],
                            capture_output=True, cwd=paths.ROOT, env=env, timeout=600)
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    return result.stdout


def test_every_data_command_is_covered():
    names = {p.id for p in command_cases()}
    assert "corpus" in names
    printing = {importlib.import_module(d).NAME for d in COMMANDS
                if getattr(importlib.import_module(d), "PRINTS_DATA", False)}
    assert names == printing


@pytest.mark.parametrize("argv", command_cases())
def test_cli_json_is_byte_identical(argv, tmp_path):
    figures = tmp_path / "figures"
    cold = [run_json(argv, seed, tmp_path / f"cache-{seed}", figures) for seed in HASH_SEEDS[:2]]
    warm = run_json(argv, HASH_SEEDS[2], tmp_path / f"cache-{HASH_SEEDS[0]}", figures)
    rows = json.loads(cold[0])
    assert isinstance(rows, list) and rows, "the command printed no rows"
    assert cold[1] == cold[0], f"{argv[0]}: output differs between PYTHONHASHSEED values"
    assert warm == cold[0], f"{argv[0]}: output from a warm cache differs from a fresh run"
