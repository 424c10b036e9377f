"""Features of one target for the target-sentiment model (:mod:`analysis.actors.target`).

Each feature is named ``block|feature``; :data:`BLOCKS` lists the blocks:

``words``   the sentence's lower-cased word 1–2-grams with the target masked (``TGT``), binary, unit length;
``window``  the words up to :data:`WINDOW` tokens left and right of the target, as separate features;
``syntax``  from spaCy's dependency parse: the target's relation to its governing verb (agent: subject or
            passive ``by``-agent; patient: object, passive subject or prepositional object; other), the verb's
            lemma in that relation, the verb's VADER valence by relation (flipped when negated), the target as
            possessor ("Putin's *brutal* war"), evaluative modifiers of and predicates about the target
            ("X is *corrupt*"), the target inside a quotation, the target as subject of a reporting verb;
``lexicon`` VADER compound scores of the clause that governs the target, of the rest of the sentence, of the
            whole sentence and of the left and right windows;
``near``    the VADER valence of the words at most two dependency arcs from the target, flipped when the word or
            its head is negated: summed by distance and sign, and each such word (``near|w1:accuse``);
``clause``  the words of the clause that governs the target (target masked), binary, unit length;
``path``    the lemmas of the (up to four) words above the target in the parse, the first with its relation;
``vector``  spaCy's contextual token vectors (``doc.tensor`` of the installed model, 96 numbers a token): the
            mean over the target span, its syntactic head, its governing clause and the rest of the sentence.
            The model standardises them with the training means and scales it ships.

Keys ``note|<feature>=<words>`` record the words behind a numeric feature for the evidence; no block selects them.
"""
from __future__ import annotations

import math
from typing import Iterable, Sequence

__all__ = ["BLOCKS", "item_features", "featurize", "select", "describe"]

BLOCKS = ("words", "window", "syntax", "lexicon", "near", "clause", "path", "vector")
VECTOR_PARTS = ("span", "head", "clause", "sentence")
WINDOW = 4
MASK = "TGT"

REPORTING = frozenset("say tell claim state add argue write insist announce explain warn note told said "
                      "suggest acknowledge admit allege assert declare deny testify tweet".split())
AGENT_DEPS = frozenset({"nsubj", "csubj", "agent_pobj"})
PATIENT_DEPS = frozenset({"dobj", "nsubjpass", "dative", "pobj", "attr", "oprd", "csubjpass"})
QUOTES = "\"“”"


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
    feats.update(_near(root, inside))
    feats.update(_path(root, inside))
    words = {t.lower_ for t in clause if _is_word(t)}
    for w in words:
        feats[f"clause|{w}"] = 1.0 / math.sqrt(len(words))
    feats.update(_vectors(doc, span, root, clause_root, clause))
    return feats


def _near(root, inside: set[int], reach: int = 2) -> dict[str, float]:
    """``near`` features: VADER valence of the words at most ``reach`` dependency arcs from
    the target's root (either direction), flipped when the word or its head is negated."""
    feats: dict[str, float] = {}
    seen, frontier = {root.i}, [root]
    for d in range(1, reach + 1):
        nxt = []
        for t in frontier:
            for n in (t.head, *t.children):
                if n.i in seen:
                    continue
                seen.add(n.i)
                nxt.append(n)
                v = 0.0 if n.i in inside else _valence(n)
                if not v:
                    continue
                neg = _negated(n) or _negated(n.head)
                v = -v if neg else v
                key = f"near|d{d}{'pos' if v > 0 else 'neg'}"
                feats[key] = feats.get(key, 0.0) + abs(v)
                feats[f"near|w{d}:{n.lemma_.lower()}{'~not' if neg else ''}"] = 1.0
        frontier = nxt
    return feats


def _path(root, inside: set[int], hops: int = 4) -> dict[str, float]:
    """``path`` features: the lemmas of up to ``hops`` tokens above the target in the parse, and the
    first of them also with its own relation to its head (``path|ROOT>accuse``)."""
    feats: dict[str, float] = {}
    tok = root
    for hop in range(hops):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.i in inside:
            continue
        feats[f"path|{tok.lemma_.lower()}"] = 1.0
        if hop == 0:
            feats[f"path|{tok.dep_}>{tok.lemma_.lower()}"] = 1.0
    return feats


def _vectors(doc, span, root, clause_root, clause) -> dict[str, float]:
    """``vector`` features: the mean contextual vector (``doc.tensor``) of the target span, its head,
    its governing clause and the sentence, the target left out of the last two."""
    tensor = getattr(doc, "tensor", None)
    if tensor is None or len(tensor) != len(doc) or not tensor.size:
        return {}
    own = tensor[span.start:span.end].mean(axis=0)
    others = [t.i for t in doc if not span.start <= t.i < span.end]
    parts = {"span": own, "head": own if span.start <= root.head.i < span.end else tensor[root.head.i],
             "clause": tensor[[t.i for t in clause] or [clause_root.i]].mean(axis=0),
             "sentence": tensor[others].mean(axis=0) if others else own}
    return {f"vector|{p}:{k}": float(v) for p in VECTOR_PARTS for k, v in enumerate(parts[p])}


def _note(feats: dict[str, float], name: str, tokens) -> None:
    """Record which words carry a numeric feature's tone, for the evidence: a key
    ``note|<feature>=<words>`` that no model block selects."""
    words = list(dict.fromkeys(t.lower_ for t in tokens if _valence(t)))[:3]
    if words:
        feats[f"note|{name}=" + ", ".join(words)] = 0.0


def _sentence_span(doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets of the sentence(s) of ``doc`` that hold the span ``start``-``end``."""
    span = _span(doc, start, end)
    return span[0].sent.start_char, span[-1].sent.end_char


def featurize(items: Sequence[tuple[str, int, int]], parsed: dict | None = None) -> list[dict[str, float]]:
    """:func:`item_features` of each ``(text, start, end)``, read in the sentence that
    holds the span: each distinct text is parsed once (``parsed``: text -> its parse, when
    at hand, as the actor pass has them), and when it has several sentences (a whole
    document) the target's sentence is parsed again on its own, so that its parse and
    contextual vectors are those of the sentence alone."""
    from .parse import parse

    texts = list(dict.fromkeys(t for t, _, _ in items if parsed is None or t not in parsed))
    parsed = {**(parsed or {}), **dict(zip(texts, parse(texts)))}
    cut = []
    for t, s, e in items:
        doc = parsed[t]
        lo, hi = _sentence_span(doc, s, e) if len(list(doc.sents)) > 1 else (0, len(t))
        cut.append((t[lo:hi], s - lo, e - lo) if (lo, hi) != (0, len(t)) else (t, s, e))
    alone = [t for t in dict.fromkeys(t for t, _, _ in cut) if t not in parsed]
    parsed.update(zip(alone, parse(alone)))
    return [item_features(parsed[t], s, e) for t, s, e in cut]


def select(feats: dict[str, float], blocks: Iterable[str]) -> dict[str, float]:
    """Only the features of the named blocks."""
    keep = tuple(f"{b}|" for b in blocks)
    return {k: v for k, v in feats.items() if k.startswith(keep)}


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
    if block == "clause":
        return f"'{f}' (in the target's clause)"
    if block == "vector":
        part = f.partition(":")[0]
        return {"span": "the target's context (spaCy vectors)", "head": "the target's head word (spaCy vectors)",
                "clause": "the target's clause (spaCy vectors)", "sentence": "the sentence (spaCy vectors)"
                }.get(part, f)
    if block == "path":
        rel, _, lemma = f.rpartition(">")
        return f"'{lemma}' (above the target in the parse{', ' + rel if rel else ''})"
    if block == "near":
        kind, _, lemma = f.partition(":")
        if lemma:
            word, _, negated = lemma.partition("~")
            steps = "one step" if kind == "w1" else "two steps"
            return f"'{word}'{' (negated)' if negated else ''} ({steps} from the target in the parse)"
        sign = "positive" if kind.endswith("pos") else "negative"
        return f"{sign} words {'next to' if kind.startswith('d1') else 'two steps from'} the target in the parse"
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


