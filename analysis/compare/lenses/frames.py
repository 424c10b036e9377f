"""The frames lens: frame cues of a codebook scheme, and the cues of every sentence for the explorer."""
from __future__ import annotations

from ...corpus.model import Document
from .. import html as hv
from ..lens import ComparerLike, LensContext, SentenceNotes, annotator, register_lens


def _frame_schemes() -> list[str]:
    from ...framing import frames

    return frames.schemes()


def _frames_data(comparer: ComparerLike, doc: Document) -> dict[str, dict]:
    """Per scheme: cue matches, document scores and per-sentence scores."""
    from ...framing import frames

    out = {}
    for scheme in frames.schemes():
        # bool dtype even when empty: an empty object column breaks ~negated masks
        matches = frames.find_cues(doc, scheme).astype({"negated": bool})
        scores = frames.document_scores(doc, scheme, matches)
        per_sentence = frames.sentence_scores(matches, negated=False)
        totals = (per_sentence.groupby("sentence", sort=True)["score"].sum()
                  .sort_values(ascending=False, kind="stable"))
        out[scheme] = {"matches": matches, "scores": scores, "top_sentences": [int(i) for i in totals.index]}
    return out


@register_lens("frames", "Frames", "frame cues of a codebook scheme: how often each frame is cued "
               "(per 1,000 words) and the sentences that cue frames most, cue words marked",
               compute=_frames_data, uses=("scheme", "top_n"), schemes=_frame_schemes)
def _render_frames(ctx: LensContext) -> str:
    scheme = ctx.controls.scheme or _frame_schemes()[0]
    mine = ctx.data[scheme]
    theirs = ctx.comparer.data("frames", ctx.other.id)[scheme]["scores"]
    scores = mine["scores"]
    scale = max(scores["score"].max(), theirs["score"].max(), 0) or 1.0
    body = hv.bars(list(scores["name"]), list(scores["score"]), hv.PALETTE[2], scale=scale)
    matches = mine["matches"]
    live = matches[~matches["negated"]]
    parts = [body, f"<div style='margin-top:6px'><b>sentences with the most {hv.esc(scheme)} cues</b></div>"]
    names = dict(zip(scores["frame"], scores["name"]))
    for index in mine["top_sentences"][:ctx.controls.top_n]:
        cues = live[live["sentence"] == index]
        marks = [hv.Mark(int(a), int(b), names.get(f, f), hv.PALETTE[2]) for a, b, f in
                 zip(cues["start"], cues["end"], cues["frame"])]
        sentence = ctx.doc.sentences[index]
        note = "; ".join(f"{names.get(f, f)}: {m}" for f, m in zip(cues["frame"], cues["match"]))
        parts.append(hv.sentence_block(ctx.doc, sentence, marks, ctx.comparer.notes(ctx.doc.id)[index].score, note))
    if not mine["top_sentences"]:
        parts.append("<i>no cue of this scheme</i>")
    subtitle = (f"scheme “{scheme}”: cue hits per 1,000 words (bars share one scale across both texts); "
                f"cues marked in the sentences")
    return hv.panel(ctx.doc.label, "".join(parts), subtitle)


@annotator("frames")
def _frame_notes(comparer: ComparerLike, doc: Document) -> dict[int, SentenceNotes]:
    out: dict[int, SentenceNotes] = {}
    for scheme, data in comparer.data("frames", doc.id).items():
        live = data["matches"][~data["matches"]["negated"]]
        for index, group in live.groupby("sentence", sort=True):
            cues = "; ".join(f"{f}: {m}" for f, m in zip(group["frame"], group["match"]))
            out.setdefault(int(index), SentenceNotes()).evidence.append(f"frames ({scheme}) {cues}")
    return out
