"""The disk cache (:mod:`analysis.cache`) applied to the two costly steps:
parsing documents and running the entity model.

These are the changes proposed for ``analysis/corpus.py`` and
``analysis/entities.py``, applied here from the outside so that the benchmark
can measure a cold and a warm run before they are wired in. Once the package
uses the cache itself, :func:`entities_wired` is true and the benchmark
measures the package's own code path.
"""
from __future__ import annotations

import inspect
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from analysis import cache, catalog, cleaning, corpus, entities, gazetteer, reading, tokenize
from analysis.corpus import Corpus, load_document

DOCUMENT_CODE = (corpus, cleaning, tokenize, catalog, reading)
ENTITY_CODE = (entities, gazetteer, corpus, cleaning, tokenize)
CHUNK = 128  # below entities._CACHE_SIZE, so the in-memory cache never drops a result we still need


def document_key(entry: catalog.Entry) -> tuple:
    """A document depends on its catalog entry and the bytes of its file."""
    return repr(entry), entry.file.read_bytes()


def load_corpus(folder: Path) -> Corpus:
    """:func:`analysis.load_corpus` with parsed documents kept in the disk cache."""
    folder = Path(folder)
    entries = catalog.folder_entries(folder)
    docs = cache.memoize_many("documents", entries, key=document_key,
                              compute=lambda todo: [load_document(e) for e in todo], code=DOCUMENT_CODE)
    return Corpus(folder, docs)


def entities_wired() -> bool:
    """True once ``analysis.entities`` calls the disk cache itself."""
    return "cache." in inspect.getsource(entities._fill_cache)


@contextmanager
def entity_disk_cache() -> Iterator[None]:
    """Route ``entities._fill_cache`` through the disk cache while the block runs."""
    if entities_wired():
        yield
        return
    original = entities._fill_cache

    def compute(docs: list, gaz: gazetteer.Gazetteer) -> list:
        out = []
        for start in range(0, len(docs), CHUNK):
            chunk = docs[start:start + CHUNK]
            original(chunk, gaz)
            out += [entities._CACHE[entities._key(d, gaz)] for d in chunk]
        return out

    def fill(items: list, gaz: gazetteer.Gazetteer) -> None:
        todo = list({entities._key(d, gaz): d for d in items if entities._key(d, gaz) not in entities._CACHE}.values())
        if not todo:
            return
        results = cache.memoize_many("entities", todo, key=lambda d: (d.raw, gaz),
                                     compute=lambda docs: compute(docs, gaz),
                                     libraries=("spacy", entities.MODEL), code=ENTITY_CODE)
        for doc, result in zip(todo, results):
            entities._CACHE[entities._key(doc, gaz)] = result

    entities._fill_cache = fill
    try:
        yield
    finally:
        entities._fill_cache = original
