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

A finding resting on a measure states its in-sample precision on the
hand-coded seed sentences (the lexicons were written on those texts, so the
figure is in-sample, not validated) with its Wilson 95 % interval. It says
the measure is below :data:`PRECISION_FLOOR` only when the whole interval is
below it; when the interval straddles the floor, the rule does not fire and
the wording says the floor cannot be decided.
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


def precision_caveat(measure: str, precision: float | None, correct: int | None = None,
                     predicted: int | None = None) -> str:
    """The sentence a finding adds about its measure's in-sample precision on the
    hand-coded sample: with ``correct`` of ``predicted`` known, the Wilson 95 %
    interval is given and "below 0.5" is said only when the whole interval is
    below :data:`PRECISION_FLOOR` (no rule fires on an interval that straddles it)."""
    from ..intervals import format_interval, straddles, wilson_interval

    if precision is None or precision != precision:  # NaN: nothing coded or predicted
        return f"The {measure} measure has no in-sample precision on the hand-coded sample."
    if correct is None or predicted is None:
        if precision < PRECISION_FLOOR:
            return (f"The {measure} measure has in-sample precision {precision:.2f} on the hand-coded sample "
                    f"(below {PRECISION_FLOOR}, no interval known): read it as a count of cue words, not of the frame.")
        return ""
    low, high = wilson_interval(correct, predicted)
    stated = (f"The {measure} measure has in-sample precision {precision:.2f} ({correct} of {predicted}; "
              f"Wilson 95 % interval {format_interval(low, high)}) on the hand-coded seed sentences, which its "
              f"cues were written on")
    if high < PRECISION_FLOOR:
        return f"{stated}; below {PRECISION_FLOOR}: read it as a count of cue words, not of the frame."
    if straddles(low, high, PRECISION_FLOOR):
        return f"{stated}; the interval straddles {PRECISION_FLOOR}, so whether it reaches {PRECISION_FLOOR} cannot be decided."
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


ALPHA = 0.05
"""The significance level of the group tests (two-sided, with the 95 % intervals)."""


def difference_verdict(testable: bool, diff_ci_low: float, diff_ci_high: float, p_value: float) -> str:
    """The verdict of one group difference with documents as units (:func:`decide`, no
    robustness check): ``not testable`` where a side has too few documents for a test;
    ``supported`` where the bootstrap 95 % interval of the difference excludes 0 and the
    permutation test gives p < :data:`ALPHA`; otherwise ``tie``."""
    if not testable:
        return decide(flips=False, within_margin=False, testable=False)
    values = (diff_ci_low, diff_ci_high, p_value)
    if any(v is None or v != v for v in values):
        return TIE
    excludes_zero = diff_ci_low > 0 or diff_ci_high < 0
    return decide(flips=False, within_margin=False, testable=True, significant=excludes_zero and p_value < ALPHA)


def with_verdicts(differences):
    """A :func:`analysis.groups.stats.group_differences` table with a ``verdict`` column
    (:func:`difference_verdict` of each row), in the package's verdict vocabulary."""
    verdicts = [difference_verdict(bool(r.testable), r.diff_ci_low, r.diff_ci_high, r.p_value)
                for r in differences.itertuples(index=False)]
    return differences.assign(verdict=verdicts)
