"""Checking the entity pipeline: what the gazetteer changed, and precision on a hand-checked sample."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..config import SEED
from ..intervals import wilson_interval
from .resolve import canonical_text


def changes(mentions: pd.DataFrame, model: pd.DataFrame) -> pd.DataFrame:
    """How the gazetteer changed the model's output, one row per model entity or added mention.

    ``change`` is ``kept`` (same span, name and type), ``renamed`` (mapped to a
    canonical name: "Putin" -> Vladimir Putin), ``retyped`` (the gazetteer's type
    differs from the model's label), ``dropped`` (overruled by a longer
    gazetteer name or an ``IGNORE`` row) or ``added`` (found by the gazetteer only).
    """
    keys = ["doc", "sentence", "start", "end"]
    merged = model.merge(mentions[keys + ["entity", "type"]], on=keys, how="left")
    same_name = merged["entity"] == merged["surface"].map(canonical_text)
    merged["change"] = "kept"
    merged.loc[~same_name, "change"] = "renamed"
    merged.loc[merged["type"] != merged["label"], "change"] = "retyped"
    merged.loc[merged["entity"].isna(), "change"] = "dropped"
    added = mentions[mentions["source"] == "gazetteer"]
    added = added.assign(label="", change="added")[keys + ["surface", "label", "entity", "type", "change"]]
    table = pd.concat([merged[added.columns], added], ignore_index=True).fillna("")
    order = {doc: i for i, doc in enumerate(dict.fromkeys(model["doc"].tolist() + mentions["doc"].tolist()))}
    table = table.assign(_o=table["doc"].map(order)).sort_values(["_o", "start", "end"], kind="stable")
    return table.drop(columns="_o").rename(columns={"label": "model_type"}).reset_index(drop=True)


def source_summary(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions per document by who found them: ``model`` or ``gazetteer``; and how
    often the gazetteer changed the model's type."""
    frame = mentions.assign(retyped=(mentions["source"] == "model") & (mentions["model_type"] != mentions["type"]))
    table = frame.groupby(["doc", "source"], sort=False).agg(
        mentions=("start", "size"), entities=("entity", "nunique"), retyped=("retyped", "sum")).reset_index()
    table["retyped"] = table["retyped"].astype(int)
    return table


def draw_sample(mentions: pd.DataFrame, n: int = 40, seed: int = SEED) -> pd.DataFrame:
    """A reproducible random sample of mentions to check by hand (stratified by document)."""
    per_doc = max(1, n // max(1, mentions["doc"].nunique()))
    parts = [g.sample(min(per_doc, len(g)), random_state=seed) for _, g in mentions.groupby("doc", sort=False)]
    sample = pd.concat(parts) if parts else mentions.head(0)
    return sample.sort_values(["doc", "start"], kind="stable").reset_index(drop=True)


def check_sample(mentions: pd.DataFrame, checked: pd.DataFrame) -> pd.DataFrame:
    """Join a hand-checked sample (``doc, start, end, entity, type, correct``) to the
    current mentions; ``still_found`` says whether the pipeline still gives the same
    span, name and type (the sample was judged on that output)."""
    current = mentions[["doc", "start", "end", "entity", "type"]].assign(still_found=True)
    merged = checked.merge(current, on=["doc", "start", "end", "entity", "type"], how="left")
    merged["still_found"] = merged["still_found"].fillna(False).astype(bool)
    return merged


def precision(checked: pd.DataFrame) -> pd.DataFrame:
    """Share of checked mentions judged correct (span, canonical name and type all
    right): overall and per source; and, for mentions the model found, how often
    the model's own label was right before the gazetteer's correction. ``low`` and
    ``high`` bound each precision (Wilson 95 %). The sample comes from the texts
    the alias table was written on, so these are in-sample figures."""
    rows = [(f"output, {name}", len(g), int(g["correct"].sum()))
            for name, g in [("all", checked), *checked.groupby("source", sort=True)] if len(g)]
    labelled = checked[checked["model_label_correct"].astype(str) != ""]
    if len(labelled):
        rows.append(("model labels alone", len(labelled), int(labelled["model_label_correct"].astype(int).sum())))
    table = pd.DataFrame(rows, columns=["judged", "checked", "correct"])
    table["precision"] = (table["correct"] / table["checked"]).round(3)
    bounds = [wilson_interval(k, n) for k, n in zip(table["correct"], table["checked"])]
    table["low"] = [round(lo, 3) for lo, _ in bounds]
    table["high"] = [round(hi, 3) for _, hi in bounds]
    return table


def load_checked_sample(path: Path | str | None = None) -> pd.DataFrame:
    """The hand-checked sample shipped in ``analysis/data/entity_sample_checked.csv``."""
    from ..paths import data_file

    frame = pd.read_csv(path or data_file("entity_sample_checked.csv"), dtype=str, keep_default_na=False)
    for column in ("sentence", "start", "end", "correct"):
        frame[column] = frame[column].astype(int)
    return frame


RECALL_COLUMNS = ["type", "gold", "found", "recall", "low", "high", "found_any_type"]


def load_recall_sample(path: Path | str | None = None) -> pd.DataFrame:
    """The hand-labelled named actors (PERSON, ORG, GPE) of ten Narrative Frames Corpus
    dev articles (``analysis/data/entity-recall-sample.csv``: doc, sentence, start,
    end, type, span_sha256; offsets into the imported article, no text)."""
    from ..paths import data_file

    frame = pd.read_csv(path or data_file("entity-recall-sample.csv"), dtype={"doc": str, "span_sha256": str})
    return frame


def recall(mentions: pd.DataFrame, gold: pd.DataFrame, types=None) -> pd.DataFrame:
    """Share of the hand-labelled actor mentions the pipeline finds: a gold span
    counts as found when a mention of an actor type (``types``, default
    :func:`analysis.config.actor_types`) overlaps it; ``found_any_type`` also
    counts mentions of other types. One row per gold type and ``all``, with
    Wilson 95 % intervals. Held-out: neither the alias table nor the model was
    written or tuned on these articles."""
    from ..config import actor_types

    types = list(actor_types() if types is None else types)
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for m in mentions.itertuples():
        spans.setdefault(str(m.doc), []).append((m.start, m.end, m.type))
    hit, hit_any = [], []
    for g in gold.itertuples():
        over = [t for a, b, t in spans.get(str(g.doc), []) if a < g.end and g.start < b]
        hit.append(any(t in types for t in over))
        hit_any.append(bool(over))
    scored = gold.assign(found=hit, found_any=hit_any)
    rows = []
    for name, group in [*scored.groupby("type", sort=True), ("all", scored)]:
        k, n = int(group["found"].sum()), len(group)
        low, high = wilson_interval(k, n)
        rows.append((name, n, k, round(k / n, 3), round(low, 3), round(high, 3), int(group["found_any"].sum())))
    return pd.DataFrame(rows, columns=RECALL_COLUMNS)


def load_recall(path: Path | str | None = None) -> pd.DataFrame:
    """The committed recall table (``python -m benchmarks.entity_recall``)."""
    from ..paths import data_file

    return pd.read_csv(path or data_file("entity-recall.csv"), dtype={"commit": str})
