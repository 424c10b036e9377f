"""Framing devices beyond topic frames: metaphor fields, attribution, quotation, stance.

Metaphor fields and epistemic stance are dictionary schemes (``metaphor`` and
``stance`` in ``analysis/lexicons/``) scored with :mod:`analysis.frames`.
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
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..corpus.model import Corpus, Document, Sentence
from ..types import as_documents
from .cues import LEXICONS, word_count
from ..corpus.terms import stopwords

ATTRIBUTION_COLUMNS = ["doc", "index", "speaker", "verb", "lemma", "category", "pattern", "negated",
                       "quoted", "text"]
AUXILIARIES = frozenset("has have had is are was were be been being will would also repeatedly".split())
NEGATORS = frozenset(["not", "n't", "never"])
CONNECTORS = frozenset(["and", "the", "both", "a", "an"])
PRONOUNS = frozenset("he she they we i it".split())
QUOTE_MARKS = frozenset(['"', "''", "``", "“", "”"])
_QUOTED = re.compile(r'"([^"]+)"')


@lru_cache(maxsize=1)
def reporting_verbs(folder: Path = LEXICONS) -> pd.DataFrame:
    """One row per verb form: form, lemma, category, quote_only."""
    table = pd.read_csv(folder / "reporting_verbs.csv", dtype=str, keep_default_na=False)
    rows = [(form, r.lemma, r.category, r.quote_only.strip().lower() == "true")
            for r in table.itertuples() for form in r.forms.split()]
    return pd.DataFrame(rows, columns=["form", "lemma", "category", "quote_only"])


@lru_cache(maxsize=1)
def source_nouns(folder: Path = LEXICONS) -> frozenset[str]:
    """Nouns that can head a speaker phrase ("observers", "intelligence")."""
    lines = (folder / "sources.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(l.strip().lower() for l in lines if l.strip() and not l.startswith("#"))


@lru_cache(maxsize=1)
def _verb_index() -> dict[str, tuple[str, str, bool]]:
    return {r.form: (r.lemma, r.category, r.quote_only) for r in reporting_verbs().itertuples()}


def _is_name(token: str) -> bool:
    """A capitalised word that is not a capitalised stop word ("While", "The")."""
    return token[:1].isupper() and any(c.isalpha() for c in token) and token.lower() not in stopwords()


def _speaker_left(words: list[str], i: int) -> tuple[str, int]:
    """The speaker phrase ending just before position ``i`` and its first index."""
    nouns = source_nouns()
    j = i - 1
    while j >= 0 and (words[j].lower() in AUXILIARIES or words[j].lower() in NEGATORS
                      or (words[j].lower().endswith("ly") and words[j].islower())):
        j -= 1
    collected: list[int] = []
    while j >= 0 and len(collected) < 6:
        w, low = words[j], words[j].lower()
        if _is_name(w) or low in nouns:
            collected.append(j)
        elif low in CONNECTORS and collected:
            collected.append(j)
        elif collected and words[collected[-1]].lower() in nouns and w.isalpha() and low not in stopwords():
            collected.append(j)  # a modifier of a source noun: "military intelligence"
        elif not collected and low in PRONOUNS:
            return w, j
        else:
            break
        j -= 1
    while collected and words[collected[-1]].lower() in CONNECTORS - {"the", "both"}:
        collected.pop()
    while collected and words[collected[0]].lower() in CONNECTORS:
        collected.pop(0)
    if not collected:
        return "", -1
    first = collected[-1]
    return " ".join(words[first:collected[0] + 1]), first


def _speaker_right(words: list[str], i: int) -> str:
    """The phrase after a passive ``by`` / ``according to`` at position ``i``."""
    nouns = source_nouns()
    out = []
    for w in words[i:i + 6]:
        if _is_name(w) or w.lower() in nouns or (w.lower() in CONNECTORS and not out) or (
                out and w.lower() in {"and"}):
            out.append(w)
        else:
            break
    while out and out[-1].lower() in CONNECTORS:
        out.pop()
    while out and out[0].lower() in CONNECTORS:
        out.pop(0)
    return " ".join(out)


def _sentence_subject(words: list[str]) -> str:
    """The opening name (or pronoun) of a sentence, e.g. "Kim" in "Kim, dressed in ..."."""
    out = []
    for w in words:
        if _is_name(w):
            out.append(w)
        elif not out and w.lower() in PRONOUNS:
            return w
        else:
            break
    return " ".join(out)


def sentence_attributions(sentence: Sentence) -> list[tuple]:
    """Attribution rows (without doc/text) for one sentence."""
    words = [t.text for t in sentence.tokens if t.text not in ("'s", "'")]
    verbs = _verb_index()
    quoted = any(w in QUOTE_MARKS for w in words)
    rows = []
    for i, w in enumerate(words):
        low = w.lower()
        if low == "according" and i + 1 < len(words) and words[i + 1].lower() == "to":
            speaker = _speaker_right(words, i + 2)
            if speaker:
                rows.append((speaker, "according to", "according to", "neutral", "according-to", False))
            continue
        if low not in verbs:
            continue
        lemma, category, quote_only = verbs[low]
        speaker, first = _speaker_left(words, i)
        if quote_only and not (speaker and first > 0 and words[first - 1] in QUOTE_MARKS | {","}):
            continue
        negated = any(x.lower() in NEGATORS for x in words[max(0, i - 3):i])
        if speaker:
            pattern = "what-speaker-verb" if first > 0 and words[first - 1].lower() == "what" else "speaker-verb"
        elif i + 1 < len(words) and words[i + 1].lower() == "by":
            speaker, pattern = _speaker_right(words, i + 2), "verb-by-speaker"
        elif i > 0 and words[i - 1] == ",":
            speaker, pattern = _sentence_subject(words), "subject"
        else:
            pattern = ""
        if speaker:
            rows.append((speaker, w, lemma, category, pattern, negated))
    return [r + (quoted,) for r in rows]


def attributions(docs: Corpus | Document | Iterable[Document]) -> pd.DataFrame:
    """Who is quoted or paraphrased, via which reporting verb, in which sentence.

    Columns: doc, index, speaker, verb (as written), lemma, category
    (neutral | emphatic | endorsing | contentious), pattern, negated,
    quoted (the sentence holds a direct quotation), text.
    """
    rows = [(doc.id, s.index, *row[:6], row[6], s.text)
            for doc in as_documents(docs) for s in doc.sentences for row in sentence_attributions(s)]
    return pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)


def quotations(docs: Corpus | Document | Iterable[Document], scare_max_words: int = 3) -> pd.DataFrame:
    """Every stretch in double quotation marks: doc, index, quote, words, kind, speaker.

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
    return pd.DataFrame(rows, columns=["doc", "index", "quote", "words", "kind", "speaker"])


def attribution_summary(table: pd.DataFrame) -> pd.DataFrame:
    """Counts of attributions per document and verb category (all categories shown)."""
    categories = ["neutral", "emphatic", "endorsing", "contentious"]
    counts = (table.groupby(["doc", "category"]).size().unstack(fill_value=0)
              .reindex(columns=categories, fill_value=0))
    counts.columns.name = None
    return counts


def attribution_scores(docs: Corpus | Document | Iterable[Document], by: str = "sentence") -> pd.DataFrame:
    """Attributions in the shape of frame scores, ``frame`` being the verb category.

    ``by="sentence"``: doc, index, frame, score (attributions), cues
    ("Shoigu told; Kim hailed"), negated. ``by="document"``: doc, frame,
    hits, words, score (per 1,000 words), sentences, share, cues (speakers).
    """
    docs = as_documents(docs)
    table = attributions(docs)
    categories = ["neutral", "emphatic", "endorsing", "contentious"]
    # One pass in Python over the attributions: a pandas filter per document or
    # group would cost more than the work on a large corpus.
    columns = [table[c] for c in ("doc", "index", "category", "negated", "speaker", "verb")]
    if by == "sentence":
        groups: dict[tuple, tuple[list, list]] = {}
        for doc, index, cat, negated, speaker, verb in zip(*columns):
            live, dead = groups.setdefault((doc, index, cat), ([], []))
            (dead if negated else live).append(f"{speaker} not {verb}" if negated else f"{speaker} {verb}")
        rows = [(doc, index, cat, len(live), "; ".join(live), "; ".join(dead))
                for (doc, index, cat), (live, dead) in groups.items()]
        return pd.DataFrame(rows, columns=["doc", "index", "frame", "score", "cues", "negated"])
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
