"""Keyness: G² and Monroe et al. log-odds, checked against a hand-computed 2×2 table."""
from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from analysis import load_corpus
from analysis.framing import keyness
from analysis.cli.main import main

# Hand-computed example. Text A has 100 counted words, 10 of them "x"; text B has
# 200 words, 5 of them "x". The 2×2 table and its expected counts under independence:
#
#               A      B    total            E(A)                E(B)
#   "x"        10      5      15     15·100/300 =  5     15·200/300 = 10
#   other      90    195     285    285·100/300 = 95    285·200/300 = 190
#   total     100    200     300
#
# G² = 2·[10·ln(10/5) + 5·ln(5/10) + 90·ln(90/95) + 195·ln(195/190)]
#    = 2·[6.931472 − 3.465736 − 4.866050 + 5.065220] = 2·3.664906 = 7.329812
# (ln 2 = 0.693147; ln(90/95) = −0.054067; ln(195/190) = 0.025975)
HAND_G2 = 7.3298
# p = P(χ²₁ > 7.3298) = erfc(√(7.3298/2)) ≈ 0.00678
HAND_P = 0.00678
#
# Log-odds with a flat prior α = 1 per word (α₀ = 2, vocabulary {x, other}):
#   δ = ln((10+1)/(100+2−10−1)) − ln((5+1)/(200+2−5−1)) = ln(11/91) − ln(6/196)
#     = −2.112964 − (−3.486355) = 1.373391
#   Var ≈ 1/11 + 1/6 = 0.257576;  z = 1.373391 / 0.507519 = 2.706087
HAND_DELTA = 1.3734
HAND_Z = 2.7061
# Hardie's log ratio: log2((10/100)/(5/200)) = log2(4) = 2
A = {"x": 10, "other": 90}
B = {"x": 5, "other": 195}


def test_g2_matches_hand_computation():
    assert keyness.g2(10, 5, 100, 200) == pytest.approx(HAND_G2, abs=1e-3)
    assert keyness.g2_p_value(HAND_G2) == pytest.approx(HAND_P, abs=5e-5)
    assert keyness.g2_p_value(3.841) == pytest.approx(0.05, abs=1e-3)  # the textbook critical value


def test_log_odds_matches_hand_computation():
    delta, z = keyness.log_odds_dirichlet(10, 5, 100, 200, alpha=1, alpha0=2)
    assert delta == pytest.approx(HAND_DELTA, abs=1e-3)
    assert z == pytest.approx(HAND_Z, abs=1e-3)


def test_compare_counts_on_the_2x2_example():
    table = keyness.compare_counts(A, B, background={"x": 1, "other": 1}).set_index("term")
    x = table.loc["x"]
    assert (x.count_a, x.count_b) == (10, 5)
    assert x.g2 == pytest.approx(HAND_G2, abs=1e-3)
    assert x.log_odds_z == pytest.approx(HAND_Z, abs=1e-3)
    assert x.log_ratio == pytest.approx(2.0)
    assert x.per_1k_content_words_a == pytest.approx(100.0) and x.per_1k_content_words_b == pytest.approx(25.0)
    assert x.favours == "a" and table.loc["other"].favours == "b"
    # with two words the 2×2 table of "other" is the same table: same G²; its log-odds is the
    # opposite, but its variance (1/91 + 1/196) is far smaller, so its z is larger in size
    assert table.loc["other"].g2 == pytest.approx(HAND_G2, abs=1e-3)
    delta_other = math.log(91 / 11) - math.log(196 / 6)
    assert table.loc["other"].log_odds == pytest.approx(delta_other, abs=1e-6) == pytest.approx(-HAND_DELTA, abs=1e-3)
    assert table.loc["other"].log_odds_z == pytest.approx(delta_other / math.sqrt(1 / 91 + 1 / 196), abs=1e-6)


def test_swapping_sides_flips_signs_only():
    ab = keyness.compare_counts(A, B).set_index("term")
    ba = keyness.compare_counts(B, A).set_index("term")
    assert ab.loc["x"].g2 == pytest.approx(ba.loc["x"].g2)
    assert ab.loc["x"].log_odds_z == pytest.approx(-ba.loc["x"].log_odds_z)


def test_equal_rates_give_zero():
    table = keyness.compare_counts({"x": 2, "y": 8}, {"x": 4, "y": 16}).set_index("term")
    assert table.loc["x"].g2 == pytest.approx(0, abs=1e-9)
    assert table.loc["x"].log_odds_z == pytest.approx(0, abs=1e-9) and table.loc["x"].favours == ""


def test_stronger_prior_shrinks_z():
    weak = keyness.compare_counts(A, B, alpha0=2).set_index("term").loc["x"].log_odds_z
    strong = keyness.compare_counts(A, B, alpha0=2000).set_index("term").loc["x"].log_odds_z
    assert 0 < strong < weak


def test_zero_counts_are_finite():
    table = keyness.compare_counts({"x": 3, "y": 7}, {"y": 10})
    assert table[["g2", "log_odds", "log_odds_z", "log_ratio"]].map(math.isfinite).all().all()


def test_corpus_keyness(corpus):
    table = keyness.keyness(corpus, "news-shoigu-2025", "ch49-vostochny")
    stops = {"the", "of", "and", "a", "to"}
    assert not stops & set(table["term"])
    assert (table["count_a"] + table["count_b"] >= 2).all()
    top = table.iloc[0]
    assert top.favours == "a" and top.term in {"shoigu", "north", "korea", "president"}
    shoigu = table.set_index("term").loc["shoigu"]
    news, chapter = corpus["news-shoigu-2025"], corpus["ch49-vostochny"]
    assert shoigu.count_a == news.words.count("shoigu") and shoigu.count_b == chapter.words.count("shoigu")
    # against "the rest" equals against the one other document in a two-document corpus
    rest = keyness.keyness(corpus, "news-shoigu-2025")
    assert rest.equals(table)


def test_top_terms_balances_sides(corpus):
    top = keyness.top_terms(keyness.keyness(corpus, "ch49-vostochny"), n=5)
    assert list(top["favours"]) == ["a"] * 5 + ["b"] * 5
    assert top["log_odds_z"].iloc[:5].is_monotonic_decreasing
    assert top["log_odds_z"].iloc[5:].is_monotonic_increasing


def test_keyness_on_synthetic_folder(tmp_path):
    (tmp_path / "one.txt").write_text("Sanctions sanctions sanctions hurt trade. Trade fell.\n", encoding="utf-8")
    (tmp_path / "two.txt").write_text("The alliance grew. The alliance held and trade rose.\n", encoding="utf-8")
    table = keyness.keyness(load_corpus(tmp_path), "one", "two", min_count=1).set_index("term")
    assert table.loc["sanctions"].count_a == 3 and table.loc["sanctions"].favours == "a"
    assert table.loc["alliance"].favours == "b"


def test_favours_follows_observed_rates_in_a_three_document_corpus(tmp_path):
    (tmp_path / "big.txt").write_text(("Russia and Korea signed a treaty. " * 40) + "The war went on.\n", encoding="utf-8")
    (tmp_path / "small.txt").write_text("Costs rose. Trade fell.\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("War war war. The war was long and the war was cruel.\n", encoding="utf-8")
    table = keyness.keyness(load_corpus(tmp_path), "big", "small", min_count=1)
    for row in table.itertuples():
        assert row.favours == ("a" if row.per_1k_content_words_a > row.per_1k_content_words_b else "b" if row.per_1k_content_words_a < row.per_1k_content_words_b else "")
    assert table.set_index("term").loc["war"].favours == "a"  # "other" must not drag the prior


def test_cli_keyness(capsys):
    assert main(["keyness", "--a", "news-shoigu-2025", "--b", "ch49-vostochny", "--top", "3",
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 6 and {"term", "count_a", "count_b", "g2", "log_odds_z"} <= set(rows[0])
    assert rows[0]["log_odds_z"] > 0 > rows[-1]["log_odds_z"]


def test_cli_keyness_bad_input_exits_2(capsys):
    for argv in (["keyness", "--a", "ch49-vostochny", "--b", "nope"],
                 ["keyness", "--a", "ch49-vostochny", "--top", "-1"]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and err.startswith("error:")


def test_cli_keyness_unknown_id_in_a_subprocess():
    proc = subprocess.run([sys.executable, "-m", "analysis", "keyness", "--a", "nope"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "no document 'nope'" in proc.stderr
