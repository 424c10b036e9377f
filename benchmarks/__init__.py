"""Benchmarks of the analysis package: notebook run time and memory, stage throughput
on scaled corpora, overhead against the bare libraries, widget latency, the disk cache.

Run from the repository root: ``.venv/bin/python -m benchmarks [--quick]``.
"""
