"""Sub-topic findings: is a sub-topic *discussed* in both texts, not merely matched?

The alignment's topic search (:meth:`analysis.corpus.similarity.Alignment.topic`)
ranks passages by cosine with the query; any non-zero cosine used to count
as "found". Here a side discusses the sub-topic only when one of its top
passages mentions a query word *without negation* (the negation rule of
``matching.yaml`` with a clause-wide window of :data:`NEGATION_WINDOW`
words): the chapter's only *treaty* passage says "not a meeting of diplomats
to discuss cultural exchange or peace treaties", a denial, not a discussion.
"""
from __future__ import annotations

import pandas as pd

from ..corpus.model import Corpus, Document
from ..framing import cues as engine
from .model import Check, Finding, NOT_ROBUST, SUPPORTED, TIE

TOP_PASSAGES = 3
NEGATION_WINDOW = 12  # a denial scopes over a whole clause: "not a meeting of diplomats to discuss ... treaties"


def _query_lexicon(query: str) -> engine.Lexicon:
    from ..corpus.similarity import query_terms

    words = dict.fromkeys(query_terms(query))
    frames = pd.DataFrame({"frame": ["query"], "name": [query]})
    return engine.Lexicon("query", frames, [engine.parse_cue("query", "query", w) for w in words])


def mentions(doc: Document, index: int, query: str) -> tuple[int, int]:
    """Query-word mentions in sentence ``index`` of ``doc``: (affirmed, negated)."""
    from dataclasses import replace

    rules = replace(engine.settings(), window=NEGATION_WINDOW)
    rows = engine.match_sentence(doc.sentences[index], _query_lexicon(query), doc.raw, rules)
    negated = sum(1 for r in rows if r[8])
    return len(rows) - negated, negated


def side_status(doc: Document, passages: pd.DataFrame, query: str) -> tuple[str, float]:
    """``discussed`` / ``only denied`` / ``not found`` for one side, and its best cosine."""
    hits = passages[passages["similarity"] > 0]
    if hits.empty:
        return "not found", 0.0
    counts = [mentions(doc, int(i), query) for i in hits["sentence"]]
    best = float(hits["similarity"].max())
    if any(a for a, _ in counts):
        return "discussed", best
    return ("only denied" if any(n for _, n in counts) else "not found"), best


def subtopic_finding(corpus: Corpus, a: str, b: str, query: str) -> Finding:
    """Whether ``query`` is discussed in both documents (sentence passages)."""
    from ..corpus.similarity import align

    left, right = corpus[a], corpus[b]
    found = align(left, right, "sentence").topic(query, top=TOP_PASSAGES)
    status = {side: side_status(doc, found[found["side"] == side], query)
              for side, doc in (("left", left), ("right", right))}
    naive_both = all(best > 0 for _, best in status.values())
    both = all(s == "discussed" for s, _ in status.values())
    check = Check("negation of the matched words", "passages whose query words are all negated left out",
                  "; ".join(f"{d.label}: {status[s][0]}" for s, d in (("left", left), ("right", right))),
                  naive_both and not both)
    names = {"left": left.label, "right": right.label}
    if both:
        verdict, wording = SUPPORTED, f"The sub-topic {query!r} is discussed in both texts."
    elif check.flips:
        denied = [names[s] for s, (st, _) in status.items() if st == "only denied"]
        missing = [names[s] for s, (st, _) in status.items() if st == "not found"]
        present = [names[s] for s, (st, _) in status.items() if st == "discussed"]
        parts = [f"discussed in {' and '.join(present)}" if present else "discussed in neither text"]
        parts += [f"{n} mentions it only in a denial" for n in denied]
        parts += [f"{n} matches it only through other words" for n in missing]
        verdict, wording = NOT_ROBUST, f"The sub-topic {query!r} is " + "; ".join(parts) + "."
    else:
        where = [names[s] for s, (st, _) in status.items() if st == "discussed"]
        verdict = TIE
        wording = (f"The sub-topic {query!r} is discussed only in {where[0]}." if where
                   else f"The sub-topic {query!r} is discussed in neither text.")
    return Finding(f"alignment: sub-topic {query}", verdict, wording,
                   values=(status["left"][1], status["right"][1]),
                   margin="a side counts when a top passage mentions a query word without negation",
                   checks=(check,))
