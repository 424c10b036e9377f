"""Precision, recall, F1 and AUC of a frame decision against codings, with
bootstrap intervals over documents and the always-present baseline.

For one frame, with ``y`` the coded labels and ``pred`` the decisions::

    precision = TP / (TP + FP)     recall = TP / (TP + FN)
    F1 = 2 TP / (2 TP + FP + FN)   baseline F1 = 2 p / (1 + p), p = share coded present

(the baseline says "present" for every document: recall 1, precision p).
AUC is the probability that a coded document outranks an uncoded one on the
continuous ``score`` (ties count one half; Mann–Whitney). Intervals are
percentile bootstrap intervals: documents are resampled with replacement
``n_boot`` times with a fixed seed, so the interval describes sampling
variability of the *documents*, the units of coding.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["binary_scores", "bootstrap_intervals", "frame_report", "REPORT_COLUMNS"]

REPORT_COLUMNS = ["frame", "n_docs", "coded", "predicted", "precision", "recall", "f1", "auc",
                  "f1_low", "f1_high", "auc_low", "auc_high", "baseline_f1"]


def binary_scores(y: np.ndarray, pred: np.ndarray, score: np.ndarray | None = None) -> dict[str, float]:
    """precision, recall, f1 (NaN where undefined) and auc (NaN with one class only)."""
    y, pred = np.asarray(y, bool), np.asarray(pred, bool)
    tp, fp, fn = int((y & pred).sum()), int((~y & pred).sum()), int((y & ~pred).sum())
    nan = float("nan")
    out = {"precision": tp / (tp + fp) if tp + fp else nan, "recall": tp / (tp + fn) if tp + fn else nan,
           "f1": 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else nan, "auc": nan}
    if score is not None and 0 < y.sum() < len(y):
        from sklearn.metrics import roc_auc_score

        out["auc"] = float(roc_auc_score(y, score))
    return out


def bootstrap_intervals(y: np.ndarray, pred: np.ndarray, score: np.ndarray, n_boot: int = 1000,
                        seed: int = 0, level: float = 0.95) -> dict[str, float]:
    """Percentile intervals of F1 and AUC over documents resampled with replacement."""
    rng = np.random.default_rng(seed)
    y, pred, score = np.asarray(y, bool), np.asarray(pred, bool), np.asarray(score, float)
    f1s, aucs = [], []
    for _ in range(n_boot):
        idx = rng.integers(0, len(y), len(y))
        s = binary_scores(y[idx], pred[idx], score[idx])
        f1s.append(s["f1"])
        aucs.append(s["auc"])
    lo, hi = 100 * (1 - level) / 2, 100 * (1 + level) / 2
    f1s, aucs = np.array(f1s, float), np.array(aucs, float)
    return {"f1_low": float(np.nanpercentile(f1s, lo)), "f1_high": float(np.nanpercentile(f1s, hi)),
            "auc_low": float(np.nanpercentile(aucs, lo)), "auc_high": float(np.nanpercentile(aucs, hi))}


def frame_report(labels: pd.DataFrame, preds: pd.DataFrame, scores: pd.DataFrame, n_boot: int = 1000,
                 seed: int = 0) -> pd.DataFrame:
    """One row per frame (columns of ``labels``) and a ``mean`` row.

    ``labels``, ``preds`` and ``scores`` are documents × frames tables with the
    same index; documents without a coding for a frame (NaN) are left out for
    that frame. Values are rounded to three decimals.
    """
    rows = []
    for frame in labels.columns:
        known = labels[frame].notna()
        y = labels.loc[known, frame].astype(bool).to_numpy()
        p = preds.loc[known, frame].astype(bool).to_numpy()
        s = scores.loc[known, frame].astype(float).to_numpy()
        row = {"frame": frame, "n_docs": int(known.sum()), "coded": int(y.sum()), "predicted": int(p.sum())}
        row.update(binary_scores(y, p, s))
        row.update(bootstrap_intervals(y, p, s, n_boot, seed) if n_boot else {})
        prevalence = y.mean() if len(y) else float("nan")
        row["baseline_f1"] = 2 * prevalence / (1 + prevalence) if len(y) else float("nan")
        rows.append(row)
    table = pd.DataFrame(rows).reindex(columns=REPORT_COLUMNS)
    mean = table.drop(columns=["frame"]).mean(numeric_only=True)
    mean[["n_docs", "coded", "predicted"]] = table[["n_docs", "coded", "predicted"]].sum()
    table = pd.concat([table, pd.DataFrame([{"frame": "mean", **mean.to_dict()}])], ignore_index=True)
    for col in ["n_docs", "coded", "predicted"]:
        table[col] = table[col].astype(int)
    return table.round(3)
