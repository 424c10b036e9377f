"""A finding: a claim together with its warrant, and a verdict the wording follows.

Verdicts (decided by :func:`decide`, in this order):

``tie``
    the effect lies within the finding's stated margin, or a test with
    documents as units finds no difference (its 95 % interval covers 0);
``not robust``
    outside the margin, but a listed robustness check flips the claim (a
    watch-list ablation brings the difference within the margin, another
    prior strength drops the word below its threshold, leaving out one cue
    changes the leading frame ...);
``not testable``
    one document per side: no interval or test is possible, so the
    difference is described, never asserted;
``supported``
    outside the margin, robust, and (where n allows) a test with documents
    as units agrees.

A finding resting on a measure whose validated precision on the hand-coded
sample is below :data:`PRECISION_FLOOR` says so in its wording.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

SUPPORTED, NOT_ROBUST, TIE, NOT_TESTABLE = "supported", "not robust", "tie", "not testable"
VERDICTS = (SUPPORTED, NOT_ROBUST, TIE, NOT_TESTABLE)
PRECISION_FLOOR = 0.5


@dataclass(frozen=True)
class Check:
    """One robustness check: what was changed, what the claim became, whether it flipped."""

    name: str
    setting: str
    result: str
    flips: bool


@dataclass(frozen=True)
class Finding:
    """A claim with its support. ``claim`` is the sentence to print; the
    other fields are the warrant behind it."""

    topic: str
    verdict: str
    claim: str
    effect: float | None = None
    values: tuple[float, float] | None = None
    interval: tuple[float, float] | None = None
    p_value: float | None = None
    test: str = ""
    margin: str = ""
    precision: float | None = None
    checks: tuple[Check, ...] = field(default_factory=tuple)
    caveats: tuple[str, ...] = field(default_factory=tuple)

    @property
    def flipped(self) -> list[Check]:
        return [c for c in self.checks if c.flips]

    def text(self) -> str:
        """The claim followed by its caveats, as one paragraph of plain text."""
        return " ".join((self.claim, *self.caveats))

    def as_row(self) -> dict:
        """A flat dict for a table: checks joined into one string."""
        row = asdict(self)
        row["checks"] = "; ".join(f"{c.name} ({c.setting}): {c.result}{' [flips]' if c.flips else ''}"
                                  for c in self.checks)
        row["caveats"] = " ".join(self.caveats)
        return row


def decide(*, flips: bool, within_margin: bool, testable: bool, significant: bool = True) -> str:
    """The verdict from the finding's checks (see the module doc for the order)."""
    if within_margin:
        return TIE
    if flips:
        return NOT_ROBUST
    if not testable:
        return NOT_TESTABLE
    return SUPPORTED if significant else TIE


def precision_caveat(measure: str, precision: float | None) -> str:
    """The sentence a finding adds when its measure is weak on the hand-coded sample."""
    if precision is None or precision != precision:  # NaN: nothing coded or predicted
        return f"The {measure} measure has no validated precision on the hand-coded sample."
    if precision < PRECISION_FLOOR:
        return (f"The {measure} measure has validated precision {precision:.2f} on the hand-coded sample "
                f"(below {PRECISION_FLOOR}): read it as a count of cue words, not of the frame.")
    return ""


def bullet(finding: Finding) -> str:
    """A Markdown bullet: the verdict in bold, then the claim and its caveats (escaped: they hold corpus text)."""
    from ..escape import md_text

    return f"- **{finding.verdict}**: {md_text(finding.text())}"


def signed(value: float, digits: int = 3) -> str:
    """``+0.036`` / ``-0.074``."""
    return f"{value:+.{digits}f}"


def p_text(p: float) -> str:
    """``p = 0.49`` (two significant decimals, never 0)."""
    return f"p = {p:.2f}" if p >= 0.01 else "p < 0.01"
