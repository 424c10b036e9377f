"""Confidence intervals for proportions, shared by every measure that reports one.

The Wilson score interval (Wilson 1927) of ``k`` successes in ``n`` trials::

    centre = (p + z²/2n) / (1 + z²/n)
    half   = z √(p(1-p)/n + z²/4n²) / (1 + z²/n)

with ``p = k/n`` and ``z`` the normal quantile of the level (1.96 for 95 %).
Unlike the normal interval it stays inside [0, 1] and is usable for small ``n``
(Brown, Cai & DasGupta 2001), which is why in-sample precisions on a few dozen
sentences carry it. :func:`straddles` says whether an interval contains a
threshold: a decision rule must not fire on such an estimate.
"""
from __future__ import annotations

import math

__all__ = ["wilson_interval", "straddles", "format_interval"]

_Z = {0.90: 1.6448536269514722, 0.95: 1.959963984540054, 0.99: 2.5758293035489004}


def wilson_interval(k: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """``(low, high)`` of the Wilson interval of ``k`` of ``n``; ``(nan, nan)`` for ``n == 0``."""
    if n <= 0:
        return float("nan"), float("nan")
    if not 0 <= k <= n:
        raise ValueError(f"k must lie in 0..n, not {k} of {n}")
    if level in _Z:
        z = _Z[level]
    else:
        from scipy.stats import norm

        z = float(norm.ppf(0.5 + level / 2))
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def straddles(low: float, high: float, threshold: float) -> bool:
    """Whether the interval ``[low, high]`` contains ``threshold`` (or is undefined):
    the estimate cannot say on which side of the threshold the true value lies."""
    if math.isnan(low) or math.isnan(high):
        return True
    return low <= threshold <= high


def format_interval(low: float, high: float, digits: int = 2) -> str:
    """``"0.15–0.65"`` (``"n/a"`` when undefined)."""
    if math.isnan(low) or math.isnan(high):
        return "n/a"
    return f"{low:.{digits}f}–{high:.{digits}f}"
