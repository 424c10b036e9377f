"""Agreement between coders, and between coders and the machine.

Krippendorff's α (nominal) per frame, from the coincidence matrix of the
values the coders gave each unit (a unit is a document, or a document's
sentence when ``sentence`` is filled)::

    alpha = 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c n_k

with ``o_ck`` the coincidences of values c and k within units (units coded by
fewer than two coders do not count), ``n_c`` the marginal totals and ``n`` the
number of pairable values (Krippendorff 2011, "Computing Krippendorff's
alpha-reliability"). :func:`nominal_alpha` implements the formula;
:func:`alpha_by_frame` uses the well-kept ``krippendorff`` package and the
tests check that both agree.

:func:`machine_agreement` scores each coder against machine decisions
(dictionary or model) with precision, recall and F1, the coder taken as truth.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from .scoring import binary_scores

__all__ = ["nominal_alpha", "reliability_matrix", "alpha_by_frame", "machine_agreement",
           "sentence_decisions"]


def nominal_alpha(data: np.ndarray) -> float:
    """Nominal α of a coders × units array (``np.nan`` = not coded)."""
    data = np.asarray(data, float)
    coincide: Counter = Counter()
    for unit in data.T:
        values = unit[~np.isnan(unit)]
        m = len(values)
        if m < 2:
            continue
        for i in range(m):
            for j in range(m):
                if i != j:
                    coincide[(values[i], values[j])] += 1 / (m - 1)
    n_c: Counter = Counter()
    for (c, _), w in coincide.items():
        n_c[c] += w
    n = sum(n_c.values())
    observed = sum(w for (c, k), w in coincide.items() if c != k)
    expected = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k)
    if n <= 1 or expected == 0:
        return float("nan")
    return 1 - (n - 1) * observed / expected


def _unit_key(codings: pd.DataFrame) -> pd.Series:
    sentence = codings["sentence"].astype("Int64").astype(str).replace("<NA>", "")
    return codings["doc"].astype(str) + "#" + sentence


def reliability_matrix(codings: pd.DataFrame, frame: str) -> pd.DataFrame:
    """Coders × units table of one frame's values (NaN where a coder did not code a unit).
    A coder's repeated answers for a unit: the last one counts."""
    rows = codings[codings["frame"] == frame].assign(unit=lambda t: _unit_key(t))
    rows = rows.drop_duplicates(["coder", "unit"], keep="last")
    return rows.pivot(index="coder", columns="unit", values="value").astype(float)


def alpha_by_frame(codings: pd.DataFrame) -> pd.DataFrame:
    """One row per frame: ``coders``, ``units`` coded by at least two coders, ``alpha``
    (NaN with fewer than two coders, no shared unit, or one value used throughout)."""
    import krippendorff

    rows = []
    for frame in dict.fromkeys(codings["frame"]):
        matrix = reliability_matrix(codings, frame)
        pairable = int((matrix.notna().sum(axis=0) >= 2).sum())
        values = matrix.to_numpy()
        distinct = np.unique(values[~np.isnan(values)])
        if len(matrix) < 2 or pairable == 0 or len(distinct) < 2:
            alpha = float("nan")  # one value throughout: no expected disagreement, α undefined
        else:
            alpha = float(krippendorff.alpha(reliability_data=values, level_of_measurement="nominal"))
        rows.append((frame, len(matrix), pairable, round(alpha, 3)))
    return pd.DataFrame(rows, columns=["frame", "coders", "units", "alpha"])


def sentence_decisions(docs, scheme: str = "generic") -> pd.DataFrame:
    """The dictionary's sentence-level decision: doc, sentence, frame, present
    (a non-negated cue of the frame in the sentence); only present rows."""
    from .cues import find_cues

    matches = find_cues(docs, scheme)
    live = matches[~matches["negated"]][["doc", "sentence", "frame"]].drop_duplicates()
    return live.assign(present=True).reset_index(drop=True)


def machine_agreement(codings: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """Each coder against machine ``decisions`` (doc, [sentence], frame, present;
    absent rows mean "not present"): one row per coder and frame with the
    number of coded units, precision, recall and F1."""
    by_sentence = "sentence" in decisions.columns and codings["sentence"].notna().any()
    keys = ["doc", "sentence", "frame"] if by_sentence else ["doc", "frame"]
    machine = decisions.assign(doc=decisions["doc"].astype(str))
    if by_sentence:
        machine = machine.assign(sentence=machine["sentence"].astype("Int64"))
    machine = machine[keys + ["present"]].drop_duplicates(keys, keep="last")
    table = codings.assign(doc=codings["doc"].astype(str)).drop_duplicates(["coder", *keys], keep="last")
    merged = table.merge(machine, on=keys, how="left")
    merged["present"] = merged["present"].fillna(False).astype(bool)
    rows = []
    for (coder, frame), group in merged.groupby(["coder", "frame"], sort=False):
        s = binary_scores(group["value"].to_numpy(bool), group["present"].to_numpy(bool))
        rows.append((coder, frame, len(group), int(group["value"].sum()), int(group["present"].sum()),
                     s["precision"], s["recall"], s["f1"]))
    out = pd.DataFrame(rows, columns=["coder", "frame", "units", "coded", "machine", "precision", "recall", "f1"])
    return out.round(3)
