"""The voice test set and its scoring (issue 24, item 4)."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.errors import InputError
from analysis.framing import voice_check


def test_the_test_set_has_150_labelled_spans_and_no_text():
    spans = voice_check.read_test_set()
    assert len(spans) >= 150 and set(spans["voice"]) == set(voice_check.LABELS)
    assert list(spans.columns) == ["doc", "sentence", "start", "end", "voice", "span_sha256"]
    assert (spans["end"] > spans["start"]).all() and spans["span_sha256"].str.len().eq(12).all()


def test_voice_scores_count_scare_quotes_as_the_writers():
    tagged = pd.DataFrame({"voice": ["authorial", "quoted", "attributed", "scare_quote", "scare_quote"],
                           "predicted": ["authorial", "quoted", "authorial", "authorial", "quoted"]})
    table = voice_check.voice_scores(tagged).set_index("voice")
    assert table.loc["authorial", ["gold", "predicted", "correct"]].tolist() == [3, 3, 2]
    assert table.loc["quoted", "precision"] == 0.5 and table.loc["quoted", "recall"] == 1.0
    assert table.loc["scare_quote", "recall"] == 0.5 and math.isnan(table.loc["scare_quote", "precision"])
    assert table.loc["attributed", "recall"] == 0.0 and table.loc["attributed", "recall_high"] < 0.8


def test_committed_validation_has_before_and_after():
    table = voice_check.load_voice_validation()
    assert set(table["rules"]) == {"before", "after"}
    after = table[table["rules"] == "after"].set_index("voice")
    assert (after["recall_low"] <= after["recall"]).all() and (after["recall"] <= after["recall_high"]).all()


def test_a_missing_test_set_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="not found"):
        voice_check.read_test_set(tmp_path / "none.csv")


def test_the_framing_findings_call_the_seed_check_in_sample_and_show_the_voice_test(corpus):
    from analysis.views import framing_findings
    from analysis.framing.validation import validate

    empty = pd.DataFrame()
    tables = framing_findings.FramingTables(empty, empty, empty, empty, empty, validate(corpus, "generic"),
                                            validate(corpus, "policy"), empty)
    text = framing_findings._validation(tables)
    assert "**In-sample check**" in text and "Validation" not in text and "Wilson 95 % intervals" in text
    assert "- **Voice**: on 173 hand-labelled spans" in text and "scare quotes read as the writer's" in text
