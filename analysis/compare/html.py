"""Safe HTML for the comparison views: every article string is escaped.

Widgets and static notebook outputs show article text inside HTML. The text
comes from arbitrary ``.txt`` files, so it is always passed through
:func:`html.escape` here; no other module builds HTML from article text.
Colours come from the Okabe-Ito palette (:data:`analysis.display.PALETTE`) and
every colour is paired with a visible label, so nothing depends on colour alone.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Iterable, Sequence

import pandas as pd

from ..config import NEUTRAL_BAND
from ..corpus.model import Document, Sentence
from ..display import PALETTE

NEGATIVE = PALETTE[5]  # vermillion
POSITIVE = PALETTE[0]  # blue
ENTITY_COLOURS = {"PERSON": PALETTE[1], "GPE": PALETTE[4], "ORG": PALETTE[2], "NORP": PALETTE[3]}
OTHER_ENTITY = PALETTE[6]
FONT = "font-family:system-ui,sans-serif;font-size:13px;line-height:1.45"


def esc(value: object) -> str:
    """Escape any value for use as HTML text or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


@dataclass(frozen=True)
class Mark:
    """A span to highlight: offsets into ``Document.raw``, a label shown on
    hover, an optional short tag shown after the span, and a colour."""

    start: int
    end: int
    label: str
    colour: str = OTHER_ENTITY
    tag: str = ""


def _rgba(hex_colour: str, alpha: float) -> str:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha:.2f})"




def tone_style(score: float | None) -> str:
    """Background for a sentiment score in [-1, 1]: vermillion for negative,
    blue for positive, stronger with magnitude, light grey inside the neutral
    band (|score| < 0.05); empty for None."""
    if score is None:
        return ""
    score = max(-1.0, min(1.0, float(score)))
    if abs(score) < NEUTRAL_BAND:
        return "background:#f2f2f2;"
    colour = NEGATIVE if score < 0 else POSITIVE
    return f"background:{_rgba(colour, 0.08 + 0.37 * abs(score))};"


def _visible_pieces(doc: Document, sentence: Sentence) -> list[tuple[int, int]]:
    """The raw spans of a sentence minus removed spans (citation markers)."""
    pieces, pos = [], sentence.start
    for r in doc.removals:
        if sentence.start <= r.start < sentence.end:
            if r.start > pos:
                pieces.append((pos, r.start))
            pos = max(pos, r.end)
    if pos < sentence.end:
        pieces.append((pos, sentence.end))
    return pieces


def marked_text(doc: Document, sentence: Sentence, marks: Iterable[Mark] = ()) -> str:
    """A sentence's original wording as HTML, with ``marks`` wrapped in
    ``<mark>`` elements. Overlapping marks: the earlier (then longer) wins."""
    chosen: list[Mark] = []
    for m in sorted(marks, key=lambda m: (m.start, -(m.end - m.start), m.label)):
        if m.start >= sentence.start and m.end <= sentence.end and m.end > m.start:
            if not chosen or m.start >= chosen[-1].end:
                chosen.append(m)
    out: list[str] = []
    for a, b in _visible_pieces(doc, sentence):
        pos = a
        for m in chosen:
            if m.end <= a or m.start >= b:
                continue
            s, e = max(m.start, a), min(m.end, b)
            out.append(esc(doc.raw[pos:s]))
            out.append(
                f'<mark title="{esc(m.label)}" style="background:{_rgba(m.colour, 0.35)};'
                f'border-bottom:2px solid {m.colour};padding:0 1px">{esc(doc.raw[s:e])}'
                + (f'<sub style="font-size:9px;color:#333"> {esc(m.tag)}</sub>' if m.tag else "") + "</mark>"
            )
            pos = e
        out.append(esc(doc.raw[pos:b]))
    return " ".join("".join(out).split())


def sentence_block(doc: Document, sentence: Sentence, marks: Iterable[Mark] = (),
                   score: float | None = None, note: str = "") -> str:
    """One sentence as a block: its number, highlighted text, an optional
    sentiment background with the score written out, and an escaped note."""
    badge = f' <b style="font-size:11px">[{score:+.3f}]</b>' if score is not None else ""
    extra = f'<div style="font-size:11px;color:#444">{esc(note)}</div>' if note else ""
    return (
        f'<div class="rdf-sentence" data-doc="{esc(doc.id)}" data-index="{sentence.index}" '
        f'style="{tone_style(score)}padding:4px 6px;margin:3px 0;border-left:3px solid #999">'
        f'<span style="color:#555;font-size:11px">s{sentence.index}</span> '
        f"{marked_text(doc, sentence, marks)}{badge}{extra}</div>"
    )


def table(frame: pd.DataFrame, columns: Sequence[str] | None = None, caption: str = "",
          empty: str = "no rows") -> str:
    """A small HTML table with every header and cell escaped; floats shown to
    three decimals."""
    columns = list(columns or frame.columns)
    head = "".join(f'<th style="text-align:left;padding:2px 6px">{esc(c)}</th>' for c in columns)
    rows = []
    for record in frame[columns].itertuples(index=False):
        cells = "".join(f'<td style="padding:2px 6px;vertical-align:top">{esc(_fmt(v))}</td>' for v in record)
        rows.append(f"<tr>{cells}</tr>")
    body = "".join(rows) or f'<tr><td colspan="{len(columns)}"><i>{esc(empty)}</i></td></tr>'
    cap = f'<caption style="text-align:left;font-weight:bold">{esc(caption)}</caption>' if caption else ""
    return f'<table class="rdf-table" style="border-collapse:collapse;font-size:12px">{cap}<tr>{head}</tr>{body}</table>'


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)


def bars(labels: Sequence[str], values: Sequence[float], colour: str = PALETTE[0],
         scale: float | None = None, fmt: str = "{:.3f}") -> str:
    """Horizontal bars in plain HTML (no JavaScript, no images); ``scale`` is
    the value drawn full width (default: the largest absolute value)."""
    top = scale or max((abs(v) for v in values), default=0) or 1.0
    rows = []
    for label, value in zip(labels, values):
        width = round(100 * min(abs(value) / top, 1.0), 1)
        rows.append(
            f'<div style="display:flex;align-items:center;margin:1px 0">'
            f'<span style="width:40%;overflow:hidden;text-overflow:ellipsis;white-space:nowrap" title="{esc(label)}">{esc(label)}</span>'
            f'<span style="width:45%"><span style="display:inline-block;height:10px;width:{width}%;background:{colour}"></span></span>'
            f'<span style="width:15%;text-align:right">{esc(fmt.format(value))}</span></div>'
        )
    return "".join(rows) or "<i>nothing to show</i>"


def panel(title: str, body: str, subtitle: str = "") -> str:
    """A titled box; ``title`` and ``subtitle`` are escaped, ``body`` is HTML
    already built by this module."""
    sub = f'<div style="color:#555;font-size:12px">{esc(subtitle)}</div>' if subtitle else ""
    return (f'<div class="rdf-panel" style="{FONT};padding:4px">'
            f'<div style="font-weight:bold;font-size:14px">{esc(title)}</div>{sub}{body}</div>')


def side_by_side(left: str, right: str) -> str:
    """Two HTML panes next to each other, for static (non-widget) output."""
    cell = "flex:1;min-width:0;border:1px solid #ddd;border-radius:4px;margin:2px"
    return f'<div style="display:flex;gap:8px"><div style="{cell}">{left}</div><div style="{cell}">{right}</div></div>'
