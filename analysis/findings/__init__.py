"""Findings that carry their warrant: each claim with its effect, test (where n
allows), in-sample precision with its interval, robustness checks and a verdict the wording follows.

>>> registry(comparison)                                              # every finding of a comparison, computed once
>>> all_findings(corpus, "ch49-vostochny", "news-shoigu-2025")   # one row per finding
"""
from __future__ import annotations

import pandas as pd

from ..paths import seed_lexicons

from .model import (Check, Finding, bullet, count_margin, decide, marker, statement, with_verdicts,
                    SUPPORTED, TIE, NOT_ROBUST, NONE_PASSES, DESCRIPTIVE, NOT_TESTABLE, VERDICTS)
from .registry import registry
from .sentiment import document_tone
from .keyness import distinctive_words_finding, THRESHOLD
from .topics import SEED_SUBTOPICS, subtopics
__all__ = ["Check", "Finding", "bullet", "count_margin", "decide", "marker", "statement", "registry", "with_verdicts",
           "SUPPORTED", "TIE", "NOT_ROBUST", "NONE_PASSES", "DESCRIPTIVE", "NOT_TESTABLE", "VERDICTS", "document_tone",
           "distinctive_words_finding", "THRESHOLD", "all_findings", "SUBTOPICS", "subtopics"]

SUBTOPICS = SEED_SUBTOPICS  # the seeds' sub-topics; other corpora: :func:`subtopics`


def all_findings(corpus, a: str, b: str, subtopics: tuple[str, ...] = SUBTOPICS) -> pd.DataFrame:
    """Every comparative finding for documents ``a`` and ``b``, from the findings registry (the same
    findings the notebooks state): one row each (id, topic, verdict, claim, effect, ..., checks,
    caveats). Entity pairs need the entity model: :func:`pair_finding` is called on its own."""
    from .sides import comparison

    found = registry(comparison(corpus, a, b))
    rows = [found.tone()]
    for doc in (corpus[a], corpus[b]):
        rows += [found.leading(doc, "generic"), found.arc(doc), found.stance(doc)]
    for side in ("a", "b"):
        rows += [found.contrast(scheme, side)
                 for scheme in (("generic", "policy", "metaphor") if seed_lexicons() else ("generic", "policy"))]
    rows += [found.distinctive(s) for s in ("a", "b")]
    rows += [found.subtopic(q) for q in subtopics]
    return pd.DataFrame([f.as_row() for f in rows])
