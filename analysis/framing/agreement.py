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

Every α carries a 95 % bootstrap interval (``alpha_low``, ``alpha_high``):
after Hayes & Krippendorff (2007, "Answering the call for a standard
reliability measure for coding data"), the coincidences are resampled, here
unit by unit (a unit's pairable values travel together), :data:`N_BOOT` times
with a fixed seed, and α is recomputed from the resampled coincidence matrix.
With fewer than :data:`MIN_POSITIVES` positive codes per coder a frame's α
rests on a handful of decisions (α = 1.00 from 2 positives) and is reported
as not interpretable (``interpretable`` false, ``note`` says why).

:func:`machine_agreement` scores each coder against machine decisions
(dictionary or model) with precision, recall and F1, the coder taken as truth.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ..config import SEED
from .scoring import binary_scores

__all__ = ["nominal_alpha", "alpha_interval", "reliability_matrix", "alpha_by_frame", "machine_agreement",
           "sentence_decisions", "MIN_POSITIVES", "N_BOOT"]

MIN_POSITIVES = 5   # positive codes per coder below which a frame's α is not interpretable
N_BOOT = 1000       # bootstrap resamples of the α interval


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


def _unit_coincidences(data: np.ndarray) -> tuple[np.ndarray, int]:
    """Per unit, its coincidence matrix over the values used (units × V × V),
    and V; units with fewer than two values contribute zeros."""
    data = np.asarray(data, float)
    values = np.unique(data[~np.isnan(data)])
    index = {v: i for i, v in enumerate(values)}
    out = np.zeros((data.shape[1], len(values), len(values)))
    for u, unit in enumerate(data.T):
        coded = [index[v] for v in unit[~np.isnan(unit)]]
        m = len(coded)
        if m < 2:
            continue
        for i in range(m):
            for j in range(m):
                if i != j:
                    out[u, coded[i], coded[j]] += 1 / (m - 1)
    return out, len(values)


def _alpha_from(coincidence: np.ndarray) -> float:
    n_c = coincidence.sum(axis=1)
    n = n_c.sum()
    observed = coincidence.sum() - np.trace(coincidence)
    expected = n_c.sum() ** 2 - (n_c ** 2).sum()
    if n <= 1 or expected == 0:
        return float("nan")
    return float(1 - (n - 1) * observed / expected)


def alpha_interval(data: np.ndarray, n_boot: int = N_BOOT, seed: int = SEED,
                   level: float = 0.95) -> tuple[float, float]:
    """Percentile bootstrap interval of nominal α for a coders × units array
    (units resampled with replacement, seeded); NaN where α is undefined in
    too many resamples to give one."""
    per_unit, _ = _unit_coincidences(data)
    units = per_unit.shape[0]
    if units == 0:
        return float("nan"), float("nan")
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(n_boot):
        weights = np.bincount(rng.integers(0, units, units), minlength=units)
        draws.append(_alpha_from(np.tensordot(weights, per_unit, axes=1)))
    draws = np.array(draws)
    draws = draws[~np.isnan(draws)]
    if len(draws) < n_boot / 2:
        return float("nan"), float("nan")
    low, high = np.percentile(draws, [50 * (1 - level), 100 - 50 * (1 - level)])
    return float(low), float(high)


def _unit_key(codings: pd.DataFrame) -> pd.Series:
    sentence = codings["sentence"].astype("Int64").astype(str).replace("<NA>", "")
    return codings["doc"].astype(str) + "#" + sentence


def reliability_matrix(codings: pd.DataFrame, frame: str) -> pd.DataFrame:
    """Coders × units table of one frame's values (NaN where a coder did not code a unit).
    A coder's repeated answers for a unit: the last one counts."""
    rows = codings[codings["frame"] == frame].assign(unit=lambda t: _unit_key(t))
    rows = rows.drop_duplicates(["coder", "unit"], keep="last")
    return rows.pivot(index="coder", columns="unit", values="value").astype(float)


def alpha_by_frame(codings: pd.DataFrame, n_boot: int = N_BOOT, seed: int = SEED) -> pd.DataFrame:
    """One row per frame: ``coders``, ``units`` coded by at least two coders, ``alpha``
    (NaN with fewer than two coders, no shared unit, or one value used throughout),
    its bootstrap interval ``alpha_low``/``alpha_high``, ``min_positives`` (the
    fewest positive codes any coder gave), ``interpretable`` (at least
    :data:`MIN_POSITIVES` positives per coder) and a ``note`` when it is not."""
    import krippendorff

    rows = []
    for frame in dict.fromkeys(codings["frame"]):
        matrix = reliability_matrix(codings, frame)
        pairable = int((matrix.notna().sum(axis=0) >= 2).sum())
        values = matrix.to_numpy()
        distinct = np.unique(values[~np.isnan(values)])
        if len(matrix) < 2 or pairable == 0 or len(distinct) < 2:
            alpha = low = high = float("nan")  # one value throughout: no expected disagreement, α undefined
        else:
            alpha = float(krippendorff.alpha(reliability_data=values, level_of_measurement="nominal"))
            low, high = alpha_interval(values, n_boot, seed)
        positives = int(np.nan_to_num(np.where(values > 0, 1, 0)).sum(axis=1).min()) if len(matrix) else 0
        interpretable = bool(positives >= MIN_POSITIVES and alpha == alpha)
        note = "" if interpretable else (
            f"not interpretable: {positives} positive code{'s' if positives != 1 else ''} from a coder "
            f"(fewer than {MIN_POSITIVES})" if alpha == alpha else "α undefined")
        rows.append((frame, len(matrix), pairable, round(alpha, 3), round(low, 3), round(high, 3), positives,
                     interpretable, note))
    return pd.DataFrame(rows, columns=["frame", "coders", "units", "alpha", "alpha_low", "alpha_high",
                                       "min_positives", "interpretable", "note"])


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
