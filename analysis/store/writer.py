"""``annotate``: run every stage over a corpus folder into a store, resumably.

>>> summary = annotate("seeds", "build/seeds-store")            # local processes
>>> summary = annotate("corpus", "store", engine="dask", workers=2)

A run plans first (hash every document's metadata and text, drop the chunks
that no longer match), then annotates what is missing, chunk by chunk, and
commits each chunk as it arrives (see :mod:`.layout`). Killed at any point and
run again, it finishes the rest; the store then holds the same rows as an
uninterrupted run. Changed documents are annotated again, removed ones dropped,
unchanged ones skipped.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ..report import provenance
from ..corpus.catalog import Entry, folder_entries
from ..errors import InputError
from ..entities.gazetteer import load_gazetteer
from ..progress import wanted as progress_wanted
from ..corpus.reading import read_text
from . import engines
from .layout import (FORMAT, LOCK_FILE, MANIFEST, SIDE_FILES, STORE_FILE, StoreFS, is_url, location_text,
                     part_name, resolve_location)
from .manifest import (chunk_id, collect_garbage, content_hash, drop_chunk, annotation_environment, fingerprint,
                       manifest_table, read_committed, stale_chunks)
from .tables import TABLES
from .worker import Item

ON_ERROR = ("stop", "skip")
DEFAULT_CHUNK = 32
STORE_NAMES = (STORE_FILE, LOCK_FILE, *SIDE_FILES, MANIFEST, *TABLES)  # all a store writes (files, folders)


@dataclass
class Summary:
    """What a run did."""

    store: str
    documents: int = 0          # in the corpus
    annotated: int = 0          # annotated in this run
    unchanged: int = 0          # already in the store, skipped
    dropped: int = 0            # removed from the corpus, dropped from the store
    errors: list[tuple[str, str]] = field(default_factory=list)   # (file, problem) of skipped documents
    seconds: float = 0.0

    def lines(self) -> list[str]:
        rate = f", {self.annotated / self.seconds:.1f} docs/s" if self.annotated and self.seconds else ""
        out = [f"annotated {self.annotated} of {self.documents} documents into {self.store} "
               f"in {self.seconds:.1f} s{rate} ({self.unchanged} unchanged, {self.dropped} dropped, "
               f"{len(self.errors)} skipped with errors)"]
        out += [f"skipped {file}: {problem}" for file, problem in self.errors]
        return out


@dataclass(frozen=True)
class Planned:
    entry: Entry
    hash: str
    problem: str | None


def check_location(seeds: Path, store: str | Path, force: bool = False) -> Path | None:
    """The store must never be, contain or lie inside the corpus folder (nor seeds/, notebooks/,
    the repository root), and a local store folder must be provably one that ``annotate`` wrote
    (its verified marker, not a file called ``store.json``): :mod:`analysis.outdir` decides, with
    ``keep`` so that an existing store keeps its files (that is what resuming is). Returns the
    local folder (to seal when the run ends), ``None`` for a remote store."""
    from .. import outdir

    text = location_text(store)
    if is_url(text) and not text.startswith("file://"):
        return None
    where = Path(text.removeprefix("file://")).expanduser()
    return outdir.prepare_output_dir(where, inputs=[Path(seeds)], command="annotate", force=force,
                                     planned=STORE_NAMES, keep=True)


def annotate(seeds: Path | str, store: Path | str, engine: str = "local", workers: int | None = None,
             scheduler: str | None = None, chunk_size: int = DEFAULT_CHUNK, on_error: str = "stop",
             show_progress: bool | None = None, force: bool = False) -> Summary:
    """Annotate every document of the folder ``seeds`` into ``store``; see the module docstring.

    ``on_error="stop"`` raises :class:`InputError` at the first bad document;
    ``"skip"`` records it in the ``errors`` table and the summary and goes on. ``force``
    starts a store in a non-empty folder that is not one (deleting nothing in it).
    """
    if engine not in engines.ENGINES or on_error not in ON_ERROR or chunk_size < 1:
        raise InputError(None, f"engine must be one of {engines.ENGINES}, on_error one of {ON_ERROR}, chunk size >= 1")
    if workers is not None and workers < 1:
        raise InputError(None, "--workers must be 1 or more")
    started = time.perf_counter()
    seeds = Path(seeds)
    entries = folder_entries(seeds)
    store = resolve_location(store)  # file:// and local:// become folders, checked as folders; odd URLs refused
    local = check_location(seeds, store, force)
    gazetteer = load_gazetteer(seeds)
    env = annotation_environment(gazetteer)
    env_fp = fingerprint(env)
    fs = StoreFS(store)
    fs.makedirs()
    with _locked(fs):
        plan = [_plan(entry, on_error) for entry in entries]
        summary = Summary(str(store), documents=len(plan))
        pending = _prepare(fs, plan, env_fp, chunk_size, summary)
        _write_info(fs, seeds, plan, env, complete=False)
        tasks = _tasks(pending)
        bar = _bar(sum(len(group) for group in pending.values()), show_progress)
        try:
            for chunk, tables in _engine_results(engine, tasks, gazetteer, workers, scheduler):
                _commit(fs, chunk, tables, pending, env_fp, on_error, seeds, summary)
                bar.update(len(pending[chunk]))
        finally:
            bar.close()
        _write_info(fs, seeds, plan, env, complete=True)
        if local is not None:
            from ..outdir import seal_output_dir

            seal_output_dir(local)  # every file of the store with its hash: what proves it ours next time
    summary.seconds = time.perf_counter() - started
    return summary


def _plan(entry: Entry, on_error: str) -> Planned:
    meta = entry.as_dict()
    try:
        return Planned(entry, content_hash(meta, read_text(entry.file)), None)
    except InputError as exc:
        if on_error == "stop":
            raise
        return Planned(entry, content_hash(meta, f"unreadable: {exc.problem}"), exc.problem)


def _prepare(fs: StoreFS, plan: list[Planned], env_fp: str, chunk_size: int,
             summary: Summary) -> dict[str, list[Planned]]:
    """Drop what no longer matches, clear left-overs (and chunks with a damaged part: their documents
    are annotated again); the chunks still to annotate, by id."""
    committed = read_committed(fs, repair=True)
    wanted = {p.entry.id: p.hash for p in plan}
    before = set(committed.documents())
    for chunk in stale_chunks(committed, env_fp, wanted):
        drop_chunk(fs, chunk)
        del committed.chunks[chunk]
    collect_garbage(fs, set(committed.chunks))
    done = set(committed.documents())
    summary.unchanged = len(done)
    summary.dropped = len(before - set(wanted))
    todo = [p for p in plan if p.entry.id not in done]
    groups = (todo[start:start + chunk_size] for start in range(0, len(todo), chunk_size))
    return {chunk_id(env_fp, [(p.entry.id, p.hash) for p in group]): group for group in groups}


def _tasks(pending: dict[str, list[Planned]]) -> Iterator[tuple[str, list[Item]]]:
    """Each chunk's items, texts read only when the chunk is sent out."""
    for chunk, group in pending.items():
        items = []
        for p in group:
            if p.problem is not None:
                items.append(Item(p.entry, p.hash, problem=p.problem))
                continue
            try:
                text = read_text(p.entry.file)
            except InputError as exc:
                items.append(Item(p.entry, p.hash, problem=exc.problem))
                continue
            items.append(Item(p.entry, p.hash, text=text))
        yield chunk, items


def _engine_results(engine: str, tasks, gazetteer, workers: int | None, scheduler: str | None):
    if engine == "dask":
        with engines.dask_client(scheduler, workers) as client:
            yield from engines.run_dask(tasks, gazetteer, client)
    else:
        yield from engines.run_local(tasks, gazetteer, workers or engines.default_workers())


def _commit(fs: StoreFS, chunk: str, tables: dict, pending: dict[str, list[Planned]], env_fp: str,
            on_error: str, seeds: Path, summary: Summary) -> None:
    """Write a chunk's data parts, then its manifest part (the commit)."""
    errors = tables["errors"].to_pylist()
    if errors and on_error == "stop":
        raise InputError(seeds / errors[0]["file"], errors[0]["problem"])
    for name in TABLES:
        fs.write_table(tables[name], name, part_name(chunk))
    failed = {e["doc"] for e in errors}
    rows = [(p.entry.id, p.entry.file.name, p.hash, "error" if p.entry.id in failed else "ok")
            for p in pending[chunk]]
    fs.write_table(manifest_table(chunk, env_fp, rows), MANIFEST, part_name(chunk))
    summary.annotated += len(rows) - len(failed)
    summary.errors += [(e["file"], e["problem"]) for e in errors]


def _write_info(fs: StoreFS, seeds: Path, plan: list[Planned], env: dict, complete: bool) -> None:
    """``store.json``: the corpus in order with hashes, versions, checksums; written atomically."""
    from ..corpus.files import article_files
    from ..paths import SEEDS

    for name in SIDE_FILES:  # what views read from the corpus folder besides the texts
        local = seeds / name
        if local.is_file():
            fs.write_bytes(local.read_bytes(), name)
        else:
            fs.remove(name)
    checksums, documents = [], [[p.entry.id, p.hash] for p in plan]
    if complete:
        checksums = [{"file": c.file, "bytes": c.bytes, "sha256": c.sha256} for c in provenance.seed_checksums(seeds)]
        status = {doc: row["status"] for doc, row in read_committed(fs, repair=True).documents().items()}
        documents = [[doc, hash_] for doc, hash_ in documents if status.get(doc) == "ok"]
    fs.write_json({
        "format": FORMAT,
        "complete": complete,
        "documents": documents,
        "skipped": [[s.file, s.reason] for s in article_files(seeds)[1]],  # hidden files, never read
        "source_name": seeds.resolve().name,
        "repository_seeds": seeds.resolve() == SEEDS.resolve(),
        "environment": env,
        "checksums": checksums,
    }, STORE_FILE)


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _bar(total: int, show: bool | None):
    """A progress bar on stderr (documents done, rate, time left) for large runs."""
    if not (show if show is not None else progress_wanted(total)):
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, desc="annotate", unit="doc", file=sys.stderr, mininterval=0.5, dynamic_ncols=True)


class _locked:
    """One writer at a time (a local lock file; the kernel releases it if the run is killed)."""

    def __init__(self, fs: StoreFS) -> None:
        self.fs, self.handle = fs, None

    def __enter__(self):
        if self.fs.local:
            import fcntl

            self.handle = open(self.fs.path(LOCK_FILE), "a")
            try:  # a POSIX record lock: not inherited by the worker processes
                fcntl.lockf(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                self.handle.close()
                raise InputError(self.fs.location, "another annotate run is writing this store") from None
        return self

    def __exit__(self, *exc) -> None:
        if self.handle is not None:
            self.handle.close()
