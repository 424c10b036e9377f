"""The benchmark: ``python -m benchmarks [--quick] [--update-readme]``.

Sections (each can be chosen with ``--only``):

``imports``    import and model-load time in fresh interpreters;
``notebooks``  every notebook run top to bottom in a fresh kernel: time and kernel peak memory;
``stages``     tokens/s per pipeline stage on the seeds and on ×10, ×100, ×1,000 corpora built from
               them, with the bare libraries on the same texts (overhead ratios, growth exponents);
``widgets``    the comparison widget's latency per lens, control change to updated view;
``cache``      the disk cache: parsing and NER uncached, first run (cold) and second run (warm).

Prints each table and writes ``<out>/<table>.csv`` and ``<out>/results.json``
(machine description included). See ``benchmarks/README.md``.
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import pandas as pd

from analysis import paths
from analysis.corpus.model import load_corpus

from . import corpora, machine, stages, tables

HERE = Path(__file__).resolve().parent
SECTIONS = ("imports", "notebooks", "stages", "widgets", "cache")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="a short run: scales 1 and 10, NER and cache at ×10, one import probe each")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, metavar="SECTION",
                        help=f"run only these sections ({', '.join(SECTIONS)})")
    parser.add_argument("--scales", type=_scales, help="corpus scales, e.g. 1,10,100,1000 (default; quick: 1,10)")
    parser.add_argument("--ner-max-scale", type=int,
                        help="largest scale NER is run at; larger ones are extrapolated (default 100; quick 10)")
    parser.add_argument("--stage-budget", type=float, default=180.0,
                        help="seconds: a stage whose run would take longer at the next scale (predicted linearly) "
                             "is extrapolated instead (default 180)")
    parser.add_argument("--cache-scale", type=int, default=10, help="scale of the cache section (default 10)")
    parser.add_argument("--bytecode", choices=("cached", "as-is"), default="cached",
                        help="kernels and probes write/read compiled bytecode under .cache/pycache, as after a "
                             "normal pip install (cached, default), or inherit this environment (as-is)")
    parser.add_argument("--seeds", type=Path, default=None, help="seed folder (default: seeds/ or $RDF_SEEDS)")
    parser.add_argument("--out", type=Path, help="results folder (default benchmarks/results; quick: .../quick)")
    parser.add_argument("--update-readme", action="store_true", help="write the tables into benchmarks/README.md")
    args = parser.parse_args(argv)
    args.scales = args.scales or ([1, 10] if args.quick else [1, 10, 100, 1000])
    args.ner_max_scale = args.ner_max_scale or (10 if args.quick else 100)
    args.out = args.out or (HERE / "results" / "quick" if args.quick else HERE / "results")
    args.sections = args.only or list(SECTIONS)
    return args


def _scales(text: str) -> list[int]:
    values = sorted({int(v) for v in text.split(",") if v.strip()})
    if not values or values[0] < 1:
        raise argparse.ArgumentTypeError("scales are positive integers, e.g. 1,10,100")
    return values


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def timed(action: Callable[[], object], repeats: int = 1) -> float:
    """Best wall time of ``repeats`` runs, in seconds."""
    best = math.inf
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


# -- sections -----------------------------------------------------------------------

def run_imports(args, env: dict) -> pd.DataFrame:
    from . import imports

    log("imports: fresh interpreters")
    return pd.DataFrame(imports.measure(env, repeats=1 if args.quick else 2, log=log))


def notebook_env(args, tmp: Path, bytecode: dict) -> dict:
    """Kernels read the seeds, write figures and the analysis cache to temporary folders."""
    seeds = (args.seeds or paths.seeds_dir()).resolve()
    return {paths.SEEDS_ENV: str(seeds), paths.FIGURES_ENV: str(tmp / "figures"),
            "RDF_CACHE_DIR": str(tmp / "notebook-cache"), **bytecode}


def notebook_list() -> list[Path]:
    from analysis.report import notebook_paths

    return notebook_paths() + sorted((paths.NOTEBOOKS / "solutions").glob("*.ipynb"))


def warm_bytecode(args, tmp: Path, bytecode: dict) -> None:
    """Run every notebook once, untimed, so that everything they import is compiled."""
    from . import notebooks

    log("warm-up: running the notebooks once to compile bytecode (not timed)")
    notebooks.measure(notebook_list(), notebook_env(args, tmp, bytecode), log=log)
    shutil.rmtree(tmp / "notebook-cache", ignore_errors=True)


def run_notebooks(args, tmp: Path, bytecode: dict) -> pd.DataFrame:
    from . import notebooks

    log("notebooks: fresh kernel each")
    frame = pd.DataFrame(notebooks.measure(notebook_list(), notebook_env(args, tmp, bytecode), log=log))
    for column in ("analysis_s", "total_s", "peak_mb"):
        if column not in frame:
            frame[column] = float("nan")
    frame["meets targets"] = ((frame.analysis_s < tables.TARGET_ANALYSIS_S) & (frame.total_s < tables.TARGET_NOTEBOOK_S)
                              & (frame.peak_mb < tables.TARGET_PEAK_MB))
    return frame


def _row(kind: str, stage: str, work: stages.Workload, seconds: float, method: str = "measured") -> dict:
    tokens = work.tokens
    return {"kind": kind, "stage": stage, "scale": work.scale, "docs": len(work.corpus), "tokens": tokens,
            "seconds": seconds, "tokens_per_s": tokens / seconds if seconds > 0 else float("nan"), "method": method}


def _measure_stage(stage: stages.Stage, work: stages.Workload, repeats: int) -> dict:
    try:
        return _row("ours", stage.name, work, timed(lambda: stage.run(work), repeats))
    except Exception as exc:  # keep going: an unavailable or failing stage is a result too
        log(f"    {stage.name} failed: {type(exc).__name__}: {exc}")
        return _row("ours", stage.name, work, float("nan"), f"failed: {type(exc).__name__}: {str(exc)[:60]}")


def _baselines(stage: str, work: stages.Workload, repeats: int) -> list[dict]:
    """The bare-library runs that go with one of our stages, on the same texts."""
    if stage == "load+clean+tokenize":
        return [_row("bare", tables.PAIRS[0][1], work, timed(lambda: stages.bare_tokenize(work), repeats))]
    if stage == "sentiment":
        return [_row("bare", tables.PAIRS[1][1], work, timed(lambda: stages.bare_vader(work), repeats))]
    if stage == stages.NER_STAGE:
        texts = work.norms
        rows = [_row("bare", tables.PAIRS[2][1], work, timed(lambda: stages.bare_ner(texts, 1), repeats))]
        if work.scale >= 10 and (os.cpu_count() or 1) >= 2:
            rows.append(_row("bare", tables.PAIRS[3][1], work, timed(lambda: stages.bare_ner(texts, 2), repeats)))
        return rows
    return []


def run_stages(args, tmp: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Throughput rows (ours and bare) per scale, and facts about each scaled corpus.

    A stage is not run at a scale where NER is excluded (``--ner-max-scale``)
    or where its last measurement, grown linearly to this corpus, would take
    longer than ``--stage-budget`` seconds; those rows are extrapolated."""
    seeds_folder = (args.seeds or paths.seeds_dir()).resolve()
    seeds = load_corpus(seeds_folder)
    log("stages: loading models (not timed)")
    stages.warm_up()
    rows, corpora_rows, last = [], [], {}
    for scale in args.scales:
        folder = seeds_folder if scale == 1 else corpora.build(seeds, scale, tmp / f"x{scale}")
        work = stages.Workload(scale, folder)
        repeats = 3 if scale == 1 else 1
        log(f"stages: x{scale}")
        for stage in stages.STAGES:
            if work.corpus is not None and _skip(stage.name, work, last, args):
                continue
            log(f"    {stage.name}")
            rows.append(_measure_stage(stage, work, repeats))
            if work.corpus is None:
                break
            if rows[-1]["method"] == "measured":
                last[stage.name] = rows[-1]
                rows += _baselines(stage.name, work, repeats)
        if work.corpus is not None:
            corpora_rows.append({"scale": scale, "docs": len(work.corpus), "tokens": work.tokens,
                                 "characters": sum(len(d.raw) for d in work.corpus),
                                 "distinct_sentences": corpora.distinct_share(work.corpus)})
        work.corpus = None
        gc.collect()
    frame = pd.DataFrame(rows)
    return _extrapolate(frame), pd.DataFrame(corpora_rows)


def _skip(stage: str, work: stages.Workload, last: dict, args) -> bool:
    if stage == stages.NER_STAGE and work.scale > args.ner_max_scale:
        log(f"    {stage}: above --ner-max-scale, extrapolated")
        return True
    before = last.get(stage)
    if before is not None and before["seconds"] * work.tokens / before["tokens"] > args.stage_budget:
        log(f"    {stage}: would take over {args.stage_budget:.0f} s at x{work.scale}, extrapolated")
        return True
    return False


def _extrapolate(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows for the (stage, scale) pairs not run: our stage and its baselines,
    linear in tokens from the largest scale they were measured at."""
    sizes = frame[frame.stage == stages.STAGES[0].name].set_index("scale")
    baselines = {stage: [b for s, b in tables.PAIRS if s == stage] for stage, _ in tables.PAIRS}
    measured = frame[frame.method == "measured"]
    extra = []
    for stage in [s.name for s in stages.STAGES]:
        done = set(measured[(measured.kind == "ours") & (measured.stage == stage)].scale)
        for scale in sorted(set(sizes.index) - done):
            for name in [stage, *baselines.get(stage, [])]:
                base = measured[(measured.stage == name) & (measured.scale < scale)]
                if base.empty:
                    continue
                row = base.sort_values("scale").iloc[-1]
                tokens, docs = int(sizes.loc[scale, "tokens"]), int(sizes.loc[scale, "docs"])
                seconds = row.seconds * tokens / row.tokens
                extra.append({**row.to_dict(), "scale": scale, "docs": docs, "tokens": tokens, "seconds": seconds,
                              "tokens_per_s": tokens / seconds, "method": f"extrapolated from x{row.scale}"})
    if not extra:
        return frame
    out = pd.concat([frame, pd.DataFrame(extra)], ignore_index=True)
    return out.sort_values("scale", kind="stable").reset_index(drop=True)


def run_widgets(args) -> pd.DataFrame:
    from analysis.compare import widgets

    log("widgets: comparison app on the seeds")
    corpus = load_corpus(args.seeds)
    app = widgets.CompareApp(corpus)
    frame = widgets.latency(app, repeats=3 if args.quick else 7)
    frame["meets_50ms"] = frame.slowest_ms < tables.TARGET_WIDGET_MS
    return frame


def run_cache(args, tmp: Path) -> pd.DataFrame:
    """Parsing and NER: without the cache, first run (cold, empty cache) and second run (warm)."""
    from analysis import cache
    from analysis import entities
    from analysis.entities import ner as entity_model

    from . import notebooks

    seeds = load_corpus(args.seeds)
    folder = corpora.build(seeds, args.cache_scale, tmp / f"cache-x{args.cache_scale}")

    def switched(on: bool, action: Callable) -> Callable:
        def run():
            os.environ[cache.SWITCH_ENV] = "1" if on else "0"
            return action()
        return run

    with notebooks.environment({cache.DIR_ENV: str(tmp / "disk-cache"), cache.SWITCH_ENV: "0"}):
        log(f"cache: x{args.cache_scale}")
        rows = [_cache_row("documents", switched(False, lambda: load_corpus(folder)),
                           switched(True, lambda: load_corpus(folder)), lambda a, b: a.docs == b.docs)]
        os.environ[cache.SWITCH_ENV] = "0"
        corpus = load_corpus(folder)

        def mentions():
            entity_model._CACHE.clear()
            return entities.mentions(corpus)

        rows.append(_cache_row("entities", switched(False, mentions), switched(True, mentions),
                               lambda a, b: a.equals(b)))
        for row in rows:
            row["scale"] = args.cache_scale
        summary = {r["namespace"]: r for r in cache.summary()}
        for row in rows:
            info = summary.get(row["step"], {})
            row["entries"], row["disk_mb"] = info.get("entries", 0), info.get("bytes", 0) / 1e6
    return pd.DataFrame(rows)[["step", "scale", "uncached_s", "cold_s", "warm_s", "warm_speedup",
                                "same_result", "entries", "disk_mb"]]


def _cache_row(step: str, plain: Callable, through_cache: Callable, same: Callable) -> dict:
    from analysis import cache

    cache.clear(step)
    start = time.perf_counter()
    reference = plain()
    uncached = time.perf_counter() - start
    start = time.perf_counter()
    through_cache()
    cold = time.perf_counter() - start
    start = time.perf_counter()
    warm_result = through_cache()
    warm = time.perf_counter() - start
    return {"step": step, "uncached_s": uncached, "cold_s": cold, "warm_s": warm, "warm_speedup": uncached / warm,
            "same_result": bool(same(reference, warm_result))}


# -- output -------------------------------------------------------------------------

TITLES = {
    "imports": "Import and model load (fresh interpreter)",
    "notebooks": "Notebooks: fresh kernel, Restart & Run All (seconds, MB)",
    "throughput": "Throughput per stage and scale (ours and bare libraries)",
    "scaling": "Tokens/s per stage by scale, and growth exponent of time (1.00 = linear)",
    "overhead": "Overhead against the bare libraries, same texts, same run",
    "pipeline": "Whole pipeline against bare spaCy NER on both cores (the large-corpus floor)",
    "corpora": "Scaled corpora",
    "widgets": "Widget latency per lens (median ms)",
    "cache": "Disk cache: without, first run (cold), second run (warm)",
}


def write(results: dict[str, pd.DataFrame], info: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in results.items():
        frame.to_csv(out / f"{name}.csv", index=False, float_format="%.6g")
    payload = {**info, "tables": {name: json.loads(frame.to_json(orient="records")) for name, frame in results.items()}}
    (out / "results.json").write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def report(results: dict[str, pd.DataFrame], info: dict, markdown: bool) -> str:
    parts = []
    for name in TITLES:
        if name in results:
            table = tables.markdown_table(results[name]) if markdown else tables.text_table(results[name])
            parts.append(f"{'#### ' if markdown else '== '}{TITLES[name]}\n\n{table}\n")
    header = f"Measured {tables.machine_line(info['machine'])}"
    settings = info["settings"]
    header += (f" Scales {settings['scales']}, NER measured up to x{settings['ner_max_scale']}, stage budget "
               f"{settings['stage_budget_s']:.0f} s, "
               f"bytecode {settings['bytecode']}{', quick run' if settings['quick'] else ''}.")
    return header + "\n\n" + "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    info = {"machine": machine.describe(paths.ROOT), "settings": {
        "quick": args.quick, "scales": args.scales, "ner_max_scale": args.ner_max_scale,
        "cache_scale": args.cache_scale, "stage_budget_s": args.stage_budget, "bytecode": args.bytecode, "sections": args.sections}}
    from . import notebooks

    prefix = paths.ROOT / ".cache" / "pycache" if args.bytecode == "cached" else None
    args.fresh_bytecode = prefix is not None and not (prefix.exists() and any(prefix.iterdir()))
    bytecode = notebooks.bytecode_env(prefix)
    env = {k: v for k, v in {**os.environ, **bytecode}.items() if v is not None}
    results: dict[str, pd.DataFrame] = {}
    started = time.perf_counter()
    from analysis import cache

    os.environ[cache.SWITCH_ENV] = "0"  # stages time the computation, never a disk-cache hit
    with tempfile.TemporaryDirectory(prefix="rdf-bench-") as folder:
        tmp = Path(folder)
        if args.fresh_bytecode and {"imports", "notebooks"} & set(args.sections):
            warm_bytecode(args, tmp, bytecode)
        if "imports" in args.sections:
            results["imports"] = run_imports(args, env)
        if "notebooks" in args.sections:
            results["notebooks"] = run_notebooks(args, tmp, bytecode)
        if "stages" in args.sections:
            throughput, sizes = run_stages(args, tmp)
            results.update(throughput=throughput, scaling=tables.scaling(throughput),
                           overhead=tables.overhead(throughput), pipeline=tables.whole_pipeline(throughput),
                           corpora=sizes)
        if "widgets" in args.sections:
            results["widgets"] = run_widgets(args)
        if "cache" in args.sections:
            results["cache"] = run_cache(args, tmp)
    info["machine"]["load_average_end"] = machine.load_average()
    info["settings"]["wall_seconds"] = round(time.perf_counter() - started, 1)
    write(results, info, args.out)
    print(report(results, info, markdown=False))
    log(f"wrote {args.out}/*.csv and results.json in {info['settings']['wall_seconds']} s")
    if args.update_readme:
        tables.update_readme(HERE / "README.md", report(results, info, markdown=True))
        log(f"updated {HERE / 'README.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
