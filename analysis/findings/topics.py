"""Sub-topic findings: is a sub-topic *discussed* in both texts, not merely matched?

The alignment's topic search (:meth:`analysis.corpus.similarity.Alignment.topic`)
ranks passages by cosine with the query; a non-zero cosine is not a
discussion. A text discusses the sub-topic only when one of its passages
(sentences) mentions *every* content word of the query, or a listed synonym
of it (:data:`SYNONYMS`), without negation (the negation rule of
``matching.yaml`` with a clause-wide window of :data:`NEGATION_WINDOW`
words). "Discussed in both texts" is *supported* only then; otherwise the
finding is *descriptive* and says what was found: the single word that
matched (the news piece matches "arms for technology" on *arms* alone), or
a mention only in a denial (the chapter's only *treaty* passage says "not a
meeting of diplomats to discuss cultural exchange or peace treaties"), which
is a result in its own wording, not a failed check.
"""
from __future__ import annotations

import pandas as pd

from ..corpus.model import Corpus, Document
from ..framing import cues as engine
from .model import Check, Finding, DESCRIPTIVE, SUPPORTED

TOP_PASSAGES = 3
SEED_SUBTOPICS = ("arms for technology", "sanctions", "treaty")  # the seeds' sub-topics (written on the seeds)
NEGATION_WINDOW = 12  # a denial scopes over a whole clause: "not a meeting of diplomats to discuss ... treaties"


SYNONYMS: dict[str, tuple[str, ...]] = {
    "arm": ("weapon*", "munition*", "ammunition", "artillery", "shells", "missile*"),
    "technolog": ("technical", "know-how", "expertise"),
    "sanction": ("embargo*",),
    "treati": ("pact", "accord"),
}
"""Listed synonyms per stemmed query word (cue patterns of the matching engine)."""


def _query_lexicon(query: str) -> engine.Lexicon:
    """One frame per content word of ``query`` (its stem), cued by the word and its listed synonyms."""
    from ..corpus.similarity import query_terms

    words = list(dict.fromkeys(query_terms(query)))
    frames = pd.DataFrame({"frame": words, "name": words})
    cues = [engine.parse_cue(w, w, c) for w in words for c in dict.fromkeys((w, *SYNONYMS.get(w, ())))]
    return engine.Lexicon("query", frames, cues)


def mentions(doc: Document, index: int, query: str) -> tuple[set[str], set[str]]:
    """The query's content words (stems) mentioned in sentence ``index`` of ``doc``: (affirmed, negated only)."""
    from dataclasses import replace

    rules = replace(engine.settings(), window=NEGATION_WINDOW)
    rows = engine.match_sentence(doc.sentences[index], _query_lexicon(query), doc.raw, rules)
    affirmed = {r[3] for r in rows if not r[8]}
    return affirmed, {r[3] for r in rows if r[8]} - affirmed


def side_status(doc: Document, query: str) -> tuple[str, int | None, tuple[str, ...]]:
    """``discussed`` (with the first sentence holding every content word), ``only denied``,
    ``one word`` (with the words that matched, never together) or ``not found``."""
    from ..corpus.similarity import query_terms

    wanted = set(query_terms(query))
    seen, denied = set(), set()
    for i in range(len(doc.sentences)):
        affirmed, negated = mentions(doc, i, query)
        if wanted and affirmed >= wanted:
            return "discussed", i, tuple(sorted(affirmed))
        seen |= affirmed
        denied |= negated
    if seen:
        return "one word", None, tuple(sorted(seen))
    return ("only denied" if denied else "not found"), None, tuple(sorted(denied))


def _matched_words(query: str, stems: tuple[str, ...]) -> str:
    """The words of ``query`` whose stems matched (``the word 'arms'``), for the wording."""
    from ..corpus.similarity import query_terms

    raw = [w for w in query.lower().split() if query_terms(w) and query_terms(w)[0] in stems]
    words = raw or list(stems)
    return ("the word " if len(words) == 1 else "the words ") + " and ".join(repr(w) for w in words)


def subtopic_finding(corpus: Corpus, a: str, b: str, query: str) -> Finding:
    """Whether ``query`` is discussed in both documents (see the module doc for the rule)."""
    from ..corpus.similarity import align

    left, right = corpus[a], corpus[b]
    found = align(left, right, "sentence").topic(query, top=TOP_PASSAGES)
    best = {side: float(found.loc[found["side"] == side, "similarity"].max() or 0.0) if (found["side"] == side).any()
            else 0.0 for side in ("left", "right")}
    status = {"left": side_status(left, query), "right": side_status(right, query)}
    names = {"left": left.label, "right": right.label}
    both = all(st == "discussed" for st, _, _ in status.values())
    check = Check("negation of the matched words", "mentions whose query words are all negated left out",
                  "; ".join(f"{names[s]}: {status[s][0]}" for s in ("left", "right")),
                  False)  # a denial is a result, stated in the wording, not a flipped claim
    where = lambda s: f"sentence {status[s][1]} of {names[s]}"  # noqa: E731
    if both:
        verdict = SUPPORTED
        wording = (f"The sub-topic {query!r} is discussed in both texts: every content word of the query (or a listed "
                   f"synonym) occurs together in {where('left')} and {where('right')}.")
    else:
        parts = []
        for s in ("left", "right"):
            st, _, stems = status[s]
            parts.append({"discussed": f"it is discussed in {names[s]} (sentence {status[s][1]})",
                          "one word": f"{names[s]} matches it only on {_matched_words(query, stems)}, never "
                                      f"with the rest of the query in one sentence",
                          "only denied": f"{names[s]} mentions it only in a denial",
                          "not found": f"{names[s]} does not mention it"}[st])
        verdict = DESCRIPTIVE
        wording = f"The sub-topic {query!r} is not discussed in both texts: " + "; ".join(parts) + "."
    return Finding(f"alignment: sub-topic {query}", verdict, wording, values=(best["left"], best["right"]),
                   margin="a text discusses it when one sentence holds every content word of the query (or a "
                          "listed synonym) without negation", checks=(check,),
                   id=f"subtopic.{query.replace(' ', '-')}", value=wording)


def subtopics(corpus: Corpus, a: str, b: str, n: int = 3) -> tuple[str, ...]:
    """The sub-topics notebook 04 searches in documents ``a`` and ``b``: on the repository's seeds
    their own three (:data:`SEED_SUBTOPICS`, written on those texts); on any other corpus the ``n``
    content words (stop words and clitics out, at least four letters) that both documents use most,
    ranked by the smaller of their two rates (count / words of each document), ties alphabetically:
    words the two texts share, found in the texts rather than typed for them."""
    from collections import Counter

    from ..corpus.info import corpus_info
    from ..corpus.similarity import content

    if corpus_info(corpus.folder).narrative:
        return SEED_SUBTOPICS[:n]
    counts = {}
    for doc_id in (a, b):
        doc = corpus[doc_id]
        counts[doc_id] = (Counter(w for w in content(doc.words) if len(w) >= 4 and w.isalpha()),
                          max(len(doc.words), 1))
    (left, n_left), (right, n_right) = counts[a], counts[b]
    shared = sorted(set(left) & set(right), key=lambda w: (-min(left[w] / n_left, right[w] / n_right), w))
    return tuple(shared[:n])
