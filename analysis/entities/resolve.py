"""From model entities and gazetteer matches to mentions: one sentence at a time.

Where a gazetteer name and a model entity overlap, the gazetteer wins, except
when the model found a longer title-case name of the same type that the table
does not know ("Kim Yo Jong" is not "Kim"); offsets in a sentence's normalised
text are mapped back to ``doc.raw``; within a document a lone surname takes the
one full name that ends with it.
"""
from __future__ import annotations

from typing import NamedTuple

from ..corpus.model import Sentence
from .gazetteer import IGNORE, Gazetteer, GazetteerEntry

_LEADING = {"the", "The", "THE"}
_POSSESSIVE = {"'s", "'", "’s", "’"}
_HYPHENS = {"-", "‐", "‑"}


class Mention(NamedTuple):
    """One resolved mention inside a sentence (offsets into ``doc.raw``)."""

    sentence: int
    entity: str
    type: str
    start: int
    end: int
    source: str
    model_type: str


class _Span(NamedTuple):
    start: int          # token indices in the spaCy doc of one sentence
    end: int
    entity: str
    type: str
    source: str
    model_type: str


def in_prefixed_word(sdoc, start: int) -> bool:
    """Whether the span starting at token ``start`` is the tail of a word with a
    lower-case prefix ("post-Soviet", "anti-American", "pro-Russian"): such a
    word describes, it does not name the actor ("post-Soviet states" are not the
    Soviet Union). "Russia-North Korea" (a capitalised word before the hyphen)
    keeps both names."""
    first = sdoc[start]
    if first.text[:1].islower() and first.text.isalpha() and start + 1 < len(sdoc) and not first.whitespace_ \
            and sdoc[start + 1].text in _HYPHENS:
        return True  # the span begins with the prefix itself: the model's "post-Soviet"
    if start < 2:
        return False
    hyphen, prefix = sdoc[start - 1], sdoc[start - 2]
    return (hyphen.text in _HYPHENS and not hyphen.whitespace_ and not prefix.whitespace_
            and prefix.text[:1].islower() and prefix.text.isalpha())


def sentence_mentions(sentence: Sentence, sdoc, matcher, gaz: Gazetteer, to_raw) -> list[Mention]:
    """Resolve model entities and gazetteer matches of one sentence into mentions
    (never the tail of a prefixed word: :func:`in_prefixed_word`)."""
    model = [sp for sp in _model_spans(sdoc) if not in_prefixed_word(sdoc, sp[0])]
    gazetteer = [sp for sp in _gazetteer_spans(sdoc, matcher, gaz) if not in_prefixed_word(sdoc, sp[0])]
    spans = _resolve(model, gazetteer, sdoc, gaz)
    result = []
    for sp in sorted(spans):
        if sp.type == IGNORE:
            continue
        first, last = sdoc[sp.start], sdoc[sp.end - 1]
        start, end = to_raw(first.idx, last.idx + len(last.text))
        result.append(Mention(sentence.index, sp.entity, sp.type, start, end, sp.source, sp.model_type))
    return result


def raw_model_entities(sentence: Sentence, sdoc, to_raw) -> list[tuple[int, int, int, str]]:
    """The model's own entities (``sentence, start, end, label``; raw offsets), trimmed like mentions."""
    out = []
    for s, e, label in _model_spans(sdoc):
        start, end = to_raw(sdoc[s].idx, sdoc[e - 1].idx + len(sdoc[e - 1].text))
        out.append((sentence.index, start, end, label))
    return out


def _model_spans(sdoc) -> list[tuple[int, int, str]]:
    """Model entities as token spans, without a leading "the" or a trailing possessive."""
    spans = []
    for ent in sdoc.ents:
        start, end = ent.start, ent.end
        while start < end and sdoc[start].text in _LEADING:
            start += 1
        while end > start and sdoc[end - 1].text in _POSSESSIVE:
            end -= 1
        if start < end:
            spans.append((start, end, ent.label_))
    return spans


def _gazetteer_spans(sdoc, matcher, gaz: Gazetteer) -> list[tuple[int, int, GazetteerEntry]]:
    """Alias matches, longest first, without overlaps (earlier wins a tie)."""
    matches = sorted(((s, e, int(sdoc.vocab.strings[k])) for k, s, e in matcher(sdoc)),
                     key=lambda m: (-(m[1] - m[0]), m[0], m[2]))
    chosen: list[tuple[int, int, GazetteerEntry]] = []
    for s, e, i in matches:
        if all(e <= cs or s >= ce for cs, ce, _ in chosen):
            chosen.append((s, e, gaz.entries[i]))
    return chosen


def _resolve(model: list, gazetteer: list, sdoc, gaz: Gazetteer) -> list[_Span]:
    """Merge model and gazetteer spans: the gazetteer names and types; the model fills the rest."""
    spans = {(s, e): _Span(s, e, g.canonical, g.type, "gazetteer", "") for s, e, g in gazetteer}
    aliases = gaz.alias_map()
    for s, e, label in model:
        hits = [(gs, ge, g) for gs, ge, g in gazetteer if gs < e and s < ge]
        if not hits:
            name = canonical_text(sdoc[s:e].text)
            entry = aliases.get(name)
            spans[(s, e)] = _Span(s, e, entry.canonical if entry else name,
                                  entry.type if entry else label, "model", label)
        elif len(hits) == 1 and hits[0][:2] == (s, e):
            spans[(s, e)] = spans[(s, e)]._replace(source="model", model_type=label)
        elif len(hits) == 1 and _longer_name(sdoc, s, e, hits[0], label):
            del spans[hits[0][:2]]
            spans[(s, e)] = _Span(s, e, canonical_text(sdoc[s:e].text), label, "model", label)
    return list(spans.values())


def _longer_name(sdoc, s: int, e: int, hit: tuple, label: str) -> bool:
    """True when a model span is a longer name than the gazetteer alias inside it
    ("Kim Yo Jong" around "Kim"): same type, and every extra token a capitalised word."""
    gs, ge, entry = hit
    if entry.type != label or not (s <= gs and ge <= e):
        return False
    extra = [sdoc[i].text for i in range(s, e) if not gs <= i < ge]
    return all(t[:1].isupper() and t.isalpha() for t in extra)


def canonical_text(text: str) -> str:
    """A model entity's own name: whitespace collapsed, straight apostrophes."""
    return " ".join(text.replace("’", "'").split())


def offset_mapper(sentence: Sentence):
    """Map character offsets in ``sentence.norm`` to offsets in ``doc.raw``.

    Sentence tokens carry raw offsets and were cut from ``norm`` at
    ``sentence.token_spans``; inside a token whose normalised and raw lengths
    agree, offsets map character by character (so "Russia" inside the token
    "Russia-North" maps exactly), otherwise they snap to the token's edges."""
    pairs = list(zip(sentence.token_spans, sentence.tokens))

    def one(pos: int, is_end: bool) -> int:
        for (a, b), tok in pairs:
            if (a <= pos < b) if not is_end else (a < pos <= b):
                if b - a == tok.end - tok.start:
                    return tok.start + pos - a
                return tok.end if is_end else tok.start
        following = [tok for (a, _), tok in pairs if a >= pos]
        if not is_end and following:
            return following[0].start
        preceding = [tok for (_, b), tok in pairs if b <= pos]
        return preceding[-1].end if preceding else sentence.start

    return lambda start, end: (one(start, False), one(end, True))


def link_surnames(found: list[Mention]) -> list[Mention]:
    """Within a document, a one-word PERSON name the model found ("Panda") takes
    the full name when exactly one longer PERSON name ends with it ("Ankit Panda")."""
    full = [m.entity for m in found if m.type == "PERSON" and " " in m.entity]
    by_last: dict[str, set[str]] = {}
    for name in full:
        by_last.setdefault(name.split()[-1], set()).add(name)
    out = []
    for m in found:
        names = by_last.get(m.entity, set())
        if m.type == "PERSON" and m.source == "model" and " " not in m.entity and len(names) == 1:
            m = m._replace(entity=next(iter(names)))
        out.append(m)
    return out
