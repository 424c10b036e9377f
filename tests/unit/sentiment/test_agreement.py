"""VADER against NewsMTSC polarity: macro-F1, bootstrap interval, baseline (issue 24)."""
from __future__ import annotations

import pytest

from analysis import sentiment
from analysis.errors import InputError
from analysis.sentiment import agreement


def test_macro_f1_and_the_majority_baseline():
    gold = ["negative", "neutral", "neutral", "positive"]
    assert agreement.macro_f1(gold, gold) == 1.0
    row = agreement.agreement_row("toy", "sentence", [1, 2, 3, 4], gold, ["neutral"] * 4, n_boot=200, seed=1)
    assert row["majority_class"] == "neutral" and row["macro_f1"] == row["majority_macro_f1"] == round(2 / 9, 3)
    assert row["macro_f1_low"] <= row["macro_f1"] <= row["macro_f1_high"]


def test_bootstrap_resamples_sentences_and_is_seeded():
    ids, gold = [1, 1, 2, 3, 3, 4], ["negative", "positive", "neutral", "negative", "negative", "positive"]
    pred = ["negative", "negative", "neutral", "negative", "positive", "positive"]
    a = agreement.agreement_row("t", "target", ids, gold, pred, n_boot=300, seed=7)
    b = agreement.agreement_row("t", "target", ids, gold, pred, n_boot=300, seed=7)
    assert a == b and a["sentences"] == 4 and a["rows"] == 6


def test_committed_agreement_is_read_with_intervals_and_baseline():
    table = sentiment.load_newsmtsc_agreement().set_index("split")
    assert list(table.index) == ["devtest_mt", "train, one target"]
    assert (table["macro_f1_low"] < table["macro_f1"]).all() and (table["macro_f1"] < table["macro_f1_high"]).all()
    assert (table["majority_macro_f1"] < table["macro_f1_low"]).all()  # VADER beats always saying neutral
    assert (table["neutral_band"] == 0.05).all()


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="benchmarks.vader_newsmtsc"):
        sentiment.load_newsmtsc_agreement(tmp_path / "none.csv")


def test_watch_list_ablation_is_token_level_symmetric_and_not_from_the_seeds():
    senses = sentiment.caveats.watch_senses()
    assert {v for _, v, _, _ in senses} == {"positive", "negative"}
    assert all("seeds" not in source for *_, source in senses)
    text, removed = sentiment.ablate("The Security Council met; he felt secure, a sense of security at last.")
    assert removed == [("security", "positive")] and "sense of security" in text  # only the listed sense
    _, removed = sentiment.ablate("The Cold War ended, and crude oil prices fell.")
    assert removed == [("war", "negative"), ("crude", "negative")]
    united = "The United States and the United Nations met."
    assert sentiment.compound(united) > 0 and sentiment.compound(sentiment.ablate(united)[0]) == 0


def test_the_sentiment_page_states_the_agreement_and_the_proxy():
    from analysis.views.sentiment import agreement_text

    text = agreement_text()
    assert "macro-F1 0.50 (0.47–0.53)" in text and "always answering \"neutral\"" in text and "proxy" in text
