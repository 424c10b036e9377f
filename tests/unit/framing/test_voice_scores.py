"""Frames in all voices and in the writers' own words, side by side (issue 24)."""
from analysis.views.framing import voice_scores


def test_all_voices_beside_authorial(corpus):
    table = voice_scores(corpus, "metaphor").set_index(["doc", "frame"])
    kin = table.loc[("news-shoigu-2025", "kinship")]
    assert (kin.hits, kin.authorial_hits, kin.others) == (6, 2, 4)  # Kim's quoted hailing is not the writer's
    assert kin.score == 9.852 and kin.authorial_score == 3.284
    assert (table["hits"] >= table["authorial_hits"]).all()
