"""What the sentiment notebook shows for a comparison: one document per side, or two groups.

For a handful of compared documents (:func:`analysis.group_views.per_document`)
these functions return the per-document figures and sentences the notebook has
always shown. For groups, documents are the units: each document's mean
sentence compound and share of negative sentences
(:func:`analysis.group_measures.sentiment_measures` on the notebook's sentence
scores), summarised per group with bootstrap intervals, compared with a
permutation test and Cliff's δ, and drawn as spreads, arcs on a shared 0–1
position axis and, where documents are dated, time lines.
"""
from __future__ import annotations

import pandas as pd

from . import group_views, sentiment
from .group_stats import group_differences, group_summary
from .group_views import count_phrase, difference_clause, interval, md, per_document, side_label

ARC_BINS = 10  # tenths of a document for group arcs
MEASURES = {"compound": "mean sentence compound", "share_negative": "share of negative sentences"}


def compared(table: pd.DataFrame, comparison) -> pd.DataFrame:
    """The rows of a per-document or per-sentence table that belong to the compared documents."""
    return table[table["doc"].isin(comparison.ids_a + comparison.ids_b)]


def document_measures(docs: pd.DataFrame) -> pd.DataFrame:
    """``doc, measure, value``: mean compound and share of negative sentences per document, from a
    :func:`analysis.sentiment.document_scores` table (what the group statistics compare)."""
    parts = [docs[["doc"]].assign(measure=m, value=docs[m].astype(float)) for m in MEASURES]
    return pd.concat(parts).sort_index(kind="stable").reset_index(drop=True)


def summary(docs: pd.DataFrame, comparison) -> pd.DataFrame:
    """Per group and measure: ``n_docs``, mean, median and 95 % interval."""
    return group_summary(document_measures(compared(docs, comparison)), comparison)


def differences(docs: pd.DataFrame, comparison) -> pd.DataFrame:
    """Per measure: A − B with its interval, permutation p-value and Cliff's δ."""
    return group_differences(document_measures(compared(docs, comparison)), comparison)


def _position_measures(arc: pd.DataFrame) -> pd.DataFrame:
    """``doc, tenth, value``: each document's mean compound in each tenth of its length."""
    tenth = (arc["position"] * ARC_BINS).clip(upper=ARC_BINS - 1e-9).astype(int)
    table = arc.assign(tenth=tenth).groupby(["doc", "tenth"], sort=False)["compound"].mean()
    return table.rename("value").reset_index()


def arcs_figure(arc: pd.DataFrame, comparison, names: dict[str, str]):
    """``(figure, table)``: every document's arc for a handful of documents; else each group's mean
    compound per tenth of the document with its 95 % interval."""
    import matplotlib.pyplot as plt

    if per_document(comparison):
        return sentiment.plot_arcs(compared(arc, comparison), names), compared(arc, comparison)
    table = group_summary(_position_measures(compared(arc, comparison)), comparison)
    fig, ax = plt.subplots(figsize=(9, 4.5))
    ax.axhspan(-sentiment.THRESHOLD, sentiment.THRESHOLD, color="0.85", alpha=0.6, lw=0)
    for k, side in enumerate(("a", "b")):
        part = table[table.side == side].sort_values("tenth")
        xs = (part["tenth"] + 0.5) / ARC_BINS
        ax.plot(xs, part["mean"], marker="o", color=group_views.PALETTE[k],
                label=group_views.plot_text(side_label(comparison, side, markdown=False)))
        ax.fill_between(xs, part["ci_low"], part["ci_high"], color=group_views.PALETTE[k], alpha=0.15, lw=0)
    ax.set_xlim(0, 1)
    ax.set_xlabel("relative position in the document (tenths)")
    ax.set_ylabel("mean VADER compound (group mean, 95 % interval)")
    ax.set_title("Sentiment arcs per group")
    ax.legend(fontsize=8, frameon=False)
    fig.tight_layout()
    return fig, table


def distributions_figure(scores: pd.DataFrame, docs: pd.DataFrame, comparison, names: dict[str, str]):
    """``(figure, table)``: sentence distributions per document for a handful of documents; else the
    spread of the documents' mean compound and share of negative sentences in each group."""
    if per_document(comparison):
        table = compared(scores, comparison)[["doc", "index", "compound", "pos", "neu", "neg"]]
        return sentiment.plot_distributions(compared(scores, comparison), names), table
    values = document_measures(compared(docs, comparison))
    fig = group_views.plot_group_spread(values, comparison, "Sentiment per document, by group", "value",
                                        key="measure", labels=MEASURES)
    return fig, values


def _describe_document(row, corpus) -> str:
    d = corpus[row.doc]
    return (f"- **{md(d.label)}** ({row.sentences} sentences): mean compound {row.compound:+.3f} ({row.sentiment}); "
            f"{row.share_positive:.0%} of sentences positive, {row.share_negative:.0%} negative, "
            f"{row.share_neutral:.0%} neutral; sentence scores range from {row.min:+.3f} to {row.max:+.3f}. "
            f"Scored as one block of text, VADER would call it {row.whole_text:+.3f}.")


def documents_text(docs: pd.DataFrame, corpus, comparison) -> str:
    """Markdown bullets: each document's tone, or each group's (with how many documents lean negative)."""
    if per_document(comparison):
        return "\n".join(_describe_document(row, corpus) for row in docs.itertuples(index=False))
    table = summary(docs, comparison).set_index(["side", "measure"])
    shown = compared(docs, comparison)
    lines = []
    for side in ("a", "b"):
        ids = comparison.ids_a if side == "a" else comparison.ids_b
        mine = shown[shown["doc"].isin(ids)]
        c, neg = table.loc[(side, "compound")], table.loc[(side, "share_negative")]
        ci = interval(c.ci_low, c.ci_high, 3, signed=True)
        lines.append(f"- **{side_label(comparison, side)}**: mean document compound {c['mean']:+.3f}"
                     f"{' (' + ci + ')' if ci else ''}; on average {neg['mean']:.0%} of a document's sentences "
                     f"are negative; {count_phrase(int((mine.compound <= -sentiment.THRESHOLD).sum()), comparison, side)}"
                     f" are negative on average, {int((mine.compound >= sentiment.THRESHOLD).sum())} positive.")
    return "\n".join(lines)


def arc_text(arc: pd.DataFrame, corpus, comparison) -> str:
    """Markdown bullets: where each document's (or group's) smoothed arc is lowest and highest."""
    if per_document(comparison):
        lines = []
        for doc in comparison.docs:
            a = arc[arc.doc == doc.id]
            low, high = a.loc[a.smooth.idxmin()], a.loc[a.smooth.idxmax()]
            lines.append(f"- **{md(doc.label)}**: the smoothed arc is lowest ({low.smooth:+.3f}) around position "
                         f"{low.position:.2f} (sentence {int(low['index'])}) and highest ({high.smooth:+.3f}) around "
                         f"{high.position:.2f} (sentence {int(high['index'])}); window {int(a.window.iloc[0])} sentences.")
        return "\n".join(lines)
    table = group_summary(_position_measures(compared(arc, comparison)), comparison)
    lines = []
    for side in ("a", "b"):
        part = table[table.side == side]
        low, high = part.loc[part["mean"].idxmin()], part.loc[part["mean"].idxmax()]
        lines.append(f"- **{side_label(comparison, side)}**: the group's arc is lowest ({low['mean']:+.3f}) in tenth "
                     f"{int(low.tenth) + 1} of the documents and highest ({high['mean']:+.3f}) in tenth "
                     f"{int(high.tenth) + 1}.")
    return "\n".join(lines)


def comparison_text(scores: pd.DataFrame, docs: pd.DataFrame, comparison) -> str:
    """The two sides compared: for one document each, the sentence-level contrast and its rough
    permutation test; for groups, documents as units (difference, interval, p, δ)."""
    if comparison.single:
        first, second = comparison.docs_a[0], comparison.docs_b[0]
        a, b = (docs.set_index("doc").loc[d.id] for d in (first, second))
        gap = a.compound - b.compound
        lines = [
            f"On average a sentence of {md(first.label)} scores {a.compound:+.3f} and one of {md(second.label)} "
            f"{b.compound:+.3f}, a difference of {gap:+.3f}. The spread of sentence scores (standard deviation) is "
            f"{a['std']:.3f} against {b['std']:.3f}. {md(first.label.capitalize())} has {a.share_negative:.0%} negative "
            f"and {a.share_neutral:.0%} neutral sentences, {md(second.label)} {b.share_negative:.0%} and "
            f"{b.share_neutral:.0%}."]
        if first.id != second.id:
            test = sentiment.mean_difference_test(scores, first.id, second.id)
            verdict = "could easily arise by chance" if test["p_value"] >= 0.05 else "is unlikely to arise by chance"
            lines.append(
                f"A permutation test ({test['permutations']:,} random reassignments of sentences to the two texts) "
                f"gives p = {test['p_value']:.3f}: a difference this large {verdict}.")
        return " ".join(lines)
    table = differences(docs, comparison).set_index("measure")
    return (f"Documents as the units, {md(comparison.name_a)} against {md(comparison.name_b)}: mean document compound "
            f"{difference_clause(table.loc['compound'], 3)}; share of negative sentences "
            f"{difference_clause(table.loc['share_negative'], 3)}.")
