"""What the entities notebook shows for a comparison: one document per side, or two groups.

For a handful of compared documents, the notebook's per-document tables,
figures and sentences. For groups, documents are the units: an entity's share of
a document's actor mentions (:func:`analysis.groups.measures.entity_measures`),
summarised per group with bootstrap intervals and compared with a permutation
test and Cliff's δ, plus how many documents of each group name the entity;
co-occurrence is counted over each group's sentences.
"""
from __future__ import annotations

import pandas as pd

from .. import entities as E
from . import common as group_views
from .entities_figures import plot_comparison
from ..escape import md_text
from ..groups.measures import entity_measures
from ..groups.stats import group_differences, group_summary
from .common import count_phrase, per_document, side_label


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def mention_text(found: pd.DataFrame, corpus, comparison) -> str:
    """How many mentions and entities each document, or each group, has."""
    if per_document(comparison):
        per_doc = found.groupby("doc").size()
        return "\n".join(
            f"- **{md_text(d.label)}**: {per_doc.get(d.id, 0)} mentions of {found[found.doc == d.id].entity.nunique()} "
            f"distinct entities in {found[found.doc == d.id].sentence.nunique()} of {len(d.sentences)} sentences."
            for d in corpus)
    lines = []
    for side in ("a", "b"):
        mine = found[found.doc.isin(comparison.ids(side))]
        lines.append(f"- **{side_label(comparison, side)}**: {len(mine):,} mentions of {mine.entity.nunique():,} "
                     f"distinct entities, {len(mine) / max(len(comparison.ids(side)), 1):.1f} per document; "
                     f"{count_phrase(mine.doc.nunique(), comparison, side)} name at least one.")
    return "\n".join(lines)


def type_table(by_type: pd.DataFrame, comparison) -> pd.DataFrame:
    """Mentions per 1,000 words by entity type: per document, or the group mean over documents."""
    if per_document(comparison):
        return by_type.pivot_table(index="type", columns="doc", values="per_1k", fill_value=0).round(3)
    wide = by_type.pivot_table(index="doc", columns="type", values="per_1k", fill_value=0)
    means = {comparison.name(s): wide.reindex(list(comparison.ids(s)), fill_value=0).mean()
             for s in ("a", "b")}
    return pd.DataFrame(means).round(3)


def shares(found: pd.DataFrame, corpus, comparison, types=E.ACTOR_TYPES, top: int = 12) -> pd.DataFrame:
    """``doc, entity, type, measure, value``: each document's share of its mentions of ``types``
    for the ``top`` entities named by most compared documents."""
    docs = list(comparison.docs)
    subset = found[found.type.isin(list(E.actor_types() if types is E.ACTOR_TYPES else types))]
    return entity_measures(docs, top=top, found=subset)


def columns_per_document(long: pd.DataFrame) -> pd.DataFrame:
    """:func:`analysis.entities.compare`'s long table for reading, one column per document and
    measure: ``entity, type``, then ``count <doc>``, ``per_1k <doc>``, ``share <doc>`` (rows in
    the long table's order)."""
    docs = list(dict.fromkeys(long["doc"]))
    entities = long[["entity", "type"]].drop_duplicates("entity").reset_index(drop=True)
    wide = long.pivot(index="entity", columns="doc", values=["count", "per_1k", "share"])
    out = entities.copy()
    for measure in ("count", "per_1k", "share"):
        for doc in docs:
            column = wide[(measure, doc)].reindex(entities["entity"]).to_numpy()
            out[f"{measure} {doc}"] = column.astype(int) if measure == "count" else column.astype(float)
    return out


def actor_table(found: pd.DataFrame, freq: pd.DataFrame, corpus, comparison, top: int = 12,
                types=E.ACTOR_TYPES) -> pd.DataFrame:
    """Which actors each side foregrounds: :func:`analysis.entities.compare` for a handful of
    documents; for groups, the mean share per group, its difference (interval, p, δ) and the
    number of documents of each group that name the actor."""
    if per_document(comparison):
        return columns_per_document(E.compare(freq, [d.id for d in comparison.docs], top=top, types=types))
    measures = shares(found, corpus, comparison, types, top)
    table = group_differences(measures, comparison)
    named = found[found.type.isin(list(types))]
    for side in ("a", "b"):
        docs = named[named.doc.isin(comparison.ids(side))].groupby("entity").doc.nunique()
        table[f"docs_{side}"] = table.entity.map(docs).fillna(0).astype(int)
    return table[["entity", "type", "mean_a", "mean_b", "diff", "diff_ci_low", "diff_ci_high", "p_value",
                  "effect_size", "docs_a", "docs_b"]]


def person_figure(found: pd.DataFrame, freq: pd.DataFrame, corpus, comparison, names: dict[str, str]):
    """``(figure, table)``: each person's share of the person mentions per document, or each
    group's mean share with its 95 % interval."""
    if per_document(comparison):
        docs = [d.id for d in comparison.docs]
        persons = columns_per_document(E.compare(freq, docs, top=8, types=["PERSON"]))
        return plot_comparison(persons, docs, [names[d] for d in docs], noun="person"), persons
    summary = group_summary(shares(found, corpus, comparison, ["PERSON"], 8), comparison)
    summary = summary.assign(mean=100 * summary["mean"], ci_low=100 * summary.ci_low, ci_high=100 * summary.ci_high)
    fig = group_views.plot_group_means(summary, comparison, "entity", "Persons foregrounded by each group",
                                       "% of a document's person mentions: group mean and 95 % interval")
    return fig, summary


def lead_text(persons: pd.DataFrame, found: pd.DataFrame, corpus, comparison, n: int = 2) -> str:
    """The persons each document (or group) foregrounds."""
    if comparison.single:
        first, second = comparison.docs_a[0], comparison.docs_b[0]
        return (f"{md_text(first.label.capitalize())} foregrounds {_single_lead(persons, first, n)}; "
                f"{md_text(second.label)} foregrounds {_single_lead(persons, second, n)}.")
    people = found[found.type == "PERSON"]
    parts = []
    for side in ("a", "b"):
        mine = people[people.doc.isin(comparison.ids(side))]
        spread = mine.groupby("entity").doc.nunique().sort_values(ascending=False, kind="stable")
        top = sorted(spread.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        named = " and ".join(f"**{md_text(e)}** (named in {count_phrase(k, comparison, side)})" for e, k in top)
        parts.append(f"{side_label(comparison, side)} most often name {named or 'no person'}")
    return "; ".join(parts) + "."


def matrices(found: pd.DataFrame, comparison, top: int = 8) -> dict[str, pd.DataFrame]:
    """Co-occurrence matrices of the most mentioned actors: per document, or per group (all its sentences)."""
    if per_document(comparison):
        return {d.label: E.cooccurrence_matrix(found[found.doc == d.id], top=top) for d in comparison.docs}
    return {comparison.name(s): E.cooccurrence_matrix(found[found.doc.isin(comparison.ids(s))], top=top)
            for s in ("a", "b")}


def pair_text(pairs: pd.DataFrame, found: pd.DataFrame, comparison) -> str:
    """The pair of actors named together most often, per document or per group."""
    lines = []
    if per_document(comparison):
        from ..findings import bullet, registry

        for doc in comparison.docs:
            if len(pairs[pairs.doc == doc.id]):
                lines.append(bullet(registry(comparison).pairs(doc, pairs)))
        return "\n".join(lines) or "No sentence names two actors."
    for side in ("a", "b"):
        rows = E.cooccurrence(found[found.doc.isin(comparison.ids(side))])
        if len(rows):
            top = rows.iloc[0]
            where = len({w.split("#")[0] for w in top["where"].split(", ")})
            lines.append(f"- In {side_label(comparison, side)} the most frequent pair is **{md_text(top.entity_a)}** and "
                         f"**{md_text(top.entity_b)}**, named together in {_plural(top.sentences, 'sentence')} of "
                         f"{count_phrase(where, comparison, side)}.")
    return "\n".join(lines) or "No sentence names two actors."


def findings(freq, pairs, found, persons, checked, quality, changes, comparison) -> str:
    """The entities notebook's findings as Markdown bullets."""
    if comparison.single:
        pair = list({d.id: d for d in comparison.docs}.values())
        lines = ["- Persons: " + "; ".join(
            f"{md_text(d.label)} foregrounds {_single_lead(persons, d)}" for d in pair) + "."]
        for doc in pair:
            states = freq[(freq.doc == doc.id) & (freq.type == "GPE")].head(3)
            lines.append(f"- The places {md_text(doc.label)} names most are " +
                         ", ".join(f"{md_text(e)} ({n})" for e, n in zip(states.entity, states["count"])) + ".")
            if len(pairs[pairs.doc == doc.id]):
                from ..findings import bullet, registry

                lines.append(bullet(registry(comparison).pairs(doc, pairs)))
    else:
        lines = ["- Persons: " + lead_text(persons, found, None, comparison)]
        for side in ("a", "b"):
            places = found[(found.type == "GPE") & found.doc.isin(comparison.ids(side))]
            spread = places.groupby("entity").doc.nunique()
            top = sorted(spread.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
            lines.append(f"- The places {side_label(comparison, side)} name in most documents are "
                         + (", ".join(f"{md_text(e)} ({k})" for e, k in top) or "none") + ".")
        lines.append(pair_text(pairs, found, comparison))
    if checked.still_found.any():
        lines.append(precision_line(quality))
    lines.append(recall_line())
    lines.append(f"- The gazetteer changed {int(changes.change.isin(['added', 'retyped', 'dropped']).sum())} of the "
                 f"model's decisions beyond renaming (additions, new types, dropped spans).")
    return "\n".join(lines)


def _single_lead(persons: pd.DataFrame, doc, n: int = 2) -> str:
    column = f"share {doc.id}"
    rows = persons[persons[column] > 0].sort_values([column, "entity"], ascending=[False, True]).head(n)
    return " and ".join(f"**{md_text(r.entity)}** ({r[column]:.1f}% of its person mentions, "
                        f"{_plural(r[f'count {doc.id}'], 'mention')})" for _, r in rows.iterrows()) or "no person"


def precision_line(quality: pd.DataFrame) -> str:
    """The Findings line on entity precision: the model alone and with the alias
    table, each with its Wilson interval, called in-sample (the table was written
    on the texts the sample comes from)."""
    table = quality.set_index("judged")

    def one(row) -> str:
        text = f"{row.precision:.2f}"
        return text + (f" ({row.low:.2f}–{row.high:.2f})" if "low" in table.columns else "")

    out = table.loc["output, all"]
    if "model labels alone" in table.index:
        return (f"- On the hand-checked sample (in-sample), precision is: model alone "
                f"{one(table.loc['model labels alone'])}; with the alias table (written on these texts) {one(out)}.")
    return f"- On the hand-checked sample (in-sample), precision with the alias table (written on these texts) is {one(out)}."


def recall_line() -> str:
    """The Findings line on entity recall, measured on held-out articles (committed table)."""
    try:
        table = E.load_recall().set_index("type")
    except (OSError, KeyError, ValueError):
        return ""
    row = table.loc["all"]
    return (f"- Recall of named actors (people, organisations, places) on {int(row.gold)} hand-labelled mentions in "
            f"{int(row.articles)} held-out Narrative Frames Corpus dev articles: {row.recall:.2f} "
            f"({row.low:.2f}–{row.high:.2f}).")
