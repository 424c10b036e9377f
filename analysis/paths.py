"""Where things live: the one place that knows the project's folders.

Notebooks and commands never build paths like ``../seeds``; they ask here.
``RDF_SEEDS`` and ``RDF_FIGURES`` (see :mod:`analysis.config`) point a run
elsewhere without editing code.
"""
from __future__ import annotations

from pathlib import Path

from .config import FIGURES_ENV, SEED_LEXICONS_ENV, SEEDS_ENV, folder, switch

ROOT: Path = Path(__file__).resolve().parent.parent
SEEDS: Path = ROOT / "seeds"
FIGURES: Path = ROOT / "figures"
NOTEBOOKS: Path = ROOT / "notebooks"
PACKAGE_DATA: Path = Path(__file__).resolve().parent / "data"
LEXICONS: Path = Path(__file__).resolve().parent / "framing" / "lexicons"

__all__ = ["ROOT", "SEEDS", "FIGURES", "NOTEBOOKS", "PACKAGE_DATA", "LEXICONS", "SEEDS_ENV", "FIGURES_ENV", "seeds_dir",
           "seed_lexicons", "figures_dir", "figure_path", "data_file"]


def seeds_dir() -> Path:
    """The corpus folder in force: ``$RDF_SEEDS`` if set, else ``seeds/``. A set but empty
    ``RDF_SEEDS`` is an :class:`~analysis.errors.InputError`, like an empty ``--seeds``."""
    return folder(SEEDS_ENV, empty_ok=False) or SEEDS


def seed_lexicons() -> bool:
    """Whether cue lists written on the seeds (the metaphor fields) are reported: ``RDF_SEED_LEXICONS``
    when set (``1``/``0``), otherwise only when the corpus in force is the repository's ``seeds/``."""
    chosen = switch(SEED_LEXICONS_ENV)
    if chosen is not None:
        return chosen
    return seeds_dir().resolve() == SEEDS.resolve()


def figures_dir() -> Path:
    """The figure folder in force (created on first use)."""
    path = folder(FIGURES_ENV) or FIGURES
    path.mkdir(parents=True, exist_ok=True)
    return path


def figure_path(name: str) -> Path:
    """Path for a figure file, e.g. ``figure_path("02-sentiment-arcs.png")``."""
    if "/" in name or "\\" in name:
        raise ValueError(f"figure name must be a bare file name, got {name!r}")
    return figures_dir() / name


def data_file(name: str) -> Path:
    """A data file shipped inside the package (lexicons, stop words...)."""
    return PACKAGE_DATA / name
