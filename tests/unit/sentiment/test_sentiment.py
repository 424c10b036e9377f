"""Tests for analysis.sentiment and ``python -m analysis sentiment``."""
from __future__ import annotations

import json
import math
import subprocess
import sys

import pandas as pd
import pytest
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer, normalize

from analysis import load_corpus
from analysis.cli import main as cli
from analysis import sentiment as S

SHIFTER_CASES = [
    "The plan is not good.",
    "It is very good.",
    "The deal was good but the outcome was terrible.",
    "NOT GOOD at all, really bad.",
    "There is no good answer.",
    "This is kind of good.",
    "It was the least good option.",
    "I have never so enjoyed a summit.",
    "Without doubt a happy day.",
    "It is slightly bad!!",
    "Honestly, this new plan is the bomb.",
]


@pytest.fixture(scope="module")
def reference():
    return SentimentIntensityAnalyzer()


@pytest.fixture(scope="module")
def scores(corpus):
    return S.sentence_scores(corpus)


@pytest.fixture()
def folder(tmp_path):
    """A folder of plain .txt files with no catalog."""
    (tmp_path / "alpha.txt").write_text(
        "The talks were a great success. Both sides praised the warm atmosphere.\n\n"
        "But the sanctions remain. Critics called the deal a terrible mistake.\n",
        encoding="utf-8")
    (tmp_path / "beta.txt").write_text(
        "Russia faces shell hunger on the front. Officials said nothing.\n", encoding="utf-8")
    return tmp_path


def test_compound_equals_reference_vader_on_every_seed_sentence(corpus, scores, reference):
    sentences = [s for d in corpus for s in d.sentences]
    assert len(scores) == len(sentences) == 80
    for s, row in zip(sentences, scores.itertuples()):
        expected = reference.polarity_scores(s.norm)
        assert (row.doc, row.sentence) == (s.doc, s.index)
        assert row.compound == expected["compound"], s.norm
        assert (row.pos, row.neu, row.neg) == (expected["pos"], expected["neu"], expected["neg"])


def test_evidence_sums_to_the_compound(corpus):
    for text in [s.norm for d in corpus for s in d.sentences] + SHIFTER_CASES:
        r = S.score(text)
        if r.words:
            assert round(normalize(r.total), 4) == r.compound


@pytest.mark.parametrize("text", SHIFTER_CASES)
def test_every_changed_valence_is_explained(text):
    for w in S.score(text).words:
        base = w.lexicon or 0.0
        word_rules = [x for x in w.shifters if "'but'" not in x]
        if w.lexicon is not None and not math.isclose(w.valence, base):
            assert word_rules, w
        if not math.isclose(w.final, w.valence):
            assert any("'but'" in x for x in w.shifters), w


def test_every_seed_word_change_is_explained(corpus):
    words = [w for d in corpus for s in d.sentences for w in S.score(s.norm).words]
    changed = [w for w in words if w.lexicon is not None and not math.isclose(w.final, w.lexicon)]
    assert changed
    assert all(w.shifters for w in changed)
    assert not [w for w in words if w.shifters and math.isclose(w.final, w.lexicon or 0.0)
                and not any("scores 0" in x for x in w.shifters)]


def test_negation_booster_and_but_are_named():
    neg = {w.word: w for w in S.score("The plan is not good.").words}["good"]
    assert neg.lexicon == 1.9 and math.isclose(neg.final, 1.9 * -0.74)
    assert neg.shifters == ("negated by 'not' ×-0.74",)
    boost = {w.word: w for w in S.score("It is very good.").words}["good"]
    assert boost.final > boost.lexicon and boost.shifters == ("intensified by 'very'",)
    but = {w.word: w for w in S.score("The deal was good but the outcome was terrible.").words}
    assert math.isclose(but["good"].final, but["good"].lexicon * 0.5)
    assert math.isclose(but["terrible"].final, but["terrible"].lexicon * 1.5)
    assert "before 'but' ×0.5" in but["good"].shifters and "after 'but' ×1.5" in but["terrible"].shifters
    explained = S.score("The plan is not good.").explain()
    assert explained == "good +1.90→-1.41 (negated by 'not' ×-0.74)"


def test_idiom_is_named():
    bomb = [w for w in S.score("Honestly, this new plan is the bomb.").words if w.word == "bomb"][0]
    assert bomb.lexicon < 0 < bomb.final and "idiom 'the bomb'" in bomb.shifters


def test_quotation_and_punctuation():
    r = S.score('He called it "a great victory" and left!')
    great = [w for w in r.words if w.word == "great"][0]
    assert great.quoted and not [w for w in r.words if w.word == "left"][0].quoted
    assert r.punctuation > 0 and "punctuation +" in r.explain()


def test_polarity_thresholds():
    assert [S.polarity(x) for x in (0.05, 0.0499, 0.0, -0.0499, -0.05)] == [
        "positive", "neutral", "neutral", "neutral", "negative"]


def test_folder_without_catalog(folder):
    corpus = load_corpus(folder)
    scores = S.sentence_scores(corpus)
    assert scores.doc.tolist() == ["alpha"] * 4 + ["beta"] * 2
    assert scores.groupby("doc").position.agg(["min", "max"]).to_numpy().tolist() == [[0, 1], [0, 1]]
    assert scores.loc[0, "sentiment"] == "positive" and "success" in scores.loc[0, "evidence"]
    assert scores.loc[3, "sentiment"] == "negative"
    paragraphs = S.paragraph_scores(scores)
    assert paragraphs[["doc", "paragraph", "sentences"]].values.tolist() == [["alpha", 0, 2], ["alpha", 1, 2],
                                                                             ["beta", 0, 2]]
    docs = S.document_scores(scores).set_index("doc")
    for doc, group in scores.groupby("doc"):
        assert docs.loc[doc, "compound"] == round(group.compound.mean(), 4)
        assert docs.loc[doc, "share_neutral"] == round((group.sentiment == "neutral").mean(), 4)
        assert docs.loc[doc, "whole_text"] == S.score(" ".join(group.norm)).compound


def test_document_scores_on_seeds(scores):
    docs = S.document_scores(scores).set_index("doc")
    assert docs.sentences.to_dict() == {"ch49-vostochny": 55, "news-shoigu-2025": 25}
    shares = docs[["share_positive", "share_neutral", "share_negative"]].sum(axis=1)
    assert ((shares - 1).abs() < 1e-3).all()
    # VADER on a whole long text saturates; the sentence mean does not.
    assert (docs.whole_text.abs() > docs.compound.abs()).all()


def test_arcs_smooth_with_an_odd_window():
    frame = pd.DataFrame({"doc": ["a"] * 10 + ["b"] * 4, "sentence": list(range(10)) + list(range(4)),
                          "position": [i / 9 for i in range(10)] + [i / 3 for i in range(4)],
                          "compound": [0.0] * 5 + [1.0] * 5 + [0.5, -0.5, 0.5, -0.5]})
    arc = S.arcs(frame, window_share=0.5)
    a = arc[arc.doc == "a"]
    assert a.window.iloc[0] == 5 and arc[arc.doc == "b"].window.iloc[0] == 3
    assert a.smooth.tolist()[4] == pytest.approx(0.4)   # mean of indexes 2..6
    assert a.smooth.tolist()[0] == pytest.approx(0.0)   # edge: indexes 0..2
    assert len(arc) == len(frame)


def test_entity_sentiment_with_hand_built_mentions():
    scores = pd.DataFrame({"doc": ["a", "a", "a", "b"], "sentence": [0, 1, 2, 0],
                           "compound": [0.5, -0.5, 0.2, 0.9],
                           "sentiment": ["positive", "negative", "positive", "positive"]})
    mentions = pd.DataFrame([
        ("a", 0, "Putin", "PERSON", "Putin", 0, 5, "gazetteer"),
        ("a", 0, "Putin", "PERSON", "Vladimir Putin", 9, 23, "gazetteer"),  # same sentence: counts once
        ("a", 1, "Putin", "PERSON", "he", 0, 2, "rule"),
        ("a", 2, "Russia", "GPE", "Moscow", 0, 6, "gazetteer"),
        ("b", 0, "Putin", "PERSON", "Putin", 0, 5, "gazetteer"),
        ("b", 7, "Russia", "GPE", "Russia", 0, 6, "gazetteer"),          # no such sentence
    ], columns=["doc", "sentence", "entity", "type", "surface", "start", "end", "source"])
    out = S.entity_sentiment(scores, mentions)
    assert out[["doc", "entity", "sentences"]].values.tolist() == [["a", "Putin", 2], ["a", "Russia", 1],
                                                                   ["b", "Putin", 1]]
    putin = out.iloc[0]
    assert putin.compound == 0.0 and putin.share_positive == 0.5 and putin.share_negative == 0.5
    assert putin.doc_compound == pytest.approx(0.0667, abs=1e-4)
    assert putin.vs_document == pytest.approx(-0.0667, abs=1e-4)
    assert out.iloc[1].type == "GPE"
    assert S.entity_sentiment(scores, mentions, min_sentences=2).entity.tolist() == ["Putin"]
    assert S.entity_sentiment(scores, mentions.iloc[0:0]).empty


def test_coverage_counts_lexicon_words(folder):
    corpus = load_corpus(folder)
    cov = S.coverage(corpus).set_index("doc")
    beta = cov.loc["beta"]
    # "Russia faces shell hunger on the front. Officials said nothing."
    assert beta.tokens == 10 and beta.in_lexicon == 1 and beta.coverage == 0.1
    assert beta.neutral_sentences == 1 and beta.no_evidence_sentences == 1


def test_misreadings_found_by_code(folder, corpus):
    found = S.misreadings(load_corpus(folder))
    hunger = found[found.term == "shell hunger"].iloc[0]
    assert (hunger["doc"], hunger["sentence"], hunger["kind"], hunger["contribution"]) == ("beta", 0, "metaphor", -1.0)
    assert "sanctions" in found.term.tolist() and "warm" in found.term.tolist()
    custom = S.misreadings(load_corpus(folder), terms=[("talks", "test", "a note")], quoted=False)
    assert custom[["doc", "sentence", "term", "contribution"]].values.tolist() == [["alpha", 0, "talks", 0.0]]
    seeds = S.misreadings(corpus)
    warm = seeds[(seeds.term == "warm") & (seeds.doc == "news-shoigu-2025")]
    assert len(warm) == 1 and warm.iloc[0].contribution > 0
    assert (seeds[seeds.kind == "quotation"].contribution != 0).all()


def test_top_sentences_are_ordered(scores):
    top = S.top_sentences(scores, n=3, direction="negative")
    assert top.compound.is_monotonic_increasing and top.compound.iloc[0] == scores.compound.min()
    with pytest.raises(ValueError):
        S.top_sentences(scores, direction="up")


def test_cli_sentence_table(folder, capsys):
    assert cli.main(["sentiment", "--seeds", str(folder), "--format", "csv"]) == 0
    frame = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    assert {"doc", "sentence", "text", "compound", "pos", "neu", "neg"} <= set(frame.columns)
    assert len(frame) == 6


def test_cli_levels(folder, capsys):
    assert cli.main(["sentiment", "--seeds", str(folder), "--by", "document", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["doc"] for r in records] == ["alpha", "beta"] and records[0]["sentences"] == 4
    assert cli.main(["sentiment", "--seeds", str(folder), "--by", "paragraph", "--doc", "alpha",
                     "--format", "csv"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 3
    assert cli.main(["sentiment", "--seeds", str(folder), "--by", "word", "--format", "csv"]) == 0
    assert "shifters" in capsys.readouterr().out.splitlines()[0]


def test_cli_unknown_doc_exits_2(folder):
    done = subprocess.run([sys.executable, "-m", "analysis", "sentiment", "--seeds", str(folder), "--doc", "nope"],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stdout == "" and len(done.stderr.strip().splitlines()) == 1 and "nope" in done.stderr


# --- the fast paths give the reference results -------------------------------------------

EDGE_CASES = SHIFTER_CASES + [
    "", "   ", "Not bad.", "no", "No good deal was ever no problem.", "It is NOT GOOD, not good at all.",
    "He is kind of nice but sort of rude, but never so happy.", "At least it was good; the least good one.",
    "Without doubt, they are friends :) and I love it 😀!", "😀", "Great?? Yes!!!!",
    "The deal was a bit of a joke, yet the summit was a great success.",
]


def test_analyzer_matches_reference_on_edge_cases_and_long_texts(corpus, reference):
    texts = EDGE_CASES + [" ".join(s.norm for s in d.sentences) for d in corpus] + [" ".join(EDGE_CASES * 5)]
    for text in texts:
        assert S.analyzer().polarity_scores(text) == reference.polarity_scores(text), text
        r = S.score(text)
        assert (r.compound, r.pos, r.neu, r.neg) == tuple(reference.polarity_scores(text)[k]
                                                          for k in ("compound", "pos", "neu", "neg"))
        assert S.compound(text) == reference.polarity_scores(text)["compound"]


def test_look_around_rules_see_a_window_not_the_whole_text(monkeypatch):
    """VADER's negation and idiom checks re-read the whole text for every word
    (quadratic); ours hand them at most six tokens."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference

    seen = []
    for name in ("_negation_check", "_special_idioms_check"):
        original = getattr(Reference, name)
        monkeypatch.setattr(Reference, name, staticmethod(
            lambda *args, _f=original: seen.append(len(args[1])) or _f(*args)))
    text = " ".join(["The plan is not good but the very warm welcome was a great success."] * 50)
    expected = SentimentIntensityAnalyzer().polarity_scores(text)["compound"]
    seen.clear()
    assert S.compound(text) == expected
    assert seen and max(seen) <= 6


def test_scores_without_evidence(corpus, scores):
    S.score.cache_clear()
    plain = S.sentence_scores(corpus, evidence=False)
    assert S.score.cache_info().currsize == 0          # nothing traced
    assert list(plain.columns) == [c for c in S.SENTENCE_COLUMNS if c not in ("n_evidence", "evidence")]
    pd.testing.assert_frame_equal(plain, scores.drop(columns=["n_evidence", "evidence"]))
    assert "evidence" not in S.top_sentences(plain).columns
    pd.testing.assert_frame_equal(S.document_scores(plain, whole_text=False), S.document_scores(scores).drop(
        columns="whole_text"))


def test_evidence_is_worked_out_on_demand(reference):
    text = "The deal was good but the outcome was not good at all."
    S.score.cache_clear()
    r = S.score(text)
    assert "words" not in r.__dict__ and "_evidence" not in r.__dict__
    explained = r.explain()
    assert "words" not in r.__dict__                     # explain needs only the evidence words
    assert [w.word for w in r.evidence] == ["good", "good"] and explained.count("good") == 2
    assert [w for w in r.words if w.is_evidence] == r.evidence
    assert len(r.words) == len(text.split())


def test_whole_text_is_reference_vader_on_the_joined_sentences(folder, reference):
    scores = S.sentence_scores(load_corpus(folder))
    docs = S.document_scores(scores).set_index("doc")
    for doc, group in scores.groupby("doc"):
        assert docs.loc[doc, "whole_text"] == reference.polarity_scores(" ".join(group.norm))["compound"]
    assert "whole_text" not in S.document_scores(scores, whole_text=False)


def test_progress_bar_only_for_large_work(folder, capfd, monkeypatch):
    corpus = load_corpus(folder)
    S.sentence_scores(corpus)
    assert "sentiment" not in capfd.readouterr().err
    monkeypatch.setenv("RDF_PROGRESS", "1")
    S.sentence_scores(corpus)
    assert "sentiment" in capfd.readouterr().err
