"""One setup call for notebooks: display options, plot style, random seeds."""
from __future__ import annotations

import random

from .config import SEED

# Okabe & Ito (2008) colour-blind-safe palette.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


def setup() -> None:
    """Fix pandas display options, the matplotlib style and random seeds so
    that every notebook shows the same output on every run."""
    import matplotlib
    import numpy as np
    import pandas as pd

    pd.set_option("display.max_rows", 60)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 120)
    pd.set_option("display.max_colwidth", 90)
    pd.set_option("display.precision", 3)
    matplotlib.rcParams.update({
        "figure.figsize": (8, 4.5),
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "savefig.bbox": "tight",
        "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.alpha": 0.3,
        "axes.titleweight": "bold",
        "font.size": 10,
        "svg.hashsalt": str(SEED),
        "image.cmap": "cividis",
        # labels come from the corpus: "$5bn ... $3bn" must print as written, not as mathtext
        "text.parse_math": False,
    })
    random.seed(SEED)
    np.random.seed(SEED)


def _describe_figure(fig) -> str:
    """One line naming what ``fig`` shows: its title(s) and axis labels (alt text for the report)."""
    parts = [fig.get_suptitle().strip()]
    for ax in fig.get_axes():
        labels = (("x", ax.get_xlabel().strip()), ("y", ax.get_ylabel().strip()))
        bits = [ax.get_title().strip()] + [f"{axis} axis: {label}" for axis, label in labels if label]
        parts.append("; ".join(b for b in bits if b))
    return ". ".join(p for p in parts if p)


def save_figure(fig, name: str, data=None) -> "Path":  # noqa: F821
    """Save ``fig`` under the figures folder (PNG, no timestamp metadata).

    A PNG also stores the figure's title and axis labels as its description (the HTML
    report uses it as alternative text). With ``data`` (a DataFrame: the table the figure
    is drawn from), the table is written beside it as CSV under the same name
    (``02-sentiment-arcs.png`` -> ``02-sentiment-arcs.csv``); the report links the two.
    No saved or shown figure exceeds the limits of :mod:`analysis.figure_limits`
    (12 megapixels, 5,000 px on a side): a larger one is saved at a lower resolution.
    """
    from .figure_limits import fit_dpi
    from .paths import figure_path

    path = figure_path(name)
    metadata = {"Software": None}
    if path.suffix.lower() == ".png":
        description = _describe_figure(fig)
        if description:
            metadata["Description"] = description
    fig.savefig(path, metadata=metadata, dpi=fit_dpi(fig))
    if data is not None:
        import pandas as pd

        keep_index = not isinstance(data.index, pd.RangeIndex)
        from .escape import spreadsheet_safe

        spreadsheet_safe(data).to_csv(path.with_suffix(".csv"), index=keep_index, lineterminator="\n")
    return path
