"""The data commands whose JSON output on ``seeds/`` is kept byte for byte in
``tests/fixtures/cli_json/`` (written once with the code before the package
layout changed, rewritten only when the sentence column ``index`` became
``sentence``; ``python -m tests.cli_golden`` rewrites them on purpose)."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cli_json"
A, B = "ch49-vostochny", "news-shoigu-2025"

CASES: dict[str, list[str]] = {
    "corpus": ["corpus"],
    **{f"frames-{scheme}-{by}": ["frames", "--scheme", scheme, "--by", by]
       for scheme in ("generic", "policy", "metaphor", "stance", "devices")
       for by in ("sentence", "document", "cue")},
    "frames-text": ["frames", "--text", "--doc", B],
    "frames-list": ["frames", "--list", "--scheme", "policy"],
    "keyness-a": ["keyness", "--a", A],
    "keyness-b-g2": ["keyness", "--a", B, "--b", A, "--sort", "g2", "--top", "30"],
    "keyness-stopwords": ["keyness", "--a", A, "--keep-stopwords", "--min-count", "1"],
    **{f"sentiment-{by}": ["sentiment", "--by", by] for by in ("sentence", "paragraph", "document", "word")},
    "sentiment-doc": ["sentiment", "--doc", B],
    "entities": ["entities"],
    "entities-type": ["entities", "--by", "type"],
    "entities-mentions": ["entities", "--mentions"],
    "entities-all-types": ["entities", "--all-types", "--top", "5"],
    "align": ["align"],
    "align-paragraph": ["align", "--unit", "paragraph"],
    "align-query": ["align", "--query", "space cooperation"],
    "align-passage": ["align", "--passage", "3"],
}


def run_case(args: list[str]) -> tuple[int, str]:
    """Exit status and standard output of one CLI call in this process."""
    from analysis.cli.main import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main([*args, "--format", "json"])
    return status, out.getvalue()


if __name__ == "__main__":
    FIXTURES.mkdir(parents=True, exist_ok=True)
    for name, args in CASES.items():
        status, text = run_case(args)
        assert status == 0, (name, status)
        (FIXTURES / f"{name}.json").write_text(text, encoding="utf-8")
