"""Negation and context rules of cue matching: which negator governs a cue, similes, descriptive phrases.

Negation reaches modifiers and complements only: never a capitalised name token
(*Foreign* of "Foreign Ministry"), nor the head noun of a negated phrase that a
complement follows ("This was not a summit of allies" denies *allies*, not *summit*).
The word lists and the window come from ``lexicons/matching.yaml`` (:func:`analysis.framing.units.settings`).
"""
from __future__ import annotations

from .units import Settings, Unit

__all__ = ["negator_before", "negator_after", "in_simile", "in_phrase", "is_name_token"]


# Negation scopes to modifiers and complements, not to the head noun of a phrase
# that a complement follows: "This was not a summit of allies" denies "of
# allies", not that there was a summit. Only these negators (not the determiner
# "no": "no evidence of") followed by one of these determiners open such a phrase.
HEAD_NEGATORS = frozenset(["not", "n't", "never"])
HEAD_DETERMINERS = frozenset(["a", "an", "the"])
COMPLEMENT_MARKERS = frozenset(["of", "between", "among", "with", "for", "to", "in", "on", "that", "who",
                                "which", "where"])


def is_name_token(units: list[Unit], i: int) -> bool:
    """Whether the unit at ``i`` is a capitalised word inside the sentence (part
    of a name: *Foreign* of "Foreign Ministry"), not its first word."""
    unit = units[i]
    return unit.text[:1].isupper() and any(u.word for u in units[:i])


def _phrase_head(units: list[Unit], j: int, i: int, n: int) -> bool:
    """Whether the cue at ``units[i:i + n]`` is the head of the noun phrase that
    the negator at ``j`` opens ("not a summit" + "of allies"): the negator is
    followed by a determiner, no preposition or complement marker stands between
    it and the cue, and a complement marker follows the cue."""
    if units[j].lower not in HEAD_NEGATORS or j + 1 >= i or units[j + 1].lower not in HEAD_DETERMINERS:
        return False
    if any(u.lower in COMPLEMENT_MARKERS or not u.word for u in units[j + 2:i]):
        return False
    after = i + n
    return after < len(units) and units[after].lower in COMPLEMENT_MARKERS


def negator_before(units: list[Unit], i: int, rules: Settings, n: int = 1) -> str | None:
    """The negator governing the cue of ``n`` units at ``i``, if any.

    Looks back at most ``rules.window`` word units within the clause (stopping
    at a boundary token); "not just"/"not only" do not negate, nor does
    "no longer merely" (``skip_after_negator`` words are passed over).
    Negation reaches modifiers and complements only: never a capitalised name
    token (:func:`is_name_token`), nor the head noun of a negated phrase that a
    complement follows (``not a summit of allies`` negates *allies*, not *summit*).
    """
    if is_name_token(units, i):
        return None
    seen = 0
    for j in range(i - 1, -1, -1):
        unit = units[j]
        if unit.lower in rules.boundaries:
            return None
        if unit.lower in rules.negators:
            k = j + 1
            while k < i and units[k].lower in rules.skip_after_negator:
                k += 1
            follower = units[k].lower if k < len(units) else ""
            if follower in rules.not_negating_after or _phrase_head(units, j, i, n):
                return None
            return unit.lower
        if unit.word:
            seen += 1
            if seen >= rules.window:
                return None
    return None


def in_simile(units: list[Unit], i: int, n: int, markers: tuple[str, ...]) -> bool:
    """Whether the cue at ``units[i:i + n]`` is the vehicle of a simile: followed
    by "-like" in the same token ("cathedral-like") or preceded within three
    words by a marker ("like a cathedral", "as if")."""
    after = i + n
    if after < len(units) and units[after].lower in markers and units[after].start == units[after - 1].end + 1:
        return True
    before = [u.lower for u in units[max(0, i - 6):i] if u.word][-3:]
    window = f" {' '.join(before)} "
    return any(f" {m} " in window for m in markers)


def negator_after(units: list[Unit], i: int, n: int, rules: Settings) -> str | None:
    """The negator right after the cue at ``units[i:i + n]`` ("could not")."""
    after = i + n
    if after < len(units) and units[after].lower in rules.negators:
        return units[after].lower
    return None


def in_phrase(units: list[Unit], i: int, phrase: tuple[str, ...]) -> bool:
    """Whether the unit at ``i`` is one of the words of ``phrase`` standing in full
    around it ("clear" in "loud and clear")."""
    words = [u.lower for u in units]
    n = len(phrase)
    return any(words[i - p:i - p + n] == list(phrase) for p in range(n) if i - p >= 0 and phrase[p] == words[i])
