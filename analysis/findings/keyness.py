"""Keyness findings: which words are distinctive of a side, at the threshold the figure draws.

A word is distinctive when its log-odds z (Monroe, Colaresi & Quinn 2008,
:func:`analysis.framing.keyness.compare_counts`) reaches ``|z| ≥ threshold``
(default 1.96). Robustness: the prior strength ``α₀`` multiplied by each of
:data:`PRIOR_FACTORS`; a word must stay above the threshold under every one.
No word above the threshold is ``none passes`` ("no word is distinctive"),
never a list of the top-ranked words.
"""
from __future__ import annotations

from ..corpus.model import Corpus
from ..framing.keyness import compare_counts, term_counts
from ..groups.comparison import Comparison
from .model import Check, Finding, decide, NONE_PASSES, NOT_ROBUST
from .sides import comparison, side_name

PRIOR_FACTORS = (0.1, 10.0)
THRESHOLD = 1.96


def _passing(table, side: str, threshold: float) -> list[str]:
    z = table["log_odds_z"] if side == "a" else -table["log_odds_z"]
    chosen = table.assign(_z=z)
    chosen = chosen[chosen["_z"] >= threshold].sort_values(["_z", "term"], ascending=[False, True])
    return list(chosen["term"])


def _z_list(table, terms: list[str]) -> str:
    z = dict(zip(table["term"], table["log_odds_z"]))
    return ", ".join(f"{t} (z = {z[t]:+.2f})" for t in terms)


def distinctive_words_finding(corpus: Corpus, a: str | Comparison | None = None, b: str | None = None,
                              side: str = "a", threshold: float = THRESHOLD, min_count: int = 2) -> Finding:
    """Words distinctive of ``side`` ("a" or "b") of the comparison, with the prior-strength check."""
    cmp = comparison(corpus, a, b)
    counts_a, counts_b = term_counts(cmp.docs_a), term_counts(cmp.docs_b)
    base = compare_counts(counts_a, counts_b, min_count=min_count)
    passing = _passing(base, side, threshold)
    alpha0 = sum(counts_a.values()) + sum(counts_b.values())
    checks, robust = [], set(passing)
    for factor in PRIOR_FACTORS:
        other = compare_counts(counts_a, counts_b, alpha0=alpha0 * factor, min_count=min_count)
        kept = [t for t in passing if t in set(_passing(other, side, threshold))]
        robust &= set(kept)
        checks.append(Check("log-odds prior strength", f"alpha0 x {factor:g}",
                            f"{len(kept)} of {len(passing)} words stay at |z| ≥ {threshold}",
                            len(kept) < len(passing)))
    name, other_name = side_name(cmp, side), side_name(cmp, "b" if side == "a" else "a")
    flips = any(c.flips for c in checks)
    verdict = NONE_PASSES if not passing else decide(flips=flips, within_margin=False, testable=True)
    z = base["log_odds_z"] if side == "a" else -base["log_odds_z"]
    best = base.assign(_z=z).sort_values(["_z", "term"], ascending=[False, True]).head(3)
    if verdict == NONE_PASSES:
        wording = (f"No word is distinctive of {name} against {other_name} at |z| ≥ {threshold}; the highest, "
                   f"{_z_list(base, list(best['term']))}, stay below it.")
    elif verdict == NOT_ROBUST:
        steady = [t for t in passing if t in robust]
        wording = (f"Distinctive of {name} against {other_name} at |z| ≥ {threshold}: {_z_list(base, passing)}; "
                   f"not robust to the prior strength: "
                   + "; ".join(f"with {c.setting} {c.result}" for c in checks if c.flips)
                   + (f" (steady: {', '.join(steady)})." if steady else "."))
    else:
        wording = (f"Distinctive of {name} against {other_name} at |z| ≥ {threshold}, under every prior "
                   f"strength tried: {_z_list(base, passing)}.")
    top_z = float(best["_z"].iloc[0]) if len(best) else 0.0
    return Finding(f"keyness: words distinctive of side {side}", verdict, wording, effect=round(top_z, 3),
                   test="log-odds z with an informative Dirichlet prior (word counts, not documents)",
                   margin=f"|z| < {threshold}", checks=tuple(checks),
                   caveats=("Word counts pool each side's documents; the z-scores describe these texts, "
                            "they are not a test with documents as units.",) if passing else (),
                   id=f"keyness.{side}", value=f"|z| ≥ {threshold}", subject=tuple(passing))
