"""Looking a document up by id: an index, not a scan of the corpus (issue 26)."""
from __future__ import annotations

from pathlib import Path

import pytest

from analysis.corpus.model import Corpus
from analysis.errors import UnknownName


class _Doc:
    """A stand-in document that counts how often its id is read."""

    reads = 0

    def __init__(self, doc_id: str) -> None:
        self._id = doc_id

    @property
    def id(self) -> str:
        _Doc.reads += 1
        return self._id


def test_lookups_read_each_id_about_once():
    corpus = Corpus(Path("."), [_Doc(f"d{i}") for i in range(2000)])
    _Doc.reads = 0
    for i in range(2000):
        assert corpus[f"d{i}"].id == f"d{i}"
    assert _Doc.reads < 10_000  # a scan per look-up reads about two million ids


def test_lookup_follows_changes_to_the_documents():
    corpus = Corpus(Path("."), [_Doc("a"), _Doc("b")])
    assert corpus["b"] is corpus.docs[1]
    corpus.docs.insert(0, _Doc("c"))
    assert corpus["b"] is corpus.docs[2] and corpus["c"] is corpus.docs[0]
    corpus.docs.pop()
    with pytest.raises(UnknownName, match="no document 'b'"):
        corpus["b"]


def test_the_first_of_a_repeated_id_wins():
    corpus = Corpus(Path("."), [_Doc("a"), _Doc("a")])
    assert corpus["a"] is corpus.docs[0]
