"""Wilson intervals (issue 24)."""
from __future__ import annotations

import math

from analysis.intervals import format_interval, straddles, wilson_interval


def test_wilson_interval_of_the_issues_example():
    low, high = wilson_interval(4, 11)  # capacity and resources: 4/11 -> 0.15-0.65
    assert format_interval(low, high) == "0.15–0.65"
    assert wilson_interval(0, 5)[0] == 0.0 and wilson_interval(5, 5)[1] == 1.0
    assert all(math.isnan(x) for x in wilson_interval(0, 0))


def test_straddles_blocks_a_decision():
    assert straddles(*wilson_interval(4, 11), 0.5)
    assert not straddles(*wilson_interval(1, 20), 0.5)
    assert straddles(float("nan"), float("nan"), 0.5)
