"""The pipeline stages the benchmark times, and the bare-library baselines.

Each stage is a function of a :class:`Workload` (the folder and the loaded
corpus) that runs one step of the package the way the notebooks and the CLI
do. If a module's API changes, only the stage's function here needs
adapting; a stage whose module cannot be imported is reported as
unavailable rather than failing the run.

Every stage clears the package's in-memory result caches first (VADER's
per-text ``score`` cache, the entity cache), so that a timing is the cost of
computing, not of looking up. Model loads happen before timing (see
:func:`warm_up`): the throughput is the steady-state cost per token; the
one-off costs are measured separately as import and load times.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from analysis.corpus.model import Corpus

NER_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]


@dataclass
class Workload:
    """One corpus to time stages on."""

    scale: int
    folder: Path
    corpus: Corpus | None = None
    tokens: int = 0     # word and punctuation tokens of the loaded corpus

    @property
    def norms(self) -> list[str]:
        """Every body sentence's normalised text: what sentiment and NER read."""
        return [s.norm for d in self.corpus for s in d.sentences]

    @property
    def raws(self) -> list[str]:
        return [d.raw for d in self.corpus]


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[[Workload], object]
    what: str


# -- our stages ------------------------------------------------------------------

def load(work: Workload) -> Corpus:
    """Read, clean, segment and tokenise every file of the folder."""
    from analysis import load_corpus

    work.corpus = load_corpus(work.folder)
    work.tokens = sum(d.n_tokens for d in work.corpus)
    return work.corpus


def sentiment(work: Workload):
    """VADER scores of every sentence and the document means: the scoring path,
    like for like with bare ``polarity_scores``. The word-level evidence and
    the whole-text contrast column are extras computed on demand (the
    notebooks ask for both), so they are not part of this stage."""
    from analysis import sentiment as s

    s.score.cache_clear()
    scores = s.sentence_scores(work.corpus, evidence=False)
    return s.document_scores(scores, whole_text=False)


def frames(work: Workload):
    """Every frame scheme: cue matches, sentence scores and document scores."""
    from analysis.framing import cues
    from analysis.framing import frames as f

    cues.clear_cache()  # time the matching, not the per-document memo
    out = []
    for scheme in f.schemes():
        matches = f.find_cues(work.corpus, scheme)
        out.append((f.sentence_scores(matches), f.document_scores(work.corpus, scheme, matches)))
    return out


def devices(work: Workload):
    """Attribution (who says what, via which verb) and quotations."""
    from analysis.framing import devices as d

    return d.attributions(work.corpus), d.quotations(work.corpus)


def entities(work: Workload):
    """Mentions (model + gazetteer) and per-document frequencies."""
    from analysis import entities as e
    from analysis.entities import ner as model

    model._CACHE.clear()
    found = e.mentions(work.corpus)
    return e.frequencies(found, work.corpus)


def keyness(work: Workload):
    """Distinctive words of the first document against all the others."""
    from analysis.framing import keyness as k

    first = work.corpus.docs[0].id
    return k.keyness(work.corpus, first) if len(work.corpus) > 1 else None


STAGES = [
    Stage("load+clean+tokenize", load, "read files, strip boilerplate, normalise, split sentences, tokenise"),
    Stage("sentiment", sentiment, "VADER scores per sentence; document means (evidence on demand)"),
    Stage("frames", frames, "cue matching for every scheme; sentence and document frame scores"),
    Stage("devices", devices, "attributions and quotations"),
    Stage("entities", entities, "spaCy NER + gazetteer per sentence; frequencies"),
    Stage("keyness", keyness, "G² and log-odds of one document against the rest"),
]
NER_STAGE = "entities"


# -- bare-library baselines (same texts, no package code) --------------------------------

def bare_tokenize(work: Workload) -> int:
    """What ``nltk.word_tokenize`` does, called directly on each file's text: Punkt
    sentences (with the same abbreviation list) then the Treebank word tokenizer.
    The file reading is included, as in :func:`load`."""
    from nltk.tokenize import NLTKWordTokenizer
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    from analysis.corpus.tokens import abbreviations

    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    splitter, words = PunktSentenceTokenizer(params), NLTKWordTokenizer()
    n = 0
    for path in sorted(work.folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for sentence in splitter.tokenize(text):
            n += len(words.tokenize(sentence))
    return n


@lru_cache(maxsize=1)
def bare_vader_analyzer():
    """The reference ``SentimentIntensityAnalyzer``, constructed directly."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def bare_vader(work: Workload) -> list[dict]:
    """The reference analyzer's ``polarity_scores`` on each sentence's normalised text."""
    analyzer = bare_vader_analyzer()
    return [analyzer.polarity_scores(t) for t in work.norms]


@lru_cache(maxsize=1)
def bare_nlp():
    """The same model package with only the components NER needs, loaded with spaCy directly."""
    import spacy

    from analysis.entities.ner import MODEL

    return spacy.load(MODEL, exclude=NER_EXCLUDE)


def bare_ner(texts: list[str], n_process: int = 1, batch_size: int = 64) -> int:
    """``nlp.pipe`` over the texts; returns the number of entities (so nothing is optimised away)."""
    return sum(len(doc.ents) for doc in bare_nlp().pipe(texts, batch_size=batch_size, n_process=n_process))


def warm_up() -> None:
    """Load models and lexicons once, untimed, so stage timings are steady-state."""
    from analysis import entities
    from analysis import sentiment
    from analysis.corpus.tokens import sentence_splitter, word_tokenizer

    sentence_splitter(), word_tokenizer()
    sentiment.analyzer()
    entities.pipeline()
    entities.preload_ner()
    bare_vader_analyzer()
    bare_nlp()
    try:
        from analysis.framing import cues, frames

        for scheme in frames.schemes():
            cues.load_lexicon(scheme)
    except ImportError:
        pass
