"""Entity findings: which actors a text names together most, ties stated.

Input is the per-document co-occurrence table
(:func:`analysis.entities.tables.cooccurrence` with ``by_doc=True``). The
claim names the pair named together in most sentences; every pair named in
as many sentences ties with it, and the wording lists them instead of
picking the alphabetically first. A lead over the next pair is a tie when
it is within the package's one count margin
(:func:`~analysis.findings.model.count_margin`: an exact Poisson test of the
two sentence counts, which treats sentences as independent).
"""
from __future__ import annotations

import pandas as pd

from ..corpus.model import Document
from .model import Check, Finding, count_margin, SUPPORTED, TIE


def pair_finding(pairs: pd.DataFrame, doc: Document) -> Finding:
    """The pair(s) most often named together in ``doc``."""
    rows = pairs[pairs["doc"] == doc.id].sort_values(["sentences", "entity_a", "entity_b"],
                                                     ascending=[False, True, True], kind="stable")
    if rows.empty:
        return Finding(f"entities: pairs in {doc.id}", TIE, f"No sentence of {doc.label} names two actors.")
    top = int(rows["sentences"].iloc[0])
    tied = rows[rows["sentences"] == top]
    names = [f"{a} and {b}" for a, b in zip(tied["entity_a"], tied["entity_b"])]
    runner = rows[rows["sentences"] < top]
    if len(tied) > 1:
        shown = "; ".join(names[:4]) + (f"; and {len(names) - 4} more" if len(names) > 4 else "")
        verdict, wording = TIE, (f"In {doc.label} {len(tied)} pairs tie as most often named together "
                                 f"({top} sentences each): {shown}.")
    else:
        second = int(runner["sentences"].iloc[0]) if len(runner) else 0
        margin = count_margin(top, second)
        if margin.tie:
            verdict, wording = TIE, (f"In {doc.label} the pair most often named together is {names[0]} ({top} "
                                     f"sentences; the next pair, {second}), but the lead is within the count margin "
                                     f"({margin.text().replace('words', 'sentences')}).")
        else:
            verdict, wording = SUPPORTED, (f"In {doc.label} the pair most often named together is {names[0]} "
                                           f"({top} sentences; the next pair, {second}; "
                                           f"{margin.text().replace('words', 'sentences')}).")
    check = Check("ties", "pairs with the same number of sentences", f"{len(tied)} pair(s) at {top}", False)
    return Finding(f"entities: pairs in {doc.id}", verdict, wording, effect=float(top),
                   margin="pairs named in as many sentences tie; a lead within the count margin is a tie",
                   checks=(check,), id=f"entities.pairs.{doc.id}", value=f"{top} sentences")
