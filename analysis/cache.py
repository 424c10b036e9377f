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
entity results are object graphs), each signed with HMAC-SHA256 under a secret
key of the user's, which is checked *before* anything is unpickled. The key is
kept outside the cache, in ``$XDG_CONFIG_HOME/russia-dprk-framing/cache.key``
(``~/.config/...`` without ``XDG_CONFIG_HOME``; ``$RDF_CACHE_KEY`` names another
file), created with mode 0600 in a folder of mode 0700; a key readable or
writable by others is replaced by a new one, a key or folder owned by someone
else (or a key that is a symlink) is refused and the cache is off for that run,
with a warning. An entry that fails the check (planted, tampered with, written
under another key) is ignored and recomputed, with one warning per namespace.
A cache folder shared between users therefore simply misses for each user
whose key did not sign its entries: every user gets correct results, and
nobody's code runs.

**The cache stays in its own folder.** ``$RDF_CACHE_DIR`` must be missing,
empty, or a folder the cache created (its marker); it is refused with an
:class:`~analysis.errors.InputError` (one line, exit 2 on the command line)
when it is, contains or lies inside the corpus folder in use, the repository's
``seeds/`` or ``notebooks/``, or the repository root (except the default
folder). Invalidation and :func:`clear` delete only the cache's own files
(entries, manifests, unfinished writes) inside namespace folders it marked, and
never follow a symlink: a namespace or fingerprint folder that is a symlink is
not used at all.

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
import re
import secrets
import stat
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterable, Sequence, TypeVar

from .config import (CACHE_DIR_ENV as DIR_ENV, CACHE_ENV as SWITCH_ENV, CACHE_KEY_ENV as KEY_ENV, expand_home,
                     folder, switch)
from .errors import InputError
from .paths import NOTEBOOKS, ROOT, SEEDS

DEFAULT_DIR = ROOT / ".cache" / "analysis"
SUFFIX = ".pkl"
MARKER = ".rdf-cache"
"""The file the cache writes into its dir and into each namespace folder it creates."""
FORMAT = 2
"""Entry format (2: signed); part of every fingerprint, so older entries are simply absent."""
MAGIC = b"RDF-CACHE-HMAC-SHA256\n"
APP = "russia-dprk-framing"
_FINGERPRINT = re.compile(r"[0-9a-f]{16}")
_OWN_FILE = re.compile(r"[0-9a-f]{64}\.pkl|manifest\.json|\.tmp-.*\.part|\.manifest-.*\.part")

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


# -- the cache's folder ------------------------------------------------------------

def _inside(path: Path, folder_: Path) -> bool:
    return path == folder_ or folder_ in path.parents


def check_dir(root: Path | None = None, inputs: Iterable[Path | str] = ()) -> Path:
    """The cache dir (``root``, default :func:`cache_dir`), checked; raises :class:`InputError`
    (one line) when it may not hold the cache: it is, contains or lies inside a corpus folder
    in use (``inputs`` and ``$RDF_SEEDS``), the repository's ``seeds/`` or ``notebooks/``, or the
    repository root (the default ``.cache/analysis/`` excepted); or it exists and is not empty
    without the cache's marker. Nothing is written."""
    from .paths import seeds_dir

    root = Path(root).resolve() if root is not None else cache_dir()
    name = f"{DIR_ENV} ({root})"
    if root == DEFAULT_DIR.resolve():
        return root
    protected = [(Path(p).resolve(), "the corpus folder in use") for p in [*inputs, seeds_dir()]]
    protected += [(SEEDS.resolve(), "the repository's seeds/"), (NOTEBOOKS.resolve(), "the repository's notebooks/"),
                  (ROOT.resolve(), "the repository root")]
    for folder_, what in protected:
        if _inside(root, folder_) or _inside(folder_, root):
            where = "is" if root == folder_ else "lies inside" if _inside(root, folder_) else "contains"
            raise InputError(name, f"{where} {what} ({folder_}); point it at a folder of its own "
                                   f"(new or empty), or unset it to use {DEFAULT_DIR.relative_to(ROOT)}/")
    if root.is_dir() and not (root / MARKER).is_file():
        try:
            foreign = next(iter(root.iterdir()), None)
        except OSError:
            foreign = None
        if foreign is not None:
            raise InputError(name, f"is not empty ({foreign.name}) and was not created by the analysis cache "
                                   f"(no {MARKER} marker); point it at a new or empty folder")
    return root


def _write_marker(folder_: Path, kind: str) -> None:
    """Write the cache's marker into a folder it created (never through a symlink)."""
    text = json.dumps({"written by": "analysis.cache", "kind": kind}, sort_keys=True) + "\n"
    _write_new(folder_ / MARKER, text.encode())


def _write_new(path: Path, data: bytes) -> None:
    """Write ``path`` atomically: a temporary file, then a rename over the name (which
    replaces a symlink there, never writes through it)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".manifest-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _is_marked(folder_: Path) -> bool:
    marker = folder_ / MARKER
    return marker.is_file() and not marker.is_symlink()


def _own_namespace(root: Path, namespace: str, create: bool) -> Path | None:
    """``root/namespace`` when it is a real folder the cache marked (created and marked here
    when missing and ``create``; an unmarked one in the default dir, from before the marker,
    is adopted), else None: a symlink, a file or a foreign folder is never used."""
    path = root / namespace
    if path.is_symlink():
        return None
    if not path.exists():
        if not create:
            return None
        if not root.is_dir():
            root.mkdir(parents=True, exist_ok=True)
        if not _is_marked(root):
            _write_marker(root, "cache dir")
        path.mkdir(exist_ok=True)
        _write_marker(path, "namespace")
        return path
    if not path.is_dir():
        return None
    if _is_marked(path):
        return path
    if create and root == DEFAULT_DIR.resolve():
        _write_marker(path, "namespace")
        return path
    return None


def _remove_own_files(folder_: Path) -> int:
    """Delete the cache's own files in a fingerprint folder (never following a symlink),
    then the folder if it is left empty; returns the number of entries removed."""
    removed = 0
    try:
        with os.scandir(folder_) as scan:
            names = [(e.name, e.is_file(follow_symlinks=False) or e.is_symlink()) for e in scan]
    except OSError:
        return 0
    for name, plain in names:
        if plain and _OWN_FILE.fullmatch(name):
            try:
                os.unlink(folder_ / name)  # a symlink loses its link, never its target
            except OSError:
                continue
            removed += name.endswith(SUFFIX)
    try:
        folder_.rmdir()
    except OSError:
        pass  # something not ours is left in it: left alone
    return removed


def _fingerprint_folders(namespace_folder: Path) -> list[Path]:
    """The fingerprint folders of a namespace: real folders with a fingerprint's name."""
    try:
        with os.scandir(namespace_folder) as scan:
            return sorted(Path(e.path) for e in scan
                          if _FINGERPRINT.fullmatch(e.name) and e.is_dir(follow_symlinks=False))
    except OSError:
        return []


# -- the key that signs the entries --------------------------------------------------

def key_path() -> Path:
    """Where the signing key lives: ``$RDF_CACHE_KEY``, else
    ``$XDG_CONFIG_HOME/russia-dprk-framing/cache.key`` (``~/.config`` without it)."""
    named = os.environ.get(KEY_ENV, "").strip()
    if named:
        return expand_home(named, KEY_ENV).absolute()
    config = os.environ.get("XDG_CONFIG_HOME", "").strip()
    base = Path(config) if config and Path(config).is_absolute() else Path.home() / ".config"
    return base / APP / "cache.key"


class _KeyProblem(Exception):
    pass


_POSIX = hasattr(os, "getuid")


def _new_key(path: Path, replace: bool) -> None:
    """Write a new random key, mode 0600 (``replace``: over a bad one; else only if still absent)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".cache.key-", suffix=".part")
    try:
        os.fchmod(fd, 0o600) if _POSIX else None
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32) + "\n")
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # never over a key another process has just made
            except FileExistsError:
                pass
    finally:
        Path(tmp).unlink(missing_ok=True)


def _read_key(path: Path) -> bytes:
    """The key's bytes; creates the key (and its folder) when missing, replaces one that
    others could read or write; :class:`_KeyProblem` when it cannot be trusted."""
    parent = path.parent
    if not parent.exists():
        parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(parent, 0o700) if _POSIX else None
    replace = False
    if _POSIX:
        info = os.stat(parent)
        if info.st_uid != os.getuid():
            raise _KeyProblem(f"its folder {parent} belongs to another user")
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(parent, 0o700)
            replace = True  # others could have swapped it: a new key
    for attempt in range(2):
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            _new_key(path, replace=False)
            continue
        if not stat.S_ISREG(info.st_mode):
            raise _KeyProblem("it is not a regular file (a symlink?)")
        if _POSIX and info.st_uid != os.getuid():
            raise _KeyProblem("it belongs to another user")
        if replace or (_POSIX and stat.S_IMODE(info.st_mode) & 0o077):
            _new_key(path, replace=True)
            replace = False
            continue
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(path, flags), "rb") as handle:
            text = handle.read(200).strip()
        if re.fullmatch(rb"[0-9a-f]{64}", text):
            return bytes.fromhex(text.decode())
        replace = True  # damaged: a new one
    raise _KeyProblem("it could not be created")


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
        return _read_key(path)
    except (OSError, _KeyProblem) as exc:
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


def environment(libraries: Sequence[str] = (), code: Iterable[str | Path | ModuleType] = ()) -> dict:
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

class Store:
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
        self.env = environment(libraries, code)
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
        if not bad and space.is_dir() and not _is_marked(space):
            bad = self.root != DEFAULT_DIR.resolve()  # the default dir's older folders are adopted
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
        space = _own_namespace(self.root, self.namespace, create=True)
        if space is None or self.folder.is_symlink():
            self.usable = False
            return False
        self.folder.mkdir(exist_ok=True)
        manifest = self.folder / "manifest.json"
        if not manifest.is_file() or manifest.is_symlink():
            _write_new(manifest, json.dumps({"namespace": self.namespace, **self.env}, indent=1,
                                            sort_keys=True).encode())
        for sibling in _fingerprint_folders(space):
            if sibling != self.folder:
                _remove_own_files(sibling)
        self._ready = True
        return True


_WARNED: set[str] = set()


def _warn_once(what: str, message: str) -> None:
    import warnings

    if what not in _WARNED:
        _WARNED.add(what)
        warnings.warn(message, RuntimeWarning, stacklevel=4)


def _warn_unwritable(folder_: Path, exc: OSError) -> None:
    _warn_once(f"write:{folder_}", f"analysis cache not written ({folder_}: {exc.strerror or exc}); "
                                   f"set {DIR_ENV} to a writable folder or {SWITCH_ENV}=0")


def namespace_folder(namespace: str, inputs: Iterable[Path | str] = ()) -> Path:
    """A folder of the cache's own for files that are not entries (e.g. the local copy of a
    remote store's alias table): ``<cache dir>/<namespace>``, created and marked.
    Raises :class:`InputError` for a cache dir :func:`check_dir` refuses, or a namespace
    folder that is not the cache's own."""
    if not namespace or "/" in namespace or "\\" in namespace or namespace.startswith("."):
        raise ValueError(f"bad cache namespace {namespace!r}")
    root = check_dir(None, inputs)
    space = _own_namespace(root, namespace, create=True)
    if space is None:
        raise InputError(root / namespace, f"is not a folder the analysis cache created (a symlink or a "
                                           f"foreign folder); remove it or point {DIR_ENV} elsewhere")
    return space


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
    store = Store(namespace, libraries, code, inputs=inputs)
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
    store = Store(namespace, libraries, code, inputs=inputs)
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


def _namespaces(root: Path) -> list[Path]:
    """The namespace folders the cache marked (real folders, never symlinks)."""
    try:
        with os.scandir(root) as scan:
            found = sorted(Path(e.path) for e in scan if e.is_dir(follow_symlinks=False) and not e.name.startswith("."))
    except OSError:
        return []
    return [f for f in found if _is_marked(f)]


def clear(namespace: str | None = None) -> int:
    """Delete one namespace's entries (or every namespace's); returns the number of entries
    removed. Only the cache's own files in folders it marked are deleted, never through a
    symlink; a folder left empty is removed, with its marker (the cache dir too)."""
    root = check_dir()
    if not root.is_dir():
        return 0
    targets = [root / namespace] if namespace else _namespaces(root)
    removed = 0
    for space in targets:
        if space.is_symlink() or not space.is_dir() or not _is_marked(space):
            continue
        removed += sum(_remove_own_files(f) for f in _fingerprint_folders(space))
        _remove_if_only_marker(space)
    if not namespace:
        _remove_if_only_marker(root)
    return removed


def _remove_if_only_marker(folder_: Path) -> None:
    try:
        if [p.name for p in folder_.iterdir()] == [MARKER] and _is_marked(folder_):
            (folder_ / MARKER).unlink()
            folder_.rmdir()
    except OSError:
        pass


def summary() -> list[dict]:
    """One dict per namespace and fingerprint on disk: entries, bytes, libraries."""
    root = cache_dir()
    rows = []
    if not root.is_dir():
        return rows
    for space in _namespaces(root):
        for fp in _fingerprint_folders(space):
            manifest = fp / "manifest.json"
            if manifest.is_symlink() or not manifest.is_file():
                continue
            files = [f for f in fp.glob(f"*{SUFFIX}") if f.is_file() and not f.is_symlink()]
            try:
                info = json.loads(manifest.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError):
                info = {}
            rows.append({"namespace": space.name, "fingerprint": fp.name, "entries": len(files),
                         "bytes": sum(f.stat().st_size for f in files),
                         "libraries": info.get("libraries", {}) if isinstance(info, dict) else {}})
    return rows
