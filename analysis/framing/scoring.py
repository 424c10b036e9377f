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

__all__ = ["prf", "binary_scores", "bootstrap_intervals", "frame_report", "seeds_report", "REPORT_COLUMNS", "SEEDS_COLUMNS"]

REPORT_COLUMNS = ["frame", "n_docs", "coded", "predicted", "precision", "recall", "f1", "auc",
                  "f1_low", "f1_high", "auc_low", "auc_high", "baseline_f1"]


def prf(y: np.ndarray, pred: np.ndarray) -> tuple:
    """``(precision, recall, f1)`` of boolean decisions ``pred`` against labels ``y``: scikit-learn's
    ``precision_recall_fscore_support``, the package's one precision/recall/F1.

    The one rule for undefined values: a ratio whose denominator is 0 is NaN, never 0: precision
    with nothing predicted (TP + FP = 0), recall with nothing coded (TP + FN = 0), F1 = 2 TP /
    (2 TP + FP + FN) with neither (TP + FP + FN = 0). A caller that ranks F1 (a threshold search)
    says how it ranks NaN. ``y`` and ``pred`` 1-D: floats; 2-D (units × columns): one value per
    column, all in one call (bootstrap resamples or candidate cuts as columns)."""
    from sklearn.metrics import precision_recall_fscore_support

    y, pred = np.asarray(y, bool), np.asarray(pred, bool)
    if y.ndim == 2:
        if y.size == 0 or y.shape[1] == 1:  # scikit-learn reads one column as a binary (not multilabel) target
            one = [prf(y[:, j], pred[:, j]) for j in range(y.shape[1])]
            return tuple(np.array([row[k] for row in one], float) for k in range(3))
        precision, recall, f1, _ = precision_recall_fscore_support(y, pred, average=None, zero_division=np.nan)
        return precision.astype(float), recall.astype(float), f1.astype(float)
    if y.size == 0:
        return float("nan"), float("nan"), float("nan")
    precision, recall, f1, _ = precision_recall_fscore_support(y, pred, average="binary", zero_division=np.nan)
    return float(precision), float(recall), float(f1)


def binary_scores(y: np.ndarray, pred: np.ndarray, score: np.ndarray | None = None) -> dict[str, float]:
    """precision, recall, f1 (:func:`prf`: NaN where undefined) and auc (NaN with one class only)."""
    y, pred = np.asarray(y, bool), np.asarray(pred, bool)
    precision, recall, f1 = prf(y, pred)
    out = {"precision": precision, "recall": recall, "f1": f1, "auc": float("nan")}
    if score is not None and 0 < y.sum() < len(y):
        from sklearn.metrics import roc_auc_score

        out["auc"] = float(roc_auc_score(y, score))
    return out


def bootstrap_intervals(y: np.ndarray, pred: np.ndarray, score: np.ndarray, n_boot: int = 1000,
                        seed: int = 0, level: float = 0.95) -> dict[str, float]:
    """Percentile intervals of F1 and AUC over documents resampled with replacement."""
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(seed)
    y, pred, score = np.asarray(y, bool), np.asarray(pred, bool), np.asarray(score, float)
    draws = np.array([rng.integers(0, len(y), len(y)) for _ in range(n_boot)], dtype=np.intp).reshape(n_boot, len(y))
    f1s = prf(y[draws].T, pred[draws].T)[2]  # one column per resample
    aucs = np.array([float(roc_auc_score(y[idx], score[idx])) if 0 < y[idx].sum() < len(idx) else np.nan
                     for idx in draws], float)
    lo, hi = 100 * (1 - level) / 2, 100 * (1 + level) / 2
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


def _auc(y: np.ndarray, score: np.ndarray) -> float:
    """Mann–Whitney AUC (ties one half); NaN with one class only."""
    from scipy.stats import rankdata

    n1 = int(y.sum())
    n0 = len(y) - n1
    if not n1 or not n0:
        return float("nan")
    return float((rankdata(score)[y].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


SEEDS_COLUMNS = REPORT_COLUMNS + ["no_better_than_baseline"]


def seeds_report(labels: pd.DataFrame, runs: list[tuple[pd.DataFrame, pd.DataFrame]], n_boot: int = 1000,
                 seed: int = 0, level: float = 0.95) -> pd.DataFrame:
    """:func:`frame_report` averaged over several runs (one per fold seed).

    ``runs`` holds ``(present, score)`` documents × frames tables, each with
    ``labels``' index. Every figure is the mean over runs; ``predicted`` is the
    rounded mean count. Intervals are percentile bootstrap intervals of that
    mean: each resample draws documents once and averages the runs' F1 (AUC)
    on them, so they describe document sampling, not the choice of folds. The
    ``mean`` row is the macro average, its interval bootstrapped the same way.
    ``no_better_than_baseline`` is true when the F1 interval reaches down to the
    always-present baseline (``f1_low <= baseline_f1``): such a frame's
    decisions are no better than saying "present" for every document.
    """
    frames = list(labels.columns)
    y = labels.astype(bool).to_numpy()
    preds = [np.asarray(p.reindex(index=labels.index, columns=frames).to_numpy(), bool) for p, _ in runs]
    scores = [np.asarray(s.reindex(index=labels.index, columns=frames).to_numpy(), float) for _, s in runs]
    rows = []
    for j, frame in enumerate(frames):
        per_run = [binary_scores(y[:, j], p[:, j], s[:, j]) for p, s in zip(preds, scores)]
        row = {"frame": frame, "n_docs": len(y), "coded": int(y[:, j].sum()),
               "predicted": int(round(np.mean([p[:, j].sum() for p in preds])))}
        row.update({k: float(np.mean([r[k] for r in per_run])) for k in ("precision", "recall", "f1", "auc")})
        p = y[:, j].mean()
        row["baseline_f1"] = 2 * p / (1 + p)
        rows.append(row)
    rng = np.random.default_rng(seed)
    draws = np.array([rng.integers(0, len(y), len(y)) for _ in range(n_boot)], dtype=np.intp).reshape(n_boot, len(y))
    width = n_boot * len(frames)  # resample b, frame j is column b * frames + j
    resampled = y[draws].transpose(1, 0, 2).reshape(len(y), width)
    f1s = np.mean([prf(resampled, p[draws].transpose(1, 0, 2).reshape(len(y), width))[2] for p in preds],
                  axis=0).reshape(n_boot, len(frames))
    aucs = np.full((n_boot, len(frames)), np.nan)
    for b, idx in enumerate(draws):
        for j in range(len(frames)):
            aucs[b, j] = np.mean([_auc(y[idx, j], s[idx, j]) for s in scores])
    lo, hi = 100 * (1 - level) / 2, 100 * (1 + level) / 2
    table = pd.DataFrame(rows)
    mean = table.drop(columns=["frame"]).mean(numeric_only=True)
    mean[["n_docs", "coded", "predicted"]] = table[["n_docs", "coded", "predicted"]].sum()
    table = pd.concat([table, pd.DataFrame([{"frame": "mean", **mean.to_dict()}])], ignore_index=True)
    if n_boot:
        for name, boot in (("f1", f1s), ("auc", aucs)):
            boot = np.column_stack([boot, np.nanmean(boot, axis=1)])
            table[f"{name}_low"] = np.nanpercentile(boot, lo, axis=0)
            table[f"{name}_high"] = np.nanpercentile(boot, hi, axis=0)
    table = table.reindex(columns=REPORT_COLUMNS)
    for col in ["n_docs", "coded", "predicted"]:
        table[col] = table[col].astype(int)
    table = table.round(3)
    table["no_better_than_baseline"] = table["f1_low"] <= table["baseline_f1"]
    return table
