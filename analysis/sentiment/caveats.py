"""The caveats of dictionary sentiment, measured: coverage, watch-list terms, quoted valence."""
from __future__ import annotations

import csv
from functools import lru_cache
from typing import Iterable

import pandas as pd

from ..corpus.tokens import is_word
from ..paths import data_file
from ..types import Docs, as_documents
from .evidence import score


def coverage(docs: Docs) -> pd.DataFrame:
    """Per document: how much of the text VADER can read at all.

    ``tokens`` counts VADER's tokens that contain a letter; ``in_lexicon``
    those found in the lexicon (``coverage`` = share); ``valenced`` those
    with a non-zero final valence; ``no_evidence_sentences`` sentences with no
    lexicon word at all (neutral by default, not by balance)."""
    rows = []
    for doc in as_documents(docs):
        results = [score(s.norm) for s in doc.sentences]
        words = [w for r in results for w in r.words if is_word(w.word)]
        known = sum(w.lexicon is not None for w in words)
        rows.append({
            "doc": doc.id, "sentences": len(results), "tokens": len(words), "in_lexicon": known,
            "coverage": round(known / len(words), 4) if words else 0.0,
            "valenced": sum(w.final != 0 for w in words),
            "neutral_sentences": sum(r.sentiment == "neutral" for r in results),
            "no_evidence_sentences": sum(not r.evidence for r in results),
        })
    return pd.DataFrame(rows)


@lru_cache(maxsize=1)
def watchlist() -> tuple[tuple[str, str, str], ...]:
    """Terms VADER commonly misreads in news and analytic prose on security
    (``analysis/data/vader_watchlist.csv``: term, kind, note)."""
    with data_file("vader_watchlist.csv").open(encoding="utf-8", newline="") as f:
        return tuple((r["term"].lower(), r["kind"], r["note"]) for r in csv.DictReader(f))


def misreadings(docs: Docs,
                terms: Iterable[tuple[str, str, str]] | None = None, quoted: bool = True) -> pd.DataFrame:
    """Places where VADER's reading is doubtful, found by code.

    Two sources: (1) every occurrence of a watch-list term (a word or
    phrase; default :func:`watchlist`) with the valence it contributed
    (0 if VADER does not know it) and the sentence compound; (2) with
    ``quoted``, every lexicon word inside quotation marks: its valence
    belongs to the quoted speaker, not to the writer, and may be ironic.
    """
    terms = list(watchlist() if terms is None else terms)
    rows = []
    for doc in as_documents(docs):
        for s in doc.sentences:
            r = score(s.norm)
            low = [w.word.lower() for w in r.words]
            for term, kind, note in terms:
                parts = term.split()
                for i in range(len(low) - len(parts) + 1):
                    if low[i:i + len(parts)] == parts:
                        found = r.words[i:i + len(parts)]
                        rows.append((doc.id, s.index, i, term, kind, sum(w.final for w in found),
                                     r.compound, note, s.text))
            if quoted:
                rows += [(doc.id, s.index, w.token, w.word.lower(), "quotation", w.final, r.compound,
                          "inside quotation marks: the speaker's valence, not the writer's", s.text)
                         for w in r.evidence if w.quoted and w.final != 0]
    frame = pd.DataFrame(rows, columns=["doc", "sentence", "token", "term", "kind", "contribution", "compound",
                                        "note", "text"])
    order = {d.id: i for i, d in enumerate(as_documents(docs))}
    frame = frame.assign(_d=frame.doc.map(order)).sort_values(["_d", "sentence", "token", "term"], kind="stable")
    return frame.drop(columns=["_d", "token"]).reset_index(drop=True)
