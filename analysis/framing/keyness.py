"""Distinctive vocabulary: which words one text uses more than another.

Two measures, computed from word counts of a *target* (A) and a *reference* (B):

G² (Dunning 1993)
    the log-likelihood ratio of the full 2×2 table (word vs. all other words,
    A vs. B): ``G² = 2 Σ O ln(O/E)`` over the four cells, with ``0 ln 0 = 0``.
    Under independence it is approximately χ² with 1 degree of freedom, so
    ``p = erfc(sqrt(G²/2))``; G² ≥ 3.84 is p < 0.05, ≥ 10.83 is p < 0.001.
Log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)
    ``δ = ln((a+α)/(n_A+α₀−a−α)) − ln((b+α)/(n_B+α₀−b−α))`` with
    ``Var(δ) ≈ 1/(a+α) + 1/(b+α)`` and ``z = δ/√Var``, where the prior
    pseudo-count of a word ``α = α₀·π`` comes from a background distribution
    ``π`` (default: A and B pooled) and ``α₀`` is the prior's total weight
    (default: the size of the background counts). |z| ≥ 1.96 ≈ p < 0.05.

Rates: ``per_1k_content_words_a`` / ``_b`` are per 1,000 *counted* words of
each side (content words: stop words and clitics left out, the base of G² and
log-odds), not per 1,000 body words like every ``per_1k`` / ``score`` elsewhere.

Effect size: ``log_ratio`` is Hardie's (2014) binary log of the ratio of
relative frequencies (0.5 added to a zero count). A positive sign always means
"more typical of A".

Stop words (``analysis.corpus.terms.stopwords()``), possessive clitics and
tokens without a letter are left out by default.
"""
from __future__ import annotations

import math
from collections import Counter
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from ..corpus.model import Corpus, Document
from ..errors import InputError
from ..types import as_documents
from ..corpus.terms import content_words

COLUMNS = ["term", "count_a", "count_b", "per_1k_content_words_a", "per_1k_content_words_b", "log_ratio", "g2", "p_value",
           "log_odds", "log_odds_z", "favours"]
G2_CRITICAL = {0.05: 3.841, 0.01: 6.635, 0.001: 10.828}


def term_counts(doc: Document | Iterable[Document], drop_stopwords: bool = True) -> Counter:
    """Lower-cased word counts of one or more documents."""
    return Counter(w for d in as_documents(doc) for w in content_words(d, drop_stopwords))


def g2(a: float, b: float, n_a: float, n_b: float) -> float:
    """Dunning's G² for a word seen ``a`` times in ``n_a`` tokens and ``b`` in ``n_b``."""
    return float(measures(a, b, n_a, n_b, 1.0, 1.0)["g2"])


def g2_p_value(value: float) -> float:
    """Upper-tail probability of χ² with 1 df: ``erfc(sqrt(G²/2))``."""
    return math.erfc(math.sqrt(max(value, 0.0) / 2))


def log_odds_dirichlet(a: float, b: float, n_a: float, n_b: float, alpha: float, alpha0: float) -> tuple[float, float]:
    """Monroe et al. (2008) log-odds ratio ``δ`` and its z-score for one word."""
    found = measures(a, b, n_a, n_b, alpha, alpha0)
    return float(found["log_odds"]), float(found["log_odds_z"])


def log_ratio(a: float, b: float, n_a: float, n_b: float) -> float:
    """Hardie's Log Ratio: log2 of the ratio of relative frequencies (zeros → 0.5)."""
    return float(measures(a, b, n_a, n_b, 1.0, 1.0)["log_ratio"])


def measures(a: np.ndarray, b: np.ndarray, n_a: float, n_b: float, alpha: np.ndarray,
             alpha0: float) -> dict[str, np.ndarray]:
    """Every keyness measure of the module doc for arrays of counts ``a``, ``b`` (one entry per
    term) on sides of ``n_a`` and ``n_b`` counted words, with prior pseudo-counts ``alpha`` and
    prior weight ``alpha0``: ``log_ratio, g2, p_value, log_odds, log_odds_z`` (unrounded). The
    vectorised form of :func:`g2`, :func:`g2_p_value`, :func:`log_odds_dirichlet` and :func:`log_ratio`."""
    from scipy.special import erfc

    a, b, alpha = (np.asarray(x, dtype=float) for x in (a, b, alpha))
    total = n_a + n_b
    cells = [(a, n_a * (a + b) / total), (b, n_b * (a + b) / total),
             (n_a - a, n_a * (total - a - b) / total), (n_b - b, n_b * (total - a - b) / total)]
    with np.errstate(divide="ignore", invalid="ignore"):
        value = 2 * sum(np.where(o > 0, o * np.log(o / e), 0.0) for o, e in cells)
    delta = np.log((a + alpha) / (n_a + alpha0 - a - alpha)) - np.log((b + alpha) / (n_b + alpha0 - b - alpha))
    return {"log_ratio": np.log2((np.maximum(a, 0.5) / n_a) / (np.maximum(b, 0.5) / n_b)), "g2": value,
            "p_value": erfc(np.sqrt(np.maximum(value, 0.0) / 2)), "log_odds": delta,
            "log_odds_z": delta / np.sqrt(1 / (a + alpha) + 1 / (b + alpha))}


def compare_arrays(terms: Sequence[str], counts_a: np.ndarray, counts_b: np.ndarray,
                   background: np.ndarray | None = None, alpha0: float | None = None,
                   min_count: int = 1, background_total: float | None = None) -> pd.DataFrame:
    """Keyness (:data:`COLUMNS`, unrounded) of ``terms`` from aligned arrays of their counts on
    each side: the one implementation behind :func:`compare_counts`, group keyness and the
    group dashboard. The side sizes are the sums of all counts (before ``min_count`` drops
    rare terms); ``background`` (aligned counts, default A + B) is the prior's word distribution
    with ``π = background / background_total`` (default: its sum; ``α₀`` defaults to that total),
    a term's pseudo-count ``α = α₀·π`` floored at 0.01. Sorted by ``log_odds_z`` (most typical
    of A first), ties by term; ``favours`` is ``"a"``, ``"b"`` or ``""`` for δ = 0."""
    a, b = np.asarray(counts_a, dtype=float), np.asarray(counts_b, dtype=float)
    n_a, n_b = float(a.sum()), float(b.sum())
    if n_a == 0 or n_b == 0:
        raise ValueError("both sides need at least one counted word")
    prior = a + b if background is None else np.asarray(background, dtype=float)
    prior_total = float(prior.sum() if background_total is None else background_total)
    alpha0 = float(prior_total if alpha0 is None else alpha0)
    keep = np.flatnonzero(a + b >= min_count)
    a, b, prior = a[keep], b[keep], prior[keep]
    alpha = np.maximum(alpha0 * prior / prior_total, 0.01)
    found = measures(a, b, n_a, n_b, alpha, alpha0)
    delta = found["log_odds"]
    table = pd.DataFrame({"term": np.asarray(terms, dtype=object)[keep], "count_a": a.astype(int),
                          "count_b": b.astype(int), "per_1k_content_words_a": 1000 * a / n_a,
                          "per_1k_content_words_b": 1000 * b / n_b, **found,
                          "favours": np.where(delta > 0, "a", np.where(delta < 0, "b", ""))})[COLUMNS]
    return table.sort_values(["log_odds_z", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def compare_counts(counts_a: Mapping[str, int], counts_b: Mapping[str, int],
                   background: Mapping[str, float] | None = None, alpha0: float | None = None,
                   min_count: int = 1) -> pd.DataFrame:
    """Keyness of every term in ``counts_a`` ∪ ``counts_b`` (see module doc and :func:`compare_arrays`).

    ``background`` gives the prior's word distribution (default: A + B);
    terms missing from it get no prior mass beyond a floor of 0.01 pseudo-counts.
    Rows are sorted by ``log_odds_z`` (most typical of A first), ties by term.
    """
    if not sum(counts_a.values()) or not sum(counts_b.values()):
        raise ValueError("both sides need at least one counted word")
    terms = sorted(set(counts_a) | set(counts_b))
    a = np.array([counts_a.get(t, 0) for t in terms], dtype=float)
    b = np.array([counts_b.get(t, 0) for t in terms], dtype=float)
    if background is None:
        return compare_arrays(terms, a, b, None, alpha0, min_count)
    prior = np.array([background.get(t, 0) for t in terms], dtype=float)
    return compare_arrays(terms, a, b, prior, alpha0, min_count, float(sum(background.values())))


def keyness(corpus: Corpus, a: str, b: str | None = None, drop_stopwords: bool = True,
            min_count: int = 2, alpha0: float | None = None) -> pd.DataFrame:
    """Distinctive words of document ``a`` against document ``b`` (default: all other documents).

    The prior is the pooled counts of the two sides (A + B), so a word's
    log-odds always has the sign of its observed rate difference (a prior
    from documents outside the comparison could reverse it when one side is
    small). Raises :class:`~analysis.InputError` for an unknown id or
    when there is no other document. Floats are rounded to 3 decimals (p-values to 4
    significant figures) for stable display.
    """
    target = corpus[a]
    others = [corpus[b]] if b is not None else [d for d in corpus if d.id != a]
    if not others:
        raise InputError(None, f"nothing to compare {a!r} with: the corpus has no other document")
    if b == a:
        raise InputError(None, f"document {a!r} cannot be compared with itself; choose two different documents")
    counts_a = term_counts(target, drop_stopwords)
    counts_b = term_counts(others, drop_stopwords)
    for side, counts, docs in (("A", counts_a, [target]), ("B", counts_b, others)):
        if not counts:
            raise InputError(docs[0].entry.file if len(docs) == 1 else None,
                             f"side {side} has no counted word (only numbers, punctuation or stop words); "
                             "nothing to compare" + ("" if not drop_stopwords else " (try --keep-stopwords)"))
    table = compare_counts(counts_a, counts_b, None, alpha0, min_count)
    return round_table(table)


def round_table(table: pd.DataFrame) -> pd.DataFrame:
    """Round a keyness table for display (3 decimals; p-values 4 significant figures)."""
    out = table.copy()
    for col in ["per_1k_content_words_a", "per_1k_content_words_b", "log_ratio", "g2", "log_odds", "log_odds_z"]:
        out[col] = out[col].round(3)
    out["p_value"] = out["p_value"].map(lambda p: float(f"{p:.4g}"))
    return out


def top_terms(table: pd.DataFrame, n: int = 15, by: str = "log_odds_z") -> pd.DataFrame:
    """The ``n`` terms most typical of A and the ``n`` most typical of B."""
    a = table[table["favours"] == "a"].sort_values([by, "term"], ascending=[False, True], kind="stable").head(n)
    b = table[table["favours"] == "b"]
    signed = by in ("log_odds_z", "log_odds", "log_ratio")
    b = b.assign(_k=-b[by] if signed else b[by]).sort_values(
        ["_k", "term"], ascending=[False, True], kind="stable").drop(columns="_k").head(n)
    return pd.concat([a, b], ignore_index=True)
