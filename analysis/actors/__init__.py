"""Actors: the sentiment toward a named target and the role an actor is cast in.

``target`` classifies the polarity a sentence expresses toward one span
(:func:`predict_sentiment`, a JSON-shipped linear model trained on NewsMTSC);
``mentions`` applies it to every mention of a named actor in a corpus;
``roles`` casts each actor of a document as hero, villain or victim (:func:`predict_roles`,
:func:`role_table`; features and the locator of coders' wording in ``role_features``);
``actor_pass`` parses each sentence naming an actor once for both, in a corpus; ``role_model`` is the
role model; ``items`` reads a targets file; ``parse`` loads spaCy with its dependency parser once.
"""
from .target import COLUMNS, load_sentiment_model, predict_sentiment
from .mentions import actor_documents, actor_measures, actor_mentions
from .roles import ROLES, predict_roles, role_measures, role_table

__all__ = ["COLUMNS", "load_sentiment_model", "predict_sentiment", "actor_mentions", "actor_documents", "actor_measures",
           "ROLES", "predict_roles", "role_measures", "role_table"]
