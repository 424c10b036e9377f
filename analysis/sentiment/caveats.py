"""The caveats of dictionary sentiment, measured: coverage, watch-list terms, quoted valence."""
from __future__ import annotations

import csv
from functools import lru_cache
from typing import Iterable

import pandas as pd

from ..corpus.tokens import is_word
from ..errors import InputError
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


_PLACEHOLDER = "zzwatchzz"  # not in VADER's lexicon: a watch word in its listed sense scores 0


@lru_cache(maxsize=1)
def watch_senses() -> tuple[tuple[str, str, str, str], ...]:
    """The watch-list rows with a sense rule, used by the ablation: ``(term,
    valence, sense, source)``. Rebuilt on NewsMTSC (political news, not the
    seeds): words whose VADER valence most often disagrees with the coders'
    polarity, kept where one sense explains it. Rows written on the seeds have
    no sense rule and never enter the ablation. ``valence`` is the sign VADER
    gives the word (``positive`` / ``negative``): the list has both, so the
    ablation can move a tone either way.

    Sense rules, ``;``-separated, any one suffices: ``cap`` (capitalised inside
    the sentence, or followed by a capitalised word: a name), ``prev=a|b``
    (the word before), ``next=a|b`` (the word after), ``any`` (every use)."""
    with data_file("vader_watchlist.csv").open(encoding="utf-8", newline="") as f:
        return tuple((r["term"].lower(), r["valence"], r["sense"], r["source"]) for r in csv.DictReader(f)
                     if (r.get("sense") or "").strip())


def _core(token: str) -> str:
    return token.strip(".,;:!?\"'()[]{}“”‘’").lower()


def _in_sense(rule: str, tokens: list[str], k: int) -> bool:
    core = tokens[k].strip(".,;:!?\"'()[]{}“”‘’")
    before = _core(tokens[k - 1]) if k > 0 else ""
    after_raw = tokens[k + 1].strip(".,;:!?\"'()[]{}“”‘’") if k + 1 < len(tokens) else ""
    for part in (p.strip() for p in rule.split(";")):
        if part == "any":
            return True
        if part == "cap" and core[:1].isupper() and (k > 0 or after_raw[:1].isupper()):
            return True
        if part.startswith("prev=") and before in part[5:].split("|"):
            return True
        if part.startswith("next=") and after_raw.lower() in part[5:].split("|"):
            return True
    return False


def ablate(text: str) -> tuple[str, list[tuple[str, str]]]:
    """``text`` with every watch word in its listed sense replaced by a word VADER
    does not know (scored 0: token level, other senses keep their valence), and
    the ``(term, valence)`` of each replaced word."""
    rules: dict[str, list[tuple[str, str]]] = {}
    for term, valence, sense, _ in watch_senses():
        rules.setdefault(term, []).append((valence, sense))
    tokens = text.split()
    removed = []
    for k, token in enumerate(tokens):
        for valence, sense in rules.get(_core(token), ()):
            if _in_sense(sense, tokens, k):
                core = token.strip(".,;:!?\"'()[]{}“”‘’")
                tokens[k] = token.replace(core, _PLACEHOLDER, 1)
                removed.append((_core(token), valence))
                break
    return (" ".join(tokens), removed) if removed else (text, removed)


@lru_cache(maxsize=1)
def watchlist() -> tuple[tuple[str, str, str], ...]:
    """Terms VADER commonly misreads in news and analytic prose on security
    (``analysis/data/vader_watchlist.csv``: term, kind, note; the file also
    records each row's ``source`` and, for the ablation, ``valence`` and
    ``sense``: :func:`watch_senses`)."""
    with data_file("vader_watchlist.csv").open(encoding="utf-8", newline="") as f:
        return tuple((r["term"].lower(), r["kind"], r["note"]) for r in csv.DictReader(f))


def watch_provenance() -> pd.DataFrame:
    """The watch list's provenance: one row per term, ``term, source`` ("written on the seeds" or
    the texts other than the seeds it was built on); every row has one (raises :class:`InputError`)."""
    path = data_file("vader_watchlist.csv")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "source" not in table.columns or (table["source"].str.strip() == "").any():
        raise InputError(path, "every watch-list row needs a source")
    return table[["term", "source"]].reset_index(drop=True)


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
