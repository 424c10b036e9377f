"""Frame findings: a text's leading frame, and the frame on which two sides differ most.

Leading frame (one document)
    the frame with most non-negated cue hits. Margin: the package's one count
    margin (:func:`~analysis.findings.model.count_margin`, an exact Poisson
    rate-ratio test treating words as independent; both counts have the same
    words as exposure): 14 against 13 is a tie.
Contrast (side A against side B)
    the frame whose rate per 1,000 words (mean over a side's documents) is
    most higher on A than on B: the largest of k differences, and the wording
    says so. With one document per side the margin is the count margin on
    the two texts' hits with their word totals as exposure, and a difference
    outside it is *descriptive* (no inference from one text per side). With
    groups documents are the units (:func:`analysis.groups.stats.difference`)
    and a difference below :data:`RATE_MARGIN` per 1,000 words is a tie.

Robustness checks for both: leave-one-cue-out (drop every occurrence of one
lexicon cue, for each cue of the frames involved; the claim must keep its
frame) and the negation window (4 and 12 words instead of 8). The frame's
in-sample precision on the hand-coded sample is reported with its Wilson
interval, with a warning when the whole interval is below 0.5.
"""
from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

import pandas as pd

from ..corpus.model import Corpus, Document
from ..framing import cues as cue_engine
from ..framing.frames import document_scores
from ..groups.comparison import Comparison
from ..groups.stats import difference
from .model import (Check, Finding, count_margin, decide, p_text, precision_caveat, DESCRIPTIVE, NOT_ROBUST,
                    NOT_TESTABLE, SUPPORTED, TIE)
from .sides import comparison, side_name

RATE_MARGIN = 2.0
NEGATION_WINDOWS = (4, 12)


def matches_with_window(docs: list[Document], scheme: str, window: int | None = None) -> pd.DataFrame:
    """Cue matches of ``scheme`` with another negation window (``None``: the lexicon's)."""
    rules = cue_engine.settings()
    if window is not None:
        rules = replace(rules, window=window)
    lexicon = cue_engine.load_lexicon(scheme)
    rows = [row for d in docs for row in cue_engine.document_matches(d, lexicon, rules)]
    return pd.DataFrame(rows, columns=cue_engine.MATCH_COLUMNS).astype({"negated": "bool"})


def _hits(matches: pd.DataFrame) -> dict[tuple[str, str], int]:
    live = matches[~matches["negated"]]
    return live.groupby(["doc", "frame"]).size().to_dict()


@lru_cache(maxsize=8)
def _in_sample(scheme: str) -> dict[str, tuple[float, int, int]]:
    """Per frame: precision on the hand-coded sample (seeds' sentences, in-sample: the
    cues were written on them), NaN where undefined, with its true positives and predictions."""
    from ..corpus.model import load_corpus
    from ..framing.validation import validate

    try:
        table = validate(load_corpus(), scheme)
    except Exception:  # no seeds or no sample: no in-sample precision
        return {}
    return {f: (p, int(tp), int(n)) for f, p, tp, n in zip(table["frame"], table["precision"], table["tp"],
                                                           table["predicted"])}


def precision_of(scheme: str, frame: str) -> float | None:
    """In-sample precision of one frame, or ``None`` without a hand-coded sample for it."""
    value = _in_sample(scheme).get(frame, (None,))[0]
    return None if value is None or value != value else float(value)


def precision_counts(scheme: str, frame: str) -> tuple[int | None, int | None]:
    """``(true positives, predictions)`` behind :func:`precision_of` (``None`` when unknown)."""
    found = _in_sample(scheme).get(frame)
    return (found[1], found[2]) if found else (None, None)


def _caveat(scheme: str, frame: str, label: str) -> str:
    return precision_caveat(label, precision_of(scheme, frame), *precision_counts(scheme, frame))


def _frame_name(scheme: str, frame: str) -> str:
    frames = cue_engine.load_lexicon(scheme).frames
    return str(frames.loc[frames["frame"] == frame, "name"].iloc[0]).lower()


def _leader(hits: dict[tuple[str, str], int], doc: str, order: list[str]) -> tuple[str, int, str, int]:
    ranked = sorted(order, key=lambda f: (-hits.get((doc, f), 0), order.index(f)))
    first, second = ranked[0], ranked[1]
    return first, hits.get((doc, first), 0), second, hits.get((doc, second), 0)


def _cue_out_checks(matches: pd.DataFrame, frames: list[str], claim_holds) -> list[Check]:
    """Leave-one-cue-out: one check per cue of ``frames`` found live in ``matches``."""
    live = matches[~matches["negated"] & matches["frame"].isin(frames)]
    checks = []
    for cue in sorted(set(live["cue"])):
        kept = matches[matches["cue"] != cue]
        holds, result = claim_holds(kept)
        if not holds:
            checks.append(Check("leave-one-cue-out", f"without the cue {cue!r}", result, True))
    if not checks:
        checks.append(Check("leave-one-cue-out", f"each of {len(set(live['cue']))} cues left out in turn",
                            "the claim holds every time", False))
    return checks


def _window_checks(docs: list[Document], scheme: str, claim_holds) -> list[Check]:
    checks = []
    for window in NEGATION_WINDOWS:
        holds, result = claim_holds(matches_with_window(docs, scheme, window))
        checks.append(Check("negation window", f"{window} words", result, not holds))
    return checks


def leading_frame_finding(doc: Document, scheme: str = "generic") -> Finding:
    """Which frame leads in ``doc``, by how much, and whether the lead survives the checks."""
    order = list(cue_engine.load_lexicon(scheme).frames["frame"])
    matches = matches_with_window([doc], scheme)
    first, h1, second, h2 = _leader(_hits(matches), doc.id, order)
    margin = count_margin(h1, h2)

    def holds(m: pd.DataFrame) -> tuple[bool, str]:
        f, a, s, b = _leader(_hits(m), doc.id, order)
        return f == first, f"{_frame_name(scheme, f)} {a} vs {_frame_name(scheme, s)} {b}"

    checks = _cue_out_checks(matches, [first, second], holds) + _window_checks([doc], scheme, holds)
    flips = any(c.flips for c in checks)
    verdict = decide(flips=flips, within_margin=margin.tie, testable=True)
    name1, name2 = _frame_name(scheme, first), _frame_name(scheme, second)
    precision = precision_of(scheme, first)
    counts = f"{h1} vs {h2} cue hits in all voices"
    wording = {
        SUPPORTED: (f"In {doc.label} the leading {scheme} frame is {name1} ({counts}, {name2} the runner-up; "
                    f"{margin.text()})."),
        TIE: (f"In {doc.label} {name1} and {name2} tie as the leading {scheme} frames ({counts}; "
              f"{margin.text()})."),
        NOT_ROBUST: (f"In {doc.label} {name1} leads the {scheme} frames ({counts}, {name2} the runner-up), but not "
                     f"robustly: "
                     f"{flipped(checks)}."),
    }[verdict]
    caveats = tuple(c for c in (_caveat(scheme, first, f"{name1} ({scheme})"),
                                _caveat(scheme, second, f"{name2} ({scheme})") if verdict == TIE else "") if c)
    return Finding(f"frames: leading {scheme} frame in {doc.id}", verdict, wording, effect=float(h1 - h2),
                   values=(float(h1), float(h2)), p_value=margin.p_value, test="exact Poisson rate-ratio test",
                   margin="rate-ratio 95 % interval covers 1", precision=precision, checks=tuple(checks),
                   caveats=caveats, id=f"frames.leading.{scheme}.{doc.id}", value=counts,
                   subject=(first, second) if verdict == TIE else (first,))


def _rates(matches: pd.DataFrame, docs: list[Document], scheme: str) -> pd.DataFrame:
    """Frames x documents, hits per 1,000 body words."""
    scores = document_scores(docs, scheme, matches)
    return scores.pivot(index="frame", columns="doc", values="score")


def _contrast(matches: pd.DataFrame, cmp: Comparison, scheme: str) -> tuple[str, pd.Series, pd.DataFrame]:
    rates = _rates(matches, list(cmp.docs), scheme)
    order = list(cue_engine.load_lexicon(scheme).frames["frame"])
    diff = (rates[list(cmp.ids_a)].mean(axis=1) - rates[list(cmp.ids_b)].mean(axis=1)).reindex(order)
    top = max(order, key=lambda f: (diff[f], -order.index(f)))
    return top, diff, rates


def in_voice(matches: pd.DataFrame, docs: list[Document], voice: str | None) -> pd.DataFrame:
    """``matches`` in one voice (all for ``None``); tagged once, so a table that
    already has a ``voice`` column is only filtered."""
    from ..framing.voice import cue_voices, restrict

    if voice is None:
        return matches
    return restrict(matches if "voice" in matches.columns else cue_voices(matches, docs), voice)


def _others_share(matches: pd.DataFrame, docs: list[Document], frame: str) -> tuple[int, int]:
    """Live cues of ``frame`` in others' words (quoted or attributed), and all of them."""
    from ..framing.voice import cue_voices

    live = matches[~matches["negated"] & (matches["frame"] == frame)]
    tagged = live if "voice" in live.columns else cue_voices(live, docs)
    return int((tagged["voice"] != "authorial").sum()), len(tagged)


def _side_by_side(every_voice: pd.DataFrame, docs: list[Document], cmp: Comparison, scheme: str, top: str,
                  name: str, voice: str | None, others: int, total: int) -> str:
    """The lead frame in the other reading: authorial only when ``voice`` is None, all voices otherwise."""
    other = "authorial" if voice is None else None
    _, _, rates = _contrast(in_voice(every_voice, docs, other), cmp, scheme)
    mean = lambda ids: float(rates.loc[top, list(ids)].mean()) if top in rates.index else 0.0  # noqa: E731
    figures = f"{mean(cmp.ids_a):.1f} vs {mean(cmp.ids_b):.1f} per 1,000 words"
    if voice is None:
        return (f"Counted in all voices; in the writers' own words only (authorial voice) {name} is {figures}, "
                f"{others} of the {total} {name} cues of both sides being quoted or attributed to others.")
    return (f"Counted in the writers' own words only; in all voices {name} is {figures}, {others} of the {total} "
            f"{name} cues of both sides being quoted or attributed to others and left out here.")


def _counts(matches: pd.DataFrame, cmp: Comparison, scheme: str, frame: str) -> tuple[int, int, int, int]:
    """Live hits of ``frame`` on side A and side B, and the sides' body words (the exposures)."""
    scores = document_scores(list(cmp.docs), scheme, matches)
    rows = scores[scores["frame"] == frame].set_index("doc")
    side = lambda ids, col: int(rows.loc[list(ids), col].sum())  # noqa: E731
    return side(cmp.ids_a, "hits"), side(cmp.ids_b, "hits"), side(cmp.ids_a, "words"), side(cmp.ids_b, "words")


def contrast_finding(corpus: Corpus, a: str | Comparison | None = None, b: str | None = None,
                     scheme: str = "policy", voice: str | None = None) -> Finding:
    """The frame ``scheme`` on which side A most exceeds side B, with its warrant.

    By default cues in every voice count (``voice=None``: choosing whom to quote is itself a
    framing act); the same frame in the writers' own words (authorial voice) is stated beside it,
    with the share of its cues in others' words. ``voice="authorial"`` counts the writers' words
    only and states the all-voices figure beside it.
    """
    from ..framing.voice import cue_voices

    cmp = comparison(corpus, a, b)
    docs = list(cmp.docs)
    single = len(cmp.ids_a) == 1 and len(cmp.ids_b) == 1
    every_voice = cue_voices(matches_with_window(docs, scheme), docs)
    matches = in_voice(every_voice, docs, voice)
    top, diff, rates = _contrast(matches, cmp, scheme)
    name = _frame_name(scheme, top)
    stats = difference(list(rates.loc[top, list(cmp.ids_a)]), list(rates.loc[top, list(cmp.ids_b)]))
    k_a, k_b, w_a, w_b = _counts(matches, cmp, scheme, top)
    margin = count_margin(k_a, k_b, w_a, w_b)

    def outside(m: pd.DataFrame, t: str, d: pd.Series) -> bool:
        if single:
            return not count_margin(*_counts(m, cmp, scheme, t)).tie
        return d[t] >= RATE_MARGIN

    def holds(m: pd.DataFrame) -> tuple[bool, str]:
        kept = in_voice(m, docs, voice)
        t, d, r = _contrast(kept, cmp, scheme)
        ok = outside(kept, t, d)
        return t == top and ok, (f"{_frame_name(scheme, t)} leads ({d[t]:+.1f} per 1,000 words"
                                 f"{'' if ok else ', within the margin'})")

    second = max((f for f in diff.index if f != top), key=lambda f: diff[f])
    checks = _cue_out_checks(matches, [top, second], holds) + _window_checks(docs, scheme, holds)
    flips = any(c.flips for c in checks)
    significant = bool(stats["testable"] and stats["p_value"] < 0.05)
    close = not single and diff[top] - diff[second] < RATE_MARGIN  # groups: "most" is a tie with the runner-up
    within = margin.tie if single else (diff[top] < RATE_MARGIN or close)
    verdict = decide(flips=flips, within_margin=within, testable=stats["testable"], significant=significant,
                     single=single)
    name_a, name_b = side_name(cmp, "a"), side_name(cmp, "b")
    counted = f"cue hits {k_a} vs {k_b}" + ("" if single else " in all")
    basis = "in all voices" if voice is None else "in the writers' own words" if voice == "authorial" else f"in {voice} voice"
    values = f"{stats['mean_a']:.1f} vs {stats['mean_b']:.1f} per 1,000 words {basis}"
    picked = (f"the largest of {len(diff)} differences; next, {_frame_name(scheme, second)} "
              f"{diff[second]:+.1f}")
    if single:
        test = f"{margin.text()}; one document per side, so no inference about other texts"
    elif stats["testable"]:
        test = f"permutation {p_text(stats['p_value'])}, documents as units"
    else:
        test = "a side has one document, so no test with documents as units is possible"
    lean = f"relative to {name_b}, {name_a} uses {scheme} frame cues of {name} most ({values}; {counted}; {picked})"
    wording = {
        SUPPORTED: f"{_cap(lean)}; {test}.",
        DESCRIPTIVE: f"{_cap(lean)}; {test}: this describes the two texts, it does not generalise.",
        NOT_TESTABLE: f"{_cap(lean)}; {test}.",
        TIE: (f"Relative to {name_b}, {name_a} leans as much towards {_frame_name(scheme, second)} "
              f"({diff[second]:+.1f} per 1,000 words) as towards {name} ({diff[top]:+.1f}): a tie within "
              f"{RATE_MARGIN} per 1,000 words; {test}." if close and diff[top] >= RATE_MARGIN else
              f"{_cap(name_a)} and {name_b} do not differ detectably on any {scheme} frame (largest of "
              f"{len(diff)} differences: {name}, {values}; {counted}; {test})."),
        NOT_ROBUST: f"{_cap(lean)}, but not robustly: {flipped(checks)}; {test}.",
    }[verdict]
    precision = precision_of(scheme, top)
    others, total = _others_share(every_voice, docs, top)
    voices = _side_by_side(every_voice, docs, cmp, scheme, top, name, voice, others, total)
    caveats = tuple(c for c in (_caveat(scheme, top, f"{name} ({scheme})"), voices) if c)
    return Finding(f"frames: {scheme} contrast", verdict, wording, effect=round(float(diff[top]), 3),
                   values=(round(stats["mean_a"], 3), round(stats["mean_b"], 3)),
                   interval=(stats["diff_ci_low"], stats["diff_ci_high"]) if stats["testable"] else None,
                   p_value=(stats["p_value"] if stats["testable"] else margin.p_value if single else None),
                   test=test, margin=("rate-ratio 95 % interval covers 1" if single
                                      else f"difference < {RATE_MARGIN} per 1,000 words"),
                   precision=precision, checks=tuple(checks), caveats=caveats,
                   id=f"frames.contrast.{scheme}" + (f".{voice}" if voice else ""),
                   value=values, subject=(top,))


def flipped(checks: list[Check], show: int = 2) -> str:
    """``"without the cue 'x': ...; and 3 more checks"``: the checks that flip the claim."""
    bad = [c for c in checks if c.flips]
    text = "; ".join(f"{c.setting}: {c.result}" for c in bad[:show])
    return text + (f"; and {len(bad) - show} more" if len(bad) > show else "")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
