"""Figures for the entity notebook: who each text names, and who is named together."""
from __future__ import annotations

import pandas as pd

from ..display import PALETTE


def entity_labels(rows: pd.DataFrame) -> list[str]:
    """Tick labels for entities: the name alone, with its type in brackets only where two types
    share the name ("Georgia (GPE)", "Georgia (PERSON)"); the figure states a single type once."""
    shared = rows.groupby("entity")["type"].nunique()
    return [f"{e} ({t})" if shared.get(e, 1) > 1 else str(e) for e, t in zip(rows["entity"], rows["type"])]


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
    ax.set_yticks(y, entity_labels(rows))
    axis = {"share": f"share of the document's {noun} mentions (%)", "per_1k": "mentions per 1,000 words",
            "count": "mentions"}[measure]
    ax.set_xlabel(axis)
    types = sorted(set(rows["type"]))
    single = f" (all {types[0]})" if len(types) == 1 and noun == "actor" else ""  # a "person" figure says it already
    ax.set_title(f"Which {noun}s each text foregrounds{single}")
    ax.legend(loc="lower right", frameon=False)
    ax.grid(axis="y", visible=False)
    return fig


COOCCURRENCE_LABEL = "sentences naming both actors"


def plot_cooccurrence(matrices: dict[str, pd.DataFrame]):
    """One heat map per document (or group): the sentences naming both entities, counts written
    in the cells. Every panel shares one colour scale (0 to the largest pair count of any panel)
    and one colour bar saying what the colour counts; the diagonal (the sentences naming one
    entity, its mentions) is masked, drawn blank, and its count moved to the tick label
    ("Putin (12)"), so that mentions do not swamp the pairs."""
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.colors import Normalize

    masked = {}
    for label, matrix in matrices.items():
        values = matrix.to_numpy()
        masked[label] = np.ma.masked_array(values, mask=np.eye(len(values), dtype=bool))
    peak = max((int(m.max()) for m in masked.values() if m.count()), default=0)
    norm = Normalize(vmin=0, vmax=max(peak, 1))
    cmap = plt.get_cmap("cividis").with_extremes(bad="white")
    fig, axes = plt.subplots(1, max(len(matrices), 1), figsize=(6.6 * max(len(matrices), 1) + 1.0, 5.8),
                             squeeze=False, layout="constrained")
    image = None
    for ax, (label, matrix) in zip(axes[0], matrices.items()):
        values = masked[label]
        image = ax.imshow(values, cmap=cmap, norm=norm)
        names = list(matrix.index)
        diagonal = matrix.to_numpy().diagonal()
        ticks = [f"{n} ({int(d)})" for n, d in zip(names, diagonal)]
        ax.set_xticks(range(len(names)), names, rotation=45, ha="right")
        ax.set_yticks(range(len(names)), ticks)
        for i in range(len(names)):
            for j in range(len(names)):
                if i == j:
                    continue
                colour = "black" if norm(values[i, j]) > 0.5 else "white"
                ax.text(j, i, str(values[i, j]), ha="center", va="center", fontsize=8, color=colour)
        ax.set_title(f"Named in the same sentence: {label}", fontsize=10)
        ax.set_xlabel("actor")
        if ax is axes[0][0]:
            ax.set_ylabel("actor (in brackets: sentences naming it; diagonal left blank)")
        ax.grid(False)
    if image is not None:
        fig.colorbar(image, ax=list(axes[0]), shrink=0.8, pad=0.02,
                     label=f"{COOCCURRENCE_LABEL} (one scale for every panel)")
    return fig
