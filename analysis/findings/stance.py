"""Stance findings: does a text's *own* voice lean to certainty or to hedging?

Certainty markers and hedges (the ``stance`` scheme) are counted in the
writer's words only (voice ``authorial``, :mod:`analysis.framing.voice`);
markers inside quotations or reported speech are the speakers' and are
stated separately ("of course" in Putin's quoted words, "no doubt"
attributed to an analyst). Margin: the package's one count margin
(:func:`~analysis.findings.model.count_margin`: an exact Poisson test of the
two counts, treating words as independent).
"""
from __future__ import annotations

from ..corpus.model import Document
from ..framing.cues import find_cues
from ..framing.voice import cue_voices
from .model import Finding, count_margin, plural, SUPPORTED, TIE


def stance_finding(doc: Document) -> Finding:
    """Certainty against hedging in the writer's own words of ``doc``."""
    tagged = cue_voices(find_cues(doc, "stance"), doc)
    live = tagged[~tagged["negated"]]
    own, others = live[live["voice"] == "authorial"], live[live["voice"] != "authorial"]
    c, h = int((own["frame"] == "certainty").sum()), int((own["frame"] == "hedging").sum())
    margin = count_margin(c, h)
    within = margin.tie
    counts = f"{plural(c, 'certainty marker')} against {plural(h, 'hedge')}"
    if within:
        wording = (f"In its own words {doc.label} neither asserts nor hedges more: {counts} "
                   f"({'nothing to compare' if c + h == 0 else margin.text()}).")
    else:
        lean = "certainty" if c > h else "hedging"
        wording = f"In its own words {doc.label} leans to {lean}: {counts} ({margin.text()})."
    caveats = ()
    if len(others):
        who = "; ".join(f"{m} ({v}{', ' + s if s else ''})"
                        for m, v, s in zip(others["match"], others["voice"], others["speaker"]))
        caveats = (f"{len(others)} more stance marker{'s are' if len(others) != 1 else ' is'} in others' words, "
                   f"not counted: {who}.",)
    return Finding(f"stance: {doc.id}", TIE if within else SUPPORTED, wording, effect=float(c - h),
                   values=(float(c), float(h)), p_value=margin.p_value, margin="rate-ratio 95 % interval covers 1",
                   caveats=caveats, id=f"stance.{doc.id}", value=counts)
