"""Sentiment with VADER, sentence by sentence, with the evidence for every score.

VADER (Hutto & Gilbert 2014) is a lexicon of rated words plus rules for
negation, degree words ("very", "slightly"), capitals, "but" and punctuation.
It was built for short texts, so we score each sentence's normalised text
(``Sentence.norm``) with the reference ``vaderSentiment`` analyzer and build
paragraph and document figures *from the sentence scores*:

* ``compound`` of a paragraph or document is the unweighted **mean of its
  sentence compounds**; ``pos``/``neu``/``neg`` are means of the sentence
  proportions;
* ``share_positive``/``share_neutral``/``share_negative`` are the shares of
  sentences with compound >= 0.05, between, and <= -0.05 (VADER's thresholds).

The evidence is VADER's own arithmetic, traced rather than re-derived: for
every token, its lexicon valence, its valence after the word rules
(negation, degree words, capitals, idioms, "least") and after the "but" rule,
and which shifters acted. A sentence's compound is
``normalize(sum of final valences ± punctuation emphasis)``.

The evidence is worked out only when asked for (``explain``, ``words``,
``word_evidence``, the default ``sentence_scores``); the scores alone
(``sentence_scores(corpus, evidence=False)``) cost what VADER itself costs.

>>> scores = sentence_scores(corpus)          # one row per sentence
>>> paragraph_scores(scores); document_scores(scores)
>>> score("Not a good deal, but a warm welcome.").explain()
"""
from __future__ import annotations

import csv
import math
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Iterable

import pandas as pd

from ..corpus.model import Corpus, Document
from ..paths import data_file
from ..progress import progress
from ..corpus.tokens import is_word

THRESHOLD = 0.05
SENTIMENTS = ("negative", "neutral", "positive")
SENTENCE_COLUMNS = ["doc", "index", "paragraph", "section", "position", "compound", "pos", "neu", "neg",
                    "sentiment", "n_evidence", "evidence", "text", "norm"]
EXPLAIN_COLUMNS = ["n_evidence", "evidence"]    # the sentence columns that need the evidence
EVIDENCE_COLUMNS = ["doc", "index", "token", "word", "lexicon", "valence", "final", "shifters", "quoted"]


def polarity(compound: float, threshold: float = THRESHOLD) -> str:
    """``positive`` (>= threshold), ``negative`` (<= -threshold) or ``neutral``."""
    if compound >= threshold:
        return "positive"
    if compound <= -threshold:
        return "negative"
    return "neutral"


# --- the analyzer and its trace ------------------------------------------------

@lru_cache(maxsize=1)
def analyzer():
    """The one VADER analyzer: a subclass of the reference
    ``SentimentIntensityAnalyzer`` that can record its intermediate valences.

    Its scores are the reference scores: every rule is VADER's own method,
    and only work that cannot change a result is skipped.

    * The negation and idiom checks lower-case the *whole* text each time
      they look at one word, which makes VADER's cost grow with the square
      of the text length; they only ever read three tokens back and two
      ahead, so they are handed that window of tokens (with the index
      shifted to match) instead.
    * ``polarity_scores`` first copies the text character by character to
      describe emoji; a text without any emoji is handed over as
      :class:`_NoEmoji`, which that loop reads as one piece.

    Recording is off unless :func:`score` turns it on for one call."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as Reference

    class TracingAnalyzer(Reference):
        trace: dict | None = None

        def polarity_scores(self, text):
            if isinstance(text, str) and self.emoji_chars.isdisjoint(text) and text not in self.emojis:
                text = _NoEmoji(text)
            return super().polarity_scores(text)

        def _but_check(self, words_and_emoticons, sentiments):
            if self.trace is not None:
                self.trace["tokens"] = tuple(words_and_emoticons)
                self.trace["before_but"] = tuple(sentiments)
            return Reference._but_check(words_and_emoticons, sentiments)

        def score_valence(self, sentiments, text):
            if self.trace is not None:
                self.trace["final"] = tuple(sentiments)
                self.trace["text"] = text
            return super().score_valence(sentiments, text)

        def _negation_check(self, valence, words_and_emoticons, start_i, i):
            # reads tokens i-1 … i-3 only (never below 0: VADER calls it for i > start_i)
            low = max(0, i - 3)
            return Reference._negation_check(valence, words_and_emoticons[low:i + 1], start_i, i - low)

        def _special_idioms_check(self, valence, words_and_emoticons, i):
            # reads tokens i-3 … i+2 only (VADER calls it for i >= 3)
            return Reference._special_idioms_check(valence, words_and_emoticons[i - 3:i + 3], 3)

    vader = TracingAnalyzer()
    vader.emoji_chars = frozenset(e for e in vader.emojis if len(e) == 1)  # the only ones the loop can match
    return vader


class _NoEmoji(str):
    """A text known to hold no emoji: iterating over it yields the whole text
    once, so VADER's character-by-character emoji loop (which would copy it
    unchanged) takes one step. Every other ``str`` operation is unchanged."""

    def __iter__(self):
        return iter((str(self),))


def lexicon() -> dict[str, float]:
    """VADER's lexicon: lower-case word → mean valence (-4 … +4)."""
    return analyzer().lexicon


def vader_scores(text: str) -> dict[str, float]:
    """VADER's ``neg``, ``neu``, ``pos`` and ``compound`` of ``text``, without the trace."""
    return analyzer().polarity_scores(text)


def compound(text: str) -> float:
    """VADER's compound score of ``text`` alone, without the trace (e.g. a whole document)."""
    return vader_scores(text)["compound"]


@dataclass(frozen=True)
class WordScore:
    """One token as VADER saw it (split on spaces, edge punctuation stripped)."""

    token: int                  # position among VADER's tokens of the sentence
    word: str
    lexicon: float | None       # valence in the lexicon, None if unknown
    valence: float              # after negation, degree words, capitals, idioms
    final: float                # after the "but" rule: what enters the sum
    shifters: tuple[str, ...]   # the rules that changed it, in words
    quoted: bool                # inside quotation marks (the speaker's words)

    @property
    def is_evidence(self) -> bool:
        return self.lexicon is not None or self.final != 0


@dataclass(frozen=True)
class SentenceSentiment:
    """VADER's scores for one text, and the word valences they come from.

    The scores are read when the text is scored; the word-level evidence
    (:attr:`words`, :attr:`evidence`, :meth:`explain`) is worked out from
    VADER's recorded valences the first time it is asked for."""

    text: str
    compound: float
    pos: float
    neu: float
    neg: float
    seen: str = field(default="", repr=False, compare=False)          # the text as VADER read it
    tokens: tuple[str, ...] = field(default=(), repr=False, compare=False)  # VADER's tokens of it
    before_but: tuple[float, ...] = field(default=(), repr=False, compare=False)
    final: tuple[float, ...] = field(default=(), repr=False, compare=False)

    @property
    def sentiment(self) -> str:
        return polarity(self.compound)

    @cached_property
    def punctuation(self) -> float:
        """Emphasis from "!" and "??", added to |sum| (0 when no token)."""
        return analyzer()._punctuation_emphasis(self.seen) if self.final else 0.0

    @property
    def total(self) -> float:
        """The raw sum VADER normalises: final valences plus punctuation emphasis."""
        raw = sum(self.final)
        return raw + math.copysign(self.punctuation, raw) if raw else 0.0

    @cached_property
    def words(self) -> tuple[WordScore, ...]:
        """Every token with its valences and the shifters that acted on it."""
        return _word_scores(self, evidence_only=False)

    @property
    def evidence(self) -> list[WordScore]:
        """Lexicon words (and anything else that carried valence), in order."""
        return list(self._evidence)

    @cached_property
    def _evidence(self) -> tuple[WordScore, ...]:
        if "words" in self.__dict__:  # already worked out: filter rather than redo
            return tuple(w for w in self.words if w.is_evidence)
        return _word_scores(self, evidence_only=True)

    def explain(self) -> str:
        """The evidence in one line, e.g. ``good +1.90→-1.41 (negated by 'not' ×-0.74); warm +0.90``."""
        parts = [_describe(w) for w in self.evidence]
        if self.punctuation and self.total:
            parts.append(f"punctuation {math.copysign(self.punctuation, self.total):+.2f}")
        return "; ".join(parts)


def _describe(w: WordScore) -> str:
    base = w.lexicon if w.lexicon is not None else 0.0
    text = f"{w.word} {base:+.2f}"
    if not math.isclose(w.final, base):
        text += f"→{w.final:+.2f}"
    notes = list(w.shifters) + (["quoted"] if w.quoted else [])
    return text + (f" ({', '.join(notes)})" if notes else "")


@lru_cache(maxsize=16384)
def score(text: str) -> SentenceSentiment:
    """Score one text with VADER and keep its valences for the evidence. Cached by text."""
    vader = analyzer()
    vader.trace = trace = {}
    try:
        result = vader.polarity_scores(text)
    finally:
        vader.trace = None
    return SentenceSentiment(text, result["compound"], result["pos"], result["neu"], result["neg"],
                             trace.get("text", ""), trace.get("tokens", ()), trace.get("before_but", ()),
                             trace.get("final", ()))


def _word_scores(result: SentenceSentiment, evidence_only: bool) -> tuple[WordScore, ...]:
    """The :class:`WordScore` of every token (or only of those that carry
    valence) of a scored text, from VADER's recorded valences."""
    seen, tokens, before, final = result.seen, result.tokens, result.before_but, result.final
    lex = analyzer().lexicon
    low = list(map(str.lower, tokens))
    values = list(map(lex.get, low))
    but = low.index("but") if "but" in low else None
    quoted = (_quoted(seen, [start for _, start in _split(seen)]) if _QUOTE_MARKS.search(seen)
              else [False] * len(tokens))
    keep = (range(len(tokens)) if not evidence_only
            else [i for i, v in enumerate(values) if v is not None or final[i] != 0])
    rows = []
    for i in keep:
        # VADER's rules act only on lexicon words: other tokens keep valence 0
        shifters = () if values[i] is None else tuple(
            _word_rules(tokens, low, i, lex) + _but_rule(but, i, before[i], final[i]))
        rows.append(WordScore(i, tokens[i], values[i], before[i], final[i], shifters, quoted[i]))
    return tuple(rows)


def _split(text: str) -> list[tuple[str, int]]:
    """VADER's tokens (``text.split()``, edge punctuation stripped) with the
    offset of each token's first letter or digit in ``text``."""
    from vaderSentiment.vaderSentiment import SentiText

    out, pos = [], 0
    for raw in text.split():
        start = text.find(raw, pos)
        pos = start + len(raw)
        first = next((k for k, ch in enumerate(raw) if ch.isalnum()), 0)
        out.append((SentiText._strip_punc_if_word(raw), start + first))
    return out


_QUOTE_MARKS = re.compile('["“”«»]')


def _quoted(text: str, offsets: list[int]) -> list[bool]:
    """For each of the (increasing) character ``offsets``: is it inside quotation marks?"""
    marks = [(m.start(), m.group()) for m in _QUOTE_MARKS.finditer(text)]
    inside, k, out = False, 0, []
    for offset in offsets:
        while k < len(marks) and marks[k][0] < offset:
            mark = marks[k][1]
            inside = (not inside) if mark == '"' else mark in "“«"
            k += 1
        out.append(inside)
    return out


def _word_rules(words: list[str], low: list[str], i: int, lex: dict[str, float]) -> list[str]:
    """Which of VADER's word-level rules changed token ``i`` (``low``: the
    tokens lower-cased), mirroring ``SentimentIntensityAnalyzer.sentiment_valence``
    step by step."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, allcap_differential

    item = low[i]
    if item in BOOSTER_DICT:
        return ["degree word: scores 0 itself"] if item in lex else []
    if item == "kind" and i + 1 < len(low) and low[i + 1] == "of":
        return ["'kind of' hedge: scores 0"] if item in lex else []
    if item not in lex:
        return []
    notes = []
    if item == "no" and i != len(low) - 1 and low[i + 1] in lex:
        notes.append("'no' before a lexicon word: scores 0")
    if (i > 0 and low[i - 1] == "no") or (i > 1 and low[i - 2] == "no") or (
            i > 2 and low[i - 3] == "no" and low[i - 1] in ("or", "nor")):
        notes.append("negated by 'no' ×-0.74")
    if words[i].isupper() and allcap_differential(words):
        notes.append("ALL CAPS ±0.733")
    for k in range(3):
        if i <= k or low[i - k - 1] in lex:
            continue
        prev = low[i - k - 1]
        if prev in BOOSTER_DICT:
            verb = "intensified" if BOOSTER_DICT[prev] > 0 else "dampened"
            notes.append(f"{verb} by '{words[i - k - 1]}'")
        notes += _negation_rule(low, i, k)
        if k == 2:
            notes += _idiom_rule(low, i, BOOSTER_DICT)
    if i > 0 and low[i - 1] == "least" and "least" not in lex and not (i > 1 and low[i - 2] in ("at", "very")):
        notes.append("negated by 'least' ×-0.74")
    return notes


def _negation_rule(low: list[str], i: int, k: int) -> list[str]:
    """Mirror of VADER's ``_negation_check`` for the word ``k + 1`` places back."""
    prev = low[i - k - 1]
    if k == 1:
        if low[i - 2] == "never" and low[i - 1] in ("so", "this"):
            return [f"'never {low[i - 1]}' emphasis ×1.25"]
        if low[i - 2] == "without" and low[i - 1] == "doubt":
            return []
    if k == 2:
        if (low[i - 3] == "never" and low[i - 2] in ("so", "this")) or low[i - 1] in ("so", "this"):
            word = low[i - 1] if low[i - 1] in ("so", "this") else low[i - 2]
            return [f"after '{word}' ×1.25 (VADER's 'never so' rule)"]
        if low[i - 3] == "without" and "doubt" in (low[i - 2], low[i - 1]):
            return []
    return [f"negated by '{prev}' ×-0.74"] if _negates(prev) else []


@lru_cache(maxsize=1)
def _negations() -> frozenset[str]:
    from vaderSentiment.vaderSentiment import NEGATE

    return frozenset(NEGATE)


def _negates(word: str) -> bool:
    """VADER's ``negated([word])`` for one lower-case word: a negation word or any "n't"."""
    return word in _negations() or "n't" in word


def _idiom_rule(low: list[str], i: int, boosters: dict[str, float]) -> list[str]:
    """Mirror of VADER's ``_special_idioms_check`` (only reached three words in)."""
    from vaderSentiment.vaderSentiment import SPECIAL_CASES

    before = [" ".join(low[i - 1:i + 1]), " ".join(low[i - 2:i + 1]), " ".join(low[i - 2:i]),
              " ".join(low[i - 3:i]), " ".join(low[i - 3:i - 1])]
    after = [" ".join(low[i:i + 2]) if len(low) - 1 > i else "",
             " ".join(low[i:i + 3]) if len(low) - 1 > i + 1 else ""]
    notes = [f"idiom '{seq}'" for seq in [next((s for s in before if s in SPECIAL_CASES), "")] + after
             if seq in SPECIAL_CASES]
    notes += [f"degree phrase '{g}'" for g in (before[3], before[4], before[2]) if g in boosters]
    return notes


def _but_rule(but: int | None, i: int, valence: float, final: float) -> list[str]:
    """Name the "but" rule when it changed token ``i`` (×0.5 before, ×1.5 after);
    ``but`` is the position of the first "but", if any."""
    if valence == 0 or math.isclose(valence, final):
        return []
    side = "before" if but is not None and i < but else "after"
    return [f"{side} 'but' ×{final / valence:.2g}"]


# --- tables ----------------------------------------------------------------------

def _documents(docs: Corpus | Document | Iterable[Document]) -> list[Document]:
    return [docs] if isinstance(docs, Document) else list(docs)


def sentence_scores(docs: Corpus | Document | Iterable[Document], evidence: bool = True) -> pd.DataFrame:
    """One row per sentence: VADER ``compound``, ``pos``, ``neu``, ``neg`` of
    ``Sentence.norm``, the ``sentiment`` label, relative ``position`` (0–1)
    and, with ``evidence``, the ``evidence`` in words (see
    :meth:`SentenceSentiment.explain`) and the number of evidence words
    ``n_evidence``. ``evidence=False`` leaves both columns out and costs no
    more than VADER itself."""
    docs = _documents(docs)
    rows = []
    for doc in progress(docs, desc="sentiment", chars=sum(len(d.raw) for d in docs)):
        sents = doc.sentences
        last = max(len(sents) - 1, 1)
        for s in sents:
            head = (doc.id, s.index, s.paragraph, s.section, round(s.index / last, 6))
            if evidence:
                r = score(s.norm)
                rows.append(head + (r.compound, r.pos, r.neu, r.neg, polarity(r.compound), len(r._evidence),
                                    r.explain(), s.text, s.norm))
            else:  # the scores alone: no trace to keep
                v = vader_scores(s.norm)
                rows.append(head + (v["compound"], v["pos"], v["neu"], v["neg"], polarity(v["compound"]),
                                    s.text, s.norm))
    columns = SENTENCE_COLUMNS if evidence else [c for c in SENTENCE_COLUMNS if c not in EXPLAIN_COLUMNS]
    return pd.DataFrame(rows, columns=columns)


def word_evidence(docs: Corpus | Document | Iterable[Document]) -> pd.DataFrame:
    """One row per evidence token (a lexicon word, or any token carrying
    valence): its lexicon valence, its valence after the word rules, its
    final share of the sentence sum, the shifters that acted, and whether it
    stands inside quotation marks."""
    rows = [(doc.id, s.index, w.token, w.word, w.lexicon, w.valence, w.final, "; ".join(w.shifters), w.quoted)
            for doc in _documents(docs) for s in doc.sentences for w in score(s.norm).evidence]
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def _aggregate(scores: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Mean scores and label shares of groups of sentences, in first-seen order."""
    label = scores.sentiment.to_numpy()
    columns = {k: scores[k].to_numpy() for k in keys + ["compound", "pos", "neu", "neg"]}
    columns.update({f"share_{s}": (label == s).astype(float) for s in ("positive", "neutral", "negative")})
    groups = pd.DataFrame(columns, copy=False).groupby(keys, sort=False)
    out = groups.mean().round(4)
    out.insert(0, "sentences", groups.size())
    out = out.reset_index()
    out.insert(len(keys) + 2, "sentiment", out.compound.map(polarity))
    return out


def paragraph_scores(scores: pd.DataFrame) -> pd.DataFrame:
    """One row per paragraph, aggregated from :func:`sentence_scores`: mean
    sentence compound (and pos/neu/neg), its label, and the shares of
    positive, neutral and negative sentences."""
    out = _aggregate(scores, ["doc", "paragraph"])
    text = scores.groupby(["doc", "paragraph"], sort=False).text.agg(" ".join).reset_index(drop=True)
    return out.assign(text=text.to_numpy())


def document_scores(scores: pd.DataFrame, whole_text: bool = True) -> pd.DataFrame:
    """One row per document, aggregated from :func:`sentence_scores` as in
    :func:`paragraph_scores`, plus the spread of sentence compounds and, with
    ``whole_text``, for contrast: VADER run once on the whole document, which
    saturates towards ±1 on long texts (why we aggregate sentences instead).
    That column reads the text a second time; leave it out when only the
    sentence-based figures are wanted."""
    out = _aggregate(scores, ["doc"])
    groups = scores.groupby("doc", sort=False)
    spread = groups.compound.agg(["median", "std", "min", "max"]).round(4).reset_index(drop=True)
    parts = [out, spread.fillna(0.0)]
    if whole_text:
        parts.append(groups.norm.agg(lambda s: compound(" ".join(s))).reset_index(drop=True).rename("whole_text"))
    return pd.concat(parts, axis=1)


def arcs(scores: pd.DataFrame, window_share: float = 0.2) -> pd.DataFrame:
    """Sentence compound against relative position with a smoothed line.

    ``smooth`` is a centred rolling mean over an odd window of about
    ``window_share`` of the document's sentences (at least 3), so documents
    of different lengths are smoothed over the same share of their text.
    """
    parts = []
    for doc, group in scores.groupby("doc", sort=False):
        width = max(3, round(window_share * len(group)))
        width += 1 - width % 2
        smooth = group.compound.rolling(width, center=True, min_periods=1).mean()
        parts.append(group[["doc", "index", "position", "compound"]].assign(smooth=smooth.round(4), window=width))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["doc", "index", "position", "compound", "smooth", "window"])


def top_sentences(scores: pd.DataFrame, n: int = 5, direction: str = "positive") -> pd.DataFrame:
    """The ``n`` most positive or most negative sentences (ties: document, index)."""
    if direction not in ("positive", "negative"):
        raise ValueError("direction must be 'positive' or 'negative'")
    key = -scores.compound if direction == "positive" else scores.compound
    order = scores.assign(_key=key).sort_values(["_key", "doc", "index"], kind="stable")
    columns = [c for c in ("doc", "index", "compound", "sentiment", "text", "evidence") if c in scores]
    return order.drop(columns="_key").head(n)[columns]


def mean_difference_test(scores: pd.DataFrame, doc_a: str, doc_b: str, permutations: int = 10000,
                         seed: int = 20230913) -> dict[str, float]:
    """Difference of mean sentence compound (``doc_a`` minus ``doc_b``) and a
    two-sided permutation p-value: the share of random reassignments of the
    sentences to the two documents with a difference at least as large.
    Sentences of one text are not independent, so read p as a rough guide."""
    import numpy as np

    a = scores.loc[scores.doc == doc_a, "compound"].to_numpy()
    b = scores.loc[scores.doc == doc_b, "compound"].to_numpy()
    if not len(a) or not len(b):
        raise KeyError(f"no sentences for {doc_a if not len(a) else doc_b!r}")
    pooled = np.concatenate([a, b])
    observed = a.mean() - b.mean()
    rng = np.random.default_rng(seed)
    shuffled = rng.permuted(np.tile(pooled, (permutations, 1)), axis=1)
    diffs = shuffled[:, :len(a)].mean(axis=1) - shuffled[:, len(a):].mean(axis=1)
    p = (np.sum(np.abs(diffs) >= abs(observed) - 1e-12) + 1) / (permutations + 1)
    return {"difference": round(float(observed), 4), "p_value": round(float(p), 4), "permutations": permutations}


# --- entities ----------------------------------------------------------------------

def entity_sentiment(sentence_scores: pd.DataFrame, mentions: pd.DataFrame, min_sentences: int = 1) -> pd.DataFrame:
    """Mean sentiment of the sentences that mention each entity, per document.

    ``mentions`` has at least ``doc, sentence, entity`` (``sentence`` is the
    sentence index; ``type`` is kept when present), as from
    ``analysis.entities.mentions``. A sentence counts once per entity however
    often it names it. ``vs_document`` is the entity's mean minus the mean of
    all sentences of its document: above 0, the entity keeps sunnier company.
    """
    columns = ["doc", "entity", "type", "sentences", "compound", "share_positive", "share_negative",
               "doc_compound", "vs_document"]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    mentions = mentions if "type" in mentions else mentions.assign(type="")
    pairs = mentions[["doc", "sentence", "entity", "type"]].drop_duplicates(["doc", "sentence", "entity"])
    joined = pairs.merge(sentence_scores[["doc", "index", "compound", "sentiment"]],
                         left_on=["doc", "sentence"], right_on=["doc", "index"], how="inner")
    joined = joined.assign(pos_=(joined.sentiment == "positive").astype(float),
                           neg_=(joined.sentiment == "negative").astype(float))
    out = joined.groupby(["doc", "entity"], sort=False).agg(
        type=("type", "first"), sentences=("sentence", "size"), compound=("compound", "mean"),
        share_positive=("pos_", "mean"), share_negative=("neg_", "mean")).reset_index()
    doc_mean = sentence_scores.groupby("doc").compound.mean()
    out["doc_compound"] = out.doc.map(doc_mean)
    out["vs_document"] = out.compound - out.doc_compound
    out = out[out.sentences >= min_sentences]
    order = {d: i for i, d in enumerate(dict.fromkeys(sentence_scores.doc))}
    out = out.assign(_d=out.doc.map(order)).sort_values(["_d", "sentences", "entity"], ascending=[True, False, True],
                                                        kind="stable")
    return out.drop(columns="_d")[columns].round(4).reset_index(drop=True)


# --- caveats, measured ---------------------------------------------------------------

def coverage(docs: Corpus | Document | Iterable[Document]) -> pd.DataFrame:
    """Per document: how much of the text VADER can read at all.

    ``tokens`` counts VADER's tokens that contain a letter; ``in_lexicon``
    those found in the lexicon (``coverage`` = share); ``valenced`` those
    with a non-zero final valence; ``no_evidence_sentences`` sentences with no
    lexicon word at all (neutral by default, not by balance)."""
    rows = []
    for doc in _documents(docs):
        results = [score(s.norm) for s in doc.sentences]
        words = [w for r in results for w in r.words if is_word(w.word)]
        known = sum(w.lexicon is not None for w in words)
        rows.append({
            "doc": doc.id, "sentences": len(results), "tokens": len(words), "in_lexicon": known,
            "coverage": round(known / len(words), 4) if words else 0.0,
            "valenced": sum(w.final != 0 for w in words),
            "neutral_sentences": sum(r.sentiment == "neutral" for r in results),
            "no_evidence_sentences": sum(not r.evidence for r in results),
        })
    return pd.DataFrame(rows)


@lru_cache(maxsize=1)
def watchlist() -> tuple[tuple[str, str, str], ...]:
    """Terms VADER commonly misreads in news and analytic prose on security
    (``analysis/data/vader_watchlist.csv``: term, kind, note)."""
    with data_file("vader_watchlist.csv").open(encoding="utf-8", newline="") as f:
        return tuple((r["term"].lower(), r["kind"], r["note"]) for r in csv.DictReader(f))


def misreadings(docs: Corpus | Document | Iterable[Document],
                terms: Iterable[tuple[str, str, str]] | None = None, quoted: bool = True) -> pd.DataFrame:
    """Places where VADER's reading is doubtful, found by code.

    Two sources: (1) every occurrence of a watch-list term (a word or
    phrase; default :func:`watchlist`) with the valence it contributed
    (0 if VADER does not know it) and the sentence compound; (2) with
    ``quoted``, every lexicon word inside quotation marks: its valence
    belongs to the quoted speaker, not to the writer, and may be ironic.
    """
    terms = list(watchlist() if terms is None else terms)
    rows = []
    for doc in _documents(docs):
        for s in doc.sentences:
            r = score(s.norm)
            low = [w.word.lower() for w in r.words]
            for term, kind, note in terms:
                parts = term.split()
                for i in range(len(low) - len(parts) + 1):
                    if low[i:i + len(parts)] == parts:
                        found = r.words[i:i + len(parts)]
                        rows.append((doc.id, s.index, i, term, kind, sum(w.final for w in found),
                                     r.compound, note, s.text))
            if quoted:
                rows += [(doc.id, s.index, w.token, w.word.lower(), "quotation", w.final, r.compound,
                          "inside quotation marks: the speaker's valence, not the writer's", s.text)
                         for w in r.evidence if w.quoted and w.final != 0]
    frame = pd.DataFrame(rows, columns=["doc", "index", "token", "term", "kind", "contribution", "compound",
                                        "note", "text"])
    order = {d.id: i for i, d in enumerate(_documents(docs))}
    frame = frame.assign(_d=frame.doc.map(order)).sort_values(["_d", "index", "token", "term"], kind="stable")
    return frame.drop(columns=["_d", "token"]).reset_index(drop=True)


# --- figures -----------------------------------------------------------------------

def _names(names: dict[str, str] | None, doc: str) -> str:
    return (names or {}).get(doc, doc)


def plot_arcs(arc_frame: pd.DataFrame, names: dict[str, str] | None = None, ax=None):
    """Sentence compound (points) and its smoothed line against relative
    position, every document on one 0–1 axis; returns the figure."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(9, 4.5))
    ax.axhspan(-THRESHOLD, THRESHOLD, color="0.85", alpha=0.6, lw=0, label="neutral band (±0.05)")
    ax.axhline(0, color="0.4", lw=0.8)
    for k, (doc, group) in enumerate(arc_frame.groupby("doc", sort=False)):
        colour = f"C{k}"
        ax.scatter(group.position, group.compound, s=16, alpha=0.45, color=colour)
        ax.plot(group.position, group.smooth, color=colour, lw=2.2,
                label=f"{_names(names, doc)} (rolling mean of {int(group.window.iloc[0])} sentences)")
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("relative position in the document (0 = first sentence, 1 = last)")
    ax.set_ylabel("VADER compound")
    ax.set_title("Sentiment arcs: sentence sentiment through each text")
    ax.legend(loc="lower left", fontsize=8, frameon=False)
    return ax.figure


def plot_distributions(scores: pd.DataFrame, names: dict[str, str] | None = None):
    """Left: sentence compounds per document (histogram, 0.1 bins).
    Right: share of positive, neutral and negative sentences; returns the figure."""
    import matplotlib.pyplot as plt
    import numpy as np

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), gridspec_kw={"width_ratios": [3, 2]})
    bins = np.linspace(-1, 1, 21)
    docs = list(dict.fromkeys(scores.doc))
    for k, doc in enumerate(docs):
        values = scores.loc[scores.doc == doc, "compound"]
        weights = np.full(len(values), 1 / max(len(values), 1))
        left.hist(values, bins=bins, weights=weights, histtype="stepfilled", alpha=0.3, color=f"C{k}")
        left.hist(values, bins=bins, weights=weights, histtype="step", lw=2, color=f"C{k}", label=_names(names, doc))
    left.set_xlabel("VADER compound of a sentence")
    left.set_ylabel("share of the document's sentences")
    left.set_title("Distribution of sentence sentiment")
    left.legend(fontsize=8, frameon=False)
    shares = _aggregate(scores, ["doc"]).set_index("doc")
    bottom = np.zeros(len(docs))
    colours = {"negative": "C5", "neutral": "0.75", "positive": "C2"}
    for s in SENTIMENTS:
        values = shares.loc[docs, f"share_{s}"].to_numpy()
        right.bar(range(len(docs)), values, bottom=bottom, color=colours[s], label=s)
        bottom += values
    right.set_xticks(range(len(docs)), [_names(names, d) for d in docs], fontsize=8)
    right.set_ylabel("share of sentences")
    right.set_title("Sentence labels (±0.05)")
    handles, labels = right.get_legend_handles_labels()  # legend top-down like the stack
    right.legend(handles[::-1], labels[::-1], fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    return fig


def plot_entity_sentiment(frame: pd.DataFrame, names: dict[str, str] | None = None, top: int = 12, ax=None):
    """Mean compound of the sentences naming each entity, one marker per
    document (size = number of sentences); the ``top`` entities by sentences."""
    import matplotlib.pyplot as plt

    totals = frame.groupby("entity").sentences.sum().sort_values(ascending=False, kind="stable")
    keep = sorted(totals.index[:top], key=lambda e: (-totals[e], e))[::-1]
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 1.5 + 0.35 * len(keep)))
    y = {e: i for i, e in enumerate(keep)}
    ax.axvspan(-THRESHOLD, THRESHOLD, color="0.85", alpha=0.6, lw=0)
    ax.axvline(0, color="0.4", lw=0.8)
    for k, (doc, group) in enumerate(frame[frame.entity.isin(keep)].groupby("doc", sort=False)):
        ax.scatter(group.compound, group.entity.map(y), s=25 + 18 * group.sentences, alpha=0.75,
                   color=f"C{k}", label=_names(names, doc))
    ax.set_yticks(range(len(keep)), keep)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("mean VADER compound of the sentences that mention the entity")
    ax.set_title("Sentiment around entities (marker size = sentences)")
    if ax.get_legend_handles_labels()[0]:  # nothing to label when no entity was found
        ax.legend(fontsize=8, frameon=False, loc="lower right")
    return ax.figure
