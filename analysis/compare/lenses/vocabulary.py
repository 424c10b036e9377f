"""The vocabulary lens: the words each text uses more than the other (log-odds with an informative prior)."""
from __future__ import annotations

from .. import html as hv
from ..lens import LensContext, register_lens


@register_lens("vocabulary", "Vocabulary", "distinctive vocabulary: the words each text uses more than the "
               "other (log-odds with an informative prior)", uses=("top_n",))
def _render_vocabulary(ctx: LensContext) -> str:
    from ...framing import keyness

    if ctx.doc.id == ctx.other.id:
        return hv.panel(ctx.doc.label, "<i>pick two different documents to compare vocabularies</i>")
    def table(a: str, b: str):
        return ctx.comparer.shared(("keyness", a, b), lambda: keyness.keyness(ctx.comparer.corpus, a, b))

    mine, theirs = table(ctx.doc.id, ctx.other.id), table(ctx.other.id, ctx.doc.id)
    top = mine[mine["favours"] == "a"].head(ctx.controls.top_n)
    n = ctx.controls.top_n
    scale = max(mine["log_odds_z"].head(n).max(), theirs["log_odds_z"].head(n).max(), 0) or 1.0
    body = hv.bars(list(top["term"]), list(top["log_odds_z"]), hv.PALETTE[3], scale=scale)
    shown = top.rename(columns={"count_a": "here", "count_b": "there", "log_odds_z": "z"})
    subtitle = (f"words more typical of this text than of {ctx.other.label}: log-odds z with an informative "
                f"Dirichlet prior (Monroe et al. 2008); counts here and there, G²")
    return hv.panel(ctx.doc.label, body + hv.table(shown, ["term", "here", "there", "z", "g2"],
                                                   empty="no distinctive word"), subtitle)
