"""A resumable annotation store: every stage's results as partitioned Parquet
tables, written once (locally or on a Dask cluster), read back with DuckDB.

>>> from analysis.store import annotate, read_table
>>> annotate("path/to/articles", "path/to/store")      # python -m analysis annotate
>>> corpus = analysis.load_corpus("path/to/store")     # the same tables, no re-parsing

See ``docs/store.md``. The names below are imported on first use, so that asking
"is this folder a store?" (every ``load_corpus``) costs no imports.
"""
from importlib import import_module

_WHERE = {"annotate": "writer", "Summary": "writer", "StoreCorpus": "reader", "open_corpus": "reader",
          "read_table": "reader", "TABLES": "tables", "looks_like_store": "layout"}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
