"""Checking the frame dictionaries against a hand-coded sample.

The sample (``data/validation-sample.csv``, package data) lists, for each
coded sentence and scheme, the frames a human reader judged present, coded by
the codebook in the repository's ``notebooks/codebook/`` before the dictionaries existed. A
sentence *predicted* to carry a frame is one with at least one non-negated
cue of that frame. Per frame we count true/false positives and false
negatives over the coded sentences and report precision, recall and F1;
``micro`` pools all frames.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

from ..corpus.model import Corpus, Document
from ..types import as_documents
from .cues import find_cues, load_lexicon
from ..errors import InputError

SAMPLE = Path(__file__).resolve().parent / "data" / "validation-sample.csv"
METRIC_COLUMNS = ["frame", "coded", "predicted", "tp", "fp", "fn", "precision", "recall", "f1"]


def load_sample(path: Path | str = SAMPLE) -> pd.DataFrame:
    """The hand-coded sample: doc, sentence, scheme, frames (a sorted tuple), note.

    The file may name the sentence number ``index`` (its header before the tables said ``sentence``)."""
    path = Path(path)
    try:
        table = pd.read_csv(path, dtype={"doc": str, "scheme": str, "frames": str, "note": str},
                            keep_default_na=False)
    except FileNotFoundError:
        raise InputError(path, "validation sample not found") from None
    if "index" in table.columns and "sentence" not in table.columns:
        table = table.rename(columns={"index": "sentence"})
    missing = {"doc", "sentence", "scheme", "frames"} - set(table.columns)
    if missing:
        raise InputError(path, f"missing columns: {', '.join(sorted(missing))}")
    table["sentence"] = table["sentence"].astype(int)
    table["frames"] = table["frames"].map(lambda s: tuple(sorted(f.strip() for f in s.split(";") if f.strip())))
    return table


def _check_frames(sample: pd.DataFrame, scheme: str) -> None:
    known = set(load_lexicon(scheme).frame_ids)
    used = {f for frames in sample["frames"] for f in frames}
    if used - known:
        raise InputError(SAMPLE, f"unknown {scheme} frames in sample: {', '.join(sorted(used - known))}")


def compare(docs: Corpus | Document | Iterable[Document], scheme: str,
            sample: pd.DataFrame | None = None, matches: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per coded sentence present in ``docs``: doc, sentence, coded,
    predicted (tuples of frame ids), agree, text.

    Rows whose document or sentence index is not in ``docs`` are skipped, so
    the same sample can be used with any seeds folder.
    """
    docs = as_documents(docs)
    sample = load_sample() if sample is None else sample
    sample = sample[sample["scheme"] == scheme]
    _check_frames(sample, scheme)
    if matches is None:
        matches = find_cues(docs, scheme)
    flagged: dict[tuple[str, int], set[str]] = {}  # a plain pass: a groupby with a lambda per group is slow
    for d, i, f, neg in zip(matches["doc"], matches["sentence"], matches["frame"], matches["negated"]):
        if not neg:
            flagged.setdefault((d, i), set()).add(f)
    predicted = {key: tuple(sorted(fs)) for key, fs in flagged.items()}
    by_id = {d.id: d for d in docs}
    rows = []
    for r in sample.itertuples():
        doc = by_id.get(r.doc)
        if doc is None or not 0 <= r.sentence < len(doc.sentences):
            continue
        pred = predicted.get((r.doc, r.sentence), ())
        rows.append((r.doc, r.sentence, r.frames, pred, r.frames == pred, doc.sentences[r.sentence].text))
    return pd.DataFrame(rows, columns=["doc", "sentence", "coded", "predicted", "agree", "text"])


def metrics(comparison: pd.DataFrame, scheme: str) -> pd.DataFrame:
    """Per-frame precision/recall/F1 (:func:`analysis.framing.scoring.prf`: NaN where undefined,
    rounded to 3 decimals) from :func:`compare`, every frame of the scheme listed, then a pooled
    ``micro`` row (every frame's decisions as one set)."""
    from .scoring import prf

    frames = load_lexicon(scheme).frame_ids
    coded = np.array([[f in fs for f in frames] for fs in comparison["coded"]], bool).reshape(-1, len(frames))
    pred = np.array([[f in fs for f in frames] for fs in comparison["predicted"]], bool).reshape(-1, len(frames))
    tp, fp, fn = (coded & pred).sum(axis=0), (~coded & pred).sum(axis=0), (coded & ~pred).sum(axis=0)
    scores = np.column_stack(prf(coded, pred)) if len(frames) else np.empty((0, 3))
    rows = [(frame, int(coded[:, j].sum()), int(pred[:, j].sum()), int(tp[j]), int(fp[j]), int(fn[j]),
             *(round(float(v), 3) for v in scores[j])) for j, frame in enumerate(frames)]
    micro = prf(coded.ravel(), pred.ravel())
    rows.append(("micro", int(tp.sum() + fn.sum()), int(tp.sum() + fp.sum()), int(tp.sum()), int(fp.sum()),
                 int(fn.sum()), *(round(v, 3) for v in micro)))
    return pd.DataFrame(rows, columns=METRIC_COLUMNS)


def validate(docs: Corpus | Document | Iterable[Document], scheme: str,
             sample: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per-frame precision and recall of the ``scheme`` dictionary on the hand-coded sample."""
    return metrics(compare(docs, scheme, sample), scheme)
