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
from typing import Iterable, Mapping

import pandas as pd

from ..corpus.model import Corpus, Document
from ..errors import InputError
from ..types import as_documents
from ..corpus.terms import content_words
from ..errors import InputError

COLUMNS = ["term", "count_a", "count_b", "per_1k_content_words_a", "per_1k_content_words_b", "log_ratio", "g2", "p_value",
           "log_odds", "log_odds_z", "favours"]
G2_CRITICAL = {0.05: 3.841, 0.01: 6.635, 0.001: 10.828}


def term_counts(doc: Document | Iterable[Document], drop_stopwords: bool = True) -> Counter:
    """Lower-cased word counts of one or more documents."""
    return Counter(w for d in as_documents(doc) for w in content_words(d, drop_stopwords))


def _xlogx_ratio(observed: float, expected: float) -> float:
    return observed * math.log(observed / expected) if observed > 0 else 0.0


def g2(a: float, b: float, n_a: float, n_b: float) -> float:
    """Dunning's G² for a word seen ``a`` times in ``n_a`` tokens and ``b`` in ``n_b``."""
    total = n_a + n_b
    cells = [(a, n_a * (a + b) / total), (b, n_b * (a + b) / total),
             (n_a - a, n_a * (total - a - b) / total), (n_b - b, n_b * (total - a - b) / total)]
    return 2 * sum(_xlogx_ratio(o, e) for o, e in cells)


def g2_p_value(value: float) -> float:
    """Upper-tail probability of χ² with 1 df: ``erfc(sqrt(G²/2))``."""
    return math.erfc(math.sqrt(max(value, 0.0) / 2))


def log_odds_dirichlet(a: float, b: float, n_a: float, n_b: float, alpha: float, alpha0: float) -> tuple[float, float]:
    """Monroe et al. (2008) log-odds ratio ``δ`` and its z-score for one word."""
    delta = (math.log((a + alpha) / (n_a + alpha0 - a - alpha))
             - math.log((b + alpha) / (n_b + alpha0 - b - alpha)))
    return delta, delta / math.sqrt(1 / (a + alpha) + 1 / (b + alpha))


def log_ratio(a: float, b: float, n_a: float, n_b: float) -> float:
    """Hardie's Log Ratio: log2 of the ratio of relative frequencies (zeros → 0.5)."""
    return math.log2((max(a, 0.5) / n_a) / (max(b, 0.5) / n_b))


def compare_counts(counts_a: Mapping[str, int], counts_b: Mapping[str, int],
                   background: Mapping[str, float] | None = None, alpha0: float | None = None,
                   min_count: int = 1) -> pd.DataFrame:
    """Keyness of every term in ``counts_a`` ∪ ``counts_b`` (see module doc).

    ``background`` gives the prior's word distribution (default: A + B);
    terms missing from it get no prior mass beyond a floor of 0.01 pseudo-counts.
    Rows are sorted by ``log_odds_z`` (most typical of A first), ties by term.
    """
    n_a, n_b = sum(counts_a.values()), sum(counts_b.values())
    if n_a == 0 or n_b == 0:
        raise ValueError("both sides need at least one counted word")
    prior = Counter(background) if background is not None else Counter(counts_a) + Counter(counts_b)
    prior_total = sum(prior.values())
    alpha0 = float(prior_total if alpha0 is None else alpha0)
    rows = []
    for term in sorted(set(counts_a) | set(counts_b)):
        a, b = counts_a.get(term, 0), counts_b.get(term, 0)
        if a + b < min_count:
            continue
        alpha = max(alpha0 * prior.get(term, 0) / prior_total, 0.01)
        value = g2(a, b, n_a, n_b)
        delta, z = log_odds_dirichlet(a, b, n_a, n_b, alpha, alpha0)
        rows.append((term, a, b, 1000 * a / n_a, 1000 * b / n_b, log_ratio(a, b, n_a, n_b),
                     value, g2_p_value(value), delta, z, "a" if delta > 0 else "b" if delta < 0 else ""))
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(["log_odds_z", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


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
