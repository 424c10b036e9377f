"""Where each lexicon list comes from: ``lexicons/provenance.csv`` and the per-row sources.

Values are ``written on the seeds`` (the two seed texts), ``calibrated on NFC dev`` (the generic
candidates kept on the Narrative Frames Corpus dev split) or a reference (``Hyland 2005``).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from .cues import LEXICONS, _frames_file, load_lexicon, schemes

PROVENANCE_LISTS = ("all", "seed-written", "candidates", "per row")


def frame_provenance(folder: Path = LEXICONS) -> pd.DataFrame:
    """``provenance.csv``: where each frame's cue list comes from, keyed by ``scheme, frame, list``.

    ``list`` is ``all`` (every cue of the frame), ``seed-written`` / ``candidates`` (the generic
    cues written on the seeds / kept from ``candidates.csv`` on the NFC dev split) or ``per row``
    (the scheme's own ``<scheme>-cues.csv`` gives a ``source`` per cue). Every frame of
    ``frames.csv`` must have a row (raises :class:`InputError`).
    """
    path = folder / "provenance.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"scheme", "frame", "list", "source"} - set(table.columns)
    if missing:
        raise InputError(path, f"missing columns: {', '.join(sorted(missing))}")
    if (table["source"].str.strip() == "").any():
        raise InputError(path, "every row needs a source")
    bad = sorted(set(table["list"]) - set(PROVENANCE_LISTS))
    if bad:
        raise InputError(path, f"unknown list {bad[0]!r}; use one of {', '.join(PROVENANCE_LISTS)}")
    frames = _frames_file(folder)
    lacking = sorted(set(zip(frames["scheme"], frames["frame"])) - set(zip(table["scheme"], table["frame"])))
    if lacking:
        raise InputError(path, "no provenance for " + ", ".join(f"{s}/{f}" for s, f in lacking))
    return table


def cue_provenance(scheme: str | None = None, folder: Path = LEXICONS) -> pd.DataFrame:
    """One row per cue: ``scheme, frame, cue, source`` (e.g. "written on the seeds",
    "calibrated on NFC dev", "Hyland 2005"), from ``provenance.csv`` and the per-row sources."""
    table = frame_provenance(folder)
    candidates = pd.read_csv(folder / "candidates.csv", dtype=str, keep_default_na=False)
    kept = set(zip(candidates["scheme"], candidates["frame"], candidates["cue"]))
    by_key = {(s, f, l): src for s, f, l, src in zip(table["scheme"], table["frame"], table["list"], table["source"])}
    rows = []
    for name in ([scheme] if scheme else schemes(folder)):
        lexicon = load_lexicon(name, folder)
        for cue, own in zip(lexicon.cues, lexicon.sources):
            if own:
                source = own
            elif (name, cue.frame, "all") in by_key:
                source = by_key[(name, cue.frame, "all")]
            else:
                part = "candidates" if (name, cue.frame, cue.text) in kept else "seed-written"
                source = by_key.get((name, cue.frame, part), "")
            rows.append((name, cue.frame, cue.text, source))
    return pd.DataFrame(rows, columns=["scheme", "frame", "cue", "source"])


def seed_written(scheme: str, frame: str, folder: Path = LEXICONS) -> bool:
    """Whether every cue of the frame was written on the seeds (no literature or calibration behind it)."""
    table = cue_provenance(scheme, folder)
    sources = table.loc[table["frame"] == frame, "source"]
    return bool(len(sources)) and bool((sources == "written on the seeds").all())
