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
    assert _cue(tagged, "ch49-vostochny", "proved").iloc[0].voice == "authorial"
    authorial = voice.restrict(tagged, "authorial")
    assert set(authorial["voice"]) == {"authorial"} and len(authorial) == len(tagged) - 2


def test_kinship_of_the_news_piece_is_kims_quoted_words(corpus):
    tagged = voice.cue_voices(cues.find_cues(corpus, "metaphor"), corpus)
    kin = tagged[(tagged["doc"] == "news-shoigu-2025") & (tagged["frame"] == "kinship")]
    # "Shoigu emphasized their importance to Kim during their warm public exchange": the report ends at the
    # verb's complement, so the writer's "warm" is authorial; "bond" inside Kim's hailing ("... as evidence
    # of a "comrade-in-arms" bond with Putin") is Kim's, although the sentence has quotation marks
    assert list(zip(kin["match"], kin["voice"], kin["speaker"])) == [
        ("warm", "authorial", ""), ("side by side", "authorial", ""), ("comrade", "quoted", "Kim"),
        ("bond", "attributed", "Kim"), ("dearest", "quoted", "Kim"), ("comrade", "quoted", "Kim")]
    shares = voice.quoted_share(kin).set_index("doc")
    assert shares.loc["news-shoigu-2025", "quoted_share"] == 0.5


def test_sentiment_words_carry_voice(corpus):
    words = voice.word_voices(scores.word_evidence(corpus), corpus)
    scare = (words["doc"] == "ch49-vostochny") & (words["word"] == "hunger")  # a severe "shell hunger"
    assert words.loc[scare, "quoted"].all() and (words.loc[scare, "voice"] == "authorial").all()  # the writer's
    assert (words.loc[~scare, "quoted"] == (words.loc[~scare, "voice"] == "quoted")).all()
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
    # Hyland's markers only (issue 24): 5, less Putin's "of course", Panda's "no doubt" and a negated "could"
    assert chapter == {"certainty": 1, "hedging": 1}
    assert main(["frames", "--by", "group", "--voice", "quoted"]) == 2


def _voices(tmp_path, text):
    from analysis import load_corpus

    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    doc = next(iter(load_corpus(tmp_path)))
    tags = voice.document_voices(doc)
    return [[(t.text, v) for t, (v, _) in zip(s.tokens, tags[s.index])] for s in doc.sentences]


def _voice_of(sentence, word):
    return next(v for w, v in sentence if w == word)


def test_scare_quote_is_the_writers_and_partial_quote_the_speakers(tmp_path):
    made = _voices(tmp_path, 'The ministry began a so-called "special operation" in the spring of that year.\n\n'
                             'Minister Ivanov said the troops would hold the "liberated" towns until winter.\n')
    assert _voice_of(made[0], "special") == "authorial" and _voice_of(made[0], "operation") == "authorial"
    assert _voice_of(made[1], "liberated") == "quoted" and _voice_of(made[1], "troops") == "attributed"


def test_attributed_span_ends_at_the_complement(tmp_path):
    made = _voices(tmp_path, "Envoy Petrov praised the deal during a cordial dinner with the host.\n\n"
                             "Envoy Petrov said the deal would last, but the markets fell at once.\n")
    assert _voice_of(made[0], "deal") == "attributed" and _voice_of(made[0], "cordial") == "authorial"
    assert _voice_of(made[1], "last") == "attributed" and _voice_of(made[1], "markets") == "authorial"
