"""Keyness between two groups of documents: pooled counts plus dispersion.

The measures are those of :mod:`analysis.framing.keyness` (Dunning's G², Monroe et
al.'s log-odds z-score with an informative Dirichlet prior from A + B pooled,
Hardie's log ratio) on the word counts of each side *pooled* over its
documents. Pooled counts alone let one long or repetitive article make a word
"key" for its whole side, so each term also gets its **dispersion**:

``docs_a``, ``docs_b``
    the documents of each side that contain the term; ``doc_share_a`` and
    ``doc_share_b`` the same as shares of the side's documents.

The rule (``dispersed``): a term that favours side S (``favours``) is
dispersed when it occurs in at least ``m_S = min(n_S, max(2, ⌈min_doc_share ·
n_S⌉))`` documents of S (default: 10 % of them, never fewer than 2) **and** in
at least as large a share of S's documents as of the other side's. So a word
that one article repeats is never dispersed, however high its G², nor is a
word that a few long articles of S use heavily while most documents of the
other side use it too. A side of one document cannot show dispersion: there
``m_S = 1``, every term of a one-document side passes, and the table is the
single-document comparison of :func:`analysis.framing.keyness.keyness` plus columns.

``key`` is ``dispersed`` and ``|log_odds_z| ≥ 1.96`` (about p < 0.05), on the unrounded z.
The thresholds are named once (:data:`MIN_COUNT`, :data:`MIN_DOC_SHARE`, :data:`Z_KEY`); the
group dashboard (:mod:`analysis.compare.group_data`) calls :func:`keyness_table` with them.
"""
from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd

from ..framing.keyness import COLUMNS as KEYNESS_COLUMNS, compare_arrays, round_table, term_counts, top_terms

__all__ = ["group_keyness", "keyness_table", "dispersed", "document_frequencies", "top_dispersed", "min_docs",
           "COLUMNS", "MIN_COUNT", "MIN_DOC_SHARE", "Z_KEY"]

MIN_COUNT = 2        # a term is compared when seen at least this often on both sides together
MIN_DOC_SHARE = 0.1  # dispersion: the share of a side's documents a term must occur in (at least 2)
Z_KEY = 1.96         # key: |log_odds_z| at least this (about p < 0.05)
COLUMNS = KEYNESS_COLUMNS + ["docs_a", "docs_b", "doc_share_a", "doc_share_b", "dispersed", "key"]


def document_frequencies(docs, drop_stopwords: bool = True) -> tuple[Counter, Counter]:
    """Pooled term counts of ``docs`` and the number of documents containing each term."""
    pooled, spread = Counter(), Counter()
    for doc in docs:
        counts = term_counts(doc, drop_stopwords)
        pooled.update(counts)
        spread.update(counts.keys())
    return pooled, spread


def min_docs(n_side: int, min_doc_share: float = MIN_DOC_SHARE) -> int:
    """``m_S``: the documents of a side of ``n_side`` a term must occur in (see module doc)."""
    return min(n_side, max(2, math.ceil(min_doc_share * n_side)))


def dispersed(favours: np.ndarray, docs_a: np.ndarray, docs_b: np.ndarray, n_a: int, n_b: int,
              min_doc_share: float = MIN_DOC_SHARE) -> np.ndarray:
    """The dispersion rule of the module doc on aligned arrays: ``favours`` ("a", "b" or ""),
    the documents of each side using the term, and the side sizes ``n_a``, ``n_b``."""
    favours, docs_a, docs_b = np.asarray(favours), np.asarray(docs_a, dtype=float), np.asarray(docs_b, dtype=float)
    share_a, share_b = docs_a / n_a, docs_b / n_b
    return (((favours == "a") & (docs_a >= min_docs(n_a, min_doc_share)) & (share_a >= share_b))
            | ((favours == "b") & (docs_b >= min_docs(n_b, min_doc_share)) & (share_b >= share_a)))


def keyness_table(terms, counts_a, counts_b, docs_a, docs_b, n_a: int, n_b: int, min_count: int = MIN_COUNT,
                  alpha0: float | None = None, min_doc_share: float = MIN_DOC_SHARE) -> pd.DataFrame:
    """Group keyness (:data:`COLUMNS`) from aligned arrays: each term's pooled counts and the
    documents using it on each side, for sides of ``n_a`` and ``n_b`` documents. The one
    implementation behind :func:`group_keyness` and the group dashboard: the measures of
    :func:`analysis.framing.keyness.compare_arrays`, the rule of :func:`dispersed`, ``key`` at
    ``|log_odds_z| ≥`` :data:`Z_KEY` (unrounded), floats rounded as in
    :func:`analysis.framing.keyness.round_table`. Sorted by ``log_odds_z``, ties by term."""
    spread = pd.DataFrame({"docs_a": np.asarray(docs_a, dtype=float), "docs_b": np.asarray(docs_b, dtype=float)},
                          index=pd.Index(np.asarray(terms, dtype=object)))
    table = compare_arrays(terms, counts_a, counts_b, None, alpha0, min_count)
    used_a = spread["docs_a"].reindex(table["term"]).to_numpy().astype(int)
    used_b = spread["docs_b"].reindex(table["term"]).to_numpy().astype(int)
    spread_ok = dispersed(table["favours"].to_numpy(), used_a, used_b, n_a, n_b, min_doc_share)
    table = round_table(table)
    return table.assign(docs_a=used_a, docs_b=used_b, doc_share_a=(used_a / n_a).round(3),
                        doc_share_b=(used_b / n_b).round(3), dispersed=spread_ok,
                        key=spread_ok & (np.abs(table["log_odds_z"].to_numpy()) >= Z_KEY))[COLUMNS]


def group_keyness(comparison, drop_stopwords: bool = True, min_count: int = MIN_COUNT, alpha0: float | None = None,
                  min_doc_share: float = MIN_DOC_SHARE) -> pd.DataFrame:
    """Keyness of every term of side A against side B with dispersion (:data:`COLUMNS`; see
    :func:`keyness_table`)."""
    counts_a, spread_a = document_frequencies(comparison.docs_a, drop_stopwords)
    counts_b, spread_b = document_frequencies(comparison.docs_b, drop_stopwords)
    terms = sorted(set(counts_a) | set(counts_b))
    column = lambda counter: np.array([counter.get(t, 0) for t in terms], dtype=float)  # noqa: E731
    return keyness_table(terms, column(counts_a), column(counts_b), column(spread_a), column(spread_b),
                         comparison.n_a, comparison.n_b, min_count, alpha0, min_doc_share)


def top_dispersed(table: pd.DataFrame, n: int = 15, by: str = "log_odds_z") -> pd.DataFrame:
    """The ``n`` dispersed terms most typical of each side (see :func:`analysis.framing.keyness.top_terms`)."""
    return top_terms(table[table["dispersed"]], n, by=by)
