"""Group differences carry the package's verdicts (documents as units)."""
import math

import pandas as pd

from analysis.findings import NOT_TESTABLE, SUPPORTED, TIE, with_verdicts
from analysis.findings.model import difference_verdict


def test_difference_verdicts_follow_the_interval_and_the_test():
    assert difference_verdict(True, 0.1, 0.4, 0.01) == SUPPORTED
    assert difference_verdict(True, -0.5, -0.2, 0.001) == SUPPORTED
    assert difference_verdict(True, -0.1, 0.4, 0.01) == TIE        # interval covers 0
    assert difference_verdict(True, 0.1, 0.4, 0.2) == TIE          # the test does not agree
    assert difference_verdict(True, math.nan, math.nan, math.nan) == TIE
    assert difference_verdict(False, 0.1, 0.4, 0.01) == NOT_TESTABLE


def test_with_verdicts_adds_one_column_per_row():
    table = pd.DataFrame({"entity": ["A", "B"], "testable": [True, False], "diff_ci_low": [0.2, math.nan],
                          "diff_ci_high": [0.5, math.nan], "p_value": [0.003, math.nan]})
    out = with_verdicts(table)
    assert out["verdict"].tolist() == [SUPPORTED, NOT_TESTABLE]
    assert list(out.columns[:-1]) == list(table.columns)
