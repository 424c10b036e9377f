"""Every claim from one registry (issue 23, item 3): the pages of notebooks 01 and 04, rendered by the
views the notebooks call, state each finding with one value and one verdict.

Each statement carries its finding's id as an empty link ``[](#finding-ID)``. The test renders the
pages' text for the seeds (one document per side) and for a grouped slice of the Narrative Frames
Corpus, collects the statements by id and fails when two differ in verdict or leave out the
finding's value; on the seeds, the leading generic frame, the kinship rate, the capacity-and-resources
contrast and the stance counts must be stated (with their id) on every page that speaks of them, and
no line may speak of them without one.
"""
from __future__ import annotations

import html
import re
from collections import defaultdict

import pytest

from shared_corpus import dev_slice, needs_dev  # tests/ is on pytest's pythonpath (pyproject.toml)

MARK = re.compile(r"\[\]\(#finding-([^)\s]+)\)\*\*([^*]+)\*\*: ?(.*)")
A, B = "ch49-vostochny", "news-shoigu-2025"
TOPICS = ["arms for technology", "sanctions", "treaty"]


def statements(pages: dict[str, str]) -> dict[str, list[tuple[str, str, str]]]:
    """``{finding id: [(page, verdict, text), ...]}`` from every marked statement of every page (the text
    with its Markdown escapes and HTML entities undone)."""
    found = defaultdict(list)
    for page, text in pages.items():
        for line in text.splitlines():
            for m in MARK.finditer(line):
                found[m.group(1)].append((page, m.group(2), html.unescape(re.sub(r"\\(.)", r"\1", m.group(3)))))
    return found


def _framing_pages(corpus, groups) -> dict[str, str]:
    """The text of notebook 01's sections that state comparative claims, as its cells build it."""
    import pandas as pd

    from analysis.framing import devices, frames, validation
    from analysis.views import framing as views, framing_findings

    names = {d.id: d.label for d in corpus}
    generic = frames.find_cues(corpus, "generic")
    generic_scores = frames.document_scores(corpus, "generic", generic)
    policy = frames.find_cues(corpus, "policy")
    policy_scores = frames.document_scores(corpus, "policy", policy)
    metaphor_scores = frames.document_scores(corpus, "metaphor", frames.find_cues(corpus, "metaphor"))
    stance_scores = frames.document_scores(corpus, "stance", frames.find_cues(corpus, "stance"), top_cues=None)
    negated = pd.concat([frames.find_cues(corpus, s) for s in ("generic", "metaphor", "stance")] + [policy])
    negated = negated[negated.negated][["doc", "sentence", "scheme", "frame", "negator", "match"]]
    evidence = []
    for doc in views.evidence_documents(generic_scores, groups):
        if hasattr(views, "evidence_heading"):
            evidence.append(views.evidence_heading(doc, generic_scores, groups, names)[0])
        else:  # the notebook cell as it was: the top frame by score
            top = frames.top_frames(generic_scores[generic_scores.doc == doc.id], 1).iloc[0]
            evidence.append(f"**{names[doc.id]}** — {top['name']}:")
    key = views.keyness_table(corpus, groups)
    tables = framing_findings.FramingTables(
        generic_scores, metaphor_scores, stance_scores, devices.attributions(corpus), negated.reset_index(drop=True),
        validation.validate(corpus, "generic"), validation.validate(corpus, "policy"),
        views.top_keyness(key, groups, n=10))
    pages = {}
    try:
        from analysis.views import misreadings
    except ImportError:  # before the generated misreading boxes
        pass
    else:
        pages["01 misreadings"] = misreadings.framing_box(corpus, generic_scores, policy, policy_scores)
    return pages | {
        "01 §1 generic frames": views.leading_text(generic_scores, groups, names),
        "01 §2 evidence": "\n".join(evidence),
        "01 §4 policy frames": views.lean_text(policy_scores, groups, names),
        "01 §5.1 metaphor fields": views.field_text(metaphor_scores, groups, names),
        "01 §5.3 stance": views.stance_text(stance_scores, groups, names),
        "01 Findings": framing_findings.findings(tables, groups, names),
    }


def _sentiment_pages(corpus, groups) -> dict[str, str]:
    """Notebook 02's Findings, as its cells build them."""
    from analysis import sentiment
    from analysis.views import sentiment as views

    scores = sentiment.sentence_scores(corpus)
    docs = sentiment.document_scores(scores)
    return {"02 Findings": views.findings(scores, docs, sentiment.misreadings(corpus), corpus, groups)}


def _compare_pages(corpus, groups) -> dict[str, str]:
    """Notebook 04's Findings, as its cells build them (the two-document app or the group dashboard)."""
    from analysis.compare import views
    from analysis.compare.engine import Comparer

    comparer = Comparer(corpus)
    app = views.app_for(corpus, groups, comparer)
    first, second = groups.docs_a[0], groups.docs_b[0]
    if views.is_group(app):
        return {"04 Findings": views.findings(app, groups, comparer, corpus, first, second, None, None, 0, {})}
    al = comparer.alignment(first.id, second.id, "sentence")
    pairs = al.best_pairs(top=8)
    zero = int((al.matrix.max(axis=1) == 0).sum())
    hits = {t: al.topic(t, top=3) for t in TOPICS}
    return {"04 Findings": views.findings(app, groups, comparer, corpus, first, second, pairs,
                                          None if pairs.empty else pairs.iloc[0], zero, hits)}


def _consistent(pages: dict[str, str]) -> dict[str, list[tuple[str, str, str]]]:
    """Every finding id is stated with one verdict and with its value on every page."""
    from analysis.findings import VERDICTS

    found = statements(pages)
    for fid, said in found.items():
        verdicts = {v for _, v, _ in said}
        assert len(verdicts) == 1, f"{fid}: verdicts differ across pages: {said}"
        assert verdicts <= set(VERDICTS), f"{fid}: {verdicts} is not in the verdict vocabulary"
    return found


@pytest.fixture(scope="module")
def seed_pages(corpus):
    from analysis.views import common

    groups = common.comparison(corpus)
    return {**_framing_pages(corpus, groups), **_sentiment_pages(corpus, groups), **_compare_pages(corpus, groups)}


def test_seed_pages_state_each_finding_once(seed_pages, corpus):
    from analysis.findings import registry
    from analysis.views import common

    found = _consistent(seed_pages)
    reg = registry(common.comparison(corpus))
    for fid, said in found.items():
        value = reg.found[fid].value if fid in reg.found else None
        for page, verdict, text in said:
            if value:
                assert value in text, f"{fid} on {page}: {value!r} missing from {text!r}"
    tag = f"{A}.vs.{B}"
    required = {  # the four claims the pages contradicted (issue 23), and every page that speaks of them
        f"frames.leading.generic.{A}": {"01 §1 generic frames", "01 §2 evidence", "01 Findings", "04 Findings",
                                        "01 misreadings"},
        f"frames.leading.generic.{B}": {"01 §1 generic frames", "01 §2 evidence", "01 Findings", "04 Findings"},
        f"{tag}/frames.contrast.policy.a": {"01 §4 policy frames", "01 Findings"},
        f"{tag}/frames.contrast.metaphor.b": {"01 §5.1 metaphor fields", "01 Findings", "04 Findings"},
        f"stance.{A}": {"01 §5.3 stance", "01 Findings"},
        f"stance.{B}": {"01 §5.3 stance", "01 Findings"},
        f"{tag}/sentiment.tone": {"02 Findings", "04 Findings"},
    }
    for fid, pages in required.items():
        assert {p for p, _, _ in found.get(fid, [])} >= pages, f"{fid} is not stated on {pages}"


def test_no_seed_line_states_these_claims_without_a_finding(seed_pages):
    """A line that names the leading / most cued frame or counts stance markers carries a finding id."""
    claims = re.compile(r"strongest generic frames|most cued frame|leading generic frame|leans most towards|"
                        r"certainty markers? against|tie as the leading|mean sentence (sentiment|compound)", re.I)
    for page, text in seed_pages.items():
        for line in text.splitlines():
            if claims.search(line):
                assert MARK.search(line), f"{page} states a finding without its id: {line[:160]!r}"


def test_seed_contradictions_of_issue_23_are_gone(seed_pages):
    text = "\n".join(seed_pages.values())
    assert "1 hedges" not in text and "Most cued frame of the generic scheme" not in text
    assert "'arms for technology' is discussed in both texts" not in text


@needs_dev
def test_grouped_slice_pages_state_each_finding_once(tmp_path):
    from analysis import load_corpus
    from analysis.corpus.importing import Columns, import_table
    from analysis.groups import compare

    import_table(dev_slice(tmp_path, 16), tmp_path / "dev", Columns("ID", "text", "title", "date"))
    corpus = load_corpus(tmp_path / "dev")
    groups = compare(corpus, "mbfc", "left_bias,left_center_bias", "right_bias")
    pages = {**_framing_pages(corpus, groups), **_sentiment_pages(corpus, groups), **_compare_pages(corpus, groups)}
    found = _consistent(pages)
    tag = "mbfc=left_bias+left_center_bias.vs.right_bias"
    for side in ("a", "b"):
        fid = f"{tag}/frames.contrast.generic.{side}"
        assert {p for p, _, _ in found.get(fid, [])} >= {"01 Findings", "04 Findings"}, fid
        assert {p for p, _, _ in found.get(f"{tag}/frames.contrast.policy.{side}", [])} >= {"01 §4 policy frames"}
