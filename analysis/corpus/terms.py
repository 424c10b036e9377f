"""Reading aids: keyword-in-context concordances and collocations."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder

from .model import Corpus, Document
from ..paths import data_file
from .tokens import is_word
from ..types import as_documents


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


def content_words(doc: Document) -> list[str]:
    """Lower-cased word tokens without stop words and possessive clitics."""
    stops = stopwords()
    return [w for w in doc.words if w not in stops and w not in {"'s", "s"} and is_word(w)]


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
