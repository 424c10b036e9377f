"""Per-document measures: the values group statistics compare, one per document.

Every function returns a tidy table, one row per document and measure:
``doc``, the columns that name the measure, ``value`` (a float). Every
document gets a row for every measure (zeros included: an article that never
uses a frame scores 0, and leaving it out would inflate its group's mean).
:func:`analysis.groups.stats.group_summary` and ``group_differences`` take
these tables as they are.

``frame_measures(docs, scheme)``: ``doc, scheme, frame, measure, value``
    ``score`` is non-negated cue hits per 1,000 words
    (:func:`analysis.framing.frames.document_scores`); ``presence`` is 1 when the
    document has at least one hit, else 0 (so its group mean is the share of
    documents using the frame).
``device_measures(docs)``: the same for the device schemes ``metaphor`` and
    ``stance`` and the attribution categories (scheme ``attribution``).
``sentiment_measures(docs)``: ``doc, measure, value``
    ``compound`` the mean VADER compound of the document's sentences,
    ``share_negative`` the share of its sentences with compound ≤ −0.05.
``entity_measures(docs, top)``: ``doc, entity, type, measure, value``
    ``share``: the entity's mentions over all named-entity mentions of the
    document (0 for a document without any), for the ``top`` entities
    mentioned by most documents.
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from ..corpus.model import Corpus, Document
from ..types import as_documents

__all__ = ["frame_measures", "device_measures", "sentiment_measures", "entity_measures", "entity_counts",
           "entity_groups", "measures", "MEASURE_KINDS", "ENTITY_GROUP_COLUMNS"]

MEASURE_KINDS = ("frames", "devices", "sentiment", "entities")
ENTITY_GROUP_COLUMNS = ["side", "group", "entity", "type", "n_docs", "mentions", "share"]


def long_measures(table: pd.DataFrame, keys: list[str], measures: list[str]) -> pd.DataFrame:
    """Wide → long with ``pd.melt``: ``<keys>, measure, value`` (float), one row per row of ``table``
    and measure column, in the table's row order and, within a row, in the order of ``measures``."""
    long = table.melt(id_vars=keys, value_vars=measures, var_name="measure", value_name="value", ignore_index=False)
    return long.sort_index(kind="stable").reset_index(drop=True).astype({"value": float})


def _frame_rows(scores: pd.DataFrame, scheme: str) -> pd.DataFrame:
    wide = scores[["doc", "frame", "score"]].assign(scheme=scheme, presence=scores["hits"] > 0)
    return long_measures(wide, ["doc", "scheme", "frame"], ["score", "presence"])  # per doc and frame


def frame_measures(docs: Corpus | Iterable[Document], scheme: str = "generic") -> pd.DataFrame:
    """``score`` and ``presence`` per document and frame of ``scheme`` (see module doc)."""
    from ..framing.frames import document_scores

    docs = as_documents(docs)
    return _frame_rows(document_scores(docs, scheme), scheme)


def device_measures(docs: Corpus | Iterable[Document]) -> pd.DataFrame:
    """Frame measures of the device schemes: metaphor, stance and attribution categories."""
    from ..framing.devices import attribution_scores

    docs = as_documents(docs)
    parts = [frame_measures(docs, s) for s in ("metaphor", "stance")]
    parts.append(_frame_rows(attribution_scores(docs, "document"), "attribution"))
    return pd.concat(parts, ignore_index=True)


def sentiment_measures(docs: Corpus | Iterable[Document]) -> pd.DataFrame:
    """``compound`` (mean sentence compound) and ``share_negative`` per document."""
    from ..sentiment.scores import document_scores, sentence_scores

    table = document_scores(sentence_scores(as_documents(docs), evidence=False), whole_text=False)
    return long_measures(table, ["doc"], ["compound", "share_negative"])


def entity_counts(docs: Corpus | Iterable[Document], found: pd.DataFrame | None = None) -> pd.DataFrame:
    """``doc, entity, type, mentions`` for every named entity a document mentions."""
    from ..entities import NAMED_TYPES, mentions

    docs = as_documents(docs)
    found = mentions(docs, types=NAMED_TYPES) if found is None else found
    found = found[found["doc"].isin([d.id for d in docs])]
    counts = found.groupby(["doc", "entity", "type"], sort=False).size().rename("mentions").reset_index()
    return counts


def entity_measures(docs: Corpus | Iterable[Document], top: int | None = 20,
                    found: pd.DataFrame | None = None) -> pd.DataFrame:
    """``share`` per document of the ``top`` entities mentioned by most documents
    (ties by mentions, then name; ``None``: every entity)."""
    docs = as_documents(docs)
    counts = entity_counts(docs, found)
    totals = counts.groupby("doc")["mentions"].sum()
    spread = counts.groupby(["entity", "type"]).agg(n_docs=("doc", "nunique"), mentions=("mentions", "sum"))
    ranked = spread.reset_index().sort_values(["n_docs", "mentions", "entity"], ascending=[False, False, True],
                                              kind="stable")
    chosen = ranked if top is None else ranked.head(top)
    share = {(d, e): m / totals[d] for d, e, m in zip(counts["doc"], counts["entity"], counts["mentions"])}
    rows = [(d.id, e, t, "share", share.get((d.id, e), 0.0))
            for d in docs for e, t in zip(chosen["entity"], chosen["type"])]
    return pd.DataFrame(rows, columns=["doc", "entity", "type", "measure", "value"])


def entity_groups(comparison, found: pd.DataFrame | None = None, top: int | None = None) -> pd.DataFrame:
    """Entities per side (:data:`ENTITY_GROUP_COLUMNS`): ``n_docs`` the side's documents
    mentioning the entity, ``mentions`` their mentions of it, ``share`` the mean over
    *all* the side's documents of the entity's share of each document's entity mentions
    (0 where a document does not mention it), so each document weighs the same.
    Per side sorted by ``n_docs``, then mentions, then name; ``top`` keeps the first N."""
    parts = []
    for side, docs in (("a", comparison.docs_a), ("b", comparison.docs_b)):
        counts = entity_counts(docs, found)
        counts["share"] = counts["mentions"] / counts["doc"].map(counts.groupby("doc")["mentions"].sum())
        table = counts.groupby(["entity", "type"], sort=False).agg(
            n_docs=("doc", "nunique"), mentions=("mentions", "sum"), share=("share", "sum")).reset_index()
        table["share"] = (table["share"] / len(docs)).round(4)
        table = table.sort_values(["n_docs", "mentions", "entity"], ascending=[False, False, True], kind="stable")
        if top is not None:
            table = table.head(top)
        parts.append(table.assign(side=side, group=comparison.name(side)))
    return pd.concat(parts, ignore_index=True)[ENTITY_GROUP_COLUMNS]


def measures(docs: Corpus | Iterable[Document], kind: str, scheme: str = "generic") -> pd.DataFrame:
    """The measures of one ``kind`` of :data:`MEASURE_KINDS` (``scheme`` for frames)."""
    if kind == "frames":
        return device_measures(docs) if scheme == "devices" else frame_measures(docs, scheme)
    if kind == "devices":
        return device_measures(docs)
    if kind == "sentiment":
        return sentiment_measures(docs)
    if kind == "entities":
        return entity_measures(docs)
    raise ValueError(f"kind must be one of {', '.join(MEASURE_KINDS)}, got {kind!r}")
