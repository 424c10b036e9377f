"""Notebook 04's sub-topics: the seeds' own three on the seeds, words found in the texts elsewhere."""
from __future__ import annotations

import shutil

from analysis import load_corpus, paths
from analysis.findings import SEED_SUBTOPICS, subtopics

A, B = "ch49-vostochny", "news-shoigu-2025"


def test_the_seeds_keep_their_own_subtopics():
    assert subtopics(load_corpus(), A, B) == SEED_SUBTOPICS


def test_another_corpus_gets_words_both_texts_use_not_the_seeds_subtopics(tmp_path):
    folder = tmp_path / "other"
    shutil.copytree(paths.SEEDS, folder)
    (folder / "corpus.toml").unlink(missing_ok=True)  # the same texts, without the seeds' narrative
    corpus = load_corpus(folder)
    found = subtopics(corpus, A, B)
    assert len(found) == 3 and not set(found) & set(SEED_SUBTOPICS)
    for word in found:  # each one is used by both documents
        assert word in corpus[A].words and word in corpus[B].words
