"""Attribution in one sentence: who is quoted or paraphrased, through which reporting verb.

Token patterns around the reporting verbs of ``lexicons/reporting_verbs.csv``
(see :mod:`analysis.framing.devices` for the patterns and their limits). This
module sits below :mod:`analysis.framing.cues`, which asks it whether a stance
word is someone else's reporting verb.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..corpus.model import Sentence
from ..corpus.terms import stopwords
from ..paths import LEXICONS


AUXILIARIES = frozenset("has have had is are was were be been being will would also repeatedly".split())
NEGATORS = frozenset(["not", "n't", "never"])
CONNECTORS = frozenset(["and", "the", "both", "a", "an"])
PRONOUNS = frozenset("he she they we i it".split())
QUOTE_MARKS = frozenset(['"', "''", "``", "“", "”"])


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
