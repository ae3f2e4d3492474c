"""Optional NLI plug-in: a sentence-transformers ``CrossEncoder`` with three labels.

The premise is the fact-checked claim, the hypothesis the new claim. The label order is read
from the model config (``id2label``), matching names that contain ``entail``, ``contradict`` and
``neutral`` (case-insensitive). ``sentence_transformers`` is imported only when a model is loaded.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

import numpy as np

from claimmatch.errors import ModelLoadError

__all__ = ["CrossEncoderNLI", "LabelMap", "NLIBackend", "NLIScores", "map_labels"]

_NAMES = {"entailment": "entail", "contradiction": "contradict", "neutral": "neutral"}


class LabelMap(NamedTuple):
    """Output column of each NLI label."""

    entailment: int
    contradiction: int
    neutral: int


@dataclass(frozen=True, slots=True)
class NLIScores:
    """Probabilities of the three NLI labels for one (premise, hypothesis) pair."""

    entailment: float
    contradiction: float
    neutral: float

    @property
    def label(self) -> str:
        """Return the most probable label: ``"entailment"``, ``"contradiction"`` or ``"neutral"``."""
        return max(
            ("entailment", self.entailment),
            ("contradiction", self.contradiction),
            ("neutral", self.neutral),
            key=lambda item: item[1],
        )[0]

    @property
    def probability(self) -> float:
        """Return the probability of :attr:`label`."""
        return max(self.entailment, self.contradiction, self.neutral)


class NLIBackend(Protocol):
    """Anything that scores (premise, hypothesis) pairs, e.g. :class:`CrossEncoderNLI`."""

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[NLIScores]:
        """Return one :class:`NLIScores` per pair, in order."""
        ...


def map_labels(id2label: Mapping[Any, Any] | None, *, model: str = "the model") -> LabelMap:
    """Return the column of each NLI label from a config's ``id2label``.

    Raises:
        ModelLoadError: There are not exactly three labels, or one of entailment, contradiction
            and neutral cannot be found (e.g. generic ``LABEL_0`` names).
    """
    if not id2label or len(id2label) != 3:
        count = len(id2label) if id2label else 0
        raise ModelLoadError(
            f"NLI model {model} has {count} output labels, expected 3 (entailment, contradiction, neutral); "
            "use a cross-encoder trained for NLI, e.g. cross-encoder/nli-deberta-v3-small"
        )
    found: dict[str, int] = {}
    for key, name in id2label.items():
        text = str(name).lower()
        for label, needle in _NAMES.items():
            if needle in text:
                if label in found:
                    break
                found[label] = int(key)
                break
    missing = [label for label in _NAMES if label not in found]
    if missing or len(set(found.values())) != 3:
        labels = ", ".join(f"{k}={v!r}" for k, v in sorted(id2label.items(), key=lambda kv: int(kv[0])))
        raise ModelLoadError(
            f"cannot map the labels of NLI model {model} ({labels}) to entailment/contradiction/neutral "
            f"(missing: {', '.join(missing) or 'distinct columns'}); set model.config.id2label to names "
            "containing 'entail', 'contradict' and 'neutral' and save the model again"
        )
    if sorted(found.values()) != [0, 1, 2]:
        raise ModelLoadError(f"NLI model {model} label ids {sorted(found.values())} are not 0, 1, 2")
    return LabelMap(found["entailment"], found["contradiction"], found["neutral"])


class CrossEncoderNLI:
    """A three-label NLI cross-encoder loaded with sentence-transformers.

    Args:
        name_or_path: A model name on the Hugging Face hub or a local directory.
        batch_size: Pairs per forward pass.

    Raises:
        ModelLoadError: The model cannot be loaded, or its labels cannot be mapped.
    """

    def __init__(self, name_or_path: str, *, batch_size: int = 32) -> None:
        self.name = name_or_path
        self.batch_size = batch_size
        try:
            module = importlib.import_module("sentence_transformers")
            self._model: Any = module.CrossEncoder(name_or_path)
        except Exception as exc:
            raise ModelLoadError(
                f"could not load the NLI cross-encoder {name_or_path!r}: {type(exc).__name__}: {exc}; "
                "pass a local directory with a 3-label sequence-classification model (saved with "
                "save_pretrained) or a downloadable name, or use nli=None for rules only"
            ) from exc
        config = getattr(self._model, "config", None)
        if config is None:
            config = getattr(getattr(self._model, "model", None), "config", None)
        self.labels = map_labels(getattr(config, "id2label", None), model=repr(name_or_path))

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[NLIScores]:
        """Return the label probabilities of each (premise, hypothesis) pair, in one batched call."""
        if not pairs:
            return []
        raw = self._model.predict(
            [[premise, hypothesis] for premise, hypothesis in pairs],
            batch_size=self.batch_size,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        logits = np.asarray(raw, dtype=np.float64).reshape(len(pairs), -1)
        if logits.shape[1] != 3:
            raise ModelLoadError(
                f"NLI model {self.name!r} returned {logits.shape[1]} scores per pair, expected 3"
            )
        return [self._scores(row) for row in logits]

    def _scores(self, row: np.ndarray[Any, np.dtype[np.float64]]) -> NLIScores:
        if np.all(row >= 0) and abs(float(row.sum()) - 1.0) < 1e-4:
            probs = row
        else:
            shifted = np.exp(row - row.max())
            probs = shifted / shifted.sum()
        return NLIScores(
            float(probs[self.labels.entailment]),
            float(probs[self.labels.contradiction]),
            float(probs[self.labels.neutral]),
        )
