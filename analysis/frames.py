"""Frame scores per sentence and per document, always with their evidence.

Schemes (definitions and sources in ``analysis/lexicons/frames.csv``):

``generic``
    Semetko & Valkenburg (2000) generic news frames;
``policy``
    the Policy Frames Codebook dimensions (Boydstun et al. 2014; Card et al. 2015);
``metaphor`` and ``stance``
    framing devices: metaphor fields and epistemic stance (see :mod:`analysis.devices`).

>>> matches = find_cues(corpus, "generic")        # every cue occurrence
>>> sentence_scores(matches)                      # doc, index, frame, score, cues
>>> document_scores(corpus, "generic", matches)   # hits per 1,000 words, share of sentences
>>> evidence(corpus, matches, "conflict")         # the sentences behind a score, cues marked
"""
from __future__ import annotations

import html
from typing import Iterable

import pandas as pd

from .corpus import Corpus, Document
from .cues import as_documents, find_cues, load_lexicon, schemes

__all__ = ["find_cues", "frame_table", "sentence_scores", "document_scores", "profile",
           "evidence", "mark_cues", "cue_summary", "top_frames", "schemes"]

SENTENCE_COLUMNS = ["doc", "index", "frame", "score", "cues", "negated"]
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
    keys = ["doc", "index", "frame"]
    m = matches.sort_values(["doc", "index", "frame", "start"], kind="stable")
    live = m[~m["negated"]].groupby(keys, sort=False).agg(score=("match", "size"), cues=("match", _join))
    dead = (m[m["negated"]].assign(said=m["negator"] + " " + m["match"])
            .groupby(keys, sort=False).agg(negated=("said", _join)))
    out = live.join(dead, how="outer").reset_index()
    out["score"] = out["score"].fillna(0).astype(int)
    out[["cues", "negated"]] = out[["cues", "negated"]].fillna("")
    if not negated:
        out = out[out["score"] > 0]
    return _in_corpus_order(out[SENTENCE_COLUMNS], matches)


def _in_corpus_order(frame: pd.DataFrame, matches: pd.DataFrame, by: tuple[str, ...] = ("index", "frame")) -> pd.DataFrame:
    """Rows sorted by document (in the order documents appear in ``matches``), then ``by``."""
    order = {d: i for i, d in enumerate(dict.fromkeys(matches["doc"]))}
    key = frame["doc"].map(order)
    return (frame.assign(_k=key).sort_values(["_k", *by], kind="stable")
            .drop(columns="_k").reset_index(drop=True))


def cue_summary(group: pd.DataFrame, top: int | None = 5) -> str:
    """``"war ×3; sanctions ×2"``: the most frequent matched words, ties alphabetical."""
    counts = group["match"].str.lower().value_counts()
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if top is not None:
        ordered = ordered[:top]
    return _join(f"{w} ×{n}" if n > 1 else w for w, n in ordered)


def _cue_summaries(live: pd.DataFrame, top: int | None) -> pd.Series:
    """:func:`cue_summary` for every (doc, frame) group at once."""
    if live.empty:
        return pd.Series(dtype=str)
    counts = (live.assign(word=live["match"].str.lower()).groupby(["doc", "frame", "word"]).size()
              .reset_index(name="n").sort_values(["doc", "frame", "n", "word"], ascending=[True, True, False, True],
                                                 kind="stable"))
    if top is not None:
        counts = counts.groupby(["doc", "frame"], sort=False).head(top)
    label = counts["word"].where(counts["n"] == 1, counts["word"] + " ×" + counts["n"].astype(str))
    return label.groupby([counts["doc"], counts["frame"]], sort=False).agg(_join)


def document_scores(docs: Corpus | Document | Iterable[Document], scheme: str,
                    matches: pd.DataFrame | None = None, top_cues: int | None = 5) -> pd.DataFrame:
    """One row per document and frame (every frame, zeros included).

    ``hits`` non-negated cue occurrences; ``negated`` negated ones; ``words``
    word tokens of the document; ``score`` hits per 1,000 words;
    ``sentences`` sentences with at least one hit; ``share`` their fraction
    of all sentences; ``cues`` the most frequent matched words.
    """
    docs = as_documents(docs)
    if matches is None:
        matches = find_cues(docs, scheme)
    lexicon = load_lexicon(scheme)
    live = matches[~matches["negated"]]
    grouped = live.groupby(["doc", "frame"])
    hits = grouped.size()
    sentences = grouped["index"].nunique()
    cues = _cue_summaries(live, top_cues)
    negated = matches[matches["negated"]].groupby(["doc", "frame"]).size()
    rows = []
    for doc in docs:
        n_words, n_sent = len(doc.words), len(doc.sentences)
        for frame, name in zip(lexicon.frames["frame"], lexicon.frames["name"]):
            key = (doc.id, frame)
            h, n = int(hits.get(key, 0)), int(sentences.get(key, 0))
            rows.append((doc.id, frame, name, h, int(negated.get(key, 0)), n_words,
                         round(1000 * h / n_words, 3) if n_words else 0.0, n,
                         round(n / n_sent, 3) if n_sent else 0.0, cues.get(key, "")))
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

    One row per sentence: doc, index, score (non-negated hits), cues,
    negated, text (original wording with the cues marked).
    """
    by_id = {d.id: d for d in as_documents(docs)}
    sel = matches[matches["frame"] == frame]
    if doc is not None:
        sel = sel[sel["doc"] == doc]
    if not include_negated:
        sel = sel[~sel["negated"]]
    rows = []
    for (doc_id, index), group in sel.groupby(["doc", "index"], sort=False):
        document = by_id[doc_id]
        sent = document.sentences[index]
        source = document.raw[sent.start:sent.end]
        spans = [(a - sent.start, b - sent.start) for a, b in zip(group["start"], group["end"])]
        live = group[~group["negated"]]
        dead = group[group["negated"]]
        rows.append((doc_id, index, len(live), _join(live["match"]),
                     _join(f"{n} {w}" for n, w in zip(dead["negator"], dead["match"])),
                     mark_cues(source, spans, as_html=as_html)))
    out = pd.DataFrame(rows, columns=["doc", "index", "score", "cues", "negated", "text"])
    return _in_corpus_order(out, sel, by=("index",))


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
