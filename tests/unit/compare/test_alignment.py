"""Passage alignment: TF-IDF cosine between the passages of two documents."""
from __future__ import annotations

import numpy as np
import pytest

from analysis import load_corpus
from analysis.compare.alignment import Alignment, TfIdf, align, passages, query_terms, terms

LEFT = """Sanctions were imposed on the regime after the missile test.

The treaty of friendship was signed in the capital in June. The weather was mild and sunny.

It is what it is."""

RIGHT = """The regime was sanctioned again for a missile launch.

The weather was mild and sunny.

A new treaty was signed in June by both leaders."""


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("align")
    (folder / "left.txt").write_text(LEFT, encoding="utf-8")
    (folder / "right.txt").write_text(RIGHT, encoding="utf-8")
    corpus = load_corpus(folder)
    return corpus["left"], corpus["right"]


def test_terms_drop_stop_words_and_stem():
    assert terms(["the", "sanctions", "were", "sanctioned", "'s", ","]) == ["sanction", "sanction"]
    assert query_terms("Arms for technology") == ["arm", "technolog"]


def test_tfidf_rows_are_unit_length_and_rare_terms_weigh_more():
    docs = [("treati", "june"), ("treati",), ("weather", "treati")]
    model = TfIdf.fit(docs)
    matrix = model.transform(docs)
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0)
    assert model.idf[model.vocab["june"]] > model.idf[model.vocab["treati"]]
    assert model.terms == ["june", "treati", "weather"]
    assert not model.transform([()]).any()  # an empty passage is a zero vector, not NaN


def test_identical_sentences_have_cosine_one(pair):
    left, right = pair
    al = align(left, right)
    assert al.matrix.shape == (len(left.sentences), len(right.sentences))
    weather_left = next(s.index for s in left.sentences if "weather" in s.text)
    weather_right = next(s.index for s in right.sentences if "weather" in s.text)
    assert al.matrix[weather_left, weather_right] == pytest.approx(1.0)
    assert ((al.matrix >= 0) & (al.matrix <= 1 + 1e-9)).all()


def test_stemming_links_inflected_forms(pair):
    left, right = pair
    al = align(left, right)
    match = al.similar(0, top=1)
    assert match.other_sentence.iloc[0] == 0  # "Sanctions ... regime ... missile" -> "sanctioned ... regime ... missile"
    shared = match.shared_terms.iloc[0].split(", ")
    # one surface word per stem: the most frequent, ties alphabetical ("sanctioned" < "sanctions")
    assert set(shared) == {"regime", "missile", "sanctioned"}


def test_similar_is_sorted_and_skips_unrelated_passages(pair):
    left, right = pair
    al = align(left, right)
    treaty = next(s.index for s in left.sentences if "treaty" in s.text)
    found = al.similar(treaty, top=5)
    assert found.similarity.is_monotonic_decreasing
    assert (found.similarity > 0).all()
    assert "treaty" in found.other_text.iloc[0]
    stop_only = next(s.index for s in left.sentences if s.text.startswith("It is"))
    assert al.similar(stop_only).empty  # only stop words: similar to nothing


def test_reverse_and_symmetry(pair):
    left, right = pair
    ab, ba = align(left, right), align(right, left)
    assert np.allclose(ab.matrix, ba.matrix.T)
    back = ab.similar(0, top=1, reverse=True)
    assert back.doc.iloc[0] == "right" and back.other_doc.iloc[0] == "left"


def test_topic_finds_passages_on_each_side(pair):
    left, right = pair
    found = align(left, right).topic("treaty", top=3)
    assert set(found.side) == {"left", "right"}
    assert found.text.str.contains("treaty").all()
    assert align(left, right).topic("zeppelin").empty


def test_paragraph_unit(pair):
    left, right = pair
    al = align(left, right, unit="paragraph")
    assert al.matrix.shape == (len(left.paragraphs), len(right.paragraphs))
    assert len(passages(left, "paragraph")) == len(left.paragraphs)
    best = al.best_pairs(top=1)
    assert list(best.columns[:2]) == ["left_paragraph", "right_paragraph"]


def test_bad_unit_and_index(pair):
    left, right = pair
    with pytest.raises(ValueError):
        passages(left, "chapter")
    with pytest.raises(LookupError):
        align(left, right).similar(99)


def test_best_match_has_one_row_per_left_passage(pair):
    left, right = pair
    best = align(left, right).best_match()
    assert len(best) == len(left.sentences)
    stop_only = next(s.index for s in left.sentences if s.text.startswith("It is"))
    assert best.right_sentence.isna().iloc[stop_only]


def test_seeds_closest_pair_is_shoigu_as_defense_minister(chapter, news):
    al = Alignment.build(chapter, news)
    top = al.best_pairs(top=1).iloc[0]
    assert (top.left_sentence, top.right_sentence) == (49, 2)
    assert {"shoigu", "defense", "minister"} <= set(top.shared_terms.split(", "))
    sanctions = al.topic("sanctions", top=1)
    assert "sanction" in sanctions.text.iloc[0].lower() and "sanction" in sanctions.text.iloc[1].lower()


def test_cli_align_best_pairs_and_query(capsys):
    import json

    from analysis.cli.main import main

    assert main(["align", "--top", "2", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["left_sentence"], r["right_sentence"]) for r in rows][0] == (49, 2)
    assert main(["align", "--query", "sanctions", "--top", "1", "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("side,doc,sentence,similarity") and len(out) == 3


def test_cli_align_on_a_folder_without_catalog(pair, capsys):
    from analysis.cli.main import main

    left, right = pair
    folder = str(left.entry.file.parent)
    assert main(["align", "--seeds", folder, "--left", "left", "--right", "right", "--passage", "0",
                 "--top", "1", "--format", "csv"]) == 0
    assert "sanctioned" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["align", "--left", "nope"], "no document 'nope'"),
    (["align", "--passage", "999"], "no passage 999"),
    (["align", "--top", "0"], "argument --top: must be at least 1"),
])
def test_cli_align_bad_input_exits_2_with_one_line(argv, message, capsys):
    from analysis.cli.main import main

    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
