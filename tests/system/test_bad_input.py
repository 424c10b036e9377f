"""Bad and odd input against the loader and ``python -m analysis corpus``.

Every case has one expected outcome: either the text loads (and means the
same as a clean UTF-8 version), or the loader raises :class:`InputError`
naming the file and the problem and the command line exits with status 2 and
exactly one line on stderr. No case may write anything into the seeds folder.
"""
from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from analysis import InputError, load_corpus, paths
from analysis.cli import main as cli
from analysis.corpus.reading import read_text

CHAPTER = paths.SEEDS / "000_84c509f025737b6d.txt"
NEWS = paths.SEEDS / "004_fd2d1b88213a7f12.txt"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


# --- helpers -----------------------------------------------------------------

def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with the SHA-256 of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def make_folder(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return folder


def run_cli(capsys, *argv: str) -> tuple[int, str, str]:
    """``analysis.cli.main.main(argv)`` in this process: exit status, stdout, stderr."""
    capsys.readouterr()
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_process(*argv: str) -> subprocess.CompletedProcess:
    """``python -m analysis ...`` in a fresh interpreter, from the repository root
    (a few cases check the real process exit status this way)."""
    return subprocess.run([sys.executable, "-m", "analysis", *argv], capture_output=True,
                          text=True, cwd=paths.ROOT, timeout=300)


def assert_one_line_error(stderr: str, path: str, *problems: str) -> None:
    """Exactly one line on stderr, ``error: PATH: PROBLEM``, no traceback."""
    assert stderr.endswith("\n") and stderr.count("\n") == 1, stderr
    assert stderr.startswith(f"error: {path}: "), stderr
    for problem in problems:
        assert problem in stderr, (problem, stderr)


@pytest.fixture(scope="module", autouse=True)
def repo_seeds_untouched():
    """The repository's own seeds folder is never written to by any case."""
    before = snapshot(paths.SEEDS)
    yield
    assert snapshot(paths.SEEDS) == before


# --- article files that must be refused ----------------------------------------

REFUSED = {
    "empty": (b"", "file is empty"),
    "bom-only": (codecs.BOM_UTF8, "file is empty"),
    "whitespace-only": (b"  \n\t\r\n   \n", "only white space"),
    "png-renamed": (PNG, "binary file"),
    "nul-bytes": (b"Kim met Putin.\x00\x00\x00", "binary file"),
    "latin-1": ("Kim visited the café in Vladivostok. He left.".encode("latin-1"),
                "not valid UTF-8 (byte 0xe9 at offset 19)"),
    "cp-1252-quotes": ("Shoigu said \u201cspecial instructions\u201d. Kim agreed.".encode("cp1252"),
                       "not valid UTF-8 (byte 0x93 at offset 12)"),
    "utf-16": ("Kim met Putin. They talked.".encode("utf-16"), "is UTF-16 text, not UTF-8"),
    "punctuation-only": (b"... !!! ---\n\n???\n", "no body text left"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_file_loader(tmp_path, case):
    data, problem = REFUSED[case]
    folder = make_folder(tmp_path, {"a.txt": data})
    before = snapshot(folder)
    with pytest.raises(InputError) as info:
        load_corpus(folder)
    assert info.value.path == folder / "a.txt"
    assert problem in str(info.value)
    assert str(info.value).startswith(f"{folder / 'a.txt'}: ")
    assert "\n" not in str(info.value)
    assert snapshot(folder) == before


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_file_cli(tmp_path, capsys, case):
    data, problem = REFUSED[case]
    folder = make_folder(tmp_path, {"a.txt": data})
    before = snapshot(folder)
    status, out, err = run_cli(capsys, "corpus", "--seeds", str(folder), "--format", "json")
    assert status == 2
    assert out == ""
    assert_one_line_error(err, str(folder / "a.txt"), problem)
    assert snapshot(folder) == before


def test_refused_file_process_exit_status(tmp_path):
    """The real ``python -m analysis`` process: status 2, one line, no output."""
    folder = make_folder(tmp_path, {"a.txt": NEWS.read_bytes(), "b.txt": PNG})
    result = run_process("corpus", "--seeds", str(folder), "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert_one_line_error(result.stderr, str(folder / "b.txt"), "binary file")


def test_bad_file_among_good_ones_is_named(tmp_path):
    """One broken file in a folder of good ones: the error names that file."""
    folder = make_folder(tmp_path, {"a.txt": NEWS.read_bytes(), "b.txt": PNG, "c.txt": CHAPTER.read_bytes()})
    with pytest.raises(InputError) as info:
        load_corpus(folder)
    assert info.value.path == folder / "b.txt"


# --- odd but valid text: loads, and means the same as clean UTF-8 ----------------

def sentence_view(corpus, with_offsets: bool = True) -> list[tuple]:
    """What analyses see of each sentence (optionally without raw offsets)."""
    return [(s.doc, s.index, s.paragraph, s.section, s.text, s.norm, [t.text for t in s.tokens])
            + ((s.start, s.end) if with_offsets else ())
            for d in corpus for s in d.sentences]


@pytest.fixture(scope="module")
def lf_view(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lf")
    for seed in (CHAPTER, NEWS):
        (folder / seed.name).write_bytes(seed.read_bytes().replace(b"\r\n", b"\n"))
    corpus = load_corpus(folder)
    return corpus, sentence_view(corpus), sentence_view(corpus, with_offsets=False)


def test_utf8_bom_loads_without_bom(tmp_path, lf_view):
    lf, with_offsets, _ = lf_view
    folder = make_folder(tmp_path, {s.name: codecs.BOM_UTF8 + s.read_bytes() for s in (CHAPTER, NEWS)})
    corpus = load_corpus(folder)
    assert all(not d.raw.startswith("\ufeff") and "\ufeff" not in d.raw for d in corpus)
    # The BOM is dropped before decoding, so offsets are those of the plain file.
    assert sentence_view(corpus) == with_offsets
    assert [d.raw for d in corpus] == [d.raw for d in lf]


@pytest.mark.parametrize("ending", [b"\r\n", b"\r"], ids=["crlf", "cr"])
def test_line_endings_give_same_sentences(tmp_path, lf_view, ending):
    lf, with_offsets, without_offsets = lf_view
    folder = make_folder(tmp_path, {s.name: s.read_bytes().replace(b"\n", ending) for s in (CHAPTER, NEWS)})
    corpus = load_corpus(folder)
    assert [len(d.sentences) for d in corpus] == [55, 25]
    assert sentence_view(corpus, with_offsets=False) == without_offsets
    assert [d.removed_summary() for d in corpus] == [d.removed_summary() for d in lf]
    assert [[h.text for h in d.headings] for d in corpus] == [[h.text for h in d.headings] for d in lf]
    for doc in corpus:  # offsets still point at the sentence in the CR/CRLF text
        assert all(doc.raw[s.start:s.end].startswith(s.text[:20]) for s in doc.sentences)
    if ending == b"\r":  # one character per line break, like LF: offsets identical
        assert sentence_view(corpus) == with_offsets


def test_crlf_cli_output_matches_lf(tmp_path, capsys):
    lf = make_folder(tmp_path, {"a.txt": NEWS.read_bytes()})
    crlf = tmp_path / "crlf"
    crlf.mkdir()
    (crlf / "a.txt").write_bytes(NEWS.read_bytes().replace(b"\n", b"\r\n"))
    outputs = [run_cli(capsys, "corpus", "--seeds", str(f), "--format", "json") for f in (lf, crlf)]
    assert [o[0] for o in outputs] == [0, 0]
    assert outputs[0][1] == outputs[1][1]
    assert json.loads(outputs[0][1])[0]["sentences"] == 25


def test_text_without_sentence_punctuation(tmp_path):
    """No full stops at all: each line is a paragraph and a sentence; a long
    unbroken line stays one sentence; the loader neither fails nor splits words."""
    lines = ["kim met putin at the cosmodrome in the far east of russia",
             "they talked about rockets and artillery shells for many hours",
             "then the armoured train left for pyongyang"]
    long_line = " ".join(["the two leaders spoke about the war and the sanctions"] * 8)
    folder = make_folder(tmp_path, {"lines.txt": "\n".join(lines) + "\n", "long.txt": long_line})
    before = snapshot(folder)
    corpus = load_corpus(folder)
    lines_doc, long_doc = corpus["lines"], corpus["long"]
    # The first short unpunctuated line reads as a title, the rest as body.
    assert [h.text for h in lines_doc.headings] == [lines[0]]
    assert [s.text for s in lines_doc.sentences] == lines[1:]
    assert [s.text for s in long_doc.sentences] == [long_line]
    assert long_doc.words == long_line.split()
    assert snapshot(folder) == before


def test_short_unpunctuated_single_line_is_refused_clearly(tmp_path, capsys):
    folder = make_folder(tmp_path, {"a.txt": "kim met putin in the far east"})
    status, _, err = run_cli(capsys, "corpus", "--seeds", str(folder))
    assert status == 2
    assert_one_line_error(err, str(folder / "a.txt"), "no body text left after cleaning")


HTML_PAGE = textwrap.dedent("""\
    <!DOCTYPE html>
    <html>
    <head><title>Kim meets Putin</title><script src="https://example.org/x.js"></script></head>
    <body>
    <p>Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on Wednesday.</p>
    <p>The two leaders discussed <b>military</b> cooperation &amp; space.</p>
    <script>alert("x")</script>
    <img src=x onerror=alert(1)>
    </body>
    </html>
    """)


def test_html_pasted_as_text_loads_as_text(tmp_path):
    """Decision: HTML is not parsed or stripped; markup is kept verbatim as
    text (so it is visible in every table and must be escaped in any HTML view)."""
    folder = make_folder(tmp_path, {"page.txt": HTML_PAGE})
    before = snapshot(folder)
    doc = load_corpus(folder)["page"]
    assert doc.raw == HTML_PAGE
    texts = [s.text for s in doc.sentences]
    assert "<p>Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on Wednesday.</p>" in texts
    assert '<script>alert("x")</script>' in texts
    assert "<img src=x onerror=alert(1)>" in texts
    assert any("&amp;" in t for t in texts)  # entities are not decoded either
    for s in doc.sentences:
        assert doc.raw[s.start:s.end] == s.text
    assert snapshot(folder) == before


def test_html_on_one_line_loads_as_text(tmp_path, capsys):
    html = ("<p>Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome, where the two leaders "
            "inspected rockets and talked for hours about weapons, sanctions and the war.</p>"
            "<script>alert(1)</script><p>They talked.</p>")
    folder = make_folder(tmp_path, {"a.txt": html})
    status, out, err = run_cli(capsys, "corpus", "--seeds", str(folder), "--format", "json")
    assert status == 0, err
    row = json.loads(out)[0]
    assert row["id"] == "a" and row["sentences"] >= 1
    doc = load_corpus(folder)["a"]
    assert "".join(s.text for s in doc.sentences).replace(" ", "") == html.replace(" ", "")


# --- catalog problems ---------------------------------------------------------------

CATALOGS = {
    "missing-file": ("id,file\na,a.txt\nb,missing.txt\n", "row 3: file 'missing.txt' does not exist"),
    "duplicate-id": ("id,file\na,a.txt\na,b.txt\n", "row 3: duplicate id 'a' (first on row 2)"),
    "duplicate-file": ("id,file\na,a.txt\nb,a.txt\n", "row 3: file 'a.txt' already listed on row 2"),
    "bad-date-words": ("id,file,published\na,a.txt,June 2025\n", "row 2: bad date 'June 2025'"),
    "bad-date-month": ("id,file,published\na,a.txt,2025-13\n", "row 2: bad date '2025-13'"),
    "bad-date-calendar": ("id,file,published\na,a.txt,2025-02-30\n", "row 2: bad date '2025-02-30'"),
    "reserved-column": ("id,file,words\na,a.txt,9\n", "column 'words' is reserved"),
    "unnamed-column": ("id,file,\na,a.txt,\n", "column 3 has no name"),
    "repeated-column": ("id,file,title,title\na,a.txt,x,y\n", "column 'title' appears more than once"),
    "missing-column": ("id,title\na,x\n", "missing column 'file'"),
    "empty-id": ("id,file\n,a.txt\n", "row 2: empty 'id'"),
    "bad-id": ("id,file\na b,a.txt\n", "row 2: id 'a b' may use only"),
    "path-in-file": ("id,file\na,../a.txt\n", "row 2: file '../a.txt' must be a file name"),
    "extra-field": ("id,file\na,a.txt,oops\n", "row 2: more fields than columns"),
    "empty-catalog": ("", "catalog is empty"),
    "latin-1": ("id,file,title\na,a.txt,Caf\xe9\n".encode("latin-1"), "not valid UTF-8"),
    "id-clash-with-file": ("id,file\nb,a.txt\n", None),
}


@pytest.mark.parametrize("case", sorted(CATALOGS))
def test_bad_catalog(tmp_path, capsys, case):
    catalog, problem = CATALOGS[case]
    folder = make_folder(tmp_path, {"a.txt": NEWS.read_bytes(), "b.txt": NEWS.read_bytes(), "catalog.csv": catalog})
    before = snapshot(folder)
    where = folder / ("b.txt" if problem is None else "catalog.csv")
    problem = problem or "id 'b' from the file name is already used in catalog.csv"
    with pytest.raises(InputError) as info:
        load_corpus(folder)
    assert info.value.path == where
    assert problem in str(info.value)
    status, out, err = run_cli(capsys, "corpus", "--seeds", str(folder), "--format", "csv")
    assert status == 2 and out == ""
    assert_one_line_error(err, str(where), problem)
    assert snapshot(folder) == before


def test_good_catalog_with_bom_and_partial_dates(tmp_path):
    catalog = codecs.BOM_UTF8 + b"id,file,published,kind\nnews,a.txt,2025-06,News\nchap,b.txt,2023,chapter\n"
    folder = make_folder(tmp_path, {"a.txt": NEWS.read_bytes(), "b.txt": CHAPTER.read_bytes(),
                                    "c.txt": NEWS.read_bytes(), "catalog.csv": catalog})
    corpus = load_corpus(folder)
    assert corpus.ids == ["news", "chap", "c"]
    assert [d.kind for d in corpus] == ["news", "chapter", "article"]
    assert corpus["news"].entry.published == "2025-06"


# --- the seeds path itself ------------------------------------------------------------

def test_seeds_path_is_a_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(NEWS.read_bytes())
    with pytest.raises(InputError, match="is a file, expected a folder"):
        load_corpus(path)
    result = run_process("corpus", "--seeds", str(path))
    assert result.returncode == 2 and result.stdout == ""
    assert_one_line_error(result.stderr, str(path), "is a file, expected a folder")


@pytest.mark.parametrize("make, problem", [
    (lambda p: p / "missing", "seeds folder not found"),
    (lambda p: p, "no .txt articles in the seeds folder"),
], ids=["missing-folder", "no-txt-files"])
def test_seeds_folder_without_articles(tmp_path, capsys, make, problem):
    (tmp_path / "notes.md").write_text("not an article\n")
    folder = make(tmp_path)
    status, _, err = run_cli(capsys, "corpus", "--seeds", str(folder))
    assert status == 2
    assert_one_line_error(err, str(folder), problem)


# --- permissions ------------------------------------------------------------------------

def _deny(monkeypatch, target: Path) -> None:
    """Make reading ``target`` fail as an unreadable file does."""
    original = Path.read_bytes

    def read_bytes(self):
        if self == target:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_unreadable_file_simulated(tmp_path, monkeypatch, capsys):
    folder = make_folder(tmp_path, {"a.txt": NEWS.read_bytes()})
    _deny(monkeypatch, folder / "a.txt")
    with pytest.raises(InputError, match="permission denied: cannot read the file"):
        load_corpus(folder)
    assert cli.main(["corpus", "--seeds", str(folder)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert_one_line_error(err, str(folder / "a.txt"), "permission denied")


def test_unreadable_catalog_and_folder_simulated(tmp_path, monkeypatch, capsys):
    folder = make_folder(tmp_path, {"a.txt": NEWS.read_bytes(), "catalog.csv": "id,file\na,a.txt\n"})
    original_open, original_scandir = Path.open, os.scandir

    def open_(self, *args, **kwargs):
        if self.name == "catalog.csv":
            raise PermissionError(13, "Permission denied", str(self))
        return original_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    assert cli.main(["corpus", "--seeds", str(folder)]) == 2
    assert_one_line_error(capsys.readouterr().err, str(folder / "catalog.csv"), "permission denied")

    def scandir(path="."):
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return original_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert cli.main(["corpus", "--seeds", str(folder)]) == 2
    assert_one_line_error(capsys.readouterr().err, str(folder), "permission denied: cannot list the seeds folder")


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod 000 does not stop root from reading")
def test_unreadable_file_real_permissions(tmp_path):
    folder = make_folder(tmp_path, {"a.txt": NEWS.read_bytes()})
    (folder / "a.txt").chmod(0)
    try:
        result = run_process("corpus", "--seeds", str(folder))
    finally:
        (folder / "a.txt").chmod(0o644)
    assert result.returncode == 2
    assert_one_line_error(result.stderr, str(folder / "a.txt"), "permission denied")


def test_read_text_folder_and_missing(tmp_path):
    with pytest.raises(InputError, match="is a folder"):
        read_text(tmp_path)
    with pytest.raises(InputError, match="file not found"):
        read_text(tmp_path / "gone.txt")


# --- a very large text ---------------------------------------------------------------------

_LOAD_BIG = """
import json, resource, sys, time
from analysis import load_corpus
t0 = time.perf_counter()
corpus = load_corpus(sys.argv[1])
seconds = time.perf_counter() - t0
doc = corpus.docs[0]
print(json.dumps({"seconds": seconds, "sentences": len(doc.sentences),
                  "first": doc.sentences[0].text, "last": doc.sentences[-1].text,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""
BIG_SECONDS = 600  # generous for a busy 2-core machine; about 2-3 minutes when quiet
BIG_PEAK_MB = 1024


def load_big(tmp_path: Path, megabytes: float) -> tuple[dict, int, int]:
    """Load the chapter repeated to ``megabytes`` in a fresh interpreter (disk cache off).

    Returns the child's measurements (with its stderr as ``stderr``), the repetition
    count and the seed's sentence count.
    """
    unit = CHAPTER.read_text(encoding="utf-8").rstrip("\n") + "\n"
    reps = int(megabytes * 1_000_000 / len(unit.encode("utf-8"))) + 1
    folder = tmp_path / f"big-{megabytes}"
    folder.mkdir()
    (folder / "big.txt").write_text(unit * reps, encoding="utf-8")
    before = snapshot(folder)
    env = dict(os.environ, RDF_CACHE="0")
    env.pop("RDF_PROGRESS", None)
    result = subprocess.run([sys.executable, "-c", _LOAD_BIG, str(folder)], capture_output=True,
                            text=True, cwd=paths.ROOT, timeout=1200, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert snapshot(folder) == before
    stats = json.loads(result.stdout) | {"stderr": result.stderr}
    return stats, reps, len(load_corpus(paths.SEEDS)["ch49-vostochny"].sentences)


def test_large_text_scales(tmp_path):
    """A 1 MB text (≈ 110 chapters) loads completely, and memory grows
    linearly with the text; a regression guard that runs in every test run."""
    stats, reps, per_copy = load_big(tmp_path, 1)
    assert stats["sentences"] == reps * per_copy
    first = load_corpus(paths.SEEDS)["ch49-vostochny"].sentences
    assert stats["first"] == first[0].text and stats["last"] == first[-1].text
    small, _, _ = load_big(tmp_path, 0.01)
    # Measured ≈ 35 MB of memory per MB of text (interpreter + pandas ≈ 100 MB).
    assert stats["peak_mb"] - small["peak_mb"] < 60, (stats, small)


def test_fifty_megabyte_text(tmp_path):
    """50 MB loads completely, with bounded memory (well under 1 GB, about 10 bytes
    per byte of text) and a progress bar on stderr."""
    stats, reps, per_copy = load_big(tmp_path, 50)
    assert stats["sentences"] == reps * per_copy
    measured = {k: round(stats[k], 1) for k in ("seconds", "peak_mb")}
    assert stats["seconds"] < BIG_SECONDS and stats["peak_mb"] < BIG_PEAK_MB, measured
    # The bar is drawn and advances (it is cleared at the end, so no final "100%" is promised).
    assert re.search(r"reading big\.txt:\s+\d+%.*\b[1-9]\d*/\d+ ", stats["stderr"]), stats["stderr"][:300]
