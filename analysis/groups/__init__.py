"""Groups of documents by a catalog column: the comparison spec, per-document measures, group statistics, keyness and trends."""
from .comparison import Comparison, parse_values, value_of, group_columns, compare, to_env, from_env
from .stats import (bootstrap_mean_ci, bootstrap_diff_ci, permutation_p, cliffs_delta, summarise,
    difference, group_summary, group_differences)
from .measures import (frame_measures, device_measures, sentiment_measures, entity_counts,
    entity_measures, entity_groups)
from .keyness import document_frequencies, min_docs, group_keyness, top_dispersed
from .trends import period_of, dated_documents, period_counts

__all__ = ["Comparison", "parse_values", "value_of", "group_columns", "compare", "to_env", "from_env",
    "bootstrap_mean_ci", "bootstrap_diff_ci", "permutation_p", "cliffs_delta", "summarise",
    "difference", "group_summary", "group_differences", "frame_measures", "device_measures",
    "sentiment_measures", "entity_counts", "entity_measures", "entity_groups", "document_frequencies",
    "min_docs", "group_keyness", "top_dispersed", "period_of", "dated_documents", "period_counts"]
