"""Actors: the sentiment toward each named actor and the role each is cast in."""
