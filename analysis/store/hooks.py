"""The few places where the library asks "is this a store?": small functions the
loader and the stages call first, returning ``None`` when the answer is no (or
when the stored rows cannot stand in for a fresh computation), so that the
caller goes on as before.
"""
from __future__ import annotations

import weakref
from pathlib import Path
from typing import Iterable

import pandas as pd

from .layout import is_url, location_text, looks_like_store


def _is_store(folder: Path | str) -> bool:
    """Whether ``folder`` is a store; a URL (``file://``, ``s3://`` ...) must be one: a corpus
    folder is given as a path, so a URL that is not a store is refused in one line."""
    if looks_like_store(folder):
        return True
    if is_url(folder) or "::" in str(folder):
        from ..errors import InputError

        raise InputError(location_text(folder), "not an annotation store (no store.json); a URL must name a store made by "
                                 "`python -m analysis annotate`, a corpus folder is given as a plain path")
    return False


def stored_corpus(folder: Path | str | None):
    """A :class:`~.reader.StoreCorpus` when ``folder`` is a store, else ``None``."""
    if folder is None or not _is_store(folder):
        return None
    from .reader import open_corpus

    return open_corpus(folder)


def _stored(docs) -> tuple[object, list] | None:
    """``(store, documents)`` when every document comes from one store."""
    from ..corpus.model import Corpus, Document
    from .reader import StoredDocument

    if isinstance(docs, Document):
        items = [docs]
    elif isinstance(docs, (list, tuple, Corpus)):  # never consume a one-shot iterator here
        items = list(docs)
    else:
        return None
    if not items or not all(isinstance(d, StoredDocument) for d in items):
        return None
    store = items[0].store
    if any(d.store is not store for d in items):
        return None
    return store, items


def _current(store) -> bool:
    """Whether the store's rows are what this code would compute (warn once when not)."""
    if not hasattr(store, "_current"):
        from ..entities.gazetteer import load_gazetteer
        from .reader import stale_warning

        store._current = store.up_to_date(load_gazetteer(store.folder))
        if not store._current:
            stale_warning(store)
    return store._current


def cues(docs, scheme: str) -> pd.DataFrame | None:
    """The stored cue matches of ``scheme`` (as :func:`analysis.framing.cues.find_cues`)."""
    from ..framing.cues import MATCH_COLUMNS
    from .tables import SCHEMES

    found = _stored(docs)
    if found is None or scheme not in SCHEMES:
        return None
    store, items = found
    _current(store)
    ids = [d.id for d in items]
    table = store.query("cues", ids, where=f"t.scheme = '{scheme}'")
    table = table[MATCH_COLUMNS].astype({"sentence": "int64", "start": "int64", "end": "int64", "negated": "bool"})
    _CUE_TABLES[id(table)] = (weakref.ref(table, _forget), (id(store), scheme, tuple(ids)))
    return table


# The cue tables handed out, by id: a document_scores call given one of them unchanged
# (the same object) can read the stored scores instead of recounting.
_CUE_TABLES: dict[int, tuple[weakref.ref, tuple]] = {}


def _forget(ref: weakref.ref) -> None:
    for key, (known, _) in list(_CUE_TABLES.items()):
        if known is ref:
            del _CUE_TABLES[key]


def _handed_out(matches: pd.DataFrame, key: tuple) -> bool:
    entry = _CUE_TABLES.get(id(matches))
    return entry is not None and entry[0]() is matches and entry[1] == key


def frames(docs, scheme: str, matches: pd.DataFrame | None, top_cues: int | None) -> pd.DataFrame | None:
    """The stored document frame scores (as :func:`analysis.framing.frames.document_scores`
    with the default ``top_cues``), when ``matches`` is absent or the stored cue table itself."""
    from ..framing.frames import DOCUMENT_COLUMNS
    from .tables import SCHEMES

    found = _stored(docs)
    if found is None or scheme not in SCHEMES or top_cues != 5:
        return None
    store, items = found
    ids = [d.id for d in items]
    if matches is not None and not _handed_out(matches, (id(store), scheme, tuple(ids))):
        return None
    _current(store)
    table = store.query("frames", ids, where=f"t.scheme = '{scheme}'")
    return table[DOCUMENT_COLUMNS].reset_index(drop=True)


def sentiment(docs, evidence: bool) -> pd.DataFrame | None:
    """The stored sentence sentiment (as :func:`analysis.sentiment.sentence_scores`)."""
    from ..sentiment.scores import EXPLAIN_COLUMNS, SENTENCE_COLUMNS

    found = _stored(docs)
    if found is None:
        return None
    store, items = found
    _current(store)
    columns = ('t.doc, t.sentence, s.paragraph, s.section, s.position, t.compound, t.pos, t.neu, t.neg, '
               't.sentiment, t.n_evidence, t.evidence, s.text, s.norm')
    join = f'JOIN {store.source("sentences")} s ON s.doc = t.doc AND s.sentence = t.sentence'
    table = store.query("sentiment", [d.id for d in items], order='t.sentence', columns=columns, join=join)
    keep = SENTENCE_COLUMNS if evidence else [c for c in SENTENCE_COLUMNS if c not in EXPLAIN_COLUMNS]
    return table.reindex(columns=keep)


def entity_results(items: Iterable, gazetteer) -> list | None:
    """Each document's stored mentions and raw model entities (as the entity cache holds them)."""
    from ..entities.resolve import Mention
    from .manifest import gazetteer_key

    found = _stored(items)
    if found is None:
        return None
    store, docs = found
    if gazetteer_key(gazetteer) != store.info["environment"]["gazetteer"]:
        return None
    _current(store)
    ids = [d.id for d in docs]
    mentions = store.query("entities", ids)
    model = store.query("model_entities", ids)
    by_doc: dict[str, tuple[list, list]] = {d: ([], []) for d in ids}
    for row in mentions.itertuples(index=False):
        by_doc[row.doc][0].append(Mention(int(row.sentence), row.entity, row.type, int(row.start), int(row.end),
                                          row.source, row.model_type))
    for row in model.itertuples(index=False):
        by_doc[row.doc][1].append((int(row.sentence), int(row.start), int(row.end), row.label))
    return [by_doc[d] for d in ids]


def actor_mentions(docs, types: list[str], found: pd.DataFrame | None) -> pd.DataFrame | None:
    """The stored sentiment toward each mention (as :func:`analysis.actors.actor_mentions`): the
    mentions are ``found`` (else the stored entity pass's, typed over ``docs``) of ``types``; each
    must be a stored mention (same document, sentence and span), else the answer is ``None``."""
    from ..actors.mentions import MENTION_COLUMNS
    from ..entities import mentions

    stored_docs = _stored(docs)
    if stored_docs is None:
        return None
    store, items = stored_docs
    _current(store)
    if found is None:
        found = mentions(items)
    found = found[found["type"].isin(types)]
    if found.empty:
        return pd.DataFrame(columns=MENTION_COLUMNS)
    keys = ["doc", "sentence", "start", "end"]
    answers = [c for c in MENTION_COLUMNS if c not in ("doc", "sentence", "entity", "type", "surface", "start",
                                                          "end")]
    ids = [d.id for d in items]
    table = store.query("actor_mentions", ids, columns=", ".join(f"t.{c}" for c in [*keys, *answers]))
    table = table.astype({"sentence": "int64", "start": "int64", "end": "int64"}).drop_duplicates(keys)
    given = found[["doc", "sentence", "entity", "type", "surface", "start", "end"]].astype(
        {"sentence": "int64", "start": "int64", "end": "int64"})
    given = given[given["doc"].isin(set(ids))]
    if len(given) != len(found):
        return None
    joined = given.merge(table, on=keys, how="left", validate="many_to_one", indicator=True)
    order = {d: i for i, d in enumerate(ids)}
    joined = joined.assign(_ord=joined["doc"].map(order), _row=range(len(joined)))
    # A mention the store does not hold (its document typed it, say, CARDINAL; the corpus-wide vote made it
    # an actor): its documents are computed as usual, the others read, so one such span in 100,000
    # articles does not send the whole corpus through the parser again.
    missing = set(joined.loc[joined["_merge"] != "both", "doc"])
    kept = joined[~joined["doc"].isin(missing)].sort_values(["_ord", "_row"], kind="stable")
    rows = [(d, int(s), e, t, f, int(a), int(b), *rest) for d, s, e, t, f, a, b, *rest
            in kept[MENTION_COLUMNS].itertuples(index=False, name=None)]
    if missing:
        from ..actors.mentions import mention_rows

        computed = mention_rows([d for d in items if d.id in missing], found[found["doc"].isin(missing)])
        rows += list(computed[MENTION_COLUMNS].itertuples(index=False, name=None))
        rows.sort(key=lambda row: order[row[0]])  # stable: each document's rows keep their order
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)  # built as the computed table is: the same dtypes


def actor_roles(docs, chosen: pd.DataFrame) -> pd.DataFrame | None:
    """The stored role of each actor (as :func:`analysis.actors.role_table` with the default model):
    the actors are the entities of ``chosen`` (the mentions of the actor types); each must have in
    its document exactly the spans the store holds for it, else the answer is ``None``."""
    from ..actors.roles import TABLE_COLUMNS

    stored_docs = _stored(docs)
    if stored_docs is None:
        return None
    store, items = stored_docs
    ids = [d.id for d in items]
    if not set(chosen["doc"]).issubset(ids):
        return None
    if chosen.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    _current(store)
    table = store.query("actor_roles", ids, columns="t.doc, t.entity, t.spans, t.n_mentions, t.role, t.p_hero, "
                                                    "t.p_villain, t.p_victim, t.role_evidence")
    held = {(r.doc, r.entity): r for r in table.itertuples(index=False)}
    by_doc = {d: g for d, g in chosen.groupby("doc", sort=False)}
    per_doc: dict[str, list[tuple]] = {}
    missing = []  # documents with an actor whose spans the store does not hold: computed, alone
    for doc_id in ids:
        own = by_doc.get(doc_id)
        if own is None:
            continue
        kinds = own.groupby("entity", sort=False)["type"].first()
        spans: dict[str, list[int]] = {}
        for entity, start, end in own[["entity", "start", "end"]].itertuples(index=False, name=None):
            spans.setdefault(str(entity), []).extend((int(start), int(end)))
        rows = per_doc[doc_id] = []
        for entity, given in spans.items():
            row = held.get((doc_id, entity))
            if row is None or [int(x) for x in row.spans] != given:
                missing.append(doc_id)
                break
            rows.append((doc_id, entity, kinds[entity], int(row.n_mentions), row.role, float(row.p_hero),
                         float(row.p_villain), float(row.p_victim), row.role_evidence))
    if missing:
        from ..actors.role_model import default_model
        from ..actors.roles import role_table

        wanted = set(missing)
        computed = role_table([d for d in items if d.id in wanted], chosen[chosen["doc"].isin(wanted)],
                              types=list(set(chosen["type"])), model=default_model())
        for doc_id in missing:
            per_doc[doc_id] = []
        for row in computed[TABLE_COLUMNS].itertuples(index=False, name=None):
            per_doc[row[0]].append(row)
    return pd.DataFrame([row for doc_id in per_doc for row in per_doc[doc_id]], columns=TABLE_COLUMNS)


def check_source(folder: Path | str) -> None:
    """Fail early, in one line, on a bad corpus folder or an unfinished store."""
    from ..corpus.catalog import folder_entries

    if _is_store(folder):
        from .reader import Store

        Store(folder)
    else:
        folder_entries(Path(folder))


def checksums(folder: Path | str) -> list | None:
    """The checksums of the files a store was annotated from (as on the folder itself)."""
    if not looks_like_store(folder):
        return None
    from ..report.provenance import Checksum
    from .reader import Store

    return [Checksum(c["file"], c["bytes"], c["sha256"]) for c in Store(folder).info["checksums"]]


def corpus_info(folder: Path | str):
    """The words a store's pages use about its corpus: those of the folder it came from."""
    if not looks_like_store(folder):
        return None
    from ..corpus import info
    from ..paths import SEEDS
    from .reader import Store

    store = Store(folder)
    if store.info.get("repository_seeds"):
        return info.corpus_info(SEEDS)
    own = store.folder / info.FILE
    name = store.info.get("source_name") or store.folder.name
    if own.is_file():
        return info._from_settings(info._checked(own, info._parse(own)), name, narrative=False, source=info.FILE)
    return info.CorpusInfo(title=name)


def local_source(location) -> Path | None:
    """For a URL given where a local corpus folder or store is read (``report --seeds``): the
    local folder a ``file://`` or ``local://`` URL names; one line (:class:`InputError`) for a
    remote store, a chained URL or an unknown protocol; None for a plain path."""
    from ..errors import InputError
    from .layout import is_url, resolve_location

    if not (is_url(location) or "::" in str(location)):
        return None
    resolved = resolve_location(location)
    if not isinstance(resolved, Path):
        raise InputError(str(resolved), "is a remote store; the report reads a local folder or store "
                                        "(copy it locally first)")
    return resolved
