"""Scaled corpora: many distinct documents built from the seeds.

A ×N corpus holds N variants of every seed document (×1 is the seeds
folder itself). A variant keeps its seed's layout byte for byte (headings,
by-lines, boilerplate, the order of paragraph kinds) and
rewrites each body paragraph:

* every sentence is the start of one seed sentence joined to the end of
  another (both drawn from all the seeds, each cut at a random word), so
  sentences are new strings that per-text caches (VADER's ``score`` cache,
  the entity cache) cannot answer, with the seeds' vocabulary, punctuation
  and, on average, their sentence length (which matters for any step whose
  cost grows faster than linearly with sentence length);
* names are swapped per variant from ``benchmarks/data/name_pools.csv``
  (other officials, places, outlets, dates), so the model meets names the
  gazetteer does not know.

Variants are written as plain ``.txt`` files without a catalog (ids from the
file names), which is also the "folder of your own articles" path.
Everything is seeded: the same scale gives the same files on every run.
"""
from __future__ import annotations

import csv
import random
import re
from functools import lru_cache
from pathlib import Path

from analysis.corpus.cleaning import analyse_layout
from analysis.corpus.model import Corpus
from analysis.corpus.tokens import sentence_spans

POOLS = Path(__file__).resolve().parent / "data" / "name_pools.csv"
SEED = 20230913
_WORD = re.compile(r"\[[^\]\n]*\]|\S+")


@lru_cache(maxsize=1)
def name_pools() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``(name, alternatives)`` pairs, longest name first (so "June 2024" wins over parts)."""
    with POOLS.open(encoding="utf-8", newline="") as handle:
        rows = [(r["name"], tuple(a for a in r["alternatives"].split("|") if a)) for r in csv.DictReader(handle)]
    return tuple(sorted(rows, key=lambda r: (-len(r[0]), r[0])))


def _sentences(raw: str) -> list[str]:
    """The sentences of a document's body paragraphs."""
    out = []
    for block in analyse_layout(raw).blocks:
        text = raw[block.start:block.end]
        out += [text[s:e] for s, e in sentence_spans(text)]
    return out


def material(raws: list[str]) -> tuple[tuple[str, ...], ...]:
    """Every body sentence of the seed texts as a tuple of words (a bracketed
    citation marker stays one word); sentences of fewer than 4 words are left out."""
    sentences = (tuple(_WORD.findall(s)) for raw in raws for s in _sentences(raw))
    return tuple(s for s in sentences if len(s) >= 4)


def _sentence(rng: random.Random, pool: tuple[tuple[str, ...], ...]) -> str:
    """The start of one seed sentence joined to the end of another, each cut at a
    random word: same vocabulary and, on average, the same length as the seeds'."""
    head, tail = rng.choice(pool), rng.choice(pool)
    i, j = rng.randint(1, len(head) - 1), rng.randint(1, len(tail) - 1)
    return " ".join(head[:i] + tail[j:])


@lru_cache(maxsize=64)
def body_layout(raw: str) -> tuple[tuple[int, int, int], ...]:
    """``(start, end, sentences)`` of each body paragraph of a seed text."""
    blocks = [b for b in analyse_layout(raw).blocks if b.kind == "body"]
    return tuple((b.start, b.end, max(1, len(sentence_spans(raw[b.start:b.end])))) for b in blocks)


def _swap_names(rng: random.Random, text: str) -> str:
    """Replace each pooled name (whole words) by one alternative, the same throughout the variant."""
    for name, alternatives in name_pools():
        if name in text:
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", rng.choice(alternatives), text)
    return text


def variant(raw: str, doc_id: str, k: int, pool: tuple[tuple[str, ...], ...]) -> str:
    """Variant ``k`` of a seed text: same layout, body paragraphs re-assembled
    from the sentences in ``pool``, names swapped."""
    rng = random.Random(f"{SEED}:{doc_id}:{k}")
    out, pos = [], 0
    for start, end, count in body_layout(raw):
        out.append(raw[pos:start])
        out.append(" ".join(_sentence(rng, pool) for _ in range(count)))
        pos = end
    out.append(raw[pos:])
    return _swap_names(rng, "".join(out))


def build(seeds: Corpus, scale: int, folder: Path) -> Path:
    """Write the ×``scale`` corpus of ``seeds`` into ``folder`` (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    pool = material([doc.raw for doc in seeds])
    if len(pool) < 2:
        raise ValueError("the seed texts have too few sentences to build variants from")
    width = len(str(scale))
    for doc in seeds:
        for k in range(scale):
            text = variant(doc.raw, doc.id, k, pool)
            (folder / f"{doc.id}-v{k:0{width}d}.txt").write_text(text, encoding="utf-8")
    return folder


def distinct_share(corpus: Corpus) -> float:
    """Share of sentences whose normalised text occurs once in the corpus (1.0: all distinct)."""
    from collections import Counter

    counts = Counter(s.norm for d in corpus for s in d.sentences)
    total = sum(counts.values())
    return sum(n for n in counts.values() if n == 1) / total if total else 0.0
