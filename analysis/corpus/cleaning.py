"""Explicit, reported cleaning of an article's text.

The raw text is never changed in place. Layout analysis sorts its lines into
headings (kept as structure), body paragraphs, list items and removed web
boilerplate; each body paragraph is then turned into a *normalised* string for
matching and tokenising, through a list of recorded edits (citation markers
removed, missing spaces restored, curly quotes straightened) whose
:class:`OffsetMap` leads every normalised character back to its offset in the
original text.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .files import format_characters_between

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_NUMBERED_HEADING = re.compile(r"^(?P<num>\d+(?:\.\d+)*)\.?\s+(?P<title>\S.*)$")
_LIST_MARKER = re.compile(r"^\s*(?:[-•*–]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+")
_TERMINAL = ".!?:;,"

# Trailing web boilerplate. A marker line in the last part of an article ends
# its body; everything from there on is removed, each line with its reason.
_BYLINE = re.compile(
    r"^(?:(?:written|posted|reported|edited|compiled)\s+by\b|by\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*$)",
    re.I,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SUBSCRIBE = re.compile(r"^(?:subscribe|sign up|follow us|join us|join our)\b|\bnewsletter\b", re.I)
_ADVERT = re.compile(r"^(?:to\s+)?advertise\b|^(?:advertisement|sponsored(?: content)?)\s*$|\badvertise with us\b|\bpress release\b", re.I)
_RELATED = re.compile(
    r"^(?:related|recommended|more from|read more|read also|also read|you may also like|see also)\b"
    r"(?:\s+(?:articles?|stories|posts|news|reading|content))?\s*:?\s*$",
    re.I,
)
_CITATION = re.compile(r"\s*\bSee\s+\[citation\s+\d+\]\.?|\s*\[(?:citation\s+)?\d+\]", re.I)
_MISSING_SPACE = re.compile(r"(?<=[a-z])[,;:](?=[A-Za-z])|(?<=[a-z]{2})[.!?](?=[A-Z][a-z])")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "″": '"'})
TRAILING_FRACTION = 0.6  # boilerplate markers count only in the last 40 % of lines
MAX_BOILERPLATE_WORDS = 30  # longer lines are body text


@dataclass(frozen=True)
class Removal:
    """A span of the original text left out of the analysis, and why."""

    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Fix:
    """A repair made in the normalised text (the original is kept for display)."""

    kind: str
    start: int
    text: str


@dataclass(frozen=True)
class Heading:
    """A title or section heading: structure, not body sentences."""

    start: int
    end: int
    text: str
    number: str | None
    level: int


@dataclass(frozen=True)
class Block:
    """A body paragraph or list item in the original text."""

    kind: str  # "body" or "list_item"
    start: int
    end: int
    section: str | None


@dataclass
class Layout:
    """What layout analysis found in one text."""

    blocks: list[Block] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)


class OffsetMap:
    """Maps positions in a normalised string back to the original text.

    Stored as breakpoints (one per edit), not one integer per character, so it
    stays small for long texts.
    """

    def __init__(self) -> None:
        self._clean: list[int] = []
        self._orig: list[int] = []
        self._copied: list[bool] = []

    def add(self, clean_start: int, orig_start: int, copied: bool) -> None:
        self._clean.append(clean_start)
        self._orig.append(orig_start)
        self._copied.append(copied)

    def __call__(self, i: int) -> int:
        k = bisect.bisect_right(self._clean, i) - 1
        if k < 0:
            return self._orig[0]
        return self._orig[k] + (i - self._clean[k]) if self._copied[k] else self._orig[k]

    def map_many(self, positions: list[int]) -> list[int]:
        """:meth:`__call__` for many ascending positions in one pass."""
        out, k, last = [], 0, len(self._clean) - 1
        clean, orig, copied = self._clean, self._orig, self._copied
        for i in positions:
            while k < last and clean[k + 1] <= i:
                k += 1
            out.append(orig[k] + (i - clean[k]) if copied[k] else orig[k])
        return out

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` of the normalised span ``[start, end)``."""
        return self(start), self(end - 1) + 1 if end > start else self(start)


def split_lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line; ``\\n``, ``\\r\\n`` and ``\\r`` all end a line."""
    spans, pos = [], 0
    for match in _LINE_BREAK.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return spans


def _words(line: str) -> list[str]:
    return re.findall(r"[^\W\d_][\w'’-]*", line)


def _is_titleish(line: str) -> bool:
    content = [w for w in _words(line) if len(w) >= 4]
    if not content:
        return False
    return sum(w[0].isupper() for w in content) / len(content) >= 0.6


def numbered_heading(line: str) -> tuple[str, str] | None:
    """``(number, title)`` for lines like ``49.1 The Theater of the Taiga``."""
    match = _NUMBERED_HEADING.match(line.strip())
    if not match:
        return None
    number, title = match["num"], match["title"].strip()
    if title[-1] in ".;," or len(_words(title)) > 15 or not title[0].isupper():
        return None
    if "." not in number and not _is_titleish(title):
        return None  # "2023 was a year ..." is a sentence, not a heading
    return number, title


def is_plain_heading(line: str) -> bool:
    """A short, title-cased line without sentence punctuation (news sub-heads)."""
    core = line.strip().strip("\"'“”‘’ ")
    words = _words(core)
    if not core or not words or len(words) > 12 or _LIST_MARKER.match(line):
        return False
    if core[-1] in ".:;,":
        return False
    if core[-1] in "?!" and len(words) > 6:
        return False
    return _is_titleish(core)


def trailing_kind(line: str) -> str | None:
    """The kind of web boilerplate a line is, if it is one of the marker kinds."""
    stripped = line.strip()
    if _RELATED.match(stripped):
        return "related-heading"
    if _BYLINE.match(stripped):
        return "byline"
    if _EMAIL.search(stripped):
        return "email"
    if _ADVERT.search(stripped):
        return "advert"
    if _SUBSCRIBE.search(stripped):
        return "subscription"
    return None


def _body_end(text: str, lines: list[tuple[int, int]]) -> int:
    """Index of the first line of trailing boilerplate (``len(lines)`` if none).

    It is the first marker line (by-line, "Related Articles", subscribe or
    advertise line, e-mail address) in the last 40 % of the lines, provided it
    and every line after it are short: a body paragraph is never boilerplate.
    """
    filled = [i for i, (s, e) in enumerate(lines) if text[s:e].strip()]
    if len(filled) < 3:
        return len(lines)
    threshold = filled[int(len(filled) * TRAILING_FRACTION)]
    short = [len(_words(text[slice(*lines[i])])) <= MAX_BOILERPLATE_WORDS for i in filled]
    for k, i in enumerate(filled):
        if i >= threshold and all(short[k:]) and trailing_kind(text[slice(*lines[i])]):
            return i
    return len(lines)


def analyse_layout(text: str) -> Layout:
    """Sort the lines of ``text`` into headings, body blocks and removals."""
    layout = Layout()
    lines = split_lines(text)
    end = _body_end(text, lines)
    section: str | None = None
    in_related = False
    seen_body = False
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        if not line.strip():
            continue
        lead = len(line) - len(line.lstrip())
        s, e = s + lead, s + len(line.rstrip())
        line = text[s:e]
        if i >= end:
            kind = trailing_kind(line)
            in_related = in_related or kind == "related-heading"
            kind = kind or ("related-headline" if in_related else "promo")
            layout.removals.append(Removal(kind, s, e, line))
            continue
        if not seen_body and trailing_kind(line) == "byline":
            layout.removals.append(Removal("byline", s, e, line))
            continue
        numbered = numbered_heading(line)
        if numbered:
            number, title = numbered
            layout.headings.append(Heading(s, e, line, number, number.count(".") + 1))
            section = line
        elif not seen_body and not layout.headings and _looks_like_title(line):
            layout.headings.append(Heading(s, e, line, None, 1))
        elif is_plain_heading(line):
            layout.headings.append(Heading(s, e, line, None, 2))
            section = line
        else:
            kind = "list_item" if _LIST_MARKER.match(line) else "body"
            layout.blocks.append(Block(kind, s, e, section))
            seen_body = True
    return layout


def _looks_like_title(line: str) -> bool:
    words = _words(line)
    return 0 < len(words) <= 20 and line.rstrip()[-1] not in _TERMINAL


def normalise_block(text: str, block: Block) -> tuple[str, OffsetMap, list[Removal], list[Fix]]:
    """Normalised text of one block, its offset map, and what was removed or fixed.

    Edits: a list marker is dropped (the block's kind keeps it), citation
    markers (``See [citation 3].``, ``[4]``) are removed, a missing space after
    punctuation (``Tuesday,marking``) is restored, ``…`` becomes ``...``,
    curly quotes and apostrophes become straight ones and Unicode format
    characters (category Cf: zero-width space, soft hyphen ...) are removed.
    """
    raw = text[block.start:block.end]
    edits: list[tuple[int, int, str]] = []
    removals: list[Removal] = []
    fixes: list[Fix] = []
    if block.kind == "list_item":
        marker = _LIST_MARKER.match(raw)
        edits.append((0, marker.end(), ""))
    for m in _CITATION.finditer(raw):
        edits.append((m.start(), m.end(), ""))
        removals.append(Removal("citation", block.start + m.start(), block.start + m.end(), m.group().strip()))
    for m in _MISSING_SPACE.finditer(raw):
        edits.append((m.end(), m.end(), " "))
        context = raw[max(0, m.start() - 12):m.end() + 12]
        fixes.append(Fix("missing-space", block.start + m.end(), context))
    for m in re.finditer("…", raw):
        edits.append((m.start(), m.end(), "..."))
    for i, name in format_characters_between(text, block.start, block.end):  # zero-width space, soft hyphen...
        edits.append((i - block.start, i - block.start + 1, ""))
        removals.append(Removal("format-character", i, i + 1, name))
    edits.sort()
    clean, offsets = _apply(raw, block.start, edits)
    return clean.translate(_QUOTES), offsets, removals, fixes


def _apply(raw: str, base: int, edits: list[tuple[int, int, str]]) -> tuple[str, OffsetMap]:
    parts: list[str] = []
    offsets = OffsetMap()
    pos = length = 0
    for start, end, replacement in edits:
        if start < pos:  # overlapping edit: the earlier one wins
            continue
        offsets.add(length, base + pos, True)
        parts.append(raw[pos:start])
        length += start - pos
        if replacement:
            offsets.add(length, base + start, False)
            parts.append(replacement)
            length += len(replacement)
        pos = end
    offsets.add(length, base + pos, True)
    parts.append(raw[pos:])
    return "".join(parts), offsets
