"""What notebooks 02 and 03 show about actors: the sentiment toward each, and the role each is cast in.

The measures come from :mod:`analysis.actors` (a model of the polarity a sentence
expresses toward one named target; a model of the role an actor is cast in); this
module only shapes them for a comparison. For a handful of compared documents
(:func:`analysis.views.common.per_document`) tables, figures and sentences show
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
from ..actors.mentions import top_entities
from ..actors.target import SCORES_PATH
from ..findings import with_verdicts
from ..groups.stats import group_differences, group_summary
from .common import difference_clause, md, per_document, plot_text, side_label

__all__ = ["sentiment_validation", "sentiment_table", "sentiment_figure", "sentiment_text", "tone_versus_stance",
           "sentiment_findings", "role_basis", "role_validation", "role_group_tables", "role_cast_table", "role_figure",
           "role_text", "role_evidence", "role_findings"]

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

def _compared(table: pd.DataFrame, comparison) -> pd.DataFrame:
    """The rows of a per-document table that belong to the compared documents."""
    return table[table["doc"].isin(comparison.ids("a") + comparison.ids("b"))]


def _top_rows(rows: pd.DataFrame, keep: list[str]) -> pd.DataFrame:
    """The rows of the ``keep`` entities, in that order, then by document."""
    table = rows[rows["entity"].isin(keep)].copy()
    table["entity"] = pd.Categorical(table["entity"], keep, ordered=True)
    table = table.sort_values(["entity", "doc"], kind="stable")
    table["entity"] = table["entity"].astype(str)
    return table.reset_index(drop=True)


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
        table = _top_rows(rows, top_entities(rows, top))
        return table[["entity", "doc", "mentions", "negative", "neutral", "positive", "net"]]
    _, differences = group_tables(per_doc, comparison, top)
    return differences[differences["measure"] == "net"].drop(columns=["measure"]).reset_index(drop=True)


# --- figure ------------------------------------------------------------------------------------------

def sentiment_figure(per_doc: pd.DataFrame, comparison, names: dict[str, str], top: int = TOP):
    """``(figure, table)``: the mean sentiment toward each of the ``top`` actors (``net``,
    mean ``p_positive − p_negative`` over its mentions, −1 … 1). A handful of documents: one
    marker per document, its area growing with the number of mentions (legend for both);
    groups: each group's mean over its documents with the bootstrap 95 % interval."""
    import matplotlib.pyplot as plt

    from ..display import PALETTE
    from .common import plot_group_means

    rows = _compared(per_doc, comparison)
    keep = top_entities(rows, top)
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
        keep = top_entities(rows, top)
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
        shared = [e for e in top_entities(rows, len(rows))
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


# --- roles (notebook 03) -----------------------------------------------------------------------------

def _role_scores() -> pd.DataFrame:
    from ..actors.roles import SCORES_PATH as ROLE_SCORES

    return pd.read_csv(ROLE_SCORES)


def _role_row(measure: str, what_prefix: str) -> pd.Series | None:
    table = _role_scores()
    rows = table[(table["measure"] == measure) & table["what"].str.startswith(what_prefix)]
    return None if rows.empty else rows.iloc[0]


def role_basis() -> str:
    """The role model's validation in one clause (for findings and figure notes)."""
    nested = _role_row("macro_f1", "nested CV, located")
    return (f"role model, nested cross-validated macro-F1 {nested.value:.2f} ({nested.ci_low:.2f}–{nested.ci_high:.2f}) "
            f"on Narrative Frames Corpus dev")


def role_validation() -> str:
    """One paragraph: how the role model agrees with the coders of the Narrative Frames Corpus, on
    which data, against which baseline (from ``analysis/actors/data/roles-scores.csv``)."""
    nested = _role_row("macro_f1", "nested CV, located")
    majority = _role_row("macro_f1", "majority baseline")
    every = _role_row("macro_f1", "nested CV, every row")
    unlocated = _role_row("unlocated_rows", "rows no locator")
    text = (f"**How far to trust it.** The role is read by a linear model trained on the coders' hero, villain and "
            f"victim roles of the Narrative Frames Corpus (Frermann et al. 2023: climate-change news). Cross-validated "
            f"with articles as units and every setting chosen inside the training folds, it agrees with the coders at "
            f"macro-F1 **{nested.value:.2f}** (95 % interval {nested.ci_low:.2f}–{nested.ci_high:.2f}, "
            f"{int(nested.n):,} coded actor roles)")
    if majority is not None:
        text += f", against {majority.value:.2f} for always answering the most frequent role ({md(majority.what.split('(')[1].split(')')[0])})"
    text += "."
    if every is not None and unlocated is not None:
        text += (f" {int(unlocated.value)} of {int(every.n):,} coded roles named an actor the model could not find in "
                 f"the text; counting them as errors gives {every.value:.2f}.")
    text += (" Its features are the actor's grammatical relations to verbs of harm, help, blame, rescue and "
             "suffering, the tone of its sentences and who speaks, chosen to carry across topics; on writing about "
             "Russia and North Korea its agreement has not been measured. Read each role with its evidence.")
    return text


def role_group_tables(roles: pd.DataFrame, comparison, top: int = TOP) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(summary, differences)`` for groups: per side, actor and role the share of the side's
    documents naming the actor that cast it so, with bootstrap intervals; per actor and role the
    difference A − B with interval, permutation p-value, Cliff's δ and verdict."""
    from ..actors import role_measures

    measures = role_measures(_compared(roles, comparison), top)
    return group_summary(measures, comparison), with_verdicts(group_differences(measures, comparison))


def role_cast_table(roles: pd.DataFrame, comparison, top: int = TOP) -> pd.DataFrame:
    """For a handful of documents: one row per actor and document (mentions, role and its
    probabilities); for groups: the difference in the share of documents casting each actor
    as villain, with its verdict."""
    rows = _compared(roles, comparison)
    if per_document(comparison):
        table = _top_rows(rows, top_entities(rows, top, count="n_mentions"))
        return table[["entity", "doc", "n_mentions", "role", "p_hero", "p_villain", "p_victim"]]
    _, differences = role_group_tables(roles, comparison, top)
    return differences[differences["measure"] == "villain"].drop(columns=["measure"]).reset_index(drop=True)


def role_figure(roles: pd.DataFrame, comparison, names: dict[str, str], top: int = TOP):
    """``(figure, table)``: for a handful of documents, each actor's probabilities of being cast
    as hero, villain and victim in each document (stacked bars, the decided role in bold); for
    groups, the share of each group's documents casting each actor as villain, with intervals."""
    import matplotlib.pyplot as plt

    from .common import plot_group_means

    rows = _compared(roles, comparison)
    keep = top_entities(rows, top, count="n_mentions")
    if not per_document(comparison):
        summary, _ = role_group_tables(roles, comparison, top)
        villain = summary[summary["measure"] == "villain"]
        fig = plot_group_means(villain, comparison, "entity", "Cast as villain, documents as units",
                               "share of the documents naming the actor that cast it as villain")
        return fig, villain
    data = _top_rows(rows, keep)
    labels = [f"{plot_text(e)} · {plot_text(names.get(d, d))}" for e, d in zip(data["entity"], data["doc"])]
    fig, ax = plt.subplots(figsize=(10, 1.6 + 0.32 * max(len(data), 1)))
    colours = {"hero": "#1b9e77", "villain": "#d95f02", "victim": "#7570b3"}
    left = pd.Series(0.0, index=data.index)
    for role in ("hero", "villain", "victim"):
        ax.barh(range(len(data)), data[f"p_{role}"], left=left, color=colours[role], label=role)
        left = left + data[f"p_{role}"]
    ax.set_yticks(range(len(data)), labels, fontsize=8)
    for tick, role in zip(ax.get_yticklabels(), data["role"]):
        tick.set_color(colours[role])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("probability of each role (label colour: the role decided)")
    ax.set_title("Who is cast as hero, villain or victim (one bar per actor and document)")
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), title="role")
    fig.tight_layout(rect=(0, 0, 0.85, 1))
    return fig, data.reset_index(drop=True)


def role_text(roles: pd.DataFrame, comparison, top: int = TOP) -> str:
    """Who each side casts as hero, villain and victim, with the evidence that decided it
    (per document, descriptive), or per group the share of documents casting each actor as villain."""
    rows = _compared(roles, comparison)
    if rows.empty:
        return "No named actor (person, organisation or place) was found in the compared documents."
    if per_document(comparison):
        labels = {d.id: d.label for d in comparison.docs}
        keep = set(top_entities(rows, top, count="n_mentions"))
        lines = []
        for doc in comparison.ids("a") + comparison.ids("b"):
            part = rows[(rows["doc"] == doc) & rows["entity"].isin(keep)]
            cast = {role: ", ".join(md(e) for e in part[part["role"] == role]["entity"]) or "nobody"
                    for role in ("hero", "villain", "victim")}
            lines.append(f"- **{md(labels.get(doc, doc))}**: hero {cast['hero']}; villain {cast['villain']}; "
                         f"victim {cast['victim']}.")
        return (f"*Verdict: {DESCRIPTIVE}* (one document per side: the model's reading of each text, no interval or "
                f"test).\n\n" + "\n".join(lines))
    _, differences = role_group_tables(roles, comparison, top)
    villain = differences[differences["measure"] == "villain"]
    lines = [f"- **{md(r['entity'])}** ({r['verdict']}): share of documents casting it as villain "
             f"{difference_clause(r)}." for _, r in villain.iterrows()]
    return (f"Cast as villain, {side_label(comparison, 'a')} vs {side_label(comparison, 'b')} (documents naming the "
            f"actor):\n\n" + "\n".join(lines))


def role_evidence(roles: pd.DataFrame, entity: str, comparison) -> str:
    """The evidence behind the role of ``entity`` in each compared document that names it."""
    rows = _compared(roles, comparison)
    rows = rows[rows["entity"] == entity]
    if rows.empty:
        return f"No compared document names {md(entity)}."
    labels = {d.id: d.label for d in comparison.docs}
    return "\n".join(f"- **{md(labels.get(r.doc, r.doc))}**: *{r.role}* (hero {r.p_hero:.2f}, villain "
                     f"{r.p_villain:.2f}, victim {r.p_victim:.2f}). Evidence: {md(r.role_evidence)}"
                     for r in rows.itertuples(index=False))


def role_findings(roles: pd.DataFrame, comparison, top: int = 4) -> str:
    """Findings bullets about the roles the sides cast the actors both name in, with the
    measure's validation in one clause."""
    basis = role_basis()
    rows = _compared(roles, comparison)
    if rows.empty:
        return f"- No named actor to cast ({basis})."
    if per_document(comparison):
        ids_a, ids_b = comparison.ids("a"), comparison.ids("b")
        both = [e for e in top_entities(rows, len(rows), count="n_mentions")
                if (rows[rows.doc.isin(ids_a)].entity == e).any() and (rows[rows.doc.isin(ids_b)].entity == e).any()]
        lines = []
        for entity in both[:top]:
            a = rows[(rows.entity == entity) & rows.doc.isin(ids_a)].iloc[0]
            b = rows[(rows.entity == entity) & rows.doc.isin(ids_b)].iloc[0]
            same = "both cast" if a.role == b.role else "cast differently:"
            what = f"as {a.role}" if a.role == b.role else (f"{a.role} in {md(comparison.name('a'))}, {b.role} in "
                                                           f"{md(comparison.name('b'))}")
            lines.append(f"- {DESCRIPTIVE}: **{md(entity)}** {same} {what} ({basis}).")
        return "\n".join(lines) or f"- No actor is named on both sides ({basis})."
    _, differences = role_group_tables(roles, comparison, top)
    villain = differences[differences["measure"] == "villain"]
    return "\n".join(f"- {r['verdict']}: **{md(r['entity'])}** cast as villain, {difference_clause(r)} ({basis})."
                     for _, r in villain.iterrows())
