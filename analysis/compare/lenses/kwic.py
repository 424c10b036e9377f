"""The KWIC lens: every occurrence of the search term with its context."""
from __future__ import annotations

from ...corpus.terms import kwic
from .. import html as hv
from ..lens import LensContext, register_lens


@register_lens("kwic", "KWIC", "keyword in context: every occurrence of the search term with its context",
               uses=("term", "top_n"))
def _render_kwic(ctx: LensContext) -> str:
    term = ctx.controls.term.strip()
    if not term:
        return hv.panel(ctx.doc.label, "<i>type a search term</i>")
    hits = kwic(ctx.doc, term, width=ctx.controls.width)
    n_words = len(ctx.doc.words) or 1
    subtitle = f"{len(hits)} hits of “{term}” ({1000 * len(hits) / n_words:.2f} per 1,000 words)"
    shown = hits.head(ctx.controls.top_n).rename(columns={"sentence": "s"})
    return hv.panel(ctx.doc.label, hv.table(shown, ["s", "left", "match", "right"], empty="no hits"), subtitle)
