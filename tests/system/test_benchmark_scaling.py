"""The store scaling benchmark's corpus (new texts, two leanings, two years) and its growth exponents."""
from __future__ import annotations

import csv

from benchmarks import scaling
from shared_corpus import needs_dev


@needs_dev
def test_corpus_is_seeded_new_texts_with_two_leanings_over_two_years(tmp_path):
    folder = scaling.build_corpus(tmp_path, 300)
    with (folder / "catalog.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 300 and len({r["id"] for r in rows}) == 300
    assert {r["leaning"] for r in rows} == {"left", "right"}
    assert all(scaling.OUTLETS[r["outlet"]] == r["leaning"] for r in rows)
    assert "2024-01-01" <= min(r["published"] for r in rows) < "2024-03-01" < "2025-10-01" < max(r["published"] for r in rows)
    texts = [(folder / r["file"]).read_text(encoding="utf-8") for r in rows]
    assert len(set(texts)) == 300 and texts[0] != texts[253]  # the same layout, re-assembled sentences
    (tmp_path / "again").mkdir()
    again = scaling.build_corpus(tmp_path / "again", 300)
    assert (again / rows[-1]["file"]).read_text(encoding="utf-8") == texts[-1]  # seeded


def test_exponents_of_the_timed_columns():
    rows = [{"articles": 1000, "a_s": 10.0, "b_s": 10.0, "c_s": None, "peak_mb": 400},
            {"articles": 3000, "a_s": 30.0, "b_s": 90.0, "c_s": 5.0, "peak_mb": 900}]
    assert scaling.exponents(rows) == {"a_s": 1.0, "b_s": 2.0}
