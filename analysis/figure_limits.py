"""Size limits for every figure the project writes or shows.

A figure that stacks one panel per document grows with the corpus: at 428
documents a profile plot was 1,184 × 404,624 px and Pillow refused to open it.
The notebooks draw per-group figures on large corpora, and this module is the
backstop where figures are saved (:func:`analysis.save_figure`): no figure goes
over :data:`MAX_PIXELS` or :data:`MAX_SIDE` pixels on a side, saved or shown.

The limit is kept by lowering the resolution (dots per inch), never by cropping:
the saved file at ``dpi`` is ``width_in × dpi`` by ``height_in × dpi`` pixels,
so the largest allowed resolution is

    dpi_max = min(MAX_SIDE / max(w, h), sqrt(MAX_PIXELS / (w × h)))

with ``w, h`` the figure's size in inches as saved (with ``bbox="tight"``: its
tight bounding box plus the padding on each side).
"""
from __future__ import annotations

import math
from pathlib import Path

MAX_PIXELS = 12_000_000
MAX_SIDE = 5_000
MIN_DPI = 20  # below this, text cannot be drawn legibly (or at all): the figure must be redrawn
_MARGIN = 0.98  # stay clear of the limit when the renderer rounds sizes up


class FigureTooLarge(ValueError):
    """A figure so large that even at :data:`MIN_DPI` it would break the limits."""


def max_dpi(width_in: float, height_in: float) -> float:
    """The largest resolution at which a ``width_in × height_in`` inch figure fits the limits."""
    if width_in <= 0 or height_in <= 0:
        return math.inf
    side = MAX_SIDE / max(width_in, height_in)
    area = math.sqrt(MAX_PIXELS / (width_in * height_in))
    return min(side, area) * _MARGIN


def saved_inches(fig, bbox: str | None, pad_inches: float) -> tuple[float, float]:
    """Width and height in inches that ``fig.savefig`` writes with this ``bbox`` setting."""
    if bbox != "tight":
        width, height = fig.get_size_inches()
        return float(width), float(height)
    box = fig.get_tightbbox(fig.canvas.get_renderer())
    return float(box.width + 2 * pad_inches), float(box.height + 2 * pad_inches)


def fit_dpi(fig, dpi: float | None = None) -> float:
    """The resolution to save ``fig`` at: ``dpi`` (default ``savefig.dpi``), lowered only as far
    as the limits need. Also lowers the figure's own ``dpi`` (used when a notebook shows it),
    so the inline image keeps to the limits too. Raises :class:`FigureTooLarge` when even
    :data:`MIN_DPI` is too much."""
    import matplotlib

    wanted = dpi or matplotlib.rcParams["savefig.dpi"]
    if wanted == "figure":
        wanted = fig.dpi
    bbox = matplotlib.rcParams["savefig.bbox"]
    pad = matplotlib.rcParams["savefig.pad_inches"]
    width, height = saved_inches(fig, bbox, pad)
    ceiling = max_dpi(width, height)
    if ceiling < MIN_DPI:
        raise FigureTooLarge(f"a figure of {width:.0f} × {height:.0f} inches cannot be saved within "
                             f"{MAX_PIXELS:,} pixels and {MAX_SIDE:,} px a side; draw groups, not one panel "
                             "per document")
    if fig.dpi > ceiling:
        fig.set_dpi(ceiling)
        # a tight box measured at another dpi can differ slightly: measure again
        ceiling = min(ceiling, max_dpi(*saved_inches(fig, bbox, pad)))
        fig.set_dpi(ceiling)
    return float(min(float(wanted), ceiling))


def image_size(path: Path | str) -> tuple[int, int]:
    """Width and height in pixels of a saved image, read from its header only."""
    from PIL import Image

    with Image.open(path) as image:
        return image.size


def within_limits(width: int, height: int) -> bool:
    """Whether an image of ``width × height`` pixels keeps to both limits."""
    return max(width, height) <= MAX_SIDE and width * height <= MAX_PIXELS


def oversized(folder: Path | str, suffixes: tuple[str, ...] = (".png", ".jpg", ".jpeg")) -> list[str]:
    """``"name: W × H px"`` for every image in ``folder`` beyond the limits (empty when all fit)."""
    found = []
    for path in sorted(Path(folder).iterdir()):
        if path.suffix.lower() in suffixes and path.is_file():
            width, height = image_size(path)
            if not within_limits(width, height):
                found.append(f"{path.name}: {width} × {height} px")
    return found
