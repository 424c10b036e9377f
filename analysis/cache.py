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
``manifest.json`` in each fingerprint folder saying what it was built with, and
a ``.rdf-cache`` marker in the cache dir and in each namespace folder, written
when the cache created them. When a namespace is written under a new
fingerprint, the cache's own files in the folders of older fingerprints are
deleted: that is the invalidation.

The cache dir is ``.cache/analysis/`` in the repository (git-ignored);
``$RDF_CACHE_DIR`` points it elsewhere and ``RDF_CACHE=0`` turns the cache off
(every call computes).

**Entries never run code when read.** They are pickles (parsed documents and
entity results are object graphs), each signed with HMAC-SHA256 under a secret key
of the user's kept outside the cache (:mod:`analysis.cache_key`:
``~/.config/russia-dprk-framing/cache.key`` or ``$RDF_CACHE_KEY``, mode 0600), and
the signature is checked *before* anything is unpickled. An entry that fails the
check (planted, tampered with, written under another key) is ignored and
recomputed, with one warning per namespace. A cache folder shared between users
therefore simply misses for each user whose key did not sign its entries: everyone
gets correct results, and nobody's code runs. Without a usable key the cache is off
for the run (one warning).

**The cache stays in its own folder** (:mod:`analysis.cache_folder`): the cache
dir must be missing, empty or marked by the cache, and never a corpus in use,
``seeds/``, ``notebooks/`` or the repository; invalidation and :func:`clear` delete
only the cache's own files in namespace folders it marked, never through a symlink.

>>> docs = memoize_many("entities", documents, key=lambda d: (d.raw, gaz),
...                     compute=run_model, libraries=("spacy", MODEL), code=(__file__,))
"""
from __future__ import annotations

import hashlib
import hmac
import importlib.metadata
import json
import os
import pickle
import stat
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterable, Sequence, TypeVar

from . import cache_folder as _folders
# the folder rules live in cache_folder; the names used elsewhere are re-exported here
from .cache_folder import (DEFAULT_DIR, MARKER, SUFFIX, cache_dir, check_dir, fingerprint_folders, is_marked,
                           namespace_folder, namespaces, own_namespace, remove_if_only_marker, remove_own_files,
                           summary, write_new)
from .cache_key import KEY_ENV, KeyProblem, key_path, read_key
from .config import CACHE_DIR_ENV as DIR_ENV, CACHE_ENV as SWITCH_ENV, switch
from .errors import InputError

FORMAT = 2
"""Entry format (2: signed); part of every fingerprint, so older entries are simply absent."""
MAGIC = b"RDF-CACHE-HMAC-SHA256\n"
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


def enabled() -> bool:
    """False when ``RDF_CACHE`` is ``0``, ``false``, ``no`` or ``off``."""
    return switch(SWITCH_ENV) is not False


def secret_key() -> bytes | None:
    """The user's signing key, or None (with one warning) when it cannot be had or trusted:
    the cache is then off for this call."""
    try:
        path = key_path()
    except InputError:
        raise
    except (OSError, RuntimeError) as exc:  # no home folder
        _warn_once("key", f"analysis cache off: no place for its key ({exc}); set {KEY_ENV} to a file path "
                          f"or {SWITCH_ENV}=0")
        return None
    try:
        return read_key(path)
    except (OSError, KeyProblem) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        _warn_once("key", f"analysis cache off: its key {path} cannot be used ({why}); fix it, set {KEY_ENV} "
                          f"to a file of your own, or {SWITCH_ENV}=0")
        return None


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


def code_environment(libraries: Sequence[str] = (), code: Iterable[str | Path | ModuleType] = ()) -> dict:
    """What a cached result depends on besides its content (stored in the manifest)."""
    return {
        "python": f"{sys.version_info.major}.{sys.version_info.minor}",
        "libraries": {name: library_version(name) for name in sorted(set(libraries))},
        "code": _code_hash(code),
        "format": FORMAT,
    }


def fingerprint(env: dict) -> str:
    """A short name for an environment."""
    return content_hash(env)[:16]


# -- storage ---------------------------------------------------------------------

class DiskCache:
    """The entries of one namespace built in one environment.

    ``inputs`` are the corpus folders the results are computed from: the cache dir may
    not be, contain or lie inside them (:func:`check_dir`, raised here, before anything is
    read or written). Entries are signed with :func:`secret_key`; without a usable key, or
    when the namespace folder is not the cache's own (a symlink, a foreign folder), the
    store reads and writes nothing and every call computes.
    """

    def __init__(self, namespace: str, libraries: Sequence[str] = (),
                 code: Iterable[str | Path | ModuleType] = (), root: Path | None = None,
                 inputs: Iterable[Path | str] = ()):
        if not namespace or "/" in namespace or "\\" in namespace or namespace.startswith("."):
            raise ValueError(f"bad cache namespace {namespace!r}")
        self.namespace = namespace
        self.env = code_environment(libraries, code)
        self.root = check_dir(root, inputs)
        self.fingerprint = fingerprint(self.env)
        self.folder = self.root / namespace / self.fingerprint
        self._ready = False
        self._key = secret_key()
        self.usable = self._key is not None and not self._foreign()

    def _foreign(self) -> bool:
        """Whether the namespace or fingerprint folder exists but is not the cache's own
        (a symlink, a file, an unmarked folder): warned once, and never used."""
        space = self.folder.parent
        bad = space.is_symlink() or (space.exists() and not space.is_dir()) or self.folder.is_symlink()
        if not bad and space.is_dir() and not is_marked(space):
            bad = self.root != _folders.DEFAULT_DIR.resolve()  # the default dir's older folders are adopted
        if bad:
            _warn_once(f"foreign:{space}", f"analysis cache not used for {space}: it is a symlink or a folder "
                                           f"the cache did not create; remove it or point {DIR_ENV} elsewhere")
        return bad

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def _tag(self, key: str, payload: bytes) -> bytes:
        """HMAC-SHA256 of the entry under the user's key, bound to its namespace, fingerprint and key."""
        message = b"\0".join([self.namespace.encode(), self.fingerprint.encode(), key.encode(), payload])
        return hmac.new(self._key, message, hashlib.sha256).digest()

    def _read(self, key: str) -> bytes | None:
        """The entry's bytes when its signature checks (None when absent; warns once per
        namespace and returns None when it is there but fails the check)."""
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(self.path(key), flags)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError:  # a symlink (O_NOFOLLOW), unreadable
            self._warn_unverified()
            return None
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                self._warn_unverified()
                return None
            data = handle.read()
        head = len(MAGIC) + hashlib.sha256().digest_size
        if len(data) < head or not data.startswith(MAGIC):
            self._warn_unverified()
            return None
        payload = data[head:]
        if not hmac.compare_digest(data[len(MAGIC):head], self._tag(key, payload)):
            self._warn_unverified()
            return None
        return payload

    def _warn_unverified(self) -> None:
        _warn_once(f"verify:{self.namespace}",
                   f"analysis cache: entries in {self.folder.parent} failed their signature check (written by "
                   f"another user or key, damaged, or planted) and were ignored; they are recomputed")

    def get(self, key: str, expect: type | tuple[type, ...] | None = None) -> tuple[bool, Any]:
        """``(True, value)`` for a stored entry, ``(False, None)`` when absent, unverified,
        unreadable or (with ``expect``) not of the expected type. Nothing is unpickled
        before its signature checks."""
        payload = self._read(key) if self.usable else None
        if payload is None:
            STATS.misses[self.namespace] += 1
            return False, None
        try:
            value = pickle.loads(payload)
            if expect is not None and not isinstance(value, expect):
                raise TypeError(f"cache entry holds {type(value).__name__}")
        except Exception:  # of another type, or its class moved or renamed: recompute
            STATS.misses[self.namespace] += 1
            return False, None
        STATS.hits[self.namespace] += 1
        return True, value

    def put(self, key: str, value: Any) -> None:
        """Write a signed entry atomically (a reader never sees half a file). A cache
        that cannot be written (read-only or full disk) warns once and is skipped:
        it must never make an analysis fail."""
        if not self.usable:
            return
        try:
            if not self._prepare():
                return
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".part")
        except OSError as exc:
            _warn_unwritable(self.folder, exc)
            return
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(fd, "wb") as handle:
                handle.write(MAGIC + self._tag(key, payload))
                handle.write(payload)
            os.replace(tmp, self.path(key))
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            _warn_unwritable(self.folder, exc)
            return
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        STATS.writes[self.namespace] += 1

    def _prepare(self) -> bool:
        """Create this fingerprint's folder (and the marked cache dir and namespace folder)
        and delete the cache's files in the namespace's stale fingerprint folders; False
        when the namespace folder is not the cache's own."""
        if self._ready:
            return True
        space = own_namespace(self.root, self.namespace, create=True)
        if space is None or self.folder.is_symlink():
            self.usable = False
            return False
        self.folder.mkdir(exist_ok=True)
        manifest = self.folder / "manifest.json"
        if not manifest.is_file() or manifest.is_symlink():
            write_new(manifest, json.dumps({"namespace": self.namespace, **self.env}, indent=1,
                                            sort_keys=True).encode())
        for sibling in fingerprint_folders(space):
            if sibling != self.folder:
                remove_own_files(sibling)
        self._ready = True
        return True


_WARNED: set[str] = set()


def _warn_once(what: str, message: str) -> None:
    """Warn once per process for ``what``, naming the first caller outside this module."""
    import warnings

    if what not in _WARNED:
        _WARNED.add(what)
        frame, level = sys._getframe(1), 2
        while frame is not None and frame.f_code.co_filename == __file__:
            frame, level = frame.f_back, level + 1
        warnings.warn(message, RuntimeWarning, stacklevel=level)


def _warn_unwritable(folder_: Path, exc: OSError) -> None:
    _warn_once(f"write:{folder_}", f"analysis cache not written ({folder_}: {exc.strerror or exc}); "
                                   f"set {DIR_ENV} to a writable folder or {SWITCH_ENV}=0")


# -- the API the modules use ----------------------------------------------------------

def memoize(namespace: str, key_parts: Any, compute: Callable[[], V], libraries: Sequence[str] = (),
            code: Iterable[str | Path | ModuleType] = (), expect: type | tuple[type, ...] | None = None,
            inputs: Iterable[Path | str] = ()) -> V:
    """The stored result for ``key_parts`` in this environment, else ``compute()``
    (stored for next time). With the cache off, always ``compute()``. A stored value
    that is not an ``expect`` instance counts as absent. ``inputs``: the corpus folders
    read (the cache dir may not be, contain or lie inside them)."""
    if not enabled():
        return compute()
    store = DiskCache(namespace, libraries, code, inputs=inputs)
    key = content_hash(key_parts)
    found, value = store.get(key, expect)
    if not found:
        value = compute()
        store.put(key, value)
    return value


def memoize_many(namespace: str, items: Sequence[T], key: Callable[[T], Any],
                 compute: Callable[[list[T]], Sequence[V]], libraries: Sequence[str] = (),
                 code: Iterable[str | Path | ModuleType] = (),
                 expect: type | tuple[type, ...] | None = None, inputs: Iterable[Path | str] = ()) -> list[V]:
    """One result per item, in order; the items not stored are computed in one
    batch call ``compute(missing_items)`` (so a model can ``pipe`` them) and stored.

    ``compute`` must return one result per item it receives, in the same order.
    ``inputs``: the corpus folders read (see :func:`memoize`).
    """
    if not enabled():
        return list(_checked(compute(list(items)), len(items)))
    store = DiskCache(namespace, libraries, code, inputs=inputs)
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
    """Delete one namespace's entries (or every namespace's); returns the number of entries
    removed. Only the cache's own files in folders it marked are deleted, never through a
    symlink; a folder left empty is removed, with its marker (the cache dir too)."""
    root = check_dir()
    if not root.is_dir():
        return 0
    targets = [root / namespace] if namespace else namespaces(root)
    removed = 0
    for space in targets:
        if space.is_symlink() or not space.is_dir() or not is_marked(space):
            continue
        removed += sum(remove_own_files(f) for f in fingerprint_folders(space))
        remove_if_only_marker(space)
    if not namespace:
        remove_if_only_marker(root)
    return removed
