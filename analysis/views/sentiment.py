"""What the sentiment notebook shows for a comparison: one document per side, or two groups.

For a handful of compared documents (:func:`analysis.views.common.per_document`)
these functions return the per-document figures and sentences the notebook has
always shown. For groups, documents are the units: each document's mean
sentence compound and share of negative sentences
(:func:`analysis.groups.measures.sentiment_measures` on the notebook's sentence
scores), summarised per group with bootstrap intervals, compared with a
permutation test and Cliff's δ, and drawn as spreads, arcs on a shared 0–1
position axis and, where documents are dated, time lines.
"""
from __future__ import annotations

import pandas as pd

from . import common as group_views
from .. import sentiment
from . import sentiment_figures
from ..groups.stats import group_differences, group_summary, sentence_test
from .common import count_phrase, difference_clause, interval, md, per_document, side_label

ARC_BINS = 10  # tenths of a document for group arcs
MEASURES = {"compound": "mean sentence compound", "share_negative": "share of negative sentences"}


def compared(table: pd.DataFrame, comparison) -> pd.DataFrame:
    """The rows of a per-document or per-sentence table that belong to the compared documents."""
    return table[table["doc"].isin(comparison.ids_a + comparison.ids_b)]


def document_measures(docs: pd.DataFrame) -> pd.DataFrame:
    """``doc, measure, value``: mean compound and share of negative sentences per document, from a
    :func:`analysis.sentiment.document_scores` table (what the group statistics compare)."""
    long = docs.melt(id_vars=["doc"], value_vars=list(MEASURES), var_name="measure", ignore_index=False)
    return long.sort_index(kind="stable").reset_index(drop=True).astype({"value": float})


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
        return sentiment_figures.plot_arcs(compared(arc, comparison), names), compared(arc, comparison)
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
        table = compared(scores, comparison)[["doc", "sentence", "compound", "pos", "neu", "neg"]]
        return sentiment_figures.plot_distributions(compared(scores, comparison), names), table
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
        ids = comparison.ids(side)
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
                         f"{low.position:.2f} (sentence {int(low['sentence'])}) and highest ({high.smooth:+.3f}) around "
                         f"{high.position:.2f} (sentence {int(high['sentence'])}); window {int(a.window.iloc[0])} sentences.")
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
            test = sentence_test(scores, first.id, second.id)
            verdict = "could easily arise by chance" if test["p_value"] >= 0.05 else "is unlikely to arise by chance"
            how = (f"A permutation test ({test['permutations']:,} random reassignments of sentences to the two texts)"
                   if test["permutations"] else "An exact permutation test (every reassignment of sentences to the two texts)")
            lines.append(f"{how} gives p = {test['p_value']:.3f}: a difference this large {verdict}.")
        return " ".join(lines)
    table = differences(docs, comparison).set_index("measure")
    return (f"Documents as the units, {md(comparison.name_a)} against {md(comparison.name_b)}: mean document compound "
            f"{difference_clause(table.loc['compound'], 3)}; share of negative sentences "
            f"{difference_clause(table.loc['share_negative'], 3)}.")


def group_entity_sentiment(scores: pd.DataFrame, mentions: pd.DataFrame, comparison,
                           min_sentences: int = 2) -> pd.DataFrame:
    """:func:`analysis.sentiment.entity_sentiment` with each group pooled: ``doc`` is the side
    (``a``/``b``), the sentences of all its documents together."""
    side_of = {d: "a" for d in comparison.ids_a} | {d: "b" for d in comparison.ids_b}
    keyed = scores[scores.doc.isin(side_of)].assign(sentence=lambda t: list(zip(t.doc, t["sentence"])))
    keyed = keyed.assign(doc=keyed.doc.map(side_of))
    named = mentions[mentions.doc.isin(side_of)]
    named = named.assign(sentence=list(zip(named.doc, named.sentence)), doc=named.doc.map(side_of))
    return sentiment.entity_sentiment(keyed, named, min_sentences=min_sentences)


def entity_figure(scores: pd.DataFrame, mentions: pd.DataFrame, around: pd.DataFrame, comparison,
                  names: dict[str, str], top: int = 12):
    """``(figure, table)``: sentiment around entities per document for a handful of documents; else
    per group, the sentences of the group's documents pooled."""
    if per_document(comparison):
        return sentiment_figures.plot_entity_sentiment(around, names, top=top), around
    pooled = group_entity_sentiment(scores, mentions, comparison)
    labels = {s: side_label(comparison, s, markdown=False) for s in ("a", "b")}
    fig = sentiment_figures.plot_entity_sentiment(pooled, {k: group_views.plot_text(v) for k, v in labels.items()}, top=top)
    return fig, pooled.assign(group=pooled.doc.map(labels))


def shared_entities_text(scores: pd.DataFrame, mentions: pd.DataFrame, around: pd.DataFrame, comparison) -> str:
    """The actors named in at least two sentences of both sides, with the mean compound of each side."""
    if comparison.single:
        first, second = comparison.docs_a[0], comparison.docs_b[0]
        columns, label_a, label_b = (first.id, second.id), first.label, second.label
        table, noun = around, "texts"
    else:
        columns, label_a, label_b = ("a", "b"), comparison.name_a, comparison.name_b
        table, noun = group_entity_sentiment(scores, mentions, comparison), "groups"
    shared = table.pivot(index="entity", columns="doc", values="compound")
    if set(columns) <= set(shared.columns):
        shared = shared[list(dict.fromkeys(columns))]
    shared = shared.dropna()
    lines = []
    if columns[0] != columns[1] and set(columns) <= set(shared.columns):
        for entity, row in shared.sort_index().iterrows():
            lines.append(f"- **{md(entity)}**: {row[columns[0]]:+.3f} in {md(label_a)}, {row[columns[1]]:+.3f} in "
                         f"{md(label_b)}.")
    if len(lines) > 15:
        lines = lines[:15] + [f"- … and {len(lines) - 15} more (the full table is the figure's CSV)."]
    if not lines:
        return f"No actor is named in at least two sentences of both {noun}."
    count = len(shared) if columns[0] != columns[1] else 0
    return f"Actors named in at least two sentences of both {noun}: {count}.\n\n" + "\n".join(lines)


def coverage_text(cover: pd.DataFrame, corpus, comparison) -> str:
    """How much of each document (or group) VADER can read."""
    if per_document(comparison):
        return "\n".join(
            f"- **{md(corpus[r.doc].label)}**: {r.in_lexicon} of {r.tokens} word tokens ({r.coverage:.1%}) are in "
            f"the lexicon; {r.neutral_sentences} of {r.sentences} sentences are neutral, {r.no_evidence_sentences} of "
            f"them because VADER found no lexicon word at all."
            for r in cover.itertuples(index=False))
    lines = []
    for side, ids in comparison.by_side():
        mine = cover[cover.doc.isin(ids)]
        lines.append(f"- **{side_label(comparison, side)}**: {int(mine.in_lexicon.sum()):,} of "
                     f"{int(mine.tokens.sum()):,} word tokens ({mine.in_lexicon.sum() / max(mine.tokens.sum(), 1):.1%}) "
                     f"are in the lexicon; {int(mine.no_evidence_sentences.sum()):,} of {int(mine.sentences.sum()):,} "
                     f"sentences have no lexicon word at all.")
    return "\n".join(lines)


def misreading_text(misread: pd.DataFrame, corpus, comparison) -> str:
    """Watch-list words with valence, unknown evaluative words and quoted lexicon words, per
    document or per group."""
    sense = misread[misread.kind.isin(["word sense", "ritual phrase", "metaphor"]) & (misread.contribution != 0)]
    unknown = misread[misread.kind == "not in lexicon"]
    quoted = misread[misread.kind == "quotation"]

    def line(label: str, ids) -> str:
        mine = sense[sense.doc.isin(ids)]
        words = sorted(set(unknown.loc[unknown.doc.isin(ids), "term"]))[:4]
        return (f"- **{label}**: {len(mine)} watch-list words carried valence (net {mine.contribution.sum():+.2f}) "
                f"where the sense VADER rates is probably not the one meant; "
                f"{int(unknown.doc.isin(ids).sum())} evaluative words such as "
                f"{md(', '.join(words) or '(none)')} scored nothing; "
                f"{int(quoted.doc.isin(ids).sum())} lexicon words stood inside quotation marks.")
    if per_document(comparison):
        return "\n".join(line(md(d.label), [d.id]) for d in corpus if d.id in comparison.ids_a + comparison.ids_b)
    return "\n".join(line(side_label(comparison, s), ids)
                     for s, ids in comparison.by_side())


def _strength(x: float) -> str:
    tone = "positive" if x > 0 else "negative"
    return "neutral" if abs(x) < 0.05 else f"mildly {tone}" if abs(x) < 0.2 else f"clearly {tone}"


def findings(scores: pd.DataFrame, docs: pd.DataFrame, misread: pd.DataFrame, corpus, comparison) -> str:
    """The sentiment notebook's findings as Markdown bullets: per document for one document a side,
    per group (documents as the units) otherwise."""
    most_neg = sentiment.top_sentences(scores, n=1, direction="negative").iloc[0]
    most_pos = sentiment.top_sentences(scores, n=1, direction="positive").iloc[0]
    quoted = misread[misread.kind == "quotation"]
    sense = misread[misread.kind.isin(["word sense", "ritual phrase", "metaphor"]) & (misread.contribution != 0)]
    if comparison.single:
        first, second = comparison.docs_a[0], comparison.docs_b[0]
        a, b = (docs.set_index("doc").loc[d.id] for d in (first, second))
        from ..findings import bullet, registry

        found = registry(comparison)
        verdicts = [bullet(found.tone())] + [bullet(found.arc(d)) for d in (first, second)]
        head = "\n".join(verdicts) + "\n" + (
                f"- {md(first.label[:1].upper() + first.label[1:])} has "
                f"{a.share_neutral:.0%} neutral sentences against {b.share_neutral:.0%}, and sentence scores spread "
                f"widely in both (standard deviation {a['std']:.2f} and {b['std']:.2f}).")
        whole = (f"- VADER run on each whole document gives {', '.join(f'{v:+.3f}' for v in docs.whole_text)}: close "
                 f"to saturation and useless for comparison, which is why we average sentences.")
    else:
        table = summary(docs, comparison).set_index(["side", "measure"])
        diff = differences(docs, comparison).set_index("measure").loc["compound"]
        head = (f"- Documents as the units, {side_label(comparison, 'a')} average "
                f"{table.loc[('a', 'compound'), 'mean']:+.3f} ({_strength(table.loc[('a', 'compound'), 'mean'])}) and "
                f"{side_label(comparison, 'b')} {table.loc[('b', 'compound'), 'mean']:+.3f} "
                f"({_strength(table.loc[('b', 'compound'), 'mean'])}); {difference_clause(diff, 3)}.")
        saturated = int((compared(docs, comparison).whole_text.abs() > 0.95).sum())
        whole = (f"- VADER run on each whole document saturates (|compound| > 0.95) for {saturated:,} of the "
                 f"{comparison.n_a + comparison.n_b:,} compared documents, which is why we average sentences.")
    return "\n".join(line for line in [
        head,
        f"- The most negative sentence ({most_neg.compound:+.4f}, {md(corpus[most_neg.doc].label)}) is driven by "
        f"*{md(most_neg.evidence)}*; the most positive ({most_pos.compound:+.4f}, {md(corpus[most_pos.doc].label)}) by "
        f"*{md(most_pos.evidence)}*.",
        f"- {len(quoted)} lexicon words stood inside quotation marks, where the valence is a speaker's or held at a "
        f"distance; {len(sense)} watch-list words carried valence in a sense that is probably not the one meant "
        f"(net {sense.contribution.sum():+.2f}).",
        whole,
        agreement_text(),
    ] if line)


def agreement_text() -> str:
    """The committed agreement of VADER with NewsMTSC polarity, as a Markdown bullet
    (empty when the table is missing): macro-F1 with its bootstrap interval and the
    majority baseline, stating that target polarity is only a proxy for tone."""
    try:
        table = sentiment.load_newsmtsc_agreement().set_index("split")
    except Exception:  # noqa: BLE001 - an install without the committed table
        return ""
    parts = [f"{r.macro_f1:.2f} ({r.macro_f1_low:.2f}–{r.macro_f1_high:.2f}) on {int(r.rows):,} {name} rows "
             f"against {r.majority_macro_f1:.2f} for always answering \"{r.majority_class}\""
             for name, r in table.iterrows()]
    return ("- Against human judgement: VADER's sentence labels agree with the NewsMTSC coders' polarity with "
            "macro-F1 " + "; ".join(parts) + ". The coders judged sentiment toward a named target, so on a sentence "
            "with one target this is the closest available proxy for the sentence's tone, not the tone itself.")
