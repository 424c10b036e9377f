"""The optional ``catalog.csv`` describing each article of a seeds folder.

A folder without a catalog still loads: every ``*.txt`` file becomes a
document whose id is its file stem. With a catalog, each row describes one
file; files the catalog does not list are still loaded, with default metadata.
Columns beyond :data:`KNOWN_COLUMNS` (an outlet's leaning, a coder's label ...)
are kept as text in :attr:`Entry.extra`, in catalog order; ``Entry.get(column)``
reads a known or an extra column alike.
"""
from __future__ import annotations

import csv
import datetime
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .files import article_files, check_input_file, printable_name

CATALOG_NAME = "catalog.csv"
REQUIRED_COLUMNS = ("id", "file")
OPTIONAL_COLUMNS = ("title", "kind", "label", "author", "outlet", "published", "url", "notes")
KNOWN_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
# Columns ``Corpus.documents()`` computes: a catalog column of that name would be shadowed.
RESERVED_COLUMNS = ("paragraphs", "sentences", "tokens", "words", "removed")
_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class Entry:
    """Metadata of one document."""

    id: str
    file: Path
    title: str = ""
    kind: str = "article"
    label: str = ""
    author: str = ""
    outlet: str = ""
    published: str = ""
    url: str = ""
    notes: str = ""
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        """Known columns (``file`` as a bare name), then the extra columns."""
        return {name: getattr(self, name) for name in KNOWN_COLUMNS if name != "file"} | {
            "file": self.file.name
        } | dict(self.extra)

    def get(self, column: str, default: str | None = "") -> str | None:
        """The value of a known or extra catalog column (``default`` when absent)."""
        if column == "file":
            return self.file.name
        if column in KNOWN_COLUMNS:
            return getattr(self, column)
        return self.extra.get(column, default)


def _default_entry(path: Path) -> Entry:
    """Metadata for a file the catalog does not describe: id from the file stem."""
    return Entry(id=path.stem, file=path, title=path.stem.replace("_", " "), label=path.stem)


def _valid_date(text: str) -> bool:
    """True for ``YYYY``, ``YYYY-MM`` or a real calendar date ``YYYY-MM-DD``."""
    if not _DATE.match(text):
        return False
    if len(text) == 10:  # the pattern allows 2025-02-30; the calendar does not
        try:
            datetime.date.fromisoformat(text)
        except ValueError:
            return False
    return True


def _check_row(catalog: Path, line: int, row: dict, folder: Path) -> Entry:
    where = f"row {line}"
    values = {k: (v or "").strip() for k, v in row.items() if k is not None}
    if None in row:
        raise InputError(catalog, f"{where}: more fields than columns")
    for name in REQUIRED_COLUMNS:
        if not values.get(name):
            raise InputError(catalog, f"{where}: empty '{name}'")
    if not _ID.match(values["id"]):
        raise InputError(catalog, f"{where}: id {values['id']!r} may use only letters, digits, '-', '_', '.'")
    name = values["file"]
    if Path(name).name != name:
        raise InputError(catalog, f"{where}: file {name!r} must be a file name inside the folder")
    path = folder / name
    if not path.is_file() and not path.is_symlink():
        raise InputError(catalog, f"{where}: file {name!r} does not exist in {folder}")
    check_input_file(path, folder, "article")
    published = values.get("published", "")
    if published and not _valid_date(published):
        raise InputError(catalog, f"{where}: bad date {published!r} in 'published' (use YYYY, YYYY-MM or YYYY-MM-DD)")
    fields = {k: values.get(k, "") for k in OPTIONAL_COLUMNS}
    fields["kind"] = fields["kind"].lower() or "article"
    fields["title"] = fields["title"] or Path(name).stem
    fields["label"] = fields["label"] or values["id"]
    extra = {k: v for k, v in values.items() if k not in KNOWN_COLUMNS}
    return Entry(id=values["id"], file=path, **fields, extra=extra)


def column_problem(columns: list[str]) -> str | None:
    """Why these extra column names cannot go into a catalog, or ``None``."""
    if any(not c for c in columns):
        return f"column {columns.index('') + 1} has no name"
    reserved = [c for c in columns if c in RESERVED_COLUMNS]
    if reserved:
        return (f"column {reserved[0]!r} is reserved (computed by corpus.documents()); "
                f"rename it, e.g. to '{reserved[0]}_catalog'")
    return None


def read_catalog(folder: Path) -> list[Entry] | None:
    """Entries of ``folder/catalog.csv``, or ``None`` when there is no catalog.

    Raises :class:`InputError` for missing, empty, repeated or reserved
    (:data:`RESERVED_COLUMNS`) columns, empty ids, duplicate ids or files,
    bad dates and rows naming missing files.
    """
    catalog = folder / CATALOG_NAME
    if not catalog.exists() and not catalog.is_symlink():
        return None
    check_input_file(catalog, folder, "catalog")
    row_start = 1
    try:
        with catalog.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle, strict=True)
            columns = [c.strip() for c in (reader.fieldnames or [])]
            reader.fieldnames = columns
            rows = []
            row_start = reader.reader.line_num + 1
            for row in reader:
                rows.append(row)
                row_start = reader.reader.line_num + 1
    except csv.Error as exc:
        raise InputError(catalog, f"line {row_start}: {exc} (an unterminated quote?); "
                                  "close the quote or double a quote inside a field") from None
    except UnicodeDecodeError:
        raise InputError(catalog, "not valid UTF-8; re-save the catalog as UTF-8") from None
    except PermissionError:
        raise InputError(catalog, "permission denied: cannot read the catalog") from None
    except (OSError, csv.Error) as exc:
        raise InputError(catalog, f"cannot read the catalog ({exc})") from None
    if not columns:
        raise InputError(catalog, "catalog is empty (expected a header row with id,file,...)")
    repeated = [c for i, c in enumerate(columns) if c in columns[:i]]
    if repeated:
        raise InputError(catalog, f"column {repeated[0]!r} appears more than once")
    problem = column_problem(columns)
    if problem:
        raise InputError(catalog, problem)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise InputError(catalog, f"missing column {missing[0]!r}")
    entries: list[Entry] = []
    seen_ids: dict[str, int] = {}
    seen_files: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        entry = _check_row(catalog, line, row, folder)
        if entry.id in seen_ids:
            raise InputError(catalog, f"row {line}: duplicate id {entry.id!r} (first on row {seen_ids[entry.id]})")
        if entry.file.name in seen_files:
            raise InputError(catalog, f"row {line}: file {entry.file.name!r} already listed on row {seen_files[entry.file.name]}")
        seen_ids[entry.id] = line
        seen_files[entry.file.name] = line
        entries.append(entry)
    return entries


def folder_entries(folder: Path) -> list[Entry]:
    """All documents of a seeds folder: catalogued ones first, in catalog order,
    then any other ``*.txt`` files sorted by name."""
    folder = Path(folder)
    if not folder.exists():
        raise InputError(folder, "seeds folder not found")
    if not folder.is_dir():
        raise InputError(folder, "is a file, expected a folder of .txt articles")
    try:
        with os.scandir(folder):  # Path.glob would hide the error and find nothing
            pass
    except PermissionError:
        raise InputError(folder, "permission denied: cannot list the seeds folder") from None
    entries = read_catalog(folder) or []
    listed = {e.file.name for e in entries}
    ids = {e.id for e in entries}
    articles, _ = article_files(folder)
    for path in articles:
        if path.name in listed:
            continue
        entry = _default_entry(path)
        if not _ID.match(entry.id):
            raise InputError(printable_name(path), f"the file name gives the id {printable_name(entry.id)!r}, but ids "
                             f"may use only letters, digits, '-', '_', '.'; rename the file or give it an id in {CATALOG_NAME}")
        if entry.id in ids:
            raise InputError(path, f"id {entry.id!r} from the file name is already used in {CATALOG_NAME}")
        entries.append(entry)
        ids.add(entry.id)
    if not entries:
        raise InputError(folder, "no .txt articles in the seeds folder")
    return entries
