"""Sentiment figures: arcs, distributions and sentiment around entities."""
from __future__ import annotations

import pandas as pd

from ..sentiment._vader import SENTIMENTS, THRESHOLD
from ..sentiment.scores import aggregate


def _names(names: dict[str, str] | None, doc: str) -> str:
    return (names or {}).get(doc, doc)


def plot_arcs(arc_frame: pd.DataFrame, names: dict[str, str] | None = None, ax=None):
    """Sentence compound (points) and its smoothed line against relative
    position, every document on one 0–1 axis; returns the figure."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5))
    ax.axhspan(-THRESHOLD, THRESHOLD, color="0.85", alpha=0.6, lw=0, label="neutral band (±0.05)")
    ax.axhline(0, color="0.4", lw=0.8)
    for k, (doc, group) in enumerate(arc_frame.groupby("doc", sort=False)):
        colour = f"C{k}"
        ax.scatter(group.position, group.compound, s=16, alpha=0.45, color=colour)
        ax.plot(group.position, group.smooth, color=colour, lw=2.2,
                label=f"{_names(names, doc)} (rolling mean of {int(group.window.iloc[0])} sentences)")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("relative position in the document (0 = first sentence, 1 = last)")
    ax.set_ylabel("VADER compound")
    ax.set_title("Sentiment arcs: sentence sentiment through each text")
    ax.legend(loc="lower left", fontsize=8, frameon=False)
    return ax.figure


def plot_distributions(scores: pd.DataFrame, names: dict[str, str] | None = None):
    """Left: sentence compounds per document (histogram, 0.1 bins).
    Right: share of positive, neutral and negative sentences; returns the figure."""
    import matplotlib.pyplot as plt
    import numpy as np

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), gridspec_kw={"width_ratios": [3, 2]})
    bins = np.linspace(-1, 1, 21)
    docs = list(dict.fromkeys(scores.doc))
    for k, doc in enumerate(docs):
        values = scores.loc[scores.doc == doc, "compound"]
        weights = np.full(len(values), 1 / max(len(values), 1))
        left.hist(values, bins=bins, weights=weights, histtype="stepfilled", alpha=0.3, color=f"C{k}")
        left.hist(values, bins=bins, weights=weights, histtype="step", lw=2, color=f"C{k}", label=_names(names, doc))
    left.set_xlabel("VADER compound of a sentence")
    left.set_ylabel("share of the document's sentences")
    left.set_title("Distribution of sentence sentiment")
    left.legend(fontsize=8, frameon=False)
    shares = aggregate(scores, ["doc"]).set_index("doc")
    bottom = np.zeros(len(docs))
    colours = {"negative": "C5", "neutral": "0.75", "positive": "C2"}
    for s in SENTIMENTS:
        values = shares.loc[docs, f"share_{s}"].to_numpy()
        right.bar(range(len(docs)), values, bottom=bottom, color=colours[s], label=s)
        bottom += values
    right.set_xticks(range(len(docs)), [_names(names, d) for d in docs], fontsize=8)
    right.set_ylabel("share of sentences")
    right.set_title("Sentence labels (±0.05)")
    handles, labels = right.get_legend_handles_labels()  # legend top-down like the stack
    right.legend(handles[::-1], labels[::-1], fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    return fig


def plot_entity_sentiment(frame: pd.DataFrame, names: dict[str, str] | None = None, top: int = 12, ax=None):
    """Mean compound of the sentences naming each entity, one marker per
    document (size = number of sentences); the ``top`` entities by sentences."""
    import matplotlib.pyplot as plt

    totals = frame.groupby("entity").sentences.sum().sort_values(ascending=False, kind="stable")
    keep = sorted(totals.index[:top], key=lambda e: (-totals[e], e))[::-1]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.5 + 0.35 * len(keep)))
    y = {e: i for i, e in enumerate(keep)}
    ax.axvspan(-THRESHOLD, THRESHOLD, color="0.85", alpha=0.6, lw=0)
    ax.axvline(0, color="0.4", lw=0.8)
    for k, (doc, group) in enumerate(frame[frame.entity.isin(keep)].groupby("doc", sort=False)):
        ax.scatter(group.compound, group.entity.map(y), s=25 + 18 * group.sentences, alpha=0.75,
                   color=f"C{k}", label=_names(names, doc))
    ax.set_yticks(range(len(keep)), keep)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("mean VADER compound of the sentences that mention the entity")
    ax.set_title("Sentiment around entities (marker size = sentences)")
    if ax.get_legend_handles_labels()[0]:  # nothing to label when no entity was found
        ax.legend(fontsize=8, frameon=False, loc="lower right")
    return ax.figure
