"""Actors in a corpus: the sentiment toward each mention, per document and actor, and by group."""
from __future__ import annotations

import json

import numpy as np
import pytest

from analysis import load_corpus
from analysis.actors.mentions import DOCUMENT_COLUMNS, MENTION_COLUMNS, actor_documents, actor_mentions
from analysis.cli import main as cli

HOSTILE = "Critics accused Vladimir Putin of war crimes. The army killed Vladimir Putin's allies in Moscow."
FRIENDLY = "Leaders praised Vladimir Putin for his generous help. Vladimir Putin welcomed the guests in Moscow."


@pytest.fixture(scope="module")
def grouped(tmp_path_factory):
    """Eight short documents: four of side H (hostile to Putin), four of side F (friendly)."""
    folder = tmp_path_factory.mktemp("actors")
    lines = ["id,file,title,side"]
    for i in range(8):
        side = "H" if i < 4 else "F"
        text = (HOSTILE if side == "H" else FRIENDLY) + f" It was day {i}."
        (folder / f"d{i}.txt").write_text(text + "\n", encoding="utf-8")
        lines.append(f"d{i},d{i}.txt,Story {i},{side}")
    (folder / "catalog.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_every_mention_gets_its_sentence_voice_and_sentiment(corpus):
    table = actor_mentions(corpus)
    assert list(table.columns) == MENTION_COLUMNS and len(table) > 20
    assert {"Kim Jong Un", "Vladimir Putin"} <= set(table["entity"])
    assert set(table["type"]) <= {"PERSON", "ORG", "GPE"}
    assert set(table["voice"]) <= {"authorial", "quoted", "attributed"}
    probs = table[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    assert np.allclose(probs.sum(axis=1), 1, atol=1e-3)
    docs = {d.id: d for d in corpus}
    for row in table.head(30).itertuples():
        assert docs[row.doc].raw[row.start:row.end] == row.surface
        assert row.surface in row.text


def test_the_same_actor_is_read_differently_in_different_sentences(grouped):
    table = actor_mentions(load_corpus(grouped))
    putin = table[table["entity"] == "Vladimir Putin"]
    hostile = putin[putin["doc"] == "d0"]
    friendly = putin[putin["doc"] == "d4"]
    assert hostile["p_negative"].mean() > friendly["p_negative"].mean()
    assert friendly["p_positive"].mean() > hostile["p_positive"].mean()


def test_per_document_and_actor(grouped):
    found = actor_mentions(load_corpus(grouped))
    per_doc = actor_documents(found)
    assert list(per_doc.columns) == DOCUMENT_COLUMNS
    assert per_doc["mentions"].sum() == len(found)
    assert (per_doc[["negative", "neutral", "positive"]].sum(axis=1) == per_doc["mentions"]).all()
    putin = per_doc[per_doc["entity"] == "Vladimir Putin"].set_index("doc")["net"]
    assert putin["d0"] < putin["d4"]


def test_group_view_compares_sides_with_documents_as_units(grouped, capsys):
    assert cli.main(["actors", "--seeds", str(grouped), "--by", "group", "--group-by", "side", "--a", "H", "--b", "F",
                     "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    net = {r["side"]: r for r in rows if r["entity"] == "Vladimir Putin" and r["measure"] == "net"}
    assert net["a"]["n_docs"] == 4 and net["b"]["n_docs"] == 4
    assert net["a"]["mean"] < net["b"]["mean"] and "ci_low" in net["a"]
    assert cli.main(["actors", "--seeds", str(grouped), "--by", "difference", "--group-by", "side", "--a", "H",
                     "--b", "F", "--format", "json"]) == 0
    diff = [r for r in json.loads(capsys.readouterr().out) if r["entity"] == "Vladimir Putin" and r["measure"] == "net"]
    assert diff[0]["diff"] < 0 and "p_value" in diff[0]


def test_targets_do_not_combine_with_corpus_options(tmp_path, capsys):
    path = tmp_path / "t.jsonl"
    path.write_text('{"id": "a", "text": "Putin spoke.", "start": 0, "end": 5}\n', encoding="utf-8")
    assert cli.main(["actors", "--targets", str(path), "--doc", "x"]) == 2
    assert "--targets does not combine with --doc" in capsys.readouterr().err
