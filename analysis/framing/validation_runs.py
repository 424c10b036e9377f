"""Validation of the dictionary and of the supervised model against document codings.

Both are cross-validated with documents as units (``folds`` folds, seeded):
the dictionary's per-frame ``min_hits`` threshold (see
:mod:`analysis.framing.calibration`) and the model (thresholds included, see
:mod:`analysis.framing.model`) are chosen on the training folds only and judged
on the held-out fold. AUC ranks documents by the dictionary's ``score`` (hits
per 1,000 words) or by the model's probability. Tables come from
:func:`analysis.framing.scoring.frame_report`.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from .calibration import choose_threshold, cross_validated_presence, hits_table
from .codings import document_labels, read_codings
from .frames import document_scores
from .scoring import frame_report

__all__ = ["labelled_documents", "validate_dictionary", "validate_model", "load_external", "EXTERNAL"]


def labelled_documents(seeds: Path | str | None, codings: Path | str | pd.DataFrame):
    """The corpus' documents that are coded for every coded frame, in codings
    order, and their documents × frames boolean labels."""
    from ..corpus.model import load_corpus

    table = read_codings(codings) if not isinstance(codings, pd.DataFrame) else codings
    corpus = load_corpus(seeds)
    labels = document_labels(table)
    known = [d for d in labels.index if d in set(corpus.ids)]
    if not known:
        raise InputError(codings if not isinstance(codings, pd.DataFrame) else None,
                         "no coded document is in the corpus (do the doc ids match the file names?)")
    labels = labels.loc[known].dropna().astype(bool)
    return [corpus[d] for d in labels.index], labels


def validate_dictionary(docs, labels: pd.DataFrame, scheme: str = "generic", folds: int = 5, seed: int = 0,
                        n_boot: int = 1000) -> pd.DataFrame:
    """Cross-validated P/R/F1/AUC of ``hits >= min_hits`` per frame, plus
    ``min_hits`` chosen on all documents (what ``thresholds.csv`` should hold)."""
    scores = document_scores(docs, scheme)
    hits = hits_table(scores).reindex(index=labels.index, columns=labels.columns).fillna(0)
    rate = hits_table(scores, "score").reindex(index=labels.index, columns=labels.columns).fillna(0)
    pred = pd.DataFrame({f: cross_validated_presence(hits[f].to_numpy(), labels[f].to_numpy(), folds, seed)
                         for f in labels.columns}, index=labels.index)
    table = frame_report(labels, pred, rate, n_boot, seed)
    chosen = {f: choose_threshold(hits[f].to_numpy(), labels[f].to_numpy()) for f in labels.columns}
    table.insert(1, "method", "dictionary")
    table["min_hits"] = table["frame"].map(chosen).astype("Int64")
    return table


def validate_model(docs, labels: pd.DataFrame, scheme: str = "generic", folds: int = 5, seed: int = 0,
                   n_boot: int = 1000) -> pd.DataFrame:
    """Cross-validated P/R/F1/AUC of the supervised model per frame."""
    from .model import cross_validate

    prob, present = cross_validate(docs, labels, scheme, folds, seed)
    table = frame_report(labels, present, prob, n_boot, seed)
    table.insert(1, "method", "model")
    return table


EXTERNAL = Path(__file__).resolve().parent / "data" / "external-validation.csv"  # package data
SHOWN = ["method", "frame", "n_docs", "coded", "precision", "recall", "f1", "f1_low", "f1_high", "auc", "auc_low",
         "auc_high", "baseline_f1"]


def load_external(path: Path | str = EXTERNAL) -> tuple[pd.DataFrame, dict[str, str]]:
    """The committed external validation (written by ``python -m benchmarks.frame_validation``):
    the per-frame table and its provenance (corpus, data file, SHA-256, commit, date, folds, bootstrap)."""
    path = Path(path)
    try:
        table = pd.read_csv(path, dtype={"commit": str, "data_sha256": str})
    except FileNotFoundError:
        raise InputError(path, "external validation not found: run python -m benchmarks.frame_validation") from None
    keys = ["corpus", "data_file", "data_sha256", "commit", "date", "folds", "seed", "n_boot"]
    missing = [k for k in keys + SHOWN if k not in table.columns]
    if missing:
        raise InputError(path, f"missing columns: {', '.join(missing)}")
    provenance = {k: str(table[k].iloc[0]) for k in keys}
    return table[SHOWN + (["min_hits"] if "min_hits" in table.columns else [])], provenance
