"""Groups of documents by a catalog column: the comparison spec, per-document measures,
group statistics, keyness and trends.

>>> cmp = groups.compare(corpus, "mbfc", a="left_bias,left_center_bias", b="right_bias")   # or from_env(corpus)
>>> table = frame_measures(cmp.docs, "generic")          # doc, scheme, frame, measure, value
>>> group_summary(table, cmp); group_differences(table, cmp); trends(table, cmp, "month")
>>> top_dispersed(group_keyness(cmp))
"""
from .comparison import (A_ENV, B_ENV, DEFAULT_BY, GROUP_BY_ENV, Comparison, compare, from_env, in_force)
from .stats import (bootstrap_mean_ci, difference, group_differences, group_summary)
from .measures import (entity_groups,
                       entity_measures, frame_measures, measures, sentiment_measures)
from .keyness import MIN_DOC_SHARE, group_keyness, min_docs, top_dispersed
from .trends import dated_documents, trends

__all__ = ["Comparison", "compare", "in_force", "from_env",
           "GROUP_BY_ENV", "A_ENV", "B_ENV", "DEFAULT_BY",
           "bootstrap_mean_ci",
           "difference", "group_summary", "group_differences",
           "frame_measures", "sentiment_measures", "entity_measures",
           "entity_groups", "measures", "min_docs", "group_keyness", "top_dispersed", "MIN_DOC_SHARE", "dated_documents", "trends"]
