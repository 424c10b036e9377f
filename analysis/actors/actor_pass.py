"""The actor pass over a corpus: one parse for the sentiment toward each mention and the role of each actor.

>>> passed = run(docs, found)        # found: the entity pass's rows of the actor types
>>> passed[0].sentiment, passed[0].roles

:func:`analysis.actors.actor_mentions` and :func:`analysis.actors.role_table` both
read this pass. Per batch of documents, spaCy parses each sentence that names an
actor once, alone (:func:`analysis.actors.parse.parse`: no ``ner``, since the
entity pass gave the spans and their labels; ``nlp.pipe`` in batches); target
sentiment reads each mention in its sentence's parse, and the role features of
each actor (:func:`analysis.actors.role_features.located_features`) read the
same parses: the sentence numbers are the corpus's (``sentence``), the actor's
type is the entity pass's NER label of its first mention (``model_type``), its
position is counted in the raw text. No second pipeline is loaded and no sentence
is parsed twice.

Results are cached per document in memory (the last 256 documents, so that the
roles after the sentiment cost nothing) and on disk (namespace ``actors``),
keyed by the raw text and the mentions (sentence, span, entity, label), and
invalidated when either model file, the lexicon or this code changes.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import cache
from ..entities.ner import MODEL
from .role_features import LEXICON_PATH, located_features
from .role_model import MODEL_PATH as ROLE_MODEL_PATH, RoleModel, default_model, role_row
from .target import MODEL_PATH as SENTIMENT_MODEL_PATH, predict_sentiment

__all__ = ["Passed", "run", "clear_memory"]

_HERE = Path(__file__).parent
_CODE = tuple(_HERE / n for n in ("actor_pass.py", "target.py", "target_features.py", "parse.py", "role_features.py",
                                        "role_model.py")) \
    + (SENTIMENT_MODEL_PATH, ROLE_MODEL_PATH, LEXICON_PATH)
_LIBRARIES = ("spacy", MODEL, "vaderSentiment", "numpy")
_MEMORY: OrderedDict = OrderedDict()
_MEMORY_SIZE = 256

Item = tuple[int, int, int, int, int, str, str]    # sentence, its start, its end, start, end, entity, NER label


@dataclass
class Passed:
    """One document's pass: its ``found`` rows, the sentiment row of each (in order) and one role row
    ``(entity, n_mentions, role, p_hero, p_villain, p_victim, role_evidence)`` per actor (first mention order)."""
    doc: object
    found: pd.DataFrame
    sentiment: list[tuple]
    roles: list[tuple]


def clear_memory() -> None:
    """Forget the results held in memory (the disk cache stays)."""
    _MEMORY.clear()


def _sentence_of(doc, start: int) -> int:
    """The number of the body sentence that holds offset ``start`` (-1: none)."""
    for sent in doc.sentences:
        if sent.start <= start < sent.end:
            return sent.index
    return -1


def _items(doc, found: pd.DataFrame) -> tuple[Item, ...]:
    """The mentions of one document as :data:`Item` tuples."""
    sentences = found["sentence"] if "sentence" in found else [_sentence_of(doc, int(s)) for s in found["start"]]
    labels = found["model_type"] if "model_type" in found else found["type"]
    out = []
    for s, a, b, entity, label in zip(sentences, found["start"], found["end"], found["entity"], labels):
        s = int(s)
        sent = doc.sentences[s] if 0 <= s < len(doc.sentences) else None
        out.append((s, sent.start if sent else -1, sent.end if sent else -1, int(a), int(b), str(entity),
                    label if isinstance(label, str) else ""))
    return tuple(out)


def _roles(raw: str, items: tuple[Item, ...], parsed: dict, model: RoleModel) -> list[tuple]:
    """One role row per actor of one document, from the parses of its sentences."""
    actors: dict[str, list[Item]] = {}
    for item in items:
        if 0 <= item[3] < item[4] <= len(raw):
            actors.setdefault(item[5], []).append(item)
    rows = []
    for entity, own in actors.items():
        located, label = [], None
        for s, ss, se, a, b, _, kind in own:
            if not ss <= a < b <= se:
                continue
            sentence = parsed[raw[ss:se]]
            span = sentence.char_span(a - ss, b - ss, alignment_mode="expand")
            if span is not None and len(span) > 0:
                label = kind if label is None else label
                located.append((span, s, a, sentence[:]))
        rows.append((entity, len(own), *role_row(model, located_features(located, len(raw), label))))
    return rows


def _compute(batch: list[tuple], model: RoleModel) -> list[tuple[list, list]]:
    """``(sentiment rows, role rows)`` of each ``(raw, items)`` of the batch: one parse of its sentences."""
    from .parse import parse

    texts = list(dict.fromkeys(raw[ss:se] for raw, items in batch for _, ss, se, *_ in items if ss >= 0))
    parsed = dict(zip(texts, parse(texts)))
    flat = [(raw[ss:se], a - ss, b - ss) for raw, items in batch for _, ss, se, a, b, *_ in items]
    rows = list(predict_sentiment(flat, parsed=parsed).itertuples(index=False, name=None)) if flat else []
    out, k = [], 0
    for raw, items in batch:
        out.append((rows[k:k + len(items)], _roles(raw, items, parsed, model)))
        k += len(items)
    return out


def run(docs: list, found: pd.DataFrame, model: RoleModel | None = None, cached: bool = True) -> list[Passed]:
    """The pass over every document of ``docs`` that ``found`` (an :func:`analysis.entities.mentions`
    table, already filtered to the actor types; ``sentence`` and ``model_type`` used when present)
    names, in order. ``model``: another role model (then nothing is cached); ``cached``: through the
    memory and disk caches."""
    cached = cached and model is None
    model = model or default_model()
    per_doc = {d: g for d, g in found.groupby("doc", sort=False)}
    chosen = [d for d in docs if d.id in per_doc]
    batch = [(d.raw, _items(d, per_doc[d.id])) for d in chosen]
    if not cached:
        results = _compute(batch, model)
    else:
        todo = [b for b in dict.fromkeys(batch) if b not in _MEMORY]
        computed = cache.memoize_many("actors", todo, key=lambda b: b, compute=lambda part: _compute(part, model),
                                      libraries=_LIBRARIES, code=_CODE) if todo else []
        known = {b: _MEMORY[b] for b in batch if b in _MEMORY}
        for b, result in zip(todo, computed):
            known[b] = _MEMORY[b] = result
        while len(_MEMORY) > _MEMORY_SIZE:
            _MEMORY.popitem(last=False)
        results = [known[b] for b in batch]
    return [Passed(d, per_doc[d.id], list(s), list(r)) for d, (s, r) in zip(chosen, results)]
