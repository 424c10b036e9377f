"""How a report build runs: progress lines, the shared entity step, the group spec for the kernels.

**Progress.** A build on hundreds of articles takes minutes, so it says what it
is doing, one line on stderr per event::

    report: 5 notebooks on 253 documents, 2 at a time
    report: entities for 253 documents done in 41.2 s; every notebook reads them from the cache
    report: 00-corpus-tour started (0:41 elapsed; 4 waiting)
    report: 00-corpus-tour done in 12.3 s (0:53 elapsed; 1 running, 3 waiting: 02, 03, 04)

**Entities once per build.** Several notebooks need the named entities. Run in
separate kernels, each would run the NER model over the whole corpus. The build
runs it once, before the kernels start, into the disk cache
(:mod:`analysis.cache`) that every kernel reads. With the cache turned off
(``RDF_CACHE=0``) the build uses a private cache folder for that build only (a
temporary folder, removed when the process ends: the cache never lies inside the
repository or the output), so the model still runs once.

**Groups.** ``report --group-by C --a V --b V`` reaches every kernel as the
environment variables ``RDF_GROUP_BY``, ``RDF_A`` and ``RDF_B``.
"""
from __future__ import annotations

import os
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .. import cache

GROUP_BY_ENV, A_ENV, B_ENV = "RDF_GROUP_BY", "RDF_A", "RDF_B"
ENTITY_MARKERS = ("entities", "preload_ner(")  # a notebook whose code says these uses the NER step


def elapsed(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a duration in seconds."""
    seconds = int(round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


@dataclass
class Progress:
    """Thread-safe progress lines for the notebooks of one build."""

    names: list[str]
    stream: TextIO | None = None
    clock: object = time.monotonic
    started: float = 0.0
    running: dict[str, float] = field(default_factory=dict)
    done: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.started = self.clock()
        self._lock = threading.Lock()

    def say(self, message: str) -> None:
        print(f"report: {message}", file=self.stream or sys.stderr, flush=True)

    def _left(self) -> str:
        waiting = [n for n in self.names if n not in self.running and n not in self.done]
        parts = [f"{len(self.running)} running"] if self.running else []
        if waiting:
            parts.append(f"{len(waiting)} waiting: " + ", ".join(n.split("-")[0] for n in waiting))
        return "; ".join(parts) or "nothing left"

    def start(self, name: str) -> None:
        with self._lock:
            now = self.clock()
            self.running[name] = now
            self.say(f"{name} started ({elapsed(now - self.started)} elapsed; {self._left()})")

    def finish(self, name: str) -> None:
        with self._lock:
            now = self.clock()
            took = now - self.running.pop(name, now)
            self.done.append(name)
            self.say(f"{name} done in {took:.1f} s ({elapsed(now - self.started)} elapsed; {self._left()})")


def uses_entities(path: Path) -> bool:
    """Whether a notebook's code runs the entity step (read from its source)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return any(cell.cell_type == "code" and any(m in cell.source for m in ENTITY_MARKERS) for cell in nb.cells)


def cache_env(work: Path) -> dict[str, str]:
    """Environment for a build: the cache in force, or a private one when the cache is off
    (a temporary folder outside ``work``, which may lie in the repository where a cache
    folder is refused; removed when this process ends)."""
    if cache.enabled():
        return {}
    import atexit
    import shutil
    import tempfile

    private = tempfile.mkdtemp(prefix="rdf-report-cache-")
    atexit.register(shutil.rmtree, private, True)
    return {cache.SWITCH_ENV: "1", cache.DIR_ENV: private}


@contextmanager
def patched_environ(env: dict[str, str]):
    """``env`` in force in this process for the block (the build's cache, so that what the parent
    computes before the kernels start lands where the kernels look)."""
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def precompute_entities(corpus, env: dict[str, str], say) -> float:
    """Run the entity step over ``corpus`` once, into the cache the kernels will read; seconds taken."""
    from .. import entities

    began = time.monotonic()
    with patched_environ(env):
        entities.mentions(corpus)
        entities.pipeline.cache_clear()  # the kernels load their own model only on a cache miss
    took = time.monotonic() - began
    say(f"entities for {len(corpus)} documents done in {took:.1f} s; every notebook reads them from the cache")
    return took


def group_env(group_by: str | None, a: str | None, b: str | None) -> dict[str, str]:
    """The group spec as environment variables for the kernels (only the parts given)."""
    pairs = ((GROUP_BY_ENV, group_by), (A_ENV, a), (B_ENV, b))
    return {key: value for key, value in pairs if value}


def sides(corpus, group_by: str | None, a: str | None, b: str | None):
    """The two groups of this build as the index names them (:class:`analysis.report.prose.Sides`),
    or None on a corpus without two groups. A grouping asked for (``group_by``, ``a``, ``b``) that
    the corpus cannot give raises :class:`analysis.InputError` before any notebook runs."""
    from ..report.prose import Sides

    from ..errors import InputError
    from ..views.common import comparison as comparison_in_force

    env = dict(os.environ) | group_env(group_by, a, b)  # what the kernels see
    try:
        chosen = comparison_in_force(corpus, env)
    except InputError:
        if group_by or a or b:
            raise  # a grouping the user asked for and the corpus cannot give: one line, exit 2
        return None
    if chosen.by == "id" and not env.get(GROUP_BY_ENV):
        return None  # a plain folder: the notebooks compare its first two texts
    return Sides(chosen.by, chosen.name_a, chosen.name_b, chosen.n_a, chosen.n_b)
