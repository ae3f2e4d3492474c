"""The FAISS vector store: vectors in an in-process FAISS index, saved in the index directory."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import faiss
import numpy as np
import numpy.typing as npt

from claimmatch.errors import CorruptIndexError, DimensionMismatchError, InvalidArgumentError
from claimmatch.filters import ClaimFilter
from claimmatch.vector_store import SearchResult

__all__ = ["INDEX_TYPES", "FaissVectorStore"]

#: The index structures this store can build.
INDEX_TYPES = ("auto", "flat")


class FaissVectorStore:
    """Unit vectors in a FAISS ``IndexIDMap2`` over an inner-product index.

    Args:
        dimension: The vector dimension.
        index_type: ``"flat"`` (exact search) or ``"auto"``.
    """

    backend = "faiss"

    def __init__(self, dimension: int, *, index_type: str = "auto") -> None:
        if index_type not in INDEX_TYPES:
            raise InvalidArgumentError(f"index_type must be one of {list(INDEX_TYPES)}, got {index_type!r}")
        self.dimension = dimension
        self.index_type = "flat"
        self._index: Any = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))

    @classmethod
    def create(
        cls, dimension: int, *, index_type: str = "auto", url: str | None = None, options: Mapping[str, Any]
    ) -> FaissVectorStore:
        """Create an empty store (the :func:`~claimmatch.vector_store.create_vector_store` hook)."""
        if url is not None:
            raise InvalidArgumentError("the faiss backend keeps its vectors in the index directory; drop url=")
        if options:
            raise InvalidArgumentError(f"the faiss backend takes no options, got {sorted(options)}")
        return cls(dimension, index_type=index_type)

    @classmethod
    def open(
        cls,
        description: Mapping[str, Any],
        data: bytes,
        *,
        dimension: int,
        where: Path,
        url: str | None = None,
        options: Mapping[str, Any],
    ) -> FaissVectorStore:
        """Read a saved store (the :func:`~claimmatch.vector_store.open_vector_store` hook)."""
        store = cls.create(dimension, url=url, options=options)
        try:
            loaded = faiss.deserialize_index(np.frombuffer(data, dtype=np.uint8))
        except RuntimeError as exc:
            raise CorruptIndexError(f"the FAISS file in {where} cannot be read ({exc}); rebuild the index") from exc
        if loaded.d != dimension:
            raise DimensionMismatchError(
                f"the FAISS file in {where} holds {loaded.d}-dimensional vectors but the manifest says "
                f"{dimension}; the directory is inconsistent: rebuild the index"
            )
        store._index = loaded if isinstance(loaded, faiss.IndexIDMap2) else faiss.IndexIDMap2(loaded)
        store.index_type = str(description.get("index_type", "flat"))
        return store

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def add(self, vectors: npt.NDArray[np.float32], ids: npt.NDArray[np.int64]) -> None:
        """Store unit ``vectors`` under ``ids``."""
        self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), ids)

    def remove(self, ids: npt.NDArray[np.int64]) -> None:
        """Delete the vectors with these ids."""
        self._index.remove_ids(ids)

    def reconstruct(self, int_id: int) -> npt.NDArray[np.float32]:
        """Return the stored vector of ``int_id``."""
        return np.asarray(self._index.reconstruct(int(int_id)), dtype=np.float32)

    def search(
        self,
        queries: npt.NDArray[np.float32],
        k: int,
        *,
        allowed: npt.NDArray[np.int64] | None = None,
        where: ClaimFilter | None = None,
    ) -> SearchResult:
        """Exact inner-product search; ``allowed`` runs inside FAISS as an ID selector."""
        params = None
        if allowed is not None:
            params = faiss.SearchParameters()
            params.sel = faiss.IDSelectorBatch(allowed)
        scores, found = self._index.search(np.ascontiguousarray(queries, dtype=np.float32), k, params=params)
        return scores, found

    def ids(self) -> npt.NDArray[np.int64]:
        """Return every stored id."""
        return np.asarray(faiss.vector_to_array(self._index.id_map), dtype=np.int64)

    def describe(self) -> dict[str, Any]:
        """Manifest entries: backend, index type and metric."""
        return {"backend": self.backend, "index_type": self.index_type, "metric": "inner_product"}

    def to_bytes(self) -> bytes:
        """The serialised FAISS index."""
        return bytes(faiss.serialize_index(self._index).tobytes())
