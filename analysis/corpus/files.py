"""Which files of a corpus folder are read, and how: regular files only, links only inside.

- Articles are the ``*.txt`` files of the folder, whatever the case of the suffix (``B.TXT``).
- Hidden files (a leading dot, including macOS's ``._name.txt`` resource forks) are skipped and
  reported (:class:`Skipped`), never read.
- Only regular files are opened: a FIFO, socket or device named ``p.txt`` is refused before it
  is opened (opening a FIFO would wait forever).
- A symbolic link is followed only when its target lies inside the corpus folder; a link out
  of the folder (``link.txt -> /some/file``, ``catalog.csv -> /etc/passwd``) is refused
  with one line naming the link, and nothing of the target is read or echoed.
- Unicode format characters (category Cf: zero-width space, joiners, soft hyphen, bidi marks,
  BOM) are found by :func:`format_characters` so the cleaner can drop them for matching and
  tokenising while offsets keep pointing into the original text.
"""
from __future__ import annotations

import bisect
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import InputError

ARTICLE_SUFFIX = ".txt"

__all__ = ["Skipped", "article_files", "check_input_file", "format_characters", "format_characters_between",
           "printable_name"]


@dataclass(frozen=True)
class Skipped:
    """A file of the corpus folder that was not read, and why."""

    file: str
    reason: str


def printable_name(path: Path | str) -> str:
    """A file name with undecodable bytes and control characters (a newline ...) shown as
    ``\\xNN``, safe to print on one line or to encode as UTF-8."""
    text = os.fsencode(str(path)).decode("utf-8", "backslashreplace")
    return "".join(f"\\x{ord(ch):02x}" if unicodedata.category(ch) == "Cc" else ch for ch in text)


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a regular file"


def check_input_file(path: Path, folder: Path, what: str = "file") -> Path:
    """``path`` when it is a regular file, or a link to one inside ``folder``; else one-line
    :class:`InputError` naming ``path``. Nothing is opened."""
    path = Path(path)
    name = printable_name(path)
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise InputError(name, f"is a broken symbolic link; the {what} it names cannot be read") from None
        root = Path(folder).resolve()
        if target != root and root not in target.parents:
            raise InputError(name, f"is a symbolic link to a file outside the corpus folder; copy the {what} "
                                   "into the folder instead") from None
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(name, f"{what} not found") from None
    except OSError as exc:
        raise InputError(name, f"cannot read the {what} ({exc.strerror or exc.__class__.__name__})") from None
    if not stat.S_ISREG(mode):
        raise InputError(name, f"is {_kind(mode)}, not a regular {what}; only regular files are read")
    return path


def article_files(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """The article files of ``folder`` (``*.txt`` in any case, sorted by name) and the files
    skipped as hidden. Raises :class:`InputError` for a non-regular file or a link out of the folder."""
    folder = Path(folder)
    found, skipped = [], []
    with os.scandir(folder) as entries:
        names = sorted(e.name for e in entries)
    for name in names:
        if not name.lower().endswith(ARTICLE_SUFFIX):
            continue
        if name.startswith("."):
            reason = "macOS resource fork (._ file)" if name.startswith("._") else "hidden file"
            skipped.append(Skipped(printable_name(name), reason))
            continue
        path = folder / name
        if path.is_dir() and not path.is_symlink():
            continue  # a folder called x.txt is not an article
        found.append(check_input_file(path, folder, "article"))
    return found, skipped


@lru_cache(maxsize=1)
def _format_chars() -> tuple[str, ...]:
    # Cf lives in the BMP, in plane 1 (U+1BCA0..., U+1D173...) and in plane 14 (tags)
    ranges = (range(0x20000), range(0xE0000, 0xE1000))
    return tuple(chr(c) for r in ranges for c in r if unicodedata.category(chr(c)) == "Cf")


@lru_cache(maxsize=8)
def format_characters(text: str) -> tuple[tuple[int, str], ...]:
    """``(offset, "U+200B ZERO WIDTH SPACE")`` for every Unicode format character (Cf) in ``text``.

    One substring search per Cf character (fast, in C) decides whether there is any; only
    then is the text scanned. Cached for the last texts, since the cleaner asks per paragraph.
    """
    present = [ch for ch in _format_chars() if ch in text]
    if not present:
        return ()
    pattern = re.compile("[" + "".join(re.escape(ch) for ch in present) + "]")
    return tuple((m.start(), f"U+{ord(m.group()):04X} {unicodedata.name(m.group(), 'FORMAT CHARACTER')}")
                 for m in pattern.finditer(text))


@lru_cache(maxsize=8)
def _offsets(text: str) -> tuple[int, ...]:
    return tuple(i for i, _ in format_characters(text))


def format_characters_between(text: str, start: int, end: int) -> tuple[tuple[int, str], ...]:
    """The :func:`format_characters` of ``text`` with offsets in ``[start, end)``."""
    found = format_characters(text)
    if not found:
        return ()
    offsets = _offsets(text)
    return found[bisect.bisect_left(offsets, start):bisect.bisect_left(offsets, end)]
