"""VADER against human polarity judgements: macro-F1 with bootstrap intervals.

The benchmark ``python -m benchmarks.vader_newsmtsc`` scores sentences of
NewsMTSC (Hamborg & Donnay 2021: political-news sentences whose crowd coders
labelled the sentiment *toward a named target*) with the package's VADER
(:func:`analysis.sentiment.compound`, labelled with the neutral band of
:data:`analysis.config.NEUTRAL_BAND`) and compares the sentence's label with
the coders' polarity. On a sentence with one target the coders' polarity is
the closest available proxy for the sentence's tone, not the tone itself; in
``devtest_mt`` (two or more targets per sentence, often of different
polarity) each target is a row and the proxy is weaker still.

Macro-F1 is the mean of the three classes' F1 (the measure the NewsMTSC
authors report); its 95 % interval is a percentile bootstrap that resamples
*sentences* (all targets of a drawn sentence come along), seeded; the
majority baseline always answers the most frequent class. The results are
committed in ``data/newsmtsc-agreement.csv``; :func:`load_newsmtsc_agreement`
reads them for notebook 02.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..config import SEED
from ..errors import InputError
from ._vader import SENTIMENTS

__all__ = ["NEWSMTSC_AGREEMENT", "AGREEMENT_COLUMNS", "macro_f1", "agreement_row", "load_newsmtsc_agreement"]

NEWSMTSC_AGREEMENT = Path(__file__).resolve().parent / "data" / "newsmtsc-agreement.csv"
AGREEMENT_COLUMNS = ["split", "unit", "sentences", "rows", "macro_f1", "macro_f1_low", "macro_f1_high", "accuracy",
                     "f1_negative", "f1_neutral", "f1_positive", "majority_class", "majority_macro_f1"]


def _confusion(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    return np.bincount(gold * 3 + pred, minlength=9).reshape(3, 3)


def _f1s(confusion: np.ndarray) -> np.ndarray:
    tp = np.diag(confusion).astype(float)
    denominator = confusion.sum(axis=0) + confusion.sum(axis=1)
    return np.divide(2 * tp, denominator, out=np.zeros(3), where=denominator > 0)


def macro_f1(gold, pred) -> float:
    """Mean F1 over negative, neutral and positive (a class never coded nor
    predicted scores 0)."""
    index = {s: i for i, s in enumerate(SENTIMENTS)}
    g = np.array([index[x] for x in gold])
    p = np.array([index[x] for x in pred])
    return float(_f1s(_confusion(g, p)).mean())


def agreement_row(split: str, unit: str, sentence_ids, gold, pred, n_boot: int = 1000,
                  seed: int = SEED) -> dict:
    """One row of :data:`AGREEMENT_COLUMNS` for aligned sequences (one per row:
    the sentence id, the coders' polarity, VADER's label)."""
    index = {s: i for i, s in enumerate(SENTIMENTS)}
    g = np.array([index[x] for x in gold])
    p = np.array([index[x] for x in pred])
    ids = pd.factorize(pd.Series(list(sentence_ids)))[0]
    n_sent = int(ids.max()) + 1 if len(ids) else 0
    # per sentence confusion matrices, so that a resample of sentences is a weighted sum
    per_sentence = np.zeros((n_sent, 9))
    np.add.at(per_sentence, (ids, g * 3 + p), 1)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n_sent, size=(n_boot, n_sent))
    weights = np.stack([np.bincount(d, minlength=n_sent) for d in draws])
    boot = [_f1s((w @ per_sentence).reshape(3, 3)).mean() for w in weights]
    confusion = _confusion(g, p)
    f1 = _f1s(confusion)
    majority = int(np.bincount(g, minlength=3).argmax())
    base = _f1s(_confusion(g, np.full_like(g, majority))).mean()
    low, high = np.percentile(boot, [2.5, 97.5])
    return {"split": split, "unit": unit, "sentences": n_sent, "rows": len(g), "macro_f1": round(float(f1.mean()), 3),
            "macro_f1_low": round(float(low), 3), "macro_f1_high": round(float(high), 3),
            "accuracy": round(float(np.trace(confusion) / len(g)), 3), "f1_negative": round(float(f1[0]), 3),
            "f1_neutral": round(float(f1[1]), 3), "f1_positive": round(float(f1[2]), 3),
            "majority_class": SENTIMENTS[majority], "majority_macro_f1": round(float(base), 3)}


def load_newsmtsc_agreement(path: Path | str = NEWSMTSC_AGREEMENT) -> pd.DataFrame:
    """The committed agreement of VADER with NewsMTSC polarity (one row per split),
    with its provenance columns (data file hashes, commit, date, resamples, seed)."""
    path = Path(path)
    try:
        table = pd.read_csv(path, dtype={"commit": str})
    except FileNotFoundError:
        raise InputError(path, "VADER agreement not found: run python -m benchmarks.vader_newsmtsc") from None
    missing = [c for c in AGREEMENT_COLUMNS if c not in table.columns]
    if missing:
        raise InputError(path, f"missing columns: {', '.join(missing)}")
    return table
