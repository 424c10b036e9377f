"""What the framing notebook shows for a comparison: one document per side, or two groups.

Each function takes the tables the notebook computed and the
:class:`analysis.groups.Comparison` in force. While the comparison holds a
handful of documents (:func:`analysis.group_views.per_document`, the seeds'
chapter against their news piece), it returns the per-document figure or
sentences the notebook has always shown; beyond that, the group view: means
with bootstrap intervals, differences with a permutation test and Cliff's δ,
and counts of documents ("12 of 132 left documents use the frame").
"""
from __future__ import annotations

import pandas as pd

from . import frames, group_views
from .frame_plots import plot_profile
from .group_stats import group_differences, group_summary
from .group_views import count_phrase, difference_clause, interval, number, per_document, side_label


def compared(scores: pd.DataFrame, comparison) -> pd.DataFrame:
    """The rows of a per-document table that belong to the compared documents."""
    return scores[scores["doc"].isin(comparison.ids_a + comparison.ids_b)]


def frame_measures(scores: pd.DataFrame, value: str = "score") -> pd.DataFrame:
    """A :func:`analysis.frames.document_scores` table as tidy ``doc, frame, value`` measures."""
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
                          f"cues: {r.cues})" for r in rows.itertuples())


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
        return "\n".join(f"- In **{names[d.id]}** the strongest {scheme} frames are "
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
        return (f"Relative to {names[second.id]}, {names[first.id]} leans most towards "
                f"**{label[diff.index[-1]].lower()}** ({wide.loc[diff.index[-1], first.id]:.1f} vs "
                f"{wide.loc[diff.index[-1], second.id]:.1f} per 1,000 words), and {names[second.id]} most towards "
                f"**{label[diff.index[0]].lower()}** ({wide.loc[diff.index[0], second.id]:.1f} vs "
                f"{wide.loc[diff.index[0], first.id]:.1f}).")
    table = frame_differences(scores, comparison).sort_values("diff", kind="stable")
    most_a, most_b = table.iloc[-1], table.iloc[0]
    return (f"Relative to {comparison.name_b}, {comparison.name_a} leans most towards **{most_a['name'].lower()}** "
            f"({difference_clause(most_a, 1, 'per 1,000 words')}), and {comparison.name_b} most towards "
            f"**{most_b['name'].lower()}** ({difference_clause(most_b, 1, 'per 1,000 words')}).")


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
    """Markdown bullets: the metaphor fields each document, or each group, uses most."""
    if per_document(comparison):
        def fields(doc_id):
            rows = frames.top_frames(scores[(scores.doc == doc_id) & (scores.hits > 0)], n)
            return "; ".join(f"{r.name.lower()} ({r.hits} words: {r.cues})" for r in rows.itertuples()) or "none"
        return "\n".join(f"- **{names[d.id]}**: {fields(d.id)}." for d in comparison.docs)
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
        return "\n".join(f"- **{names[d.id]}**: {stance_ratio(stance_scores, d.id)}." for d in comparison.docs)
    summary = frame_summary(stance_scores, comparison).set_index(["side", "frame"])
    lines = []
    for side in ("a", "b"):
        c, h = summary.loc[(side, "certainty")], summary.loc[(side, "hedging")]
        lines.append(f"- **{side_label(comparison, side)}**: {c['mean']:.1f} certainty markers and "
                     f"{h['mean']:.1f} hedges per 1,000 words on average; hedges in "
                     f"{count_phrase(int(h['using']), comparison, side)}.")
    return "\n".join(lines)
