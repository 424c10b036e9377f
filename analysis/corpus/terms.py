"""Terms: the one policy for stop words, clitics, content words and stems; KWIC and collocations.

Policy
    * **Stop words** are the package's English list (:func:`stopwords`, no NLTK download).
    * **Clitics.** Treebank tokenisation leaves a possessive as a token of its own:
      :data:`POSSESSIVES` (``'s``, and ``s`` after "Koreas'"), never a content word.
      Passage alignment also drops the negation clitic :data:`NEGATION` (``n't``): two
      passages do not share a topic because both negate something.
    * **Content words** (:func:`content_words`) are lower-cased word tokens (a letter in
      them, :func:`~analysis.corpus.tokens.is_word`) that are neither stop words nor clitics;
      keyness counts, the corpus tour and alignment all filter through it.
    * **Stems** are algorithmic, never downloaded: cue matching stems with Snowball's English
      stemmer (:func:`snowball_stem`, "Porter 2"), passage alignment with the original Porter
      stemmer (:func:`porter_stem`). The two differ on a few words; alignment scores were
      validated with Porter, cue lists were written against Snowball, so each keeps its own.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import pandas as pd
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from .model import Corpus, Document, as_documents
from ..paths import data_file
from .tokens import is_word


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """English stop words shipped with the package (no NLTK download)."""
    lines = data_file("stopwords_en.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(l.strip() for l in lines if l.strip() and not l.startswith("#"))


def kwic(docs: Corpus | list[Document] | Document, term: str, width: int = 40) -> pd.DataFrame:
    """Keyword in context: every occurrence of ``term`` (one or more words,
    case-insensitive, matched on whole tokens) with ``width`` characters of
    left and right context from its sentence."""
    docs = as_documents(docs)
    wanted = [w.lower() for w in term.replace("’", "'").split()]
    rows = []
    if not wanted:
        return pd.DataFrame(columns=["doc", "sentence", "left", "match", "right"])
    n = len(wanted)
    for doc in docs:
        for sent in doc.sentences:
            lowered = [t.text.lower() for t in sent.tokens]
            for i in range(len(lowered) - n + 1):
                if lowered[i:i + n] != wanted:
                    continue
                first, last = sent.tokens[i], sent.tokens[i + n - 1]
                a, b = first.start - sent.start, last.end - sent.start
                source = doc.raw[sent.start:sent.end]
                left = " ".join(source[:a].split())[-width:]
                right = " ".join(source[b:].split())[:width]
                rows.append((doc.id, sent.index, left, source[a:b], right))
    return pd.DataFrame(rows, columns=["doc", "sentence", "left", "match", "right"])


POSSESSIVES = frozenset({"'s", "s"})
NEGATION = "n't"


def content_words(words: Document | Iterable[str], drop_stopwords: bool = True,
                  clitics: frozenset[str] = POSSESSIVES) -> list[str]:
    """The content words of a document (its lower-cased ``words``) or of a list of
    lower-cased tokens: word tokens that are not stop words (unless
    ``drop_stopwords`` is false) and not one of ``clitics``."""
    stops = stopwords() if drop_stopwords else frozenset()
    items = words.words if isinstance(words, Document) else words
    return [w for w in items if w not in stops and w not in clitics and is_word(w)]


@lru_cache(maxsize=1 << 16)
def snowball_stem(word: str) -> str:
    """Snowball's English ("Porter 2") stem of a lower-cased word: the stems of cue matching."""
    return _snowball().stem(word)


@lru_cache(maxsize=20000)
def porter_stem(word: str) -> str:
    """Porter's stem of a lower-cased word: the stems of passage alignment."""
    return _porter().stem(word)


@lru_cache(maxsize=1)
def _snowball():
    from nltk.stem.snowball import SnowballStemmer  # algorithmic, needs no downloaded data

    return SnowballStemmer("english")


@lru_cache(maxsize=1)
def _porter():
    from nltk.stem import PorterStemmer  # algorithmic, needs no downloaded data

    return PorterStemmer()


def collocations(doc: Document, top: int = 10, min_freq: int = 2) -> pd.DataFrame:
    """Top bigram collocations of a document by Dunning's log-likelihood,
    stop words and punctuation left out, within sentences."""
    stops = stopwords()
    measures = BigramAssocMeasures()
    sentences = [[w for w in s.words] for s in doc.sentences]
    finder = BigramCollocationFinder.from_documents(sentences)
    finder.apply_freq_filter(min_freq)
    finder.apply_word_filter(lambda w: w in stops or not is_word(w) or w == "'s")
    scored = finder.score_ngrams(measures.likelihood_ratio)
    scored.sort(key=lambda item: (-round(item[1], 9), item[0]))
    rows = [(" ".join(bigram), finder.ngram_fd[bigram], round(score, 3)) for bigram, score in scored[:top]]
    return pd.DataFrame(rows, columns=["bigram", "count", "llr"])
