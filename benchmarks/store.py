"""The annotation store: ``python -m benchmarks.store [--docs N] [--workers N] [--update-readme]``.

Measures, on a corpus of ``--docs`` real-length articles (the ×N variants of the
seeds from :mod:`benchmarks.corpora`, with a catalog giving each a kind, an
outlet and a month, so that the group views have groups):

``annotate``  ``python -m analysis annotate`` (local engine) from start to exit: documents/s, tokens/s,
              the peak memory of the run's own process and of its largest worker, on the whole corpus
              and on a tenth of it (flat memory: the peaks should not grow with the corpus);
``baseline``  bare spaCy ``nlp.pipe`` with only ``ner``, ``n_process`` = the workers, on the same
              sentences (read from the store), process start-up included as for ``annotate``;
``resume``    a run killed (SIGKILL) once half of the chunks are committed, then run again: the two
              parts against the uninterrupted run, the store compared with the uninterrupted one, and
              a rerun on the finished store (planning and skipping only);
``queries``   ``load_corpus(STORE)`` and each group view from the store, in one process, as the CLI runs them;
``scale``     the measured cost per document extrapolated to 100,000 articles on N workers.

Writes ``<out>/store_*.csv`` and ``<out>/store.json``; ``--update-readme`` puts the tables into
``benchmarks/README.md`` between the store markers. Runs for several minutes at 2,000 documents.
"""
from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis import paths
from analysis.corpus.model import load_corpus

from . import corpora, machine, tables

HERE = Path(__file__).resolve().parent
OUTLETS = ("Daily Ledger", "Morning Post", "Evening Star", "Capital Wire")
GROUP = ["--group-by", "outlet", "--a", "Daily Ledger,Morning Post", "--b", "Evening Star,Capital Wire"]
QUERIES = {
    "frames --by group": ["frames", "--by", "group", *GROUP],
    "frames --by difference": ["frames", "--by", "difference", *GROUP],
    "sentiment --by group": ["sentiment", "--by", "group", *GROUP],
    "sentiment --by period": ["sentiment", "--by", "period", *GROUP],
    "entities --by group": ["entities", "--by", "group", *GROUP],
    "keyness --group-by": ["keyness", *GROUP],
    "frames --by document": ["frames", "--by", "document"],
    "corpus": ["corpus"],
}
WORKERS_AT_SCALE = (2, 8, 32, 128)
ARTICLES_AT_SCALE = 100_000
# Runs the CLI and reports the peak memory of the process and of its largest (waited-for) child.
PEAK_SCRIPT = ("import json, resource as r, sys\nfrom analysis.cli.main import main\ncode = main(sys.argv[1:])\n"
               "print('PEAK ' + json.dumps({'self_mb': r.getrusage(r.RUSAGE_SELF).ru_maxrss / 1024, "
               "'worker_mb': r.getrusage(r.RUSAGE_CHILDREN).ru_maxrss / 1024}), file=sys.stderr)\nsys.exit(code)")
INTRO = """## Annotation store (`python -m benchmarks.store`)

Not part of `make bench` (it annotates the corpus four times: about 40 minutes on a busy 2-core machine).
`annotate`: the whole command, process start to exit, local engine; `vs_bare_ner` its time over bare spaCy
`nlp.pipe` (only `ner`, `n_process` = workers) on the same sentences, process start included for both.
`self_mb` / `worker_mb`: peak resident memory of the run's process and of its largest worker, on the corpus
and on a tenth of it. `resume`: a run killed with SIGKILL once half of the chunks were committed, then run
again (`overhead`: both parts over the uninterrupted run, minus 1; `same_store`: every table equal);
`noop_rerun_s` a rerun on the finished store. `queries`: each view from the store in one process, first call.
`scale`: worker-seconds per article from the measured run, times 100,000, over N single-core workers.

"""
README_START, README_END = "<!-- store-results:start -->", "<!-- store-results:end -->"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def build_corpus(folder: Path, docs: int) -> Path:
    """``docs`` variants of the seeds (half of each seed), with a catalog: kind, outlet, month."""
    corpora.build(load_corpus(paths.SEEDS), max(1, docs // 2), folder)
    rows = ["id,file,title,kind,outlet,published"]
    for i, path in enumerate(sorted(folder.glob("*.txt"))):
        kind = "chapter" if path.name.startswith("ch") else "news"
        rows.append(f"{path.stem},{path.name},{path.stem},{kind},{OUTLETS[i % 4]},{2023 + i % 2}-{1 + i % 12:02d}")
    (folder / "catalog.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def environment() -> dict:
    return dict(os.environ, RDF_PROGRESS="0", RDF_CACHE="0")


def annotate_run(corpus: Path, store: Path, workers: int, chunk: int) -> dict:
    """One ``annotate`` process: wall seconds and peak memory."""
    command = [sys.executable, "-c", PEAK_SCRIPT, "annotate", "--seeds", str(corpus), "--store", str(store),
               "--workers", str(workers), "--chunk-size", str(chunk)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=environment())
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    peak = json.loads(next(l for l in done.stderr.splitlines() if l.startswith("PEAK "))[5:])
    return {"seconds": round(seconds, 2)} | {k: round(v, 1) for k, v in peak.items()}


def killed_at_half(corpus: Path, store: Path, workers: int, chunk: int, chunks: int) -> float:
    """Start ``annotate``, SIGKILL it (and its workers) once half of the chunks are committed."""
    command = [sys.executable, "-m", "analysis", "annotate", "--seeds", str(corpus), "--store", str(store),
               "--workers", str(workers), "--chunk-size", str(chunk)]
    started = time.perf_counter()
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment(),
                           start_new_session=True)
    manifest = store / "manifest"
    while run.poll() is None:
        if manifest.is_dir() and sum(1 for p in manifest.iterdir() if p.suffix == ".parquet") >= chunks / 2:
            os.killpg(run.pid, signal.SIGKILL)
            break
        time.sleep(0.05)
    run.wait()
    return time.perf_counter() - started


def same_store(left: Path, right: Path) -> bool:
    from analysis.store import TABLES, read_table

    return all(read_table(left, t).equals(read_table(right, t)) for t in TABLES) and \
        json.loads((left / "store.json").read_text()) == json.loads((right / "store.json").read_text())


def baseline(store: Path, workers: int) -> tuple[float, int]:
    """Bare NER over the stored sentences on ``workers`` processes: seconds and tokens."""
    from analysis.entities.ner import pipeline

    sentences = load_corpus(store).sentences()
    norms, tokens = sentences["norm"].tolist(), int(sentences["n_tokens"].sum())
    nlp = pipeline()
    started = time.perf_counter()
    sum(len(d.ents) for d in nlp.pipe(norms, batch_size=64, n_process=workers))
    return time.perf_counter() - started, tokens


def query_times(store: Path) -> list[dict]:
    """``load_corpus`` and each view, timed in this process (first call after opening the store)."""
    from analysis.cli.main import main

    rows = []
    started = time.perf_counter()
    load_corpus(store)
    rows.append({"query": "load_corpus(STORE)", "seconds": round(time.perf_counter() - started, 3)})
    for name, args in QUERIES.items():
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):
            code = main([*args, "--seeds", str(store), "--format", "json"])
        if code != 0:
            raise RuntimeError(f"{name} failed on the store")
        rows.append({"query": name, "seconds": round(time.perf_counter() - started, 3)})
    return rows


def scale_table(docs: int, run: dict, workers: int, store_bytes: int) -> pd.DataFrame:
    """Linear extrapolation: worker-seconds per document from the measured run, one core per worker."""
    per_doc = run["seconds"] * workers / docs
    rows = []
    for n in WORKERS_AT_SCALE:
        hours = ARTICLES_AT_SCALE * per_doc / n / 3600
        rows.append({"articles": ARTICLES_AT_SCALE, "workers": n, "hours": round(hours, 2),
                     "store_gb": round(store_bytes / docs * ARTICLES_AT_SCALE / 1e9, 2),
                     "worker_peak_mb": run["worker_mb"]})
    return pd.DataFrame(rows)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.store", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="articles in the corpus (default 2,000)")
    parser.add_argument("--workers", type=int, default=2, help="local engine processes (default 2)")
    parser.add_argument("--chunk-size", type=int, default=32, help="documents per chunk (default 32)")
    parser.add_argument("--out", type=Path, default=HERE / "results", help="results folder")
    parser.add_argument("--update-readme", action="store_true", help="write the tables into benchmarks/README.md")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="rdf-store-bench-"))
    try:
        results = measure(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write(results, args)
    return 0


def measure(args: argparse.Namespace, work: Path) -> dict:
    info = machine.describe(paths.ROOT)
    load_start = machine.load_average()
    corpus = build_corpus(work / "corpus", args.docs)
    docs = len(list(corpus.glob("*.txt")))
    small = build_corpus(work / "small", max(2, args.docs // 10))
    log(f"annotating {docs} documents on {args.workers} workers ...")
    full = annotate_run(corpus, work / "store", args.workers, args.chunk_size)
    _partial(args, {"annotate": full, "docs": docs})
    tenth = annotate_run(small, work / "small-store", args.workers, args.chunk_size)
    log("bare NER ...")
    bare_s, tokens = baseline(work / "store", args.workers)
    _partial(args, {"annotate": full, "docs": docs, "tenth": tenth, "bare_s": bare_s, "tokens": tokens})
    chunks = -(-docs // args.chunk_size)
    log("kill at 50 %, resume ...")
    first = killed_at_half(corpus, work / "resumed", args.workers, args.chunk_size, chunks)
    rest = annotate_run(corpus, work / "resumed", args.workers, args.chunk_size)
    noop = annotate_run(corpus, work / "resumed", args.workers, args.chunk_size)
    log("queries ...")
    queries = query_times(work / "store")
    store_bytes = folder_bytes(work / "store")
    annotate_rows = [
        {"corpus": f"{docs} articles", "docs": docs, "tokens": tokens, **full,
         "docs_per_s": round(docs / full["seconds"], 1), "tokens_per_s": round(tokens / full["seconds"]),
         "vs_bare_ner": round(full["seconds"] / bare_s, 2)},
        {"corpus": f"{len(list(small.glob('*.txt')))} articles", "docs": len(list(small.glob("*.txt"))),
         **tenth},
        {"corpus": f"bare nlp.pipe NER, n_process={args.workers}", "docs": docs, "tokens": tokens,
         "seconds": round(bare_s, 2), "tokens_per_s": round(tokens / bare_s)},
    ]
    resume = {"uninterrupted_s": full["seconds"], "killed_after_s": round(first, 2),
              "rerun_s": rest["seconds"], "overhead": round((first + rest["seconds"]) / full["seconds"] - 1, 3),
              "noop_rerun_s": noop["seconds"], "same_store": same_store(work / "store", work / "resumed")}
    return {"machine": info, "load_average": {"start": load_start, "end": machine.load_average()},
            "annotate": annotate_rows, "resume": [resume], "queries": queries,
            "scale": scale_table(docs, full, args.workers, store_bytes).to_dict("records"),
            "store_mb": round(store_bytes / 1e6, 1), "workers": args.workers, "chunk_size": args.chunk_size}


def _partial(args: argparse.Namespace, found: dict) -> None:
    """What is measured so far (a long run stopped half-way still leaves its numbers)."""
    args.out.mkdir(parents=True, exist_ok=True)
    found = found | {"load_average": machine.load_average()}
    (args.out / "store-partial.json").write_text(json.dumps(found, indent=1, default=str) + "\n", encoding="utf-8")
    log(f"so far: {found}")


def write(results: dict, args: argparse.Namespace) -> None:
    args.out.mkdir(parents=True, exist_ok=True)
    for name in ("annotate", "resume", "queries", "scale"):
        pd.DataFrame(results[name]).to_csv(args.out / f"store_{name}.csv", index=False)
    (args.out / "store.json").write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    text = markdown(results)
    print(text)
    if args.update_readme:
        readme = HERE / "README.md"
        old = readme.read_text(encoding="utf-8")
        block = f"{README_START}\n{text}{README_END}"
        if README_START in old:
            new = old[:old.index(README_START)] + block + old[old.index(README_END) + len(README_END):]
        else:
            new = old.rstrip("\n") + "\n\n" + INTRO + block + "\n"
        readme.write_text(new, encoding="utf-8")


def markdown(results: dict) -> str:
    load = results["load_average"]
    parts = [f"Load average at start / end: {load['start']} / {load['end']} (2 cores shared); "
             f"{results['workers']} workers, chunks of {results['chunk_size']}, store {results['store_mb']} MB.\n"]
    for name in ("annotate", "resume", "queries", "scale"):
        parts.append(f"**{name}**\n\n{tables.markdown_table(pd.DataFrame(results[name]).astype(object).fillna(''))}\n")
    return "\n".join(parts)


if __name__ == "__main__":
    sys.exit(main())
