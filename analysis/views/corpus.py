"""What the corpus tour shows for a comparison: the two texts, or the two groups of documents.

As in :mod:`analysis.views.framing`: for a handful of compared documents the
notebook's per-document sentences and figure, for groups aggregates (counts,
group means with bootstrap intervals, spreads of per-document values).
"""
from __future__ import annotations

import pandas as pd

from . import common as group_views
from ..corpus import overview
from ..escape import md_code, md_text
from ..groups.stats import group_summary
from .common import count_phrase, interval, per_document, side_label


def _removed_words(doc) -> int:
    return sum(len(r.text.split()) for r in doc.removals)


def intro_text(corpus, comparison) -> str:
    """What the corpus holds and what the notebooks compare."""
    if comparison.single:
        first, second = comparison.docs_a[0], comparison.docs_b[0]
        return (f"The corpus holds **{len(corpus)}** documents. The notebooks compare **{md_text(first.label)}** "
                f"({md_code(first.id)}, {len(first.sentences)} sentences, {len(first.words):,} words) with "
                f"**{md_text(second.label)}** ({md_code(second.id)}, {len(second.sentences)} sentences, "
                f"{len(second.words):,} words): the first is {len(first.words) / len(second.words):.1f} times as long "
                f"as the second.")
    left_out = len(corpus) - comparison.n_a - comparison.n_b

    def words(docs):
        return sum(len(d.words) for d in docs) / max(len(docs), 1)
    return (f"The corpus holds **{len(corpus):,}** documents. Grouped by {md_code(comparison.by)}, the notebooks "
            f"compare **{side_label(comparison, 'a')}**, {words(comparison.docs_a):,.0f} words on average, with "
            f"**{side_label(comparison, 'b')}**, {words(comparison.docs_b):,.0f} words on average"
            + (f"; {left_out:,} documents are in neither group." if left_out else "."))


def cleaning_text(corpus, comparison) -> str:
    """What cleaning removed and repaired, per document or per group."""
    if per_document(comparison):
        return "\n".join(f"- **{md_text(d.label)}**: {len(d.removals)} spans removed ({_removed_words(d)} words), "
                         f"{len(d.fixes)} repairs, {len(d.headings)} headings kept as structure." for d in corpus)
    lines = []
    for side, docs in (("a", comparison.docs_a), ("b", comparison.docs_b)):
        touched = sum(1 for d in docs if d.removals)
        lines.append(f"- **{side_label(comparison, side)}**: {sum(len(d.removals) for d in docs):,} spans removed "
                     f"({sum(_removed_words(d) for d in docs):,} words) from {count_phrase(touched, comparison, side)}; "
                     f"{sum(len(d.fixes) for d in docs):,} repairs; {sum(len(d.headings) for d in docs):,} headings "
                     f"kept as structure.")
    return "\n".join(lines)


def _lengths(summary: pd.DataFrame) -> pd.DataFrame:
    """``doc, measure, value`` for the mean sentence length and the type-token ratio."""
    long = summary.melt(id_vars=["doc"], value_vars=["mean_sentence_words", "ttr_first_500"], var_name="measure",
                        ignore_index=False)
    return long.sort_index(kind="stable").reset_index(drop=True).astype({"value": float})


def sentence_length_figure(corpus, comparison, summary: pd.DataFrame):
    """``(figure, table)``: a box of sentence lengths per document for a handful of documents; else the
    spread of the documents' mean sentence length in each group."""
    if per_document(comparison):
        return plot_sentence_lengths(corpus), overview.sentence_lengths(corpus)
    values = summary[["doc"]].assign(value=summary["mean_sentence_words"].astype(float))
    fig = group_views.plot_group_spread(values, comparison, "Sentence length by group",
                                        "mean words per sentence of a document")
    return fig, group_views.with_names(values, comparison)


def length_text(summary: pd.DataFrame, comparison) -> str:
    """Sentence length and type-token ratio of the two documents, or the groups' means."""
    if comparison.single:
        first, second = comparison.docs_a[0], comparison.docs_b[0]
        a, b = (summary.set_index("doc").loc[d.id] for d in (first, second))
        return (f"Sentences average {a.mean_sentence_words} words in {md_text(first.label)} and "
                f"{b.mean_sentence_words} in {md_text(second.label)}; on the first 500 words the type-token ratio is "
                f"{a.ttr_first_500:.3f} against {b.ttr_first_500:.3f}.")
    table = group_summary(_lengths(summary), comparison).set_index(["side", "measure"])

    def mean(side, measure, digits):
        row = table.loc[(side, measure)]
        ci = interval(row.ci_low, row.ci_high, digits)
        return f"{row['mean']:.{digits}f}" + (f" ({ci})" if ci else "")
    return (f"A document's sentences average {mean('a', 'mean_sentence_words', 1)} words in "
            f"{side_label(comparison, 'a')} and {mean('b', 'mean_sentence_words', 1)} in {side_label(comparison, 'b')}; "
            f"the type-token ratio on a document's first 500 words is {mean('a', 'ttr_first_500', 3)} against "
            f"{mean('b', 'ttr_first_500', 3)}.")


def findings(corpus, comparison, summary: pd.DataFrame, collocations) -> str:
    """The corpus tour's findings as Markdown bullets."""
    if comparison.single:
        first, second = comparison.docs_a[0], comparison.docs_b[0]
        top_a = md_text(", ".join(collocations(first, top=3).bigram) or "none")
        top_b = md_text(", ".join(collocations(second, top=3).bigram) or "none")
        return "\n".join([
            f"- {md_text(first.label.capitalize())} is {len(first.words) / len(second.words):.1f} times as long as "
            f"{md_text(second.label)} and is organised in {len(overview.sections(first))} sections; "
            f"{md_text(second.label)} has {len(overview.sections(second))}.",
            f"- Cleaning removed {len(second.removals)} spans from {md_text(second.label)} and {len(first.removals)} "
            f"from {md_text(first.label)}; every one is listed above.",
            f"- The strongest collocations are *{top_a}* in {md_text(first.label)} and *{top_b}* in "
            f"{md_text(second.label)}.",
        ])
    words = summary.set_index("doc")["words"]
    return "\n".join([
        f"- {side_label(comparison, 'a')} against {side_label(comparison, 'b')}; a document has "
        f"{words.reindex(list(comparison.ids_a)).median():,.0f} words in the median in the first group and "
        f"{words.reindex(list(comparison.ids_b)).median():,.0f} in the second.",
        "- " + length_text(summary, comparison),
        f"- Cleaning removed {sum(len(d.removals) for d in comparison.docs):,} spans from the compared documents; "
        f"every one is listed in each document's cleaning report.",
    ])


def plot_sentence_lengths(corpus, ax=None):
    """Box plot of words per sentence for each document; returns the figure."""
    import matplotlib.pyplot as plt

    lengths = overview.sentence_lengths(corpus)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.2 + 0.6 * len(corpus)))
    groups = [lengths.loc[lengths.doc == d.id, "words"].to_list() for d in corpus]
    ax.boxplot(groups, vert=False, tick_labels=[group_views.plot_text(d.label) for d in corpus], widths=0.5,
               medianprops={"color": "black", "linewidth": 2}, showfliers=False)
    for i, g in enumerate(groups, start=1):
        ax.scatter(g, [i] * len(g), s=12, alpha=0.6, zorder=3)
    ax.set_xlabel("words per sentence")
    ax.set_title("Sentence length by document")
    return ax.figure
