"""The entities lens: who and what each text names, and entity marks for the explorer."""
from __future__ import annotations

from ...corpus.model import Document
from .. import html as hv
from ..lens import ComparerLike, LensContext, SentenceNotes, annotator, register_lens


def _all_mentions(comparer: ComparerLike):
    from ... import entities

    return comparer.shared("entity-mentions", lambda: entities.mentions(comparer.corpus))


def _entities_data(comparer: ComparerLike, doc: Document) -> dict:
    from ... import entities

    mentions = _all_mentions(comparer)
    mine = mentions[mentions["doc"] == doc.id]
    return {"mentions": mine, "frequencies": entities.frequencies(mine, [doc])}


@register_lens("entities", "Entities", "named entities (spaCy + gazetteer, one canonical name per referent): "
               "who and what each text names most, and what only one text names",
               compute=_entities_data, uses=("top_n",))
def _render_entities(ctx: LensContext) -> str:
    freq = ctx.data["frequencies"]
    other = ctx.comparer.data("entities", ctx.other.id)["frequencies"]
    top = freq.head(ctx.controls.top_n)
    scale = max(freq["per_1k"].max() if len(freq) else 0, other["per_1k"].max() if len(other) else 0) or 1.0
    labels = [f"{e} ({t})" for e, t in zip(top["entity"], top["type"])]
    body = hv.bars(labels, list(top["per_1k"]), hv.PALETTE[1], scale=scale)
    table = top.assign(label=labels)[["label", "count", "surfaces"]].rename(columns={"label": "entity"})
    only_here = sorted(set(freq["entity"]) - set(other["entity"]))
    note = (f"<div style='margin-top:6px;font-size:12px'><b>named only in this text</b> "
            f"({len(only_here)}): {hv.esc(', '.join(only_here)) or '—'}</div>")
    subtitle = (f"{int(freq['count'].sum()) if len(freq) else 0} mentions of {len(freq)} entities; "
                f"bars: mentions per 1,000 words (one scale across both texts)")
    return hv.panel(ctx.doc.label, body + hv.table(table, empty="no entity found") + note, subtitle)


@annotator("entities")
def _entity_notes(comparer: ComparerLike, doc: Document) -> dict[int, SentenceNotes]:
    out: dict[int, SentenceNotes] = {}
    mine = comparer.data("entities", doc.id)["mentions"]
    for index, group in mine.groupby("sentence", sort=True):
        marks = [hv.Mark(int(a), int(b), f"{e} ({t})", hv.ENTITY_COLOURS.get(t, hv.OTHER_ENTITY),
                         tag=t if " ".join(surface.split()) == e else f"{e} · {t}")
                 for a, b, e, t, surface in zip(group["start"], group["end"], group["entity"], group["type"],
                                                group["surface"])]
        names = ", ".join(dict.fromkeys(group["entity"]))
        out[int(index)] = SentenceNotes(marks=marks, evidence=[f"entities: {names}"])
    return out
