"""How the report's notebooks and the group dashboard grow with the corpus, from an annotation store.

``python -m benchmarks.scaling [--sizes 1000,3000,10000] [--work DIR] [--out benchmarks/results]``

For each size a corpus of that many **new** articles is written (seeded): the 253 articles of the shared
climate corpus (``narrative-frames/dev.tsv``) give the layouts and the sentence material, and each
article is :func:`benchmarks.corpora.variant` (sentences re-assembled from two others, names swapped from
the name pools), so no text is one any cache has seen. The catalog gives each article an ``outlet`` (eight,
four per side), the outlet's ``leaning`` (``left`` or ``right``) and a date over two years (2024-2025).

Then, on that corpus:

``annotate_s``        ``python -m analysis annotate --seeds CORPUS --store STORE`` (``nice -n 10``), wall clock;
``<notebook>_s``      each notebook's execution in ``report --seeds STORE --group-by leaning --a left --b right
                      --jobs 1`` (the report's own progress lines: "NAME done in N s");
``<notebook>_peak_mb`` that notebook's kernel ``VmHWM`` (polled every 0.2 s; one kernel at a time);
``report_s``          the whole report, wall clock;
``precompute_s``      :func:`analysis.compare.group_data.precompute` on ``load_corpus(STORE)``;
``widget_ms``         the slowest median update of :func:`analysis.compare.group_app.group_latency`.

Growth exponent of each time between two sizes: ``log(t2/t1) / log(n2/n1)`` (1.0 = linear).
Writes ``<out>/scaling_store.csv`` (one row per size) and ``<out>/scaling_store.json`` (the machine, the
exponents). ``--work DIR`` keeps the corpora and stores there (an existing store of the same size is
reused, and its annotate time read from ``annotate.json``), which profiling needs.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from analysis import paths

from . import corpora, machine
from .report_scale import DEV_TSV, _kernel_peaks

GROUPS = ["--group-by", "leaning", "--a", "left", "--b", "right"]
OUTLETS = {"Daily Ledger": "left", "Morning Post": "left", "Harbour Times": "left", "Valley Courier": "left",
           "Evening Star": "right", "Capital Wire": "right", "Frontier Herald": "right", "National Sentinel": "right"}
SEED = 20261207
DONE = re.compile(r"report: (\S+) done in ([\d.]+) s")
TARGET_EXPONENT, TARGET_PRECOMPUTE_S, TARGET_WIDGET_MS = 1.1, 60.0, 50.0


def _climate_articles(folder: Path) -> list[str]:
    """The climate corpus's article texts, as ``analysis import`` writes them."""
    base = folder / "base"
    if not base.is_dir():
        subprocess.run([sys.executable, "-m", "analysis", "import", str(DEV_TSV), "--out", str(base),
                        "--id-column", "ID", "--date-column", "date"], check=True, capture_output=True)
    with (base / "catalog.csv").open(encoding="utf-8", newline="") as handle:
        return [(base / row["file"]).read_text(encoding="utf-8") for row in csv.DictReader(handle)]


def build_corpus(folder: Path, articles: int) -> Path:
    """``articles`` new articles with a catalog in ``folder/corpus-<articles>`` (module docstring)."""
    out = folder / f"corpus-{articles}"
    if (out / "catalog.csv").is_file():
        return out
    raws = _climate_articles(folder)
    pool = corpora.material(raws)
    rng = random.Random(SEED)
    outlets = sorted(OUTLETS)
    tmp = folder / f"corpus-{articles}.partial"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    rows = []
    for i in range(articles):
        base = i % len(raws)
        doc = f"a{i:06d}"
        text = corpora.variant(raws[base], f"climate-{base}", i // len(raws), pool)
        (tmp / f"{doc}.txt").write_text(text, encoding="utf-8")
        outlet = rng.choice(outlets)
        day = rng.randrange(731)  # 2024-01-01 .. 2025-12-31
        published = time.strftime("%Y-%m-%d", time.gmtime(1704067200 + day * 86400))
        rows.append({"id": doc, "file": f"{doc}.txt", "outlet": outlet, "leaning": OUTLETS[outlet],
                     "published": published})
    with (tmp / "catalog.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tmp.rename(out)
    return out


def annotate(corpus: Path, store: Path) -> float | None:
    """Seconds of ``annotate`` into ``store``, recorded beside it in ``<store>.annotate.json`` and read
    from there when the store exists (``null`` there: a store made otherwise, time unknown)."""
    record = store.parent / f"{store.name}.annotate.json"
    if record.is_file() and (store / "store.json").is_file():
        return json.loads(record.read_text())["seconds"]
    env = dict(os.environ, RDF_PROGRESS="0")
    t0 = time.perf_counter()
    subprocess.run(["nice", "-n", "10", sys.executable, "-m", "analysis", "annotate", "--seeds", str(corpus),
                    "--store", str(store)], check=True, cwd=paths.ROOT, env=env)
    seconds = time.perf_counter() - t0
    record.write_text(json.dumps({"seconds": round(seconds, 1)}))
    return seconds


def report(store: Path, out: Path, notebooks: list[str] | None = None) -> dict:
    """The report from ``store``, one kernel at a time: total seconds, per-notebook seconds and peaks."""
    env = dict(os.environ, RDF_CACHE="0", RDF_PROGRESS="0")
    for key in ("RDF_SEEDS", "RDF_GROUP_BY", "RDF_A", "RDF_B"):
        env.pop(key, None)
    extra = [arg for name in notebooks or [] for arg in ("--notebook", name)]
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    process = subprocess.Popen(["nice", "-n", "10", sys.executable, "-m", "analysis", "report", "--seeds",
                                str(store), "--out", str(out), "--jobs", "1", *GROUPS, *extra],
                               cwd=paths.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks: dict[int, float] = {}
    stop = threading.Event()
    watcher = threading.Thread(target=_kernel_peaks, args=(process.pid, peaks, stop), daemon=True)
    watcher.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - t0
    stop.set()
    watcher.join()
    print(stderr, file=sys.stderr, flush=True)
    if process.returncode != 0:
        raise SystemExit(f"report failed ({process.returncode}): {stderr[-2000:]}")
    times = {name: float(s) for name, s in DONE.findall(stderr)}
    # one kernel at a time, started in notebook order: the kernels' pids rise in that order
    kernel_peaks = [peaks[pid] for pid in sorted(peaks)]
    row = {"report_s": round(seconds, 1)}
    for i, (name, took) in enumerate(times.items()):
        row[f"{name}_s"] = round(took, 1)
        row[f"{name}_peak_mb"] = round(kernel_peaks[i]) if i < len(kernel_peaks) else float("nan")
    return row


def dashboard(store: Path) -> dict:
    """The group dashboard from the store: precompute seconds, slowest median update (ms)."""
    from analysis import load_corpus
    from analysis.compare import group_app, group_data
    from analysis.groups import compare

    corpus = load_corpus(store)
    data = group_data.precompute(corpus)
    app = group_app.GroupApp(data, compare(corpus, "leaning", "left", "right"))
    timings = group_app.group_latency(app, repeats=5)
    print(timings.to_string(index=False), file=sys.stderr, flush=True)
    return {"precompute_s": round(data.seconds, 1), "widget_ms": round(float(timings.slowest_ms.max()), 1)}


def exponents(rows: list[dict]) -> dict[str, float]:
    """``log(t2/t1)/log(n2/n1)`` of every ``*_s`` column between the first and the last size."""
    first, last = rows[0], rows[-1]
    ratio = math.log(last["articles"] / first["articles"])
    return {key: round(math.log(last[key] / first[key]) / ratio, 2) for key in first
            if key.endswith("_s") and key in last and (first[key] or 0) > 0 and (last[key] or 0) > 0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scaling", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000")
    parser.add_argument("--work", type=Path, default=None, help="keep corpora and stores here (reused)")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results")
    parser.add_argument("--skip-report", action="store_true", help="build the stores only")
    args = parser.parse_args(argv)
    if not DEV_TSV.is_file():
        raise SystemExit(f"{DEV_TSV} is absent (set RDF_SHARED)")
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.work or Path(tempfile.mkdtemp(prefix="rdf-scaling-"))
    work.mkdir(parents=True, exist_ok=True)
    info = machine.describe(paths.ROOT)
    rows = []
    try:
        for n in sizes:
            corpus = build_corpus(work, n)
            store = work / f"store-{n}"
            seconds = annotate(corpus, store)
            row = {"articles": n, "load_before": machine.load_average(),
                   "annotate_s": None if seconds is None else round(seconds, 1)}
            print(f"scaling: {n} articles annotated in {row['annotate_s']} s", file=sys.stderr, flush=True)
            if args.skip_report:
                continue
            row |= report(store, work / f"site-{n}")
            row["report_vs_annotate"] = round(row["report_s"] / row["annotate_s"], 2) if row["annotate_s"] else None
            row |= dashboard(store)
            row["load_after"] = machine.load_average()
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    if not rows:
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    columns = list(dict.fromkeys(key for row in rows for key in row))
    with (args.out / "scaling_store.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    result = {"machine": info, "rows": rows, "exponents": exponents(rows) if len(rows) > 1 else {}}
    (args.out / "scaling_store.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result["exponents"], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
