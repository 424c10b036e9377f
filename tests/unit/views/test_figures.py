"""Figures that say what the findings say: titles that follow the finding, axes in words, one colour
scale with the diagonal masked, legends for what marker size and shading mean."""
from __future__ import annotations

from types import SimpleNamespace

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from analysis.views import framing as framing_views  # noqa: E402
from analysis.views.entities_figures import plot_cooccurrence  # noqa: E402

SINGLE = SimpleNamespace(single=True, ids_a=("x",), ids_b=("y",))
NAMES = {"x": "the chapter", "y": "the news piece"}


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def _top(z: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"term": [f"w{i}" for i in range(len(z))], "log_odds_z": z,
                         "favours": ["a" if v > 0 else "b" for v in z]})


def test_keyness_title_says_no_word_passes_when_none_does():
    fig = framing_views.keyness_figure(_top([1.2, 0.8, -0.5, -1.9]), SINGLE, NAMES)
    ax = fig.axes[0]
    assert ax.get_title().startswith("Words compared: the chapter vs the news piece")
    assert "No word passes |z| ≥ 1.96" in ax.get_title()
    assert "Distinctive" not in ax.get_title()
    assert "log_odds_z" not in ax.get_xlabel()
    assert ax.get_xlabel().startswith("log-odds z-score (positive: more in the chapter; negative: more in the news piece")


def test_keyness_title_calls_words_distinctive_only_when_some_pass():
    fig = framing_views.keyness_figure(_top([2.5, 0.8, -0.5, -1.9]), SINGLE, NAMES)
    ax = fig.axes[0]
    assert ax.get_title().startswith("Distinctive words: the chapter vs the news piece")
    assert "1 of the 4 words shown pass" in ax.get_title()
    alphas = sorted(p.get_alpha() for p in ax.patches)
    assert alphas == [0.35, 0.35, 0.35, 1.0]  # only the passing word is drawn solid
    assert any("|z| < 1.96" in t.get_text() for t in ax.get_legend().get_texts())


def test_group_keyness_needs_dispersion_to_pass():
    top = _top([2.5, -2.4]).assign(key=[False, False])
    assert not framing_views.keyness_passing(top).any()


def _matrix(names, values):
    return pd.DataFrame(values, index=names, columns=names)


def test_cooccurrence_panels_share_one_scale_with_the_diagonal_masked():
    matrices = {"A": _matrix(["P", "Q"], [[30, 2], [2, 9]]), "B": _matrix(["P", "R", "S"],
                                                                       [[12, 5, 1], [5, 7, 0], [1, 0, 3]])}
    fig = plot_cooccurrence(matrices)
    images = [ax.images[0] for ax in fig.axes if ax.images]
    assert len(images) == 2
    assert {(im.norm.vmin, im.norm.vmax) for im in images} == {(0, 5)}  # the largest pair, not a mention count
    for im, size in zip(images, (2, 3)):
        data = im.get_array()
        assert np.ma.getmaskarray(data).diagonal().all() and not np.ma.getmaskarray(data)[0, 1]
        assert data.shape == (size, size)
    bars = [ax for ax in fig.axes if not ax.images]
    assert len(bars) == 1 and "sentences naming both" in bars[0].get_ylabel()
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "30" not in texts and "2" in texts  # mentions are not written in the cells
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["P (30)", "Q (9)"]


def test_entity_sentiment_has_a_legend_for_marker_size_and_n():
    from analysis.views.sentiment_figures import marker_area, plot_entity_sentiment

    frame = pd.DataFrame({"doc": ["x", "x", "y"], "entity": ["Kim", "Putin", "Kim"], "sentences": [2, 11, 5],
                          "compound": [0.1, 0.3, -0.2]})
    fig = plot_entity_sentiment(frame, NAMES)
    ax = fig.axes[0]
    legends = [a for a in ax.get_children() if isinstance(a, matplotlib.legend.Legend)]
    titles = {lg.get_title().get_text(): [t.get_text() for t in lg.get_texts()] for lg in legends}
    assert titles["document"] == ["the chapter", "the news piece"]
    assert titles["marker area: sentences (n)"] == ["n = 2 sentences", "n = 5 sentences", "n = 11 sentences"]
    sizes = legends[-1].legend_handles[-1].get_sizes()
    assert list(sizes) == [marker_area(11)]


def test_a_single_entity_type_is_not_repeated_on_every_label():
    from analysis.views.entities_figures import plot_comparison

    persons = pd.DataFrame({"entity": ["Kim", "Putin"], "type": ["PERSON", "PERSON"], "share x": [60.0, 40.0],
                            "share y": [50.0, 50.0]})
    fig = plot_comparison(persons, ["x", "y"], noun="person")
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Putin", "Kim"]
    mixed = pd.DataFrame({"entity": ["Georgia", "Georgia", "Kim"], "type": ["GPE", "PERSON", "PERSON"],
                          "share x": [5.0, 3.0, 2.0], "share y": [1.0, 1.0, 1.0]})
    fig = plot_comparison(mixed, ["x", "y"])
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Kim", "Georgia (PERSON)", "Georgia (GPE)"]


def test_frame_profile_bars_are_stacked_by_voice_and_add_up_to_all_voices(corpus):
    from analysis.framing import frames
    from analysis.groups import compare

    matches = frames.find_cues(corpus, "generic")
    scores = frames.document_scores(corpus, "generic", matches)
    names = {d.id: d.label for d in corpus}
    fig, table = framing_views.profile_figure(scores, compare(corpus), names, "Generic", corpus, matches)
    total = table[["authorial", "quoted", "attributed"]].sum(axis=1)
    assert np.allclose(total, table["score"], atol=1e-3)  # score is rounded; the bar's length is the rate in all voices, the Findings' basis
    assert (table["attributed"] > 0).any() and (table["authorial"] < table["score"]).any()
    ax = fig.axes[0]
    ends = {}
    for bar in ax.patches:
        key = round(bar.get_y(), 6)
        ends[key] = max(ends.get(key, 0.0), bar.get_x() + bar.get_width())
    assert np.isclose(max(ends.values()), table["score"].max(), atol=1e-3)
    legends = [a for a in ax.get_children() if isinstance(a, matplotlib.legend.Legend)]
    titles = {lg.get_title().get_text(): [t.get_text() for t in lg.get_texts()] for lg in legends}
    assert titles["whose words"] == ["the writer's own words", "quoted", "attributed (reported speech)"]
    assert titles["document"] == [names[d] for d in dict.fromkeys(table["doc"])]
    assert "all voices" in ax.get_xlabel()


def test_cue_window_keeps_the_bracketed_cue_inside_the_width():
    from analysis.views.common import cue_window

    text = " ".join(f"word{i}" for i in range(40)) + " and then the [cue] came, " + "tail " * 20
    shown = cue_window(text, 60)
    assert "[cue]" in shown and len(shown) <= 60 and shown.startswith("…") and shown.endswith("…")
    assert cue_window("short [cue] here", 60) == "short [cue] here"
    assert cue_window("[a] " + "x " * 50 + "[b]", 30).startswith("[a]")  # a cue at the start is not cut


def test_evidence_table_never_cuts_a_sentence_before_its_cue(corpus):
    from analysis.framing import frames

    matches = frames.find_cues(corpus, "generic")
    table = framing_views.evidence_table(corpus, matches, "conflict", width=90)
    full = frames.evidence(corpus, matches, "conflict")
    assert (full.text.str.len() > 90).any() and (full.text.str[:87].str.count(r"\[") == 0).any()
    assert (table.text.str.len() <= 90).all()
    assert table.text.str.contains(r"\[[^\]]+\]").all()
    assert list(table.columns) == list(full.columns) and list(table.sentence) == list(full.sentence)


def test_a_legend_beside_the_axes_is_inside_the_saved_figure():
    from analysis.views.sentiment_figures import plot_entity_sentiment

    frame = pd.DataFrame({"doc": ["x", "y"], "entity": ["Kim", "Kim"], "sentences": [2, 5], "compound": [0.1, -0.2]})
    fig = plot_entity_sentiment(frame, {"x": "a rather long name for the analytical chapter", "y": "news"})
    renderer = fig.canvas.get_renderer()
    saved = fig.get_tightbbox(renderer)  # what savefig(bbox_inches="tight") keeps, in inches
    for legend in [a for a in fig.axes[0].get_children() if isinstance(a, matplotlib.legend.Legend)]:
        assert legend.get_window_extent(renderer).x1 <= saved.x1 * fig.dpi + 1


def test_group_figures_keep_their_basis(tmp_path):
    """Groups: the profile shows each group's mean in all voices (no voice split), and the keyness
    title counts only words that pass and are spread over their group."""
    import analysis
    from analysis.framing import frames
    from analysis.groups import compare

    lines = ["id,file,title,leaning"]
    for i in range(8):
        text = ("The war and the conflict raised prices. \"It is a crisis,\" the minister said."
                if i < 4 else "Taxes rose and the economy slowed. The budget costs families money.")
        (tmp_path / f"d{i}.txt").write_text(text + f" Day {i}.", encoding="utf-8")
        lines.append(f"d{i},d{i}.txt,Story {i},{'L' if i < 4 else 'R'}")
    (tmp_path / "catalog.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = analysis.load_corpus(tmp_path)
    cmp = compare(corpus, "leaning")
    matches = frames.find_cues(corpus, "generic")
    scores = frames.document_scores(corpus, "generic", matches)
    fig, table = framing_views.profile_figure(scores, cmp, {}, "Generic", corpus, matches)
    assert "mean" in table.columns and "authorial" not in table.columns
    top = framing_views.top_keyness(framing_views.keyness_table(corpus, cmp), cmp, n=5)
    title = framing_views.keyness_figure(top, cmp, {}).axes[0].get_title()
    passing = int((top["key"] & (top["log_odds_z"].abs() >= 1.96)).sum())
    assert title.startswith("Distinctive words" if passing else "Words compared")


def test_keyness_title_carries_the_findings_not_robust_verdict(corpus):
    from analysis.findings import NOT_ROBUST, distinctive_words_finding
    from analysis.groups import compare

    cmp = compare(corpus)
    names = {d.id: d.label for d in corpus}
    top = framing_views.top_keyness(framing_views.keyness_table(corpus, cmp), cmp, n=10)
    title = framing_views.keyness_figure(top, cmp, names).axes[0].get_title()
    verdicts = {distinctive_words_finding(corpus, cmp, side=s).verdict for s in ("a", "b")}
    assert NOT_ROBUST in verdicts  # the seeds: north and shoigu pass at the default prior, not at alpha0 x 10
    assert title.startswith("Distinctive words") and title.endswith("not robust to the prior strength")
