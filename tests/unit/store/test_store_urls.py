"""``--store`` and ``--seeds`` URLs go through the checks a path does (issue 22, item 8).

``file://`` and ``local://`` (in any case) are folders and are checked as folders; chained URLs
(``simplecache::``) and protocols other than the remote stores' are refused; a remote protocol
whose package is missing names the package. Nothing here may open a network connection: every
test runs with sockets that fail the test when one tries to connect.
"""
from __future__ import annotations

import importlib.util
import shutil
import socket
from pathlib import Path

import pytest

from analysis import paths
from analysis.cli.main import main


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"<dir>")
            for p in sorted(folder.rglob("*"))}


@pytest.fixture(autouse=True)
def no_network(monkeypatch, tmp_path):
    """Sockets that fail the test, and the test's folder as the working folder (so that a URL
    taken for a relative path is written where the snapshots see it)."""
    monkeypatch.chdir(tmp_path)

    def refuse(*args, **kwargs):
        raise AssertionError(f"a network connection was attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("built")
    corpus = shutil.copytree(paths.SEEDS, base / "corpus")
    assert main(["annotate", "--seeds", str(corpus), "--store", str(base / "store"), "--workers", "1"]) == 0
    return base / "store"


@pytest.fixture
def corpus(tmp_path) -> Path:
    return shutil.copytree(paths.SEEDS, tmp_path / "corpus")


def one_line(capsys, *parts: str) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), err
    for part in parts:
        assert part in lines[0], (part, lines[0])
    return lines[0]


INSIDE = ["local://{c}/st", "FILE://{c}/st", "File://localhost{c}/st", "LOCAL://{c}/st"]


@pytest.mark.parametrize("url", INSIDE)
def test_a_local_url_inside_the_corpus_is_refused_like_the_path(url, corpus, tmp_path, capsys):
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert main(["annotate", "--seeds", str(corpus), "--store", url.format(c=corpus), "--workers", "1"]) == 2
    one_line(capsys, f"{corpus}/st", "input folder")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("url, parts", [
    ("simplecache::file://{c}/st", ["chained", "simplecache::"]),
    ("filecache::{c}/st", ["chained"]),
    ("github://owner:repo@/st", ["unsupported protocol 'github'"]),
    ("zip://st::file://{c}/x.zip", ["chained"]),
    ("nosuch://st", ["unsupported protocol 'nosuch'"]),
])
def test_chained_and_unknown_protocols_are_refused(url, parts, corpus, tmp_path, capsys):
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert main(["annotate", "--seeds", str(corpus), "--store", url.format(c=corpus), "--workers", "1"]) == 2
    one_line(capsys, *parts)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("url, package", [("s3://bucket/store", "s3fs"), ("gs://bucket/store", "gcsfs"),
                                          ("http://127.0.0.1:9/store", "aiohttp")])
def test_a_remote_protocol_without_its_package_names_it(url, package, corpus, tmp_path, capsys):
    if importlib.util.find_spec(package) is not None:
        pytest.skip(f"{package} is installed")
    before = snapshot(tmp_path)
    for argv in (["annotate", "--seeds", str(corpus), "--store", url], ["corpus", "--seeds", url]):
        capsys.readouterr()
        assert main(argv) == 2
        one_line(capsys, url, package)
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("scheme", ["FILE", "local", "Local"])
def test_a_store_read_through_a_local_url_is_the_store(scheme, built, capsys):
    assert main(["corpus", "--seeds", str(built), "--format", "json"]) == 0
    plain = capsys.readouterr().out
    assert main(["corpus", "--seeds", f"{scheme}://{built}", "--format", "json"]) == 0
    assert capsys.readouterr().out == plain


@pytest.mark.parametrize("url", ["github://owner:repo@/x", "s3://b/x"])
def test_seeds_urls_that_are_not_stores_are_one_line(url, built, corpus, tmp_path, capsys):
    before, store_before = snapshot(tmp_path), snapshot(built)
    capsys.readouterr()
    assert main(["corpus", "--seeds", url.format(c=corpus, s=built)]) == 2
    one_line(capsys)
    assert snapshot(tmp_path) == before and snapshot(built) == store_before


@pytest.mark.parametrize("url, says", [
    ("s3://bucket/store", "Install s3fs"),
    ("memory://bucket/store", "is a remote store; the report reads a local folder"),
    ("simplecache::file:///tmp/store", "chained fsspec URLs"),
    ("github://owner:repo@/store", "unsupported protocol 'github'"),
])
def test_report_seeds_urls_are_one_line_and_write_nothing(tmp_path, capsys, url, says):
    out = tmp_path / "out"
    before = snapshot(tmp_path)
    assert main(["report", "--seeds", url, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert snapshot(tmp_path) == before


def test_rdf_seeds_url_is_checked_as_a_store_not_mangled_into_a_path(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("RDF_SEEDS", "github://owner:repo@/store")
    assert main(["corpus"]) == 2
    err = capsys.readouterr().err
    assert "unsupported protocol 'github'" in err and len(err.strip().splitlines()) == 1
