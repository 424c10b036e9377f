"""The sentiment lens: overall tone, the most positive and negative sentences, and sentence scores for the explorer."""
from __future__ import annotations

from ...corpus.model import Document
from .. import html as hv
from ..lens import MAX_TOP, ComparerLike, LensContext, SentenceNotes, annotator, register_lens


def _sentiment_data(comparer: ComparerLike, doc: Document) -> dict:
    from ... import sentiment

    scores = sentiment.sentence_scores(doc)
    return {"summary": sentiment.document_scores(scores).iloc[0],
            "negative": sentiment.top_sentences(scores, n=MAX_TOP, direction="negative"),
            "positive": sentiment.top_sentences(scores, n=MAX_TOP, direction="positive")}


@register_lens("sentiment", "Sentiment", "VADER sentence sentiment: the overall tone and the most positive "
               "and negative sentences, with the word valences behind each score",
               compute=_sentiment_data, uses=("top_n",))
def _render_sentiment(ctx: LensContext) -> str:
    summary = ctx.data["summary"]
    shares = ["share_positive", "share_neutral", "share_negative"]
    head = hv.bars(["mean sentence compound"], [summary.compound],
                   hv.POSITIVE if summary.compound >= 0 else hv.NEGATIVE, scale=1.0, fmt="{:+.3f}")
    head += hv.bars([s.replace("share_", "") + " sentences" for s in shares], [summary[s] for s in shares],
                    hv.PALETTE[7], scale=1.0)
    parts = [head]
    for direction in ("negative", "positive"):
        top = ctx.data[direction].head(ctx.controls.top_n)
        top = top[top.sentiment == direction]
        parts.append(f"<div style='margin-top:6px'><b>most {direction} sentences</b></div>")
        parts += [ctx.comparer.sentence_html(ctx.doc, int(i), evidence=True) for i in top["sentence"]] or ["<i>none</i>"]
    subtitle = (f"VADER over {int(summary.sentences)} sentences; colour = sentence compound "
                f"(blue positive, vermillion negative); evidence = VADER's word valences")
    return hv.panel(ctx.doc.label, "".join(parts), subtitle)


@annotator("sentiment")
def _sentiment_notes(comparer: ComparerLike, doc: Document) -> dict[int, SentenceNotes]:
    from ... import sentiment

    out = {}
    for s in doc.sentences:
        result = sentiment.score(s.norm)
        explained = result.explain() or "no lexicon word"
        out[s.index] = SentenceNotes(score=result.compound,
                                     evidence=[f"sentiment {result.compound:+.3f} ({result.sentiment}): {explained}"])
    return out
