"""``python -m analysis frames``: frame scores with the cues behind them."""
from __future__ import annotations

import argparse
from pathlib import Path

from .group_options import GROUP_VIEWS, add_group_arguments

NAME = "frames"
HELP = ("dictionary frame scores per sentence or document, with the cue words that produced them "
        "(schemes: generic, policy, metaphor, stance, devices = metaphor + stance + attribution)")
PRINTS_DATA = True
SCHEMES = ("generic", "policy", "metaphor", "stance", "devices")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scheme", choices=SCHEMES, default="generic",
                        help="frame scheme (default: generic = Semetko & Valkenburg 2000)")
    parser.add_argument("--by", choices=("sentence", "document", "cue") + GROUP_VIEWS, default="sentence",
                        help="one row per sentence and frame (score = cue hits), per document and frame "
                             "(score = hits per 1,000 words), or per cue occurrence (default: sentence); "
                             "group: per side and frame, documents as units (n_docs, mean, median, bootstrap "
                             "95%% CI); difference: A - B per frame with CI, permutation p-value and Cliff's "
                             "delta; period: per side, frame and --period")
    parser.add_argument("--doc", metavar="ID", help="only this document")
    parser.add_argument("--frame", metavar="FRAME", help="only this frame id")
    parser.add_argument("--text", action="store_true", help="add the sentence text (sentence view)")
    parser.add_argument("--list", action="store_true",
                        help="list the scheme's frames with definition, source and number of cues")
    parser.add_argument("--model", type=Path, metavar="MODEL",
                        help="with --by document: a model from `frame-model train`; gives probability, present "
                             "and the evidence (top-weighted terms and cues) per document and frame")
    parser.add_argument("--measure", choices=("score", "presence", "all"), default="score",
                        help="for the group views: score (hits per 1,000 words) or presence (share of documents "
                             "with the frame) (default: score)")
    parser.add_argument("--voice", choices=("authorial", "quoted", "attributed"), default=None,
                        help="only cues in this voice: the writer's own words, inside quotation marks, or "
                             "reported speech (sentence, document and cue views; default: every voice)")
    add_group_arguments(parser)


def run(args: argparse.Namespace):
    import pandas as pd

    from ...corpus.model import load_corpus
    from ...framing.calibration import add_presence
    from ...framing.devices import attribution_scores
    from ...framing.frames import document_scores, find_cues, frame_table, sentence_scores
    from ...framing.voice import cue_voices, restrict

    if args.model is not None:
        return _model_view(args)
    names = ["metaphor", "stance"] if args.scheme == "devices" else [args.scheme]
    if args.list:
        return pd.concat([frame_table(s).assign(scheme=s) for s in names], ignore_index=True)[
            ["scheme", "frame", "name", "n_cues", "definition", "source"]]
    corpus = load_corpus(args.seeds)
    if args.by in GROUP_VIEWS:
        if args.voice:
            raise KeyError("--voice applies to the sentence, document and cue views, not --by " + args.by)
        return _group_view(args, corpus)
    docs = [corpus[args.doc]] if args.doc else list(corpus)
    tables = []
    for scheme in names:
        matches = restrict(cue_voices(find_cues(docs, scheme), docs), args.voice)
        if args.by == "cue":
            table = matches
        elif args.by == "sentence":
            table = sentence_scores(matches).assign(scheme=scheme)
        else:
            table = document_scores(docs, scheme, matches).drop(columns="name").assign(scheme=scheme)
            table = add_presence(table, scheme)
        tables.append(table)
    if args.scheme == "devices" and args.by != "cue" and not args.voice:
        attribution = attribution_scores(docs, args.by).assign(scheme="attribution")
        if args.by == "document":  # no calibrated threshold: any attributed statement
            attribution = attribution.assign(present=attribution["hits"] > 0)
        tables.append(attribution)
    table = pd.concat(tables, ignore_index=True)
    if args.frame:
        if args.frame not in set(table["frame"]) and not _known_frame(args.frame, names):
            raise KeyError(f"no frame {args.frame!r} in scheme {args.scheme!r}; try --list")
        table = table[table["frame"] == args.frame]
    return _arrange(table, args, corpus)


def _known_frame(frame: str, names: list[str]) -> bool:
    from ...framing.frames import frame_table

    known = {f for s in names for f in frame_table(s)["frame"]}
    return frame in known | {"neutral", "emphatic", "endorsing", "contentious"}


def _arrange(table, args, corpus):
    """Column order and sort order for printing."""
    order = {d: i for i, d in enumerate(corpus.ids)}
    key = ["_d", "index"] if "index" in table.columns else ["_d"]
    table = table.assign(_d=table["doc"].map(order)).sort_values(key, kind="stable").drop(columns="_d")
    if args.by == "sentence":
        columns = ["doc", "index", "scheme", "frame", "score", "cues", "negated"]
        table = table[columns]
        if args.text:
            texts = {(d.id, s.index): s.text for d in corpus for s in d.sentences}
            table = table.assign(text=[texts[(d, i)] for d, i in zip(table["doc"], table["index"])])
    elif args.by == "document":
        table = table[["doc", "scheme", "frame", "score", "present", "hits", "sentences", "share", "words", "cues"]]
    return table.reset_index(drop=True)


def _model_view(args):
    """``--model``: the supervised model's decision per document and frame."""
    from ...corpus.model import load_corpus
    from ...framing.model import load_model

    if args.by != "document":
        raise KeyError("--model works on whole documents: use it with --by document")
    model = load_model(args.model)
    corpus = load_corpus(args.seeds)
    table = model.predict([corpus[args.doc]] if args.doc else list(corpus))
    if args.frame:
        table = table[table["frame"] == args.frame]
    return table.reset_index(drop=True)


def _group_view(args, corpus):
    """``--by group|difference|period``: per-document frame measures compared between groups."""
    from ...groups.measures import measures
    from .group_options import comparison, group_table, refuse_doc

    refuse_doc(args)
    cmp = comparison(args, corpus)
    table = measures(cmp.docs, "frames", args.scheme)
    if args.measure != "all":
        table = table[table["measure"] == args.measure]
    if args.frame:
        if not _known_frame(args.frame, ["metaphor", "stance"] if args.scheme == "devices" else [args.scheme]):
            raise KeyError(f"no frame {args.frame!r} in scheme {args.scheme!r}; try --list")
        table = table[table["frame"] == args.frame]
    return group_table(table.reset_index(drop=True), cmp, args.by, args.period)
