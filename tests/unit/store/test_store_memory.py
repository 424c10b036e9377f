"""Reading every text of a store holds a few chunks in memory, not the corpus (issue 26)."""
from __future__ import annotations

import shutil
from pathlib import Path

from analysis import load_corpus, paths
from analysis.cli.main import main
from analysis.store import reader


def test_texts_are_read_chunk_by_chunk_and_the_oldest_let_go(tmp_path, monkeypatch):
    seeds = Path(shutil.copytree(paths.SEEDS, tmp_path / "C"))
    assert main(["annotate", "--seeds", str(seeds), "--store", str(tmp_path / "S"), "--workers", "1",
                 "--chunk-size", "1"]) == 0
    folder = load_corpus(seeds)
    corpus = load_corpus(tmp_path / "S")
    monkeypatch.setattr(reader, "CHUNKS_KEPT", 1)
    store = corpus.docs[0].store
    for _ in range(2):  # a chunk let go is read again, the same
        for doc, expected in zip(corpus, folder):
            assert doc.raw == expected.raw and [s.norm for s in doc.sentences] == [s.norm for s in expected.sentences]
            assert len(store._loaded) == 1
