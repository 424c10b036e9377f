"""The passages lens: the sentences or paragraphs closest to a sub-topic (TF-IDF cosine)."""
from __future__ import annotations

from .. import html as hv
from ..lens import LensContext, register_lens


@register_lens("passages", "Passages", "the sentences or paragraphs closest to a sub-topic (TF-IDF cosine)",
               uses=("term", "top_n", "unit"))
def _render_passages(ctx: LensContext) -> str:
    term = ctx.controls.term.strip()
    if not term:
        return hv.panel(ctx.doc.label, "<i>type a sub-topic, e.g. sanctions</i>")
    alignment = ctx.comparer.alignment(ctx.doc.id, ctx.other.id, ctx.controls.unit)
    found = alignment.topic(term, top=ctx.controls.top_n)
    found = found[found["side"] == "left"]
    if found.empty:
        return hv.panel(ctx.doc.label, "<i>no passage shares a content word with the query</i>",
                        f"passages closest to “{term}”")
    unit = ctx.controls.unit
    blocks = [ctx.comparer.passage_html(ctx.doc, unit, int(index), note=f"similarity {score:.3f}")
              for index, score in zip(found[unit], found["similarity"])]
    return hv.panel(ctx.doc.label, "".join(blocks), f"{unit}s closest to “{term}” (TF-IDF cosine)")
