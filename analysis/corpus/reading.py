"""Reading article files: strict UTF-8, with clear errors for anything else."""
from __future__ import annotations

import codecs
import stat
from pathlib import Path

from ..errors import InputError

# Bytes that never occur in a text file but do in images, archives, executables.
_BINARY_MARKERS = (b"\x00", b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"GIF8", b"\xff\xd8\xff")
# Checked before the binary test: these files are text, but full of NUL bytes.
# UTF-32-LE before UTF-16-LE, whose BOM it starts with.
_UTF16_32_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
)


def read_text(path: Path) -> str:
    """Return the text of ``path`` decoded as UTF-8 (a leading BOM is dropped).

    Raises :class:`InputError` naming the file when it cannot be read, is empty
    or only white space, looks binary, or is not valid UTF-8. Character offsets
    used elsewhere in the package index into the string returned here.
    """
    path = Path(path)
    if path.is_dir():
        raise InputError(path, "is a folder, expected a .txt file")
    try:
        if path.exists() and not stat.S_ISREG(path.stat().st_mode):  # a FIFO would block read_bytes
            raise InputError(path, "is not a regular file; only regular files are read")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "file not found") from None
    except PermissionError:
        raise InputError(path, "permission denied: cannot read the file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    if not data:
        raise InputError(path, "file is empty")
    for bom, name in _UTF16_32_BOMS:
        if data.startswith(bom):
            raise InputError(path, f"is {name} text, not UTF-8; re-save the file as UTF-8")
    head = data[:4096]
    if any(head.startswith(m) for m in _BINARY_MARKERS[1:]) or b"\x00" in data:  # a NUL anywhere
        raise InputError(path, "looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        raise InputError(
            path,
            f"not valid UTF-8 (byte 0x{bad} at offset {exc.start}); re-save the file as UTF-8",
        ) from None
    if not text.strip():
        raise InputError(path, "file contains only white space")
    return text
