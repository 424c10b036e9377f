"""Passage alignment: for a passage of one text, the most similar passages of another.

Passages (sentences or paragraphs) become TF-IDF vectors over stemmed content
words (stop words dropped, Porter stems so that *sanctions*, *sanctioned* and
*sanction* meet); similarity is the cosine of two vectors. IDF is computed over
the passages of both documents together, so a word that every passage uses
weighs little and a sub-topic word shared by a few passages weighs a lot.
Plain numpy, no scikit-learn.

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

from ..corpus.model import Document
from ..errors import UnknownName
from ..corpus.terms import NEGATION, POSSESSIVES, content_words, porter_stem
from ..corpus.tokens import word_spans

UNITS = ("sentence", "paragraph")
# The cosine from which a passage counts as "close": below it the figure draws no "closest" mark and
# the pages say "no close passage". On the seeds, pairs from 0.15 share a phrase or two substantive
# words ("defense minister Shoigu", "issuing warnings", "discuss the treaty"); pairs between 0.10
# and 0.15 share only a common name ("North Korea", "Moscow").
CLOSE_SIMILARITY = 0.15


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
    """A fitted vocabulary and IDF weights; :meth:`transform` gives unit-length rows."""

    vocab: dict[str, int]
    idf: np.ndarray

    @cached_property
    def terms(self) -> list[str]:
        """The vocabulary in column order."""
        return sorted(self.vocab, key=self.vocab.get)

    @classmethod
    def fit(cls, term_lists: list[tuple[str, ...]]) -> "TfIdf":
        vocab = {t: i for i, t in enumerate(sorted({t for ts in term_lists for t in ts}))}
        df = np.zeros(len(vocab))
        for ts in term_lists:
            for t in set(ts):
                df[vocab[t]] += 1
        n = len(term_lists)
        idf = np.log((1 + n) / (1 + df)) + 1.0  # smoothed, as in most IR texts
        return cls(vocab, idf)

    def transform(self, term_lists: list[tuple[str, ...]]) -> np.ndarray:
        matrix = np.zeros((len(term_lists), len(self.vocab)))
        for row, ts in enumerate(term_lists):
            for t in ts:
                col = self.vocab.get(t)
                if col is not None:
                    matrix[row, col] += 1.0
        matrix *= self.idf
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


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


def plot_alignment(al: Alignment, left_name: str, right_name: str, ax=None, close: float = CLOSE_SIMILARITY):
    """Heat map of the similarity matrix (rows: left passages, columns: right passages), with the
    closest right passage of each left passage marked only where its cosine reaches ``close``
    (:data:`CLOSE_SIMILARITY`); the legend states the threshold and how many rows have no close
    passage. Returns the figure."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6))
    image = ax.imshow(al.matrix, aspect="auto", cmap="cividis", vmin=0, interpolation="nearest")
    best = al.best_match()
    rows = [k for k, (v, s) in enumerate(zip(best["right_" + al.unit], best["similarity"]))
            if v is not None and not pd.isna(v) and s >= close]
    cols = [[p.index for p in al.right].index(int(best["right_" + al.unit][k])) for k in rows]
    ax.scatter(cols, rows, s=10, marker="o", facecolors="none", edgecolors="#E69F00", linewidths=0.8,
               label=f"closest {al.unit} of {right_name}, where the cosine reaches {close:g}; "
                     f"{len(al.left) - len(rows)} of {len(al.left)} rows have no close passage (no circle)")
    ax.set_xlabel(f"{right_name}: {al.unit} number")
    ax.set_ylabel(f"{left_name}: {al.unit} number")
    ax.set_title(f"Passage alignment: TF-IDF cosine of every pair of {al.unit}s")
    ax.figure.colorbar(image, ax=ax, label="cosine similarity")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), fontsize=8, frameon=False)
    return ax.figure
