"""Figures for the framing notebook: frame profiles and keyness bars."""
from __future__ import annotations

import pandas as pd

from ..display import PALETTE


def plot_profile(scores: pd.DataFrame, names: dict[str, str], title: str, value: str = "score",
                 xlabel: str = "cue hits per 1,000 words"):
    """Horizontal grouped bars: one group per frame, one bar per document.

    ``scores`` is a :func:`analysis.framing.frames.document_scores` table; ``names``
    maps document ids to display labels.
    """
    import matplotlib.pyplot as plt

    frames = list(dict.fromkeys(scores["frame"]))
    docs = list(dict.fromkeys(scores["doc"]))
    labels = dict(zip(scores["frame"], scores["name"])) if "name" in scores else {f: f for f in frames}
    table = scores.pivot(index="frame", columns="doc", values=value).loc[frames, docs]
    height = 0.8 / max(len(docs), 1)
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(frames) * max(len(docs), 1) + 1.2))
    for k, doc in enumerate(docs):
        ys = [i + (k - (len(docs) - 1) / 2) * height for i in range(len(frames))]
        ax.barh(ys, table[doc], height=height, color=PALETTE[k % len(PALETTE)], label=names.get(doc, doc))
    ax.set_yticks(range(len(frames)), [labels[f] for f in frames])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.legend(loc="lower right", frameon=False)
    fig.tight_layout()
    return fig


def plot_keyness(table: pd.DataFrame, names: tuple[str, str], value: str = "log_odds_z",
                 title: str = "Distinctive words"):
    """Diverging bars of ``value`` for a :func:`analysis.framing.keyness.top_terms` table:
    words typical of A point right, words typical of B point left."""
    import matplotlib.pyplot as plt

    data = table.iloc[::-1]
    colours = [PALETTE[0] if f == "a" else PALETTE[1] for f in data["favours"]]
    fig, ax = plt.subplots(figsize=(8, 0.28 * len(data) + 1.4))
    ax.barh(range(len(data)), data[value], color=colours)
    ax.set_yticks(range(len(data)), data["term"])
    ax.axvline(0, color="black", linewidth=0.8)
    for bound in (-1.96, 1.96):
        ax.axvline(bound, color="grey", linestyle=":", linewidth=0.8)
    ax.set_xlabel(f"{value} (right: more typical of {names[0]}; left: of {names[1]}; dotted: |z| = 1.96)")
    ax.set_title(title)
    fig.tight_layout()
    return fig
