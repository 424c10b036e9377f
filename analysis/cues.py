"""Dictionary matching on cleaned tokens: the engine behind frames and devices.

A lexicon is two files in ``analysis/lexicons/``: ``frames.csv`` (one row per
frame: scheme, frame, name, definition, source) and ``cues.csv`` (one row per
cue: scheme, frame, cue). Cue syntax, one or more space-separated elements:

``word``
    matches any token with the same Snowball stem (``sanction`` matches
    "sanctions", "sanctioned");
``word*``
    matches any token that starts with ``word`` (``theatric*``);
``=word``
    matches exactly that token (``=arms``, not "arm"), ignoring case unless
    the cue has capitals (``=UN`` matches "UN" but not "Kim Jong Un").

Tokens are the corpus's own (``Sentence.tokens``, from the normalised text),
lower-cased; hyphenated tokens are split into their parts so that the cue
``comrade in arms`` matches "comrade-in-arms"; possessive clitics are dropped.
A multi-word cue matches consecutive tokens only. Within one frame the longest
cue wins and matches do not overlap; one token may signal several frames.
Negation follows ``matching.yaml`` (see :func:`negator_before`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

import pandas as pd

from .corpus import Corpus, Document, Sentence
from .errors import InputError

LEXICONS: Path = Path(__file__).resolve().parent / "lexicons"
_HYPHEN = re.compile(r"(?<=\w)[-‐‑](?=\w)")
PREFIX_KEY = 3
MATCH_COLUMNS = ["doc", "index", "scheme", "frame", "cue", "match", "start", "end", "negated", "negator"]


class Unit(NamedTuple):
    """One matchable piece of a sentence: a token or part of a hyphenated token."""

    text: str
    lower: str
    stem: str
    word: bool
    start: int
    end: int


@dataclass(frozen=True)
class Cue:
    scheme: str
    frame: str
    text: str
    elements: tuple[tuple[str, str], ...]  # (kind, value): kind is stem | prefix | exact | cased

    def matches_at(self, units: list[Unit], i: int) -> bool:
        if i + len(self.elements) > len(units):
            return False
        return all(_element_matches(el, units[i + k]) for k, el in enumerate(self.elements))


@dataclass(frozen=True)
class Settings:
    negators: frozenset[str]
    not_negating_after: frozenset[str]
    window: int
    boundaries: frozenset[str]
    ignore: frozenset[str]


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """Snowball (Porter 2) stem of a lower-cased word."""
    return _stemmer().stem(word)


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=1)
def settings(folder: Path = LEXICONS) -> Settings:
    """Negation and token rules from ``matching.yaml``."""
    import yaml

    data = yaml.safe_load((folder / "matching.yaml").read_text(encoding="utf-8"))
    return Settings(
        negators=frozenset(data["negators"]),
        not_negating_after=frozenset(data["not_negating_after"]),
        window=int(data["window"]),
        boundaries=frozenset(data["boundaries"]),
        ignore=frozenset(data["ignore"]),
    )


def parse_cue(scheme: str, frame: str, text: str) -> Cue:
    """Turn a cue as written in ``cues.csv`` into match elements."""
    elements = []
    for part in _HYPHEN.sub(" ", text.strip()).split():
        if part.startswith("="):
            value = part[1:]
            elements.append(("cased", value) if value != value.lower() else ("exact", value))
        elif part.endswith("*"):
            elements.append(("prefix", part[:-1].lower()))
        else:
            elements.append(("stem", stem(part.lower())))
    if not elements:
        raise ValueError(f"empty cue for {scheme}/{frame}")
    return Cue(scheme, frame, text.strip(), tuple(elements))


def _element_matches(element: tuple[str, str], unit: Unit) -> bool:
    kind, value = element
    if not unit.word:
        return False
    if kind == "stem":
        return unit.stem == value
    if kind == "prefix":
        return unit.lower.startswith(value)
    if kind == "cased":
        return unit.text == value
    return unit.lower == value


class Lexicon:
    """The frames and cues of one scheme, indexed for fast matching."""

    def __init__(self, scheme: str, frames: pd.DataFrame, cues: list[Cue]) -> None:
        self.scheme = scheme
        self.frames = frames.reset_index(drop=True)
        self.cues = cues
        self._by_stem: dict[str, list[Cue]] = {}
        self._by_exact: dict[str, list[Cue]] = {}  # keyed by lower case, also for cased cues
        self._by_prefix: dict[str, list[Cue]] = {}  # keyed by the first PREFIX_KEY letters
        self._short_prefixed: list[Cue] = []
        for cue in cues:
            kind, value = cue.elements[0]
            if kind == "stem":
                self._by_stem.setdefault(value, []).append(cue)
            elif kind in ("exact", "cased"):
                self._by_exact.setdefault(value.lower(), []).append(cue)
            elif len(value) >= PREFIX_KEY:
                self._by_prefix.setdefault(value[:PREFIX_KEY], []).append(cue)
            else:
                self._short_prefixed.append(cue)

    @property
    def frame_ids(self) -> list[str]:
        return list(self.frames["frame"])

    def candidates(self, unit: Unit) -> list[Cue]:
        """Cues whose first element could match ``unit``."""
        found = self._by_stem.get(unit.stem, []) + self._by_exact.get(unit.lower, [])
        prefixed = self._by_prefix.get(unit.lower[:PREFIX_KEY], []) + self._short_prefixed
        return found + [c for c in prefixed if unit.lower.startswith(c.elements[0][1])]

    def cue_table(self) -> pd.DataFrame:
        """One row per cue: frame, cue as written and number of words."""
        rows = [(c.frame, c.text, len(c.elements)) for c in self.cues]
        return pd.DataFrame(rows, columns=["frame", "cue", "words"])


def schemes(folder: Path = LEXICONS) -> list[str]:
    """Scheme ids present in ``frames.csv``, in file order."""
    return list(dict.fromkeys(_frames_file(folder)["scheme"]))


@lru_cache(maxsize=None)
def _frames_file(folder: Path) -> pd.DataFrame:
    path = folder / "frames.csv"
    frames = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = {"scheme", "frame", "name", "definition", "source"} - set(frames.columns)
    if missing:
        raise InputError(path, f"missing columns: {', '.join(sorted(missing))}")
    return frames


@lru_cache(maxsize=None)
def load_lexicon(scheme: str, folder: Path = LEXICONS) -> Lexicon:
    """The lexicon of one scheme (``generic``, ``policy``, ``metaphor``, ``stance``)."""
    frames = _frames_file(folder)
    if scheme not in set(frames["scheme"]):
        raise KeyError(f"no frame scheme {scheme!r}; schemes are: {', '.join(schemes(folder))}")
    frames = frames[frames["scheme"] == scheme]
    path = folder / "cues.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table = table[table["scheme"] == scheme]
    unknown = sorted(set(table["frame"]) - set(frames["frame"]))
    if unknown:
        raise InputError(path, f"cues for frames not defined in frames.csv: {', '.join(unknown)}")
    cues = [parse_cue(scheme, f, c) for f, c in zip(table["frame"], table["cue"])]
    return Lexicon(scheme, frames, cues)


def sentence_units(sentence: Sentence, rules: Settings | None = None) -> list[Unit]:
    """The matchable units of a sentence (offsets point into ``doc.raw``)."""
    rules = rules or settings()
    units = []
    for tok in sentence.tokens:
        if tok.text.lower() in rules.ignore:
            continue
        exact_offsets = len(tok.text) == tok.end - tok.start
        pos = 0
        for part in _HYPHEN.split(tok.text):
            a = tok.text.index(part, pos)
            pos = a + len(part)
            start, end = (tok.start + a, tok.start + pos) if exact_offsets else (tok.start, tok.end)
            lower = part.lower()
            word = any(ch.isalpha() for ch in part)
            units.append(Unit(part, lower, stem(lower) if word else lower, word, start, end))
    return units


def negator_before(units: list[Unit], i: int, rules: Settings) -> str | None:
    """The negator governing the unit at ``i``, if any.

    Looks back at most ``rules.window`` word units within the clause (stopping
    at a boundary token); "not just"/"not only" do not negate.
    """
    seen = 0
    for j in range(i - 1, -1, -1):
        unit = units[j]
        if unit.lower in rules.boundaries:
            return None
        if unit.lower in rules.negators:
            follower = units[j + 1].lower if j + 1 < len(units) else ""
            if follower in rules.not_negating_after:
                return None
            return unit.lower
        if unit.word:
            seen += 1
            if seen >= rules.window:
                return None
    return None


def match_sentence(sentence: Sentence, lexicon: Lexicon, raw: str, rules: Settings | None = None) -> list[tuple]:
    """Every cue occurrence in one sentence, as rows in :data:`MATCH_COLUMNS` order."""
    rules = rules or settings()
    units = sentence_units(sentence, rules)
    rows = []
    busy: dict[str, int] = {}  # frame -> first unit index free for a new match
    for i, unit in enumerate(units):
        if not unit.word:
            continue
        best: dict[str, Cue] = {}
        for cue in lexicon.candidates(unit):
            if i < busy.get(cue.frame, 0) or not cue.matches_at(units, i):
                continue
            if cue.frame not in best or len(cue.elements) > len(best[cue.frame].elements):
                best[cue.frame] = cue
        for frame in sorted(best):
            cue = best[frame]
            last = units[i + len(cue.elements) - 1]
            busy[frame] = i + len(cue.elements)
            negator = negator_before(units, i, rules)
            surface = " ".join(raw[unit.start:last.end].split())
            rows.append((sentence.doc, sentence.index, lexicon.scheme, frame, cue.text, surface,
                         unit.start, last.end, negator is not None, negator or ""))
    return rows


def as_documents(docs: Corpus | Document | Iterable[Document]) -> list[Document]:
    """Accept a corpus, one document or a list of documents."""
    if isinstance(docs, Document):
        return [docs]
    return list(docs)


def find_cues(docs: Corpus | Document | Iterable[Document], scheme: str) -> pd.DataFrame:
    """Every cue occurrence of ``scheme`` in ``docs``: the evidence table.

    Columns: doc, index (sentence), scheme, frame, cue (as in the lexicon),
    match (the words in the text), start/end (offsets into ``doc.raw``),
    negated, negator. Negated rows are evidence but never score.
    """
    lexicon = load_lexicon(scheme)
    rules = settings()
    rows = [row for doc in as_documents(docs) for s in doc.sentences
            for row in match_sentence(s, lexicon, doc.raw, rules)]
    frame = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    # An empty table would give every column dtype object, and ``~negated`` on
    # an object column is not a boolean mask; fix the types either way.
    return frame.astype({"index": "int64", "start": "int64", "end": "int64", "negated": "bool"})
