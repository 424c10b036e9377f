"""Actor roles: the JSON model, the roles of hand-written sentences, probabilities, evidence, the
mention finder and the locator of the coders' wording (re-derived on the shared data when present)."""
from __future__ import annotations

import hashlib
import json

import numpy as np
import pandas as pd
import pytest

from analysis import InputError
from analysis.actors import roles as R
from shared_corpus import SHARED

ROLES_TSV = SHARED / "corpora" / "narrative-frames" / "roles-dev.tsv"
needs_roles = pytest.mark.skipif(not ROLES_TSV.is_file(), reason=f"{ROLES_TSV} is absent (set RDF_SHARED)")


def item(text: str, actor: str) -> tuple[str, int, int]:
    start = text.index(actor)
    return text, start, start + len(actor)


FLOODS = "Floods destroyed the homes of farmers."
COMPANY = "The company polluted the river."
VOLUNTEERS = "Volunteers rescued the survivors."


def test_model_loads_from_json_and_matches_the_features():
    data = json.loads(R.MODEL_PATH.read_text(encoding="utf-8"))
    assert data["format"] == R.FORMAT
    model = R.load_role_model()
    assert model.roles == list(R.ROLES)
    assert model.feature_names == list(R.FEATURES)
    assert model.coef.shape == (3, len(R.FEATURES)) and np.isfinite(model.coef).all()
    assert {"dev.tsv", "roles-dev.tsv", "roles-lexicon.csv", "roles-prototypes.tsv"} <= set(model.trained_on)
    for name in ("roles-lexicon.csv", "roles-prototypes.tsv"):       # the shipped data are what it was trained on
        assert model.trained_on[name] == hashlib.sha256((R.DATA / name).read_bytes()).hexdigest()
    assert {"spacy", "scikit-learn", "numpy"} <= set(model.libraries)


def test_a_broken_model_file_is_refused(tmp_path):
    data = json.loads(R.MODEL_PATH.read_text(encoding="utf-8"))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**data, "coef": data["coef"][:2]}), encoding="utf-8")
    with pytest.raises(InputError, match="do not match"):
        R.load_role_model(bad)
    bad.write_text(json.dumps({**data, "format": "pickle"}), encoding="utf-8")
    with pytest.raises(InputError, match="format"):
        R.load_role_model(bad)
    with pytest.raises(InputError, match="not found"):
        R.load_role_model(tmp_path / "missing.json")


def test_prototypes_do_not_hold_the_test_sentences():
    text = (R.DATA / "roles-prototypes.tsv").read_text(encoding="utf-8")
    for sentence in (FLOODS, COMPANY, VOLUNTEERS):
        assert sentence not in text
    table = pd.read_csv(R.DATA / "roles-prototypes.tsv", sep="\t", comment="#")
    assert set(table["role"]) == set(R.ROLES)
    assert all(a in t for t, a in zip(table["text"], table["actor"]))


@pytest.mark.parametrize("text, actor, role", [
    (FLOODS, "farmers", "victim"),
    (COMPANY, "company", "villain"),
    (VOLUNTEERS, "Volunteers", "hero"),
])
def test_role_follows_the_relation(text, actor, role):
    out = R.predict_roles([item(text, actor)])
    assert list(out.columns) == R.COLUMNS
    assert out["role"].iloc[0] == role, out.to_dict("records")


def test_the_same_text_gives_each_actor_its_own_role():
    text = f"{FLOODS} {COMPANY} {VOLUNTEERS}"
    out = R.predict_roles([item(text, "farmers"), item(text, "company"), item(text, "Volunteers")])
    assert out["role"].tolist() == ["victim", "villain", "hero"]


def test_probabilities_sum_to_one_and_pick_the_role():
    text = f"{FLOODS} {COMPANY} {VOLUNTEERS}"
    out = R.predict_roles([item(text, a) for a in ("Floods", "farmers", "company", "river", "survivors")])
    p = out[["p_hero", "p_villain", "p_victim"]].to_numpy()
    assert np.allclose(p.sum(axis=1), 1.0, atol=1e-3)
    assert (p >= 0).all()
    picked = np.array(R.ROLES)[p.argmax(axis=1)]
    assert picked.tolist() == out["role"].tolist()


def test_evidence_names_the_deciding_sentence_and_relation():
    text = f"{VOLUNTEERS} {FLOODS}"
    out = R.predict_roles([item(text, "farmers")])
    evidence = out["role_evidence"].iloc[0]
    assert "Floods destroyed the homes of farmers." in evidence
    assert 'patient of harm verb "destroyed"' in evidence
    assert "Volunteers rescued" not in evidence


def test_a_passive_by_phrase_is_the_agent():
    out = R.predict_roles([item("The river was polluted by the company.", "company")])
    assert out["role"].iloc[0] == "villain"
    assert 'agent of harm verb "polluted"' in out["role_evidence"].iloc[0]


def test_bad_items_raise_one_input_error():
    with pytest.raises(InputError, match="outside the text"):
        R.predict_roles([("short", 2, 40)])
    with pytest.raises(InputError, match="empty or outside"):
        R.predict_roles([("short", 3, 3)])
    with pytest.raises(InputError, match="triple"):
        R.predict_roles([("short",)])
    assert R.predict_roles([]).columns.tolist() == R.COLUMNS


def test_other_mentions_by_stripped_words_and_head_word():
    text = "President Jair Bolsonaro spoke. Bolsonaro's plan failed. The president left; they stayed."
    spans = R.find_mentions(text, 0, len("President Jair Bolsonaro"))
    assert [text[s:e] for s, e in spans] == ["President Jair Bolsonaro", "Bolsonaro"]
    they = text.index("they")
    assert R.find_mentions(text, they, they + 4) == [(they, they + 4)]      # a pronoun stands for itself


def test_locator_rules():
    text = "The Trump administration said on Monday that farmers' groups and President Bolsonaro disagreed."
    assert R.locate(text, "the trump  Administration")[2] == "exact"
    assert R.locate(text, "“The Trump administration's”")[2] == "stripped"
    assert R.locate(text, "Brazilian farmer")[2] == "head"
    assert R.locate(text, "the government of Jair Bolsonaro")[2] == "name"
    assert R.locate(text, "climate alarmists") is None
    s, e, _ = R.locate(text, "President Bolsonaro")
    assert text[s:e] == "President Bolsonaro"


def test_document_roles_uses_the_given_mentions():
    text = f"{COMPANY} The company denied it. {FLOODS}"
    i = text.index("farmers")
    table = R.document_roles(text, [("Acme", 4, 11), ("Acme", 36, 43), ("farmers", i, i + 7)])
    assert table["entity"].tolist() == ["Acme", "farmers"]
    assert table["n_mentions"].tolist() == [2, 1]
    assert table["role"].tolist() == ["villain", "victim"]


def test_scores_file_reports_the_validation():
    scores = pd.read_csv(R.DATA / "roles-scores.csv")
    measures = set(scores["measure"])
    assert {"macro_f1", "unlocated_rows", "f1_hero", "f1_villain", "f1_victim"} <= measures
    cv = scores[(scores["measure"] == "macro_f1") & scores["what"].str.startswith("nested CV, located")].iloc[0]
    base = scores[(scores["measure"] == "macro_f1") & scores["what"].str.startswith("majority")].iloc[0]
    assert cv["ci_low"] < cv["value"] < cv["ci_high"]
    assert cv["value"] > base["value"]


@needs_roles
def test_located_row_count_is_rederived_from_the_shared_data():
    from benchmarks.train_roles import located_rows

    table, _ = located_rows(SHARED)
    scores = pd.read_csv(R.DATA / "roles-scores.csv").set_index("measure")
    assert len(table) == 1169
    unlocated = int((table["start"] < 0).sum())
    assert unlocated == int(scores.loc["unlocated_rows", "value"])
    for rule in ("exact", "stripped", "head", "name"):
        assert int((table["rule"] == rule).sum()) == int(scores.loc[f"located_{rule}", "value"])
    model = R.load_role_model()
    assert model.trained_on["roles-dev.tsv"] == hashlib.sha256(ROLES_TSV.read_bytes()).hexdigest()


def test_role_table_gives_one_row_per_document_and_actor(news):
    from analysis.entities.ner import mentions

    found = mentions(news)
    table = R.role_table(news, found)
    assert list(table.columns) == R.TABLE_COLUMNS
    assert not table.duplicated(["doc", "entity"]).any()
    assert set(table["type"]) <= {"PERSON", "ORG", "GPE"}
    assert set(table["role"]) <= set(R.ROLES)
    counts = found[found["type"].isin(["PERSON", "ORG", "GPE"])].groupby("entity").size()
    assert table.set_index("entity")["n_mentions"].to_dict() == counts.to_dict()
    assert np.allclose(table[["p_hero", "p_villain", "p_victim"]].sum(axis=1), 1.0, atol=1e-3)
    with pytest.raises(InputError, match="missing columns"):
        R.role_table(news, found.drop(columns=["start"]))
