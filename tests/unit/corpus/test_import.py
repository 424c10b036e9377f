"""``python -m analysis import``: a corpus folder from a table, and catalogs with extra columns."""
from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

import pytest

from analysis import InputError, load_corpus
from analysis.cli import main as cli
from analysis.corpus.catalog import read_catalog
from analysis.corpus.importing import import_table, normalise_date, read_rows, title_from_text

from shared_corpus import dev_slice, needs_dev


ROWS = [
    {"id": "a1", "text": "Left outlets report the summit. Talks continued on Friday.", "title": "Summit talks",
     "published": "2019-03-04", "mbfc": "left_bias", "score": "3"},
    {"id": "b2", "text": "Right outlets doubt the deal.\nA second paragraph follows.", "title": "",
     "published": "2019-04", "mbfc": "right_bias", "score": ""},
]
HEADER = ["id", "text", "title", "published", "mbfc", "score"]


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def write_csv(path: Path, rows: list[dict], header: list[str] = HEADER, delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, header, delimiter=delimiter, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = cli.main(["import", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def one_line_error(err: str, *parts: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    for part in parts:
        assert part in lines[0], (part, lines[0])


def test_csv_import_writes_texts_and_catalog(tmp_path, capsys):
    table = write_csv(tmp_path / "articles.csv", ROWS)
    out = tmp_path / "corpus"
    status, printed, err = run(capsys, str(table), "--out", str(out))
    assert status == 0, err
    assert printed == f"2 documents written to {out} (one .txt each, and catalog.csv)\n"
    assert sorted(p.name for p in out.iterdir()) == [".rdf-output", "a1.txt", "b2.txt", "catalog.csv"]
    assert (out / "b2.txt").read_text(encoding="utf-8") == "Right outlets doubt the deal.\nA second paragraph follows.\n"
    assert (out / "catalog.csv").read_text(encoding="utf-8") == (
        "id,file,title,published,mbfc,score\n"
        "a1,a1.txt,Summit talks,2019-03-04,left_bias,3\n"
        "b2,b2.txt,Right outlets doubt the deal. A second paragraph follows.,2019-04,right_bias,\n")
    corpus = load_corpus(out)
    assert corpus.ids == ["a1", "b2"]
    assert [len(d.paragraphs) for d in corpus] == [1, 2]
    assert corpus["a1"].entry.extra == {"mbfc": "left_bias", "score": "3"}
    assert corpus["b2"].entry.get("mbfc") == "right_bias" and corpus["b2"].entry.get("published") == "2019-04"
    docs = corpus.documents()
    assert list(docs.columns[-2:]) == ["mbfc", "score"]
    assert docs["score"].tolist() == ["3", ""]


def test_the_four_formats_give_the_same_folder(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    sources = {
        "csv": write_csv(tmp_path / "t.csv", ROWS),
        "tsv": write_csv(tmp_path / "t.tsv", ROWS, delimiter="\t"),
        "jsonl": tmp_path / "t.jsonl",
        "parquet": tmp_path / "t.parquet",
    }
    sources["jsonl"].write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(ROWS), sources["parquet"])
    folders = {}
    for kind, source in sources.items():
        import_table(source, tmp_path / kind)
        folders[kind] = {k: v for k, v in snapshot(tmp_path / kind).items() if k.endswith((".txt", ".csv"))}
    assert sorted(folders["csv"]) == ["a1.txt", "b2.txt", "catalog.csv"]
    assert folders["csv"] == folders["tsv"] == folders["jsonl"] == folders["parquet"]


def test_json_and_parquet_values_become_text(tmp_path):
    source = tmp_path / "t.jsonl"
    source.write_text('{"id": 7, "text": "One sentence here.", "flag": true, "n": 2.5, "none": null}\n\n'
                      '{"id": "8", "text": "Another one.", "extra": [1, 2]}\n', encoding="utf-8")
    header, rows = read_rows(source)
    assert header == ["id", "text", "flag", "n", "none", "extra"]
    assert [r.where for r in rows] == ["line 1", "line 3"]
    assert rows[0].cells == {"id": "7", "text": "One sentence here.", "flag": "True", "n": "2.5", "none": ""}
    assert rows[1].cells["extra"] == "[1, 2]"


def test_dates_and_titles():
    assert normalise_date("2019-12-02") == "2019-12-02"
    assert normalise_date("2019-12-02T08:30:00Z") == "2019-12-02"
    assert normalise_date("2019-12-02 08:30") == "2019-12-02"
    assert normalise_date("2019") == "2019"
    assert normalise_date("02/12/2019") is None and normalise_date("2019-02-30") is None
    assert title_from_text("one two three", 2) == "one two …"
    assert title_from_text("one  two\nthree", 3) == "one two three"


BAD = {
    "missing text": ([{"id": "a", "text": "Fine text."}, {"id": "b", "text": "  "}], {},
                     "row 3 (id 'b'): no text in column 'text'"),
    "duplicate id": ([{"id": "a", "text": "One."}, {"id": "a", "text": "Two."}], {},
                     "row 3: duplicate id 'a' (first on row 2)"),
    "case-duplicate id": ([{"id": "A", "text": "One."}, {"id": "a", "text": "Two."}], {},
                          "row 3: duplicate id 'a' (first on row 2)"),
    "empty id": ([{"id": "a", "text": "One."}, {"id": "", "text": "Two."}], {}, "row 3: empty id in column 'id'"),
    "bad id": ([{"id": "../x", "text": "One."}], {}, "row 2 (id '../x'): id may use only letters"),
    "bad date": ([{"id": "a", "text": "One.", "published": "June 2019"}], {},
                 "row 2 (id 'a'): bad date 'June 2019' in column 'published'"),
    "no id column": ([{"ID": "a", "text": "One."}], {}, "no column 'id' for the id"),
    "no such text column": ([{"id": "a", "text": "One."}], {"--text-column": "body"}, "no column 'body' for the text"),
    "no such title column": ([{"id": "a", "text": "One."}], {"--title-column": "headline"},
                             "no column 'headline' for the title"),
    "no such date column": ([{"id": "a", "text": "One."}], {"--date-column": "date"}, "no column 'date' for the date"),
    "file column": ([{"id": "a", "text": "One.", "file": "x"}], {}, "column 'file' would clash"),
    "reserved column": ([{"id": "a", "text": "One.", "words": "9"}], {}, "column 'words' is reserved"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_rows_exit_2_with_one_line_and_write_nothing(tmp_path, capsys, case):
    rows, options, problem = BAD[case]
    header = list(dict.fromkeys(k for r in rows for k in r))
    table = write_csv(tmp_path / "t.csv", rows, header)
    before = snapshot(tmp_path)
    argv = [str(table), "--out", str(tmp_path / "out")] + [x for kv in options.items() for x in kv]
    status, printed, err = run(capsys, *argv)
    assert status == 2 and printed == ""
    one_line_error(err, str(table), problem)
    assert snapshot(tmp_path) == before and not (tmp_path / "out").exists()


def test_more_fields_than_columns_names_the_row(tmp_path):
    table = tmp_path / "t.tsv"
    table.write_text("id\ttext\na\tOne.\nb\tTwo.\textra\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"row 3: 3 fields but 2 columns"):
        read_rows(table)


def test_unknown_format_and_missing_file(tmp_path, capsys):
    status, _, err = run(capsys, str(tmp_path / "t.xlsx"), "--out", str(tmp_path / "o"))
    assert status == 2
    one_line_error(err, "unknown table format '.xlsx'")
    status, _, err = run(capsys, str(tmp_path / "t.csv"), "--out", str(tmp_path / "o"))
    assert status == 2
    one_line_error(err, "t.csv: file not found")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_non_empty_out_needs_force_and_force_replaces_only_an_import(tmp_path, capsys):
    table = write_csv(tmp_path / "t.csv", ROWS)
    out = tmp_path / "out"
    assert run(capsys, str(table), "--out", str(out))[0] == 0
    first = snapshot(out)
    status, _, err = run(capsys, str(table), "--out", str(out))
    assert status == 2
    one_line_error(err, str(out), "folder is not empty", "--force")
    assert snapshot(out) == first
    (out / "notes.md").write_text("mine", encoding="utf-8")
    write_csv(table, ROWS[:1])
    assert run(capsys, str(table), "--out", str(out), "--force")[0] == 0
    assert sorted(p.name for p in out.iterdir()) == [".rdf-output", "a1.txt", "catalog.csv", "notes.md"]
    assert load_corpus(out).ids == ["a1"]


def test_force_into_a_foreign_folder_deletes_nothing(tmp_path, capsys):
    table = write_csv(tmp_path / "t.csv", ROWS)
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("Someone else's article.", encoding="utf-8")
    status, _, err = run(capsys, str(table), "--out", str(out))
    assert status == 2
    one_line_error(err, "folder is not empty")
    assert run(capsys, str(table), "--out", str(out), "--force")[0] == 0
    assert (out / "old.txt").read_text(encoding="utf-8") == "Someone else's article."
    assert load_corpus(out).ids == ["a1", "b2", "old"]


def test_out_inside_the_seeds_is_refused(tmp_path, capsys):
    from analysis import paths

    table = write_csv(tmp_path / "t.csv", ROWS)
    before = snapshot(paths.SEEDS)
    status, _, err = run(capsys, str(table), "--out", str(paths.SEEDS / "imported"))
    assert status == 2
    one_line_error(err, "the repository's seeds/")
    assert snapshot(paths.SEEDS) == before and not (paths.SEEDS / "imported").exists()


def test_table_inside_out_is_refused(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    table = write_csv(out / "catalog.csv", ROWS)
    before = snapshot(tmp_path)
    status, _, err = run(capsys, str(table), "--out", str(out), "--force")
    assert status == 2
    one_line_error(err, "holds the table being imported")
    assert snapshot(tmp_path) == before


def test_catalog_keeps_extra_columns_and_refuses_reserved_ones(tmp_path):
    (tmp_path / "a.txt").write_text("One sentence.", encoding="utf-8")
    (tmp_path / "catalog.csv").write_text("id,file,colour,kind\na,a.txt, red ,News\n", encoding="utf-8")
    [entry] = read_catalog(tmp_path)
    assert entry.extra == {"colour": "red"} and entry.kind == "news"
    assert entry.get("colour") == "red" and entry.get("kind") == "news" and entry.get("file") == "a.txt"
    assert entry.get("size") == "" and entry.get("size", None) is None
    (tmp_path / "catalog.csv").write_text("id,file,sentences\na,a.txt,3\n", encoding="utf-8")
    with pytest.raises(InputError, match="column 'sentences' is reserved"):
        read_catalog(tmp_path)


@needs_dev
def test_dev_slice_imports_with_every_column(tmp_path, capsys):
    table = dev_slice(tmp_path, 12)
    out = tmp_path / "dev"
    status, _, err = run(capsys, str(table), "--out", str(out), "--id-column", "ID", "--date-column", "date")
    assert status == 0, err
    source = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8")), delimiter="\t"))
    catalog = list(csv.DictReader((out / "catalog.csv").open(encoding="utf-8")))
    assert list(catalog[0]) == ["id", "file", "title", "published", "source", "mbfc", "RE", "HI", "CO", "MO", "EC"]
    assert len(catalog) == len(source) == 12
    for src, row in zip(source, catalog):
        assert (row["id"], row["published"]) == (src["ID"], src["date"])
        assert {k: row[k] for k in ("source", "mbfc", "RE", "HI", "CO", "MO", "EC")} == {
            k: src[k] for k in ("source", "mbfc", "RE", "HI", "CO", "MO", "EC")}
        assert (out / row["file"]).read_text(encoding="utf-8") == src["text"].strip() + "\n"
        assert src["text"].startswith(row["title"].removesuffix(" …"))
    corpus = load_corpus(out)
    assert corpus.ids == [r["ID"] for r in source]
    assert all(len(d.paragraphs) == 1 for d in corpus)  # the dev texts have no paragraph breaks
    assert corpus.documents()["mbfc"].tolist() == [r["mbfc"] for r in source]


def test_import_takes_no_seeds_option():
    parser, _ = cli.build_parser()
    args = parser.parse_args(["import", "t.csv", "--out", "o"])
    assert not hasattr(args, "seeds")
    with pytest.raises(SystemExit):
        parser.parse_args(["import", "t.csv", "--out", "o", "--seeds", "x"])


def test_table_that_is_not_utf8_is_one_line(tmp_path, capsys):
    table = tmp_path / "t.csv"
    table.write_bytes("id,text\na,Caf\xe9 society.\n".encode("latin-1"))
    status, _, err = run(capsys, str(table), "--out", str(tmp_path / "out"))
    assert status == 2
    one_line_error(err, str(table), "not valid UTF-8")
    assert not (tmp_path / "out").exists()


# --- issue 22: values Python cannot hold, ids that cannot name a file, text that is not text ------------

def _jsonl(path: Path, *lines: str) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _parquet(path: Path, columns: dict) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table(columns), path)
    return path


GOOD = '{"id": "a1", "text": "Moscow and Pyongyang signed a treaty."}'
UNREADABLE = {
    "lone surrogate": (lambda p: _jsonl(p / "t.jsonl", GOOD, '{"id": "b2", "text": "Bad \\ud800 text."}'),
                       "line 2: column 'text' holds a lone surrogate"),
    "lone surrogate in a column name": (lambda p: _jsonl(p / "t.jsonl", '{"id": "b2", "text": "Fine.", "x\\udc80": 1}'),
                                        "line 1: the column name holds a lone surrogate"),
    "deep nesting": (lambda p: _jsonl(p / "t.jsonl", GOOD, '{"id": "b2", "text": "Fine.", "meta": '
                                      + "[" * 100_000 + "]" * 100_000 + "}"),
                     "line 2: JSON nested too deeply"),
    "5,000-digit number": (lambda p: _jsonl(p / "t.jsonl", GOOD, '{"id": "b2", "text": "Fine.", "n": '
                                            + "7" * 5000 + "}"),
                           "line 2: a value Python cannot read"),
    "date before year 1": (lambda p: _parquet(p / "t.parquet", {
        "id": ["a1"], "text": ["Fine text."], "published": __import__("pyarrow").array([-800_000], "date32")}),
                           "column 'published' holds values Python cannot represent"),
    "date after 9999": (lambda p: _parquet(p / "t.parquet", {
        "id": ["a1"], "text": ["Fine text."], "seen": __import__("pyarrow").array([3_000_000], "date32")}),
                        "column 'seen' holds values Python cannot represent"),
    "text a JSON number": (lambda p: _jsonl(p / "t.jsonl", GOOD, '{"id": "b2", "text": 12345}'),
                           "line 2 (id 'b2'): the text in column 'text' is a number (12345), not a string"),
    "text a JSON list": (lambda p: _jsonl(p / "t.jsonl", '{"id": "b2", "text": ["Some", "words"]}'),
                         "line 1 (id 'b2'): the text in column 'text' is a list"),
    "text a Parquet number": (lambda p: _parquet(p / "t.parquet", {"id": ["a1", "b2"], "text": [1.5, 2.5]}),
                              "row 1 (id 'a1'): the text in column 'text' is a number"),
    "id over 128 characters": (lambda p: write_csv(p / "t.csv", [{"id": "a" * 129, "text": "Fine text."}],
                                                   ["id", "text"]),
                               "id is 129 characters long; at most 128"),
    "id of 255 characters": (lambda p: _jsonl(p / "t.jsonl", GOOD, json.dumps({"id": "b" * 255, "text": "Fine."})),
                             "id is 255 characters long; at most 128"),
    "id CON": (lambda p: write_csv(p / "t.csv", [{"id": "CON", "text": "Fine text."}], ["id", "text"]),
               "row 2 (id 'CON'): id 'CON' is a name Windows reserves"),
    "id nul": (lambda p: write_csv(p / "t.csv", [{"id": "nul", "text": "Fine text."}], ["id", "text"]),
               "id 'nul' is a name Windows reserves"),
    "id COM1": (lambda p: _jsonl(p / "t.jsonl", '{"id": "COM1", "text": "Fine."}'), "id 'COM1' is a name Windows"),
    "id lpt9.notes": (lambda p: _jsonl(p / "t.jsonl", '{"id": "lpt9.notes", "text": "Fine."}'),
                      "id 'lpt9' is a name Windows"),
    "id ending in a newline": (lambda p: _jsonl(p / "t.jsonl", GOOD, '{"id": "b2\\n", "text": "Fine."}'),
                               "line 2 (id 'b2'): id holds a control character"),
    "id with a tab in CSV": (lambda p: write_csv(p / "t.csv", [{"id": "a1\t", "text": "Fine text."}], ["id", "text"]),
                             "row 2 (id 'a1'): id holds a control character"),
}


@pytest.mark.parametrize("case", list(UNREADABLE))
def test_unreadable_values_and_unsafe_ids_are_one_line_and_write_nothing(tmp_path, capsys, case, monkeypatch):
    monkeypatch.chdir(tmp_path)
    make, problem = UNREADABLE[case]
    table = make(tmp_path)
    before = snapshot(tmp_path)
    status, printed, err = run(capsys, str(table), "--out", str(tmp_path / "out"))
    assert status == 2 and printed == "" and "Traceback" not in err
    one_line_error(err, str(table), problem)
    assert snapshot(tmp_path) == before and not (tmp_path / "out").exists()


def test_the_id_rule_stops_at_its_limits(tmp_path, capsys):
    from analysis.corpus.importing import MAX_ID, id_problem

    assert MAX_ID == 128 and id_problem("c" * 128) is None and "at most 128" in id_problem("c" * 129)
    assert id_problem("CONSOLE") is None and id_problem("aux.v2") and id_problem("a1\r") and id_problem(" a1 ") is None
    table = _jsonl(tmp_path / "t.jsonl", json.dumps({"id": "c" * 128, "text": "Fine text."}),
                   '{"id": 12345, "text": "Numbers are fine as ids."}', '{"id": "CONSOLE", "text": "Fine."}')
    status, _, err = run(capsys, str(table), "--out", str(tmp_path / "out"))
    assert status == 0, err
    assert sorted(p.name for p in (tmp_path / "out").glob("*.txt")) == ["12345.txt", "CONSOLE.txt", "c" * 128 + ".txt"]
