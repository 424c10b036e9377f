"""Named entities: spaCy plus the editable gazetteer, entity tables, validation (figures and prose: :mod:`analysis.views`).

``model`` runs spaCy (cached) and returns mentions, ``resolve`` merges model
spans with gazetteer matches, ``gazetteer`` reads the alias table, ``tables``
counts and compares, ``validation`` checks the pipeline against a hand-checked
sample.
"""
from .gazetteer import Gazetteer, GazetteerEntry, IGNORE, load_gazetteer, merge
from .resolve import Mention
from .ner import (ACTOR_TYPES, actor_types, COLUMNS, MODEL, NAMED_TYPES, PARALLEL_CHARS, preload_ner, mentions, model_entities,
                    pipeline)
from .tables import compare, cooccurrence, cooccurrence_matrix, frequencies, sentence_entities
from .validation import (changes, check_sample, draw_sample, load_checked_sample, load_recall, load_recall_sample,
                         precision, recall, source_summary)

__all__ = ["Gazetteer", "GazetteerEntry", "IGNORE", "load_gazetteer", "merge", "Mention",
           "ACTOR_TYPES", "actor_types", "COLUMNS", "MODEL", "NAMED_TYPES", "PARALLEL_CHARS", "preload_ner", "mentions",
           "model_entities", "pipeline", "compare", "cooccurrence", "cooccurrence_matrix", "frequencies",
           "sentence_entities", "changes", "check_sample", "draw_sample", "load_checked_sample", "load_recall", "load_recall_sample", "recall", "precision",
           "source_summary"]
