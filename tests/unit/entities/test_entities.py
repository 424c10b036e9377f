"""Named entities: contract, canonical counts checked against a reading of the seeds, gazetteer, CLI,
the in-memory and disk caches, and the two-process path for large corpora."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import OrderedDict
from pathlib import Path

import pandas as pd
import pytest

from analysis import InputError, cache, load_corpus, paths
from analysis import entities as E
from analysis.entities import ner as M
from analysis.cli.main import main
from analysis.entities.gazetteer import load_gazetteer, read_entries

CHAPTER, NEWS = "ch49-vostochny", "news-shoigu-2025"

# Counted by hand, one per mention in the body (headings and removed boilerplate
# excluded; possessives and hyphenated compounds such as "Moscow-Pyongyang" count;
# "DPRK" is North Korea; "North Korean"/"Russian" are separate NORP entities; "post-Soviet" is no mention
# of the Soviet Union, issue 24).
HAND_COUNTS = {
    CHAPTER: {"Vladimir Putin": 8, "Kim Jong Un": 9, "Kim Il Sung": 1, "Sergei Shoigu": 1, "Russia": 11,
              "North Korea": 7, "North Korean": 1, "Russian": 2, "Pyongyang": 1, "Moscow": 2,
              "Vostochny Cosmodrome": 3, "Kremlin": 1, "United States": 1, "United Nations": 1,
              "United Nations Security Council": 1, "Ukraine": 1, "Soviet": 2, "Denis Manturov": 1,
              "Jo Chun Ryong": 1, "Ri Pyong Chol": 1, "Ankit Panda": 1, "Joseph Stalin": 1,
              "Munitions Industry Department": 1, "Angara-A5": 1, "Russian Far East": 1},
    NEWS: {"Sergei Shoigu": 9, "Vladimir Putin": 3, "Kim Jong Un": 5, "Russia": 11, "North Korea": 10,
           "North Korean": 5, "Russian": 3, "Pyongyang": 7, "Moscow": 6, "Ukraine": 3, "Kursk": 2,
           "Kremlin": 1, "United States": 1, "China": 1, "Japan": 1, "South Korea": 1, "NATO": 1,
           "Washington": 1, "Seoul": 1, "Reuters": 1, "Rossiiskaya Gazeta": 1, "Cold War": 1,
           "Comprehensive Strategic Partnership Treaty": 1},
}

SYNTHETIC = """Lavrov and Choe Son Hui Meet in Wonsan

Russian Foreign Minister Sergei Lavrov arrived in Wonsan on Friday for talks with his North Korean counterpart, \
Choe Son Hui. President Putin had sent him with a message for Kim Jong-un, according to the Kremlin.

Antony Blinken, speaking in Washington, said the U.S. was watching closely. Blinken added that the DPRK's support \
for Russia's war would be raised at the UN Security Council.

Analysts at the Carnegie Endowment said Pyongyang wanted Russian technology in return. Kim welcomed the visit.
"""


@pytest.fixture(scope="module", autouse=True)
def cache_folder(tmp_path_factory):
    """The disk cache of this module's tests is a fresh temporary folder, not the repository's."""
    folder = tmp_path_factory.mktemp("entity-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(cache.DIR_ENV, str(folder))
        patch.delenv(cache.SWITCH_ENV, raising=False)
        yield folder


@pytest.fixture(scope="module")
def found(corpus):
    return E.mentions(corpus)


@pytest.fixture()
def synthetic(tmp_path):
    (tmp_path / "wonsan_talks.txt").write_text(SYNTHETIC, encoding="utf-8")
    return tmp_path


def counts(frame: pd.DataFrame, doc: str) -> dict[str, int]:
    return frame[frame["doc"] == doc]["entity"].value_counts().to_dict()


def test_contract_columns_and_offsets(corpus, found):
    assert list(found.columns[:8]) == ["doc", "sentence", "entity", "type", "surface", "start", "end", "source"]
    assert set(found["source"]) == {"model", "gazetteer"}
    for row in found.itertuples():
        doc = corpus[row.doc]
        sentence = doc.sentences[row.sentence]
        assert doc.raw[row.start:row.end] == row.surface
        assert sentence.start <= row.start < row.end <= sentence.end
    assert not found.duplicated(["doc", "start", "end"]).any()


@pytest.mark.parametrize("doc", [CHAPTER, NEWS])
def test_canonical_counts_match_a_reading_of_the_seeds(found, doc):
    got = counts(found, doc)
    assert {name: got.get(name, 0) for name in HAND_COUNTS[doc]} == HAND_COUNTS[doc]


def test_no_unexpected_entities_on_the_seeds(found):
    # everything found beyond the hand list, so a regression that adds junk fails here
    extra = {(d, e) for d in HAND_COUNTS for e in counts(found, d) if e not in HAND_COUNTS[d]}
    assert extra == {(CHAPTER, "European"), (CHAPTER, "Foreign Ministry"), (CHAPTER, "Juche"),
                     (CHAPTER, "Vladivostok"), (CHAPTER, "Zaporizhzhia"), (NEWS, "British"),
                     (NEWS, "European"), (NEWS, "Indo-Pacific"), (NEWS, "Security Council"),
                     (NEWS, "Ukrainian"), (NEWS, "West")}


def test_boilerplate_and_headings_do_not_count(news, found):
    names = set(found[found["doc"] == NEWS]["entity"])
    assert not names & {"Donald Trump", "Volodymyr Zelensky", "Pope Francis", "Turkey", "ICC", "Joe Brens"}
    # "Putin" occurs 7 times in the file: 3 in body sentences, 1 heading, 3 related headlines
    assert news.raw.count("Putin") == 7 and counts(found, NEWS)["Vladimir Putin"] == 3


def test_aliases_types_and_separate_referents(corpus, found):
    chapter = found[found["doc"] == CHAPTER]
    assert set(chapter[chapter["entity"] == "North Korea"]["surface"]) == {"North Korea", "DPRK"}
    assert set(chapter[chapter["entity"] == "Kim Jong Un"]["surface"]) == {"Kim", "Kim Jong Un"}
    assert chapter[chapter["surface"] == "Kim Il Sung"]["entity"].tolist() == ["Kim Il Sung"]
    types = dict(zip(found["entity"], found["type"]))
    assert types["North Korean"] == types["Russian"] == "NORP"
    assert types["Pyongyang"] == types["Moscow"] == types["North Korea"] == "GPE"
    assert types["Zaporizhzhia"] == "GPE" and types["Kursk"] == "GPE"  # the model says PERSON / PRODUCT
    assert "Mao" not in set(found["surface"]) and "Armageddon" not in set(found["surface"])


def test_possessives_and_hyphenated_compounds(chapter, news, found):
    raw = chapter.raw
    putin = found[(found["doc"] == CHAPTER) & (found["sentence"] == 6) & (found["entity"] == "Vladimir Putin")]
    assert putin["surface"].tolist() == ["Putin"] and raw[putin["end"].iloc[0]] in "'’"
    rail = found[(found["doc"] == NEWS) & (found["sentence"] == 14)]
    assert rail["entity"].tolist() == ["Russia", "Moscow", "Pyongyang"]
    pair = found[(found["doc"] == NEWS) & (found["sentence"] == 5)]
    assert {"Russia", "North Korea"} <= set(pair["entity"])


def test_numeric_types_only_on_request(corpus):
    everything = E.mentions(corpus, types=None)
    assert {"DATE", "CARDINAL"} <= set(everything["type"])
    assert not {"DATE", "CARDINAL"} & set(E.mentions(corpus)["type"])


def test_pipeline_runs_only_ner():
    assert E.pipeline().pipe_names == ["ner"]


def test_frequencies_rates_and_evidence(corpus, found):
    freq = E.frequencies(found, corpus)
    assert list(freq.columns) == ["doc", "entity", "type", "count", "per_1k", "surfaces", "sentences"]
    assert freq["count"].sum() == len(found)
    row = freq[(freq["doc"] == CHAPTER) & (freq["entity"] == "Vladimir Putin")].iloc[0]
    assert row["per_1k"] == round(1000 * 8 / len(corpus[CHAPTER].words), 3)
    assert row["surfaces"] == "Putin ×6; Vladimir Putin ×2"
    assert row["sentences"] == "6, 9, 12, 20, 28, 29, 33, 49"
    top = freq[freq["doc"] == NEWS].iloc[0]
    assert (top["entity"], top["count"]) == ("Russia", 11)
    by_type = E.frequencies(found, corpus, by="type")
    assert by_type.groupby("doc")["count"].sum().to_dict() == found.groupby("doc").size().to_dict()
    with pytest.raises(ValueError):
        E.frequencies(found, corpus, by="colour")


def test_compare_shows_who_each_text_foregrounds(corpus, found):
    persons = E.compare(E.frequencies(found, corpus), [CHAPTER, NEWS], types=["PERSON"])
    assert list(persons.columns) == ["doc", "entity", "type", "count", "per_1k", "share"]  # long: no data in names
    assert len(persons) == 2 * persons.entity.nunique()  # every entity once per document, zeros filled
    share = persons.pivot(index="entity", columns="doc", values="share")
    assert share.loc["Sergei Shoigu", NEWS] > 50 > share.loc["Sergei Shoigu", CHAPTER]
    count = persons.pivot(index="entity", columns="doc", values="count")
    assert set(count[CHAPTER].sort_values(ascending=False).index[:2]) == {"Kim Jong Un", "Vladimir Putin"}
    assert share[NEWS].sum() == pytest.approx(100, abs=0.2)
    from analysis.views.entities import columns_per_document

    wide = columns_per_document(persons).set_index("entity")  # the notebook's reading form
    assert wide.loc["Sergei Shoigu", f"share {NEWS}"] == share.loc["Sergei Shoigu", NEWS]


def test_cooccurrence_pairs_and_matrix(found):
    pairs = E.cooccurrence(found, by_doc=True)
    putin_kim = pairs[(pairs["doc"] == CHAPTER) & (pairs["entity_a"] == "Kim Jong Un")
                      & (pairs["entity_b"] == "Vladimir Putin")].iloc[0]
    assert putin_kim["sentences"] == 2 and putin_kim["where"] == f"{CHAPTER}#28, {CHAPTER}#29"
    assert (pairs["entity_a"] < pairs["entity_b"]).all()
    matrix = E.cooccurrence_matrix(found[found["doc"] == NEWS], top=6)
    assert (matrix.to_numpy() == matrix.to_numpy().T).all()
    # the diagonal counts sentences, not mentions: Russia is named in 11 sentences of the news piece
    assert matrix.loc["Russia", "Russia"] == found[(found["doc"] == NEWS) & (found["entity"] == "Russia")]["sentence"].nunique()
    assert matrix.loc["Moscow", "Pyongyang"] == 5


def test_changes_and_quality_sample(corpus, found):
    change = E.changes(found, E.model_entities(corpus))
    by = change.groupby("change").size().to_dict()
    assert by["added"] == (found["source"] == "gazetteer").sum()
    dropped = set(change[change["change"] == "dropped"]["surface"])
    assert {"Mao", "Armageddon", "Defense"} <= dropped
    checked = E.check_sample(found, E.load_checked_sample())
    assert checked["still_found"].all(), "the hand-checked sample no longer matches the pipeline's output"
    quality = E.precision(checked)
    precision = quality.set_index("judged")["precision"]
    assert precision["output, all"] >= 0.95 and precision["model labels alone"] < precision["output, all"]
    assert (quality["low"] <= quality["precision"]).all() and (quality["precision"] <= quality["high"]).all()
    from analysis.views.entities import precision_line

    line = precision_line(quality)
    assert "(in-sample)" in line and "model alone 0.90 (0.78–0.96)" in line
    assert "with the alias table (written on these texts) 0.98 (0.90–1.00)" in line


def test_post_soviet_never_becomes_the_actor_soviet(chapter, tmp_path):
    soviet = E.mentions(chapter)
    soviet = soviet[soviet["entity"] == "Soviet"]
    assert len(soviet) == 2 and not any(chapter.raw[max(0, a - 5):a] == "post-" for a in soviet["start"])
    (tmp_path / "a.txt").write_text("The post-Soviet states watched the Russia-North Korea talks in Moscow.\n",
                                    encoding="utf-8")
    made = E.mentions(load_corpus(tmp_path))
    assert "Soviet" not in set(made["entity"]) and {"Russia", "North Korea", "Moscow"} <= set(made["entity"])


def test_norp_is_an_actor_only_on_request(found, monkeypatch):
    from analysis.sentiment import scores

    monkeypatch.delenv("RDF_NORP_ACTORS", raising=False)
    assert "NORP" not in E.actor_types() and "NORP" in E.actor_types(norp=True)
    named = set(E.cooccurrence(found)[["entity_a", "entity_b"]].stack())
    assert not {"Russian", "North Korean", "Soviet"} & named
    sentiment = scores.entity_sentiment(scores.sentence_scores(found_corpus := load_corpus(paths.SEEDS)), found)
    assert "NORP" not in set(sentiment["type"])
    monkeypatch.setenv("RDF_NORP_ACTORS", "1")
    assert {"Russian", "North Korean"} <= set(E.cooccurrence(found)[["entity_a", "entity_b"]].stack())
    assert "NORP" in set(scores.entity_sentiment(scores.sentence_scores(found_corpus), found)["type"])


def test_new_article_gets_sensible_entities(synthetic):
    corpus = load_corpus(synthetic)
    got = E.mentions(corpus)
    names = dict(zip(got["surface"], got["entity"]))
    assert names["Putin"] == "Vladimir Putin" and names["Kim Jong-un"] == "Kim Jong Un"
    assert names["U.S."] == "United States" and names["DPRK"] == "North Korea"
    assert names["Blinken"] == "Antony Blinken"  # surname linked to the full name the model found
    assert {"Sergei Lavrov", "Choe Son Hui", "Wonsan", "Carnegie Endowment", "Russia", "Pyongyang"} <= set(got["entity"])
    assert "Lavrov and Choe Son Hui Meet in Wonsan" not in " ".join(got["surface"])  # the heading
    assert set(got[got["entity"] == "Russian"]["type"]) == {"NORP"}


def test_folder_gazetteer_extends_and_overrides(synthetic):
    (synthetic / "entities.csv").write_text(
        "canonical,type,aliases\n"
        "Kim Yo Jong,PERSON,Kim Yo Jong|Kim\n"
        "Carnegie Endowment for International Peace,ORG,Carnegie Endowment\n", encoding="utf-8")
    got = E.mentions(load_corpus(synthetic))
    names = dict(zip(got["surface"], got["entity"]))
    assert names["Kim"] == "Kim Yo Jong" and names["Kim Jong-un"] == "Kim Jong Un"
    assert names["Carnegie Endowment"] == "Carnegie Endowment for International Peace"
    assert load_gazetteer(synthetic).get("Kim Jong Un").aliases.count("Kim") == 0


@pytest.mark.parametrize("text, problem", [
    ("name,type,aliases\nX,GPE,X\n", "missing column"),
    ("canonical,type,aliases\nX,PLACE,X\n", "unknown type"),
    ("canonical,type,aliases\nX,GPE,Y\nZ,GPE,Y\n", "already belongs"),
])
def test_bad_gazetteer_is_an_input_error(tmp_path, text, problem):
    path = tmp_path / "entities.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        read_entries(path, "test")


def test_cli_table_and_top(capsys):
    assert main(["entities", "--doc", NEWS, "--top", "3", "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "doc,entity,type,count,per_1k,surfaces"
    assert [l.split(",")[1:4] for l in lines[1:]] == [["Russia", "GPE", "11"], ["North Korea", "GPE", "10"],
                                                       ["Sergei Shoigu", "PERSON", "9"]]


def test_cli_mentions_and_types(capsys):
    assert main(["entities", "--doc", CHAPTER, "--mentions", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0].startswith("doc,sentence,entity,type,surface,start,end,source") and len(rows) == 1 + 66  # "post-Soviet" (twice) is no mention (issue 24)
    assert main(["entities", "--by", "type", "--format", "csv"]) == 0
    assert "news-shoigu-2025,PERSON,17," in capsys.readouterr().out


def test_cli_unknown_doc_exits_2_with_one_line():
    result = subprocess.run([sys.executable, "-m", "analysis", "entities", "--doc", "no-such-doc"],
                            capture_output=True, text=True, cwd=paths.ROOT)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no-such-doc" in result.stderr


THREE_DOCS = {
    "alpha.txt": "Sergei Shoigu flew to Pyongyang on Tuesday. Kim Jong Un received him.\n",
    "beta.txt": "The Kremlin said Vladimir Putin would visit Vladivostok. Putin's aides declined to comment.\n",
    "gamma.txt": "Seoul and Washington condemned the treaty. Moscow rejected the criticism.\n",
}


@pytest.fixture()
def three_docs(tmp_path):
    folder = tmp_path / "three"
    folder.mkdir()
    for name, text in THREE_DOCS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture()
def empty_memory(monkeypatch):
    """A fresh in-memory result cache for one test (restored afterwards)."""
    monkeypatch.setattr(M, "_CACHE", OrderedDict())


def _plain(frame: pd.DataFrame) -> list[tuple]:
    return list(frame.itertuples(index=False, name=None))


@pytest.mark.parametrize("disk", ["1", "0"])
def test_more_documents_than_the_memory_cache_holds(three_docs, empty_memory, monkeypatch, tmp_path, disk):
    """Regression: with more documents than ``_CACHE_SIZE``, results were evicted before being read (KeyError)."""
    monkeypatch.setenv(cache.DIR_ENV, str(tmp_path / "disk"))
    monkeypatch.setenv(cache.SWITCH_ENV, disk)
    corpus = load_corpus(three_docs)
    reference = E.mentions(corpus)
    M._CACHE.clear()
    monkeypatch.setattr(M, "_CACHE_SIZE", 1)
    small = E.mentions(corpus)
    assert len(M._CACHE) == 1
    assert _plain(small) == _plain(reference) and set(small["doc"]) == {"alpha", "beta", "gamma"}
    assert _plain(E.model_entities(corpus)) == _plain(E.model_entities(corpus))
    assert len(M._CACHE) == 1


def test_disk_cache_is_keyed_by_text_and_gazetteer(three_docs, empty_memory, monkeypatch, tmp_path):
    monkeypatch.setenv(cache.DIR_ENV, str(tmp_path / "disk"))
    cache.STATS.reset()
    corpus = load_corpus(three_docs)
    first = E.mentions(corpus)
    assert (cache.STATS.misses["entities"], cache.STATS.writes["entities"]) == (3, 3)
    assert M._all_stored(list(corpus), load_gazetteer(three_docs))
    M._CACHE.clear()
    assert _plain(E.mentions(corpus)) == _plain(first) and cache.STATS.hits["entities"] == 3
    # a folder gazetteer changes the key: recomputed, and the new alias applies
    (three_docs / "entities.csv").write_text("canonical,type,aliases\nShoigu,PERSON,Sergei Shoigu\n", encoding="utf-8")
    assert not M._all_stored(list(corpus), load_gazetteer(three_docs))
    renamed = E.mentions(load_corpus(three_docs))
    assert cache.STATS.misses["entities"] == 6
    assert "Shoigu" in set(renamed["entity"]) and "Sergei Shoigu" not in set(renamed["entity"])


SCRIPT = """
import json, sys
from analysis import cache, entities as E, load_corpus
corpus = load_corpus(sys.argv[1])
E.preload_ner(corpus)
found = E.mentions(corpus)
print(json.dumps({"rows": found.astype(str).values.tolist(), "hits": cache.STATS.hits["entities"],
                  "writes": cache.STATS.writes["entities"], "model_loaded": E.pipeline.cache_info().currsize}))
"""


def test_a_fresh_process_reuses_the_disk_cache_without_loading_the_model(three_docs, tmp_path):
    env = {**os.environ, cache.DIR_ENV: str(tmp_path / "disk"), "RDF_PROGRESS": "0"}
    env.pop(cache.SWITCH_ENV, None)

    def run() -> dict:
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(three_docs)], capture_output=True, text=True,
                              check=True, env=env)
        return json.loads(done.stdout)

    cold, warm = run(), run()
    assert (cold["writes"], cold["hits"], cold["model_loaded"]) == (3, 0, 1)
    assert (warm["writes"], warm["hits"], warm["model_loaded"]) == (0, 3, 0)
    assert warm["rows"] == cold["rows"] and len(cold["rows"]) >= 8


def test_two_model_processes_give_the_same_result(three_docs, empty_memory, monkeypatch):
    monkeypatch.setenv(cache.SWITCH_ENV, "0")
    corpus = load_corpus(three_docs)
    gaz = load_gazetteer(three_docs)
    one = M._run_model(list(corpus), gaz)
    monkeypatch.setattr(M, "_processes", lambda chars: 2)
    assert M._run_model(list(corpus), gaz) == one


def test_processes_follow_the_amount_of_text(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1}, raising=False)
    assert M._processes(M.PARALLEL_CHARS) == 1
    assert M._processes(M.PARALLEL_CHARS + 1) == 2
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert M._processes(10 * M.PARALLEL_CHARS) == 1


def test_progress_bar_over_documents_only_when_asked_or_large(three_docs, empty_memory, monkeypatch, capsys):
    monkeypatch.setenv(cache.SWITCH_ENV, "0")
    corpus = load_corpus(three_docs)
    monkeypatch.setenv("RDF_PROGRESS", "1")
    E.mentions(corpus)
    assert "entities" in capsys.readouterr().err
    M._CACHE.clear()
    monkeypatch.delenv("RDF_PROGRESS")
    E.mentions(corpus)
    assert capsys.readouterr().err == ""


def test_recall_on_held_out_articles_is_committed_with_an_interval():
    sample = E.load_recall_sample()
    assert len(sample) >= 150 and sample["doc"].nunique() == 10 and "text" not in sample.columns
    table = E.load_recall().set_index("type")
    row = table.loc["all"]
    assert row.gold == len(sample) and row.low < row.recall < row.high
    from analysis.views.entities import recall_line

    assert recall_line().startswith("- Recall of named actors") and "held-out" in recall_line()


def test_recall_counts_an_overlapping_actor_mention():
    import pandas as pd

    gold = pd.DataFrame({"doc": ["d", "d"], "sentence": [0, 0], "start": [0, 10], "end": [5, 15],
                         "type": ["PERSON", "ORG"], "span_sha256": ["", ""]})
    found = pd.DataFrame({"doc": ["d", "d"], "start": [0, 10], "end": [5, 15], "type": ["PERSON", "NORP"]})
    table = E.recall(found, gold, types=("PERSON", "ORG", "GPE")).set_index("type")
    assert table.loc["all", "found"] == 1 and table.loc["all", "found_any_type"] == 2
