"""Frame scores per sentence and per document, always with their evidence.

Schemes (definitions and sources in ``analysis/framing/lexicons/frames.csv``):

``generic``
    Semetko & Valkenburg (2000) generic news frames;
``policy``
    the Policy Frames Codebook dimensions (Boydstun et al. 2014; Card et al. 2015);
``metaphor`` and ``stance``
    framing devices: metaphor fields and epistemic stance (see :mod:`analysis.framing.devices`).

>>> matches = find_cues(corpus, "generic")        # every cue occurrence
>>> sentence_scores(matches)                      # doc, sentence, frame, score, cues
>>> document_scores(corpus, "generic", matches)   # hits per 1,000 words, share of sentences
>>> evidence(corpus, matches, "conflict")         # the sentences behind a score, cues marked
"""
from __future__ import annotations

import html
from collections import Counter, defaultdict
from typing import Iterable

import pandas as pd

from ..corpus.model import Corpus, Document
from ..types import as_documents
from .cues import find_cues, load_lexicon, schemes, word_count

__all__ = ["find_cues", "frame_table", "sentence_scores", "document_scores", "profile",
           "evidence", "mark_cues", "cue_summary", "top_frames", "schemes"]

SENTENCE_COLUMNS = ["doc", "sentence", "frame", "score", "cues", "negated"]
DOCUMENT_COLUMNS = ["doc", "frame", "name", "hits", "negated", "words", "score", "sentences",
                    "share", "cues"]


def frame_table(scheme: str) -> pd.DataFrame:
    """Frames of a scheme with definition, source and number of cues."""
    lexicon = load_lexicon(scheme)
    counts = lexicon.cue_table().groupby("frame").size()
    table = lexicon.frames[["frame", "name", "definition", "source"]].copy()
    table.insert(2, "n_cues", table["frame"].map(counts).fillna(0).astype(int))
    return table


def _join(values: Iterable[str]) -> str:
    return "; ".join(values)


def sentence_scores(matches: pd.DataFrame, negated: bool = True) -> pd.DataFrame:
    """One row per sentence and frame with any cue: ``score`` is the number of
    non-negated cue hits, ``cues`` the words that produced it (in text order),
    ``negated`` the cues that were found but negated ("not allies").

    With ``negated=False`` rows whose cues were all negated are left out.
    """
    if matches.empty:
        return pd.DataFrame(columns=SENTENCE_COLUMNS)
    m = matches.sort_values(["doc", "sentence", "frame", "start"], kind="stable")
    # One pass in Python: a groupby with a string join per group costs more than the work.
    groups: dict[tuple, tuple[list, list]] = {}
    for d, i, f, neg, negator, word in zip(m["doc"], m["sentence"], m["frame"], m["negated"], m["negator"],
                                           m["match"]):
        live, dead = groups.setdefault((d, i, f), ([], []))
        if neg:
            dead.append(f"{negator} {word}")
        else:
            live.append(word)
    rows = [(d, i, f, len(live), _join(live), _join(dead)) for (d, i, f), (live, dead) in groups.items()]
    out = pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
    if not negated:
        out = out[out["score"] > 0]
    return _in_corpus_order(out[SENTENCE_COLUMNS], matches)


def _in_corpus_order(frame: pd.DataFrame, matches: pd.DataFrame, by: tuple[str, ...] = ("sentence", "frame")) -> pd.DataFrame:
    """Rows sorted by document (in the order documents appear in ``matches``), then ``by``."""
    order = {d: i for i, d in enumerate(dict.fromkeys(matches["doc"]))}
    key = frame["doc"].map(order)
    return (frame.assign(_k=key).sort_values(["_k", *by], kind="stable")
            .drop(columns="_k").reset_index(drop=True))


def _summary(counts: dict[str, int], top: int | None) -> str:
    """``"war ×3; sanctions ×2"`` from word counts: most frequent first, ties alphabetical."""
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if top is not None:
        ordered = ordered[:top]
    return _join(f"{w} ×{n}" if n > 1 else w for w, n in ordered)


def cue_summary(group: pd.DataFrame, top: int | None = 5) -> str:
    """``"war ×3; sanctions ×2"``: the most frequent matched words, ties alphabetical."""
    return _summary(Counter(w.lower() for w in group["match"]), top)


def document_scores(docs: Corpus | Document | Iterable[Document], scheme: str,
                    matches: pd.DataFrame | None = None, top_cues: int | None = 5) -> pd.DataFrame:
    """One row per document and frame (every frame, zeros included).

    ``hits`` non-negated cue occurrences; ``negated`` negated ones; ``words``
    word tokens of the document; ``score`` hits per 1,000 words;
    ``sentences`` sentences with at least one hit; ``share`` their fraction
    of all sentences; ``cues`` the most frequent matched words.
    """
    from ..extensions import ask

    if (stored := ask("frames", docs, scheme, matches, top_cues)) is not None:
        return stored
    docs = as_documents(docs)
    if matches is None:
        matches = find_cues(docs, scheme)
    lexicon = load_lexicon(scheme)
    # One pass over the matches into plain dicts keyed by (doc, frame): cheaper
    # than several pandas groupbys, and a lookup per document and frame is free.
    negated: Counter = Counter()
    words: dict[tuple[str, str], Counter] = defaultdict(Counter)
    sentences: dict[tuple[str, str], set] = defaultdict(set)
    for d, f, i, neg, word in zip(matches["doc"], matches["frame"], matches["sentence"], matches["negated"],
                                  matches["match"]):
        if neg:
            negated[(d, f)] += 1
        else:
            words[(d, f)][word.lower()] += 1
            sentences[(d, f)].add(i)
    frame_names = list(zip(lexicon.frames["frame"], lexicon.frames["name"]))
    rows = []
    for doc in docs:
        n_words, n_sent = word_count(doc), len(doc.sentences)
        for frame, name in frame_names:
            key = (doc.id, frame)
            counts = words.get(key, {})
            h, n = sum(counts.values()), len(sentences.get(key, ()))
            rows.append((doc.id, frame, name, h, negated[key], n_words,
                         round(1000 * h / n_words, 3) if n_words else 0.0, n,
                         round(n / n_sent, 3) if n_sent else 0.0, _summary(counts, top_cues)))
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


def profile(scores: pd.DataFrame, value: str = "score") -> pd.DataFrame:
    """Frames × documents table of one column of :func:`document_scores`,
    frames in lexicon order, documents in corpus order."""
    table = scores.pivot(index="frame", columns="doc", values=value)
    table = table.loc[list(dict.fromkeys(scores["frame"])), list(dict.fromkeys(scores["doc"]))]
    table.columns.name = None
    return table


def mark_cues(text: str, spans: list[tuple[int, int]], as_html: bool = False,
              marks: tuple[str, str] = ("[", "]")) -> str:
    """``text`` with each ``(start, end)`` span (offsets into ``text``) marked.

    With ``as_html`` the text is escaped and spans wrapped in ``<mark>``.
    Whitespace runs are collapsed for display.
    """
    left, right = ("<mark>", "</mark>") if as_html else marks
    escape = html.escape if as_html else (lambda s: s)
    pieces, pos = [], 0
    for a, b in sorted(set(spans)):
        if a < pos:  # overlapping spans: keep the first
            continue
        pieces += [escape(text[pos:a]), left, escape(text[a:b]), right]
        pos = b
    pieces.append(escape(text[pos:]))
    return " ".join("".join(pieces).split())


def evidence(docs: Corpus | Document | Iterable[Document], matches: pd.DataFrame, frame: str,
             doc: str | None = None, as_html: bool = False, include_negated: bool = True) -> pd.DataFrame:
    """The sentences behind a frame's score, cue words marked ``[like this]``.

    One row per sentence: doc, sentence, score (non-negated hits), cues,
    negated, voice (the voices of its cues, :mod:`analysis.framing.voice`: ``authorial``,
    ``quoted``, ``attributed``, comma-separated when they differ), text (original wording with
    the cues marked).
    """
    from .voice import VOICES, cue_voices

    by_id = {d.id: d for d in as_documents(docs)}
    sel = matches[matches["frame"] == frame]
    if doc is not None:
        sel = sel[sel["doc"] == doc]
    if not include_negated:
        sel = sel[~sel["negated"]]
    if "voice" not in sel.columns:
        sel = cue_voices(sel, list(by_id.values()))
    voices: dict[tuple[str, int], set] = defaultdict(set)
    for d, i, v in zip(sel["doc"], sel["sentence"], sel["voice"]):
        voices[(d, i)].add(v)
    # One pass over the rows, grouped by sentence in order of first appearance
    # (pandas groupby with a boolean filter per group is slow on a large corpus).
    groups: dict[tuple[str, int], tuple[list, list, list]] = {}
    for d, i, a, b, neg, negator, word in zip(sel["doc"], sel["sentence"], sel["start"], sel["end"],
                                              sel["negated"], sel["negator"], sel["match"]):
        spans, live, dead = groups.setdefault((d, i), ([], [], []))
        spans.append((a, b))
        (dead if neg else live).append(f"{negator} {word}" if neg else word)
    sentences = {d: by_id[d].sentences for d in dict.fromkeys(d for d, _ in groups)}
    rows = []
    for (doc_id, index), (spans, live, dead) in groups.items():
        sent = sentences[doc_id][index]
        source = by_id[doc_id].raw[sent.start:sent.end]
        said = ", ".join(v for v in VOICES if v in voices[(doc_id, index)])
        rows.append((doc_id, index, len(live), _join(live), _join(dead), said,
                     mark_cues(source, [(a - sent.start, b - sent.start) for a, b in spans], as_html=as_html)))
    out = pd.DataFrame(rows, columns=["doc", "sentence", "score", "cues", "negated", "voice", "text"])
    return _in_corpus_order(out, sel, by=("sentence",))


def top_frames(scores: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The ``n`` highest-scoring frames per document (ties by lexicon order)."""
    order = {f: i for i, f in enumerate(dict.fromkeys(scores["frame"]))}
    ranked = scores.assign(_o=scores["frame"].map(order)).sort_values(
        ["doc", "score", "_o"], ascending=[True, False, True], kind="stable")
    out = ranked.groupby("doc", sort=False).head(n).drop(columns="_o")
    doc_order = {d: i for i, d in enumerate(dict.fromkeys(scores["doc"]))}
    return (out.assign(_d=out["doc"].map(doc_order)).sort_values(["_d", "score"], ascending=[True, False],
                                                                  kind="stable")
            .drop(columns="_d").reset_index(drop=True))
