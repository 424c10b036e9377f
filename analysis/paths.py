"""Where things live: the one place that knows the project's folders.

Notebooks and commands never build paths like ``../seeds``; they ask here.
Two environment variables let a run point elsewhere without editing code:

``RDF_SEEDS``
    folder of ``.txt`` articles to analyse (default: the repository's ``seeds/``);
``RDF_FIGURES``
    folder figures are written to (default: the repository's ``figures/``).

The report command sets both, so that the same notebooks run on any corpus.
"""
from __future__ import annotations

import os
from pathlib import Path

ROOT: Path = Path(__file__).resolve().parent.parent
SEEDS: Path = ROOT / "seeds"
FIGURES: Path = ROOT / "figures"
NOTEBOOKS: Path = ROOT / "notebooks"
PACKAGE_DATA: Path = Path(__file__).resolve().parent / "data"

SEEDS_ENV = "RDF_SEEDS"
FIGURES_ENV = "RDF_FIGURES"


def seeds_dir() -> Path:
    """The corpus folder in force: ``$RDF_SEEDS`` if set, else ``seeds/``."""
    value = os.environ.get(SEEDS_ENV)
    return Path(value).expanduser().resolve() if value else SEEDS


def figures_dir() -> Path:
    """The figure folder in force (created on first use)."""
    value = os.environ.get(FIGURES_ENV)
    folder = Path(value).expanduser().resolve() if value else FIGURES
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def figure_path(name: str) -> Path:
    """Path for a figure file, e.g. ``figure_path("02-sentiment-arcs.png")``."""
    if "/" in name or "\\" in name:
        raise ValueError(f"figure name must be a bare file name, got {name!r}")
    return figures_dir() / name


def data_file(name: str) -> Path:
    """A data file shipped inside the package (lexicons, stop words...)."""
    return PACKAGE_DATA / name
