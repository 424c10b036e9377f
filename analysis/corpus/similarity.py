"""Passage similarity: for a passage of one text, the most similar passages of another.

Passages (sentences or paragraphs) become TF-IDF vectors over stemmed content
words (stop words dropped, Porter stems so that *sanctions*, *sanctioned* and
*sanction* meet); similarity is the cosine of two vectors. IDF is computed over
the passages of both documents together, so a word that every passage uses
weighs little and a sub-topic word shared by a few passages weighs a lot:
scikit-learn's ``TfidfVectorizer`` on the passages' terms (raw counts,
``idf = ln((1 + n) / (1 + df)) + 1``, rows scaled to unit length).

The passage alignment of two documents (:mod:`analysis.compare.alignment` draws it)
and the sub-topic findings (:mod:`analysis.findings.topics`) read it from here.

>>> al = Alignment.build(chapter, news, unit="sentence")
>>> al.similar(12, top=3)            # news sentences closest to chapter sentence 12
>>> al.best_pairs(top=10)            # the closest cross-document pairs, with shared terms
>>> al.topic("sanctions", top=3)     # each text's passages on a sub-topic
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from ..errors import UnknownName
from .model import Document
from .terms import NEGATION, POSSESSIVES, content_words, porter_stem
from .tokens import word_spans

__all__ = ["Alignment", "Passage", "TfIdf", "align", "passages", "query_terms", "UNITS"]

UNITS = ("sentence", "paragraph")


def content(words: list[str]) -> list[str]:
    """Lower-cased word tokens without stop words, clitics (possessive and ``n't``) and punctuation."""
    return content_words(words, clitics=POSSESSIVES | {NEGATION})


def terms(words: list[str]) -> list[str]:
    """Stemmed content terms of lower-cased word tokens."""
    return [porter_stem(w) for w in content(words)]


def query_terms(text: str) -> list[str]:
    """Stemmed content terms of a free-text query (same treatment as passages)."""
    norm = text.replace("’", "'")
    return terms([norm[a:b].lower() for a, b in word_spans(norm)])


@dataclass(frozen=True)
class Passage:
    """A sentence or paragraph: its document, number, display text, terms and
    the lower-cased words the terms come from."""

    doc: str
    index: int
    text: str
    terms: tuple[str, ...]
    words: tuple[str, ...] = ()


def _passage(doc_id: str, index: int, text: str, words: list[str]) -> Passage:
    kept = tuple(content(words))
    return Passage(doc_id, index, text, tuple(porter_stem(w) for w in kept), kept)


def _surface_forms(items: list[Passage]) -> dict[str, str]:
    """For each stem, its most frequent word in ``items`` (ties: alphabetical),
    so that evidence reads *technology*, not *technolog*."""
    counts = Counter((t, w) for p in items for t, w in zip(p.terms, p.words))
    best: dict[str, tuple[int, str]] = {}
    for (term, word), n in counts.items():
        if term not in best or (-n, word) < (-best[term][0], best[term][1]):
            best[term] = (n, word)
    return {term: word for term, (n, word) in best.items()}


def passages(doc: Document, unit: str = "sentence") -> list[Passage]:
    """The sentences or paragraphs of a document as :class:`Passage` objects."""
    if unit == "sentence":
        return [_passage(doc.id, s.index, s.text, s.words) for s in doc.sentences]
    if unit == "paragraph":
        return [_passage(doc.id, p.index, " ".join(s.text for s in p.sentences),
                         [w for s in p.sentences for w in s.words]) for p in doc.paragraphs]
    raise ValueError(f"unit must be one of {UNITS}, got {unit!r}")


@dataclass
class TfIdf:
    """A fitted vocabulary and IDF weights (scikit-learn's ``TfidfVectorizer`` on term tuples);
    :meth:`transform` gives unit-length rows."""

    vectorizer: object  # a fitted TfidfVectorizer, or None for passages without a single term

    @cached_property
    def terms(self) -> list[str]:
        """The vocabulary in column order (alphabetical)."""
        return [] if self.vectorizer is None else list(self.vectorizer.get_feature_names_out())

    @property
    def vocab(self) -> dict[str, int]:
        """Term -> column."""
        return {t: i for i, t in enumerate(self.terms)}

    @property
    def idf(self) -> np.ndarray:
        """The smoothed IDF weight of each column."""
        return np.zeros(0) if self.vectorizer is None else self.vectorizer.idf_

    @classmethod
    def fit(cls, term_lists: list[tuple[str, ...]]) -> "TfIdf":
        from sklearn.feature_extraction.text import TfidfVectorizer

        if not any(term_lists):
            return cls(None)
        vectorizer = TfidfVectorizer(analyzer=_identity, lowercase=False, smooth_idf=True, sublinear_tf=False,
                                     norm="l2")
        return cls(vectorizer.fit(list(term_lists)))

    def transform(self, term_lists: list[tuple[str, ...]]) -> np.ndarray:
        if self.vectorizer is None:
            return np.zeros((len(term_lists), 0))
        return self.vectorizer.transform(list(term_lists)).toarray()


def _identity(terms: tuple[str, ...]) -> list[str]:
    """The analyzer: a passage arrives as its terms already (stemmed content words)."""
    return list(terms)


@dataclass
class Alignment:
    """Cosine similarities between every passage of ``left`` and of ``right``."""

    left: list[Passage]
    right: list[Passage]
    model: TfIdf
    left_vectors: np.ndarray
    right_vectors: np.ndarray
    matrix: np.ndarray  # shape (len(left), len(right))
    unit: str
    labels: dict[str, str]  # stem -> most frequent surface word

    @classmethod
    def build(cls, left_doc: Document, right_doc: Document, unit: str = "sentence") -> "Alignment":
        left, right = passages(left_doc, unit), passages(right_doc, unit)
        model = TfIdf.fit([p.terms for p in left + right])
        lv, rv = model.transform([p.terms for p in left]), model.transform([p.terms for p in right])
        return cls(left, right, model, lv, rv, lv @ rv.T, unit, _surface_forms(left + right))

    def shared_terms(self, i: int, j: int, top: int = 5) -> list[str]:
        """The words whose stems contribute most to the similarity of left
        ``i`` and right ``j``, largest contribution first."""
        contrib = self.left_vectors[i] * self.right_vectors[j]
        cols = [c for c in np.argsort(-np.round(contrib, 12), kind="stable")[:top] if contrib[c] > 0]
        return [self.labels[self.model.terms[c]] for c in cols]

    def similar(self, index: int, top: int = 3, reverse: bool = False) -> pd.DataFrame:
        """The ``top`` passages of the other document most similar to passage
        ``index`` of the left one (or of the right one with ``reverse=True``).
        Ties are broken by passage order; zero-similarity passages are left out."""
        source, target = (self.right, self.left) if reverse else (self.left, self.right)
        position = _position(source, index)
        scores = self.matrix[:, position] if reverse else self.matrix[position]
        rows = []
        for j in _top_indices(scores, top):
            i_left, i_right = (j, position) if reverse else (position, j)
            rows.append((source[position].doc, source[position].index, target[j].doc, target[j].index,
                         round(float(scores[j]), 3), ", ".join(self.shared_terms(i_left, i_right)), target[j].text))
        return pd.DataFrame(rows, columns=["doc", self.unit, "other_doc", "other_" + self.unit,
                                           "similarity", "shared_terms", "other_text"])

    def to_frame(self) -> pd.DataFrame:
        """The similarity matrix as a table: rows are left passages, columns right ones."""
        return pd.DataFrame(self.matrix.round(4),
                            index=pd.Index([p.index for p in self.left], name=f"{self.unit} (left \\ right)"),
                            columns=[p.index for p in self.right])

    def best_pairs(self, top: int = 10) -> pd.DataFrame:
        """The ``top`` most similar cross-document pairs, with shared terms."""
        flat = self.matrix.ravel()
        rows = []
        for k in _top_indices(flat, top):
            i, j = divmod(int(k), self.matrix.shape[1])
            rows.append((self.left[i].index, self.right[j].index, round(float(flat[k]), 3),
                         ", ".join(self.shared_terms(i, j)), self.left[i].text, self.right[j].text))
        return pd.DataFrame(rows, columns=["left_" + self.unit, "right_" + self.unit, "similarity",
                                           "shared_terms", "left_text", "right_text"])

    def topic(self, query: str, top: int = 3) -> pd.DataFrame:
        """Each document's ``top`` passages closest to a free-text query, e.g.
        ``"sanctions"`` or ``"arms for technology"``; side = ``left``/``right``."""
        q = self.model.transform([tuple(query_terms(query))])[0]
        rows = []
        for side, items, vectors in (("left", self.left, self.left_vectors), ("right", self.right, self.right_vectors)):
            scores = vectors @ q
            for j in _top_indices(scores, top):
                rows.append((side, items[j].doc, items[j].index, round(float(scores[j]), 3), items[j].text))
        return pd.DataFrame(rows, columns=["side", "doc", self.unit, "similarity", "text"])

    def best_match(self) -> pd.DataFrame:
        """For every left passage, its single closest right passage (0 if none)."""
        if not self.right:
            best = np.zeros(len(self.left), dtype=int)
            scores = np.zeros(len(self.left))
        else:
            best = np.argmax(self.matrix, axis=1)
            scores = self.matrix[np.arange(len(self.left)), best]
        return pd.DataFrame({
            "left_" + self.unit: [p.index for p in self.left],
            "right_" + self.unit: [self.right[j].index if s > 0 else None for j, s in zip(best, scores)],
            "similarity": np.round(scores, 3),
        })


def _position(items: list[Passage], index: int) -> int:
    for k, p in enumerate(items):
        if p.index == index:
            return k
    raise UnknownName(f"no passage {index}; valid numbers are 0-{len(items) - 1}")


def _top_indices(scores: np.ndarray, top: int) -> list[int]:
    """Indices of the ``top`` largest positive scores; ties keep order."""
    order = np.argsort(-np.round(scores, 12), kind="stable")
    return [int(k) for k in order[:top] if scores[k] > 1e-12 and not math.isnan(scores[k])]


def align(left: Document, right: Document, unit: str = "sentence") -> Alignment:
    """Shorthand for :meth:`Alignment.build`."""
    return Alignment.build(left, right, unit)
