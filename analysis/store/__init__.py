"""A resumable annotation store: every stage's results as partitioned Parquet
tables, written once (locally or on a Dask cluster), read back with DuckDB.

>>> from analysis.store import annotate, open_store
>>> annotate("path/to/articles", "path/to/store")      # python -m analysis annotate
>>> corpus = analysis.load_corpus("path/to/store")     # the same tables, no re-parsing

See ``docs/store.md``.
"""
from .layout import looks_like_store
from .reader import StoreCorpus, open_corpus, read_table
from .tables import TABLES
from .writer import Summary, annotate

__all__ = ["StoreCorpus", "Summary", "TABLES", "annotate", "looks_like_store", "open_corpus", "read_table"]
