"""The findings of the framing notebook, computed: for two documents, or for two groups.

:func:`findings` takes the tables the notebook built and returns its Markdown
bullets. With one document per side (the seeds' chapter and news piece) the
bullets are the notebook's long-standing per-document findings; for groups they
aggregate: group means with intervals, frames that differ with documents as the
units, and how many documents of each group do what.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..framing import frames
from .framing import SEED_NOTE, SEED_OFF, clear_differences, frame_summary
from .common import count_phrase, md, side_label
from ..paths import seed_lexicons


@dataclass(frozen=True)
class FramingTables:
    """What the framing notebook computed, as the findings need it."""

    generic: pd.DataFrame  # document scores, generic scheme
    metaphor: pd.DataFrame
    stance: pd.DataFrame
    attributed: pd.DataFrame
    negated: pd.DataFrame
    generic_check: pd.DataFrame
    policy_check: pd.DataFrame
    top_words: pd.DataFrame


def _pair(t: FramingTables, comparison, names: dict[str, str]) -> list[str]:
    first, second = comparison.docs_a[0], comparison.docs_b[0]
    gs = t.generic.set_index(["doc", "frame"])
    ms = t.metaphor.set_index(["doc", "frame"])
    A, B = md(names[first.id]), md(names[second.id])

    def lead(doc_id):
        row = frames.top_frames(t.generic[t.generic.doc == doc_id], 1).iloc[0]
        return f"{md(row['name'].lower())} ({row.score:.1f} per 1,000 words)"

    def field(doc_id, f):
        return int(ms.loc[(doc_id, f), "hits"])

    denied = t.negated[t.negated.doc == first.id]
    external = denied[denied.frame == "external_regulation_reputation"]
    from ..findings import bullet, contrast_finding, distinctive_words_finding, leading_frame_finding, stance_finding

    verdicts = [bullet(leading_frame_finding(d, "generic")) for d in (first, second)]
    verdicts += [bullet(contrast_finding(None, cmp, scheme="policy")) for cmp in (comparison, _swap(comparison))]
    if seed_lexicons():
        verdicts += [bullet(contrast_finding(None, cmp, scheme="metaphor")) for cmp in (comparison, _swap(comparison))]
    verdicts += [bullet(distinctive_words_finding(None, comparison, side=s)) for s in ("a", "b")]
    return verdicts + [
        f"- **Conflict cues**: {gs.loc[(first.id, 'conflict'), 'score']:.1f} in {A} vs "
        f"{gs.loc[(second.id, 'conflict'), 'score']:.1f} per 1,000 words in {B}.",
        f"- **Morality**: {gs.loc[(first.id, 'morality'), 'hits']} morality cues in {A} "
        f"({md(gs.loc[(first.id, 'morality'), 'cues'] or 'none')}) against {gs.loc[(second.id, 'morality'), 'hits']} in {B}.",
        *_metaphor_pair(t.metaphor, first.id, second.id, A, B),
        f"- **Voices**: {B} attributes {len(t.attributed[t.attributed.doc == second.id])} statements to speakers through "
        f"reporting verbs, {A} {len(t.attributed[t.attributed.doc == first.id])}.",
        *[bullet(stance_finding(d)) for d in (first, second)],
        f"- **Negation**: {len(denied)} cues in {A} are negated, {len(external)} of them in the external-relations "
        f"dimension ({md(', '.join(external['match']) or 'none')}).",
        _validation(t),
    ]


def _metaphor_pair(metaphor: pd.DataFrame, a: str, b: str, A: str, B: str) -> list[str]:
    """The metaphor bullet for two documents: every field, in both directions (fields with more
    words in ``a``, then in ``b``, then the tied ones), or a note when seed-written lists are off."""
    if not seed_lexicons():
        return [SEED_OFF]
    hits = metaphor.pivot_table(index="frame", columns="doc", values="hits", aggfunc="sum", sort=False)
    order = list(dict.fromkeys(metaphor["frame"]))
    hits = hits.reindex(order).fillna(0).astype(int)

    def listed(rows) -> str:
        return ", ".join(f"{f} {hits.at[f, a]} vs {hits.at[f, b]}" for f in rows) or "none"

    more_a = sorted((f for f in order if hits.at[f, a] > hits.at[f, b]), key=lambda f: hits.at[f, b] - hits.at[f, a])
    more_b = sorted((f for f in order if hits.at[f, b] > hits.at[f, a]), key=lambda f: hits.at[f, a] - hits.at[f, b])
    tied = [f for f in order if hits.at[f, a] == hits.at[f, b]]
    return [f"- **Metaphor fields** ({SEED_NOTE}; words, {A} vs {B}): more in {A}: {listed(more_a)}; "
            f"more in {B}: {listed(more_b)}; as many: {listed(tied)}."]


def _swap(comparison):
    """Side B against side A."""
    from dataclasses import replace

    c = comparison
    return replace(c, a=c.b, b=c.a, name_a=c.name_b, name_b=c.name_a, ids_a=c.ids_b, ids_b=c.ids_a,
                   docs_a=c.docs_b, docs_b=c.docs_a)


def _validation(t: FramingTables) -> str:
    """In-sample agreement with the hand-coded seed sentences (the texts the cues were
    written on: not a validation), pooled, with Wilson 95 % intervals."""
    from ..intervals import format_interval, wilson_interval

    def pooled(check) -> str:
        row = check.iloc[-1]
        p = format_interval(*wilson_interval(int(row.tp), int(row.predicted)))
        r = format_interval(*wilson_interval(int(row.tp), int(row.coded)))
        return f"{row.precision:.2f} ({p}) / {row.recall:.2f} ({r})"

    return (f"- **In-sample check**: on the hand-coded seed sentences, which the cues were written on, pooled "
            f"precision/recall (Wilson 95 % intervals) is {pooled(t.generic_check)} (generic) and "
            f"{pooled(t.policy_check)} (policy); agreement on texts the cues were not written on is the external "
            f"validation below." + (f"\n{voice}" if (voice := _voice_line()) else ""))


def _voice_line() -> str:
    """Per-voice precision/recall of the voice tagger on its hand-labelled test set
    (Narrative Frames Corpus dev articles), as committed."""
    from ..framing.voice_check import load_voice_validation

    try:
        table = load_voice_validation()
    except Exception:  # noqa: BLE001 - the line is optional on a trimmed install
        return ""
    rows = table[table["rules"] == "after"]
    if rows.empty:
        return ""
    parts = []
    for r in rows.itertuples():
        if r.voice == "scare_quote":
            parts.append(f"scare quotes read as the writer's {r.correct} of {r.gold}")
        else:
            parts.append(f"{r.voice} P {r.precision:.2f} ({r.precision_low:.2f}–{r.precision_high:.2f}), "
                         f"R {r.recall:.2f} ({r.recall_low:.2f}–{r.recall_high:.2f})")
    return (f"- **Voice**: on {int(rows['spans'].iloc[0])} hand-labelled spans of Narrative Frames Corpus dev "
            f"articles, " + "; ".join(parts) + ".")


def _groups(t: FramingTables, comparison) -> list[str]:
    generic = frame_summary(t.generic, comparison)
    metaphor = frame_summary(t.metaphor, comparison)

    def lead(side):
        row = generic[generic.side == side].sort_values("mean", ascending=False, kind="stable").iloc[0]
        return f"{row['name'].lower()} ({row['mean']:.1f} per 1,000 words on average, used in " \
               f"{count_phrase(row.using, comparison, side)})"

    def fields(side):
        rows = metaphor[(metaphor.side == side) & (metaphor.using > 0)].sort_values(
            "using", ascending=False, kind="stable").head(2)
        return ", ".join(f"{r.name.lower()} ({r.using})" for r in rows.itertuples()) or "none"

    def negating(ids):
        return t.negated[t.negated.doc.isin(ids)].doc.nunique()

    words = lambda side: ", ".join(md(w) for w in t.top_words[t.top_words.favours == side].term.head(5)) or "none"  # noqa: E731
    a, b = md(comparison.name_a), md(comparison.name_b)
    lines = [
        f"- **Groups**: {side_label(comparison, 'a')} against {side_label(comparison, 'b')}, documents as the units.",
        f"- **Leading generic frame**: {lead('a')} in {a}; {lead('b')} in {b}.",
        f"- **Differences**: {clear_differences(t.generic, comparison)}",
        *([f"- **Metaphor fields used by most documents** ({SEED_NOTE}): {fields('a')} in {a}; {fields('b')} in "
           f"{b} (documents using the field)."] if seed_lexicons() else [SEED_OFF]),
        f"- **Negation**: {count_phrase(negating(comparison.ids_a), comparison, 'a')} and "
        f"{count_phrase(negating(comparison.ids_b), comparison, 'b')} negate at least one cue.",
        f"- **Distinctive words** (dispersed over their group): {words('a')} for {a}; {words('b')} for {b}.",
    ]
    if t.generic_check.iloc[-1].coded + t.generic_check.iloc[-1].predicted > 0:
        lines.append(_validation(t))
    return lines


def findings(tables: FramingTables, comparison, names: dict[str, str]) -> str:
    """The notebook's findings as Markdown bullets."""
    return "\n".join(_pair(tables, comparison, names) if comparison.single else _groups(tables, comparison))
