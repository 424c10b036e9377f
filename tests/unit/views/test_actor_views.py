"""The actor sections of notebooks 02 and 03: per document (descriptive) for a handful of
documents, groups with documents as units beyond; validation figures read from the scores files."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import analysis  # noqa: E402
from analysis import load_corpus  # noqa: E402
from analysis.actors import actor_documents, actor_mentions, role_table  # noqa: E402
from analysis.actors.roles import SCORES_PATH as ROLE_SCORES  # noqa: E402
from analysis.actors.target import SCORES_PATH  # noqa: E402
from analysis.entities import mentions  # noqa: E402
from analysis.findings import VERDICTS  # noqa: E402
from analysis.groups import compare  # noqa: E402
from analysis.views import actors as views  # noqa: E402

TEXT = {
    "L": "Rebels attacked Kiev and killed civilians. Officials praised Paris for its aid to Kiev.",
    "R": "Paris helped Kiev rebuild. Critics accused Moscow of lying about the strikes on Kiev.",
}


@pytest.fixture(scope="module")
def grouped(tmp_path_factory):
    folder = tmp_path_factory.mktemp("actors-grouped")
    lines = ["id,file,title,leaning"]
    for i in range(10):
        leaning = "L" if i < 5 else "R"
        (folder / f"d{i:02d}.txt").write_text(TEXT[leaning] + f" Day {i}.", encoding="utf-8")
        lines.append(f"d{i:02d},d{i:02d}.txt,Story {i},{leaning}")
    (folder / "catalog.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    analysis.setup()
    return load_corpus(folder)


@pytest.fixture(scope="module")
def seeds_tables(corpus):
    found = mentions(corpus)
    m = actor_mentions(corpus, found=found)
    return m, actor_documents(m), role_table(corpus, found)


def test_validation_paragraphs_read_the_scores_files():
    scores = pd.read_csv(SCORES_PATH)
    test = scores[(scores.split == "devtest_mt") & (scores.method == "model") & (scores.measure == "macro_f1")].iloc[0]
    assert f"**{test.value:.2f}**" in views.sentiment_validation()
    roles = pd.read_csv(ROLE_SCORES)
    nested = roles[(roles.measure == "macro_f1") & roles.what.str.startswith("nested CV, located")].iloc[0]
    assert f"**{nested.value:.2f}**" in views.role_validation()
    assert f"{nested.value:.2f}" in views.role_basis()


def test_seeds_are_descriptive_with_one_marker_per_document(corpus, seeds_tables):
    m, per_doc, roles = seeds_tables
    cmp = compare(corpus)
    text = views.sentiment_text(per_doc, cmp)
    assert text.startswith("*Verdict: descriptive*") and "Kim Jong Un" in text
    table = views.sentiment_table(per_doc, cmp)
    assert set(table.doc) == set(cmp.ids("a") + cmp.ids("b")) and "net" in table
    fig, data = views.sentiment_figure(per_doc, cmp, {d.id: d.label for d in corpus})
    assert len(data) == len(table)
    plt.close(fig)
    assert "descriptive" in views.sentiment_findings(per_doc, cmp)
    assert views.role_text(roles, cmp).startswith("*Verdict: descriptive*")
    fig, data = views.role_figure(roles, cmp, {d.id: d.label for d in corpus})
    assert set(data.role) <= {"hero", "villain", "victim"}
    plt.close(fig)


def test_tone_versus_stance_shows_a_mention_whose_readings_disagree(corpus, seeds_tables):
    from analysis.sentiment import sentence_scores

    m, _, _ = seeds_tables
    text = views.tone_versus_stance(m, sentence_scores(corpus))
    assert text.startswith("> ") and "VADER reads this sentence" in text and "**" in text


def test_groups_get_intervals_tests_and_verdicts(grouped):
    cmp = compare(grouped, "leaning")
    found = mentions(grouped)
    per_doc = actor_documents(actor_mentions(grouped, found=found))
    summary, differences = views.group_tables(per_doc, cmp)
    assert {"ci_low", "ci_high", "n_docs"} <= set(summary.columns)
    assert set(differences.verdict) <= set(VERDICTS) and {"p_value", "effect_size"} <= set(differences.columns)
    assert not views.sentiment_text(per_doc, cmp).startswith("*Verdict: descriptive*")
    fig, table = views.sentiment_figure(per_doc, cmp, {})
    assert set(table.side) == {"a", "b"}
    plt.close(fig)
    roles = role_table(grouped, found)
    r_summary, r_diff = views.role_group_tables(roles, cmp)
    assert set(r_diff.verdict) <= set(VERDICTS) and set(r_summary.measure) <= {"hero", "villain", "victim"}
    assert "villain" in views.role_text(roles, cmp)
