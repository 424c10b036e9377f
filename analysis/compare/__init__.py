"""Comparing two documents: passage alignment, the lenses, the comparison engine, HTML views and widgets."""
from .alignment import (content, terms, query_terms, Passage, surface_forms, passages, TfIdf,
    Alignment, align, plot_alignment)
from .html import esc, Mark, tone_style, marked_text, sentence_block, table, bars, panel, side_by_side
from .lens import Controls, LensContext, Lens, SentenceNotes, Annotator, register
from .engine import Comparer
from .widgets import CompareApp, latency, in_voila, snapshot

__all__ = ["content", "terms", "query_terms", "Passage", "surface_forms", "passages", "TfIdf",
    "Alignment", "align", "plot_alignment", "esc", "Mark", "tone_style", "marked_text",
    "sentence_block", "table", "bars", "panel", "side_by_side", "Controls", "LensContext", "Lens",
    "SentenceNotes", "Annotator", "register", "Comparer", "CompareApp", "latency", "in_voila",
    "snapshot"]
