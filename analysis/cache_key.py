"""The per-user key that signs the disk cache's entries (HMAC-SHA256, :mod:`analysis.cache`).

It lives outside the cache, in ``$XDG_CONFIG_HOME/russia-dprk-framing/cache.key``
(``~/.config/...`` without ``XDG_CONFIG_HOME``), or the file ``$RDF_CACHE_KEY`` names:
64 hex digits, created with mode 0600 in a folder of mode 0700. A key that others could
read or write (or whose folder they could) is replaced by a new one, a damaged one too;
a key that is a symlink, or a key or folder owned by another user, is refused
(:class:`KeyProblem`: the cache is then off for that run).
"""
from __future__ import annotations

import os
import re
import secrets
import stat
import tempfile
from pathlib import Path

from .config import CACHE_KEY_ENV as KEY_ENV, expand_home

APP = "russia-dprk-framing"

__all__ = ["KEY_ENV", "KeyProblem", "key_path", "read_key"]


def key_path() -> Path:
    """Where the signing key lives: ``$RDF_CACHE_KEY``, else
    ``$XDG_CONFIG_HOME/russia-dprk-framing/cache.key`` (``~/.config`` without it)."""
    named = os.environ.get(KEY_ENV, "").strip()
    if named:
        return expand_home(named, KEY_ENV).absolute()
    config = os.environ.get("XDG_CONFIG_HOME", "").strip()
    base = Path(config) if config and Path(config).is_absolute() else Path.home() / ".config"
    return base / APP / "cache.key"


class KeyProblem(Exception):
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


def read_key(path: Path) -> bytes:
    """The key's bytes; creates the key (and its folder) when missing, replaces one that
    others could read or write; :class:`KeyProblem` when it cannot be trusted."""
    parent = path.parent
    if not parent.exists():
        parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(parent, 0o700) if _POSIX else None
    replace = False
    if _POSIX:
        info = os.stat(parent)
        if info.st_uid != os.getuid():
            raise KeyProblem(f"its folder {parent} belongs to another user")
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
            raise KeyProblem("it is not a regular file (a symlink?)")
        if _POSIX and info.st_uid != os.getuid():
            raise KeyProblem("it belongs to another user")
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
    raise KeyProblem("it could not be created")
