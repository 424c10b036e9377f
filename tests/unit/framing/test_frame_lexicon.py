"""benchmarks.frame_lexicon: the candidate block of cues.csv and the cuts of
thresholds.csv rewritten in place, seed-written rows and other columns untouched."""
from __future__ import annotations

import pytest

from benchmarks.frame_lexicon import cue_rows, threshold_rows


def _row(scheme: str, frame: str, cue: str) -> dict[str, str]:
    return {"scheme": scheme, "frame": frame, "cue": cue}


CANDIDATES = [("conflict", "=critic"), ("conflict", "argu*"), ("human_interest", "=I"), ("human_interest", "home"),
              ("economic_consequences", "jobs")]
ROWS = [_row("generic", "conflict", "war"), _row("generic", "human_interest", "family"),
        _row("policy", "economic", "jobs"), _row("generic", "conflict", "argu*"),
        _row("generic", "human_interest", "home"), _row("generic", "conflict", "=critic")]


def test_kept_rows_stay_dropped_go_new_ones_append_in_candidate_order():
    out = cue_rows(ROWS, CANDIDATES, [("economic_consequences", "jobs"), ("conflict", "=critic"),
                                      ("human_interest", "=I"), ("conflict", "argu*")])
    assert [(r["scheme"], r["frame"], r["cue"]) for r in out] == [
        ("generic", "conflict", "war"), ("generic", "human_interest", "family"), ("policy", "economic", "jobs"),
        ("generic", "conflict", "argu*"), ("generic", "conflict", "=critic"),
        ("generic", "human_interest", "=I"), ("generic", "economic_consequences", "jobs")]
    assert cue_rows(out, CANDIDATES, [("economic_consequences", "jobs"), ("conflict", "=critic"),
                                      ("human_interest", "=I"), ("conflict", "argu*")]) == out


def test_no_candidate_kept_leaves_the_seed_written_rows():
    out = cue_rows(ROWS, CANDIDATES, [])
    assert out == ROWS[:3]
    assert cue_rows(out, CANDIDATES, [("conflict", "argu*")])[-1] == _row("generic", "conflict", "argu*")


def test_thresholds_rewritten_for_the_scheme_only():
    rows = [{"scheme": "generic", "frame": "conflict", "min_hits": "2", "min_rate": "1.427", "chosen_on": "dev, in-sample"},
            {"scheme": "policy", "frame": "economic", "min_hits": "3", "min_rate": "", "chosen_on": "x"}]
    out = threshold_rows(rows, {"conflict": (3, 2.5)})
    assert out[0] == {**rows[0], "min_hits": "3", "min_rate": "2.5"}
    assert out[1] == rows[1]
    with pytest.raises(SystemExit, match="morality"):
        threshold_rows(rows, {"morality": (1, 1.0)})
