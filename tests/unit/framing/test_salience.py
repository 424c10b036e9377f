"""Headlines, subheads and the lead as salience positions (issue 17, item 4)."""
from __future__ import annotations

import json

from analysis.cli.main import main
from analysis.framing import cues, frames, salience


def test_body_rows_are_the_find_cues_rows(corpus):
    table = salience.salience_cues(corpus, "generic")
    body = table[table["salience"].isin(["lead", "body"])].drop(columns="salience").reset_index(drop=True)
    assert body.equals(cues.find_cues(corpus, "generic"))


def test_headline_units_and_their_cues(corpus):
    table = salience.salience_cues(corpus["news-shoigu-2025"], "generic")
    heading = table[table["salience"] == "heading"]
    assert list(zip(heading["sentence"], heading["frame"], heading["match"])) == [(1, "conflict", "Conflict")]
    doc = corpus["news-shoigu-2025"]
    row = heading.iloc[0]
    assert doc.raw[row.start:row.end] == "Conflict"  # heading offsets point into the file text
    units = salience.salience_sentences(doc)
    assert list(units.loc[units["salience"] == "heading", "text"])[1] == "A Pact Forged in Conflict"
    assert list(units["salience"]).count("lead") == 1 and list(units["salience"]).count("title") == 1


def test_quoted_headline_is_quoted(corpus):
    table = salience.salience_voices(salience.salience_cues(corpus["news-shoigu-2025"], "policy"), corpus)
    title = table[table["salience"] == "title"].iloc[0]
    assert (title.match, title.voice) == ("instructions", "quoted")


def test_body_counts_unchanged(corpus):
    scores = frames.document_scores(corpus, "generic")
    assert dict(zip(scores["doc"], scores["words"])) == {"ch49-vostochny": 1414, "news-shoigu-2025": 609}


def test_salience_view(corpus, capsys):
    assert main(["frames", "--by", "salience", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    head = [r for r in rows if r["doc"] == "news-shoigu-2025" and r["salience"] == "heading"]
    assert head == [{"doc": "news-shoigu-2025", "scheme": "generic", "salience": "heading", "frame": "conflict",
                     "hits": 1, "words": 18, "per_1k_salience_words": 55.556, "units": 1, "cues": "Conflict"}]
    lead = {r["frame"]: r["hits"] for r in rows if r["doc"] == "ch49-vostochny" and r["salience"] == "lead"}
    assert lead == {"conflict": 2}


def test_salience_sentence_view_lists_headings_first(capsys):
    assert main(["frames", "--by", "sentence", "--salience", "--text", "--doc", "news-shoigu-2025",
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert (rows[0]["salience"], rows[0]["text"]) == ("heading", "A Pact Forged in Conflict")
    assert rows[1]["salience"] == "lead"
    assert main(["frames", "--scheme", "devices", "--by", "sentence", "--salience", "--format", "json"]) == 0
    assert {r["salience"] for r in json.loads(capsys.readouterr().out)} <= {"title", "heading", "lead", "body"}
