"""Actors in a corpus: the sentiment toward each mention of a named actor, and per document and actor.

>>> m = actor_mentions(corpus)          # one row per mention: sentence, voice, sentiment toward it
>>> actor_documents(m)                  # one row per document and actor: mentions, mean probabilities

Mentions come from the entity pass (:func:`analysis.entities.mentions`, its
canonical names); the sentiment toward each is :func:`~analysis.actors.target.predict_sentiment`
read in the mention's sentence; the voice is that of the mention's first token
(:func:`analysis.framing.voice.voice_at`: ``authorial``, ``quoted`` or
``attributed``). The sentiment comes from the actor pass (:mod:`analysis.actors.actor_pass`),
which parses each sentence naming an actor once for the sentiment and the roles
(:func:`analysis.actors.role_table`) and caches both per document, in memory and on
disk (namespace ``actors``).
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from ..config import actor_types
from ..types import Docs, as_documents
from . import actor_pass
from .target import COLUMNS as SENTIMENT_COLUMNS

__all__ = ["actor_mentions", "actor_documents", "actor_measures", "top_entities", "mention_rows", "mention_table",
           "MENTION_COLUMNS", "DOCUMENT_COLUMNS"]

MENTION_COLUMNS = ["doc", "sentence", "entity", "type", "surface", "start", "end", "voice", "speaker",
                   *SENTIMENT_COLUMNS, "text"]
DOCUMENT_COLUMNS = ["doc", "entity", "type", "mentions", "negative", "neutral", "positive", "p_negative",
                    "p_neutral", "p_positive", "net"]
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
    table, already filtered), in document order; ``cached``: through the actor pass's caches."""
    return mention_table(actor_pass.run(docs, found, cached=cached))


def mention_table(passes: list) -> pd.DataFrame:
    """The :data:`MENTION_COLUMNS` rows of an actor pass (:func:`analysis.actors.actor_pass.run`)."""
    from ..framing.voice import voice_at

    rows = []
    for passed in passes:
        doc = passed.doc
        for m, pred in zip(passed.found.itertuples(index=False), passed.sentiment):
            sent = doc.sentences[int(m.sentence)]
            voice, speaker = voice_at(doc, int(m.sentence), int(m.start))
            rows.append((doc.id, int(m.sentence), m.entity, m.type, m.surface, int(m.start), int(m.end), voice,
                         speaker, *pred, doc.raw[sent.start:sent.end]))
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
