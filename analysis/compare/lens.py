"""Lenses: ways of looking at one document next to another.

A :class:`Lens` turns a document (and the controls in force) into an HTML
view. Its ``compute(comparer, doc)`` step runs once per document and is cached
by :class:`analysis.comparison.Comparer` (corpus-wide or pair-wide results go
through ``comparer.shared``); its ``render(ctx)`` step is cheap and runs on
every interaction. Lenses are listed in :data:`LENSES`, in display order;
:func:`register` adds a new one (for example in a notebook exercise).

Sentence annotators (:data:`ANNOTATORS`) add highlights, a sentiment score and
the evidence behind scores to single sentences in the sentence explorer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from . import html as hv
from ..corpus.model import Document
from ..errors import UnknownName
from ..corpus.terms import kwic

if TYPE_CHECKING:  # pragma: no cover
    from .engine import Comparer


@dataclass(frozen=True)
class Controls:
    """The settings shared by every lens; each lens reads the ones it ``uses``."""

    top_n: int = 8
    term: str = "sanctions"
    scheme: str = ""
    unit: str = "sentence"
    width: int = 45


@dataclass
class LensContext:
    """What a lens's ``render`` receives: the document shown, the document it
    is compared with, the per-document precomputed data and the controls."""

    comparer: "Comparer"
    doc: Document
    other: Document
    data: Any
    controls: Controls


@dataclass(frozen=True)
class Lens:
    """A named view: ``render(ctx)`` returns HTML for one side (every article
    string through :mod:`analysis.htmlview`), ``compute(comparer, doc)`` the
    cached per-document data it needs, ``uses`` the controls it reads, and
    ``schemes()`` the choices for the scheme control, if any."""

    name: str
    label: str
    description: str
    render: Callable[[LensContext], str]
    compute: Callable[["Comparer", Document], Any] | None = None
    uses: tuple[str, ...] = ()
    schemes: Callable[[], list[str]] | None = None


@dataclass
class SentenceNotes:
    """What an annotator says about one sentence."""

    marks: list[hv.Mark] = field(default_factory=list)
    score: float | None = None
    evidence: list[str] = field(default_factory=list)


# ----------------------------------------------------------------- KWIC lens
def _render_kwic(ctx: LensContext) -> str:
    term = ctx.controls.term.strip()
    if not term:
        return hv.panel(ctx.doc.label, "<i>type a search term</i>")
    hits = kwic(ctx.doc, term, width=ctx.controls.width)
    n_words = len(ctx.doc.words) or 1
    subtitle = f"{len(hits)} hits of “{term}” ({1000 * len(hits) / n_words:.2f} per 1,000 words)"
    shown = hits.head(ctx.controls.top_n).rename(columns={"sentence": "s"})
    return hv.panel(ctx.doc.label, hv.table(shown, ["s", "left", "match", "right"], empty="no hits"), subtitle)


KWIC = Lens("kwic", "KWIC", "keyword in context: every occurrence of the search term with its context",
            _render_kwic, uses=("term", "top_n"))


# ------------------------------------------------------- topic passages lens
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


PASSAGES = Lens("passages", "Passages", "the sentences or paragraphs closest to a sub-topic (TF-IDF cosine)",
                _render_passages, uses=("term", "top_n", "unit"))


# ------------------------------------------------------------ sentiment lens
MAX_TOP = 20  # the largest top-N the controls offer


def _sentiment_data(comparer: "Comparer", doc: Document) -> dict:
    from .. import sentiment

    scores = sentiment.sentence_scores(doc)
    return {"summary": sentiment.document_scores(scores).iloc[0],
            "negative": sentiment.top_sentences(scores, n=MAX_TOP, direction="negative"),
            "positive": sentiment.top_sentences(scores, n=MAX_TOP, direction="positive")}


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
        parts += [ctx.comparer.sentence_html(ctx.doc, int(i), evidence=True) for i in top["index"]] or ["<i>none</i>"]
    subtitle = (f"VADER over {int(summary.sentences)} sentences; colour = sentence compound "
                f"(blue positive, vermillion negative); evidence = VADER's word valences")
    return hv.panel(ctx.doc.label, "".join(parts), subtitle)


def _sentiment_notes(comparer: "Comparer", doc: Document) -> dict[int, SentenceNotes]:
    from .. import sentiment

    out = {}
    for s in doc.sentences:
        result = sentiment.score(s.norm)
        explained = result.explain() or "no lexicon word"
        out[s.index] = SentenceNotes(score=result.compound,
                                     evidence=[f"sentiment {result.compound:+.3f} ({result.sentiment}): {explained}"])
    return out


SENTIMENT = Lens("sentiment", "Sentiment", "VADER sentence sentiment: the overall tone and the most positive "
                 "and negative sentences, with the word valences behind each score",
                 _render_sentiment, compute=_sentiment_data, uses=("top_n",))


# --------------------------------------------------------------- frames lens
def _frame_schemes() -> list[str]:
    from ..framing import frames

    return frames.schemes()


def _frames_data(comparer: "Comparer", doc: Document) -> dict[str, dict]:
    """Per scheme: cue matches, document scores and per-sentence scores."""
    from ..framing import frames

    out = {}
    for scheme in frames.schemes():
        # bool dtype even when empty: an empty object column breaks ~negated masks
        matches = frames.find_cues(doc, scheme).astype({"negated": bool})
        scores = frames.document_scores(doc, scheme, matches)
        per_sentence = frames.sentence_scores(matches, negated=False)
        totals = (per_sentence.groupby("index", sort=True)["score"].sum()
                  .sort_values(ascending=False, kind="stable"))
        out[scheme] = {"matches": matches, "scores": scores, "top_sentences": [int(i) for i in totals.index]}
    return out


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
        cues = live[live["index"] == index]
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


def _frame_notes(comparer: "Comparer", doc: Document) -> dict[int, SentenceNotes]:
    out: dict[int, SentenceNotes] = {}
    for scheme, data in comparer.data("frames", doc.id).items():
        live = data["matches"][~data["matches"]["negated"]]
        for index, group in live.groupby("index", sort=True):
            cues = "; ".join(f"{f}: {m}" for f, m in zip(group["frame"], group["match"]))
            out.setdefault(int(index), SentenceNotes()).evidence.append(f"frames ({scheme}) {cues}")
    return out


FRAMES = Lens("frames", "Frames", "frame cues of a codebook scheme: how often each frame is cued "
              "(per 1,000 words) and the sentences that cue frames most, cue words marked",
              _render_frames, compute=_frames_data, uses=("scheme", "top_n"), schemes=_frame_schemes)


# ------------------------------------------------------------- entities lens
def _all_mentions(comparer: "Comparer"):
    from .. import entities

    return comparer.shared("entity-mentions", lambda: entities.mentions(comparer.corpus))


def _entities_data(comparer: "Comparer", doc: Document) -> dict:
    from .. import entities

    mentions = _all_mentions(comparer)
    mine = mentions[mentions["doc"] == doc.id]
    return {"mentions": mine, "frequencies": entities.frequencies(mine, [doc])}


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


def _entity_notes(comparer: "Comparer", doc: Document) -> dict[int, SentenceNotes]:
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


ENTITIES = Lens("entities", "Entities", "named entities (spaCy + gazetteer, one canonical name per referent): "
                "who and what each text names most, and what only one text names",
                _render_entities, compute=_entities_data, uses=("top_n",))


# ----------------------------------------------------------- vocabulary lens
def _render_vocabulary(ctx: LensContext) -> str:
    from ..framing import keyness

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


VOCABULARY = Lens("vocabulary", "Vocabulary", "distinctive vocabulary: the words each text uses more than the "
                  "other (log-odds with an informative prior)", _render_vocabulary, uses=("top_n",))


LENSES: list[Lens] = [PASSAGES, KWIC, VOCABULARY, FRAMES, SENTIMENT, ENTITIES]
Annotator = Callable[["Comparer", Document], dict[int, SentenceNotes]]
ANNOTATORS: list[Annotator] = [_entity_notes, _sentiment_notes, _frame_notes]


def register(lens: Lens) -> None:
    """Add a lens (or replace one with the same name)."""
    for k, existing in enumerate(LENSES):
        if existing.name == lens.name:
            LENSES[k] = lens
            return
    LENSES.append(lens)


def lens(name: str) -> Lens:
    for item in LENSES:
        if item.name == name:
            return item
    raise UnknownName(f"no lens {name!r}; lenses are: {', '.join(l.name for l in LENSES)}")
