"""``python -m analysis frames``: frame scores with the cues behind them."""
from __future__ import annotations

import argparse
from pathlib import Path

from ...errors import InputError, UnknownName
from .group_options import GROUP_VIEWS, add_group_arguments

NAME = "frames"
HELP = ("dictionary frame scores per sentence or document, with the cue words that produced them "
        "(schemes: generic, policy, metaphor, stance, devices = metaphor + stance + attribution)")
PRINTS_DATA = True
SCHEMES = ("generic", "policy", "metaphor", "stance", "devices")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scheme", choices=SCHEMES, default="generic",
                        help="frame scheme (default: generic = Semetko & Valkenburg 2000)")
    parser.add_argument("--by", choices=("sentence", "document", "cue", "salience") + GROUP_VIEWS,
                        default="sentence",
                        help="one row per sentence and frame (score = cue hits), per document and frame "
                             "(score = hits per 1,000 words), or per cue occurrence (default: sentence); "
                             "group: per side and frame, documents as units (n_docs, mean, median, bootstrap "
                             "95%% CI); difference: A - B per frame with CI, permutation p-value and Cliff's "
                             "delta; period: per side, frame and --period; salience: hits per salience position "
                             "(title, heading, lead, body) per 1,000 words of that position")
    parser.add_argument("--doc", metavar="ID", help="only this document")
    parser.add_argument("--frame", metavar="FRAME", help="only this frame id")
    parser.add_argument("--text", action="store_true", help="add the sentence text (sentence view)")
    parser.add_argument("--list", action="store_true",
                        help="list the scheme's frames with definition, source and number of cues")
    parser.add_argument("--model", type=Path, metavar="MODEL",
                        help="with --by document: a model from `frame-model train`; gives probability, present, "
                             "the rule behind present and the evidence (top-weighted terms, cues and, for the economic "
                             "frame, amounts of money and percentages) per document and frame")
    parser.add_argument("--measure", choices=("score", "presence", "all"), default="score",
                        help="for the group views: score (hits per 1,000 words) or presence (share of documents "
                             "with the frame) (default: score)")
    parser.add_argument("--salience", action="store_true",
                        help="sentence and cue views: add the title and headings as units of their own and a "
                             "salience column (title, heading, lead, body); body rows are unchanged")
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
    from ...framing.salience import salience_cues, salience_scores, salience_voices
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
            raise InputError(None, "--voice applies to the sentence, document and cue views, not --by " + args.by)
        return _group_view(args, corpus)
    docs = [corpus[args.doc]] if args.doc else list(corpus)
    if args.by == "salience":
        return pd.concat([salience_scores(docs, s).assign(scheme=s) for s in names], ignore_index=True)[
            ["doc", "scheme", "salience", "frame", "hits", "words", "per_1k_salience_words", "units", "cues"]]
    tables = []
    for scheme in names:
        if args.salience and args.by in ("cue", "sentence"):
            matches = restrict(salience_voices(salience_cues(docs, scheme), docs), args.voice)
        else:
            matches = restrict(cue_voices(find_cues(docs, scheme), docs), args.voice)
        if args.by == "cue":
            table = matches
        elif args.by == "sentence" and args.salience:
            table = pd.concat([sentence_scores(m).assign(salience=p) for p, m in matches.groupby("salience")],
                              ignore_index=True).assign(scheme=scheme)
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
    if "salience" in table.columns and table["salience"].isna().any():  # attribution rows: body sentences
        from ...framing.salience import body_position

        where = {(d.id, s.index): body_position(d, s) for d in docs for s in d.sentences}
        table["salience"] = [p if isinstance(p, str) else where[(d, i)]
                             for p, d, i in zip(table["salience"], table["doc"], table["sentence"])]
    if args.frame:
        if args.frame not in set(table["frame"]) and not _known_frame(args.frame, names):
            raise UnknownName(f"no frame {args.frame!r} in scheme {args.scheme!r}; try --list")
        table = table[table["frame"] == args.frame]
    return _arrange(table, args, corpus)


def _known_frame(frame: str, names: list[str]) -> bool:
    from ...framing.frames import frame_table

    known = {f for s in names for f in frame_table(s)["frame"]}
    return frame in known | {"neutral", "emphatic", "endorsing", "contentious"}


def _arrange(table, args, corpus):
    """Column order and sort order for printing."""
    order = {d: i for i, d in enumerate(corpus.ids)}
    key = ["_d", "sentence"] if "sentence" in table.columns else ["_d"]
    table = table.assign(_d=table["doc"].map(order))
    if "salience" in table.columns:  # --salience: title, headings, lead, body
        ranks = {p: i for i, p in enumerate(("title", "heading", "lead", "body"))}
        table = table.assign(_p=table["salience"].map(ranks)).sort_values(["_d", "_p", "sentence"], kind="stable")
        table = table.drop(columns="_p")
    else:
        table = table.sort_values(key, kind="stable")
    table = table.drop(columns="_d")
    if args.by == "sentence":
        columns = ["doc", "sentence", "scheme", "frame", "score", "cues", "negated"]
        if "salience" in table.columns:
            columns.insert(1, "salience")
        table = table[columns]
        if args.text and "salience" in table.columns:
            from ...framing.salience import salience_sentences

            texts = {(r.doc, r.salience, r.sentence): r.text for r in salience_sentences(corpus).itertuples()}
            table = table.assign(text=[texts[key] for key in zip(table["doc"], table["salience"], table["sentence"])])
        elif args.text:
            texts = {(d.id, s.index): s.text for d in corpus for s in d.sentences}
            table = table.assign(text=[texts[(d, i)] for d, i in zip(table["doc"], table["sentence"])])
    elif args.by == "document":
        table = table[["doc", "scheme", "frame", "score", "present", "hits", "sentences", "share", "words", "cues"]]
    return table.reset_index(drop=True)


def _model_view(args):
    """``--model``: the supervised model's decision per document and frame."""
    from ...corpus.model import load_corpus
    from ...framing.classifier import load_frame_model

    if args.by != "document":
        raise InputError(None, "--model works on whole documents: use it with --by document")
    model = load_frame_model(args.model)
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
            raise UnknownName(f"no frame {args.frame!r} in scheme {args.scheme!r}; try --list")
        table = table[table["frame"] == args.frame]
    return group_table(table.reset_index(drop=True), cmp, args.by, args.period)
