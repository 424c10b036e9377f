"""The comparison engine behind the widgets: cached per-document results and
HTML views of two documents side by side, without any widget code.

>>> cmp = Comparer(corpus)
>>> left_html, right_html = cmp.views("kwic", "ch49-vostochny", "news-shoigu-2025", Controls(term="treaty"))
>>> left_html, right_html = cmp.explore("ch49-vostochny", "news-shoigu-2025", 12, Controls())

Every expensive step (a lens's ``compute``, sentence annotations, passage
alignments) runs once per document or pair and is kept, so an interaction only
renders HTML.
"""
from __future__ import annotations

from typing import Any, Callable

from . import html as hv
from .alignment import CLOSE_SIMILARITY, Alignment
from ..corpus.model import Corpus, Document
from .lens import Controls, LensContext, SentenceNotes, all_lenses, annotators, get


class Comparer:
    """Precomputed results for the documents of a corpus, and views of pairs."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self._data: dict[tuple[str, str], Any] = {}
        self._alignments: dict[tuple[str, str, str], Alignment] = {}
        self._notes: dict[str, dict[int, SentenceNotes]] = {}
        self._shared: dict[Any, Any] = {}

    # -- defaults ----------------------------------------------------------
    def default_pair(self) -> tuple[str, str]:
        """The ids of :meth:`Corpus.pair`: the first chapter and the first news
        piece if there are both, else the first two documents."""
        left, right = self.corpus.pair()
        return left.id, right.id

    # -- cached computation -------------------------------------------------
    def data(self, lens_name: str, doc_id: str) -> Any:
        """A lens's per-document result (computed on first use)."""
        key = (lens_name, doc_id)
        if key not in self._data:
            item = get(lens_name)
            self._data[key] = item.compute(self, self.corpus[doc_id]) if item.compute else None
        return self._data[key]

    def shared(self, key: Any, make: Callable[[], Any]) -> Any:
        """A corpus-wide or pair-wide result, made once by ``make()``."""
        if key not in self._shared:
            self._shared[key] = make()
        return self._shared[key]

    def alignment(self, left_id: str, right_id: str, unit: str = "sentence") -> Alignment:
        key = (left_id, right_id, unit)
        if key not in self._alignments:
            self._alignments[key] = Alignment.build(self.corpus[left_id], self.corpus[right_id], unit)
        return self._alignments[key]

    def notes(self, doc_id: str) -> dict[int, SentenceNotes]:
        """Marks, score and evidence per sentence from every annotator, merged."""
        if doc_id not in self._notes:
            doc = self.corpus[doc_id]
            merged = {s.index: SentenceNotes() for s in doc.sentences}
            for annotate in annotators():
                for index, note in annotate(self, doc).items():
                    target = merged[index]
                    target.marks += note.marks
                    target.evidence += note.evidence
                    if note.score is not None:
                        target.score = note.score
            self._notes[doc_id] = merged
        return self._notes[doc_id]

    def precompute(self, doc_ids: list[str] | None = None) -> None:
        """Compute every lens and annotation for ``doc_ids`` (default: all)."""
        for doc_id in doc_ids or self.corpus.ids:
            for item in all_lenses():
                self.data(item.name, doc_id)
            self.notes(doc_id)

    # -- views ----------------------------------------------------------------
    def view(self, lens_name: str, doc_id: str, other_id: str, controls: Controls) -> str:
        """One side's HTML for a lens."""
        doc, other = self.corpus[doc_id], self.corpus[other_id]
        return get(lens_name).render(LensContext(self, doc, other, self.data(lens_name, doc_id), controls))

    def views(self, lens_name: str, left_id: str, right_id: str, controls: Controls) -> tuple[str, str]:
        """Left and right HTML for a lens."""
        return (self.view(lens_name, left_id, right_id, controls),
                self.view(lens_name, right_id, left_id, controls))

    def sentence_html(self, doc: Document, index: int, note: str = "", evidence: bool = False) -> str:
        """A sentence with entity marks, sentiment colour and, if asked, the
        evidence lines of every annotator."""
        notes = self.notes(doc.id)[index]
        lines = [note] if note else []
        if evidence:
            lines += notes.evidence
        return hv.sentence_block(doc, doc.sentences[index], notes.marks, notes.score, " · ".join(lines))

    def passage_html(self, doc: Document, unit: str, index: int, note: str = "") -> str:
        """A sentence, or every sentence of a paragraph, rendered as blocks."""
        if unit == "sentence":
            return self.sentence_html(doc, index, note)
        sentences = doc.paragraphs[index].sentences
        head = f'<div style="font-size:11px;color:#333">paragraph {index}{" · " + hv.esc(note) if note else ""}</div>'
        return head + "".join(self.sentence_html(doc, s.index) for s in sentences)

    def explore(self, left_id: str, right_id: str, index: int, controls: Controls) -> tuple[str, str]:
        """The sentence explorer: sentence ``index`` of the left document with
        its evidence, and the most similar passages of the right document."""
        left, right = self.corpus[left_id], self.corpus[right_id]
        index = max(0, min(index, len(left.sentences) - 1))
        unit = controls.unit
        source = index if unit == "sentence" else left.sentences[index].paragraph
        alignment = self.alignment(left_id, right_id, unit)
        matches = alignment.similar(source, top=controls.top_n)
        left_body = self.sentence_html(left, index, evidence=True)
        if unit == "paragraph":
            left_body = (f'<div style="font-size:11px;color:#333">in paragraph {source}; the paragraph is aligned</div>'
                         + left_body)
        left_html = hv.panel(left.label, left_body, f"sentence {index} (sentences are numbered 0–{len(left.sentences) - 1})")
        close = matches[matches["similarity"] >= CLOSE_SIMILARITY]
        if matches.empty:
            body = "<i>no close passage: no passage of this text shares a content word with the selected one</i>"
        elif close.empty:
            body = (f"<i>no close passage: the most similar {unit} reaches a cosine of only "
                    f"{matches['similarity'].iloc[0]:.3f}, below {CLOSE_SIMILARITY:g}</i>")
        else:
            other = "other_" + unit
            body = "".join(self.passage_html(right, unit, int(r[other]),
                                             note=f"similarity {r['similarity']:.3f}; shared: {r['shared_terms']}")
                           for _, r in close.iterrows())
        right_html = hv.panel(right.label, body, f"most similar {unit}s (TF-IDF cosine, shown from "
                                                  f"{CLOSE_SIMILARITY:g})")
        return left_html, right_html
