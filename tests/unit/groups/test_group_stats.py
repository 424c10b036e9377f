"""Group statistics on tiny arrays with hand-checked answers (analysis.group_stats)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.groups.stats import ONE_DOCUMENT, bootstrap_diff_ci, bootstrap_mean_ci, cliffs_delta, difference, group_differences, group_summary, permutation_p, summarise
from analysis.groups.comparison import Comparison


def test_exact_permutation_p_values():
    # 20 splits of six values into 3 + 3; only {1,2,3} | {4,5,6} and its mirror differ by 3
    assert permutation_p([1, 2, 3], [4, 5, 6]) == pytest.approx(2 / 20)
    # 6 splits of 1..4 into 2 + 2: |diff| = 2 for {1,2} and {3,4} only
    assert permutation_p([1, 2], [3, 4]) == pytest.approx(2 / 6)
    assert permutation_p([1, 2], [1, 2]) == 1.0  # every split is at least as extreme as a zero difference
    assert permutation_p([5], [1, 2, 3]) == pytest.approx(1 / 4)  # the 5 alone is the one extreme split


def test_sampled_permutation_p_is_seeded_and_never_zero():
    a, b = [1, 2, 3], [4, 5, 6]
    sampled = permutation_p(a, b, n_perm=2000, exact_limit=0, seed=3)
    assert sampled == permutation_p(a, b, n_perm=2000, exact_limit=0, seed=3)
    assert abs(sampled - 0.1) < 0.03
    far = permutation_p([0.0] * 30, [1.0] * 30, n_perm=500, exact_limit=0)
    assert far == pytest.approx(1 / 501)


def test_cliffs_delta_by_hand():
    assert cliffs_delta([1, 2, 3], [4, 5, 6]) == -1.0
    assert cliffs_delta([4, 5, 6], [1, 2, 3]) == 1.0
    assert cliffs_delta([1, 3], [2]) == 0.0            # one pair above, one below
    assert cliffs_delta([1, 2, 2], [2]) == pytest.approx(-1 / 3)  # ties count neither way
    assert cliffs_delta([0, 0, 1], [0, 1, 1]) == pytest.approx((1 - 4) / 9)


def test_bootstrap_intervals_by_hand():
    assert bootstrap_mean_ci([2, 2, 2]) == (2.0, 2.0)
    low, high = bootstrap_mean_ci([0, 1], n_boot=4000)   # draws have mean 0, 0.5 or 1 (¼, ½, ¼)
    assert (low, high) == (0.0, 1.0)
    low, high = bootstrap_mean_ci(np.arange(10.0), n_boot=4000)
    half = 1.96 * np.std(np.arange(10.0)) / math.sqrt(10)  # the normal approximation, ~1.78
    assert low == pytest.approx(4.5 - half, abs=0.25) and high == pytest.approx(4.5 + half, abs=0.25)
    low, high = bootstrap_diff_ci([1, 2, 3], [4, 5, 6])
    assert -5 <= low < -3 < high <= -1
    assert bootstrap_mean_ci([1, 5, 2, 8], seed=1) == bootstrap_mean_ci([1, 5, 2, 8], seed=1)
    with pytest.raises(ValueError):
        bootstrap_mean_ci([1.0])


def test_interval_always_contains_the_mean():
    rng = np.random.default_rng(0)
    samples = [rng.exponential(size=n) ** 3 for n in (2, 3, 5, 20, 80)] + [np.r_[np.zeros(40), 100.0],
                                                                             np.full(7, 0.1)]
    for x in samples:
        row = summarise(x)
        assert row["ci_low"] <= row["mean"] <= row["ci_high"], row
    for x, y in zip(samples, samples[1:]):
        row = difference(x, y)
        assert row["diff_ci_low"] <= row["diff"] <= row["diff_ci_high"], row


def test_one_document_gives_the_plain_message():
    row = summarise([5.0])
    assert (row["n_docs"], row["mean"], row["median"]) == (1, 5.0, 5.0)
    assert math.isnan(row["ci_low"]) and math.isnan(row["ci_high"])
    assert row["note"] == f"{ONE_DOCUMENT}: no interval" and ONE_DOCUMENT == "not possible with one document"
    row = difference([1.0], [2.0, 3.0])
    assert row["testable"] is False and row["diff"] == -1.5
    assert all(math.isnan(row[k]) for k in ("diff_ci_low", "diff_ci_high", "p_value", "effect_size"))
    assert row["note"].startswith(ONE_DOCUMENT) and "side A" in row["note"]


def test_difference_row():
    row = difference([1, 2, 3], [4, 5, 6])
    assert (row["n_a"], row["n_b"], row["mean_a"], row["mean_b"], row["diff"]) == (3, 3, 2.0, 5.0, -3.0)
    assert row["p_value"] == pytest.approx(0.1) and row["effect_size"] == -1.0 and row["testable"]


def comparison(ids_a, ids_b, name_a="left", name_b="right") -> Comparison:
    return Comparison("leaning", (name_a,), (name_b,), name_a, name_b, tuple(ids_a), tuple(ids_b), (), ())


MEASURES = pd.DataFrame({
    "doc": ["d1", "d2", "d3", "d1", "d2", "d3", "d4", "d4"],
    "frame": ["war", "war", "war", "peace", "peace", "peace", "war", "peace"],
    "value": [1.0, 2.0, 3.0, 0.0, 0.0, 1.0, 9.0, 9.0],
})


def test_group_summary_table():
    table = group_summary(MEASURES, comparison(["d1", "d2"], ["d3"]))
    assert list(table.columns) == ["side", "group", "frame", "n_docs", "mean", "median", "ci_low", "ci_high", "note"]
    assert table[["side", "group", "frame", "n_docs", "mean"]].values.tolist() == [
        ["a", "left", "war", 2, 1.5], ["b", "right", "war", 1, 3.0],
        ["a", "left", "peace", 2, 0.0], ["b", "right", "peace", 1, 1.0]]
    assert table.loc[0, "ci_low"] == 1.0 and table.loc[0, "ci_high"] == 2.0   # draws of {1, 2}
    assert table.loc[1, "note"] == f"{ONE_DOCUMENT}: no interval" and table.loc[0, "note"] == ""


def test_group_differences_table():
    table = group_differences(MEASURES, comparison(["d1", "d2"], ["d3", "d4"]))
    assert list(table.columns) == ["frame", "group_a", "group_b", "n_a", "n_b", "mean_a", "mean_b", "diff",
                                   "diff_ci_low", "diff_ci_high", "p_value", "effect_size", "testable", "note"]
    war = table.iloc[0]
    assert (war["frame"], war["mean_a"], war["mean_b"], war["diff"]) == ("war", 1.5, 6.0, -4.5)
    assert war["p_value"] == 0.3333 and war["effect_size"] == -1.0 and war["testable"]
    assert war["diff_ci_low"] <= war["diff"] <= war["diff_ci_high"]
    assert group_differences(MEASURES, comparison(["d1", "d2"], ["d3"]))["testable"].tolist() == [False, False]


def test_cached_splits_are_32_bit_indices():
    """The permutation splits cached for a comparison grow with the corpus (n_perm × the smaller
    side): 32-bit indices halve what a kernel holds for them (issue 26); p-values are unchanged."""
    import numpy as np

    from analysis.groups import stats

    stats._splits.cache_clear()
    drawn = stats._splits(3000, 1500, 200, 7)
    assert drawn.dtype == np.int32 and drawn.shape == (200, 1500) and drawn.max() < 3000
    exact = stats._splits(6, 3, 0, 7)
    assert exact.dtype == np.int32 and exact.shape == (20, 3)
    rng = np.random.default_rng(1)
    a, b = rng.normal(0, 1, 40), rng.normal(0.5, 1, 60)
    p = stats.permutation_p(a, b)
    stats._splits.cache_clear()
    assert stats.permutation_p(a, b) == p
