"""Lenses: ways of looking at one document next to another.

A :class:`Lens` turns a document (and the controls in force) into an HTML
view. Its ``compute`` step runs once per document and is cached by
:class:`analysis.comparison.Comparer`; its ``render`` step is cheap and runs on
every interaction. Lenses are listed in :data:`LENSES`, in display order;
:func:`register` adds a new one (for example in a notebook exercise).

Sentence annotators (:data:`ANNOTATORS`) add highlights, a sentiment score and
the evidence behind scores to single sentences in the sentence explorer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from . import htmlview as hv
from .corpus import Document
from .text_tools import kwic

if TYPE_CHECKING:  # pragma: no cover
    from .comparison import Comparer


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
    name: str
    label: str
    description: str
    render: Callable[[LensContext], str]
    compute: Callable[[Document], Any] | None = None
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


def _sentiment_data(doc: Document) -> dict:
    from . import sentiment

    scores = sentiment.sentence_scores(doc)
    return {"summary": sentiment.document_scores(scores).iloc[0],
            "negative": sentiment.top_sentences(scores, n=MAX_TOP, direction="negative"),
            "positive": sentiment.top_sentences(scores, n=MAX_TOP, direction="positive")}


def _render_sentiment(ctx: LensContext) -> str:
    summary = ctx.data["summary"]
    shares = ["share_positive", "share_neutral", "share_negative"]
    head = hv.bars(["mean sentence compound"], [summary.compound],
                   hv.POSITIVE if summary.compound >= 0 else hv.NEGATIVE, scale=1.0)
    head += hv.bars([s.replace("share_", "") + " sentences" for s in shares], [summary[s] for s in shares],
                    hv.PALETTE[7], scale=1.0)
    n = ctx.controls.top_n
    parts = [head]
    for direction in ("negative", "positive"):
        top = ctx.data[direction].head(n)
        top = top[top.sentiment == direction]
        parts.append(f"<div style='margin-top:6px'><b>most {direction} sentences</b></div>")
        parts += [ctx.comparer.sentence_html(ctx.doc, int(i), evidence=True) for i in top["index"]] or ["<i>none</i>"]
    subtitle = (f"VADER over {int(summary.sentences)} sentences; colour = sentence compound "
                f"(blue positive, vermillion negative); evidence = VADER's word valences")
    return hv.panel(ctx.doc.label, "".join(parts), subtitle)


def _sentiment_notes(doc: Document) -> dict[int, SentenceNotes]:
    from . import sentiment

    out = {}
    for s in doc.sentences:
        result = sentiment.score(s.norm)
        explained = result.explain()
        line = f"sentiment {result.compound:+.3f} ({result.sentiment})" + (f": {explained}" if explained else ": no lexicon word")
        out[s.index] = SentenceNotes(score=result.compound, evidence=[line])
    return out


SENTIMENT = Lens("sentiment", "Sentiment", "VADER sentence sentiment: the overall tone and the most positive "
                 "and negative sentences, with the word valences behind each score",
                 _render_sentiment, compute=_sentiment_data, uses=("top_n",))


LENSES: list[Lens] = [PASSAGES, KWIC, SENTIMENT]
ANNOTATORS: list[Callable[[Document], dict[int, SentenceNotes]]] = [_sentiment_notes]


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
    raise KeyError(f"no lens {name!r}; lenses are: {', '.join(l.name for l in LENSES)}")
