"""Printing tables for the command line: aligned text, CSV or JSON."""
from __future__ import annotations

import json
import sys
from typing import TextIO

import pandas as pd

FORMATS = ("table", "csv", "json")
TABLE_COLUMN_WIDTH = 60


def render(frame: pd.DataFrame, fmt: str) -> str:
    """The text of ``frame`` in one of :data:`FORMATS`; JSON is a list of
    records with keys in column order, byte-identical across runs."""
    if fmt == "csv":
        return frame.to_csv(index=False, lineterminator="\n")
    if fmt == "json":
        records = json.loads(frame.to_json(orient="records", force_ascii=False, double_precision=10))
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    if frame.empty:
        return "(no rows)\n"
    # Long text columns are cut for the terminal; csv and json keep them whole.
    return frame.to_string(index=False, max_colwidth=TABLE_COLUMN_WIDTH) + "\n"


def emit(frame: pd.DataFrame, fmt: str, stream: TextIO | None = None) -> None:
    (stream or sys.stdout).write(render(frame, fmt))
