"""Actors: the sentiment toward a named target and the role an actor is cast in.

``target`` classifies the polarity a sentence expresses toward one span
(:func:`predict_sentiment`, a JSON-shipped linear model trained on NewsMTSC);
``mentions`` applies it to every mention of a named actor in a corpus;
``items`` reads a targets file; ``parse`` loads spaCy with its dependency parser once.
"""
from .target import COLUMNS, load_sentiment_model, predict_sentiment
from .mentions import actor_documents, actor_measures, actor_mentions

__all__ = ["COLUMNS", "load_sentiment_model", "predict_sentiment", "actor_mentions", "actor_documents", "actor_measures"]
