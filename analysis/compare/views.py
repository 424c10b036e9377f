"""What the comparison notebook shows: the two-document app, or the group dashboard.

:func:`app_for` picks the app by the size of the comparison in force: for a
handful of documents, :class:`analysis.compare.widgets.CompareApp` on one document of
each side (the seeds' chapter and news piece); for groups,
:class:`analysis.compare.group_app.GroupApp` after precomputing every document once.
The other functions give each app's snapshot, description, latency and findings.
"""
from __future__ import annotations

import pandas as pd

from ..compare import group_app
from ..compare import group_data
from ..compare import widgets
from ..escape import md_code, md_text
from ..views.common import per_document, side_label

GROUP_TARGET_MS = 50
PAIR_TARGET_MS = 100


def app_for(corpus, comparison, comparer=None):
    """The app for this comparison (see the module docstring)."""
    if per_document(comparison):
        return widgets.CompareApp(corpus, left=comparison.ids_a[0], right=comparison.ids_b[0], comparer=comparer)
    return group_app.GroupApp(group_data.precompute(corpus), comparison)


def is_group(app) -> bool:
    return isinstance(app, group_app.GroupApp)


def snapshot(app) -> str:
    """The app's current view as static HTML (for the rendered report, where no widget runs)."""
    if not is_group(app):
        return widgets.snapshot(app)
    from ..compare import html as hv

    caption = (f"Grouped by {app.by.value}: A = {', '.join(app.a.value)}, B = {', '.join(app.b.value)}; "
               f"lens {app.lens.value}; top N {app.top_n.value}")
    return (f'<div class="rdf-snapshot"><p style="font-size:12px;color:#444">{hv.esc(caption)}</p>'
            + hv.side_by_side(app.summary.value, app.browser.value) + app.evidence.value + "</div>")


def app_text(app, first, second, lens_list) -> str:
    """One paragraph on what the app compares."""
    if not is_group(app):
        return (f"The app compares **{md_text(first.label)}** ({md_code(first.id)}, {len(first.sentences)} sentences) "
                f"with **{md_text(second.label)}** ({md_code(second.id)}, {len(second.sentences)} sentences) through "
                f"{len(lens_list)} lenses: " + ", ".join(f"*{l.label}*" for l in lens_list) + ".")
    mask_a, mask_b = app.masks()
    return (f"The dashboard compares {int(mask_a.sum()):,} documents with {md_code(app.by.value)} = "
            f"{md_text(', '.join(app.a.value))} against {int(mask_b.sum()):,} with "
            f"{md_text(', '.join(app.b.value))} through {len(group_app.LENSES)} lenses: "
            + ", ".join(f"*{name}*" for name in group_app.LENSES)
            + f". Every document of the corpus was analysed once beforehand (precompute: "
              f"{app.data.seconds:.1f} s for {len(app.data.docs):,} documents); each control then updates the "
              f"group aggregates and the document browser from those results.")


def latency(app) -> pd.DataFrame:
    """Milliseconds per interaction (see :func:`analysis.compare.widgets.latency`,
    :func:`analysis.compare.group_app.group_latency`)."""
    return group_app.group_latency(app) if is_group(app) else widgets.latency(app)


def latency_text(app, timings: pd.DataFrame) -> str:
    """Whether every interaction meets its target (timings vary from run to run, so only yes or no)."""
    target = GROUP_TARGET_MS if is_group(app) else PAIR_TARGET_MS
    return (f"Every interaction measured ({len(timings)} views, median of 5 repeats each) updates the view in under "
            f"{target} ms: **{'yes' if (timings.slowest_ms < target).all() else 'no'}**.")


def group_findings(app, comparison) -> str:
    """The dashboard's findings for two groups, from its precomputed per-document results."""
    data, (mask_a, mask_b) = app.data, app.masks()
    lines = [f"- The dashboard compares {side_label(comparison, 'a')} with {side_label(comparison, 'b')}."]
    for key, noun in (("frames:generic", "generic frame"), ("sentiment", "sentiment measure")):
        a, b = data.summary(key, mask_a), data.summary(key, mask_b)
        gap = a["mean"] - b["mean"]
        i = int(abs(gap).argmax())
        name = data.tables[key].labels[data.tables[key].columns[i]]
        lines.append(f"- The {noun} whose group means differ most is *{md_text(name.lower())}*: "
                     f"{a['mean'][i]:.3f} against {b['mean'][i]:.3f} (documents as units; the notebooks on framing "
                     f"and sentiment give the intervals and tests).")
    key = data.keyness(mask_a, mask_b, n=3)
    words = lambda side: md_text(", ".join(key[key.favours == side].term)) or "none"  # noqa: E731
    lines.append(f"- Most distinctive words, spread over their group's documents: *{words('a')}* for "
                 f"{md_text(comparison.name_a)}; *{words('b')}* for {md_text(comparison.name_b)}.")
    return "\n".join(lines)


def pair_findings(comparer, corpus, first, second, pairs, best, zero, hits) -> str:
    """The notebook's findings for two documents (the seeds' chapter and news piece)."""
    sent = [comparer.data("sentiment", d.id)["summary"] for d in (first, second)]
    findings = []
    if not pairs.empty:
        findings.append(
            f"- The two texts share few passages: the closest sentence pair reaches a cosine of only "
            f"{best.similarity:.3f} (shared words: *{md_text(best.shared_terms)}*), and {zero} of {len(first.sentences)} "
            f"sentences of {md_text(first.label)} have no content word in common with any sentence of "
            f"{md_text(second.label)}.")
    from ..findings import bullet, distinctive_words_finding, subtopic_finding

    if first.id != second.id:
        findings += [bullet(subtopic_finding(corpus, first.id, second.id, t)) for t in hits]
    findings.append(
        f"- Mean sentence sentiment (VADER): {sent[0].compound:+.3f} in {md_text(first.label)} and "
        f"{sent[1].compound:+.3f} in {md_text(second.label)}; the sentence explorer shows which words carry these scores.")
    for scheme in ("generic", "metaphor"):
        tops = []
        for d in (first, second):
            scores = comparer.data("frames", d.id)[scheme]["scores"]
            top = scores.sort_values("score", ascending=False, kind="stable").iloc[0]
            tops.append(f"*{md_text(top['name'])}* in {md_text(d.label)} ({top.score:.1f} cue hits per 1,000 words)"
                        if top.score > 0 else f"no cue in {md_text(d.label)}")
        findings.append(f"- Most cued frame of the {scheme} scheme: " + "; ".join(tops) + ".")
    if first.id != second.id:
        findings += [bullet(distinctive_words_finding(corpus, first.id, second.id, side=s)) for s in ("a", "b")]
    named = [comparer.data("entities", d.id)["frequencies"] for d in (first, second)]
    both = sorted(set(named[0].entity) & set(named[1].entity))
    if len(named[0]) and len(named[1]):
        findings.append(
            f"- The most named entity is {md_text(named[0].entity.iloc[0])} in {md_text(first.label)} and "
            f"{md_text(named[1].entity.iloc[0])} in {md_text(second.label)}; {len(both)} entities are named in both texts.")
    return "\n".join(findings)


def findings(app, comparison, comparer, corpus, first, second, pairs, best, zero, hits) -> str:
    """The comparison notebook's findings: the group dashboard's, or the two documents'."""
    if is_group(app):
        return group_findings(app, comparison)
    return pair_findings(comparer, corpus, first, second, pairs, best, zero, hits)
