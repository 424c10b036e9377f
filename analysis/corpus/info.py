"""What a corpus is called and how its groups are named: the words pages use about it.

The notebooks and the report speak about the corpus in force, never about
another one. The words come from, in order:

1. a ``corpus.toml`` in the corpus folder::

       title = "Climate change coverage, 2017–2019"
       description = "428 articles from about 40 outlets, one per file."
       topic = "climate change"           # what the texts are about
       unit = "article"                  # what one document is (plural: units = "articles")

       [groups.mbfc]                      # readable names of a catalog column's values
       left_bias = "left"
       left_center_bias = "left-centre"
       right_bias = "right"
       "left_bias,left_center_bias" = "left-leaning"   # a name for several values together

2. for the repository's own ``seeds/`` folder (which is read-only input), the
   seeds' own description shipped in ``analysis/data/seeds-corpus.toml``;
3. otherwise the folder's name, and the group values themselves.

Only the seeds carry the project's narrative (``narrative`` is true for them and
false for every other folder), so that on any other corpus no sentence about the
analytical chapter or the news piece appears.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from ..errors import InputError
from ..paths import SEEDS, data_file

FILE = "corpus.toml"
SEEDS_INFO = "seeds-corpus.toml"
_TEXT_KEYS = ("title", "description", "topic", "unit", "units")


@dataclass(frozen=True)
class CorpusInfo:
    """The corpus's title, description and group names, and whether it is the seeds."""

    title: str
    description: str = ""
    topic: str = ""
    unit: str = "document"
    units: str = "documents"
    groups: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    narrative: bool = False  # the repository's seeds, whose notebooks tell their own story
    source: str = "folder name"  # where the words came from: corpus.toml, seeds, folder name

    def value_name(self, column: str, value: str) -> str:
        """The readable name of one value of a catalog column (the value itself if unnamed)."""
        return self.groups.get(column, {}).get(str(value), str(value))

    def group_name(self, column: str, values: Iterable[str]) -> str:
        """The readable name of a group made of one or several values of ``column``."""
        values = [str(v) for v in values]
        named = self.groups.get(column, {})
        joined = ",".join(values)
        if joined in named:
            return named[joined]
        return " + ".join(self.value_name(column, v) for v in values)

    def count(self, n: int) -> str:
        """``n`` with the corpus's unit: "1 article", "253 articles"."""
        return f"{n:,} {self.unit if n == 1 else self.units}"


def _is_seeds(folder: Path) -> bool:
    try:
        return folder.resolve() == SEEDS.resolve()
    except OSError:
        return False


def _parse(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(path, f"not valid TOML ({exc})") from None
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None


def _checked(path: Path, data: dict) -> dict:
    """The settings of a corpus.toml, each of the type it must have."""
    unknown = sorted(set(data) - set(_TEXT_KEYS) - {"groups"})
    if unknown:
        raise InputError(path, f"unknown setting {unknown[0]!r} (known: {', '.join(_TEXT_KEYS)}, groups)")
    for key in _TEXT_KEYS:
        if key in data and not isinstance(data[key], str):
            raise InputError(path, f"{key!r} must be a text in quotes")
    groups = data.get("groups", {})
    if not isinstance(groups, dict):
        raise InputError(path, "'groups' must be a table of [groups.COLUMN] sections")
    for column, names in groups.items():
        if not isinstance(names, dict) or not all(isinstance(v, str) for v in names.values()):
            raise InputError(path, f"[groups.{column}] must map values to names in quotes")
    return data


def _from_settings(data: dict, fallback_title: str, narrative: bool, source: str) -> CorpusInfo:
    unit = data.get("unit", "document").strip() or "document"
    return CorpusInfo(
        title=data.get("title", "").strip() or fallback_title,
        description=data.get("description", "").strip(),
        topic=data.get("topic", "").strip(),
        unit=unit,
        units=data.get("units", "").strip() or f"{unit}s",
        groups={str(c): {str(k): v for k, v in names.items()} for c, names in data.get("groups", {}).items()},
        narrative=narrative,
        source=source,
    )


def corpus_info(folder: Path | str) -> CorpusInfo:
    """The :class:`CorpusInfo` of a corpus folder (see the module docstring for the order);
    of an annotation store, that of the folder it was annotated from."""
    from ..extensions import ask

    if (stored := ask("corpus_info", folder)) is not None:
        return stored
    folder = Path(folder)
    own = folder / FILE
    if own.is_file():
        return _from_settings(_checked(own, _parse(own)), folder.name, narrative=False, source=FILE)
    if _is_seeds(folder):
        shipped = data_file(SEEDS_INFO)
        return _from_settings(_checked(shipped, _parse(shipped)), folder.name, narrative=True, source="seeds")
    return CorpusInfo(title=folder.resolve().name or str(folder))
