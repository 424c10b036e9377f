"""Arc findings: where in a text the tone runs lowest, and whether the smoothing decides it.

The arc is :func:`analysis.sentiment.scores.arcs` (a centred rolling mean
over about 20 % of the sentences). The claim names the third of the text
(opening, middle, close) holding the lowest point of the smoothed arc.
Margin: when the lowest points of two thirds are within
:data:`~analysis.findings.sentiment.TONE_MARGIN` of each other the low is a
tie. Robustness: the arc window at each share in :data:`ARC_WINDOWS`.
"""
from __future__ import annotations

from ..corpus.model import Document
from .model import Check, Finding, decide, NOT_ROBUST, SUPPORTED, TIE
from .sentiment import TONE_MARGIN

ARC_WINDOWS = (0.1, 0.3)
THIRDS = ("opening", "middle", "close")


def _lows(arc) -> dict[str, float]:
    """The lowest smoothed value in each third of the text."""
    third = (arc["position"] * 3).clip(upper=2.999).astype(int)
    return {THIRDS[k]: float(arc.loc[third == k, "smooth"].min()) for k in sorted(set(third))}


def _lowest(lows: dict[str, float]) -> str:
    return min(lows, key=lambda k: (lows[k], THIRDS.index(k)))


def arc_finding(doc: Document, window_share: float = 0.2) -> Finding:
    """Which third of ``doc`` holds the lowest point of its smoothed tone arc."""
    from ..sentiment import arcs, sentence_scores

    scores = sentence_scores(doc, evidence=False)
    lows = _lows(arcs(scores, window_share))
    low = _lowest(lows)
    others = sorted(v for k, v in lows.items() if k != low)
    within = not others or others[0] - lows[low] < TONE_MARGIN
    checks = []
    for share in ARC_WINDOWS:
        other = _lowest(_lows(arcs(scores, share)))
        checks.append(Check("arc window", f"{share:.0%} of the sentences", f"lowest in the {other}", other != low))
    verdict = decide(flips=any(c.flips for c in checks), within_margin=within, testable=True)
    value = f"smoothed compound {lows[low]:+.3f}"
    wording = {
        SUPPORTED: f"The tone of {doc.label} runs lowest in its {low} ({value}), whatever the arc window.",
        TIE: (f"{doc.label[:1].upper()}{doc.label[1:]} has no clear low point: the lowest smoothed tone of two "
              f"thirds differs by less than {TONE_MARGIN}."),
        NOT_ROBUST: (f"The tone of {doc.label} runs lowest in its {low} ({value}) with the default arc window, "
                     "but " + "; ".join(f"with {c.setting} it is {c.result}" for c in checks if c.flips) + "."),
    }[verdict]
    return Finding(f"sentiment: arc of {doc.id}", verdict, wording, effect=round(lows[low], 4),
                   margin=f"lows of two thirds within {TONE_MARGIN}", checks=tuple(checks))
