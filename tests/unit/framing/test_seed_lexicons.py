"""Seed-written lists (the metaphor fields) are off by default on corpora other than the seeds, and the
metaphor bullet is generated from every field in both directions (issue 24)."""
import pandas as pd

from analysis.views.framing_findings import SEED_OFF, _metaphor_pair
from analysis.paths import SEEDS, seed_lexicons


def _table():
    rows = [("a", "theater", 3), ("b", "theater", 0), ("a", "kinship", 1), ("b", "kinship", 4),
            ("a", "hunger", 0), ("b", "hunger", 2), ("a", "sacred", 1), ("b", "sacred", 1)]
    return pd.DataFrame(rows, columns=["doc", "frame", "hits"])


def test_switch_defaults_to_the_seeds_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("RDF_SEED_LEXICONS", raising=False)
    monkeypatch.setenv("RDF_SEEDS", str(SEEDS))
    assert seed_lexicons()
    monkeypatch.setenv("RDF_SEEDS", str(tmp_path))
    assert not seed_lexicons()
    monkeypatch.setenv("RDF_SEED_LEXICONS", "1")
    assert seed_lexicons()
    monkeypatch.setenv("RDF_SEEDS", str(SEEDS))
    monkeypatch.setenv("RDF_SEED_LEXICONS", "0")
    assert not seed_lexicons()


def test_metaphor_bullet_lists_every_field_both_ways(monkeypatch):
    monkeypatch.setenv("RDF_SEED_LEXICONS", "1")
    [line] = _metaphor_pair(_table(), "a", "b", "A", "B")
    assert "more in A: theater 3 vs 0;" in line
    assert "more in B: kinship 1 vs 4, hunger 0 vs 2;" in line
    assert "as many: sacred 1 vs 1." in line
    assert "written on the seeds" in line


def test_metaphor_bullet_off_on_other_corpora(monkeypatch, tmp_path):
    monkeypatch.delenv("RDF_SEED_LEXICONS", raising=False)
    monkeypatch.setenv("RDF_SEEDS", str(tmp_path))
    assert _metaphor_pair(_table(), "a", "b", "A", "B") == [SEED_OFF]


def test_field_text_is_off_on_other_corpora(monkeypatch, tmp_path, corpus):
    from analysis.framing import frames
    from analysis.views.framing import field_text
    from analysis.groups import compare

    scores = frames.document_scores(corpus, "metaphor")
    cmp = compare(corpus)
    names = {d.id: d.id for d in corpus}
    monkeypatch.delenv("RDF_SEED_LEXICONS", raising=False)
    monkeypatch.setenv("RDF_SEEDS", str(SEEDS))
    assert field_text(scores, cmp, names).startswith("*Metaphor fields: written on the seeds")
    monkeypatch.setenv("RDF_SEEDS", str(tmp_path))
    assert field_text(scores, cmp, names) == SEED_OFF
