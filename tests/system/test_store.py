"""The annotation store: ``annotate`` writes it resumably, every command reads it like the folder."""
from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

import analysis

from analysis import paths
from analysis.cli.main import main
from analysis.errors import InputError
from analysis.store import TABLES, annotate, read_table

# Views every command prints from a corpus; each must give the same JSON on a store.
VIEWS = [
    ["corpus"], ["frames"], ["frames", "--by", "document"], ["frames", "--by", "cue", "--scheme", "policy"],
    ["frames", "--scheme", "devices"], ["frames", "--text", "--scheme", "metaphor"],
    ["sentiment"], ["sentiment", "--by", "paragraph"], ["sentiment", "--by", "document"],
    ["sentiment", "--by", "word"], ["entities"], ["entities", "--mentions"], ["entities", "--by", "type"],
    ["entities", "--all-types", "--top", "3"], ["align"], ["align", "--unit", "paragraph"],
]


def cli_json(capsys, *args: str) -> str:
    assert main([*args, "--format", "json"]) == 0
    return capsys.readouterr().out


def contents(store: Path) -> dict[str, pd.DataFrame]:
    """Every table of a store in a canonical order, plus its store.json."""
    tables = {name: read_table(store, name) for name in TABLES}
    tables["store.json"] = json.loads((store / "store.json").read_text(encoding="utf-8"))
    return tables


def assert_same_store(left: Path, right: Path) -> None:
    a, b = contents(left), contents(right)
    assert a["store.json"] == b["store.json"]
    for name in TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], check_exact=True, obj=name)


def small_corpus(folder: Path, n: int = 6) -> Path:
    """``n`` short articles cut from the seeds' paragraphs, with a catalog and an extra column."""
    folder.mkdir(parents=True, exist_ok=True)
    paragraphs = [line for f in sorted(paths.SEEDS.glob("*.txt"))
                  for line in f.read_text(encoding="utf-8").splitlines() if len(line.split()) > 12]
    rows = ["id,file,title,kind,published,leaning"]
    for i in range(n):
        text = "\n".join(paragraphs[(3 * i + k) % len(paragraphs)] for k in range(3))
        (folder / f"a{i}.txt").write_text(text + "\n", encoding="utf-8")
        rows.append(f"art-{i},a{i}.txt,Article {i},{'news' if i % 2 else 'chapter'},2024-0{1 + i % 9},"
                    f"{'left' if i % 3 else 'right'}")
    (folder / "catalog.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def seeds_store(tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("stores") / "seeds-store"
    summary = annotate(paths.SEEDS, store, workers=1)
    assert (summary.annotated, summary.documents, summary.errors) == (2, 2, [])
    return store


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: " ".join(v))
def test_every_view_on_a_store_equals_the_folder(view, seeds_store, capsys):
    on_folder = cli_json(capsys, *view, "--seeds", str(paths.SEEDS))
    on_store = cli_json(capsys, *view, "--seeds", str(seeds_store))
    assert json.loads(on_folder)  # a real table, not two empty ones
    assert on_store == on_folder


def test_keyness_on_a_store_equals_the_folder(seeds_store, capsys):
    args = ["keyness", "--a", "ch49-vostochny", "--top", "5"]
    assert cli_json(capsys, *args, "--seeds", str(seeds_store)) == cli_json(capsys, *args, "--seeds", str(paths.SEEDS))


def test_load_corpus_on_a_store_gives_the_same_tables_without_parsing(seeds_store, monkeypatch):
    from analysis.corpus import model as corpus_module

    folder = analysis.load_corpus(paths.SEEDS)

    def no_parsing(*args, **kwargs):
        raise AssertionError("a store is never re-parsed")

    monkeypatch.setattr(corpus_module, "build_document", no_parsing)
    stored = analysis.load_corpus(seeds_store)
    assert stored.ids == folder.ids
    for view in ("documents", "sentences", "paragraphs", "tokens"):
        pd.testing.assert_frame_equal(getattr(stored, view)(), getattr(folder, view)(), obj=view)
    for a, b in zip(stored, folder):
        assert (a.raw, a.removals, a.fixes, a.headings) == (b.raw, b.removals, b.fixes, b.headings)
        assert [s.__dict__ for s in a.sentences] == [s.__dict__ for s in b.sentences]
        assert a.cleaning_report().equals(b.cleaning_report())


def test_second_run_skips_unchanged_documents(seeds_store):
    before = contents(seeds_store)
    summary = annotate(paths.SEEDS, seeds_store, workers=1)
    assert (summary.annotated, summary.unchanged, summary.dropped) == (0, 2, 0)
    after = contents(seeds_store)
    for name in TABLES:
        pd.testing.assert_frame_equal(before[name], after[name])


def test_changed_documents_are_reannotated_and_removed_ones_dropped(tmp_path):
    corpus = small_corpus(tmp_path / "corpus")
    store = tmp_path / "store"
    annotate(corpus, store, workers=1, chunk_size=2)
    (corpus / "a1.txt").write_text("A changed article about Putin and Kim in Pyongyang.\n", encoding="utf-8")
    (corpus / "a4.txt").unlink()
    catalog = (corpus / "catalog.csv").read_text(encoding="utf-8").splitlines()
    (corpus / "catalog.csv").write_text("\n".join(l for l in catalog if "a4.txt" not in l) + "\n", encoding="utf-8")
    summary = annotate(corpus, store, workers=1, chunk_size=2)
    # chunks of two: a1 shares its chunk with a0, a4 with a5; those four are annotated again
    assert (summary.documents, summary.annotated, summary.unchanged, summary.dropped) == (5, 3, 2, 1)
    fresh = tmp_path / "fresh"
    annotate(corpus, fresh, workers=1, chunk_size=2)
    assert_same_store(store, fresh)
    assert "art-4" not in set(read_table(store, "documents")["doc"])
    assert read_table(store, "documents").set_index("doc").loc["art-1", "raw"].startswith("A changed article")


KILL_SCRIPT = """
import os, signal, sys
from analysis.store import layout
limit, seen = int(sys.argv[1]), [0]
original = layout.StoreFS.write_bytes
def write_then_die(self, data, *parts):
    seen[0] += 1
    if seen[0] == limit:  # half-written: the temporary file exists, the rename never happens
        folder = self.path(*parts[:-1]); os.makedirs(folder, exist_ok=True)
        open(self.path(*parts) + layout.TMP_MARK + "killed", "wb").write(data[: len(data) // 2])
        os.kill(os.getpid(), signal.SIGKILL)
    original(self, data, *parts)
layout.StoreFS.write_bytes = write_then_die
from analysis.cli.main import main
sys.exit(main(sys.argv[2:]))
"""


def _annotate_cli(*args: str, script: str | None = None, extra: list[str] | None = None):
    command = [sys.executable, "-c", script, *(extra or [])] if script else [sys.executable, "-m", "analysis"]
    return subprocess.Popen([*command, "annotate", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def test_killed_at_a_random_point_then_rerun_equals_an_uninterrupted_run(tmp_path):
    corpus = small_corpus(tmp_path / "corpus", n=6)
    reference = tmp_path / "reference"
    annotate(corpus, reference, workers=1, chunk_size=1)
    writes = 6 * (len(TABLES) + 1) + 3  # data parts and manifest part per chunk, store.json twice, no alias table
    rng = random.Random(20231213)
    for attempt, limit in enumerate(sorted(rng.sample(range(2, writes), 3))):
        store = tmp_path / f"killed-{attempt}"
        args = ["--seeds", str(corpus), "--store", str(store), "--workers", "1", "--chunk-size", "1"]
        killed = _annotate_cli(*args, script=KILL_SCRIPT, extra=[str(limit)])
        killed.communicate(timeout=300)
        assert killed.returncode == -signal.SIGKILL
        with pytest.raises(InputError, match="unfinished|missing or out of date"):
            analysis.load_corpus(store)
        rerun = _annotate_cli(*args)
        out, err = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, err
        assert_same_store(store, reference)
        assert not [p for p in store.rglob("*") if ".tmp-" in p.name]


def test_kill_9_from_outside_then_rerun_equals_an_uninterrupted_run(tmp_path):
    corpus = small_corpus(tmp_path / "corpus", n=8)
    reference = tmp_path / "reference"
    annotate(corpus, reference, workers=1, chunk_size=1)
    store = tmp_path / "store"
    args = ["--seeds", str(corpus), "--store", str(store), "--workers", "1", "--chunk-size", "1"]
    run = _annotate_cli(*args)
    delay = random.Random(7).uniform(0.5, 1.5)
    deadline = time.monotonic() + 120
    while not (store / "manifest").is_dir() and time.monotonic() < deadline:  # started writing
        time.sleep(0.05)
    time.sleep(delay)
    import os

    os.killpg(run.pid, signal.SIGKILL)
    run.communicate(timeout=60)
    rerun = _annotate_cli(*args)
    out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    assert_same_store(store, reference)


def test_on_error_stop_exits_2_with_one_line(tmp_path):
    corpus = small_corpus(tmp_path / "corpus", n=2)
    (corpus / "z-bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = subprocess.run([sys.executable, "-m", "analysis", "annotate", "--seeds", str(corpus),
                             "--store", str(tmp_path / "store")], capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert result.stderr.strip() == f"error: {corpus / 'z-bad.txt'}: looks like a binary file, not text"


def test_on_error_skip_records_the_problem_and_goes_on(tmp_path, capsys):
    corpus = small_corpus(tmp_path / "corpus", n=2)
    (corpus / "z-bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (corpus / "y-empty.txt").write_text("***\n", encoding="utf-8")
    store = tmp_path / "store"
    assert main(["annotate", "--seeds", str(corpus), "--store", str(store), "--on-error", "skip",
                 "--workers", "1"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("annotated 2 of 4 documents") and "2 skipped with errors" in out[0]
    assert out[1:] == ["skipped y-empty.txt: no body text left after cleaning",
                       "skipped z-bad.txt: looks like a binary file, not text"]
    errors = read_table(store, "errors")
    assert errors.values.tolist() == [["y-empty", "y-empty.txt", "no body text left after cleaning"],
                                      ["z-bad", "z-bad.txt", "looks like a binary file, not text"]]
    assert analysis.load_corpus(store).ids == ["art-0", "art-1"]


def test_store_is_never_inside_or_around_the_corpus(tmp_path):
    corpus = small_corpus(tmp_path / "corpus", n=1)
    for bad in (corpus, corpus / "store", tmp_path):
        with pytest.raises(InputError, match="input folder"):
            annotate(corpus, bad, workers=1)
    assert sorted(p.name for p in corpus.iterdir()) == ["a0.txt", "catalog.csv"]


def test_dask_two_worker_cluster_writes_the_same_store(tmp_path):
    pytest.importorskip("distributed")
    corpus = small_corpus(tmp_path / "corpus", n=4)
    local, dask = tmp_path / "local", tmp_path / "dask"
    annotate(corpus, local, workers=2, chunk_size=1)
    summary = annotate(corpus, dask, engine="dask", workers=2, chunk_size=1)
    assert summary.annotated == 4
    assert_same_store(local, dask)


def test_reading_an_unfinished_store_says_so(tmp_path):
    corpus = small_corpus(tmp_path / "corpus", n=1)
    store = tmp_path / "store"
    annotate(corpus, store, workers=1)
    info = json.loads((store / "store.json").read_text(encoding="utf-8"))
    (store / "store.json").write_text(json.dumps(info | {"complete": False}), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "analysis", "corpus", "--seeds", str(store)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"error: {store}: annotation unfinished; "
                                     "run `python -m analysis annotate` again to finish it")


def _page_without_footer(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    start = text.index("<p>Built ")
    return text[:start] + text[text.index("</p>", start):]


def test_report_built_from_a_store_equals_the_report_from_its_folder(seeds_store, tmp_path):
    from analysis.report.site import build_report

    pages = [paths.NOTEBOOKS / "02-sentiment.ipynb", paths.NOTEBOOKS / "03-entities.ipynb"]
    build_report(paths.SEEDS, tmp_path / "folder", notebooks=pages, jobs=1)
    build_report(seeds_store, tmp_path / "store", notebooks=pages, jobs=1)
    figures = sorted(p.relative_to(tmp_path / "folder") for p in (tmp_path / "folder" / "figures").rglob("*.*"))
    assert any(p.suffix == ".csv" for p in figures)
    for relative in figures:  # every figure and the table it was drawn from, byte for byte
        assert (tmp_path / "store" / relative).read_bytes() == (tmp_path / "folder" / relative).read_bytes()
    for page in ("index.html", "02-sentiment.html", "03-entities.html"):
        assert _page_without_footer(tmp_path / "store" / page) == _page_without_footer(tmp_path / "folder" / page)


# --- a slice of the real corpus, and the group views ------------------------------------------

GROUP = ["--group-by", "mbfc", "--a", "left_bias,left_center_bias", "--b", "right_bias"]
GROUP_VIEWS = [
    ["frames", "--by", "group", "--measure", "all"], ["frames", "--by", "difference", "--scheme", "policy"],
    ["frames", "--by", "period"], ["sentiment", "--by", "group", "--measure", "all"],
    ["sentiment", "--by", "difference"], ["sentiment", "--by", "period"], ["entities", "--by", "group"],
    ["keyness", "--top", "5"],
]


@pytest.fixture(scope="module")
def dev_pair(tmp_path_factory):
    """A corpus folder imported from the first 24 articles of dev.tsv, and its store."""
    from shared_corpus import dev_slice

    _needs_dev()
    root = tmp_path_factory.mktemp("dev")
    folder = root / "corpus"
    assert main(["import", str(dev_slice(root, 24)), "--out", str(folder), "--id-column", "ID",
                 "--date-column", "date"]) == 0
    store = root / "store"
    summary = annotate(folder, store, workers=2, chunk_size=5)
    assert (summary.annotated, summary.errors) == (24, [])
    return folder, store


def _needs_dev():
    from shared_corpus import DEV_TSV

    if not DEV_TSV.is_file():
        pytest.skip(f"{DEV_TSV} is absent (set RDF_SHARED)")


@pytest.mark.parametrize("view", VIEWS[:11] + [v + GROUP for v in GROUP_VIEWS], ids=lambda v: " ".join(v))
def test_dev_slice_views_and_group_views_on_a_store_equal_the_folder(view, dev_pair, capsys):
    folder, store = dev_pair
    on_folder = cli_json(capsys, *view, "--seeds", str(folder))
    assert json.loads(on_folder)
    assert cli_json(capsys, *view, "--seeds", str(store)) == on_folder


def test_an_fsspec_url_store_equals_a_local_one(seeds_store, capsys):
    """A store on any fsspec filesystem (here the in-memory one; s3://, gs://, abfs:// alike)."""
    from analysis.store.reader import Store

    url = "memory://store-test/seeds"
    summary = annotate(paths.SEEDS, url, workers=1)
    assert summary.annotated == 2
    for name in TABLES:
        pd.testing.assert_frame_equal(read_table(url, name), read_table(seeds_store, name), obj=name)
    assert Store(url).info == json.loads((seeds_store / "store.json").read_text(encoding="utf-8"))
    for view in (["entities"], ["frames", "--by", "document"]):
        assert cli_json(capsys, *view, "--seeds", url) == cli_json(capsys, *view, "--seeds", str(seeds_store))
    assert annotate(paths.SEEDS, url, workers=1).unchanged == 2


def test_progress_shows_documents_rate_and_time_left(tmp_path):
    corpus = small_corpus(tmp_path / "corpus", n=3)
    result = subprocess.run([sys.executable, "-m", "analysis", "annotate", "--seeds", str(corpus), "--store",
                             str(tmp_path / "store"), "--workers", "1", "--chunk-size", "1"],
                            capture_output=True, text=True, timeout=300, env={**__import__("os").environ,
                                                                              "RDF_PROGRESS": "1"})
    assert result.returncode == 0, result.stderr
    final = result.stderr.replace("\r", "\n").strip().splitlines()
    # documents done, elapsed<left, and the rate (tqdm writes "s/doc" when it is below one per second)
    assert any(line.startswith("annotate: 100%") and "3/3 [" in line and "<" in line
               and ("doc/s]" in line or "s/doc]" in line) for line in final), final
    assert result.stdout.startswith("annotated 3 of 3 documents into ")


def test_force_starts_a_store_in_a_foreign_folder_without_deleting(tmp_path, capsys):
    corpus = small_corpus(tmp_path / "corpus", n=1)
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep me", encoding="utf-8")
    assert main(["annotate", "--seeds", str(corpus), "--store", str(folder), "--workers", "1"]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert main(["annotate", "--seeds", str(corpus), "--store", str(folder), "--workers", "1", "--force"]) == 0
    assert (folder / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert analysis.load_corpus(folder).ids == ["art-0"]


def test_hidden_files_the_folder_skips_are_reported_from_the_store_too(tmp_path, capsys):
    corpus = small_corpus(tmp_path / "corpus", n=2)
    (corpus / ".draft.txt").write_text("Not an article.\n", encoding="utf-8")
    store = tmp_path / "store"
    annotate(corpus, store, workers=1)
    folder_view = cli_json(capsys, "corpus", "--seeds", str(corpus))
    assert main(["corpus", "--seeds", str(store), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert out == folder_view and "skipped .draft.txt (hidden file)" in err
    assert analysis.load_corpus(store).cleaning_report().equals(analysis.load_corpus(corpus).cleaning_report())


def test_a_store_describes_its_corpus_as_its_folder_does(seeds_store, tmp_path):
    from analysis.corpus.info import corpus_info

    assert corpus_info(seeds_store) == corpus_info(paths.SEEDS)  # the seeds' own narrative
    corpus = small_corpus(tmp_path / "climate", n=1)
    store = tmp_path / "store"
    annotate(corpus, store, workers=1)
    assert corpus_info(store) == corpus_info(corpus)  # title from the folder's name
    (corpus / "corpus.toml").write_text('title = "Climate coverage"\n[groups.leaning]\nleft = "the left"\n',
                                        encoding="utf-8")
    annotate(corpus, store, workers=1)
    assert corpus_info(store) == corpus_info(corpus)
    assert corpus_info(store).title == "Climate coverage" and corpus_info(store).value_name("leaning", "left") == "the left"
