"""The evidence behind a VADER score: every token's valences and the rules that acted.

The evidence is VADER's own arithmetic, traced rather than re-derived (see
:mod:`analysis.sentiment._vader`); the rule names mirror
``SentimentIntensityAnalyzer.sentiment_valence`` step by step.

>>> score("Not a good deal, but a warm welcome.").explain()
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from ._vader import analyzer, polarity


@dataclass(frozen=True)
class WordScore:
    """One token as VADER saw it (split on spaces, edge punctuation stripped)."""

    token: int                  # position among VADER's tokens of the sentence
    word: str
    lexicon: float | None       # valence in the lexicon, None if unknown
    valence: float              # after negation, degree words, capitals, idioms
    final: float                # after the "but" rule: what enters the sum
    shifters: tuple[str, ...]   # the rules that changed it, in words
    quoted: bool                # inside quotation marks (the speaker's words)

    @property
    def is_evidence(self) -> bool:
        return self.lexicon is not None or self.final != 0


@dataclass(frozen=True)
class SentenceSentiment:
    """VADER's scores for one text, and the word valences they come from.

    The scores are read when the text is scored; the word-level evidence
    (:attr:`words`, :attr:`evidence`, :meth:`explain`) is worked out from
    VADER's recorded valences the first time it is asked for."""

    text: str
    compound: float
    pos: float
    neu: float
    neg: float
    seen: str = field(default="", repr=False, compare=False)          # the text as VADER read it
    tokens: tuple[str, ...] = field(default=(), repr=False, compare=False)  # VADER's tokens of it
    before_but: tuple[float, ...] = field(default=(), repr=False, compare=False)
    final: tuple[float, ...] = field(default=(), repr=False, compare=False)

    @property
    def sentiment(self) -> str:
        return polarity(self.compound)

    @cached_property
    def punctuation(self) -> float:
        """Emphasis from "!" and "??", added to |sum| (0 when no token)."""
        return analyzer()._punctuation_emphasis(self.seen) if self.final else 0.0

    @property
    def total(self) -> float:
        """The raw sum VADER normalises: final valences plus punctuation emphasis."""
        raw = sum(self.final)
        return raw + math.copysign(self.punctuation, raw) if raw else 0.0

    @cached_property
    def words(self) -> tuple[WordScore, ...]:
        """Every token with its valences and the shifters that acted on it."""
        return _word_scores(self, evidence_only=False)

    @property
    def evidence(self) -> list[WordScore]:
        """Lexicon words (and anything else that carried valence), in order."""
        return list(self._evidence)

    @cached_property
    def _evidence(self) -> tuple[WordScore, ...]:
        if "words" in self.__dict__:  # already worked out: filter rather than redo
            return tuple(w for w in self.words if w.is_evidence)
        return _word_scores(self, evidence_only=True)

    def explain(self) -> str:
        """The evidence in one line, e.g. ``good +1.90→-1.41 (negated by 'not' ×-0.74); warm +0.90``."""
        parts = [_describe(w) for w in self.evidence]
        if self.punctuation and self.total:
            parts.append(f"punctuation {math.copysign(self.punctuation, self.total):+.2f}")
        return "; ".join(parts)


def _describe(w: WordScore) -> str:
    base = w.lexicon if w.lexicon is not None else 0.0
    text = f"{w.word} {base:+.2f}"
    if not math.isclose(w.final, base):
        text += f"→{w.final:+.2f}"
    notes = list(w.shifters) + (["quoted"] if w.quoted else [])
    return text + (f" ({', '.join(notes)})" if notes else "")


@lru_cache(maxsize=16384)
def score(text: str) -> SentenceSentiment:
    """Score one text with VADER and keep its valences for the evidence. Cached by text."""
    vader = analyzer()
    vader.trace = trace = {}
    try:
        result = vader.polarity_scores(text)
    finally:
        vader.trace = None
    return SentenceSentiment(text, result["compound"], result["pos"], result["neu"], result["neg"],
                             trace.get("text", ""), trace.get("tokens", ()), trace.get("before_but", ()),
                             trace.get("final", ()))


def _word_scores(result: SentenceSentiment, evidence_only: bool) -> tuple[WordScore, ...]:
    """The :class:`WordScore` of every token (or only of those that carry
    valence) of a scored text, from VADER's recorded valences."""
    seen, tokens, before, final = result.seen, result.tokens, result.before_but, result.final
    lex = analyzer().lexicon
    low = list(map(str.lower, tokens))
    values = list(map(lex.get, low))
    but = low.index("but") if "but" in low else None
    quoted = (_quoted(seen, [start for _, start in token_offsets(seen)]) if _QUOTE_MARKS.search(seen)
              else [False] * len(tokens))
    keep = (range(len(tokens)) if not evidence_only
            else [i for i, v in enumerate(values) if v is not None or final[i] != 0])
    rows = []
    for i in keep:
        # VADER's rules act only on lexicon words: other tokens keep valence 0
        shifters = () if values[i] is None else tuple(
            _word_rules(tokens, low, i, lex) + _but_rule(but, i, before[i], final[i]))
        rows.append(WordScore(i, tokens[i], values[i], before[i], final[i], shifters, quoted[i]))
    return tuple(rows)


def token_offsets(text: str) -> list[tuple[str, int]]:
    """VADER's tokens (``text.split()``, edge punctuation stripped) with the
    offset of each token's first letter or digit in ``text``."""
    from vaderSentiment.vaderSentiment import SentiText

    out, pos = [], 0
    for raw in text.split():
        start = text.find(raw, pos)
        pos = start + len(raw)
        first = next((k for k, ch in enumerate(raw) if ch.isalnum()), 0)
        out.append((SentiText._strip_punc_if_word(raw), start + first))
    return out


_QUOTE_MARKS = re.compile('["“”«»]')


def _quoted(text: str, offsets: list[int]) -> list[bool]:
    """For each of the (increasing) character ``offsets``: is it inside quotation marks?"""
    marks = [(m.start(), m.group()) for m in _QUOTE_MARKS.finditer(text)]
    inside, k, out = False, 0, []
    for offset in offsets:
        while k < len(marks) and marks[k][0] < offset:
            mark = marks[k][1]
            inside = (not inside) if mark == '"' else mark in "“«"
            k += 1
        out.append(inside)
    return out


def _word_rules(words: list[str], low: list[str], i: int, lex: dict[str, float]) -> list[str]:
    """Which of VADER's word-level rules changed token ``i`` (``low``: the
    tokens lower-cased), mirroring ``SentimentIntensityAnalyzer.sentiment_valence``
    step by step."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, allcap_differential

    item = low[i]
    if item in BOOSTER_DICT:
        return ["degree word: scores 0 itself"] if item in lex else []
    if item == "kind" and i + 1 < len(low) and low[i + 1] == "of":
        return ["'kind of' hedge: scores 0"] if item in lex else []
    if item not in lex:
        return []
    notes = []
    if item == "no" and i != len(low) - 1 and low[i + 1] in lex:
        notes.append("'no' before a lexicon word: scores 0")
    if (i > 0 and low[i - 1] == "no") or (i > 1 and low[i - 2] == "no") or (
            i > 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor")):
        notes.append("negated by 'no' ×-0.74")
    if words[i].isupper() and allcap_differential(words):
        notes.append("ALL CAPS ±0.733")
    for k in range(3):
        if i <= k or low[i - k - 1] in lex:
            continue
        prev = low[i - k - 1]
        if prev in BOOSTER_DICT:
            verb = "intensified" if BOOSTER_DICT[prev] > 0 else "dampened"
            notes.append(f"{verb} by '{words[i - k - 1]}'")
        notes += _negation_rule(low, i, k)
        if k == 2:
            notes += _idiom_rule(low, i, BOOSTER_DICT)
    if i > 0 and low[i - 1] == "least" and "least" not in lex and not (i > 1 and low[i - 2] in ("at", "very")):
        notes.append("negated by 'least' ×-0.74")
    return notes


def _negation_rule(low: list[str], i: int, k: int) -> list[str]:
    """Mirror of VADER's ``_negation_check`` for the word ``k + 1`` places back."""
    prev = low[i - k - 1]
    if k == 1:
        if low[i - 2] == "never" and low[i - 1] in ("so", "this"):
            return [f"'never {low[i - 1]}' emphasis ×1.25"]
        if low[i - 2] == "without" and low[i - 1] == "doubt":
            return []
    if k == 2:
        if (low[i - 3] == "never" and low[i - 2] in ("so", "this")) or low[i - 1] in ("so", "this"):
            word = low[i - 1] if low[i - 1] in ("so", "this") else low[i - 2]
            return [f"after '{word}' ×1.25 (VADER's 'never so' rule)"]
        if low[i - 3] == "without" and "doubt" in (low[i - 2], low[i - 1]):
            return []
    return [f"negated by '{prev}' ×-0.74"] if _negates(prev) else []


@lru_cache(maxsize=1)
def _negations() -> frozenset[str]:
    from vaderSentiment.vaderSentiment import NEGATE

    return frozenset(NEGATE)


def _negates(word: str) -> bool:
    """VADER's ``negated([word])`` for one lower-case word: a negation word or any "n't"."""
    return word in _negations() or "n't" in word


def _idiom_rule(low: list[str], i: int, boosters: dict[str, float]) -> list[str]:
    """Mirror of VADER's ``_special_idioms_check`` (only reached three words in)."""
    from vaderSentiment.vaderSentiment import SPECIAL_CASES

    before = [" ".join(low[i - 1:i + 1]), " ".join(low[i - 2:i + 1]), " ".join(low[i - 2:i]),
              " ".join(low[i - 3:i]), " ".join(low[i - 3:i - 1])]
    after = [" ".join(low[i:i + 2]) if len(low) - 1 > i else "",
             " ".join(low[i:i + 3]) if len(low) - 1 > i + 1 else ""]
    notes = [f"idiom '{seq}'" for seq in [next((s for s in before if s in SPECIAL_CASES), "")] + after
             if seq in SPECIAL_CASES]
    notes += [f"degree phrase '{g}'" for g in (before[3], before[4], before[2]) if g in boosters]
    return notes


def _but_rule(but: int | None, i: int, valence: float, final: float) -> list[str]:
    """Name the "but" rule when it changed token ``i`` (×0.5 before, ×1.5 after);
    ``but`` is the position of the first "but", if any."""
    if valence == 0 or math.isclose(valence, final):
        return []
    side = "before" if but is not None and i < but else "after"
    return [f"{side} 'but' ×{final / valence:.2g}"]
