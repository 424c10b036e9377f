"""Offline guarantee, static part: no code fetches models, data or page assets.

Scans the package (Python code, HTML templates, CSS), the notebooks' code
cells, the Makefile, the CI script and the benchmarks for calls that download
(``nltk.download``, ``spacy download``, hub downloads, ``urlretrieve``,
``requests.get``...) and for remote ``<script src>``, ``<link href>``, CSS
``@import``/``url()`` and CDN addresses. Comments and docstrings are left out,
so text that explains the rule does not trip it; ``tests/`` is not scanned.
"""
from __future__ import annotations

import ast
import io
import json
import re
import textwrap
import tokenize
from pathlib import Path

import pytest

from analysis import paths

ROOT = paths.ROOT

# Third-party bundles copied into the package; their source is not ours to
# change (what they load at run time is for the offline notebook/report run).
VENDORED = ("analysis/report/assets/mathjax/", "analysis/report/assets/widgets/")

_REMOTE = r"""["']?\s*(?:https?:)?//"""
RULES: dict[str, re.Pattern] = {name: re.compile(pattern, re.IGNORECASE | re.MULTILINE) for name, pattern in {
    "nltk.download": r"\bnltk\s*\.\s*download\b|\bfrom\s+nltk\s+import\b[^\n]*\bdownload\b",
    "spacy download": r"\bspacy\s*\.\s*cli\s*\.\s*download\b|\bspacy\s+download\b"
                      r"|\bfrom\s+spacy\.cli\s+import\b[^\n]*\bdownload\b",
    "hub download": r"\bfrom_pretrained\s*\(|\bhf_hub_download\b|\bsnapshot_download\b"
                    r"|\bhub\s*\.\s*load\s*\(",
    "url fetch": r"\burlretrieve\b|\burlopen\s*\(|\brequests\s*\.\s*(?:get|post|head|request)\s*\("
                 r"|\bhttpx\s*\.\s*(?:get|stream)\s*\(|\bwget\s|\bcurl\s",
    "pip install in a notebook": r"^\s*[!%]\s*pip\s+install\b",
    "remote script": r"<script\b[^>]*\bsrc\s*=\s*" + _REMOTE,
    "remote stylesheet or link": r"<link\b[^>]*\bhref\s*=\s*" + _REMOTE,
    "remote css import": r"@import\s+(?:url\(\s*)?" + _REMOTE + r"|\burl\(\s*" + _REMOTE,
    "cdn address": r"\b(?:cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|fonts\.googleapis\.com"
                   r"|ajax\.googleapis\.com|code\.jquery\.com|huggingface\.co)\b",
}.items()}
NOTEBOOK_ONLY = {"pip install in a notebook"}


# --- stripping what explains rather than runs -------------------------------------

def python_code(source: str) -> str:
    """``source`` with comments and docstrings blanked out (line numbers kept)."""
    lines = source.splitlines(keepends=True)
    try:
        tree = ast.parse(source)
    except SyntaxError:
        tree = None
    if tree is not None:
        for node in ast.walk(tree):
            body = getattr(node, "body", None)
            if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                    and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
                doc = body[0]
                for i in range(doc.lineno - 1, doc.end_lineno):
                    lines[i] = "\n"
    text = "".join(lines)
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return "\n".join(_strip_hash_comment(line) for line in text.splitlines())
    out = text.splitlines(keepends=True)
    for tok in reversed(tokens):
        if tok.type == tokenize.COMMENT:
            row, col = tok.start
            out[row - 1] = out[row - 1][:col] + "\n"
    return "".join(out)


def _strip_hash_comment(line: str) -> str:
    """Fallback for code tokenize cannot read (IPython magics): drop a ``#``
    comment that is not inside quotes."""
    quote = None
    for i, ch in enumerate(line):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            return line[:i]
    return line


def notebook_code(source: str) -> str:
    """Code cells of a notebook (comments dropped); magics and shell lines kept."""
    nb = json.loads(source)
    cells = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
             for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    return "\n".join("\n".join(_strip_hash_comment(l) for l in cell.splitlines()) for cell in cells)


def template_code(source: str) -> str:
    """HTML/Jinja/CSS without ``{# #}``, ``<!-- -->`` and ``/* */`` comments."""
    return re.sub(r"\{#.*?#\}|<!--.*?-->|/\*.*?\*/", "", source, flags=re.DOTALL)


def make_code(source: str) -> str:
    return "\n".join(_strip_hash_comment(line) for line in source.splitlines())


READERS = {".py": python_code, ".ipynb": notebook_code, ".j2": template_code, ".html": template_code,
           ".htm": template_code, ".css": template_code, ".tpl": template_code, ".js": template_code}


def scanned_files() -> list[Path]:
    """Every file the rule applies to, sorted."""
    files = [p for p in (ROOT / "analysis").rglob("*") if p.suffix in READERS]
    files += list((ROOT / "notebooks").rglob("*.ipynb")) + list((ROOT / "benchmarks").rglob("*.py"))
    files += [p for p in (ROOT / "Makefile", ROOT / ".ci" / "run") if p.exists()]
    keep = []
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(VENDORED) or ".ipynb_checkpoints" in rel or "__pycache__" in rel:
            continue
        keep.append(path)
    return sorted(set(keep))


def violations(path: Path, source: str) -> list[str]:
    """``path:line: rule: text`` for every forbidden pattern in the code of ``source``."""
    if path.suffix in READERS:
        code = READERS[path.suffix](source)
    else:  # Makefile, shell scripts
        code = make_code(source)
    found = []
    for name, pattern in RULES.items():
        if name in NOTEBOOK_ONLY and path.suffix != ".ipynb":
            continue
        for match in pattern.finditer(code):
            line = code.count("\n", 0, match.start()) + 1
            found.append(f"{path}:{line}: {name}: {match.group().strip()}")
    return found


# --- the check itself ------------------------------------------------------------------

def test_scan_covers_the_project():
    files = {p.relative_to(ROOT).as_posix() for p in scanned_files()}
    assert {"analysis/corpus/model.py", "analysis/corpus/tokens.py", "analysis/cli/main.py", "Makefile"} <= files
    assert any(f.startswith("notebooks/") and f.endswith(".ipynb") for f in files)
    assert not any(f.startswith("tests/") for f in files)


def test_no_network_downloads_in_code():
    found = [v for path in scanned_files()
             for v in violations(path, path.read_text(encoding="utf-8", errors="replace"))]
    assert not found, "code must work offline; found:\n" + "\n".join(found)


# --- the checker catches what it should, and only that ------------------------------------

BAD_PYTHON = [
    'import nltk\nnltk.download("punkt")\n',
    "from nltk import download\n",
    "import spacy\nspacy.cli.download('en_core_web_sm')\n",
    "from spacy.cli import download\n",
    "model = AutoModel.from_pretrained('bert-base-uncased')\n",
    "from huggingface_hub import hf_hub_download\n",
    "from urllib.request import urlretrieve\n",
    "import requests\nrequests.get(url)\n",
    "HEAD = '<script src=\"https://cdn.jsdelivr.net/npm/x.js\"></script>'\n",
    "HEAD = '<link rel=\"stylesheet\" href=\"//fonts.googleapis.com/css\">'\n",
]


@pytest.mark.parametrize("source", BAD_PYTHON)
def test_checker_flags_downloads(source):
    assert violations(Path("analysis/x.py"), source)


def test_checker_flags_notebook_and_makefile_and_template():
    nb = {"cells": [{"cell_type": "code", "source": ["import nltk\n", "nltk.download('stopwords')\n"]},
                    {"cell_type": "code", "source": "!pip install spacy\n"}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    rules = {v.split(": ")[1] for v in violations(Path("n.ipynb"), json.dumps(nb))}
    assert rules == {"nltk.download", "pip install in a notebook"}
    assert violations(Path("Makefile"), "models:\n\t$(PY) -m spacy download en_core_web_sm\n")
    assert violations(Path("t.html.j2"), '<style>@import url("https://fonts.googleapis.com/css");</style>')


def test_checker_ignores_explanations():
    source = textwrap.dedent('''
        """Tokenising without downloads: we never call nltk.download("punkt")."""
        # spacy.cli.download would need the network, so it is not used
        def f():
            """No requests.get( here, no <script src="https://x"> either."""
            return "nltk"  # nltk.download
    ''').lstrip("\n")
    assert violations(Path("analysis/x.py"), source) == []
    nb = {"cells": [{"cell_type": "markdown", "source": "Do not run `nltk.download()`."},
                    {"cell_type": "code", "source": "# nltk.download('punkt') is not needed\nx = 1\n"}]}
    assert violations(Path("n.ipynb"), json.dumps(nb)) == []
    assert violations(Path("Makefile"), "# never: python -m spacy download\nall:\n\techo ok\n") == []
    assert violations(Path("p.html.j2"), '{# <script src="https://cdn"> is banned #}<a href="https://x.org">x</a>') == []
