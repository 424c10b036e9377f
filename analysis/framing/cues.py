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
Negation follows ``matching.yaml`` (:mod:`analysis.framing.negation`); the matchable units of a sentence
and the rules are in :mod:`analysis.framing.units`.
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..corpus.model import Corpus, Document, Sentence
from ..errors import InputError, UnknownName
from ..paths import LEXICONS
from ..progress import progress
from ..types import as_documents
from .attribution import sentence_attributions
from .negation import in_phrase, in_simile, negator_after, negator_before
from .units import _HYPHEN, Settings, Unit, sentence_units, settings, stem
from ..corpus.tokens import is_word

PREFIX_KEY = 3
MATCH_COLUMNS = ["doc", "sentence", "scheme", "frame", "cue", "match", "start", "end", "negated", "negator"]


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


def reported_by_other(sentence: Sentence, word: str) -> bool:
    """Whether ``word`` is the reporting verb of someone the sentence names
    ("British military intelligence recently estimated")."""
    return any(row[1].lower() == word.lower() for row in sentence_attributions(sentence))


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
