"""Views that fit the comparison: per-document output for a handful of documents, group
aggregates beyond; the group dashboard's precomputed aggregates and its latency."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import pandas as pd  # noqa: E402

import analysis  # noqa: E402
from analysis import load_corpus  # noqa: E402
from analysis.compare import group_app, group_data, views as compare_views, widgets  # noqa: E402
from analysis.figure_limits import within_limits  # noqa: E402
from analysis.framing import frames  # noqa: E402
from analysis.views import framing as framing_views  # noqa: E402
from analysis.groups import compare, group_keyness, top_dispersed  # noqa: E402
from analysis.views import common as group_views  # noqa: E402

TEXT = {
    "L": "The war and the conflict raised prices. Coal plants closed after the crisis. Coal workers protested.",
    "R": "Taxes rose and the economy slowed. The budget costs families money. Wind farms split the county.",
}


@pytest.fixture(scope="module")
def grouped(tmp_path_factory):
    """Twelve documents: seven of leaning L (coal, conflict), five of leaning R (taxes), one without."""
    folder = tmp_path_factory.mktemp("grouped")
    lines = ["id,file,title,leaning"]
    for i in range(13):
        leaning = "L" if i < 7 else "R" if i < 12 else ""
        text = TEXT[leaning or "R"] + (" It was a <b>$5</b> story." if i == 3 else "") + f" Day {i}."
        (folder / f"d{i:02d}.txt").write_text(text, encoding="utf-8")
        title = "Story 3 <img src=x onerror=alert(1)>" if i == 3 else f"Story {i} about *{leaning or 'none'}*"
        lines.append(f'd{i:02d},d{i:02d}.txt,"{title}",{leaning}')
    (folder / "catalog.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    analysis.setup()
    return load_corpus(folder)


def test_per_document_only_for_a_handful(corpus, grouped):
    assert group_views.per_document(compare(corpus))
    assert not group_views.per_document(compare(grouped, "leaning"))
    assert group_views.per_document(compare(grouped, "id", a="d00", b="d07"))


def test_comparison_in_force_reads_the_environment_and_names_sides_from_the_corpus(grouped):
    chosen = group_views.comparison(grouped, {"RDF_GROUP_BY": "leaning", "RDF_A": "R"})
    assert (chosen.by, chosen.a, chosen.b, chosen.n_a, chosen.n_b) == ("leaning", ("R",), ("L",), 5, 7)
    plain = group_views.comparison(grouped, {})  # kind has one value: the first two documents
    assert (plain.by, plain.ids_a, plain.ids_b) == ("id", ("d00",), ("d01",))


def test_counts_and_labels_are_escaped_for_markdown(grouped):
    import dataclasses

    cmp = dataclasses.replace(compare(grouped, "leaning"), name_a="left_*wing*")
    assert group_views.side_label(cmp, "a") == r"left\_\*wing\* (7 documents)"
    assert group_views.side_label(cmp, "a", markdown=False) == "left_*wing* (7 documents)"
    assert group_views.count_phrase(3, cmp, "b") == "3 of 5 R documents"


def test_group_frame_summary_counts_documents(grouped):
    cmp = compare(grouped, "leaning")
    scores = frames.document_scores(grouped, "generic")
    summary = framing_views.frame_summary(scores, cmp).set_index(["side", "frame"])
    conflict = scores[scores.frame == "conflict"].set_index("doc")
    assert summary.loc[("a", "conflict"), "n_docs"] == 7
    assert summary.loc[("a", "conflict"), "using"] == int((conflict.loc[list(cmp.ids_a), "hits"] > 0).sum()) == 7
    assert summary.loc[("a", "conflict"), "mean"] == pytest.approx(conflict.loc[list(cmp.ids_a), "score"].mean())
    assert summary.loc[("a", "conflict"), "ci_low"] <= summary.loc[("a", "conflict"), "mean"]
    text = framing_views.leading_text(scores, cmp, {d.id: d.label for d in grouped})
    assert text.startswith("- In **L (7 documents)** the strongest generic frames by group mean are ")
    assert "used in 7 of 7 L documents" in text


def test_group_figures_do_not_grow_with_the_documents(grouped):
    cmp = compare(grouped, "leaning")
    scores = frames.document_scores(grouped, "policy")
    fig, table = framing_views.profile_figure(scores, cmp, {}, "Policy")
    width, height = (fig.get_size_inches() * fig.dpi).astype(int)
    assert set(table.side) == {"a", "b"} and len(table) == 2 * 14
    assert within_limits(width, height) and height < 900
    plt.close("all")


def test_dashboard_keyness_is_the_group_keyness(grouped):
    """One implementation: the dashboard's table is the library's, column for column and row for row."""
    data = group_data.precompute(grouped)
    cmp = compare(grouped, "leaning")
    mask_a, mask_b = data.mask(cmp.ids_a), data.mask(cmp.ids_b)
    library = group_keyness(cmp)
    assert len(library) > 10
    pd.testing.assert_frame_equal(data.keyness(mask_a, mask_b), library)
    top = top_dispersed(library, 3).sort_values(["log_odds_z", "term"], ascending=[False, True], kind="stable")
    pd.testing.assert_frame_equal(data.keyness(mask_a, mask_b, n=3), top.reset_index(drop=True))


def test_one_dispersion_rule_for_arrays_and_counters():
    """A term used once per document in 3 of 20 documents of A (needs 2) but in a larger share of B's
    documents is not dispersed; the same counts give the same table however they arrive."""
    from analysis.groups.keyness import dispersed, keyness_table, min_docs

    assert min_docs(20) == 2
    flags = dispersed(np.array(["a", "a", "b", ""]), np.array([3, 1, 0, 5]), np.array([4, 0, 2, 5]), 20, 5)
    assert flags.tolist() == [False, False, True, False]
    table = keyness_table(["x", "y"], np.array([30.0, 10.0]), np.array([5.0, 40.0]), np.array([3, 1]),
                          np.array([4, 5]), 20, 5)
    assert table.set_index("term").loc["x", "favours"] == "a" and not table.set_index("term").loc["x", "dispersed"]


def test_dashboard_summary_is_the_mean_over_documents(grouped):
    data = group_data.precompute(grouped)
    cmp = compare(grouped, "leaning")
    summary = data.summary("sentiment", data.mask(cmp.ids_b))
    compound = data.tables["sentiment"].values[data.mask(cmp.ids_b), 0]
    assert summary["n_docs"] == 5 and summary["mean"][0] == pytest.approx(compound.mean())


def test_dashboard_browser_search_evidence_and_escaping(grouped):
    data = group_data.precompute(grouped)
    app = group_app.GroupApp(data, compare(grouped, "leaning"))
    assert (app.by.value, app.a.value, app.b.value) == ("leaning", ("L",), ("R",))
    app.set(lens="frames", measure="conflict", search="story 3")
    assert [v for _, v in app.document.options] == ["d03"]
    assert "cues: war; conflict" in app.evidence.value
    assert "<img" not in app.browser.value and "&lt;img src=x" in app.browser.value
    app.set(lens="sentiment")
    assert "<b>$5</b>" not in app.evidence.value and "&lt;b&gt;$5&lt;/b&gt;" in app.evidence.value
    app.set(search="", lens="vocabulary")
    assert "coal" in app.summary.value
    timings = group_app.group_latency(app, repeats=2)
    assert list(timings.view) == list(group_app.LENSES) + ["search", "open document", "change groups"]
    assert (timings.slowest_ms > 0).all()


def test_app_for_picks_the_app_by_size(corpus, grouped):
    assert isinstance(compare_views.app_for(corpus, compare(corpus)), widgets.CompareApp)
    app = compare_views.app_for(grouped, compare(grouped, "leaning"))
    assert isinstance(app, group_app.GroupApp)
    assert "precompute" in compare_views.app_text(app, None, None, [])


def test_dashboard_keyness_with_a_side_without_words(grouped):
    data = group_data.precompute(grouped)
    mask_a = data.mask(grouped.ids[:2])
    empty = np.zeros_like(mask_a)
    assert data.keyness(mask_a, empty, n=3).empty
