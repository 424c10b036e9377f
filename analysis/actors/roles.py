"""The role an actor is cast in: hero, villain or victim, with probabilities and evidence.

>>> predict_roles([("The company polluted the river.", 4, 11)])     # one row per (text, start, end)
>>> document_roles(text, [("Acme", 0, 4), ("Acme", 120, 124)])       # one row per actor of one document
>>> role_table(corpus, entities.mentions(corpus))                      # one row per document and actor

Roles
    The three roles of the Narrative Frames Corpus (Frermann, Li, Khanehzar &
    Mikolajczak 2023, questions RE6, RE7 and HI3): *hero* (the actor solves or
    fights the problem), *villain* (causes it or is blamed for it), *victim*
    (suffers from it). Other work names the same three main roles
    *protagonist* / *antagonist* / *innocent* (SemEval-2025 task 10 "entity
    framing", whose fine roles such as guardian, peacemaker, instigator,
    tyrant, exploited or scapegoat group under them) and the narrative policy
    framework hero / villain / victim (Shanahan, Jones & McBeth 2018):

    ========  =============  ==================
    here      protagonist /  narrative policy
              antagonist /   framework
              innocent
    ========  =============  ==================
    hero      protagonist    hero
    villain   antagonist     villain
    victim    innocent       victim
    ========  =============  ==================

    :data:`ROLE_SYNONYMS` holds this mapping for code that reads such labels.

The actor's mentions and the features
    :mod:`analysis.actors.role_features` documents them. In short: an item's
    span names one mention; the other mentions are the whole-word
    occurrences of its words without a determiner or possessive and of its
    head word (a pronoun stands for itself). The coders' free wording is
    located in the article by the first rule that matches: ``exact``
    (case-insensitive), ``stripped`` (without a leading determiner, a trailing
    possessive or quotation marks), ``head`` (the head word or its
    singular/plural), ``name`` (a capitalised word of the wording). Features
    are the actor's parse relations (agent / patient / oblique / copula) to
    predicates of the verb classes harm, rescue, suffer, blame, praise,
    obstruct, resist, gain and initiative, VADER valences, descriptors,
    speaking, mention counts and position, and its stakeholder type; no topic words.

Model
    A multinomial logistic regression (scikit-learn) on standardised features,
    trained by ``python -m benchmarks.train_roles`` on the Narrative Frames
    Corpus dev split (settings chosen by cross-validation grouped by article),
    saved as JSON: feature names, means, scales, coefficients, intercepts,
    settings, the training files' SHA-256 and the library versions.
    :func:`load_model` only parses JSON; prediction is numpy on those arrays.
    The scores (cross-validated macro-F1 with a bootstrap interval over
    articles, per-class precision/recall/F1, the majority baseline, the
    unlocated rows) are in ``data/roles-scores.csv``.

    Prototypes: the verb classes are rare in any one corpus (an actor is the
    agent of a rescue verb in 1 % of the coded rows), so their coefficients
    learnt from climate news alone follow that topic's accidents (trained on
    the dev articles alone, the agent of a rescue verb leans villain). The
    training adds ``data/roles-prototypes.tsv``, 75 hand-written general-English
    sentences that cast an actor by its verb class ("Nurses saved the
    patients."), to every training fold with a weight chosen with ``C`` and the
    class weighting: the largest weight whose cross-validated macro-F1 stays
    within 0.01 of the best setting's (the prior knowledge is meant for other
    topics, as long as the dev articles do not object).

Evidence
    ``role_evidence`` names the features that pushed most toward the chosen
    role (standardised value times the role's coefficient minus the mean of
    the three), each with the first sentence and relation behind it:
    ``agent of harm verb "polluted" in s0 "The company polluted the river."``.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import InputError
from .role_features import FEATURES, LEXICON_PATH, _Features, features, find_mentions, lexicon, locate, nlp

__all__ = ["role_measures", "ROLES", "ROLE_SYNONYMS", "COLUMNS", "TABLE_COLUMNS", "RoleModel", "load_model", "predict_roles",
           "document_roles", "role_table", "find_mentions", "locate", "lexicon", "features", "FEATURES",
           "LEXICON_PATH", "MODEL_PATH"]

ROLES = ("hero", "villain", "victim")
ROLE_SYNONYMS = {"protagonist": "hero", "antagonist": "villain", "innocent": "victim",
                 "hero": "hero", "villain": "villain", "victim": "victim"}
COLUMNS = ["role", "p_hero", "p_villain", "p_victim", "role_evidence"]
TABLE_COLUMNS = ["doc", "entity", "type", "n_mentions", *COLUMNS]
FORMAT = "rdf-role-model/1"
DATA = Path(__file__).parent / "data"
MODEL_PATH = DATA / "roles-model.json"
SCORES_PATH = DATA / "roles-scores.csv"


# ---------------------------------------------------------------- model

@dataclass
class RoleModel:
    """A multinomial logistic regression over :data:`FEATURES` (standardised by ``mean`` and ``scale``)."""
    feature_names: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray          # (roles, features), on standardised features
    intercept: np.ndarray     # (roles,)
    roles: list[str] = field(default_factory=lambda: list(ROLES))
    settings: dict = field(default_factory=dict)
    trained_on: dict = field(default_factory=dict)
    libraries: dict = field(default_factory=dict)

    def standardise(self, x: np.ndarray) -> np.ndarray:
        return (np.atleast_2d(x) - self.mean) / self.scale

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities (rows sum to 1) for raw feature rows ``x``."""
        z = self.standardise(x) @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def contributions(self, x: np.ndarray, k: int) -> np.ndarray:
        """Each feature's push toward role ``k`` against the mean of the roles."""
        w = self.coef[k] - self.coef.mean(axis=0)
        return self.standardise(x)[0] * w

    def to_json(self) -> dict:
        return {"format": FORMAT, "roles": self.roles, "feature_names": self.feature_names,
                "mean": self.mean.tolist(), "scale": self.scale.tolist(), "coef": self.coef.tolist(),
                "intercept": self.intercept.tolist(), "settings": self.settings, "trained_on": self.trained_on,
                "libraries": self.libraries}

    def save(self, path: Path | str) -> Path:
        path = Path(path)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1, sort_keys=False) + "\n",
                        encoding="utf-8")
        return path


def load_model(path: Path | str | None = None) -> RoleModel:
    """Read a role model written by :meth:`RoleModel.save` (JSON only: no code runs)."""
    path = Path(path) if path is not None else MODEL_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "role model file not found") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(path, "not a role model (expected JSON written by benchmarks.train_roles)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(path, f"not a role model (format is not {FORMAT})")
    try:
        model = RoleModel([str(f) for f in data["feature_names"]], np.asarray(data["mean"], float),
                          np.asarray(data["scale"], float), np.asarray(data["coef"], float),
                          np.asarray(data["intercept"], float), [str(r) for r in data["roles"]],
                          dict(data.get("settings", {})), dict(data.get("trained_on", {})),
                          dict(data.get("libraries", {})))
    except (KeyError, TypeError, ValueError):
        raise InputError(path, "role model file is incomplete or malformed") from None
    k, m = len(model.roles), len(model.feature_names)
    if (model.coef.shape != (k, m) or model.mean.shape != (m,) or model.scale.shape != (m,)
            or model.intercept.shape != (k,) or sorted(model.roles) != sorted(ROLES)
            or list(model.feature_names) != list(FEATURES)):
        raise InputError(path, "role model arrays do not match its roles and this version's features")
    return model


@lru_cache(maxsize=1)
def _default_model() -> RoleModel:
    return load_model(MODEL_PATH)


def _explain(model: RoleModel, x: np.ndarray, found: _Features, k: int, doc, top: int = 3) -> str:
    push = model.contributions(x, k)
    sentences = list(doc.sents)
    parts = []
    for j in np.argsort(-push, kind="stable"):
        if push[j] <= 0 or len(parts) >= top:
            break
        name = model.feature_names[j]
        if name in found.evidence:
            sid, words = found.evidence[name]
            sentence = " ".join(sentences[sid].text.split()) if sid < len(sentences) else ""
            if len(sentence) > 160:
                sentence = sentence[:157] + "..."
            parts.append(f'{words} in s{sid} "{sentence}" ({name} {push[j]:+.2f})')
        elif found.values.get(name, 0.0):
            parts.append(f"{name} = {found.values[name]:.2f} ({push[j]:+.2f})")
    return "; ".join(parts)


def _rows(model: RoleModel, doc, actors: list[list[tuple[int, int]]]) -> list[tuple]:
    rows = []
    for spans in actors:
        found = features(doc, spans)
        x = found.vector()
        p = model.probabilities(x)[0]
        order = [model.roles.index(r) for r in ROLES]
        k = int(np.argmax(p))
        probs = [float(p[i]) for i in order]
        rows.append((model.roles[k], *[round(v, 4) for v in probs], _explain(model, x, found, k, doc)))
    return rows


def _check_item(i: int, item) -> tuple[str, int, int]:
    try:
        text, start, end = item
    except (TypeError, ValueError):
        raise InputError(f"item {i}", "not a (text, start, end) triple") from None
    if not isinstance(text, str) or isinstance(start, bool) or isinstance(end, bool) \
            or not isinstance(start, (int, np.integer)) or not isinstance(end, (int, np.integer)):
        raise InputError(f"item {i}", "expected (text: str, start: int, end: int)")
    if not 0 <= start < end <= len(text):
        raise InputError(f"item {i}", f"span {start}-{end} is empty or outside the text (length {len(text)})")
    if not text[start:end].strip():
        raise InputError(f"item {i}", "the span holds only white space")
    return text, int(start), int(end)


def predict_roles(items: Sequence[tuple[str, int, int]], model: RoleModel | None = None) -> pd.DataFrame:
    """One row per ``(text, start, end)`` item, in order: ``role``, ``p_hero``,
    ``p_villain``, ``p_victim``, ``role_evidence``. The span marks one mention
    of the actor; :func:`find_mentions` finds the others in ``text``."""
    model = model or _default_model()
    checked = [_check_item(i, item) for i, item in enumerate(items)]
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, (text, _, _) in enumerate(checked):
        by_text[text].append(i)
    rows: list[tuple | None] = [None] * len(checked)
    texts = list(by_text)
    for text, doc in zip(texts, nlp().pipe(texts)):
        idx = by_text[text]
        actors = [find_mentions(text, checked[i][1], checked[i][2]) for i in idx]
        for i, row in zip(idx, _rows(model, doc, actors)):
            rows[i] = row
    return pd.DataFrame(rows, columns=COLUMNS)


def document_roles(text: str, mentions: Iterable[tuple[str, int, int]], model: RoleModel | None = None,
                   doc=None) -> pd.DataFrame:
    """One row per actor of one text: ``entity``, ``n_mentions`` and the role
    columns. ``mentions`` are ``(entity, start, end)``; all of an entity's
    mentions are its mentions (no search for others)."""
    model = model or _default_model()
    spans: dict[str, list[tuple[int, int]]] = {}
    for entity, start, end in mentions:
        if 0 <= start < end <= len(text):
            spans.setdefault(str(entity), []).append((int(start), int(end)))
    columns = ["entity", "n_mentions", *COLUMNS]
    if not spans:
        return pd.DataFrame(columns=columns)
    doc = doc if doc is not None else nlp()(text)
    names = list(spans)
    rows = _rows(model, doc, [spans[name] for name in names])
    return pd.DataFrame([(name, len(spans[name]), *row) for name, row in zip(names, rows)], columns=columns)


def role_table(docs, mentions: pd.DataFrame, types: Sequence[str] | None = None,
               model: RoleModel | None = None) -> pd.DataFrame:
    """The role of every actor in every document: one row per ``doc`` and
    ``entity`` (columns :data:`TABLE_COLUMNS`). ``mentions`` is the entity
    pass's table (``doc``, ``entity``, ``type``, ``start``, ``end`` into
    ``Document.raw``); only ``types`` count (default :func:`analysis.config.actor_types`:
    persons, organisations and places, NORP on request). With the default model, documents
    read from an annotation store take their rows from it (question ``actor_roles``), without
    parsing, when ``mentions`` gives each actor the spans the store holds for it."""
    from ..config import actor_types
    from ..extensions import ask
    from ..types import as_documents

    types = actor_types() if types is None else types

    missing = {"doc", "entity", "type", "start", "end"} - set(mentions.columns)
    if missing:
        raise InputError("mentions", f"missing columns: {', '.join(sorted(missing))}")
    chosen = mentions[mentions["type"].isin(list(types))]
    docs = as_documents(docs)
    if model is None and (stored := ask("actor_roles", docs, chosen)) is not None:
        return stored
    model = model or _default_model()
    frames = []
    by_doc = {doc_id: own for doc_id, own in chosen.groupby("doc", sort=False)}  # not a scan per document
    for document in docs:
        own = by_doc.get(document.id)
        if own is None or own.empty:
            continue
        kinds = own.groupby("entity", sort=False)["type"].first()
        table = document_roles(document.raw, own[["entity", "start", "end"]].itertuples(index=False, name=None),
                               model)
        frames.append(table.assign(doc=document.id, type=table["entity"].map(kinds)))
    if not frames:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    return pd.concat(frames, ignore_index=True)[TABLE_COLUMNS]


def role_measures(roles: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The tidy ``doc, entity, measure, value`` table (see :mod:`analysis.groups.measures`) of the
    ``top`` actors cast in most documents (ties: more mentions, then the name), from a
    :func:`role_table`: per document, ``villain``, ``hero`` and ``victim`` are 1 when the
    actor is cast in that role there and 0 otherwise, so a group's mean is the share of its
    documents (naming the actor) that cast it so."""
    if roles.empty:
        return pd.DataFrame(columns=["doc", "entity", "measure", "value"])
    from .mentions import top_entities

    rows = roles[roles["entity"].isin(set(top_entities(roles, top, count="n_mentions")))]
    parts = [rows[["doc", "entity"]].assign(measure=role, value=(rows["role"] == role).astype(float))
             for role in ROLES]
    return pd.concat(parts).sort_index(kind="stable").reset_index(drop=True)
