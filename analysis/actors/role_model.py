"""The role model: a multinomial logistic regression over the role features, read from JSON.

:class:`RoleModel` holds the arrays :func:`load_role_model` reads from
``data/roles-model.json`` (written by ``python -m benchmarks.train_roles``; only
JSON is parsed, no code runs); :func:`role_row` casts one actor from its
features (:mod:`analysis.actors.role_features`) with the evidence that decided
it. :mod:`analysis.actors.roles` documents the roles, the model and the evidence.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import InputError
from .role_features import FEATURES, _Features

__all__ = ["ROLES", "COLUMNS", "MODEL_PATH", "RoleModel", "load_role_model", "default_model", "role_row"]

ROLES = ("hero", "villain", "victim")
COLUMNS = ["role", "p_hero", "p_villain", "p_victim", "role_evidence"]
FORMAT = "rdf-role-model/1"
DATA = Path(__file__).parent / "data"
MODEL_PATH = DATA / "roles-model.json"


# ---------------------------------------------------------------- model

@dataclass
class RoleModel:
    """A multinomial logistic regression over :data:`FEATURES` (standardised by ``mean`` and ``scale``)."""
    feature_names: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray          # (roles, features), on standardised features
    intercept: np.ndarray     # (roles,)
    roles: list[str] = field(default_factory=lambda: list(ROLES))
    settings: dict = field(default_factory=dict)
    trained_on: dict = field(default_factory=dict)
    libraries: dict = field(default_factory=dict)

    def standardise(self, x: np.ndarray) -> np.ndarray:
        return (np.atleast_2d(x) - self.mean) / self.scale

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Class probabilities (rows sum to 1) for raw feature rows ``x``."""
        z = self.standardise(x) @ self.coef.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)

    def contributions(self, x: np.ndarray, k: int) -> np.ndarray:
        """Each feature's push toward role ``k`` against the mean of the roles."""
        w = self.coef[k] - self.coef.mean(axis=0)
        return self.standardise(x)[0] * w

    def to_json(self) -> dict:
        return {"format": FORMAT, "roles": self.roles, "feature_names": self.feature_names,
                "mean": self.mean.tolist(), "scale": self.scale.tolist(), "coef": self.coef.tolist(),
                "intercept": self.intercept.tolist(), "settings": self.settings, "trained_on": self.trained_on,
                "libraries": self.libraries}

    def save(self, path: Path | str) -> Path:
        path = Path(path)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1, sort_keys=False) + "\n",
                        encoding="utf-8")
        return path


def load_role_model(path: Path | str | None = None) -> RoleModel:
    """Read a role model written by :meth:`RoleModel.save` (JSON only: no code runs)."""
    path = Path(path) if path is not None else MODEL_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(path, "role model file not found") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(path, "not a role model (expected JSON written by benchmarks.train_roles)") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(path, f"not a role model (format is not {FORMAT})")
    try:
        model = RoleModel([str(f) for f in data["feature_names"]], np.asarray(data["mean"], float),
                          np.asarray(data["scale"], float), np.asarray(data["coef"], float),
                          np.asarray(data["intercept"], float), [str(r) for r in data["roles"]],
                          dict(data.get("settings", {})), dict(data.get("trained_on", {})),
                          dict(data.get("libraries", {})))
    except (KeyError, TypeError, ValueError):
        raise InputError(path, "role model file is incomplete or malformed") from None
    k, m = len(model.roles), len(model.feature_names)
    if (model.coef.shape != (k, m) or model.mean.shape != (m,) or model.scale.shape != (m,)
            or model.intercept.shape != (k,) or sorted(model.roles) != sorted(ROLES)
            or list(model.feature_names) != list(FEATURES)):
        raise InputError(path, "role model arrays do not match its roles and this version's features")
    return model


@lru_cache(maxsize=1)
def default_model() -> RoleModel:
    """The shipped model (``data/roles-model.json``), read once."""
    return load_role_model(MODEL_PATH)


def _explain(model: RoleModel, x: np.ndarray, found: _Features, k: int, top: int = 3) -> str:
    push = model.contributions(x, k)
    parts = []
    for j in np.argsort(-push, kind="stable"):
        if push[j] <= 0 or len(parts) >= top:
            break
        name = model.feature_names[j]
        if name in found.evidence:
            sid, words = found.evidence[name]
            sentence = " ".join(found.sentences.get(sid, "").split())
            if len(sentence) > 160:
                sentence = sentence[:157] + "..."
            parts.append(f'{words} in s{sid} "{sentence}" ({name} {push[j]:+.2f})')
        elif found.values.get(name, 0.0):
            parts.append(f"{name} = {found.values[name]:.2f} ({push[j]:+.2f})")
    return "; ".join(parts)


def role_row(model: RoleModel, found: _Features) -> tuple:
    """``role``, ``p_hero``, ``p_villain``, ``p_victim`` (rounded to 4 places) and
    ``role_evidence`` of one actor from its features."""
    x = found.vector()
    p = model.probabilities(x)[0]
    order = [model.roles.index(r) for r in ROLES]
    k = int(np.argmax(p))
    probs = [float(p[i]) for i in order]
    return (model.roles[k], *[round(v, 4) for v in probs], _explain(model, x, found, k))
