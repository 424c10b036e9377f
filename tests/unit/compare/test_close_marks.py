"""'Closest' marks only where a passage is close: from a stated cosine (CLOSE_SIMILARITY) up;
below it the figure draws no mark and the sentence explorer says "no close passage"."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from analysis.compare import Comparer, Controls  # noqa: E402
from analysis.compare.alignment import CLOSE_SIMILARITY, align, plot_alignment  # noqa: E402


def test_alignment_marks_only_rows_whose_best_cosine_reaches_the_threshold(chapter, news):
    al = align(chapter, news)
    best = al.matrix.max(axis=1)
    fig = plot_alignment(al, "chapter", "news")
    marks = fig.axes[0].collections[0].get_offsets()
    assert len(marks) == int((best >= CLOSE_SIMILARITY).sum())
    assert 0 < len(marks) < int((best > 0).sum())  # rows with a weak best match get no circle
    rows = np.asarray(marks)[:, 1].astype(int)
    assert (best[rows] >= CLOSE_SIMILARITY).all()
    legend = fig.axes[0].get_legend().get_texts()[0].get_text()
    assert f"cosine reaches {CLOSE_SIMILARITY:g}" in legend and "no close passage" in legend
    plt.close(fig)


def test_explorer_says_no_close_passage_below_the_threshold(corpus, chapter, news):
    comparer = Comparer(corpus)
    al = comparer.alignment(chapter.id, news.id, "sentence")
    best = al.matrix.max(axis=1)
    weak = int(np.flatnonzero((best > 0) & (best < CLOSE_SIMILARITY))[0])
    _, right = comparer.explore(chapter.id, news.id, weak, Controls(top_n=3))
    assert "no close passage" in right and f"below {CLOSE_SIMILARITY:g}" in right
    assert 'class="rdf-sentence"' not in right
    _, right = comparer.explore(chapter.id, news.id, 49, Controls(top_n=3))
    assert right.count('class="rdf-sentence"') == int((al.matrix[49] >= CLOSE_SIMILARITY).sum())
