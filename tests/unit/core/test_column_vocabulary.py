"""One column vocabulary (docs/tables.md): the sentence number is ``sentence`` in every table, CLI JSON and
store table, never ``index``."""
from __future__ import annotations

import importlib
import json

import pytest

from analysis import load_corpus, paths
from analysis.store.tables import SCHEMAS

MODULES = ["analysis.framing.cues", "analysis.framing.frames", "analysis.framing.devices", "analysis.sentiment.scores"]


@pytest.mark.parametrize("module", MODULES)
def test_column_constants_say_sentence(module):
    found = {name: value for name, value in vars(importlib.import_module(module)).items()
             if name.endswith("_COLUMNS") and isinstance(value, list)}
    assert found
    assert {name: cols for name, cols in found.items() if "index" in cols} == {}


def test_store_tables_say_sentence():
    assert [name for name, schema in SCHEMAS.items() if "index" in schema.names] == []
    assert {"sentences", "sentiment", "cues"} <= {name for name, schema in SCHEMAS.items() if "sentence" in schema.names}


def test_cli_json_says_sentence():
    keys = set()
    for path in sorted((paths.ROOT / "tests" / "fixtures" / "cli_json").glob("*.json")):
        rows = json.loads(path.read_text(encoding="utf-8"))
        keys |= {k for row in (rows if isinstance(rows, list) else [rows]) if isinstance(row, dict) for k in row}
    assert "sentence" in keys and "index" not in keys


def test_per_sentence_tables_say_sentence(tmp_path):
    from analysis import framing, sentiment

    (tmp_path / "a.txt").write_text("The war goes on. Peace talks failed, sadly.\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    tables = {"sentences": corpus.sentences(), "cues": framing.find_cues(corpus, "generic"),
              "sentiment": sentiment.sentence_scores(corpus), "evidence": sentiment.word_evidence(corpus),
              "voices": framing.sentence_voice_table(corpus)}
    assert {name: list(t.columns) for name, t in tables.items() if "index" in t.columns or "sentence" not in t} == {}
