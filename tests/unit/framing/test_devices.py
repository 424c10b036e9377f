"""Framing devices: attribution patterns, quotations, stance and metaphor fields."""
from __future__ import annotations

import pytest

from analysis import load_corpus
from analysis.framing import cues, devices, frames


def _pairs(table, doc=None):
    if doc is not None:
        table = table[table.doc == doc]
    return {(r.speaker, r.verb) for r in table.itertuples()}


def test_attribution_patterns_in_the_news_piece(news):
    table = devices.attributions(news)
    pairs = _pairs(table)
    assert {("Shoigu", "told"), ("Kim", "hailed"), ("Washington and Seoul", "accused"),
            ("the Kremlin", "called"), ("British military intelligence", "estimated"),
            ("both Moscow and Pyongyang", "denied"), ("observers", "calling")} <= pairs
    by_verb = table.set_index("verb")
    assert by_verb.loc["accused", "category"] == "contentious"
    assert by_verb.loc["hailed", "category"] == "endorsing"
    assert by_verb.loc["called", "pattern"] == "what-speaker-verb"  # "what the Kremlin called"
    assert by_verb.loc["responded", "pattern"] == "subject"  # "Kim, dressed in ..., responded"
    assert by_verb.loc["acknowledged", "negated"]  # "figures that Pyongyang has not acknowledged"
    assert by_verb.loc["told", "quoted"]


def test_passive_and_quote_only_verbs(chapter):
    table = devices.attributions(chapter)
    assert ("analyst Ankit Panda", "noted") in _pairs(table)
    began = table[table.verb == "began"]
    assert list(began["sentence"]) == [21]  # '"...," he began' but not "the real negotiation began"


def test_attribution_on_synthetic_text(tmp_path):
    (tmp_path / "a.txt").write_text(
        "According to Western officials, the deal was signed. The minister, speaking late, denied it. "
        "\"We will win,\" she said. Analysts warned that prices may rise.\n", encoding="utf-8")
    table = devices.attributions(load_corpus(tmp_path))
    pairs = _pairs(table)
    assert ("Western officials", "according to") in pairs
    assert ("she", "said") in pairs
    assert ("Analysts", "warned") in pairs
    assert table.set_index("verb").loc["warned", "category"] == "emphatic"


def test_quotations(corpus):
    q = devices.quotations(corpus)
    kinds = dict(zip(q["quote"], q["kind"]))
    # Kim's own words, attributed in the sentence, are partial quotes, not scare quotes (issue 17)
    assert kinds["comrade-in-arms"] == "partial quote" and kinds["dearest comrade"] == "partial quote"
    assert kinds["shell hunger"] == "scare quote" and kinds["imperialism"] == "scare quote"
    assert set(q.loc[q["kind"] == "partial quote", "speaker"]) == {"Kim"}
    assert kinds["The President's instruction must be fulfilled"] == "direct quote"


def test_attribution_scores_match_table(corpus):
    table = devices.attributions(corpus)
    docs = devices.attribution_scores(corpus, "document")
    live = table[~table.negated]
    for row in docs.itertuples():
        assert row.hits == ((live.doc == row.doc) & (live.category == row.frame)).sum()
    summary = devices.attribution_summary(table)
    assert summary.loc["news-shoigu-2025"].sum() == len(table[table.doc == "news-shoigu-2025"])


def test_stance_markers(corpus):
    m = frames.find_cues(corpus, "stance")
    live = m[~m.negated]
    certainty = set(live[live.frame == "certainty"]["match"].str.lower())
    hedging = set(live[live.frame == "hedging"]["match"].str.lower())
    assert {"no doubt", "certain", "proved"} <= certainty
    assert {"unclear", "may"} <= hedging
    assert "like" not in hedging  # "cathedral-like" is not "likely"


def test_stance_is_hylands_boosters_and_hedges_with_provenance(corpus, chapter, news):
    table = cues.load_lexicon("stance").cue_table()
    assert set(table["source"]) == {"Hyland 2005", "written on the seeds"}
    dropped = {"explicit*", "always", "true nature", "laid bare", "reveal*"}  # descriptive and temporal uses
    assert not dropped & set(table["cue"])
    words = set(frames.find_cues(corpus, "stance")["match"].str.lower())
    assert not {"explicit", "always", "revealed", "laid bare", "true nature"} & words
    assert "clear" not in set(frames.find_cues(news, "stance")["match"])  # "echoed loud and clear"


@pytest.mark.parametrize("field, word", [("theater", "choreographed"), ("captivity", "jail"),
                                         ("hunger", "starving for"), ("commerce", "sales pitch")])
def test_metaphor_fields_in_the_chapter(chapter, field, word):
    m = frames.find_cues(chapter, "metaphor")
    assert word in set(m[m.frame == field]["match"].str.lower())


def test_attribution_scores_by_sentence_follow_the_table(corpus):
    table = devices.attributions(corpus)
    by_sentence = devices.attribution_scores(corpus, "sentence")
    live = table[~table.negated]
    assert by_sentence.score.sum() == len(live)
    keys = list(dict.fromkeys(zip(table.doc, table["sentence"], table.category)))
    assert list(zip(by_sentence.doc, by_sentence["sentence"], by_sentence.frame)) == keys  # order of first appearance
    row = by_sentence[by_sentence.score > 0].iloc[0]
    mine = live[(live.doc == row.doc) & (live["sentence"] == row["sentence"]) & (live.category == row.frame)]
    assert row.cues == "; ".join(f"{s} {v}" for s, v in zip(mine.speaker, mine.verb))
    docs = devices.attribution_scores(corpus, "document")
    assert (docs.words == [len(corpus[d].words) for d in docs.doc]).all()
