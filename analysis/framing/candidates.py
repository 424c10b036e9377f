"""Candidate cues and the rule that keeps them: the one data-driven step of the
dictionary's calibration, written so that it can run inside cross-validation folds.

Two kinds of ``generic`` cues
    the *seed-written lists* (``cues.csv`` minus the candidates) were written
    for the two seed texts before any coded corpus was seen; the *candidates*
    (``lexicons/candidates.csv``) were written from the coding questions of the
    Narrative Frames Corpus (which follow Semetko & Valkenburg 2000). A
    candidate is *kept* by :func:`select_candidates`, on coded documents only.

Rule (frozen before the nested evaluation)
    a candidate is kept for its frame when, among the training documents, at
    least :data:`MIN_DOCS` contain it (a non-negated occurrence, the candidate
    matched on its own) and the documents containing it are coded with the
    frame more often than those without it: the log odds ratio with 0.5 added
    to every cell (Haldane) is at least :data:`MIN_LOG_ODDS`. The rule was
    written down once, from the lexicon README's description of the 2026
    calibration ("document-level log odds >= 0.5"), plus the minimum of three
    documents so that a word seen once cannot be kept; it was not tuned against
    any evaluation fold.

Where it runs
    :func:`analysis.framing.validation_runs.nested_validation` applies it on
    the training folds only; the shipped ``cues.csv`` holds the seed-written
    lists plus the candidates kept on all 253 dev articles (selected on all
    dev articles, so its own fit on them is in-sample; the nested figures are
    the estimate of how it does on articles it did not see).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from ..errors import InputError
from ..paths import LEXICONS
from .cues import MATCH_COLUMNS, Lexicon, document_matches, load_lexicon, parse_cue, settings

__all__ = ["CANDIDATES", "MIN_DOCS", "MIN_LOG_ODDS", "load_candidates", "seed_lexicon", "with_cues",
           "lexicon_matches", "candidate_presence", "log_odds_ratio", "select_candidates"]

CANDIDATES = LEXICONS / "candidates.csv"
MIN_DOCS = 3
MIN_LOG_ODDS = 0.5


def load_candidates(scheme: str = "generic", path: Path | str = CANDIDATES) -> list[tuple[str, str]]:
    """``(frame, cue)`` of every candidate cue of ``scheme``, in file order."""
    path = Path(path)
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(path, "candidate cues file not found") from None
    if {"scheme", "frame", "cue"} - set(table.columns):
        raise InputError(path, "needs columns scheme, frame, cue")
    table = table[table["scheme"] == scheme]
    return list(zip(table["frame"], table["cue"]))


def seed_lexicon(scheme: str = "generic") -> Lexicon:
    """The shipped lexicon without any candidate cue: the seed-written lists."""
    lexicon = load_lexicon(scheme)
    candidates = set(load_candidates(scheme))
    return Lexicon(scheme, lexicon.frames, [c for c in lexicon.cues if (c.frame, c.text) not in candidates])


def with_cues(scheme: str, cues: Iterable[tuple[str, str]]) -> Lexicon:
    """The seed-written lists of ``scheme`` plus ``cues`` (``(frame, cue)`` pairs)."""
    base = seed_lexicon(scheme)
    return Lexicon(scheme, base.frames, base.cues + [parse_cue(scheme, f, c) for f, c in cues])


def lexicon_matches(docs, lexicon: Lexicon) -> pd.DataFrame:
    """The :func:`~analysis.framing.cues.find_cues` table of ``docs`` for any
    :class:`~analysis.framing.cues.Lexicon` (not only a shipped scheme)."""
    rules = settings()
    rows = [row for doc in docs for row in document_matches(doc, lexicon, rules)]
    return pd.DataFrame(rows, columns=MATCH_COLUMNS).astype(
        {"sentence": "int64", "start": "int64", "end": "int64", "negated": "bool"})


def candidate_presence(docs, scheme: str = "generic",
                       candidates: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    """Documents × candidates booleans: whether the document has a non-negated
    occurrence of the candidate matched on its own (columns ``frame:cue``).
    It does not depend on any label, so it is computed once for all folds."""
    candidates = load_candidates(scheme) if candidates is None else candidates
    frames = load_lexicon(scheme).frames
    ids = [d.id for d in docs]
    columns = {}
    for frame, cue in candidates:
        found = lexicon_matches(docs, Lexicon(scheme, frames, [parse_cue(scheme, frame, cue)]))
        seen = set(found.loc[~found["negated"], "doc"])
        columns[f"{frame}:{cue}"] = [d in seen for d in ids]
    return pd.DataFrame(columns, index=ids, dtype=bool)


def log_odds_ratio(has: np.ndarray, y: np.ndarray) -> float:
    """Log odds ratio of being coded ``y`` with and without the cue, 0.5 added to every cell."""
    has, y = np.asarray(has, bool), np.asarray(y, bool)
    a, b = (has & y).sum() + 0.5, (has & ~y).sum() + 0.5
    c, d = (~has & y).sum() + 0.5, (~has & ~y).sum() + 0.5
    return float(np.log(a * d / (b * c)))


def select_candidates(presence: pd.DataFrame, labels: pd.DataFrame, min_docs: int = MIN_DOCS,
                      min_log_odds: float = MIN_LOG_ODDS) -> list[tuple[str, str]]:
    """The candidates kept on the documents of ``labels`` (documents × frames
    booleans; only those rows of ``presence`` are read), by the rule in the
    module docstring, in ``presence``'s column order."""
    rows = presence.loc[labels.index]
    kept = []
    for column in rows.columns:
        frame, cue = column.split(":", 1)
        if frame not in labels.columns:
            continue
        has = rows[column].to_numpy(bool)
        if has.sum() >= min_docs and log_odds_ratio(has, labels[frame].to_numpy(bool)) >= min_log_odds:
            kept.append((frame, cue))
    return kept
