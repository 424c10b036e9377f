"""Findings that carry their warrant: each claim with its effect, test (where n
allows), in-sample precision with its interval, robustness checks and a verdict the wording follows.

>>> tone_finding(corpus, "ch49-vostochny", "news-shoigu-2025").text()
>>> all_findings(corpus, "ch49-vostochny", "news-shoigu-2025")   # one row per finding
"""
from __future__ import annotations

import pandas as pd

from ..paths import seed_lexicons

from .model import (Check, Finding, bullet, count_margin, decide, marker, precision_caveat, statement, SUPPORTED,
                    NOT_ROBUST, TIE, NONE_PASSES, DESCRIPTIVE, NOT_TESTABLE, VERDICTS, PRECISION_FLOOR, with_verdicts)
from .registry import Registry, registry
from .sentiment import tone_finding, document_tone, TONE_MARGIN
from .frames import leading_frame_finding, contrast_finding, precision_of, RATE_MARGIN, NEGATION_WINDOWS
from .keyness import distinctive_words_finding, PRIOR_FACTORS, THRESHOLD
from .arcs import arc_finding, ARC_WINDOWS
from .topics import subtopic_finding, NEGATION_WINDOW as SUBTOPIC_NEGATION_WINDOW
from .entities import pair_finding
from .stance import stance_finding

__all__ = ["Check", "Finding", "bullet", "count_margin", "decide", "marker", "precision_caveat", "statement",
           "Registry", "registry", "SUPPORTED", "NOT_ROBUST", "TIE", "NONE_PASSES", "DESCRIPTIVE", "NOT_TESTABLE",
           "VERDICTS", "PRECISION_FLOOR", "with_verdicts", "tone_finding", "document_tone", "TONE_MARGIN",
           "leading_frame_finding", "contrast_finding", "precision_of", "RATE_MARGIN", "NEGATION_WINDOWS",
           "distinctive_words_finding", "PRIOR_FACTORS", "THRESHOLD", "arc_finding", "ARC_WINDOWS",
           "subtopic_finding", "SUBTOPIC_NEGATION_WINDOW", "pair_finding", "stance_finding", "all_findings", "SUBTOPICS"]

SUBTOPICS = ("arms for technology", "sanctions", "treaty")  # the sub-topics notebook 04 searches


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
