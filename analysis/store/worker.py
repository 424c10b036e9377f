"""The per-document work of ``annotate``: every stage on a chunk of documents.

:func:`annotate_chunk` is the one function every engine runs (in a local
process pool or as a Dask task); it is pure: the same items and gazetteer give
the same tables, whichever process or machine runs it.
"""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from ..entities import ner as entities
from ..sentiment import scores as sentiment
from ..corpus.catalog import Entry
from ..corpus.model import Document, load_document
from ..framing.cues import find_cues
from ..errors import InputError
from ..framing.frames import document_scores
from ..entities.gazetteer import Gazetteer
from .tables import SCHEMES, TABLES, arrow_table, document_row, numbered, structure_rows


@dataclass(frozen=True)
class Item:
    """One document to annotate: its catalog entry, text and content hash, or the
    problem found when reading it."""

    entry: Entry
    hash: str
    text: str | None = None
    problem: str | None = None


@contextmanager
def _one_process_quietly():
    """Inside a worker: the stages show no progress bars of their own, and the
    entity model runs in this process (the engine already uses every core)."""
    setting, limit = os.environ.get("RDF_PROGRESS"), entities.PARALLEL_CHARS
    os.environ["RDF_PROGRESS"] = "0"
    entities.PARALLEL_CHARS = float("inf")
    try:
        yield
    finally:
        entities.PARALLEL_CHARS = limit
        if setting is None:
            os.environ.pop("RDF_PROGRESS", None)
        else:
            os.environ["RDF_PROGRESS"] = setting


def annotate_chunk(items: list[Item], gazetteer: Gazetteer) -> dict[str, pa.Table]:
    """Run cleaning, sentences, sentiment, frame cues and scores, entities and actors (sentiment toward
    each named mention, each named entity's role) on
    ``items``; return one Arrow table per store table (see :mod:`.tables`).

    A document that cannot be read or has no body text goes to the ``errors``
    table; the others are annotated as :func:`analysis.load_corpus` would.
    """
    with _one_process_quietly():
        return _annotate(items, gazetteer)


def _annotate(items: list[Item], gazetteer: Gazetteer) -> dict[str, pa.Table]:
    rows: dict[str, list[tuple]] = {name: [] for name in TABLES}
    docs: list[Document] = []
    for item in items:
        if item.problem is None:
            try:
                docs.append(load_document(item.entry, item.text))
                continue
            except InputError as exc:
                problem = exc.problem
        else:
            problem = item.problem
        rows["errors"].append((item.entry.id, item.entry.file.name, problem))
    hashes = {item.entry.id: item.hash for item in items}
    for doc in docs:
        rows["documents"].append(document_row(doc, hashes[doc.id]))
        for name, found in structure_rows(doc).items():
            rows[name] += found
    if docs:
        _stages(docs, gazetteer, rows)
    return {name: arrow_table(name, found) for name, found in rows.items()}


def _stages(docs: list[Document], gazetteer: Gazetteer, rows: dict[str, list[tuple]]) -> None:
    scores = sentiment.sentence_scores(docs)
    keep = ["doc", "sentence", "compound", "pos", "neu", "neg", "sentiment", "n_evidence", "evidence"]
    rows["sentiment"] += list(scores[keep].itertuples(index=False, name=None))
    frames_by_doc: dict[str, list[tuple]] = {d.id: [] for d in docs}
    cues_by_doc: dict[str, list[tuple]] = {d.id: [] for d in docs}
    for scheme in SCHEMES:
        matches = find_cues(docs, scheme)
        for row in matches.itertuples(index=False, name=None):
            cues_by_doc[row[0]].append(row[1:])
        table = document_scores(docs, scheme, matches)
        for row in table.itertuples(index=False, name=None):
            frames_by_doc[row[0]].append((scheme, *row[1:]))
    for doc in docs:
        rows["cues"] += numbered(doc.id, cues_by_doc[doc.id])
        rows["frames"] += numbered(doc.id, frames_by_doc[doc.id])
    results = entities._run_model(docs, gazetteer)
    for doc, (found, raw) in zip(docs, results):
        rows["entities"] += numbered(doc.id, ((m.sentence, m.entity, m.type, m.start, m.end, m.source,
                                               m.model_type) for m in found))
        rows["model_entities"] += numbered(doc.id, raw)
    _actors(docs, results, rows)


def _actors(docs: list[Document], results: list, rows: dict[str, list[tuple]]) -> None:
    """The sentiment toward every mention of an actor (persons, organisations, places and NORP) and
    the role of every actor of each document, from the entity results already at hand (the entity
    model does not run again) and one actor pass (each sentence naming an actor parsed once)."""
    import pandas as pd

    from ..actors.actor_pass import run
    from ..actors.mentions import mention_table
    from ..config import actor_types

    kept = set(actor_types(norp=True))
    found = pd.DataFrame([(d.id, m.sentence, m.entity, m.type, d.raw[m.start:m.end], m.start, m.end, m.source,
                           m.model_type) for d, (ms, _) in zip(docs, results) for m in ms if m.type in kept],
                         columns=entities.COLUMNS)
    passes = run(docs, found, cached=False)
    table = mention_table(passes)
    for doc_id, group in table.groupby("doc", sort=False):
        rows["actor_mentions"] += numbered(doc_id, group.drop(columns="doc").itertuples(index=False, name=None))
    for passed in passes:
        own = passed.found
        kinds = own.groupby("entity", sort=False)["type"].first()
        spans = {e: [int(x) for ab in zip(g["start"], g["end"]) for x in ab]
                 for e, g in own.groupby("entity", sort=False)}
        rows["actor_roles"] += numbered(passed.doc.id, ((entity, kinds[entity], int(n), spans[entity], *role)
                                                        for entity, n, *role in passed.roles))


def entry_from_row(row: dict, folder: Path) -> Entry:
    """The catalog entry of a stored ``documents`` row, its file placed in ``folder``."""
    fields = ("title", "kind", "label", "author", "outlet", "published", "url", "notes")
    extra = dict(json.loads(row["extra"])) if row.get("extra") else {}
    return Entry(id=row["doc"], file=Path(folder) / row["file"], **{k: row[k] or "" for k in fields}, extra=extra)
