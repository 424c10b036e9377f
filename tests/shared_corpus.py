"""Where the tests find the shared real-data corpora: ``../shared`` beside the
repository (as in CI), or the folder ``$RDF_SHARED`` names (a git worktree
elsewhere). Tests that use them skip when they are absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from analysis import paths

SHARED = Path(os.environ.get("RDF_SHARED") or paths.ROOT.parent / "shared")
DEV_TSV = SHARED / "corpora" / "narrative-frames" / "dev.tsv"
needs_dev = pytest.mark.skipif(not DEV_TSV.is_file(), reason=f"{DEV_TSV} is absent (set RDF_SHARED)")


def dev_slice(folder: Path, n_rows: int) -> Path:
    """The header and ``n_rows`` articles of dev.tsv spread evenly over the file (it is
    sorted by leaning, so every leaning is in the slice), written to ``folder/slice.tsv``
    (a temporary folder: the data are never copied into the repository)."""
    import csv
    import io

    text = DEV_TSV.read_text(encoding="utf-8")
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
    header, rows = records[0], records[1:]
    step = max(1, len(rows) // n_rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter="\t", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows[::step][:n_rows])
    path = folder / "slice.tsv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path
