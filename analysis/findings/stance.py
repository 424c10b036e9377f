"""Stance findings: does a text's *own* voice lean to certainty or to hedging?

Certainty markers and hedges (the ``stance`` scheme) are counted in the
writer's words only (voice ``authorial``, :mod:`analysis.framing.voice`);
markers inside quotations or reported speech are the speakers' and are
stated separately ("of course" in Putin's quoted words, "no doubt"
attributed to an analyst). Margin: as for a leading frame, a difference of
at most ``1.96·√(c + h)`` markers is a tie.
"""
from __future__ import annotations

import math

from ..corpus.model import Document
from ..framing.cues import find_cues
from ..framing.voice import cue_voices
from .model import Finding, SUPPORTED, TIE


def stance_finding(doc: Document) -> Finding:
    """Certainty against hedging in the writer's own words of ``doc``."""
    tagged = cue_voices(find_cues(doc, "stance"), doc)
    live = tagged[~tagged["negated"]]
    own, others = live[live["voice"] == "authorial"], live[live["voice"] != "authorial"]
    c, h = int((own["frame"] == "certainty").sum()), int((own["frame"] == "hedging").sum())
    bound = 1.96 * math.sqrt(c + h)
    within = abs(c - h) <= bound
    counts = f"{c} certainty marker{'s' if c != 1 else ''} against {h} hedge{'s' if h != 1 else ''}"
    if within:
        wording = f"In its own words {doc.label} neither asserts nor hedges more: {counts} (a tie within {bound:.1f})."
    else:
        lean = "certainty" if c > h else "hedging"
        wording = f"In its own words {doc.label} leans to {lean}: {counts}."
    caveats = ()
    if len(others):
        who = "; ".join(f"{m} ({v}{', ' + s if s else ''})"
                        for m, v, s in zip(others["match"], others["voice"], others["speaker"]))
        caveats = (f"{len(others)} more stance marker{'s are' if len(others) != 1 else ' is'} in others' words, "
                   f"not counted: {who}.",)
    return Finding(f"stance: {doc.id}", TIE if within else SUPPORTED, wording, effect=float(c - h),
                   values=(float(c), float(h)), margin=f"|c - h| <= 1.96 * sqrt(c + h) = {bound:.1f}",
                   caveats=caveats)
