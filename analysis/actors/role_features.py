"""The features of an actor in a parsed text, its mentions, and the locator of coders' wordings.

Used by :mod:`analysis.actors.roles` (the model) and its training script
(``python -m benchmarks.train_roles``).

The actor's mentions (:func:`find_mentions`)
    An item names *one* mention of the actor by character offsets. The actor's
    other mentions in the same text are the case-insensitive whole-word
    occurrences of (1) the mention's text without a leading determiner ("the",
    "a", "this" ...) or a trailing possessive, and (2) its head word (the last
    word before a preposition: "President Jair Bolsonaro" -> "Bolsonaro", "the
    Trump administration" -> "administration") when that word has three or more
    letters and is not a stop word. A pronoun ("they", "his") stands for itself
    only: there is no coreference resolution. :func:`document_roles` and
    :func:`role_table` take the mentions as given instead (e.g. the entity
    pass's canonical mentions).

Locating the coders' wording (:func:`locate`)
    The corpus names an entity in the coders' free words, not by offsets. The
    training script finds its first mention in the article by the first of
    these rules that matches: ``exact`` (case-insensitive, whole words,
    whitespace-insensitive), ``stripped`` (the same without a leading
    determiner, a trailing possessive or quotation marks), ``head`` (the head
    word as above, or its singular/plural by a trailing "s"), ``name`` (any
    capitalised word of three or more letters of the wording). Rows that none
    of them finds are left out of training and counted in the scores file.

Features (all topic-free)
    spaCy's small English pipeline parses the text (in a corpus: each sentence naming an actor
    alone, the parses target sentiment reads, :mod:`analysis.actors.actor_pass`). For every
    mention the parser gives its relation to the predicate that governs it:
    ``agent`` (active subject, or "by" phrase of a passive), ``patient``
    (object, passive subject, "on/against/to/for" object of a harm or help
    noun), ``oblique`` (other prepositional object of a verb), ``copula`` (the
    subject of "be"), ``other``; a possessor or "of" phrase ("the homes *of
    farmers*", "*farmers'* homes") takes the relation of its head noun. The
    predicate's lemma is looked up in the verb-class lexicon
    (``data/roles-lexicon.csv``, provenance in its header): harm, rescue,
    suffer, blame, praise, obstruct, resist, gain, initiative. Features count
    relation × class (``agent_harm``, ``patient_harm``, ``agent_rescue`` ...; a
    negated predicate counts as ``negated`` only), the VADER valence of the
    governing predicates by relation (mean, and counts of negative and
    positive ones: ``agent_negative`` ...), the descriptors of the actor (its own words,
    adjectives, appositions and predicate nouns: victim / villain / hero words
    of the lexicon, their VADER valence), the mean, lowest and highest VADER
    compound of the sentences that mention it, the classes of the other
    predicates in those sentences, whether it speaks (subject of a reporting
    verb of ``framing/lexicons/reporting_verbs.csv``), the number of mentions,
    the position of the first and whether the title (first sentence) names it,
    and its stakeholder type (spaCy label PERSON / ORG / NORP / another
    label, plural common noun, pronoun, proper noun without a label, common
    noun), alone and with its share of agent and patient mentions
    (``named_agent`` for PERSON/ORG, ``group_patient`` for plurals and NORP
    ...). A place (GPE) gets no type feature on purpose: in the climate
    articles countries and cities are mostly victims, a prior that would not
    carry to war news, where countries are the main villains too (leaving it
    out cost 0.001 macro-F1 in cross-validation). No word of the article
    other than the lexicons' is a feature, so the model carries from climate
    news to war news as far as these relations do.
"""
from __future__ import annotations

import csv
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

__all__ = ["FEATURES", "VERB_CLASSES", "WORD_CLASSES", "LEXICON_PATH", "nlp", "lexicon", "features", "located_features",
           "find_mentions", "locate"]

DATA = Path(__file__).parent / "data"
LEXICON_PATH = DATA / "roles-lexicon.csv"

VERB_CLASSES = ("harm", "rescue", "suffer", "blame", "praise", "obstruct", "resist", "gain", "initiative")
WORD_CLASSES = ("victim_word", "villain_word", "hero_word")
RELATIONS = ("agent", "patient", "oblique", "copula", "other")
TYPES = ("PERSON", "ORG", "NORP", "other_label", "plural", "pronoun", "propn", "common")   # GPE: none, see above

DETERMINERS = frozenset("the a an this that these those its his her their our my your".split())
PRONOUNS = frozenset("i me my mine we us our ours you your yours he him his she her hers it its they them their "
                     "theirs who whom whose which that this these those one".split())
PREPOSITIONS = frozenset("of in for from on at with to by about against over under between among".split())
STOP = frozenset("the and for with that this from have has are was were been also more most other some such than "
                 "they them their there which who whom what when where will would could should about into".split())
_QUOTES = "\"'“”‘’«»"


def _feature_names() -> list[str]:
    names = [f"rel_{r}" for r in RELATIONS]
    names += [f"{r}_{c}" for r in ("agent", "patient", "oblique") for c in VERB_CLASSES]
    names += ["negated", "agent_valence", "patient_valence", "oblique_valence"]
    names += [f"{r}_{sign}" for r in ("agent", "patient") for sign in ("negative", "positive")]
    names += [f"desc_{c}" for c in WORD_CLASSES] + ["desc_valence"]
    names += ["sent_mean", "sent_min", "sent_max"] + [f"sent_{c}" for c in VERB_CLASSES]
    names += ["speaker", "n_mentions", "first_position", "in_title"]
    names += [f"type_{t}" for t in TYPES]
    names += [f"{g}_{r}" for g in ("named", "group") for r in ("agent", "patient")]
    return names


FEATURES = tuple(_feature_names())


# ---------------------------------------------------------------- resources

def nlp():
    """spaCy's small English pipeline with tagger, parser, lemmatizer and NER: the actors' one
    pipeline (:func:`analysis.actors.parse.parser`), loaded once."""
    from .parse import parser

    return parser()


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """``data/roles-lexicon.csv``: lemma (``_`` joins a verb and its particle) -> its classes."""
    classes: dict[str, set[str]] = defaultdict(set)
    with LEXICON_PATH.open(encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            classes[row["lemma"].strip().lower()].add(row["class"].strip())
    return {k: frozenset(v) for k, v in classes.items()}


@lru_cache(maxsize=1)
def _reporting() -> frozenset[str]:
    from ..framing.attribution import reporting_verbs

    return frozenset(reporting_verbs()["lemma"].str.lower())


@lru_cache(maxsize=1)
def _valences() -> dict[str, float]:
    from ..sentiment._vader import lexicon as vader_lexicon

    return vader_lexicon()


@lru_cache(maxsize=4096)
def _compound(sentence: str) -> float:
    from ..sentiment._vader import compound

    return compound(sentence)


# ---------------------------------------------------------------- mentions

def _strip(surface: str) -> str:
    """Lower case, without quotation marks, a leading determiner or a trailing possessive."""
    s = surface.strip().strip(_QUOTES + " ,.;:").lower()
    s = re.sub(r"(?:'s|’s|'|’)$", "", s).strip()
    words = s.split()
    while len(words) > 1 and words[0] in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def _head(key: str) -> str | None:
    """The last word before the first preposition, if it can stand for the actor."""
    words = []
    for w in key.split():
        if w in PREPOSITIONS and words:
            break
        words.append(w)
    if not words:
        return None
    head = words[-1].strip(_QUOTES + ",.;:()")
    if len(re.sub(r"[^a-z]", "", head)) < 3 or head in STOP or head in PRONOUNS:
        return None
    return head


def _pattern(phrase: str) -> re.Pattern:
    parts = [re.escape(p) for p in phrase.split()]
    return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w-])", re.IGNORECASE)


def find_mentions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The actor's mentions in ``text``: the given span first, then the other
    occurrences of its stripped words and of its head word (see the module
    docstring), in text order, none overlapping the given span."""
    given = (start, end)
    key = _strip(text[start:end])
    if not key or key in PRONOUNS:
        return [given]
    found = [given]
    phrases = [key]
    head = _head(key)
    if head and head != key:
        phrases.append(head)
    taken = [given]
    for phrase in phrases:
        for m in _pattern(phrase).finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            found.append((s, e))
    return [given] + sorted(found[1:])


def locate(text: str, entity: str) -> tuple[int, int, str] | None:
    """The first mention of the coders' wording ``entity`` in ``text``:
    ``(start, end, rule)`` with rule ``exact``, ``stripped``, ``head`` or
    ``name`` (the module docstring), or ``None`` when no rule finds it."""
    wording = " ".join(entity.split())
    if not wording:
        return None
    candidates = [("exact", wording)]
    key = _strip(wording)
    if key and key != wording.lower():
        candidates.append(("stripped", key))
    head = _head(key) if key and key not in PRONOUNS else None
    if head:
        candidates.append(("head", head))
        candidates.append(("head", head[:-1] if head.endswith("s") else head + "s"))
    for word in wording.split():
        word = word.strip(_QUOTES + ",.;:()")
        word = re.sub(r"(?:'s|’s)$", "", word)
        if len(word) >= 3 and word[0].isupper() and word.lower() not in STOP | DETERMINERS:
            candidates.append(("name", word))
    for rule, phrase in candidates:
        m = _pattern(phrase).search(text)
        if m:
            return m.start(), m.end(), rule
    return None


# ---------------------------------------------------------------- features

_HELD = ("compound", "conj", "appos", "amod", "nmod", "npadvmod", "nummod", "det", "case", "acl", "flat")


def _particle(pred) -> str:
    for child in pred.children:
        if child.dep_ == "prt":
            return f"{pred.lemma_.lower()}_{child.lower_}"
    return ""


def _classes(pred) -> frozenset[str]:
    """The verb classes of a predicate (a verb, or a harm/help noun)."""
    lex = lexicon()
    lemma = pred.lemma_.lower()
    if pred.pos_ in ("NOUN", "PROPN"):
        own = lex.get(lemma, frozenset())
        return frozenset(c[:-5] for c in own if c.endswith("_noun"))
    own = set(lex.get(lemma, frozenset())) | set(lex.get(_particle(pred), frozenset()))
    return frozenset(c for c in own if c in VERB_CLASSES)


def _relation(tok):
    """(relation, governing predicate or None) of a mention's root token."""
    current = tok
    for _ in range(8):
        dep, head = current.dep_, current.head
        if head is current or dep == "ROOT":
            return "other", None
        if dep in ("nsubj", "csubj", "expl"):
            if head.lemma_ == "be" and any(c.dep_ in ("attr", "acomp") for c in head.children):
                return "copula", head
            return "agent", head
        if dep in ("nsubjpass", "dobj", "dative", "oprd", "attr"):
            return "patient", head
        if dep == "pobj":
            prep = head
            governor = prep.head
            if prep.dep_ == "agent":
                return "agent", governor
            if governor.pos_ in ("VERB", "AUX"):
                return "oblique", governor
            if prep.lower_ in ("on", "against", "to", "for") and _classes(governor):
                return "patient", governor
            current = governor
            continue
        if dep == "poss" or dep in _HELD:
            if dep == "amod" and current.pos_ == "VERB":
                return "other", head
            current = head
            continue
        if dep == "prep":
            current = head
            continue
        return "other", head
    return "other", None


def _descriptors(root, span) -> list:
    """Tokens that describe the actor: its own words, adjectives, appositions, predicate nouns/adjectives."""
    out = [t for t in span if t.pos_ in ("NOUN", "ADJ", "PROPN", "VERB")]
    for child in root.children:
        if child.dep_ in ("amod", "appos", "acl", "relcl", "compound") and child not in out:
            out.append(child)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        for child in root.head.children:
            if child.dep_ in ("attr", "acomp"):
                out.append(child)
                out += [c for c in child.children if c.dep_ == "amod"]
    return out


def _valence(tok) -> float:
    lex = _valences()
    return lex.get(tok.lower_, lex.get(tok.lemma_.lower(), 0.0))


def _type(span, label: str | None = None) -> str:
    """The stakeholder type of a mention; ``label``: its NER label when known (else read from ``span``)."""
    root = span.root
    if label is None:
        label = root.ent_type_ or next((t.ent_type_ for t in span if t.ent_type_), "")
    if label in ("PERSON", "ORG", "GPE", "NORP"):
        return label
    if label:
        return "other_label"
    if root.pos_ == "PRON" or root.lower_ in PRONOUNS:
        return "pronoun"
    if root.tag_ in ("NNS", "NNPS"):
        return "plural"
    if root.pos_ == "PROPN":
        return "propn"
    return "common"


@dataclass
class _Features:
    values: dict[str, float] = field(default_factory=dict)
    evidence: dict[str, tuple[int, str]] = field(default_factory=dict)   # feature -> first (sentence, words)
    sentences: dict[int, str] = field(default_factory=dict)             # sentence number -> its text

    def vector(self) -> np.ndarray:
        return np.array([self.values.get(name, 0.0) for name in FEATURES], float)


def features(doc, spans: Sequence[tuple[int, int]]) -> _Features:
    """The features of one actor in a parsed text (``doc``, a spaCy ``Doc``)
    given its mentions' character spans; the first span gives the actor's type."""
    starts = {sent.start: i for i, sent in enumerate(doc.sents)}
    located = []
    for s, e in spans:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span) > 0:
            sent = span.root.sent
            located.append((span, starts.get(sent.start, 0), s, sent))
    return located_features(located, len(doc.text))


def located_features(located: Sequence[tuple], length: int, label: str | None = None) -> _Features:
    """The features of one actor from its located mentions, each ``(span, sentence
    number, start offset into the text, the sentence's span)`` with ``span`` and the
    sentence in any parse (the whole text's, or the sentence's alone); ``length``: the
    text's length; ``label``: the NER label of the first mention when known."""
    counts: dict[str, float] = defaultdict(float)
    valences: dict[str, list[float]] = defaultdict(list)
    evidence: dict[str, tuple[int, str]] = {}
    sentences: dict[int, object] = {}
    kind = None
    n = 0
    first = None

    def note(name: str, sid: int, words: str) -> None:
        evidence.setdefault(name, (sid, words))

    for span, sid, s, sent in located:
        root = span.root
        n += 1
        first = s if first is None else min(first, s)
        if kind is None:
            kind = _type(span, label)
        sentences[sid] = sent
        relation, pred = _relation(root)
        counts[f"rel_{relation}"] += 1
        note(f"rel_{relation}", sid, f'{relation} of "{pred.text}"' if pred is not None else relation)
        if pred is not None and relation in ("agent", "patient", "oblique"):
            negated = any(c.dep_ == "neg" for c in pred.children)
            classes = _classes(pred)
            if negated and classes:
                counts["negated"] += 1
                note("negated", sid, f'{relation} of negated "{pred.text}"')
            elif not negated:
                for c in sorted(classes):
                    counts[f"{relation}_{c}"] += 1
                    note(f"{relation}_{c}", sid, f'{relation} of {c} {"noun" if pred.pos_ == "NOUN" else "verb"} '
                                                 f'"{pred.text}"')
                v = _valence(pred)
                if v:
                    valences[f"{relation}_valence"].append(v)
                    note(f"{relation}_valence", sid, f'{relation} of "{pred.text}" (VADER {v:+.1f})')
                    if relation != "oblique":
                        sign = "negative" if v < 0 else "positive"
                        counts[f"{relation}_{sign}"] += 1
                        note(f"{relation}_{sign}", sid, f'{relation} of {sign} "{pred.text}" (VADER {v:+.1f})')
            if relation == "agent" and pred.lemma_.lower() in _reporting():
                counts["speaker"] += 1
                note("speaker", sid, f'speaks: subject of "{pred.text}"')
        lex = lexicon()
        for tok in _descriptors(root, span):
            for c in WORD_CLASSES:
                if c in lex.get(tok.lemma_.lower(), ()) or c in lex.get(tok.lower_, ()):
                    counts[f"desc_{c}"] += 1
                    note(f"desc_{c}", sid, f'described as "{tok.text}"')
            v = _valence(tok)
            if v:
                valences["desc_valence"].append(v)
                note("desc_valence", sid, f'described as "{tok.text}" (VADER {v:+.1f})')
    values: dict[str, float] = {}
    if n:
        for r in RELATIONS:
            values[f"rel_{r}"] = counts[f"rel_{r}"] / n
        for name in FEATURES:
            if name.split("_")[0] in ("agent", "patient", "oblique", "desc") and not name.endswith("_valence"):
                values[name] = math.log1p(counts[name])
        values["negated"] = math.log1p(counts["negated"])
        for name in ("agent_valence", "patient_valence", "oblique_valence", "desc_valence"):
            values[name] = float(np.mean(valences[name])) if valences[name] else 0.0
        scores = []
        for sid, sent in sorted(sentences.items()):
            c = _compound(sent.text)
            scores.append(c)
            for tok in sent:
                if tok.pos_ in ("VERB", "NOUN"):
                    for cls in _classes(tok):
                        counts[f"sent_{cls}"] += 1
                        note(f"sent_{cls}", sid, f'its sentence has {cls} word "{tok.text}"')
        values["sent_mean"], values["sent_min"], values["sent_max"] = np.mean(scores), min(scores), max(scores)
        low, high = min(sentences, key=lambda i: _compound(sentences[i].text)), \
            max(sentences, key=lambda i: _compound(sentences[i].text))
        note("sent_min", low, f"lowest VADER {values['sent_min']:+.2f}")
        note("sent_max", high, f"highest VADER {values['sent_max']:+.2f}")
        note("sent_mean", low, f"mean VADER of its sentences {values['sent_mean']:+.2f}")
        for c in VERB_CLASSES:
            values[f"sent_{c}"] = math.log1p(counts[f"sent_{c}"])
        values["speaker"] = counts["speaker"] / n
        values["n_mentions"] = math.log1p(n)
        values["first_position"] = first / max(1, length)
        values["in_title"] = float(0 in sentences)
        if kind in TYPES:
            values[f"type_{kind}"] = 1.0
        group = {"PERSON": "named", "ORG": "named", "plural": "group", "NORP": "group"}.get(kind)
        if group:
            for r in ("agent", "patient"):
                values[f"{group}_{r}"] = values[f"rel_{r}"]
    return _Features(values, evidence, {sid: sent.text for sid, sent in sentences.items()})
