"""Reading a store: the corpus and the stage tables, queried with DuckDB.

:func:`open_corpus` gives a :class:`StoreCorpus`, a :class:`~analysis.corpus.Corpus`
whose documents come from the store: their metadata and counts at once, their
text, sentences and tokens only when a view asks for them (one chunk file at a
time), never re-parsed. The stages (cues, sentiment, entities) read their stored
rows through the hooks in :mod:`.hooks`; every other view works on the stored
sentences as it does on a folder.
"""
from __future__ import annotations

import warnings
from array import array
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from ..corpus import cleaning
from ..corpus.catalog import Entry
from ..corpus.model import Corpus, Document, Paragraph, Sentence
from ..errors import InputError
from .layout import StoreFS, part_name
from .manifest import annotation_environment
from .validate import check_store, damaged, unreadable_part
from .tables import SCHEMAS
from .worker import entry_from_row

CHUNKS_KEPT = 16  # chunks of documents (32 each by default) whose texts and sentences stay in memory
DOCUMENT_COLUMNS = ["id", "file", "title", "kind", "label", "author", "outlet", "published",
                    "paragraphs", "sentences", "tokens", "words", "removed"]


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class Store:
    """An opened, complete store: its documents in corpus order and DuckDB over its parts."""

    def __init__(self, location: str | Path) -> None:
        import duckdb

        self.fs = StoreFS(location)
        self.location = self.fs.location
        self.info, committed = check_store(self.fs)  # one line for a damaged store, before any table is read
        self.order = [doc for doc, _ in self.info["documents"]]
        self.chunk_of = {doc: committed[doc]["chunk"] for doc in self.order}
        self.chunks = sorted(set(self.chunk_of.values()))
        self.con = duckdb.connect()
        if not self.fs.local:
            self.con.register_filesystem(self.fs.fs)
        self._loaded: OrderedDict[str, dict] = OrderedDict()  # the CHUNKS_KEPT chunks used last

    @cached_property
    def folder(self) -> Path:
        """The store as a local folder: itself, or for a remote store a local folder holding
        a copy of its alias table (what the entity views read from a corpus folder)."""
        if self.fs.local:
            return Path(self.fs.root)
        from .. import cache
        from .layout import SIDE_FILES

        mirror = cache.namespace_folder("stores") / cache.content_hash(self.location)[:16]
        if mirror.is_symlink():  # the cache never writes through a symlink
            mirror.unlink()
        mirror.mkdir(exist_ok=True)
        for name in SIDE_FILES:
            local = mirror / name
            if self.fs.exists(name):
                data = self.fs.read_bytes(name)
                if not local.is_file() or local.read_bytes() != data:
                    local.write_bytes(data)
            elif local.is_file():
                local.unlink()
        return mirror

    def up_to_date(self, gazetteer) -> bool:
        """Whether the stored rows were made by this code, data and libraries (and ``gazetteer``)."""
        return annotation_environment(gazetteer) == self.info["environment"]

    def source(self, table: str) -> str:
        files = [self.fs.url(table, part_name(c)) for c in self.chunks]
        return f"read_parquet([{', '.join(_quote(f) for f in files)}])"

    def query(self, table: str, docs: list[str] | None = None, where: str = "", order: str = "seq",
              columns: str = "t.*", join: str = "") -> pd.DataFrame:
        """Rows of ``table`` for ``docs`` (default: all), in the order of ``docs``, then ``order``."""
        if not self.chunks:
            return pd.DataFrame({f.name: pd.Series(dtype=object) for f in SCHEMAS[table]})
        docs = self.order if docs is None else docs
        wanted = pd.DataFrame({"doc": docs, "_ord": range(len(docs))})
        self.con.register("wanted", wanted)
        try:
            sql = (f"SELECT {columns} FROM {self.source(table)} t JOIN wanted w ON t.doc = w.doc {join} "
                   f"{'WHERE ' + where if where else ''} ORDER BY w._ord, {order}")
            return self.execute(sql, table, *(t for t in SCHEMAS if t != table and f"/{t}/part-" in join))
        finally:
            self.con.unregister("wanted")

    def execute(self, sql: str, *tables: str) -> pd.DataFrame:
        """A DuckDB query over the parts of ``tables``; a part damaged inside is one line, not a traceback."""
        import duckdb

        try:
            return self.con.execute(sql).df()
        except duckdb.ProgrammingError:  # the SQL itself (a bug), not the data
            raise
        except duckdb.Error as exc:  # a part damaged inside: DuckDB's IOException, InvalidInputException, Error
            found = unreadable_part(self.fs, tables, self.chunks)
            if found is None:  # pyarrow reads every part: the query failed for another reason
                raise
            raise damaged(self.fs, *found) from None

    def chunk_documents(self, chunk: str) -> dict[str, dict]:
        """Text, paragraphs with sentences and cleaning records of every document of one chunk.
        At most :data:`CHUNKS_KEPT` chunks stay in memory (the least recently used go), so
        reading every text of a large store holds a few chunks, not the corpus."""
        if chunk in self._loaded:
            self._loaded.move_to_end(chunk)
        else:
            self._loaded[chunk] = _rebuild(self.fs, chunk)
            while len(self._loaded) > CHUNKS_KEPT:
                self._loaded.popitem(last=False)
        return self._loaded[chunk]


def _read_part(fs: StoreFS, table: str, name: str, columns: list[str] | None = None) -> list[dict]:
    """The rows of one part; a part damaged inside (its footer was checked on opening) is one line."""
    try:
        return fs.read_table(table, name, columns=columns).to_pylist()
    except Exception as exc:  # pyarrow raises OSError, ArrowInvalid ... for damaged pages
        raise damaged(fs, f"{table}/{name}", f"cannot be read ({exc.__class__.__name__})") from None


def _rebuild(fs: StoreFS, chunk: str) -> dict[str, dict]:
    name = part_name(chunk)
    parts: dict[str, dict] = defaultdict(lambda: {"paragraphs": [], "headings": [], "removals": [], "fixes": []})
    for row in _read_part(fs, "documents", name, columns=["doc", "raw"]):
        parts[row["doc"]]["raw"] = row["raw"]
    sentences: dict[tuple[str, int], list[Sentence]] = defaultdict(list)
    for r in _read_part(fs, "sentences", name):
        sentences[(r["doc"], r["paragraph"])].append(Sentence(
            r["doc"], r["sentence"], r["paragraph"], r["section"], r["start"], r["end"], r["text"], r["norm"],
            array("i", r["spans"]), array("i", r["offsets"])))
    for r in _read_part(fs, "paragraphs", name):
        parts[r["doc"]]["paragraphs"].append(Paragraph(r["paragraph"], r["kind"], r["section"], r["start"],
                                                       r["end"], sentences[(r["doc"], r["paragraph"])]))
    for r in _read_part(fs, "edits", name):
        part = parts[r["doc"]]
        if r["action"] == "removal":
            part["removals"].append(cleaning.Removal(r["kind"], r["start"], r["end"], r["text"]))
        elif r["action"] == "fix":
            part["fixes"].append(cleaning.Fix(r["kind"], r["start"], r["text"]))
        else:
            part["headings"].append(cleaning.Heading(r["start"], r["end"], r["text"], r["number"], r["level"]))
    return dict(parts)


class StoredDocument(Document):
    """A document of a store: metadata now, text and structure read on first use."""

    def __init__(self, entry: Entry, store: Store, counts: dict) -> None:
        self.entry = entry
        self.store = store
        self.counts = counts

    def _part(self, name: str):
        return self.store.chunk_documents(self.store.chunk_of[self.entry.id])[self.entry.id][name]

    raw = property(lambda self: self._part("raw"))
    paragraphs = property(lambda self: self._part("paragraphs"))
    headings = property(lambda self: self._part("headings"))
    removals = property(lambda self: self._part("removals"))
    fixes = property(lambda self: self._part("fixes"))

    def removed_summary(self) -> str:
        return self.counts["removed"]

    def __repr__(self) -> str:
        return f"StoredDocument(id={self.entry.id!r}, store={self.store.location!r})"


@dataclass
class StoreCorpus(Corpus):
    """A corpus read from a store; the same tables as :class:`Corpus`, from DuckDB."""

    store: Store | None = field(default=None, repr=False)

    def documents(self) -> pd.DataFrame:
        table = self.store.query("documents", self.ids, order="t.doc", columns="t.* EXCLUDE (raw)")
        table = table.rename(columns={"doc": "id"})[DOCUMENT_COLUMNS].reset_index(drop=True)
        extra = list(dict.fromkeys(c for d in self.docs for c in d.entry.extra))
        for column in extra:  # the catalog's own columns, as Corpus.documents() adds them
            table[column] = [d.entry.extra.get(column, "") for d in self.docs]
        return table

    def sentences(self) -> pd.DataFrame:
        columns = ["doc", "sentence", "paragraph", "section", "start", "end", "position", "n_tokens", "text", "norm"]
        return self.store.query("sentences", self.ids, order='t.sentence', columns=", ".join(f't."{c}"' for c in columns))

    def paragraphs(self) -> pd.DataFrame:
        sentences = self.store.query("sentences", self.ids, order='t.sentence', columns='t.doc, t.paragraph, t.text')
        joined = sentences.groupby(["doc", "paragraph"], sort=False).text.agg([" ".join, "size"])
        table = self.store.query("paragraphs", self.ids, order='t."paragraph"')
        keys = list(zip(table["doc"], table["paragraph"]))
        table["sentences"] = [int(joined.loc[k, "size"]) for k in keys]
        table["text"] = [joined.loc[k, "join"] for k in keys]
        return table[["doc", "paragraph", "kind", "section", "start", "end", "sentences", "text"]]


def open_corpus(location: str | Path) -> StoreCorpus:
    """The corpus of a complete store (raises :class:`InputError` on an unfinished one)."""
    from ..framing.cues import _memo

    store = Store(location)
    rows = store.query("documents", columns="t.* EXCLUDE (raw)", order="t.doc").to_dict("records")
    docs = []
    for row in rows:
        doc = StoredDocument(entry_from_row(row, store.folder), store, row)
        _memo(doc)["words"] = int(row["words"])  # what frame scores divide by, without reading the text
        docs.append(doc)
    from ..corpus.files import Skipped

    skipped = [Skipped(file, reason) for file, reason in store.info.get("skipped", [])]
    return StoreCorpus(store.folder, docs, skipped, store=store)


def stale_warning(store: Store) -> None:
    warnings.warn(f"{store.location}: annotated with other code or library versions; "
                  "run `python -m analysis annotate` again to refresh it", stacklevel=3)


def read_table(location: str | Path, name: str) -> pd.DataFrame:
    """Every row of one stored table, in corpus order (then row order within each document)."""
    from .tables import SCHEMAS

    if name not in SCHEMAS:
        raise InputError(location, f"no table {name!r}; tables are: {', '.join(SCHEMAS)}")
    store = Store(location)
    keys = {"documents": "t.doc", "paragraphs": 't."paragraph"', "sentences": 't.sentence',
            "sentiment": 't.sentence', "errors": "t.file"}
    if name == "errors":  # failed documents are not in the corpus order
        if not store.chunks:
            return pd.DataFrame(columns=SCHEMAS[name].names)
        return store.execute(f"SELECT * FROM {store.source(name)} ORDER BY file", name)
    return store.query(name, order=keys.get(name, "t.seq"))
