"""Every switch the library reads from the environment, its shared thresholds and the seed.

Environment variables (all optional):

``RDF_SEEDS``
    folder of ``.txt`` articles to analyse (default: the repository's ``seeds/``; set but
    empty is refused, like an empty ``--seeds``);
``RDF_FIGURES``
    folder figures are written to (default: the repository's ``figures/``);
``RDF_CACHE_DIR``, ``RDF_CACHE``, ``RDF_CACHE_KEY``
    where the disk cache lives (default ``.cache/analysis/``); ``RDF_CACHE=0`` turns it off;
    the file holding the key that signs its entries (default
    ``$XDG_CONFIG_HOME/russia-dprk-framing/cache.key``, see :mod:`analysis.cache`);
``RDF_PROGRESS``
    ``0`` hides progress bars everywhere, ``1`` shows them whatever the size of the work;
``RDF_GROUP_BY``, ``RDF_A``, ``RDF_B``
    the two groups of documents notebooks and the report compare (:mod:`analysis.groups`);
``RDF_NORP_ACTORS``
    ``1`` counts nationality and group adjectives (spaCy's NORP: "Russian", "Soviet")
    as actors in co-occurrence, entity shares and entity sentiment; off by default, since
    "the Russian president" names Putin, not an actor "Russian" (:func:`actor_types`);
``RDF_SEED_LEXICONS``
    ``1`` reports the cue lists written on the seeds (the metaphor fields; provenance in
    ``analysis/framing/lexicons/provenance.csv``) on a corpus other than the repository's
    ``seeds/``, ``0`` hides them on the seeds too; unset: on for ``seeds/`` only, since they
    restate the seed texts and are not validated elsewhere (:func:`analysis.paths.seed_lexicons`).

The report command sets ``RDF_SEEDS`` and ``RDF_FIGURES`` for the notebook kernels, so
that the same notebooks run on any corpus. Switches are read when used, never cached,
so a notebook or a test can change them between calls. A folder variable may start with
``~`` or ``~user`` (expanded; an unknown user is an :class:`~analysis.errors.InputError`).
"""
from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError

SEEDS_ENV = "RDF_SEEDS"
FIGURES_ENV = "RDF_FIGURES"
CACHE_DIR_ENV = "RDF_CACHE_DIR"
CACHE_ENV = "RDF_CACHE"
CACHE_KEY_ENV = "RDF_CACHE_KEY"
PROGRESS_ENV = "RDF_PROGRESS"
GROUP_BY_ENV, A_ENV, B_ENV = "RDF_GROUP_BY", "RDF_A", "RDF_B"
NORP_ACTORS_ENV = "RDF_NORP_ACTORS"
SEED_LEXICONS_ENV = "RDF_SEED_LEXICONS"

ACTOR_TYPES = ("PERSON", "ORG", "GPE")
"""Entity types that count as actors by default; NORP joins them only on request (:func:`actor_types`)."""

SEED = 20230913
"""The one random seed (the day of the Vostochny summit): plots, permutation tests, samples."""

NEUTRAL_BAND = 0.05
"""VADER's label threshold: compound >= 0.05 is positive, <= -0.05 negative, neutral between."""

_OFF = frozenset({"0", "false", "no", "off"})
_ON = frozenset({"1", "true", "yes", "on"})


def switch(name: str) -> bool | None:
    """An on/off variable: False for ``0/false/no/off``, True for ``1/true/yes/on``
    (any case, spaces ignored), None when unset or anything else."""
    value = os.environ.get(name, "").strip().lower()
    if value in _OFF:
        return False
    if value in _ON:
        return True
    return None


def expand_home(path: Path | str, what: str | None = None) -> Path:
    """``path`` with a leading ``~`` or ``~user`` replaced by that home folder.

    Raises :class:`InputError` (one line, naming ``what`` or the path) when the user does
    not exist or the home folder is unknown, instead of pathlib's ``RuntimeError``.
    """
    text = os.fspath(path)
    if not text.startswith("~"):
        return Path(path)
    expanded = os.path.expanduser(text)
    if expanded.startswith("~"):
        user = text[1:].split(os.sep, 1)[0].split("/", 1)[0]
        whose = f"of user {user!r}, who does not exist here" if user else "of the current user, which is not known"
        where = f"{what} ({text})" if what else text
        raise InputError(where, f"names the home folder {whose}; give the folder's full path")
    return Path(expanded)


def folder(name: str, empty_ok: bool = True) -> Path | None:
    """A folder variable, ``~`` expanded and made absolute; None when unset (or empty, when
    ``empty_ok``; otherwise an empty value is an :class:`InputError`, as an empty option is)."""
    value = os.environ.get(name)
    if value is not None and not value.strip() and not empty_ok:
        raise InputError(name, "is set but empty; give a folder, or unset it to use the default")
    if not value:
        return None
    if "://" in value:  # a store URL (RDF_SEEDS=s3://...): checked where it is read, never resolved as a path
        return Path(value)
    try:
        return expand_home(value, name).resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise InputError(f"{name} ({value})", f"cannot be resolved ({exc.__class__.__name__})") from None


def actor_types(norp: bool | None = None) -> tuple[str, ...]:
    """The entity types counted as actors: :data:`ACTOR_TYPES`, plus ``NORP`` when
    ``norp`` is true or, with ``norp=None``, when ``RDF_NORP_ACTORS`` is on."""
    if norp is None:
        norp = bool(switch(NORP_ACTORS_ENV))
    return ACTOR_TYPES + ("NORP",) if norp else ACTOR_TYPES
