"""Regression tests for the device fixes of issue 17, each on the seed sentence that showed it."""
from __future__ import annotations

from analysis.framing import cues, frames


def _rows(corpus, scheme, doc, text):
    """Cue matches of ``scheme`` in the sentence of ``doc`` containing ``text``."""
    document = corpus[doc]
    index = next(s.index for s in document.sentences if text in s.text)
    table = cues.find_cues(document, scheme)
    return table[table["sentence"] == index]


def test_no_longer_merely_does_not_negate(corpus):
    rows = _rows(corpus, "policy", "news-shoigu-2025", "no longer merely neighbors")
    hit = rows[rows["match"] == "neighbors"]
    assert list(hit["negated"]) == [False] and list(hit["negator"]) == [""]


def test_no_longer_alone_still_negates(tmp_path):
    from analysis import load_corpus

    (tmp_path / "a.txt").write_text("The two states are no longer neighbors in any sense.\n", encoding="utf-8")
    table = cues.find_cues(load_corpus(tmp_path), "policy")
    assert list(table.loc[table["match"] == "neighbors", "negator"]) == ["no"]


def test_building_simile_is_not_morality(corpus):
    sentence = "cathedral-like assembly halls"
    for scheme in ("generic", "policy"):
        rows = _rows(corpus, scheme, "ch49-vostochny", sentence)
        assert "morality" not in set(rows["frame"]), scheme
    metaphor = _rows(corpus, "metaphor", "ch49-vostochny", sentence)
    assert list(metaphor["frame"]) == ["sacred"]  # the figure stays a metaphor field


def test_simile_rule_keeps_literal_morality(tmp_path):
    from analysis import load_corpus

    (tmp_path / "a.txt").write_text("It was an evil act. The hall was lit like an evil dream.\n", encoding="utf-8")
    table = cues.find_cues(load_corpus(tmp_path), "generic")
    assert list(table.loc[table["frame"] == "morality", "sentence"]) == [0]


def test_litotes_is_not_a_hedge(corpus):
    rows = _rows(corpus, "stance", "ch49-vostochny", "could not entirely hide")
    could = rows[rows["match"] == "could"]
    assert list(could["negated"]) == [True] and list(could["negator"]) == ["not"]
    scores = frames.sentence_scores(rows)
    assert list(scores.loc[scores["frame"] == "hedging", "score"]) == [0]


def test_sarcastic_supposed_is_not_a_hedge(corpus):
    rows = _rows(corpus, "stance", "ch49-vostochny", "a supposed superpower")
    assert "hedging" not in set(rows["frame"])


def test_others_reporting_verb_is_not_the_writers_hedge(corpus):
    rows = _rows(corpus, "stance", "news-shoigu-2025", "British military intelligence recently estimated")
    assert "estimated" not in set(rows["match"])


def test_writers_own_estimate_stays_a_hedge(tmp_path):
    from analysis import load_corpus

    (tmp_path / "a.txt").write_text("The cost is estimated at two billion.\n", encoding="utf-8")
    table = cues.find_cues(load_corpus(tmp_path), "stance")
    assert list(table["match"]) == ["estimated"]
