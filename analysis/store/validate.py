"""Checking a store before anything reads it: ``store.json``, the manifest and the data parts.

Every reader (:class:`~.reader.Store`, so ``load_corpus``, every command's ``--seeds STORE``,
``report``) goes through :func:`check_store` before DuckDB or pyarrow reads a table, and
``annotate`` reads the manifest through :func:`read_manifest` with ``repair=True``. A store
damaged by hand, by a full disk or by a copy cut short gives one line,
:class:`~analysis.errors.InputError`, naming the store, the file and the fix::

    STORE: damaged store: manifest/part-1f2e....parquet is not a readable Parquet file (ArrowInvalid);
    remove it, then run `python -m analysis annotate --seeds CORPUS --store STORE --force` to rebuild it

What is checked:

- ``store.json`` is UTF-8 JSON, an object, of this :data:`~.layout.FORMAT`, with ``documents`` a list
  of ``[id, hash]`` pairs of text (each id once), and ``skipped``, ``environment`` and
  ``checksums`` of their written shapes;
- each manifest part is a readable Parquet file of the manifest's schema whose rows name its own
  chunk; a chunk id is 20 lower-case hex digits (what :func:`~.manifest.chunk_id` writes), so a
  path handed to DuckDB is always ``STORE/<table>/part-<hex>.parquet``: never a glob, never
  ``..``, an absolute path, quotes or braces;
- every data part of a committed chunk exists and has its table's schema (its Parquet footer is
  read; the rows are read later, and a part damaged inside is reported the same way then);
- in a local store no part is reached through a symbolic link that leaves the store.
"""
from __future__ import annotations

import json
import os
import re
from typing import Any

from ..errors import InputError
from .layout import FORMAT, MANIFEST, STORE_FILE, TMP_MARK, StoreFS, chunk_of, part_name
from .tables import MANIFEST_SCHEMA, SCHEMAS, TABLES

CHUNK_ID = re.compile(r"\A[0-9a-f]{20}\Z")
STATUSES = ("ok", "error")

__all__ = ["CHUNK_ID", "check_store", "damaged", "read_info", "read_manifest", "unreadable_part"]


def damaged(fs: StoreFS, file: str, problem: str) -> InputError:
    """The one-line error for a damaged ``file`` (relative to the store) of the store ``fs``, with
    the fix: remove it (unless it is missing), then ``annotate --force`` annotates again what it held
    (``--force`` because the store's marker no longer matches its files; it touches no other file)."""
    remove = "" if problem == "is missing" else "remove it, then "
    return InputError(fs.location, f"damaged store: {file} {problem}; {remove}run `python -m analysis annotate "
                                   f"--seeds CORPUS --store {fs.location} --force` to rebuild it")


def _is_pairs(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in value)


def read_info(fs: StoreFS) -> dict:
    """``store.json``, checked: raises :class:`InputError` when it is missing, damaged, of another
    format or of an unfinished run."""
    try:
        data = fs.read_bytes(STORE_FILE)
    except FileNotFoundError:
        raise InputError(fs.location, "not an annotation store (no store.json)") from None
    except OSError as exc:
        raise damaged(fs, STORE_FILE, f"cannot be read ({exc.__class__.__name__})") from None
    try:
        info = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise damaged(fs, STORE_FILE, "is not UTF-8 text") from None
    except (ValueError, RecursionError):
        raise damaged(fs, STORE_FILE, "is not JSON" + (" (empty)" if not data.strip() else "")) from None
    if not isinstance(info, dict):
        raise damaged(fs, STORE_FILE, f"holds a JSON {type(info).__name__}, not an object")
    if info.get("format") != FORMAT:
        raise InputError(fs.location, f"store format {info.get('format')!r} is not {FORMAT}; annotate again")
    if not isinstance(info.get("complete"), bool):
        raise damaged(fs, STORE_FILE, "has no true/false 'complete'")
    if not info["complete"]:
        raise InputError(fs.location, "annotation unfinished; run `python -m analysis annotate` again to finish it")
    if not _is_pairs(info.get("documents")):
        raise damaged(fs, STORE_FILE, "has 'documents' that are not a list of [id, hash] pairs")
    ids = [doc for doc, _ in info["documents"]]
    if len(set(ids)) != len(ids):
        raise damaged(fs, STORE_FILE, "names a document twice under 'documents'")
    if not _is_pairs(info.get("skipped", [])):
        raise damaged(fs, STORE_FILE, "has 'skipped' that is not a list of [file, reason] pairs")
    env = info.get("environment")
    if not isinstance(env, dict) or not isinstance(env.get("gazetteer"), str):
        raise damaged(fs, STORE_FILE, "has no 'environment' object with the alias table's hash")
    checksums = info.get("checksums")
    if not isinstance(checksums, list) or not all(
            isinstance(c, dict) and isinstance(c.get("file"), str) and isinstance(c.get("sha256"), str)
            and isinstance(c.get("bytes"), int) for c in checksums):
        raise damaged(fs, STORE_FILE, "has 'checksums' that are not a list of {file, bytes, sha256}")
    if not isinstance(info.get("source_name", ""), str) or not isinstance(info.get("repository_seeds", False), bool):
        raise damaged(fs, STORE_FILE, "has a 'source_name' or 'repository_seeds' of the wrong type")
    return info


def _outside(fs: StoreFS, *parts: str) -> str | None:
    """The file or folder (relative to the store) through which a local store's file leaves the
    store by a symbolic link, ``None`` when it stays inside."""
    if not fs.local:
        return None
    root = os.path.realpath(fs.root).rstrip("/") + "/"
    for n in range(1, len(parts) + 1):
        if not os.path.realpath(fs.path(*parts[:n])).startswith(root):
            return "/".join(parts[:n]) + ("/" if n < len(parts) else "")
    return None


def _same_schema(found, wanted) -> bool:
    return [(f.name, f.type) for f in found] == [(f.name, f.type) for f in wanted]


def _manifest_part(fs: StoreFS, name: str) -> tuple[str, list[dict]]:
    """``(chunk, rows)`` of one manifest part; raises :class:`InputError` when it is damaged."""
    where = f"{MANIFEST}/{name}"
    chunk = chunk_of(name)
    if chunk is None or not CHUNK_ID.match(chunk):
        raise damaged(fs, where, "is not a part name the store writes (part-<20 hex digits>.parquet)")
    import pyarrow.parquet as pq

    if (link := _outside(fs, MANIFEST, name)) is not None:
        raise damaged(fs, link, "is a link to a place outside the store")
    try:
        with fs.fs.open(fs.path(MANIFEST, name), "rb") as handle:
            table = pq.ParquetFile(handle).read()  # no thread pool: ~6x faster than read_table on a small part
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError ... for a damaged file
        raise damaged(fs, where, f"is not a readable Parquet file ({exc.__class__.__name__})") from None
    if not _same_schema(table.schema, MANIFEST_SCHEMA):
        raise damaged(fs, where, f"has the columns {', '.join(table.schema.names)}, not those of a manifest")
    rows = table.to_pylist()
    for row in rows:
        if row["chunk"] != chunk:
            raise damaged(fs, where, f"names the chunk {row['chunk']!r}, not its own ({chunk})")
        if not all(isinstance(row[k], str) for k in ("doc", "file", "hash", "env")) or row["status"] not in STATUSES:
            raise damaged(fs, where, "has an empty cell or an unknown status")
    return chunk, rows


def _part_problem(fs: StoreFS, table: str, chunk: str) -> tuple[str, str] | None:
    """``(file, problem)`` when ``table``'s part of ``chunk`` cannot be read (``None`` when its
    footer and schema are right)."""
    import pyarrow.parquet as pq

    file = f"{table}/{part_name(chunk)}"
    if (link := _outside(fs, table, part_name(chunk))) is not None:
        return link, "is a link to a place outside the store"
    try:
        with fs.fs.open(fs.path(table, part_name(chunk)), "rb") as handle:
            schema = pq.read_schema(handle)
    except FileNotFoundError:
        return file, "is missing"
    except Exception as exc:  # a truncated file, not Parquet at all, a folder in its place ...
        return file, f"is not a readable Parquet file ({exc.__class__.__name__})"
    if not _same_schema(schema, SCHEMAS[table]):
        return file, f"has the columns {', '.join(schema.names)}, not those of the {table} table"
    return None


def unreadable_part(fs: StoreFS, tables: tuple[str, ...], chunks: list[str]) -> tuple[str, str] | None:
    """``(file, problem)`` of the first part of ``tables`` whose rows cannot be read in full: which
    file to name when DuckDB failed on a part damaged inside (its footer intact)."""
    for table in tables:
        for chunk in chunks:
            try:
                fs.read_table(table, part_name(chunk))
            except Exception as exc:  # pyarrow raises OSError, ArrowInvalid ... for damaged pages
                return f"{table}/{part_name(chunk)}", f"cannot be read ({exc.__class__.__name__})"
    return None


def read_manifest(fs: StoreFS, repair: bool = False) -> dict[str, list[dict]]:
    """The committed chunks (chunk id -> manifest rows), every part checked.

    A damaged manifest part, a data part of a committed chunk that is missing or damaged, or a
    document committed in two chunks raises :class:`InputError`; with ``repair`` the chunks
    concerned are left out instead (what ``annotate`` rebuilds). Temporary files are skipped.
    """
    chunks: dict[str, list[dict]] = {}
    for name in fs.listdir(MANIFEST):
        if TMP_MARK in name:
            continue
        try:
            chunk, rows = _manifest_part(fs, name)
            for table in TABLES:
                problem = _part_problem(fs, table, chunk)
                if problem is not None:
                    raise damaged(fs, *problem)
        except InputError:
            if repair:
                continue
            raise
        chunks[chunk] = rows
    return chunks


def check_store(fs: StoreFS) -> tuple[dict, dict[str, list[dict]]]:
    """``(store.json, committed chunks)`` of a complete, undamaged store whose manifest holds
    every document of ``store.json`` with its hash; raises :class:`InputError` otherwise."""
    info = read_info(fs)
    chunks = read_manifest(fs)
    committed: dict[str, dict] = {}
    for chunk, rows in sorted(chunks.items()):
        for row in rows:
            if row["doc"] in committed:
                raise damaged(fs, f"{MANIFEST}/{part_name(chunk)}",
                              f"commits the document {row['doc']!r} a second time")
            committed[row["doc"]] = row
    for doc, hash_ in info["documents"]:
        row = committed.get(doc)
        if row is None or row["hash"] != hash_ or row["status"] != "ok":
            raise InputError(fs.location, f"document {doc!r} is missing or out of date; run annotate again")
    return info, committed
