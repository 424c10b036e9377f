"""Where a store keeps its files, and writing them so that a kill never leaves half a file.

A store is a folder (or an fsspec URL such as ``s3://bucket/corpus-store``)::

    store.json                  the corpus in order, hashes, versions, complete or not
    entities.csv, corpus.toml   the corpus folder's alias table and description, when it has them
    manifest/part-<chunk>.parquet   one per committed chunk: its documents and their hashes
    <table>/part-<chunk>.parquet    one per chunk and table (documents, sentences, ...)

A chunk counts only once its manifest part exists, and that part is written
last: data parts of a chunk without one (a run killed half-way) are removed on
the next run. Local files are written to a temporary name, flushed to disk and
renamed into place; on object storage a single PUT is already all-or-nothing.
"""
from __future__ import annotations

import io
import json
import os
import re
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pyarrow is imported only when a store is read or written
    import pyarrow as pa

STORE_FILE = "store.json"
MANIFEST = "manifest"
GAZETTEER_FILE = "entities.csv"
CORPUS_INFO_FILE = "corpus.toml"
SIDE_FILES = (GAZETTEER_FILE, CORPUS_INFO_FILE)  # copied from the corpus folder into the store
LOCK_FILE = ".lock"
PART_PREFIX, PART_SUFFIX = "part-", ".parquet"
TMP_MARK = ".tmp-"
FORMAT = 3  # 3: the actor tables (actor_mentions, actor_roles)


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]+):/+(.*)$")


def location_text(location: str | Path) -> str:
    """A store location as text; an fsspec URL that went through ``Path`` (which turns
    ``s3://bucket`` into ``s3:/bucket``) gets its ``//`` back."""
    text = str(location)
    match = _SCHEME.match(text)
    if match is None:
        return text
    scheme, rest = match.groups()
    return f"{scheme}:///{rest}" if scheme.lower() in LOCAL_PROTOCOLS else f"{scheme}://{rest}"


def is_url(location: str | Path) -> bool:
    return "://" in location_text(location)


# Remote fsspec protocols a store may use (each needs its own package, e.g. s3fs), and fsspec's
# in-process ``memory://`` (tests, notebooks); every other protocol (``github://``, ``zip://`` ...)
# and chained URLs such as ``simplecache::s3://...`` are refused.
REMOTE_PROTOCOLS = ("s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "adl", "hdfs", "webhdfs", "http", "https",
                    "sftp", "ssh", "memory")
LOCAL_PROTOCOLS = ("file", "local")
_CHAIN = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*::")


def resolve_location(location: str | Path) -> str | Path:
    """A store or corpus location as the package reads it: a local ``Path`` (``file://`` and
    ``local://`` URLs included, whatever their case), or a remote URL of :data:`REMOTE_PROTOCOLS`
    whose package is installed. Raises :class:`~analysis.errors.InputError` (one line) for a
    chained URL (``simplecache::...``), any other protocol, or a missing package; nothing here
    touches the network."""
    from ..errors import InputError

    text = location_text(location) if isinstance(location, Path) else str(location)
    if _CHAIN.match(text) or ("::" in text and "://" in text):
        raise InputError(text, "chained fsspec URLs (such as simplecache::...) are not supported; "
                               "give a folder or a plain URL such as s3://bucket/store")
    match = re.match(r"\A([A-Za-z][A-Za-z0-9+.-]+)://", text)
    if match is None:
        return Path(location) if isinstance(location, Path) else Path(text)
    scheme, rest = match.group(1).lower(), text.split("://", 1)[1]
    if scheme in LOCAL_PROTOCOLS:
        if rest.startswith("localhost/"):
            rest = rest[len("localhost"):]
        if not rest:
            raise InputError(text, "the URL names no folder")
        return Path(rest)
    if scheme not in REMOTE_PROTOCOLS:
        raise InputError(text, f"unsupported protocol {scheme!r}; a store is a local folder or a URL of "
                               f"{', '.join(REMOTE_PROTOCOLS)}")
    import fsspec
    from fsspec.registry import known_implementations

    try:
        fsspec.get_filesystem_class(scheme)
    except (ImportError, ValueError):
        hint = known_implementations.get(scheme, {}).get("err") or f"install the fsspec package for {scheme}://"
        raise InputError(text, f"protocol {scheme!r} needs a package that is not installed ({hint})") from None
    return f"{scheme}://{rest}"


def looks_like_store(location: str | Path) -> bool:
    """Whether ``location`` holds a store (its ``store.json``), without opening it. A URL is
    resolved first (:func:`resolve_location`, which refuses what it cannot read)."""
    location = resolve_location(location)
    if isinstance(location, str):
        fs = StoreFS(location)
        return fs.exists(STORE_FILE)
    return (Path(location) / STORE_FILE).is_file()


def part_name(chunk: str) -> str:
    return f"{PART_PREFIX}{chunk}{PART_SUFFIX}"


def chunk_of(name: str) -> str | None:
    """The chunk id of a part file name, ``None`` for anything else."""
    if name.startswith(PART_PREFIX) and name.endswith(PART_SUFFIX) and TMP_MARK not in name:
        return name[len(PART_PREFIX):-len(PART_SUFFIX)]
    return None


class StoreFS:
    """The store's files through fsspec (local folders and any fsspec URL)."""

    def __init__(self, location: str | Path) -> None:
        import fsspec

        resolved = resolve_location(location)
        self.location = location_text(location)
        if isinstance(resolved, Path):  # a folder: plain paths for fsspec and DuckDB alike
            from fsspec.implementations.local import LocalFileSystem

            self.fs, root = LocalFileSystem(), os.path.abspath(os.path.expanduser(resolved))  # ~nouser stays as written
        else:
            self.fs, root = fsspec.core.url_to_fs(resolved)
        self.root = root.rstrip("/") or "/"
        self.local = isinstance(resolved, Path)
        if self.local:
            self.location = self.root

    def path(self, *parts: str) -> str:
        return "/".join([self.root, *parts])

    def url(self, *parts: str) -> str:
        """A path DuckDB can read: a plain path locally, ``protocol://...`` elsewhere."""
        if self.local:
            return self.path(*parts)
        protocol = self.fs.protocol if isinstance(self.fs.protocol, str) else self.fs.protocol[0]
        return f"{protocol}://{self.path(*parts)}"

    def exists(self, *parts: str) -> bool:
        return self.fs.exists(self.path(*parts))

    def makedirs(self, *parts: str) -> None:
        self.fs.makedirs(self.path(*parts), exist_ok=True)

    def listdir(self, *parts: str) -> list[str]:
        """File names in a folder of the store (empty when it does not exist)."""
        folder = self.path(*parts)
        if not self.fs.exists(folder):
            return []
        return sorted(p.rstrip("/").rsplit("/", 1)[-1] for p in self.fs.ls(folder, detail=False))

    def remove(self, *parts: str) -> None:
        try:
            self.fs.rm_file(self.path(*parts))
        except FileNotFoundError:
            pass

    def read_bytes(self, *parts: str) -> bytes:
        return self.fs.cat_file(self.path(*parts))

    def write_bytes(self, data: bytes, *parts: str) -> None:
        """Write a whole file so that readers see either the old one or the new one."""
        target = self.path(*parts)
        if not self.local:
            self.fs.pipe_file(target, data)
            return
        folder, name = target.rsplit("/", 1)
        os.makedirs(folder, exist_ok=True)
        tmp = f"{folder}/{name}{TMP_MARK}{uuid.uuid4().hex}"
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
        _sync_folder(folder)

    def write_json(self, value: dict, *parts: str) -> None:
        self.write_bytes((json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode(), *parts)

    def read_json(self, *parts: str) -> dict:
        return json.loads(self.read_bytes(*parts))

    def write_table(self, table: "pa.Table", *parts: str) -> None:
        import pyarrow.parquet as pq

        buffer = io.BytesIO()
        pq.write_table(table, buffer, compression="zstd")
        self.write_bytes(buffer.getvalue(), *parts)

    def read_table(self, *parts: str, columns: list[str] | None = None) -> "pa.Table":
        import pyarrow.parquet as pq

        with self.fs.open(self.path(*parts), "rb") as handle:
            return pq.read_table(handle, columns=columns)


def _sync_folder(folder: str) -> None:
    """Make a rename durable (the folder entry), where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
