"""The dictionary's document-level decision: ``present`` from a per-frame
minimum number of cue hits, chosen by cross-validation on coded documents.

Rule
    a document carries frame *f* when it has at least ``min_hits[f]``
    non-negated cue hits of *f* (column ``hits`` of
    :func:`analysis.framing.document_scores`). ``min_hits`` is read from
    ``lexicons/thresholds.csv`` (``scheme, frame, min_hits, chosen_on``);
    frames without a row use 1 ("any cue").

Why hits and not the rate per 1,000 words
    a coder reads the whole article, and a longer article has more room to
    develop a frame; on the calibration corpus a count threshold beat
    thresholds on the rate and on the share of sentences in cross-validated
    F1 (see ``benchmarks/frame_validation.py``). ``score`` stays the rate, for
    ranking documents of different length.

Choosing a threshold
    :func:`choose_threshold` takes the smallest ``k`` that maximises F1 of
    ``hits >= k`` on the training documents. :func:`cross_validated_presence`
    does this inside each of ``folds`` folds (documents are the units) and
    predicts the held-out fold, so the reported F1 never scores a document
    whose label chose its threshold.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError
from .cues import LEXICONS

__all__ = ["THRESHOLDS", "load_thresholds", "add_presence", "f1_of", "best_cut", "choose_threshold",
           "cross_validated_presence", "hits_table"]

THRESHOLDS = LEXICONS / "thresholds.csv"


def load_thresholds(scheme: str, path: Path | str = THRESHOLDS) -> dict[str, int]:
    """``{frame: min_hits}`` for one scheme (frames without a row are absent)."""
    path = Path(path)
    try:
        table = pd.read_csv(path, dtype={"scheme": str, "frame": str}, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(path, "thresholds file not found") from None
    if {"scheme", "frame", "min_hits"} - set(table.columns):
        raise InputError(path, "needs columns scheme, frame, min_hits")
    table = table[table["scheme"] == scheme]
    return {f: int(k) for f, k in zip(table["frame"], table["min_hits"])}


def add_presence(scores: pd.DataFrame, scheme: str, thresholds: dict[str, int] | None = None) -> pd.DataFrame:
    """``scores`` (from ``document_scores``) with a boolean ``present`` column by the rule above."""
    rule = load_thresholds(scheme) if thresholds is None else thresholds
    needed = scores["frame"].map(lambda f: rule.get(f, 1))
    return scores.assign(present=(scores["hits"] >= needed) & (scores["hits"] > 0))


def f1_of(y: np.ndarray, pred: np.ndarray) -> float:
    """F1 of the boolean decisions ``pred`` against ``y``: ``2 TP / (predicted + coded)``, 0 when both are 0."""
    y, pred = np.asarray(y, bool), np.asarray(pred, bool)
    return 2 * int((pred & y).sum()) / max(int(pred.sum() + y.sum()), 1)


def best_cut(scores: np.ndarray, y: np.ndarray, candidates: np.ndarray):
    """The smallest of ``candidates`` (ascending) whose rule ``scores >= cut``
    has the highest F1 against ``y``."""
    scores, y = np.asarray(scores), np.asarray(y, bool)
    best, best_f1 = candidates[0], -1.0
    for cut in candidates:
        f1 = f1_of(y, scores >= cut)
        if f1 > best_f1 + 1e-12:
            best, best_f1 = cut, f1
    return best


def choose_threshold(hits: np.ndarray, y: np.ndarray) -> int:
    """Smallest ``k >= 1`` maximising F1 of ``hits >= k`` against ``y``."""
    hits = np.asarray(hits)
    return int(best_cut(hits, y, np.unique(np.r_[1, hits[hits >= 1]])))


def cross_validated_presence(hits: np.ndarray, y: np.ndarray, folds: int = 5, seed: int = 0) -> np.ndarray:
    """Out-of-fold decisions: each fold's documents judged with the threshold
    chosen on the other folds (stratified by label, seeded)."""
    from sklearn.model_selection import StratifiedKFold

    hits, y = np.asarray(hits), np.asarray(y, bool)
    pred = np.zeros(len(y), bool)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in splitter.split(hits.reshape(-1, 1), y):
        pred[test] = hits[test] >= choose_threshold(hits[train], y[train])
    return pred


def hits_table(scores: pd.DataFrame, column: str = "hits") -> pd.DataFrame:
    """Documents × frames table of one column of ``document_scores`` (documents in order)."""
    table = scores.pivot(index="doc", columns="frame", values=column)
    table = table.reindex(index=list(dict.fromkeys(scores["doc"])), columns=list(dict.fromkeys(scores["frame"])))
    table.columns.name = None
    return table
