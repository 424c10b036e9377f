"""Hostile and careless input, case by case (issue 12). Add a test here for every new case found.

Each test names the case it pins; the input folders are checked to be byte-identical afterwards.
"""
from __future__ import annotations

import csv
import io
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import load_corpus
from analysis.cli.main import main

from analysis.escape import (csv_cell, html_text, md_code, md_link, md_text, plot_text, safe_url, sanitize_html,
                             terminal_text)
from analysis.report.render import markdown_html


# --- escaping at the boundary (item 4) ----------------------------------------------------------

@pytest.mark.parametrize("payload", [
    "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "<script>alert(1)</script>",
    "[x](javascript:alert(1))", "<javascript:alert(1)>", "![i](javascript:alert(1))",
])
def test_md_text_leaves_no_markup_after_rendering(payload):
    rendered = markdown_html(f"A label: **{md_text(payload)}** here")
    assert "<a " not in rendered and "<img" not in rendered and "<svg" not in rendered and "<script" not in rendered
    assert rendered.startswith("A label: <strong>") and "alert(1)" in rendered


def test_md_text_keeps_plain_labels_and_blocks_block_syntax():
    assert md_text("the analytical chapter") == "the analytical chapter"
    assert md_text("Putin–Kim summit, 2023 (Vostochny)") == "Putin–Kim summit, 2023 (Vostochny)"
    assert md_text("# heading") == "\\# heading" and md_text("1. item") == "1\\. item" and md_text("- x") == "\\- x"
    assert md_text("two\nlines\r\n> quote") == "two lines &gt; quote"
    assert md_text("*em* _u_ `c` $5 | ~s~ a&b") == "\\*em\\* \\_u\\_ \\`c\\` \\$5 \\| \\~s\\~ a&amp;b"
    assert md_text(None) == ""


def test_md_code_cannot_be_closed_by_the_value():
    assert md_code("ch49-vostochny") == "`ch49-vostochny`"
    assert md_code("a`b") == "``a`b``"
    assert markdown_html(md_code("`<img src=x onerror=alert(1)>`")).count("<code>") == 1
    assert "<img" not in markdown_html(md_code("<img src=x onerror=alert(1)>"))


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "vbscript:x", "file:///etc/passwd",
                                 "//evil.example/x", "http:alert(1)", ""])
def test_only_http_urls_become_links(url):
    assert safe_url(url) is None
    assert "<a " not in markdown_html(md_link("source", url))


def test_http_urls_become_links():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert markdown_html(md_link("source", "https://example.org/a")) == '<a href="https://example.org/a">source</a>'


def test_html_text_escapes_quotes_too():
    assert html_text('"><svg onload=alert(1)>') == "&quot;&gt;&lt;svg onload=alert(1)&gt;"
    assert html_text("it's") == "it&#x27;s"


def test_sanitize_html_drops_live_parts_and_keeps_the_rest():
    dirty = ('<p>a <a href="javascript:alert(1)">x</a> <img src=x onerror=alert(2)> <b>ok</b></p>'
             '<script>alert(3)</script><svg onload=alert(4)></svg><a href="https://e.org/">k</a>'
             '<iframe src="x"></iframe><style scoped>.t{}</style><img src="data:image/png;base64,AAAA" alt="f">'
             '<a href=" java&#x09;script:alert(5)">y</a> 1 < 2 <img src=x onerror=alert(6)')
    clean = sanitize_html(dirty)
    assert "alert(1)" not in clean and "alert(2)" not in clean and "alert(3)" not in clean and "alert(4)" not in clean
    assert "alert(5)" not in clean and "<iframe" not in clean
    assert '<a href="https://e.org/">k</a>' in clean and "<style scoped>.t{}</style>" in clean
    assert '<img src="data:image/png;base64,AAAA" alt="f">' in clean and "<b>ok</b>" in clean
    assert "1 &lt; 2 &lt;img" in clean  # a cut-off tag cannot join the page's next tag
    assert sanitize_html("<table><tr><td>&lt;x&gt; &amp;</td></tr></table>") == "<table><tr><td>&lt;x&gt; &amp;</td></tr></table>"


# --- item 5: a "$" in a label is text, not mathtext --------------------------------------------

def test_dollar_signs_in_plot_labels_do_not_break_figures(tmp_path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import analysis

    monkeypatch.setenv("RDF_FIGURES", str(tmp_path))
    label = "Costs: $5bn, 50% more than $3bn"
    with matplotlib.rc_context():
        analysis.setup()
        fig, ax = plt.subplots()
        ax.barh([0], [1], label=label)
        ax.set_title(label)
        ax.set_yticks([0], [label])
        ax.legend()
        path = analysis.save_figure(fig, "dollars.png")
        plt.close(fig)
        assert plot_text(label) == label  # mathtext is off: nothing to escape
    assert path.stat().st_size > 1000
    with matplotlib.rc_context({"text.parse_math": True}):
        assert plot_text(label) == "Costs: \\$5bn, 50% more than \\$3bn"
        fig, ax = plt.subplots()
        ax.set_title(plot_text(label))
        fig.savefig(tmp_path / "escaped.png")
        plt.close(fig)


# --- items 8-9: terminal and spreadsheet output ------------------------------------------------

def test_terminal_text_strips_escape_sequences_and_controls():
    assert terminal_text("a\x1b[31mred\x1b[0m b\x1b]0;title\x07c\u202ed\x00e\nf\tg") == "ared bcde f g"
    assert terminal_text("plain – text") == "plain – text"


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)",
                                  "\t=1", "\r=1"])
def test_csv_cells_that_start_a_formula_are_quoted(cell):
    assert csv_cell(cell) == "'" + cell


def test_csv_cells_otherwise_unchanged():
    assert csv_cell("Putin") == "Putin" and csv_cell(-0.3) == -0.3 and csv_cell(None) is None


# --- helpers for the file and command-line cases ------------------------------------------------

TEXT = ("Vladimir Putin met Kim Jong Un in Pyongyang. The talks were warm and friendly.\n"
        "Sanctions were discussed at the United Nations. The war in Ukraine continues.\n")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: (p.read_bytes() if p.is_file() and not p.is_fifo() else b"<special>")
            for p in sorted(folder.iterdir())}


def make(tmp_path: Path, files: dict[str, str | bytes], name: str = "seeds") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for file, data in files.items():
        (folder / file).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        status = main(list(argv))
    except SystemExit as stop:  # a usage error, reported by the parser
        status = stop.code
    out, err = capsys.readouterr()
    return status, out, err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    return lines[0]


# --- item 6: files outside the folder, and files that are not files -----------------------------

def test_a_link_out_of_the_folder_is_refused_naming_the_link(tmp_path, capsys):
    outside = tmp_path / "private.txt"
    outside.write_text("Secret words of another project. " * 3)
    folder = make(tmp_path, {"a.txt": TEXT})
    (folder / "link.txt").symlink_to(outside)
    before = snapshot(folder)
    status, out, err = run(capsys, "corpus", "--seeds", str(folder), "--format", "json")
    line = one_line(err)
    assert status == 2 and "link.txt" in line and "outside the corpus folder" in line and "Secret" not in err + out
    assert snapshot(folder) == before


def test_a_catalog_linked_to_a_system_file_is_not_read(tmp_path, capsys):
    folder = make(tmp_path, {"a.txt": TEXT})
    (folder / "catalog.csv").symlink_to("/etc/passwd")
    status, _, err = run(capsys, "corpus", "--seeds", str(folder))
    line = one_line(err)
    assert status == 2 and "catalog.csv" in line and "outside the corpus folder" in line and "root:x" not in line


def test_a_catalog_row_naming_a_link_out_of_the_folder_is_refused(tmp_path, capsys):
    outside = tmp_path / "private.txt"
    outside.write_text("Secret words of another project. " * 3)
    folder = make(tmp_path, {"a.txt": TEXT, "catalog.csv": "id,file\nb,b.txt\n"})
    (folder / "b.txt").symlink_to(outside)
    status, out, err = run(capsys, "corpus", "--seeds", str(folder))
    assert status == 2 and "b.txt" in one_line(err) and "outside the corpus folder" in err and "Secret" not in out + err


def test_an_entity_table_linked_out_of_the_folder_is_refused(tmp_path, capsys):
    elsewhere = tmp_path / "entities.csv"
    elsewhere.write_text("canonical,type,aliases,note\nX,PERSON,X,\n")
    folder = make(tmp_path, {"a.txt": TEXT})
    (folder / "entities.csv").symlink_to(elsewhere)
    status, _, err = run(capsys, "entities", "--seeds", str(folder))
    assert status == 2 and "outside the corpus folder" in one_line(err)


def test_a_link_inside_the_folder_is_followed(tmp_path):
    folder = make(tmp_path, {"a.txt": TEXT})
    (folder / "sub").mkdir()
    (folder / "sub" / "b.txt").write_text(TEXT.replace("warm", "cold"))
    (folder / "b.txt").symlink_to(folder / "sub" / "b.txt")
    assert load_corpus(folder).ids == ["a", "b"]


def test_a_fifo_named_txt_is_refused_without_waiting(tmp_path):
    folder = make(tmp_path, {"a.txt": TEXT})
    os.mkfifo(folder / "p.txt")
    result = subprocess.run([sys.executable, "-m", "analysis", "corpus", "--seeds", str(folder)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "p.txt" in one_line(result.stderr) and "FIFO" in result.stderr


# --- item 7: one line instead of a traceback ----------------------------------------------------

def test_a_sentence_longer_than_the_entity_model_takes_is_one_line(tmp_path, capsys, monkeypatch):
    from analysis import entities

    folder = make(tmp_path, {"a.txt": TEXT + "word " * 400 + "\n"})
    monkeypatch.setattr(entities.pipeline(), "max_length", 1000)  # the real limit is 1,000,000 characters
    monkeypatch.setenv("RDF_CACHE", "0")
    status, _, err = run(capsys, "entities", "--seeds", str(folder))
    line = one_line(err)
    assert status == 2 and "a.txt" in line and "limit of 1,000" in line and "sentence breaks" in line


def test_an_undecodable_file_name_is_escaped_in_the_one_line(tmp_path, capsys):
    folder = make(tmp_path, {"a.txt": TEXT})
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as handle:  # not UTF-8: a Latin-1 byte
        handle.write(TEXT.encode())
    result = subprocess.run([sys.executable, "-m", "analysis", "corpus", "--seeds", str(folder), "--format", "json"],
                            capture_output=True, timeout=120)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2 and "caf\\xe9" in one_line(err) and "Traceback" not in err


def test_table_csv_and_json_output_survive_undecodable_bytes():
    from analysis.cli.output import render

    frame = pd.DataFrame({"file": pd.Series([os.fsdecode(b"caf\xe9.txt")], dtype=object), "n": [1]})
    for fmt in ("table", "csv"):
        assert "caf\\xe9.txt" in render(frame, fmt).encode("utf-8").decode("utf-8")
    assert json.loads(render(frame, "json").encode("utf-8"))[0]["file"] == "caf\\xe9.txt"


def test_keyness_with_a_side_of_only_numbers_is_one_line(tmp_path, capsys):
    folder = make(tmp_path, {"a.txt": TEXT, "b.txt": "1 2 3. 4 5 6. 2024 2025.\n"})
    status, _, err = run(capsys, "keyness", "--seeds", str(folder), "--a", "a", "--b", "b")
    assert status == 2 and "no counted word" in one_line(err)


@pytest.mark.parametrize("value", ["inf", "nan", "0", "-1", "-inf"])
def test_keyness_alpha0_must_be_finite_and_positive(capsys, value):
    status, out, err = run(capsys, "keyness", "--a", "ch49-vostochny", f"--alpha0={value}")
    assert status == 2 and "--alpha0" in one_line(err) and out == ""


def test_a_cache_entry_of_the_wrong_type_is_recomputed(tmp_path, monkeypatch):
    from analysis import cache

    monkeypatch.setenv("RDF_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("RDF_CACHE", "1")
    folder = make(tmp_path, {"a.txt": TEXT})
    first = load_corpus(folder)
    for entry in (tmp_path / "cache" / "documents").rglob(f"*{cache.SUFFIX}"):
        entry.write_bytes(pickle.dumps("not a document"))
    again = load_corpus(folder)
    assert [s.text for s in again["a"].sentences] == [s.text for s in first["a"].sentences]


@pytest.mark.parametrize("argv, command", [(["frames", "--by", "nonsense"], "frames"),
                                           (["keyness", "--top", "many"], "keyness"),
                                           (["nonsense"], "COMMAND"), ([], "COMMAND")])
def test_usage_errors_are_one_line_with_the_help_hint(argv, command):
    result = subprocess.run([sys.executable, "-m", "analysis", *argv], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert f"python -m analysis {command} --help" in one_line(result.stderr)


# --- item 8: values that cannot mean anything are refused; invisible characters are not words ----

def test_zero_width_characters_are_removed_for_matching_and_reported(tmp_path):
    from analysis import sentiment

    dirty = TEXT.replace("Putin", "Pu\u200btin").replace("Kim Jong", "Kim\u200b Jong").replace("war ", "war\u200b ")
    clean_doc = load_corpus(make(tmp_path, {"a.txt": TEXT}, "clean"))["a"]
    doc = load_corpus(make(tmp_path, {"a.txt": dirty}))["a"]
    assert [s.words for s in doc.sentences] == [s.words for s in clean_doc.sentences]
    putin = next(t for t in doc.sentences[0].tokens if t.text.replace("\u200b", "") == "Putin")
    assert doc.raw[putin.start:putin.end] == "Pu\u200btin"  # offsets still point into the original
    report = doc.cleaning_report()
    zero_width = report[report.kind == "format-character"]
    assert list(zero_width.offset) == [i for i, ch in enumerate(dirty) if ch == "\u200b"]
    assert set(zero_width.text) == {"U+200B ZERO WIDTH SPACE"} and "format-character 3" in doc.removed_summary()
    scores = [r.compound for r in sentiment.sentence_scores(doc).itertuples()]
    assert scores == [r.compound for r in sentiment.sentence_scores(clean_doc).itertuples()]


def test_a_nul_byte_after_the_first_4_kib_is_binary(tmp_path, capsys):
    folder = make(tmp_path, {"a.txt": TEXT, "b.txt": (TEXT * 60).encode() + b"\x00 tail\n"})
    status, _, err = run(capsys, "corpus", "--seeds", str(folder))
    assert status == 2 and "b.txt" in one_line(err) and "binary" in err


def test_keyness_of_a_document_against_itself_is_refused(capsys):
    status, out, err = run(capsys, "keyness", "--a", "ch49-vostochny", "--b", "ch49-vostochny")
    assert status == 2 and "same document" in one_line(err) and out == ""


def test_an_unterminated_quote_in_the_catalog_names_its_line(tmp_path, capsys):
    catalog = ('id,file,title\na,a.txt,"Fine"\nb,b.txt,"Unterminated title\n'
               'c,c.txt,Swallowed\n')
    folder = make(tmp_path, {"a.txt": TEXT, "b.txt": TEXT, "c.txt": TEXT, "catalog.csv": catalog})
    status, _, err = run(capsys, "corpus", "--seeds", str(folder))
    line = one_line(err)
    assert status == 2 and "catalog.csv" in line and "line 3" in line and "quote" in line


@pytest.mark.parametrize("rows, problem", [
    ("Putin,PERSON,Putin,\nPutin,GPE,Vladimir Putin,\n", "one canonical name has one type"),
    ("Putin,PERSON,Putin,note,extra\n", "more fields than columns"),
])
def test_bad_entity_tables_are_refused(tmp_path, capsys, rows, problem):
    folder = make(tmp_path, {"a.txt": TEXT, "entities.csv": "canonical,type,aliases,note\n" + rows})
    status, _, err = run(capsys, "entities", "--seeds", str(folder))
    assert status == 2 and "entities.csv" in one_line(err) and problem in err


def test_hidden_files_are_skipped_and_reported_and_upper_case_txt_is_read(tmp_path, capsys):
    folder = make(tmp_path, {"a.txt": TEXT, ".hidden.txt": TEXT, "._a.txt": b"\x00\x05\x16\x07Mac OS X",
                             "B.TXT": TEXT.replace("warm", "tense")})
    corpus = load_corpus(folder)
    assert corpus.ids == ["B", "a"]
    skipped = corpus.cleaning_report().query("action == 'skipped'")
    assert list(zip(skipped.text, skipped.kind)) == [("._a.txt", "macOS resource fork (._ file)"),
                                                      (".hidden.txt", "hidden file")]
    status, out, err = run(capsys, "corpus", "--seeds", str(folder))
    assert status == 0 and ".hidden.txt" in err and "._a.txt" in err


def test_an_empty_seeds_option_is_refused(capsys):
    status, out, err = run(capsys, "corpus", "--seeds", "")
    assert status == 2 and "--seeds" in one_line(err) and out == ""


@pytest.mark.parametrize("name", ["$(touch pwn).txt", "-rf.txt", "two\nlines.txt", "<b>x<b>.txt"])
def test_ids_from_file_names_follow_the_catalog_rule(tmp_path, capsys, monkeypatch, name):
    folder = make(tmp_path, {"a.txt": TEXT, name: TEXT})
    monkeypatch.chdir(tmp_path)
    before = snapshot(folder)
    status, _, err = run(capsys, "corpus", "--seeds", str(folder))
    assert status == 2 and "catalog.csv" in one_line(err) and "rename the file" in err
    assert snapshot(folder) == before and not (tmp_path / "pwn").exists()


def test_escape_sequences_never_reach_the_terminal_but_json_stays_exact(tmp_path, capsys):
    title = "Red \x1b[31malert\x1b[0m\x07 and \u202eevil"
    catalog = f'id,file,title\na,a.txt,"{title}"\n'
    folder = make(tmp_path, {"a.txt": TEXT, "catalog.csv": catalog})
    status, out, _ = run(capsys, "corpus", "--seeds", str(folder))
    assert status == 0 and "\x1b" not in out and "\x07" not in out and "\u202e" not in out and "Red alert" in out
    status, out, _ = run(capsys, "corpus", "--seeds", str(folder), "--format", "json")
    assert json.loads(out)[0]["title"] == title


# --- item 9: CSV output is spreadsheet-safe --------------------------------------------------------

def test_csv_output_cannot_start_a_formula(tmp_path, capsys):
    titles = ['=HYPERLINK("http://x")', "=cmd|' /C calc'!A0", "@SUM(1)", "+1", "-1"]
    rows = "".join(f'd{i},d{i}.txt,"{t.replace(chr(34), chr(34) * 2)}"\n' for i, t in enumerate(titles))
    folder = make(tmp_path, {**{f"d{i}.txt": TEXT for i in range(len(titles))}, "catalog.csv": "id,file,title\n" + rows})
    status, out, _ = run(capsys, "corpus", "--seeds", str(folder), "--format", "csv")
    cells = [row["title"] for row in csv.DictReader(io.StringIO(out))]
    assert status == 0 and cells == ["'" + t for t in titles]
    status, out, _ = run(capsys, "corpus", "--seeds", str(folder), "--format", "json")
    assert [r["title"] for r in json.loads(out)] == titles  # JSON stays exact


# --- the report's last line of defence, for a notebook that forgot to escape ----------------------

def test_the_report_renders_unescaped_notebook_outputs_inert():
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    from analysis.escape import sanitize_notebook_outputs
    from analysis.report.render import _exporter

    markdown = _exporter().markdown2html({"cell": {}}, "<img src=x onerror=alert(1)> [x](javascript:alert(2)) ok")
    assert markdown.strip() == '<p><img src="x"> <a>x</a> ok</p>'
    html = new_output("display_data", {"text/html": "<div onclick=alert(4)>a</div><script>alert(5)</script>"})
    nb = new_notebook(cells=[new_code_cell("x", outputs=[html])])
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {
        "m": {"state": {"value": "<b onmouseover=alert(6)>w</b>", "description": "Left"}}}}}
    sanitize_notebook_outputs(nb)
    assert nb.cells[0].outputs[0].data["text/html"] == "<div>a</div>"
    assert nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]["m"]["state"]["value"] == "<b>w</b>"
    assert nbformat.validate(nb) is None


def test_figure_tables_are_spreadsheet_safe(tmp_path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    import analysis

    monkeypatch.setenv("RDF_FIGURES", str(tmp_path))
    fig, ax = plt.subplots()
    table = pd.DataFrame({"entity": ['=HYPERLINK("http://x")', "Putin"], "score": [-0.5, 0.25]})
    path = analysis.save_figure(fig, "t.png", data=table)
    plt.close(fig)
    assert path.with_suffix(".csv").read_text() == "entity,score\n\"'=HYPERLINK(\"\"http://x\"\")\",-0.5\nPutin,0.25\n"
