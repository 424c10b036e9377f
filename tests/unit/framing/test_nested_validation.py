"""Nested validation of the frames: no outer-test article chooses anything, the
shipped lexicon is the selection on all dev articles, the committed table's
schema and the always-present flag."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import InputError, load_corpus
from analysis.framing.scoring import seeds_report
from analysis.framing.validation_runs import (EXTERNAL, load_external, nested_predictions, validity_note,
                                              validity_table, weak_frames)
from shared_corpus import needs_dev

WAR = ["The rival armies clashed again and the opposition condemned the attack.",
       "Critics accused the government of escalating the dispute with its enemies.",
       "Protesters fought police as the two sides traded threats."]
CALM = ["The garden was quiet in the morning light.", "A train left the station on time.",
        "The museum opened a new wing of paintings."]


def _flipped(labels: pd.DataFrame, ids: list[str]) -> pd.DataFrame:
    out = labels.copy()
    out.loc[ids] = ~out.loc[ids]
    return out


def _same_fold(first, second, k: int) -> None:
    """Fold ``k`` made the same choices in both runs."""
    a, b = first[1][k], second[1][k]
    assert a.test == b.test
    assert a.cues == b.cues
    assert a.thresholds == b.thresholds
    assert a.model == b.model


def _same_test_predictions(first, second, ids: list[str]) -> None:
    for method in first[0]:
        for (p1, s1), (p2, s2) in zip(first[0][method], second[0][method]):
            pd.testing.assert_frame_equal(p1.loc[ids], p2.loc[ids])
            pd.testing.assert_frame_equal(s1.loc[ids], s2.loc[ids])


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    """24 short articles, half about conflict; labels for conflict and morality."""
    folder = tmp_path_factory.mktemp("toy")
    for i in range(24):
        lines = (WAR if i % 2 == 0 else CALM)[i % 3:] + (WAR if i % 2 == 0 else CALM)[: i % 3] + CALM[:1]
        (folder / f"a{i:02d}.txt").write_text(" ".join(lines) + f" Item {i}.\n", encoding="utf-8")
    labels = pd.DataFrame({"conflict": [i % 2 == 0 for i in range(24)], "morality": [i % 4 == 1 for i in range(24)]},
                          index=[f"a{i:02d}" for i in range(24)])
    return list(load_corpus(folder)), labels


def test_model_choices_and_test_predictions_ignore_outer_test_labels(toy):
    """Flipping the labels of one outer test fold changes nothing that fold
    chose (cues, cuts, the model's thresholds, rules and cue weights) nor its
    predictions; the other folds, which train on those articles, do change."""
    docs, labels = toy
    first = nested_predictions(docs, labels, folds=3, seeds=(0,))
    test = first[1][0].test
    second = nested_predictions(docs, _flipped(labels, test), folds=3, seeds=(0,))
    _same_fold(first, second, 0)
    _same_test_predictions(first, second, test)
    others = [first[1][k].model != second[1][k].model or first[1][k].thresholds != second[1][k].thresholds
              for k in (1, 2)]
    assert any(others)


@pytest.fixture(scope="module")
def dev(tmp_path_factory):
    from analysis.cli.main import main
    from analysis.framing.validation_runs import labelled_documents
    from shared_corpus import DEV_TSV

    tmp = tmp_path_factory.mktemp("nfc")
    assert main(["import", str(DEV_TSV), "--out", str(tmp / "corpus"), "--id-column", "ID"]) == 0
    assert main(["frame-model", "codings", "--table", str(DEV_TSV), "--out", str(tmp / "codings.csv")]) == 0
    return labelled_documents(tmp / "corpus", tmp / "codings.csv")


@needs_dev
def test_candidate_selection_ignores_outer_test_labels(dev):
    """On the dev split: flipping one outer test fold's labels leaves that fold's
    kept candidates and cuts, and its predictions, unchanged, while the other
    folds' selections change (they see those articles)."""
    docs, labels = dev
    first = nested_predictions(docs, labels, seeds=(0,), model=False)
    test = first[1][2].test
    second = nested_predictions(docs, _flipped(labels, test), seeds=(0,), model=False)
    _same_fold(first, second, 2)
    _same_test_predictions(first, second, test)
    assert any(first[1][k].cues != second[1][k].cues for k in (0, 1, 3, 4))


@needs_dev
def test_shipped_lexicon_is_the_selection_on_all_dev_articles(dev):
    from analysis.framing.candidates import candidate_presence, select_candidates, with_cues
    from analysis.framing.cues import load_lexicon

    docs, labels = dev
    selected = with_cues("generic", select_candidates(candidate_presence(docs), labels))
    assert sorted((c.frame, c.text) for c in selected.cues) == \
        sorted((c.frame, c.text) for c in load_lexicon("generic").cues)


def test_committed_table_schema():
    table, provenance = load_external()
    assert list(table.columns[:14]) == ["method", "frame", "n_docs", "coded", "precision", "recall", "f1", "f1_low",
                                        "f1_high", "auc", "auc_low", "auc_high", "baseline_f1",
                                        "no_better_than_baseline"]
    assert set(table["method"]) == {"seed-lists", "dictionary", "dictionary-rate", "model"}
    frames = ["conflict", "human_interest", "economic_consequences", "morality", "responsibility", "mean"]
    for method, rows in table.groupby("method"):
        assert list(rows["frame"]) == frames, method
        assert (rows["no_better_than_baseline"] == (rows["f1_low"] <= rows["baseline_f1"])).all()
        assert ((rows["f1_low"] <= rows["f1"]) & (rows["f1"] <= rows["f1_high"])).all()
    assert provenance["seeds"] == "0;1;2" and provenance["folds"] == "5"
    assert table[table["method"] == "dictionary"]["cut_all_dev"].notna().sum() == 5
    shown = validity_table("dictionary")
    assert list(shown["frame"]) == frames and shown["seed_lists_auc"].notna().all()


def test_load_external_names_a_missing_column(tmp_path):
    table = pd.read_csv(EXTERNAL)
    table.drop(columns=["no_better_than_baseline"]).to_csv(tmp_path / "old.csv", index=False)
    with pytest.raises(InputError, match="no_better_than_baseline"):
        load_external(tmp_path / "old.csv")


def test_always_present_decisions_are_flagged_and_good_ones_are_not():
    rng = np.random.default_rng(1)
    y = pd.DataFrame({"weak": rng.random(80) < 0.6, "good": rng.random(80) < 0.3}, index=[f"d{i}" for i in range(80)])
    pred = pd.DataFrame({"weak": True, "good": y["good"]}, index=y.index)
    score = y.astype(float) + rng.random((80, 2))
    table = seeds_report(y, [(pred, score)], n_boot=200).set_index("frame")
    assert table.loc["weak", "f1"] == table.loc["weak", "baseline_f1"]
    assert table.loc["weak", "no_better_than_baseline"]
    assert not table.loc["good", "no_better_than_baseline"]


def test_weak_frames_and_their_note(tmp_path):
    table = pd.read_csv(EXTERNAL)
    rows = (table["method"] == "dictionary") & (table["frame"] == "morality")
    table.loc[rows, ["f1", "f1_low", "f1_high", "baseline_f1", "no_better_than_baseline"]] = [0.3, 0.1, 0.5, 0.2, True]
    table.to_csv(tmp_path / "t.csv", index=False)
    assert "morality" in weak_frames("dictionary", tmp_path / "t.csv")
    assert validity_note("morality", "dictionary", tmp_path / "t.csv") == (
        "no better than saying always present on coded news (F1 0.30 [0.10, 0.50], always present 0.20)")
    table.loc[rows, "no_better_than_baseline"] = False
    table.to_csv(tmp_path / "t.csv", index=False)
    assert validity_note("morality", "dictionary", tmp_path / "t.csv") == ""


@needs_dev
def test_shipped_thresholds_are_the_cuts_on_all_dev_articles(dev):
    """thresholds.csv holds min_hits and min_rate chosen on all dev articles with the shipped lexicon
    (what ``python -m benchmarks.frame_lexicon`` writes)."""
    from analysis.framing.calibration import load_rates, load_thresholds
    from analysis.framing.candidates import candidate_presence, select_candidates
    from benchmarks.frame_lexicon import cuts

    docs, labels = dev
    chosen = cuts(docs, labels, select_candidates(candidate_presence(docs), labels))
    assert load_thresholds("generic") == {f: k for f, (k, _) in chosen.items()}
    assert load_rates("generic") == pytest.approx({f: r for f, (_, r) in chosen.items()})
