"""The dictionary's document-level decision: ``present`` from a per-frame
minimum rate of cue hits per 1,000 words (length-aware), chosen on coded documents.

Rule
    a document carries frame *f* when its non-negated cue hits of *f* per
    1,000 words (column ``score`` of :func:`analysis.framing.document_scores`)
    reach ``min_rate[f]``; ``lexicons/thresholds.csv`` (``scheme, frame,
    min_hits, min_rate, chosen_on``) holds it. A frame whose ``min_rate`` is
    empty uses the count rule ``hits >= min_hits``; frames without a row use
    1 hit ("any cue").

Why the rate (length-aware)
    with a count threshold, 12 hits in a 1,400-word chapter made a frame
    present and 5 hits in a 600-word news piece did not, at almost the same
    density. In the nested validation on the dev split of the Narrative Frames
    Corpus (``benchmarks/frame_validation.py``, means over three fold seeds) the
    rate rule's macro-F1 is not lower than the count rule's (0.559 against
    0.553; AUC is the same, as both rank by ``score``), so the rate is the
    shipped rule; ``min_hits`` stays in the file, chosen the same way, for
    the count rule and the frame model's dictionary rule.

Choosing a threshold
    :func:`choose_rate` takes the smallest positive rate that maximises F1 of
    ``score >= rate`` on the training documents; :func:`choose_threshold` takes the smallest ``k`` that maximises F1 of
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

__all__ = ["THRESHOLDS", "load_thresholds", "load_rates", "add_presence", "choose_rate", "f1_of", "best_cut", "choose_threshold",
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


def load_rates(scheme: str, path: Path | str = THRESHOLDS) -> dict[str, float]:
    """``{frame: min_rate}`` (hits per 1,000 words) for one scheme; frames whose
    ``min_rate`` is empty, or a file without that column, give none."""
    path = Path(path)
    try:
        table = pd.read_csv(path, dtype={"scheme": str, "frame": str}, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(path, "thresholds file not found") from None
    if "min_rate" not in table.columns:
        return {}
    table = table[(table["scheme"] == scheme) & (table["min_rate"].astype(str) != "")]
    return {f: float(r) for f, r in zip(table["frame"], table["min_rate"])}


def add_presence(scores: pd.DataFrame, scheme: str, thresholds: dict[str, int] | None = None,
                 rates: dict[str, float] | None = None) -> pd.DataFrame:
    """``scores`` (from ``document_scores``) with a boolean ``present`` column by
    the rule above: ``score >= rates[f]`` for a frame with a rate, else
    ``hits >= thresholds[f]`` (1 without either). Given only ``thresholds``,
    the count rule applies to every frame; with neither, both come from
    ``thresholds.csv``."""
    if thresholds is None and rates is None:
        thresholds, rates = load_thresholds(scheme), load_rates(scheme)
    thresholds, rates = thresholds or {}, rates or {}
    present = (scores["hits"] >= scores["frame"].map(lambda f: thresholds.get(f, 1))).to_numpy()
    if rates:
        rate = scores["frame"].map(lambda f: rates.get(f, np.nan))
        present = np.where(rate.notna(), scores["score"] >= rate, present)
    return scores.assign(present=present & (scores["hits"] > 0).to_numpy())


def f1_of(y: np.ndarray, pred: np.ndarray) -> float:
    """F1 of the boolean decisions ``pred`` against ``y`` (:func:`analysis.framing.scoring.prf`:
    NaN when nothing is coded and nothing predicted)."""
    from .scoring import prf

    return prf(y, pred)[2]


def best_cut(scores: np.ndarray, y: np.ndarray, candidates: np.ndarray):
    """The smallest of ``candidates`` (ascending) whose rule ``scores >= cut``
    has the highest F1 against ``y`` (all cuts scored in one call of
    :func:`analysis.framing.scoring.prf`; an undefined F1 ranks as 0)."""
    from .scoring import prf

    scores, y, candidates = np.asarray(scores), np.asarray(y, bool), np.asarray(candidates)
    if not len(y):
        return candidates[0]
    decisions = scores[:, None] >= candidates[None, :]
    f1s = np.nan_to_num(prf(np.repeat(y[:, None], len(candidates), axis=1), decisions)[2], nan=0.0)
    best, best_f1 = candidates[0], -1.0
    for cut, f1 in zip(candidates, f1s):
        if f1 > best_f1 + 1e-12:
            best, best_f1 = cut, f1
    return best


def choose_threshold(hits: np.ndarray, y: np.ndarray) -> int:
    """Smallest ``k >= 1`` maximising F1 of ``hits >= k`` against ``y``."""
    hits = np.asarray(hits)
    return int(best_cut(hits, y, np.unique(np.r_[1, hits[hits >= 1]])))


def choose_rate(rate: np.ndarray, y: np.ndarray) -> float:
    """Smallest positive rate maximising F1 of ``rate >= cut`` against ``y`` (1.0 when no rate is positive)."""
    rate = np.asarray(rate, float)
    positive = rate[rate > 0]
    return float(best_cut(rate, y, np.unique(positive) if len(positive) else np.array([1.0])))


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
