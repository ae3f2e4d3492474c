"""The FAISS vector store: vectors in an in-process FAISS index, saved in the index directory.

Three index structures (``index_type``), all searched by inner product over unit vectors
(cosine), all addressed by the index's int64 ids, all supporting add, upsert and remove:

``"flat"``
    ``IndexIDMap2(IndexFlatIP)``: exact search, 1,536 bytes of vectors per claim (384-d).
``"hnsw"``
    ``IndexIDMap2(IndexHNSWFlat)``: a graph over the exact vectors (``hnsw_m`` links per
    node), searched with ``ef_search`` candidates. Scores and :meth:`reconstruct` are exact;
    only *which* neighbours are found is approximate. FAISS cannot delete from an HNSW
    graph, so a removed vector becomes a *tombstone* (its id in the id map is set to -1 and
    every search excludes it with an ID selector); when tombstones exceed
    ``max_tombstones`` of the graph it is rebuilt from the live vectors.
``"ivfpq"``
    An inverted file over product-quantised codes (``IndexIVFPQ``, optionally behind an
    ``OPQ`` rotation), ``pq_m`` bytes per vector, searched in ``nprobe`` of ``nlist``
    lists; the best ``k * k_factor`` candidates are then **re-scored exactly** from the
    float32 vectors, which this store keeps beside the codes. Those exact vectors are what
    makes scores, :meth:`reconstruct` and recall exact-quality; with
    ``ClaimIndex.load(path, mmap=True)`` they stay on disk (memory-mapped) and RAM holds
    only the codes. Until the collection reaches ``train_at`` vectors the store is
    untrained and searches the exact vectors directly; it trains then, and retrains (new
    ``nlist``, codes rebuilt from the exact vectors) whenever the collection has grown
    ``retrain_growth`` times since the last training.

``"auto"`` (the default) starts flat and converts the store as the collection grows:
``hnsw`` from ``auto_hnsw_at`` vectors, ``ivfpq`` from ``auto_ivfpq_at`` (it never converts
back when claims are removed). ``docs/performance.md`` gives the measurements behind the
thresholds and the default search parameters.

Every parameter is recorded in the manifest (``index_params``). Build parameters are
fixed once the structure is built; search parameters (:data:`SEARCH_PARAMS`) and the
thresholds can be overridden with ``backend_options`` when creating or loading an index.

Filtered searches (``allowed``) run inside FAISS as ID selectors; when few ids are allowed
(at most ``exact_below``) an approximate structure would miss most of them, so those
searches are exact over the allowed vectors instead.
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import faiss
import numpy as np
import numpy.typing as npt

from claimmatch.errors import CorruptIndexError, DimensionMismatchError, InvalidArgumentError
from claimmatch.filters import ClaimFilter
from claimmatch.models import VerifiedClaim
from claimmatch.paging import advise_random_mappings, map_for_random_reads
from claimmatch.vector_store import SearchResult

__all__ = [
    "AUTO_HNSW_AT",
    "AUTO_IVFPQ_AT",
    "BUILD_PARAMS",
    "DEFAULT_PARAMS",
    "INDEX_TYPES",
    "SEARCH_PARAMS",
    "FaissVectorStore",
    "auto_ef_search",
    "auto_nlist",
]

#: The index structures this store can build (``"auto"`` picks one by collection size).
INDEX_TYPES = ("auto", "flat", "hnsw", "ivfpq")
_RANK = {"flat": 0, "hnsw": 1, "ivfpq": 2}

#: ``"auto"`` converts a flat store to HNSW from this many vectors.
AUTO_HNSW_AT = 20_000
#: ``"auto"`` converts the store to IVF-PQ (with exact re-scoring) from this many vectors.
AUTO_IVFPQ_AT = 2_000_000

#: Every parameter and its default (``nlist=0``: chosen from the collection size at training;
#: ``nprobe=0``: an eighth of the lists; ``ef_search=0``: grows with the collection, see
#: :func:`auto_ef_search` and ``docs/performance.md``).
DEFAULT_PARAMS: dict[str, Any] = {
    # thresholds
    "auto_hnsw_at": AUTO_HNSW_AT,
    "auto_ivfpq_at": AUTO_IVFPQ_AT,
    "exact_below": 20_000,
    "max_tombstones": 0.2,
    "train_at": 20_000,
    "retrain_growth": 4.0,
    # build parameters
    "hnsw_m": 32,
    "ef_construction": 80,
    "nlist": 0,
    "pq_m": 48,
    "opq": False,
    # search parameters
    "ef_search": 0,
    "nprobe": 0,
    "k_factor": 16,
}
#: Parameters that change how a built structure is searched; overridable on load.
SEARCH_PARAMS = ("ef_search", "nprobe", "k_factor", "exact_below")
#: Parameters fixed once a structure is built (a different value needs a rebuild).
BUILD_PARAMS = ("hnsw_m", "ef_construction", "nlist", "pq_m", "opq")
_THRESHOLDS = ("auto_hnsw_at", "auto_ivfpq_at", "max_tombstones", "train_at", "retrain_growth")
_BOOL_PARAMS = ("opq",)
_FLOAT_PARAMS = ("max_tombstones", "retrain_growth")
_AUTO_ZERO = ("nlist", "nprobe", "ef_search")  # 0 = chosen from the collection size

#: The IVF-PQ vectors file: magic, then a JSON header, then FAISS bytes, ids and vectors.
_MAGIC = b"CMIVFPQ1"
_ALIGN = 64
_CHUNK = 65_536
_NO_TOMBSTONES = (0, 2**62)  # an IDSelectorRange that accepts every real id, not -1


def auto_nlist(count: int) -> int:
    """The number of IVF lists for ``count`` vectors: a power of two near ``sqrt(count)``.

    At least 16, and at most ``count // 39`` (FAISS wants ~39 training points per list).
    """
    target = 2 ** round(math.log2(max(math.sqrt(max(count, 1)), 1.0)))
    return int(max(16, min(target, max(16, count // 39), 65_536)))


def auto_ef_search(count: int) -> int:
    """The HNSW ``ef_search`` for ``count`` vectors: ``64 * (count / 100,000) ** 0.78``, at least 48.

    Fitted to the smallest values that reached recall@10 >= 0.97 (0.96 at 1M) on CheckThat!
    train tweets: 48 at 10k, 64 at 100k, 384 at 1M (``docs/performance.md``).
    """
    return int(max(48, -(-64 * (max(count, 1) / 100_000) ** 0.78 // 16) * 16))


@contextmanager
def _openmp_threads(count: int) -> Iterator[None]:
    """Run FAISS with ``count`` OpenMP threads inside the block, in this thread only (an OpenMP ICV)."""
    before = faiss.omp_get_max_threads()
    if before == count:
        yield
        return
    faiss.omp_set_num_threads(count)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def _unit(vectors: npt.ArrayLike) -> npt.NDArray[np.float32]:
    return np.ascontiguousarray(vectors, dtype=np.float32)


def _check_params(params: Mapping[str, Any], allowed: tuple[str, ...] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in params.items():
        if key not in DEFAULT_PARAMS:
            raise InvalidArgumentError(
                f"unknown faiss backend option {key!r}; known: {sorted(DEFAULT_PARAMS)} (and mmap on load)"
            )
        if allowed is not None and key not in allowed:
            raise InvalidArgumentError(
                f"{key!r} is fixed when the index structure is built; rebuild the index to change it "
                f"(on load only {sorted(allowed)} can change)"
            )
        if key in _BOOL_PARAMS:
            if not isinstance(value, bool):
                raise InvalidArgumentError(f"faiss option {key!r} must be a bool, got {value!r}")
        elif key in _FLOAT_PARAMS:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise InvalidArgumentError(f"faiss option {key!r} must be a positive number, got {value!r}")
            value = float(value)
        elif isinstance(value, bool) or not isinstance(value, int) or value < (0 if key in _AUTO_ZERO else 1):
            raise InvalidArgumentError(f"faiss option {key!r} must be a positive int, got {value!r}")
        out[key] = value
    return out


class _ExactVectors:
    """Exact float32 vectors by int64 id, for IVF-PQ re-scoring and reconstruction.

    A *base* (sorted ids, vectors; read-only and possibly memory-mapped, with a live mask)
    as loaded from disk, plus *extra* vectors added since (sorted, in RAM). A removed base
    row is only marked dead; saving compacts.
    """

    def __init__(
        self, dimension: int, base_ids: npt.NDArray[np.int64] | None = None, base: npt.NDArray[np.float32] | None = None
    ) -> None:
        self.dimension = dimension
        self.base_ids = base_ids if base_ids is not None else np.empty(0, dtype=np.int64)
        self.base = base if base is not None else np.empty((0, dimension), dtype=np.float32)
        self.base_live = np.ones(len(self.base_ids), dtype=bool)
        self.base_count = len(self.base_ids)
        self.extra_ids = np.empty(0, dtype=np.int64)
        self.extra = np.empty((0, dimension), dtype=np.float32)

    def __len__(self) -> int:
        return self.base_count + len(self.extra_ids)

    def add(self, ids: npt.NDArray[np.int64], vectors: npt.NDArray[np.float32]) -> None:
        all_ids = np.concatenate([self.extra_ids, ids])
        order = np.argsort(all_ids, kind="stable")
        self.extra_ids = all_ids[order]
        self.extra = np.concatenate([self.extra, vectors])[order]

    def _find(
        self, ids: npt.NDArray[np.int64]
    ) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.bool_], npt.NDArray[np.intp]]:
        """Positions of ``ids`` in extra (with a hit mask) and in base (-1 where absent or dead)."""
        pos_e = np.searchsorted(self.extra_ids, ids)
        in_e = pos_e < len(self.extra_ids)
        in_e[in_e] = self.extra_ids[pos_e[in_e]] == ids[in_e]
        pos_b = np.searchsorted(self.base_ids, ids)
        ok = (pos_b < len(self.base_ids)) & ~in_e
        ok[ok] = (self.base_ids[pos_b[ok]] == ids[ok]) & self.base_live[pos_b[ok]]
        pos_b = np.where(ok, pos_b, -1)
        return pos_e, in_e, pos_b

    def remove(self, ids: npt.NDArray[np.int64]) -> None:
        pos_e, in_e, pos_b = self._find(ids)
        if in_e.any():
            keep = np.ones(len(self.extra_ids), dtype=bool)
            keep[pos_e[in_e]] = False
            self.extra_ids, self.extra = self.extra_ids[keep], self.extra[keep]
        dead = pos_b[pos_b >= 0]
        self.base_live[dead] = False
        self.base_count -= len(np.unique(dead))

    def get(self, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
        """The vectors of ``ids`` (every id must be present)."""
        flat = np.asarray(ids, dtype=np.int64).reshape(-1)
        out = np.empty((len(flat), self.dimension), dtype=np.float32)
        pos_e, in_e, pos_b = self._find(flat)
        if in_e.any():
            out[in_e] = self.extra[pos_e[in_e]]
        in_b = pos_b >= 0
        if in_b.any():
            rows = pos_b[in_b]
            order = np.argsort(rows)  # ascending rows: friendlier to a memory-mapped base
            gathered = np.empty((len(rows), self.dimension), dtype=np.float32)
            gathered[order] = self.base[rows[order]]
            out[in_b] = gathered
        missing = ~(in_e | in_b)
        if missing.any():
            raise KeyError(f"ids not stored: {flat[missing][:5].tolist()}")
        return out.reshape(*np.shape(ids), self.dimension)

    def ids(self) -> npt.NDArray[np.int64]:
        return np.concatenate([self.base_ids[self.base_live], self.extra_ids])

    def chunks(self, size: int = _CHUNK) -> Iterator[tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]]:
        """Every live ``(ids, vectors)``, in chunks, base first (reads a mapped base sequentially)."""
        for start in range(0, len(self.base_ids), size):
            live = self.base_live[start : start + size]
            yield self.base_ids[start : start + size][live], np.asarray(self.base[start : start + size][live])
        for start in range(0, len(self.extra_ids), size):
            yield self.extra_ids[start : start + size], self.extra[start : start + size]

    def sample(self, count: int, seed: int = 0) -> npt.NDArray[np.float32]:
        ids = self.ids()
        if count < len(ids):
            ids = np.sort(np.random.default_rng(seed).choice(ids, count, replace=False))
        return self.get(ids)


class FaissVectorStore:
    """Unit vectors in a FAISS index, addressed by int64 ids (see the module docstring).

    Args:
        dimension: The vector dimension.
        index_type: ``"auto"``, ``"flat"``, ``"hnsw"`` or ``"ivfpq"``.
        params: Overrides of :data:`DEFAULT_PARAMS`.
    """

    backend = "faiss"

    def __init__(self, dimension: int, *, index_type: str = "auto", params: Mapping[str, Any] | None = None) -> None:
        if index_type not in INDEX_TYPES:
            raise InvalidArgumentError(f"index_type must be one of {list(INDEX_TYPES)}, got {index_type!r}")
        self.dimension = dimension
        self.requested = index_type
        self.params: dict[str, Any] = {**DEFAULT_PARAMS, **_check_params(params or {})}
        explicit_pq_m = (params or {}).get("pq_m")
        if explicit_pq_m and dimension % int(explicit_pq_m):
            raise InvalidArgumentError(f"pq_m={explicit_pq_m} must divide the dimension {dimension}")
        self.index_type = "flat" if index_type == "auto" else index_type
        self.mapped = False
        self._mapped_path: Path | None = None
        self._index: Any = None
        self._tombstones = 0
        self._exact: _ExactVectors | None = None
        self._trained_count = 0
        self._nlist = 0
        self._nbits = 8
        self._positions: tuple[npt.NDArray[np.intp], npt.NDArray[np.int64]] | None = None
        self._reset(self.index_type)

    # ------------------------------------------------------------------ construction
    def _reset(self, index_type: str) -> None:
        """An empty structure of ``index_type``."""
        self.index_type = index_type
        self._tombstones = 0
        self._exact = None
        self._trained_count = 0
        self._nlist = 0
        self._positions = None
        if index_type == "flat":
            self._index = faiss.IndexIDMap2(faiss.IndexFlatIP(self.dimension))
        elif index_type == "hnsw":
            hnsw = faiss.IndexHNSWFlat(self.dimension, int(self.params["hnsw_m"]), faiss.METRIC_INNER_PRODUCT)
            hnsw.hnsw.efConstruction = int(self.params["ef_construction"])
            self._index = faiss.IndexIDMap2(hnsw)
        else:
            self._index = None  # untrained: the exact vectors are searched directly
            self._exact = _ExactVectors(self.dimension)

    @classmethod
    def create(
        cls, dimension: int, *, index_type: str = "auto", url: str | None = None, options: Mapping[str, Any]
    ) -> FaissVectorStore:
        """Create an empty store (the :func:`~claimmatch.vector_store.create_vector_store` hook).

        ``options`` are overrides of :data:`DEFAULT_PARAMS`.
        """
        if url is not None:
            raise InvalidArgumentError("the faiss backend keeps its vectors in the index directory; drop url=")
        return cls(dimension, index_type=index_type, params=options)

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
        """Read a saved store (the :func:`~claimmatch.vector_store.open_vector_store` hook).

        ``options`` may override the search parameters (:data:`SEARCH_PARAMS`) and the
        thresholds; ``{"mmap": True}`` memory-maps the vectors file instead of using
        ``data`` (which is then empty): see :meth:`ClaimIndex.load`.
        """
        if url is not None:
            raise InvalidArgumentError("the faiss backend keeps its vectors in the index directory; drop url=")
        options = dict(options)
        use_mmap = bool(options.pop("mmap", False))
        overrides = _check_params(options, SEARCH_PARAMS + _THRESHOLDS)
        recorded = description.get("index_params") or {}
        if not isinstance(recorded, Mapping):
            raise CorruptIndexError(f"{where}/manifest.json: index_params is not an object; rebuild the index")
        known = {key: value for key, value in recorded.items() if key in DEFAULT_PARAMS}
        try:
            params = {**_check_params(known), **overrides}
        except InvalidArgumentError as exc:
            raise CorruptIndexError(f"{where}/manifest.json: {exc}; rebuild the index") from exc
        index_type = str(description.get("index_type", "flat"))
        requested = str(description.get("index_type_requested", index_type))
        if index_type not in _RANK or requested not in INDEX_TYPES:
            raise CorruptIndexError(f"{where}/manifest.json names an unknown index_type {index_type!r}; rebuild")
        store = cls(dimension, index_type=index_type, params=params)
        store.requested = requested
        path = None
        if use_mmap:
            files = description.get("files") or {}
            entry = files.get("vectors") if isinstance(files, Mapping) else None
            if not isinstance(entry, Mapping) or not isinstance(entry.get("path"), str):
                raise CorruptIndexError(f"{where}/manifest.json does not name the vectors file; rebuild the index")
            path = where / str(entry["path"])
        try:
            if index_type == "ivfpq":
                store._open_ivfpq(data, path, description)
            else:
                store._open_faiss(data, path)
        except (RuntimeError, ValueError, struct.error, KeyError, TypeError) as exc:
            raise CorruptIndexError(f"the FAISS file in {where} cannot be read ({exc}); rebuild the index") from exc
        if store._loaded_dimension != dimension:
            raise DimensionMismatchError(
                f"the FAISS file in {where} holds {store._loaded_dimension}-dimensional vectors but the manifest "
                f"says {dimension}; the directory is inconsistent: rebuild the index"
            )
        return store

    def _open_faiss(self, data: bytes, path: Path | None) -> None:
        if path is not None:
            loaded = faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC)
            self.mapped, self._mapped_path = True, path
            advise_random_mappings(path)  # searches and reconstruct() read rows at random
        else:
            loaded = faiss.deserialize_index(np.frombuffer(data, dtype=np.uint8))
        self._loaded_dimension = int(loaded.d)
        self._index = loaded if isinstance(loaded, faiss.IndexIDMap2) else faiss.IndexIDMap2(loaded)
        if self.index_type == "hnsw":
            self._tombstones = int((self._id_map() < 0).sum())

    def _open_ivfpq(self, data: bytes, path: Path | None, description: Mapping[str, Any]) -> None:
        buffer: Any = data
        if path is not None:
            buffer = map_for_random_reads(path)  # re-scoring reads a few hundred exact vectors at random
            self.mapped, self._mapped_path = True, path
        view = memoryview(buffer)
        if bytes(view[:8]) != _MAGIC:
            raise ValueError("not an IVF-PQ vectors file")
        (header_len,) = struct.unpack("<Q", view[8:16])
        header = json.loads(bytes(view[16 : 16 + header_len]))
        count, dimension = int(header["count"]), int(header["dimension"])
        offsets = header["offsets"]
        self._loaded_dimension = dimension
        if int(offsets["vectors"]) + count * dimension * 4 > len(view):
            raise ValueError("the file is shorter than its header says")
        ids = np.frombuffer(buffer, dtype=np.int64, count=count, offset=int(offsets["ids"]))
        vectors = np.frombuffer(buffer, dtype=np.float32, count=count * dimension, offset=int(offsets["vectors"]))
        self._exact = _ExactVectors(dimension, ids, vectors.reshape(count, dimension))
        self._trained_count = int(header.get("trained_count", 0))
        self._nlist = int(header.get("nlist", 0))
        self._nbits = int(header.get("nbits", 8))
        if header["faiss_bytes"]:
            start = int(offsets["faiss"])
            codes = np.frombuffer(buffer, dtype=np.uint8, count=int(header["faiss_bytes"]), offset=start)
            self._index = faiss.deserialize_index(codes)
            if int(self._index.ntotal) != count:
                raise ValueError(f"{self._index.ntotal} codes for {count} vectors")
        else:
            self._index = None

    # ------------------------------------------------------------------ size and ids
    def __len__(self) -> int:
        if self.index_type == "ivfpq":
            assert self._exact is not None
            return len(self._exact)
        return int(self._index.ntotal) - self._tombstones

    def _id_map(self) -> npt.NDArray[np.int64]:
        """The ``IndexIDMap2`` id map as a writable view (position -> id, -1 for a tombstone)."""
        size = int(self._index.id_map.size())
        if not size:
            return np.empty(0, dtype=np.int64)
        view: npt.NDArray[np.int64] = faiss.rev_swig_ptr(self._index.id_map.data(), size)
        return view

    def _flat_vectors(self) -> npt.NDArray[np.float32]:
        """The flat or HNSW storage as an ``(ntotal, d)`` view (position order)."""
        inner: Any = faiss.downcast_index(self._index.index)
        storage: Any = inner if self.index_type == "flat" else faiss.downcast_index(inner.storage)
        count = int(storage.ntotal)
        if not count:
            return np.empty((0, self.dimension), dtype=np.float32)
        flat = faiss.rev_swig_ptr(storage.get_xb(), count * self.dimension)
        return np.asarray(flat).reshape(count, self.dimension)

    def ids(self) -> npt.NDArray[np.int64]:
        """Return every stored id."""
        if self.index_type == "ivfpq":
            assert self._exact is not None
            return self._exact.ids()
        id_map = np.array(self._id_map())
        return id_map[id_map >= 0]

    def _live(self) -> Iterator[tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]]:
        """Every live ``(ids, vectors)``, in chunks (for conversions and rebuilds)."""
        if self.index_type == "ivfpq":
            assert self._exact is not None
            yield from self._exact.chunks()
            return
        id_map, vectors = self._id_map(), self._flat_vectors()
        for start in range(0, len(id_map), _CHUNK):
            ids = id_map[start : start + _CHUNK]
            keep = ids >= 0
            yield ids[keep].copy(), np.array(vectors[start : start + _CHUNK][keep])

    # ------------------------------------------------------------------ updates
    def _unmap(self) -> None:
        """Before the first change to a memory-mapped flat/HNSW index: read it into RAM."""
        if self.mapped and self.index_type != "ivfpq" and self._mapped_path is not None:
            self._index = faiss.read_index(str(self._mapped_path))
            self.mapped = False

    def add(
        self,
        vectors: npt.NDArray[np.float32],
        ids: npt.NDArray[np.int64],
        *,
        claims: Sequence[VerifiedClaim] | None = None,
    ) -> None:
        """Store unit ``vectors`` under ``ids``; may convert, train or retrain (module docstring).

        ``claims`` is accepted for the :class:`~claimmatch.vector_store.VectorStore` protocol and
        ignored: filters reach this store as ``allowed`` ids.
        """
        vectors, ids = _unit(vectors), np.ascontiguousarray(ids, dtype=np.int64)
        if not len(ids):
            return
        self._positions = None
        target = self._auto_target(len(self) + len(ids))
        if target is not None:
            self._convert(target, extra=(ids, vectors))
            return
        self._unmap()
        if self.index_type == "ivfpq":
            assert self._exact is not None
            self._exact.add(ids, vectors)
            if self._index is not None:
                self._index.add_with_ids(vectors, ids)
            self._maybe_train()
        else:
            self._index.add_with_ids(vectors, ids)

    def remove(self, ids: npt.NDArray[np.int64]) -> None:
        """Delete the vectors with these ids (tombstones in an HNSW graph)."""
        ids = np.unique(np.ascontiguousarray(ids, dtype=np.int64))
        if not len(ids):
            return
        self._positions = None
        self._unmap()
        if self.index_type == "flat":
            self._index.remove_ids(ids)
        elif self.index_type == "hnsw":
            id_map = self._id_map()
            hit = np.isin(id_map, ids)
            id_map[hit] = -1
            self._tombstones += int(hit.sum())
            if self._tombstones > float(self.params["max_tombstones"]) * max(int(self._index.ntotal), 1):
                self._rebuild("hnsw")
        else:
            assert self._exact is not None
            self._exact.remove(ids)
            if self._index is not None:
                self._index.remove_ids(ids)

    def _auto_target(self, count: int) -> str | None:
        """The type ``"auto"`` wants at ``count`` vectors, if it is a step up from the current one."""
        if self.requested != "auto":
            return None
        wanted = "flat"
        if count >= int(self.params["auto_ivfpq_at"]):
            wanted = "ivfpq"
        elif count >= int(self.params["auto_hnsw_at"]):
            wanted = "hnsw"
        return wanted if _RANK[wanted] > _RANK[self.index_type] else None

    def _convert(
        self, index_type: str, extra: tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]] | None = None
    ) -> None:
        """Rebuild as ``index_type`` from the live vectors (plus ``extra`` new ones)."""
        parts = [(ids.copy(), vectors.copy()) for ids, vectors in self._live()]
        if extra is not None:
            parts.append(extra)
        self._reset(index_type)
        self.mapped, self._mapped_path = False, None
        if index_type == "ivfpq":
            assert self._exact is not None
            for ids, vectors in parts:
                self._exact.add(ids, vectors)
            self._maybe_train()
        else:
            for ids, vectors in parts:
                self._index.add_with_ids(vectors, ids)

    def _rebuild(self, index_type: str) -> None:
        self._convert(index_type)

    def _maybe_train(self) -> None:
        """Train IVF-PQ once ``train_at`` vectors exist; retrain after ``retrain_growth``-fold growth."""
        assert self._exact is not None
        count = len(self._exact)
        if count < int(self.params["train_at"]):
            return
        if self._index is not None and count < float(self.params["retrain_growth"]) * self._trained_count:
            return
        self.train()

    def train(self) -> None:
        """(Re)train the IVF-PQ structure on the stored exact vectors and re-encode them all."""
        if self.index_type != "ivfpq":
            raise InvalidArgumentError(f"only an ivfpq store is trained; this one is {self.index_type!r}")
        assert self._exact is not None
        count = len(self._exact)
        nlist = int(self.params["nlist"]) or auto_nlist(count)
        # the default code size (48 bytes) fits 384-d MiniLM vectors; other dimensions take
        # the largest divisor of the dimension that is not above it
        pq_m = max(m for m in range(1, int(self.params["pq_m"]) + 1) if self.dimension % m == 0)
        nbits = 8 if count >= 256 * 39 else max(4, min(8, int(math.log2(max(count // 39, 16)))))
        quantizer = faiss.IndexFlatIP(self.dimension)
        ivf = faiss.IndexIVFPQ(quantizer, self.dimension, nlist, pq_m, nbits, faiss.METRIC_INNER_PRODUCT)
        ivf.cp.niter = 10
        index: Any = ivf
        if self.params["opq"]:
            index = faiss.IndexPreTransform(faiss.OPQMatrix(self.dimension, pq_m), ivf)
        sample = self._exact.sample(min(count, max(64 * nlist, 256 * 64)))
        index.train(sample)
        for ids, vectors in self._exact.chunks():
            index.add_with_ids(np.ascontiguousarray(vectors), ids)
        self._index = index
        self._trained_count = count
        self._nlist = nlist
        self._nbits = nbits

    # ------------------------------------------------------------------ reading
    def reconstruct(self, int_id: int) -> npt.NDArray[np.float32]:
        """Return the stored vector of ``int_id`` (exact for every index type)."""
        if self.index_type == "ivfpq":
            assert self._exact is not None
            vector: npt.NDArray[np.float32] = self._exact.get(np.asarray([int(int_id)], dtype=np.int64))[0]
            return vector
        return np.asarray(self._index.reconstruct(int(int_id)), dtype=np.float32)

    def vectors(self, ids: npt.NDArray[np.int64]) -> npt.NDArray[np.float32]:
        """The exact vectors of ``ids`` (all present), one row each."""
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        if self.index_type == "ivfpq":
            assert self._exact is not None
            return self._exact.get(ids)
        if self._positions is None:  # id -> position, rebuilt after a change
            id_map = np.array(self._id_map())
            order = np.argsort(id_map, kind="stable")
            self._positions = (order, id_map[order])
        order, sorted_ids = self._positions
        found = np.searchsorted(sorted_ids, ids)
        if (found >= len(sorted_ids)).any() or (sorted_ids[np.minimum(found, len(sorted_ids) - 1)] != ids).any():
            raise KeyError("ids not stored")
        return np.array(self._flat_vectors()[order[found]])

    def search(
        self,
        queries: npt.NDArray[np.float32],
        k: int,
        *,
        allowed: npt.NDArray[np.int64] | None = None,
        where: ClaimFilter | None = None,
    ) -> SearchResult:
        """Inner-product search; ``allowed`` runs inside FAISS as an ID selector (or exactly, if few).

        A single query runs on one OpenMP thread: it has nothing to share out, and FAISS's
        idle workers spin on the other cores, where the query embedding and the stance rules
        of the same ``match()`` run next (measured in ``docs/performance.md``).
        """
        queries = _unit(queries)
        if len(queries) == 1:
            with _openmp_threads(1):
                return self._search(queries, k, allowed)
        return self._search(queries, k, allowed)

    def _search(self, queries: npt.NDArray[np.float32], k: int, allowed: npt.NDArray[np.int64] | None) -> SearchResult:
        count = len(self) if allowed is None else len(allowed)
        if self.index_type == "flat":
            return self._search_flat(queries, k, allowed)
        if allowed is not None and count <= int(self.params["exact_below"]):
            return self._search_exact_subset(queries, k, np.asarray(allowed, dtype=np.int64))
        if self.index_type == "hnsw":
            return self._search_hnsw(queries, k, allowed)
        return self._search_ivfpq(queries, k, allowed)

    def _search_flat(
        self, queries: npt.NDArray[np.float32], k: int, allowed: npt.NDArray[np.int64] | None
    ) -> SearchResult:
        params = None
        if allowed is not None:
            params = faiss.SearchParameters()
            params.sel = faiss.IDSelectorBatch(allowed)
        scores, found = self._index.search(queries, k, params=params)
        return scores, found

    def _widen(self, value: int, allowed: npt.NDArray[np.int64] | None) -> int:
        """Scale a search effort by the inverse of the allowed fraction (at most 16 times)."""
        if allowed is None or not len(self):
            return value
        return int(value * min(16.0, max(1.0, len(self) / max(len(allowed), 1))))

    def _search_hnsw(
        self, queries: npt.NDArray[np.float32], k: int, allowed: npt.NDArray[np.int64] | None
    ) -> SearchResult:
        params: Any = faiss.SearchParametersHNSW()  # type: ignore[attr-defined]
        ef_search = int(self.params["ef_search"]) or auto_ef_search(len(self))
        params.efSearch = max(self._widen(ef_search, allowed), k)
        selector: Any = None
        if allowed is not None:
            selector = faiss.IDSelectorBatch(allowed)
        elif self._tombstones:
            selector = faiss.IDSelectorRange(*_NO_TOMBSTONES)
        if selector is not None:
            params.sel = selector
        scores, found = self._index.search(queries, k, params=params)
        return scores, found

    def _search_ivfpq(
        self, queries: npt.NDArray[np.float32], k: int, allowed: npt.NDArray[np.int64] | None
    ) -> SearchResult:
        assert self._exact is not None
        if self._index is None:  # not trained yet: small, searched exactly
            ids = self._exact.ids() if allowed is None else np.asarray(allowed, dtype=np.int64)
            return self._search_exact_subset(queries, k, ids)
        params = faiss.SearchParametersIVF()
        nprobe = int(self.params["nprobe"]) or max(1, self._nlist // 8)
        params.nprobe = min(self._widen(nprobe, allowed), max(self._nlist, 1))
        selector = None
        if allowed is not None:
            selector = faiss.IDSelectorBatch(allowed)
            params.sel = selector
        depth = min(max(k * int(self.params["k_factor"]), k), len(self))
        _, candidates = self._index.search(queries, depth, params=params)  # OPQ: the rotation passes params on
        return self._rescore(queries, candidates, k)

    def _rescore(self, queries: npt.NDArray[np.float32], candidates: npt.NDArray[np.int64], k: int) -> SearchResult:
        """Exact inner products of each query with its candidates (-1 = none); the best ``k``."""
        assert self._exact is not None
        valid = candidates >= 0
        if not valid.any():
            return _top_k(np.full(candidates.shape, -np.inf, dtype=np.float32), candidates, k)
        filled = np.where(valid, candidates, candidates[valid][0])
        unique, inverse = np.unique(filled, return_inverse=True)  # queries of a batch share candidates
        table = queries @ self._exact.get(unique).T
        scores = np.take_along_axis(table, inverse.reshape(filled.shape), axis=1).astype(np.float32)
        scores[~valid] = -np.inf
        return _top_k(scores, candidates, k)

    def _search_exact_subset(
        self, queries: npt.NDArray[np.float32], k: int, ids: npt.NDArray[np.int64]
    ) -> SearchResult:
        """Exact search over the vectors of ``ids``."""
        if not len(ids):
            return np.full((len(queries), k), -np.inf, np.float32), np.full((len(queries), k), -1, np.int64)
        scores = queries @ self.vectors(ids).T
        return _top_k(scores, np.broadcast_to(ids, scores.shape), k)

    def describe(self) -> dict[str, Any]:
        """Manifest entries: backend, index type (built and requested), metric and every parameter."""
        params = dict(self.params)
        if self.index_type == "ivfpq":
            params["nlist"] = self._nlist or int(self.params["nlist"])
            params["trained_count"] = self._trained_count
            params["pq_nbits"] = self._nbits
        if self.index_type == "hnsw":
            params["tombstones"] = self._tombstones
        return {
            "backend": self.backend,
            "index_type": self.index_type,
            "index_type_requested": self.requested,
            "metric": "inner_product",
            "index_params": params,
        }

    def to_bytes(self) -> bytes:
        """The serialised store: a FAISS file (flat, HNSW), or the IVF-PQ container."""
        if self.index_type != "ivfpq":
            return bytes(faiss.serialize_index(self._index).tobytes())
        return b"".join(self._ivfpq_parts())

    def _ivfpq_parts(self) -> Iterator[bytes]:
        """The IVF-PQ container: magic, header, FAISS codes, sorted ids, float32 vectors."""
        assert self._exact is not None
        codes = faiss.serialize_index(self._index).tobytes() if self._index is not None else b""
        ids = self._exact.ids()
        order = np.argsort(ids, kind="stable")
        ids = ids[order]
        count = len(ids)
        offsets: dict[str, int] = {}
        header = {"count": count, "dimension": self.dimension, "faiss_bytes": len(codes), "offsets": offsets}
        header.update({"trained_count": self._trained_count, "nlist": self._nlist, "nbits": self._nbits})
        # Offsets depend on the header length, which depends on the offsets: reserve room.
        placeholder = 16 + len(json.dumps({**header, "offsets": {"faiss": 10**15, "ids": 10**15, "vectors": 10**15}}))
        position = _aligned(placeholder)
        offsets["faiss"] = position
        position = _aligned(position + len(codes))
        offsets["ids"] = position
        position = _aligned(position + 8 * count)
        offsets["vectors"] = position
        text = json.dumps(header).encode("utf-8")
        head = _MAGIC + struct.pack("<Q", len(text)) + text
        yield head + b"\0" * (offsets["faiss"] - len(head))
        yield codes + b"\0" * (offsets["ids"] - offsets["faiss"] - len(codes))
        yield ids.tobytes() + b"\0" * (offsets["vectors"] - offsets["ids"] - 8 * count)
        for start in range(0, count, _CHUNK):
            yield self._exact.get(ids[start : start + _CHUNK]).tobytes()


def _aligned(position: int) -> int:
    return -(-position // _ALIGN) * _ALIGN


def _top_k(scores: npt.NDArray[np.float32], ids: npt.NDArray[np.int64], k: int) -> SearchResult:
    """The ``k`` best ``(scores, ids)`` per row, best first; -1 ids where fewer exist."""
    rows, width = scores.shape
    take = min(k, width)
    if take < width:
        part = np.argpartition(-scores, take - 1, axis=1)[:, :take]
    else:
        part = np.broadcast_to(np.arange(width), (rows, width))
    part_scores = np.take_along_axis(scores, part, axis=1)
    order = np.argsort(-part_scores, axis=1, kind="stable")
    best = np.take_along_axis(part, order, axis=1)
    out_scores = np.full((rows, k), -np.inf, dtype=np.float32)
    out_ids = np.full((rows, k), -1, dtype=np.int64)
    out_scores[:, :take] = np.take_along_axis(scores, best, axis=1)
    out_ids[:, :take] = np.take_along_axis(np.asarray(ids), best, axis=1)
    out_ids[~np.isfinite(out_scores)] = -1
    return out_scores, out_ids
