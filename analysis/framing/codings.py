"""Hand codings of frames: one CSV format for people, widgets and imported corpora.

A codings file has one row per decision::

    doc, frame, value[, sentence][, coder]

``doc`` is a document id of the corpus, ``frame`` a frame id of a scheme
(``conflict``), ``value`` 1/0 (``true``/``false``, ``yes``/``no`` are read too),
``sentence`` the 0-based sentence index for sentence-level coding (empty for a
whole document) and ``coder`` who made the decision. Files are appended to one
row at a time (:func:`append_coding`), so a crash loses at most the answer
being written.

:func:`codings_from_table` turns a table with one boolean column per frame
(the Narrative Frames Corpus' ``CO/HI/EC/MO/RE``) into codings for our five
generic frames; :func:`document_labels` aggregates codings into one yes/no per
document and frame (a majority of coders; a document carries a frame when any
of its coded sentences does).
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd

from ..errors import InputError

__all__ = ["CODING_COLUMNS", "NFC_FRAMES", "read_codings", "append_coding", "write_codings",
           "codings_from_table", "document_labels"]

CODING_COLUMNS = ["doc", "frame", "value", "sentence", "coder"]
REQUIRED = ("doc", "frame", "value")
# Narrative Frames Corpus (Frermann et al. 2023) codes -> our generic frames (Semetko & Valkenburg 2000).
# RE ("resolution": who is responsible, what solves it) is the corpus' counterpart of `responsibility`.
NFC_FRAMES = {"CO": "conflict", "HI": "human_interest", "EC": "economic_consequences", "MO": "morality",
              "RE": "responsibility"}
_TRUE = {"1", "true", "yes", "y", "t"}
_FALSE = {"0", "false", "no", "n", "f"}


def _as_value(text: str, path: Path, line: int) -> int:
    word = str(text).strip().lower()
    if word in _TRUE:
        return 1
    if word in _FALSE:
        return 0
    raise InputError(path, f"row {line}: value {text!r} is not 1/0, true/false or yes/no")


def read_codings(path: Path | str) -> pd.DataFrame:
    """A codings CSV as a table with columns :data:`CODING_COLUMNS`
    (``value`` int 0/1, ``sentence`` Int64 with <NA> for document codings,
    ``coder`` "" when absent)."""
    path = Path(path)
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(path, "codings file not found") from None
    except (pd.errors.EmptyDataError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise InputError(path, f"not a readable CSV ({type(exc).__name__})") from None
    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise InputError(path, f"missing columns: {', '.join(missing)} (need doc, frame, value)")
    for column in ("sentence", "coder"):
        if column not in table.columns:
            table[column] = ""
    table["value"] = [_as_value(v, path, i + 2) for i, v in enumerate(table["value"])]
    bad = [i + 2 for i, s in enumerate(table["sentence"]) if s.strip() and not s.strip().isdigit()]
    if bad:
        raise InputError(path, f"row {bad[0]}: sentence must be a 0-based index or empty")
    table["sentence"] = pd.array([int(s) if s.strip() else pd.NA for s in table["sentence"]], dtype="Int64")
    return table[CODING_COLUMNS].reset_index(drop=True)


def append_coding(path: Path | str, rows: Iterable[Mapping]) -> None:
    """Append coding rows to ``path`` (header written when the file is new) and
    flush them to disk at once."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)  # made on the first answer, not when a notebook merely runs
    new = not path.exists() or path.stat().st_size == 0
    with path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=CODING_COLUMNS, lineterminator="\n")
        if new:
            writer.writeheader()
        for row in rows:
            sentence = row.get("sentence")
            writer.writerow({"doc": row["doc"], "frame": row["frame"], "value": int(row["value"]),
                             "sentence": "" if sentence is None or pd.isna(sentence) else int(sentence),
                             "coder": row.get("coder", "")})
        handle.flush()


def write_codings(table: pd.DataFrame, path: Path | str) -> Path:
    """Write a codings table (columns :data:`CODING_COLUMNS`) to a new CSV."""
    path = Path(path)
    out = table.reindex(columns=CODING_COLUMNS).copy()
    out["sentence"] = out["sentence"].astype("Int64").astype(str).replace("<NA>", "")
    out = out.fillna("")
    out.to_csv(path, index=False, lineterminator="\n")
    return path


def codings_from_table(path: Path | str, id_column: str = "ID", frames: Mapping[str, str] = NFC_FRAMES,
                       coder: str = "", strict: bool = False) -> pd.DataFrame:
    """Codings from a table (TSV, or CSV by extension) with one True/False column
    per frame: one document-level row per article and frame.

    The defaults read the Narrative Frames Corpus (``ID``; ``CO HI EC MO RE``)
    and name the frames of our ``generic`` scheme, so the codings match a
    corpus folder written by ``python -m analysis import FILE --id-column ID``.
    An empty cell means "not coded" and gives no row. A cell that is not a
    yes/no value raises :class:`InputError` with ``strict``; otherwise it is
    skipped and listed in ``result.attrs["skipped"]`` as ``(id, column, value)``
    (the dev file has one ``False)``).
    """
    path = Path(path)
    sep = "," if path.suffix.lower() == ".csv" else "\t"
    try:
        table = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(path, "table not found") from None
    missing = [c for c in (id_column, *frames) if c not in table.columns]
    if missing:
        raise InputError(path, f"missing columns: {', '.join(missing)}")
    rows, skipped = [], []
    for i, record in enumerate(table.to_dict("records")):
        for code, frame in frames.items():
            cell = record[code].strip()
            if not cell:
                continue
            try:
                rows.append((record[id_column], frame, _as_value(cell, path, i + 2), pd.NA, coder))
            except InputError:
                if strict:
                    raise
                skipped.append((record[id_column], code, cell))
    out = pd.DataFrame(rows, columns=CODING_COLUMNS)
    out["sentence"] = out["sentence"].astype("Int64")
    out.attrs["skipped"] = skipped
    return out


def document_labels(codings: pd.DataFrame) -> pd.DataFrame:
    """One row per document, one boolean column per coded frame.

    Per coder, a document carries a frame if its document coding says so or
    any of its coded sentences does; across coders the majority decides (ties
    count as present, as in "coded by at least half"). Documents are in order
    of first appearance, frames likewise.
    """
    if codings.empty:
        return pd.DataFrame()
    per_coder = codings.groupby(["doc", "frame", "coder"], sort=False)["value"].max()
    share = per_coder.groupby(level=["doc", "frame"], sort=False).mean()
    table = (share >= 0.5).unstack("frame")
    docs = list(dict.fromkeys(codings["doc"]))
    frames = list(dict.fromkeys(codings["frame"]))
    table = table.reindex(index=docs, columns=frames)
    table.columns.name = None
    table.index.name = "doc"
    return table
