"""russia-dprk-framing: helpers for the notebooks on how texts frame Russia–North Korea relations.

Start with::

    import analysis
    analysis.setup()
    corpus = analysis.load_corpus()
"""
from .corpus.model import Corpus, Document, Sentence, load_corpus
from .display import save_figure, setup
from .errors import InputError
from . import paths

__version__ = "0.1.0"
__all__ = ["Corpus", "Document", "Sentence", "InputError", "load_corpus", "paths", "save_figure", "setup"]
