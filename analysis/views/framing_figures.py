"""Figures for the framing notebook: frame profiles and keyness bars."""
from __future__ import annotations

import pandas as pd

from ..display import PALETTE
from .common import keep_legend


VOICE_STYLE = {"authorial": {"alpha": 1.0, "hatch": None}, "quoted": {"alpha": 0.45, "hatch": None},
               "attributed": {"alpha": 0.45, "hatch": "////"}}
VOICE_LABELS = {"authorial": "the writer's own words", "quoted": "quoted", "attributed": "attributed (reported speech)"}


def plot_profile(scores: pd.DataFrame, names: dict[str, str], title: str, value: str = "score",
                 xlabel: str = "cue hits per 1,000 words"):
    """Horizontal grouped bars: one group per frame, one bar per document.

    ``scores`` is a :func:`analysis.framing.frames.document_scores` table; ``names``
    maps document ids to display labels. When ``scores`` carries one column per voice
    (:func:`analysis.views.framing.voice_rates`), each bar is stacked by voice: the writer's own
    words solid, quoted pale, attributed (reported speech) pale and hatched; the bar's length stays
    the rate in all voices, and a second legend says what the shading means.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    frames = list(dict.fromkeys(scores["frame"]))
    docs = list(dict.fromkeys(scores["doc"]))
    labels = dict(zip(scores["frame"], scores["name"])) if "name" in scores else {f: f for f in frames}
    voices = [v for v in VOICE_STYLE if v in scores.columns]
    height = 0.8 / max(len(docs), 1)
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(frames) * max(len(docs), 1) + 1.2))
    for k, doc in enumerate(docs):
        ys = [i + (k - (len(docs) - 1) / 2) * height for i in range(len(frames))]
        colour = PALETTE[k % len(PALETTE)]
        if not voices:
            table = scores.pivot(index="frame", columns="doc", values=value).loc[frames, docs]
            ax.barh(ys, table[doc], height=height, color=colour, label=names.get(doc, doc))
            continue
        left = pd.Series(0.0, index=frames)
        for voice in voices:
            part = scores[scores["doc"] == doc].set_index("frame")[voice].reindex(frames, fill_value=0.0)
            ax.barh(ys, part, left=left, height=height, color=colour, alpha=VOICE_STYLE[voice]["alpha"],
                    hatch=VOICE_STYLE[voice]["hatch"], edgecolor="white", linewidth=0.3,
                    label=names.get(doc, doc) if voice == voices[0] else None)
            left = left + part
        ax.set_xlim(0, max(ax.get_xlim()[1], 1.05 * float(left.max())))  # empty segments would pin the margin
    ax.set_yticks(range(len(frames)), [labels[f] for f in frames])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel + (" (bar length: all voices)" if voices else ""))
    ax.set_title(title)
    if not voices:
        ax.legend(loc="lower right", frameon=False)
        fig.tight_layout()
        return fig
    keep_legend(ax, ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8,
                                title="document", title_fontsize=8))
    shading = [Patch(facecolor="0.45", alpha=VOICE_STYLE[v]["alpha"], hatch=VOICE_STYLE[v]["hatch"],
                     edgecolor="0.25", linewidth=0, label=VOICE_LABELS[v]) for v in voices]
    ax.legend(handles=shading, loc="lower left", bbox_to_anchor=(1.0, 0.0), frameon=False, fontsize=8,
              title="whose words", title_fontsize=8)
    fig.set_size_inches(10.5, fig.get_size_inches()[1])
    fig.tight_layout(rect=(0, 0, 0.76, 1))
    return fig


AXIS_WORDS = {"log_odds_z": "log-odds z-score", "log_odds": "log-odds ratio", "g2": "G² (log-likelihood)"}


def plot_keyness(table: pd.DataFrame, names: tuple[str, str], value: str = "log_odds_z",
                 title: str = "Words compared", threshold: float = 1.96, passing=None):
    """Diverging bars of ``value`` for a :func:`analysis.framing.keyness.top_terms` table:
    words typical of A point right, words typical of B point left.

    The axis is labelled in words (:data:`AXIS_WORDS`), never with the column name. ``passing``
    (one boolean per row of ``table``; default: ``|value| ≥ threshold``) marks the words that pass
    the threshold: they are drawn solid, the others pale, and the legend says which is which."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    passing = (table[value].abs() >= threshold) if passing is None else pd.Series(list(passing), index=table.index)
    data, passed = table.iloc[::-1], passing.iloc[::-1].astype(bool)
    colours = [PALETTE[0] if f == "a" else PALETTE[1] for f in data["favours"]]
    fig, ax = plt.subplots(figsize=(8, 0.28 * len(data) + 1.8))
    ax.barh(range(len(data)), data[value], color=colours, alpha=1.0)
    for bar, ok in zip(ax.patches, passed):
        bar.set_alpha(1.0 if ok else 0.35)
    ax.set_yticks(range(len(data)), data["term"])
    ax.axvline(0, color="black", linewidth=0.8)
    for bound in (-threshold, threshold):
        ax.axvline(bound, color="grey", linestyle=":", linewidth=0.8)
    what = AXIS_WORDS.get(value, value.replace("_", " "))
    ax.set_xlabel(f"{what} (positive: more in {names[0]}; negative: more in {names[1]}; "
                  f"dotted: |z| = {threshold:g})")
    handles = [Patch(color=PALETTE[0], label=f"more in {names[0]}"), Patch(color=PALETTE[1], label=f"more in {names[1]}")]
    if not passed.all():
        handles.append(Patch(color="0.6", alpha=0.35, label=f"pale: |z| < {threshold:g}"))
    ax.legend(handles=handles, loc="lower right", fontsize=8, frameon=False)
    ax.set_title(title)
    fig.tight_layout()
    return fig
