"""Passage alignment: the similarity of :mod:`analysis.corpus.similarity` (TF-IDF cosine of
every pair of passages of two documents) and its heat map.

>>> al = Alignment.build(chapter, news, unit="sentence")
>>> al.similar(12, top=3)            # news sentences closest to chapter sentence 12
>>> al.best_pairs(top=10)            # the closest cross-document pairs, with shared terms
>>> al.topic("sanctions", top=3)     # each text's passages on a sub-topic
"""
from __future__ import annotations

import pandas as pd

from ..corpus.similarity import UNITS, Alignment, Passage, TfIdf, align, content, passages, query_terms, terms

__all__ = ["Alignment", "Passage", "TfIdf", "align", "passages", "plot_alignment", "query_terms", "content", "terms",
           "UNITS"]

# The cosine from which a passage counts as "close": below it the figure draws no "closest" mark and
# the pages say "no close passage". On the seeds, pairs from 0.15 share a phrase or two substantive
# words ("defense minister Shoigu", "issuing warnings", "discuss the treaty"); pairs between 0.10
# and 0.15 share only a common name ("North Korea", "Moscow").
CLOSE_SIMILARITY = 0.15


def plot_alignment(al: Alignment, left_name: str, right_name: str, ax=None, close: float = CLOSE_SIMILARITY):
    """Heat map of the similarity matrix (rows: left passages, columns: right passages), with the
    closest right passage of each left passage marked only where its cosine reaches ``close``
    (:data:`CLOSE_SIMILARITY`); the legend states the threshold and how many rows have no close
    passage. Returns the figure."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 6))
    image = ax.imshow(al.matrix, aspect="auto", cmap="cividis", vmin=0, interpolation="nearest")
    best = al.best_match()
    rows = [k for k, (v, s) in enumerate(zip(best["right_" + al.unit], best["similarity"]))
            if v is not None and not pd.isna(v) and s >= close]
    cols = [[p.index for p in al.right].index(int(best["right_" + al.unit][k])) for k in rows]
    ax.scatter(cols, rows, s=10, marker="o", facecolors="none", edgecolors="#E69F00", linewidths=0.8,
               label=f"closest {al.unit} of {right_name}, where the cosine reaches {close:g}; "
                     f"{len(al.left) - len(rows)} of {len(al.left)} rows have no close passage (no circle)")
    ax.set_xlabel(f"{right_name}: {al.unit} number")
    ax.set_ylabel(f"{left_name}: {al.unit} number")
    ax.set_title(f"Passage alignment: TF-IDF cosine of every pair of {al.unit}s")
    ax.figure.colorbar(image, ax=ax, label="cosine similarity")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), fontsize=8, frameon=False)
    return ax.figure
