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

import pandas as pd

from ..progress import progress
from ..types import Docs, as_documents
from ._vader import compound, polarity, vader_scores
from .evidence import score

SENTENCE_COLUMNS = ["doc", "sentence", "paragraph", "section", "position", "compound", "pos", "neu", "neg",
                    "sentiment", "n_evidence", "evidence", "text", "norm"]
EXPLAIN_COLUMNS = ["n_evidence", "evidence"]    # the sentence columns that need the evidence
EVIDENCE_COLUMNS = ["doc", "sentence", "token", "word", "lexicon", "valence", "final", "shifters", "quoted"]


# --- tables ----------------------------------------------------------------------

def sentence_scores(docs: Docs, evidence: bool = True) -> pd.DataFrame:
    """One row per sentence: VADER ``compound``, ``pos``, ``neu``, ``neg`` of
    ``Sentence.norm``, the ``sentiment`` label, relative ``position`` (0–1)
    and, with ``evidence``, the ``evidence`` in words (see
    :meth:`SentenceSentiment.explain`) and the number of evidence words
    ``n_evidence``. ``evidence=False`` leaves both columns out and costs no
    more than VADER itself."""
    from ..extensions import ask

    if (stored := ask("sentiment", docs, evidence)) is not None:
        return stored
    docs = as_documents(docs)
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


def word_evidence(docs: Docs) -> pd.DataFrame:
    """One row per evidence token (a lexicon word, or any token carrying
    valence): its lexicon valence, its valence after the word rules, its
    final share of the sentence sum, the shifters that acted, and whether it
    stands inside quotation marks."""
    rows = [(doc.id, s.index, w.token, w.word, w.lexicon, w.valence, w.final, "; ".join(w.shifters), w.quoted)
            for doc in as_documents(docs) for s in doc.sentences for w in score(s.norm).evidence]
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def aggregate(scores: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
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
    out = aggregate(scores, ["doc", "paragraph"])
    text = scores.groupby(["doc", "paragraph"], sort=False).text.agg(" ".join).reset_index(drop=True)
    return out.assign(text=text.to_numpy())


def document_scores(scores: pd.DataFrame, whole_text: bool = True) -> pd.DataFrame:
    """One row per document, aggregated from :func:`sentence_scores` as in
    :func:`paragraph_scores`, plus the spread of sentence compounds and, with
    ``whole_text``, for contrast: VADER run once on the whole document, which
    saturates towards ±1 on long texts (why we aggregate sentences instead).
    That column reads the text a second time; leave it out when only the
    sentence-based figures are wanted."""
    out = aggregate(scores, ["doc"])
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
        parts.append(group[["doc", "sentence", "position", "compound"]].assign(smooth=smooth.round(4), window=width))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["doc", "sentence", "position", "compound", "smooth", "window"])


def top_sentences(scores: pd.DataFrame, n: int = 5, direction: str = "positive") -> pd.DataFrame:
    """The ``n`` most positive or most negative sentences (ties: document, index)."""
    if direction not in ("positive", "negative"):
        raise ValueError("direction must be 'positive' or 'negative'")
    key = -scores.compound if direction == "positive" else scores.compound
    order = scores.assign(_key=key).sort_values(["_key", "doc", "sentence"], kind="stable")
    columns = [c for c in ("doc", "sentence", "compound", "sentiment", "text", "evidence") if c in scores]
    return order.drop(columns="_key").head(n)[columns]


# --- entities ----------------------------------------------------------------------

def entity_sentiment(sentence_scores: pd.DataFrame, mentions: pd.DataFrame, min_sentences: int = 1,
                     norp: bool | None = None) -> pd.DataFrame:
    """Mean sentiment of the sentences that mention each entity, per document.

    ``mentions`` has at least ``doc, sentence, entity`` (``sentence`` is the
    sentence index; ``type`` is kept when present), as from
    ``analysis.entities.mentions``. A sentence counts once per entity however
    often it names it. ``vs_document`` is the entity's mean minus the mean of
    all sentences of its document: above 0, the entity keeps sunnier company.
    Nationality adjectives (type ``NORP``: "Russian") are not actors and are
    left out unless ``norp`` (or, with ``norp=None``, ``RDF_NORP_ACTORS``) asks
    for them (:func:`analysis.config.actor_types`).
    """
    from ..config import actor_types

    if "type" in mentions and "NORP" not in actor_types(norp):
        mentions = mentions[mentions["type"] != "NORP"]
    columns = ["doc", "entity", "type", "sentences", "compound", "share_positive", "share_negative",
               "doc_compound", "vs_document"]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    mentions = mentions if "type" in mentions else mentions.assign(type="")
    pairs = mentions[["doc", "sentence", "entity", "type"]].drop_duplicates(["doc", "sentence", "entity"])
    joined = pairs.merge(sentence_scores[["doc", "sentence", "compound", "sentiment"]], on=["doc", "sentence"],
                         how="inner")
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
