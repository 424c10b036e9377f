"""Sentiment findings: does one side's sentence tone differ from the other's?

The measure is each document's mean sentence compound (VADER); documents are
the units (:func:`analysis.groups.stats.difference`). Margin: a difference
smaller than :data:`TONE_MARGIN` (VADER's neutral band is ±0.05, so two
means closer than that would be labelled alike) is a tie. Robustness: the
watch-list ablation must keep the difference outside the margin with the
same sign. The ablation scores 0 only the watch words in their listed sense,
token by token (:func:`analysis.sentiment.ablate`; the list was rebuilt on
NewsMTSC, not on the seeds, and holds positive and negative words alike), and
the check states its direction: how many positive and negative senses it
removed and how it moved each side's mean.
"""
from __future__ import annotations

import numpy as np

from ..corpus.model import Corpus
from ..groups.comparison import Comparison
from ..groups.stats import difference
from .model import Check, Finding, decide, p_text, signed, DESCRIPTIVE, NOT_ROBUST, NOT_TESTABLE, SUPPORTED, TIE
from .sides import comparison, side_name

TONE_MARGIN = 0.05


def _in_voice(doc, voice: str | None) -> list:
    """The sentences of ``doc`` whose majority voice is ``voice`` (all of them for None)."""
    if voice is None:
        return list(doc.sentences)
    from ..framing.voice import sentence_voice_table

    table = sentence_voice_table(doc)
    keep = set(table.loc[table["voice"] == voice, "sentence"])
    return [s for s in doc.sentences if s.index in keep]


def document_tone(docs, ablate: bool = False, voice: str | None = None) -> dict[str, float]:
    """Mean sentence compound per document id (``ablate``: watch-list senses scored 0; ``voice``:
    only sentences mostly in that voice, e.g. ``authorial``, the writer's own; None: all)."""
    from ..sentiment import ablate as ablated, vader_scores

    score = (lambda t: vader_scores(ablated(t)[0])["compound"]) if ablate else (
        lambda t: vader_scores(t)["compound"])
    out = {}
    for d in docs:
        sentences = _in_voice(d, voice)
        out[d.id] = float(np.mean([score(s.norm) for s in sentences])) if sentences else 0.0
    return out


def ablation_direction(docs, voice: str | None = None) -> tuple[int, int]:
    """Positive and negative watch-word senses the ablation removes from ``docs`` (sentences in ``voice``)."""
    from ..sentiment import ablate

    removed = [v for d in docs for s in _in_voice(d, voice) for _, v in ablate(s.norm)[1]]
    return removed.count("positive"), removed.count("negative")


def _sentence_p(cmp: Comparison, voice: str | None = None) -> float:
    """The sentence-level permutation p the notebooks used to print (sentences as units; those in ``voice``)."""
    from ..groups.stats import sentence_test
    from ..sentiment import sentence_scores

    scores = sentence_scores(cmp.docs, evidence=False)
    if voice is not None:
        keep = {(d.id, s.index) for d in cmp.docs for s in _in_voice(d, voice)}
        scores = scores[[(d, i) in keep for d, i in zip(scores["doc"], scores["sentence"])]]
    return sentence_test(scores, cmp.ids_a[0], cmp.ids_b[0])["p_value"]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def tone_finding(corpus: Corpus, a: str | Comparison | None = None, b: str | None = None,
                 voice: str | None = "authorial") -> Finding:
    """Do the sides differ in sentence tone? (See the module doc for margin and check.)

    By default only the writers' own sentences count (``voice="authorial"``: sentences mostly in
    authorial voice, :func:`analysis.framing.voice.sentence_voice_table`); the all-voices figure is
    stated beside it. ``voice=None`` counts every sentence.

    With one document per side the wording says no test is possible and, for
    reference, gives the sentence-level permutation p (which treats the
    sentences of one text as independent, so it is not a test of the texts).
    """
    cmp = comparison(corpus, a, b)
    tone, ablated = document_tone(cmp.docs, voice=voice), document_tone(cmp.docs, ablate=True, voice=voice)
    stats = difference([tone[i] for i in cmp.ids_a], [tone[i] for i in cmp.ids_b])
    ab = difference([ablated[i] for i in cmp.ids_a], [ablated[i] for i in cmp.ids_b])
    diff, diff_ablated = stats["diff"], ab["diff"]
    flips = abs(diff) >= TONE_MARGIN and (abs(diff_ablated) < TONE_MARGIN or np.sign(diff_ablated) != np.sign(diff))
    positive, negative = ablation_direction(cmp.docs, voice)
    moved = (f"{signed(ab['mean_a'])} vs {signed(ab['mean_b'])} (removing {positive} positive and {negative} "
             f"negative watch-word senses moves A by {signed(ab['mean_a'] - stats['mean_a'])} and B by "
             f"{signed(ab['mean_b'] - stats['mean_b'])})")
    check = Check("VADER watch-list ablation", "watch words in their listed sense scored 0", moved, bool(flips))
    within = abs(diff) < TONE_MARGIN
    significant = bool(stats["testable"] and stats["p_value"] < 0.05 and
                       not (stats["diff_ci_low"] <= 0 <= stats["diff_ci_high"]))
    single = len(cmp.ids_a) == 1 and len(cmp.ids_b) == 1
    verdict = decide(flips=flips, within_margin=within, testable=stats["testable"], significant=significant,
                     single=single)
    name_a, name_b = side_name(cmp, "a"), side_name(cmp, "b")
    values = f"{signed(stats['mean_a'])} vs {signed(stats['mean_b'])} mean sentence compound"
    if stats["testable"]:
        test = (f"permutation {p_text(stats['p_value'])}, 95% interval of the difference "
                f"{signed(stats['diff_ci_low'])} to {signed(stats['diff_ci_high'])}, documents as units")
    else:
        test = (f"with one document per side no test is possible (a permutation test over sentences, which "
                f"treats them as independent, gives {p_text(_sentence_p(cmp, voice))})")
    more = name_a if diff > 0 else name_b
    wording = {
        SUPPORTED: f"{_cap(more)} is more positive in sentence tone: {values}; {test}.",
        TIE: f"{_cap(name_a)} and {name_b} do not differ detectably in sentence tone: {values}; {test}.",
        NOT_ROBUST: (f"{_cap(name_a)} and {name_b} do not differ robustly in sentence tone: {values}, but "
                     f"{check.result} with the VADER watch-list senses scored 0; {test}."),
        DESCRIPTIVE: f"{_cap(more)} reads more positive in sentence tone ({values}), but {test}.",
        NOT_TESTABLE: f"{_cap(more)} reads more positive in sentence tone ({values}), but {test}.",
    }[verdict]
    if voice is not None:
        every = document_tone(cmp.docs)
        mean = lambda ids: float(np.mean([every[i] for i in ids]))  # noqa: E731
        wording += (f" Counted in the writers' own sentences ({voice} voice); in all sentences "
                    f"{signed(mean(cmp.ids_a))} vs {signed(mean(cmp.ids_b))}.")
    return Finding("sentiment: sentence tone", verdict, wording, effect=round(diff, 4),
                   values=(round(stats["mean_a"], 4), round(stats["mean_b"], 4)),
                   interval=(stats["diff_ci_low"], stats["diff_ci_high"]) if stats["testable"] else None,
                   p_value=stats["p_value"] if stats["testable"] else None, test=test,
                   margin=f"|difference| < {TONE_MARGIN} (VADER's neutral band)", checks=(check,),
                   id="sentiment.tone" + (f".{voice}" if voice else ""), value=values)
