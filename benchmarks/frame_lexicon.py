"""Rewrite the shipped generic lexicon's candidate rows and the dictionary's cuts from the dev split.

    python -m benchmarks.frame_lexicon [--dev PATH] [--lexicons DIR] [--check]

What the shipped files hold, made reproducible:

``lexicons/cues.csv``
    the seed-written lists (rows that are not in ``candidates.csv``), untouched,
    plus the candidate cues kept by
    :func:`analysis.framing.candidates.select_candidates` on all coded articles
    of the Narrative Frames Corpus dev split. The candidate rows form one block
    (where the first of them stands, else at the end of the file): rows still
    kept stay in place and order, rows no longer kept go, newly kept ones are
    appended to the block in ``candidates.csv`` order. A second run on the
    same data changes nothing.
``lexicons/thresholds.csv``
    per ``generic`` frame ``min_hits``
    (:func:`~analysis.framing.calibration.choose_threshold` on the hits) and
    ``min_rate`` (:func:`~analysis.framing.calibration.choose_rate` on the hits
    per 1,000 words, which ``document_scores`` rounds to three decimals) chosen
    on all those articles with that lexicon; other columns and rows stay.

Both are in-sample on dev; the nested estimate of how they do on unseen
articles is ``python -m benchmarks.frame_validation``. The dev file is read as
there (``$RDF_SHARED`` or ``../shared`` beside the repository, or ``--dev``).
``--check`` writes nothing and exits 1 when a file would change. About 1 CPU
minute.
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

import numpy as np

from analysis.framing.calibration import choose_rate, choose_threshold, hits_table
from analysis.framing.candidates import candidate_presence, lexicon_matches, load_candidates, select_candidates, with_cues
from analysis.framing.frames import document_scores
from analysis.paths import LEXICONS

from .frame_validation import DEFAULT_DEV, dev_documents

SCHEME = "generic"


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _text(fields: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def cue_rows(rows: list[dict[str, str]], candidates: list[tuple[str, str]],
             kept: list[tuple[str, str]], scheme: str = SCHEME) -> list[dict[str, str]]:
    """``rows`` of ``cues.csv`` with the candidate rows of ``scheme`` replaced by
    ``kept``: still-kept rows in place, dropped ones removed, new ones appended to
    the candidate block in ``candidates`` order; every other row untouched."""
    candidate_set, kept_set = set(candidates), set(kept)
    is_candidate = [r["scheme"] == scheme and (r["frame"], r["cue"]) in candidate_set for r in rows]
    at = is_candidate.index(True) if any(is_candidate) else len(rows)
    before = [r for r, c in zip(rows[:at], is_candidate[:at]) if not c]
    block = [r for r, c in zip(rows[at:], is_candidate[at:]) if c and (r["frame"], r["cue"]) in kept_set]
    after = [r for r, c in zip(rows[at:], is_candidate[at:]) if not c]
    present = {(r["frame"], r["cue"]) for r in block}
    block += [{"scheme": scheme, "frame": f, "cue": c} for f, c in candidates if (f, c) in kept_set - present]
    return before + block + after


def cuts(docs, labels, kept: list[tuple[str, str]], scheme: str = SCHEME) -> dict[str, tuple[int, float]]:
    """``{frame: (min_hits, min_rate)}`` chosen on all ``docs`` with the seed-written lists plus ``kept``."""
    scores = document_scores(docs, scheme, lexicon_matches(docs, with_cues(scheme, kept)))
    ids, frames = list(labels.index), [str(f) for f in labels.columns]
    out = {}
    for column, name in (("hits", "min_hits"), ("score", "min_rate")):
        table = hits_table(scores, column).reindex(index=ids, columns=frames).fillna(0)
        for f in frames:
            y = labels[f].to_numpy(bool)
            values = table[f].to_numpy(float)
            cut = choose_threshold(values, y) if column == "hits" else round(choose_rate(values, y), 3)
            out.setdefault(f, {})[name] = cut
    return {f: (int(v["min_hits"]), float(v["min_rate"])) for f, v in out.items()}


def threshold_rows(rows: list[dict[str, str]], chosen: dict[str, tuple[int, float]],
                   scheme: str = SCHEME) -> list[dict[str, str]]:
    """``rows`` of ``thresholds.csv`` with ``min_hits``/``min_rate`` of ``scheme``'s frames set to ``chosen``."""
    out = []
    for row in rows:
        row = dict(row)
        if row["scheme"] == scheme and row["frame"] in chosen:
            k, rate = chosen[row["frame"]]
            row["min_hits"], row["min_rate"] = str(k), repr(rate)
        out.append(row)
    missing = set(chosen) - {r["frame"] for r in rows if r["scheme"] == scheme}
    if missing:
        raise SystemExit(f"thresholds.csv has no {scheme} row for {', '.join(sorted(missing))}")
    return out


def rewrite(docs, labels, lexicons: Path = LEXICONS, write: bool = True) -> dict[str, bool]:
    """Rewrite (or, with ``write=False``, only compare) ``cues.csv`` and
    ``thresholds.csv`` in ``lexicons``; ``{file name: changed}``."""
    candidates = load_candidates(SCHEME, lexicons / "candidates.csv")
    kept = select_candidates(candidate_presence(docs, SCHEME, candidates), labels)
    changed = {}
    for name, update in (("cues.csv", lambda rows: cue_rows(rows, candidates, kept)),
                         ("thresholds.csv", lambda rows: threshold_rows(rows, cuts(docs, labels, kept)))):
        path = lexicons / name
        old = path.read_text(encoding="utf-8")
        fields, rows = _read(path)
        new = _text(fields, update(rows))
        changed[name] = new != old
        if write and changed[name]:
            path.write_text(new, encoding="utf-8", newline="")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.frame_lexicon", description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="the dev TSV")
    parser.add_argument("--lexicons", type=Path, default=LEXICONS,
                        help="folder with cues.csv, candidates.csv, thresholds.csv (default: the package's)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when a file would change")
    args = parser.parse_args(argv)
    if not args.dev.is_file():
        print(f"error: {args.dev}: dev file not found (set RDF_SHARED or --dev)", file=sys.stderr)
        return 2
    docs, labels = dev_documents(args.dev)
    changed = rewrite(docs, labels, args.lexicons, write=not args.check)
    for name, differs in changed.items():
        state = ("would change" if args.check else "rewritten") if differs else "unchanged"
        print(f"{name}: {state}", file=sys.stderr)
    return 1 if args.check and any(changed.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
