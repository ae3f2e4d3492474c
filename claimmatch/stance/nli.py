"""NLI for the stance engine: claimmatch's own shipped model, or any 3-label cross-encoder.

* :class:`OnnxNLI`: claimmatch's stance model (``DEFAULT_NLI``), a 4-layer MiniLM cross-encoder
  fine-tuned by ``training/train_stance.py`` and shipped as int8 ONNX in ``stance/model/``
  (see its ``MODEL_CARD.md``). Runs on onnxruntime + ``tokenizers``; loaded on first use.
* :class:`CrossEncoderNLI`: any sentence-transformers ``CrossEncoder`` (hub name or local path).

The premise is the fact-checked claim, the hypothesis the new claim. The label order is read
from the model config (``id2label``), matching names that contain ``entail``, ``contradict`` and
``neutral`` (case-insensitive). ``sentence_transformers`` is imported only when a model is loaded.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import threading
import weakref
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import numpy as np

from claimmatch.errors import ModelLoadError
from claimmatch.onnx_embedder import _available_cpus

__all__ = [
    "DEFAULT_NLI",
    "MODEL_DIR",
    "CrossEncoderNLI",
    "LabelMap",
    "NLIBackend",
    "NLIScores",
    "OnnxNLI",
    "default_nli_available",
    "map_labels",
    "parse_nli_option",
]

#: ``nli=DEFAULT_NLI`` selects claimmatch's own stance model (the default of StanceEngine/ClaimMatcher).
DEFAULT_NLI = "default"

#: Where the shipped stance model lives: ``model.onnx`` (int8), ``tokenizer.json``, ``config.json``.
MODEL_DIR = Path(__file__).resolve().parent / "model"

_MODEL_FILES = ("model.onnx", "tokenizer.json", "config.json")

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


_OFF = frozenset({"none", "off", "rules", "no", "false", ""})


def parse_nli_option(value: str | None) -> str | None:
    """Map a command-line or settings value to ``nli=``: ``"none"``/``"off"``/``"rules"`` -> ``None``."""
    if value is None or value.strip().lower() in _OFF:
        return None
    return value.strip()


def default_nli_available() -> str | None:
    """Return ``None`` when the shipped model can run here, else why not (for a warning)."""
    missing = [name for name in ("onnxruntime", "tokenizers") if importlib.util.find_spec(name) is None]
    if missing:
        return (
            f"{' and '.join(missing)} not installed (pip install onnxruntime tokenizers, or reinstall claimmatch)"
        )
    absent = [name for name in _MODEL_FILES if not (MODEL_DIR / name).is_file()]
    if absent:
        return f"the stance model files are missing from {MODEL_DIR}: {', '.join(absent)}"
    return None


class OnnxNLI:
    """A 3-label NLI cross-encoder exported to ONNX, run with onnxruntime on the CPU.

    The default is claimmatch's own stance model (:data:`MODEL_DIR`). Nothing is loaded until
    the first :meth:`predict` (or :meth:`load`), so creating a stance engine costs nothing.

    Each pair gets its own forward pass (no padding, one onnxruntime thread each) and up to
    ``threads`` pairs run at once. So a pair's scores never depend on the other pairs of the
    call: with int8 weights the activations are quantised per forward pass, and batching would
    make them depend on the batch.

    Args:
        path: A directory with ``model.onnx`` (inputs ``input_ids``, ``attention_mask``,
            ``token_type_ids``; output ``logits``), ``tokenizer.json`` and ``config.json``
            (``id2label``; optional ``max_length``).
        threads: Pairs scored at once; defaults to the CPUs this process may use (at most 4).

    Raises:
        ModelLoadError: A file is missing, onnxruntime/tokenizers are not installed, or the labels
            cannot be mapped (raised by :meth:`load`, i.e. on first use).
    """

    def __init__(self, path: str | Path = MODEL_DIR, *, threads: int | None = None) -> None:
        self.path = Path(path).expanduser()
        self.name = str(self.path)
        self.threads = max(1, threads or min(_available_cpus(), 4))
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None
        self._pool: ThreadPoolExecutor | None = None
        self.labels: LabelMap | None = None
        self.max_length = 128

    def __repr__(self) -> str:
        return f"OnnxNLI({self.name!r}, loaded={self._session is not None})"

    @property
    def loaded(self) -> bool:
        """True once the model has been loaded."""
        return self._session is not None

    def load(self) -> OnnxNLI:
        """Load the session and tokenizer now (idempotent, thread-safe); return ``self``."""
        with self._lock:
            if self._session is not None:
                return self
            absent = [name for name in _MODEL_FILES if not (self.path / name).is_file()]
            if absent:
                raise ModelLoadError(f"NLI model directory {self.path} lacks {', '.join(absent)}")
            try:
                import onnxruntime as ort  # type: ignore[import-untyped]
                from tokenizers import Tokenizer
            except ImportError as exc:
                raise ModelLoadError(
                    f"the ONNX stance model needs onnxruntime and tokenizers ({exc}); "
                    "pip install onnxruntime tokenizers, or use nli=None for rules only"
                ) from exc
            try:
                config = json.loads((self.path / "config.json").read_text("utf-8"))
            except (OSError, ValueError) as exc:
                raise ModelLoadError(f"cannot read {self.path / 'config.json'}: {exc}") from exc
            labels = map_labels(config.get("id2label"), model=repr(self.name))
            self.max_length = int(config.get("max_length", 128))
            tokenizer = Tokenizer.from_file(str(self.path / "tokenizer.json"))
            tokenizer.no_padding()
            tokenizer.enable_truncation(max_length=self.max_length, strategy="longest_first")
            options = ort.SessionOptions()
            options.intra_op_num_threads = 1  # parallelism is across pairs (see the class docstring)
            options.inter_op_num_threads = 1
            options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            try:
                session = ort.InferenceSession(
                    str(self.path / "model.onnx"), sess_options=options, providers=["CPUExecutionProvider"]
                )
            except Exception as exc:
                raise ModelLoadError(f"could not load {self.path / 'model.onnx'}: {type(exc).__name__}: {exc}") from exc
            self._input_names = [item.name for item in session.get_inputs()]
            self.labels = labels
            self._tokenizer = tokenizer
            self._session = session
        return self

    def _workers(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.threads, thread_name_prefix="claimmatch-nli")
                weakref.finalize(self, self._pool.shutdown, wait=False)
            return self._pool

    def _logits(self, encoding: Any) -> np.ndarray[Any, np.dtype[np.float32]]:
        ids = np.asarray(encoding.ids, dtype=np.int64)[None, :]
        arrays = {
            "input_ids": ids,
            "attention_mask": np.ones_like(ids),
            "token_type_ids": np.asarray(encoding.type_ids, dtype=np.int64)[None, :],
        }
        out = self._session.run(None, {name: arrays[name] for name in self._input_names})[0]
        return np.asarray(out[0], dtype=np.float32)

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[NLIScores]:
        """Return the label probabilities of each (premise, hypothesis) pair, in order."""
        if not pairs:
            return []
        self.load()
        assert self.labels is not None
        encodings = self._tokenizer.encode_batch([(premise, hypothesis) for premise, hypothesis in pairs])
        if len(encodings) == 1 or self.threads == 1:
            rows = [self._logits(e) for e in encodings]
        else:
            order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids), reverse=True)
            done = list(self._workers().map(self._logits, [encodings[i] for i in order]))
            rows = [np.empty(0, dtype=np.float32)] * len(encodings)
            for i, row in zip(order, done, strict=True):
                rows[i] = row
        out = []
        for row in rows:
            shifted = np.exp(row.astype(np.float64) - float(row.max()))
            probs = shifted / shifted.sum()
            out.append(
                NLIScores(
                    float(probs[self.labels.entailment]),
                    float(probs[self.labels.contradiction]),
                    float(probs[self.labels.neutral]),
                )
            )
        return out
