"""Import and model-load time in a fresh interpreter: what a notebook pays before its first result.

Each probe runs in a new ``python`` process (so nothing is already imported)
and reports its wall time, whether spaCy got imported, and the process's
peak memory. A notebook that needs no entities should never import spaCy.
"""
from __future__ import annotations

import json
import subprocess
import sys

PROBES = [
    ("import analysis", "import analysis"),
    ("analysis + load_corpus()", "import analysis; analysis.load_corpus()"),
    ("import analysis.sentiment", "import analysis.sentiment"),
    ("import analysis.framing", "import analysis.framing"),
    ("import analysis.compare", "import analysis.compare"),
    ("import analysis.entities", "import analysis.entities"),
    ("entities + model load", "import analysis.entities as e; e.pipeline()"),
]

SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
{code}
seconds = time.perf_counter() - t0
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:")) / 1024
print(json.dumps({{"seconds": seconds, "spacy_imported": "spacy" in sys.modules, "peak_mb": peak}}))
"""


def probe(code: str, env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-c", SCRIPT.format(code=code)], capture_output=True, text=True,
                          env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(env: dict[str, str], repeats: int = 2, log=print) -> list[dict]:
    """One row per probe: the fastest of ``repeats`` fresh-process runs."""
    rows = []
    for name, code in PROBES:
        log(f"  {name} ...")
        try:
            runs = [probe(code, env) for _ in range(repeats)]
        except subprocess.CalledProcessError as exc:
            rows.append({"probe": name, "seconds": float("nan"), "spacy_imported": None, "peak_mb": float("nan"),
                         "note": (exc.stderr.strip().splitlines() or ["failed"])[-1][:80]})
            continue
        best = min(runs, key=lambda r: r["seconds"])
        rows.append({"probe": name, **best, "note": ""})
    return rows
