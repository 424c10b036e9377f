"""The tables of an annotation store: their columns and Arrow types, and how one
chunk of documents becomes rows.

Every table has a ``doc`` column; tables with several rows per document keep a
``seq`` column (row order within the document as the stage produced it), so that
reading the store back gives the rows in exactly the order of an in-memory run.
"""
from __future__ import annotations

import json
from typing import Iterable

import pyarrow as pa

from ..corpus.model import Document

_S, _I, _F, _B = pa.string(), pa.int64(), pa.float64(), pa.bool_()
_SPANS = pa.list_(pa.int32())

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc", _S), ("file", _S), ("title", _S), ("kind", _S), ("label", _S), ("author", _S), ("outlet", _S),
        ("published", _S), ("url", _S), ("notes", _S), ("paragraphs", _I), ("sentences", _I), ("tokens", _I),
        ("words", _I), ("removed", _S), ("extra", _S), ("hash", _S), ("raw", _S)]),
    "paragraphs": pa.schema([("doc", _S), ("paragraph", _I), ("kind", _S), ("section", _S), ("start", _I),
                             ("end", _I)]),
    "sentences": pa.schema([
        ("doc", _S), ("sentence", _I), ("paragraph", _I), ("section", _S), ("start", _I), ("end", _I),
        ("position", _F), ("n_tokens", _I), ("text", _S), ("norm", _S), ("spans", _SPANS), ("offsets", _SPANS)]),
    "edits": pa.schema([("doc", _S), ("seq", _I), ("action", _S), ("kind", _S), ("start", _I), ("end", _I),
                        ("text", _S), ("number", _S), ("level", _I)]),
    "sentiment": pa.schema([
        ("doc", _S), ("sentence", _I), ("compound", _F), ("pos", _F), ("neu", _F), ("neg", _F), ("sentiment", _S),
        ("n_evidence", _I), ("evidence", _S)]),
    "cues": pa.schema([
        ("doc", _S), ("seq", _I), ("sentence", _I), ("scheme", _S), ("frame", _S), ("cue", _S), ("match", _S),
        ("start", _I), ("end", _I), ("negated", _B), ("negator", _S)]),
    "frames": pa.schema([
        ("doc", _S), ("seq", _I), ("scheme", _S), ("frame", _S), ("name", _S), ("hits", _I), ("negated", _I),
        ("words", _I), ("score", _F), ("sentences", _I), ("share", _F), ("cues", _S)]),
    "entities": pa.schema([
        ("doc", _S), ("seq", _I), ("sentence", _I), ("entity", _S), ("type", _S), ("start", _I), ("end", _I),
        ("source", _S), ("model_type", _S)]),
    "model_entities": pa.schema([("doc", _S), ("seq", _I), ("sentence", _I), ("start", _I), ("end", _I),
                                 ("label", _S)]),
    # Every named mention (types of analysis.entities.NAMED_TYPES, as the entity pass typed it in its own
    # document) with the sentiment toward it, and every named entity of a document with its role: a reader
    # keeps the rows of the types asked for, typed over the documents read (see hooks.actor_mentions).
    "actor_mentions": pa.schema([
        ("doc", _S), ("seq", _I), ("sentence", _I), ("entity", _S), ("type", _S), ("surface", _S), ("start", _I),
        ("end", _I), ("voice", _S), ("speaker", _S), ("sentiment", _S), ("p_negative", _F), ("p_neutral", _F),
        ("p_positive", _F), ("evidence", _S), ("text", _S)]),
    "actor_roles": pa.schema([
        ("doc", _S), ("seq", _I), ("entity", _S), ("type", _S), ("n_mentions", _I), ("spans", pa.list_(_I)),
        ("role", _S), ("p_hero", _F), ("p_villain", _F), ("p_victim", _F), ("role_evidence", _S)]),
    "errors": pa.schema([("doc", _S), ("file", _S), ("problem", _S)]),
}
TABLES: tuple[str, ...] = tuple(SCHEMAS)
# One manifest part per committed chunk: its documents, their hashes and status, the environment.
MANIFEST_SCHEMA = pa.schema([("doc", _S), ("file", _S), ("hash", _S), ("status", _S), ("chunk", _S), ("env", _S)])
# The frame schemes whose cues and document scores are stored (devices' attribution is
# computed from the stored sentences when asked for).
SCHEMES: tuple[str, ...] = ("generic", "policy", "metaphor", "stance")
# Edits of the cleaning step, one action per kind of record.
EDIT_ACTIONS = ("removal", "fix", "heading")


def arrow_table(name: str, rows: list[tuple]) -> pa.Table:
    """Rows (tuples in schema order) as an Arrow table of ``name``'s schema."""
    schema = SCHEMAS[name]
    columns = list(zip(*rows)) if rows else [[] for _ in schema.names]
    return pa.Table.from_arrays([pa.array(list(c), type=f.type) for c, f in zip(columns, schema)], schema=schema)


def document_row(doc: Document, hash_: str) -> tuple:
    """The ``documents`` row of ``doc``: catalog metadata, counts, cleaning summary, text."""
    e = doc.entry
    return (e.id, e.file.name, e.title, e.kind, e.label, e.author, e.outlet, e.published, e.url, e.notes,
            len(doc.paragraphs), len(doc.sentences), doc.n_tokens, len(doc.words), doc.removed_summary(),
            json.dumps(list(e.extra.items()), ensure_ascii=False), hash_, doc.raw)


def structure_rows(doc: Document) -> dict[str, list[tuple]]:
    """Paragraphs, sentences (with token spans) and cleaning edits of ``doc``."""
    sents = doc.sentences
    last = len(sents) - 1
    sentences = [(doc.id, s.index, s.paragraph, s.section, s.start, s.end,
                  round(s.index / last, 6) if last > 0 else 0.0, s.n_tokens, s.text, s.norm,
                  list(s.spans), list(s.offsets)) for s in sents]
    paragraphs = [(doc.id, p.index, p.kind, p.section, p.start, p.end) for p in doc.paragraphs]
    edits = [(doc.id, 0, "removal", r.kind, r.start, r.end, r.text, None, None) for r in doc.removals]
    edits += [(doc.id, 0, "fix", f.kind, f.start, None, f.text, None, None) for f in doc.fixes]
    edits += [(doc.id, 0, "heading", "heading", h.start, h.end, h.text, h.number, h.level) for h in doc.headings]
    edits = [(d, i, *rest) for i, (d, _, *rest) in enumerate(edits)]
    return {"paragraphs": paragraphs, "sentences": sentences, "edits": edits}


def numbered(doc_id: str, rows: Iterable[tuple]) -> list[tuple]:
    """``(doc, seq, *row)`` for each row, ``seq`` counting from 0."""
    return [(doc_id, i, *row) for i, row in enumerate(rows)]
