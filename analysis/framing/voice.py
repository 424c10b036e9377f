"""Whose words: every token, cue and sentiment word tagged with its voice.

``authorial``
    the writer's own words;
``quoted``
    inside quotation marks, with the speaker when the sentence's attribution
    names one ("dearest comrade" -> Kim); a quotation without its own
    attribution continues the last quoted speaker of its paragraph; a partial
    quote inside reported speech belongs to that report's speaker;
``attributed``
    reported speech: the complement of a reporting verb of a named speaker
    ("British military intelligence recently estimated over 6,000 ...
    casualties"), the words before a trailing "..., he said", the main clause
    after "As noted by X," or the whole sentence after "according to". The
    span ends with the complement: a clause complement ("said that ...") at
    the end of its clause (a boundary mark, "but"/"while", a comma opening a
    new clause, participle or quotation); a noun-phrase complement
    ("emphasized their importance to Kim") also at the first adjunct
    preposition ("during their warm public exchange" is the writer's).
    Negated reports ("Pyongyang has not acknowledged") are not speech and
    stay authorial.

A scare quote (a quoted phrase of at most three words inside the writer's own
clause, neither introduced nor followed by a reporting verb: Russia faced a
severe "shell hunger") is the writer's: authorial.

Rules, not a parser: the speaker is the one :func:`analysis.framing.devices.sentence_attributions`
finds (pronouns unresolved). Measured on a hand-labelled test set of Narrative
Frames Corpus dev articles (:mod:`analysis.framing.voice_check`,
``data/voice-validation.csv``).

>>> tagged = cue_voices(find_cues(corpus, "stance"), corpus)   # + voice, speaker
>>> restrict(tagged, "authorial")                                # the writer's stance only
"""
from __future__ import annotations

from bisect import bisect_right
from typing import Iterable

import pandas as pd

from ..corpus.model import Corpus, Document, Sentence
from ..types import as_documents
from .cues import _memo
from .devices import QUOTE_MARKS, reporting_verbs, sentence_attributions

VOICES = ("authorial", "quoted", "attributed")
OPENING, CLOSING = frozenset(["``", "“"]), frozenset(["''", "”"])


# Where a reporting verb's complement ends (rules, not a parser). A clause
# complement ("said that ...", "said Russia would ...") runs to the end of its
# clause: a boundary mark, a coordinating conjunction, or a comma that opens a
# new clause, a participle or a quotation. A noun-phrase complement
# ("emphasized their importance") also ends at the first adjunct preposition
# ("during their warm public exchange"): the circumstances of the report are
# the writer's words.
CLAUSE_BOUNDARIES = frozenset([";", ":", "—", "–", "(", ")", "!", "?"])
CLAUSE_CONJUNCTIONS = frozenset(["but", "while", "whereas", "although", "though", "yet"])
AFTER_COMMA_STOPS = frozenset(["which", "who", "whom", "whose", "while", "but", "although", "though", "whereas",
                               "as", "according", "he", "she", "they", "it", "we", "i", "and"])
FINITE = frozenset("is are was were has have had will would could should can may might must did does do be been "
                   "not n't 's 're 've 'll 'd isn't wasn't won't".split())
ADJUNCTS = frozenset("during at in on after before when while last this yesterday today amid".split())
SCARE_WORDS = 3  # a quoted phrase of at most this many words inside the writer's clause is a scare quote
TRAILING_WORDS = 6  # ", he told the BBC." : a report this short after a comma ends its sentence's speech


def _complement_end(words: list[str], v: int, clause: bool | None = None) -> int:
    """Index after the last token of the complement of the reporting verb at ``v``
    (``clause``: whether it is a clause; guessed from the next words when None)."""
    k = v + 1
    window = []
    for w in words[k:k + 8]:
        if w in CLAUSE_BOUNDARIES or w == "," or w.lower() in CLAUSE_CONJUNCTIONS:
            break
        window.append(w.lower())
    if clause is None:  # "said that", "told AFP that", "said Russia would"
        clause = any(w in FINITE or w == "that" for w in window)
    inside = False
    for j in range(k, len(words)):
        w, low = words[j], words[j].lower()
        if w in QUOTE_MARKS:
            inside = (not inside) if w == '"' else w in OPENING
            continue
        if inside:
            continue
        if w in CLAUSE_BOUNDARIES or low in CLAUSE_CONJUNCTIONS:
            return j
        if w == "," and j + 1 < len(words):
            nxt = words[j + 1]
            if nxt in QUOTE_MARKS or nxt.lower() in AFTER_COMMA_STOPS or nxt.lower().endswith("ing"):
                return j
        if not clause and j > k and low in ADJUNCTS:
            return j
    return len(words)


def _trailing_start(words: list[str], v: int) -> int | None:
    """For "..., he said." (a report after a comma that ends the sentence): the
    index of that comma, so the words before it are the speaker's; else None."""
    rest = [w for w in words[v + 1:] if any(c.isalnum() for c in w)]
    if len(rest) > TRAILING_WORDS or any(w.lower() in FINITE or w.lower() == "that" for w in rest):
        return None
    for j in range(v - 1, max(v - 6, 0) - 1, -1):
        if words[j] == ",":
            return j if any(any(c.isalnum() for c in w) for w in words[:j]) else None
        if words[j] in QUOTE_MARKS:
            return None
    return None


def _report_spans(sentence: Sentence, words: list[str]) -> list[tuple[int, int, str]]:
    """``(first, end, speaker)`` of the reported speech of each live (non-negated)
    report: the reporting verb's complement clause, the words before a trailing
    "..., he said", or the whole sentence after "according to"."""
    spans = []
    for speaker, verb, _, _, pattern, negated, _ in sentence_attributions(sentence):
        if negated:
            continue
        if pattern == "according-to":
            spans.append((0, len(words), speaker))
        elif verb in words:
            v = words.index(verb)
            trailing = _trailing_start(words, v)
            comma = next((j for j in range(v + 1, min(v + 9, len(words))) if words[j] == ","), None)
            if "as" in (w.lower() for w in words[max(0, v - 4):v]) and comma is not None:
                # "As noted by the analyst X, <clause>": the main clause is the report
                spans.append((v, _complement_end(words, comma, clause=True), speaker))
            elif trailing is not None:
                spans.append((0, trailing, speaker))
            else:
                spans.append((v, _complement_end(words, v), speaker))
    return sorted(spans)


def _quote_segments(words: list[str], open_quote: bool) -> list[tuple[int, int, bool]]:
    """``(first, last, opened_here)`` token indices of each quotation, marks
    included (a stray closing mark is a segment of its own)."""
    segments, first, inside = [], 0, open_quote
    for k, w in enumerate(words):
        if w not in QUOTE_MARKS:
            continue
        opens = (not inside) if w == '"' else w in OPENING
        if inside and not opens:
            segments.append((first, k, not (open_quote and first == 0 and not segments)))
            inside = False
        elif not inside and opens:
            first, inside = k, True
        elif not inside:
            segments.append((k, k, True))
    if inside:
        segments.append((first, len(words) - 1, not (open_quote and first == 0 and not segments)))
    return segments


def _scare_quote(words: list[str], first: int, last: int, verbs: dict) -> bool:
    """A short quotation inside the writer's clause, neither introduced by nor
    followed by a report ("settled on "climate change"", not "he said: "No"")."""
    inner = [w for w in words[first + 1:last] if any(c.isalnum() for c in w)]
    if not 0 < len(inner) <= SCARE_WORDS:
        return False
    before = words[first - 1].lower() if first > 0 else ""
    if not before or before in {",", ":"} or before in verbs:
        return False
    after = [w.lower() for w in words[last + 1:last + 4]]
    return not any(w in verbs for w in after)


def sentence_voices(sentence: Sentence, open_quote: bool = False) -> tuple[list[tuple[str, str]], bool]:
    """``(voice, speaker)`` for each token of ``sentence``, and whether a
    quotation is still open at its end. Quotation marks belong to their quote;
    a scare quote is the writer's; a partial quote inside reported speech is
    the speaker's."""
    words = [t.text for t in sentence.tokens]
    spans = _report_spans(sentence, words)
    quote_speaker = spans[0][2] if spans else ""
    out = []
    for k in range(len(words)):
        reports = [speaker for a, b, speaker in spans if a <= k < b]
        out.append(("attributed", reports[-1]) if reports else ("authorial", ""))
    segments = _quote_segments(words, open_quote)
    verbs = {w.lower() for w in reporting_verbs()["form"]}
    for first, last, opened_here in segments:
        around = out[first - 1] if first > 0 else ("authorial", "")
        if opened_here and around[0] == "authorial" and _scare_quote(words, first, last, verbs):
            continue  # the writer's
        speaker = around[1] if around[0] == "attributed" else quote_speaker
        for k in range(first, last + 1):
            out[k] = ("quoted", speaker)
    return out, _still_open(words, open_quote)


def _still_open(words: list[str], open_quote: bool) -> bool:
    inside = open_quote
    for w in words:
        if w in QUOTE_MARKS:
            inside = (not inside) if w == '"' else w in OPENING
    return inside


def document_voices(doc: Document) -> dict[int, list[tuple[str, str]]]:
    """Sentence index -> per-token ``(voice, speaker)``; quotations may run on
    across sentences of one paragraph, never across paragraphs. Computed once
    per document."""
    memo = _memo(doc)
    if "voices" not in memo:
        voices: dict[int, list[tuple[str, str]]] = {}
        for paragraph in doc.paragraphs:
            open_quote, speaker = False, ""
            for s in paragraph.sentences:
                tags, open_quote = sentence_voices(s, open_quote)
                if speaker:  # an unattributed quotation continues the paragraph's last speaker
                    tags = [(v, sp or speaker) if v == "quoted" else (v, sp) for v, sp in tags]
                speaker = next((sp for v, sp in reversed(tags) if v == "quoted" and sp), speaker)
                voices[s.index] = tags
        memo["voices"] = voices
    return memo["voices"]


def _token_at(starts: list[int], offset: int) -> int:
    return max(bisect_right(starts, offset) - 1, 0)


def voice_at(doc: Document, index: int, offset: int, norm: bool = False) -> tuple[str, str]:
    """``(voice, speaker)`` of the token at ``offset`` in sentence ``index``
    (an offset into ``doc.raw``, or into ``Sentence.norm`` with ``norm``)."""
    sentence = doc.sentences[index]
    tags = document_voices(doc)[index]
    if not tags:
        return "authorial", ""
    starts = list((sentence.spans if norm else sentence.offsets)[0::2])
    return tags[_token_at(starts, offset)]


def cue_voices(matches: pd.DataFrame, docs: Corpus | Document | Iterable[Document]) -> pd.DataFrame:
    """``matches`` (:func:`analysis.framing.cues.find_cues` rows) with ``voice``
    and ``speaker`` columns added, from each match's first offset."""
    by_id = {d.id: d for d in as_documents(docs)}
    tags = [voice_at(by_id[d], i, a) for d, i, a in zip(matches["doc"], matches["sentence"], matches["start"])]
    return matches.assign(voice=[v for v, _ in tags], speaker=[s for _, s in tags])


def word_voices(evidence: pd.DataFrame, docs: Corpus | Document | Iterable[Document]) -> pd.DataFrame:
    """Sentiment word evidence (:func:`analysis.sentiment.word_evidence`) with
    ``voice`` and ``speaker``; ``token`` indexes VADER's tokens of the
    sentence's normalised text."""
    from ..sentiment.evidence import token_offsets

    by_id = {d.id: d for d in as_documents(docs)}
    splits: dict[tuple[str, int], list] = {}
    tags = []
    for d, i, k in zip(evidence["doc"], evidence["sentence"], evidence["token"]):
        split = splits.get((d, i))
        if split is None:
            split = splits[(d, i)] = token_offsets(by_id[d].sentences[i].norm)
        tags.append(voice_at(by_id[d], i, split[k][1], norm=True))
    return evidence.assign(voice=[v for v, _ in tags], speaker=[s for _, s in tags])


def sentence_voice_table(docs: Corpus | Document | Iterable[Document]) -> pd.DataFrame:
    """One row per sentence: doc, sentence, voice (that of most of its word
    tokens, ties to authorial), quoted_share and attributed_share of its
    word tokens, speaker (of the majority voice, if any)."""
    rows = []
    for doc in as_documents(docs):
        voices = document_voices(doc)
        for s in doc.sentences:
            tags = [tag for tag, tok in zip(voices[s.index], s.tokens) if any(c.isalnum() for c in tok.text)]
            n = len(tags) or 1
            share = {v: sum(1 for t, _ in tags if t == v) / n for v in VOICES}
            voice = max(VOICES, key=lambda v: (share[v], v == "authorial"))
            speaker = next((sp for t, sp in tags if t == voice and sp), "")
            rows.append((doc.id, s.index, voice, round(share["quoted"], 3), round(share["attributed"], 3),
                         speaker))
    return pd.DataFrame(rows, columns=["doc", "sentence", "voice", "quoted_share", "attributed_share", "speaker"])


def restrict(table: pd.DataFrame, voice: str | None) -> pd.DataFrame:
    """Rows of a voice-tagged table in one voice (all rows for ``None``)."""
    if voice is None:
        return table
    if voice not in VOICES:
        raise ValueError(f"no voice {voice!r}; voices are: {', '.join(VOICES)}")
    return table[table["voice"] == voice].reset_index(drop=True)


def quoted_share(tagged: pd.DataFrame) -> pd.DataFrame:
    """Per document: rows, and the share of them quoted or attributed
    (``doc, rows, quoted, attributed, quoted_share, attributed_share``)."""
    counts = pd.crosstab(tagged["doc"], tagged["voice"]).reindex(columns=list(VOICES), fill_value=0)
    total = counts.sum(axis=1)
    out = pd.DataFrame({"rows": total, "quoted": counts["quoted"], "attributed": counts["attributed"]})
    out["quoted_share"] = (out["quoted"] / total.where(total > 0, 1)).round(3)
    out["attributed_share"] = (out["attributed"] / total.where(total > 0, 1)).round(3)
    return out.reset_index().rename(columns={"index": "doc"})


def in_voice(sentences: pd.DataFrame, docs: Corpus | Document | Iterable[Document], voice: str) -> pd.DataFrame:
    """Rows of a per-sentence table (doc, sentence, ...) whose sentence is mostly
    in ``voice`` (see :func:`sentence_voice_table`)."""
    table = sentence_voice_table(docs)
    keep = set(zip(table.loc[table["voice"] == voice, "doc"], table.loc[table["voice"] == voice, "sentence"]))
    if voice not in VOICES:
        raise ValueError(f"no voice {voice!r}; voices are: {', '.join(VOICES)}")
    mask = [(d, i) in keep for d, i in zip(sentences["doc"], sentences["sentence"])]
    return sentences[mask].reset_index(drop=True)
