"""Findings carry their warrant (issue 17, items 1-2): each seed finding's verdict and wording pinned."""
from __future__ import annotations

import pytest

from analysis import load_corpus
from analysis.groups import compare
from analysis.findings import (DESCRIPTIVE, NONE_PASSES, NOT_ROBUST, NOT_TESTABLE, SUPPORTED, TIE, VERDICTS,
                               all_findings, count_margin, decide, distinctive_words_finding)
from analysis.findings.arcs import arc_finding
from analysis.findings.frames import contrast_finding, leading_frame_finding
from analysis.findings.sentiment import tone_finding

A, B = "ch49-vostochny", "news-shoigu-2025"


def test_decide_order():
    assert decide(flips=True, within_margin=True, testable=True) == TIE
    assert decide(flips=True, within_margin=False, testable=False) == NOT_ROBUST
    assert decide(flips=False, within_margin=False, testable=False) == NOT_TESTABLE
    assert decide(flips=False, within_margin=False, testable=False, single=True) == DESCRIPTIVE
    assert decide(flips=True, within_margin=False, testable=False, single=True) == NOT_ROBUST
    assert decide(flips=False, within_margin=False, testable=True, significant=False) == TIE
    assert decide(flips=False, within_margin=False, testable=True) == SUPPORTED


def test_count_margin_is_an_exact_poisson_rate_ratio_test():
    """One count-based margin for every hit comparison (issue 23): 8 vs 5 is a tie, 15 vs 5 is not,
    and exposures (word totals) enter as the binomial's success probability."""
    from scipy.stats import binomtest

    assert count_margin(8, 5).tie and count_margin(14, 13).tie and not count_margin(15, 5).tie
    m = count_margin(6, 0, 609, 1414)
    assert not m.tie and m.low > 1 and m.p_value == binomtest(6, 6, 609 / 2023).pvalue
    assert count_margin(0, 0).tie
    assert "treating words as independent" in count_margin(3, 1).text()


def test_sentence_tone_is_not_robust_and_not_tested_on_sentences(corpus):
    # the ablation zeroes watch words (rebuilt on NewsMTSC) in their listed sense only, and states its direction
    f = tone_finding(corpus, A, B, voice=None)
    assert f.verdict == NOT_ROBUST and f.values == (0.0358, 0.11) and f.p_value is None
    assert f.claim == (
        "The analytical chapter and the news piece do not differ robustly in sentence tone: +0.036 vs +0.110 "
        "mean sentence compound, but +0.021 vs +0.059 (removing 13 positive and 3 negative watch-word senses moves "
        "A by -0.015 and B by -0.051) with the VADER watch-list senses scored 0; with one "
        "document per side no test is possible (a permutation test over sentences, which treats them as "
        "independent, gives p = 0.49).")


def test_sentence_tone_counts_the_writers_sentences_by_default(corpus):
    """Tone defaults to authorial voice (issue 24), with the all-voices means beside it."""
    f = tone_finding(corpus, A, B)
    assert f.values == (0.018, 0.0964)
    assert "removing 11 positive and 2 negative watch-word senses" in f.claim
    assert f.claim.endswith("Counted in the writers' own sentences (authorial voice); in all sentences "
                            "+0.036 vs +0.110.")


def test_chapter_leading_frame_is_a_tie_with_a_weak_frame(corpus):
    f = leading_frame_finding(corpus[A], "generic")
    # conflict 14 with the calibrated cue "against"; economic consequences 13 with "industr*" (kept on all dev)
    assert f.verdict == TIE and f.values == (14.0, 13.0)
    assert f.claim == ("In the analytical chapter conflict and economic consequences tie as the leading "
                       "generic frames (14 vs 13 cue hits in all voices; rate ratio 1.08, 95 % interval 0.47–2.49, exact Poisson "
                       "test treating words as independent).")
    assert f.subject == ("conflict", "economic_consequences") and f.value == "14 vs 13 cue hits in all voices"
    # in-sample, with its Wilson interval (issue 24)
    assert "in-sample precision" in f.text() and "Wilson 95 % interval" in f.text()
    assert "validated" not in f.text()


def test_news_leading_frame_is_supported(corpus):
    f = leading_frame_finding(corpus[B], "generic")
    assert f.verdict == SUPPORTED and not f.flipped
    assert f.claim == ("In the news piece the leading generic frame is conflict (15 vs 5 cue hits in all voices, human "
                       "interest the runner-up; rate ratio 3.00, 95 % interval 1.04–10.55, exact Poisson test "
                       "treating words as independent).")


def test_capacity_contrast_rests_on_technology_and_a_weak_frame(corpus):
    f = contrast_finding(corpus, A, B, "policy", voice="authorial")
    # with attributed spans ending at the reporting verb's complement (issue 24) more of the chapter's
    # capacity cues are the writer's, and leaving out 'technolog*' no longer flips the lead
    assert f.verdict == DESCRIPTIVE and not f.flipped
    assert f.claim.startswith("Relative to the news piece, the analytical chapter uses policy frame cues of "
                              "capacity and resources most (17.7 vs 0.0 per 1,000 words in the writers' own words; cue hits 25 vs 0; the largest "
                              "of 14 differences; next, ")
    assert "one document per side, so no inference about other texts" in f.claim
    assert "in-sample precision 0.36 (4 of 11; Wilson 95 % interval 0.15–0.65)" in f.text()
    assert "validated" not in f.text() and "below 0.5" not in f.text()


def test_frame_contrast_counts_all_voices_by_default_with_authorial_beside(corpus):
    f = contrast_finding(corpus, A, B, "policy")
    assert f.values == (19.802, 1.642)
    assert ("in the writers' own words only (authorial voice) capacity and resources is 17.7 vs 0.0 per 1,000 "
            "words, 4 of the 29") in f.text()


def test_kinship_contrast_in_both_voices_states_the_quoted_share(corpus):
    own = contrast_finding(corpus, B, A, "metaphor", voice="authorial")
    assert own.values == (3.284, 0.0)
    assert "in all voices kinship and comradeship is 9.9 vs 0.0 per 1,000 words, 4 of the 6" in own.text()
    every = contrast_finding(corpus, B, A, "metaphor")
    assert every.values == (9.852, 0.0)  # Kim's "dearest comrade" counted: quoting him is the writer's choice
    assert "(authorial voice) kinship and comradeship is 3.3 vs 0.0 per 1,000 words" in every.text()


def test_no_word_is_called_distinctive_below_the_threshold(corpus):
    f = distinctive_words_finding(corpus, A, B, side="a")
    assert f.verdict == NONE_PASSES
    assert f.claim == ("No word is distinctive of the analytical chapter against the news piece at |z| ≥ 1.96; "
                       "the highest, future (z = +0.94), summit (z = +0.94), technology (z = +0.94), stay below it.")
    g = distinctive_words_finding(corpus, A, B, side="b")
    assert g.verdict == NOT_ROBUST and "north (z = -2.07), shoigu (z = -2.06)" in g.claim
    assert [c.setting for c in g.flipped] == ["alpha0 x 10"]


def test_arc_findings(corpus):
    assert arc_finding(corpus[A]).verdict == TIE
    f = arc_finding(corpus[B])
    assert f.verdict == SUPPORTED and "runs lowest in its close" in f.claim


def test_all_findings_table(corpus):
    table = all_findings(corpus, A, B)
    assert len(table) == 18 and set(table["verdict"]) <= set(VERDICTS)
    assert NOT_TESTABLE not in set(table["verdict"])  # one document per side is descriptive
    assert {"topic", "verdict", "claim", "checks", "caveats", "precision"} <= set(table.columns)


def _groups(tmp_path, texts_a, texts_b):
    rows = ["id,file,kind"]
    for side, texts in (("x", texts_a), ("y", texts_b)):
        for k, text in enumerate(texts):
            (tmp_path / f"{side}{k}.txt").write_text(text + "\n", encoding="utf-8")
            rows.append(f"{side}{k},{side}{k}.txt,{side}")
    (tmp_path / "catalog.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    return corpus, compare(corpus, by="kind", a="x", b="y")


def test_groups_of_documents_are_tested(tmp_path):
    happy = "The visit was a wonderful, happy success and everyone was delighted with the great results."
    sad = "The visit was a terrible, sad failure and everyone was angry about the awful results."
    corpus, cmp = _groups(tmp_path, [happy] * 4, [sad] * 4)
    f = tone_finding(corpus, cmp)
    assert f.verdict == SUPPORTED and f.p_value == pytest.approx(2 / 70)
    assert f.claim.startswith("X (4 documents) is more positive in sentence tone")


def test_treaty_is_denied_in_the_chapter(corpus):
    from analysis.findings.topics import subtopic_finding

    f = subtopic_finding(corpus, A, B, "treaty")
    # a denial is a result with its own wording, not a flipped check (issue 23)
    assert f.verdict == DESCRIPTIVE and not f.flipped
    assert f.claim == ("The sub-topic 'treaty' is not discussed in both texts: the analytical chapter mentions it "
                       "only in a denial; it is discussed in the news piece (sentence 7).")
    assert subtopic_finding(corpus, A, B, "sanctions").verdict == SUPPORTED


def test_arms_for_technology_matched_on_one_word_is_not_discussed_in_both(corpus):
    """The news piece matches 'arms for technology' on *arms* alone (issue 23): descriptive, naming the word."""
    from analysis.findings.topics import subtopic_finding

    f = subtopic_finding(corpus, A, B, "arms for technology")
    assert f.verdict == DESCRIPTIVE and "discussed in both texts" not in f.claim.replace("not discussed in both", "")
    assert "the news piece matches it only on the word 'arms'" in f.claim
    assert "it is discussed in the analytical chapter (sentence 33)" in f.claim


def test_pair_ties_are_stated(corpus):
    import pandas as pd

    from analysis.findings.entities import pair_finding

    pairs = pd.DataFrame({"doc": [A, A, A, B, B], "entity_a": ["North Korea", "Russia", "Kim", "North Korea", "Kim"],
                          "entity_b": ["Russia", "Soviet", "Putin", "Russia", "Shoigu"],
                          "sentences": [3, 3, 2, 8, 5], "where": [""] * 5})
    tie = pair_finding(pairs, corpus[A])
    assert tie.verdict == TIE and tie.claim == (
        "In the analytical chapter 2 pairs tie as most often named together (3 sentences each): North Korea and "
        "Russia; Russia and Soviet.")
    close = pair_finding(pairs, corpus[B])  # 8 vs 5 is within the one count margin (issue 23)
    assert close.verdict == TIE and close.claim.startswith(
        "In the news piece the pair most often named together is North Korea and Russia (8 sentences; the next "
        "pair, 5), but the lead is within the count margin (rate ratio 1.60")
    lead = pair_finding(pairs.assign(sentences=[3, 3, 2, 12, 2]), corpus[B])
    assert lead.verdict == SUPPORTED and lead.claim.startswith(
        "In the news piece the pair most often named together is North Korea and Russia (12 sentences; the next "
        "pair, 2; rate ratio 6.00")


def test_findings_command(capsys):
    import json

    from analysis.cli.main import main

    assert main(["findings", "--verdict", "none passes", "--format", "json"]) == 0
    first = capsys.readouterr().out
    rows = json.loads(first)
    assert rows and {r["verdict"] for r in rows} == {"none passes"}
    assert any(r["text"].startswith("No word is distinctive of the analytical chapter") for r in rows)
    assert main(["findings", "--verdict", "none passes", "--format", "json"]) == 0
    assert capsys.readouterr().out == first  # byte-identical across runs
    assert main(["findings", "--a", "nope"]) == 2


def test_stance_counts_the_writers_own_words(corpus):
    from analysis.findings.stance import stance_finding

    f = stance_finding(corpus[A])
    # Hyland's boosters and hedges only (issue 24): the lean to certainty rested on cues written on the chapter
    assert f.verdict == TIE and f.values == (1.0, 1.0)
    assert f.text() == ("In its own words the analytical chapter neither asserts nor hedges more: 1 certainty "
                        "marker against 1 hedge (rate ratio 1.00, 95 % interval 0.01–78.50, exact Poisson test "
                        "treating words as independent). 2 more stance markers are in others' words, "
                        "not counted: of course (quoted, he); no doubt (attributed, analyst Ankit Panda).")
    g = stance_finding(corpus[B])
    assert g.verdict == TIE and g.values == (1.0, 2.0)


def test_precision_rule_fires_only_when_the_whole_interval_is_below_the_floor():
    from analysis.findings.model import precision_caveat

    assert "below 0.5" in precision_caveat("m", 0.05, 1, 20)  # 0.01-0.24
    assert "cannot be decided" in precision_caveat("m", 0.36, 4, 11) and "below 0.5" not in precision_caveat(
        "m", 0.36, 4, 11)
    assert precision_caveat("m", 0.9, 18, 20) == ""  # 0.70-0.97: above the floor
    assert "in-sample" in precision_caveat("m", None)
