"""``python -m analysis actors``: the sentiment toward named targets and the role each is cast in.

    actors --targets FILE.jsonl [--format table|csv|json]

``FILE.jsonl`` holds one JSON object per line with ``id``, ``text``, ``start``
and ``end`` (0-based character offsets into ``text``, ``end`` exclusive). The
output has one row per line: ``id``, ``sentiment`` and ``p_negative``,
``p_neutral``, ``p_positive`` (the polarity the text expresses toward the target,
read in the sentence that holds it), ``role`` and ``p_hero``, ``p_villain``,
``p_victim`` (the role the target is cast in; ``text`` may be a whole document),
and ``evidence`` (the features that weighed most toward each decision). A bad
line stops the command with one line naming the file and line number (exit 2).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "actors"
HELP = ("sentiment toward a named target (negative/neutral/positive, a model trained on NewsMTSC news sentences) "
        "and the role it is cast in (hero/villain/victim), with evidence; --targets FILE.jsonl lists the targets")
PRINTS_DATA = True
OUTPUT_COLUMNS = ["id", "sentiment", "p_negative", "p_neutral", "p_positive", "role", "p_hero", "p_villain",
                  "p_victim", "evidence"]
ROLE_COLUMNS = ["role", "p_hero", "p_villain", "p_victim", "role_evidence"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--targets", type=Path, metavar="FILE", required=True,
                        help="a JSONL file, one object per line with id, text, start, end (0-based character "
                             "offsets into text, end exclusive); one output row per line")


def _role_model():
    """``predict_roles`` of the role model, or None where this build has none."""
    try:
        from ...actors.roles import predict_roles
    except ModuleNotFoundError as exc:
        if exc.name != "analysis.actors.roles":
            raise
        return None
    return predict_roles


def targets_table(path: Path):
    """The output table for a targets file (see the module's docstring)."""
    import pandas as pd

    from ...actors.items import read_targets
    from ...actors.target import predict_sentiment

    targets = read_targets(path)
    items = list(zip(targets["text"], targets["start"].astype(int), targets["end"].astype(int)))
    sentiment = predict_sentiment(items)
    predict_roles = _role_model()
    if predict_roles is None:
        print("note: no role model in this build; the role columns are empty", file=sys.stderr)
        roles = pd.DataFrame({c: [None] * len(items) for c in ROLE_COLUMNS})
    else:
        roles = predict_roles(items).reset_index(drop=True) if items else pd.DataFrame(columns=ROLE_COLUMNS)
    evidence = ["sentiment: " + s + ("" if not isinstance(r, str) or not r else " | role: " + r)
                for s, r in zip(sentiment["evidence"], roles["role_evidence"])]
    table = pd.concat([targets[["id"]].reset_index(drop=True), sentiment.drop(columns="evidence"),
                       roles.drop(columns="role_evidence")], axis=1)
    table["evidence"] = evidence
    return table[OUTPUT_COLUMNS]


def run(args: argparse.Namespace):
    return targets_table(args.targets)
