"""What the framing notebook shows for a comparison: one document per side, or two groups.

Each function takes the tables the notebook computed and the
:class:`analysis.groups.Comparison` in force. While the comparison holds a
handful of documents (:func:`analysis.views.common.per_document`, the seeds'
chapter against their news piece), it returns the per-document figure or
sentences the notebook has always shown; beyond that, the group view: means
with bootstrap intervals, differences with a permutation test and Cliff's δ,
and counts of documents ("12 of 132 left documents use the frame").
"""
from __future__ import annotations

import pandas as pd

from ..framing import frames
from . import common as group_views
from .framing_figures import plot_profile
from ..groups.stats import group_differences, group_summary
from .common import count_phrase, difference_clause, interval, md, number, per_document, side_label
from ..paths import seed_lexicons

SEED_NOTE = "written on the seeds, not validated on other texts"
SEED_OFF = ("- **Metaphor fields**: not reported; the fields were written for the repository's example corpus and are not "
            "validated on other corpora (`RDF_SEED_LEXICONS=1` reports them).")


def compared(scores: pd.DataFrame, comparison) -> pd.DataFrame:
    """The rows of a per-document table that belong to the compared documents (index renumbered)."""
    return scores[scores["doc"].isin(comparison.ids_a + comparison.ids_b)].reset_index(drop=True)


def frame_measures(scores: pd.DataFrame, value: str = "score") -> pd.DataFrame:
    """A :func:`analysis.framing.frames.document_scores` table as tidy ``doc, frame, value`` measures."""
    return scores[["doc", "frame"]].assign(value=scores[value].astype(float))


def frame_summary(scores: pd.DataFrame, comparison, value: str = "score") -> pd.DataFrame:
    """Per group and frame: ``n_docs``, mean, median, 95 % interval of ``value``, the frame's name,
    and ``using``, the number of the group's documents with at least one hit."""
    table = group_summary(frame_measures(compared(scores, comparison), value), comparison)
    names = dict(zip(scores["frame"], scores["name"]))
    side_of = {d: "a" for d in comparison.ids_a} | {d: "b" for d in comparison.ids_b}
    hits = compared(scores, comparison).assign(side=lambda t: t["doc"].map(side_of))
    using = hits[hits["hits"] > 0].groupby(["side", "frame"]).size()
    table.insert(3, "name", table["frame"].map(names))
    table["using"] = [int(using.get((s, f), 0)) for s, f in zip(table["side"], table["frame"])]
    return table


def voice_scores(docs, scheme: str, matches: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per document and frame the score in all voices and in the writers' own words, side by side:
    ``doc, frame, name, hits, score`` (all voices, the default for frames: choosing whom to quote is
    a framing act), ``authorial_hits, authorial_score`` and ``others`` (hits quoted or attributed)."""
    from ..framing.voice import cue_voices, restrict

    docs = frames.as_documents(docs)
    if matches is None:
        matches = frames.find_cues(docs, scheme)
    tagged = matches if "voice" in matches.columns else cue_voices(matches, docs)
    every = frames.document_scores(docs, scheme, tagged, top_cues=None)
    own = frames.document_scores(docs, scheme, restrict(tagged, "authorial"), top_cues=None)
    out = every[["doc", "frame", "name", "hits", "score"]].copy()
    out["authorial_hits"] = own["hits"].to_numpy()
    out["authorial_score"] = own["score"].to_numpy()
    out["others"] = out["hits"] - out["authorial_hits"]
    return out


def frame_differences(scores: pd.DataFrame, comparison, value: str = "score") -> pd.DataFrame:
    """Per frame: A − B with its interval, permutation p and Cliff's δ (documents as units)."""
    table = group_differences(frame_measures(compared(scores, comparison), value), comparison)
    table.insert(1, "name", table["frame"].map(dict(zip(scores["frame"], scores["name"]))))
    return table


def profile_figure(scores: pd.DataFrame, comparison, names: dict[str, str], title: str):
    """``(figure, table)``: bars per document for a handful of documents, else each group's mean
    score per frame with its 95 % interval; the table is what the figure is drawn from."""
    if per_document(comparison):
        return plot_profile(compared(scores, comparison), names, title), compared(scores, comparison)
    summary = frame_summary(scores, comparison)
    labels = dict(zip(summary["frame"], summary["name"]))
    fig = group_views.plot_group_means(summary, comparison, "frame", title,
                                       "cue hits per 1,000 words: group mean and 95 % interval", labels)
    return fig, summary


def _leading_document(scores: pd.DataFrame, doc_id: str, n: int) -> str:
    rows = frames.top_frames(scores[scores.doc == doc_id], n)
    return ", then ".join(f"**{r.name.lower()}** ({r.score:.1f} per 1,000 words, in {r.share:.0%} of sentences; "
                          f"cues: {md(r.cues)})" for r in rows.itertuples())


def _leading_group(summary: pd.DataFrame, comparison, side: str, n: int) -> str:
    rows = summary[summary.side == side].sort_values("mean", ascending=False, kind="stable").head(n)
    parts = []
    for r in rows.itertuples():
        ci = interval(r.ci_low, r.ci_high, 1)
        parts.append(f"**{r.name.lower()}** (mean {r.mean:.1f} per 1,000 words{', ' + ci if ci else ''}; "
                     f"used in {count_phrase(r.using, comparison, side)})")
    return ", then ".join(parts)


def leading_text(scores: pd.DataFrame, comparison, names: dict[str, str], scheme: str = "generic",
                 n: int = 2) -> str:
    """Markdown bullets: the strongest frames of each document, or of each group."""
    if per_document(comparison):
        return "\n".join(f"- In **{md(names[d.id])}** the strongest {scheme} frames are "
                         f"{_leading_document(scores, d.id, n)}." for d in comparison.docs)
    summary = frame_summary(scores, comparison)
    return "\n".join(f"- In **{side_label(comparison, side)}** the strongest {scheme} frames by group mean are "
                     f"{_leading_group(summary, comparison, side, n)}." for side in ("a", "b"))


def lean_text(scores: pd.DataFrame, comparison, names: dict[str, str]) -> str:
    """One sentence: the frame each side leans towards most, relative to the other."""
    if comparison.single:
        first, second = comparison.docs_a[0], comparison.docs_b[0]
        wide = frames.profile(compared(scores, comparison))
        diff = (wide[first.id] - wide[second.id]).sort_values(kind="stable")
        label = dict(zip(scores.frame, scores.name))
        return (f"Relative to {md(names[second.id])}, {md(names[first.id])} leans most towards "
                f"**{md(label[diff.index[-1]].lower())}** ({wide.loc[diff.index[-1], first.id]:.1f} vs "
                f"{wide.loc[diff.index[-1], second.id]:.1f} per 1,000 words), and {md(names[second.id])} most towards "
                f"**{md(label[diff.index[0]].lower())}** ({wide.loc[diff.index[0], second.id]:.1f} vs "
                f"{wide.loc[diff.index[0], first.id]:.1f}).")
    table = frame_differences(scores, comparison).sort_values("diff", kind="stable")
    most_a, most_b = table.iloc[-1], table.iloc[0]
    return (f"Relative to {md(comparison.name_b)}, {md(comparison.name_a)} leans most towards "
            f"**{most_a['name'].lower()}** ({difference_clause(most_a, 1, 'per 1,000 words')}), and "
            f"{md(comparison.name_b)} most towards "
            f"**{most_b['name'].lower()}** ({difference_clause(most_b, 1, 'per 1,000 words')}). "
            + clear_differences(scores, comparison))


def profile_table(scores: pd.DataFrame, comparison, names: dict[str, str]) -> pd.DataFrame:
    """Frames × documents scores for a handful of documents; else per frame the group means, their
    difference with its interval, the permutation p-value and Cliff's δ."""
    if per_document(comparison):
        profile = frames.profile(compared(scores, comparison))
        profile.columns = [names[c] for c in profile.columns]
        return profile
    table = frame_differences(scores, comparison)
    return table[["frame", "name", "mean_a", "mean_b", "diff", "diff_ci_low", "diff_ci_high", "p_value",
                  "effect_size"]].set_index("frame")


def clear_differences(scores: pd.DataFrame, comparison, alpha: float = 0.05) -> str:
    """How many frames differ with a permutation p below ``alpha``, and which (groups only)."""
    if comparison.single:
        return "With one document per side, no frame difference can be tested."
    table = frame_differences(scores, comparison)
    clear = table[table.testable & (table.p_value < alpha)].sort_values("p_value", kind="stable")
    named = "; ".join(f"{r['name'].lower()} ({number(r['diff'], 1, True)}, p = {r.p_value:.3g})"
                      for _, r in clear.iterrows())
    return (f"{len(clear)} of {len(table)} frames differ between the groups with a permutation p below {alpha}"
            f" (uncorrected for {len(table)} tests){': ' + named if named else ''}.")


def field_text(scores: pd.DataFrame, comparison, names: dict[str, str], n: int = 3) -> str:
    """Markdown bullets: the metaphor fields each document, or each group, uses most; on a corpus
    other than the seeds only with ``RDF_SEED_LEXICONS=1``, since the fields were written on the seeds."""
    if not seed_lexicons():
        return SEED_OFF
    return f"*Metaphor fields: {SEED_NOTE}.*\n\n" + _field_lines(scores, comparison, names, n)


def _field_lines(scores: pd.DataFrame, comparison, names: dict[str, str], n: int) -> str:
    if per_document(comparison):
        def fields(doc_id):
            rows = frames.top_frames(scores[(scores.doc == doc_id) & (scores.hits > 0)], n)
            return "; ".join(f"{md(r.name.lower())} ({r.hits} words: {md(r.cues)})"
                             for r in rows.itertuples()) or "none"
        return "\n".join(f"- **{md(names[d.id])}**: {fields(d.id)}." for d in comparison.docs)
    summary = frame_summary(scores, comparison)
    lines = []
    for side in ("a", "b"):
        rows = summary[(summary.side == side) & (summary.using > 0)].sort_values(
            ["using", "mean"], ascending=False, kind="stable").head(n)
        used = "; ".join(f"{r.name.lower()} (in {count_phrase(r.using, comparison, side)})"
                         for r in rows.itertuples()) or "none"
        lines.append(f"- **{side_label(comparison, side)}**: {used}.")
    return "\n".join(lines)


def stance_ratio(stance_scores: pd.DataFrame, doc_id: str) -> str:
    """"12 certainty markers against 3 hedges (4.0 : 1)" for one document."""
    st = stance_scores.set_index(["doc", "frame"])
    c, h = st.loc[(doc_id, "certainty"), "hits"], st.loc[(doc_id, "hedging"), "hits"]
    return f"{c} certainty markers against {h} hedges" + (f" ({c / h:.1f} : 1)" if h else "")


def stance_text(stance_scores: pd.DataFrame, comparison, names: dict[str, str]) -> str:
    """Markdown bullets: certainty against hedging per document, or per group (mean per 1,000 words)."""
    if per_document(comparison):
        return "\n".join(f"- **{md(names[d.id])}**: {stance_ratio(stance_scores, d.id)}." for d in comparison.docs)
    summary = frame_summary(stance_scores, comparison).set_index(["side", "frame"])
    lines = []
    for side in ("a", "b"):
        c, h = summary.loc[(side, "certainty")], summary.loc[(side, "hedging")]
        lines.append(f"- **{side_label(comparison, side)}**: {c['mean']:.1f} certainty markers and "
                     f"{h['mean']:.1f} hedges per 1,000 words on average; hedges in "
                     f"{count_phrase(int(h['using']), comparison, side)}.")
    return "\n".join(lines)


def evidence_documents(scores: pd.DataFrame, comparison) -> list:
    """The documents whose evidence the notebook shows: each compared document for a handful; else,
    per group, the document that scores highest on the group's leading frame (an example to read)."""
    if per_document(comparison):
        return list(comparison.docs)
    summary = frame_summary(scores, comparison)
    chosen = []
    for side, docs in (("a", comparison.docs_a), ("b", comparison.docs_b)):
        frame = summary[summary.side == side].sort_values("mean", ascending=False, kind="stable").iloc[0].frame
        mine = scores[(scores.frame == frame) & scores.doc.isin([d.id for d in docs])]
        best = mine.sort_values("score", ascending=False, kind="stable").iloc[0].doc
        chosen.append(next(d for d in docs if d.id == best))
    return chosen


def voices_text(attributed: pd.DataFrame, quote_counts: pd.DataFrame, corpus, comparison,
                names: dict[str, str]) -> str:
    """Markdown bullets: who speaks in each document, or how much each group quotes and whom."""
    if per_document(comparison):
        def voices(doc_id):
            mine = attributed[attributed.doc == doc_id]
            if mine.empty:
                return "no attributed speech found"
            speakers = mine.speaker.value_counts()
            top = sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
            distancing = (mine.pattern == "what-speaker-verb").sum()
            return (f"{len(mine)} attributions in {mine['sentence'].nunique()} of {len(corpus[doc_id].sentences)} "
                    f"sentences; speakers: {', '.join(f'{md(s)} ({n})' for s, n in top)}; "
                    f"{distancing} distancing \"what X called\" constructions")
        return "\n".join(f"- **{md(names[d.id])}**: {voices(d.id)}; "
                         f"{int(quote_counts.loc[d.id].sum())} quoted stretches." for d in comparison.docs)
    lines = []
    for side, ids in comparison.by_side():
        mine = attributed[attributed.doc.isin(ids)]
        speakers = mine.groupby("speaker")["doc"].nunique().sort_values(ascending=False, kind="stable")
        top = sorted(speakers.items(), key=lambda kv: (-kv[1], kv[0]))[:4]
        quoted = int(quote_counts.reindex(list(ids), fill_value=0).sum(axis=1).gt(0).sum())
        lines.append(f"- **{side_label(comparison, side)}**: {len(mine)} attributions, "
                     f"{len(mine) / max(len(ids), 1):.1f} per document; "
                     f"{count_phrase(mine.doc.nunique(), comparison, side)} attribute speech at least once and "
                     f"{quoted} quote; speakers in most documents: "
                     f"{', '.join(f'{md(s)} ({n})' for s, n in top) or 'none'}.")
    return "\n".join(lines)


def keyness_table(corpus, comparison) -> pd.DataFrame:
    """Keyness of every word: document against document, or group against group with dispersion."""
    from ..framing import keyness
    from ..groups.keyness import group_keyness

    if comparison.single:
        return keyness.keyness(corpus, comparison.ids_a[0], comparison.ids_b[0])
    return group_keyness(comparison)


def top_keyness(key: pd.DataFrame, comparison, n: int = 10) -> pd.DataFrame:
    """The ``n`` words most typical of each side (for groups: only words spread over the group)."""
    from ..framing import keyness
    from ..groups.keyness import top_dispersed

    return keyness.top_terms(key, n=n) if comparison.single else top_dispersed(key, n=n)


def side_names(comparison, names: dict[str, str]) -> tuple[str, str]:
    """The two sides' names for figures and prose: document labels, or group names."""
    if comparison.single:
        return names[comparison.ids_a[0]], names[comparison.ids_b[0]]
    return comparison.name_a, comparison.name_b


def keyness_figure(top: pd.DataFrame, comparison, names: dict[str, str]):
    """Diverging bars of the distinctive words of each side."""
    from .framing_figures import plot_keyness

    a, b = side_names(comparison, names)
    return plot_keyness(top, (group_views.plot_text(a), group_views.plot_text(b)),
                        title=group_views.plot_text(f"Distinctive words: {a} vs {b}"))


def keyness_text(key: pd.DataFrame, top: pd.DataFrame, comparison, names: dict[str, str]) -> str:
    """How many words are distinctive, and the most typical of each side."""
    from ..framing.keyness import G2_CRITICAL

    a, b = (md(n) for n in side_names(comparison, names))
    sig_g2 = int((key.g2 >= G2_CRITICAL[0.05]).sum())
    sig_z = int((key.log_odds_z.abs() >= 1.96).sum())
    head = lambda side: ", ".join(md(t) for t in top[top.favours == side].term.head(5))  # noqa: E731
    if comparison.single:
        return (f"Of {len(key)} words compared, {sig_g2} reach G² ≥ 3.84 (p < 0.05, uncorrected for {len(key)} "
                f"tests) and {sig_z} reach |z| ≥ 1.96 on the log-odds with the prior. Most typical of {a}: "
                f"{head('a')}; of {b}: {head('b')}. The prior is strong on short texts: it is the pooled word counts "
                f"of the two texts, so a word needs many occurrences before its z-score moves far from zero.")
    return (f"Of {len(key):,} words compared, {sig_z:,} reach |z| ≥ 1.96 on the log-odds with the prior (pooled "
            f"counts) and {int(key.key.sum()):,} of them are also spread over their side's documents (dispersed). "
            f"Most typical of {a}: {head('a') or 'none'}; of {b}: {head('b') or 'none'}.")
