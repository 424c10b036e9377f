"""Sentiment toward a target: the polarity a sentence expresses toward one named span.

>>> predict_sentiment([("Washington accused Pyongyang of supplying shells.", 19, 28)])
... # one row: sentiment, p_negative, p_neutral, p_positive, evidence

Why not sentence VADER
    sentence-level VADER gives every actor in a sentence the sentence's tone:
    in "Washington accused Pyongyang of supplying shells that killed civilians"
    Washington, Pyongyang and the civilians all get one score. This model reads
    the sentence *from the target's position*.

Features (each a named block; :data:`BLOCKS`)
    :mod:`analysis.actors.target_features`: the masked words of the sentence and of the
    target's clause, the words beside the target, the target's place in spaCy's parse,
    VADER scores of its clause and of the words near it in the parse, and spaCy's
    contextual vectors of the target, its head, its clause and the sentence.

Model
    one multinomial logistic regression (scikit-learn, L2); ``C``, class weights and blocks are chosen by
    cross-validation inside the training data, folds grouped by sentence (``benchmarks.train_target_sentiment``);
    the vector features are standardised with the training means and scales shipped in the file, and a bias for
    the neutral class chosen by the same cross-validation is folded into the intercepts.
    The shipped ``data/target-sentiment.json`` holds vocabulary, coefficients, intercepts and settings: loading
    parses JSON into numpy arrays, so it cannot execute code, and prediction needs no scikit-learn. Its measured
    agreement is in ``target-sentiment-scores.csv`` beside it.

Evidence
    per decision, the features that weighed most toward the chosen class
    against the mean of the classes (``x_j * (w_cj - mean_k w_kj)``), in words:
    ``'accuse' (verb, target is object) +0.84; 'slammed' (in the sentence) +0.51``.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import InputError
from .target_features import BLOCKS, MASK, WINDOW, describe, featurize, item_features, select  # noqa: F401

__all__ = ["predict_sentiment", "load_sentiment_model", "TargetSentimentModel", "item_features", "COLUMNS",
           "CLASSES", "MODEL_PATH", "SCORES_PATH"]

FORMAT = "rdf-target-sentiment/2"
READABLE = ("rdf-target-sentiment/1", FORMAT)
CLASSES = ("negative", "neutral", "positive")
COLUMNS = ["sentiment", "p_negative", "p_neutral", "p_positive", "evidence"]
DATA = Path(__file__).parent / "data"
MODEL_PATH = DATA / "target-sentiment.json"
SCORES_PATH = DATA / "target-sentiment-scores.csv"
TOP_EVIDENCE = 4


def feature_matrix(feats: list[dict[str, float]], index: dict[str, int], blocks: Iterable[str],
                   standardize: dict[str, tuple[float, float]] | None = None):
    """Items × features sparse matrix over ``index`` (feature → column, built from the features of ``blocks``
    only, so that features of other blocks are dropped with the unknown ones) for the model and its training
    script; ``standardize`` maps a numeric feature to ``(mean, scale)``: its value becomes ``(x - mean) / scale``."""
    import scipy.sparse as sp

    standardize = standardize or {}
    rows, cols, vals = [], [], []
    for r, f in enumerate(feats):
        for k, v in sorted(f.items()):
            j = index.get(k)
            if j is not None:
                if k in standardize:
                    m, sc = standardize[k]
                    v = (v - m) / sc
                rows.append(r)
                cols.append(j)
                vals.append(v)
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(feats), len(index)), dtype=float)


@dataclass
class TargetSentimentModel:
    """A trained target-sentiment model: feature names, coefficients (classes × features),
    intercepts, the settings it was chosen with and the ``(mean, scale)`` of its numeric
    (vector) features."""

    features: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    settings: dict
    meta: dict
    standardize: dict | None = None

    def __post_init__(self) -> None:
        self.index = {f: i for i, f in enumerate(self.features)}
        # evidence groups: each feature is its own, but the numbers of one vector part are one
        names = [f.partition(":")[0] if f.startswith("vector|") else f for f in self.features]
        self._group_names, self._group = np.unique(np.array(names, dtype=object), return_inverse=True)

    def matrix(self, feats: list[dict[str, float]]):
        """Items × features sparse matrix (unknown features dropped)."""
        return feature_matrix(feats, self.index, self.settings["blocks"], self.standardize)

    def probabilities(self, x) -> np.ndarray:
        z = np.asarray(x @ self.coef.T) + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, feats: list[dict[str, float]], top: int = TOP_EVIDENCE) -> pd.DataFrame:
        """One row per item: ``sentiment``, ``p_negative``, ``p_neutral``, ``p_positive``, ``evidence``."""
        x = self.matrix(feats)
        prob = self.probabilities(x)
        centred = self.coef - self.coef.mean(axis=0, keepdims=True)
        rows = []
        for r in range(x.shape[0]):
            c = int(np.argmax(prob[r]))
            lo, hi = x.indptr[r], x.indptr[r + 1]
            idx, val = x.indices[lo:hi], x.data[lo:hi]
            groups, where = np.unique(self._group[idx], return_inverse=True)
            sums = np.bincount(where.ravel(), weights=val * centred[c, idx], minlength=len(groups))
            weighed = {self._group_names[g]: float(w) for g, w in zip(groups, sums) if w > 0.005}
            order = sorted(weighed, key=lambda k: (-weighed[k], k))
            notes = dict(k[5:].split("=", 1) for k in feats[r] if k.startswith("note|"))
            words = [f"{describe(k, notes.get(k))} {weighed[k]:+.2f}" for k in order[:top] if weighed[k] > 0.005]
            rows.append((CLASSES[c], *(round(float(p), 4) for p in prob[r]), "; ".join(words)))
        return pd.DataFrame(rows, columns=COLUMNS)

    def to_json(self) -> dict:
        return {"format": FORMAT, "classes": list(CLASSES), "settings": self.settings, "meta": self.meta,
                "features": self.features, "intercept": [round(float(v), 6) for v in self.intercept],
                "coef": [[round(float(v), 6) for v in row] for row in self.coef],
                "standardize": {k: [round(float(m), 6), round(float(s), 6)]
                                for k, (m, s) in sorted((self.standardize or {}).items())}}

    def save(self, path: Path | str) -> Path:
        """Write the model as JSON (sorted keys, fixed rounding: byte-identical across runs)."""
        path = Path(path)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                        encoding="utf-8")
        return path


def load_sentiment_model(path: Path | str | None = None) -> TargetSentimentModel:
    """Read a model file: only JSON parsing and numpy arrays, never pickle."""
    path = Path(path) if path is not None else MODEL_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "no such model file") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(path, "not a JSON model file") from None
    if not isinstance(data, dict) or data.get("format") not in READABLE or tuple(data.get("classes", ())) != CLASSES:
        raise InputError(path, f"not a target-sentiment model (format {FORMAT})")
    coef = np.asarray(data["coef"], dtype=float)
    intercept = np.asarray(data["intercept"], dtype=float)
    if coef.shape != (len(CLASSES), len(data["features"])) or intercept.shape != (len(CLASSES),):
        raise InputError(path, "coefficients do not match the features")
    standardize = {str(k): (float(m), float(s)) for k, (m, s) in dict(data.get("standardize") or {}).items()}
    if any(not s > 0 for _, s in standardize.values()):
        raise InputError(path, "a feature's scale is not positive")
    return TargetSentimentModel(list(data["features"]), coef, intercept, dict(data["settings"]), dict(data["meta"]),
                                standardize)


@lru_cache(maxsize=1)
def _shipped() -> TargetSentimentModel:
    return load_sentiment_model(MODEL_PATH)


def predict_sentiment(items: Sequence[tuple[str, int, int]], model: TargetSentimentModel | None = None,
                      parsed: dict | None = None) -> pd.DataFrame:
    """The sentiment toward each target: one row per ``(text, start, end)`` (character
    offsets, ``end`` exclusive), in order, with columns :data:`COLUMNS`; ``parsed``: see :func:`featurize`."""
    items = list(items)
    model = model or _shipped()
    if not items:
        return pd.DataFrame(columns=COLUMNS)
    return model.predict(featurize(items, parsed))


def file_sha256(path: Path | str) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
