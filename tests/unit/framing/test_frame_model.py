"""The supervised frame model: training, cross-validation, a JSON file that round-trips, the CLI."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import InputError, load_corpus
from analysis.cli.main import main
from analysis.framing.codings import read_codings
from analysis.framing.classifier import fit_model, load_frame_model
from shared_corpus import DEV_TSV as DEV, needs_dev

WAR = ["The rival armies clashed again and the opposition condemned the attack.",
       "Critics accused the government of escalating the dispute with its enemies.",
       "Protesters fought police as the two sides traded threats."]
CALM = ["The garden was quiet in the morning light.", "A train left the station on time.",
        "The museum opened a new wing of paintings."]


@pytest.fixture(scope="module")
def toy(tmp_path_factory):
    """24 short articles, half about conflict, with codings."""
    folder = tmp_path_factory.mktemp("toy")
    rows = []
    for i in range(24):
        conflict = i % 2 == 0
        lines = (WAR if conflict else CALM)[i % 3:] + (WAR if conflict else CALM)[: i % 3] + CALM[:1]
        (folder / f"a{i:02d}.txt").write_text(" ".join(lines) + f" Item {i}.\n", encoding="utf-8")
        rows += [(f"a{i:02d}", "conflict", int(conflict)), (f"a{i:02d}", "morality", int(i % 4 == 1))]
    codings = folder.parent / f"{folder.name}-codings.csv"
    pd.DataFrame(rows, columns=["doc", "frame", "value"]).to_csv(codings, index=False)
    return folder, codings


def test_train_command_prints_cv_table_and_model_round_trips(toy, tmp_path, capsys):
    folder, codings = toy
    out = tmp_path / "model.json"
    assert main(["frame-model", "train", "--seeds", str(folder), "--codings", str(codings), "--out", str(out),
                 "--folds", "3", "--boot", "20", "--format", "csv"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].split(",")[:9] == ["frame", "method", "n_docs", "coded", "predicted", "precision", "recall",
                                         "f1", "auc"]
    assert "baseline_f1" in printed[0] and [r.split(",")[0] for r in printed[1:]] == ["conflict", "morality", "mean"]
    conflict = dict(zip(printed[0].split(","), printed[1].split(",")))
    assert float(conflict["auc"]) > 0.9 and float(conflict["baseline_f1"]) == round(2 * 0.5 / 1.5, 3)
    data = json.loads(out.read_text())
    assert data["format"] == "rdf-frame-model/1" and data["frames"] == ["conflict", "morality"]
    corpus = load_corpus(folder)
    labels = pd.DataFrame({"conflict": [i % 2 == 0 for i in range(24)], "morality": [i % 4 == 1 for i in range(24)]},
                          index=[f"a{i:02d}" for i in range(24)])
    fitted = fit_model(corpus, labels)
    loaded = load_frame_model(out)
    pd.testing.assert_frame_equal(fitted.probabilities(corpus), loaded.probabilities(corpus))
    assert loaded.save(tmp_path / "again.json").read_text() == out.read_text()


def test_frames_with_model_gives_probability_present_evidence(toy, tmp_path, capsys):
    folder, codings = toy
    out = tmp_path / "m.json"
    main(["frame-model", "train", "--seeds", str(folder), "--codings", str(codings), "--out", str(out),
          "--folds", "3", "--boot", "0"])
    capsys.readouterr()
    assert main(["frames", "--seeds", str(folder), "--model", str(out), "--by", "document", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert set(rows[0]) == {"doc", "frame", "probability", "present", "rule", "evidence"}
    first = next(r for r in rows if r["doc"] == "a00" and r["frame"] == "conflict")
    assert first["present"] is True and first["probability"] > 0.5
    terms, cues = first["evidence"].split(" | cues: ")
    assert terms and "attack" in cues and "condemned" in cues  # n-grams that weighed most, then the frame's cues
    calm = next(r for r in rows if r["doc"] == "a01" and r["frame"] == "conflict")
    assert calm["present"] is False


def test_loading_is_json_only(tmp_path):
    import pickle

    bad = tmp_path / "model.json"
    bad.write_bytes(pickle.dumps({"format": "rdf-frame-model/1"}))
    with pytest.raises(InputError, match="not a frame model"):
        load_frame_model(bad)
    bad.write_text(json.dumps({"format": "rdf-frame-model/1", "frames": ["x"]}))
    with pytest.raises(InputError, match="incomplete or malformed"):
        load_frame_model(bad)
    assert main(["frames", "--model", str(tmp_path / "missing.json"), "--by", "document"]) == 2


def test_a_file_with_the_retired_second_stage_asks_for_retraining(toy, tmp_path):
    folder, _ = toy
    corpus = load_corpus(folder)
    labels = pd.DataFrame({"conflict": [i % 2 == 0 for i in range(24)], "morality": [i % 4 == 1 for i in range(24)]},
                          index=[f"a{i:02d}" for i in range(24)])
    path = fit_model(corpus, labels).save(tmp_path / "m.json")
    data = json.loads(path.read_text())
    load_frame_model(path)
    path.write_text(json.dumps({**data, "stack_coef": [[1, 0, 0], [1, 0, 0]], "stack_intercept": [0, 0]}))
    with pytest.raises(InputError, match="second stage.*retrain"):
        load_frame_model(path)


def test_train_needs_codings_and_out(toy, capsys):
    folder, _ = toy
    assert main(["frame-model", "train", "--seeds", str(folder)]) == 2
    assert "needs --codings and --out" in capsys.readouterr().err
    _, codings = toy
    assert main(["frame-model", "train", "--seeds", str(folder), "--codings", str(codings),
                 "--out", str(folder / "model.json")]) == 2
    assert "inside the corpus folder" in capsys.readouterr().err and not (folder / "model.json").exists()


@needs_dev
def test_codings_step_writes_the_dev_columns(tmp_path, capsys):
    out = tmp_path / "codings.csv"
    assert main(["frame-model", "codings", "--table", str(DEV), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "'False)' is not True/False, skipped" in err
    table = read_codings(out)
    assert table["doc"].nunique() == 252 and set(table["frame"]) == {
        "conflict", "human_interest", "economic_consequences", "morality", "responsibility"}
    assert len(table) == 252 * 5 - 1


def test_coder_against_model_decisions(toy):
    from analysis.framing import machine_agreement

    folder, codings = toy
    corpus = load_corpus(folder)
    table = read_codings(codings)
    labels = pd.DataFrame({"conflict": [i % 2 == 0 for i in range(24)], "morality": [i % 4 == 1 for i in range(24)]},
                          index=[f"a{i:02d}" for i in range(24)])
    decisions = fit_model(corpus, labels).predict(corpus)
    scores = machine_agreement(table.assign(coder="ana"), decisions).set_index("frame")
    conflict = decisions[decisions.frame == "conflict"].set_index("doc")["present"]
    truth = labels["conflict"]
    tp = int((conflict & truth).sum())
    assert scores.loc["conflict", "units"] == 24 and scores.loc["conflict", "machine"] == int(conflict.sum())
    assert scores.loc["conflict", "precision"] == round(tp / conflict.sum(), 3)


def test_dictionary_command_prints_cross_validated_rule(toy, capsys):
    folder, codings = toy
    assert main(["frame-model", "dictionary", "--seeds", str(folder), "--codings", str(codings), "--folds", "3",
                 "--boot", "0", "--format", "json"]) == 0
    rows = {r["frame"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(rows) == {"conflict", "morality", "mean"} and rows["conflict"]["method"] == "dictionary"
    # every conflict article has several conflict cues, every calm one none: the rule is perfect
    assert rows["conflict"]["f1"] == 1.0 and rows["conflict"]["auc"] == 1.0 and rows["conflict"]["min_hits"] >= 1


def test_cue_weight_is_chosen_per_frame_and_folded_into_the_coefficients(toy):
    """Each frame's cue weight is one of the candidates, recorded in the file's
    settings, and the saved coefficients give the same logits on raw extra
    features as a regression fitted on ``[words, scale × extra]`` (the cue
    weight on the cue block, ``distinct_weight`` on the frame's own
    distinct-cue column, 0 on the other frames')."""
    import numpy as np
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    from analysis.framing.classifier import _vectorizer, document_text, extra_features

    folder, _ = toy
    corpus = load_corpus(folder)
    docs = [corpus[f"a{i:02d}"] for i in range(24)]
    labels = pd.DataFrame({"conflict": [i % 2 == 0 for i in range(24)], "morality": [i % 4 == 1 for i in range(24)]},
                          index=[d.id for d in docs])
    model = fit_model(docs, labels, settings={"cue_weights": [0.1, 1.0]})
    assert set(model.settings["frame_cue_weights"]) == {"conflict", "morality"}
    assert set(model.settings["frame_cue_weights"].values()) <= {0.1, 1.0}
    model = fit_model(docs, labels, settings={"cue_weights": [0.1]})  # a weight below 1, so folding shows
    weights = model.settings["frame_cue_weights"]
    vec = _vectorizer(model.settings)
    words = vec.fit_transform([document_text(d) for d in docs])
    extra, _ = extra_features(docs, "generic", model.frames, model.settings)
    n_cue = 2 * len(model.frames) + 1
    assert model.feature_names[len(model.vocabulary) + n_cue:] == ["cue:conflict:distinct", "cue:morality:distinct"]
    for j, frame in enumerate(model.frames):
        scale = np.r_[np.full(n_cue, weights[frame]), [0.3 if k == j else 0.0 for k in range(2)]]
        x = sp.hstack([words, sp.csr_matrix(extra * scale)]).tocsr()
        direct = LogisticRegression(C=model.settings["C"], class_weight="balanced", max_iter=3000).fit(x, labels[frame])
        expected = direct.predict_proba(x)[:, 1]
        np.testing.assert_allclose(model.probabilities(docs)[frame].to_numpy(), expected, rtol=1e-6)
        assert model.coef[j, len(model.vocabulary) + n_cue + 1 - j] == 0  # the other frame's distinct column


def test_dictionary_rule_decides_where_it_wins_and_round_trips(toy, tmp_path):
    """A frame decided by the dictionary's rule says so, its ``present`` is
    exactly ``hits >= min_hits``, and the rule survives save and load."""
    import numpy as np

    from analysis.framing.frames import document_scores

    folder, _ = toy
    corpus = load_corpus(folder)
    docs = [corpus[f"a{i:02d}"] for i in range(24)]
    labels = pd.DataFrame({"conflict": [i % 2 == 0 for i in range(24)], "morality": [i % 4 == 1 for i in range(24)]},
                          index=[d.id for d in docs])
    model = fit_model(docs, labels)
    hits = document_scores(docs, "generic").set_index(["doc", "frame"])["hits"]
    k = int(hits.xs("conflict", level="frame").max()) + 1  # no document passes, unlike by probability
    model.min_hits = np.array([k, 0])  # conflict by the dictionary, morality by probability
    assert model.rules() == [f"dictionary >= {k} hits", "model"]
    present = model.presence(docs)
    assert present["conflict"].tolist() == [hits.get((d.id, "conflict"), 0) >= k for d in docs]
    prob = model.probabilities(docs)
    assert present["conflict"].tolist() != (prob["conflict"] >= model.thresholds[0]).tolist()
    assert present["morality"].tolist() == (prob["morality"] >= model.thresholds[1]).tolist()
    rows = model.predict(docs)
    assert set(rows.loc[rows["frame"] == "conflict", "rule"]) == {f"dictionary >= {k} hits"}
    loaded = load_frame_model(model.save(tmp_path / "m.json"))
    assert loaded.rules() == model.rules()
    pd.testing.assert_frame_equal(loaded.presence(docs), present)
    off = fit_model(docs, labels, settings={"dictionary_rule": False})
    assert off.rules() == ["model", "model"]


def test_amounts_feed_only_the_amount_frames_and_show_in_evidence(tmp_path):
    """The economic frame sees the amounts of money and percentages (positive
    weight when they mark it), the other frames get coefficient 0 for them,
    the evidence names them, and a model without amount frames has no such
    features."""
    folder = tmp_path / "money"
    folder.mkdir()
    for i in range(24):
        figures = f"The levy costs ${i + 2} million and prices rose {i + 5} percent." if i % 2 else "Prices were low."
        text = f"{(WAR if i % 3 else CALM)[i % 3]} {figures} Item {i}.\n"
        (folder / f"m{i:02d}.txt").write_text(text, encoding="utf-8")
    corpus = load_corpus(folder)
    docs = [corpus[f"m{i:02d}"] for i in range(24)]
    labels = pd.DataFrame({"conflict": [i % 3 != 0 for i in range(24)],
                           "economic_consequences": [i % 2 == 1 for i in range(24)]}, index=[d.id for d in docs])
    model = fit_model(docs, labels)
    assert model.feature_names[-2:] == ["amount:money", "amount:percent"]
    assert (model.coef[0, -2:] == 0).all() and (model.coef[1, -2:] > 0).all()
    rows = model.predict(docs).set_index(["doc", "frame"])["evidence"]
    assert rows[("m01", "economic_consequences")].endswith("| amounts: 1 money; 1 percent")
    assert "amounts:" not in rows[("m01", "conflict")] and "amounts:" not in rows[("m00", "economic_consequences")]
    loaded = load_frame_model(model.save(tmp_path / "m.json"))
    pd.testing.assert_frame_equal(loaded.probabilities(docs), model.probabilities(docs))
    plain = fit_model(docs, labels, settings={"amount_frames": []})
    assert not any(n.startswith("amount:") for n in plain.feature_names)
    assert plain.coef.shape[1] == model.coef.shape[1] - 2


def test_distinct_cues_counts_different_cues_not_occurrences_nor_negated_ones():
    import numpy as np

    from analysis.framing.classifier import distinct_cues

    class Doc:
        def __init__(self, id):
            self.id = id

    matches = pd.DataFrame({"doc": ["a", "a", "a", "a", "b"], "frame": ["conflict"] * 4 + ["morality"],
                            "cue": ["clash*", "clash*", "attack", "war", "sin"],
                            "negated": [False, False, False, True, False]})
    got = distinct_cues(matches, [Doc("a"), Doc("b"), Doc("c")], ["conflict", "morality"])
    np.testing.assert_allclose(got, np.log1p([[2, 0], [0, 1], [0, 0]]))
