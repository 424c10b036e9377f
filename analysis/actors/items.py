"""Reading a targets file: one JSON object per line with ``id``, ``text``, ``start``, ``end``.

Offsets are 0-based character (code point) offsets into ``text``, ``end``
exclusive, as Python slices them. Blank lines are skipped. A bad line stops the
whole read with an :class:`~analysis.errors.InputError` naming the file and the
line number (the command line prints it on one line, exit status 2).
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..errors import InputError

__all__ = ["read_targets", "TARGET_COLUMNS"]

TARGET_COLUMNS = ["id", "text", "start", "end"]


def _kind(value) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null",
            int: "an integer", float: "a number"}.get(type(value), type(value).__name__)


def _check(record, n: int, path: Path) -> tuple[str, str, int, int]:
    def bad(problem: str):
        return InputError(path, f"line {n}: {problem}")

    if not isinstance(record, dict):
        raise bad(f"not a JSON object (got {_kind(record)})")
    missing = [k for k in TARGET_COLUMNS if k not in record]
    if missing:
        raise bad("missing key " + ", ".join(f"'{k}'" for k in missing))
    ident, text, start, end = (record[k] for k in TARGET_COLUMNS)
    if isinstance(ident, bool) or not isinstance(ident, (str, int)) or (isinstance(ident, str) and not ident.strip()):
        raise bad(f"'id' must be a non-empty string or an integer (got {_kind(ident)})")
    if not isinstance(text, str):
        raise bad(f"'text' must be a string (got {_kind(text)})")
    for key, value in (("start", start), ("end", end)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise bad(f"'{key}' must be an integer (got {_kind(value)})")
    if not 0 <= start <= len(text) or not 0 <= end <= len(text):
        raise bad(f"offsets {start}-{end} lie outside the text ({len(text)} characters)")
    if end <= start or not text[start:end].strip():
        raise bad(f"empty target span {start}-{end}")
    return str(ident), text, start, end


def read_targets(path: Path | str) -> pd.DataFrame:
    """The targets of a JSONL file: columns ``id``, ``text``, ``start``, ``end``, one row per
    non-blank line, in file order. Ids must be unique."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a JSONL file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None
    rows, seen = [], {}
    for n, line in enumerate(raw.split(b"\n"), start=1):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(path, f"line {n}: not UTF-8 text") from None
        if n == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            raise InputError(path, f"line {n}: not JSON") from None
        row = _check(record, n, path)
        if row[0] in seen:
            raise InputError(path, f"line {n}: duplicate id '{row[0]}' (first on line {seen[row[0]]})")
        seen[row[0]] = n
        rows.append(row)
    return pd.DataFrame(rows, columns=TARGET_COLUMNS).astype({"start": "int64", "end": "int64"})
