"""Actors: the sentiment toward a named target and the role an actor is cast in.

``target`` classifies the polarity a sentence expresses toward one span
(:func:`predict_sentiment`, a JSON-shipped linear model trained on NewsMTSC);
``parse`` loads spaCy with its dependency parser once.
"""
from .target import COLUMNS, load_sentiment_model, predict_sentiment

__all__ = ["COLUMNS", "load_sentiment_model", "predict_sentiment"]
