"""Documents and corpora: the loaded, cleaned, tokenised articles.

>>> corpus = load_corpus()             # the seeds folder in force
>>> corpus.documents()                 # one row per document
>>> corpus.sentences()                 # one row per sentence
>>> corpus["news-shoigu-2025"].removed_summary()
"""
from __future__ import annotations

from array import array
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable, Iterator, Union

import pandas as pd

from . import cleaning
from .catalog import Entry, folder_entries
from ..errors import InputError, UnknownName
from ..paths import seeds_dir
from ..progress import progress
from .files import Skipped, article_files
from .reading import read_text
from .tokens import Token, is_word, sentence_spans, word_spans


@dataclass
class Sentence:
    """One body sentence.

    ``text`` is the original wording (citation markers cut out) for display;
    ``norm`` is the normalised form used for matching and scoring; ``start``
    and ``end`` are offsets into the original file text. Tokens are stored
    compactly as flat integer arrays (a large corpus has millions of them) and
    built on access.
    """

    doc: str
    index: int
    paragraph: int
    section: str | None
    start: int
    end: int
    text: str
    norm: str
    spans: array = field(repr=False)    # token (start, end) pairs, flattened, within ``norm``
    offsets: array = field(repr=False)  # the same tokens' (start, end) in the original text

    @property
    def token_spans(self) -> list[tuple[int, int]]:
        """``(start, end)`` of each token within :attr:`norm`."""
        it = iter(self.spans)
        return list(zip(it, it))

    @property
    def tokens(self) -> list[Token]:
        """Word tokens: normalised text with offsets into the original text."""
        norm, sp, off = self.norm, self.spans, self.offsets
        return [Token(norm[sp[i]:sp[i + 1]], off[i], off[i + 1]) for i in range(0, len(sp), 2)]

    @property
    def n_tokens(self) -> int:
        return len(self.spans) // 2

    @property
    def words(self) -> list[str]:
        """Lower-cased word tokens (punctuation left out)."""
        norm, sp = self.norm, self.spans
        pieces = (norm[sp[i]:sp[i + 1]] for i in range(0, len(sp), 2))
        return [p.lower() for p in pieces if is_word(p)]


@dataclass
class Paragraph:
    index: int
    kind: str
    section: str | None
    start: int
    end: int
    sentences: list[Sentence]


@dataclass
class Document:
    """A cleaned article with its structure and a record of the cleaning."""

    entry: Entry
    raw: str
    paragraphs: list[Paragraph]
    headings: list[cleaning.Heading]
    removals: list[cleaning.Removal]
    fixes: list[cleaning.Fix]

    id = property(lambda self: self.entry.id)
    title = property(lambda self: self.entry.title)
    kind = property(lambda self: self.entry.kind)
    label = property(lambda self: self.entry.label or self.entry.id)

    @cached_property
    def sentences(self) -> list[Sentence]:
        """All body sentences in order (built once: callers index it in loops)."""
        return [s for p in self.paragraphs for s in p.sentences]

    @property
    def tokens(self) -> list[Token]:
        return [t for s in self.sentences for t in s.tokens]

    @property
    def n_tokens(self) -> int:
        return sum(s.n_tokens for s in self.sentences)

    @property
    def words(self) -> list[str]:
        """All lower-cased word tokens of the body, in order."""
        return [w for s in self.sentences for w in s.words]

    def removed_summary(self) -> str:
        """What cleaning removed or repaired, e.g. ``byline 1; citation 4; heading 3``."""
        counts = Counter(r.kind for r in self.removals)
        counts.update(f.kind for f in self.fixes)
        if self.headings:
            counts["heading"] = len(self.headings)
        return "; ".join(f"{kind} {n}" for kind, n in sorted(counts.items())) or "nothing"

    def cleaning_report(self) -> pd.DataFrame:
        """Every removal, fix and heading, with its offset and text."""
        rows = [("removed", r.kind, r.start, r.text) for r in self.removals]
        rows += [("repaired", f.kind, f.start, f.text) for f in self.fixes]
        rows += [("structure", f"heading (level {h.level})", h.start, h.text) for h in self.headings]
        frame = pd.DataFrame(rows, columns=["action", "kind", "offset", "text"])
        return frame.sort_values("offset", kind="stable").reset_index(drop=True)


def build_document(entry: Entry, raw: str) -> Document:
    """Clean, segment and tokenise one text."""
    layout = cleaning.analyse_layout(raw)
    removals = list(layout.removals)
    fixes: list[cleaning.Fix] = []
    paragraphs: list[Paragraph] = []
    n_sent = 0
    blocks = progress(layout.blocks, desc=f"reading {entry.file.name}", chars=len(raw), unit="paragraph")
    for block in blocks:
        norm, offsets, cut, fixed = cleaning.normalise_block(raw, block)
        removals += cut
        fixes += fixed
        sentences = []
        for s, e in sentence_spans(norm):
            sent_norm = norm[s:e]
            if not any(ch.isalnum() for ch in sent_norm):
                continue
            spans = array("i", [x for pair in word_spans(sent_norm) for x in pair])
            starts = offsets.map_many([s + x for x in spans[0::2]])
            ends = [x + 1 for x in offsets.map_many([s + x - 1 for x in spans[1::2]])]
            token_offsets = array("i", [x for pair in zip(starts, ends) for x in pair])
            start, end = offsets.span(s, e)
            text = _display_text(raw, start, end, cut)
            sentences.append(Sentence(entry.id, n_sent, len(paragraphs), block.section, start, end,
                                      text, sent_norm, spans, token_offsets))
            n_sent += 1
        if sentences:
            paragraphs.append(Paragraph(len(paragraphs), block.kind, block.section, block.start, block.end, sentences))
    removals.sort(key=lambda r: r.start)
    return Document(entry, raw, paragraphs, layout.headings, removals, fixes)


def _display_text(raw: str, start: int, end: int, cut: list[cleaning.Removal]) -> str:
    """Original wording of a span, with removed citation markers left out."""
    pieces, pos = [], start
    for r in cut:
        if start <= r.start < end:
            pieces.append(raw[pos:r.start])
            pos = r.end
    pieces.append(raw[pos:end])
    return "".join(pieces).strip()


def load_document(entry: Entry, raw: str | None = None) -> Document:
    """Build one document from ``raw`` (read from ``entry.file`` when not given);
    raises :class:`InputError` on bad input."""
    document = build_document(entry, read_text(entry.file) if raw is None else raw)
    if not document.sentences:
        raise InputError(entry.file, "no body text left after cleaning")
    return document


@dataclass
class Corpus:
    """An ordered collection of documents from one seeds folder."""

    folder: Path
    docs: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # hidden files of the folder, not read

    def __iter__(self) -> Iterator[Document]:
        return iter(self.docs)

    def __len__(self) -> int:
        return len(self.docs)

    def __getitem__(self, doc_id: str) -> Document:
        """The document ``doc_id`` (the first of that id), by an index of the ids, not a scan:
        a notebook looking up the document of each of 100,000 mentions stays linear."""
        position = self.__dict__.get("_positions", {}).get(doc_id)
        if position is None or position >= len(self.docs) or self.docs[position].id != doc_id:
            positions: dict[str, int] = {}
            for i, doc in enumerate(self.docs):  # rebuilt when ``docs`` changed since the last look-up
                positions.setdefault(doc.id, i)
            self.__dict__["_positions"] = positions
            position = positions.get(doc_id)
        if position is None:
            raise UnknownName(f"no document {doc_id!r}; ids are: {', '.join(self.ids)}")
        return self.docs[position]

    @property
    def ids(self) -> list[str]:
        return [d.id for d in self.docs]

    def by_kind(self, kind: str) -> list[Document]:
        return [d for d in self.docs if d.kind == kind]

    def pair(self) -> tuple[Document, Document]:
        """The two documents the notebooks compare by default: the first
        ``chapter`` and the first ``news`` document, else the first two
        documents (a one-document corpus is compared with itself)."""
        chapter = next(iter(self.by_kind("chapter")), None)
        news = next(iter(self.by_kind("news")), None)
        if chapter is not None and news is not None:
            return chapter, news
        first = self.docs[0]
        second = next((d for d in self.docs if d is not first), first)
        return first, second

    def documents(self) -> pd.DataFrame:
        """One row per document: metadata, counts and the cleaning summary,
        then the catalog's extra columns (in order of first appearance; empty
        text where a document lacks one)."""
        rows = []
        for d in self.docs:
            meta = d.entry.as_dict()
            rows.append(meta | {
                "paragraphs": len(d.paragraphs),
                "sentences": len(d.sentences),
                "tokens": d.n_tokens,
                "words": len(d.words),
                "removed": d.removed_summary(),
            })
        columns = ["id", "file", "title", "kind", "label", "author", "outlet", "published",
                   "paragraphs", "sentences", "tokens", "words", "removed"]
        extra = list(dict.fromkeys(c for d in self.docs for c in d.entry.extra))
        return pd.DataFrame(rows)[columns + extra].fillna({c: "" for c in extra})

    def cleaning_report(self) -> pd.DataFrame:
        """Every document's cleaning report (``doc`` first), then the files that were skipped."""
        frames = [d.cleaning_report().assign(doc=d.id) for d in self.docs]
        skipped = pd.DataFrame([("", "skipped", s.reason, -1, s.file) for s in self.skipped],
                               columns=["doc", "action", "kind", "offset", "text"])
        frame = pd.concat(frames + [skipped], ignore_index=True)
        return frame[["doc", "action", "kind", "offset", "text"]]

    def paragraphs(self) -> pd.DataFrame:
        rows = [(d.id, p.index, p.kind, p.section, p.start, p.end, len(p.sentences),
                 " ".join(s.text for s in p.sentences))
                for d in self.docs for p in d.paragraphs]
        return pd.DataFrame(rows, columns=["doc", "paragraph", "kind", "section", "start", "end", "sentences", "text"])

    def sentences(self) -> pd.DataFrame:
        """One row per sentence, with its position (0-1) in the document."""
        rows = []
        for d in self.docs:
            sents = d.sentences
            for s in sents:
                position = s.index / (len(sents) - 1) if len(sents) > 1 else 0.0
                rows.append((d.id, s.index, s.paragraph, s.section, s.start, s.end,
                             round(position, 6), s.n_tokens, s.text, s.norm))
        return pd.DataFrame(rows, columns=["doc", "sentence", "paragraph", "section", "start", "end",
                                           "position", "n_tokens", "text", "norm"])

    def tokens(self) -> pd.DataFrame:
        """One row per token: its sentence, text, lower case, whether a word, offsets."""
        rows = [(d.id, s.index, i, t.text, t.text.lower(), is_word(t.text), t.start, t.end)
                for d in self.docs for s in d.sentences for i, t in enumerate(s.tokens)]
        return pd.DataFrame(rows, columns=["doc", "sentence", "index", "token", "lower", "is_word", "start", "end"])


LOADER_CODE = ("model.py", "cleaning.py", "tokens.py", "catalog.py", "reading.py", "files.py",
               "../data/abbreviations.txt")


def load_corpus(folder: Path | str | None = None) -> Corpus:
    """Load every article of a seeds folder (default: :func:`analysis.paths.seeds_dir`).

    Parsed documents are cached on disk (:mod:`analysis.cache`), keyed by the
    catalog entry and the file's text, NLTK's version and this loader's code;
    a second load of the same files reuses them. Raises :class:`InputError`
    naming the file and the problem on bad input.
    """
    from .. import cache
    from ..extensions import ask

    if (stored := ask("stored_corpus", folder if folder is not None else seeds_dir())) is not None:
        return stored  # an annotation store (analysis.store): read, never re-parsed
    folder = Path(folder) if folder is not None else seeds_dir()
    texts = [(entry, read_text(entry.file)) for entry in folder_entries(folder)]
    here = Path(__file__).parent
    docs = cache.memoize_many(
        "documents", texts,
        key=lambda item: (repr(item[0]), item[1]),
        compute=lambda todo: [load_document(e, raw) for e, raw in progress(todo, desc="loading", unit="doc")],
        libraries=("nltk",), code=[here / name for name in LOADER_CODE], expect=Document, inputs=[folder])
    return Corpus(folder, docs, article_files(folder)[1])


Docs = Union[Corpus, Document, Iterable[Document]]
"""A corpus, one document or any iterable of documents (re-exported as :data:`analysis.types.Docs`)."""


def as_documents(docs: Docs) -> list[Document]:
    """The documents of ``docs`` as a list (one document becomes a list of one)."""
    return [docs] if isinstance(docs, Document) else list(docs)
