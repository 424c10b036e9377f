"""Amounts of money and percentages: what the economic frame's indicator counts."""
from __future__ import annotations

import numpy as np
import pytest

from analysis.framing.amounts import AMOUNTS, amount_counts, amount_features


@pytest.mark.parametrize("text, money, percent", [
    ("The plan costs $2.5 billion.", 1, 0),
    ("It cost £40 and US$5 and EUR 10.", 3, 0),
    ("Damage reached 12 million dollars, or 3bn euros, and 700 roubles.", 3, 0),
    ("Emissions fell 40 percent, 3.5% and 12 per cent.", 0, 3),
    ("Forty percent of dollars are green; the 1990s were warm.", 0, 0),  # no figure, no amount
    ("", 0, 0),
])
def test_counts_figures_not_words(text, money, percent):
    assert amount_counts(text) == {"money": money, "percent": percent}


def test_features_are_log_counts_in_a_fixed_order():
    x = amount_features(["$1 and $2 and 5%", "nothing"])
    assert AMOUNTS == ("money", "percent") and x.shape == (2, 2)
    np.testing.assert_allclose(x, [[np.log(3), np.log(2)], [0, 0]])
    assert amount_features([]).shape == (0, 2)


def test_hostile_text_is_counted_not_interpreted():
    text = "<script>$</script> 10%% ${x} " + "9" * 10_000 + " dollars"
    assert amount_counts(text) == {"money": 1, "percent": 1}
