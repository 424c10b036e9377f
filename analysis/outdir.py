"""Output folders that commands own and never share with their input.

Every command that writes a folder (``report``, ``student``, ``import``, ``annotate`` ...)
goes through two calls::

    from analysis.outdir import prepare_output_dir, seal_output_dir

    out = prepare_output_dir(args.out, inputs=[seeds], force=args.force, command="report")
    ...  # write the command's files under ``out``
    seal_output_dir(out)

:func:`prepare_output_dir` checks the folder before anything is written and raises
:class:`~analysis.errors.InputError` (one line, exit status 2 on the command line) when

- the folder is, lies inside, or contains one of ``inputs`` (the corpus folder, a notebooks
  folder...), the repository's ``seeds/`` or ``notebooks/``; or is, or contains, the
  repository root (``build/...`` inside the repository is fine);
- the path lies under a file, under ``/proc``, ``/sys`` or ``/dev``, or cannot be created;
- the folder exists, is not empty and carries no :data:`MARKER` of the same command
  (unless ``force``).

A folder the command made carries the marker file :data:`MARKER`, a small JSON record of
the command and of the files it wrote (filled in by :func:`seal_output_dir`). On the next
run only those files are deleted, never anything else in the folder; a file someone put
there survives. With ``force`` an existing folder without the marker is taken over: nothing
in it is deleted, and the command writes (and replaces) only its own files.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from .errors import InputError

MARKER = ".rdf-output"
LEGACY_MARKERS = (".rdf-report",)  # written by report builds before this module existed
LEGACY_STUDENT_README = "# Notebooks for students"  # first line of a student folder from before
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


def _read_marker(out: Path) -> dict | None:
    marker = out / MARKER
    if marker.is_symlink() or not marker.is_file():
        if any((out / legacy).is_file() for legacy in LEGACY_MARKERS):
            return {"command": "report", "files": [], "sealed": True}
        readme = out / "README.md"
        if readme.is_file() and not readme.is_symlink() and readme.read_bytes()[:64].startswith(
                LEGACY_STUDENT_README.encode()):
            return {"command": "student", "files": [], "sealed": True}
        return None
    try:
        record = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("files", []), list):
        return None
    return record


def _write_marker(out: Path, command: str, files: list[str], foreign: list[str], sealed: bool) -> None:
    record = {"command": command, "note": f"written by python -m analysis {command}; "
              "only the files listed under 'files' are replaced on the next run",
              "sealed": sealed, "files": sorted(files), "foreign": sorted(foreign)}
    (out / MARKER).write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _safe_child(out: Path, relative: str) -> Path | None:
    """``out / relative`` when it names a file inside ``out`` reached without symlinked folders."""
    parts = Path(relative).parts
    if not parts or Path(relative).is_absolute() or ".." in parts or relative in (MARKER, *LEGACY_MARKERS):
        return None
    folder = out
    for part in parts[:-1]:
        folder = folder / part
        if folder.is_symlink() or not folder.is_dir():
            return None
    return folder / parts[-1]


def _strings(record: dict, key: str) -> list[str]:
    return [str(f) for f in record.get(key, []) if isinstance(f, str)]


def owned_files(out: Path | str) -> list[str]:
    """The files (relative paths) under ``out`` that its marker says the command wrote.

    After a run that stopped before :func:`seal_output_dir`, that is every file not
    recorded as someone else's when the folder was taken.
    """
    out = Path(out)
    record = _read_marker(out) or {}
    if record.get("sealed", True):
        return _strings(record, "files")
    return sorted(_files_under(out) - set(_strings(record, "foreign")))


def _clear_own_files(out: Path, files: list[str]) -> None:
    folders = set()
    for relative in files:
        child = _safe_child(out, relative)
        if child is not None and (child.is_symlink() or child.is_file()):
            child.unlink()
            folders.update(p for p in child.parents if _inside(p, out) and p != out)
    for folder in sorted(folders, key=lambda p: len(p.parts), reverse=True):
        if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
            folder.rmdir()  # only folders our own files left empty


def prepare_output_dir(out: Path | str, *, inputs: list[Path], force: bool = False, command: str) -> Path:
    """Make ``out`` ready for ``command``'s files and return it, resolved.

    ``inputs`` are the folders the command reads (corpus, notebooks ...): ``out`` may not be,
    lie inside or contain any of them, nor the repository's ``seeds/`` and ``notebooks/``, nor
    be or contain the repository root. A folder marked by an earlier run of ``command`` loses
    the files that run wrote (and nothing else); a missing or empty folder is created and
    marked; a non-empty folder without the marker is refused unless ``force``, and with
    ``force`` nothing in it is deleted. Raises :class:`InputError` (one line) before writing
    anything. Call :func:`seal_output_dir` when the files are written.
    """
    out = _resolved(out)
    _check_location(out)
    _check_not_input(out, list(inputs))
    if out.is_dir():
        record = _read_marker(out)
        if record is not None and record.get("command") == command:
            _clear_own_files(out, owned_files(out))
        elif record is not None and not force:
            raise InputError(out, f"holds the output of python -m analysis {record.get('command')}, "
                                  f"not of {command}; choose another output folder (or --force)")
        elif record is None and any(out.iterdir()) and not force:
            raise InputError(out, f"folder is not empty and is not an earlier {command} output folder; "
                                  "choose another output folder (or --force to write only this command's files into it)")
    try:
        out.mkdir(parents=True, exist_ok=True)
        _write_marker(out, command, [], sorted(_files_under(out)), sealed=False)
    except OSError as exc:
        raise InputError(out, f"cannot create the output folder ({exc.strerror or exc.__class__.__name__})") from None
    return out


def _files_under(out: Path) -> set[str]:
    found = set()
    for folder, dirs, files in os.walk(out):  # os.walk does not descend into symlinked folders
        base = Path(folder)
        found.update(str((base / name).relative_to(out)) for name in files)
        found.update(str((base / name).relative_to(out)) for name in dirs if (base / name).is_symlink())
    return found - {MARKER, *LEGACY_MARKERS}


def seal_output_dir(out: Path | str) -> list[str]:
    """Record in the marker every file now under ``out`` that the command wrote; return them.

    Files that were there when :func:`prepare_output_dir` ran (someone else's, e.g. in a
    folder taken over with ``force``) are not recorded, so no later run deletes them.
    """
    out = Path(out).resolve()
    record = _read_marker(out) or {}
    foreign = _strings(record, "foreign")
    files = sorted(_files_under(out) - set(foreign))
    _write_marker(out, str(record.get("command", "")), files, foreign, sealed=True)
    return files
