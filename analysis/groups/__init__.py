"""Groups of documents by a catalog column: the comparison spec, per-document measures,
group statistics, keyness and trends.

>>> cmp = groups.compare(corpus, "mbfc", a="left_bias,left_center_bias", b="right_bias")   # or from_env(corpus)
>>> table = frame_measures(cmp.docs, "generic")          # doc, scheme, frame, measure, value
>>> group_summary(table, cmp); group_differences(table, cmp); trends(table, cmp, "month")
>>> top_dispersed(group_keyness(cmp))
"""
from .comparison import (A_ENV, B_ENV, DEFAULT_BY, GROUP_BY_ENV, Comparison, compare, from_env, group_columns, in_force,
                         parse_values, to_env, value_of)
from .stats import (DIFFERENCE_COLUMNS, EFFECT_SIZE, ONE_DOCUMENT, SUMMARY_COLUMNS, bootstrap_diff_ci,
                    bootstrap_mean_ci, cliffs_delta, difference, group_differences, group_summary, permutation_p,
                    summarise)
from .measures import (ENTITY_GROUP_COLUMNS, MEASURE_KINDS, device_measures, entity_counts, entity_groups,
                       entity_measures, frame_measures, measures, sentiment_measures)
from .keyness import MIN_DOC_SHARE, Z_KEY, document_frequencies, group_keyness, min_docs, top_dispersed
from .trends import FREQUENCIES, dated_documents, period_counts, period_of, trends

__all__ = ["Comparison", "parse_values", "value_of", "group_columns", "compare", "in_force", "to_env", "from_env",
           "GROUP_BY_ENV", "A_ENV", "B_ENV", "DEFAULT_BY",
           "bootstrap_mean_ci", "bootstrap_diff_ci", "permutation_p", "cliffs_delta", "summarise",
           "difference", "group_summary", "group_differences", "ONE_DOCUMENT", "EFFECT_SIZE",
           "SUMMARY_COLUMNS", "DIFFERENCE_COLUMNS",
           "frame_measures", "device_measures", "sentiment_measures", "entity_counts", "entity_measures",
           "entity_groups", "measures", "MEASURE_KINDS", "ENTITY_GROUP_COLUMNS",
           "document_frequencies", "min_docs", "group_keyness", "top_dispersed", "MIN_DOC_SHARE", "Z_KEY",
           "period_of", "dated_documents", "period_counts", "trends", "FREQUENCIES"]
