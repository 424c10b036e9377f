"""Groups of documents from the catalog: groups.compare, the environment spec,
per-document measures, group keyness with dispersion and trends over time."""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from analysis import InputError, load_corpus
from analysis.groups.keyness import group_keyness, min_docs, top_dispersed
from analysis.groups.measures import entity_measures, frame_measures, sentiment_measures
from analysis.groups.stats import ONE_DOCUMENT, group_differences, group_summary
from analysis.groups.trends import dated_documents, period_counts, period_of, trends
from analysis.groups.comparison import compare, from_env, parse_values, to_env

from shared_corpus import dev_slice, needs_dev

TEXTS = {
    "l1": ("L", "2019-01-05", "The coal plant closed. Workers protested the closure in the town."),
    "l2": ("L", "2019-01-20", "Coal miners fear the future. The union called a strike on Monday."),
    "r1": ("R", "2019-02-03", "Taxes rose again. The council blamed the governor for the taxes."),
    "r2": ("R", "2019", "Wind farms divide the county. Farmers want wind turbines, neighbours do not."),
    "c1": ("C", "", "A calm report on the weather. Rain is expected on Sunday."),
    "x1": ("", "", "An article without a leaning. It mentions nothing else."),
}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    folder = tmp_path_factory.mktemp("groups")
    lines = ["id,file,published,leaning"]
    for doc, (leaning, date, text) in TEXTS.items():
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
        lines.append(f"{doc},{doc}.txt,{date},{leaning}")
    (folder / "catalog.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_corpus(folder)


def test_seeds_default_is_chapter_against_news(corpus):
    cmp = compare(corpus)
    assert (cmp.by, cmp.a, cmp.b, cmp.name_a, cmp.name_b) == ("kind", ("chapter",), ("news",), "chapter", "news")
    assert [d.id for d in cmp.docs_a] == ["ch49-vostochny"] and [d.id for d in cmp.docs_b] == ["news-shoigu-2025"]
    assert (cmp.n_a, cmp.n_b, cmp.single) == (1, 1, True)
    assert [d.id for d in cmp] == ["ch49-vostochny", "news-shoigu-2025"] and len(cmp) == 2
    assert cmp.describe() == "chapter (1 document) vs news (1 document)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        cmp.by = "id"
    by_id = compare(corpus, "id", a="news-shoigu-2025", b="ch49-vostochny")
    assert (by_id.name_a, by_id.name_b, by_id.single) == ("the news piece", "the analytical chapter", True)


def test_defaults_values_and_rest(small):
    cmp = compare(small, "leaning")
    assert (cmp.a, cmp.b, cmp.ids_a, cmp.ids_b) == (("L",), ("R",), ("l1", "l2"), ("r1", "r2"))
    assert not cmp.single and cmp.side_of("l2") == "a" and cmp.side_of("x1") is None
    rest = compare(small, "leaning", a="L")
    assert (rest.b, rest.name_b, rest.ids_b) == (("R", "C"), "R + C", ("r1", "r2", "c1"))
    both = compare(small, "leaning", a=["L", "C"], b="R")
    assert (both.name_a, both.ids_a) == ("L + C", ("l1", "l2", "c1"))
    assert compare(small, "leaning", a=" L , C ", b="R") == both
    assert both.sides().values.tolist() == [["l1", "a", "L + C"], ["l2", "a", "L + C"], ["c1", "a", "L + C"],
                                            ["r1", "b", "R"], ["r2", "b", "R"]]


BAD_SPECS = {
    "unknown column": (dict(by="colour"), "--group-by: no column 'colour' in the catalog"),
    "unknown value": (dict(by="leaning", a="Z"), "--a: no document has leaning = 'Z' (values: 'L', 'R', 'C')"),
    "unknown b value": (dict(by="leaning", a="L", b="Q"), "--b: no document has leaning = 'Q'"),
    "overlap": (dict(by="leaning", a="L,R", b="R"), "--b: value 'R' is on both sides"),
    "one value": (dict(by="kind"), "column 'kind' has 1 distinct value(s) ('article'); nothing to compare"),
    "no rest": (dict(by="leaning", a="L,R,C"), "leaves no other value for the second side"),
}


@pytest.mark.parametrize("case", sorted(BAD_SPECS))
def test_bad_specs_raise_one_line(small, case):
    spec, message = BAD_SPECS[case]
    with pytest.raises(InputError) as info:
        compare(small, **spec)
    assert message in str(info.value) and "\n" not in str(info.value)


def test_environment_spec(small):
    env = to_env("leaning", ["L", "C"], "R")
    assert env == {"RDF_GROUP_BY": "leaning", "RDF_A": "L,C", "RDF_B": "R"}
    assert from_env(small, env) == compare(small, "leaning", "L,C", "R")
    assert from_env(small, {"RDF_GROUP_BY": "leaning", "RDF_A": "", "RDF_B": ""}).a == ("L",)
    assert compare(small, "leaning", "L,C", "R").spec() == env
    assert parse_values("") is None and parse_values(["a", "a", " b"]) == ("a", "b")


def test_environment_default_is_kind(corpus, monkeypatch):
    for name in ("RDF_GROUP_BY", "RDF_A", "RDF_B"):
        monkeypatch.delenv(name, raising=False)
    assert from_env(corpus) == compare(corpus)


def test_frame_and_sentiment_measures_are_tidy_and_complete(small):
    frames = frame_measures(small, "generic")
    assert list(frames.columns) == ["doc", "scheme", "frame", "measure", "value"]
    assert set(frames["measure"]) == {"score", "presence"}
    n_frames = frames["frame"].nunique()
    assert frames.groupby("doc").size().tolist() == [2 * n_frames] * len(small)  # zeros included
    assert set(frames.loc[frames["measure"] == "presence", "value"]) <= {0.0, 1.0}
    sentiment = sentiment_measures(small)
    assert list(sentiment.columns) == ["doc", "measure", "value"]
    assert sentiment["measure"].tolist()[:2] == ["compound", "share_negative"]
    assert len(sentiment) == 2 * len(small)


def test_seed_measures_match_the_existing_tables(corpus):
    from analysis.framing.frames import document_scores
    from analysis.sentiment.scores import document_scores as sentiment_documents, sentence_scores

    frames = frame_measures(corpus, "generic")
    scores = document_scores(corpus, "generic")
    mine = frames[frames["measure"] == "score"].set_index(["doc", "frame"])["value"]
    assert mine.to_dict() == scores.set_index(["doc", "frame"])["score"].to_dict()
    docs = sentiment_documents(sentence_scores(corpus, evidence=False), whole_text=False).set_index("doc")
    table = sentiment_measures(corpus).pivot(index="doc", columns="measure", values="value")
    assert table["compound"].to_dict() == docs["compound"].to_dict()
    assert table["share_negative"].to_dict() == docs["share_negative"].to_dict()


def test_seed_group_tables_say_one_document(corpus):
    cmp = compare(corpus)
    summary = group_summary(sentiment_measures(corpus), cmp)
    assert summary[["side", "group", "measure", "n_docs"]].values.tolist() == [
        ["a", "chapter", "compound", 1], ["b", "news", "compound", 1],
        ["a", "chapter", "share_negative", 1], ["b", "news", "share_negative", 1]]
    assert summary["ci_low"].isna().all() and (summary["note"].str.startswith(ONE_DOCUMENT)).all()
    diffs = group_differences(sentiment_measures(corpus), cmp)
    assert not diffs["testable"].any() and diffs["p_value"].isna().all()


def test_entity_measures_share(corpus):
    table = entity_measures(corpus, top=3)
    assert list(table.columns) == ["doc", "entity", "type", "measure", "value"]
    assert len(table) == 3 * len(corpus) and (table["measure"] == "share").all()
    assert table["value"].between(0, 1).all()


def test_group_keyness_dispersion_rule(small):
    # one long article repeating a word must not make it key for its side
    folder = small.folder.parent / "keyness"
    folder.mkdir()
    texts = {"a1": "Sanctions sanctions sanctions sanctions sanctions sanctions sanctions sanctions. Talks.",
             "a2": "Talks went on. Diplomats met. Talks resumed.", "a3": "Diplomats met. Talks resumed again.",
             "b1": "Markets fell. Talks stalled.", "b2": "Markets rose. Traders cheered.",
             "b3": "Markets were calm. Traders waited."}
    lines = ["id,file,side"] + [f"{d},{d}.txt,{d[0]}" for d in texts]
    for doc, text in texts.items():
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
    (folder / "catalog.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    cmp = compare(load_corpus(folder), "side", "a", "b")
    table = group_keyness(cmp, min_count=1).set_index("term")
    assert table.loc["sanctions", ["count_a", "docs_a", "docs_b", "favours"]].tolist() == [8, 1, 0, "a"]
    assert not table.loc["sanctions", "dispersed"] and not table.loc["sanctions", "key"]
    assert table.loc["diplomats", ["docs_a", "dispersed"]].tolist() == [2, True]
    assert table.loc["markets", ["docs_b", "doc_share_b", "dispersed", "favours"]].tolist() == [3, 1.0, True, "b"]
    # "talks": 4 hits in 3 of 3 A documents, 1 in 1 of 3 B documents: dispersed on A
    assert table.loc["talks", ["docs_a", "docs_b", "favours", "dispersed"]].tolist() == [3, 1, "a", True]
    assert "sanctions" not in set(top_dispersed(group_keyness(cmp, min_count=1), 5)["term"])
    assert (min_docs(1), min_docs(3), min_docs(19), min_docs(21), min_docs(142)) == (1, 2, 2, 3, 15)


def test_seed_group_keyness_pools_like_document_keyness(corpus):
    from analysis.framing.keyness import keyness

    table = group_keyness(compare(corpus, "id", "ch49-vostochny", "news-shoigu-2025"))
    single = keyness(corpus, "ch49-vostochny", "news-shoigu-2025")
    pd.testing.assert_frame_equal(table[single.columns], single)
    favoured = table["favours"] != ""
    assert table.loc[favoured, "dispersed"].all()  # one document per side: every term occurs in all of its side


def test_periods_and_trends(small):
    assert [period_of("2019-01-05", f) for f in ("month", "week", "year")] == ["2019-01", "2019-W01", "2019"]
    assert [period_of("2019", f) for f in ("month", "week", "year")] == [None, None, "2019"]
    assert period_of("", "month") is None and period_of("2019-12-30", "week") == "2020-W01"  # ISO week year
    cmp = compare(small, "leaning")
    periods = dated_documents(cmp)["period"]
    assert periods.tolist()[:3] == ["2019-01", "2019-01", "2019-02"] and periods.isna().tolist() == [False] * 3 + [True]
    assert period_counts(cmp).values.tolist() == [["a", "L", "2019-01", 2], ["b", "R", "2019-02", 1]]
    table = trends(sentiment_measures(small), cmp)
    assert list(table.columns) == ["side", "group", "period", "measure", "n_docs", "mean", "median", "ci_low",
                                   "ci_high", "note"]
    assert table[["side", "period", "measure", "n_docs"]].values.tolist() == [
        ["a", "2019-01", "compound", 2], ["b", "2019-02", "compound", 1],
        ["a", "2019-01", "share_negative", 2], ["b", "2019-02", "share_negative", 1]]
    ok = table["ci_low"].notna()
    assert ((table.loc[ok, "ci_low"] <= table.loc[ok, "mean"]) & (table.loc[ok, "mean"] <= table.loc[ok, "ci_high"])).all()
    with pytest.raises(InputError, match="no compared document has a 'published' date of the form YYYY-MM-DD"):
        trends(sentiment_measures(small), compare(small, "id", "c1", "r2"), "week")


@needs_dev
def test_dev_slice_groups_by_leaning(tmp_path):
    from analysis.corpus.importing import Columns, import_table

    import_table(dev_slice(tmp_path, 60), tmp_path / "dev", Columns("ID", "text", "title", "date"))
    corpus = load_corpus(tmp_path / "dev")
    cmp = compare(corpus, "mbfc", "left_bias,left_center_bias", "right_bias")
    assert cmp.name_a == "left_bias + left_center_bias" and cmp.n_a >= 2 and cmp.n_b >= 2
    values = corpus.documents().set_index("id")["mbfc"]
    assert set(values[list(cmp.ids_a)]) <= {"left_bias", "left_center_bias"} and set(values[list(cmp.ids_b)]) == {"right_bias"}
    summary = group_summary(frame_measures(cmp, "generic"), cmp)
    assert ((summary["ci_low"] <= summary["mean"]) & (summary["mean"] <= summary["ci_high"])).all()
    assert summary.groupby("side")["n_docs"].max().to_dict() == {"a": cmp.n_a, "b": cmp.n_b}
    diffs = group_differences(frame_measures(cmp.docs, "generic"), cmp)
    assert diffs["testable"].all() and diffs["p_value"].between(0, 1).all()
    assert diffs["effect_size"].between(-1, 1).all()
    assert ((diffs["diff_ci_low"] <= diffs["diff"]) & (diffs["diff"] <= diffs["diff_ci_high"])).all()
    counts = period_counts(cmp)
    assert counts.groupby("side")["n_docs"].sum().to_dict() == {"a": cmp.n_a, "b": cmp.n_b}  # every dev date parses


# --- one statistics module ------------------------------------------------------------------

def test_sentence_test_is_the_permutation_test():
    """The sentence-level test of two texts is :func:`permutation_p`: exact when the splits are few
    (2 of 20 splits of [1, 2, 3] | [4, 5, 6] are as extreme), seeded random ones otherwise."""
    from analysis.groups.stats import permutation_p, sentence_test

    small = pd.DataFrame({"doc": ["a"] * 3 + ["b"] * 3, "compound": [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]})
    assert sentence_test(small, "a", "b") == {"difference": -0.3, "p_value": 0.1, "permutations": 0}
    same = pd.DataFrame({"doc": ["a"] * 6 + ["b"] * 6, "compound": [0.1, -0.1, 0.2, -0.2, 0.0, 0.3] * 2})
    assert sentence_test(same, "a", "b")["p_value"] == 1.0
    apart = pd.DataFrame({"doc": ["a"] * 30 + ["b"] * 30, "compound": [0.8, 0.9, 0.7] * 10 + [-0.8, -0.7, 0.1] * 10})
    result = sentence_test(apart, "a", "b", n_perm=2000)
    assert result["permutations"] == 2000 and result["difference"] == pytest.approx(1.2667, abs=1e-4)
    a, b = apart.compound[:30], apart.compound[30:]
    assert result["p_value"] == round(permutation_p(a, b, 2000), 4) < 0.01
    with pytest.raises(LookupError):
        sentence_test(apart, "a", "zzz")


def test_dashboard_interval_is_the_bootstrap_interval(tmp_path):
    """The dashboard's interval of a group mean is the notebooks' seeded bootstrap, column by column."""
    from analysis.groups.stats import bootstrap_mean_ci

    values = np.random.default_rng(3).gamma(0.5, 2.0, size=(17, 4))
    low, high = bootstrap_mean_ci(values)
    for j in range(values.shape[1]):
        assert (low[j], high[j]) == pytest.approx(bootstrap_mean_ci(values[:, j]), abs=1e-12)
    summary = _dashboard_summary(tmp_path, values)
    assert np.allclose(summary["ci_low"], low) and np.allclose(summary["ci_high"], high)


def _dashboard_summary(tmp_path, values):
    from analysis.compare.group_data import GroupData, Table

    data = GroupData(corpus=None, docs=pd.DataFrame({"doc": [f"d{i}" for i in range(len(values))]}))
    data.tables["x"] = Table([f"c{j}" for j in range(values.shape[1])], {}, values)
    return data.summary("x", np.ones(len(values), dtype=bool))


def test_long_measures_is_a_melt_in_row_order():
    from analysis.groups.measures import long_measures

    wide = pd.DataFrame({"doc": ["a", "b"], "compound": [0.5, -0.25], "share_negative": [0, 1]})
    long = long_measures(wide, ["doc"], ["compound", "share_negative"])
    assert long.to_dict("list") == {"doc": ["a", "a", "b", "b"],
                                    "measure": ["compound", "share_negative", "compound", "share_negative"],
                                    "value": [0.5, 0.0, -0.25, 1.0]}
    assert long["value"].dtype == float


def test_one_comparison_in_force(tmp_path, monkeypatch):
    """The findings, the notebooks' views and the commands read the same comparison: the environment
    first, then ``kind``, then a plain folder's first two documents."""
    from analysis.findings.sides import comparison as finding_comparison
    from analysis.groups.comparison import in_force
    from analysis.views.common import comparison as notebook_comparison

    for name in ("one", "two", "three"):
        (tmp_path / f"{name}.txt").write_text(f"The {name} text is short. It says little.", encoding="utf-8")
    for variable in ("RDF_GROUP_BY", "RDF_A", "RDF_B"):
        monkeypatch.delenv(variable, raising=False)
    plain = load_corpus(tmp_path)
    chosen = in_force(plain)
    assert chosen.by == "id" and (chosen.ids_a, chosen.ids_b) == (tuple(plain.ids[:1]), tuple(plain.ids[1:2]))
    assert finding_comparison(plain).ids_b == notebook_comparison(plain).ids_b == chosen.ids_b
    monkeypatch.setenv("RDF_GROUP_BY", "id")
    monkeypatch.setenv("RDF_A", plain.ids[2])
    monkeypatch.setenv("RDF_B", plain.ids[0])
    assert finding_comparison(plain).ids_a == notebook_comparison(plain).ids_a == (plain.ids[2],)
    with pytest.raises(InputError):
        in_force(plain, "kind")  # asked for, and the folder cannot give it
