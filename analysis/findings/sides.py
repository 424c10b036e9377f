"""The two sides a finding compares: single documents or groups of them."""
from __future__ import annotations

from ..corpus.model import Corpus, Document
from ..groups.comparison import Comparison, in_force


def comparison(corpus: Corpus, a: str | Comparison | None = None, b: str | None = None) -> Comparison:
    """A :class:`Comparison`: passed through, or document ``a`` against
    document ``b`` (``by="id"``), or the comparison in force
    (:func:`analysis.groups.comparison.in_force`, as the notebooks read it)."""
    if isinstance(a, Comparison):
        return a
    if a is not None:
        return in_force(corpus, "id", a, b)
    return in_force(corpus)


def side_name(cmp: Comparison, side: str) -> str:
    """A one-document side is called by the document's label ("the news piece"),
    a group by its name with its size ("news (12 documents)")."""
    docs: tuple[Document, ...] = cmp.docs_a if side == "a" else cmp.docs_b
    if len(docs) == 1:
        return docs[0].label
    return f"{cmp.name(side)} ({len(docs)} documents)"


def swap(cmp: Comparison) -> Comparison:
    """Side B against side A."""
    from dataclasses import replace

    return replace(cmp, a=cmp.b, b=cmp.a, name_a=cmp.name_b, name_b=cmp.name_a, ids_a=cmp.ids_b, ids_b=cmp.ids_a,
                   docs_a=cmp.docs_b, docs_b=cmp.docs_a)
