"""Types shared by every subpackage: what a function accepts as "the documents"."""
from __future__ import annotations

from typing import Iterable, Union

from .corpus.model import Corpus, Document

Docs = Union[Corpus, Document, Iterable[Document]]
"""A corpus, one document or any iterable of documents."""

__all__ = ["Docs", "as_documents"]


def as_documents(docs: Docs) -> list[Document]:
    """The documents of ``docs`` as a list (one document becomes a list of one)."""
    return [docs] if isinstance(docs, Document) else list(docs)
