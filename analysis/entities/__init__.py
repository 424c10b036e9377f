"""Named entities: spaCy plus the editable gazetteer, entity tables, validation and plots."""
from .model import (MODEL, NAMED_TYPES, ACTOR_TYPES, COLUMNS, PARALLEL_CHARS, Mention, pipeline,
    load_model, mentions, Results, frequencies, compare, cooccurrence, cooccurrence_matrix,
    sentence_entities, model_entities, changes, source_summary, draw_sample, check_sample,
    precision, load_checked_sample)
from .gazetteer import (FILE_NAME, IGNORE, TYPES, REQUIRED, GazetteerEntry, Gazetteer, read_entries,
    merge, load_gazetteer)
from .plots import plot_comparison, plot_cooccurrence

__all__ = ["MODEL", "NAMED_TYPES", "ACTOR_TYPES", "COLUMNS", "PARALLEL_CHARS", "Mention", "pipeline",
    "load_model", "mentions", "Results", "frequencies", "compare", "cooccurrence",
    "cooccurrence_matrix", "sentence_entities", "model_entities", "changes", "source_summary",
    "draw_sample", "check_sample", "precision", "load_checked_sample", "FILE_NAME", "IGNORE", "TYPES",
    "REQUIRED", "GazetteerEntry", "Gazetteer", "read_entries", "merge", "load_gazetteer",
    "plot_comparison", "plot_cooccurrence"]
