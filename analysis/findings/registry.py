"""One registry of findings per corpus and comparison: every page states a finding from here.

:func:`registry` returns the :class:`Registry` of a comparison, computed once
per process (per notebook kernel, per build) and kept in memory keyed by the
compared documents' ids and texts, the sides' names and the seed-lexicon
switch. Each finding is computed the first time a page asks for it and the
same :class:`~analysis.findings.model.Finding` is returned after that, with a
stable id (``<tag>`` names the comparison, :attr:`Registry.tag`):

========================================  ======================================================
``frames.leading.<scheme>.<doc>``         the leading frame of one document (:func:`leading_frame_finding`)
``stance.<doc>``                          certainty against hedging in the writer's own words
``sentiment.arc.<doc>``                   where the tone of one document runs lowest
``entities.pairs.<doc>``                  the actor pair named together most in one document
``<tag>/frames.contrast.<scheme>.a``      the frame side A uses most relative to B (``.b``: B against A)
``<tag>/keyness.a`` / ``.b``              words distinctive of a side
``<tag>/subtopic.<query>``                whether a sub-topic is discussed in both texts
``<tag>/sentiment.tone``                  sentence tone, side A against side B
========================================  ======================================================

The views render these (:func:`~analysis.findings.model.statement`,
:func:`~analysis.findings.model.bullet`); they never recompute a claim.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable

from ..groups.comparison import Comparison
from .model import Finding
from .sides import swap

_CACHE: dict[tuple, "Registry"] = {}


@dataclass
class Registry:
    """The findings of one comparison, each computed once and kept under its id."""

    comparison: Comparison
    found: dict[str, Finding] = field(default_factory=dict)

    @property
    def tag(self) -> str:
        """The comparison in a side finding's id: ``a.vs.b`` (document ids, or the grouping's values)."""
        cmp = self.comparison
        if len(cmp.ids_a) == len(cmp.ids_b) == 1:
            return f"{cmp.ids_a[0]}.vs.{cmp.ids_b[0]}"
        clean = lambda values: "+".join(values).replace(" ", "_")  # noqa: E731
        return f"{cmp.by}={clean(cmp.a)}.vs.{clean(cmp.b)}"

    def _get(self, key: str, compute: Callable[[], Finding], fid: str | None = None) -> Finding:
        """The finding stored under ``key`` (computed on first use), with the id ``fid`` (default: ``key``)."""
        if key not in self.found:
            self.found[key] = replace(compute(), id=fid or key)
        return self.found[key]

    def leading(self, doc, scheme: str = "generic") -> Finding:
        """The leading ``scheme`` frame of one compared document (a :class:`Document` or its id)."""
        return self._document(doc, "leading", scheme)

    def contrast(self, scheme: str, side: str = "a") -> Finding:
        """The ``scheme`` frame side ``side`` uses most relative to the other side (all voices)."""
        from .frames import contrast_finding

        cmp = self.comparison if side == "a" else swap(self.comparison)
        return self._get(f"{self.tag}/frames.contrast.{scheme}.{side}", lambda: contrast_finding(None, cmp, scheme=scheme))

    def arc(self, doc) -> Finding:
        """Where the tone of one compared document runs lowest."""
        return self._document(doc, "arc")

    def stance(self, doc) -> Finding:
        """Certainty against hedging in the writer's own words of one compared document."""
        return self._document(doc, "stance")

    def _document(self, doc, kind: str, scheme: str = "generic") -> Finding:
        found = document_finding(self._doc(doc), kind, scheme)
        self.found.setdefault(found.id, found)
        return found

    def pairs(self, doc, table) -> Finding:
        """The actor pair(s) named together most in one compared document, from the per-document
        co-occurrence ``table`` (the entity model's output; stored per table content, one id per document)."""
        from .entities import pair_finding

        from ..cache import content_hash

        doc = self._doc(doc)
        rows = table[table["doc"] == doc.id]
        fid = f"entities.pairs.{doc.id}"
        return self._get(f"{fid}#{content_hash(rows.to_csv(index=False))}", lambda: pair_finding(table, doc), fid)

    def distinctive(self, side: str) -> Finding:
        """Words distinctive of side ``side`` ("a" or "b")."""
        from .keyness import distinctive_words_finding

        return self._get(f"{self.tag}/keyness.{side}", lambda: distinctive_words_finding(None, self.comparison, side=side))

    def subtopic(self, query: str) -> Finding:
        """Whether ``query`` is discussed in both documents (one document per side)."""
        from .topics import subtopic_finding

        docs = {d.id: d for d in self.comparison.docs}
        return self._get(f"{self.tag}/subtopic.{query.replace(' ', '-')}", lambda: subtopic_finding(
            docs, self.comparison.ids_a[0], self.comparison.ids_b[0], query))

    def tone(self) -> Finding:
        """Sentence tone of side A against side B (the writers' own sentences, all beside)."""
        from .sentiment import tone_finding

        return self._get(f"{self.tag}/sentiment.tone", lambda: tone_finding(None, self.comparison))

    def _doc(self, doc):
        if isinstance(doc, str):
            return next(d for d in self.comparison.docs if d.id == doc)
        return doc


_DOCUMENTS: dict[tuple, Finding] = {}
_DOCUMENT_IDS = {"leading": "frames.leading.{scheme}.{doc}", "stance": "stance.{doc}", "arc": "sentiment.arc.{doc}"}


def document_finding(doc, kind: str, scheme: str = "generic") -> Finding:
    """A finding about one document (``kind``: ``leading`` frame of ``scheme``, ``stance``, ``arc``), computed
    once per process whatever comparison or page asks for it (keyed by the document's id, label and text)."""
    from ..cache import content_hash
    from ..paths import seed_lexicons

    key = (kind, scheme, doc.id, doc.label, content_hash(doc.raw), bool(seed_lexicons()))
    if key not in _DOCUMENTS:
        if kind == "leading":
            from .frames import leading_frame_finding as compute
            finding = compute(doc, scheme)
        elif kind == "stance":
            from .stance import stance_finding
            finding = stance_finding(doc)
        elif kind == "arc":
            from .arcs import arc_finding
            finding = arc_finding(doc)
        else:
            raise ValueError(f"no document finding of kind {kind!r}")
        _DOCUMENTS[key] = replace(finding, id=_DOCUMENT_IDS[kind].format(scheme=scheme, doc=doc.id))
    return _DOCUMENTS[key]


def _key(cmp: Comparison) -> tuple:
    from ..cache import content_hash
    from ..paths import seed_lexicons

    names = () if len(cmp.ids_a) == len(cmp.ids_b) == 1 else (cmp.name_a, cmp.name_b)
    return (cmp.ids_a, cmp.ids_b, names, tuple(d.label for d in cmp.docs), bool(seed_lexicons()),
            content_hash(*[d.raw for d in cmp.docs_a], "|", *[d.raw for d in cmp.docs_b]))


def registry(comparison: Comparison) -> Registry:
    """The :class:`Registry` of ``comparison``: one per compared documents and names, kept for the process."""
    key = _key(comparison)
    if key not in _CACHE:
        _CACHE[key] = Registry(comparison)
    return _CACHE[key]


def clear() -> None:
    """Forget every registry and document finding (tests that change the settings in force)."""
    _CACHE.clear()
    _DOCUMENTS.clear()
