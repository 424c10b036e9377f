"""One denominator (issue 17, item 5): every per-1,000-words rate divides by the body's word tokens."""
from __future__ import annotations

import json

from analysis.cli.main import main
from analysis.entities.tables import _word_counts
from analysis.framing import frames, keyness


def test_corpus_json_states_the_one_base_and_every_rate_uses_it(corpus, capsys):
    assert main(["corpus", "--format", "json"]) == 0
    rows = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    assert {d: r["per_1k_base"] for d, r in rows.items()} == {"ch49-vostochny": 1414, "news-shoigu-2025": 609}
    assert {d: r["content_words"] for d, r in rows.items()} == {"ch49-vostochny": 753, "news-shoigu-2025": 371}
    scores = frames.document_scores(corpus, "generic")
    assert dict(zip(scores["doc"], scores["words"])) == {d: r["per_1k_base"] for d, r in rows.items()}
    assert _word_counts(corpus) == {d: r["per_1k_base"] for d, r in rows.items()}
    conflict = scores[(scores["doc"] == "ch49-vostochny") & (scores["frame"] == "conflict")].iloc[0]
    assert conflict.score == round(1000 * conflict.hits / 1414, 3)


def test_keyness_names_its_other_base(corpus):
    table = keyness.keyness(corpus, "ch49-vostochny", "news-shoigu-2025")
    assert "per_1k_a" not in table.columns
    row = table[table["term"] == "technology"].iloc[0]
    assert row.per_1k_content_words_a == round(1000 * row.count_a / 753, 3)
