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

``key`` is ``dispersed`` and ``|log_odds_z| ≥ 1.96`` (about p < 0.05).
"""
from __future__ import annotations

import math
from collections import Counter

import pandas as pd

from ..framing.keyness import COLUMNS as KEYNESS_COLUMNS, compare_counts, round_table, term_counts, top_terms

__all__ = ["group_keyness", "document_frequencies", "top_dispersed", "min_docs", "COLUMNS", "MIN_DOC_SHARE", "Z_KEY"]

MIN_DOC_SHARE = 0.1
Z_KEY = 1.96
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


def group_keyness(comparison, drop_stopwords: bool = True, min_count: int = 2, alpha0: float | None = None,
                  min_doc_share: float = MIN_DOC_SHARE) -> pd.DataFrame:
    """Keyness of every term of side A against side B with dispersion (:data:`COLUMNS`).

    Sorted by ``log_odds_z`` (most typical of A first), ties by term;
    floats rounded as in :func:`analysis.framing.keyness.round_table`.
    """
    counts_a, spread_a = document_frequencies(comparison.docs_a, drop_stopwords)
    counts_b, spread_b = document_frequencies(comparison.docs_b, drop_stopwords)
    table = round_table(compare_counts(counts_a, counts_b, None, alpha0, min_count))
    n_a, n_b = comparison.n_a, comparison.n_b
    docs_a = table["term"].map(spread_a).fillna(0).astype(int)
    docs_b = table["term"].map(spread_b).fillna(0).astype(int)
    share_a, share_b = docs_a / n_a, docs_b / n_b
    favours_a, favours_b = table["favours"] == "a", table["favours"] == "b"
    dispersed = ((favours_a & (docs_a >= min_docs(n_a, min_doc_share)) & (share_a >= share_b))
                 | (favours_b & (docs_b >= min_docs(n_b, min_doc_share)) & (share_b >= share_a)))
    return table.assign(docs_a=docs_a, docs_b=docs_b, doc_share_a=share_a.round(3), doc_share_b=share_b.round(3),
                        dispersed=dispersed, key=dispersed & (table["log_odds_z"].abs() >= Z_KEY))[COLUMNS]


def top_dispersed(table: pd.DataFrame, n: int = 15, by: str = "log_odds_z") -> pd.DataFrame:
    """The ``n`` dispersed terms most typical of each side (see :func:`analysis.framing.keyness.top_terms`)."""
    return top_terms(table[table["dispersed"]], n, by=by)
