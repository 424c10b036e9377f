"""The central figure-size guard: no saved or shown figure beyond 12 megapixels or 5,000 px a side."""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

import analysis  # noqa: E402
from analysis import figure_limits  # noqa: E402


@pytest.fixture
def figures(tmp_path, monkeypatch):
    monkeypatch.setenv("RDF_FIGURES", str(tmp_path))
    analysis.setup()
    yield tmp_path
    plt.close("all")


def test_max_dpi_by_hand():
    # 10 x 10 in: area limit sqrt(12e6 / 100) = 346.4 dpi, side limit 500 dpi -> 346.4 * 0.98
    assert figure_limits.max_dpi(10, 10) == pytest.approx(346.41 * 0.98, rel=1e-4)
    # 8 x 400 in: side limit 5000 / 400 = 12.5 dpi beats the area limit sqrt(12e6 / 3200) = 61.2
    assert figure_limits.max_dpi(8, 400) == pytest.approx(12.5 * 0.98)


def test_within_limits_edges():
    assert figure_limits.within_limits(5000, 2400)
    assert not figure_limits.within_limits(5001, 10)
    assert not figure_limits.within_limits(4000, 3001)  # 12,004,000 px


def test_a_small_figure_is_saved_at_the_usual_resolution(figures):
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1])
    path = analysis.save_figure(fig, "09-small.png")
    width, height = figure_limits.image_size(path)
    plain = io.BytesIO()
    fig.savefig(plain, format="png", dpi=150)  # what the style asks for, with its tight box
    assert (width, height) == Image.open(plain).size
    assert 400 < width < 650


@pytest.mark.parametrize("size", [(8, 240), (60, 60), (200, 3)])
def test_a_huge_figure_is_saved_and_shown_within_the_limits(figures, size):
    fig, ax = plt.subplots(figsize=size)
    ax.set_title("one panel per document")
    path = analysis.save_figure(fig, "09-huge.png")
    width, height = figure_limits.image_size(path)
    assert figure_limits.within_limits(width, height), (width, height)
    assert max(width, height) > 2000  # lowered only as far as needed, not to a thumbnail
    shown = io.BytesIO()  # the inline backend prints at the figure's own dpi with a tight box
    fig.savefig(shown, format="png", dpi=fig.dpi, bbox_inches="tight")
    assert figure_limits.within_limits(*Image.open(shown).size)
    assert figure_limits.oversized(figures) == []


def test_oversized_names_the_file(tmp_path):
    Image.new("L", (5200, 10)).save(tmp_path / "wide.png")
    Image.new("L", (100, 100)).save(tmp_path / "fine.png")
    assert figure_limits.oversized(tmp_path) == ["wide.png: 5200 × 10 px"]


def test_a_figure_too_large_for_any_resolution_is_refused_in_one_line(figures):
    fig, _ = plt.subplots(figsize=(8, 2700))  # one panel per document of a 428-article corpus
    with pytest.raises(figure_limits.FigureTooLarge, match="cannot be saved within 12,000,000 pixels"):
        analysis.save_figure(fig, "09-bomb.png")
    assert not (figures / "09-bomb.png").exists()
