"""Whose words: every token, cue and sentiment word tagged with its voice.

``authorial``
    the writer's own words;
``quoted``
    inside quotation marks, with the speaker when the sentence's attribution
    names one ("dearest comrade" -> Kim); a quotation without its own
    attribution continues the last quoted speaker of its paragraph;
``attributed``
    reported speech in a sentence without quotation marks: the words from a reporting verb
    of a named speaker to the end of the sentence ("British military
    intelligence recently estimated over 6,000 ... casualties"), or the whole
    sentence after "according to". Negated reports ("Pyongyang has not
    acknowledged") are not speech and stay authorial.

Rules, not a parser: the speaker is the one :func:`analysis.framing.devices.sentence_attributions`
finds (pronouns unresolved); an attributed stretch ends at the sentence end,
so a writer's clause after the reported one is attributed too.

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
from .devices import QUOTE_MARKS, sentence_attributions

VOICES = ("authorial", "quoted", "attributed")
OPENING, CLOSING = frozenset(["``", "“"]), frozenset(["''", "”"])


def _report_starts(sentence: Sentence, words: list[str]) -> list[tuple[int, str]]:
    """``(token index, speaker)`` where each live (non-negated) report begins."""
    starts = []
    for speaker, verb, _, _, pattern, negated, _ in sentence_attributions(sentence):
        if negated:
            continue
        if pattern == "according-to":
            starts.append((0, speaker))
        elif verb in words:
            starts.append((words.index(verb), speaker))
    return sorted(starts)


def sentence_voices(sentence: Sentence, open_quote: bool = False) -> tuple[list[tuple[str, str]], bool]:
    """``(voice, speaker)`` for each token of ``sentence``, and whether a
    quotation is still open at its end. Quotation marks belong to their quote."""
    words = [t.text for t in sentence.tokens]
    starts = _report_starts(sentence, words)
    quote_speaker = starts[0][1] if starts else ""
    if open_quote or any(w in QUOTE_MARKS for w in words):
        starts = []  # the report introduces a quotation: the words outside it are the writer's
    inside, out = open_quote, []
    for k, w in enumerate(words):
        if w in QUOTE_MARKS:
            out.append(("quoted", quote_speaker))
            inside = (not inside) if w == '"' else w in OPENING
            continue
        if inside:
            out.append(("quoted", quote_speaker))
            continue
        reports = [speaker for pos, speaker in starts if pos <= k]
        out.append(("attributed", reports[-1]) if reports else ("authorial", ""))
    return out, inside


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
