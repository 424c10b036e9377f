"""Headlines, subheads and the lead as salience positions of their own.

Positions, in order of salience:

``title``
    the document's title (catalog ``title``); offsets (``start``/``end``)
    point into the title text, not into ``doc.raw``;
``heading``
    each section heading cleaning took out of the body ("A Pact Forged in
    Conflict"); offsets into ``doc.raw``;
``lead``
    the sentences of the first body paragraph;
``body``
    every other body sentence.

Title and headings are never body sentences: body counts, scores and the
one denominator (body word tokens) are unchanged. In the ``sentence`` column
title and heading units are numbered within their position (title 0, headings
0, 1, ...); body and lead rows keep their sentence number.

>>> salience_cues(corpus, "generic")      # cue matches with a salience column
>>> salience_scores(corpus, "generic")    # hits per position, per 1,000 words of that position
"""
from __future__ import annotations

from array import array
from typing import Iterable

import pandas as pd

from ..corpus.model import Corpus, Document, Sentence
from ..corpus.tokens import is_word, word_spans
from .cues import MATCH_COLUMNS, as_documents, document_matches, load_lexicon, match_sentence, settings

POSITIONS = ("title", "heading", "lead", "body")
_STRAIGHT = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "‘": "'", "’": "'"})


def heading_sentence(doc_id: str, index: int, text: str, start: int = 0) -> Sentence:
    """A pseudo-sentence for a title or heading: tokens of ``text`` (quotes
    straightened, same length), offsets ``start + position in text``."""
    norm = text.translate(_STRAIGHT)
    spans = array("i", [x for pair in word_spans(norm) for x in pair])
    offsets = array("i", [start + x for x in spans])
    return Sentence(doc_id, index, -1, None, start, start + len(text), text, norm, spans, offsets)


def heading_units(doc: Document) -> list[tuple[str, Sentence, str]]:
    """``(position, sentence, source)`` for the title and each heading;
    ``source`` is the text the offsets point into."""
    units = []
    if doc.title:
        units.append(("title", heading_sentence(doc.id, 0, doc.title), doc.title))
    for k, h in enumerate(doc.headings):
        units.append(("heading", heading_sentence(doc.id, k, doc.raw[h.start:h.end], h.start), doc.raw))
    return units


def body_position(doc: Document, sentence: Sentence) -> str:
    """``lead`` for the first body paragraph's sentences, else ``body``."""
    first = doc.paragraphs[0].index if doc.paragraphs else 0
    return "lead" if sentence.paragraph == first else "body"


def salience_cues(docs: Corpus | Document | Iterable[Document], scheme: str) -> pd.DataFrame:
    """Cue matches of ``scheme`` in every position: the body's matches (as
    :func:`analysis.framing.cues.find_cues`) with ``salience`` lead/body, and
    the title's and headings' with ``salience`` title/heading."""
    lexicon, rules = load_lexicon(scheme), settings()
    rows = []
    for doc in as_documents(docs):
        for position, sentence, source in heading_units(doc):
            rows += [row + (position,) for row in match_sentence(sentence, lexicon, source, rules)]
        lead = {s.index for s in doc.sentences if body_position(doc, s) == "lead"}
        rows += [row + ("lead" if row[1] in lead else "body",) for row in document_matches(doc, lexicon, rules)]
    table = pd.DataFrame(rows, columns=MATCH_COLUMNS + ["salience"])
    return table.astype({"sentence": "int64", "start": "int64", "end": "int64", "negated": "bool"})


def salience_sentences(docs: Corpus | Document | Iterable[Document]) -> pd.DataFrame:
    """One row per unit: doc, salience, sentence, words (word tokens), text."""
    rows = []
    for doc in as_documents(docs):
        rows += [(doc.id, position, s.index, sum(1 for t in s.tokens if is_word(t.text)), s.text)
                 for position, s, _ in heading_units(doc)]
        rows += [(doc.id, body_position(doc, s), s.index, len(s.words), s.text) for s in doc.sentences]
    return pd.DataFrame(rows, columns=["doc", "salience", "sentence", "words", "text"])


def salience_scores(docs: Corpus | Document | Iterable[Document], scheme: str) -> pd.DataFrame:
    """Per document, position and frame (frames with hits only): ``hits``
    (non-negated), ``words`` of that position, ``per_1k_salience_words``
    (hits per 1,000 words *of that position*: a base of its own, not the
    body's), ``units`` with a hit and ``cues``."""
    docs = as_documents(docs)
    cues = salience_cues(docs, scheme)
    live = cues[~cues["negated"]]
    words = salience_sentences(docs).groupby(["doc", "salience"])["words"].sum()
    order = {f: i for i, f in enumerate(load_lexicon(scheme).frame_ids)}
    rows = []
    for doc in docs:
        for position in POSITIONS:
            n_words = int(words.get((doc.id, position), 0))
            here = live[(live["doc"] == doc.id) & (live["salience"] == position)]
            for frame, group in sorted(here.groupby("frame"), key=lambda kv: order[kv[0]]):
                rows.append((doc.id, position, frame, len(group), n_words,
                             round(1000 * len(group) / n_words, 3) if n_words else 0.0,
                             group["sentence"].nunique(), "; ".join(group["match"])))
    return pd.DataFrame(rows, columns=["doc", "salience", "frame", "hits", "words", "per_1k_salience_words",
                                       "units", "cues"])


def salience_voices(table: pd.DataFrame, docs: Corpus | Document | Iterable[Document]) -> pd.DataFrame:
    """:func:`salience_cues` rows with ``voice`` and ``speaker``: body rows as
    :func:`analysis.framing.voice.cue_voices`, title and heading rows from
    their own tokens (a quoted headline is ``quoted``)."""
    from bisect import bisect_right

    from .voice import cue_voices, sentence_voices

    docs = as_documents(docs)
    body = table["salience"].isin(["lead", "body"])
    out = table.assign(voice="authorial", speaker="")
    if body.any():
        tagged = cue_voices(table[body], docs)
        out.loc[body, "voice"], out.loc[body, "speaker"] = tagged["voice"], tagged["speaker"]
    units = {(d.id, pos, s.index): s for d in docs for pos, s, _ in heading_units(d)}
    for i in table.index[~body]:
        s = units[(table.at[i, "doc"], table.at[i, "salience"], table.at[i, "sentence"])]
        tags, _ = sentence_voices(s)
        k = max(bisect_right(list(s.offsets[0::2]), table.at[i, "start"]) - 1, 0)
        out.at[i, "voice"], out.at[i, "speaker"] = tags[k] if tags else ("authorial", "")
    return out
