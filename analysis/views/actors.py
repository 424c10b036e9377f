"""What notebooks 02 and 03 show about actors: the sentiment toward each, and the role each is cast in.

The measures come from :mod:`analysis.actors` (a model of the polarity a sentence
expresses toward one named target; a model of the role an actor is cast in); this
module only shapes them for a comparison. For a handful of compared documents
(:func:`analysis.groups.views.per_document`) tables, figures and sentences show
each document and are *descriptive* (one document per side: counts, no
inference). For groups, documents are the units: per actor, each document's mean
sentiment toward it (``net``) and share of negative mentions, summarised per group
with bootstrap intervals and compared with a permutation test and Cliff's δ, with
the package's verdicts (:func:`analysis.findings.with_verdicts`).

Every figure and text states the measure's validation, read from the scores file
shipped beside the model (never typed here).
"""
from __future__ import annotations

import pandas as pd

from ..actors import actor_measures
from ..actors.target import SCORES_PATH
from ..findings import with_verdicts
from ..groups.stats import group_differences, group_summary
from ..groups.views import difference_clause, md, per_document, plot_text, side_label

__all__ = ["sentiment_validation", "sentiment_table", "sentiment_figure", "sentiment_text", "tone_versus_stance",
           "sentiment_findings"]

TOP = 8
DESCRIPTIVE = "descriptive"


# --- validation ----------------------------------------------------------------------------------

def _scores() -> pd.DataFrame:
    return pd.read_csv(SCORES_PATH)


def _row(table: pd.DataFrame, split: str, method: str, measure: str = "macro_f1") -> pd.Series | None:
    rows = table[(table["split"] == split) & (table["method"] == method) & (table["measure"] == measure)]
    return None if rows.empty else rows.iloc[0]


def sentiment_validation() -> str:
    """One paragraph: how the target-sentiment model agrees with human coders, on which data,
    against which baselines (from ``analysis/actors/data/target-sentiment-scores.csv``)."""
    table = _scores()
    cv, test = _row(table, "train_cv", "model"), _row(table, "devtest_mt", "model")
    vader = _row(table, "devtest_mt", "sentence_vader")
    majority = table[(table["split"] == "devtest_mt") & table["method"].str.startswith("majority")
                     & (table["measure"] == "macro_f1")]
    parts = [f"**How far to trust it.** The sentiment toward each actor is read by a linear model trained on the "
             f"training split of NewsMTSC (Hamborg & Donnay 2021: {int(cv.n):,} named targets in political news "
             f"sentences, each coded for the polarity the sentence expresses toward it; every setting chosen by "
             f"cross-validation inside that split, macro-F1 {cv.value:.2f}, 95 % interval "
             f"{cv.ci_low:.2f}–{cv.ci_high:.2f})."]
    parts.append(f"On its `devtest_mt` split ({int(test.n):,} targets the model never saw) it agrees with the "
                 f"coders at macro-F1 **{test.value:.2f}** (95 % interval {test.ci_low:.2f}–{test.ci_high:.2f})")
    if vader is not None:
        parts[-1] += (f", against {vader.value:.2f} ({vader.ci_low:.2f}–{vader.ci_high:.2f}) for the tone of the "
                      f"whole sentence read by VADER")
    if not majority.empty:
        parts[-1] += f" and {majority.iloc[0].value:.2f} for always answering the most frequent class"
    parts[-1] += "."
    parts.append("That is agreement on US and UK political news, three classes; on analytic prose about Russia and "
                 "North Korea it has not been measured, so read single mentions as the model's reading, with the "
                 "evidence it gives, not as a coder's.")
    return " ".join(parts)


# --- tables ----------------------------------------------------------------------------------------

def _top_actors(per_doc: pd.DataFrame, top: int) -> list[str]:
    spread = per_doc.groupby("entity").agg(n_docs=("doc", "nunique"), mentions=("mentions", "sum")).reset_index()
    order = spread.sort_values(["n_docs", "mentions", "entity"], ascending=[False, False, True], kind="stable")
    return order["entity"].head(top).tolist()


def _compared(per_doc: pd.DataFrame, comparison) -> pd.DataFrame:
    return per_doc[per_doc["doc"].isin(comparison.ids("a") + comparison.ids("b"))]


def group_tables(per_doc: pd.DataFrame, comparison, top: int = TOP) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(summary, differences)`` for groups: per side and actor the mean ``net`` and share of
    negative mentions with bootstrap intervals; per actor the difference A − B with its
    interval, permutation p-value, Cliff's δ and verdict."""
    measures = actor_measures(_compared(per_doc, comparison), top)
    return group_summary(measures, comparison), with_verdicts(group_differences(measures, comparison))


def sentiment_table(per_doc: pd.DataFrame, comparison, top: int = TOP) -> pd.DataFrame:
    """The actors named in most compared documents: for a handful of documents one row per
    actor and document (mentions read negative / neutral / positive, ``net``); for groups the
    difference table of ``net`` (mean sentiment toward the actor) with its verdict."""
    rows = _compared(per_doc, comparison)
    if per_document(comparison):
        keep = _top_actors(rows, top)
        table = rows[rows["entity"].isin(keep)].copy()
        table["entity"] = pd.Categorical(table["entity"], keep, ordered=True)
        table = table.sort_values(["entity", "doc"], kind="stable")
        table["entity"] = table["entity"].astype(str)
        return table[["entity", "doc", "mentions", "negative", "neutral", "positive", "net"]].reset_index(drop=True)
    _, differences = group_tables(per_doc, comparison, top)
    net = differences[differences["measure"] == "net"] if "measure" in differences else differences
    return net.drop(columns=[c for c in ("measure",) if c in net]).reset_index(drop=True)


# --- figure ------------------------------------------------------------------------------------------

def sentiment_figure(per_doc: pd.DataFrame, comparison, names: dict[str, str], top: int = TOP):
    """``(figure, table)``: the mean sentiment toward each of the ``top`` actors (``net``,
    mean ``p_positive − p_negative`` over its mentions, −1 … 1). A handful of documents: one
    marker per document, its area growing with the number of mentions (legend for both);
    groups: each group's mean over its documents with the bootstrap 95 % interval."""
    import matplotlib.pyplot as plt

    from ..display import PALETTE
    from ..groups.views import plot_group_means

    rows = _compared(per_doc, comparison)
    keep = _top_actors(rows, top)
    if not per_document(comparison):
        summary, _ = group_tables(per_doc, comparison, top)
        net = summary[summary["measure"] == "net"]
        fig = plot_group_means(net, comparison, "entity", "Sentiment toward each actor, documents as units",
                               "mean sentiment toward the actor per document (p_positive − p_negative)")
        return fig, net
    data = rows[rows["entity"].isin(keep)]
    fig, ax = plt.subplots(figsize=(10, 2.2 + 0.38 * max(len(keep), 1)))
    y = {e: i for i, e in enumerate(keep)}
    ax.axvline(0, color="0.4", lw=0.8)
    docs = list(dict.fromkeys(data["doc"]))
    for k, doc in enumerate(docs):
        part = data[data["doc"] == doc]
        offset = (k - (len(docs) - 1) / 2) * 0.18
        ax.scatter(part["net"], part["entity"].map(y) + offset, s=20 + 14 * part["mentions"], alpha=0.8,
                   color=PALETTE[k % len(PALETTE)], label=plot_text(names.get(doc, doc)))
    ax.set_yticks(range(len(keep)), [plot_text(e) for e in keep])
    ax.invert_yaxis()
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("mean sentiment toward the actor over its mentions (p_positive − p_negative)")
    ax.set_title("Sentiment toward each actor (one marker per document)")
    if docs:
        first = ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), title="document")
        ax.add_artist(first)
        sizes = sorted({1, max(1, int(data["mentions"].median())), int(data["mentions"].max())})
        handles = [ax.scatter([], [], s=20 + 14 * n, color="0.6") for n in sizes]
        ax.legend(handles, [f"{n} mention{'s' if n != 1 else ''}" for n in sizes], fontsize=8, frameon=False,
                  loc="lower left", bbox_to_anchor=(1.0, 0.0), title="marker area")
    fig.tight_layout(rect=(0, 0, 0.74, 1))
    return fig, data.reset_index(drop=True)


# --- text ----------------------------------------------------------------------------------------------

def _portrait(row) -> str:
    return (f"{int(row.mentions)} mention{'s' if row.mentions != 1 else ''}: {int(row.negative)} negative, "
            f"{int(row.neutral)} neutral, {int(row.positive)} positive (net {row.net:+.2f})")


def sentiment_text(per_doc: pd.DataFrame, comparison, top: int = TOP) -> str:
    """How each side portrays the actors both sides name: per document (descriptive) or per
    group (difference, interval, test and verdict)."""
    rows = _compared(per_doc, comparison)
    if rows.empty:
        return "No named actor (person, organisation or place) was found in the compared documents."
    if per_document(comparison):
        lines = []
        ids = comparison.ids("a") + comparison.ids("b")
        keep = _top_actors(rows, top)
        labels = {d.id: d.label for d in comparison.docs}
        for entity in keep:
            part = rows[rows["entity"] == entity].set_index("doc")
            said = [f"in {md(labels.get(d, d))} {_portrait(part.loc[d])}" for d in ids if d in part.index]
            lines.append(f"- **{md(entity)}**: " + "; ".join(said) + ".")
        return (f"*Verdict: {DESCRIPTIVE}* (one document per side: counts of mentions, no interval or test).\n\n"
                + "\n".join(lines))
    _, differences = group_tables(per_doc, comparison, top)
    net = differences[differences["measure"] == "net"]
    lines = [f"- **{md(r['entity'])}** ({r['verdict']}): {difference_clause(r)}." for _, r in net.iterrows()]
    head = (f"Mean sentiment toward each actor per document, {side_label(comparison, 'a')} vs "
            f"{side_label(comparison, 'b')} (documents naming the actor; the {len(net)} actors named by most documents):")
    return head + "\n\n" + "\n".join(lines)


def tone_versus_stance(mentions: pd.DataFrame, sentence_scores: pd.DataFrame) -> str:
    """The mention whose sentence tone (VADER's compound of the whole sentence) and the model's
    sentiment toward the actor disagree most: why the tone around a name is not the stance
    toward it. ``mentions``: :func:`analysis.actors.actor_mentions`; ``sentence_scores``:
    :func:`analysis.sentiment.sentence_scores`."""
    if mentions.empty:
        return "No actor mention to compare."
    tone = sentence_scores[["doc", "sentence", "compound"]]
    both = mentions.merge(tone, on=["doc", "sentence"], how="inner")
    both = both.assign(net=both["p_positive"] - both["p_negative"])
    opposed = both[(both["compound"] * both["net"]) < 0]
    if opposed.empty:
        return ("In these texts the sentence's tone and the sentiment toward the actor never point in opposite "
                "directions; they still measure different things.")
    gap = (opposed["compound"] - opposed["net"]).abs()
    row = opposed.loc[gap.sort_values(ascending=False, kind="stable").index[0]]
    sentence = row["text"]
    start, end = int(row["start"]), int(row["end"])
    offset = sentence.find(row["surface"]) if sentence.find(row["surface"]) >= 0 else 0
    marked = f"{md(sentence[:offset])}**{md(row['surface'])}**{md(sentence[offset + end - start:])}"
    return (f"> {marked}\n\n"
            f"VADER reads this sentence as a whole at compound {row['compound']:+.2f}; the model reads the sentiment "
            f"toward **{md(row['entity'])}** as *{row['sentiment']}* (p_negative {row['p_negative']:.2f}, "
            f"p_neutral {row['p_neutral']:.2f}, p_positive {row['p_positive']:.2f}). Its evidence: "
            f"{md(row['evidence'])}. The tone of a sentence is shared by every name in it; the stance toward each "
            f"name is not.")


def sentiment_findings(per_doc: pd.DataFrame, comparison, top: int = 4) -> str:
    """Findings bullets about the sentiment toward the actors both sides name, with the
    measure's validation in one clause."""
    table = _scores()
    test = _row(table, "devtest_mt", "model")
    basis = (f"target-sentiment model, macro-F1 {test.value:.2f} ({test.ci_low:.2f}–{test.ci_high:.2f}) "
             f"on NewsMTSC devtest_mt")
    rows = _compared(per_doc, comparison)
    if rows.empty:
        return f"- No named actor to portray ({basis})."
    if per_document(comparison):
        ids_a, ids_b = comparison.ids("a"), comparison.ids("b")
        shared = [e for e in _top_actors(rows, len(rows))
                  if rows[(rows.entity == e) & rows.doc.isin(ids_a)].size and rows[(rows.entity == e) & rows.doc.isin(ids_b)].size]
        lines = []
        for entity in shared[:top]:
            part = rows[rows["entity"] == entity]
            a = part[part["doc"].isin(ids_a)].iloc[0]
            b = part[part["doc"].isin(ids_b)].iloc[0]
            lines.append(f"- {DESCRIPTIVE}: sentiment toward **{md(entity)}** is net {a.net:+.2f} over "
                         f"{int(a.mentions)} mentions in {md(comparison.name('a'))} and {b.net:+.2f} over "
                         f"{int(b.mentions)} in {md(comparison.name('b'))} ({basis}).")
        return "\n".join(lines) or f"- No actor is named on both sides ({basis})."
    _, differences = group_tables(per_doc, comparison, top)
    net = differences[differences["measure"] == "net"]
    return "\n".join(f"- {r['verdict']}: sentiment toward **{md(r['entity'])}**, {difference_clause(r)} ({basis})."
                     for _, r in net.iterrows())
