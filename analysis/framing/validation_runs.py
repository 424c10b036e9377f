"""Validation of the dictionary and of the supervised model against document codings.

Nested validation (:func:`nested_validation`, the committed figures)
    every choice made from the coded articles happens on the training folds of
    an outer cross-validation: which candidate cues are kept
    (:mod:`analysis.framing.candidates`), each frame's cut for the count and the
    rate rule, and the model's own choices (cue weight, probability threshold,
    dictionary rule, by inner cross-validation within the training folds);
    the held-out fold is only judged. This is repeated for three fold seeds and
    averaged, with bootstrap intervals over documents
    (:func:`~analysis.framing.scoring.seeds_report`). Choices that are not
    made inside the folds are frozen and say where they came from: the
    candidate list and the keep rule (``candidates.py``), and the model's
    settings (``model.SETTINGS``: ``C``, the cue weight 0.1, the distinct-cue
    and amount weights 0.3, the length feature, the dictionary rule), which
    were settled in 2026 by comparing about six designs on the seed-0 outer
    folds of this same dev split (see the model's docstring), so they are not
    nested; issue 24 compared no further model design. ``python -m
    benchmarks.frame_validation`` writes the table to
    ``data/external-validation.csv``; :func:`validity_table` and
    :func:`weak_frames` read it for notebook 01 and for findings that rest on
    a frame.

Single cross-validation (:func:`validate_dictionary`, :func:`validate_model`)
    for any coded corpus with the shipped lexicon (``frame-model dictionary``
    and ``train``): the dictionary's per-frame ``min_hits`` (see
    :mod:`analysis.framing.calibration`) and the model are chosen on the
    training folds and judged on the held-out fold. AUC ranks documents by the
    dictionary's ``score`` (hits per 1,000 words) or by the model's
    probability. Tables come from :func:`analysis.framing.scoring.frame_report`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputError
from .calibration import choose_rate, choose_threshold, cross_validated_presence, hits_table
from .codings import document_labels, read_codings
from .frames import document_scores
from .scoring import frame_report

__all__ = ["labelled_documents", "validate_dictionary", "validate_model", "load_external", "EXTERNAL",
           "nested_validation", "validity_table", "weak_frames", "validity_note"]


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
    from .classifier import cross_validate

    prob, present = cross_validate(docs, labels, scheme, folds, seed)
    table = frame_report(labels, present, prob, n_boot, seed)
    table.insert(1, "method", "model")
    return table


EXTERNAL = Path(__file__).resolve().parent / "data" / "external-validation.csv"  # package data
SHOWN = ["method", "frame", "n_docs", "coded", "precision", "recall", "f1", "f1_low", "f1_high", "auc", "auc_low",
         "auc_high", "baseline_f1", "no_better_than_baseline"]
PROVENANCE_KEYS = ["corpus", "data_file", "data_sha256", "commit", "date", "folds", "seeds", "n_boot"]


def load_external(path: Path | str = EXTERNAL) -> tuple[pd.DataFrame, dict[str, str]]:
    """The committed nested validation (written by ``python -m benchmarks.frame_validation``):
    the per-frame table (methods ``seed-lists``, ``dictionary``, ``dictionary-rate``,
    ``model``; see :data:`METHODS`) and its provenance (corpus, data file, SHA-256,
    commit, date, folds, fold seeds, bootstrap resamples)."""
    path = Path(path)
    try:
        table = pd.read_csv(path, dtype={"commit": str, "data_sha256": str, "seeds": str})
    except FileNotFoundError:
        raise InputError(path, "external validation not found: run python -m benchmarks.frame_validation") from None
    missing = [k for k in PROVENANCE_KEYS + SHOWN + ["estimate", "cut_all_dev"] if k not in table.columns]
    if missing:
        raise InputError(path, f"missing columns: {', '.join(missing)}")
    provenance = {k: str(table[k].iloc[0]) for k in PROVENANCE_KEYS}
    return table[SHOWN + ["cut_all_dev", "estimate"]], provenance


def validity_table(method: str = "dictionary", path: Path | str = EXTERNAL) -> pd.DataFrame:
    """Per frame (and ``mean``), the nested estimate of ``method`` for notebook 01:
    F1 with its interval beside the always-present baseline, the flag
    ``no_better_than_baseline``, AUC with its interval and ``seed_lists_auc``, the
    AUC of the seed-written lists before calibration (nothing chosen on the articles)."""
    table, _ = load_external(path)
    if method not in set(table["method"]):
        raise InputError(path, f"no method {method!r} in the validation table")
    rows = table[table["method"] == method].set_index("frame")
    before = table[table["method"] == "seed-lists"].set_index("frame")["auc"]
    out = rows[["coded", "f1", "f1_low", "f1_high", "baseline_f1", "no_better_than_baseline", "auc", "auc_low",
                "auc_high"]].copy()
    out["seed_lists_auc"] = before.reindex(out.index)
    return out.reset_index()


def weak_frames(method: str = "dictionary", path: Path | str = EXTERNAL) -> set[str]:
    """Frames whose nested F1 interval reaches the always-present baseline:
    a finding that rests on one of them should say it is "no better than
    saying always present" (see :func:`validity_note`)."""
    table = validity_table(method, path)
    return {f for f, weak in zip(table["frame"], table["no_better_than_baseline"]) if f != "mean" and weak}


def validity_note(frame: str, method: str = "dictionary", path: Path | str = EXTERNAL) -> str:
    """A short caveat for a finding that rests on ``frame`` ("" when the frame beats the baseline)."""
    table = validity_table(method, path).set_index("frame")
    if frame not in table.index or not bool(table.loc[frame, "no_better_than_baseline"]):
        return ""
    r = table.loc[frame]
    return (f"no better than saying always present on coded news (F1 {r.f1:.2f} "
            f"[{r.f1_low:.2f}, {r.f1_high:.2f}], always present {r.baseline_f1:.2f})")


# --- nested validation -------------------------------------------------------------------------------------------

SEEDS = (0, 1, 2)
RULES = ("count", "rate")


def rule_threshold(values: np.ndarray, y: np.ndarray) -> float:
    """The smallest positive cut of ``values`` (hits or hits per 1,000 words)
    with the highest F1 of ``values >= cut`` against ``y``
    (:func:`~analysis.framing.calibration.choose_rate`; for counts the same
    cut as :func:`~analysis.framing.calibration.choose_threshold`)."""
    return choose_rate(values, y)


@dataclass
class FoldChoices:
    """Everything chosen on one outer fold's training documents."""

    seed: int
    fold: int
    test: list[str]                       # the outer test documents (their labels chose nothing here)
    cues: list[tuple[str, str]]           # candidates kept
    thresholds: dict[str, dict[str, float]]  # rule -> frame -> cut
    model: dict = field(default_factory=dict)  # the model's per-frame choices (threshold, rule, cue weight)


def _values(scores: pd.DataFrame, ids: list[str], frames: list[str], rule: str) -> np.ndarray:
    column = "hits" if rule == "count" else "score"
    return hits_table(scores, column).reindex(index=ids, columns=frames).fillna(0).to_numpy(float)


def nested_predictions(docs, labels: pd.DataFrame, scheme: str = "generic", folds: int = 5,
                       seeds: tuple[int, ...] = SEEDS, rules: tuple[str, ...] = RULES, model: bool = True,
                       settings: dict | None = None):
    """Out-of-fold decisions and ranking scores of every method, per fold seed,
    and the choices each outer fold made.

    For every seed, documents are split into ``folds`` folds (seeded
    :class:`~sklearn.model_selection.KFold`); on each fold's training documents
    the candidate cues are selected (:func:`~analysis.framing.candidates.select_candidates`),
    each dictionary rule's per-frame cut is chosen (``count``: hits, ``rate``:
    hits per 1,000 words) and the model is fitted with that fold's lexicon
    (its own choices made by inner cross-validation within the same training
    documents). Only then are the held-out documents matched against the
    choices. Returns ``(predictions, choices)``: ``predictions[method]`` is a
    list (one per seed) of ``(present, score)`` documents × frames tables;
    methods are ``dictionary-count``, ``dictionary-rate`` and ``model``.
    """
    from sklearn.model_selection import KFold

    from .candidates import candidate_presence, lexicon_matches, select_candidates, with_cues

    by_id = {d.id: d for d in docs}
    docs = [by_id[d] for d in labels.index]
    ids, frames = list(labels.index), [str(f) for f in labels.columns]
    presence = candidate_presence(docs, scheme)
    scores_by_cues: dict[tuple, pd.DataFrame] = {}  # matching is label-free: one table per distinct selection
    methods = [f"dictionary-{r}" for r in rules] + (["model"] if model else [])
    predictions: dict[str, list] = {m: [] for m in methods}
    choices: list[FoldChoices] = []
    for seed in seeds:
        tables = {m: (pd.DataFrame(False, index=ids, columns=frames), pd.DataFrame(0.0, index=ids, columns=frames))
                  for m in methods}
        split = KFold(n_splits=folds, shuffle=True, random_state=seed).split(np.zeros(len(docs)))
        for k, (train, test) in enumerate(split):
            train_labels = labels.iloc[train]
            cues = select_candidates(presence.iloc[train], train_labels)
            key = tuple(cues)
            if key not in scores_by_cues:
                scores_by_cues[key] = document_scores(docs, scheme, lexicon_matches(docs, with_cues(scheme, cues)))
            scores = scores_by_cues[key]
            rate = _values(scores, ids, frames, "rate")
            fold = FoldChoices(seed, k, [ids[i] for i in test], cues, {})
            for rule in rules:
                values = _values(scores, ids, frames, rule)
                cuts = {f: rule_threshold(values[train, j], train_labels[f].to_numpy(bool))
                        for j, f in enumerate(frames)}
                fold.thresholds[rule] = cuts
                present, score = tables[f"dictionary-{rule}"]
                present.iloc[test] = values[test] >= np.array([cuts[f] for f in frames])
                score.iloc[test] = rate[test]
            if model:
                from .classifier import fit_model

                fitted = fit_model([docs[i] for i in train], train_labels, scheme, settings, with_cues(scheme, cues))
                held = [docs[i] for i in test]
                p = fitted.probabilities(held)
                present, score = tables["model"]
                score.iloc[test] = p.to_numpy()
                present.iloc[test] = fitted.presence(held, p, _values(scores, ids, frames, "count")[test]).to_numpy()
                fold.model = {"thresholds": dict(zip(frames, map(float, fitted.thresholds))),
                              "rules": dict(zip(frames, fitted.rules())),
                              "cue_weights": dict(fitted.settings.get("frame_cue_weights", {}))}
            choices.append(fold)
        for m in methods:
            predictions[m].append(tables[m])
    return predictions, choices


METHODS = {
    "seed-lists": "the seed-written lists before calibration (no candidate cue), present = any cue; "
                  "nothing chosen on the articles",
    "dictionary": "nested: candidate cues kept and min_hits chosen on the training folds (shipped rule)",
    "dictionary-rate": "nested: candidate cues kept and a minimum of hits per 1,000 words chosen on the training "
                       "folds (length-aware rule)",
    "model": "nested: candidate cues kept, then the model (cue weight, thresholds, dictionary rule by inner "
             "cross-validation) fitted on the training folds; settings frozen (see the model's docstring)",
}


def nested_validation(docs, labels: pd.DataFrame, scheme: str = "generic", folds: int = 5,
                      seeds: tuple[int, ...] = SEEDS, n_boot: int = 1000, model: bool = True,
                      settings: dict | None = None) -> pd.DataFrame:
    """The validation table: one block of rows per method of :data:`METHODS`
    (per frame and ``mean``; columns of :func:`~analysis.framing.scoring.seeds_report`
    plus ``method``, ``estimate`` and ``cut_all_dev``, the dictionary rule's cut
    chosen on all documents, which is what the shipped ``thresholds.csv`` holds
    for the count rule)."""
    from .candidates import candidate_presence, lexicon_matches, seed_lexicon, select_candidates, with_cues
    from .scoring import seeds_report

    by_id = {d.id: d for d in docs}
    docs = [by_id[d] for d in labels.index]
    ids, frames = list(labels.index), [str(f) for f in labels.columns]
    seed_scores = document_scores(docs, scheme, lexicon_matches(docs, seed_lexicon(scheme)))
    seed_hits = _values(seed_scores, ids, frames, "count")
    runs = {"seed-lists": [(pd.DataFrame(seed_hits >= 1, index=ids, columns=frames),
                            pd.DataFrame(_values(seed_scores, ids, frames, "rate"), index=ids, columns=frames))]}
    predictions, _ = nested_predictions(docs, labels, scheme, folds, seeds, RULES, model, settings)
    runs.update({("dictionary" if m == "dictionary-count" else m): r for m, r in predictions.items()})
    all_scores = document_scores(docs, scheme, lexicon_matches(
        docs, with_cues(scheme, select_candidates(candidate_presence(docs, scheme), labels))))
    cuts = {m: {f: rule_threshold(_values(all_scores, ids, frames, rule)[:, j], labels[f].to_numpy(bool))
                for j, f in enumerate(frames)} for m, rule in (("dictionary", "count"), ("dictionary-rate", "rate"))}
    tables = []
    for method, method_runs in runs.items():
        table = seeds_report(labels, method_runs, n_boot, seeds[0])
        table.insert(1, "method", method)
        table["estimate"] = METHODS[method]
        table["cut_all_dev"] = table["frame"].map(cuts.get(method, {}))
        tables.append(table)
    return pd.concat(tables, ignore_index=True)
