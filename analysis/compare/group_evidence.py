"""The opened document of the group dashboard, with the evidence behind the lens's measure.

* frames: the document's sentences with cues of the chosen frame, cue words marked;
* sentiment: its most negative and most positive sentences with their scores;
* entities: the sentences that name the chosen entity;
* vocabulary: its counts of the words most typical of its side.

Every piece of document text goes through :func:`analysis.compare.html.esc`.
"""
from __future__ import annotations

from ..compare import html as hv

MAX_SENTENCES = 8


def _sentence(doc, index: int, note: str = "") -> str:
    text = doc.sentences[index].text
    tag = f' <span style="color:#555">{hv.esc(note)}</span>' if note else ""
    return f'<p style="margin:2px 0"><b>#{index}</b> {hv.esc(text)}{tag}</p>'


def _frames(app, doc) -> str:
    found = app.data.cue_sentences(app.scheme.value, doc.id, app.measure.value)
    lines = [_sentence(doc, index, "cues: " + "; ".join(cues)) for index, cues in found[:MAX_SENTENCES]]
    return "".join(lines) or "<i>no cue of this frame in the document</i>"


def _sentiment(app, doc) -> str:
    mine = app.data.sentence_scores(doc.id)
    half = MAX_SENTENCES // 2
    picks = mine[:half] + mine[max(half, len(mine) - half):]
    lines = [_sentence(doc, index, f"compound {compound:+.3f}") for index, compound in picks]
    return "".join(lines) or "<i>no sentences</i>"


def _entities(app, doc) -> str:
    found = app.data.mentions
    mine = found[(found["doc"] == doc.id) & (found["entity"] == app.measure.value)]
    lines = [_sentence(doc, int(i)) for i in sorted(set(mine["sentence"]))[:MAX_SENTENCES]]
    return "".join(lines) or "<i>the document does not name this entity</i>"


def _vocabulary(app, doc) -> str:
    mask_a, mask_b = app.masks()
    key = app.data.keyness(mask_a, mask_b, n=30)
    row = app.data.row(doc.id)
    side = "a" if mask_a[row] else "b"
    terms = key[key.favours == side]["term"].head(30).tolist()
    counts = app.data.counts[row]
    index = {t: i for i, t in enumerate(app.data.terms)}
    used = [(t, int(counts[0, index[t]])) for t in terms if counts[0, index[t]]]
    return hv.bars([t for t, _ in used], [n for _, n in used], fmt="{:.0f}") if used else \
        "<i>none of its side's key words occurs here</i>"


def evidence(app, doc_id: str) -> str:
    """The opened document's panel for the app's current lens and measure."""
    doc = app.data.corpus[doc_id]
    body = {"frames": _frames, "sentiment": _sentiment, "entities": _entities, "vocabulary": _vocabulary}[
        app.lens.value](app, doc)
    words = int(app.data.docs["words"].iloc[app.data.row(doc.id)]) if "words" in app.data.docs else 0
    subtitle = f"{len(doc.sentences)} sentences, {words:,} words; lens {app.lens.value}" + (
        f", {app.measure.label}" if app.lens.value != "vocabulary" else "")
    return hv.panel(f"{doc.label} ({doc.id})" if doc.label != doc.id else doc.id, body, subtitle)
