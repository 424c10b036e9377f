"""Types shared by every subpackage: what a function accepts as "the documents".

Defined beside :class:`~analysis.corpus.model.Corpus` (the corpus's own modules use them there, so that
``analysis.corpus`` and this module do not import each other) and re-exported here for every other subpackage.
"""
from __future__ import annotations

from .corpus.model import Docs, as_documents

__all__ = ["Docs", "as_documents"]
