"""Notebook prose that depends on the corpus in force: the seeds' story, or a general wording.

The notebooks tell the story of the repository's two seed texts (the analytical chapter and the
news piece). Where a paragraph speaks about them, the notebook shows it with a code cell::

    Markdown(passages.text("01-framing", "negation", corpus))

and this module picks the wording: on the seeds (:attr:`analysis.corpus.info.CorpusInfo.narrative`)
the seeds' text, on any other corpus the general one, with placeholders filled from its
``corpus.toml`` (``{title}``, ``{description}``, ``{topic}``, ``{unit}``, ``{units}``, and ``{n}``,
the number of documents), each value escaped for Markdown. The two wordings of every passage sit
side by side in ``analysis/views/passages/NN-name.toml``::

    [negation]
    seeds = \"\"\"The chapter argues by denial: ...\"\"\"
    other = \"\"\"A cue preceded by a negator ...\"\"\"

An empty ``other`` shows nothing on another corpus. :func:`cell_passage` recognises such a cell, so that
the report shows its output as prose and the student version as a markdown cell.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "passages"

__all__ = ["text", "keys", "fields", "cell_passage", "FOLDER"]

_CELL = re.compile(r'^(?:from IPython\.display import Markdown\nfrom analysis\.views import passages\n\n)?'
                   r'Markdown\(passages\.text\("([\w-]+)", "([\w-]+)"(?:, corpus)?\)\)\s*$')


@lru_cache(maxsize=None)
def _passages(notebook: str) -> dict[str, dict[str, str]]:
    path = FOLDER / f"{notebook}.toml"
    if not path.is_file():
        raise KeyError(f"no passages for notebook {notebook!r} ({path.name} missing)")
    with path.open("rb") as handle:
        return tomllib.load(handle)


def keys(notebook: str) -> list[str]:
    """The passage keys of one notebook, in file order."""
    return list(_passages(notebook))


def fields(info, n_docs: int) -> dict[str, str]:
    """The placeholder values for a corpus (:class:`analysis.corpus.info.CorpusInfo`), escaped for Markdown."""
    from ..escape import md_text

    return {
        "title": md_text(info.title), "description": md_text(info.description),
        "topic": md_text(info.topic or "their subject"), "unit": md_text(info.unit),
        "units": md_text(info.units), "n": f"{n_docs:,}",
    }


def text(notebook: str, key: str, corpus=None) -> str:
    """The Markdown of passage ``key`` of ``notebook`` ("01-framing") for ``corpus`` (default: the
    corpus in force, :func:`analysis.load_corpus`): the seeds' wording on the seeds, else the general one."""
    from ..corpus.info import corpus_info
    from ..corpus.model import load_corpus

    entry = _passages(notebook)[key]
    if corpus is None:
        corpus = load_corpus()
    info = corpus_info(corpus.folder)
    if info.narrative:
        return entry["seeds"].strip()
    return entry.get("other", "").format_map(fields(info, len(corpus))).strip()


def cell_passage(source: str) -> tuple[str, str] | None:
    """``(notebook, key)`` if a code cell's ``source`` does nothing but show a passage, else None."""
    match = _CELL.match(source)
    return (match.group(1), match.group(2)) if match else None
