"""The comparison dashboard for many documents: two groups, their aggregates, a document browser.

>>> data = group_data.precompute(corpus)          # once: every analysis over every document
>>> app = GroupApp(data, groups.compare(corpus, "mbfc", "left_bias,left_center_bias", "right_bias"))
>>> app.widget                                   # display it in a notebook cell
>>> app.set(lens="sentiment", search="coal")       # drive it from code
>>> group_latency(app)                            # milliseconds per interaction

Controls: the catalog column that defines the groups and the values of each
side; the lens (frames, sentiment, entities, vocabulary) with its scheme and
measure; top N. The **summary** pane shows each group's mean with an
approximate 95 % interval and how many of its documents use the measure; the
**browser** lists the compared documents matching the search, sorted by the
measure; choosing one **opens** it with its evidence (cue sentences, most
negative and positive sentences, mentions, key words). Every update is vector
arithmetic on :class:`analysis.compare.group_data.GroupData`; nothing is recomputed.
"""
from __future__ import annotations

import time
from statistics import median

import numpy as np
import pandas as pd

from ..compare import html as hv
from ..compare.group_data import SCHEMES, GroupData

LENSES = ("frames", "sentiment", "entities", "vocabulary")
PANE = {"width": "50%", "border": "1px solid #ddd", "padding": "2px"}


def _values(data: GroupData, by: str) -> list[tuple[str, int]]:
    counts = data.docs[by].fillna("").astype(str).value_counts(sort=False) if by in data.docs else pd.Series()
    return [(v, int(n)) for v, n in counts.items() if v]


def _columns(data: GroupData) -> list[str]:
    """Catalog columns with at least two non-empty values and fewer values than documents."""
    keep = []
    for column in data.docs.columns:
        if column in ("doc", "file", "title", "label", "notes", "url", "removed") or \
                pd.api.types.is_numeric_dtype(data.docs[column]):
            continue
        n = data.docs[column].replace("", np.nan).nunique()
        if 2 <= n < len(data.docs):
            keep.append(column)
    return keep


class GroupApp:
    """Group-by column, side values, lens, scheme, measure, top N, search; summary, browser, evidence."""

    def __init__(self, data: GroupData, comparison=None, lens: str = "frames", top_n: int = 10):
        import ipywidgets as w

        self.data = data
        columns = _columns(data) or ["kind"]
        by = comparison.by if comparison is not None and comparison.by in columns else columns[0]
        self.by = w.Dropdown(options=columns, value=by, description="Group by")
        self.a = w.SelectMultiple(description="Side A", rows=4)
        self.b = w.SelectMultiple(description="Side B", rows=4)
        self.lens = w.ToggleButtons(options=list(LENSES), value=lens, description="Lens")
        self.scheme = w.Dropdown(options=list(SCHEMES), value="generic", description="Scheme")
        self.measure = w.Dropdown(description="Measure")
        self.top_n = w.IntSlider(value=top_n, min=1, max=30, description="Top N")
        self.search = w.Text(description="Search", placeholder="words in the title or id", continuous_update=False)
        self.document = w.Dropdown(description="Open")
        self.summary, self.browser = w.HTML(layout=PANE), w.HTML(layout=PANE)
        self.evidence = w.HTML()
        self.widget = w.VBox([w.HBox([self.by, self.a, self.b]), self.lens,
                              w.HBox([self.scheme, self.measure, self.top_n]),
                              w.HBox([self.summary, self.browser]), w.HBox([self.search, self.document]),
                              self.evidence])
        self._muted, self._masks = True, {}
        self._set_values(comparison)
        self._set_measures()
        for control in (self.a, self.b, self.lens, self.scheme, self.measure, self.top_n, self.search, self.document):
            control.observe(self._on_change, names="value")
        self.by.observe(self._on_by, names="value")
        self._muted = False
        self.update()

    # -- state ---------------------------------------------------------------
    def _set_values(self, comparison=None) -> None:
        values = _values(self.data, self.by.value)
        options = [(f"{v} ({n})", v) for v, n in values]
        self.a.options, self.b.options = options, options
        if comparison is not None and comparison.by == self.by.value:
            self.a.value, self.b.value = tuple(comparison.a), tuple(comparison.b)
        else:
            ranked = sorted(values, key=lambda vn: -vn[1])
            self.a.value, self.b.value = (ranked[0][0],), (ranked[1][0],) if len(ranked) > 1 else ()

    def _key(self) -> str:
        return f"frames:{self.scheme.value}" if self.lens.value == "frames" else self.lens.value

    def _set_measures(self) -> None:
        if self.lens.value == "vocabulary":
            self.measure.options, self.measure.disabled = [("(words)", "")], True
            return
        table = self.data.tables[self._key()]
        self.measure.options = [(table.labels[c], c) for c in table.columns]
        self.measure.disabled = False
        self.scheme.disabled = self.lens.value != "frames"

    def set(self, **values) -> None:
        """Change several controls at once (by, a, b, lens, scheme, measure, top_n, search, document)."""
        self._muted = True
        try:
            for name, value in values.items():
                getattr(self, name).value = value
                if name == "by":
                    self._set_values()
                if name in ("lens", "scheme"):
                    self._set_measures()
        finally:
            self._muted = False
        self.update()

    def _on_by(self, _change) -> None:
        self._muted = True
        self._set_values()
        self._muted = False
        self.update()

    def _on_change(self, change) -> None:
        if self._muted:
            return
        if change["owner"] in (self.lens, self.scheme):
            self._muted = True
            self._set_measures()
            self._muted = False
        self.update()

    def masks(self) -> tuple[np.ndarray, np.ndarray]:
        """Row masks of side A and side B for the current grouping (cached)."""
        key = (self.by.value, tuple(self.a.value), tuple(self.b.value))
        if key not in self._masks:
            column = self.data.docs[self.by.value].fillna("").astype(str).to_numpy()
            b_values = set(self.b.value) - set(self.a.value)
            self._masks[key] = (np.isin(column, list(self.a.value)), np.isin(column, list(b_values)))
        return self._masks[key]

    # -- rendering -----------------------------------------------------------
    def update(self) -> None:
        """Re-render the summary, the browser and the opened document."""
        mask_a, mask_b = self.masks()
        names = (", ".join(self.a.value) or "(none)", ", ".join(self.b.value) or "(none)")
        if self.lens.value == "vocabulary":
            self.summary.value = self._vocabulary(mask_a, mask_b, names)
        else:
            self.summary.value = self._aggregates(mask_a, mask_b, names)
        rows = self._browse(mask_a, mask_b)
        muted, self._muted = self._muted, True
        options = [(f"{r.title[:70]} ({r.doc})", r.doc) for r in rows.itertuples()]
        if [v for _, v in options] != list(getattr(self.document, "_rdf_ids", [])):
            chosen = self.document.value if self.document.value in {v for _, v in options} else None
            self.document.options = options
            self.document._rdf_ids = [v for _, v in options]
            self.document.value = chosen or (options[0][1] if options else None)
        self._muted = muted
        self.browser.value = self._browser_html(rows, names)
        self.evidence.value = self._evidence(self.document.value)

    def _aggregates(self, mask_a, mask_b, names) -> str:
        key = self._key()
        table = self.data.tables[key]
        a, b = self.data.summary(key, mask_a), self.data.summary(key, mask_b)
        gap = np.nan_to_num(a["mean"] - b["mean"])
        order = np.argsort(-np.abs(gap), kind="stable")[: self.top_n.value]
        rows = [{"measure": table.labels[table.columns[i]], "A mean [95 % CI]": _mean(a, i),
                 "A using": f"{a['using'][i]} of {a['n_docs']}", "B mean [95 % CI]": _mean(b, i),
                 "B using": f"{b['using'][i]} of {b['n_docs']}", "A − B": f"{gap[i]:+.3f}"} for i in order]
        title = f"{self.lens.value}: A = {names[0]} ({int(mask_a.sum())}) vs B = {names[1]} ({int(mask_b.sum())})"
        note = "group means per document, bootstrap 95 % interval; largest differences first"
        return hv.panel(title, hv.table(pd.DataFrame(rows)), note)

    def _vocabulary(self, mask_a, mask_b, names) -> str:
        if not mask_a.any() or not mask_b.any():
            return hv.panel("vocabulary", "<i>both sides need documents</i>")
        key = self.data.keyness(mask_a, mask_b, n=self.top_n.value)
        parts = [key[key.favours == "a"], key[key.favours == "b"].iloc[::-1]]
        body = hv.side_by_side(*(hv.table(p[["term", "log_odds_z", "docs_a", "docs_b"]]) for p in parts))
        return hv.panel(f"Distinctive words: A = {names[0]} | B = {names[1]}", body,
                        "log-odds z with the pooled prior; only words spread over their side's documents")

    def _browse(self, mask_a, mask_b) -> pd.DataFrame:
        docs = self.data.docs
        if not hasattr(self, "_hay"):
            titles = docs["title"].fillna("").astype(str) if "title" in docs else docs["doc"].astype(str)
            self._titles = titles.to_numpy(dtype=object)
            self._hay = (titles + " " + docs["doc"].astype(str)).str.casefold().to_numpy(dtype=object)
        chosen = mask_a | mask_b
        term = self.search.value.strip().casefold()
        if term:
            chosen = chosen & np.fromiter((term in h for h in self._hay), dtype=bool, count=len(self._hay))
        rows = np.flatnonzero(chosen)
        if self.lens.value != "vocabulary" and self.measure.value:
            table = self.data.tables[self._key()]
            values = table.values[rows, table.columns.index(self.measure.value)]
            rows = rows[np.argsort(-np.nan_to_num(values, nan=-np.inf), kind="stable")]
            values = table.values[rows, table.columns.index(self.measure.value)]
        else:
            values = np.full(len(rows), np.nan)
        rows, values = rows[: self.top_n.value], values[: self.top_n.value]
        return pd.DataFrame({"doc": docs["doc"].to_numpy()[rows], "title": self._titles[rows],
                             "side": np.where(mask_a[rows], "A", "B"), "value": values})

    def _browser_html(self, rows: pd.DataFrame, names) -> str:
        shown = rows.assign(value=rows["value"].round(3))
        label = self.measure.label if self.lens.value != "vocabulary" else ""
        return hv.panel("Documents", hv.table(shown, ["side", "doc", "title", "value"]),
                        f"compared documents matching the search, by {label or 'catalog order'} (top {self.top_n.value})")

    def _evidence(self, doc_id: str | None) -> str:
        from ..compare.group_evidence import evidence

        return evidence(self, doc_id) if doc_id else hv.panel("Open a document", "<i>no document matches</i>")


def _mean(summary: dict, i: int) -> str:
    low, high = summary["ci_low"][i], summary["ci_high"][i]
    ci = "" if np.isnan(low) else f" [{low:.3f}, {high:.3f}]"
    return f"{summary['mean'][i]:.3f}{ci}"


def group_latency(app: GroupApp, repeats: int = 5) -> pd.DataFrame:
    """Median milliseconds per interaction: switching to each lens, changing top N and the measure
    there, searching, opening a document and changing the grouping. The app is left as found."""
    saved = dict(lens=app.lens.value, top_n=app.top_n.value, search=app.search.value, a=app.a.value)
    rows = []
    for name in LENSES:
        switch = [_timed(lambda: app.set(lens=LENSES[(LENSES.index(name) + 1) % len(LENSES)]), lambda: app.set(lens=name))
                  for _ in range(repeats)]
        top = [_timed(None, lambda r=r: app.set(top_n=5 if r % 2 == 0 else 10)) for r in range(repeats)]
        options = [v for _, v in app.measure.options][:2]
        measure = [_timed(None, lambda r=r: app.set(measure=options[r % len(options)])) for r in range(repeats)]
        rows.append((name, median(switch), max(median(top), median(measure))))
    search = [_timed(None, lambda r=r: app.set(search=("the", "climate", "")[r % 3])) for r in range(repeats)]
    docs = [v for _, v in app.document.options][:repeats] or [None]
    opened = [_timed(None, lambda d=d: app.set(document=d)) for d in docs]
    values = [v for _, v in app.a.options]
    grouping = [_timed(None, lambda r=r: app.set(a=(values[r % len(values)],))) for r in range(repeats)]
    rows += [("search", float("nan"), median(search)), ("open document", float("nan"), median(opened)),
             ("change groups", float("nan"), median(grouping))]
    app.set(**saved)
    frame = pd.DataFrame(rows, columns=["view", "switch_ms", "change_ms"])
    frame["slowest_ms"] = frame[["switch_ms", "change_ms"]].max(axis=1)
    return frame


def _timed(prepare, action) -> float:
    if prepare is not None:
        prepare()
    t0 = time.perf_counter()
    action()
    return (time.perf_counter() - t0) * 1000
