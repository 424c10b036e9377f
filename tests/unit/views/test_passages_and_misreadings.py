"""Per-corpus notebook prose (analysis.views.passages) and the misreading boxes (analysis.views.misreadings):
the seeds' story only on the seeds, a general wording elsewhere, numbers computed from the tables."""
from __future__ import annotations

import re
import shutil

import nbformat
import pytest

import analysis
from analysis import paths
from analysis.framing import frames
from analysis.report import notebook_paths
from analysis.views import common, misreadings, passages

# words that only the two seed texts explain: none may appear on another corpus
SEED_WORDS = ("analytical chapter", "news piece", "the chapter", "Vostochny", "Kim", "Putin", "cathedral",
              "comrade", "Shoigu”", "treaty", "treaties", "Pyongyang", "face-saving")
CALL = re.compile(r'passages\.text\("([\w-]+)", "([\w-]+)"')


@pytest.fixture(scope="module")
def seeds():
    return analysis.load_corpus(paths.SEEDS)


@pytest.fixture(scope="module")
def other(tmp_path_factory):
    """The seed files in a folder of their own: the same words, but not the repository's seeds."""
    folder = tmp_path_factory.mktemp("other")
    for path in paths.SEEDS.glob("*.txt"):
        shutil.copy(path, folder / path.name)
    (folder / "corpus.toml").write_text('title = "Climate coverage"\nunit = "article"\n', encoding="utf-8")
    return analysis.load_corpus(folder)


def _seed_words(text: str) -> list[str]:
    return [w for w in SEED_WORDS if w.lower() in text.lower()]


def _framing_tables(corpus):
    generic = frames.find_cues(corpus, "generic")
    policy = frames.find_cues(corpus, "policy")
    return (frames.document_scores(corpus, "generic", generic), policy,
            frames.document_scores(corpus, "policy", policy))


def test_no_notebook_cell_hides_a_second_text_in_its_metadata():
    for path in notebook_paths():
        nb = nbformat.read(path, as_version=4)
        hidden = [i for i, c in enumerate(nb.cells) if "rdf_corpus" in c.metadata]
        assert not hidden, f"{path.name}: cells {hidden} carry per-corpus text in their metadata"
        boxes = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and "Common misreadings" in c.source]
        assert not boxes, f"{path.name}: cells {boxes} type a misreading box by hand"


def test_every_passage_a_notebook_shows_exists_and_every_passage_is_shown():
    used = set()
    for path in notebook_paths():
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                used.update(CALL.findall(cell.source))
    for notebook, key in used:
        assert key in passages.keys(notebook), f"{notebook} shows passage {key!r}, which does not exist"
    defined = {(p.stem, key) for p in passages.FOLDER.glob("*.toml") for key in passages.keys(p.stem)}
    assert defined == used, f"passages never shown: {sorted(defined - used)}"


def test_passages_tell_the_seeds_story_only_on_the_seeds(seeds, other):
    for path in sorted(passages.FOLDER.glob("*.toml")):
        for key in passages.keys(path.stem):
            on_seeds = passages.text(path.stem, key, seeds)
            elsewhere = passages.text(path.stem, key, other)
            assert on_seeds, f"{path.stem}/{key} is empty on the seeds"
            assert not _seed_words(elsewhere), f"{path.stem}/{key} on another corpus: {_seed_words(elsewhere)}"
            assert "{" not in elsewhere, f"{path.stem}/{key}: a placeholder left unfilled"
    overview = passages.text("01-framing", "overview", other)
    assert "2 articles" in overview and "Vostochny" in passages.text("01-framing", "overview", seeds)


def test_the_framing_box_cites_the_computed_counts(seeds):
    generic_scores, policy, policy_scores = _framing_tables(seeds)
    box = misreadings.framing_box(seeds, generic_scores, policy, policy_scores)
    lead = misreadings.closest_top_two(generic_scores)
    rows = generic_scores[generic_scores.doc == lead["doc"]].sort_values("hits", ascending=False)
    assert [lead["hits_first"], lead["hits_second"]] == rows.hits.head(2).tolist()
    assert f"has {lead['hits_first']} cue hits" in box and f"{lead['hits_second']}:" in box
    assert "single cue" not in box  # the stale claim: the two counts are computed, and differ by what they differ
    topic = misreadings.dominant_cue(policy, policy_scores)
    live = policy[~policy.negated & (policy.doc == topic["doc"]) & (policy.frame == topic["frame"])]
    assert (topic["hits"], topic["cue_hits"]) == (len(live), int((live.cue == topic["cue"]).sum()))
    assert f"{topic['cue_hits']} of the {topic['hits']}" in box
    assert "Cathedral-like" in box and "comrade-in-arms" in box  # the seeds' own examples, on the seeds


def test_misreading_boxes_carry_no_seed_wording_on_another_corpus(other):
    generic_scores, policy, policy_scores = _framing_tables(other)
    comparison = common.comparison(other)
    boxes = [misreadings.framing_box(other, generic_scores, policy, policy_scores),
             misreadings.sentiment_box(other, comparison), misreadings.entities_box(other),
             misreadings.compare_box(other)]
    for box in boxes:
        assert box.startswith("> **Common misreadings**")
        assert not _seed_words(box), _seed_words(box)


def test_the_sentiment_box_states_the_watch_list_shift_it_computes(seeds):
    comparison = common.comparison(seeds)
    shifts = misreadings.watchlist_shift(comparison)
    box = misreadings.sentiment_box(seeds, comparison)
    assert len(shifts) == 2
    for shift in shifts:
        assert f"{shift['before']:+.3f} → {shift['after']:+.3f}" in box
