"""Two groups of documents to compare, defined by a catalog column.

The unit of comparison is a *group*: the documents whose catalog column
``by`` holds one of a few values. "One chapter against one news piece" is
the smallest case (``by="kind"`` on the seeds, or ``by="id"``).

>>> cmp = compare(corpus)                                  # kind: the two largest groups
>>> cmp = compare(corpus, "mbfc", a="left_bias,left_center_bias", b="right_bias")
>>> cmp.name_a, cmp.n_a, cmp.single
('left_bias + left_center_bias', 142, False)
>>> cmp = compare(corpus, "id", a="ch49-vostochny", b="news-shoigu-2025")

Rules
    * ``by`` is any catalog column: a known one (``kind``, ``outlet``,
      ``published`` ...), an extra one a user added (``mbfc``), or ``id``.
      Values are compared as exact text; documents with an empty value are in
      neither group.
    * ``a`` and ``b`` are values, as a sequence or one comma-separated string.
      Neither given: the two largest groups, larger first, ties in catalog
      order (on the seeds: chapter, then news). Only one given: the other
      side is every other value.
    * An unknown column or value, overlapping sides, or a column with fewer
      than two values raise :class:`InputError` in one line.

Notebooks and the report receive the spec through the environment
(:func:`from_env`): ``RDF_GROUP_BY`` (default ``kind``), ``RDF_A`` and
``RDF_B`` (comma-separated values, empty for the default).
"""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

import pandas as pd

from ..corpus.catalog import KNOWN_COLUMNS
from ..corpus.model import Corpus, Document
from ..config import A_ENV, B_ENV, GROUP_BY_ENV
from ..errors import InputError

__all__ = ["Comparison", "compare", "from_env", "to_env", "parse_values", "group_columns", "value_of",
           "GROUP_BY_ENV", "A_ENV", "B_ENV", "DEFAULT_BY"]

DEFAULT_BY = "kind"
NAMED_VALUES = 3  # a side of more values is named by its first value and a count


@dataclass(frozen=True)
class Comparison:
    """Side A against side B: which documents, and what to call them.

    ``by`` the catalog column; ``a``/``b`` its values on each side;
    ``docs_a``/``docs_b`` the documents in corpus order; ``name_a``/``name_b``
    readable names ("left_bias + left_center_bias"). Every group analysis
    (:mod:`analysis.groups.stats`, :mod:`analysis.groups.measures`) takes one.
    """

    by: str
    a: tuple[str, ...]
    b: tuple[str, ...]
    name_a: str
    name_b: str
    ids_a: tuple[str, ...]
    ids_b: tuple[str, ...]
    docs_a: tuple[Document, ...] = field(compare=False, repr=False)
    docs_b: tuple[Document, ...] = field(compare=False, repr=False)

    @property
    def n_a(self) -> int:
        return len(self.docs_a)

    @property
    def n_b(self) -> int:
        return len(self.docs_b)

    @property
    def single(self) -> bool:
        """True when each side is one document (no interval or test is possible)."""
        return self.n_a == 1 and self.n_b == 1

    @property
    def docs(self) -> tuple[Document, ...]:
        """Side A's documents, then side B's."""
        return self.docs_a + self.docs_b

    def __iter__(self):
        """The compared documents (A, then B): a comparison goes wherever documents do,
        e.g. ``frame_measures(cmp, "generic")``."""
        return iter(self.docs)

    def __len__(self) -> int:
        return self.n_a + self.n_b

    def side_of(self, doc_id: str) -> str | None:
        """``"a"``, ``"b"`` or ``None`` for a document in neither group."""
        return "a" if doc_id in self.ids_a else "b" if doc_id in self.ids_b else None

    def name(self, side: str) -> str:
        return {"a": self.name_a, "b": self.name_b}[side]

    def ids(self, side: str) -> tuple[str, ...]:
        """The document ids of side ``"a"`` or ``"b"``."""
        return {"a": self.ids_a, "b": self.ids_b}[side]

    def by_side(self) -> tuple[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]]:
        """``(("a", ids_a), ("b", ids_b))``: both sides with their document ids, A first."""
        return (("a", self.ids_a), ("b", self.ids_b))

    def sides(self) -> pd.DataFrame:
        """One row per compared document: ``doc, side, group``."""
        rows = [(d, s, self.name(s)) for s, ids in self.by_side() for d in ids]
        return pd.DataFrame(rows, columns=["doc", "side", "group"])

    def describe(self) -> str:
        """``"chapter (1 document) vs news (1 document)"``."""
        def part(name: str, n: int) -> str:
            return f"{name} ({n} document{'s' if n != 1 else ''})"
        return f"{part(self.name_a, self.n_a)} vs {part(self.name_b, self.n_b)}"

    def spec(self) -> dict[str, str]:
        """The environment variables that reproduce this comparison (:func:`to_env`)."""
        return to_env(self.by, self.a, self.b)


def parse_values(values: str | Sequence[str] | None) -> tuple[str, ...] | None:
    """``"x, y"`` or ``["x", "y"]`` → ``("x", "y")``; ``None`` or empty → ``None``."""
    if values is None:
        return None
    items = values.split(",") if isinstance(values, str) else list(values)
    cleaned = tuple(dict.fromkeys(str(v).strip() for v in items if str(v).strip()))
    return cleaned or None


def value_of(doc: Document, by: str) -> str:
    """The document's value in catalog column ``by`` (``id`` included)."""
    return doc.id if by == "id" else (doc.entry.get(by) or "")


def group_columns(corpus: Corpus | Iterable[Document]) -> list[str]:
    """Columns a comparison can use: ``id``, the known catalog columns, then extra ones."""
    extra = dict.fromkeys(c for d in corpus for c in d.entry.extra)
    return ["id"] + [c for c in KNOWN_COLUMNS if c != "id"] + list(extra)


def _listing(values: Iterable[str], limit: int = 10) -> str:
    values = list(values)
    shown = ", ".join(repr(v) for v in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def _side_name(values: tuple[str, ...], docs: list[Document], by: str) -> str:
    if by == "id" and len(docs) == 1:
        return docs[0].label
    if len(values) <= NAMED_VALUES:
        return " + ".join(values)
    return f"{values[0]} + {len(values) - 1} more"


def compare(corpus: Corpus, by: str = DEFAULT_BY, a: str | Sequence[str] | None = None,
            b: str | Sequence[str] | None = None) -> Comparison:
    """The :class:`Comparison` of ``corpus`` by column ``by``, values ``a`` against ``b``
    (see the module doc for the defaults and the errors)."""
    by = (by or DEFAULT_BY).strip()
    columns = group_columns(corpus)
    if by not in columns:
        raise InputError("--group-by", f"no column {by!r} in the catalog (columns: {_listing(columns, 20)})")
    docs = list(corpus)
    values = [value_of(d, by) for d in docs]
    counts = Counter(v for v in values if v)
    order = list(counts)  # first appearance
    a_vals, b_vals = parse_values(a), parse_values(b)
    for flag, chosen in (("--a", a_vals), ("--b", b_vals)):
        unknown = [v for v in chosen or () if v not in counts]
        if unknown:
            raise InputError(flag, f"no document has {by} = {unknown[0]!r} (values: {_listing(order)})")
    if a_vals is None and b_vals is None:
        if len(counts) < 2:
            raise InputError("--group-by", f"column {by!r} has {len(counts)} distinct value(s) "
                                           f"({_listing(order)}); nothing to compare: choose another column")
        ranked = sorted(order, key=lambda v: (-counts[v], order.index(v)))
        a_vals, b_vals = (ranked[0],), (ranked[1],)
    elif b_vals is None:
        b_vals = tuple(v for v in order if v not in a_vals)
    elif a_vals is None:
        a_vals = tuple(v for v in order if v not in b_vals)
    overlap = [v for v in a_vals if v in b_vals]
    if overlap:
        raise InputError("--b", f"value {overlap[0]!r} is on both sides")
    if not a_vals or not b_vals:
        raise InputError("--group-by", f"column {by!r} leaves no other value for the second side")
    docs_a = [d for d, v in zip(docs, values) if v in a_vals]
    docs_b = [d for d, v in zip(docs, values) if v in b_vals]
    return Comparison(by, a_vals, b_vals, _side_name(a_vals, docs_a, by), _side_name(b_vals, docs_b, by),
                      tuple(d.id for d in docs_a), tuple(d.id for d in docs_b), tuple(docs_a), tuple(docs_b))


def to_env(by: str = DEFAULT_BY, a: str | Sequence[str] | None = None,
           b: str | Sequence[str] | None = None) -> dict[str, str]:
    """The environment variables :func:`from_env` reads, e.g. for notebook kernels."""
    join = lambda vals: ",".join(parse_values(vals) or ())  # noqa: E731
    return {GROUP_BY_ENV: by or DEFAULT_BY, A_ENV: join(a), B_ENV: join(b)}


def from_env(corpus: Corpus, environ: dict | None = None) -> Comparison:
    """The comparison the environment asks for: ``RDF_GROUP_BY`` (default
    ``kind``), ``RDF_A``, ``RDF_B`` (comma-separated values; unset or empty:
    the defaults of :func:`compare`)."""
    env = os.environ if environ is None else environ
    return compare(corpus, env.get(GROUP_BY_ENV) or DEFAULT_BY, env.get(A_ENV) or None, env.get(B_ENV) or None)


def in_force(corpus: Corpus, by: str | None = None, a: str | Sequence[str] | None = None,
             b: str | Sequence[str] | None = None, environ: dict | None = None) -> Comparison:
    """The comparison in force: the one rule the notebooks, the findings, the report and the commands use.

    1. Asked for in the call (``by``, ``a`` or ``b`` given): :func:`compare` with them.
    2. Else asked for in the environment (``RDF_GROUP_BY``, ``RDF_A``, ``RDF_B``): :func:`from_env`.
    3. Else the default grouping (``kind``); when the corpus cannot give it (a plain folder of
       texts: fewer than two values), its first two documents, as single documents (``by="id"``).

    A grouping asked for (1 or 2) that the corpus cannot give raises :class:`~analysis.InputError`."""
    if by or a or b:
        return compare(corpus, by or DEFAULT_BY, a, b)
    env = os.environ if environ is None else environ
    if any(env.get(name) for name in (GROUP_BY_ENV, A_ENV, B_ENV)):
        return from_env(corpus, env)
    try:
        return compare(corpus)
    except InputError:
        if len(corpus) < 2:
            raise
        return compare(corpus, "id", a=corpus.ids[0], b=corpus.ids[1])
