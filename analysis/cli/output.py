"""Printing tables for the command line: aligned text, CSV or JSON."""
from __future__ import annotations

import json
import sys
from typing import TextIO

import pandas as pd

FORMATS = ("table", "csv", "json")
TABLE_COLUMN_WIDTH = 60


def _text_cells(frame: pd.DataFrame, clean) -> pd.DataFrame:
    """``frame`` with ``clean`` applied to every text cell (and column name)."""
    out = frame.copy()
    for column in out.columns:
        if not (pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_datetime64_any_dtype(out[column])):
            out[column] = out[column].map(lambda v: clean(v) if isinstance(v, str) else v).astype(object)
    out.columns = [clean(c) if isinstance(c, str) else c for c in out.columns]
    return out


def _encodable(text: str) -> str:
    """Undecodable bytes of a file name (lone surrogates) shown as ``\\xNN``."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def render(frame: pd.DataFrame, fmt: str) -> str:
    """The text of ``frame`` in one of :data:`FORMATS`; JSON is a list of
    records with keys in column order, byte-identical across runs.

    CSV cells that a spreadsheet would run as a formula get a leading ``'``
    (:func:`analysis.escape.csv_cell`); the table strips control characters
    (:func:`analysis.escape.terminal_text`); JSON keeps every value exact. All
    three show undecodable file-name bytes as ``\\xNN``.
    """
    from ..escape import spreadsheet_safe, terminal_text

    frame = _text_cells(frame, _encodable)
    if fmt == "csv":
        return spreadsheet_safe(frame).to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        records = json.loads(frame.to_json(orient="records", force_ascii=False, double_precision=10))
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if frame.empty:
        return "(no rows)\n"
    # Long text columns are cut for the terminal; csv and json keep them whole.
    return _text_cells(frame, terminal_text).to_string(index=False, max_colwidth=TABLE_COLUMN_WIDTH) + "\n"


def emit(frame: pd.DataFrame, fmt: str, stream: TextIO | None = None) -> None:
    (stream or sys.stdout).write(render(frame, fmt))
