"""An on-disk cache for parsed documents and model outputs.

A result is stored under a key made of two parts:

* the **content**: a hash of whatever the result is computed from (the raw
  text, the gazetteer, the catalog entry ...), passed as ``key_parts``;
* the **environment fingerprint**: the Python version, the versions of the
  libraries the computation depends on (``libraries``, e.g. ``spacy`` and the
  model package) and a hash of the source files of the code that computes it
  (``code``), so that editing the module or upgrading a library invalidates
  the entry without anyone remembering to bump a number.

Layout: ``<cache dir>/<namespace>/<fingerprint>/<content hash>.pkl``, with a
``manifest.json`` in each fingerprint folder saying what it was built with.
When a namespace is written under a new fingerprint, the folders of older
fingerprints are deleted: that is the invalidation.

The cache dir is ``.cache/analysis/`` in the repository (git-ignored);
``$RDF_CACHE_DIR`` points it elsewhere and ``RDF_CACHE=0`` turns the cache off
(every call computes). Entries are pickles, so the cache dir must be one only
you write to, like any local build cache.

>>> docs = memoize_many("entities", documents, key=lambda d: (d.raw, gaz),
...                     compute=run_model, libraries=("spacy", MODEL), code=(__file__,))
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import pickle
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterable, Sequence, TypeVar

from .config import CACHE_DIR_ENV as DIR_ENV, CACHE_ENV as SWITCH_ENV, folder, switch
from .paths import ROOT

DEFAULT_DIR = ROOT / ".cache" / "analysis"
SUFFIX = ".pkl"

T = TypeVar("T")
V = TypeVar("V")


@dataclass
class Stats:
    """Hits, misses and writes per namespace since the process started (or :meth:`reset`)."""

    hits: Counter = field(default_factory=Counter)
    misses: Counter = field(default_factory=Counter)
    writes: Counter = field(default_factory=Counter)

    def reset(self) -> None:
        self.hits.clear()
        self.misses.clear()
        self.writes.clear()


STATS = Stats()


def cache_dir() -> Path:
    """The cache folder in force: ``$RDF_CACHE_DIR`` or ``.cache/analysis/``."""
    return folder(DIR_ENV) or DEFAULT_DIR


def enabled() -> bool:
    """False when ``RDF_CACHE`` is ``0``, ``false``, ``no`` or ``off``."""
    return switch(SWITCH_ENV) is not False


# -- keys ------------------------------------------------------------------------

def _encode(value: Any) -> bytes:
    """A canonical byte encoding: equal values give equal bytes across runs."""
    if isinstance(value, bytes):
        return b"b" + value
    if isinstance(value, str):
        return b"s" + value.encode("utf-8")
    if value is None or isinstance(value, (bool, int, float)):
        return b"n" + repr(value).encode()
    if isinstance(value, Path):
        return b"p" + str(value).encode("utf-8")
    if isinstance(value, (list, tuple)):
        return b"l(" + b",".join(_frame(_encode(v)) for v in value) + b")"
    if isinstance(value, dict):
        items = sorted((_encode(k), _encode(v)) for k, v in value.items())
        return b"d(" + b",".join(_frame(k) + _frame(v) for k, v in items) + b")"
    if isinstance(value, (set, frozenset)):
        return b"S(" + b",".join(sorted(_frame(_encode(v)) for v in value)) + b")"
    text = repr(value)
    if " at 0x" in text:
        raise TypeError(f"cannot build a stable cache key from {type(value).__name__}: its repr has an address")
    return b"r" + type(value).__qualname__.encode() + text.encode("utf-8")


def _frame(data: bytes) -> bytes:
    """Length-prefix a piece so that ("ab", "c") and ("a", "bc") differ."""
    return str(len(data)).encode() + b":" + data


def content_hash(*parts: Any) -> str:
    """SHA-256 (hex) of the parts: str, bytes, numbers, paths, lists, tuples,
    dicts, sets, or objects with a stable repr (frozen dataclasses)."""
    return hashlib.sha256(_encode(parts)).hexdigest()


@lru_cache(maxsize=64)
def library_version(name: str) -> str:
    """Installed version of a distribution, or ``absent``."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def _source_path(item: str | Path | ModuleType) -> Path:
    if isinstance(item, ModuleType):
        if not getattr(item, "__file__", None):
            raise ValueError(f"module {item.__name__} has no source file")
        return Path(item.__file__)
    return Path(item)


def _code_hash(code: Iterable[str | Path | ModuleType]) -> str:
    """Hash of the source files (or modules) that compute a result."""
    digest = hashlib.sha256()
    for path in sorted({_source_path(c).resolve() for c in code}):
        stat = path.stat()
        digest.update(_file_hash(path, stat.st_mtime_ns, stat.st_size).encode())
    return digest.hexdigest()


@lru_cache(maxsize=256)
def _file_hash(path: Path, mtime_ns: int, size: int) -> str:
    """Hash of one file's name and bytes (re-read only when it changes on disk)."""
    return hashlib.sha256(path.name.encode() + b"\0" + path.read_bytes()).hexdigest()


def environment(libraries: Sequence[str] = (), code: Iterable[str | Path | ModuleType] = ()) -> dict:
    """What a cached result depends on besides its content (stored in the manifest)."""
    return {
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "libraries": {name: library_version(name) for name in sorted(set(libraries))},
        "code": _code_hash(code),
    }


def fingerprint(env: dict) -> str:
    """A short name for an environment."""
    return content_hash(env)[:16]


# -- storage ---------------------------------------------------------------------

class Store:
    """The entries of one namespace built in one environment."""

    def __init__(self, namespace: str, libraries: Sequence[str] = (),
                 code: Iterable[str | Path | ModuleType] = (), root: Path | None = None):
        if not namespace or "/" in namespace or namespace.startswith("."):
            raise ValueError(f"bad cache namespace {namespace!r}")
        self.namespace = namespace
        self.env = environment(libraries, code)
        self.folder = (root or cache_dir()) / namespace / fingerprint(self.env)
        self._ready = False

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def get(self, key: str, expect: type | tuple[type, ...] | None = None) -> tuple[bool, Any]:
        """``(True, value)`` for a stored entry, ``(False, None)`` when absent, unreadable
        or (with ``expect``) not of the expected type."""
        try:
            with self.path(key).open("rb") as handle:
                value = pickle.load(handle)
            if expect is not None and not isinstance(value, expect):
                raise TypeError(f"cache entry holds {type(value).__name__}")
        except Exception:  # absent, truncated, of another type, or its class moved or renamed: recompute
            STATS.misses[self.namespace] += 1
            return False, None
        STATS.hits[self.namespace] += 1
        return True, value

    def put(self, key: str, value: Any) -> None:
        """Write an entry atomically (a reader never sees half a file). A cache
        that cannot be written (read-only or full disk) warns once and is skipped:
        it must never make an analysis fail."""
        try:
            self._prepare()
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".part")
        except OSError as exc:
            _warn_unwritable(self.folder, exc)
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path(key))
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            _warn_unwritable(self.folder, exc)
            return
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        STATS.writes[self.namespace] += 1

    def _prepare(self) -> None:
        """Create this fingerprint's folder and delete the namespace's stale ones."""
        if self._ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        manifest = self.folder / "manifest.json"
        if not manifest.exists():
            manifest.write_text(json.dumps({"namespace": self.namespace, **self.env}, indent=1, sort_keys=True),
                                encoding="utf-8")
        for sibling in self.folder.parent.iterdir():
            if sibling.is_dir() and sibling != self.folder:
                shutil.rmtree(sibling, ignore_errors=True)
        self._ready = True


_WARNED: set[str] = set()


def _warn_unwritable(folder: Path, exc: OSError) -> None:
    import warnings

    if str(folder) not in _WARNED:
        _WARNED.add(str(folder))
        warnings.warn(f"analysis cache not written ({folder}: {exc.strerror or exc}); "
                      f"set {DIR_ENV} to a writable folder or {SWITCH_ENV}=0", RuntimeWarning, stacklevel=3)


# -- the API the modules use ----------------------------------------------------------

def memoize(namespace: str, key_parts: Any, compute: Callable[[], V], libraries: Sequence[str] = (),
            code: Iterable[str | Path | ModuleType] = (), expect: type | tuple[type, ...] | None = None) -> V:
    """The stored result for ``key_parts`` in this environment, else ``compute()``
    (stored for next time). With the cache off, always ``compute()``. A stored value
    that is not an ``expect`` instance counts as absent."""
    if not enabled():
        return compute()
    store = Store(namespace, libraries, code)
    key = content_hash(key_parts)
    found, value = store.get(key, expect)
    if not found:
        value = compute()
        store.put(key, value)
    return value


def memoize_many(namespace: str, items: Sequence[T], key: Callable[[T], Any],
                 compute: Callable[[list[T]], Sequence[V]], libraries: Sequence[str] = (),
                 code: Iterable[str | Path | ModuleType] = (),
                 expect: type | tuple[type, ...] | None = None) -> list[V]:
    """One result per item, in order; the items not stored are computed in one
    batch call ``compute(missing_items)`` (so a model can ``pipe`` them) and stored.

    ``compute`` must return one result per item it receives, in the same order.
    """
    if not enabled():
        return list(_checked(compute(list(items)), len(items)))
    store = Store(namespace, libraries, code)
    keys = [content_hash(key(item)) for item in items]
    results: dict[str, Any] = {}
    missing: dict[str, T] = {}
    for k, item in zip(keys, items):
        if k in results or k in missing:
            continue
        found, value = store.get(k, expect)
        if found:
            results[k] = value
        else:
            missing[k] = item
    if missing:
        computed = _checked(compute(list(missing.values())), len(missing))
        for k, value in zip(missing, computed):
            store.put(k, value)
            results[k] = value
    return [results[k] for k in keys]


def _checked(values: Sequence[V], expected: int) -> Sequence[V]:
    values = list(values)
    if len(values) != expected:
        raise ValueError(f"compute returned {len(values)} results for {expected} items")
    return values


def clear(namespace: str | None = None) -> int:
    """Delete one namespace (or the whole cache dir); returns the number of entries removed."""
    target = cache_dir() / namespace if namespace else cache_dir()
    if not target.exists():
        return 0
    removed = sum(1 for _ in target.rglob(f"*{SUFFIX}"))
    shutil.rmtree(target)
    return removed


def summary() -> list[dict]:
    """One dict per namespace and fingerprint on disk: entries, bytes, libraries."""
    root = cache_dir()
    rows = []
    if not root.exists():
        return rows
    for manifest in sorted(root.glob("*/*/manifest.json")):
        files = list(manifest.parent.glob(f"*{SUFFIX}"))
        info = json.loads(manifest.read_text(encoding="utf-8"))
        rows.append({"namespace": manifest.parent.parent.name, "fingerprint": manifest.parent.name,
                     "entries": len(files), "bytes": sum(f.stat().st_size for f in files),
                     "libraries": info.get("libraries", {})})
    return rows
