"""Passage similarity lives in the corpus layer and its TF-IDF is scikit-learn's."""
from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from analysis import load_corpus
from analysis.corpus import similarity


def test_tfidf_is_scikit_learns(tmp_path):
    (tmp_path / "a.txt").write_text("Sanctions bite. The sanctioned regime trades arms for oil. Arms flow.",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Oil prices rise. New sanctions on arms dealers. Nothing else.", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    al = similarity.align(corpus["a"], corpus["b"])
    docs = [" ".join(p.terms) for p in al.left + al.right]
    reference = TfidfVectorizer(token_pattern=r"\S+", lowercase=False).fit(docs)
    assert isinstance(al.model.vectorizer, TfidfVectorizer)
    assert al.model.terms == list(reference.get_feature_names_out())
    expected = reference.transform(docs[:len(al.left)]).toarray() @ reference.transform(docs[len(al.left):]).toarray().T
    assert np.allclose(al.matrix, expected, atol=1e-12)
    assert al.model.transform([("zzz",)]).sum() == 0  # an unknown term gives a zero row


def test_passages_without_terms_give_zero_similarity(tmp_path):
    (tmp_path / "a.txt").write_text("It is. It was.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("And so it is.", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    al = similarity.align(corpus["a"], corpus["b"])
    assert al.matrix.shape == (2, 1) and not al.matrix.any() and al.best_pairs().empty
