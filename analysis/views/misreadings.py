"""The "Common misreadings" boxes of notebooks 01–04, with the numbers they cite computed.

Each box is a Markdown blockquote of bullets. A bullet states a rule that holds on any corpus;
where a number illustrates it (the two most cued frames of a document, the share of a frame's hits
that one cue word makes, a document's mean tone with and without the watch-list senses), the number
is computed from the tables the notebook built, so it cannot go stale. Examples that quote the two
seed texts ("cathedral-like assembly halls", Kim's "comrade-in-arms") appear only when the corpus in
force is the repository's seeds (:attr:`analysis.corpus.info.CorpusInfo.narrative`).
"""
from __future__ import annotations

import pandas as pd

from .common import md, number, per_document

__all__ = ["framing_box", "sentiment_box", "entities_box", "compare_box", "closest_top_two", "dominant_cue",
           "watchlist_shift"]

HEADING = "> **Common misreadings**\n>"
MIN_HITS = 5  # a frame needs this many hits in a document before its dominant cue is cited


def _narrative(corpus) -> bool:
    from ..corpus.info import corpus_info

    return corpus_info(corpus.folder).narrative


def _box(bullets: list[tuple[str, str, str | None]], narrative: bool) -> str:
    """``(rule, general text, seeds example)`` bullets as a blockquote; the example only on the seeds."""
    lines = [HEADING]
    for rule, text, seeds in bullets:
        body = " ".join(part for part in (text, seeds if narrative else None) if part)
        lines.append(f"> - **{rule}** {body}")
    return "\n".join(lines)


def _label(corpus, doc: str) -> str:
    return md(corpus[doc].label)


def closest_top_two(scores: pd.DataFrame) -> dict | None:
    """The document whose two most cued frames are closest in hits (``frames.document_scores`` table):
    ``{"doc", "first", "second", "hits_first", "hits_second"}`` (frame names), or None without two cued frames."""
    best = None
    for doc, rows in scores.groupby("doc", sort=False):
        top = rows[rows.hits > 0].sort_values(["hits", "frame"], ascending=[False, True], kind="stable").head(2)
        if len(top) < 2:
            continue
        gap = int(top.hits.iloc[0] - top.hits.iloc[1])
        if best is None or gap < best[0]:
            best = (gap, {"doc": doc, "first": top.name.iloc[0], "second": top.name.iloc[1],
                          "hits_first": int(top.hits.iloc[0]), "hits_second": int(top.hits.iloc[1])})
    return best[1] if best else None


def dominant_cue(matches: pd.DataFrame, scores: pd.DataFrame) -> dict | None:
    """Among (document, frame) pairs with at least :data:`MIN_HITS` non-negated hits (``find_cues`` matches),
    the one where a single cue makes the largest share of the hits: ``{"doc", "frame", "name", "cue",
    "cue_hits", "hits"}``, or None."""
    live = matches[~matches.negated]
    if live.empty:
        return None
    cues = live.groupby(["doc", "frame", "cue"], sort=False).size().reset_index(name="cue_hits")
    cues["hits"] = cues.groupby(["doc", "frame"], sort=False).cue_hits.transform("sum")
    cues = cues[cues.hits >= MIN_HITS].assign(share=lambda t: t.cue_hits / t.hits)
    if cues.empty:
        return None
    top = cues.sort_values(["share", "hits", "doc", "frame", "cue"], ascending=[False, False, True, True, True],
                           kind="stable").iloc[0]
    best = {"doc": top.doc, "frame": top.frame, "cue": top.cue, "cue_hits": int(top.cue_hits), "hits": int(top.hits)}
    names = scores.drop_duplicates("frame").set_index("frame")["name"]
    return {**best, "name": names.get(best["frame"], best["frame"])}


def framing_box(corpus, generic_scores: pd.DataFrame, policy: pd.DataFrame, policy_scores: pd.DataFrame) -> str:
    """Notebook 01's box: scare vs partial quotes, similes, topic words, small leads (numbers computed)."""
    narrative = _narrative(corpus)
    topic = dominant_cue(policy, policy_scores)
    topic_text = ("Check a frame's cues and its in-sample precision and interval before reading it as framing.")
    if topic:
        topic_text = (f"In {_label(corpus, topic['doc'])}, {topic['cue_hits']} of the {topic['hits']} "
                      f"*{md(topic['name'])}* hits are the cue “{md(topic['cue'])}”: the text may be *about* "
                      f"that, which is not the same as *framing* the subject that way. Check a frame's cues and "
                      f"its in-sample precision and interval (the Findings) before reading it as framing.")
    lead = closest_top_two(generic_scores)
    lead_text = "The Findings say *tie* whenever a lead is within its stated margin."
    if lead:
        from ..findings import statement
        from ..findings.registry import document_finding

        finding = document_finding(corpus[lead["doc"]], "leading", "generic")
        lead_text = (f"Whether a few cue hits more make a lead is for the Findings' count margin to decide "
                     f"(an exact Poisson test, treating words as independent); for the document whose two most cued "
                     f"frames are closest it reads: {statement(finding, caveats=False)} Nothing is called "
                     f"distinctive below its threshold either.")
    return _box([
        ("A scare quote is not a partial quote.",
         "A short quotation attributed to a speaker in its sentence is that speaker's phrase (voice `quoted`), not "
         "the writer's distancing; check `devices.quotations(...)` and the `voice` column before you read a "
         "metaphor field as the writer's.",
         "Here “comrade-in-arms” in the news piece is Kim's own phrase (a *partial quote*); “imperialism” in the "
         "chapter is the writer's distancing (a *scare quote*)."),
        ("A simile is not a moral claim.",
         "The dictionaries keep similes out of morality, but read every morality cue in its sentence.",
         "“Cathedral-like assembly halls” in the chapter describe a building."),
        ("A topic word is not a frame.", topic_text, None),
        ("A small lead is not a winner.", lead_text, None),
    ], narrative)


def watchlist_shift(comparison) -> list[dict]:
    """Each compared document's mean sentence compound with and without the watch-list senses
    (:func:`analysis.findings.sentiment.document_tone`), for a handful of documents; [] for groups."""
    from ..findings.sentiment import document_tone

    if not per_document(comparison):
        return []
    docs = [*comparison.docs_a, *comparison.docs_b]
    before, after = document_tone(docs), document_tone(docs, ablate=True)
    return [{"doc": d.id, "label": d.label, "before": before[d.id], "after": after[d.id]} for d in docs]


def _band(value: float) -> str:
    from ..config import NEUTRAL_BAND

    return "neutral" if abs(value) < NEUTRAL_BAND else ("positive" if value > 0 else "negative")


def sentiment_box(corpus, comparison) -> str:
    """Notebook 02's box: units of the test, quoted valence, word senses (the watch-list shift computed), neutral."""
    narrative = _narrative(corpus)
    shifts = watchlist_shift(comparison)
    moved = "; ".join(f"{md(s['label'])} {number(s['before'], 3, signed=True)} → {number(s['after'], 3, signed=True)}"
                      f" ({_band(s['before'])} → {_band(s['after'])})" for s in shifts)
    sense = ("Institutional names such as “Security Council” and “defense industries” score positive in VADER; the "
             "watch-list ablation scores those senses 0 and shows how much they move a finding.")
    if moved:
        sense += f" Here the mean sentence compound moves: {moved}."
    return _box([
        ("Sentences are not independent observations.",
         "A permutation test with sentences as its units treats them as draws from two populations; documents "
         "are the units of every test, and with one document per side no test of the *texts* is possible.", None),
        ("Quoted valence is the speaker's.",
         "A quoted phrase scores for its speaker, not the writer's tone: `sentiment --by word` tags each word's "
         "`voice`.",
         "“Dearest comrade” scores positive for Kim's words, not the writer's."),
        ("A word sense is not a feeling.", sense, None),
        ("Neutral is not balanced.",
         "A sentence with no lexicon word scores 0 by default, not because its positive and negative words "
         "cancel out.", None),
    ], narrative)


def entities_box(corpus) -> str:
    """Notebook 03's box: tied pairs, counts vs rates, gazetteer renames vs model errors."""
    return _box([
        ("The top row can hide a tie.",
         "Two pairs named together in as many sentences are equally “most often named together”; the Findings "
         "list every tied pair.", None),
        ("Counts favour long texts, rates favour dense ones.",
         "Compare mentions per 1,000 body words, or shares of a type's mentions, never raw counts across texts of "
         "different length.", None),
        ("A gazetteer change is not a model error.",
         "Renaming a surface form to its canonical name unifies a referent; only additions, new types and dropped "
         "spans change what the model found.",
         "Renaming “Shoigu” to “Sergei Shoigu” is such a rename."),
    ], _narrative(corpus))


def compare_box(corpus) -> str:
    """Notebook 04's box: a cosine is not a discussion, the most cued frame is not the framing, top words."""
    return _box([
        ("A non-zero cosine is not a discussion.",
         "A denied mention matches the query too, and so does one word of a longer query; the Findings count a "
         "sub-topic as discussed only where one sentence holds every content word of the query (or a listed "
         "synonym), none of them negated, and otherwise say which word matched.",
         "The chapter's closest passage to *treaty* says it was “not a meeting of diplomats to discuss cultural "
         "exchange or peace treaties”: a denial."),
        ("The most cued frame is not the framing.",
         "It is the dictionary's largest count; read its cues and its in-sample precision (notebook 01) before "
         "calling it the text's frame.", None),
        ("Top-ranked words are not distinctive words.",
         "The log-odds list always has a top three; a word is distinctive only at |z| ≥ 1.96, and only robustly "
         "if it stays there under another prior strength.", None),
    ], _narrative(corpus))
