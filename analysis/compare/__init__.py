"""Comparing two documents: passage alignment, lenses by name, the comparison engine, HTML views and widgets.

``alignment`` pairs similar passages (TF-IDF cosine), ``lens`` defines what a
lens is and keeps the registry of lenses by name (the built-in ones live in
``lenses/``, one module each), ``engine`` caches per-document results
(:class:`Comparer`), ``html`` renders escaped views and ``widgets`` the
ipywidgets app on top.
"""
from .alignment import Alignment, Passage, TfIdf, align, passages, plot_alignment, query_terms
from .html import bars, panel, sentence_block, side_by_side, table
from .lens import (Controls, Lens, all_lenses, register,
                   register_lens)
from .engine import Comparer
from .widgets import CompareApp, latency, snapshot
from .group_data import precompute
from .group_app import GroupApp, group_latency

__all__ = ["Alignment", "Passage", "TfIdf", "align", "passages", "plot_alignment", "query_terms", "bars", "panel", "sentence_block", "side_by_side", "table",
           "Controls", "Lens", "all_lenses", "register",
           "register_lens", "Comparer", "CompareApp", "latency", "snapshot", "precompute", "GroupApp",
           "group_latency"]
