"""Notebook run time ("Restart & Run All" in a fresh kernel) and the kernel's peak memory.

Each notebook is executed by nbclient in a new ``python3`` kernel, as
``make test`` and the report builder do. Timings come from nbclient's cell
hooks; the peak memory is the kernel process's high-water mark of resident
memory (``VmHWM`` in ``/proc/<pid>/status``), read after every cell.

Figures go to a temporary folder (the committed ``figures/`` are not
touched) and the analysis cache to an empty temporary folder, so every
notebook is measured as a first run.
"""
from __future__ import annotations

import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import nbformat

TIMEOUT = 600
PROBE = 'import sys; print("spacy" in sys.modules)'  # appended, untimed: did the notebook load spaCy?


def vm_hwm_mb(pid: int) -> float:
    """Peak resident memory of a process in MB (0.0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _apply(values: dict[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@contextmanager
def environment(values: dict[str, str | None]) -> Iterator[None]:
    """Set (or, with ``None``, unset) environment variables for the block, then restore them."""
    saved = {k: os.environ.get(k) for k in values}
    try:
        _apply(values)
        yield
    finally:
        _apply(saved)


def _kernel_pid(client) -> int:
    provisioner = client.km.provisioner
    return provisioner.pid or provisioner.process.pid


def run(nb, folder: Path) -> dict:
    """Execute a notebook node in a fresh kernel; timings in seconds, memory in MB."""
    from nbclient import NotebookClient

    nb = nbformat.from_dict(nb)  # a copy: the probe cell below must not reach the caller's notebook
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    client = NotebookClient(nb, timeout=TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(folder)}})
    starts: dict[int, float] = {}
    ends: dict[int, float] = {}
    peak = [0.0]

    def started(cell, cell_index):
        starts[cell_index] = time.perf_counter()

    def finished(cell, cell_index, execute_reply):
        ends[cell_index] = time.perf_counter()
        peak[0] = max(peak[0], vm_hwm_mb(_kernel_pid(client)))

    client.on_cell_execute, client.on_cell_executed = started, finished
    t0 = time.perf_counter()
    client.execute()
    probe = nb.cells.pop()
    order = sorted(starts)[:-1]
    cells = [ends[i] - starts[i] for i in order]
    code = [c for c in nb.cells if c.cell_type == "code"]
    slowest = max(range(len(cells)), key=cells.__getitem__) if cells else 0
    return {
        "kernel_start_s": starts[order[0]] - t0 if order else 0.0,
        "first_cell_s": cells[0] if cells else 0.0,
        "analysis_s": sum(cells[1:]),
        "total_s": (ends[order[-1]] - t0) if order else 0.0,
        "slowest_cell_s": cells[slowest] if cells else 0.0,
        "slowest_cell": f"#{slowest + 1}: {_first_line(code[slowest].source)}" if cells else "",
        "code_cells": len(cells),
        "peak_mb": peak[0],
        "spacy": "".join(o.get("text", "") for o in probe.outputs).strip() == "True",
    }


def _first_line(source: str) -> str:
    line = next((l for l in source.splitlines() if l.strip() and not l.startswith("#")), "")
    return line[:60]


def empty_notebook():
    """A one-cell notebook: the kernel's own start-up time and memory."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("pass")]
    return nb


def label(path: Path) -> str:
    """``02-sentiment.ipynb`` or ``solutions/02-sentiment-solutions.ipynb``."""
    return f"{path.parent.name}/{path.name}" if path.parent.name == "solutions" else path.name


def measure(paths: list[Path], env: dict[str, str | None], log=print) -> list[dict]:
    """One row per notebook, after the empty-kernel baseline."""
    items = [("(empty kernel)", empty_notebook(), paths[0].parent if paths else Path.cwd())]
    items += [(label(p), nbformat.read(p, as_version=4), p.parent) for p in paths]
    rows = []
    with environment(env):
        for name, nb, folder in items:
            log(f"  notebook {name} ...")
            try:
                rows.append({"notebook": name, **run(nb, folder), "note": ""})
            except Exception as exc:  # a failing notebook is reported, the others still run
                note = (str(exc).strip().splitlines() or [type(exc).__name__])[-1][:80]
                log(f"    failed: {note}")
                rows.append({"notebook": name, "note": f"failed: {note}"})
    return rows


def bytecode_env(prefix: Path | None) -> dict[str, str | None]:
    """Environment for kernels: with ``prefix``, compiled bytecode is written to
    and read from that folder (as after a normal ``pip install``, which compiles);
    without, the environment is left as it is."""
    if prefix is None:
        return {}
    prefix.mkdir(parents=True, exist_ok=True)
    return {"PYTHONPYCACHEPREFIX": str(prefix), "PYTHONDONTWRITEBYTECODE": None}
