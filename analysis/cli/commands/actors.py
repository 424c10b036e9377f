"""``python -m analysis actors``: the sentiment toward named targets and the role each is cast in.

    actors --targets FILE.jsonl [--format table|csv|json]
    actors [--seeds DIR] [--by mention|actor|group|difference] [--doc ID] [--norp] [--top N]

``FILE.jsonl`` holds one JSON object per line with ``id``, ``text``, ``start``
and ``end`` (0-based character offsets into ``text``, ``end`` exclusive). The
output has one row per line: ``id``, ``sentiment`` and ``p_negative``,
``p_neutral``, ``p_positive`` (the polarity the text expresses toward the target,
read in the sentence that holds it), ``role`` and ``p_hero``, ``p_villain``,
``p_victim`` (the role the target is cast in; ``text`` may be a whole document),
and ``evidence`` (the features that weighed most toward each decision). A bad
line stops the command with one line naming the file and line number (exit 2).

Without ``--targets`` the command reads a corpus: ``--by mention`` gives one
row per mention of a named actor (person, organisation, country or city;
``--norp`` adds nationalities and groups) with its sentence, voice and the
sentiment toward it; ``--by actor`` one row per document and actor;
``--by group`` and ``--by difference`` compare the groups of ``--group-by/--a/--b``
with documents as units: per actor (the ``--top`` actors named by most
documents), the mean sentiment toward it (``net``, mean ``p_positive - p_negative``
over its mentions in a document) and the share of its mentions read as negative.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .group_options import add_group_arguments

NAME = "actors"
HELP = ("sentiment toward a named target (negative/neutral/positive, a model trained on NewsMTSC news sentences) "
        "and the role it is cast in (hero/villain/victim), with evidence; --targets FILE.jsonl lists the targets")
PRINTS_DATA = True
OUTPUT_COLUMNS = ["id", "sentiment", "p_negative", "p_neutral", "p_positive", "role", "p_hero", "p_villain",
                  "p_victim", "evidence"]
ROLE_COLUMNS = ["role", "p_hero", "p_villain", "p_victim", "role_evidence"]
VIEWS = ("mention", "actor", "group", "difference")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--targets", type=Path, metavar="FILE",
                        help="a JSONL file, one object per line with id, text, start, end (0-based character "
                             "offsets into text, end exclusive); one output row per line")
    parser.add_argument("--by", choices=VIEWS, default="mention",
                        help="without --targets: one row per mention of an actor (default), per document and "
                             "actor, per side of --group-by/--a/--b (documents as units, bootstrap 95%% CI), "
                             "or the difference A - B (CI, permutation p-value, Cliff's delta)")
    parser.add_argument("--doc", metavar="ID", default=None, help="only this document (mention and actor views)")
    parser.add_argument("--norp", action="store_true", help="count nationalities and groups (NORP) as actors too")
    parser.add_argument("--top", type=int, default=10, metavar="N",
                        help="group views: the N actors named by most documents (default: 10)")
    add_group_arguments(parser, periods=False)


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
    from ...errors import InputError

    if args.targets is not None:
        given = [f for f, v in (("--doc", args.doc), ("--norp", args.norp), ("--group-by", args.group_by),
                                ("--a", args.a), ("--b", args.b)) if v]
        if given:
            raise InputError(None, f"--targets does not combine with {', '.join(given)}")
        return targets_table(args.targets)
    if args.top < 1:
        raise InputError("--top", "must be at least 1")
    from ...actors.mentions import actor_documents, actor_measures, actor_mentions
    from ...config import actor_types
    from ...corpus.model import load_corpus

    corpus = load_corpus(args.seeds)
    types = actor_types(norp=True) if args.norp else actor_types()
    if args.by in ("group", "difference"):
        from .group_options import comparison, group_table, refuse_doc

        refuse_doc(args)
        cmp = comparison(args, corpus)
        per_doc = actor_documents(actor_mentions([*cmp.docs_a, *cmp.docs_b], types))
        table = group_table(actor_measures(per_doc, args.top), cmp, args.by)
        if args.by == "difference":
            from ...findings.model import with_verdicts

            table = with_verdicts(table)
        return table
    docs = [corpus[args.doc]] if args.doc else list(corpus)
    found = actor_mentions(docs, types)
    return found if args.by == "mention" else actor_documents(found)
