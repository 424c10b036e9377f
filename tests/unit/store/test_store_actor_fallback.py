"""A mention the store does not hold sends only its own document through the parser (issue 26).

The corpus-wide type vote can make an actor of a span that its document typed otherwise (a
``CARDINAL`` "G7" voted ``GPE`` by the other documents): the store holds no sentiment row for it.
Before, one such span anywhere made ``actor_mentions`` compute every document of the corpus again."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd

from analysis import actors, entities, load_corpus, paths
from analysis.actors import mentions as actor_module
from analysis.cli.main import main
from analysis.config import actor_types


def _store_with_an_extra_mention(tmp_path, **extra_columns):
    """The seeds annotated into a store, their actor mentions, and one more mention the store does not hold: the
    first token of a news-piece sentence that names no actor (``extra_columns`` override its row)."""
    seeds = Path(shutil.copytree(paths.SEEDS, tmp_path / "C"))
    assert main(["annotate", "--seeds", str(seeds), "--store", str(tmp_path / "S"), "--workers", "1"]) == 0
    corpus = load_corpus(tmp_path / "S")
    found = entities.mentions(corpus)
    found = found[found["type"].isin(actor_types())].reset_index(drop=True)
    doc = corpus["news-shoigu-2025"]
    sentence = next(s for s in doc.sentences if not ((found.doc == doc.id) & (found.sentence == s.index)).any())
    token = sentence.tokens[0]
    extra = found[found.doc == doc.id].iloc[[0]].assign(
        sentence=sentence.index, start=token.start, end=token.end, surface=doc.raw[token.start:token.end],
        **extra_columns)
    return corpus, found, doc, extra


def test_only_the_document_of_an_unstored_mention_is_computed(tmp_path, monkeypatch):
    corpus, found, doc, extra = _store_with_an_extra_mention(tmp_path)
    given = pd.concat([found, extra]).sort_values(["doc", "sentence", "start"], kind="stable").reset_index(drop=True)
    given = pd.concat([given[given.doc == d.id] for d in corpus], ignore_index=True)  # corpus order

    computed = []
    real = actor_module.mention_rows

    def spy(docs, table, cached=True):
        computed.extend(d.id for d in docs)
        return real(docs, table, cached)

    expected = real(list(corpus), given, cached=False)
    monkeypatch.setattr(actor_module, "mention_rows", spy)
    result = actors.actor_mentions(corpus, found=given)
    assert computed == [doc.id]
    pd.testing.assert_frame_equal(result, expected)


def test_only_the_document_of_an_unstored_actor_is_cast_again(tmp_path, monkeypatch):
    from analysis.actors import roles

    corpus, found, doc, extra = _store_with_an_extra_mention(tmp_path, entity="Someone New", type="PERSON")
    given = pd.concat([found, extra], ignore_index=True)

    from analysis.actors import actor_pass
    from analysis.actors.role_model import default_model

    expected = roles.role_table(corpus, given, model=default_model())  # every document computed
    cast = []
    real = actor_pass.run

    def spy(docs, found, model=None, *args, **kwargs):
        cast.extend(d.id for d in docs if d.id in set(found["doc"]))
        return real(docs, found, model, *args, **kwargs)

    monkeypatch.setattr(actor_pass, "run", spy)
    result = roles.role_table(corpus, given)
    assert cast == [doc.id]
    pd.testing.assert_frame_equal(result, expected)
