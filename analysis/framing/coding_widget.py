"""A coding widget: code units (sentences or documents) for frames, one answer at a time.

>>> units = sample_units(corpus, unit="sentence", n=10, seed=1)
>>> CodingWidget(units, "my-codings.csv", coder="ana").view     # in a notebook or Voila

The widget shows one unit with the sentences around it and the scheme's frame
definitions (``lexicons/frames.csv``, the codebook's wording), a checkbox per
frame, and Previous / Skip / Save & next buttons. **Keyboard:** type into the
shortcut box: ``1``–``9`` toggle the frames in order, ``n`` saves and moves on,
``s`` skips, ``p`` goes back. Saving appends one row per frame (``value`` 1 or
0) to the codings CSV and flushes it (:func:`analysis.framing.codings.append_coding`),
so a crash loses nothing; a new session with the same file and coder starts
at the first unit that coder has not coded. Re-coding a unit appends new rows;
the last answer counts. The logic lives in :class:`CodingSession`, which needs
no widgets (and is what the tests drive).
"""
from __future__ import annotations

import html
from pathlib import Path

import numpy as np
import pandas as pd

from .codings import append_coding, read_codings

__all__ = ["sample_units", "CodingSession", "CodingWidget"]

UNIT_COLUMNS = ["doc", "sentence", "text", "before", "after"]


def _sentence_rows(doc, context: int) -> list[tuple]:
    texts = [s.text for s in doc.sentences]
    return [(doc.id, i, t, " ".join(texts[max(0, i - context):i]), " ".join(texts[i + 1:i + 1 + context]))
            for i, t in enumerate(texts)]


def sample_units(docs, unit: str = "sentence", n: int | None = 10, seed: int = 0, stratify: bool = True,
                 context: int = 1, among: pd.DataFrame | None = None) -> pd.DataFrame:
    """A seeded sample of units: doc, sentence (<NA> for documents), text, before, after.

    ``stratify`` takes units from every document in turn (as equal a share per
    document as ``n`` allows) instead of a simple random sample; units are
    returned in reading order. ``n=None`` takes every unit. ``among`` (a table
    with ``doc`` and, for sentences, ``sentence``, e.g. the shipped codings)
    restricts the draw to those units: a classroom sample drawn from the coded
    units can be compared with the coders on every unit.
    """
    rng = np.random.default_rng(seed)
    docs = list(docs)
    if unit == "document":
        keep = None if among is None else set(among["doc"].astype(str))
        rows = [(d.id, pd.NA, " ".join(s.text for s in d.sentences), d.title or "", "") for d in docs
                if keep is None or d.id in keep]
        pools = [[r] for r in rows]
    elif unit == "sentence":
        pools = [_sentence_rows(d, context) for d in docs]
        if among is not None:
            coded = set(zip(among["doc"].astype(str), pd.to_numeric(among["sentence"]).astype(int)))
            pools = [[r for r in pool if (str(r[0]), int(r[1])) in coded] for pool in pools]
    else:
        raise ValueError(f"unit must be 'sentence' or 'document', not {unit!r}")
    for pool in pools:
        rng.shuffle(pool)
    total = sum(len(p) for p in pools)
    n = total if n is None else min(n, total)
    if stratify:
        chosen, depth = [], 0
        while len(chosen) < n:
            chosen += [p[depth] for p in pools if depth < len(p)][: n - len(chosen)]
            depth += 1
    else:
        everything = [r for p in pools for r in p]
        chosen = [everything[i] for i in sorted(rng.choice(total, n, replace=False))]
    order = {d.id: i for i, d in enumerate(docs)}
    chosen.sort(key=lambda r: (order[r[0]], -1 if pd.isna(r[1]) else r[1]))
    out = pd.DataFrame(chosen, columns=UNIT_COLUMNS)
    out["sentence"] = out["sentence"].astype("Int64")
    return out


class CodingSession:
    """Where a coder is in a sample, and what has been saved to the codings file."""

    def __init__(self, units: pd.DataFrame, path: Path | str, frames: list[str], coder: str) -> None:
        self.units = units.reset_index(drop=True)
        self.path = Path(path)
        self.frames = list(frames)
        self.coder = coder
        self.position = self.first_uncoded()

    def _key(self, i: int) -> tuple[str, object]:
        row = self.units.iloc[i]
        return str(row["doc"]), None if pd.isna(row["sentence"]) else int(row["sentence"])

    def coded(self) -> dict[tuple[str, object], set[str]]:
        """Units this coder has saved -> the frames coded present (last answer)."""
        if not self.path.exists() or self.path.stat().st_size == 0:
            return {}
        table = read_codings(self.path)
        table = table[table["coder"] == self.coder]
        out: dict[tuple[str, object], set[str]] = {}
        for doc, sentence, frame, value in zip(table["doc"], table["sentence"], table["frame"], table["value"]):
            key = (doc, None if pd.isna(sentence) else int(sentence))
            chosen = out.setdefault(key, set())
            (chosen.add if value else chosen.discard)(frame)
        return out

    def first_uncoded(self) -> int:
        """Index of the first unit without an answer (``len(units)`` when all are done)."""
        done = self.coded()
        return next((i for i in range(len(self.units)) if self._key(i) not in done), len(self.units))

    @property
    def finished(self) -> bool:
        return self.position >= len(self.units)

    def answer(self) -> set[str] | None:
        """The saved frames of the current unit, or None if not coded yet."""
        return None if self.finished else self.coded().get(self._key(self.position))

    def save(self, present: set[str]) -> None:
        """Append this unit's answer (every frame, 1 or 0) and move to the next unit."""
        if self.finished:
            return
        doc, sentence = self._key(self.position)
        append_coding(self.path, [{"doc": doc, "sentence": sentence, "frame": f, "value": int(f in present),
                                   "coder": self.coder} for f in self.frames])
        self.position += 1

    def skip(self) -> None:
        self.position = min(self.position + 1, len(self.units))

    def previous(self) -> None:
        self.position = max(self.position - 1, 0)


class CodingWidget:
    """ipywidgets front end of a :class:`CodingSession` (``.view`` to display)."""

    def __init__(self, units: pd.DataFrame, path: Path | str, coder: str = "", scheme: str = "generic") -> None:
        import ipywidgets as w

        from .frames import frame_table

        self.frames = frame_table(scheme)
        ids = list(self.frames["frame"])
        self.session = CodingSession(units, path, ids, coder)
        self.coder = w.Text(value=coder, description="Coder", placeholder="your name")
        self.coder.add_class("rdf-coder")
        self.status = w.HTML()
        self.unit = w.HTML()
        self.boxes = [w.Checkbox(description=f"{k + 1} {name}", indent=False)
                      for k, name in enumerate(self.frames["name"])]
        for box, frame in zip(self.boxes, ids):
            box.add_class(f"rdf-frame-{frame}")
        self.keys = w.Text(placeholder="shortcuts: 1–9 toggle, n save & next, s skip, p previous",
                           description="Keys", continuous_update=True)
        self.keys.add_class("rdf-keys")
        buttons = [w.Button(description=d) for d in ("◀ Previous", "Skip", "Save & next ▶")]
        self.status.add_class("rdf-status")
        for button, action in zip(buttons, (self.previous, self.skip, self.save)):
            button.on_click(lambda _b, act=action: act())
        self.coder.observe(self._coder_changed, names="value")
        self.keys.observe(self._key_typed, names="value")
        definitions = "".join(f"<li><b>{html.escape(n)}</b>: {html.escape(d)}</li>"
                              for n, d in zip(self.frames["name"], self.frames["definition"]))
        self.view = w.VBox([self.coder, self.status, self.unit, w.HBox(self.boxes), w.HBox(buttons), self.keys,
                            w.HTML(f"<details open><summary>Frame definitions</summary><ul>{definitions}</ul></details>")])
        self.view.add_class("rdf-coding")
        self.render()

    def render(self) -> None:
        s = self.session
        total = len(s.units)
        if s.finished:
            self.status.value = f"<b>All {total} units done.</b> Saved to <code>{html.escape(str(s.path))}</code>."
            self.unit.value = ""
            return
        row = s.units.iloc[s.position]
        where = f"{row['doc']}" + ("" if pd.isna(row["sentence"]) else f", sentence {int(row['sentence'])}")
        self.status.value = f"Unit {s.position + 1} of {total} · <span class='rdf-where'>{html.escape(where)}</span>"
        self.unit.value = (f"<div class='rdf-unit'><span style='color:#666'>{html.escape(row['before'])}</span> "
                           f"<b class='rdf-unit-text'>{html.escape(row['text'])}</b> "
                           f"<span style='color:#666'>{html.escape(row['after'])}</span></div>")
        saved = s.answer() or set()
        for box, frame in zip(self.boxes, s.frames):
            box.value = frame in saved

    def save(self) -> None:
        if not self.session.coder:
            self.status.value = "<b>Enter your coder name first.</b>"
            return
        self.session.save({f for box, f in zip(self.boxes, self.session.frames) if box.value})
        self.render()

    def skip(self) -> None:
        self.session.skip()
        self.render()

    def previous(self) -> None:
        self.session.previous()
        self.render()

    def _coder_changed(self, change) -> None:
        self.session.coder = change["new"].strip()
        self.session.position = self.session.first_uncoded()
        self.render()

    def _key_typed(self, change) -> None:
        typed = change["new"]
        if not typed:
            return
        for key in typed.lower():
            if key.isdigit() and 1 <= int(key) <= len(self.boxes):
                box = self.boxes[int(key) - 1]
                box.value = not box.value
            elif key == "n":
                self.save()
            elif key == "s":
                self.skip()
            elif key == "p":
                self.previous()
        self.keys.value = ""
