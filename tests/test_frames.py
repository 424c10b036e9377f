"""Frame dictionaries: cue matching, negation, scores, evidence, validation, CLI."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis import cues, frame_validation, frames, load_corpus
from analysis.cli import main

SCHEMES = ["generic", "policy", "metaphor", "stance"]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A folder of plain .txt files with no catalog."""
    folder = tmp_path_factory.mktemp("framing")
    (folder / "talks.txt").write_text(
        "The two states are not allies in any sense. Their war of words continued as sanctions were imposed.\n\n"
        "The leaders shared a warm embrace, a comrade-in-arms greeting, while officials said the talks may fail.\n"
        "They were not just rivals; they were enemies.\n",
        encoding="utf-8")
    (folder / "money.txt").write_text("Economic costs rose sharply. Trade fell and the budget shrank.\n",
                                      encoding="utf-8")
    return load_corpus(folder)


def test_lexicon_files_are_complete():
    defined = pd.read_csv(cues.LEXICONS / "frames.csv")
    assert set(defined["scheme"]) == set(SCHEMES)
    assert list(defined.loc[defined.scheme == "generic", "frame"]) == [
        "conflict", "human_interest", "economic_consequences", "morality", "responsibility"]
    assert len(defined[defined.scheme == "policy"]) == 14
    assert "external_regulation_reputation" in set(defined["frame"])
    assert defined["source"].str.len().gt(40).all() and defined["definition"].str.len().gt(20).all()
    for scheme in SCHEMES:
        table = frames.frame_table(scheme)
        assert (table["n_cues"] > 0).all(), f"a {scheme} frame has no cue"


def test_cue_syntax_stem_prefix_exact_and_case():
    assert cues.parse_cue("s", "f", "sanctions").elements == (("stem", "sanction"),)
    assert cues.parse_cue("s", "f", "theatric*").elements == (("prefix", "theatric"),)
    assert cues.parse_cue("s", "f", "=arms").elements == (("exact", "arms"),)
    assert cues.parse_cue("s", "f", "=UN").elements == (("cased", "UN"),)
    assert cues.parse_cue("s", "f", "comrade-in-arms").elements == (
        ("stem", "comrad"), ("stem", "in"), ("stem", "arm"))


def test_inflections_multiword_and_hyphens(synthetic, news):
    m = frames.find_cues(synthetic, "generic")
    econ = m[(m.doc == "money") & (m.frame == "economic_consequences")]
    assert list(econ["match"]) == ["Economic", "costs", "Trade", "budget"]  # stem: cost -> costs
    kin = frames.find_cues(news, "metaphor")
    kin = kin[kin.frame == "kinship"]
    assert "comrade-in-arms" not in set(kin["match"])  # comrade* matches the first part only
    assert "side by side" in set(kin["match"].str.lower())  # multi-word cue
    policy = frames.find_cues(news, "policy")
    assert "behind closed doors" in set(policy["match"])


def test_case_sensitive_exact_cue_skips_kim_jong_un(chapter):
    m = frames.find_cues(chapter, "policy")
    un = m[m.cue == "=UN"]
    assert len(un) > 0 and set(un["match"]) == {"UN"}


def test_offsets_point_at_the_matched_words(corpus):
    for scheme in SCHEMES:
        m = frames.find_cues(corpus, scheme)
        for row in m.itertuples():
            raw = corpus[row.doc].raw
            assert " ".join(raw[row.start:row.end].split()) == row.match


def test_negation_in_the_allies_sentence(chapter):
    m = frames.find_cues(chapter, "policy")
    s24 = m[(m["index"] == 24) & (m.frame == "external_regulation_reputation")]
    states = dict(zip(s24["match"], s24["negated"]))
    assert states["summit"] and states["allies"]  # "This was not a summit of allies ..."
    assert not states["outcasts"]  # after the semicolon: a new clause
    scored = frames.sentence_scores(m)
    row = scored[(scored["index"] == 24) & (scored.frame == "external_regulation_reputation")].iloc[0]
    assert row.score == 3 and row.cues == "international; outcasts; global"
    assert row.negated == "not summit; not allies"


def test_not_just_does_not_negate(synthetic, chapter):
    m = frames.find_cues(synthetic, "generic")
    rivals = m[m["match"].isin(["rivals", "enemies"])]
    assert len(rivals) == 2 and not rivals["negated"].any()
    policy = frames.find_cues(chapter, "policy")
    violations = policy[(policy["index"] == 33) & (policy["match"] == "violations")]
    assert len(violations) == 2 and not violations["negated"].any()  # "not just hinting at ... violations"


def test_negated_cues_do_not_score(synthetic):
    m = frames.find_cues(synthetic, "policy")
    allies = m[m["match"] == "allies"].iloc[0]
    assert allies.negated and allies.negator == "not"
    scores = frames.document_scores(synthetic, "policy", m).set_index(["doc", "frame"])
    ext = scores.loc[("talks", "external_regulation_reputation")]
    assert ext.hits == 1 and ext.negated == 1  # sanctions counts, allies does not
    only_negated = frames.sentence_scores(m, negated=False)
    assert not ((only_negated["index"] == 0) & (only_negated["doc"] == "talks")).any()


def test_document_scores_are_traceable(corpus):
    for scheme in SCHEMES:
        m = frames.find_cues(corpus, scheme)
        docs = frames.document_scores(corpus, scheme, m)
        sent = frames.sentence_scores(m)
        assert len(docs) == len(corpus) * len(frames.frame_table(scheme))
        for row in docs.itertuples():
            mine = sent[(sent.doc == row.doc) & (sent.frame == row.frame)]
            assert row.hits == mine["score"].sum()
            assert row.sentences == (mine["score"] > 0).sum()
            words = len(corpus[row.doc].words)
            assert row.score == pytest.approx(1000 * row.hits / words, abs=1e-3)
            assert row.share == pytest.approx(row.sentences / len(corpus[row.doc].sentences), abs=1e-3)


def test_known_scores_on_the_seeds(corpus):
    docs = frames.document_scores(corpus, "generic").set_index(["doc", "frame"])
    assert docs.loc[("news-shoigu-2025", "conflict"), "score"] > docs.loc[("ch49-vostochny", "conflict"), "score"]
    assert docs.loc[("news-shoigu-2025", "morality"), "hits"] == 0
    meta = frames.document_scores(corpus, "metaphor").set_index(["doc", "frame"])
    assert meta.loc[("ch49-vostochny", "theater"), "hits"] > 0
    assert meta.loc[("news-shoigu-2025", "theater"), "hits"] == 0
    assert meta.loc[("news-shoigu-2025", "kinship"), "hits"] > meta.loc[("ch49-vostochny", "kinship"), "hits"]


def test_evidence_marks_cues_and_escapes_html(chapter):
    m = frames.find_cues(chapter, "generic")
    ev = frames.evidence(chapter, m, "morality")
    row = ev[ev["index"] == 27].iloc[0]
    assert "[tyrants]" in row.text and "[monstrous]" in row.text and "[Armageddon]" in row.text
    assert row.score == 3
    html_ev = frames.evidence(chapter, m, "morality", as_html=True)
    assert "<mark>tyrants</mark>" in html_ev[html_ev["index"] == 27].iloc[0].text
    assert frames.mark_cues("a <b> c", [(2, 5)], as_html=True) == "a <mark>&lt;b&gt;</mark> c"


def test_profile_and_top_frames(corpus):
    scores = frames.document_scores(corpus, "generic")
    table = frames.profile(scores)
    assert list(table.columns) == corpus.ids and list(table.index)[0] == "conflict"
    top = frames.top_frames(scores, 1)
    assert set(top["doc"]) == set(corpus.ids)
    assert all(r.score == scores[scores.doc == r.doc]["score"].max() for r in top.itertuples())


def test_unknown_scheme_raises_keyerror():
    with pytest.raises(KeyError, match="schemes are"):
        cues.load_lexicon("nonsense")


# --- validation ------------------------------------------------------------------------------

def test_metrics_on_a_toy_comparison():
    comparison = pd.DataFrame({
        "coded": [("conflict",), ("conflict", "morality"), (), ("morality",)],
        "predicted": [("conflict",), ("conflict",), ("conflict",), ()],
    })
    table = frame_validation.metrics(comparison, "generic").set_index("frame")
    c = table.loc["conflict"]
    assert (c.tp, c.fp, c.fn, c.precision, c.recall) == (2, 1, 0, 0.667, 1.0)
    mo = table.loc["morality"]
    assert (mo.tp, mo.fn, mo.recall) == (0, 2, 0.0) and pd.isna(mo.precision)
    micro = table.loc["micro"]
    assert (micro.tp, micro.fp, micro.fn, micro.precision, micro.recall) == (2, 1, 2, 0.667, 0.5)


def test_validation_sample_is_sound(corpus):
    sample = frame_validation.load_sample()
    assert set(sample["scheme"]) == {"generic", "policy"}
    for scheme in ("generic", "policy"):
        part = sample[sample.scheme == scheme]
        assert 30 <= len(part) <= 40 and not part.duplicated(["doc", "index"]).any()
        comparison = frame_validation.compare(corpus, scheme)
        assert len(comparison) == len(part)  # every coded sentence exists
        table = frame_validation.validate(corpus, scheme)
        assert table.iloc[-1].frame == "micro" and 0 <= table.iloc[-1].precision <= 1


def test_validation_skips_documents_not_in_corpus(synthetic):
    assert frame_validation.compare(synthetic, "generic").empty


# --- CLI --------------------------------------------------------------------------------------

def test_cli_sentence_view_has_cues(capsys):
    assert main(["frames", "--doc", "ch49-vostochny", "--frame", "morality", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"doc", "index", "frame", "score", "cues"} <= set(rows[0])
    assert any(r["index"] == 27 and "tyrants" in r["cues"] for r in rows)


def test_cli_document_view_and_devices(capsys):
    assert main(["frames", "--scheme", "devices", "--by", "document", "--format", "csv"]) == 0
    table = pd.read_csv(pd.io.common.StringIO(capsys.readouterr().out))
    assert {"metaphor", "stance", "attribution"} == set(table["scheme"])
    assert table[(table.scheme == "attribution") & (table.frame == "contentious")
                 & (table.doc == "news-shoigu-2025")]["hits"].item() == 2


def test_cli_on_a_folder_without_catalog(synthetic, capsys):
    assert main(["frames", "--seeds", str(synthetic.folder), "--scheme", "policy", "--by", "cue",
                 "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert any(r["match"] == "allies" and r["negated"] for r in rows)


def test_cli_bad_frame_exits_2(capsys):
    assert main(["frames", "--scheme", "policy", "--frame", "conflict"]) == 2  # a generic frame
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no frame 'conflict' in scheme 'policy'" in err


def test_cli_unknown_doc_in_a_subprocess():
    proc = subprocess.run([sys.executable, "-m", "analysis", "frames", "--doc", "no-such-doc"],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("error:")


def test_no_is_a_negator(news):
    """Regression: unquoted `no` in YAML is the boolean false; the rules must hold the word."""
    assert {"no", "not", "never", "n't", "without"} <= cues.settings().negators
    m = frames.find_cues(news, "policy")
    neighbours = m[(m["index"] == 23) & (m["match"] == "neighbors")].iloc[0]
    assert neighbours.negated and neighbours.negator == "no"  # "no longer merely neighbors"
    stance = frames.find_cues(load_corpus(news.entry.file.parent), "stance")
    assert not stance[stance["match"] == "no doubt"]["negated"].any()  # the negator is part of the cue


def test_document_without_any_cue_scores_zero(tmp_path):
    from analysis import load_corpus
    from analysis import frames as frames_module
    from analysis.cues import find_cues

    (tmp_path / "plain.txt").write_text("The cat sat on the mat. It was grey.", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    empty = find_cues(corpus, "generic")
    assert empty.empty and empty.negated.dtype == bool
    scores = frames_module.document_scores(corpus, "generic")
    assert (scores.hits == 0).all() and len(scores) == len(frames_module.frame_table("generic"))
