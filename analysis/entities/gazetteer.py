"""The entity gazetteer and alias table: names the model misses, one canonical name per referent.

The table is data, not code. The default ships as ``analysis/data/entities.csv``;
an ``entities.csv`` in the seeds folder in force (``$RDF_SEEDS`` or ``seeds/``)
extends it. Columns:

``canonical``
    the one name every mention of the referent is counted under
    (full name as commonly written in English: ``Kim Jong Un``);
``type``
    a spaCy/OntoNotes label (``PERSON``, ``GPE``, ``ORG`` ...) or ``IGNORE`` for
    phrases that are *not* entities although the model tags them
    (``Mao suit``, ``Defense Minister``);
``aliases``
    the surface forms, separated by ``|``, matched case-sensitively on whole
    tokens (so ``US`` matches but ``us`` does not);
``note`` (optional)
    why the row is there;
``source`` (optional)
    its provenance: the shipped rows were all ``written on the seeds`` (the two seed
    texts), not on the corpora they are later applied to.

A row in the folder's file replaces the default row with the same canonical
name, and takes over any alias it lists from other default rows (so a corpus
about Kim Yo Jong can re-point ``Kim``).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..corpus.files import check_input_file
from ..errors import InputError
from ..paths import data_file, seeds_dir

FILE_NAME = "entities.csv"
IGNORE = "IGNORE"
TYPES = frozenset({
    "PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", IGNORE,
})
REQUIRED = ("canonical", "type", "aliases")


@dataclass(frozen=True)
class GazetteerEntry:
    """One referent: its canonical name, type and surface forms."""

    canonical: str
    type: str
    aliases: tuple[str, ...]
    note: str = ""
    origin: str = "default"
    source: str = ""


@dataclass(frozen=True)
class Gazetteer:
    """An ordered, hashable set of entries (hashable so matchers can be cached)."""

    entries: tuple[GazetteerEntry, ...]

    def alias_map(self) -> dict[str, GazetteerEntry]:
        """Surface form -> entry."""
        return {alias: e for e in self.entries for alias in e.aliases}

    def get(self, canonical: str) -> GazetteerEntry | None:
        return next((e for e in self.entries if e.canonical == canonical), None)

    def table(self) -> pd.DataFrame:
        """The entries as a DataFrame (aliases joined with ``|``)."""
        rows = [(e.canonical, e.type, "|".join(e.aliases), e.note, e.origin, e.source) for e in self.entries]
        return pd.DataFrame(rows, columns=["canonical", "type", "aliases", "note", "origin", "source"])


def read_entries(path: Path, origin: str) -> list[GazetteerEntry]:
    """Rows of one gazetteer CSV, validated (raises :class:`InputError`)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise InputError(path, f"missing column(s) {', '.join(missing)}; expected {', '.join(REQUIRED)}")
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(path, f"cannot read the gazetteer: {exc}") from exc
    entries, owner, types = [], {}, {}
    for line, row in enumerate(rows, start=2):
        if None in row:
            raise InputError(path, f"line {line}: more fields than columns (quote a field that holds a comma)")
        entry = _entry(path, line, row, origin)
        first = types.setdefault(entry.canonical, (line, entry.type))
        if first[1] != entry.type:
            raise InputError(path, f"line {line}: {entry.canonical!r} is {entry.type} here but {first[1]} on line "
                                   f"{first[0]}; one canonical name has one type")
        for alias in entry.aliases:
            if owner.get(alias, entry.canonical) != entry.canonical:
                raise InputError(path, f"line {line}: alias {alias!r} already belongs to {owner[alias]!r}")
            owner[alias] = entry.canonical
        entries.append(entry)
    return entries


def _entry(path: Path, line: int, row: dict, origin: str) -> GazetteerEntry:
    canonical = " ".join((row.get("canonical") or "").split())
    kind = (row.get("type") or "").strip().upper()
    aliases = tuple(dict.fromkeys(" ".join(a.split()) for a in (row.get("aliases") or "").split("|") if a.strip()))
    if not canonical:
        raise InputError(path, f"line {line}: empty canonical name")
    if kind not in TYPES:
        raise InputError(path, f"line {line}: unknown type {kind!r}; use one of {', '.join(sorted(TYPES))}")
    return GazetteerEntry(canonical, kind, aliases or (canonical,), (row.get("note") or "").strip(), origin,
                          (row.get("source") or "").strip())


def merge(base: list[GazetteerEntry], extra: list[GazetteerEntry]) -> Gazetteer:
    """``extra`` rows replace base rows of the same canonical name and take over their aliases."""
    replaced = {e.canonical for e in extra}
    claimed = {a for e in extra for a in e.aliases}
    kept = []
    for e in base:
        if e.canonical in replaced:
            continue
        aliases = tuple(a for a in e.aliases if a not in claimed)
        if aliases:
            kept.append(GazetteerEntry(e.canonical, e.type, aliases, e.note, e.origin, e.source))
    return Gazetteer(tuple(kept + extra))


def load_gazetteer(folder: Path | str | None = None) -> Gazetteer:
    """The default table, extended by ``entities.csv`` in ``folder`` (default: the seeds folder in force)."""
    folder = Path(folder) if folder is not None else seeds_dir()
    local = folder / FILE_NAME
    if local.is_symlink() or local.exists():
        check_input_file(local, folder, "entity table")
    stamp = local.stat().st_mtime_ns if local.is_file() else None
    return _load(str(folder), stamp)


@lru_cache(maxsize=16)
def _load(folder: str, stamp: int | None) -> Gazetteer:
    base = read_entries(data_file(FILE_NAME), "default")
    local = Path(folder) / FILE_NAME
    extra = read_entries(local, str(local)) if stamp is not None else []
    return merge(base, extra)
