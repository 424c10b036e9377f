"""Figures for the entity notebook: who each text names, and who is named together."""
from __future__ import annotations

import pandas as pd

from ..display import PALETTE


def plot_comparison(table: pd.DataFrame, docs: list[str], labels: list[str] | None = None,
                    measure: str = "share", noun: str = "actor"):
    """Horizontal grouped bars: one bar per document for each entity of a
    :func:`analysis.entities.compare` table (``measure``: share, per_1k or count;
    ``noun`` names what the shares are of, e.g. "person" for a PERSON-only table)."""
    import matplotlib.pyplot as plt
    import numpy as np

    labels = labels or docs
    rows = table.iloc[::-1]  # largest at the top
    y = np.arange(len(rows))
    height = 0.8 / max(1, len(docs))
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(rows) + 1.5))
    for i, (doc, label) in enumerate(zip(docs, labels)):
        ax.barh(y + (len(docs) - 1 - i) * height - 0.4 + height / 2, rows[f"{measure} {doc}"],
                height=height, color=PALETTE[i % len(PALETTE)], label=label)
    ax.set_yticks(y, [f"{e} ({t})" for e, t in zip(rows["entity"], rows["type"])])
    axis = {"share": f"share of the document's {noun} mentions (%)", "per_1k": "mentions per 1,000 words",
            "count": "mentions"}[measure]
    ax.set_xlabel(axis)
    ax.set_title(f"Which {noun}s each text foregrounds")
    ax.legend(loc="lower right", frameon=False)
    ax.grid(axis="y", visible=False)
    return fig


def plot_cooccurrence(matrices: dict[str, pd.DataFrame]):
    """One heat map per document: sentences naming both entities (diagonal:
    sentences naming the entity), counts written in the cells."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(matrices), figsize=(6.2 * len(matrices), 5.6), squeeze=False)
    for ax, (label, matrix) in zip(axes[0], matrices.items()):
        values = matrix.to_numpy()
        image = ax.imshow(values, cmap="cividis")
        names = list(matrix.index)
        ax.set_xticks(range(len(names)), names, rotation=45, ha="right")
        ax.set_yticks(range(len(names)), names)
        peak = values.max() if values.size else 0
        for i in range(len(names)):
            for j in range(len(names)):
                colour = "black" if values[i, j] > peak / 2 else "white"
                ax.text(j, i, str(values[i, j]), ha="center", va="center", fontsize=8, color=colour)
        ax.set_title(f"Named in the same sentence: {label}", fontsize=10)
        ax.set_xlabel("entity")
        ax.set_ylabel("entity")
        ax.grid(False)
        fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="sentences")
    fig.tight_layout()
    return fig
