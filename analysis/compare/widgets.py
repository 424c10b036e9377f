"""Interactive comparison of two documents (ipywidgets), for JupyterLab and Voila.

>>> app = CompareApp(corpus)
>>> app.widget          # display it in a notebook cell
>>> app.set(lens="kwic", term="treaty")   # drive it from code (tests, exercises)
>>> latency(app)        # milliseconds per interaction, per lens

The controls are linked: one search term feeds the concordance and the
topic-passage lens, one top-N feeds every lens and the sentence explorer,
the unit (sentence/paragraph) drives both passage alignment views, and
controls a lens does not use are disabled while it is shown.
"""
from __future__ import annotations

import time
from statistics import median

import pandas as pd

from .engine import Comparer
from ..corpus.model import Corpus
from .lens import MAX_TOP, Controls, all_lenses, get, names

LAYOUT_PANE = {"width": "50%", "border": "1px solid #ddd", "padding": "2px"}


class CompareApp:
    """Two document pickers, a lens selector, linked controls, two panes and a
    sentence explorer. All per-document work is precomputed on creation."""

    def __init__(self, corpus: Corpus, left: str | None = None, right: str | None = None,
                 lens_name: str | None = None, controls: Controls | None = None,
                 comparer: Comparer | None = None):
        import ipywidgets as w

        self.comparer = comparer or Comparer(corpus)
        self.comparer.precompute()
        default_left, default_right = self.comparer.default_pair()
        controls = controls or Controls()
        options = [(f"{d.label} ({d.id})", d.id) for d in corpus]
        self.left = w.Dropdown(options=options, value=left or default_left, description="Left")
        self.right = w.Dropdown(options=options, value=right or default_right, description="Right")
        self.swap = w.Button(description="swap", tooltip="swap left and right", layout={"width": "70px"})
        self.lens = w.ToggleButtons(options=[(l.label, l.name) for l in all_lenses()],
                                    value=lens_name or names()[0], description="Lens")
        self.term = w.Text(value=controls.term, description="Term", continuous_update=False,
                           placeholder="word, phrase or sub-topic")
        self.top_n = w.IntSlider(value=controls.top_n, min=1, max=MAX_TOP, description="Top N")
        self.scheme = w.Dropdown(options=_all_schemes(), description="Scheme")
        self.unit = w.ToggleButtons(options=["sentence", "paragraph"], value=controls.unit, description="Unit")
        self.sentence = w.IntSlider(value=0, min=0, max=len(self.comparer.corpus[self.left.value].sentences) - 1,
                                    description="Sentence")
        self.about = w.HTML()
        self.left_pane, self.right_pane = w.HTML(layout=LAYOUT_PANE), w.HTML(layout=LAYOUT_PANE)
        self.left_sentence, self.right_sentence = w.HTML(layout=LAYOUT_PANE), w.HTML(layout=LAYOUT_PANE)
        self._width = controls.width
        if controls.scheme in self.scheme.options:
            self.scheme.value = controls.scheme
        self.widget = w.VBox([
            w.HBox([self.left, self.swap, self.right]),
            self.lens, self.about,
            w.HBox([self.term, self.top_n]), w.HBox([self.scheme, self.unit]),
            w.HBox([self.left_pane, self.right_pane]),
            w.HTML("<b>Sentence explorer</b>: a sentence of the left text with its evidence, "
                   "and the closest passages of the right text"),
            self.sentence,
            w.HBox([self.left_sentence, self.right_sentence]),
        ])
        self.widget.add_class("rdf-compare")
        for control in (self.left, self.right, self.lens, self.term, self.top_n, self.scheme, self.unit):
            control.observe(self._on_change, names="value")
        self.sentence.observe(lambda _: self.update_explorer(), names="value")
        self.swap.on_click(lambda _: self.set(left=self.right.value, right=self.left.value))
        self._muted = False
        self.update()

    # -- state -------------------------------------------------------------
    @property
    def controls(self) -> Controls:
        return Controls(top_n=self.top_n.value, term=self.term.value, scheme=self.scheme.value or "",
                        unit=self.unit.value, width=self._width)

    def set(self, **values) -> None:
        """Change several controls at once (names: left, right, lens, term,
        top_n, scheme, unit, sentence) and update the view once."""
        self._muted = True
        try:
            for name, value in values.items():
                getattr(self, name).value = value
        finally:
            self._muted = False
        self.update()

    def _on_change(self, change) -> None:
        if not self._muted:
            self.update()

    # -- rendering ---------------------------------------------------------
    def update(self) -> None:
        """Re-render both panes and the explorer from the current controls."""
        muted, self._muted = self._muted, True
        try:
            n = len(self.comparer.corpus[self.left.value].sentences)
            if self.sentence.max != n - 1:
                self.sentence.value = min(self.sentence.value, n - 1)
                self.sentence.max = n - 1
        finally:
            self._muted = muted
        item = get(self.lens.value)
        self.about.value = f"<i>{item.description}</i>"
        # top-N and unit also drive the sentence explorer, so they stay enabled
        self.term.disabled = "term" not in item.uses
        self.scheme.disabled = "scheme" not in item.uses
        self.left_pane.value, self.right_pane.value = self.comparer.views(
            item.name, self.left.value, self.right.value, self.controls)
        self.update_explorer()

    def update_explorer(self) -> None:
        self.left_sentence.value, self.right_sentence.value = self.comparer.explore(
            self.left.value, self.right.value, self.sentence.value, self.controls)


def _all_schemes() -> list[str]:
    """Every scheme any lens offers, in lens order."""
    return list(dict.fromkeys(s for item in all_lenses() if item.schemes for s in item.schemes()))


def latency(app: CompareApp, repeats: int = 5) -> pd.DataFrame:
    """Median milliseconds per interaction, per lens: switching to the lens and
    changing top-N while it is shown (each re-renders both panes and the
    explorer), and moving the sentence explorer's slider. The app is left as
    it was found."""
    saved = dict(lens=app.lens.value, top_n=app.top_n.value, sentence=app.sentence.value)
    lens_names = names()
    rows = []
    for k, name in enumerate(lens_names):
        switch, change = [], []
        for r in range(repeats):
            app.lens.value = lens_names[(k + 1) % len(lens_names)] if len(lens_names) > 1 else name
            switch.append(_timed(lambda: setattr(app.lens, "value", name)))
            change.append(_timed(lambda: setattr(app.top_n, "value", saved["top_n"] % 20 + 1 if r % 2 == 0 else saved["top_n"])))
        rows.append((name, median(switch), median(change)))
    moves = [_timed(lambda: setattr(app.sentence, "value", (app.sentence.value + 1) % (app.sentence.max + 1)))
             for _ in range(repeats)]
    rows.append(("sentence explorer", float("nan"), median(moves)))
    app.set(**saved)
    frame = pd.DataFrame(rows, columns=["view", "switch_ms", "change_ms"])
    frame["slowest_ms"] = frame[["switch_ms", "change_ms"]].max(axis=1)
    return frame


def _timed(action) -> float:
    t0 = time.perf_counter()
    action()
    return (time.perf_counter() - t0) * 1000


def in_voila() -> bool:
    """True inside a Voila dashboard (Voila sets ``SERVER_SOFTWARE=voila/...``)."""
    import os

    return os.environ.get("SERVER_SOFTWARE", "").startswith("voila")


def snapshot(app: CompareApp) -> str:
    """The app's current views as static HTML (both lens panes, then the
    sentence explorer), for the rendered report where no widget runs."""
    from . import html as hv

    item = get(app.lens.value)
    controls = app.controls
    caption = (f"Lens: {item.label}; term: “{controls.term}”; top N: {controls.top_n}; unit: {controls.unit}"
               + (f"; scheme: {controls.scheme}" if controls.scheme else "")
               + f"; explorer sentence: {app.sentence.value}")
    return (f'<div class="rdf-snapshot"><p style="font-size:12px;color:#444">{hv.esc(caption)}</p>'
            + hv.side_by_side(app.left_pane.value, app.right_pane.value)
            + hv.side_by_side(app.left_sentence.value, app.right_sentence.value) + "</div>")
