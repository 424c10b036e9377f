"""Sentiment toward a target: the shipped JSON model, its predictions and evidence,
the ``actors --targets`` command and its refusals, and the model's committed score."""
from __future__ import annotations

import builtins
import json
import pickle

import numpy as np
import pandas as pd
import pytest

from analysis import InputError
from analysis.actors import target as T
from analysis.cli import main as cli
from shared_corpus import SHARED

NEWSMTSC = SHARED / "corpora" / "newsmtsc"
NAMES = ["the villagers", "Kim Jong Un", "the senator", "the refugees", "Putin"]


def items_for(template: str) -> list[tuple[str, int, int]]:
    out = []
    for name in NAMES:
        text = template.format(name)
        start = text.index(name)
        out.append((text, start, start + len(name)))
    return out


# ---------------------------------------------------------------------------------------------------- the model file

def test_shipped_model_is_plain_json_and_loads_without_pickle(monkeypatch):
    raw = T.MODEL_PATH.read_text(encoding="utf-8")
    data = json.loads(raw)
    assert data["format"] == "rdf-target-sentiment/2" and data["classes"] == list(T.CLASSES)
    assert len(data["meta"]["training_sha256"]) == 64 and "scikit-learn" in data["meta"]["libraries"]

    def refuse(*args, **kwargs):
        raise AssertionError("loading the model must not unpickle")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(np, "load", refuse)
    model = T.load_sentiment_model(T.MODEL_PATH)
    assert model.coef.shape == (3, len(model.features)) and len(model.features) > 1000


def test_prediction_needs_no_scikit_learn(monkeypatch):
    real_import = builtins.__import__

    def no_sklearn(name, *args, **kwargs):
        if name == "sklearn" or name.startswith("sklearn."):
            raise ImportError("scikit-learn must not be needed to predict")
        return real_import(name, *args, **kwargs)

    model = T.load_sentiment_model()
    feats = T.featurize(items_for("Soldiers killed {} yesterday."))
    monkeypatch.setattr(builtins, "__import__", no_sklearn)
    assert len(model.predict(feats)) == len(NAMES)


@pytest.mark.parametrize("content, problem", [
    (b"\x80\x04pickle", "not a JSON model file"),
    (b'{"format": "something-else"}', "not a target-sentiment model"),
])
def test_a_file_that_is_not_a_model_is_refused(tmp_path, content, problem):
    path = tmp_path / "model.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem):
        T.load_sentiment_model(path)


def test_numeric_features_are_standardised_with_the_shipped_means_and_scales(tmp_path):
    feats = [{"words|a": 1.0, "vector|span:0": 3.0}, {"vector|span:0": -1.0}]
    index = {"vector|span:0": 0, "words|a": 1}
    x = T.feature_matrix(feats, index, ["words", "vector"], {"vector|span:0": (1.0, 2.0)}).toarray()
    assert x.tolist() == [[1.0, 1.0], [-1.0, 0.0]]
    model = T.TargetSentimentModel(["vector|span:0", "words|a"], np.array([[1.0, 0.0], [0.0, 0.0], [-1.0, 0.0]]),
                                   np.zeros(3), {"blocks": ["words", "vector"]}, {}, {"vector|span:0": (1.0, 2.0)})
    loaded = T.load_sentiment_model(model.save(tmp_path / "m.json"))
    assert loaded.standardize == {"vector|span:0": (1.0, 2.0)}
    out = loaded.predict(feats)
    assert list(out["sentiment"]) == ["negative", "positive"]
    assert out["evidence"].iloc[0] == "the target's context (spaCy vectors) +1.00"


def test_a_model_with_a_zero_scale_is_refused(tmp_path):
    data = json.loads(T.MODEL_PATH.read_text(encoding="utf-8"))
    data["standardize"] = {"vector|span:0": [0.0, 0.0]}
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match="scale is not positive"):
        T.load_sentiment_model(path)


def test_features_know_the_words_near_the_target_the_path_above_it_and_its_context_vectors():
    text = "The senator did not praise Putin for the brutal war."
    feats = T.featurize([(text, text.index("Putin"), text.index("Putin") + 5)])[0]
    assert feats["near|w1:praise~not"] == 1.0 and feats["near|d1neg"] > 0
    assert feats["path|praise"] == 1.0 and feats["path|ROOT>praise"] == 1.0
    assert "clause|senator" in feats and not any(k.startswith("clause|putin") for k in feats)
    assert sorted({k.partition(":")[0] for k in feats if k.startswith("vector|")}) == [
        "vector|clause", "vector|head", "vector|sentence", "vector|span"]
    assert sum(k.startswith("vector|span:") for k in feats) == 96
    assert T.describe("near|w1:praise~not") == "'praise' (negated) (one step from the target in the parse)"
    assert T.describe("path|ROOT>praise") == "'praise' (above the target in the parse, ROOT)"


def test_evidence_gives_one_line_per_vector_part_not_one_per_number():
    names = ["vector|head:0", "vector|span:0", "vector|span:1", "words|lying"]
    coef = np.array([[0.5, 1.0, 1.0, 0.2], [0.0, 0.0, 0.0, 0.0], [-0.5, -1.0, -1.0, -0.2]])
    model = T.TargetSentimentModel(names, coef, np.zeros(3), {"blocks": ["words", "vector"]}, {})
    feats = [{"vector|head:0": 1.0, "vector|span:0": 1.0, "vector|span:1": 1.0, "words|lying": 1.0}]
    assert model.predict(feats)["evidence"].item() == ("the target's context (spaCy vectors) +2.00; "
                                                       "the target's head word (spaCy vectors) +0.50; "
                                                       "'lying' (in the sentence) +0.20")


def test_the_shipped_model_was_chosen_by_cross_validation_with_a_neutral_bias():
    model = T.load_sentiment_model()
    settings = model.settings
    assert "neutral_bias" in settings and "cv_neutral_bias" in settings
    assert set(settings["blocks"]) >= {"words", "window", "syntax", "lexicon"}
    assert all(k.startswith("vector|") for k in model.standardize)


# ---------------------------------------------------------------------------------------------------- predictions

def test_object_of_killed_and_praised_flip_sign():
    killed = T.predict_sentiment(items_for("The soldiers killed {} in the attack on Tuesday."))
    praised = T.predict_sentiment(items_for("The president warmly praised {} for their courage on Tuesday."))
    assert (killed["p_negative"] > killed["p_positive"]).all(), killed
    assert (praised["p_positive"] > praised["p_negative"]).all(), praised
    assert (killed["p_negative"] > praised["p_negative"]).all()


def test_probabilities_sum_to_one_and_columns_are_in_order():
    out = T.predict_sentiment(items_for("{} met the delegation in Moscow on Friday.")
                              + items_for("Critics accused {} of lying."))
    assert list(out.columns) == T.COLUMNS and len(out) == 2 * len(NAMES)
    probs = out[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-3) and (probs >= 0).all()
    picked = np.array(T.CLASSES)[probs.argmax(axis=1)]
    assert (picked == out["sentiment"]).all()


def test_evidence_names_the_deciding_words():
    out = T.predict_sentiment(items_for("The soldiers killed {} in the attack on Tuesday."))
    assert all("kill" in e for e in out["evidence"]), list(out["evidence"])
    first = out["evidence"].iloc[0].split("; ")
    assert first and all(part.rsplit(" ", 1)[1].startswith("+") for part in first)


def test_the_target_position_matters_not_only_the_sentence():
    text = "Washington praised Seoul and condemned Pyongyang for the missile launch."
    out = T.predict_sentiment([(text, text.index("Seoul"), text.index("Seoul") + 5),
                               (text, text.index("Pyongyang"), text.index("Pyongyang") + 9)])
    assert out["p_positive"].iloc[0] > out["p_positive"].iloc[1]
    assert out["p_negative"].iloc[1] > out["p_negative"].iloc[0]


def test_a_whole_document_is_read_in_the_target_sentence():
    first = "The soldiers killed Putin in the attack on Tuesday."
    text = "The president warmly praised the nurses for their courage. " + first
    whole = T.predict_sentiment([(text, text.index("Putin"), text.index("Putin") + 5)])
    alone = T.predict_sentiment([(first, first.index("Putin"), first.index("Putin") + 5)])
    pd.testing.assert_frame_equal(whole, alone)


# ---------------------------------------------------------------------------------------------------- the command

def write(tmp_path, lines: list[str]):
    path = tmp_path / "targets.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = [json.dumps({"id": "a", "text": "Critics accused Putin of lying.", "start": 16, "end": 21}),
        json.dumps({"id": 7, "text": "Washington praised Seoul.", "start": 19, "end": 24})]


def test_targets_command_prints_one_row_per_line(tmp_path, capsys):
    path = write(tmp_path, GOOD + [""])
    assert cli.main(["actors", "--targets", str(path), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == ["a", "7"]
    assert list(rows[0]) == ["id", "sentiment", "p_negative", "p_neutral", "p_positive", "role", "p_hero",
                             "p_villain", "p_victim", "evidence"]
    assert rows[0]["sentiment"] == "negative" and rows[0]["evidence"].startswith("sentiment: ")


def test_targets_command_fills_the_roles_from_the_role_model(tmp_path, capsys):
    pytest.importorskip("analysis.actors.roles")
    assert cli.main(["actors", "--targets", str(write(tmp_path, GOOD)), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert all(r["role"] in ("hero", "villain", "victim") for r in rows)
    assert all(abs(r["p_hero"] + r["p_villain"] + r["p_victim"] - 1) < 1e-3 for r in rows)


@pytest.mark.parametrize("line, problem", [
    ("not json at all", "line 2: not JSON"),
    ("[1, 2]", "line 2: not a JSON object (got a list)"),
    ('"text"', "line 2: not a JSON object (got a string)"),
    ('{"id": "x", "text": "Putin spoke.", "start": 0}', "line 2: missing key 'end'"),
    ('{"id": "x", "text": "Putin spoke.", "start": "0", "end": 5}', "line 2: 'start' must be an integer (got a string)"),
    ('{"id": "x", "text": "Putin spoke.", "start": 0.0, "end": 5}', "line 2: 'start' must be an integer (got a number)"),
    ('{"id": "x", "text": "Putin spoke.", "start": true, "end": 5}', "line 2: 'start' must be an integer"),
    ('{"id": "x", "text": 12, "start": 0, "end": 5}', "line 2: 'text' must be a string (got an integer)"),
    ('{"id": null, "text": "Putin spoke.", "start": 0, "end": 5}', "line 2: 'id' must be a non-empty string"),
    ('{"id": "x", "text": "Putin spoke.", "start": 0, "end": 99}', "line 2: offsets 0-99 lie outside the text (12 characters)"),
    ('{"id": "x", "text": "Putin spoke.", "start": -1, "end": 5}', "line 2: offsets -1-5 lie outside the text"),
    ('{"id": "x", "text": "Putin spoke.", "start": 3, "end": 3}', "line 2: empty target span 3-3"),
    ('{"id": "x", "text": "Putin spoke.", "start": 5, "end": 2}', "line 2: empty target span 5-2"),
    ('{"id": "x", "text": "Putin spoke.", "start": 5, "end": 6}', "line 2: empty target span 5-6"),
    ('{"id": "a", "text": "Putin spoke.", "start": 0, "end": 5}', "line 2: duplicate id 'a' (first on line 1)"),
])
def test_hostile_lines_stop_with_one_line_and_status_2(tmp_path, capsys, line, problem):
    path = write(tmp_path, [GOOD[0], line, GOOD[1]])
    assert cli.main(["actors", "--targets", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and f"{path}: {problem}" in captured.err, captured.err


def test_a_missing_or_undecodable_file_is_one_line(tmp_path, capsys):
    assert cli.main(["actors", "--targets", str(tmp_path / "nope.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
    path = tmp_path / "bad.jsonl"
    path.write_bytes(GOOD[0].encode() + b"\n\xff\xfe\n")
    assert cli.main(["actors", "--targets", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "line 2: not UTF-8 text" in err


# ---------------------------------------------------------------------------------------------------- the scores file

@pytest.mark.skipif(not (NEWSMTSC / "devtest_mt.jsonl").is_file(), reason="NewsMTSC is absent (set RDF_SHARED)")
def test_shipped_model_scores_what_the_scores_file_says_on_devtest_mt():
    from benchmarks.train_target_sentiment import macro_f1, read_split

    scores = pd.read_csv(T.SCORES_PATH)
    committed = scores.query("split == 'devtest_mt' and method == 'model' and measure == 'macro_f1'")["value"].item()
    dev = read_split(NEWSMTSC / "devtest_mt.jsonl")
    out = T.predict_sentiment(list(zip(dev["text"], dev["start"], dev["end"])))
    assert round(macro_f1(dev["label"].to_numpy(object), out["sentiment"].to_numpy(object)), 4) == committed
    vader = scores.query("split == 'devtest_mt' and method == 'sentence_vader'")["value"].item()
    assert committed > vader + 0.05
