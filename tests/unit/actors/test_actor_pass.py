"""The actor pass: one spaCy pipeline and one parse of each actor sentence for the sentiment and the roles."""
from __future__ import annotations

import pandas as pd
import pytest
import spacy.language
import spacy.util

from analysis import load_corpus
from analysis.actors import actor_pass, parse, role_features, roles
from analysis.actors.mentions import actor_mentions
from analysis.actors.roles import role_table
from analysis.actors.target import predict_sentiment
from analysis.entities import mentions

TEXTS = ["Critics accused Vladimir Putin of war crimes. The army killed Vladimir Putin's allies in Moscow.",
         "Leaders praised Vladimir Putin for his generous help. Kim Jong Un welcomed the guests in Pyongyang.",
         "Floods destroyed the homes of farmers in Ukraine. Volunteers from the United Nations rescued them."]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("actor-pass")
    lines = ["id,file,title"]
    for i, text in enumerate(TEXTS):
        (folder / f"d{i}.txt").write_text(text + "\n", encoding="utf-8")
        lines.append(f"d{i},d{i}.txt,Story {i}")
    (folder / "catalog.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = list(load_corpus(folder))
    return docs, mentions(docs)


def _counting(monkeypatch) -> dict[str, int]:
    """Count the spaCy pipelines loaded and the texts run through ``Language.pipe`` from here on;
    the actors' pipeline and every cache start empty."""
    counts = {"loads": 0, "texts": 0}
    load, pipe = spacy.util.load_model_from_path, spacy.language.Language.pipe

    def counted_load(*args, **kwargs):
        counts["loads"] += 1
        return load(*args, **kwargs)

    def counted_pipe(self, texts, *args, **kwargs):
        texts = list(texts)
        counts["texts"] += len(texts)
        return pipe(self, texts, *args, **kwargs)

    monkeypatch.setattr(spacy.util, "load_model_from_path", counted_load)
    monkeypatch.setattr(spacy.language.Language, "pipe", counted_pipe)
    monkeypatch.setenv("RDF_CACHE", "0")
    parse.parser.cache_clear()
    getattr(role_features.nlp, "cache_clear", lambda: None)()
    getattr(actor_pass, "clear_memory", lambda: None)()
    return counts


def test_sentiment_and_roles_load_one_pipeline_and_parse_each_actor_sentence_once(small, monkeypatch):
    docs, found = small
    counts = _counting(monkeypatch)
    table = actor_mentions(docs, found=found)
    after_sentiment = dict(counts)
    roles_table = role_table(docs, found)
    assert len(table) > 0 and len(roles_table) > 0
    assert counts["loads"] == 1                                    # the roles load no second pipeline
    assert counts["texts"] == after_sentiment["texts"]             # ... and parse nothing again
    assert counts["texts"] == table.drop_duplicates(["doc", "sentence"]).shape[0]
    # the sentiment is still that of each mention read in its sentence alone
    by_id = {d.id: d for d in docs}
    starts = [by_id[r.doc].sentences[int(r.sentence)].start for r in table.itertuples()]
    alone = predict_sentiment([(t, a - s, b - s) for t, a, b, s in zip(table["text"], table["start"], table["end"],
                                                                        starts)])
    columns = ["sentiment", "p_negative", "p_neutral", "p_positive", "evidence"]
    pd.testing.assert_frame_equal(table[columns].reset_index(drop=True), alone[columns], check_exact=True)


def test_the_roles_equal_those_of_the_whole_text_on_one_sentence_documents(tmp_path, monkeypatch):
    """Where a document is one sentence, its parse alone is the whole text's: the roles are the same."""
    monkeypatch.setenv("RDF_CACHE", "0")
    lines = ["id,file,title"]
    for i, text in enumerate(["The army killed Vladimir Putin's allies in Moscow.",
                              "Volunteers from the United Nations rescued the farmers of Ukraine."]):
        (tmp_path / f"s{i}.txt").write_text(text + "\n", encoding="utf-8")
        lines.append(f"s{i},s{i}.txt,Story {i}")
    (tmp_path / "catalog.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = list(load_corpus(tmp_path))
    found = mentions(docs)
    table = role_table(docs, found)
    assert len(table) >= 4
    for doc in docs:
        own = found[(found["doc"] == doc.id) & found["type"].isin(["PERSON", "ORG", "GPE"])]
        whole = roles.document_roles(doc.raw, own[["entity", "start", "end"]].itertuples(index=False, name=None))
        mine = table[table["doc"] == doc.id].reset_index(drop=True)
        pd.testing.assert_frame_equal(mine[whole.columns], whole, check_exact=True, check_dtype=False)


def test_the_whole_pass_is_cached_on_disk(small, tmp_path, monkeypatch):
    docs, found = small
    monkeypatch.setenv("RDF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("RDF_CACHE", "1")
    getattr(actor_pass, "clear_memory", lambda: None)()
    first = actor_mentions(docs, found=found), role_table(docs, found)
    getattr(actor_pass, "clear_memory", lambda: None)()

    def no_parser(*args, **kwargs):
        raise AssertionError("spaCy was loaded")

    monkeypatch.setattr(parse, "parser", no_parser)
    monkeypatch.setattr(role_features, "nlp", no_parser)
    monkeypatch.setattr(roles, "nlp", no_parser)
    again = actor_mentions(docs, found=found), role_table(docs, found)
    pd.testing.assert_frame_equal(again[0], first[0], check_exact=True)
    pd.testing.assert_frame_equal(again[1], first[1], check_exact=True)
