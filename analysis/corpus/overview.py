"""Descriptive views of a corpus for the corpus tour: structure and counts."""
from __future__ import annotations

import pandas as pd

from .model import Corpus, Document
from .terms import content_words


def sections(doc: Document) -> pd.DataFrame:
    """Sections of a document in order, with paragraph, sentence and word counts.
    Text before the first heading is the section ``(opening)``."""
    rows: dict[str, list[int]] = {}
    for p in doc.paragraphs:
        name = p.section or "(opening)"
        counts = rows.setdefault(name, [0, 0, 0])
        counts[0] += 1
        counts[1] += len(p.sentences)
        counts[2] += sum(len(s.words) for s in p.sentences)
    frame = pd.DataFrame([(name, *c) for name, c in rows.items()],
                         columns=["section", "paragraphs", "sentences", "words"])
    frame.insert(0, "doc", doc.id)
    return frame


def sentence_lengths(corpus: Corpus) -> pd.DataFrame:
    """Words per sentence, one row per sentence."""
    rows = [(d.id, d.label, s.index, len(s.words)) for d in corpus for s in d.sentences]
    return pd.DataFrame(rows, columns=["doc", "label", "sentence", "words"])


def lexical_summary(corpus: Corpus) -> pd.DataFrame:
    """Per document: words, distinct words, type-token ratio on the first
    500 words (comparable across lengths), mean and median sentence length."""
    rows = []
    for d in corpus:
        words = d.words
        lengths = [len(s.words) for s in d.sentences]
        head = words[:500]
        rows.append({
            "doc": d.id,
            "words": len(words),
            "distinct_words": len(set(words)),
            "ttr_first_500": round(len(set(head)) / len(head), 3) if head else 0.0,
            "content_words": len(content_words(d)),
            "mean_sentence_words": round(sum(lengths) / len(lengths), 1),
            "median_sentence_words": float(pd.Series(lengths).median()),
        })
    return pd.DataFrame(rows)

