"""Amounts of money and percentages in a text: a textual indicator of the
economic consequences frame.

Why
    Semetko & Valkenburg (2000) code the economic consequences frame with
    "Is there a mention of financial losses or gains now or in the future?"
    and "Is there a mention of the costs/degree of expense involved?". News
    answers both with figures (``$2.5 billion``, ``40 percent``) more than
    with any word a cue list can hold, so the frame model gets two counts:

    ``money``
        a currency sign or code before a number (``$3``, ``£ 40``, ``US$5``,
        ``EUR 10``) or a number followed by a currency name, optionally with
        a scale word (``12 million dollars``, ``3bn euros``);
    ``percent``
        a number followed by ``%``, ``percent`` or ``per cent``.

    Both are plain regular expressions (no parser), so they cost little at
    corpus scale and say exactly what they count. On the calibration corpus
    they agree with spaCy's ``MONEY`` and ``PERCENT`` entity counts
    (correlation 0.90 and 0.99 over 251 articles).
"""
from __future__ import annotations

import re
from typing import Iterable

import numpy as np

__all__ = ["AMOUNTS", "amount_counts", "amount_features"]

AMOUNTS = ("money", "percent")

_CURRENCY = r"(?:dollars?|euros?|pounds?|yen|yuan|rupees?|roubles?|rubles?|won)"
_MONEY = re.compile(
    r"[$€£¥₽₩]\s?\d"
    r"|\b(?:US\$|USD|EUR|GBP|RUB|KRW)\s?\d"
    rf"|\b\d[\d,.]*\s*(?:million|billion|trillion|bn|mn|m)?\s*{_CURRENCY}\b",
    re.IGNORECASE)
_PERCENT = re.compile(r"\d\s?(?:%|percent\b|per cent\b)", re.IGNORECASE)


def amount_counts(text: str) -> dict[str, int]:
    """How many amounts of money and percentages ``text`` mentions.

    >>> amount_counts("Costs rose 40 percent to $2.5 billion, or 3bn euros.")
    {'money': 2, 'percent': 1}
    """
    return {"money": len(_MONEY.findall(text)), "percent": len(_PERCENT.findall(text))}


def amount_features(texts: Iterable[str]) -> np.ndarray:
    """Texts × ``AMOUNTS`` array of ``log(1 + count)``."""
    rows = [[np.log1p(c[k]) for k in AMOUNTS] for c in map(amount_counts, texts)]
    return np.asarray(rows, float).reshape(-1, len(AMOUNTS))
