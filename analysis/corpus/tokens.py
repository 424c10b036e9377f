"""Sentence and word tokenisation that needs no downloaded NLTK data.

``nltk.sent_tokenize`` and ``nltk.word_tokenize`` load the ``punkt_tab``
resource, which cannot be installed offline. We use the same algorithms
directly: Punkt with an abbreviation list shipped in the package
(``analysis/data/abbreviations.txt``), and the Treebank-style
``NLTKWordTokenizer`` (what ``word_tokenize`` uses) on each sentence.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from ..paths import data_file


class Token(NamedTuple):
    """A word token: its normalised text and its span in the original text."""

    text: str
    start: int
    end: int


def abbreviations() -> frozenset[str]:
    """The abbreviation list used by the sentence splitter."""
    lines = data_file("abbreviations.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(l.strip().lower() for l in lines if l.strip() and not l.startswith("#"))


@lru_cache(maxsize=1)
def sentence_splitter() -> PunktSentenceTokenizer:
    """An untrained Punkt splitter that knows our abbreviations."""
    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    return PunktSentenceTokenizer(params)


@lru_cache(maxsize=1)
def word_tokenizer() -> NLTKWordTokenizer:
    return NLTKWordTokenizer()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence in ``text``."""
    return list(sentence_splitter().span_tokenize(text))


def word_spans(sentence: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each word token in one sentence."""
    try:
        return list(word_tokenizer().span_tokenize(sentence))
    except ValueError:
        # span_tokenize cannot align a few rare quote patterns; fall back to
        # locating each token in order.
        spans, pos = [], 0
        for tok in word_tokenizer().tokenize(sentence):
            tok = {"``": '"', "''": '"'}.get(tok, tok)
            start = sentence.find(tok, pos)
            if start < 0:
                continue
            spans.append((start, start + len(tok)))
            pos = start + len(tok)
        return spans


def is_word(token: str) -> bool:
    """True for tokens that contain a letter (not punctuation or bare numbers)."""
    return any(ch.isalpha() for ch in token)
