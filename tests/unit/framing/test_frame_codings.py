"""Codings files, the dictionary's present rule, metrics, agreement and the coding session."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import InputError
from analysis.framing.agreement import alpha_by_frame, machine_agreement, nominal_alpha
from analysis.framing.calibration import add_presence, choose_threshold, cross_validated_presence
from analysis.framing.codings import (append_coding, codings_from_table, document_labels, read_codings)
from analysis.framing.coding_widget import CodingSession, sample_units
from analysis.framing.scoring import binary_scores, frame_report

# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", nominal example: alpha = 0.743.
KRIPPENDORFF_2011 = np.array([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, np.nan, np.nan, np.nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, np.nan, 3],
    [np.nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, np.nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, np.nan],
])


def test_alpha_matches_krippendorff_package_and_the_published_value():
    import krippendorff

    ours = nominal_alpha(KRIPPENDORFF_2011)
    assert ours == pytest.approx(krippendorff.alpha(reliability_data=KRIPPENDORFF_2011,
                                                    level_of_measurement="nominal"), abs=1e-9)
    assert round(ours, 3) == 0.743


def test_alpha_by_frame_from_two_coders_files():
    # 6 sentences, 2 coders; conflict: coders disagree on one unit of six.
    a = [1, 1, 0, 0, 1, 0]
    b = [1, 1, 0, 0, 0, 0]
    rows = [("d", i, "conflict", v, c) for c, vals in (("ana", a), ("ben", b)) for i, v in enumerate(vals)]
    codings = pd.DataFrame(rows, columns=["doc", "sentence", "frame", "value", "coder"])
    codings["sentence"] = codings["sentence"].astype("Int64")
    table = alpha_by_frame(codings)
    # by hand: o11 = 4, o00 = 6, o01 = o10 = 1; n1 = 5, n0 = 7, n = 12: α = 1 - 11 * 2 / (2 * 5 * 7)
    assert table.loc[0, "alpha"] == round(1 - 22 / 70, 3)
    assert table.loc[0, "units"] == 6 and table.loc[0, "coders"] == 2
    assert table.loc[0, "alpha"] == round(nominal_alpha(np.array([a, b], float)), 3)


def test_codings_round_trip_and_append(tmp_path):
    path = tmp_path / "c.csv"
    append_coding(path, [{"doc": "a", "frame": "conflict", "value": 1, "sentence": 3, "coder": "ana"}])
    append_coding(path, [{"doc": "b", "frame": "conflict", "value": 0}])
    assert path.read_text().splitlines() == ["doc,frame,value,sentence,coder", "a,conflict,1,3,ana",
                                             "b,conflict,0,,"]
    table = read_codings(path)
    assert list(table.columns) == ["doc", "frame", "value", "sentence", "coder"]
    assert table["value"].tolist() == [1, 0] and table["sentence"].iloc[0] == 3 and pd.isna(table["sentence"].iloc[1])


def test_bad_codings_name_the_file_and_row(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("doc,frame,value\na,conflict,maybe\n")
    with pytest.raises(InputError, match=r"bad\.csv: row 2: value 'maybe'"):
        read_codings(path)
    path.write_text("doc,value\na,1\n")
    with pytest.raises(InputError, match="missing columns: frame"):
        read_codings(path)


def test_codings_from_table_reads_frame_columns(tmp_path):
    tsv = tmp_path / "t.tsv"
    tsv.write_text("ID\ttext\tCO\tHI\tEC\tMO\tRE\n7\tx\tTrue\tFalse\tFalse\tTrue\tFalse\n"
                   "9\ty\t\t\t\t\t\n11\tz\tFalse\tFalse\tFalse)\tFalse\tTrue\n")
    codings = codings_from_table(tsv)
    assert len(codings) == 9  # row 9 uncoded; one unreadable cell skipped
    assert codings.attrs["skipped"] == [("11", "EC", "False)")]
    labels = document_labels(codings)
    assert labels.loc["7", "conflict"] and labels.loc["7", "morality"] and not labels.loc["7", "responsibility"]
    assert pd.isna(labels.loc["11", "economic_consequences"])
    with pytest.raises(InputError, match="False\\)"):
        codings_from_table(tsv, strict=True)


def test_document_labels_majority_and_sentences():
    rows = [("d", "conflict", 1, 0, "a"), ("d", "conflict", 0, 1, "a"), ("d", "conflict", 0, pd.NA, "b"),
            ("e", "conflict", 0, pd.NA, "a"), ("e", "conflict", 0, pd.NA, "b"), ("e", "conflict", 1, pd.NA, "c")]
    codings = pd.DataFrame(rows, columns=["doc", "frame", "value", "sentence", "coder"])
    labels = document_labels(codings)
    assert labels.loc["d", "conflict"]  # coder a: one sentence present; b absent -> tie counts present
    assert not labels.loc["e", "conflict"]  # 1 of 3 coders


def test_threshold_rule_and_cross_validation():
    hits = np.array([0, 1, 1, 2, 3, 5, 8, 0, 4, 6])
    y = np.array([0, 0, 0, 1, 1, 1, 1, 0, 1, 1], bool)
    assert choose_threshold(hits, y) == 2
    pred = cross_validated_presence(np.tile(hits, 3), np.tile(y, 3), folds=3)
    assert (pred == np.tile(hits >= 2, 3)).all()
    scores = pd.DataFrame({"doc": ["a", "b", "c"], "frame": ["conflict", "conflict", "policy_x"],
                           "hits": [1, 2, 1]})
    assert add_presence(scores, "generic", {"conflict": 2})["present"].tolist() == [False, True, True]


def test_binary_scores_and_report_by_hand():
    y = np.array([1, 1, 0, 0, 1], bool)
    p = np.array([1, 0, 1, 0, 1], bool)
    s = binary_scores(y, p, np.array([0.9, 0.2, 0.8, 0.1, 0.7]))
    assert (s["precision"], s["recall"], s["f1"]) == (2 / 3, 2 / 3, 2 / 3)
    assert s["auc"] == pytest.approx(4 / 6)  # pairs (pos > neg): 0.9>0.8,0.9>0.1,0.7>0.1,0.2>0.1
    labels = pd.DataFrame({"f": y})
    table = frame_report(labels, pd.DataFrame({"f": p}), pd.DataFrame({"f": [0.9, 0.2, 0.8, 0.1, 0.7]}), n_boot=50)
    assert table.loc[0, "baseline_f1"] == round(2 * 0.6 / 1.6, 3)
    assert table.loc[0, "f1_low"] <= table.loc[0, "f1"] <= table.loc[0, "f1_high"]
    assert table["frame"].tolist() == ["f", "mean"]


def test_machine_agreement_by_sentence():
    codings = pd.DataFrame({"doc": ["d"] * 3, "frame": ["conflict"] * 3, "value": [1, 0, 1],
                            "sentence": pd.array([0, 1, 2], dtype="Int64"), "coder": ["ana"] * 3})
    machine = pd.DataFrame({"doc": ["d", "d"], "sentence": [0, 1], "frame": ["conflict"] * 2, "present": [True, True]})
    row = machine_agreement(codings, machine).iloc[0]
    assert (row["units"], row["coded"], row["machine"]) == (3, 2, 2)
    assert (row["precision"], row["recall"], row["f1"]) == (0.5, 0.5, 0.5)


def test_session_appends_at_once_and_resumes(tmp_path, corpus):
    units = sample_units(corpus, "sentence", n=4, seed=3)
    assert len(units) == 4 and units["doc"].nunique() == 2  # stratified: both documents
    assert units.equals(sample_units(corpus, "sentence", n=4, seed=3))
    path = tmp_path / "codings.csv"
    session = CodingSession(units, path, ["conflict", "morality"], "ana")
    session.save({"conflict"})
    session.skip()
    session.save(set())
    rows = read_codings(path)
    assert len(rows) == 4 and rows["value"].tolist() == [1, 0, 0, 0]
    assert rows["sentence"].tolist() == [units.loc[0, "sentence"]] * 2 + [units.loc[2, "sentence"]] * 2
    again = CodingSession(units, path, ["conflict", "morality"], "ana")
    assert again.position == 1  # the skipped unit is the first uncoded one
    assert CodingSession(units, path, ["conflict", "morality"], "ben").position == 0
    again.previous()
    assert again.answer() == {"conflict"}


def test_frames_by_document_adds_present_from_the_thresholds(capsys):
    import json

    from analysis.cli.main import main
    from analysis.framing.calibration import load_thresholds

    assert main(["frames", "--by", "document", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    from analysis.framing import load_rates

    rates = load_rates("generic")
    assert set(rates) == set(load_thresholds("generic"))
    generic = [r for r in rows if r["scheme"] == "generic"]
    assert len(generic) == 10 and all(r["present"] == (r["score"] >= rates[r["frame"]] and r["hits"] > 0)
                                      for r in generic)
    news = {r["frame"]: r for r in generic if r["doc"] == "news-shoigu-2025"}
    # 5 human-interest hits (face-to-face, chuckled, dressed, casualties, dearest) = 8.2 per 1,000 words,
    # above the min_rate of 6.656 chosen on dev; no economic cue at all
    assert news["conflict"]["present"] and news["human_interest"]["present"]
    assert not news["economic_consequences"]["present"]


def test_presence_is_length_aware_on_the_seeds(capsys):
    """Human interest at about the same density (12 hits = 8.5 per 1,000 words in
    the chapter, 5 hits = 8.2 in the news piece) gets the same decision in both."""
    import json

    from analysis.cli.main import main

    assert main(["frames", "--by", "document", "--scheme", "generic", "--format", "json"]) == 0
    rows = {(r["doc"], r["frame"]): r for r in json.loads(capsys.readouterr().out)}
    chapter, news = rows[("ch49-vostochny", "human_interest")], rows[("news-shoigu-2025", "human_interest")]
    assert (chapter["hits"], news["hits"]) == (12, 5) and abs(chapter["score"] - news["score"]) < 0.5
    assert chapter["present"] == news["present"]


def test_count_rule_without_rates():
    scores = pd.DataFrame({"frame": ["conflict"] * 2, "hits": [3, 3], "score": [2.0, 6.0]})
    assert add_presence(scores, "generic", rates={"conflict": 5.0})["present"].tolist() == [False, True]
    assert add_presence(scores, "generic", {"conflict": 3})["present"].tolist() == [True, True]


def test_alpha_has_a_seeded_bootstrap_interval_and_says_when_it_is_not_interpretable():
    from analysis import paths
    from analysis.framing.agreement import _alpha_from, _unit_coincidences, alpha_interval

    per_unit, _ = _unit_coincidences(KRIPPENDORFF_2011)
    assert _alpha_from(per_unit.sum(axis=0)) == pytest.approx(nominal_alpha(KRIPPENDORFF_2011), abs=1e-9)
    low, high = alpha_interval(KRIPPENDORFF_2011, n_boot=500, seed=1)
    assert low < 0.743 < high and (low, high) == alpha_interval(KRIPPENDORFF_2011, n_boot=500, seed=1)
    codebook = paths.NOTEBOOKS / "codebook"
    pair = pd.concat([read_codings(codebook / "codings-coder-a.csv"), read_codings(codebook / "codings-coder-b.csv")],
                     ignore_index=True)
    table = alpha_by_frame(pair, n_boot=300).set_index("frame")
    econ = table.loc["economic_consequences"]  # α = 1.00 rests on 2 positives
    assert econ.alpha == 1.0 and econ.min_positives == 2 and not econ.interpretable
    assert econ.note.startswith("not interpretable")
    conflict = table.loc["conflict"]
    assert conflict.interpretable and conflict.alpha_low < conflict.alpha <= conflict.alpha_high


def test_the_classroom_sample_is_drawn_from_the_coded_units(corpus):
    from analysis import paths

    coded = read_codings(paths.NOTEBOOKS / "codebook" / "codings-coder-a.csv")
    units = sample_units(corpus, "sentence", n=10, seed=5, among=coded)
    keys = set(zip(coded["doc"], coded["sentence"].astype(int)))
    assert len(units) == 10 and all((d, int(s)) in keys for d, s in zip(units["doc"], units["sentence"]))


def test_one_precision_recall_f1_with_one_rule_for_undefined_values():
    """Every F1 of the package is scoring.prf (scikit-learn's): an undefined ratio is NaN everywhere."""
    from analysis.framing.calibration import best_cut, f1_of
    from analysis.framing.scoring import prf

    nothing = np.zeros(4, bool)
    assert np.isnan(f1_of(nothing, nothing)) and np.isnan(binary_scores(nothing, nothing)["f1"])
    precision, recall, f1 = prf(np.array([1, 0, 1, 0], bool), nothing)
    assert np.isnan(precision) and recall == 0.0 and f1 == 0.0
    columns = prf(np.array([[1, 0], [0, 0], [1, 0]], bool), np.array([[1, 1], [0, 0], [0, 0]], bool))
    assert columns[0].tolist() == [1.0, 0.0] and columns[2][0] == pytest.approx(2 / 3) and np.isnan(columns[1][1])
    assert best_cut(np.array([0.1, 0.2, 0.9]), np.array([0, 0, 1], bool), np.array([0.1, 0.5, 0.95])) == 0.5
