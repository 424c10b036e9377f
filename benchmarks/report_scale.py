"""The report and the group dashboard at corpus scale: about 1,000 real-length articles.

``python -m benchmarks.report_scale [--articles 1000] [--out benchmarks/results] [--update-readme]``

The corpus is built from the shared climate corpus (``../shared/corpora/narrative-frames/dev.tsv``,
253 real articles with the outlets' leaning in ``mbfc``): the articles themselves, then seeded variants
of each (:func:`benchmarks.corpora.variant`: the article's layout, its sentences re-assembled from the
corpus's own sentences, so every text is new to every cache) until ``--articles`` are reached; each
variant keeps its article's catalog row (``mbfc``, ``source``, ``published``).

Measured, on the same texts:

``bare_ner_s``     spaCy ``nlp.pipe`` with only ``ner``, 2 processes, over every sentence (the floor);
``report_s``       ``python -m analysis report --group-by mbfc --a left_bias,left_center_bias --b right_bias``,
                   wall clock, cold (``RDF_CACHE=0``: the build's private cache only);
``kernel_peak_mb`` the largest ``VmHWM`` of any notebook kernel of that build (polled every 0.2 s);
``precompute_s``   the group dashboard's :func:`analysis.compare.group_data.precompute`;
``widget_ms``      the slowest median of :func:`analysis.compare.group_app.group_latency`.

Targets (issue 14): report within 2× bare NER; kernel peak under 1 GB; widget updates under 50 ms.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from analysis import paths

from . import corpora, machine

DEV_TSV = Path(os.environ.get("RDF_SHARED") or paths.ROOT.parent / "shared") / "corpora" / "narrative-frames" / "dev.tsv"
GROUPS = ["--group-by", "mbfc", "--a", "left_bias,left_center_bias", "--b", "right_bias"]
TARGET_RATIO, TARGET_PEAK_MB, TARGET_WIDGET_MS = 2.0, 1024, 50


def build_corpus(folder: Path, articles: int) -> Path:
    """The scaled climate corpus in ``folder/corpus`` (see the module docstring)."""
    base = folder / "base"
    subprocess.run([sys.executable, "-m", "analysis", "import", str(DEV_TSV), "--out", str(base),
                    "--id-column", "ID", "--date-column", "date"], check=True, capture_output=True)
    with (base / "catalog.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    raws = {r["id"]: (base / r["file"]).read_text(encoding="utf-8") for r in rows}
    pool = corpora.material(list(raws.values()))
    out = folder / "corpus"
    out.mkdir()
    written, k = [], 0
    while len(written) < articles:
        for row in rows:
            if len(written) == articles:
                break
            doc = f"{row['id']}-v{k}"
            text = raws[row["id"]] if k == 0 else corpora.variant(raws[row["id"]], row["id"], k, pool)
            (out / f"{doc}.txt").write_text(text, encoding="utf-8")
            written.append(dict(row, id=doc, file=f"{doc}.txt"))
        k += 1
    with (out / "catalog.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(written)
    return out


def bare_ner_seconds(corpus_folder: Path) -> tuple[float, int, int]:
    """Seconds of bare spaCy NER (2 processes) over every sentence; sentences and characters."""
    from analysis import load_corpus

    from . import stages

    texts = [s.norm for d in load_corpus(corpus_folder) for s in d.sentences]
    stages.bare_nlp()
    t0 = time.perf_counter()
    stages.bare_ner(texts, n_process=2)
    return time.perf_counter() - t0, len(texts), sum(map(len, texts))


def _descendants(pid: int) -> list[int]:
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = []
        for task in Path(f"/proc/{parent}/task").glob("*"):  # kernels are started from worker threads
            try:
                children += (task / "children").read_text().split()
            except OSError:
                continue
        found += [int(c) for c in children]
        frontier += [int(c) for c in children]
    return found


def _kernel_peaks(pid: int, peaks: dict[int, float], stop: threading.Event) -> None:
    from .notebooks import vm_hwm_mb

    while not stop.is_set():
        for child in _descendants(pid):
            try:
                cmdline = Path(f"/proc/{child}/cmdline").read_bytes()
            except OSError:
                continue
            if b"ipykernel" in cmdline:
                peaks[child] = max(peaks.get(child, 0.0), vm_hwm_mb(child))
        stop.wait(0.2)


def report_seconds(corpus_folder: Path, out: Path) -> tuple[float, float, str]:
    """Wall-clock seconds of a cold report build, the largest kernel peak (MB), its progress lines."""
    env = dict(os.environ, RDF_CACHE="0", RDF_PROGRESS="0")
    for key in ("RDF_SEEDS", "RDF_GROUP_BY", "RDF_A", "RDF_B"):
        env.pop(key, None)
    t0 = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "analysis", "report", "--seeds", str(corpus_folder),
                                "--out", str(out), *GROUPS], cwd=paths.ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks: dict[int, float] = {}
    stop = threading.Event()
    watcher = threading.Thread(target=_kernel_peaks, args=(process.pid, peaks, stop), daemon=True)
    watcher.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - t0
    stop.set()
    watcher.join()
    if process.returncode != 0:
        raise SystemExit(f"report failed ({process.returncode}): {stderr[-2000:]}")
    return seconds, max(peaks.values(), default=float("nan")), stderr


def widget_numbers(corpus_folder: Path) -> tuple[float, float]:
    """The dashboard's precompute seconds and its slowest median update (ms)."""
    from analysis import load_corpus
    from analysis.compare import group_app, group_data
    from analysis.groups import compare

    corpus = load_corpus(corpus_folder)
    data = group_data.precompute(corpus)
    app = group_app.GroupApp(data, compare(corpus, "mbfc", "left_bias,left_center_bias", "right_bias"))
    timings = group_app.group_latency(app, repeats=5)
    return data.seconds, float(timings.slowest_ms.max()), timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.report_scale", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results")
    parser.add_argument("--update-readme", action="store_true")
    args = parser.parse_args(argv)
    if not DEV_TSV.is_file():
        raise SystemExit(f"{DEV_TSV} is absent (set RDF_SHARED)")
    os.environ["RDF_PROGRESS"] = "0"
    tmp = Path(tempfile.mkdtemp(prefix="rdf-report-scale-"))
    try:
        started = machine.load_average()
        folder = build_corpus(tmp, args.articles)
        print(f"corpus: {args.articles} articles in {folder}", file=sys.stderr, flush=True)
        bare, sentences, chars = bare_ner_seconds(folder)
        print(f"bare NER (2 processes): {bare:.1f} s over {sentences:,} sentences", file=sys.stderr, flush=True)
        report, peak, progress = report_seconds(folder, tmp / "site")
        print(progress, file=sys.stderr)
        precompute, widget, timings = widget_numbers(folder)
        print(timings.to_string(index=False), file=sys.stderr)
        row = {"articles": args.articles, "sentences": sentences, "characters": chars, "bare_ner_s": round(bare, 1),
               "report_s": round(report, 1), "report_vs_bare_ner": round(report / bare, 2),
               "kernel_peak_mb": round(peak), "precompute_s": round(precompute, 1), "widget_ms": round(widget, 1),
               "load_before": started, "load_after": machine.load_average()}
        row["meets_targets"] = bool(row["report_vs_bare_ner"] <= TARGET_RATIO and peak < TARGET_PEAK_MB
                                    and widget < TARGET_WIDGET_MS)
        args.out.mkdir(parents=True, exist_ok=True)
        with (args.out / "report_scale.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(row), lineterminator="\n")
            writer.writeheader()
            writer.writerow(row)
        timings.to_csv(args.out / "report_scale_widgets.csv", index=False, lineterminator="\n")
        print(json.dumps(row, indent=2))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
