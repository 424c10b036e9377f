"""Every data command prints, on the seeds, exactly the JSON it printed before
the package was reorganised into subpackages (fixtures in tests/fixtures/cli_json/)."""
from __future__ import annotations

import pytest

from tests.cli_golden import CASES, FIXTURES, run_case


def test_every_case_has_a_fixture():
    assert sorted(p.stem for p in FIXTURES.glob("*.json")) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_json_output_is_byte_identical(name):
    status, text = run_case(CASES[name])
    assert status == 0
    assert text == (FIXTURES / f"{name}.json").read_text(encoding="utf-8")
