"""The benchmark's own logic (no timings): scaled corpora and the derived tables."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import load_corpus, paths

from benchmarks import corpora, tables


@pytest.fixture(scope="module")
def scaled(corpus, tmp_path_factory):
    folder = corpora.build(corpus, 3, tmp_path_factory.mktemp("x3"))
    return folder, load_corpus(folder)


def test_scaled_corpus_has_n_variants_per_seed_with_the_seed_layout(corpus, scaled):
    folder, big = scaled
    assert len(big) == 3 * len(corpus)
    assert big.ids[:3] == [f"{corpus.ids[0]}-v{k}" for k in range(3)]
    for doc in corpus:
        variant = big[f"{doc.id}-v1"]
        assert len(variant.paragraphs) == len(doc.paragraphs)
        assert [h.text for h in variant.headings] == [h.text for h in doc.headings]
        assert variant.raw != doc.raw


def test_scaled_corpus_is_reproducible_and_sentences_are_new(corpus, scaled, tmp_path):
    folder, big = scaled
    again = corpora.build(corpus, 3, tmp_path / "again")
    assert [p.read_text() for p in sorted(again.glob("*.txt"))] == [p.read_text() for p in sorted(folder.glob("*.txt"))]
    seed_sentences = {s.norm for d in corpus for s in d.sentences}
    new = [s.norm for d in big for s in d.sentences]
    assert sum(n not in seed_sentences for n in new) / len(new) > 0.9
    assert corpora.distinct_share(big) > 0.9


def test_names_are_swapped_whole_words_only():
    import random

    pools = dict(corpora.name_pools())
    text = corpora._swap_names(random.Random(1), "Shoigu met Shoiguland; Sergei Shoigu left.")
    first, rest = text.split(" met ", 1)
    assert first in pools["Shoigu"]
    assert "Shoiguland" in rest and f"{first} left." in rest


def _throughput(rows):
    return pd.DataFrame(rows, columns=["kind", "stage", "scale", "docs", "tokens", "seconds", "tokens_per_s", "method"])


def test_overhead_and_scaling_tables():
    rows = [("ours", "sentiment", 10, 20, 1000, 2.0, 500.0, "measured"),
            ("bare", "vaderSentiment polarity_scores", 10, 20, 1000, 1.0, 1000.0, "measured"),
            ("ours", "sentiment", 100, 200, 10000, 40.0, 250.0, "measured"),
            ("bare", "vaderSentiment polarity_scores", 100, 200, 10000, 10.0, 1000.0, "measured")]
    over = tables.overhead(_throughput(rows))
    assert list(over.ratio) == [2.0, 4.0]
    assert not over["meets_1.10"].any()
    growth = tables.scaling(_throughput(rows)).set_index("stage")
    # 10x the tokens took 20x the time: exponent log(20)/log(10)
    assert growth.loc["sentiment", "growth exponent"] == pytest.approx(math.log(20) / math.log(10))


def test_whole_pipeline_against_the_ner_floor():
    rows = [("ours", "load+clean+tokenize", 100, 200, 10000, 1.0, 1e4, "measured"),
            ("ours", "entities", 100, 200, 10000, 10.0, 1e3, "measured"),
            ("bare", "spaCy nlp.pipe, 2 processes", 100, 200, 10000, 10.0, 1e3, "measured")]
    table = tables.whole_pipeline(_throughput(rows))
    assert table.ratio.tolist() == [pytest.approx(1.1)]
    assert bool(table["meets_1.10"].iloc[0])


def test_readme_block_is_replaced(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"intro\n{tables.README_START}\nold\n{tables.README_END}\nafter\n")
    tables.update_readme(readme, "new table")
    assert readme.read_text() == f"intro\n{tables.README_START}\nnew table\n{tables.README_END}\nafter\n"
    plain = tmp_path / "plain.md"
    plain.write_text("no markers here\n")
    with pytest.raises(ValueError):
        tables.update_readme(plain, "x")
