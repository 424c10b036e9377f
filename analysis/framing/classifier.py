"""A supervised frame model trained on your own codings, saved as plain JSON.

Choice (and why)
    one L2-regularised logistic regression per frame (scikit-learn,
    ``class_weight="balanced"``) on TF-IDF word 1–2-grams of the document body
    plus the dictionary's own evidence for every frame of the scheme
    (``log(1 + hits)`` and ``log(1 + sentences with a cue)``). With a few
    hundred coded articles, a linear model is what the data can support
    (Kroon, van der Meer & Vliegenthart 2022 find it competitive with larger
    models at this size); it stays inspectable, since every decision is a sum
    of term weights, and the cue features let the validated dictionary carry
    what n-grams alone learn slowly. ``C`` is large-ish (10) because TF-IDF
    rows are unit-normalised and each article contributes little per term.

Cue weight
    how much the cue block counts against the n-grams: it is scaled by a
    weight chosen per frame from ``cue_weights`` by the highest out-of-fold
    AUC of an inner cross-validation within the training documents (the same
    inner folds that pick the threshold, so no held-out document chooses it).
    The default offers one candidate, 0.1: on the calibration corpus, choosing
    per frame among 0.05, 0.1, 0.3 and 1 ranked worse out of sample (mean AUC
    0.787 against 0.794 on the same folds) than 0.1 for every frame, and cost
    four times the training time. The weight is folded into the saved
    coefficients, so a model applies to raw cue features and the file records
    the choice in ``settings["frame_cue_weights"]``.

Distinct cues
    each frame also sees how many *different* cues of its own lexicon the
    article uses (:func:`distinct_cues`), scaled by ``distinct_weight``: an
    article that frames a story as conflict tends to draw on many conflict
    words, while one repeated word ("war" in a headline) is weaker evidence
    than its count suggests. The other frames' coefficients for it are zero.
    On the calibration corpus (seed-0 folds) this raised the mean AUC from
    0.802 to 0.812 (human interest 0.771 to 0.804, conflict 0.778 to 0.789).

Amounts
    the frames named in ``amount_frames`` (by default economic consequences)
    also see how many amounts of money and percentages the article mentions
    (:mod:`~analysis.framing.amounts`), scaled by ``amount_weight``; the other
    frames' coefficients for them are zero. On the calibration corpus this
    raised the economic frame's cross-validated AUC from 0.885 to 0.926, while
    giving the amounts to every frame lowered the others'.

Decision
    ``present`` when the probability reaches the frame's threshold, chosen
    (smallest F1-maximising cut) on out-of-fold probabilities of an inner
    cross-validation within the training documents. For a frame where the
    dictionary's own rule (at least ``k`` cue hits, ``k`` chosen the same way)
    reaches a higher F1 in that inner cross-validation, the model decides by
    that rule instead (``min_hits``; the output's ``rule`` column says which):
    with a few dozen coded articles of a frame, the F1-maximising cut on
    n-gram probabilities is noisy, while a one-parameter count rule is not
    (on the calibration corpus human interest had F1 0.35 by probability and
    0.55 by hits). ``probability`` stays the model's, for ranking.

File
    :meth:`FrameModel.save` writes JSON (vocabulary, IDF weights, coefficients,
    thresholds, settings); :func:`load_frame_model` only parses JSON and builds
    arrays, so loading a model can never execute code (no pickle).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import KFold

from ..errors import InputError
from .amounts import AMOUNTS, amount_features
from .calibration import best_cut, choose_threshold, cross_validated_presence, f1_of, hits_table
from .candidates import lexicon_matches
from .cues import Lexicon, as_documents, find_cues, load_lexicon, parse_cue
from .frames import document_scores

__all__ = ["FrameModel", "fit_model", "cross_validate", "load_frame_model", "document_text", "cue_features", "distinct_cues",
           "extra_features", "FORMAT"]

FORMAT = "rdf-frame-model/1"
SETTINGS = {"ngram_range": [1, 2], "min_df": 2, "max_features": 20000, "stop_words": None, "C": 10.0,
            "cue_weights": [0.1], "length": True, "distinct_weight": 0.3,
            "amount_frames": ["economic_consequences"], "amount_weight": 0.3,
            "inner_folds": 3, "seed": 0, "dictionary_rule": True}


def document_text(doc) -> str:
    """The cleaned body of a document: its sentences joined by spaces."""
    return " ".join(s.text for s in doc.sentences)


def cue_features(docs, scheme: str, frames: list[str], length: bool = True,
                 matches: pd.DataFrame | None = None) -> tuple[np.ndarray, pd.DataFrame]:
    """Documents × (2 × frames [+ 1]) array of ``log1p(hits)``, ``log1p(sentences)``
    per frame [and ``log1p(words) / 5``, the article's length: coders of longer
    articles find more frames], and the ``document_scores`` table it came from
    (``matches``: the :func:`~analysis.framing.cues.find_cues` table, found when not given)."""
    scores = document_scores(docs, scheme, find_cues(docs, scheme) if matches is None else matches)
    by = scores.set_index(["doc", "frame"])
    cols = [np.log1p(by[col].reindex([(d.id, f) for d in docs]).fillna(0).to_numpy(float))
            for f in frames for col in ("hits", "sentences")]
    if length:
        cols.append(np.log1p([len(d.words) for d in docs]) / 5)
    return np.column_stack(cols), scores


def _vectorizer(settings: dict, vocabulary: list[str] | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(ngram_range=tuple(settings["ngram_range"]), min_df=settings["min_df"],
                           max_features=settings["max_features"], sublinear_tf=True, stop_words=settings["stop_words"],
                           vocabulary=vocabulary)


def distinct_cues(matches: pd.DataFrame, docs, frames: list[str]) -> np.ndarray:
    """Documents × frames array of ``log1p`` of how many different lexicon
    cues of the frame a document uses (negated occurrences left out), from a
    :func:`~analysis.framing.cues.find_cues` table."""
    kept = matches[~matches["negated"].astype(bool)]
    n = kept.groupby(["doc", "frame"])["cue"].nunique().to_dict()
    return np.log1p(np.array([[n.get((d.id, f), 0) for f in frames] for d in docs], float).reshape(-1, len(frames)))


def extra_features(docs, scheme: str, frames: list[str], settings: dict,
                   lexicon: Lexicon | None = None) -> tuple[np.ndarray, pd.DataFrame]:
    """The non-n-gram block and the ``document_scores`` table: :func:`cue_features`,
    then :func:`distinct_cues` when the settings give a ``distinct_weight``, then
    the amounts (:func:`~analysis.framing.amounts.amount_features`) when one of
    ``frames`` is among the settings' ``amount_frames``; cues from ``lexicon``
    (a fold's in nested validation), else from the shipped one."""
    docs = as_documents(docs)
    matches = find_cues(docs, scheme) if lexicon is None else lexicon_matches(docs, lexicon)
    cues, scores = cue_features(docs, scheme, frames, settings.get("length", False), matches)
    blocks = [cues]
    if settings.get("distinct_weight"):
        blocks.append(distinct_cues(matches, docs, frames))
    if _uses_amounts(settings, frames):
        blocks.append(amount_features(document_text(d) for d in docs))
    return np.hstack(blocks), scores


def _uses_amounts(settings: dict, frames: list[str]) -> bool:
    return bool(set(settings.get("amount_frames") or []) & set(frames))


def _extra_names(settings: dict, frames: list[str]) -> list[str]:
    """Names of the columns :func:`extra_features` returns, in order: the one
    description of that layout, which :func:`_scales` reads."""
    names = [f"cue:{f}:{c}" for f in frames for c in ("hits", "sentences")]
    names += ["length:log words"] if settings.get("length") else []
    names += [f"cue:{f}:distinct" for f in frames] if settings.get("distinct_weight") else []
    return names + ([f"amount:{a}" for a in AMOUNTS] if _uses_amounts(settings, frames) else [])


def _scales(settings: dict, frames: list[str], weights: list[float]) -> np.ndarray:
    """Frames × extra-columns scale: the frame's cue weight on the cue counts
    and length; ``distinct_weight`` on the frame's own distinct-cue column and
    0 on the other frames'; ``amount_weight`` on the amounts for
    ``amount_frames`` and 0 for the other frames."""
    def scale(frame: str, weight: float, name: str) -> float:
        if name.endswith(":distinct"):
            return float(settings["distinct_weight"]) if name == f"cue:{frame}:distinct" else 0.0
        if name.startswith("amount:"):
            return float(settings["amount_weight"]) if frame in settings["amount_frames"] else 0.0
        return float(weight)

    names = _extra_names(settings, frames)
    return np.array([[scale(f, w, name) for name in names] for f, w in zip(frames, weights)]).reshape(len(frames), -1)


def _threshold(y: np.ndarray, prob: np.ndarray) -> float:
    """Smallest probability cut with the highest F1 (0.5 when there are no probabilities)."""
    return float(best_cut(prob, y, np.unique(prob))) if len(prob) else 0.5


@dataclass
class FrameModel:
    """Per-frame logistic regressions over one shared feature space."""

    scheme: str
    frames: list[str]
    vocabulary: list[str]
    idf: np.ndarray
    coef: np.ndarray          # frames × features (n-grams, then cue features)
    intercept: np.ndarray     # frames
    thresholds: np.ndarray    # frames
    settings: dict = field(default_factory=lambda: dict(SETTINGS))
    trained_on: dict = field(default_factory=dict)
    min_hits: np.ndarray | None = None  # frames: 0 = decide by probability, k > 0 = by the dictionary's hits >= k
    cues: list[tuple[str, str]] | None = None  # (frame, cue) of the lexicon it was fitted with; None: the shipped one

    def __post_init__(self) -> None:
        if self.min_hits is None:  # a model without dictionary rules (or a file from before them)
            self.min_hits = np.zeros(len(self.frames), int)

    @property
    def lexicon(self) -> Lexicon | None:
        """The lexicon the cue features come from (None: the shipped lexicon of the scheme)."""
        cues = None if self.cues is None else [parse_cue(self.scheme, f, c) for f, c in self.cues]
        return None if cues is None else Lexicon(self.scheme, load_lexicon(self.scheme).frames, cues)

    def _matches(self, docs: list) -> pd.DataFrame:
        lexicon = self.lexicon
        return find_cues(docs, self.scheme) if lexicon is None else lexicon_matches(docs, lexicon)

    def rules(self) -> list[str]:
        """Per frame, the rule behind ``present``: ``model`` or ``dictionary >= k hits``."""
        return ["model" if k == 0 else f"dictionary >= {int(k)} hits" for k in self.min_hits]

    def presence(self, docs, prob: pd.DataFrame | None = None, hits: np.ndarray | None = None) -> pd.DataFrame:
        """Documents × frames booleans by each frame's rule (see :meth:`rules`);
        ``prob`` and ``hits`` (documents × frames) are computed when not given."""
        docs = as_documents(docs)
        prob = self.probabilities(docs) if prob is None else prob
        if hits is None:
            hits = _hits(document_scores(docs, self.scheme, self._matches(docs)), list(prob.index), self.frames)
        return pd.DataFrame(np.where(self.min_hits > 0, hits >= self.min_hits, prob.to_numpy() >= self.thresholds),
                            index=prob.index, columns=self.frames)

    @property
    def feature_names(self) -> list[str]:
        return self.vocabulary + _extra_names(self.settings, self.frames)

    def features(self, docs) -> sp.csr_matrix:
        return self._design(as_documents(docs))[0]

    def _design(self, docs: list) -> tuple[sp.csr_matrix, np.ndarray, pd.DataFrame]:
        """The feature matrix, its raw extra block and the ``document_scores`` table it came from."""
        vec = _vectorizer(self.settings, self.vocabulary)
        vec.idf_ = self.idf
        words = vec.transform([document_text(d) for d in docs])
        extra, scores = extra_features(docs, self.scheme, self.frames, self.settings, self.lexicon)
        return sp.hstack([words, self.settings["cue_weight"] * sp.csr_matrix(extra)]).tocsr(), extra, scores

    def probabilities(self, docs, features: sp.csr_matrix | None = None) -> pd.DataFrame:
        """Documents × frames table of probabilities."""
        docs = as_documents(docs)
        x = self.features(docs) if features is None else features
        logits = np.asarray(x @ self.coef.T) + self.intercept
        return pd.DataFrame(1 / (1 + np.exp(-logits)), index=[d.id for d in docs], columns=self.frames)

    def predict(self, docs, top: int = 5) -> pd.DataFrame:
        """One row per document and frame: probability, present, rule, evidence.

        ``rule`` says what decided ``present`` for that frame (see :meth:`rules`).

        ``evidence`` names the ``top`` n-grams that pushed that document's
        probability up most (weight × TF-IDF value) and, after ``cues:``, the
        frame's dictionary cues found in the document (most frequent first)
        and, for the frames that see them, after ``amounts:``, the amounts of
        money and percentages it mentions."""
        docs = as_documents(docs)
        x, extra, scores = self._design(docs)
        prob = self.probabilities(docs, x)
        found = scores.set_index(["doc", "frame"])["cues"]
        present = self.presence(docs, prob, _hits(scores, list(prob.index), self.frames))
        rules = self.rules()
        amount_frames = set(self.settings.get("amount_frames") or []) & set(self.frames)
        # the amounts block holds log(1 + count): read the counts back rather than match the texts again
        counts = np.rint(np.expm1(extra[:, -len(AMOUNTS):])).astype(int) if amount_frames else None
        n_words = len(self.vocabulary)
        rows = []
        for i, doc in enumerate(docs):
            row = x.getrow(i)
            words = row.indices < n_words
            amounts = "; ".join(f"{n} {k}" for k, n in zip(AMOUNTS, counts[i]) if n) if amount_frames else ""
            for j, frame in enumerate(self.frames):
                push = row.data[words] * self.coef[j, row.indices[words]]
                order = np.argsort(-push, kind="stable")[:top]
                terms = [self.vocabulary[row.indices[words][k]] for k in order if push[k] > 0]
                cues = found.get((doc.id, frame), "")
                evidence = "; ".join(terms) + (f" | cues: {cues}" if cues else "")
                if frame in amount_frames and amounts:
                    evidence += f" | amounts: {amounts}"
                p = float(prob.iloc[i, j])
                rows.append((doc.id, frame, round(p, 4), bool(present.iloc[i, j]), rules[j], evidence))
        return pd.DataFrame(rows, columns=["doc", "frame", "probability", "present", "rule", "evidence"])

    def save(self, path: Path | str) -> Path:
        path = Path(path)
        data = {"format": FORMAT, "scheme": self.scheme, "frames": self.frames, "settings": self.settings,
                "trained_on": self.trained_on, "vocabulary": self.vocabulary, "idf": self.idf.tolist(),
                "coef": self.coef.tolist(), "intercept": self.intercept.tolist(),
                "thresholds": self.thresholds.tolist(),
                "min_hits": [int(k) for k in self.min_hits]}
        data.update({} if self.cues is None else {"cues": [[f, c] for f, c in self.cues]})
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return path


def load_frame_model(path: Path | str) -> FrameModel:
    """Read a model written by :meth:`FrameModel.save` (JSON only: no code runs)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "model file not found") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(path, "not a frame model (expected JSON written by frame-model train)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(path, f"not a frame model (format is not {FORMAT})")
    try:
        coef = np.asarray(data["coef"], float)
        model = FrameModel(str(data["scheme"]), [str(f) for f in data["frames"]],
                           [str(v) for v in data["vocabulary"]], np.asarray(data["idf"], float), coef,
                           np.asarray(data["intercept"], float), np.asarray(data["thresholds"], float),
                           dict(data["settings"]), dict(data.get("trained_on", {})))
        if data.get("stack_coef") is not None:
            raise InputError(path, "frame model uses a second stage, which this version no longer reads: retrain it")
        if data.get("min_hits") is not None:
            model.min_hits = np.asarray(data["min_hits"], int).reshape(len(model.frames))
        if data.get("cues") is not None:
            model.cues = [(str(f), str(c)) for f, c in data["cues"]]
    except (KeyError, TypeError, ValueError):
        raise InputError(path, "frame model file is incomplete or malformed") from None
    n_features = len(model.feature_names)
    if coef.shape != (len(model.frames), n_features) or len(model.idf) != len(model.vocabulary):
        raise InputError(path, "frame model arrays do not match its vocabulary and frames")
    return model


def _fit_frame(x_words: sp.csr_matrix, extra: np.ndarray, y: np.ndarray, scale: np.ndarray, C: float):
    """Coefficients (extra part on the raw scale) and intercept of one frame's
    regression on ``[words, scale × extra]`` (``scale`` per extra column);
    scaling the extra block back into the coefficients gives the same logits
    on ``[words, extra]``, and a column scaled by 0 gets coefficient 0."""
    x = sp.hstack([x_words, sp.csr_matrix(extra * scale)]).tocsr()
    fit = LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(x, y)
    coef = fit.coef_[0].copy()
    coef[x_words.shape[1]:] *= scale
    return coef, float(fit.intercept_[0])


def _check_labels(labels: pd.DataFrame) -> None:
    for frame in labels.columns:
        y = labels[frame].to_numpy(bool)
        if y.all() or not y.any():
            raise InputError("codings", f"frame {frame!r} is coded {'present' if y.any() else 'absent'} in "
                             "every training document: nothing to learn")


def _fit_arrays(texts: list[str], extra: np.ndarray, labels: pd.DataFrame, settings: dict, scales: np.ndarray):
    """Vectorizer and, per frame, coefficients and intercept (frame ``j``'s
    extra columns scaled by ``scales[j]``)."""
    vec = _vectorizer(settings)
    words = vec.fit_transform(texts)
    fits = [_fit_frame(words, extra, labels[f].to_numpy(bool), scales[j], settings["C"])
            for j, f in enumerate(labels.columns)]
    return vec, fits


def _out_of_fold(texts, extra, labels, settings, folds: int, seed: int) -> dict[float, pd.DataFrame]:
    """Out-of-fold probabilities for every candidate cue weight; folds by
    document (seeded, shared by all frames and weights, so the vectorizer is
    fitted once per fold)."""
    candidates = [float(w) for w in settings["cue_weights"]]
    frames = [str(f) for f in labels.columns]
    scales = {w: _scales(settings, frames, [w] * len(frames)) for w in candidates}
    prob = {w: pd.DataFrame(0.0, index=labels.index, columns=labels.columns) for w in candidates}
    for train, test in KFold(n_splits=folds, shuffle=True, random_state=seed).split(np.zeros(len(texts))):
        vec = _vectorizer(settings)
        words = vec.fit_transform([texts[i] for i in train])
        xt = sp.hstack([vec.transform([texts[i] for i in test]), sp.csr_matrix(extra[test])]).tocsr()
        for j, frame in enumerate(labels.columns):
            y = labels[frame].to_numpy(bool)[train]
            for w in candidates:
                if y.all() or not y.any():  # a tiny fold: fall back to the fold's base rate
                    prob[w].iloc[test, j] = float(y.mean())
                    continue
                coef, intercept = _fit_frame(words, extra[train], y, scales[w][j], settings["C"])
                prob[w].iloc[test, j] = 1 / (1 + np.exp(-(np.asarray(xt @ coef).ravel() + intercept)))
    return prob


def _auc(y: np.ndarray, p: np.ndarray) -> float:
    return float(roc_auc_score(y, p)) if 0 < y.sum() < len(y) else 0.5


def _hits(scores: pd.DataFrame, ids: list[str], frames: list[str]) -> np.ndarray:
    """Documents × frames array of the dictionary's non-negated cue hits, from a ``document_scores`` table."""
    return hits_table(scores).reindex(index=ids, columns=frames).fillna(0).to_numpy(float)


def _dictionary_rules(hits: np.ndarray, labels: pd.DataFrame, inner: pd.DataFrame, thresholds: np.ndarray,
                      settings: dict) -> np.ndarray:
    """Per frame, ``min_hits`` when the dictionary's rule (``hits >= k``, ``k``
    chosen by :func:`~analysis.framing.calibration.choose_threshold`) has the
    higher F1 in the same inner cross-validation as the model, else 0."""
    folds, seed = settings["inner_folds"], settings["seed"] + 1
    out = np.zeros(len(labels.columns), int)
    if not settings["dictionary_rule"]:
        return out
    for j, frame in enumerate(labels.columns):
        y = labels[frame].to_numpy(bool)
        if min(y.sum(), (~y).sum()) < folds:  # too few of one class for the inner folds
            continue
        dictionary = f1_of(y, cross_validated_presence(hits[:, j], y, folds, seed))
        if dictionary > f1_of(y, inner[frame].to_numpy() >= thresholds[j]):
            out[j] = choose_threshold(hits[:, j], y)
    return out


def fit_model(docs: Iterable, labels: pd.DataFrame, scheme: str = "generic",
              settings: dict | None = None, lexicon: Lexicon | None = None) -> FrameModel:
    """Train on ``docs`` (those in ``labels``' index, in that order) against
    the boolean documents × frames table ``labels`` (no missing values); cues
    from ``lexicon`` when given (recorded in the model), else the shipped ones."""
    settings = {**SETTINGS, **(settings or {})}
    by_id = {d.id: d for d in as_documents(docs)}
    docs = [by_id[d] for d in labels.index]
    frames = [str(f) for f in labels.columns]
    _check_labels(labels)
    extra, scores = extra_features(docs, scheme, frames, settings, lexicon)
    texts = [document_text(d) for d in docs]
    by_weight = _out_of_fold(texts, extra, labels, settings, settings["inner_folds"], settings["seed"] + 1)
    # per frame, the candidate cue weight whose inner out-of-fold AUC is highest (first on ties)
    weights = [max(by_weight, key=lambda w: _auc(labels[f].to_numpy(bool), by_weight[w][f].to_numpy()))
               for f in frames]
    inner = pd.DataFrame({f: by_weight[w][f] for f, w in zip(frames, weights)})
    thresholds = np.array([_threshold(labels[f].to_numpy(bool), inner[f].to_numpy()) for f in frames])
    min_hits = _dictionary_rules(_hits(scores, list(labels.index), frames), labels, inner, thresholds, settings)
    vec, fits = _fit_arrays(texts, extra, labels, settings, _scales(settings, frames, weights))
    vocabulary = [t for t, _ in sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])]
    # the cue and amount weights are folded into the coefficients, so features() leaves that block unscaled
    chosen = {**settings, "cue_weight": 1.0, "frame_cue_weights": dict(zip(frames, weights))}
    return FrameModel(scheme, frames, vocabulary, vec.idf_.astype(float),
                      np.vstack([c for c, _ in fits]), np.array([b for _, b in fits]),
                      thresholds, chosen, {"documents": len(docs)}, min_hits,
                      None if lexicon is None else [(c.frame, c.text) for c in lexicon.cues])


def cross_validate(docs: Iterable, labels: pd.DataFrame, scheme: str = "generic", folds: int = 5,
                   seed: int = 0, settings: dict | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Out-of-fold probabilities and decisions (documents × frames): each outer
    fold is predicted by a model (thresholds included) fitted on the others."""
    by_id = {d.id: d for d in as_documents(docs)}
    docs = [by_id[d] for d in labels.index]
    prob = pd.DataFrame(0.0, index=labels.index, columns=labels.columns)
    present = pd.DataFrame(False, index=labels.index, columns=labels.columns)
    hits = _hits(document_scores(docs, scheme), list(labels.index), [str(f) for f in labels.columns])
    for train, test in KFold(n_splits=folds, shuffle=True, random_state=seed).split(np.zeros(len(docs))):
        model = fit_model([docs[i] for i in train], labels.iloc[train], scheme, settings)
        p = model.probabilities([docs[i] for i in test])
        prob.iloc[test] = p.to_numpy()
        present.iloc[test] = model.presence([docs[i] for i in test], p, hits[test]).to_numpy()
    return prob, present
