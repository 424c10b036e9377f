"""The one VADER analyzer: the reference ``vaderSentiment`` analyzer, traced.

:func:`analyzer` subclasses the reference ``SentimentIntensityAnalyzer`` so
that it can record its intermediate valences (for :mod:`analysis.sentiment.evidence`)
and skip work that cannot change a result. The trace hooks into private
methods of vaderSentiment, so it is written against one version
(:data:`TRACED_VERSION`); another installed version gets a warning.
"""
from __future__ import annotations

import importlib.metadata
import warnings
from functools import lru_cache

from ..config import NEUTRAL_BAND

THRESHOLD = NEUTRAL_BAND
SENTIMENTS = ("negative", "neutral", "positive")
TRACED_VERSION = "3.3.2"  # the vaderSentiment release whose private methods the trace mirrors


def polarity(compound: float, threshold: float = THRESHOLD) -> str:
    """``positive`` (>= threshold), ``negative`` (<= -threshold) or ``neutral``."""
    if compound >= threshold:
        return "positive"
    if compound <= -threshold:
        return "negative"
    return "neutral"



@lru_cache(maxsize=1)
def analyzer():
    """The one VADER analyzer: a subclass of the reference
    ``SentimentIntensityAnalyzer`` that can record its intermediate valences.

    Its scores are the reference scores: every rule is VADER's own method,
    and only work that cannot change a result is skipped.

    * The negation and idiom checks lower-case the *whole* text each time
      they look at one word, which makes VADER's cost grow with the square
      of the text length; they only ever read three tokens back and two
      ahead, so they are handed that window of tokens (with the index
      shifted to match) instead.
    * ``polarity_scores`` first copies the text character by character to
      describe emoji; a text without any emoji is handed over as
      :class:`_NoEmoji`, which that loop reads as one piece.

    Recording is off unless :func:`~analysis.sentiment.evidence.score` turns it on for one call."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference

    _check_version()

    class TracingAnalyzer(Reference):
        trace: dict | None = None

        def polarity_scores(self, text):
            if isinstance(text, str) and self.emoji_chars.isdisjoint(text) and text not in self.emojis:
                text = _NoEmoji(text)
            return super().polarity_scores(text)

        def _but_check(self, words_and_emoticons, sentiments):
            if self.trace is not None:
                self.trace["tokens"] = tuple(words_and_emoticons)
                self.trace["before_but"] = tuple(sentiments)
            return Reference._but_check(words_and_emoticons, sentiments)

        def score_valence(self, sentiments, text):
            if self.trace is not None:
                self.trace["final"] = tuple(sentiments)
                self.trace["text"] = text
            return super().score_valence(sentiments, text)

        def _negation_check(self, valence, words_and_emoticons, start_i, i):
            # reads tokens i-1 … i-3 only (never below 0: VADER calls it for i > start_i)
            low = max(0, i - 3)
            return Reference._negation_check(valence, words_and_emoticons[low:i + 1], start_i, i - low)

        def _special_idioms_check(self, valence, words_and_emoticons, i):
            # reads tokens i-3 … i+2 only (VADER calls it for i >= 3)
            return Reference._special_idioms_check(valence, words_and_emoticons[i - 3:i + 3], 3)

    vader = TracingAnalyzer()
    vader.emoji_chars = frozenset(e for e in vader.emojis if len(e) == 1)  # the only ones the loop can match
    return vader


class _NoEmoji(str):
    """A text known to hold no emoji: iterating over it yields the whole text
    once, so VADER's character-by-character emoji loop (which would copy it
    unchanged) takes one step. Every other ``str`` operation is unchanged."""

    def __iter__(self):
        return iter((str(self),))


def lexicon() -> dict[str, float]:
    """VADER's lexicon: lower-case word → mean valence (-4 … +4)."""
    return analyzer().lexicon


def vader_scores(text: str) -> dict[str, float]:
    """VADER's ``neg``, ``neu``, ``pos`` and ``compound`` of ``text``, without the trace."""
    return analyzer().polarity_scores(text)


def compound(text: str) -> float:
    """VADER's compound score of ``text`` alone, without the trace (e.g. a whole document)."""
    return vader_scores(text)["compound"]


def _check_version() -> None:
    installed = importlib.metadata.version("vaderSentiment")
    if installed != TRACED_VERSION:
        warnings.warn(f"vaderSentiment {installed} is installed; the evidence trace mirrors {TRACED_VERSION} "
                      "and may misname the rules that acted", RuntimeWarning, stacklevel=3)
