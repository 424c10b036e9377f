"""Framing devices beyond topic frames: metaphor fields, attribution, quotation, stance.

Metaphor fields and epistemic stance are dictionary schemes (``metaphor`` and
``stance`` in ``analysis/framing/lexicons/``) scored with :mod:`analysis.framing.frames`.
Attribution — who is quoted or paraphrased, through which reporting verb — is
found by token patterns around a list of reporting verbs
(``lexicons/reporting_verbs.csv``), no parser needed:

``speaker-verb``
    "Shoigu told Kim", "Washington and Seoul have accused", "British military
    intelligence recently estimated" (auxiliaries and -ly adverbs skipped);
``what-speaker-verb``
    the distancing "what the Kremlin called", "what observers are calling";
``verb-by-speaker``
    "as noted by the analyst Ankit Panda";
``according-to``
    "according to officials";
``subject``
    the sentence's opening name or pronoun when the verb follows an
    apposition: "Kim, dressed in ..., responded that".

Limits: the speaker is the nearest name-like phrase, not a parsed subject;
pronouns are not resolved; verbs outside the list are missed; quote-only verbs
("began", "continued") count only right after a closing quotation mark.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Iterable

import pandas as pd

from ..corpus.model import Corpus, Document
from ..types import as_documents
from .attribution import (AUXILIARIES, CONNECTORS, NEGATORS, PRONOUNS, QUOTE_MARKS, reporting_verbs, sentence_attributions,
                          source_nouns)
from .cues import word_count

# the attribution core lives in .attribution (cue matching uses it too); its names stay importable here
__all__ = ["ATTRIBUTION_COLUMNS", "AUXILIARIES", "CONNECTORS", "NEGATORS", "PRONOUNS", "QUOTE_MARKS", "attributions",
           "attribution_scores", "attribution_summary", "quotations", "reporting_verbs", "sentence_attributions",
           "source_nouns"]


ATTRIBUTION_COLUMNS = ["doc", "sentence", "speaker", "verb", "lemma", "category", "pattern", "negated",
                       "quoted", "text"]
_QUOTED = re.compile(r'"([^"]+)"')


def attributions(docs: Corpus | Document | Iterable[Document]) -> pd.DataFrame:
    """Who is quoted or paraphrased, via which reporting verb, in which sentence.

    Columns: doc, sentence, speaker, verb (as written), lemma, category
    (neutral | emphatic | endorsing | contentious), pattern, negated,
    quoted (the sentence holds a direct quotation), text.
    """
    rows = [(doc.id, s.index, *row[:6], row[6], s.text)
            for doc in as_documents(docs) for s in doc.sentences for row in sentence_attributions(s)]
    return pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)


def quotations(docs: Corpus | Document | Iterable[Document], scare_max_words: int = 3) -> pd.DataFrame:
    """Every stretch in double quotation marks: doc, sentence, quote, words, kind, speaker.

    A short quoted phrase (at most ``scare_max_words`` words) is a
    ``partial quote`` when the sentence attributes it to a speaker (Kim
    calling Putin his "dearest comrade") and a ``scare quote`` when nobody is
    named (the writer's distancing: "imperialism", "shell hunger"); longer
    ones are ``direct quote``. ``speaker`` is the sentence's first live
    attribution, if any.
    """
    rows = []
    for doc in as_documents(docs):
        for s in doc.sentences:
            found = _QUOTED.findall(s.norm)
            if not found:
                continue
            live = [r for r in sentence_attributions(s) if not r[5]]
            speaker = live[0][0] if live else ""
            for quote in found:
                n = len(quote.split())
                kind = "direct quote" if n > scare_max_words else "partial quote" if speaker else "scare quote"
                rows.append((doc.id, s.index, quote.strip(" ,."), n, kind, speaker))
    return pd.DataFrame(rows, columns=["doc", "sentence", "quote", "words", "kind", "speaker"])


def attribution_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Counts of attributions per document and verb category (all categories shown)."""
    categories = ["neutral", "emphatic", "endorsing", "contentious"]
    counts = (table.groupby(["doc", "category"]).size().unstack(fill_value=0)
              .reindex(columns=categories, fill_value=0))
    counts.columns.name = None
    return counts


def attribution_scores(docs: Corpus | Document | Iterable[Document], by: str = "sentence") -> pd.DataFrame:
    """Attributions in the shape of frame scores, ``frame`` being the verb category.

    ``by="sentence"``: doc, sentence, frame, score (attributions), cues
    ("Shoigu told; Kim hailed"), negated. ``by="document"``: doc, frame,
    hits, words, score (per 1,000 words), sentences, share, cues (speakers).
    """
    docs = as_documents(docs)
    table = attributions(docs)
    categories = ["neutral", "emphatic", "endorsing", "contentious"]
    # One pass in Python over the attributions: a pandas filter per document or
    # group would cost more than the work on a large corpus.
    columns = [table[c] for c in ("doc", "sentence", "category", "negated", "speaker", "verb")]
    if by == "sentence":
        groups: dict[tuple, tuple[list, list]] = {}
        for doc, index, cat, negated, speaker, verb in zip(*columns):
            live, dead = groups.setdefault((doc, index, cat), ([], []))
            (dead if negated else live).append(f"{speaker} not {verb}" if negated else f"{speaker} {verb}")
        rows = [(doc, index, cat, len(live), "; ".join(live), "; ".join(dead))
                for (doc, index, cat), (live, dead) in groups.items()]
        return pd.DataFrame(rows, columns=["doc", "sentence", "frame", "score", "cues", "negated"])
    speakers: dict[tuple[str, str], Counter] = defaultdict(Counter)
    sentences: dict[tuple[str, str], set] = defaultdict(set)
    for doc, index, cat, negated, speaker, _ in zip(*columns):
        if not negated:
            speakers[(doc, cat)][speaker] += 1
            sentences[(doc, cat)].add(index)
    rows = []
    for doc in docs:
        n_words, n_sent = word_count(doc), len(doc.sentences)
        for cat in categories:
            counts, n = speakers.get((doc.id, cat), {}), len(sentences.get((doc.id, cat), ()))
            hits = sum(counts.values())
            cues = "; ".join(f"{s} ×{k}" if k > 1 else s
                             for s, k in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
            rows.append((doc.id, cat, hits, n_words, round(1000 * hits / n_words, 3) if n_words else 0.0,
                         n, round(n / n_sent, 3) if n_sent else 0.0, cues))
    return pd.DataFrame(rows, columns=["doc", "frame", "hits", "words", "score", "sentences", "share", "cues"])
