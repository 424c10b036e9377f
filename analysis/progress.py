"""Progress bars for steps that take a while on a large corpus, and only then.

>>> for doc in progress(corpus, desc="entities", chars=total_chars):
...     ...

A bar (tqdm, plain text on stderr) appears only when the work is large: more
than ``MIN_ITEMS`` items or more than ``MIN_CHARS`` characters. On the seeds
(two documents, 14,000 characters) nothing is printed, so notebook outputs stay
byte-identical for nbval. ``RDF_PROGRESS=0`` turns bars off everywhere (batch
jobs, logs); ``RDF_PROGRESS=1`` shows them whatever the size.
"""
from __future__ import annotations

import sys
from typing import Iterable, TypeVar

from .config import PROGRESS_ENV as ENV, switch

MIN_ITEMS = 50
MIN_CHARS = 200_000

T = TypeVar("T")


def wanted(total: int | None = None, chars: int | None = None) -> bool:
    """Whether a bar should be shown for ``total`` items / ``chars`` characters."""
    setting = switch(ENV)
    if setting is not None:
        return setting
    return (total or 0) > MIN_ITEMS or (chars or 0) > MIN_CHARS


def progress(iterable: Iterable[T], total: int | None = None, desc: str = "", *,
             chars: int | None = None, unit: str = "doc") -> Iterable[T]:
    """``iterable`` itself for small work; wrapped in a tqdm bar for large work.

    ``total`` defaults to ``len(iterable)`` when it has one; ``chars`` is the
    amount of text behind the items, when known (a few long documents are
    large work too).
    """
    if total is None and hasattr(iterable, "__len__"):
        total = len(iterable)  # type: ignore[arg-type]
    if not wanted(total, chars):
        return iterable
    from tqdm import tqdm

    return tqdm(iterable, total=total, desc=desc or None, unit=unit, leave=False,
                file=sys.stderr, mininterval=0.5, dynamic_ncols=True)

