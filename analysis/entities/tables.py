"""Entity tables from mentions: frequencies, comparison, co-occurrence, entities per sentence."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

import numpy as np
import pandas as pd

from ..corpus.model import Corpus, Document
from ..types import as_documents
from .ner import ACTOR_TYPES, actor_types


def _word_counts(corpus: Corpus | Iterable[Document]) -> dict[str, int]:
    """Each document's word count (:func:`analysis.framing.cues.word_count`: remembered, and a
    store's stored count, so a store's texts are not read again)."""
    from ..framing.cues import word_count

    return {d.id: word_count(d) for d in as_documents(corpus)}


def frequencies(mentions: pd.DataFrame, corpus: Corpus | Iterable[Document], by: str = "entity") -> pd.DataFrame:
    """Counts per document and canonical entity (``by="entity"``) or type (``by="type"``).

    Columns: ``doc, entity, type, count, per_1k`` (mentions per 1,000 words,
    3 decimals), ``surfaces`` (each surface form with its count) and
    ``sentences`` (indices of the sentences behind the count). For
    ``by="type"`` the columns are ``doc, type, count, per_1k, entities``.
    Sorted by document order, then count (descending), then name.
    """
    words = _word_counts(corpus)
    order = {doc: i for i, doc in enumerate(words)}
    if by == "type":
        keys, extra = ["doc", "type"], ["entities"]
    elif by == "entity":
        keys, extra = ["doc", "entity", "type"], ["surfaces", "sentences"]
    else:
        raise ValueError(f"by must be 'entity' or 'type', got {by!r}")
    columns = keys + ["count", "per_1k"] + extra
    subset = mentions[mentions["doc"].isin(list(words))]
    if subset.empty:
        return pd.DataFrame(columns=columns)
    table = _aggregate(subset, keys, by)
    table["per_1k"] = (1000 * table["count"] / table["doc"].map(words)).round(3)
    table["_order"] = table["doc"].map(order)
    table = table.sort_values(["_order", "count", keys[1]], ascending=[True, False, True], kind="stable")
    return table[columns].reset_index(drop=True)


def _aggregate(subset: pd.DataFrame, keys: list[str], by: str) -> pd.DataFrame:
    """Group mentions by ``keys`` in order of first appearance: ``count`` and the
    evidence columns (a plain loop: pandas' per-group calls cost more than the work)."""
    groups: dict[tuple, list] = {}
    columns = [subset[k].tolist() for k in keys]
    if by == "type":
        for key, entity in zip(zip(*columns), subset["entity"].tolist()):
            groups.setdefault(key, []).append(entity)
        rows = [(*key, len(names), len(set(names))) for key, names in groups.items()]
        return pd.DataFrame(rows, columns=keys + ["count", "entities"])
    for key, surface, sentence in zip(zip(*columns), subset["surface"].tolist(), subset["sentence"].tolist()):
        groups.setdefault(key, []).append((surface, sentence))
    rows = [(*key, len(hits), _surface_summary(s for s, _ in hits),
             ", ".join(str(i) for i in sorted({n for _, n in hits}))) for key, hits in groups.items()]
    return pd.DataFrame(rows, columns=keys + ["count", "surfaces", "sentences"])


def _surface_summary(surfaces: Iterable[str]) -> str:
    """``Putin ×6; Vladimir Putin ×2`` (most frequent first)."""
    counts = Counter(" ".join(s.split()) for s in surfaces)
    return "; ".join(f"{s} ×{n}" for s, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def compare(freq: pd.DataFrame, docs: list[str] | None = None, top: int = 10,
            types: Iterable[str] | None = ACTOR_TYPES) -> pd.DataFrame:
    """Which entities each document foregrounds, as a long table.

    Columns ``doc, entity, type, count, per_1k, share`` (``share``: percent of that
    document's mentions of ``types``, one decimal): one row per document and entity for
    the ``top`` entities by their largest share in any document (ties by name), zeros
    where a document does not name the entity; rows in that rank, documents in the order
    of ``docs``. :func:`analysis.views.entities.columns_per_document` shows it one column per
    document."""
    docs = list(dict.fromkeys(docs if docs is not None else freq["doc"]))
    types = actor_types() if types is ACTOR_TYPES else types
    subset = freq[freq["doc"].isin(docs)]
    if types is not None:
        subset = subset[subset["type"].isin(list(types))]
    subset = subset.assign(share=100 * subset["count"] / subset.groupby("doc")["count"].transform("sum"))
    entities = subset[["entity", "type"]].drop_duplicates("entity")
    grid = entities.merge(pd.DataFrame({"doc": docs}), how="cross")
    summed = subset.groupby(["doc", "entity"], as_index=False)[["count", "per_1k", "share"]].sum()
    table = grid.merge(summed, on=["doc", "entity"], how="left").fillna({"count": 0, "per_1k": 0.0, "share": 0.0})
    table = table.assign(count=table["count"].astype(int), share=table["share"].round(1))
    best = table.groupby("entity")["share"].max().rename("_max").reset_index()
    ranked = best.sort_values(["_max", "entity"], ascending=[False, True], kind="stable").head(top)
    order = {e: k for k, e in enumerate(ranked["entity"])}
    table = table[table["entity"].isin(order)]
    table = table.assign(_r=table["entity"].map(order), _d=table["doc"].map({d: k for k, d in enumerate(docs)}))
    table = table.sort_values(["_r", "_d"], kind="stable")
    return table[["doc", "entity", "type", "count", "per_1k", "share"]].reset_index(drop=True)


def _sentence_entities(subset: pd.DataFrame) -> pd.DataFrame:
    """``g, doc, sentence, entity``: each entity once per sentence; ``g`` numbers the sentences
    in order of first appearance in ``subset``."""
    table = pd.DataFrame({"g": subset.groupby(["doc", "sentence"], sort=False).ngroup().to_numpy(),
                          "doc": subset["doc"].to_numpy(), "sentence": subset["sentence"].to_numpy(),
                          "entity": subset["entity"].to_numpy()})
    return table.drop_duplicates(["g", "entity"])


def cooccurrence(mentions: pd.DataFrame, types: Iterable[str] | None = ACTOR_TYPES,
                 by_doc: bool = False, min_count: int = 1) -> pd.DataFrame:
    """Pairs of canonical entities named in the same sentence.

    ``sentences`` counts sentences naming both (a sentence counts once however
    often it repeats a name); ``where`` lists them as ``doc#sentence``. With
    ``by_doc`` the table has a ``doc`` column and counts per document.
    Sorted by count (descending), then the pair's names. Nationality adjectives
    (NORP) are actors only on request (:func:`analysis.config.actor_types`).
    Pairs come from one self-join of the sentences' entities (no loop over sentences).
    """
    types = actor_types() if types is ACTOR_TYPES else types
    subset = mentions if types is None else mentions[mentions["type"].isin(list(types))]
    keys = (["doc"] if by_doc else []) + ["entity_a", "entity_b"]
    columns = keys + ["sentences", "where"]
    if subset.empty:
        return pd.DataFrame(columns=columns)
    named = _sentence_entities(subset)
    pairs = named.merge(named[["g", "entity"]], on="g", suffixes=("_a", "_b"))
    pairs = pairs[pairs["entity_a"] < pairs["entity_b"]].sort_values("g", kind="stable")
    pairs = pairs.assign(where=pairs["doc"].astype(str) + "#" + pairs["sentence"].astype(str))
    table = pairs.groupby(keys, sort=False).agg(sentences=("g", "size"), where=("where", ", ".join)).reset_index()
    table = table[table["sentences"] >= min_count][columns]
    order = (["doc"] if by_doc else []) + ["sentences", "entity_a", "entity_b"]
    ascending = ([True] if by_doc else []) + [False, True, True]
    return table.sort_values(order, ascending=ascending, kind="stable").reset_index(drop=True)


def cooccurrence_matrix(mentions: pd.DataFrame, entities: list[str] | None = None, top: int = 10,
                        types: Iterable[str] | None = ACTOR_TYPES) -> pd.DataFrame:
    """Square table: sentences naming both entities; the diagonal counts
    sentences naming the entity at all. Default entities: the ``top`` most
    mentioned (ties by name). One sparse product (sentences × entities), not a loop."""
    from scipy.sparse import csr_matrix

    types = actor_types() if types is ACTOR_TYPES else types
    subset = mentions if types is None else mentions[mentions["type"].isin(list(types))]
    if entities is None:
        counts = subset["entity"].value_counts()
        entities = sorted(counts.index, key=lambda e: (-counts[e], e))[:top]
    column = {e: i for i, e in enumerate(dict.fromkeys(entities))}
    named = _sentence_entities(subset) if len(subset) else pd.DataFrame({"g": [], "entity": []})
    named = named[named["entity"].isin(list(column))]
    rows = named["g"].to_numpy(dtype="int64")
    present = csr_matrix((np.ones(len(rows)), (rows, named["entity"].map(column).to_numpy(dtype="int64"))),
                         shape=(int(rows.max()) + 1 if len(rows) else 0, len(column)))
    both = (present.T @ present).toarray().astype("int64")
    matrix = pd.DataFrame(both[:, [column[e] for e in entities]][[column[e] for e in entities]],
                          index=pd.Index(entities, name="entity"), columns=entities)
    return matrix


def sentence_entities(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence that names at least one entity: ``doc, sentence, entities``
    (canonical names in order of first mention, ``; ``-separated)."""
    grouped = mentions.groupby(["doc", "sentence"], sort=False)["entity"]
    table = grouped.agg(lambda s: "; ".join(dict.fromkeys(s))).reset_index()
    return table.rename(columns={"entity": "entities"})
