"""The comparison app: escaped HTML, lenses, linked controls, caching."""
from __future__ import annotations

import re

import pytest

from analysis.compare import html as hv
from analysis import load_corpus
from analysis.compare import lens as lenses
from analysis.compare.engine import Comparer
from analysis.compare.lens import Controls, Lens
from analysis.corpus.terms import kwic
from analysis.compare.widgets import CompareApp, latency, snapshot

ATTACKS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>']
RAW_TAG = re.compile(r"<\s*(script|img|svg)\b", re.I)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Two documents whose sentences carry markup, loaded from a folder without a catalog."""
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "alpha.txt").write_text(
        f"Sanctions hit the regime {ATTACKS[0]} hard. The treaty was signed {ATTACKS[1]} in June.\n\n"
        f"Kim met Putin in Moscow {ATTACKS[2]} on Tuesday.", encoding="utf-8")
    (folder / "beta.txt").write_text(
        f"New sanctions were announced {ATTACKS[1]} today.\n\nThe treaty {ATTACKS[0]} worries Seoul.",
        encoding="utf-8")
    return load_corpus(folder)


@pytest.fixture(scope="module")
def app(corpus):
    return CompareApp(corpus)


# ------------------------------------------------------------------ htmlview
@pytest.mark.parametrize("attack", ATTACKS)
def test_every_html_builder_escapes(attack):
    import pandas as pd

    outputs = [
        hv.esc(attack),
        hv.panel(attack, "", attack),
        hv.table(pd.DataFrame({attack: [attack, 1.23456]}), caption=attack),
        hv.bars([attack], [1.0]),
    ]
    for out in outputs:
        assert not RAW_TAG.search(out), out
        assert "&lt;" in out


def test_marks_escape_labels_and_text(hostile):
    doc = hostile["alpha"]
    sentence = doc.sentences[0]
    start = doc.raw.index("<script>")
    mark = hv.Mark(start, start + len(ATTACKS[0]), ATTACKS[2], tag=ATTACKS[1])
    out = hv.sentence_block(doc, sentence, [mark], score=-0.5, note=ATTACKS[0])
    assert not RAW_TAG.search(out)
    assert out.count("&lt;script&gt;") == 2  # the marked text and the note
    assert 'title="&quot;&gt;&lt;svg' in out  # the attribute cannot be closed from the text


def test_marked_text_places_marks_and_cuts_citations(chapter):
    sentence = next(s for s in chapter.sentences if "ballistic missile" in s.text)
    assert "[citation" in chapter.raw[sentence.start:sentence.end + 30]
    start = chapter.raw.index("ballistic missile", sentence.start)
    out = hv.marked_text(chapter, sentence, [hv.Mark(start, start + 17, "weapon", tag="W")])
    assert "<mark" in out and ">ballistic missile<sub" in out and "</sub></mark>" in out
    assert "[citation" not in out and "See [" not in out
    # overlapping marks: the earlier, longer one wins; a mark outside the sentence is ignored
    marks = [hv.Mark(start, start + 17, "a"), hv.Mark(start + 10, start + 17, "b"), hv.Mark(0, 5, "outside")]
    assert hv.marked_text(chapter, sentence, marks).count("<mark") == 1


def test_tone_style_colours():
    assert hv.tone_style(None) == ""
    assert hv.tone_style(0.01) == "background:#f2f2f2;"
    assert "213,94,0" in hv.tone_style(-0.8)      # vermillion
    assert "0,114,178" in hv.tone_style(0.8)      # blue
    assert hv.tone_style(5) == hv.tone_style(1)   # clipped


# ---------------------------------------------------------------- comparer
def test_every_lens_renders_both_sides(corpus):
    comparer = Comparer(corpus)
    left, right = corpus.pair()
    for item in lenses.all_lenses():
        a, b = comparer.views(item.name, left.id, right.id, Controls(top_n=3, scheme="generic", term="treaty"))
        assert left.label in a and right.label in b, item.name
        assert a != b


def test_lens_compute_runs_once_per_document(corpus, monkeypatch):
    calls = []

    def compute(comparer, doc):
        calls.append(doc.id)
        return len(doc.sentences)

    counting = Lens("count", "Count", "sentences", lambda ctx: hv.panel(ctx.doc.label, str(ctx.data)), compute=compute)
    lenses.all_lenses()  # the built-in lenses loaded before the registry is copied
    monkeypatch.setattr(lenses, "_LENSES", dict(lenses._LENSES))  # the registry as it was, after the test
    lenses.register(counting)
    comparer = Comparer(corpus)
    left, right = corpus.pair()
    for top_n in (1, 2, 3):
        a, b = comparer.views("count", left.id, right.id, Controls(top_n=top_n))
    assert sorted(calls) == sorted([left.id, right.id])
    assert str(len(left.sentences)) in a


def test_unknown_lens_and_document(corpus):
    comparer = Comparer(corpus)
    with pytest.raises(LookupError):
        comparer.views("astrology", *corpus.ids[:2], Controls())
    with pytest.raises(LookupError):
        comparer.views("kwic", "no-such-doc", corpus.ids[0], Controls())


def test_explorer_shows_evidence_and_aligned_passages(corpus):
    comparer = Comparer(corpus)
    left, right = corpus.pair()
    a, b = comparer.explore(left.id, right.id, 49, Controls(top_n=2))
    assert "sentiment" in a and "entities:" in a and "Sergei Shoigu" in a
    assert 'data-index="2"' in b and "similarity 0.228" in b
    assert b.count('class="rdf-sentence"') == 1  # the second most similar is below CLOSE_SIMILARITY
    para_a, para_b = comparer.explore(left.id, right.id, 49, Controls(top_n=1, unit="paragraph"))
    assert "paragraph" in para_a and "paragraph" in para_b


# --------------------------------------------------------------------- app
def test_app_defaults_to_chapter_and_news(app, chapter, news):
    assert (app.left.value, app.right.value) == (chapter.id, news.id)
    assert app.sentence.max == len(chapter.sentences) - 1
    assert chapter.label in app.left_pane.value and news.label in app.right_pane.value
    assert list(app.scheme.options)[:2] == ["generic", "policy"]


def test_app_term_drives_the_concordance(app, chapter, news):
    app.set(lens="kwic", term="treaty", top_n=5)
    assert f"{len(kwic(chapter, 'treaty'))} hits of “treaty”" in app.left_pane.value
    assert f"{len(kwic(news, 'treaty'))} hits of “treaty”" in app.right_pane.value
    app.term.value = "Pyongyang"  # a single control change re-renders on its own
    assert f"{len(kwic(news, 'Pyongyang'))} hits of “Pyongyang”" in app.right_pane.value
    assert not app.term.disabled and app.scheme.disabled
    app.set(lens="frames", scheme="metaphor")
    assert app.term.disabled and not app.scheme.disabled
    assert "scheme “metaphor”" in app.left_pane.value and "Theater and performance" in app.left_pane.value
    app.set(lens="passages", term="sanctions", top_n=8)


def test_app_swap_and_document_change_are_linked(app, chapter, news):
    app.sentence.value = 40
    app.swap.click()
    assert (app.left.value, app.right.value) == (news.id, chapter.id)
    assert app.sentence.max == len(news.sentences) - 1 and app.sentence.value == len(news.sentences) - 1
    assert news.label in app.left_sentence.value.split("</div>")[0] + app.left_sentence.value
    app.swap.click()
    assert app.left.value == chapter.id and app.sentence.max == len(chapter.sentences) - 1
    app.sentence.value = 0


def test_snapshot_is_static_html_of_the_current_view(app):
    html = snapshot(app)
    assert app.left_pane.value in html and app.right_sentence.value in html
    assert "Lens: Passages" in html


def test_latency_reports_every_lens_and_restores_state(app):
    before = (app.lens.value, app.top_n.value, app.sentence.value, app.left_pane.value)
    timings = latency(app, repeats=2)
    assert list(timings.view) == [l.name for l in lenses.all_lenses()] + ["sentence explorer"]
    assert (timings.change_ms > 0).all()
    assert (app.lens.value, app.top_n.value, app.sentence.value, app.left_pane.value) == before


def test_app_on_hostile_corpus_never_emits_markup(hostile):
    app = CompareApp(hostile)
    views = []
    for item in lenses.all_lenses():
        for term in ("sanctions", "treaty", "<script>"):
            app.set(lens=item.name, term=term)
            for sentence in range(app.sentence.max + 1):
                app.sentence.value = sentence
                views += [app.left_pane.value, app.right_pane.value, app.left_sentence.value, app.right_sentence.value]
    assert all(not RAW_TAG.search(v) for v in views)
    assert any("&lt;script&gt;alert(1)&lt;/script&gt;" in v for v in views)
    assert any("&lt;img src=x onerror=alert(1)&gt;" in v for v in views)


def test_single_document_corpus_is_compared_with_itself(tmp_path):
    (tmp_path / "only.txt").write_text("Russia and North Korea signed a treaty. Sanctions followed.", encoding="utf-8")
    app = CompareApp(load_corpus(tmp_path))
    assert app.left.value == app.right.value == "only"
    app.set(lens="vocabulary")
    assert "pick two different documents" in app.left_pane.value
