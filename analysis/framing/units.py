"""The matchable units of a sentence and the matching rules: what cue matching reads.

A sentence's tokens (``Sentence.tokens``, from the normalised text) are lower-cased
and stemmed (Snowball, the policy of :mod:`analysis.corpus.terms`); a hyphenated
token is split into its parts so that ``comrade in arms`` matches "comrade-in-arms".
Offsets point into ``Document.raw``. :func:`settings` reads the negation and token
rules of ``lexicons/matching.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..corpus.model import Sentence
from ..corpus.terms import snowball_stem
from ..paths import LEXICONS

__all__ = ["Unit", "Settings", "settings", "sentence_units", "stem"]

_HYPHEN = re.compile(r"(?<=\w)[-‐‑](?=\w)")


class Unit(NamedTuple):
    """One matchable piece of a sentence: a token or part of a hyphenated token."""

    text: str
    lower: str
    stem: str
    word: bool
    start: int
    end: int


@dataclass(frozen=True)
class Settings:
    negators: frozenset[str]
    not_negating_after: frozenset[str]
    window: int
    boundaries: frozenset[str]
    ignore: frozenset[str]
    skip_after_negator: frozenset[str] = frozenset()
    literal_frames: frozenset[str] = frozenset()      # "scheme/frame" whose cues never match in similes
    descriptive_uses: tuple[tuple[str, tuple[str, ...]], ...] = ()  # ("scheme/frame", phrase words): no match
    simile_markers: tuple[str, ...] = ()
    litotes_frames: frozenset[str] = frozenset()      # "scheme/frame" whose cues a following negator negates
    reported_frames: frozenset[str] = frozenset()     # "scheme/frame" whose cues are not others' reporting verbs


stem = snowball_stem  # cue matching stems with Snowball (the policy is in analysis.corpus.terms)


@lru_cache(maxsize=1)
def settings(folder: Path = LEXICONS) -> Settings:
    """Negation and token rules from ``matching.yaml``."""
    import yaml

    data = yaml.safe_load((folder / "matching.yaml").read_text(encoding="utf-8"))
    return Settings(
        negators=frozenset(data["negators"]),
        not_negating_after=frozenset(data["not_negating_after"]),
        window=int(data["window"]),
        boundaries=frozenset(data["boundaries"]),
        ignore=frozenset(data["ignore"]),
        skip_after_negator=frozenset(data.get("skip_after_negator", ())),
        literal_frames=frozenset(data.get("literal_frames", ())),
        simile_markers=tuple(data.get("simile_markers", ())),
        litotes_frames=frozenset(data.get("litotes_frames", ())),
        reported_frames=frozenset(data.get("reported_frames", ())),
        descriptive_uses=tuple((key, tuple(phrase.lower().split()))
                               for key, phrases in (data.get("descriptive_uses") or {}).items() for phrase in phrases),
    )


@lru_cache(maxsize=1 << 17)
def _token_parts(text: str, ignore: frozenset[str]) -> tuple[tuple[str, str, str, bool, int, int], ...]:
    """``(part, lower, stem, word, start, end)`` of each piece of a token (offsets
    within the token); empty for ignored tokens. Cached: a corpus repeats its
    word forms, so each is split and stemmed once."""
    if text.lower() in ignore:
        return ()
    parts, pos = [], 0
    for part in _HYPHEN.split(text):
        a = text.index(part, pos)
        pos = a + len(part)
        lower = part.lower()
        word = any(ch.isalpha() for ch in part)
        parts.append((part, lower, stem(lower) if word else lower, word, a, pos))
    return tuple(parts)


def sentence_units(sentence: Sentence, rules: Settings | None = None) -> list[Unit]:
    """The matchable units of a sentence (offsets point into ``doc.raw``)."""
    ignore = (rules or settings()).ignore
    new = tuple.__new__  # builds a Unit at half the cost of Unit(...); this loop runs for every token
    norm, spans, offsets = sentence.norm, sentence.spans, sentence.offsets  # Sentence.tokens, unpacked
    units = []
    for k in range(0, len(spans), 2):
        text, start, end = norm[spans[k]:spans[k + 1]], offsets[k], offsets[k + 1]
        parts = _token_parts(text, ignore)
        if len(text) == end - start:
            units += [new(Unit, (p, low, st, w, start + a, start + b)) for p, low, st, w, a, b in parts]
        else:  # the normalised token differs in length from the original: keep the token's span
            units += [new(Unit, (p, low, st, w, start, end)) for p, low, st, w, _, _ in parts]
    return units
