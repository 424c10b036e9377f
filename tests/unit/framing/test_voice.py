"""Voice: authorial, quoted (with speaker) and attributed words (issue 17, item 3)."""
from __future__ import annotations

import json

import pytest

from analysis.cli.main import main
from analysis.framing import cues, voice
from analysis.sentiment import scores


def _cue(table, doc, match):
    return table[(table["doc"] == doc) & (table["match"] == match)]


def test_stance_markers_in_quotes_and_reports_are_not_the_writers(corpus):
    tagged = voice.cue_voices(cues.find_cues(corpus, "stance"), corpus)
    course = _cue(tagged, "ch49-vostochny", "of course").iloc[0]
    assert (course.voice, course.speaker) == ("quoted", "he")           # in Putin's quoted words
    doubt = _cue(tagged, "ch49-vostochny", "no doubt").iloc[0]
    assert (doubt.voice, doubt.speaker) == ("attributed", "analyst Ankit Panda")
    assert _cue(tagged, "ch49-vostochny", "laid bare").iloc[0].voice == "authorial"
    authorial = voice.restrict(tagged, "authorial")
    assert set(authorial["voice"]) == {"authorial"} and len(authorial) == len(tagged) - 2


def test_kinship_of_the_news_piece_is_kims_quoted_words(corpus):
    tagged = voice.cue_voices(cues.find_cues(corpus, "metaphor"), corpus)
    kin = tagged[(tagged["doc"] == "news-shoigu-2025") & (tagged["frame"] == "kinship")]
    assert list(zip(kin["match"], kin["voice"], kin["speaker"])) == [
        ("warm", "attributed", "Shoigu"), ("side by side", "authorial", ""), ("comrade", "quoted", "Kim"),
        ("bond", "authorial", ""), ("dearest", "quoted", "Kim"), ("comrade", "quoted", "Kim")]
    shares = voice.quoted_share(kin).set_index("doc")
    assert shares.loc["news-shoigu-2025", "quoted_share"] == 0.5


def test_sentiment_words_carry_voice(corpus):
    words = voice.word_voices(scores.word_evidence(corpus), corpus)
    assert (words["quoted"] == (words["voice"] == "quoted")).all()
    dearest = words[words["word"] == "dearest"].iloc[0]
    assert (dearest.voice, dearest.speaker) == ("quoted", "Kim")
    hostile = words[words["word"] == "hostile"].iloc[0]
    assert hostile.voice == "attributed"


def test_quote_runs_on_across_sentences(tmp_path):
    from analysis import load_corpus

    (tmp_path / "a.txt").write_text('The talks opened on Monday in the capital city.\n'
                                    '"We will win," she said. "And soon. Very soon."\n'
                                    'The end came quickly for the rebels.\n', encoding="utf-8")
    doc = next(iter(load_corpus(tmp_path)))
    table = voice.sentence_voice_table(doc)
    assert list(table["voice"]) == ["authorial", "quoted", "quoted", "quoted", "authorial"]
    assert list(table["speaker"]) == ["", "she", "she", "she", ""]


def test_unknown_voice_is_refused(corpus):
    tagged = voice.cue_voices(cues.find_cues(corpus, "stance"), corpus)
    with pytest.raises(ValueError, match="voices are"):
        voice.restrict(tagged, "editorial")


def _json(capsys, *args):
    assert main([*args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_rows_have_voice_and_views_restrict(capsys):
    rows = _json(capsys, "frames", "--scheme", "stance", "--by", "cue")
    assert {r["voice"] for r in rows} == {"authorial", "quoted", "attributed"}
    words = _json(capsys, "sentiment", "--by", "word", "--voice", "quoted")
    assert words and {w["voice"] for w in words} == {"quoted"}
    docs = _json(capsys, "frames", "--scheme", "stance", "--by", "document", "--voice", "authorial")
    chapter = {r["frame"]: r["hits"] for r in docs if r["doc"] == "ch49-vostochny"}
    assert chapter == {"certainty": 9, "hedging": 1}  # 11 markers, less Putin's "of course" and Panda's "no doubt"
    assert main(["frames", "--by", "group", "--voice", "quoted"]) == 2
