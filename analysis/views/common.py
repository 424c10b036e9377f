"""Figures and sentences for two groups of documents, sized by the groups, not by the corpus.

A notebook shows one panel or bar per document only while the comparison holds
a handful of documents (:data:`PER_DOCUMENT_MAX`, so the seeds' chapter and
news piece keep their figures). Beyond that it shows each group: its mean with
the bootstrap 95 % interval (:mod:`analysis.groups.stats`), the spread of the
documents' values (box and points), and how many documents of each group do
something ("12 of 132 left articles use the morality frame").

Tables come in the tidy shapes of :mod:`analysis.groups.measures` (``doc``,
key columns, ``value``) and :mod:`analysis.groups.stats` (``side``, ``group``,
key columns, ``n_docs``, ``mean``, ``ci_low``, ``ci_high``; differences with
``diff``, ``diff_ci_low``, ``diff_ci_high``, ``p_value``, ``effect_size``,
``testable``). Every name that comes from the corpus goes into plot text through
:func:`plot_text` (no mathtext, no markup).
"""
from __future__ import annotations

import math

import pandas as pd

from ..display import PALETTE

PER_DOCUMENT_MAX = 6  # compared documents up to which figures keep one bar per document
MAX_STRIPS = 400  # points drawn per group in a strip plot (a seeded sample beyond)
SIDES = ("a", "b")


def named(comparison, info):
    """The comparison with its sides named as the corpus names them (``corpus.toml``)."""
    import dataclasses

    if comparison.by == "id":
        return comparison
    return dataclasses.replace(comparison, name_a=info.group_name(comparison.by, comparison.a),
                               name_b=info.group_name(comparison.by, comparison.b))


def per_document(comparison) -> bool:
    """Whether figures and prose should show each compared document (a handful) or each group."""
    return comparison.n_a + comparison.n_b <= PER_DOCUMENT_MAX


def plot_text(value: object) -> str:
    """A corpus value safe as matplotlib text (:func:`analysis.escape.plot_text`: no mathtext)."""
    from ..escape import plot_text as escaped

    return escaped(value)


def md(value: object) -> str:
    """A corpus value (a name, a label, a word) as literal Markdown text
    (:func:`analysis.escape.md_text`: plain words are unchanged)."""
    from ..escape import md_text

    return md_text(value)


def side_label(comparison, side: str, unit: str = "documents", markdown: bool = True) -> str:
    """``"left (142 documents)"``, escaped for Markdown unless ``markdown`` is False (plot text)."""
    n = comparison.n_a if side == "a" else comparison.n_b
    name = md(comparison.name(side)) if markdown else comparison.name(side)
    return f"{name} ({n:,} {unit if n != 1 else unit.rstrip('s')})"


def with_names(frame: pd.DataFrame, comparison, column: str = "doc") -> pd.DataFrame:
    """``frame`` restricted to the compared documents, with ``side`` and ``group`` columns."""
    sides = comparison.sides()
    return frame.merge(sides, left_on=column, right_on="doc", how="inner", suffixes=("", "_side"))


def number(value: float, digits: int = 2, signed: bool = False) -> str:
    """A value for prose; "n/a" for a missing one."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "n/a"
    return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"


def interval(low: float, high: float, digits: int = 2, signed: bool = False) -> str:
    """``"95 % CI 0.40 to 1.80"``, or "" where no interval is possible."""
    if any(v is None or (isinstance(v, float) and math.isnan(v)) for v in (low, high)):
        return ""
    return f"95 % CI {number(low, digits, signed)} to {number(high, digits, signed)}"


def difference_clause(row, digits: int = 2, unit: str = "") -> str:
    """``"4.10 vs 2.30 per 1,000 words; difference +1.80 (95 % CI +0.90 to +2.70), permutation p = 0.002,
    Cliff's δ = +0.31"``; for sides of one document, the plain statement that no test is possible.
    ``row`` is one row (a Series) of :func:`analysis.groups.stats.group_differences`."""
    unit = f" {unit}" if unit else ""
    head = f"{number(row['mean_a'], digits)} vs {number(row['mean_b'], digits)}{unit}"
    if not bool(row["testable"]):
        return f"{head} (no interval or test is possible with one document per side)"
    ci = interval(row["diff_ci_low"], row["diff_ci_high"], digits, signed=True)
    return (f"{head}; difference {number(row['diff'], digits, signed=True)} ({ci}), permutation "
            f"p = {row['p_value']:.3g}, Cliff's δ = {row['effect_size']:+.2f}")


def count_phrase(k: int, comparison, side: str, unit: str = "documents") -> str:
    """``"12 of 132 left documents"``."""
    n = comparison.n_a if side == "a" else comparison.n_b
    return f"{k:,} of {n:,} {md(comparison.name(side))} {unit if n != 1 else unit.rstrip('s')}"


def cue_window(text: str, width: int | None, marks: tuple[str, str] = ("[", "]")) -> str:
    """A sentence cut to at most ``width`` characters around its first ``[bracketed]`` cue (and as
    many following cues as fit), cut at word boundaries and marked "…" where text was left out, so
    that a table column of that width shows the cue instead of cutting the sentence before it.
    Text that fits, or that holds no marked cue, is returned unchanged."""
    left, right = marks
    first = text.find(left)
    close = text.find(right, first + 1) if first >= 0 else -1
    if width is None or len(text) <= width or first < 0 or close < 0:
        return text
    end = close + 1
    while (nxt := text.find(left, end)) >= 0 and (stop := text.find(right, nxt + 1)) >= 0 \
            and stop + 1 - first + 2 <= width:
        end = stop + 1
    room = width - (end - first) - 2  # two ellipses at most
    if room <= 0:
        return text[first:first + width - 1] + "…"
    after = min(len(text) - end, room - min(first, room // 2))
    before = min(first, room - after)
    start, stop = first - before, end + after
    if start > 0 and " " in text[start:first]:
        start = text.index(" ", start) + 1
    if stop < len(text) and " " in text[end:stop]:
        stop = text.rindex(" ", end, stop)
    return ("…" if start > 0 else "") + text[start:stop].strip() + ("…" if stop < len(text) else "")


# --- figures -----------------------------------------------------------------------------------

def keep_legend(ax, legend):
    """Keep ``legend`` on ``ax`` when a second legend follows, and inside the saved figure: a
    legend re-added with ``add_artist`` is clipped to the axes, so a tight bounding box (how
    figures are saved) would cut it where it stands outside them."""
    ax.add_artist(legend)
    legend.set_clip_on(False)
    return legend


# --- group figures -----------------------------------------------------------------------------------

def plot_group_means(summary: pd.DataFrame, comparison, key: str, title: str, xlabel: str,
                     labels: dict[str, str] | None = None):
    """One row per ``key`` value (a frame, an entity ...): each group's mean as a dot with its
    95 % interval as a line. The size depends on the number of keys, never on the documents."""
    import matplotlib.pyplot as plt

    keys = list(dict.fromkeys(summary[key]))
    labels = labels or {}
    fig, ax = plt.subplots(figsize=(8, 0.42 * len(keys) + 1.6))
    for k, side in enumerate(SIDES):
        part = summary[summary.side == side].set_index(key).reindex(keys)
        ys = [i + (k - 0.5) * 0.3 for i in range(len(keys))]
        low = (part["mean"] - part["ci_low"]).fillna(0).clip(lower=0)
        high = (part["ci_high"] - part["mean"]).fillna(0).clip(lower=0)
        ax.errorbar(part["mean"], ys, xerr=[low, high], fmt="o", color=PALETTE[k], capsize=2,
                    label=plot_text(side_label(comparison, side, markdown=False)))
    ax.set_yticks(range(len(keys)), [plot_text(labels.get(v, v)) for v in keys])
    ax.invert_yaxis()
    ax.set_xlabel(xlabel)
    ax.set_title(plot_text(title))
    ax.legend(loc="best", fontsize=8)
    fig.tight_layout()
    return fig


def plot_group_spread(values: pd.DataFrame, comparison, title: str, ylabel: str, key: str | None = None,
                      keys: list[str] | None = None, labels: dict[str, str] | None = None, seed: int = 0):
    """Box plots with the documents as points, one box per group (and per ``key`` value when given,
    at most 8). ``values`` is a tidy ``doc, [key,] value`` table."""
    import matplotlib.pyplot as plt
    import numpy as np

    data = with_names(values, comparison)
    keys = (keys or list(dict.fromkeys(data[key])))[:8] if key else [None]
    labels = labels or {}
    fig, axes = plt.subplots(1, len(keys), figsize=(min(2.2 * len(keys) + 2, 14), 4.2), sharey=True,
                             squeeze=False)
    rng = np.random.default_rng(seed)
    for ax, name in zip(axes[0], keys):
        part = data if name is None else data[data[key] == name]
        groups = [part[part.side == s]["value"].to_numpy(dtype=float) for s in SIDES]
        ax.boxplot(groups, widths=0.5, showfliers=False)
        for k, points in enumerate(groups):
            if len(points) > MAX_STRIPS:
                points = rng.choice(points, MAX_STRIPS, replace=False)
            ax.scatter(k + 1 + rng.uniform(-0.15, 0.15, len(points)), points, s=8, alpha=0.5, color=PALETTE[k])
        ax.set_xticks([1, 2], [plot_text(comparison.name(s)) for s in SIDES], rotation=15)
        if name is not None:
            ax.set_title(plot_text(labels.get(name, name)), fontsize=9)
    axes[0][0].set_ylabel(ylabel)
    fig.suptitle(plot_text(title), fontweight="bold")
    fig.tight_layout()
    return fig


def plot_timeline(trend: pd.DataFrame, comparison, title: str, ylabel: str):
    """Each group's mean per period with its 95 % interval as a band, and below it the number of
    documents behind each point. ``trend`` is one measure of :func:`analysis.groups.trends.trends`
    (``side, period, n_docs, mean, ci_low, ci_high``)."""
    import matplotlib.pyplot as plt

    periods = sorted(set(trend["period"]))
    where = {p: i for i, p in enumerate(periods)}
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(9, 5.2), sharex=True, height_ratios=[3, 1])
    for k, side in enumerate(SIDES):
        part = trend[trend.side == side].sort_values("period")
        xs = [where[p] for p in part["period"]]
        top.plot(xs, part["mean"], marker="o", markersize=3, color=PALETTE[k],
                 label=plot_text(side_label(comparison, side, markdown=False)))
        top.fill_between(xs, part["ci_low"], part["ci_high"], color=PALETTE[k], alpha=0.15, linewidth=0)
        bottom.bar([x + 0.2 * (k - 0.5) for x in xs], part["n_docs"], width=0.4, color=PALETTE[k])
    step = max(1, len(periods) // 12)
    bottom.set_xticks(range(0, len(periods), step), [periods[i] for i in range(0, len(periods), step)],
                      rotation=45, ha="right", fontsize=8)
    top.set_ylabel(ylabel)
    top.set_title(plot_text(title))
    top.legend(frameon=False, fontsize=8)
    bottom.set_ylabel("documents")
    fig.tight_layout()
    return fig


def comparison(corpus, environ: dict | None = None):
    """The comparison in force (:func:`analysis.groups.comparison.in_force`: ``RDF_GROUP_BY``/``RDF_A``/
    ``RDF_B``, else ``kind``, else a plain folder's first two documents), its sides named as the corpus
    names them."""
    from ..corpus.info import corpus_info
    from ..groups.comparison import in_force

    return named(in_force(corpus, environ=environ), corpus_info(corpus.folder))


def show_timeline(values, comparison, name: str, title: str, ylabel: str, freq: str = "month",
                  min_periods: int = 3) -> None:
    """For groups with dated documents: draw, save (as ``name``, with its table) and show each
    group's mean of the per-document ``values`` (``doc, value``) per period. Nothing at all for a
    handful of documents or fewer than ``min_periods`` dated periods (the seeds show nothing)."""
    import matplotlib.pyplot as plt

    from ..display import save_figure
    from ..groups.trends import dated_documents, trends

    if per_document(comparison):
        return
    dated = dated_documents(comparison, freq)
    if dated["period"].nunique() < min_periods:
        return
    table = trends(values[["doc", "value"]].assign(measure="value")[["doc", "measure", "value"]], comparison, freq)
    fig = plot_timeline(table, comparison, title, ylabel)
    save_figure(fig, name, data=table)
    plt.show()
