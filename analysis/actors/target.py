"""Sentiment toward a target: the polarity a sentence expresses toward one named span.

>>> predict_sentiment([("Washington accused Pyongyang of supplying shells.", 19, 28)])
... # one row: sentiment, p_negative, p_neutral, p_positive, evidence

Why not sentence VADER
    sentence-level VADER gives every actor in a sentence the sentence's tone:
    in "Washington accused Pyongyang of supplying shells that killed civilians"
    Washington, Pyongyang and the civilians all get one score. This model reads
    the sentence *from the target's position*.

Features (each a named block; :data:`BLOCKS`)
    ``words``   the sentence's lower-cased word 1–2-grams with the target masked
                (``TGT``), binary, the block scaled to unit length;
    ``window``  the words up to :data:`WINDOW` tokens left and right of the target,
                as separate features ("left of the target", "right of the target");
    ``syntax``  from spaCy's dependency parse: the target's relation to its
                governing verb (agent, i.e. subject or passive ``by``-agent;
                patient, i.e. object, passive subject or prepositional object;
                other), the verb's lemma in that relation, the verb's VADER
                valence by relation (flipped when the verb is negated), the
                target as possessor ("Putin's *brutal* war"), evaluative
                modifiers of the target and predicates about it ("X is *corrupt*"),
                the target inside a quotation, the target as the subject of a
                reporting verb ("said", "claimed");
    ``lexicon`` VADER compound scores of the clause that governs the target, of
                the rest of the sentence, of the whole sentence and of the left and
                right windows.

Model
    one multinomial logistic regression (scikit-learn, L2); ``C``, class weights and blocks are chosen by
    cross-validation inside the training data, folds grouped by sentence (``benchmarks.train_target_sentiment``).
    The shipped ``data/target-sentiment.json`` holds vocabulary, coefficients, intercepts and settings: loading
    parses JSON into numpy arrays, so it cannot execute code, and prediction needs no scikit-learn. Its measured
    agreement is in ``target-sentiment-scores.csv`` beside it.

Evidence
    per decision, the features that weighed most toward the chosen class
    against the mean of the classes (``x_j * (w_cj - mean_k w_kj)``), in words:
    ``'accuse' (verb, target is object) +0.84; 'slammed' (in the sentence) +0.51``.
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import InputError

__all__ = ["predict_sentiment", "load_sentiment_model", "TargetSentimentModel", "item_features", "COLUMNS",
           "CLASSES", "MODEL_PATH", "SCORES_PATH"]

FORMAT = "rdf-target-sentiment/1"
CLASSES = ("negative", "neutral", "positive")
COLUMNS = ["sentiment", "p_negative", "p_neutral", "p_positive", "evidence"]
BLOCKS = ("words", "window", "syntax", "lexicon")
WINDOW = 4
MASK = "TGT"
DATA = Path(__file__).parent / "data"
MODEL_PATH = DATA / "target-sentiment.json"
SCORES_PATH = DATA / "target-sentiment-scores.csv"
TOP_EVIDENCE = 4

REPORTING = frozenset("say tell claim state add argue write insist announce explain warn note told said "
                      "suggest acknowledge admit allege assert declare deny testify tweet".split())
AGENT_DEPS = frozenset({"nsubj", "csubj", "agent_pobj"})
PATIENT_DEPS = frozenset({"dobj", "nsubjpass", "dative", "pobj", "attr", "oprd", "csubjpass"})
QUOTES = "\"“”"


# ---------------------------------------------------------------------------------------------------- features

def _lexicon() -> dict[str, float]:
    from ..sentiment import lexicon

    return lexicon()


def _valence(token) -> float:
    """VADER's valence of a token (its text, else its lemma), scaled to -1 … 1."""
    lex = _lexicon()
    v = lex.get(token.lower_)
    if v is None:
        v = lex.get(token.lemma_.lower(), 0.0)
    return float(v) / 4.0


def _compound(text: str) -> float:
    from ..sentiment import compound

    return float(compound(text)) if text.strip() else 0.0


def _is_word(token) -> bool:
    return not (token.is_punct or token.is_space)


def _negated(token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _relation(root):
    """``(relation, governing verb)``: how the target's root token relates to the
    nearest verb above it (``agent``, ``patient`` or ``other``; the verb may be None)."""
    dep, tok = root.dep_, root
    if dep == "pobj" and tok.head.dep_ == "agent":          # passive "by X"
        return "agent", tok.head.head
    if dep == "pobj":                                       # "against X", "with X": climb to the verb
        prep = tok.head
        head = prep.head
        if head.pos_ in ("VERB", "AUX"):
            return "patient", head
        return "other", None
    if dep in ("conj", "appos"):                            # "A and B accused …": B shares A's relation
        first = tok.head
        while first.dep_ in ("conj", "appos") and first.head is not first:
            first = first.head
        if first is not tok:
            return _relation(first)
    head = tok.head
    if head.pos_ in ("VERB", "AUX") and head is not tok:
        if dep in AGENT_DEPS:
            return "agent", head
        if dep in PATIENT_DEPS:
            return "patient", head
        return "other", head
    return "other", None


def _in_quote(text: str, start: int) -> bool:
    """Whether ``start`` lies inside a quotation: more opening than closing curly
    quotes before it, or an odd number of straight double quotes."""
    before = text[:start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _span(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        tokens = [t for t in doc if t.idx < end and t.idx + len(t.text) > start]
        if not tokens:
            tokens = [min(doc, key=lambda t: abs(t.idx - start))]
        span = doc[tokens[0].i: tokens[-1].i + 1]
    return span


def item_features(doc, start: int, end: int) -> dict[str, float]:
    """The named features of one target (character span ``start``-``end`` in the
    parsed sentence ``doc``): ``block|feature`` → value."""
    text = doc.text
    span = _span(doc, start, end)
    inside = set(range(span.start, span.end))
    feats: dict[str, float] = {}

    # words: masked 1-2-grams, binary, unit length
    seq: list[str] = []
    for t in doc:
        if t.i in inside:
            if t.i == span.start:
                seq.append(MASK)
        elif _is_word(t):
            seq.append(t.lower_)
    grams = set(seq) | {f"{a} {b}" for a, b in zip(seq, seq[1:])}
    grams.discard(MASK)
    if grams:
        w = 1.0 / math.sqrt(len(grams))
        for g in grams:
            feats[f"words|{g}"] = w

    # window: words left and right of the target
    left = [t for t in doc[max(0, span.start - 2 * WINDOW): span.start] if _is_word(t)][-WINDOW:]
    right = [t for t in doc[span.end: span.end + 2 * WINDOW] if _is_word(t)][:WINDOW]
    for side, toks in (("L", left), ("R", right)):
        for t in toks:
            feats[f"window|{side}:{t.lower_}"] = 1.0

    # syntax
    root = span.root
    rel, verb = _relation(root)
    feats[f"syntax|dep:{root.dep_}"] = 1.0
    feats[f"syntax|rel:{rel}"] = 1.0
    if verb is not None:
        lemma = verb.lemma_.lower()
        neg = _negated(verb)
        feats[f"syntax|verb:{rel}:{lemma}"] = 1.0
        val = _valence(verb) * (-1.0 if neg else 1.0)
        if val:
            feats[f"syntax|verbval:{rel}"] = val
            _note(feats, f"syntax|verbval:{rel}", [verb])
        if neg:
            feats[f"syntax|negated:{rel}"] = 1.0
        if rel == "agent" and lemma in REPORTING:
            feats["syntax|reporter"] = 1.0
        # predicates about the target: "X is corrupt", "X became a pariah"
        if rel == "agent" and verb.lemma_ in ("be", "become", "remain", "seem"):
            for c in verb.children:
                if c.dep_ in ("acomp", "attr", "oprd"):
                    feats[f"syntax|pred:{c.lemma_.lower()}"] = 1.0
                    v = _valence(c)
                    if v:
                        feats["syntax|predval"] = feats.get("syntax|predval", 0.0) + v * (-1.0 if neg else 1.0)
        # the verb's objects' valence when the target is the agent ("X killed civilians")
        if rel == "agent":
            done = [t for c in verb.children if c.dep_ in ("dobj", "attr", "acomp", "xcomp", "ccomp")
                    for t in c.subtree if t.i not in inside]
            ov = sum(_valence(t) for t in done)
            if ov:
                feats["syntax|agent_objval"] = max(-2.0, min(2.0, ov))
                _note(feats, "syntax|agent_objval", done)
    # the target as possessor or modifier of a noun: "Putin's brutal war", "the Trump scandal"
    if root.dep_ in ("poss", "compound", "nmod", "amod") and root.head.i not in inside:
        head = root.head
        feats[f"syntax|ownerof:{head.lemma_.lower()}"] = 1.0
        hv = _valence(head) + sum(_valence(c) for c in head.children if c.dep_ in ("amod", "compound")
                                  and c.i not in inside)
        if hv:
            feats["syntax|ownerval"] = max(-2.0, min(2.0, hv))
            _note(feats, "syntax|ownerval", [head, *head.children])
    # modifiers of the target: "the corrupt senator", "Kim, a brutal dictator"
    mv, modifiers = 0.0, []
    for c in root.children:
        if c.i in inside or c.dep_ not in ("amod", "appos", "acl", "relcl", "compound", "nmod"):
            continue
        if c.dep_ in ("amod", "compound"):
            feats[f"syntax|mod:{c.lemma_.lower()}"] = 1.0
        modifiers += list(c.subtree)
        mv += sum(_valence(t) for t in c.subtree)
    for t in span:                       # modifiers inside the span ("the embattled president")
        if t.dep_ == "amod":
            feats[f"syntax|mod:{t.lemma_.lower()}"] = 1.0
            modifiers.append(t)
            mv += _valence(t)
    if mv:
        feats["syntax|modval"] = max(-2.0, min(2.0, mv))
        _note(feats, "syntax|modval", modifiers)
    if _in_quote(text, span.start_char):
        feats["syntax|inquote"] = 1.0
    if any(q in text for q in QUOTES):
        feats["syntax|hasquote"] = 1.0

    # lexicon: VADER of the governing clause (target masked) vs the rest
    clause_root = verb if verb is not None else root.head
    clause = [t for t in clause_root.subtree if t.i not in inside]
    clause_ids = {t.i for t in clause}
    rest = [t for t in doc if t.i not in clause_ids and t.i not in inside]
    for name, toks in (("clause", clause), ("rest", rest), ("left", left), ("right", right)):
        c = _compound(" ".join(t.text for t in toks))
        if c:
            feats[f"lexicon|{name}"] = c
            _note(feats, f"lexicon|{name}", toks)
    c = _compound(text)
    if c:
        feats["lexicon|sentence"] = c
        _note(feats, "lexicon|sentence", [t for t in doc if t.i not in inside])
    return feats


def _note(feats: dict[str, float], name: str, tokens) -> None:
    """Record which words carry a numeric feature's tone, for the evidence: a key
    ``note|<feature>=<words>`` that no model block selects."""
    words = list(dict.fromkeys(t.lower_ for t in tokens if _valence(t)))[:3]
    if words:
        feats[f"note|{name}=" + ", ".join(words)] = 0.0


def _sentence_of(doc, start: int, end: int):
    """``(doc, start, end)`` cut to the sentence(s) that hold the span, when ``doc``
    has several (a whole document as the text): the model reads sentences."""
    sents = list(doc.sents)
    if len(sents) <= 1:
        return doc, start, end
    span = _span(doc, start, end)
    first, last = span[0].sent, span[-1].sent
    sub = doc[first.start:last.end]
    return sub.as_doc(), start - sub.start_char, end - sub.start_char


def featurize(items: Sequence[tuple[str, int, int]], parsed: dict | None = None) -> list[dict[str, float]]:
    """:func:`item_features` of each ``(text, start, end)``, read in the sentence that
    holds the span; each distinct text is parsed once (``parsed``: text -> its parse, when at hand)."""
    from .parse import parse

    texts = list(dict.fromkeys(t for t, _, _ in items if parsed is None or t not in parsed))
    parsed = {**(parsed or {}), **dict(zip(texts, parse(texts)))}
    return [item_features(*_sentence_of(parsed[t], s, e)) for t, s, e in items]


def select(feats: dict[str, float], blocks: Iterable[str]) -> dict[str, float]:
    """Only the features of the named blocks."""
    keep = tuple(f"{b}|" for b in blocks)
    return {k: v for k, v in feats.items() if k.startswith(keep)}


# ---------------------------------------------------------------------------------------------------- model

def describe(name: str, words: str | None = None) -> str:
    """A feature's name in words: ``syntax|verb:patient:accuse`` → ``'accuse' (verb, target is object)``;
    ``words``: the words that carry a numeric feature's tone (``'killed'``), named first."""
    text = _describe(name)
    return f"'{words}' ({text})" if words else text


def _describe(name: str) -> str:
    block, _, f = name.partition("|")
    role = {"agent": "target is subject", "patient": "target is object", "other": "target is near"}
    if block == "words":
        return f"'{f}' (in the sentence)"
    if block == "window":
        side, _, w = f.partition(":")
        return f"'{w}' ({'left' if side == 'L' else 'right'} of the target)"
    if block == "lexicon":
        return {"clause": "tone of the target's clause", "rest": "tone of the rest of the sentence",
                "left": "tone left of the target", "right": "tone right of the target",
                "sentence": "tone of the sentence"}.get(f, f)
    kind, _, rest = f.partition(":")
    if kind == "verb":
        r, _, lemma = rest.partition(":")
        return f"'{lemma}' (verb, {role.get(r, r)})"
    if kind == "verbval":
        return f"verb's tone, {role.get(rest, rest)}"
    if kind == "negated":
        return f"negated verb, {role.get(rest, rest)}"
    if kind == "mod":
        return f"'{rest}' (describes the target)"
    if kind == "pred":
        return f"'{rest}' (said of the target)"
    if kind == "ownerof":
        return f"'{rest}' (the target's)"
    return {"dep": f"target is '{rest}' in the parse", "rel": f"target's role: {rest}",
            "reporter": "target is the speaker", "inquote": "target inside a quotation",
            "hasquote": "sentence quotes someone", "modval": "tone of the target's modifiers",
            "predval": "tone of what is said of the target", "ownerval": "tone of what the target owns",
            "agent_objval": "tone of what the target does"}.get(kind, f)


def feature_matrix(feats: list[dict[str, float]], index: dict[str, int], blocks: Iterable[str]):
    """Items × features sparse matrix over ``index`` (feature → column) for the model and its training script."""
    import scipy.sparse as sp

    rows, cols, vals = [], [], []
    for r, f in enumerate(feats):
        for k, v in sorted(select(f, blocks).items()):
            j = index.get(k)
            if j is not None:
                rows.append(r)
                cols.append(j)
                vals.append(v)
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(feats), len(index)), dtype=float)


@dataclass
class TargetSentimentModel:
    """A trained target-sentiment model: feature names, coefficients (classes × features),
    intercepts and the settings it was chosen with."""

    features: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    settings: dict
    meta: dict

    def __post_init__(self) -> None:
        self.index = {f: i for i, f in enumerate(self.features)}

    def matrix(self, feats: list[dict[str, float]]):
        """Items × features sparse matrix (unknown features dropped)."""
        return feature_matrix(feats, self.index, self.settings["blocks"])

    def probabilities(self, x) -> np.ndarray:
        z = np.asarray(x @ self.coef.T) + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def predict(self, feats: list[dict[str, float]], top: int = TOP_EVIDENCE) -> pd.DataFrame:
        """One row per item: ``sentiment``, ``p_negative``, ``p_neutral``, ``p_positive``, ``evidence``."""
        x = self.matrix(feats)
        prob = self.probabilities(x)
        centred = self.coef - self.coef.mean(axis=0, keepdims=True)
        rows = []
        for r in range(x.shape[0]):
            c = int(np.argmax(prob[r]))
            lo, hi = x.indptr[r], x.indptr[r + 1]
            idx, val = x.indices[lo:hi], x.data[lo:hi]
            contrib = val * centred[c, idx]
            order = sorted(range(len(idx)), key=lambda k: (-contrib[k], self.features[idx[k]]))
            notes = dict(k[5:].split("=", 1) for k in feats[r] if k.startswith("note|"))
            words = [f"{describe(self.features[idx[k]], notes.get(self.features[idx[k]]))} {contrib[k]:+.2f}"
                     for k in order[:top] if contrib[k] > 0.005]
            rows.append((CLASSES[c], *(round(float(p), 4) for p in prob[r]), "; ".join(words)))
        return pd.DataFrame(rows, columns=COLUMNS)

    def to_json(self) -> dict:
        return {"format": FORMAT, "classes": list(CLASSES), "settings": self.settings, "meta": self.meta,
                "features": self.features, "intercept": [round(float(v), 6) for v in self.intercept],
                "coef": [[round(float(v), 6) for v in row] for row in self.coef]}

    def save(self, path: Path | str) -> Path:
        """Write the model as JSON (sorted keys, fixed rounding: byte-identical across runs)."""
        path = Path(path)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n",
                        encoding="utf-8")
        return path


def load_sentiment_model(path: Path | str | None = None) -> TargetSentimentModel:
    """Read a model file: only JSON parsing and numpy arrays, never pickle."""
    path = Path(path) if path is not None else MODEL_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "no such model file") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(path, "not a JSON model file") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or tuple(data.get("classes", ())) != CLASSES:
        raise InputError(path, f"not a target-sentiment model (format {FORMAT})")
    coef = np.asarray(data["coef"], dtype=float)
    intercept = np.asarray(data["intercept"], dtype=float)
    if coef.shape != (len(CLASSES), len(data["features"])) or intercept.shape != (len(CLASSES),):
        raise InputError(path, "coefficients do not match the features")
    return TargetSentimentModel(list(data["features"]), coef, intercept, dict(data["settings"]), dict(data["meta"]))


@lru_cache(maxsize=1)
def _shipped() -> TargetSentimentModel:
    return load_sentiment_model(MODEL_PATH)


def predict_sentiment(items: Sequence[tuple[str, int, int]], model: TargetSentimentModel | None = None,
                      parsed: dict | None = None) -> pd.DataFrame:
    """The sentiment toward each target: one row per ``(text, start, end)`` (character
    offsets, ``end`` exclusive), in order, with columns :data:`COLUMNS`; ``parsed``: see :func:`featurize`."""
    items = list(items)
    model = model or _shipped()
    if not items:
        return pd.DataFrame(columns=COLUMNS)
    return model.predict(featurize(items, parsed))


def file_sha256(path: Path | str) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
