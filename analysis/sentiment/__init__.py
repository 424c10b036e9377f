"""Sentiment: VADER sentence scores with word-level evidence, aggregates, caveats and plots."""
from .scores import (THRESHOLD, SENTIMENTS, SENTENCE_COLUMNS, EXPLAIN_COLUMNS, EVIDENCE_COLUMNS,
    polarity, analyzer, lexicon, vader_scores, compound, WordScore, SentenceSentiment, score,
    sentence_scores, word_evidence, paragraph_scores, document_scores, arcs, top_sentences,
    mean_difference_test, entity_sentiment, coverage, watchlist, misreadings, plot_arcs,
    plot_distributions, plot_entity_sentiment)

__all__ = ["THRESHOLD", "SENTIMENTS", "SENTENCE_COLUMNS", "EXPLAIN_COLUMNS", "EVIDENCE_COLUMNS",
    "polarity", "analyzer", "lexicon", "vader_scores", "compound", "WordScore", "SentenceSentiment",
    "score", "sentence_scores", "word_evidence", "paragraph_scores", "document_scores", "arcs",
    "top_sentences", "mean_difference_test", "entity_sentiment", "coverage", "watchlist", "misreadings",
    "plot_arcs", "plot_distributions", "plot_entity_sentiment"]
