"""Group statistics with documents as the units: intervals, a test and an effect size.

Every per-document measure (a frame's score, mean sentiment ...) gives one
value ``x`` per document. For a side of ``n`` documents:

mean, median
    of the ``n`` values (each document weighs the same, long or short).
Bootstrap 95 % interval (percentile method; Efron & Tibshirani 1993)
    draw ``n`` documents with replacement ``n_boot`` times, take each draw's
    mean; the interval runs from the 2.5th to the 97.5th percentile of those
    means. Needs ``n ≥ 2``. The percentile interval brackets the sample mean
    except through floating-point rounding or extreme skew; it is widened to
    include the mean, so every row satisfies ``ci_low ≤ mean ≤ ci_high``.

For side A against side B:

difference
    ``diff = mean_A − mean_B``; its bootstrap interval resamples each side
    separately (a stratified bootstrap, sizes kept) and takes the percentiles
    of ``mean_A* − mean_B*``.
permutation test (two-sided; Good 2005)
    under "the grouping does not matter" every split of the ``n_A + n_B``
    documents into sides of the same sizes is equally likely. ``p`` is the
    share of splits whose ``|mean_A − mean_B|`` is at least the observed one:
    exact, over all ``C(n_A + n_B, n_A)`` splits, when there are at most
    ``exact_limit`` of them; otherwise from ``n_perm`` random splits as
    ``p = (1 + k) / (1 + n_perm)`` (Phipson & Smyth 2010), never 0.
effect size: Cliff's delta (Cliff 1993)
    ``δ = (#{x_A > x_B} − #{x_A < x_B}) / (n_A · n_B)`` over all pairs of one
    document from each side: the probability that an A document scores higher
    than a B document minus the reverse, from −1 to 1 (|δ| ≥ 0.147 / 0.33 /
    0.474 are the customary small / medium / large; Romano et al. 2006).
    Chosen over Cohen's d because per-document frame scores and shares are
    bounded, skewed and full of zeros (many articles never use a frame), so
    a standardised mean difference would rest on a normality the data lack;
    δ needs only an ordering, is unchanged by any monotone rescaling (per
    1,000 words or per sentence), and agrees with the distribution-free test.

A side of one document has no spread: no interval, test or effect size is
possible, and the tables say so (``testable`` False, ``note``
:data:`ONE_DOCUMENT`) instead of giving numbers. Everything is seeded
(``seed``): the same input gives the same output.

>>> summarise([0.1, 0.4, 0.2])                       # n_docs, mean, median, ci_low, ci_high, note
>>> difference([1, 2, 3], [4, 5, 6])["p_value"]      # 2 of 20 splits are as extreme: 0.1
>>> group_summary(measures, comparison)              # one row per side and measure
>>> group_differences(measures, comparison)          # one row per measure
"""
from __future__ import annotations

import math
from functools import lru_cache
from itertools import combinations
from typing import Sequence

import numpy as np
import pandas as pd

from ..config import SEED

__all__ = ["summarise", "difference", "bootstrap_mean_ci", "bootstrap_diff_ci", "permutation_p",
           "cliffs_delta", "sentence_test", "group_summary", "group_differences", "ONE_DOCUMENT", "EFFECT_SIZE",
           "SUMMARY_COLUMNS", "DIFFERENCE_COLUMNS"]

ONE_DOCUMENT = "not possible with one document"
EFFECT_SIZE = "Cliff's delta"
N_BOOT, N_PERM, EXACT_LIMIT, LEVEL = 2000, 10000, 20000, 0.95  # SEED: the package's one seed (analysis.config)
SUMMARY_COLUMNS = ["n_docs", "mean", "median", "ci_low", "ci_high", "note"]
DIFFERENCE_COLUMNS = ["group_a", "group_b", "n_a", "n_b", "mean_a", "mean_b", "diff", "diff_ci_low",
                      "diff_ci_high", "p_value", "effect_size", "testable", "note"]
DECIMALS = 6


def _array(values: Sequence[float]) -> np.ndarray:
    x = np.asarray(values, dtype=float)
    return x[~np.isnan(x)]


def _quantiles(stats: np.ndarray, level: float) -> tuple[float, float]:
    tail = (1 - level) / 2
    low, high = np.quantile(stats, [tail, 1 - tail])
    return float(low), float(high)


def _resampled_means(x: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Means of ``n_boot`` resamples (rows drawn with replacement) of ``x``: one per resample for
    a 1-D ``x``, one per resample and column for a 2-D one. A resample is the vector ``w`` of how
    often it drew each row (``Σ w = n``), its mean ``w · x / n``: the same draws for one column
    or many, without an ``n_boot × n × columns`` array."""
    n = len(x)
    draws = rng.integers(0, n, size=(n_boot, n))
    means = np.empty((n_boot, *x.shape[1:]))
    block = max(1, 2_000_000 // n)
    for start in range(0, n_boot, block):
        part = draws[start:start + block]
        flat = (part + n * np.arange(len(part))[:, None]).ravel()
        weights = np.bincount(flat, minlength=len(part) * n).reshape(len(part), n)
        means[start:start + len(part)] = weights @ x / n
    return means


def bootstrap_mean_ci(values, n_boot: int = N_BOOT, level: float = LEVEL,
                      seed: int = SEED) -> tuple:
    """Percentile bootstrap interval of the mean, widened to include the mean (``n ≥ 2``).

    ``values`` is one side's values (NaN dropped; floats returned) or a 2-D array of
    documents × measures (no NaN; arrays returned, one bound per column, from the same draws)."""
    x = np.asarray(values, dtype=float)
    x = x if x.ndim == 2 else _array(x)
    if len(x) < 2:
        raise ValueError(f"a bootstrap interval needs at least 2 values, got {len(x)}")
    means = _resampled_means(x, n_boot, np.random.default_rng(seed))
    tail = (1 - level) / 2
    low, high = np.quantile(means, [tail, 1 - tail], axis=0)
    mean = x.mean(axis=0)
    if x.ndim == 2:
        return np.minimum(low, mean), np.maximum(high, mean)
    return min(float(low), float(mean)), max(float(high), float(mean))


def bootstrap_diff_ci(values_a: Sequence[float], values_b: Sequence[float], n_boot: int = N_BOOT,
                      level: float = LEVEL, seed: int = SEED) -> tuple[float, float]:
    """Stratified percentile bootstrap interval of ``mean_A − mean_B``, widened to include it."""
    a, b = _array(values_a), _array(values_b)
    if len(a) < 2 or len(b) < 2:
        raise ValueError("a bootstrap interval of a difference needs at least 2 values per side")
    rng = np.random.default_rng(seed)
    diffs = _resampled_means(a, n_boot, rng) - _resampled_means(b, n_boot, rng)
    low, high = _quantiles(diffs, level)
    diff = float(a.mean() - b.mean())
    return min(low, diff), max(high, diff)


def permutation_p(values_a: Sequence[float], values_b: Sequence[float], n_perm: int = N_PERM,
                  exact_limit: int = EXACT_LIMIT, seed: int = SEED) -> float:
    """Two-sided permutation p-value of the difference in means (exact when feasible; see the
    module doc). The one permutation test of the package: documents as units here, sentences
    as units where a view or finding compares two single texts."""
    a, b = _array(values_a), _array(values_b)
    pooled = np.concatenate([a, b])
    n, n_a = len(pooled), len(a)
    if n_a == 0 or len(b) == 0:
        raise ValueError("a permutation test needs values on both sides")
    total = pooled.sum()
    observed = abs(a.mean() - b.mean())
    tolerance = 1e-12 * max(1.0, float(np.abs(pooled).max()))  # ties must count as "as extreme"
    exact = math.comb(n, n_a) <= exact_limit
    if exact:
        small = min(n_a, n - n_a)  # draw the smaller side: the other is the rest
        sums = pooled[_splits(n, small, 0, seed)].sum(axis=1)
        sums_a = sums if small == n_a else total - sums
    else:
        sums_a = pooled[_splits(n, n_a, n_perm, seed)].sum(axis=1)
    hits = int((np.abs(sums_a / n_a - (total - sums_a) / (n - n_a)) >= observed - tolerance).sum())
    return hits / len(sums_a) if exact else (1 + hits) / (1 + n_perm)


def sentence_test(scores: pd.DataFrame, doc_a: str, doc_b: str, n_perm: int = N_PERM,
                  seed: int = SEED) -> dict[str, float]:
    """Difference of mean sentence compound (``doc_a`` minus ``doc_b``, rounded to 4 decimals) and
    :func:`permutation_p` with the *sentences* of two texts as the units (``p_value``, rounded to 4
    decimals; ``permutations``: 0 when exact). Sentences of one text are not independent, so read
    p as a rough guide, never as a test of the texts. Raises ``UnknownName`` for a text without sentences."""
    from ..errors import UnknownName

    a = scores.loc[scores["doc"] == doc_a, "compound"].to_numpy(dtype=float)
    b = scores.loc[scores["doc"] == doc_b, "compound"].to_numpy(dtype=float)
    if not len(a) or not len(b):
        raise UnknownName(f"no sentences for {doc_a if not len(a) else doc_b!r}")
    exact = math.comb(len(a) + len(b), len(a)) <= EXACT_LIMIT
    return {"difference": round(float(a.mean() - b.mean()), 4),
            "p_value": round(permutation_p(a, b, n_perm, seed=seed), 4), "permutations": 0 if exact else n_perm}


@lru_cache(maxsize=8)
def _splits(n: int, k: int, n_perm: int, seed: int) -> np.ndarray:
    """Indices of the ``k`` values drawn for one side in each split of ``n``: every split when
    ``n_perm`` is 0, else the first ``k`` of ``n_perm`` seeded shuffles of the ``n`` values
    (``Generator.permuted`` on the tiled indices, row by row in blocks). Cached: the measures
    of one comparison share their splits (each test stays valid on its own). Stored as 32-bit
    indices: the cache holds ``n_perm × k`` of them per entry, which grows with the corpus."""
    dtype = np.int32 if n < 2 ** 31 else np.intp
    if n_perm == 0:
        out = np.array(list(combinations(range(n), k)), dtype=dtype).reshape(-1, k)
    else:
        rng = np.random.default_rng(seed)
        out = np.empty((n_perm, k), dtype=dtype)
        block = max(1, 2_000_000 // max(n, 1))
        for start in range(0, n_perm, block):
            rows = min(block, n_perm - start)
            out[start:start + rows] = rng.permuted(np.tile(np.arange(n, dtype=np.intp), (rows, 1)), axis=1)[:, :k]
    out.setflags(write=False)
    return out


def cliffs_delta(values_a: Sequence[float], values_b: Sequence[float]) -> float:
    """Cliff's δ: P(A > B) − P(A < B) over all pairs (see module doc)."""
    a, b = _array(values_a), _array(values_b)
    if len(a) == 0 or len(b) == 0:
        raise ValueError("Cliff's delta needs values on both sides")
    b_sorted = np.sort(b)
    greater = np.searchsorted(b_sorted, a, side="left").sum()       # pairs with b < a
    less = len(b) * len(a) - np.searchsorted(b_sorted, a, side="right").sum()  # pairs with b > a
    return float((greater - less) / (len(a) * len(b)))


def summarise(values: Sequence[float], n_boot: int = N_BOOT, level: float = LEVEL, seed: int = SEED) -> dict:
    """``n_docs, mean, median, ci_low, ci_high, note`` of one side's per-document values;
    with one document the interval is NaN and ``note`` says why."""
    x = _array(values)
    if len(x) == 0:
        raise ValueError("no values to summarise")
    mean, median = float(x.mean()), float(np.median(x))
    if len(x) < 2:
        return dict(n_docs=1, mean=mean, median=median, ci_low=math.nan, ci_high=math.nan,
                    note=f"{ONE_DOCUMENT}: no interval")
    low, high = bootstrap_mean_ci(x, n_boot, level, seed)
    return dict(n_docs=len(x), mean=mean, median=median, ci_low=low, ci_high=high, note="")


def difference(values_a: Sequence[float], values_b: Sequence[float], n_boot: int = N_BOOT,
               n_perm: int = N_PERM, level: float = LEVEL, seed: int = SEED) -> dict:
    """``n_a, n_b, mean_a, mean_b, diff, diff_ci_low, diff_ci_high, p_value, effect_size
    (Cliff's δ), testable, note`` for side A against side B. With one document on
    a side only the means and their difference are given (``testable`` False)."""
    a, b = _array(values_a), _array(values_b)
    if len(a) == 0 or len(b) == 0:
        raise ValueError("a difference needs values on both sides")
    row = dict(n_a=len(a), n_b=len(b), mean_a=float(a.mean()), mean_b=float(b.mean()),
               diff=float(a.mean() - b.mean()))
    if min(len(a), len(b)) < 2:
        sides = " and ".join(s for s, n in (("A", len(a)), ("B", len(b))) if n < 2)
        return row | dict(diff_ci_low=math.nan, diff_ci_high=math.nan, p_value=math.nan,
                          effect_size=math.nan, testable=False,
                          note=f"{ONE_DOCUMENT}: no interval, test or effect size (side {sides})")
    low, high = bootstrap_diff_ci(a, b, n_boot, level, seed)
    return row | dict(diff_ci_low=low, diff_ci_high=high, p_value=permutation_p(a, b, n_perm, seed=seed),
                      effect_size=cliffs_delta(a, b), testable=True, note="")


# --- tables -------------------------------------------------------------------

def _keys(measures: pd.DataFrame) -> list[str]:
    """The columns that name a measure: every column but ``doc`` and ``value``."""
    missing = {"doc", "value"} - set(measures.columns)
    if missing:
        raise ValueError(f"a measures table needs columns doc and value (missing: {', '.join(sorted(missing))})")
    return [c for c in measures.columns if c not in ("doc", "value")]


def _by_key(measures: pd.DataFrame, ids: Sequence[str]) -> dict[tuple, np.ndarray]:
    """Values of the documents ``ids`` for each measure key, in order of first appearance."""
    keys = _keys(measures)
    chosen = measures[measures["doc"].isin(list(ids))]
    out: dict[tuple, list] = {tuple(k): [] for k in measures[keys].drop_duplicates().itertuples(index=False)}
    for key, value in zip(chosen[keys].itertuples(index=False), chosen["value"]):
        out[tuple(key)].append(value)
    return {k: np.asarray(v, dtype=float) for k, v in out.items()}


def _round(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    for c in columns:
        frame[c] = frame[c].astype(float).round(DECIMALS)
    return frame


def group_summary(measures: pd.DataFrame, comparison, n_boot: int = N_BOOT, level: float = LEVEL,
                  seed: int = SEED) -> pd.DataFrame:
    """One row per measure and side: ``side`` (a/b), ``group`` (its name), the
    measure's key columns, then :data:`SUMMARY_COLUMNS`. ``measures`` is a tidy
    table ``doc, <keys>, value`` (see :mod:`analysis.groups.measures`)."""
    keys = _keys(measures)
    per_side = {"a": _by_key(measures, comparison.ids_a), "b": _by_key(measures, comparison.ids_b)}
    rows = []
    for key in per_side["a"]:
        for side in ("a", "b"):
            values = per_side[side][key]
            if len(values):
                rows.append((side, comparison.name(side), *key, *summarise(values, n_boot, level, seed).values()))
    table = pd.DataFrame(rows, columns=["side", "group", *keys, *SUMMARY_COLUMNS])
    return _round(table, ["mean", "median", "ci_low", "ci_high"])


def group_differences(measures: pd.DataFrame, comparison, n_boot: int = N_BOOT, n_perm: int = N_PERM,
                      level: float = LEVEL, seed: int = SEED) -> pd.DataFrame:
    """One row per measure: its key columns, then :data:`DIFFERENCE_COLUMNS`
    (A − B; ``effect_size`` is Cliff's δ; ``p_value`` from the permutation test)."""
    keys = _keys(measures)
    a_values, b_values = _by_key(measures, comparison.ids_a), _by_key(measures, comparison.ids_b)
    rows = []
    for key, a in a_values.items():
        b = b_values[key]
        if len(a) and len(b):
            result = difference(a, b, n_boot, n_perm, level, seed)
            rows.append((*key, comparison.name_a, comparison.name_b, *[result[c] for c in DIFFERENCE_COLUMNS[2:]]))
    table = pd.DataFrame(rows, columns=[*keys, *DIFFERENCE_COLUMNS])
    table = _round(table, ["mean_a", "mean_b", "diff", "diff_ci_low", "diff_ci_high", "effect_size"])
    table["p_value"] = table["p_value"].map(lambda p: p if math.isnan(p) else float(f"{p:.4g}"))
    return table
