"""Trends over time per group: per-document measures by month, week or year.

A document takes part where its catalog ``published`` date is precise enough
for the period: ``YYYY-MM-DD`` for weeks, ``YYYY-MM`` or finer for months,
``YYYY`` or finer for years. Others are left out and counted
(:func:`dated_documents` says which). Periods are labelled ``2019``,
``2019-03`` or the ISO week ``2019-W09`` (weeks start on Monday; the ISO year
can differ from the calendar year around New Year).

Within each period and side the statistics are those of
:func:`analysis.groups.stats.summarise`, documents as units: ``n_docs``, mean,
median and a seeded bootstrap 95 % interval, or the plain note
"not possible with one document" for a period with one document.
"""
from __future__ import annotations

import datetime

import pandas as pd

from ..errors import InputError
from .stats import LEVEL, N_BOOT, SEED, SUMMARY_COLUMNS, _keys, _round, summarise

__all__ = ["FREQUENCIES", "period_of", "dated_documents", "period_counts", "trends"]

FREQUENCIES = ("month", "week", "year")
PERIOD_COLUMNS = ["side", "group", "period"]


def period_of(published: str, freq: str = "month") -> str | None:
    """The period label of a catalog date, or ``None`` when it is missing or too coarse."""
    if freq not in FREQUENCIES:
        raise ValueError(f"freq must be one of {', '.join(FREQUENCIES)}, got {freq!r}")
    text = (published or "").strip()
    parts = text.split("-")
    try:
        if freq == "year" and len(parts) >= 1 and len(parts[0]) == 4:
            return str(int(parts[0]))
        if freq == "month" and len(parts) >= 2:
            return f"{datetime.date(int(parts[0]), int(parts[1]), 1):%Y-%m}"
        if freq == "week" and len(parts) == 3:
            year, week, _ = datetime.date.fromisoformat(text).isocalendar()
            return f"{year}-W{week:02d}"
    except ValueError:
        return None
    return None


def dated_documents(comparison, freq: str = "month") -> pd.DataFrame:
    """``doc, side, group, period`` of every compared document (``period`` None when undated)."""
    rows = [(d.id, side, comparison.name(side), period_of(d.entry.published, freq))
            for side, docs in (("a", comparison.docs_a), ("b", comparison.docs_b)) for d in docs]
    return pd.DataFrame(rows, columns=["doc", "side", "group", "period"])


def _dated(comparison, freq: str) -> pd.DataFrame:
    table = dated_documents(comparison, freq)
    dated = table[table["period"].notna()]
    if dated.empty:
        precision = {"week": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}[freq]
        raise InputError("--by period", f"no compared document has a 'published' date of the form {precision} "
                                        f"or finer, so there is no {freq} to group by")
    return dated


def period_counts(comparison, freq: str = "month") -> pd.DataFrame:
    """``side, group, period, n_docs``: dated documents per side and period, periods in order."""
    dated = _dated(comparison, freq)
    counts = dated.groupby(["side", "group", "period"], sort=True).size().rename("n_docs").reset_index()
    return counts.sort_values(["side", "period"], kind="stable").reset_index(drop=True)


def trends(measures: pd.DataFrame, comparison, freq: str = "month", n_boot: int = N_BOOT,
           level: float = LEVEL, seed: int = SEED) -> pd.DataFrame:
    """One row per measure, side and period: ``side, group, period``, the measure's
    key columns, then ``n_docs, mean, median, ci_low, ci_high, note``.
    Rows follow the measures' order, then side, then period."""
    keys = _keys(measures)
    dated = _dated(comparison, freq)
    table = measures.merge(dated, on="doc", how="inner")
    rows = []
    for key, group in table.groupby(keys, sort=False):
        key = key if isinstance(key, tuple) else (key,)
        for (side, name, period), cell in group.groupby(["side", "group", "period"], sort=True):
            rows.append((side, name, period, *key, *summarise(cell["value"], n_boot, level, seed).values()))
    out = pd.DataFrame(rows, columns=[*PERIOD_COLUMNS, *keys, *SUMMARY_COLUMNS])
    return _round(out, ["mean", "median", "ci_low", "ci_high"])
