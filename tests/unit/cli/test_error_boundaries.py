"""Where errors end: a user's mistake is one line and exit status 2, a bug keeps its traceback."""
from __future__ import annotations

import pytest

from analysis import InputError
from analysis.cli import main as cli
from analysis.errors import UnknownName


def test_unknown_name_is_an_input_error_and_a_lookup_error(corpus):
    with pytest.raises(UnknownName) as caught:
        corpus["nope"]
    assert isinstance(caught.value, InputError) and isinstance(caught.value, LookupError)
    assert str(caught.value) == "no document 'nope'; ids are: ch49-vostochny, news-shoigu-2025"


@pytest.mark.parametrize("argv, line", [
    (["align", "--top", "0"], "error: argument --top: must be at least 1 (see python -m analysis align --help)"),
    (["keyness", "--a", "ch49-vostochny", "--alpha0", "0"], "error: argument --alpha0: must be more than 0"),
    (["keyness", "--a", "ch49-vostochny", "--top", "x"], "error: argument --top: needs a whole number, got 'x'"),
    (["report", "--jobs", "0"], "error: argument --jobs: must be at least 1"),
    (["entities", "--top", "0"], "error: argument --top: must be at least 1"),
    (["frames", "--frame", "nope"], "error: no frame 'nope' in scheme 'generic'; try --list"),
    (["sentiment", "--doc", "nope"], "error: no document 'nope'; ids are: ch49-vostochny, news-shoigu-2025"),
])
def test_user_mistakes_end_in_one_line_and_status_2(argv, line, capsys):
    assert cli.main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and captured.err.startswith(line)


def test_help_still_exits_0(capsys):
    assert cli.main(["corpus", "--help"]) == 0
    assert "--format" in capsys.readouterr().out


def test_a_bug_is_not_reported_as_bad_input(monkeypatch):
    from analysis.cli.commands import corpus as command

    def broken(args):
        raise KeyError("a bug, not a user's mistake")

    monkeypatch.setattr(command, "run", broken)
    with pytest.raises(KeyError):
        cli.main(["corpus"])
