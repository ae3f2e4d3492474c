"""Where an index keeps its vectors: the ``VectorStore`` interface and its backends.

:class:`~claimmatch.ClaimIndex` owns the claims, their ids and the BM25 part; the vectors
live in a *vector store* chosen with ``backend=``:

* ``"faiss"`` (the default): an in-process FAISS index, saved inside the index directory
  (:mod:`claimmatch.faiss_store`).
* ``"qdrant"``: a Qdrant collection, in Qdrant's embedded local mode or on a server
  (:mod:`claimmatch.qdrant_store`, the ``claimmatch[qdrant]`` extra).

Every store speaks in int64 ids (the index maps them to claim ids) and unit float32
vectors, so scores are cosine similarities.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from claimmatch.errors import InvalidArgumentError
from claimmatch.filters import ClaimFilter
from claimmatch.models import VerifiedClaim

__all__ = [
    "BACKENDS",
    "SearchResult",
    "VectorStore",
    "create_vector_store",
    "open_vector_store",
]

#: ``(scores, ids)``, each of shape ``(queries, k)``; missing results have id ``-1``.
SearchResult = tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]

#: Backend name -> ``"module:ClassName"`` of its :class:`VectorStore` (imported on first use).
BACKENDS: dict[str, str] = {
    "faiss": "claimmatch.faiss_store:FaissVectorStore",
    "qdrant": "claimmatch.qdrant_store:QdrantVectorStore",
}


@runtime_checkable
class VectorStore(Protocol):
    """The vectors of an index, addressed by int64 id.

    Implementations need not be thread-safe: :class:`~claimmatch.ClaimIndex` calls them
    under its lock.
    """

    #: The backend name recorded in the manifest (``"faiss"``, ``"qdrant"``).
    backend: str
    #: The vector dimension.
    dimension: int

    def __len__(self) -> int:
        """Return the number of stored vectors."""

    def add(
        self,
        vectors: npt.NDArray[np.float32],
        ids: npt.NDArray[np.int64],
        *,
        claims: Sequence[VerifiedClaim] | None = None,
    ) -> None:
        """Store unit ``vectors`` (``(n, dimension)``) under new ``ids``.

        ``claims`` are the claims behind the vectors, row for row: stores that filter
        natively (Qdrant) keep the metadata that :class:`ClaimFilter` needs beside each
        vector; others ignore it. :class:`~claimmatch.ClaimIndex` always passes them, and an
        upsert re-adds the replaced claims, so that metadata follows every update.
        """

    def remove(self, ids: npt.NDArray[np.int64]) -> None:
        """Delete the vectors with these ids (all of them are present)."""

    def reconstruct(self, int_id: int) -> npt.NDArray[np.float32]:
        """Return the stored vector of ``int_id`` (approximate for compressed index types)."""

    def search(
        self,
        queries: npt.NDArray[np.float32],
        k: int,
        *,
        allowed: npt.NDArray[np.int64] | None = None,
        where: ClaimFilter | None = None,
    ) -> SearchResult:
        """Return the ``k`` best ids per unit query vector, by inner product, best first.

        Args:
            queries: ``(q, dimension)`` unit vectors.
            k: Results per query (at most the number of allowed vectors).
            allowed: Sorted ids the search is restricted to, or ``None`` for all.
            where: The filter ``allowed`` was computed from, for stores that filter
                natively (Qdrant payload filters); ``allowed`` is always consistent with it.
        """

    def ids(self) -> npt.NDArray[np.int64]:
        """Return every stored id."""

    def describe(self) -> dict[str, Any]:
        """Return the manifest entries describing this store (``backend``, ``index_type``, ...)."""

    def to_bytes(self) -> bytes:
        """Serialise the store for the index directory's vectors file."""


def _store_class(backend: str) -> Any:
    if not isinstance(backend, str) or backend not in BACKENDS:
        raise InvalidArgumentError(f"backend must be one of {sorted(BACKENDS)}, got {backend!r}")
    module_name, _, class_name = BACKENDS[backend].partition(":")
    return getattr(importlib.import_module(module_name), class_name)


def create_vector_store(
    backend: str,
    dimension: int,
    *,
    index_type: str = "auto",
    url: str | None = None,
    options: Mapping[str, Any] | None = None,
) -> VectorStore:
    """Create an empty vector store.

    Args:
        backend: ``"faiss"`` or ``"qdrant"``.
        dimension: The vector dimension.
        index_type: The index structure (backend-specific; ``"auto"`` picks by collection size).
        url: Where the store lives, for server backends (e.g. ``"http://qdrant:6333"``).
        options: Further backend-specific settings (e.g. ``api_key``, ``collection``).
    """
    store: VectorStore = _store_class(backend).create(
        dimension, index_type=index_type, url=url, options=dict(options or {})
    )
    return store


def open_vector_store(
    description: Mapping[str, Any],
    data: bytes,
    *,
    dimension: int,
    where: Path,
    url: str | None = None,
    options: Mapping[str, Any] | None = None,
) -> VectorStore:
    """Re-open a saved vector store from its manifest ``description`` and vectors file ``data``.

    Raises:
        CorruptIndexError: the data cannot be read.
        DimensionMismatchError: the stored vectors have another dimension than the manifest.
    """
    backend = str(description.get("backend", "faiss"))
    store: VectorStore = _store_class(backend).open(
        description, data, dimension=dimension, where=where, url=url, options=dict(options or {})
    )
    return store
