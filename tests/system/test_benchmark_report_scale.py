"""The 1,000-article benchmark corpus: real climate articles and seeded variants keeping their catalog rows."""
from __future__ import annotations

import csv

from benchmarks import report_scale
from shared_corpus import needs_dev

pytestmark = needs_dev


def test_scaled_climate_corpus_keeps_catalog_rows_and_makes_new_texts(tmp_path):
    folder = report_scale.build_corpus(tmp_path, 260)
    with (folder / "catalog.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 260 and len({r["id"] for r in rows}) == 260
    assert [r["id"] for r in rows[:2]] == ["0-v0", "2-v0"] and rows[253]["id"] == "0-v1"
    assert rows[253]["mbfc"] == rows[0]["mbfc"] == "right_bias" and rows[253]["published"] == rows[0]["published"]
    original, variant = ((folder / f"{r['id']}.txt").read_text(encoding="utf-8") for r in (rows[0], rows[253]))
    assert original != variant and 0.5 < len(variant) / len(original) < 2
    assert sum(r["mbfc"] in ("left_bias", "left_center_bias") for r in rows[:253]) == 142
    (tmp_path / "again").mkdir()
    again = report_scale.build_corpus(tmp_path / "again", 260)
    assert (again / "0-v1.txt").read_text(encoding="utf-8") == variant  # seeded: the same files every run
