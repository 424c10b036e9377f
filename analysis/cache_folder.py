"""The disk cache's folder: which folder may hold it, its markers, and what it may delete.

``$RDF_CACHE_DIR`` (default ``.cache/analysis/`` in the repository) must be missing, empty,
or a folder the cache created: the cache writes a ``.rdf-cache`` marker into its dir and
into each namespace folder it creates. :func:`check_dir` refuses, with an
:class:`~analysis.errors.InputError` (one line, exit 2 on the command line), a dir that
is, contains or lies inside a corpus folder in use, the repository's ``seeds/`` or
``notebooks/``, or the repository root (the default folder excepted), and a non-empty one
without the marker; nothing is written before. Invalidation and ``cache.clear`` delete
only the cache's own files (entries, manifests, unfinished writes) inside namespace
folders it marked, never through a symlink: :func:`remove_own_files` unlinks names it
wrote and removes the folder only when that leaves it empty (no ``rmtree`` at all).
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Iterable

from .config import CACHE_DIR_ENV as DIR_ENV, folder
from .errors import InputError
from .paths import NOTEBOOKS, ROOT, SEEDS

__all__ = ["DEFAULT_DIR", "MARKER", "SUFFIX", "cache_dir", "check_dir", "namespace_folder", "own_namespace",
           "remove_own_files", "summary"]


DEFAULT_DIR = ROOT / ".cache" / "analysis"
SUFFIX = ".pkl"
MARKER = ".rdf-cache"
"""The file the cache writes into its dir and into each namespace folder it creates."""
FINGERPRINT_NAME = re.compile(r"[0-9a-f]{16}")
OWN_FILE = re.compile(r"[0-9a-f]{64}\.pkl|manifest\.json|\.tmp-.*\.part|\.manifest-.*\.part")


def cache_dir() -> Path:
    """The cache folder in force: ``$RDF_CACHE_DIR`` or ``.cache/analysis/``."""
    return folder(DIR_ENV) or DEFAULT_DIR


def inside(path: Path, folder_: Path) -> bool:
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
        if inside(root, folder_) or inside(folder_, root):
            where = "is" if root == folder_ else "lies inside" if inside(root, folder_) else "contains"
            raise InputError(name, f"{where} {what} ({folder_}); point it at a folder of its own "
                                   f"(new or empty), or unset it to use {DEFAULT_DIR.relative_to(ROOT)}/")
    if root.is_dir() and not is_marked(root):
        try:
            foreign = next(iter(root.iterdir()), None)
        except OSError:
            foreign = None
        if foreign is not None:
            raise InputError(name, f"is not empty ({foreign.name}) and was not created by the analysis cache "
                                   f"(no {MARKER} marker); point it at a new or empty folder")
    return root


def write_marker(folder_: Path, kind: str) -> None:
    """Write the cache's marker into a folder it created (never through a symlink)."""
    text = json.dumps({"written by": "analysis.cache", "kind": kind}, sort_keys=True) + "\n"
    write_new(folder_ / MARKER, text.encode())


def write_new(path: Path, data: bytes) -> None:
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


def is_marked(folder_: Path) -> bool:
    marker = folder_ / MARKER
    return marker.is_file() and not marker.is_symlink()


def own_namespace(root: Path, namespace: str, create: bool) -> Path | None:
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
        if not is_marked(root):
            write_marker(root, "cache dir")
        path.mkdir(exist_ok=True)
        write_marker(path, "namespace")
        return path
    if not path.is_dir():
        return None
    if is_marked(path):
        return path
    if create and root == DEFAULT_DIR.resolve():
        write_marker(path, "namespace")
        return path
    return None


def remove_own_files(folder_: Path) -> int:
    """Delete the cache's own files in a fingerprint folder (never following a symlink),
    then the folder if it is left empty; returns the number of entries removed."""
    removed = 0
    try:
        with os.scandir(folder_) as scan:
            names = [(e.name, e.is_file(follow_symlinks=False) or e.is_symlink()) for e in scan]
    except OSError:
        return 0
    for name, plain in names:
        if plain and OWN_FILE.fullmatch(name):
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


def fingerprint_folders(namespace_folder: Path) -> list[Path]:
    """The fingerprint folders of a namespace: real folders with a fingerprint's name."""
    try:
        with os.scandir(namespace_folder) as scan:
            return sorted(Path(e.path) for e in scan
                          if FINGERPRINT_NAME.fullmatch(e.name) and e.is_dir(follow_symlinks=False))
    except OSError:
        return []


def namespaces(root: Path) -> list[Path]:
    """The namespace folders the cache marked (real folders, never symlinks)."""
    try:
        with os.scandir(root) as scan:
            found = sorted(Path(e.path) for e in scan if e.is_dir(follow_symlinks=False) and not e.name.startswith("."))
    except OSError:
        return []
    return [f for f in found if is_marked(f)]


def remove_if_only_marker(folder_: Path) -> None:
    try:
        if [p.name for p in folder_.iterdir()] == [MARKER] and is_marked(folder_):
            (folder_ / MARKER).unlink()
            folder_.rmdir()
    except OSError:
        pass


def namespace_folder(namespace: str, inputs: Iterable[Path | str] = ()) -> Path:
    """A folder of the cache's own for files that are not entries (e.g. the local copy of a
    remote store's alias table): ``<cache dir>/<namespace>``, created and marked.
    Raises :class:`InputError` for a cache dir :func:`check_dir` refuses, or a namespace
    folder that is not the cache's own."""
    if not namespace or "/" in namespace or "\\" in namespace or namespace.startswith("."):
        raise ValueError(f"bad cache namespace {namespace!r}")
    root = check_dir(None, inputs)
    space = own_namespace(root, namespace, create=True)
    if space is None:
        raise InputError(root / namespace, f"is not a folder the analysis cache created (a symlink or a "
                                           f"foreign folder); remove it or point {DIR_ENV} elsewhere")
    return space


def summary() -> list[dict]:
    """One dict per namespace and fingerprint on disk: entries, bytes, libraries."""
    root = cache_dir()
    rows = []
    if not root.is_dir():
        return rows
    for space in namespaces(root):
        for fp in fingerprint_folders(space):
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
