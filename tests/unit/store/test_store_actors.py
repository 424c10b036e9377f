"""The actor tables of an annotation store (issue 25): ``annotate`` writes them, ``actor_mentions``
and ``role_table`` read them (the same rows as computing, no parse), ``actors`` works on a store."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis import paths
from analysis.actors import parse, role_features, roles
from analysis.actors.mentions import actor_mentions
from analysis.actors.roles import role_table
from analysis.cli.main import main
from analysis.config import actor_types
from analysis.corpus.model import load_corpus
from analysis.entities import mentions
from analysis.errors import InputError
from analysis.store import TABLES, annotate, read_table
from analysis.store.reader import Store


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("stores") / "seeds-store"
    summary = annotate(paths.SEEDS, store, workers=1)
    assert (summary.annotated, summary.errors) == (2, [])
    return store


def no_parser():
    raise AssertionError("spaCy's parser was loaded")


def forbid_parsing(monkeypatch) -> None:
    """From here on, loading the actors' spaCy pipelines fails, and no disk cache stands in."""
    monkeypatch.setattr(parse, "parser", no_parser)
    monkeypatch.setattr(role_features, "nlp", no_parser)
    monkeypatch.setattr(roles, "nlp", no_parser)
    monkeypatch.setenv("RDF_CACHE", "0")


def test_annotate_writes_the_actor_tables(seeds_store):
    assert {"actor_mentions", "actor_roles"} <= set(TABLES)
    held = read_table(seeds_store, "actor_mentions")
    assert len(held) > 0 and set(held["doc"]) == {d.id for d in load_corpus(paths.SEEDS)}
    assert len(read_table(seeds_store, "actor_roles")) > 0


def test_the_actor_tables_hold_the_actor_types_only(seeds_store):
    kept = set(actor_types(norp=True))
    entities = read_table(seeds_store, "entities")
    assert not set(entities["type"]) <= kept                      # the seeds name other things too
    held = read_table(seeds_store, "actor_mentions")
    assert set(held["type"]) <= kept and len(held) == int(entities["type"].isin(kept).sum())
    roles_held = read_table(seeds_store, "actor_roles")
    assert set(roles_held["type"]) <= kept
    assert len(roles_held) == len(entities[entities["type"].isin(kept)].drop_duplicates(["doc", "entity"]))


def test_actor_mentions_from_a_store_equal_the_folder_without_parsing(seeds_store, monkeypatch):
    on_folder = actor_mentions(load_corpus(paths.SEEDS))
    assert len(on_folder) > 0
    forbid_parsing(monkeypatch)
    stored = load_corpus(seeds_store)
    pd.testing.assert_frame_equal(actor_mentions(stored), on_folder, check_exact=True)
    with_norp = actor_mentions(load_corpus(seeds_store), ["PERSON", "NORP"])  # other types: answered too
    assert set(with_norp["type"]) <= {"PERSON", "NORP"} and len(with_norp) > 0


def test_role_table_from_a_store_equals_the_folder_without_parsing(seeds_store, monkeypatch):
    folder = load_corpus(paths.SEEDS)
    on_folder = role_table(folder, mentions(folder))
    assert len(on_folder) > 0
    forbid_parsing(monkeypatch)
    stored = load_corpus(seeds_store)
    pd.testing.assert_frame_equal(role_table(stored, mentions(stored)), on_folder, check_exact=True)


def test_mentions_the_store_does_not_hold_are_computed(seeds_store):
    stored = load_corpus(seeds_store)
    found = mentions(stored)
    first = found[found["type"] == "PERSON"].index[0]
    moved = found.copy()
    moved.loc[first, "end"] = moved.loc[first, "end"] - 1  # a span the store does not hold
    folder = load_corpus(paths.SEEDS)
    expected = actor_mentions(folder, found=moved)
    pd.testing.assert_frame_equal(actor_mentions(stored, found=moved), expected, check_exact=True)
    pd.testing.assert_frame_equal(role_table(stored, moved), role_table(folder, moved), check_exact=True)


HOSTILE = "Critics accused Vladimir Putin of war crimes. The army killed Vladimir Putin's allies in Moscow."
FRIENDLY = "Leaders praised Vladimir Putin for his generous help. Vladimir Putin welcomed the guests in Moscow."


@pytest.fixture(scope="module")
def grouped(tmp_path_factory) -> tuple[Path, Path]:
    """Eight short documents (four of side H, four of side F) and their store."""
    folder = tmp_path_factory.mktemp("actors") / "corpus"
    folder.mkdir()
    lines = ["id,file,title,side"]
    for i in range(8):
        side = "H" if i < 4 else "F"
        (folder / f"d{i}.txt").write_text((HOSTILE if side == "H" else FRIENDLY) + f" It was day {i}.\n",
                                          encoding="utf-8")
        lines.append(f"d{i},d{i}.txt,Story {i},{side}")
    (folder / "catalog.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = folder.parent / "store"
    annotate(folder, store, workers=1)
    return folder, store


@pytest.mark.parametrize("by", ["actor", "group", "difference"])
def test_actors_command_on_a_store_equals_the_folder(by, grouped, capsys, monkeypatch):
    folder, store = grouped
    args = ["actors", "--by", by, "--format", "json"]
    if by != "actor":
        args += ["--group-by", "side", "--a", "H", "--b", "F"]
    assert main([*args, "--seeds", str(folder)]) == 0
    on_folder = capsys.readouterr().out
    forbid_parsing(monkeypatch)
    assert main([*args, "--seeds", str(store)]) == 0
    on_store = capsys.readouterr().out
    assert json.loads(on_folder)
    assert on_store == on_folder


def test_a_store_of_the_former_format_is_refused_in_one_line(seeds_store, tmp_path):
    import shutil

    old = tmp_path / "old"
    shutil.copytree(seeds_store, old)
    info = json.loads((old / "store.json").read_text(encoding="utf-8"))
    info["format"] = 2
    (old / "store.json").write_text(json.dumps(info), encoding="utf-8")
    with pytest.raises(InputError, match="store format 2 is not 3; annotate again"):
        Store(old)


@pytest.mark.parametrize("table", ["actor_mentions", "actor_roles"])
def test_validation_knows_the_actor_tables(table, seeds_store, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(seeds_store, copy)
    part = sorted((copy / table).glob("part-*.parquet"))[0]
    part.unlink()
    with pytest.raises(InputError, match=f"damaged store: {table}/{part.name} is missing"):
        Store(copy)
