"""Dictionary matching on cleaned tokens: the engine behind frames and devices.

A lexicon is two files in ``analysis/framing/lexicons/``: ``frames.csv`` (one row per
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
import weakref
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

import pandas as pd

from ..corpus.model import Corpus, Document, Sentence
from ..errors import InputError, UnknownName
from ..paths import LEXICONS
from ..progress import progress
from ..types import as_documents
from .attribution import sentence_attributions
from ..corpus.terms import snowball_stem
from ..corpus.tokens import is_word

_HYPHEN = re.compile(r"(?<=\w)[-‐‑](?=\w)")
PREFIX_KEY = 3
MATCH_COLUMNS = ["doc", "sentence", "scheme", "frame", "cue", "match", "start", "end", "negated", "negator"]


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
    skip_after_negator: frozenset[str] = frozenset()
    literal_frames: frozenset[str] = frozenset()      # "scheme/frame" whose cues never match in similes
    descriptive_uses: tuple[tuple[str, tuple[str, ...]], ...] = ()  # ("scheme/frame", phrase words): no match
    simile_markers: tuple[str, ...] = ()
    litotes_frames: frozenset[str] = frozenset()      # "scheme/frame" whose cues a following negator negates
    reported_frames: frozenset[str] = frozenset()     # "scheme/frame" whose cues are not others' reporting verbs


stem = snowball_stem  # cue matching stems with Snowball (the policy is in analysis.corpus.terms)


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
        skip_after_negator=frozenset(data.get("skip_after_negator", ())),
        literal_frames=frozenset(data.get("literal_frames", ())),
        simile_markers=tuple(data.get("simile_markers", ())),
        litotes_frames=frozenset(data.get("litotes_frames", ())),
        reported_frames=frozenset(data.get("reported_frames", ())),
        descriptive_uses=tuple((key, tuple(phrase.lower().split()))
                               for key, phrases in (data.get("descriptive_uses") or {}).items() for phrase in phrases),
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

    def __init__(self, scheme: str, frames: pd.DataFrame, cues: list[Cue], sources: list[str] | None = None) -> None:
        self.scheme = scheme
        self.sources = list(sources) if sources is not None else [""] * len(cues)  # provenance per cue
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
        self._seen: dict[tuple[str, str], list[Cue]] = {}  # (lower, stem) -> candidates, filled as met

    @property
    def frame_ids(self) -> list[str]:
        return list(self.frames["frame"])

    def candidates(self, unit: Unit) -> list[Cue]:
        """Cues whose first element could match ``unit`` (lexicon order within
        stem, exact and prefix cues); remembered per word form."""
        key = (unit.lower, unit.stem)
        found = self._seen.get(key)
        if found is None:
            found = self._seen[key] = self._lookup(unit.lower, unit.stem)
        return found

    def _lookup(self, lower: str, stemmed: str) -> list[Cue]:
        found = self._by_stem.get(stemmed, []) + self._by_exact.get(lower, [])
        prefixed = self._by_prefix.get(lower[:PREFIX_KEY], []) + self._short_prefixed
        return found + [c for c in prefixed if lower.startswith(c.elements[0][1])]

    def cue_table(self) -> pd.DataFrame:
        """One row per cue: frame, cue as written, number of words and source
        (its provenance where the lexicon records one, e.g. "Hyland 2005")."""
        rows = [(c.frame, c.text, len(c.elements), src) for c, src in zip(self.cues, self.sources)]
        return pd.DataFrame(rows, columns=["frame", "cue", "words", "source"])


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
        raise UnknownName(f"no frame scheme {scheme!r}; schemes are: {', '.join(schemes(folder))}")
    frames = frames[frames["scheme"] == scheme]
    path = folder / "cues.csv"
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    table = table[table["scheme"] == scheme]
    own = folder / f"{scheme}-cues.csv"  # a scheme's own file, with a `source` per row (stance-cues.csv)
    if own.is_file():
        extra = pd.read_csv(own, dtype=str, keep_default_na=False)
        missing = {"scheme", "frame", "cue", "source"} - set(extra.columns)
        if missing:
            raise InputError(own, f"missing columns: {', '.join(sorted(missing))}")
        if (extra["source"].str.strip() == "").any():
            raise InputError(own, "every cue needs a source")
        path, table = own, pd.concat([table, extra[extra["scheme"] == scheme]], ignore_index=True)
    unknown = sorted(set(table["frame"]) - set(frames["frame"]))
    if unknown:
        raise InputError(path, f"cues for frames not defined in frames.csv: {', '.join(unknown)}")
    cues = [parse_cue(scheme, f, c) for f, c in zip(table["frame"], table["cue"])]
    sources = list(table["source"]) if "source" in table.columns else None
    return Lexicon(scheme, frames, cues, sources)


@lru_cache(maxsize=1 << 17)
def _token_parts(text: str, ignore: frozenset[str]) -> tuple[tuple[str, str, str, bool, int, int], ...]:
    """``(part, lower, stem, word, start, end)`` of each piece of a token (offsets
    within the token); empty for ignored tokens. Cached: a corpus repeats its
    word forms, so each is split and stemmed once."""
    if text.lower() in ignore:
        return ()
    parts, pos = [], 0
    for part in _HYPHEN.split(text):
        a = text.index(part, pos)
        pos = a + len(part)
        lower = part.lower()
        word = any(ch.isalpha() for ch in part)
        parts.append((part, lower, stem(lower) if word else lower, word, a, pos))
    return tuple(parts)


def sentence_units(sentence: Sentence, rules: Settings | None = None) -> list[Unit]:
    """The matchable units of a sentence (offsets point into ``doc.raw``)."""
    ignore = (rules or settings()).ignore
    new = tuple.__new__  # builds a Unit at half the cost of Unit(...); this loop runs for every token
    norm, spans, offsets = sentence.norm, sentence.spans, sentence.offsets  # Sentence.tokens, unpacked
    units = []
    for k in range(0, len(spans), 2):
        text, start, end = norm[spans[k]:spans[k + 1]], offsets[k], offsets[k + 1]
        parts = _token_parts(text, ignore)
        if len(text) == end - start:
            units += [new(Unit, (p, low, st, w, start + a, start + b)) for p, low, st, w, a, b in parts]
        else:  # the normalised token differs in length from the original: keep the token's span
            units += [new(Unit, (p, low, st, w, start, end)) for p, low, st, w, _, _ in parts]
    return units


# Negation scopes to modifiers and complements, not to the head noun of a phrase
# that a complement follows: "This was not a summit of allies" denies "of
# allies", not that there was a summit. Only these negators (not the determiner
# "no": "no evidence of") followed by one of these determiners open such a phrase.
HEAD_NEGATORS = frozenset(["not", "n't", "never"])
HEAD_DETERMINERS = frozenset(["a", "an", "the"])
COMPLEMENT_MARKERS = frozenset(["of", "between", "among", "with", "for", "to", "in", "on", "that", "who",
                                "which", "where"])


def is_name_token(units: list[Unit], i: int) -> bool:
    """Whether the unit at ``i`` is a capitalised word inside the sentence (part
    of a name: *Foreign* of "Foreign Ministry"), not its first word."""
    unit = units[i]
    return unit.text[:1].isupper() and any(u.word for u in units[:i])


def _phrase_head(units: list[Unit], j: int, i: int, n: int) -> bool:
    """Whether the cue at ``units[i:i + n]`` is the head of the noun phrase that
    the negator at ``j`` opens ("not a summit" + "of allies"): the negator is
    followed by a determiner, no preposition or complement marker stands between
    it and the cue, and a complement marker follows the cue."""
    if units[j].lower not in HEAD_NEGATORS or j + 1 >= i or units[j + 1].lower not in HEAD_DETERMINERS:
        return False
    if any(u.lower in COMPLEMENT_MARKERS or not u.word for u in units[j + 2:i]):
        return False
    after = i + n
    return after < len(units) and units[after].lower in COMPLEMENT_MARKERS


def negator_before(units: list[Unit], i: int, rules: Settings, n: int = 1) -> str | None:
    """The negator governing the cue of ``n`` units at ``i``, if any.

    Looks back at most ``rules.window`` word units within the clause (stopping
    at a boundary token); "not just"/"not only" do not negate, nor does
    "no longer merely" (``skip_after_negator`` words are passed over).
    Negation reaches modifiers and complements only: never a capitalised name
    token (:func:`is_name_token`), nor the head noun of a negated phrase that a
    complement follows (``not a summit of allies`` negates *allies*, not *summit*).
    """
    if is_name_token(units, i):
        return None
    seen = 0
    for j in range(i - 1, -1, -1):
        unit = units[j]
        if unit.lower in rules.boundaries:
            return None
        if unit.lower in rules.negators:
            k = j + 1
            while k < i and units[k].lower in rules.skip_after_negator:
                k += 1
            follower = units[k].lower if k < len(units) else ""
            if follower in rules.not_negating_after or _phrase_head(units, j, i, n):
                return None
            return unit.lower
        if unit.word:
            seen += 1
            if seen >= rules.window:
                return None
    return None


def in_simile(units: list[Unit], i: int, n: int, markers: tuple[str, ...]) -> bool:
    """Whether the cue at ``units[i:i + n]`` is the vehicle of a simile: followed
    by "-like" in the same token ("cathedral-like") or preceded within three
    words by a marker ("like a cathedral", "as if")."""
    after = i + n
    if after < len(units) and units[after].lower in markers and units[after].start == units[after - 1].end + 1:
        return True
    before = [u.lower for u in units[max(0, i - 6):i] if u.word][-3:]
    window = f" {' '.join(before)} "
    return any(f" {m} " in window for m in markers)


def negator_after(units: list[Unit], i: int, n: int, rules: Settings) -> str | None:
    """The negator right after the cue at ``units[i:i + n]`` ("could not")."""
    after = i + n
    if after < len(units) and units[after].lower in rules.negators:
        return units[after].lower
    return None


def reported_by_other(sentence: Sentence, word: str) -> bool:
    """Whether ``word`` is the reporting verb of someone the sentence names
    ("British military intelligence recently estimated")."""
    return any(row[1].lower() == word.lower() for row in sentence_attributions(sentence))


def in_phrase(units: list[Unit], i: int, phrase: tuple[str, ...]) -> bool:
    """Whether the unit at ``i`` is one of the words of ``phrase`` standing in full
    around it ("clear" in "loud and clear")."""
    words = [u.lower for u in units]
    n = len(phrase)
    return any(words[i - p:i - p + n] == list(phrase) for p in range(n) if i - p >= 0 and phrase[p] == words[i])


def _excluded(sentence: Sentence, units: list[Unit], i: int, cue: Cue, rules: Settings) -> bool:
    """Rule-based exclusions of a cue match: similes for literal frames, others'
    reporting verbs for stance, descriptive uses ("echoed loud and clear" is not
    the writer's certainty)."""
    key = f"{cue.scheme}/{cue.frame}"
    if key in rules.literal_frames and in_simile(units, i, len(cue.elements), rules.simile_markers):
        return True
    if any(k == key and in_phrase(units, i, phrase) for k, phrase in rules.descriptive_uses):
        return True
    return key in rules.reported_frames and len(cue.elements) == 1 and reported_by_other(sentence, units[i].text)


def match_sentence(sentence: Sentence, lexicon: Lexicon, raw: str, rules: Settings | None = None) -> list[tuple]:
    """Every cue occurrence in one sentence, as rows in :data:`MATCH_COLUMNS` order."""
    rules = rules or settings()
    units = sentence_units(sentence, rules)
    rows = []
    busy: dict[str, int] = {}  # frame -> first unit index free for a new match
    for i, unit in enumerate(units):
        if not unit.word:
            continue
        candidates = lexicon.candidates(unit)
        if not candidates:  # most words
            continue
        best: dict[str, Cue] = {}
        for cue in candidates:
            if i < busy.get(cue.frame, 0) or not cue.matches_at(units, i):
                continue
            if (rules.literal_frames or rules.reported_frames or rules.descriptive_uses) and _excluded(sentence, units, i, cue, rules):
                continue
            if cue.frame not in best or len(cue.elements) > len(best[cue.frame].elements):
                best[cue.frame] = cue
        for frame in sorted(best):
            cue = best[frame]
            last = units[i + len(cue.elements) - 1]
            busy[frame] = i + len(cue.elements)
            negator = negator_before(units, i, rules, len(cue.elements))
            if negator is None and f"{cue.scheme}/{frame}" in rules.litotes_frames:
                negator = negator_after(units, i, len(cue.elements), rules)
            surface = " ".join(raw[unit.start:last.end].split())
            rows.append((sentence.doc, sentence.index, lexicon.scheme, frame, cue.text, surface,
                         unit.start, last.end, negator is not None, negator or ""))
    return rows


# Cue matches per document, lexicon and rules (and the word count), kept while the
# document lives: a notebook asks for the same scheme several times (scores,
# evidence, validation). Keyed by id() because documents are not hashable. At
# most MEMO_ROWS rows are kept (about 250 bytes each), so a very large corpus
# is matched again rather than held twice in memory.
MEMO_ROWS = 250_000
_MATCHES: dict[int, tuple[weakref.ref, dict]] = {}
_kept = [0]  # rows currently remembered


def _rows_in(memo: dict) -> int:
    return sum(len(v) for v in memo.values() if isinstance(v, list))


def _forget(key: int, ref: weakref.ref) -> None:
    if key in _MATCHES and _MATCHES[key][0] is ref:
        _kept[0] -= _rows_in(_MATCHES.pop(key)[1])


def _memo(doc: Document) -> dict:
    """The remembered results of ``doc``, dropped when the document is."""
    entry = _MATCHES.get(id(doc))
    if entry is None or entry[0]() is not doc:
        ref = weakref.ref(doc, lambda r, k=id(doc): _forget(k, r))
        entry = _MATCHES[id(doc)] = (ref, {})
    return entry[1]


def clear_cache() -> None:
    """Forget remembered matches (the benchmark times matching, not look-ups)."""
    _MATCHES.clear()
    _kept[0] = 0


def document_matches(doc: Document, lexicon: Lexicon, rules: Settings) -> list[tuple]:
    """Match rows of every sentence of ``doc`` (computed once per document,
    lexicon and rules while the memo has room; treat the list as read-only)."""
    memo = _memo(doc)
    rows = memo.get((lexicon, rules))
    if rows is None:
        raw = doc.raw
        rows = [row for s in doc.sentences for row in match_sentence(s, lexicon, raw, rules)]
        if _kept[0] + len(rows) <= MEMO_ROWS:
            memo[(lexicon, rules)] = rows
            _kept[0] += len(rows)
    return rows


_is_word = lru_cache(maxsize=1 << 17)(is_word)


def word_count(doc: Document) -> int:
    """``len(doc.words)``: the body's word tokens (punctuation left out),
    remembered per document. This is the one base of every "per 1,000 words"
    rate (frames, devices, entities); ``corpus --format json`` prints it as
    ``per_1k_base``. Keyness names its other base ``per_1k_content_words``."""
    memo = _memo(doc)
    if "words" not in memo:
        n = 0
        for s in doc.sentences:  # Sentence.words without building the list, one test per word form
            norm, spans = s.norm, s.spans
            n += sum(1 for k in range(0, len(spans), 2) if _is_word(norm[spans[k]:spans[k + 1]]))
        memo["words"] = n
    return memo["words"]


def find_cues(docs: Corpus | Document | Iterable[Document], scheme: str) -> pd.DataFrame:
    """Every cue occurrence of ``scheme`` in ``docs``: the evidence table.

    Columns: doc, sentence, scheme, frame, cue (as in the lexicon),
    match (the words in the text), start/end (offsets into ``doc.raw``),
    negated, negator. Negated rows are evidence but never score.
    """
    from ..extensions import ask

    if (stored := ask("cues", docs, scheme)) is not None:
        return stored
    lexicon = load_lexicon(scheme)
    rules = settings()
    docs = as_documents(docs)
    chars = sum(len(d.raw) for d in docs)
    rows = [row for doc in progress(docs, desc=f"cues ({scheme})", chars=chars)
            for row in document_matches(doc, lexicon, rules)]
    frame = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    # An empty table would give every column dtype object, and ``~negated`` on
    # an object column is not a boolean mask; fix the types either way.
    return frame.astype({"sentence": "int64", "start": "int64", "end": "int64", "negated": "bool"})
