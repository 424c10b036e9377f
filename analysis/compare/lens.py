"""Lenses: ways of looking at one document next to another, registered by name.

A :class:`Lens` turns a document (and the controls in force) into an HTML
view. Its ``compute(comparer, doc)`` step runs once per document and is cached
by :class:`analysis.compare.Comparer` (corpus-wide or pair-wide results go
through ``comparer.shared``); its ``render(ctx)`` step is cheap and runs on
every interaction.

Lenses live in a registry keyed by name. The built-in ones (one module each in
:mod:`analysis.compare.lenses`, imported on first use, in :data:`BUILTIN`
order) register themselves with the :func:`register_lens` decorator; a notebook
adds its own with :func:`register`. :func:`get` looks a lens up by name and
:func:`all_lenses` lists them in display order.

Sentence annotators (:func:`annotator`) add highlights, a sentiment score and
the evidence behind scores to single sentences in the sentence explorer.

This module knows nothing of the comparison engine: a lens sees it through
:class:`ComparerLike`, the few methods it may call.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from ..corpus.model import Corpus, Document
from ..errors import UnknownName
from . import html as hv

MAX_TOP = 20  # the largest top-N the controls offer
BUILTIN = ("passages", "kwic", "vocabulary", "frames", "sentiment", "entities")
"""The built-in lenses, in display order (modules of :mod:`analysis.compare.lenses`)."""
ANNOTATION_ORDER = ("entities", "sentiment", "frames")
"""The order annotators' notes are merged in (a later score wins)."""


class ComparerLike(Protocol):
    """What a lens may ask of the engine (:class:`analysis.compare.Comparer`)."""

    corpus: Corpus

    def data(self, lens_name: str, doc_id: str) -> Any: ...
    def shared(self, key: Any, make: Callable[[], Any]) -> Any: ...
    def alignment(self, left_id: str, right_id: str, unit: str = "sentence") -> Any: ...
    def notes(self, doc_id: str) -> dict[int, SentenceNotes]: ...
    def sentence_html(self, doc: Document, index: int, note: str = "", evidence: bool = False) -> str: ...
    def passage_html(self, doc: Document, unit: str, index: int, note: str = "") -> str: ...


@dataclass(frozen=True)
class Controls:
    """The settings shared by every lens; each lens reads the ones it ``uses``."""

    top_n: int = 8
    term: str = "sanctions"
    scheme: str = ""
    unit: str = "sentence"
    width: int = 45


@dataclass
class LensContext:
    """What a lens's ``render`` receives: the document shown, the document it
    is compared with, the per-document precomputed data and the controls."""

    comparer: ComparerLike
    doc: Document
    other: Document
    data: Any
    controls: Controls


@dataclass(frozen=True)
class Lens:
    """A named view: ``render(ctx)`` returns HTML for one side (every article
    string through :mod:`analysis.compare.html`), ``compute(comparer, doc)`` the
    cached per-document data it needs, ``uses`` the controls it reads, and
    ``schemes()`` the choices for the scheme control, if any."""

    name: str
    label: str
    description: str
    render: Callable[[LensContext], str]
    compute: Callable[[ComparerLike, Document], Any] | None = None
    uses: tuple[str, ...] = ()
    schemes: Callable[[], list[str]] | None = None


@dataclass
class SentenceNotes:
    """What an annotator says about one sentence."""

    marks: list[hv.Mark] = field(default_factory=list)
    score: float | None = None
    evidence: list[str] = field(default_factory=list)


Annotator = Callable[[ComparerLike, Document], dict[int, SentenceNotes]]

_LENSES: dict[str, Lens] = {}
_ANNOTATORS: dict[str, Annotator] = {}
_loaded = False


def _load_builtins() -> None:
    """Import the built-in lens modules once; each registers itself."""
    global _loaded
    if not _loaded:
        _loaded = True
        for name in BUILTIN:
            importlib.import_module(f"{__package__}.lenses.{name}")


def register(lens: Lens) -> Lens:
    """Add a lens, or replace the one with the same name (keeping its place); returns it."""
    _load_builtins()
    _LENSES[lens.name] = lens
    return lens


def register_lens(name: str, label: str, description: str, *, compute: Callable | None = None,
                  uses: tuple[str, ...] = (), schemes: Callable[[], list[str]] | None = None):
    """Decorator: register the decorated ``render(ctx)`` function as the lens ``name``."""
    def wrap(render: Callable[[LensContext], str]) -> Callable[[LensContext], str]:
        _LENSES[name] = Lens(name, label, description, render, compute, uses, schemes)
        return render

    return wrap


def annotator(name: str):
    """Decorator: register a sentence annotator under ``name`` (merged in :data:`ANNOTATION_ORDER`)."""
    def wrap(annotate: Annotator) -> Annotator:
        _ANNOTATORS[name] = annotate
        return annotate

    return wrap


def get(name: str) -> Lens:
    """The lens registered as ``name``; :class:`~analysis.errors.UnknownName` if there is none."""
    _load_builtins()
    if name not in _LENSES:
        raise UnknownName(f"no lens {name!r}; lenses are: {', '.join(_LENSES)}")
    return _LENSES[name]


def all_lenses() -> list[Lens]:
    """Every registered lens, built-in ones first in :data:`BUILTIN` order."""
    _load_builtins()
    return list(_LENSES.values())


def names() -> list[str]:
    """The names of :func:`all_lenses`, in display order."""
    return [item.name for item in all_lenses()]


def annotators() -> list[Annotator]:
    """Every sentence annotator, in :data:`ANNOTATION_ORDER` and then registration order."""
    _load_builtins()
    ranked = sorted(_ANNOTATORS, key=lambda n: ANNOTATION_ORDER.index(n) if n in ANNOTATION_ORDER
                    else len(ANNOTATION_ORDER))
    return [_ANNOTATORS[n] for n in ranked]
