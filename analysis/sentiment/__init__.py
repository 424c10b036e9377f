"""Sentiment: VADER sentence scores with word-level evidence, aggregates, caveats (figures and prose: :mod:`analysis.views`).

``_vader`` holds the traced reference analyzer, ``evidence`` the per-token
valences behind a score, ``scores`` the tables (sentence, paragraph, document,
arcs, entities), ``caveats`` what VADER misreads, ``agreement`` how VADER agrees with human
polarity judgements (NewsMTSC).
"""
from ._vader import SENTIMENTS, THRESHOLD, analyzer, compound, lexicon, polarity, vader_scores
from .evidence import score
from .scores import (EXPLAIN_COLUMNS, SENTENCE_COLUMNS, aggregate, arcs, document_scores,
                     entity_sentiment, paragraph_scores, sentence_scores, top_sentences,
                     word_evidence)
from .caveats import ablate, coverage, misreadings, watch_provenance, watchlist
from .agreement import load_newsmtsc_agreement

__all__ = ["SENTIMENTS", "THRESHOLD", "analyzer", "compound", "lexicon", "polarity", "vader_scores", "score", "EXPLAIN_COLUMNS", "SENTENCE_COLUMNS", "aggregate", "arcs", "document_scores",
           "entity_sentiment", "paragraph_scores", "sentence_scores", "top_sentences",
           "word_evidence", "coverage", "misreadings", "watchlist", "watch_provenance", "ablate", "load_newsmtsc_agreement"]
