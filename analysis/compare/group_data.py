"""Per-document results for the group dashboard, computed once, aggregated in microseconds.

:class:`GroupData` runs every analysis once over the corpus (frame scores of
each scheme, sentiment, entity mentions, word counts) and keeps the results as
arrays with one row per document. A group is then a boolean mask over the rows,
and every view the dashboard shows is a vector operation on those arrays:

* group mean of a per-document value, with the seeded bootstrap 95 % interval of
  :mod:`analysis.groups.stats` (the notebooks' interval, every column at once);
* documents of the group with a non-zero value ("12 of 132 documents");
* keyness between the groups: :func:`analysis.groups.keyness.keyness_table` (Monroe et al.'s
  log-odds z with the informative Dirichlet prior from A + B, dispersion over each side's
  documents, the same thresholds) on the pooled counts of the masked rows.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..corpus.model import Corpus

SCHEMES = ("generic", "policy", "metaphor", "stance")
SENTIMENT = ("compound", "share_negative")
TOP_ENTITIES = 40


@dataclass
class Table:
    """One family of per-document values: ``values[doc_row, column]``, column names and labels."""

    columns: list[str]
    labels: dict[str, str]
    values: np.ndarray


@dataclass
class GroupData:
    """Everything the group dashboard shows, per document, for one corpus."""

    corpus: Corpus
    docs: pd.DataFrame  # one row per document: id, label, title, words and the catalog's columns
    tables: dict[str, Table] = field(default_factory=dict)  # "frames:generic", "sentiment", "entities"
    matches: dict[str, pd.DataFrame] = field(default_factory=dict)  # cue evidence per scheme
    sentences: pd.DataFrame | None = None  # sentence scores (doc, index, compound)
    mentions: pd.DataFrame | None = None
    terms: list[str] = field(default_factory=list)
    counts: object = None  # scipy.sparse CSR, documents × terms
    present: object = None  # the same, 1 where a document uses the term
    seconds: float = 0.0  # precompute time
    _keyness: dict = field(default_factory=dict, repr=False)
    _cue_index: dict = field(default_factory=dict, repr=False)
    _rows: dict = field(default_factory=dict, repr=False)
    _by_doc: dict = field(default_factory=dict, repr=False)

    @property
    def ids(self) -> list[str]:
        return list(self.docs["doc"])

    def row(self, doc_id: str) -> int:
        """The row of a document in every table."""
        if not self._rows:
            self._rows.update({d: i for i, d in enumerate(self.docs["doc"])})
        return self._rows[doc_id]

    def sentence_scores(self, doc_id: str) -> list[tuple[int, float]]:
        """``(sentence index, compound)`` of one document, most negative first (indexed once)."""
        if not self._by_doc:
            for d, i, c in zip(self.sentences["doc"], self.sentences["sentence"], self.sentences["compound"]):
                self._by_doc.setdefault(d, []).append((int(i), float(c)))
            for rows in self._by_doc.values():
                rows.sort(key=lambda ic: (ic[1], ic[0]))
        return self._by_doc.get(doc_id, [])

    def mask(self, ids) -> np.ndarray:
        """Boolean row mask of the documents ``ids``."""
        wanted = set(ids)
        return np.fromiter((d in wanted for d in self.docs["doc"]), dtype=bool, count=len(self.docs))

    def summary(self, key: str, mask: np.ndarray) -> dict[str, np.ndarray]:
        """Per column of table ``key`` over the rows in ``mask``: ``n_docs``, ``mean``, ``ci_low``,
        ``ci_high`` (the seeded percentile bootstrap of :func:`analysis.groups.stats.bootstrap_mean_ci`,
        every column from the same draws; NaN below 2 documents) and ``using`` (documents with a
        non-zero value), as arrays."""
        from ..groups.stats import bootstrap_mean_ci

        part = self.tables[key].values[mask]
        n = len(part)
        width = part.shape[1]
        mean = part.mean(axis=0) if n else np.full(width, np.nan)
        low, high = bootstrap_mean_ci(part) if n > 1 else (np.full(width, np.nan), np.full(width, np.nan))
        using = (part != 0).sum(axis=0) if n else np.zeros(width, dtype=int)
        return {"n_docs": n, "mean": mean, "ci_low": low, "ci_high": high, "using": using}

    def cue_sentences(self, scheme: str, doc_id: str, frame: str) -> list[tuple[int, list[str]]]:
        """``(sentence index, cue words)`` of one document and frame, in sentence order (indexed once)."""
        if scheme not in self._cue_index:
            index: dict[tuple[str, str], dict[int, list[str]]] = {}
            m = self.matches[scheme]
            for d, f, i, word in zip(m["doc"], m["frame"], m["sentence"], m["match"]):
                index.setdefault((d, f), {}).setdefault(int(i), []).append(word)
            self._cue_index[scheme] = index
        return sorted(self._cue_index[scheme].get((doc_id, frame), {}).items())

    def keyness(self, mask_a: np.ndarray, mask_b: np.ndarray, n: int | None = None) -> pd.DataFrame:
        """Group keyness of the words between the rows of ``mask_a`` and ``mask_b``: the table and
        thresholds of :func:`analysis.groups.keyness.keyness_table` (pooled counts, dispersion),
        most typical of A first. With ``n``, only the ``n`` dispersed words most typical of each side
        (:func:`analysis.groups.keyness.top_dispersed`), in the same order."""
        from ..groups.keyness import COLUMNS, keyness_table, top_dispersed

        key = (mask_a.tobytes(), mask_b.tobytes(), n)
        if key in self._keyness:
            return self._keyness[key]
        wa, wb = mask_a.astype(np.float64), mask_b.astype(np.float64)
        size_a, size_b = max(int(mask_a.sum()), 1), max(int(mask_b.sum()), 1)
        counts_a, counts_b = wa @ self.counts, wb @ self.counts
        if not counts_a.sum() or not counts_b.sum():  # a side without a counted word: nothing to compare
            return pd.DataFrame(columns=COLUMNS)
        frame = keyness_table(self.terms, counts_a, counts_b, wa @ self.present, wb @ self.present, size_a, size_b)
        if n is not None:
            frame = top_dispersed(frame, n).sort_values(["log_odds_z", "term"], ascending=[False, True],
                                                        kind="stable").reset_index(drop=True)
        self._keyness[key] = frame
        return frame


def _frame_tables(corpus: Corpus, data: GroupData) -> None:
    from ..framing import frames

    for scheme in SCHEMES:
        matches = frames.find_cues(corpus, scheme)
        scores = frames.document_scores(corpus, scheme, matches, top_cues=None)
        wide = scores.pivot(index="doc", columns="frame", values="score").reindex(index=data.ids)
        order = list(dict.fromkeys(scores["frame"]))
        data.tables[f"frames:{scheme}"] = Table(order, dict(zip(scores["frame"], scores["name"])),
                                                wide[order].to_numpy(dtype=float))
        data.matches[scheme] = matches


def _sentiment_table(corpus: Corpus, data: GroupData) -> None:
    from .. import sentiment

    scores = sentiment.sentence_scores(corpus, evidence=False)
    docs = sentiment.document_scores(scores, whole_text=False).set_index("doc").reindex(data.ids)
    labels = {"compound": "mean sentence compound", "share_negative": "share of negative sentences"}
    data.tables["sentiment"] = Table(list(SENTIMENT), labels, docs[list(SENTIMENT)].to_numpy(dtype=float))
    data.sentences = scores[["doc", "sentence", "compound"]]


def _entity_table(corpus: Corpus, data: GroupData) -> None:
    from .. import entities

    found = entities.mentions(corpus)
    found = found[found.type.isin(entities.actor_types())]
    spread = found.groupby("entity").doc.nunique().sort_values(ascending=False, kind="stable")
    top = sorted(spread.index[:TOP_ENTITIES * 2], key=lambda e: (-spread[e], e))[:TOP_ENTITIES]
    counts = found.groupby(["doc", "entity"]).size().unstack(fill_value=0).reindex(index=data.ids, fill_value=0)
    totals = counts.sum(axis=1).replace(0, 1)
    share = counts.reindex(columns=top, fill_value=0).div(totals, axis=0) * 100
    data.tables["entities"] = Table(top, {e: e for e in top}, share.to_numpy(dtype=float))
    data.mentions = found[["doc", "sentence", "entity", "type"]]


def _term_counts(corpus: Corpus, data: GroupData) -> None:
    from scipy.sparse import csr_matrix

    from ..framing.keyness import term_counts

    index: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for row, doc in enumerate(corpus):
        for term, count in term_counts(doc).items():
            rows.append(row)
            cols.append(index.setdefault(term, len(index)))
            vals.append(count)
    data.terms = list(index)
    data.counts = csr_matrix((vals, (rows, cols)), shape=(len(data.ids), len(index)), dtype=np.float64)
    data.present = (data.counts > 0).astype(np.float64)


def precompute(corpus: Corpus) -> GroupData:
    """Run every analysis the dashboard needs once over ``corpus`` (``seconds`` says how long)."""
    began = time.perf_counter()
    docs = corpus.documents()
    docs = docs.rename(columns={"id": "doc"}) if "id" in docs else docs
    data = GroupData(corpus, docs.reset_index(drop=True))
    for step in (_frame_tables, _sentiment_table, _entity_table, _term_counts):
        step(corpus, data)
    data.seconds = time.perf_counter() - began
    return data
