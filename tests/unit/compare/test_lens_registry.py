"""Lenses by name: a registry filled by decorators, no import of the engine from the lens types."""
from __future__ import annotations

import ast
import typing
from pathlib import Path

import pytest

from analysis.compare import html as hv
from analysis.compare import lens as lenses
from analysis.errors import UnknownName


def test_builtin_lenses_in_display_order():
    assert lenses.names() == ["passages", "kwic", "vocabulary", "frames", "sentiment", "entities"]
    assert lenses.get("frames").schemes()[0] == "generic"
    assert lenses.get("sentiment").uses == ("top_n",)


def test_unknown_lens_names_the_known_ones():
    with pytest.raises(UnknownName, match="no lens 'astrology'; lenses are: passages, kwic, vocabulary"):
        lenses.get("astrology")


def test_register_replaces_in_place_and_adds_at_the_end(monkeypatch):
    lenses.all_lenses()  # the built-in lenses loaded before the registry is copied
    monkeypatch.setattr(lenses, "_LENSES", dict(lenses._LENSES))
    render = lambda ctx: hv.panel(ctx.doc.label, "")  # noqa: E731
    lenses.register(lenses.Lens("kwic", "KWIC 2", "replaced", render))
    lenses.register(lenses.Lens("length", "Length", "added", render))
    assert lenses.names() == ["passages", "kwic", "vocabulary", "frames", "sentiment", "entities", "length"]
    assert lenses.get("kwic").label == "KWIC 2"


def test_annotators_merge_in_a_fixed_order():
    modules = [a.__module__.rsplit(".", 1)[-1] for a in lenses.annotators()]
    assert modules == ["entities", "sentiment", "frames"]


def test_lens_types_resolve_without_the_engine():
    hints = typing.get_type_hints(lenses.LensContext)
    assert hints["comparer"] is lenses.ComparerLike
    tree = ast.parse(Path(lenses.__file__).read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert "engine" not in imported and "widgets" not in imported
