"""Output folders that commands own and never share with their input.

Every command that writes a folder (``report``, ``student``, ``import``, ``annotate`` ...)
goes through two calls::

    from analysis.outdir import prepare_output_dir, seal_output_dir

    out = prepare_output_dir(args.out, inputs=[seeds], force=args.force, command="report",
                             planned=["index.html", "figures"])
    ...  # write the command's files under ``out`` (only under the ``planned`` names)
    seal_output_dir(out)

:func:`prepare_output_dir` checks the folder before anything is written and raises
:class:`~analysis.errors.InputError` (one line, exit status 2 on the command line) when

- ``out`` itself is a symbolic link (give the folder it points to, which is then checked);
- the folder is, lies inside, or contains one of ``inputs`` (the corpus folder, a notebooks
  folder...), the repository's ``seeds/`` or ``notebooks/``; or is, or contains, the
  repository root (``build/...`` inside the repository is fine);
- the path lies under a file, under ``/proc``, ``/sys`` or ``/dev``, or cannot be created;
- the folder exists, is not empty and is not *provably* an earlier output of the same command
  (unless ``force``);
- with ``force``, a file or link that the command did not write sits at (or inside, or above)
  one of the ``planned`` names the command is about to write.

**What proves a folder ours.** The marker :data:`MARKER` (JSON) names every file the command
wrote with its size and SHA-256. A folder is ours only when the marker parses, is of this
version's format and of the same command, every listed file is present with the same size
and hash, and no unlisted file or link is present. Two kinds of entries in the marker relax
the last rule: ``foreign`` files (found in the folder when it was taken over with ``force``;
they are never touched and may change) and, while a run is going (``sealed`` false), the
``pending`` names the run announced it would write (a run killed half-way leaves files there,
or temporary ``NAME.tmp-...`` files next to them). A file called ``store.json`` (or any other
name) proves nothing; neither does a marker that lists files which are not there or have
changed. The hashes detect a changed, copied or repurposed folder; they do not authenticate
the marker: a hand-made marker listing a file with its correct hash is believed.

**Legacy markers** (``.rdf-report`` from report builds, the ``# Notebooks for students``
README of old student folders, and ``.rdf-output`` files of the first format, which list
names without hashes) prove nothing: such a folder is refused like any other non-empty
folder that is not ours, and ``force`` takes it over without touching its files (so a
same-named file stops the command). Delete an old output folder to rebuild it in place.

**What a run deletes or replaces.** Without ``force``, only files of an earlier run listed
(and verified) in the marker, and files under its ``pending`` names. With ``force``, only the
listed files whose hash still matches; everything else found in the folder is recorded as
``foreign`` and never overwritten, deleted or followed (symbolic links included). Nothing
outside ``out`` is ever written. ``keep=True`` (the annotation store) verifies the folder the
same way but deletes nothing: the command updates its own files in place.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Iterable

from .errors import InputError

MARKER = ".rdf-output"
FORMAT = 2
TMP_MARK = ".tmp-"  # NAME.tmp-... is a temporary file of NAME (written, then renamed into place)
LEGACY_MARKERS = (".rdf-report",)  # written by report builds before this module existed; prove nothing
SYSTEM_FOLDERS = (Path("/proc"), Path("/sys"), Path("/dev"))

__all__ = ["MARKER", "folder_argument", "owned_files", "prepare_output_dir", "seal_output_dir"]


def folder_argument(value: str) -> Path:
    """``type=`` for a folder option (``--seeds``, ``--out``): an empty value is a usage error,
    not silently the current folder (``Path("")`` is ``.``); ``~`` and ``~user`` are expanded
    (an unknown user is a usage error, one line)."""
    import argparse

    from .config import expand_home

    if not value.strip():
        raise argparse.ArgumentTypeError("is empty; give a folder")
    try:
        return expand_home(value)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.problem) from None


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def _resolved(path: Path | str) -> Path:
    if str(path).strip() == "":
        raise InputError(Path("--out"), "is empty; give a folder name")
    from .config import expand_home

    try:
        return expand_home(path).resolve()  # ~user expanded, or one line when the user is unknown
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise InputError(path, f"cannot be resolved ({exc.__class__.__name__})") from None


def _check_not_a_link(path: Path | str) -> None:
    """``out`` itself may not be a symbolic link: the folder it points to (another corpus, a
    shared folder) would receive the files under a name the user did not give."""
    given = Path(path)
    try:
        given = given.expanduser()
    except RuntimeError:  # ~nouser: left to _resolved
        return
    if given.is_symlink():
        target = os.readlink(given)
        raise InputError(given, f"is a symbolic link (to {target}); give the folder itself, not a link to it")


def _check_location(out: Path) -> None:
    """One line for an output path that can never be a folder of ours."""
    for system in SYSTEM_FOLDERS:
        if _inside(out, system):
            raise InputError(out, f"lies under {system}, a system folder; choose another output folder")
    for ancestor in [out, *out.parents]:
        if ancestor.exists() or ancestor.is_symlink():
            if not ancestor.is_dir():
                where = "is a file" if ancestor == out else f"lies under the file {ancestor}"
                raise InputError(out, f"{where}; the output needs a folder")
            return


def _check_not_input(out: Path, inputs: list[Path]) -> None:
    from .paths import NOTEBOOKS, ROOT, SEEDS

    root = ROOT.resolve()
    if _inside(root, out):
        where = "is" if out == root else "contains"
        raise InputError(out, f"{where} the repository root; choose a folder such as build/NAME")
    protected = [(SEEDS.resolve(), "the repository's seeds/"), (NOTEBOOKS.resolve(), "the repository's notebooks/")]
    protected += [(_resolved(p), "the input folder") for p in inputs]
    for folder, name in protected:
        if _inside(out, folder):
            where = "is" if out == folder else "lies inside"
            raise InputError(out, f"{where} {name} ({folder}); output never goes into an input folder")
        if _inside(folder, out):
            raise InputError(out, f"contains {name} ({folder}); choose an output folder outside it")


# --- the marker ---------------------------------------------------------------------------------

def _digest(path: Path) -> dict | None:
    """Size and SHA-256 of a regular file (never through a link); ``None`` for anything else."""
    try:
        if path.is_symlink() or not path.is_file():
            return None
        sha = hashlib.sha256()
        size = 0
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                sha.update(block)
                size += len(block)
        return {"bytes": size, "sha256": sha.hexdigest()}
    except OSError:
        return None


def _valid_name(name: object) -> bool:
    if not isinstance(name, str) or not name or name.startswith("/"):
        return False
    parts = name.split("/")
    return all(part not in ("", ".", "..") for part in parts) and name not in (MARKER, *LEGACY_MARKERS)


def _valid_digest(value: object) -> bool:
    return (isinstance(value, dict) and isinstance(value.get("bytes"), int) and not isinstance(value["bytes"], bool)
            and isinstance(value.get("sha256"), str) and len(value["sha256"]) == 64)


class _Record:
    """A parsed marker: the command, the files it wrote (name -> digest), the foreign files,
    the names a running command announced, and whether the run finished (sealed)."""

    def __init__(self, command: str, files: dict[str, dict], foreign: dict[str, dict | None],
                 pending: list[str], sealed: bool) -> None:
        self.command, self.files, self.foreign, self.pending, self.sealed = command, files, foreign, pending, sealed

    def is_pending(self, name: str) -> bool:
        """Whether ``name`` is, lies under, or is a temporary file of an announced name."""
        return any(name == p or name.startswith(p + "/") or name.startswith(p + TMP_MARK) for p in self.pending)


def _parse_marker(out: Path) -> tuple[_Record | None, str]:
    """The marker of ``out`` as a :class:`_Record`, or ``None`` and why it proves nothing."""
    marker = out / MARKER
    if marker.is_symlink() or not marker.is_file():
        if any((out / legacy).exists() for legacy in LEGACY_MARKERS):
            return None, f"carries only an old {LEGACY_MARKERS[0]} marker, which proves nothing"
        return None, f"is not empty and carries no {MARKER} marker"
    try:
        record = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None, f"has a {MARKER} marker that does not parse"
    if isinstance(record, dict) and "format" not in record and "command" in record:
        return None, (f"has an old {MARKER} marker without hashes, which proves nothing "
                      "(delete the folder to rebuild it)")
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        return None, f"has a {MARKER} marker of another format (an older version, or not written by this package)"
    command, files, foreign = record.get("command"), record.get("files"), record.get("foreign", {})
    pending, sealed = record.get("pending", []), record.get("sealed")
    if (not isinstance(command, str) or not isinstance(files, dict) or not isinstance(foreign, dict)
            or not isinstance(pending, list) or not isinstance(sealed, bool)
            or not all(_valid_name(k) and _valid_digest(v) for k, v in files.items())
            or not all(_valid_name(k) and (v is None or _valid_digest(v)) for k, v in foreign.items())
            or not all(_valid_name(p) for p in pending) or (sealed and pending)):
        return None, f"has a {MARKER} marker that is damaged"
    return _Record(command, files, foreign, pending, sealed), ""


def _entries(out: Path) -> set[str]:
    """Every file and link under ``out`` (relative, ``/``-separated), the marker excepted;
    symbolic links to folders are entries, never followed."""
    found = set()
    for folder, dirs, files in os.walk(out):  # os.walk does not descend into symlinked folders
        base = Path(folder)
        for name in [*files, *(d for d in dirs if (base / d).is_symlink())]:
            found.add((base / name).relative_to(out).as_posix())
    return {name for name in found if name != MARKER and not name.startswith(MARKER + TMP_MARK)}


def _verify(out: Path, command: str) -> tuple[_Record | None, set[str], str]:
    """Check ``out`` against its marker: ``(record, own, problem)``.

    ``own`` are the entries the command may delete or replace (listed files with their hash
    unchanged; under an unfinished run, also the entries at its announced names); ``problem``
    is empty when the whole folder is provably ours, else why it is not."""
    record, problem = _parse_marker(out)
    entries = _entries(out)
    if record is None:
        return None, set(), problem
    if record.command != command:
        return record, set(), f"holds the output of python -m analysis {record.command}, not of {command}"
    own, problems = set(), []
    for name, digest in sorted(record.files.items()):
        if _digest(out / name) == digest:
            own.add(name)
        elif not (not record.sealed and record.is_pending(name)):
            problems.append(f"{name} is missing" if name not in entries else f"{name} changed since it was written")
    for name in sorted(entries - own):
        if name in record.foreign:
            continue
        if not record.sealed and record.is_pending(name):
            own.add(name)
        elif name not in record.files:
            problems.append(f"holds {name}, which {command} did not write")
    return record, own, (problems[0] + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")
                         if problems else "")


def _write_marker(out: Path, command: str, files: dict[str, dict], foreign: dict[str, dict | None],
                  pending: list[str], sealed: bool) -> None:
    """Write the marker atomically (a temporary file renamed over it, never through a link)."""
    record = {"format": FORMAT, "command": command,
              "note": f"written by python -m analysis {command}; a later run replaces only the files listed "
                      "under 'files' (when their sha256 still matches) and never touches 'foreign' ones",
              "sealed": sealed, "files": dict(sorted(files.items())), "foreign": dict(sorted(foreign.items())),
              "pending": sorted(set(pending))}
    tmp = out / f"{MARKER}{TMP_MARK}{os.getpid()}"
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(record, indent=1) + "\n")  # ASCII: undecodable file names survive
    os.replace(tmp, out / MARKER)


def _safe_child(out: Path, relative: str) -> Path | None:
    """``out / relative`` when it names an entry inside ``out`` reached without symlinked folders."""
    if not _valid_name(relative):
        return None
    parts = relative.split("/")
    folder = out
    for part in parts[:-1]:
        folder = folder / part
        if folder.is_symlink() or not folder.is_dir():
            return None
    return folder / parts[-1]


def owned_files(out: Path | str) -> list[str]:
    """The files (relative paths) under ``out`` that its marker says the command wrote."""
    record, _ = _parse_marker(Path(out))
    return sorted(record.files) if record is not None else []


def _clear(out: Path, names: Iterable[str]) -> None:
    """Delete our own entries (a link itself, never what it points to) and the folders they left empty."""
    folders = set()
    for relative in names:
        child = _safe_child(out, relative)
        if child is not None and (child.is_symlink() or child.is_file()):
            child.unlink()
            folders.update(p for p in child.parents if _inside(p, out) and p != out)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()  # only folders our own files left empty


def _check_planned(out: Path, foreign: Iterable[str], planned: list[str]) -> None:
    """With ``force``: a foreign entry at, inside or above a name the command writes stops it."""
    for name in sorted(foreign):
        for p in planned:
            n, q = name.casefold(), p.casefold()  # A.txt and a.txt are one file on some systems
            if n == q or n.startswith(q + "/") or q.startswith(n + "/") or n.startswith(q + TMP_MARK):
                raise InputError(out / name, f"was not written by this command and has the name of a file it "
                                             f"writes ({p}); move it away or choose another output folder")


def prepare_output_dir(out: Path | str, *, inputs: list[Path], force: bool = False, command: str,
                       planned: Iterable[str] = (), keep: bool = False) -> Path:
    """Make ``out`` ready for ``command``'s files and return it, resolved.

    ``inputs`` are the folders the command reads (corpus, notebooks ...): ``out`` may not be,
    lie inside or contain any of them, nor the repository's ``seeds/`` and ``notebooks/``, nor
    be or contain the repository root, nor be a symbolic link. ``planned`` are the names
    (files or folders, relative to ``out``) the command will write. A folder that is provably
    an earlier output of ``command`` (see the module docstring) loses the files that run wrote
    (unless ``keep``); a missing or empty folder is created; any other non-empty folder is
    refused unless ``force``, and with ``force`` nothing found in it is touched and a foreign
    entry at a ``planned`` name stops the command. Raises :class:`InputError` (one line) before
    writing anything. Call :func:`seal_output_dir` when the files are written.
    """
    _check_not_a_link(out)
    out = _resolved(out)
    _check_location(out)
    _check_not_input(out, list(inputs))
    planned = [p for p in dict.fromkeys(str(p).strip("/") for p in planned) if _valid_name(p)]
    keep_files: dict[str, dict] = {}
    keep_pending: list[str] = []
    foreign: dict[str, dict | None] = {}
    if out.is_dir() and _entries(out) | ({MARKER} if (out / MARKER).exists() else set()):
        record, own, problem = _verify(out, command)
        if problem and not force:
            raise InputError(out, f"{problem}, so it is not provably an earlier {command} output folder; choose "
                                  "another output folder (or --force to add this command's files, touching no other)")
        if problem:  # taken over: only listed files whose hash still matches are ours
            own = {n for n in own if record is not None and n in record.files
                   and _digest(out / n) == record.files[n]}
        entries = _entries(out)
        if record is not None and record.command == command:
            foreign = {name: record.foreign[name] for name in record.foreign if name in entries}
        for name in sorted(entries - own - set(foreign)):
            foreign[name] = _digest(out / name)
        marker = out / MARKER
        if marker.is_symlink() or (marker.exists() and not marker.is_file()):
            raise InputError(marker, "is a link or a folder, not a marker this package wrote; move it away")
        _check_planned(out, foreign, planned)
        if keep:
            keep_files = {name: record.files[name] for name in own if record and name in record.files
                          and not (not record.sealed and record.is_pending(name))}
            keep_pending = [p for p in (record.pending if record and not problem else []) if p]
            keep_pending += [name for name in own if name not in keep_files]
        else:
            _clear(out, own)
    try:
        out.mkdir(parents=True, exist_ok=True)
        _write_marker(out, command, keep_files, foreign, [*planned, *keep_pending], sealed=False)
    except OSError as exc:
        raise InputError(out, f"cannot create the output folder ({exc.strerror or exc.__class__.__name__})") from None
    return out


def seal_output_dir(out: Path | str) -> list[str]:
    """Record in the marker every file now under ``out`` that the command wrote, with its size
    and SHA-256, and mark the run finished; return the file names.

    Entries that were there when :func:`prepare_output_dir` ran and were not the command's own
    (``foreign``) are not recorded as written, so no later run deletes them.
    """
    out = Path(out).resolve()
    record, problem = _parse_marker(out)
    if record is None:
        raise InputError(out, f"{problem}; cannot record the files written (was the folder prepared?)")
    entries = _entries(out)
    foreign = {name: digest for name, digest in record.foreign.items() if name in entries}
    files = {}
    for name in sorted(entries - set(foreign)):
        digest = _digest(out / name)
        if digest is None:  # a link or a special file the command did not make: left alone, never ours
            foreign[name] = None
        else:
            files[name] = digest
    _write_marker(out, record.command, files, foreign, [], sealed=True)
    return sorted(files)
