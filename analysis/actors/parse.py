"""spaCy with its dependency parser, loaded once, for the actor measures.

The entity pass (:mod:`analysis.entities.ner`) loads the same installed model
package with only its ``ner`` component; the actor measures need the tagger,
the parser and the lemmatizer instead (who does what to whom), and not ``ner``.
Nothing is downloaded: the model package is installed from the lock.
"""
from __future__ import annotations

from functools import lru_cache

from ..entities.ner import MODEL

__all__ = ["parser", "parse"]


@lru_cache(maxsize=1)
def parser():
    """The spaCy pipeline with ``tok2vec``, ``tagger``, ``parser``, ``attribute_ruler``
    and ``lemmatizer`` (no ``ner``), loaded once per process."""
    import importlib

    module = importlib.import_module(MODEL)
    return module.load(exclude=["ner", "senter"])


def parse(texts, batch_size: int = 64) -> list:
    """The parsed spaCy ``Doc`` of each text, in order (one process)."""
    return list(parser().pipe(list(texts), batch_size=batch_size))
