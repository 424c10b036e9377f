"""A corpus folder from a table: ``python -m analysis import FILE --out DIR``.

Researchers get articles as spreadsheet or database exports. :func:`import_table`
turns one into a folder :func:`analysis.load_corpus` reads: one ``ID.txt`` per
row (the text column, line breaks kept, so each line is a paragraph) and a
``catalog.csv`` with ``id, file, title, published`` followed by every other
column of the table, unchanged and in table order (extra catalog columns are
kept by the loader, see :mod:`analysis.corpus.catalog`).

Formats, chosen by the file's extension: ``.csv``, ``.tsv``/``.tab`` (both
with CSV quoting, UTF-8, an optional BOM), ``.jsonl``/``.ndjson`` (one JSON
object per line) and ``.parquet``. Every value is read as text: JSON and
Parquet numbers and booleans are written as Python prints them, missing
values as empty text.

Rows are named the way a user finds them: in CSV/TSV ``row N`` counts the
header as row 1 (as a spreadsheet and the catalog errors do), in JSONL
``line N`` is the line of the file, in Parquet ``row N`` counts data rows
from 1. Every row is checked before anything is written, so a bad table
leaves ``--out`` untouched.

Ids name files (``ID.txt``), so beyond the catalog's id rule (letters,
digits, ``-``, ``_``, ``.``) an imported id is at most :data:`MAX_ID`
characters, holds no control character (a line break at its end included)
and is not a name Windows reserves (``CON``, ``NUL``, ``COM1`` ...). The text
must be text: a JSON or Parquet number, boolean, list or object in the text
column is refused with its row named. Values Python cannot hold (a lone
surrogate, JSON nested too deeply, a number of thousands of digits, a date
before year 1 or after 9999) are refused in one line too.

Titles come from the title column; without one (or where it is empty) from
the first :data:`TITLE_WORDS` words of the text. Dates in the date column
must be ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (an ISO time after the date
is dropped); without a date column documents have no date.
"""
from __future__ import annotations

import csv
import datetime
import json
import math
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .catalog import CATALOG_NAME, _ID, _valid_date, column_problem
from ..errors import InputError

FORMATS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
           ".parquet": "parquet"}
TITLE_WORDS = 12
CATALOG_START = ["id", "file", "title", "published"]
# An id is a file name (ID.txt): 128 characters keeps it well inside every file system's
# 255-byte name limit, and paths under Windows' 260-character limit in a shallow folder.
MAX_ID = 128
WINDOWS_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                              *(f"LPT{i}" for i in range(10))})


@dataclass(frozen=True)
class Row:
    """One table row: where it is (``row 7``) and its cells as text."""

    where: str
    cells: dict[str, str]
    kinds: dict[str, str] = field(default_factory=dict)  # column -> type of a JSON/Parquet value that was not text


@dataclass(frozen=True)
class Columns:
    """Which table columns hold the id, text, title and date (``None``: no such column)."""

    id: str = "id"
    text: str = "text"
    title: str | None = "title"
    date: str | None = "published"


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    title: str
    published: str
    extra: dict[str, str]


# --- reading ------------------------------------------------------------------

def cell_text(value) -> str:
    """A JSON or Parquet value as catalog text."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _kind(value) -> str | None:
    """The type of a JSON or Parquet value that is not text (``None`` for text or a missing value)."""
    if value is None or isinstance(value, str) or (isinstance(value, float) and math.isnan(value)):
        return None
    names = {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}
    return names.get(type(value), f"a {type(value).__name__}")


def _record_row(path: Path, where: str, record: dict) -> Row:
    """A row from a JSON object or Parquet record; refuses text that cannot be written as UTF-8."""
    cells = {k: cell_text(v) for k, v in record.items()}
    for column, text in cells.items():
        for what, value in (("the column name", column), (f"column {column!r}", text)):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InputError(path, f"{where}: {what} holds a lone surrogate "
                                       f"({value[exc.start]!r}), which is not Unicode text") from None
    kinds = {k: kind for k, v in record.items() if (kind := _kind(v)) is not None}
    return Row(where, cells, kinds)


def _read_delimited(path: Path, delimiter: str) -> tuple[list[str], Iterator[Row]]:
    csv.field_size_limit(2**31 - 1)  # articles are longer than csv's 128 kB default
    handle = path.open(newline="", encoding="utf-8-sig")
    reader = csv.reader(handle, delimiter=delimiter)
    header = [c.strip() for c in next(reader, [])]

    def rows() -> Iterator[Row]:
        with handle:
            for number, record in enumerate(reader, start=2):
                if not any(field.strip() for field in record):
                    continue  # a blank line
                if len(record) > len(header):
                    raise InputError(path, f"row {number}: {len(record)} fields but {len(header)} columns")
                record += [""] * (len(header) - len(record))
                yield Row(f"row {number}", dict(zip(header, record)))
    return header, rows()


def _read_jsonl(path: Path) -> tuple[list[str], list[Row]]:
    header: dict[str, None] = {}
    rows = []
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise InputError(path, f"line {number}: expected a JSON object, got {type(record).__name__}")
                header.update(dict.fromkeys(record))
                rows.append(_record_row(path, f"line {number}", record))
            except json.JSONDecodeError as exc:
                raise InputError(path, f"line {number}: not valid JSON ({exc.msg})") from None
            except RecursionError:
                raise InputError(path, f"line {number}: JSON nested too deeply to read") from None
            except ValueError as exc:  # an integer of more digits than Python converts (4300)
                raise InputError(path, f"line {number}: a value Python cannot read "
                                       f"({' '.join(str(exc).split()[:8])}...)") from None
    return list(header), rows


def _read_parquet(path: Path) -> tuple[list[str], Iterator[Row]]:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise InputError(path, f"cannot read the Parquet file ({type(exc).__name__})") from None
    header = list(table.column_names)
    columns = {}
    for name in header:  # column by column, to name the one Python cannot hold
        try:
            columns[name] = table.column(name).to_pylist()
        except (OverflowError, ValueError) as exc:  # dates before year 1 or after 9999, and the like
            raise InputError(path, f"column {name!r} holds values Python cannot represent "
                                   f"(dates must lie between years 1 and 9999; {exc.__class__.__name__})") from None
    records = ({name: columns[name][i] for name in header} for i in range(table.num_rows))
    return header, (_record_row(path, f"row {i}", r) for i, r in enumerate(records, 1))


def read_rows(path: Path | str) -> tuple[list[str], list[Row]]:
    """The column names and rows of a CSV, TSV, JSONL or Parquet file.

    Raises :class:`InputError` for a missing file, an unknown extension,
    text that is not UTF-8, a malformed row or repeated column names.
    """
    path = Path(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(path, f"unknown table format {path.suffix or '(no extension)'!r} "
                               f"(use {', '.join(FORMATS)})")
    if not path.is_file():
        raise InputError(path, "file not found" if not path.exists() else "is not a file")
    try:
        if kind == "parquet":
            header, rows = _read_parquet(path)
        elif kind == "jsonl":
            header, rows = _read_jsonl(path)
        else:
            header, rows = _read_delimited(path, "," if kind == "csv" else "\t")
        rows = list(rows)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not valid UTF-8 (byte at offset {exc.start}); re-save the file as UTF-8") from None
    except csv.Error as exc:
        raise InputError(path, f"cannot read the table ({exc})") from None
    except PermissionError:
        raise InputError(path, "permission denied: cannot read the file") from None
    if not header:
        raise InputError(path, "no header row (expected column names such as id,text,...)")
    repeated = [c for i, c in enumerate(header) if c in header[:i]]
    if repeated:
        raise InputError(path, f"column {repeated[0]!r} appears more than once")
    return header, rows


# --- checking -----------------------------------------------------------------

def _check_columns(path: Path, header: list[str], columns: Columns, explicit: set[str]) -> list[str]:
    """The extra columns to copy into the catalog; raises on a missing or clashing column."""
    listing = ", ".join(header)
    for role in ("id", "text", "title", "date"):
        name = getattr(columns, role)
        if name is not None and name not in header and (role in ("id", "text") or role in explicit):
            raise InputError(path, f"no column {name!r} for the {role} (columns: {listing}); "
                                   f"name it with --{role}-column")
    used = {getattr(columns, r) for r in ("id", "text", "title", "date")}
    extra = [c for c in header if c not in used]
    clash = [c for c in extra if c in CATALOG_START]
    if clash:
        option = {"id": "--id-column", "title": "--title-column", "published": "--date-column"}.get(clash[0])
        raise InputError(path, f"column {clash[0]!r} would clash with the catalog's own {clash[0]!r} column; "
                               + (f"rename it or name it with {option}" if option else "rename it"))
    problem = column_problem(extra)
    if problem:
        raise InputError(path, problem)
    return extra


def normalise_date(text: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from a date cell (an ISO time
    after the date is dropped); ``None`` when it is not such a date."""
    text = text.strip()
    if len(text) > 10 and text[10] in "T ":
        text = text[:10]
    return text if _valid_date(text) else None


def title_from_text(text: str, n_words: int = TITLE_WORDS) -> str:
    """The first ``n_words`` words of the text (``…`` when cut)."""
    words = text.split()
    return " ".join(words[:n_words]) + (" …" if len(words) > n_words else "")


def id_problem(raw: str) -> str | None:
    """Why the id cell ``raw`` cannot name a file ``ID.txt`` (``None`` when it can): the catalog's
    rule, no control characters (a trailing line break included), at most :data:`MAX_ID`
    characters, not a Windows-reserved name (``CON``, ``NUL.1`` ...)."""
    if any(unicodedata.category(ch) == "Cc" for ch in raw):
        return "id holds a control character (a line break, tab ...); ids are one line"
    doc_id = raw.strip()
    if not _ID.match(doc_id):
        return "id may use only letters, digits, '-', '_', '.' (and must start with a letter or digit)"
    if len(doc_id) > MAX_ID:
        return f"id is {len(doc_id)} characters long; at most {MAX_ID} (it names the file ID.txt)"
    if doc_id.split(".")[0].upper() in WINDOWS_RESERVED:
        return f"id {doc_id.split('.')[0]!r} is a name Windows reserves for a device; choose another id"
    return None


def _article(path: Path, row: Row, columns: Columns, extra: list[str]) -> Article:
    cells = row.cells
    doc_id = cells.get(columns.id, "").strip()
    if not doc_id:
        raise InputError(path, f"{row.where}: empty id in column {columns.id!r}")
    where = f"{row.where} (id {doc_id!r})"
    problem = id_problem(cells.get(columns.id, ""))
    if problem:
        raise InputError(path, f"{where}: {problem}")
    if columns.text in row.kinds:
        raise InputError(path, f"{where}: the text in column {columns.text!r} is {row.kinds[columns.text]} "
                               f"({cells[columns.text][:20]}), not a string")
    text = cells.get(columns.text, "").replace("\r\n", "\n").replace("\r", "\n")
    if not any(ch.isalnum() for ch in text):
        raise InputError(path, f"{where}: no text in column {columns.text!r}")
    if "\x00" in text:
        raise InputError(path, f"{where}: the text holds NUL characters (binary data?)")
    title = " ".join(cells.get(columns.title, "").split()) if columns.title else ""
    published = ""
    raw_date = cells.get(columns.date, "").strip() if columns.date else ""
    if raw_date:
        published = normalise_date(raw_date)
        if published is None:
            raise InputError(path, f"{where}: bad date {raw_date!r} in column {columns.date!r} "
                                   "(use YYYY, YYYY-MM or YYYY-MM-DD)")
    return Article(doc_id, text.strip() + "\n", title or title_from_text(text), published,
                   {c: cells.get(c, "") for c in extra})


def read_articles(path: Path | str, columns: Columns = Columns(),
                  explicit: set[str] = frozenset()) -> tuple[list[Article], list[str]]:
    """Every row of the table as an :class:`Article`, checked, plus the extra column names.

    ``explicit`` names the roles (``"title"``, ``"date"``) the user chose a
    column for: those must exist; the default title and date columns may be absent.
    Raises :class:`InputError` naming the first bad row.
    """
    path = Path(path)
    header, rows = read_rows(path)
    extra = _check_columns(path, header, columns, explicit)
    columns = Columns(columns.id, columns.text,
                      columns.title if columns.title in header else None,
                      columns.date if columns.date in header else None)
    if not rows:
        raise InputError(path, "the table has no rows")
    articles, seen = [], {}
    for row in rows:
        article = _article(path, row, columns, extra)
        key = article.id.casefold()  # ID.txt and id.txt are one file on some systems
        if key in seen:
            raise InputError(path, f"{row.where}: duplicate id {article.id!r} (first on {seen[key]})")
        seen[key] = row.where
        articles.append(article)
    return articles, extra


# --- writing ------------------------------------------------------------------

def _prepare_out(out: Path, source: Path, force: bool, planned: list[str] = ()) -> Path:
    """Check ``out`` with :func:`analysis.outdir.prepare_output_dir` and return it.

    An existing non-empty folder is refused unless ``force`` (even an earlier
    import: a new import never silently replaces a corpus). With ``force`` an
    earlier import's files are deleted (only those, when their hashes still
    match), and any other folder is written into without deleting or replacing
    anything: a file there named like an article or the catalog stops the import.
    ``planned`` are the names the import writes.
    """
    from ..outdir import MARKER, prepare_output_dir

    from ..config import expand_home

    out = expand_home(out, "--out")
    if source.resolve().is_relative_to(out.resolve()):
        raise InputError(out, f"holds the table being imported ({source.name}); choose another --out")
    if out.is_dir() and not force and any(p.name != MARKER for p in out.iterdir()):
        raise InputError(out, "folder is not empty; choose a new folder or pass --force to replace an earlier import")
    return prepare_output_dir(out, inputs=[source], force=force, command="import", planned=planned)


def write_corpus(articles: list[Article], extra: list[str], out: Path) -> Path:
    """Write one ``ID.txt`` per article and the catalog into ``out`` (which must exist)."""
    for article in articles:
        (out / f"{article.id}.txt").write_text(article.text, encoding="utf-8", newline="\n")
    catalog = out / CATALOG_NAME
    with catalog.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(CATALOG_START + extra)
        for a in articles:
            writer.writerow([a.id, f"{a.id}.txt", a.title, a.published] + [a.extra[c] for c in extra])
    return catalog


def import_table(path: Path | str, out: Path | str, columns: Columns = Columns(),
                 explicit: set[str] = frozenset(), force: bool = False) -> list[Article]:
    """Read and check the table, then write the corpus folder ``out``.

    Nothing is written when a row is bad or ``out`` is refused (see
    :func:`_prepare_out`); nothing is ever written outside ``out``. The folder
    carries the output marker of :mod:`analysis.outdir` (a hidden file the
    loader ignores).
    """
    path, out = Path(path), Path(out)
    from ..outdir import seal_output_dir

    articles, extra = read_articles(path, columns, explicit)
    out = _prepare_out(out, path, force, [f"{a.id}.txt" for a in articles] + [CATALOG_NAME])
    write_corpus(articles, extra, out)
    seal_output_dir(out)
    return articles

