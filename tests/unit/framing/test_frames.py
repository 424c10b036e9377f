"""Frame dictionaries: cue matching, negation, scores, evidence, validation, CLI."""
from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis import load_corpus
from analysis.framing import cues, validation as frame_validation, frames
from analysis.cli.main import main

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
    s24 = m[(m["sentence"] == 24) & (m.frame == "external_regulation_reputation")]
    states = dict(zip(s24["match"], s24["negated"]))
    # "This was not a summit of allies ...": the negation reaches the complement, not the head noun
    assert not states["summit"] and states["allies"]
    assert not states["outcasts"]  # after the semicolon: a new clause
    scored = frames.sentence_scores(m)
    row = scored[(scored["sentence"] == 24) & (scored.frame == "external_regulation_reputation")].iloc[0]
    assert row.score == 4 and row.cues == "summit; international; outcasts; global"
    assert row.negated == "not allies"


def test_negation_spares_capitalised_name_tokens(chapter):
    m = frames.find_cues(chapter, "policy")
    foreign = m[m["match"] == "Foreign"]  # "... were not from the Foreign Ministry, but ..."
    assert len(foreign) == 1 and not foreign["negated"].any()


def test_negation_scopes_to_complements_and_modifiers_on_a_made_up_sentence(tmp_path):
    (tmp_path / "made.txt").write_text(
        "It was not a summit between allies. The envoy did not visit the Foreign Office. "
        "There was not a warm summit. Officials saw no summit of allies.\n", encoding="utf-8")
    m = frames.find_cues(load_corpus(tmp_path), "policy")
    state = {(r.sentence, r.match): r.negated for r in m.itertuples()}
    assert state[(0, "summit")] is False and state[(0, "allies")] is True
    assert state[(1, "Foreign")] is False
    assert state[(2, "summit")] is True  # no complement follows: the head itself is denied
    assert state[(3, "summit")] is True and state[(3, "allies")] is True  # "no" is a determiner


def test_not_just_does_not_negate(synthetic, chapter):
    m = frames.find_cues(synthetic, "generic")
    rivals = m[m["match"].isin(["rivals", "enemies"])]
    assert len(rivals) == 2 and not rivals["negated"].any()
    policy = frames.find_cues(chapter, "policy")
    violations = policy[(policy["sentence"] == 33) & (policy["match"] == "violations")]
    assert len(violations) == 2 and not violations["negated"].any()  # "not just hinting at ... violations"


def test_negated_cues_do_not_score(synthetic):
    m = frames.find_cues(synthetic, "policy")
    allies = m[m["match"] == "allies"].iloc[0]
    assert allies.negated and allies.negator == "not"
    scores = frames.document_scores(synthetic, "policy", m).set_index(["doc", "frame"])
    ext = scores.loc[("talks", "external_regulation_reputation")]
    assert ext.hits == 1 and ext.negated == 1  # sanctions counts, allies does not
    only_negated = frames.sentence_scores(m, negated=False)
    assert not ((only_negated["sentence"] == 0) & (only_negated["doc"] == "talks")).any()


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
    row = ev[ev["sentence"] == 27].iloc[0]
    assert "[tyrants]" in row.text and "[monstrous]" in row.text and "[Armageddon]" in row.text
    assert row.score == 3
    html_ev = frames.evidence(chapter, m, "morality", as_html=True)
    assert "<mark>tyrants</mark>" in html_ev[html_ev["sentence"] == 27].iloc[0].text
    assert frames.mark_cues("a <b> c", [(2, 5)], as_html=True) == "a <mark>&lt;b&gt;</mark> c"


def test_profile_and_top_frames(corpus):
    scores = frames.document_scores(corpus, "generic")
    table = frames.profile(scores)
    assert list(table.columns) == corpus.ids and list(table.index)[0] == "conflict"
    top = frames.top_frames(scores, 1)
    assert set(top["doc"]) == set(corpus.ids)
    assert all(r.score == scores[scores.doc == r.doc]["score"].max() for r in top.itertuples())


def test_unknown_scheme_raises_keyerror():
    with pytest.raises(LookupError, match="schemes are"):
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
        assert 30 <= len(part) <= 40 and not part.duplicated(["doc", "sentence"]).any()
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
    assert {"doc", "sentence", "frame", "score", "cues"} <= set(rows[0])
    assert any(r["sentence"] == 27 and "tyrants" in r["cues"] for r in rows)


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
    neighbours = m[(m["sentence"] == 23) & (m["match"] == "neighbors")].iloc[0]
    # "no longer merely neighbors" is additive (issue 17); "no" itself negates: tests/test_device_fixes.py
    assert not neighbours.negated and neighbours.negator == ""
    stance = frames.find_cues(load_corpus(news.entry.file.parent), "stance")
    assert not stance[stance["match"] == "no doubt"]["negated"].any()  # the negator is part of the cue


def test_document_without_any_cue_scores_zero(tmp_path):
    from analysis import load_corpus
    from analysis.framing import frames as frames_module
    from analysis.framing.cues import find_cues

    (tmp_path / "plain.txt").write_text("The cat sat on the mat. It was grey.", encoding="utf-8")
    corpus = load_corpus(tmp_path)
    empty = find_cues(corpus, "generic")
    assert empty.empty and empty.negated.dtype == bool
    scores = frames_module.document_scores(corpus, "generic")
    assert (scores.hits == 0).all() and len(scores) == len(frames_module.frame_table("generic"))


def test_remembered_matches_equal_fresh_ones_and_are_not_shared(corpus):
    first = frames.find_cues(corpus, "policy")
    first.loc[:, "match"] = "changed by the caller"  # a caller editing its table must not reach the memo
    again = frames.find_cues(corpus, "policy")
    cues.clear_cache()
    fresh = frames.find_cues(corpus, "policy")
    pd.testing.assert_frame_equal(again, fresh)
    assert "changed by the caller" not in set(again["match"])


def test_a_new_lexicon_or_new_rules_are_not_served_from_memory(synthetic):
    doc, rules = synthetic["talks"], cues.settings()
    base = cues.load_lexicon("policy")
    before = cues.document_matches(doc, base, rules)
    trial = cues.Lexicon("policy", base.frames, base.cues + [cues.parse_cue("policy", "morality", "embrace")])
    after = cues.document_matches(doc, trial, rules)
    assert [r for r in after if r[4] == "embrace"] and not [r for r in before if r[4] == "embrace"]
    import dataclasses

    blind = dataclasses.replace(rules, negators=frozenset())
    allies = [r for r in cues.document_matches(doc, base, blind) if r[5] == "allies"]
    assert allies and not allies[0][8]  # no negators: "not allies" scores
    assert [r for r in cues.document_matches(doc, base, rules) if r[5] == "allies"][0][8]


def test_candidates_by_stem_exact_and_prefix():
    lexicon = cues.Lexicon("s", pd.DataFrame({"frame": ["f", "g"]}), [
        cues.parse_cue("s", "f", "sanction"), cues.parse_cue("s", "f", "theatric*"),
        cues.parse_cue("s", "g", "=UN"), cues.parse_cue("s", "g", "th*")])

    def unit(word):
        return cues.Unit(word, word.lower(), cues.stem(word.lower()), True, 0, len(word))

    texts = lambda word: [c.text for c in lexicon.candidates(unit(word))]  # noqa: E731
    assert texts("sanctioned") == ["sanction"]
    assert texts("theatrical") == ["theatric*", "th*"] == texts("theatrical")  # remembered, same answer
    assert texts("UN") == ["=UN"] and texts("un") == ["=UN"]  # case is checked when matching
    assert texts("the") == ["th*"] and texts("sanctity") == []


def test_find_cues_shows_progress_only_when_asked_or_large(synthetic, monkeypatch, capsys):
    from analysis import progress

    monkeypatch.delenv(progress.ENV, raising=False)
    frames.find_cues(synthetic, "generic")
    assert capsys.readouterr().err == ""
    monkeypatch.setenv(progress.ENV, "1")
    cues.clear_cache()
    frames.find_cues(synthetic, "generic")
    assert "cues (generic)" in capsys.readouterr().err


def test_scores_agree_with_a_plain_recount(corpus):
    """The one-pass score tables against pandas groupbys over the evidence table."""
    for scheme in SCHEMES:
        m = frames.find_cues(corpus, scheme)
        live = m[~m.negated]
        sent = frames.sentence_scores(m)
        counted = live.groupby(["doc", "sentence", "frame"]).size()
        assert dict(zip(zip(sent.doc, sent["sentence"], sent.frame), sent.score)) == {
            **{k: 0 for k in zip(m.doc, m["sentence"], m.frame)}, **counted.to_dict()}
        docs = frames.document_scores(corpus, scheme, m, top_cues=None).set_index(["doc", "frame"])
        for (doc, frame), group in live.groupby(["doc", "frame"]):
            assert docs.loc[(doc, frame), "cues"] == frames.cue_summary(group, top=None)
            assert docs.loc[(doc, frame), "sentences"] == group["sentence"].nunique()
        assert docs["negated"].sum() == m.negated.sum()
    assert cues.word_count(corpus.docs[0]) == len(corpus.docs[0].words)


def test_the_match_memo_is_bounded(synthetic, monkeypatch):
    doc, lexicon, rules = synthetic["talks"], cues.load_lexicon("generic"), cues.settings()
    cues.clear_cache()
    kept = cues.document_matches(doc, lexicon, rules)
    assert kept and cues.document_matches(doc, lexicon, rules) is kept  # remembered
    cues.clear_cache()
    monkeypatch.setattr(cues, "MEMO_ROWS", len(kept) - 1)  # no room: matched again each time
    once = cues.document_matches(doc, lexicon, rules)
    again = cues.document_matches(doc, lexicon, rules)
    assert once == again == kept and once is not again


def test_evidence_shows_the_voice_of_each_sentence(corpus):
    """Every frame evidence table has a ``voice`` column (issue 24): Kim's quoted hailing is not the writer's."""
    news = corpus["news-shoigu-2025"]
    m = frames.find_cues(news, "metaphor")
    ev = frames.evidence(news, m, "kinship")
    assert "voice" in ev.columns and list(ev.columns).index("voice") == list(ev.columns).index("text") - 1
    assert set(", ".join(ev["voice"]).split(", ")) <= {"authorial", "quoted", "attributed"}
    assert (ev["voice"] != "authorial").any() and ev["voice"].str.contains("authorial").any()
