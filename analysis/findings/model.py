"""A finding: a claim together with its warrant, and a verdict the wording follows.

The verdict vocabulary, the same on every page (decided by :func:`decide`):

``supported``
    outside the finding's margin, robust to its listed checks and, where n
    allows, a test with documents as units agrees;
``tie``
    the effect lies within the finding's margin. For every comparison of
    cue-hit counts the margin is one count-based rule (:func:`count_margin`):
    the exact Poisson rate-ratio interval, i.e. the conditional binomial test
    of k₁ given k₁ + k₂ with the word totals as exposure
    (``scipy.stats.binomtest``), which treats words as independent; the
    counts tie when its 95 % interval of the rate ratio covers 1. With
    groups of documents a test with documents as units that finds no
    difference (its 95 % interval covers 0) is also a tie;
``not robust``
    outside the margin, but a listed robustness check flipped it (leaving
    out one cue, another negation window, another prior strength, the
    watch-list ablation), and only that;
``none passes``
    no term reaches the threshold (no word is distinctive at |z| ≥ 1.96):
    nothing is claimed and nothing is listed as if it were;
``descriptive``
    n = 1 per side: the counts are stated, no inference is drawn, the
    difference describes the two texts and does not generalise (a
    sub-topic matched on one word of its query, or mentioned only in a
    denial, is also described, in its own wording);
``not testable``
    a side has too few documents for the test the finding needs (one
    document against a group).

A contrast picked as the largest of k differences says so ("the largest of
14 differences"). Every finding has a stable :attr:`Finding.id`; a page
renders it with :func:`bullet` or :func:`marker`, which carry the id
invisibly (an empty Markdown link ``[](#finding-ID)``), so that a test can
check that every page states the same value and verdict for it.

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
NONE_PASSES, DESCRIPTIVE = "none passes", "descriptive"
VERDICTS = (SUPPORTED, TIE, NOT_ROBUST, NONE_PASSES, DESCRIPTIVE, NOT_TESTABLE)
COUNT_TEST = ("exact Poisson rate-ratio test (binomial test of one count given both, word totals as exposure; "
              "it treats words as independent)")
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
    id: str = ""
    value: str = ""
    """The finding's value as every page states it (e.g. ``"14 vs 13 cue hits"``): a rendering must contain it."""
    subject: tuple[str, ...] = ()
    """What the claim names: the leading frame (both when they tie), the contrast's frame, the words."""

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


def decide(*, flips: bool, within_margin: bool, testable: bool, significant: bool = True,
           single: bool = False) -> str:
    """The verdict from the finding's checks, in this order: ``tie`` within the margin, ``not robust``
    when a check flips it, ``descriptive`` with one document per side (``single``), ``not testable``
    without a possible test, else ``supported`` when the test agrees and ``tie`` when it does not."""
    if within_margin:
        return TIE
    if flips:
        return NOT_ROBUST
    if single:
        return DESCRIPTIVE
    if not testable:
        return NOT_TESTABLE
    return SUPPORTED if significant else TIE


@dataclass(frozen=True)
class CountMargin:
    """The count-based margin of a hit comparison: ``k1`` hits in ``exposure1`` words against
    ``k2`` in ``exposure2``; ``ratio`` is the rate ratio with its exact 95 % interval."""

    k1: int
    k2: int
    ratio: float
    low: float
    high: float
    p_value: float

    @property
    def tie(self) -> bool:
        """The rate-ratio interval covers 1 (or there is nothing to compare)."""
        return self.k1 + self.k2 == 0 or self.low <= 1.0 <= self.high

    def text(self) -> str:
        """``rate ratio 1.08, 95 % interval 0.48–2.46, exact Poisson test treating words as independent``."""
        high = "∞" if self.high == float("inf") else f"{self.high:.2f}"
        ratio = "∞" if self.ratio == float("inf") else f"{self.ratio:.2f}"
        return (f"rate ratio {ratio}, 95 % interval {self.low:.2f}–{high}, exact Poisson test treating "
                f"words as independent")


def count_margin(k1: int, k2: int, exposure1: float = 1.0, exposure2: float = 1.0) -> CountMargin:
    """The one margin for every comparison of two hit counts: the conditional binomial test of
    ``k1`` given ``k1 + k2`` with success probability ``e1 / (e1 + e2)`` (the exposures are word
    totals; equal for two frames of one text), and the Clopper–Pearson interval turned into an
    exact interval of the rate ratio (k1/e1) / (k2/e2)."""
    from scipy.stats import binomtest

    k1, k2 = int(k1), int(k2)
    n = k1 + k2
    if n == 0:
        return CountMargin(0, 0, float("nan"), 0.0, float("inf"), 1.0)
    share = exposure1 / (exposure1 + exposure2)
    result = binomtest(k1, n, share)
    ci = result.proportion_ci(0.95, method="exact")
    scale = exposure2 / exposure1

    def ratio(p: float) -> float:
        return float("inf") if p >= 1.0 else p / (1.0 - p) * scale

    return CountMargin(k1, k2, ratio(k1 / n), ratio(ci.low), ratio(ci.high), float(result.pvalue))


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


def marker(finding: Finding) -> str:
    """The finding's id as an empty Markdown link, ``[](#finding-ID)``: nothing shows on the page,
    and a test can collect every statement of the finding by it."""
    return f"[](#finding-{finding.id})" if finding.id else ""


def statement(finding: Finding, caveats: bool = True) -> str:
    """The finding as one line of Markdown: its (invisible) id, the verdict in bold, the claim and
    (with ``caveats``) its caveats, escaped (they hold corpus text)."""
    from ..escape import md_text

    return f"{marker(finding)}**{finding.verdict}**: {md_text(finding.text() if caveats else finding.claim)}"


def bullet(finding: Finding, caveats: bool = True) -> str:
    """A Markdown bullet of :func:`statement`."""
    return f"- {statement(finding, caveats)}"


def plural(n: int, noun: str) -> str:
    """``1 hedge`` / ``2 hedges``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


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
        return NOT_TESTABLE
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
