"""How well the voice tagger agrees with a hand-labelled test set.

The test set (``data/voice-test-set.csv``) holds spans of Narrative Frames
Corpus dev articles (Frermann et al. 2023) labelled by reading each sentence:
``authorial`` (the writer's words), ``quoted`` (inside quotation marks, a
speaker's words, including a partial quote inside reported speech),
``attributed`` (reported speech without quotation marks: the reporting verb's
complement clause) and ``scare_quote`` (a quoted phrase of 1–3 words inside
the writer's own clause, not introduced by a reporting verb: the writer's).
Each row is ``doc, sentence, start, end, voice, span_sha256``: offsets into the
imported article's raw text and the first 12 hex digits of the SHA-256 of the
span, never the text (the corpus may not be copied). The spans were labelled
before the tagger's rules were changed and were not used to write them.

A span's predicted voice is that of most of its word tokens (ties to
authorial). A scare quote counts as correct when tagged authorial. Per voice,
precision and recall carry Wilson 95 % intervals (:mod:`analysis.intervals`);
``python -m benchmarks.voice_validation`` writes them to
``data/voice-validation.csv``, which :func:`load_voice_validation` reads.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..intervals import wilson_interval
from .voice import VOICES, document_voices

__all__ = ["TEST_SET", "VOICE_VALIDATION", "LABELS", "read_test_set", "span_voices", "voice_scores",
           "load_voice_validation"]

DATA = Path(__file__).resolve().parent / "data"
TEST_SET = DATA / "voice-test-set.csv"
VOICE_VALIDATION = DATA / "voice-validation.csv"
LABELS = ("authorial", "quoted", "attributed", "scare_quote")
SCORE_COLUMNS = ["voice", "gold", "predicted", "correct", "precision", "precision_low", "precision_high",
                 "recall", "recall_low", "recall_high"]


def read_test_set(path: Path | str = TEST_SET) -> pd.DataFrame:
    """The labelled spans (``doc`` as text)."""
    path = Path(path)
    try:
        table = pd.read_csv(path, dtype={"doc": str, "span_sha256": str})
    except FileNotFoundError:
        raise InputError(path, "voice test set not found") from None
    missing = {"doc", "sentence", "start", "end", "voice", "span_sha256"} - set(table.columns)
    if missing:
        raise InputError(path, f"missing columns: {', '.join(sorted(missing))}")
    unknown = sorted(set(table["voice"]) - set(LABELS))
    if unknown:
        raise InputError(path, f"unknown voice labels: {', '.join(unknown)}")
    return table


def span_voices(corpus, spans: pd.DataFrame) -> pd.DataFrame:
    """``spans`` with ``predicted``: the tagger's majority voice over each span's
    word tokens. Raises :class:`InputError` when a span's text does not hash to
    its ``span_sha256`` (another version of the corpus) or its document is missing."""
    predicted = []
    for row in spans.itertuples():
        if row.doc not in corpus.ids:
            raise InputError(Path(str(row.doc)), "document of the voice test set not in the corpus")
        doc = corpus[row.doc]
        if hashlib.sha256(doc.raw[row.start:row.end].encode("utf-8")).hexdigest()[:12] != row.span_sha256:
            raise InputError(Path(str(row.doc)), f"span {row.start}-{row.end} does not match its hash")
        sentence = doc.sentences[row.sentence]
        tags = document_voices(doc)[row.sentence]
        starts = sentence.offsets[0::2]
        inside = [tag for tag, token, a in zip(tags, sentence.tokens, starts)
                  if row.start <= a < row.end and any(c.isalnum() for c in token.text)]
        counts = {v: sum(1 for t, _ in inside if t == v) for v in VOICES}
        predicted.append(max(VOICES, key=lambda v: (counts[v], v == "authorial")))
    return spans.assign(predicted=predicted)


def voice_scores(tagged: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Per voice: gold spans, predicted spans, correct, precision and recall with
    Wilson intervals; a last row ``scare_quote`` gives the share of scare quotes
    tagged as the writer's (its recall; precision is not defined)."""
    gold = tagged["voice"].replace({"scare_quote": "authorial"})
    rows = []
    for voice in VOICES:
        g, p = gold == voice, tagged["predicted"] == voice
        k = int((g & p).sum())
        rows.append((voice, int(g.sum()), int(p.sum()), k, *_rate(k, int(p.sum()), level),
                     *_rate(k, int(g.sum()), level)))
    scare = tagged["voice"] == "scare_quote"
    k = int((scare & (tagged["predicted"] == "authorial")).sum())
    nan = float("nan")
    rows.append(("scare_quote", int(scare.sum()), nan, k, nan, nan, nan, *_rate(k, int(scare.sum()), level)))
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def _rate(k: int, n: int, level: float) -> tuple[float, float, float]:
    if n == 0:
        return float("nan"), float("nan"), float("nan")
    low, high = wilson_interval(k, n, level)
    return round(k / n, 3), round(low, 3), round(high, 3)


def load_voice_validation(path: Path | str = VOICE_VALIDATION) -> pd.DataFrame:
    """The committed per-voice precision and recall (``rules``: the tagger's
    rules before and after the issue-24 changes), as written by
    ``python -m benchmarks.voice_validation``."""
    path = Path(path)
    try:
        table = pd.read_csv(path, dtype={"commit": str})
    except FileNotFoundError:
        raise InputError(path, "voice validation not found: run python -m benchmarks.voice_validation") from None
    missing = {"rules", *SCORE_COLUMNS} - set(table.columns)
    if missing:
        raise InputError(path, f"missing columns: {', '.join(sorted(missing))}")
    return table
