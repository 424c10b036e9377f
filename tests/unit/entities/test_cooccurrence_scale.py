"""Co-occurrence at corpus scale (issue 26): one self-join and one sparse product, the same
tables as the per-sentence loops they replace."""
from __future__ import annotations

import random
from collections import Counter
from itertools import combinations

import pandas as pd
import pytest
from pandas.core.groupby.groupby import GroupBy
from pandas.core.indexing import _LocIndexer

from analysis import entities as E

NAMES = ["Vladimir Putin", "Kim Jong Un", "Russia", "North Korea", "Moscow", "Pyongyang", "Sergei Shoigu", "Kremlin"]


def _mentions(n_docs: int = 30, seed: int = 3) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for d in range(n_docs):
        for sentence in range(rng.randint(1, 12)):
            for _ in range(rng.randint(0, 4)):
                name = rng.choice(NAMES)
                rows.append((f"doc{d:02d}", sentence, name, "PERSON" if " " in name else "GPE"))
    return pd.DataFrame(rows, columns=["doc", "sentence", "entity", "type"])


def _reference_pairs(mentions: pd.DataFrame, by_doc: bool) -> pd.DataFrame:
    """The per-sentence loop the library ran before."""
    pairs: dict[tuple, list[str]] = {}
    for (doc, sent), group in mentions.groupby(["doc", "sentence"], sort=False):
        for a, b in combinations(sorted(set(group["entity"])), 2):
            pairs.setdefault((doc, a, b) if by_doc else (a, b), []).append(f"{doc}#{sent}")
    columns = (["doc"] if by_doc else []) + ["entity_a", "entity_b", "sentences", "where"]
    table = pd.DataFrame([(*k, len(w), ", ".join(w)) for k, w in pairs.items()], columns=columns)
    order = (["doc"] if by_doc else []) + ["sentences", "entity_a", "entity_b"]
    return table.sort_values(order, ascending=([True] if by_doc else []) + [False, True, True],
                             kind="stable").reset_index(drop=True)


def _reference_matrix(mentions: pd.DataFrame, entities: list[str]) -> pd.DataFrame:
    counts = Counter()
    for _, group in mentions.groupby(["doc", "sentence"], sort=False):
        present = [e for e in entities if e in set(group["entity"])]
        counts.update((a, b) for a in present for b in present)
    return pd.DataFrame([[counts[(a, b)] for b in entities] for a in entities],
                        index=pd.Index(entities, name="entity"), columns=entities)


@pytest.mark.parametrize("by_doc", [False, True])
def test_pairs_equal_the_loop(by_doc):
    found = _mentions()
    pd.testing.assert_frame_equal(E.cooccurrence(found, types=None, by_doc=by_doc), _reference_pairs(found, by_doc),
                                  check_dtype=False)


def test_matrix_equals_the_loop():
    found = _mentions()
    entities = ["Russia", "Kim Jong Un", "Moscow", "Kremlin"]
    pd.testing.assert_frame_equal(E.cooccurrence_matrix(found, entities, types=None),
                                  _reference_matrix(found, entities), check_dtype=False)


def test_no_loop_over_sentences(monkeypatch):
    """Neither table iterates the sentence groups nor writes the matrix cell by cell."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("a Python loop over the sentences")

    found = _mentions()
    monkeypatch.setattr(GroupBy, "__iter__", refuse)
    monkeypatch.setattr(_LocIndexer, "__setitem__", refuse)
    assert len(E.cooccurrence(found, types=None)) and len(E.cooccurrence(found, types=None, by_doc=True))
    assert E.cooccurrence_matrix(found, top=5, types=None).to_numpy().trace() > 0


def test_empty_mentions():
    empty = _mentions().head(0)
    assert E.cooccurrence(empty, types=None).empty
    assert list(E.cooccurrence(empty, types=None, by_doc=True).columns) == ["doc", "entity_a", "entity_b", "sentences",
                                                                            "where"]
    assert E.cooccurrence_matrix(empty, ["Russia"], types=None).loc["Russia", "Russia"] == 0


def test_frequencies_take_a_stores_word_counts(monkeypatch):
    """The per-1,000-words base comes from the remembered (for a store, stored) word count:
    counting the words again would read and tokenise every text."""
    from analysis import load_corpus, paths
    from analysis.corpus.model import Document
    from analysis.framing.cues import word_count

    corpus = load_corpus(paths.SEEDS)
    expected = {d.id: word_count(d) for d in corpus}
    found = pd.DataFrame([(d.id, 0, "Russia", "GPE", "Russia") for d in corpus],
                         columns=["doc", "sentence", "entity", "type", "surface"])
    monkeypatch.setattr(Document, "words", property(lambda self: pytest.fail("the words were read again")))
    table = E.frequencies(found, corpus)
    assert table.set_index("doc")["per_1k"].to_dict() == {d: round(1000 / n, 3) for d, n in expected.items()}
